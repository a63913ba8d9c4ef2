"""DOCX templates of the ZFŚS benefit applications (Zał. 4–7) and subsidy table (Zał. 2)."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph
from docxkit import Builder

from docx_forms.umowa import grid

LINE = "…" * 48  # one dotted line across the page, to fill by hand
SIGN = "…" * 14
FUND = "Zakładowego Funduszu Świadczeń Socjalnych"
BLANK = "{{ none|dots(14) }} złotych"  # an amount still to be filled in by hand
GRANTED = "{% if wyliczenie %}{{ wyliczenie.granted|kwota }}{% else %}" + BLANK + "{% endif %}"
GRANTING = '(opinia is not none and opinia.wniosek == "przyznac")'
REFUSING = '(opinia is not none and opinia.wniosek == "odmowic")'
TAX = ('{% if warunki.kind.podatek == "zwolnione" %}zwolnione bez limitu.'
       '{% elif warunki.kind.podatek == "w_calosci" %}w całości, {{ podatek.stawka|procent }} × '
       '{{ x.taxable|kwota }} = {{ x.tax|kwota }}.'
       '{% else %}limit roczny {{ podatek.limit_roczny|kwota }} − wykorzystano '
       '{{ limit.wykorzystano|kwota }}{% if limit.zrodlo %} ({{ limit.zrodlo }}){% endif %} = '
       '{{ x.limit_left|kwota }}; '
       '{{ podatek.stawka|procent }} × {{ x.taxable|kwota }} = {{ x.tax|kwota }} '
       '(w pełnych złotych).{% endif %}')


def _amount(value: str) -> str:
    """An amount of the decision, or a dotted line with 'złotych' while it is not decided."""
    return "{% if " + value + " is none %}" + BLANK + "{% else %}{{ " + value + "|kwota }}{% endif %}"


def _calc(limit_note: str = "") -> str:
    """The small 'Wyliczenie' line: group, bills share, cap, granted amount and the tax."""
    return ("{% set x = wyliczenie %}Wyliczenie: grupa {{ grupa }}"
            "{% if x.computed is not none %}; {% if warunki.percent is not none %}"
            "{{ warunki.percent|procent }} × {% endif %}rachunki {{ rachunki_suma|kwota }} = "
            "{{ x.computed|kwota }}{% endif %}"
            "{% if opinia.kwota is not none %}; kwota Komisji {{ opinia.kwota|kwota }}{% endif %}"
            "{% if warunki.cap is not none %}; najwyżej {{ warunki.cap|kwota }}" + limit_note
            + "{% endif %}"
            " → przyznano {{ x.granted|kwota }}. Podatek: " + TAX)


def _cell(cell, lines: list[tuple[str, str]],  # type: ignore[no-untyped-def]
          align: str = "left") -> None:
    """Fill a table cell with paragraphs; style 's' is a small caption, 'b' bold."""
    for i, (style, text) in enumerate(lines):
        para = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER if align == "center" else WD_ALIGN_PARAGRAPH.LEFT
        para.paragraph_format.space_after = Pt(0 if style == "s" or text.startswith("{%") else 4)
        run = para.add_run(text)
        run.bold = "b" in style or None
        run.font.size = Pt(8.5 if "s" in style else 11)


def _keep_together(b: Builder, start: int) -> None:
    """Keep the body elements from `start` on one page (Word moves them to the next one whole)."""
    body = b.doc.element.body
    paragraphs = [p for element in list(body)[start:] for p in element.iter(qn("w:p"))
                  if not Paragraph(p, b.doc).text.startswith("{%")]  # tags vanish when rendered
    for p in paragraphs[:-1]:
        Paragraph(p, b.doc).paragraph_format.keep_with_next = True


def _compact(b: Builder, start: int) -> None:
    """The committee's part in 10 pt with little space after paragraphs, as the PDF sets it
    (10,5 pt, tight lines), so that the application and the decision share a page."""
    for element in list(b.doc.element.body)[start:]:
        for p in element.iter(qn("w:p")):
            para = Paragraph(p, b.doc)
            if para.paragraph_format.space_after is None or para.paragraph_format.space_after > Pt(2):
                para.paragraph_format.space_after = Pt(2)
            for run in para.runs:
                if run.font.size is None or run.font.size > Pt(10):
                    run.font.size = Pt(10)


def _committee(b: Builder, grant: str, refuse: str, reasons: tuple[int, bool], limit_note: str = "") -> None:
    """The committee's opinion and the decision, kept on one page as the PDF keeps them.

    `reasons`: how many "Uzasadnienie" lines the annex has, and whether the word follows the
    refusal (Zał. 4, 5) rather than heading its own lines (Zał. 6, 7).
    """
    start = len(b.doc.element.body)
    _opinion(b, grant, refuse, *reasons)
    _decision(b, limit_note)
    _compact(b, start)
    _keep_together(b, start)


def _head(b: Builder, *title: str) -> None:
    """The annex heading, place and date, the applicant's lines, the addressee and the title."""
    b.annex()
    b.para("{{ miejscowosc }}, dnia {{ wniosek.data|data }}", align="right")
    a = "wniosek.wnioskodawca"
    grid(b, [["B:{{ " + a + ".imie }} {{ " + a + ".nazwisko }}", ""], ["S:(imię i nazwisko)", ""],
             ["B:{{ " + a + ".stanowisko|dots(30) }}", ""],
             ["S:(stanowisko)", "B:{{ instytucja.dyrektor.stanowisko }}"],
             ["B:{{ " + a + ".adres|dots(30) }}", "B:w miejscu"], ["S:(adres zamieszkania)", ""]],
         [85, 75], size=11)
    b.para("")
    b.title(*title)


