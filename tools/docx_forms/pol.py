"""DOCX templates of the association accounting forms (POL): policy, depreciation plan, cost split.

The policy's long fixed text is read from its HTML template (numbered paragraphs and § headings),
so the DOCX and the PDF cannot drift apart; tables, formula and signatures are built here at the
`<!-- docx: name -->` markers of that template.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable

from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from docx.table import Table
from docxkit import Builder

from docx_forms.umowa import grid

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
INDENT = {"n": 7.0, "n2": 14.0, "n3": 20.0}  # left edge of the text; the number hangs 7 (6) mm
BOARD = "(s.zarzad or [none, none])"
MEMBER = "{{ m.imie_nazwisko ~ (' – ' ~ m.funkcja if m.funkcja else '') if m else '(imię i nazwisko, funkcja)' }}"
Runs = list[tuple[str, str]]


# --- Shared pieces ----------------------------------------------------------------------

def _numbered(b: Builder, kind: str, number: str, runs: Runs) -> None:
    """A paragraph with a hanging number ('1.', '1)', 'a)') at the policy's three levels."""
    indent = INDENT[kind]
    para = b.para(*([number + "\t"] if number else []), *runs, indent=indent, after=2)
    if number:
        para.paragraph_format.first_line_indent = Mm(-(6 if kind == "n3" else 7))
        para.paragraph_format.tab_stops.add_tab_stop(Mm(indent))


def _letterhead(b: Builder, date_expr: str, widths: list[float]) -> None:
    """The association's name, address and numbers on the left; place and date on the right."""
    rows = [["B:{{ s.nazwa }}", "R:{{ s.adres.miejscowosc }}, dnia " + date_expr],
            ["z siedzibą w {{ s.siedziba }}, {{ s.adres.line() }}", ""],
            ["KRS {{ s.krs }}, NIP {{ s.nip }}{% if s.regon %}, REGON {{ s.regon }}{% endif %}", ""]]
    table = grid(b, rows, widths, size=9.5)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    b.para("")


def _signatures(b: Builder, left_head: str, left_caption: str, right_head: str) -> None:
    """Two signature blocks: one person on the left, the board members (one line each) on the right."""
    b.para("")
    table = grid(b, [["C:" + left_head, "C:" + right_head], ["", ""]], [85, 85], size=10)
    left, right = table.cell(1, 0), table.cell(1, 1)
    _cell_lines(left, ["…" * 22, left_caption])
    _cell_lines(right, ["{%p for m in " + BOARD + " %}", "…" * 22, MEMBER, "{%p endfor %}"])
    _widths(table, [85, 85])


