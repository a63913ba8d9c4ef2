"""DOCX templates of the child-protection documents: incident card, service notes, help plan,
image consent and the candidate's statement."""

from __future__ import annotations

from docx.shared import Mm
from docxkit import Builder

from docx_forms.umowa import grid

LINE = "…" * 40  # one full dotted line to fill by hand
INDENT = 5  # mm, the answers under an item's label
CHILD = ("{{ dziecko.imie }} {{ dziecko.nazwisko }}")
BORN = ("{% if dziecko.data_urodzenia %}{{ dziecko.data_urodzenia|data }}"
        "{% else %}{{ none|data }}{% endif %}")
TIME = "{% if T %}{{ T }}{% else %}{{ none|dots(6) }}{% endif %}"


def _time(expr: str) -> str:
    """A time value, or a short dotted line."""
    return TIME.replace("T", expr)


def _label(b: Builder, text: str) -> None:
    b.para(text, align="left", after=0).paragraph_format.keep_with_next = True


def _answer(b: Builder, *runs: str | tuple[str, str]) -> None:
    b.para(*runs, align="left", indent=INDENT, after=6)


def _lines(b: Builder, count: int) -> None:
    for _ in range(count):
        b.para(LINE, align="left", indent=INDENT, after=0)


def _text_or_lines(b: Builder, expr: str, count: int, quote: bool = False) -> None:
    """Free text split into paragraphs, or dotted lines to fill by hand."""
    b.tag("{%p for line in " + expr + "|akapity %}")
    b.para(("bi" if quote else "b", "„{{ line }}”" if quote else "{{ line }}"), align="left",
           indent=INDENT, after=2)
    b.tag("{%p else %}")
    _lines(b, count)
    b.tag("{%p endfor %}")
    b.para("", after=0)


def _items_or_lines(b: Builder, expr: str, count: int) -> None:
    """A dashed list of short texts, or dotted lines."""
    b.tag("{%p for item in " + expr + " %}")
    b.para("– ", ("b", "{{ item }}"), align="left", indent=INDENT, after=0)
    b.tag("{%p else %}")
    _lines(b, count)
    b.tag("{%p endfor %}")
    b.para("", after=0)


def _head(b: Builder, date: str) -> None:
    """The institution (left) and 'town, dnia …' (right), side by side."""
    grid(b, [["{{ instytucja.nazwa }}", "R:{{ miejscowosc }}, dnia " + date],
             ["{{ instytucja.adres.line() }}", ""]], [90, 78], size=10.5)
    b.para("")


def _dated_signatures(b: Builder, date: str, *captions: str) -> None:
    """Signature lines side by side, each with 'Data: …' above and its caption below."""
    b.para("")
    grid(b, [["Data: " + date for _ in captions], ["" for _ in captions],
             ["C:" + "…" * 22 for _ in captions], ["S:" + c for c in captions]],
         [84 for _ in captions], size=11)


# --- Karta zgłoszenia zdarzenia --------------------------------------------------------