def _attachments(b: Builder, heading: str, only_if_any: bool = False) -> None:
    """Bills with their amounts and other documents, numbered; dotted lines when there are none."""
    if only_if_any:
        b.tag("{%p if wniosek.rachunki or wniosek.dokumenty %}")
    b.para(heading, align="left", after=1)
    b.tag("{%p for r in wniosek.rachunki %}")
    b.para("{{ loop.index }}. {{ r.opis }} – ", ("b", "{{ r.kwota|kwota }}"), align="left",
           indent=6, after=1)
    b.tag("{%p endfor %}")
    b.tag("{%p for d in wniosek.dokumenty %}")
    b.para("{{ wniosek.rachunki|length + loop.index }}. {{ d }}", align="left", indent=6, after=1)
    b.tag("{%p endfor %}")
    b.tag("{%p if not (wniosek.rachunki or wniosek.dokumenty) %}")
    b.para(LINE, align="left", after=1)
    b.para(LINE, align="left", after=1)
    b.tag("{%p endif %}")
    if only_if_any:
        b.tag("{%p endif %}")


def _lines_or_text(b: Builder, expr: str, count: int) -> None:
    """Free text split into paragraphs, or `count` dotted lines when it is absent."""
    b.tag("{%p if " + expr + " %}")
    b.tag("{%p for p in " + expr + "|akapity %}")
    b.para(("b", "{{ p }}"), after=1)
    b.tag("{%p endfor %}")
    b.tag("{%p else %}")
    for _ in range(count):
        b.para(LINE, align="left", after=1)
    b.tag("{%p endif %}")


def _signed(b: Builder, *captions: str) -> None:
    """The applicant's signature (and the HR office's, on Zał. 4), captions under dotted lines."""
    b.para("")
    if len(captions) == 1:
        grid(b, [["", "C:" + SIGN], ["", "S:" + captions[0]]], [85, 75], size=11)
    else:
        grid(b, [["C:" + SIGN for _ in captions], ["S:" + c for c in captions]], [80, 80], size=11)


def _opinion(b: Builder, grant: str, refuse: str, lines: int, inline: bool) -> None:
    """Opinia Komisji Socjalnej: the two choices, the reasons (lines to fill whatever the
    committee decides, as the annex prints them), the members' signatures."""
    b.para(LINE + "…" * 4, align="center", after=2, size=8)
    b.para("{{ miejscowosc }}, dnia {{ (opinia.data if opinia else none)|data }}", align="right")
    b.para(("b", "Opinia Komisji Socjalnej"), align="center")
    b.para("Komisja socjalna wnioskuje o:", align="left", after=1)
    b.para("{{ " + GRANTING + "|pole }} " + grant + " w wysokości ", ("b", GRANTED), ".",
           align="left", indent=4, after=1)
    b.para("{{ " + REFUSING + "|pole }} " + refuse + (" Uzasadnienie:" if inline else ""),
           align="left", indent=4, after=1 if inline else 3)
    if not inline:
        b.para("Uzasadnienie:", align="left", after=1)
    _lines_or_text(b, "(opinia.uzasadnienie if opinia else none)", lines)
    panel = grid(b, [["", ""]], [95, 65], size=11)
    _cell(panel.cell(0, 0), [("", "Podpisy komisji:"), ("", "{%p for name in komisja %}"),
                             ("", "{{ loop.index }}. " + "…" * 11
                              + "{% if name %} ({{ name }}){% endif %}"),
                             ("", "{%p endfor %}")])
    _cell(panel.cell(0, 1), [("", "Akceptuję"), ("", ""), ("", SIGN),
                             ("s", "Pieczęć i podpis Dyrektora")], align="center")