def _cell_lines(cell, lines: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Fill a table cell with centred lines (dotted lines, small captions, docxtpl tags)."""
    for i, text in enumerate(lines):
        para = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = para.add_run(text)
        run.font.size = Pt(10 if text.startswith("…") else 8.5)
        if text.startswith("…"):
            para.paragraph_format.space_before = Pt(18)


def _looped(b: Builder, head: list[str], row: list[str], loop: str, total: list[str], widths: list[float],
            size: float) -> None:
    """A bordered table: header, a row repeated by `loop`, a bold totals row; fixed column widths."""
    b.table(head, row, loop)
    table = b.doc.tables[-1]
    cells = table.add_row().cells
    for cell, text in zip(cells, total):
        Builder._cell(cell, text, bold=True, right=text.startswith("R:"))
    _shrink(table, size)
    _widths(table, widths)


def _widths(table: Table, widths: list[float]) -> None:
    """Fix the column widths (grid and every cell), so Word and LibreOffice keep them."""
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = Mm(width)


def _shrink(table: Table, size: float) -> None:
    """Set every run of a table to one font size."""
    for row in table.rows:
        for cell in row.cells:
            for para in cell.paragraphs:
                for run in para.runs:
                    run.font.size = Pt(size)


# --- Polityka rachunkowości -------------------------------------------------------------

class _PolicyText(HTMLParser):
    """Collects the policy's headings and paragraphs from its HTML template, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[tuple[str, str, Runs]] = []  # (kind, number, runs); kind 'marker' for markers
        self._kind: str | None = None
        self._number, self._runs, self._bold, self._in_no = "", [], 0, False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        cls = (dict(attrs).get("class") or "").split()
        if tag in ("p", "h1", "h2") and self._kind is None and "annexes-head" not in cls:
            self._kind = {"h1": "h1", "h2": "h2"}.get(tag, cls[0] if cls and cls[0] in INDENT else "p")
            self._number, self._runs = "", []
        elif self._kind and tag == "span" and "no" in cls:
            self._in_no = True
        elif self._kind and (tag == "b" or (tag == "span" and "val" in cls)):
            self._bold += 1
        elif self._kind in ("h1", "h2") and tag == "span":
            self._runs.append(("", "\n"))
        elif self._kind and tag == "br":
            self._runs.append(("", "\n"))

    def handle_endtag(self, tag: str) -> None:
        if self._in_no and tag == "span":
            self._in_no = False
        elif self._kind and (tag == "b" or (tag == "span" and self._bold)):
            self._bold = max(0, self._bold - 1)
        elif self._kind and tag in ("p", "h1", "h2"):
            self.items.append((self._kind, self._number.strip(), _tidy(self._runs)))
            self._kind = None

    def handle_data(self, data: str) -> None:
        if self._in_no:
            self._number += data
        elif self._kind:
            self._runs.append(("b" if self._bold else "", data))

    def handle_comment(self, data: str) -> None:
        if data.strip().startswith("docx:"):
            self.items.append(("marker", data.strip()[5:].strip(), []))


def _tidy(runs: Runs) -> Runs:
    """Fold whitespace (as HTML does), trim the ends, drop empty runs."""
    out = [(style, re.sub(r"\s+", " ", text) if text != "\n" else text) for style, text in runs]
    if out:
        out[0] = (out[0][0], out[0][1].lstrip())
        out[-1] = (out[-1][0], out[-1][1].rstrip())
    return [(s, t) for s, t in out if t]


def _policy_items() -> list[tuple[str, str, Runs]]:
    """The policy template's body, parsed."""
    html = (TEMPLATES / "pol-polityka-rachunkowosci" / "template.html").read_text(encoding="utf-8")
    body = html[html.index("{% block body %}"):]
    parser = _PolicyText()
    parser.feed(body)
    return parser.items


def _heading_lines(runs: Runs) -> list[str]:
    return [line.strip() for line in "".join(t for _, t in runs).split("\n") if line.strip()]


def _formula(b: Builder) -> None:
    """§3 ust. 6 lit. d: the two fractions of the seed."""
    for label, top in (("dla działalności nieodpłatnej", "przychód z działalności nieodpłatnej"),
                       ("dla działalności odpłatnej", "przychód z działalności odpłatnej")):
        table = grid(b, [["R:" + label + " =", "C:" + top, "× 100%"],
                         ["", "C:wszystkie przychody z działalności podstawowej", ""]], [52, 80, 20], size=10)
        table.cell(0, 1).paragraphs[0].runs[0].underline = True
    b.para("", after=0)


def _shares(b: Builder) -> None:
    """The proportion computed for the policy's year."""
    grid(b, [["B:Działalność statutowa", "R:B:Przychody {{ rok_przychodow }} r.", "R:B:Proporcja"],
             ["nieodpłatna", "R:{{ przychody.nieodplatna|kwota }}", "R:B:{{ proporcja.nieodplatna|procent }}"],
             ["odpłatna", "R:{{ przychody.odplatna|kwota }}", "R:B:{{ proporcja.odplatna|procent }}"],
             ["B:razem – działalność podstawowa", "R:B:{{ przychody_razem|kwota }}", "R:B:100%"]],
         [60, 40, 25], borders=True)
    b.para("", after=0)


def _annexes(b: Builder) -> None:
    b.para("Załączniki:", align="left", after=1)
    for line in ("Załącznik nr 1 – Zasady ewidencji środków na kontach ksiąg głównych;",
                 "Załącznik nr 2 – Instrukcja kasowa;", "Załącznik nr 3 – Instrukcja inwentaryzacyjna;",
                 "Załącznik nr 4 – Instrukcja sporządzania, obiegu i kontroli dokumentów księgowych;",
                 "Załącznik nr 5 – Instrukcja w sprawie gospodarki aktywami trwałymi oraz rzeczowymi "
                 "aktywami trwałymi."):
        b.para(line, align="left", after=0)


def _policy_signatures(b: Builder) -> None:
    _signatures(b, "Podpis osoby odpowiedzialnej za prowadzenie ksiąg rachunkowych",
                "{{ polityka.ksiegowy or '(imię i nazwisko)' }}", "Podpisy Zarządu")


MARKERS: dict[str, Callable[[Builder], None]] = {
    "formula": _formula, "shares": _shares, "annexes": _annexes, "sign": _policy_signatures}


def pol_polityka_rachunkowosci(b: Builder) -> None:
    """POL §1–4: the policy of one association, under the board's resolution."""
    for line in ("Załącznik do Uchwały nr {{ s.uchwala.numer|dots(10) }}", "Zarządu {{ s.of_board }}",
                 "z dnia {{ s.uchwala.data|data }}"):
        b.para(line, align="right", size=9, after=0).paragraph_format.left_indent = Mm(80)
    b.para("")
    for kind, number, runs in _policy_items():
        if kind == "marker":
            MARKERS[number](b)
        elif kind == "h1":
            lines = _heading_lines(runs)
            b.title(*lines[:-1])
            b.para(lines[-1], align="center", size=9)
        elif kind == "h2":
            for i, line in enumerate(_heading_lines(runs)):
                fmt = b.para(("b", line), align="center", after=4 if i else 0).paragraph_format
                fmt.keep_with_next, fmt.space_before = True, Pt(0 if i else 9)
        elif kind == "p":
            b.para(*runs)
        else:
            _numbered(b, kind, number, runs)


# --- Plan amortyzacji -------------------------------------------------------------------

def _landscape(b: Builder) -> None:
    section = b.doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(15)
    section.top_margin, section.bottom_margin = Mm(14), Mm(16)


# The register's remarks (forms.pol_plan._remarks): the withdrawal date, then the other notes.
REMARKS = ('{{ ([("wycofany " ~ (r.uwagi.wycofany|data)) if r.uwagi.wycofany else ""] + r.uwagi.inne)'
           '|select|join("; ") }}')
OTHER_REMARKS = '{{ r.uwagi.inne|join("; ") }}'  # where a column shows the withdrawal
NAMED = "{{ r.s.nazwa }}{% if r.uwagi.inne %} (" + OTHER_REMARKS + "){% endif %}"
FIXED_HEAD = ["L.p.", "Nr inwentarzowy", "Nazwa środka trwałego", "KŚT", "Data przyjęcia", "Wartość początkowa",
              "Stawka roczna", "Odpis miesięczny", "Okres amortyzacji", "Umorzenie na 1.01.{{ plan.rok }}",
              "Odpisy w {{ plan.rok }} r.", "Umorzenie na 31.12.{{ plan.rok }}", "Wartość netto na 31.12.{{ plan.rok }}"]
FIXED_ROW = ["R:{{ loop.index }}.", "{{ r.s.nr_inwentarzowy|dots(8) }}", NAMED, "{{ r.s.kst }}",
             "{{ r.s.data_przyjecia|data }}", "R:{{ r.s.wartosc_poczatkowa|liczba }}",
             "R:{% if r.s.grunt %}grunt{% else %}{{ r.stawka|procent }}{% endif %}",
             "R:{% if r.s.grunt %}–{% else %}{{ r.miesieczny|liczba }}{% endif %}",
             "{% if r.s.grunt %}nie podlega amortyzacji{% else %}{{ r.od }} – {{ r.do }}{% endif %}",
             "R:{{ r.t.opening|liczba }}", "R:{{ r.t.charges|liczba }}",
             "R:{% if r.t.withdrawn %}wycofany {{ r.s.data_wycofania|data }}{% else %}{{ r.t.closing|liczba }}{% endif %}",
             "R:{% if r.t.withdrawn %}umorzenie do wycofania {{ r.t.retired|liczba }}"
             "{% else %}{{ r.t.net|liczba }}{% endif %}"]
IN_REGISTER = "Razem{% if {s}.wycofane %} w ewidencji na 31.12.{{ plan.rok }}{% endif %}"
FIXED_SUM = ["", IN_REGISTER.replace("{s}", "suma_podstawowe"), "", "", "",
             "R:{{ suma_podstawowe.wartosc|liczba }}", "", "", "",
             "R:{{ suma_podstawowe.opening|liczba }}", "R:{{ suma_podstawowe.charges|liczba }}",
             "R:{{ suma_podstawowe.closing|liczba }}", "R:{{ suma_podstawowe.net|liczba }}"]
FIXED_OUT = ["", "Wycofane w {{ plan.rok }} r.", "", "", "", "R:{{ suma_podstawowe.wycofane.wartosc|liczba }}",
             "", "", "", "R:{{ suma_podstawowe.wycofane.opening|liczba }}",
             "R:{{ suma_podstawowe.wycofane.charges|liczba }}", "",
             "R:umorzenie wycofane {{ suma_podstawowe.wycofane.retired|liczba }}"]
LOW_HEAD = ["L.p.", "Nr inwentarzowy", "Nazwa", "KŚT", "Data przyjęcia", "Wartość początkowa", "Miesiąc umorzenia",
            "Umorzenie na 1.01.{{ plan.rok }}", "Umorzenie w {{ plan.rok }} r.", "Uwagi"]
LOW_ROW = ["R:{{ loop.index }}.", "{{ r.s.nr_inwentarzowy|dots(8) }}", "{{ r.s.nazwa }}", "{{ r.s.kst }}",
           "{{ r.s.data_przyjecia|data }}", "R:{{ r.s.wartosc_poczatkowa|liczba }}", "{{ r.od }}",
           "R:{{ r.t.opening|liczba }}", "R:{{ r.t.charges|liczba }}", REMARKS]
LOW_SUM = ["", IN_REGISTER.replace("{s}", "suma_niskocenne"), "", "", "",
           "R:{{ suma_niskocenne.wartosc|liczba }}", "",
           "R:{{ suma_niskocenne.opening|liczba }}", "R:{{ suma_niskocenne.charges|liczba }}", ""]
LOW_OUT = ["", "Wycofane w {{ plan.rok }} r.", "", "", "", "R:{{ suma_niskocenne.wycofane.wartosc|liczba }}", "",
           "R:{{ suma_niskocenne.wycofane.opening|liczba }}", "R:{{ suma_niskocenne.wycofane.charges|liczba }}", ""]


def _section(b: Builder, title: str, note: str) -> None:
    b.para(("b", title), ("", " " + note if note else ""), align="left", after=1).paragraph_format.keep_with_next = True


def _withdrawn_row(b: Builder, sums: str, cells: list[str], size: float) -> None:
    """Before the totals: the assets withdrawn during the year, when there are any."""
    table = b.doc.tables[-1]
    total = table.rows[-1]._tr
    for texts in (["{%tr if " + sums + ".wycofane %}"], cells, ["{%tr endif %}"]):
        row = table.add_row()
        for cell, text in zip(row.cells, texts):
            Builder._cell(cell, text, bold=True, right=text.startswith("R:"))
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(size)
        total.addprevious(row._tr)


def _register(b: Builder, items: str, head: list[str], row: list[str], total: list[str], widths: list[float],
              empty: str, withdrawn: tuple[str, list[str]] | None = None) -> None:
    """A register table over `items` with its totals row, or a 'none' line when the list is empty."""
    b.tag("{%p if " + items + " %}")
    _looped(b, head, row, "for r in " + items, total, widths, 8)
    if withdrawn:
        _withdrawn_row(b, *withdrawn, 8)
        _widths(b.doc.tables[-1], widths)
    b.tag("{%p else %}")
    b.para(("i", empty), align="left")
    b.tag("{%p endif %}")


def _plan_intro(b: Builder) -> None:
    _letterhead(b, "{{ plan.data_sporzadzenia|data }}", [160, 107])
    b.title("PLAN AMORTYZACJI I EWIDENCJA ŚRODKÓW TRWAŁYCH", "na rok {{ plan.rok }}")
    b.para("Plan sporządzono zgodnie z {% if paragrafy.get('srodki_trwale') %}{{ paragrafy.srodki_trwale }} "
           "{% endif %}polityki rachunkowości Stowarzyszenia. Według wartości "
           "początkowej: powyżej ", ("b", "{{ progi.srodek_trwaly_powyzej|kwota }}"), " – podstawowe środki "
           "trwałe, umarzane metodą liniową od miesiąca następującego po przyjęciu do używania według stawek "
           "z wykazu stawek amortyzacyjnych; od ", ("b", "{{ progi.niska_wartosc_od|kwota }}"),
           " do {{ progi.srodek_trwaly_powyzej|kwota }} – środki trwałe o niskiej wartości, umarzane jednorazowo "
           "w miesiącu przyjęcia do używania; poniżej {{ progi.niska_wartosc_od|kwota }} – materiały. Grunty nie "
           "podlegają amortyzacji.", size=10)


def _months_table(b: Builder) -> None:
    _section(b, "IV. Odpisy w poszczególnych miesiącach {{ plan.rok }} r.", "")
    _looped(b, ["Miesiąc", "Amortyzacja podstawowych środków trwałych",
                "Umorzenie jednorazowe środków o niskiej wartości", "Razem"],
            ["{{ m.nazwa }}", "R:{{ m.amortyzacja|liczba }}", "R:{{ m.niskocenne|liczba }}", "R:{{ m.razem|liczba }}"],
            "for m in miesiace", ["Razem {{ plan.rok }} r.", "R:{{ suma_podstawowe.charges_all|liczba }}",
                                  "R:{{ suma_niskocenne.charges_all|liczba }}", "R:{{ odpisy_razem|liczba }}"],
            [40, 55, 55, 30], 8.5)
    b.para(("s", "Kwoty w złotych. Odpis miesięczny = wartość początkowa × stawka roczna : 12, zaokrąglony do "
                 "pełnych groszy; ostatni odpis wyrównuje umorzenie do wartości początkowej. Środek wycofany "
                 "(sprzedany, zlikwidowany, stwierdzony niedobór) umarza się do końca miesiąca wycofania; na "
                 "koniec roku nie ma go w ewidencji ani w sumach wartości netto."), align="left")


def pol_plan_amortyzacji(b: Builder) -> None:
    """POL §3 ust. 2 pkt 6–15: the year's depreciation plan and the asset register, landscape."""
    _landscape(b)
    _plan_intro(b)
    _section(b, "I. Podstawowe środki trwałe", "(Wn „Koszty – Amortyzacja”, Ma „Umorzenie środków trwałych”)")
    _register(b, "podstawowe", FIXED_HEAD, FIXED_ROW, FIXED_SUM,
              [9, 22, 47, 10, 19, 20, 13, 17, 26, 19, 18, 19, 19], "Brak podstawowych środków trwałych.",
              ("suma_podstawowe", FIXED_OUT))
    _section(b, "II. Pozostałe środki trwałe o niskiej wartości",
             "(umorzenie jednorazowe w miesiącu przyjęcia do używania)")
    _register(b, "niskocenne", LOW_HEAD, LOW_ROW, LOW_SUM, [9, 24, 60, 12, 22, 24, 20, 22, 22, 40],
              "Brak środków trwałych o niskiej wartości.", ("suma_niskocenne", LOW_OUT))
    _section(b, "III. Przedmioty zaliczone do materiałów", "(Wn „Zużycie materiałów”; poza ewidencją środków trwałych)")
    _register(b, "materialy", ["L.p.", "Nazwa", "KŚT", "Data przyjęcia", "Wartość", "Uwagi"],
              ["R:{{ loop.index }}.", "{{ r.s.nazwa }}", "{{ r.s.kst }}", "{{ r.s.data_przyjecia|data }}",
               "R:{{ r.s.wartosc_poczatkowa|liczba }}", REMARKS],
              ["", "Razem", "", "", "R:{{ suma_materialy|liczba }}", ""], [9, 70, 12, 24, 24, 50], "Brak.")
    _months_table(b)
    _signatures(b, "", "Sporządził{% if plan.sporzadzil %}: {{ plan.sporzadzil }}{% endif %} (data i podpis)",
                "Zatwierdził – Zarząd Stowarzyszenia")


# --- Rozliczenie kosztów pośrednich -----------------------------------------------------

def pol_podzial_kosztow(b: Builder) -> None:
    """POL §3 ust. 6 lit. c–d: indirect costs split by last year's revenue proportion."""
    _letterhead(b, "{{ rozliczenie.data_sporzadzenia|data }}", [100, 68])
    b.title("ROZLICZENIE KOSZTÓW POŚREDNICH", "za okres od {{ okres_od|data }} do {{ okres_do|data }}")
    b.para("Zgodnie z {% if paragrafy.get('koszty_posrednie') %}{{ paragrafy.koszty_posrednie }} {% endif %}"
           "polityki rachunkowości koszty pośrednie, których Stowarzyszenie nie może "
           "jednoznacznie przypisać do działalności nieodpłatnej albo odpłatnej, rozlicza się na oba rodzaje "
           "działalności statutowej w proporcji przychodów z tych działalności w roku poprzednim.")
    _section(b, "1. Proporcja ustalona z przychodów roku {{ rok_przychodow }}", "")
    _shares(b)
    b.para(("s", "proporcja = przychód z danej działalności : wszystkie przychody z działalności podstawowej "
                 "× 100% (podana w zaokrągleniu do 0,01%; koszty dzieli się w dokładnym stosunku przychodów)"),
           align="left")
    _section(b, "2. Podział kosztów pośrednich", "")
    _looped(b, ["L.p.", "Konto", "Koszt pośredni", "Kwota",
                "Działalność nieodpłatna ({{ proporcja.nieodplatna|procent }})",
                "Działalność odpłatna ({{ proporcja.odplatna|procent }})"],
            ["R:{{ loop.index }}.", "{{ w.k.konto or '' }}", "{{ w.k.nazwa }}", "R:{{ w.k.kwota|kwota }}",
             "R:{{ w.nieodplatna|kwota }}", "R:{{ w.odplatna|kwota }}"],
            "for w in wiersze", ["", "", "Razem koszty pośrednie", "R:{{ razem|kwota }}",
                                 "R:{{ sumy.nieodplatna|kwota }}", "R:{{ sumy.odplatna|kwota }}"],
            [10, 17, 53, 30, 28, 28], 9.5)
    b.para(("s", "Każdy koszt dzieli się w stosunku przychodów obu działalności z roku {{ rok_przychodow }} "
                 "({{ przychody.nieodplatna|liczba }} : {{ przychody.odplatna|liczba }}); części zaokrąglono do "
                 "pełnych groszy tak, aby ich suma była równa kwocie kosztu (grosz pozostały po zaokrągleniu "
                 "w dół przypada części o największej reszcie)."), align="left")
    b.para("Koszty działalności nieodpłatnej zwiększa się o ", ("b", "{{ sumy.nieodplatna|kwota }}"),
           ", a koszty działalności odpłatnej o ", ("b", "{{ sumy.odplatna|kwota }}"), ".")
    _signatures(b, "", "Sporządził{% if rozliczenie.sporzadzil %}: {{ rozliczenie.sporzadzil }}{% endif %} "
                "(data i podpis)", "Zatwierdził – Zarząd Stowarzyszenia")