def som_karta_zgloszenia(b: Builder) -> None:
    """SOM-D Zał. 4: the incident card (layout designed from §14–15; the seed gives none)."""
    b.annex()
    b.title("KARTA ZGŁOSZENIA ZDARZENIA", "ZAGRAŻAJĄCEGO BEZPIECZEŃSTWU MAŁOLETNICH")
    b.para("{% if karta.numer %}nr {{ karta.numer }}{% endif %}", align="center")
    _label(b, "1. Data i godzina przyjęcia zgłoszenia:")
    _answer(b, ("b", "{{ karta.data_zgloszenia|data }}"), ", godz. ",
            ("b", _time("karta.godzina_zgloszenia")))
    _label(b, "2. Osoba zgłaszająca (imię i nazwisko, funkcja lub związek z dzieckiem):")
    _answer(b, ("b", "{{ karta.zawiadamiajacy }}"))
    _label(b, "3. Imię i nazwisko dziecka, data urodzenia:")
    _answer(b, ("b", CHILD.replace("dziecko", "karta.dziecko")), ", ur. ",
            ("b", BORN.replace("dziecko", "karta.dziecko")))
    _label(b, "4. Data, godzina i miejsce zdarzenia:")
    _answer(b, ("b", "{{ karta.zdarzenie.data|data }}"), ", godz. ",
            ("b", _time("karta.zdarzenie.godzina")), ", miejsce: ", ("b", "{{ karta.zdarzenie.miejsce }}"))
    _label(b, "5. Rodzaj zdarzenia (właściwe zaznaczyć):")
    b.tag("{%p for r in rodzaje %}")
    b.para("{{ r.zaznaczono|pole }} {{ r.nazwa }}{% if loop.last %}: {% endif %}",
           ("b", "{% if loop.last %}{{ karta.zdarzenie.inny_rodzaj|dots(16) }}{% endif %}"),
           align="left", indent=INDENT, after=0)
    b.tag("{%p endfor %}")
    b.para("", after=0)
    _label(b, "6. Opis zdarzenia – wyłącznie fakty: co się stało, kto w nim uczestniczył, co "
              "zgłaszający widział lub słyszał (bez ocen i przypuszczeń):")
    _text_or_lines(b, "karta.zdarzenie.fakty", 4)
    _label(b, "7. Wypowiedź dziecka – dosłownie, jego własnymi słowami:")
    _text_or_lines(b, "karta.zdarzenie.slowa_dziecka", 2, quote=True)
    _label(b, "8. Osoby obecne przy zdarzeniu (świadkowie):")
    _items_or_lines(b, "karta.zdarzenie.obecni", 2)
    _label(b, "9. Działania podjęte niezwłocznie po zdarzeniu:")
    _items_or_lines(b, "karta.dzialania_natychmiastowe", 3)
    _label(b, "10. Powiadomione osoby i instytucje:")
    b.table(["L.p.", "Kogo powiadomiono", "Data i godzina", "Sposób powiadomienia"],
            ["R:{{ loop.index }}.", "{{ n.kto or '' }}",
             "{% if n.data %}{{ n.data|data }}{% if n.godzina %}, godz. {{ n.godzina }}"
             "{% endif %}{% endif %}", "{{ n.sposob or '' }}"],
            "for n in powiadomienia", widths=[12, 74, 40, 42])
    b.para("", after=0)
    _label(b, "11. Osoba przyjmująca zgłoszenie i wypełniająca kartę (imię i nazwisko, stanowisko):")
    _answer(b, ("b", "{{ karta.przyjmujacy|dots(40) }}"))
    _dated_signatures(b, "{{ karta.data_zgloszenia|data }}", "(podpis osoby zgłaszającej)",
                      "(podpis osoby przyjmującej zgłoszenie)")
    b.para("")
    b.para("Kartę przekazano Dyrektorowi dnia {{ karta.przekazano_dyrektorowi|data }}", align="left")
    b.signature("(podpis Dyrektora)")
    b.para("Kartę wypełnia osoba przyjmująca zgłoszenie i niezwłocznie przekazuje ją Dyrektorowi. "
           "Kartę przechowuje Dyrektor wraz z pozostałą dokumentacją zdarzenia; informacje w niej "
           "zawarte objęte są tajemnicą.", size=9)


# --- Notatka służbowa -----------------------------------------------------------------

def _note_facts(b: Builder) -> None:
    rows = [["Dotyczy:", "B:{{ n.temat }}"],
            ["Data i godzina:", "{{ n.data|data }}, godz. " + _time("n.godzina")],
            ["Miejsce:", "{{ n.miejsce|dots(40) }}"],
            ["Osoby obecne:", "{% if n.obecni %}{{ n.obecni|join('; ') }}{% else %}"
                              "{{ none|dots(40) }}{% endif %}"],
            ["Sporządził(a):", "B:{{ n.autor }}{% if n.stanowisko %}, {{ n.stanowisko }}{% endif %}"]]
    grid(b, rows, [40, 128], size=11)
    b.para("")


def som_notatka_sluzbowa(b: Builder) -> None:
    """Service notes of a case, each on its own page (no template in the seeds)."""
    b.tag("{%p for n in notatki %}")
    b.tag("{%p if not loop.first %}")
    b.page_break()
    b.tag("{%p endif %}")
    b.annex()  # each note is filed on its own, so each page carries the annex heading
    _head(b, "{{ n.data|data }}")
    b.para(("b", "NOTATKA SŁUŻBOWA"), align="center", size=13, after=0)
    b.para("{% if n.numer %}nr {{ n.numer }}{% endif %}", align="center")
    _note_facts(b)
    b.para("Treść notatki:", align="left", after=2)
    b.tag("{%p for line in n.tresc|akapity %}")
    b.para("{{ line }}").paragraph_format.first_line_indent = Mm(8)
    b.tag("{%p endfor %}")
    b.signature("(podpis osoby sporządzającej notatkę)")
    b.para("")
    b.para("Notatkę przekazano Dyrektorowi dnia {{ n.przekazano_dyrektorowi|data }}", align="left")
    b.signature("(podpis Dyrektora)")
    b.tag("{%p endfor %}")