def _decision(b: Builder, limit_note: str = "") -> None:
    """Przyznana kwota / Podatek / Do wypłaty, the signature, and how the amounts were reached."""
    b.para("", after=0)
    grid(b, [["Przyznana kwota:", "R:B:" + _amount("decyzja.przyznana"), "", ""],
             ["Podatek:", "R:B:" + _amount("decyzja.podatek"), "", "C:" + SIGN],
             ["Do wypłaty:", "R:B:" + _amount("decyzja.do_wyplaty"), "", "S:(podpis)"]],
         [35, 40, 25, 60], size=11)
    b.tag("{%p if wyliczenie %}")
    calc = b.para(("s", _calc(limit_note)), align="left")
    calc.paragraph_format.space_before = Mm(3)
    b.tag("{%p endif %}")


def zfss_wniosek_wczasy(b: Builder) -> None:
    """ZFSS Zał. 4: holidays organised by the employee, with the committee's part."""
    _head(b, "Wniosek o dofinansowanie wczasów")
    b.para("Proszę o dofinansowanie do wypoczynku zorganizowanego we własnym zakresie, "
           "tzw. „wczasy pod gruszą”. Urlop wypoczynkowy w wymiarze ", ("b", "{{ dni_urlopu }}"),
           " kolejnych dni kalendarzowych {{ wykorzystalem }} w terminie ",
           ("b", "od {{ wniosek.urlop_od|data }} do {{ wniosek.urlop_do|data }}"))
    _attachments(b, "Dołączone dokumenty:", only_if_any=True)
    _signed(b, "(Kadry – podpis)", "(własnoręczny podpis)")
    _committee(b, "przyznanie dofinansowania do „wczasów pod gruszą”",
               "nie przyznanie dofinansowania.", (4, True))


def zfss_wniosek_wypoczynek_dziecka(b: Builder) -> None:
    """ZFSS Zał. 5: a child's organised holiday, with the committee's opinion and decision."""
    _head(b, "Wniosek o dofinansowanie wycieczki dzieci")
    b.para("Proszę o jednorazowe dofinansowanie do wycieczki zorganizowanej mojego dziecka",
           after=1)
    d = "wniosek.dziecko"
    grid(b, [["B:{{ " + d + '|odmien("dopelniacz") }}', ", urodzonego",
              "B:{{ " + d + ".data_urodzenia|data }}", ","],
             ["S:(imię dziecka)", "", "S:(data urodzenia dziecka)", ""]], [70, 25, 60, 5], size=11)
    b.para("")
    b.para("które uczestniczyło w (proszę zakreślić właściwy punkt)", align="left", after=1)
    b.para("{% for f in formy %}{{ f.zaznaczono|pole }} {{ f.nazwa }},   {% endfor %}"
           "{{ inna|pole }} inny rodzaj wycieczki zorganizowanej ",
           ("b", "{{ wniosek.forma_inna|dots(12) }}"),
           align="left", indent=4)
    b.para("w terminie ",
           ("b", "od {{ wniosek.wypoczynek_od|data }} do {{ wniosek.wypoczynek_do|data }}"),
           align="left")
    _attachments(b, "Do wniosku dołączam następujące dokumenty:")
    _signed(b, "(własnoręczny podpis)")
    _committee(b, "przyznanie dofinansowania wycieczki dziecka pracownika",
               "nie przyznanie dofinansowania wycieczki dziecka pracownika.", (3, True))


