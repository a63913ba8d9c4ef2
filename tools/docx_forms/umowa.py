"""DOCX template of the ZFŚS loan agreement (ZFSS Zał. 9) with its repayment schedule."""

from __future__ import annotations

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from docx.table import Table
from docxkit import Builder

SIGNED_BY = (("Pożyczkobiorca", "Podpis Pożyczkobiorcy"),
             ("Dyrektor", "Pieczęć i podpis Dyrektora"))
WYMIENIONY = ('{{ "wyżej wymienioną" if umowa.pozyczkobiorca.sex == "K" '
              'else "wyżej wymienionego" if umowa.pozyczkobiorca.sex == "M" '
              'else "wyżej wymienioną/wymienionego" }}')
BORROWER = "{{ umowa.pozyczkobiorca.imie }} {{ umowa.pozyczkobiorca.nazwisko }}"
GUARANTOR_CAPTION = ("S:{% if n < poreczyciele|length %}({{ poreczyciele[n].osoba.imie }} "
                     "{{ poreczyciele[n].osoba.nazwisko }}){% endif %}")
PROCENT = '{{ "%g"|format(oprocentowanie)|replace(".", ",") }}%'


def grid(b: Builder, rows: list[list[str]], widths: list[float], borders: bool = False,
         size: float = 10) -> Table:
    """A static table; a cell text starting 'B:' is bold, 'R:' right-aligned, 'C:' centred."""
    table = b.doc.add_table(rows=len(rows), cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    if borders:
        table.style = "Table Grid"
    for column, width in zip(table.columns, widths):
        column.width = Mm(width)
    for row, texts in zip(table.rows, rows):
        for cell, text, width in zip(row.cells, texts, widths):
            cell.width = Mm(width)
            para = cell.paragraphs[0]
            flags = ""
            while text[:2] in ("B:", "R:", "C:", "S:"):
                flags, text = flags + text[0], text[2:]
            run = para.add_run(text)
            run.bold = "B" in flags or None
            run.font.size = Pt(8.5 if "S" in flags else size)
            if "R" in flags:
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            elif "C" in flags or "S" in flags:
                para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return table


def _signed(b: Builder) -> None:
    """Pożyczkobiorca / Dyrektor, each with a dotted line and its caption."""
    b.para("")
    grid(b, [["C:B:" + who for who, _ in SIGNED_BY], ["", ""],
             ["C:" + "…" * 22 for _ in SIGNED_BY], ["S:" + caption for _, caption in SIGNED_BY]],
         [80, 80], size=11)


def _parties(b: Builder) -> None:
    b.para("zawarta w dniu ", ("b", "{{ umowa.data_umowy|data }}"),
           " pomiędzy {{ instytucja.nazwa_narzednik }}, zwanym dalej {{ instytucja.zwany_dalej }}, "
           "reprezentowanym przez {{ instytucja.dyrektor.reprezentacja }}")
    b.para("a {{ slowa.pani_pan }} ", ("b", '{{ umowa.pozyczkobiorca|odmien("narzednik") }}'), ",")
    b.para("{{ slowa.zwany }} dalej Pożyczkobiorcą, {{ slowa.zamieszkaly }} pod adresem: ",
           ("b", "{{ umowa.pozyczkobiorca.adres }}"), ", {{ slowa.zatrudniony }} na stanowisku ",
           ("b", "{{ umowa.pozyczkobiorca.stanowisko }}"), " w {{ instytucja.nazwa_miejscownik }}.")


def _paragraph(b: Builder, number: int) -> None:
    b.para(("b", f"§ {number}"), align="center", after=2).paragraph_format.keep_with_next = True


def _terms(b: Builder) -> None:
    """§ 1 – § 7 of the seed."""
    _paragraph(b, 1)
    b.para("Decyzją nr ", ("b", "{{ umowa.decyzja.numer|dots(8) }}"), " z dnia ",
           ("b", "{{ umowa.decyzja.data|data }}"),
           " podjętą w porozumieniu z Zakładową Komisją d/s Socjalnych, w trybie i na zasadach "
           "określonych Ustawą z dnia 04 marca 1994 roku o Zakładowym Funduszu Świadczeń "
           "Socjalnych (Dz. U. nr 43 poz.163, nr 80 poz.368, nr 90 poz. 419 i z 1996 r. "
           "nr 34 poz.148), "
           "w oparciu o {{ regulamin.tytul }} obowiązujący w {{ instytucja.nazwa_miejscownik }},")
    b.para(("b", ("została przyznana {{ slowa.pani_panu }} ze środków Zakładowego Funduszu "
                  "Świadczeń Socjalnych pożyczka w wysokości {{ umowa.kwota|kwota }}")))
    b.para(("b", "słownie: "), ("b", "{{ umowa.kwota|slownie }}"))
    b.para(("b", "z przeznaczeniem na "), ("b", "{{ umowa.cel }}"))
    b.para(("b", f"oprocentowana w wysokości {PROCENT} w stosunku rocznym."))
    _paragraph(b, 2)
    b.para("Przyznana pożyczka podlega spłacie w całości ", ("b", "przez okres "),
           ("b", "{{ umowa.okres_miesiecy }}"), ("b", " miesięcy w ratach:"), " pierwsza ",
           ("b", "{{ plan.first_installment|kwota }}"), ", następne ",
           ("b", "{{ plan.next_installment|kwota }}"), " spłaty zaczynając ", ("b", "od dnia "),
           ("b", "{{ plan.first_due|data }}"))
    _paragraph(b, 3)
    b.para("W uzasadnionych wypadkach spłata pożyczki może być zawieszona na ustalony okres, a w "
           "przypadkach szczególnie uzasadnionych pożyczka może być częściowo umorzona zgodnie "
           "z zasadami określonymi w Regulaminie Gospodarowania Zakładowym Funduszem Świadczeń "
           "Socjalnych.")
    _paragraph(b, 4)
    b.para("Pożyczkobiorca upoważnia {{ instytucja.zwany_dalej_biernik }} do potrącania należnych rat pożyczki wraz "
           "z odsetkami zgodnie z §\u00a02 niniejszej umowy z przysługującego mu miesięcznego "
           "wynagrodzenia za pracę, poczynając od dnia ", ("b", "{{ potracenia_od|data }}"))
    _paragraph(b, 5)
    b.para("Nie spłacona kwota pożyczki wraz z odsetkami, staje się natychmiast wymagalną "
           "w przypadku:")
    for item in (("rozwiązania stosunku pracy przez Pożyczkobiorcę w drodze samowolnego "
                  "porzucenia pracy,"),
                 "przez zakład pracy bez wypowiedzenia z winy Pożyczkobiorcy,",
                 "przez Pożyczkobiorcę w drodze wypowiedzenia,",
                 "rozwiązania stosunku pracy w drodze porozumienia stron."):
        b.para("– " + item, align="left", indent=5, after=0)
    b.para("", after=0)
    _paragraph(b, 6)
    b.para("Zmiana warunków określonych w niniejszej umowie wymaga formy pisemnej pod rygorem "
           "nieważności. W sprawach nie uregulowanych niniejszą umową mają zastosowanie przepisy "
           "Kodeksu Cywilnego.")
    _paragraph(b, 7)
    b.para("Umowa niniejsza została sporządzona w 2 jednobrzmiących egzemplarzach.")


def _guarantors(b: Builder) -> None:
    """Na poręczycieli proponuję: one block per guarantor, blank blocks up to two."""
    b.para(("b", "Na poręczycieli proponuję:"), align="left")
    b.tag("{%p for g in poreczyciele %}")
    b.para("{{ loop.index }}. {{ g.pan_pani }} ",
           ("b", '{{ g.osoba|odmien("biernik") }}'), align="left")
    b.tag("{%p if g.osoba.dowod %}")
    b.para("Dow. Os. nr ", ("b", "{{ g.osoba.dowod.numer }}"), " wyd. przez ",
           ("b", "{{ g.osoba.dowod.wydany_przez }}"), align="left", after=1)
    b.tag("{%p else %}")
    b.para("Dow. Os. nr {{ none|dots(12) }} wyd. przez {{ none|dots(18) }}", align="left", after=1)
    b.tag("{%p endif %}")
    for label, value in (("Adres zamieszkania", "g.osoba.adres"),
                         ("Miejsce pracy", "g.osoba.miejsce_pracy"),
                         ("Stanowisko", "g.osoba.stanowisko")):
        b.para(label + " ", ("b", "{{ " + value + " }}"), align="left", after=1)
    b.para("Zatrudnienie na jaki okres ",
           ("b", ('{{ "na czas nieokreślony" if g.osoba.zatrudnienie == "nieokreslony" '
                  'else "na czas określony" }}')), align="left")
    b.tag("{%p endfor %}")
    b.tag("{%p for n in range(poreczyciele|length + 1, 3) %}")
    b.para("{{ n }}. Pana/Panią {{ none|dots(30) }}", align="left")
    b.para("Dow. Os. nr {{ none|dots(12) }} wyd. przez {{ none|dots(18) }}", align="left", after=1)
    for label, width in (("Adres zamieszkania", 34), ("Miejsce pracy", 36), ("Stanowisko", 38),
                         ("Zatrudnienie na jaki okres", 30)):
        b.para(label + " {{ none|dots(" + str(width) + ") }}", align="left", after=1)
    b.tag("{%p endfor %}")


def _guarantors_consent(b: Builder) -> None:
    """The joint-liability sentence and the signatures under it."""
    b.para("W razie nie uregulowania we właściwym terminie pożyczki zaciągniętej przez "
           + WYMIENIONY + " ze środków Zakładowego Funduszu Świadczeń Socjalnych wyrażamy zgodę "
           "jako solidarnie współodpowiedzialni na pokrycie kwoty wraz z odsetkami z naszych "
           "wynagrodzeń.")
    b.para("")
    dots = "…" * 17  # after "{{ n + 1 }} ", in a cell of 80 mm
    grid(b, [["B:Podpisy poręczycieli:", "B:Stwierdzam własnoręczność podpisów:"],
             ["{%tr for n in range([poreczyciele|length, 2]|max) %}", ""],
             ["", ""],
             ["{{ n + 1 }} " + dots, "{{ n + 1 }} " + dots],
             [GUARANTOR_CAPTION, "S:(pieczęć i podpis)"],
             ["{%tr endfor %}", ""],
             ["", ""],
             ["B:Podpis pożyczkobiorcy:", ""],
             ["", ""],
             ["…" * 22, ""],
             ["S:(" + BORROWER + ")", ""]],
         [80, 80], size=11)


def _schedule(b: Builder) -> None:
    """The annex: summary of the plan and every installment."""
    for line in ("Załącznik do umowy w sprawie pożyczki",
                 "z Zakładowego Funduszu Świadczeń Socjalnych",
                 "zawartej w dniu {{ umowa.data_umowy|data }}"):
        b.para(line, align="right", size=9, after=0)
    b.para("")
    b.title("Harmonogram spłaty pożyczki")
    grid(b, [["Pożyczkobiorca", "B:" + BORROWER, "Decyzja",
              "nr {{ umowa.decyzja.numer|dots(8) }} z dnia {{ umowa.decyzja.data|data }}"],
             ["Kwota pożyczki", "B:{{ plan.principal|kwota }}",
              "Oprocentowanie", PROCENT + " w stosunku rocznym"],
             ["Odsetki", "{{ plan.total_interest|kwota }}",
              "Razem do spłaty", "B:{{ plan.total_to_repay|kwota }}"],
             ["Liczba rat", "{{ plan.months }}", "Pierwsza rata",
              "{{ plan.first_installment|kwota }}, płatna {{ plan.first_due|data }}"],
             ["Następne raty", "{{ plan.next_installment|kwota }}",
              "Ostatnia rata", "płatna {{ plan.last_due|data }}"]],
         [28, 40, 28, 70], borders=True)
    b.para("", after=0)
    b.table(["Nr raty", "Termin płatności", "Rata kapitałowa (zł)", "Odsetki (zł)",
             "Kwota raty (zł)", "Pozostały kapitał (zł)"],
            ["{{ r.number }}", "{{ r.due|data }}", "R:{{ r.principal|liczba }}",
             "R:{{ r.interest|liczba }}", "R:{{ r.amount|liczba }}",
             "R:{{ r.balance_after|liczba }}"],
            "for r in plan.schedule", [14, 40, 28, 24, 28, 32])
    total = b.doc.tables[-1].add_row()
    for cell, text in zip(total.cells, ("Razem", "", "{{ plan.principal|liczba }}",
                                        "{{ plan.total_interest|liczba }}",
                                        "{{ plan.total_to_repay|liczba }}", "")):
        para = cell.paragraphs[0]
        run = para.add_run(text)
        run.bold, run.font.size = True, Pt(10)
        if text.startswith("{{"):
            para.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def zfss_umowa_pozyczki(b: Builder) -> None:
    """ZFSS Zał. 9: loan agreement, guarantors' declaration and the repayment schedule."""
    b.annex()
    b.title("UMOWA", "w sprawie pożyczki z Zakładowego Funduszu Świadczeń Socjalnych")
    _parties(b)
    _terms(b)
    _signed(b)
    b.page_break()
    _guarantors(b)
    _guarantors_consent(b)
    b.page_break()
    _schedule(b)
    _signed(b)