# --- Plan pomocy dziecku --------------------------------------------------------------

def som_plan_pomocy(b: Builder) -> None:
    """The help plan (layout designed from SOM-L §3–4 and SOM-D §8–9; the seeds give none)."""
    b.annex()
    _head(b, "{{ plan.data|data }}")
    b.title("PLAN POMOCY DZIECKU")
    _label(b, "1. Imię i nazwisko dziecka, data urodzenia:")
    _answer(b, ("b", CHILD), ", ur. ", ("b", BORN))
    _label(b, "2. Plan opracował(a) zespół interwencyjny lub osoba wyznaczona przez Dyrektora:")
    b.table(["L.p.", "Imię i nazwisko", "Funkcja, stanowisko", "Podpis"],
            ["R:{{ loop.index }}.", "{{ m.imie_nazwisko or '' }}", "{{ m.funkcja or '' }}", ""],
            "for m in zespol", widths=[12, 52, 62, 42])
    b.para("", after=0)
    _label(b, "3. Opis sytuacji dziecka w placówce i w rodzinie:")
    _text_or_lines(b, "plan.opis_sytuacji", 3)
    _label(b, "4. Rozpoznane potrzeby dziecka:")
    _text_or_lines(b, "plan.potrzeby", 2)
    _label(b, "5. Zaplanowane działania:")
    b.tag("{%p for o in obszary %}")
    b.para(("i", "{{ loop.index|rzymska }}. {{ o.nazwa }}"), align="left", after=2)
    b.table(["L.p.", "Działanie", "Osoba odpowiedzialna", "Termin realizacji"],
            ["R:{{ loop.index }}.", "{{ a.dzialanie or '' }}", "{{ a.odpowiedzialny or '' }}",
             "{% if a.termin %}{{ a.termin|data }}{% endif %}"],
            "for a in o.wiersze", widths=[12, 86, 42, 28])
    b.para("", after=0)
    b.tag("{%p endfor %}")
    _label(b, "6. Zakres współpracy z rodzicami (opiekunami prawnymi) dziecka:")
    _text_or_lines(b, "plan.wspolpraca_z_rodzicami", 2)
    _label(b, "7. Termin oceny realizacji planu:")
    _answer(b, ("b", "{{ plan.przeglad|data }}"))
    b.para("Zatwierdzam:", align="right", after=0)
    b.signature("(data i podpis Dyrektora)")
    b.para("")
    b.para("Plan przedstawiono rodzicom (opiekunom prawnym) dziecka dnia "
           "{{ plan.przedstawiono_rodzicom|data }}", align="left")
    b.para("Zapoznałam/zapoznałem się z planem pomocy dziecku i zobowiązuję się do współpracy przy "
           "jego realizacji.")
    b.signature("(data i podpis rodzica lub opiekuna prawnego)")


# --- Zgoda na wykorzystanie wizerunku -------------------------------------------------

def _consent_terms(b: Builder) -> None:
    terms = [
        "zgoda jest dobrowolna, a jej brak nie ma wpływu na udział dziecka w zajęciach "
        "i wydarzeniach placówki;",
        "zgodę mogę wycofać w każdym czasie, składając pisemne oświadczenie Dyrektorowi; wycofanie "
        "zgody nie wpływa na zgodność z prawem wykorzystania wizerunku przed jej wycofaniem;",
        "wizerunek dziecka nie zostanie użyty w formie obraźliwej ani naruszającej w inny sposób jego "
        "dobra osobiste, a zdjęć i nagrań nie podpisuje się nazwiskiem dziecka – w razie potrzeby "
        "wyłącznie imieniem;",
        "administratorem danych osobowych dziecka, w tym jego wizerunku, jest {{ instytucja.nazwa }}, "
        "{{ instytucja.adres.line() }}; podstawą wykorzystania wizerunku jest niniejsza zgoda "
        "(art. 6 ust. 1 lit. a RODO oraz art. 81 ust. 1 ustawy z dnia 4 lutego 1994 r. o prawie "
        "autorskim i prawach pokrewnych){% if regulamin %}, a zasady ochrony wizerunku dziecka "
        "określają {{ regulamin.tytul }} obowiązujące w {{ instytucja.nazwa_miejscownik }}{% endif %}.",
    ]
    for number, text in enumerate(terms, 1):
        para = b.para(f"{number})\t{text}", size=10, indent=7, after=1)
        para.paragraph_format.first_line_indent = Mm(-7)