def zfss_podanie_zapomoga(b: Builder) -> None:
    """ZFSS Zał. 6: a hardship or random-event grant, with the committee's opinion and decision."""
    _head(b, "Podanie")
    b.tag('{%p if wniosek.zapomoga == "losowa" %}')
    b.para(f"Proszę o przyznanie mi zapomogi losowej z {FUND} w związku ze zdarzeniem losowym: ",
           ("b", "{{ zdarzenie }}"), ". Uzasadnienie:")
    b.tag("{%p else %}")
    b.para(f"Proszę o przyznanie mi zapomogi finansowej z {FUND} w związku z trudną sytuacją "
           "materialną. Uzasadnienie:")
    b.tag("{%p endif %}")
    _lines_or_text(b, "wniosek.uzasadnienie", 6)
    b.para("Data ostatniej przyznanej zapomogi materialnej: ",
           ("b", "{{ wniosek.ostatnia_zapomoga|data }}"),
           align="left")
    _attachments(b, "Dołączone dokumenty:")
    _signed(b, "(własnoręczny podpis)")
    _committee(b, "przyznanie zapomogi", "nie przyznanie zapomogi.", (2, False))


def zfss_wniosek_kultura_sport(b: Builder) -> None:
    """ZFSS Zał. 7: culture and sport, within the quarterly cap, with the opinion and decision."""
    _head(b, "Wniosek o dofinansowanie działalności kulturalno-oświatowej",
          "i sportowo-rekreacyjnej")
    b.para("Proszę o przyznanie mi dofinansowania do:", align="left", after=1)
    _lines_or_text(b, "wniosek.dofinansowanie_do", 4)
    _attachments(b, "Dołączone dokumenty:")
    _signed(b, "(własnoręczny podpis)")
    quarter = (" (limit na {{ kwartal|rzymska }} kwartał {{ wniosek.data.year }} r. "
               "{{ limit_kwartalny|kwota }}, wykorzystano "
               "{{ kwartal_wykorzystano.kwota|kwota }}{% if kwartal_wykorzystano.zrodlo %}, "
               "{{ kwartal_wykorzystano.zrodlo }}{% endif %})")
    _committee(b, "przyznanie dofinansowania", "nie przyznanie dofinansowania.", (3, False), quarter)


def zfss_tabela_doplat(b: Builder) -> None:
    """ZFSS Zał. 2: the year's holiday pay and the holiday and children's caps per income group."""
    b.annex()
    b.title(f"Tabela dopłat z {FUND} do kolonii, obozów,",
            "zimowisk i wczasów w {{ tabela.rok }} roku")
    b.para("W dniu ", ("b", "{{ tabela.data_posiedzenia|data }}"), " na spotkaniu przedstawicieli "
           "pracowników zatrudnionych w {{ instytucja.nazwa_miejscownik }} w składzie:")
    member = "{n}. {{{{ sklad[{i}]|dots(18) }}}}"
    grid(b, [[member.format(n=i + 1, i=i), member.format(n=i + 5, i=i + 4)] for i in range(4)],
         [80, 80], size=11)
    b.para("")
    b.para("opracowano następującą tabelę dopłat do kolonii, obozów, zimowisk i wczasów:")
    share = "{{ g.procent|procent }} kosztów, do "
    grid(b, [["B:Świadczenie", "B:C:Dopłata"],
             ["świadczenia urlopowe dla nauczycieli (na pełny etat)",
              "R:B:{{ swiadczenie_urlopowe|kwota }}"],
             ["B:wczasy pod gruszą", ""],
             ["{%tr for g in wczasy %}", ""],
             ["• {{ loop.index|rzymska }} grupa", "R:" + share + "{{ g.maks|kwota }}"],
             ["{%tr endfor %}", ""],
             ["B:dopłaty do wypoczynku dzieci", ""],
             ["{%tr for g in dzieci %}", ""],
             ["• {{ loop.index|rzymska }} grupa", "R:" + share + "{{ g.maks|kwota }}"],
             ["{%tr endfor %}", ""]], [105, 55], borders=True, size=11)
    b.para("")
    note = ("Procent kosztów: część udokumentowanych kosztów wypoczynku, którą pokrywa Fundusz, "
            "nie więcej niż kwota wskazana dla grupy dochodowej (załącznik nr 3 do Regulaminu).")
    b.para(("s", note), align="left")
    b.para("")
    b.para(("b", "Podpisy:"), align="left")
    signer = "{n}. " + "…" * 9 + "{{% if sklad[{i}] %}} ({{{{ sklad[{i}] }}}}){{% endif %}}"
    rows = [[signer.format(n=i + 1, i=i), signer.format(n=i + 5, i=i + 4)] for i in range(4)]
    grid(b, [["", ""], *rows], [80, 80], size=11)
