"""DOCX templates of the loan application (Zał. 8), the retiree's statement (Zał. 11),
the bank account information (Zał. 12) and the income groups plan (Zał. 3)."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph
from docxkit import Builder

from docx_forms.umowa import grid

APPLICANT = "{{ a.imie }} {{ a.nazwisko }}"
LINE = "…" * 24
BOUNDARY_RULE = ("Dochód równy kwocie granicznej zalicza się do niższej grupy: grupa „do X zł” "
                 "obejmuje kwotę X zł, a następna grupa („od X zł”) obejmuje dochody wyższe niż X zł. "
                 "Każdy dochód należy więc do dokładnie jednej grupy.")
PLACE_DATE = "{{ miejscowosc }}, dnia {{ podanie.data|data }}"
GROUP = ("{% if g.od is none %}do {{ g.do|kwota }}"
         "{% elif g.do is none %}powyżej {{ g.od|kwota }}"
         "{% else %}od {{ g.od|kwota }} do {{ g.do|kwota }}{% endif %}")


def _styled(para: Paragraph, index: int, *, underline: bool = False, strike: bool = False) -> None:
    """Underline or strike out one run of a paragraph (docxkit's runs know bold/italic only)."""
    run = para.runs[index]
    run.underline = underline or None
    run.font.strike = strike or None


def _rule(b: Builder) -> None:
    """An empty paragraph with a solid line under it, between the application and the opinion."""
    para = b.para("", after=6)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    para._p.get_or_add_pPr().append(borders)
    para.paragraph_format.keep_with_next = True


# --- Zał. 8 -----------------------------------------------------------------------------

def _loan_head(b: Builder) -> None:
    """Place and date, the applicant's three lines, the addressee."""
    b.annex()
    b.tag("{%p set a = podanie.wnioskodawca %}")
    b.para(PLACE_DATE, align="right")
    b.para("")
    grid(b, [["B:C:" + APPLICANT, ""], ["S:(imię i nazwisko)", ""],
             ["B:C:{{ stanowisko|dots(30) }}", ""], ["S:(stanowisko)", ""],
             ["B:C:{{ a.adres|dots(30) }}", "B:{{ instytucja.dyrektor.stanowisko }}"],
             ["S:(adres zamieszkania)", "B:w miejscu"]], [80, 80], size=11)
    b.para("")
    b.title("Podanie")


def _purposes(b: Builder) -> None:
    """The request, §15's purposes with the chosen one marked, the installments."""
    b.para("Proszę o przyznanie mi pożyczki na cele mieszkaniowe w wysokości ",
           ("b", "{{ podanie.kwota|kwota }}"), " (słownie: {{ podanie.kwota|slownie }}) z Zakładowego "
           "Funduszu Świadczeń Socjalnych z przeznaczeniem na (", ("i", "proszę podkreślić właściwy punkt"),
           "):")
    b.tag("{%p for c in cele %}")
    item = b.para("{{ c.wybrany|pole }}\t{% if c.wybrany %}", ("b", "{{ c.opis }}"), "{% else %}{{ c.opis }}"
                  '{% endif %}{{ "." if loop.last else ";" }}', align="left", indent=11, after=1)
    item.paragraph_format.first_line_indent = Mm(-6)
    _styled(item, 1, underline=True)
    b.tag("{%p if c.wybrany and c.kosztorys %}")
    b.para("z przeznaczeniem na: ", ("b", "{{ kosztorys.przeznaczenie if kosztorys else none|dots(40) }}"),
           align="left", indent=10, after=0)
    b.para(("s", "(przeznaczenie pożyczki remontowej)"), align="center", indent=10)
    b.tag("{%p endif %}")
    b.tag("{%p endfor %}")
    b.para("")
    terms = b.para("Otrzymaną pożyczkę planuję spłacać w {% for n in okresy %}"
                   "{% if n == podanie.okres_miesiecy %}", ("b", "{{ n }}"), "{% else %}", "{{ n }}",
                   '{% endif %}{{ " / " if not loop.last }}{% endfor %} ratach (',
                   ("i", "niepotrzebne skreślić"), ").")
    _styled(terms, 3, strike=True)


def _documents(b: Builder) -> None:
    """Załączam następujące dokumenty, the last loan, the applicant's signature."""
    b.para("Załączam następujące dokumenty:", after=1)
    b.tag("{%p if zalaczniki %}")
    b.tag("{%p for z in zalaczniki %}")
    b.para('{{ loop.index }}. {{ z }}{{ "." if loop.last else ";" }}', align="left", indent=5, after=1)
    b.tag("{%p endfor %}")
    b.tag("{%p else %}")
    b.para("…" * 60, align="left", after=0)
    b.para(("s", "(załączone dokumenty)"), align="center")
    b.tag("{%p endif %}")
    b.para("")
    b.tag("{%p if podanie.ostatnia_pozyczka_splacona %}")
    b.para("W roku ", ("b", "{{ podanie.ostatnia_pozyczka_rok|dots(8) }}"),
           " {{ slowa.otrzymalem }} pożyczkę z ZFŚS na cele mieszkaniowe, ostatnią ratę "
           "{{ slowa.splacilem }} w dniu ", ("b", "{{ podanie.ostatnia_pozyczka_splacona|data }}"))
    b.tag("{%p else %}")
    b.para("Dotychczas nie {{ slowa.otrzymalem }} pożyczki z ZFŚS na cele mieszkaniowe.")
    b.tag("{%p endif %}")
    b.signature("(własnoręczny podpis)")


def _option(b: Builder, text: str) -> None:
    """An unticked option of the committee's opinion, with a hanging indent."""
    para = b.para("{{ false|pole }}\t" + text, align="left", indent=11, after=2)
    para.paragraph_format.first_line_indent = Mm(-6)


def _opinion(b: Builder) -> None:
    """The social committee's opinion and the director's acceptance, left to fill by hand."""
    _rule(b)
    heading = [b.para("{{ instytucja.adres.miejscowosc }}, dnia {{ none|dots(16) }} roku", align="right"),
               b.para(("b", "Opinia Komisji Socjalnej"), align="center", size=12),
               b.para("Komisja Socjalna wnioskuje o:")]
    for para in heading:
        para.paragraph_format.keep_with_next = True
    _option(b, "przyznanie pożyczki mieszkaniowej w wysokości {{ none|dots(14) }} złotych. Szczegółowe "
               "warunki, wysokość oraz forma pożyczki zostaną określone w umowie zawartej z pożyczkobiorcą;")
    _option(b, "nie przyznanie pożyczki mieszkaniowej. Uzasadnienie: {{ none|dots(40) }} {{ none|dots(70) }}")
    b.para("Podpisy komisji:")
    dots = "…" * 12
    grid(b, [["", "", ""], [f"1. {dots}", f"2. {dots}", f"3. {dots}"], ["", "", ""],
             [f"4. {dots}", f"5. {dots}", ""]], [55, 55, 55], size=11)
    b.para("")
    grid(b, [["", "C:Akceptuję"], ["", ""], ["", "C:" + "…" * 18], ["", "S:Pieczęć i podpis Dyrektora"]],
         [80, 80], size=11)


def _estimate(b: Builder) -> None:
    """Orientacyjny kosztorys remontu: on its own page, only for a repair loan."""
    b.tag("{%p if kosztorys %}")
    b.page_break()
    b.para(PLACE_DATE, align="right")
    b.para("")
    b.title("Orientacyjny kosztorys remontu")
    b.para("Planuję remont ", ("b", "{{ kosztorys.remont }}"), ".")
    grid(b, [["B:C:L.p.", "B:Przeznaczenie (materiały, robocizna)", "B:R:Orientacyjny koszt"],
             ["{%tr for p in kosztorys.pozycje %}", "", ""],
             ["R:{{ loop.index }}.", "{{ p.opis }}", "R:{{ p.koszt|kwota }}"],
             ["{%tr endfor %}", "", ""],
             ["", "B:Razem", "R:B:{{ kosztorys.razem|kwota }}"]], [14, 112, 40], borders=True)
    b.para("")
    b.para("")
    b.para(LINE, align="right", after=0)
    b.para(("s", APPLICANT), align="right", after=0)
    b.para(("s", "(imię i nazwisko)"), align="right")
    b.tag("{%p endif %}")


def zfss_podanie_pozyczka(b: Builder) -> None:
    """ZFSS Zał. 8: the application, the committee's opinion and, for a repair, the estimate."""
    _loan_head(b)
    _purposes(b)
    _documents(b)
    _opinion(b)
    _estimate(b)


# --- Zał. 11 ----------------------------------------------------------------------------

def zfss_oswiadczenie_niezatrudnienie(b: Builder) -> None:
    """ZFSS Zał. 11: a retiree's statement of not being employed by another employer."""
    b.annex()
    b.tag("{%p set a = oswiadczenie.wnioskodawca %}")
    b.para("{{ miejscowosc }}, dnia {{ oswiadczenie.data|data }}", align="right")
    b.para("")
    grid(b, [["B:C:" + APPLICANT, ""], ["S:(imię i nazwisko)", ""]], [80, 80], size=11)
    b.para("")
    b.para("")
    b.title("Oświadczenie o niepozostawaniu w zatrudnieniu", "u innego pracodawcy")
    statement = b.para("Oświadczam, że moim ostatnim miejscem pracy był {{ instytucja.nazwa }}, a po przejściu "
                       "na emeryturę/rentę nie pozostaję w zatrudnieniu w ramach stosunku pracy w innym "
                       "zakładzie pracy.")
    statement.paragraph_format.first_line_indent = Pt(28)
    statement.paragraph_format.line_spacing = 1.5
    b.para("")
    b.signature("(własnoręczny podpis)")


# --- Zał. 12 ----------------------------------------------------------------------------

def zfss_rachunek_bankowy(b: Builder) -> None:
    """ZFSS Zał. 12: the account the fund's benefits are paid to."""
    b.annex()
    b.tag("{%p set i = informacja %}")
    b.tag("{%p set a = informacja.wnioskodawca %}")
    grid(b, [["", "B:C:{{ miejscowosc }}, {{ i.data|data }}"], ["", "S:(data i miejscowość)"]],
         [80, 80], size=11)
    b.para("")
    grid(b, [["B:C:" + APPLICANT, ""], ["S:(imię i nazwisko)", "B:{{ instytucja.nazwa }}"],
             ["B:C:{{ a.adres|dots(30) }}", ""], ["S:(adres zamieszkania)", ""]], [80, 80], size=11)
    b.para("")
    b.title("Informacja dot. numeru rachunku bankowego")
    b.para("Zgodnie z postanowieniami {{ regulamin.tytul_dopelniacz }} obowiązującego "
           "w {{ instytucja.nazwa_miejscownik }} wskazuję poniżej mój aktualny numer rachunku bankowego, "
           "przeznaczony do wypłaty przyznanego mi świadczenia z Funduszu:")
    b.para("")
    b.para(("b", "Bank"), align="left", after=1)
    b.para(("b", "{{ i.bank }}"), align="left", size=12)
    b.para(("b", "Nr"), align="left", after=1)
    account = b.para(("b", "{{ i.rachunek|konto }}"), align="left", size=12)
    account.runs[0].font.name = "Courier New"
    b.para("")
    b.para("Ponadto zobowiązuję się do bieżącego informowania {{ instytucja.nazwa_dopelniacz }} "
           "o każdorazowej zmianie wyżej wskazanego numeru rachunku bankowego.")
    b.signature("(własnoręczny podpis)")


# --- Zał. 3 -----------------------------------------------------------------------------

def _members(b: Builder) -> None:
    """Eight numbered member slots in two columns."""
    member = "{n}. {{{{ sklad[{i}]|dots(18) }}}}"
    grid(b, [[member.format(n=i + 1, i=i), member.format(n=i + 5, i=i + 4)] for i in range(4)],
         [80, 80], size=11)


def _board_signatures(b: Builder) -> None:
    """Podpisy: eight dotted lines, each known member's name under theirs."""
    b.para("")
    b.para(("b", "Podpisy:"), align="left")
    caption = "S:{{% if sklad[{i}] %}}({{{{ sklad[{i}] }}}}){{% endif %}}"
    rows: list[list[str]] = []
    for i in range(4):
        rows += [["", ""], [f"{n + 1}. " + "…" * 15 for n in (i, i + 4)],
                 [caption.format(i=n) for n in (i, i + 4)]]
    grid(b, rows, [80, 80], size=11)


def zfss_grupy_dochodowe(b: Builder) -> None:
    """ZFSS Zał. 3: the year's income groups with the boundary rule, by the employees' meeting."""
    b.annex()
    b.title("Plan podziału na grupy dochodowe w {{ plan.rok }} roku")
    b.para("W dniu ", ("b", "{{ plan.data_posiedzenia|data }}"), " na spotkaniu przedstawiciele "
           "pracowników zatrudnionych w {{ instytucja.nazwa_miejscownik }} w składzie:")
    _members(b)
    b.para("")
    b.para("opracowano następujący plan podziału na grupy dochodowe w zależności od średniego dochodu "
           "{{ podstawa }} na jednego członka gospodarstwa domowego:")
    header = "B:C:Średni miesięczny dochód {{ podstawa }} na jednego członka gospodarstwa domowego"
    grid(b, [["B:C:Numer grupy", header],
             ["{%tr for g in grupy %}", ""], ["C:{{ g.numer }}", "B:" + GROUP], ["{%tr endfor %}", ""]],
         [30, 136], borders=True, size=11)
    b.para("")
    b.para(("s", BOUNDARY_RULE))
    _board_signatures(b)


def zfss_wykonanie_planu(b: Builder) -> None:
    """The yearly report: granted per part of the fund plan against the plan (from the register)."""
    b.para("{{ miejscowosc }}, dnia {{ sprawozdanie.data|data }}", align="right")
    b.title("Sprawozdanie z wykonania planu podziału środków",
            "Zakładowego Funduszu Świadczeń Socjalnych za {{ sprawozdanie.rok }} rok")
    b.para("W {{ instytucja.nazwa_miejscownik }} w {{ sprawozdanie.rok }} roku ze środków Zakładowego Funduszu "
           "Świadczeń Socjalnych przyznano świadczenia i pożyczki w następujących wysokościach, w podziale na "
           "części planu:")
    grid(b, [["B:S:Lp.", "B:S:Część planu", "B:S:Plan", "B:S:Przyznano", "B:S:Liczba świadczeń", "B:S:Pozostało",
              "B:S:Wykonanie"],
             ["{%tr for w in wiersze %}", "", "", "", "", "", ""],
             ["R:{{ loop.index }}.", "{{ w.nazwa }}", "R:{{ w.plan|kwota(8) }}", "R:{{ w.przyznano|kwota(8) }}",
              "R:{{ w.liczba|dots(4) }}", "R:{{ w.pozostalo|kwota(8) }}", "R:{{ w.procent|procent(4) }}"],
             ["{%tr endfor %}", "", "", "", "", "", ""],
             ["", "B:Razem", "B:R:{{ razem.plan|kwota(8) }}", "B:R:{{ razem.przyznano|kwota(8) }}", "",
              "B:R:{{ razem.pozostalo|kwota(8) }}", "B:R:{{ razem.procent|procent(4) }}"]],
         [11, 48, 24, 24, 19, 24, 20], borders=True, size=9.5)
    b.para(("s", "{% if z_rejestru %}Kwoty przyznane: z rejestru wydanych dokumentów (decyzje Komisji Socjalnej i "
                 "umowy pożyczek).{% else %}Kwoty przyznane: według danych sprawozdania.{% endif %}"
                 "{% if zrodlo_planu %} Plan: {{ zrodlo_planu }}.{% endif %}"), align="left")
    b.signatures("(sporządził{% if sprawozdanie.sporzadzil %}: {{ sprawozdanie.sporzadzil }}{% endif %})",
                 "({{ instytucja.dyrektor.stanowisko }} – podpis)")