def som_zgoda_wizerunek(b: Builder) -> None:
    """The parent's consent to the use of the child's image (no template in the seeds)."""
    b.annex()
    grid(b, [["C:B:{{ zgoda.rodzic.imie }} {{ zgoda.rodzic.nazwisko }}",
              "R:{{ miejscowosc }}, dnia {{ zgoda.data|data }}"],
             ["C:" + "…" * 24, ""], ["S:(imię i nazwisko rodzica lub opiekuna prawnego)", ""]],
         [84, 84], size=11)
    b.para("")
    b.title("ZGODA NA WYKORZYSTANIE WIZERUNKU DZIECKA")
    b.para("Ja, niżej {{ podpisany }}, rodzic (opiekun prawny) dziecka ",
           ("b", '{{ zgoda.dziecko|odmien("dopelniacz") }}'), ", ur. ",
           ("b", BORN.replace("dziecko", "zgoda.dziecko")),
           ", objętego opieką w {{ instytucja.nazwa_miejscownik }}, oświadczam, że w zakresie "
           "zaznaczonym poniżej wyrażam albo nie wyrażam zgody na nieodpłatne utrwalanie wizerunku "
           "mojego dziecka (zdjęcia, nagrania wideo) podczas zajęć, wydarzeń i uroczystości "
           "organizowanych przez placówkę oraz na jego rozpowszechnianie w następujących miejscach:")
    b.table(["L.p.", "Miejsce publikacji wizerunku", "TAK", "NIE"],
            ["R:{{ loop.index }}.", "{{ c.nazwa }}", "{{ (c.zgoda == 'tak')|pole }}",
             "{{ (c.zgoda == 'nie')|pole }}"], "for c in kanaly", widths=[12, 124, 16, 16])
    b.para("", after=0)
    b.para("Wyrażam zgodę na dalsze przechowywanie i udostępnianie materiałów z wizerunkiem dziecka "
           "(kronika, archiwum strony internetowej) po zakończeniu opieki placówki nad dzieckiem:   "
           "{{ (zgoda.po_zakonczeniu_opieki == 'tak')|pole }} TAK   "
           "{{ (zgoda.po_zakonczeniu_opieki == 'nie')|pole }} NIE")
    b.para("Cel wykorzystania wizerunku:", align="left", after=0)
    _text_or_lines(b, "zgoda.cel", 2)
    b.para("Zgoda obowiązuje od dnia jej podpisania do dnia {{ zgoda.obowiazuje_do|data }}, nie dłużej "
           "jednak niż do zakończenia opieki placówki nad dzieckiem, z zastrzeżeniem zgody na dalsze "
           "przechowywanie materiałów wyrażonej powyżej.")
    b.para("Przyjmuję do wiadomości, że:", align="left", after=1)
    _consent_terms(b)
    b.signature("(czytelny podpis rodzica lub opiekuna prawnego)")


# --- Oświadczenie kandydata -----------------------------------------------------------

NO_CONVICTION = (
    "nie {{ slowa.bylem }} prawomocnie {{ slowa.skazany }} w Rzeczypospolitej Polskiej ani w państwach "
    "wskazanych w pkt 2 za czyny zabronione określone w rozdziale XIX i XXV Kodeksu karnego, w art. 189a "
    "i art. 207 Kodeksu karnego oraz w ustawie z dnia 29 lipca 2005 r. o przeciwdziałaniu narkomanii lub "
    "za odpowiadające tym przestępstwom czyny zabronione określone w przepisach prawa obcego, nie wydano "
    "wobec mnie innego orzeczenia, w którym stwierdzono, iż {{ slowa.dopuscilem }} się takich czynów "
    "zabronionych, oraz nie mam obowiązku wynikającego z orzeczenia sądu, innego uprawnionego organu lub "
    "ustawy stosowania się do zakazu zajmowania wszelkich lub określonych stanowisk, wykonywania "
    "wszelkich lub określonych zawodów albo działalności, związanych z wychowaniem, edukacją, "
    "wypoczynkiem, leczeniem, świadczeniem porad psychologicznych, rozwojem duchowym, uprawianiem sportu "
    "lub realizacją innych zainteresowań przez małoletnich, lub z opieką nad nimi.")
CLAUSE = "Jestem świadomy odpowiedzialności karnej za złożenie fałszywego oświadczenia."


def _point(b: Builder, number: int, *runs: str | tuple[str, str]) -> None:
    para = b.para(f"{number}.\t", *runs, indent=7, after=3)
    para.paragraph_format.first_line_indent = Mm(-7)


def _candidate_head(b: Builder) -> None:
    """Annex heading, the candidate (name, PESEL), date, addressee and title."""
    o = "oswiadczenie.osoba"
    b.annex()
    grid(b, [[f"C:B:{{{{ {o}.imie }}}} {{{{ {o}.nazwisko }}}}",
              "R:{{ miejscowosc }}, dnia {{ oswiadczenie.data|data(14) }}"],
             ["C:" + "…" * 24, ""], ["S:(imię i nazwisko)", ""],
             [f"C:{{{{ {o}.pesel or '' }}}}", "B:{{ instytucja.dyrektor.stanowisko }}"],
             ["C:" + "…" * 24, "B:{{ instytucja.nazwa }}"], ["S:(numer PESEL)", ""]],
         [84, 84], size=11)
    b.para("")
    b.para(("b", "OŚWIADCZENIE KANDYDATA"), align="center", size=13, after=0)
    b.para("o państwach zamieszkiwania w ciągu ostatnich {{ lata }} lat oraz o niekaralności",
           align="center")


def som_oswiadczenie_kandydata(b: Builder) -> None:
    """SOM-D §21: countries of residence, no conviction, the statutory clause."""
    _candidate_head(b)
    b.para("Ja, niżej {{ slowa.podpisany }}, ubiegając się o zatrudnienie na stanowisku ",
           ("b", "{{ oswiadczenie.stanowisko|dots(20) }}"),
           " w {{ instytucja.nazwa_miejscownik }}, w związku z art. 21 ustawy z dnia 13 maja 2016 r. "
           "o przeciwdziałaniu zagrożeniom przestępczością na tle seksualnym i ochronie małoletnich, "
           "oświadczam, że:")
    _point(b, 1, "posiadam obywatelstwo ", ("b", "{{ oswiadczenie.obywatelstwo|dots(20) }}"), ";")
    _point(b, 2, "w ciągu ostatnich {{ lata }} lat (właściwe zaznaczyć):")
    for box, text in (("nie_mieszkal", "nie {{ slowa.zamieszkiwalem }} w państwach innych niż "
                                       "Rzeczpospolita Polska i państwo mojego obywatelstwa,"),
                      ("mieszkal", "{{ slowa.zamieszkiwalem }} w następujących państwach innych niż "
                                   "Rzeczpospolita Polska i państwo mojego obywatelstwa i przedkładam "
                                   "informacje z rejestrów karnych tych państw uzyskiwane do celów "
                                   "działalności zawodowej lub wolontariackiej związanej z kontaktami "
                                   "z dziećmi:")):
        para = b.para("{{ " + box + "|pole }}\t" + text, indent=13, after=1)
        para.paragraph_format.first_line_indent = Mm(-6)
    b.table(["L.p.", "Państwo", "Okres zamieszkiwania (od – do)"],
            ["R:{% if not r.nie_dotyczy %}{{ loop.index }}.{% endif %}", "{{ r.panstwo or '' }}",
             "{% if r.nie_dotyczy %}–{% elif r.panstwo %}{{ r.od|data(6) }} – "
             "{{ r.do|data(6) }}{% endif %}"], "for r in wiersze", widths=[12, 96, 60])
    b.para("", after=0)
    _point(b, 3, "prawo następujących państw spośród wskazanych w pkt 2 nie przewiduje sporządzenia "
                 "takiej informacji albo w państwach tych nie prowadzi się rejestru karnego: ",
           ("b", "{% if oswiadczenie.panstwa is none %}{{ none|dots(30) }}{% elif oswiadczenie.bez_rejestru %}"
                 "{{ oswiadczenie.bez_rejestru|join(', ') }}{% else %}nie dotyczy{% endif %}"), ";")
    _point(b, 4, NO_CONVICTION)
    b.para("")
    b.para(("b", CLAUSE), align="left")
    b.signature("(własnoręczny podpis kandydata)")
