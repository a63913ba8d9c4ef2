"""A batch input of many staff statements with some cases broken in many different ways.

Used by the soak test (tests/test_soak.py) and by benchmarks/reliability.py: CSV files of
100 rows and single-case YAML files, with every 20th case (5 %) broken in one of the ways a
careless or hostile user breaks input. `write_cases` returns what a correct run must report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

FORM = "som-oswiadczenie"
REGISTER = "som-wykaz-zapoznanych"
HEADER = "form,id,osoba.imie,osoba.nazwisko,osoba.plec,osoba.pesel,stanowisko,data"
ROWS_PER_CSV = 100
YAML_SHARE = 3  # of every 10 cases, this many are YAML files


@dataclass
class Expected:
    """What a run over the written cases must produce and report."""

    good: list[str] = field(default_factory=list)  # case ids whose DOCX and PDF must exist
    bad: list[tuple[str, int, str]] = field(default_factory=list)  # (file, line, field or "") reported once
    kinds: set[str] = field(default_factory=set)  # the ways of breaking used


def _row(case_id: str, name: str = "Anna", surname: str = "Nowak", sex: str = "K", pesel: str = "",
         job: str = "opiekunka", day: str = "2026-11-02") -> str:
    return ",".join([FORM, case_id, name, surname, sex, pesel, job, day])


# Each broken CSV row: (kind, the row, the field reported or "" for a row that cannot be parsed).
def _csv_breakage(number: int, case_id: str, earlier: str) -> tuple[str, str, str]:
    kinds = [
        ("unterminated_quote", f'{FORM},{case_id},"Anna,Nowak,K,,opiekunka,2026-11-02', ""),
        ("extra_cell", _row(case_id) + ",nadmiarowa", ""),
        ("cell_over_128kb", _row(case_id, job="x" * 140_000), "stanowisko"),
        ("bidi_override", _row(case_id, surname="Kowal\u202eakswo\u202c"), "osoba.nazwisko"),
        ("zero_width", _row(case_id, name="An\u200bna"), "osoba.imie"),
        ("impossible_date", _row(case_id, day="31.02.2026"), "data"),
        ("date_out_of_range", _row(case_id, day="9999-12-31"), "data"),
        ("pesel_checksum", _row(case_id, pesel="07231412018"), "osoba.pesel"),
        ("bad_choice", _row(case_id, sex="X"), "osoba.plec"),
        ("id_differs_in_case_only", _row(earlier.upper()), "id"),
        ("id_differs_in_punctuation", _row(earlier + "-"), "id"),
        ("id_of_a_register", _row(REGISTER), "id"),
    ]
    return kinds[number % len(kinds)]


_GOOD_YAML = """form: som-oswiadczenie
id: {id}
osoba:
  imie: Jan
  nazwisko: Wiśniewski
  plec: M
stanowisko: kucharz
data: 2026-11-03
"""

# Each broken YAML file: (kind, text, line reported, field reported).
_YAML_BREAKAGE = [
    ("nested_too_deep", "form: som-oswiadczenie\nid: {id}\nosoba: " + "[" * 400 + "]" * 400 + "\n", 3, ""),
    ("alias", _GOOD_YAML.replace("stanowisko: kucharz", "stanowisko: &a kucharz\nrola: *a"), 8, ""),
    ("duplicate_key", _GOOD_YAML + "data: 2026-11-04\n", 9, "data"),
    ("unknown_field", _GOOD_YAML + "kolor: zielony\n", 9, "kolor"),
    ("missing_field", _GOOD_YAML.replace("  nazwisko: Wiśniewski\n", ""), 3, "osoba.nazwisko"),
    ("yaml_syntax", _GOOD_YAML.replace("stanowisko: kucharz", "stanowisko: [kucharz"), 8, ""),
    ("ambiguous_amount", "form: zfss-oswiadczenie-dochody\nid: {id}\ndata: 2026-11-20\nrodzina:\n"
                         "  - imie_nazwisko: Jan Nowak\n    pokrewienstwo: wnioskodawca\n    dochod: \"16.200\"\n",
     7, "rodzina.0.dochod"),
]


def write_cases(folder: Path, count: int, broken_every: int = 20) -> Expected:
    """Write `count` cases under `folder` (every `broken_every`-th broken); what must happen."""
    writer = _Writer(folder)
    for number in range(count):
        case_id = f"s-{number:05d}"
        if number % broken_every == broken_every - 1:
            writer.broken(case_id)
        elif number % 10 < YAML_SHARE:
            writer.good_yaml(case_id)
        else:
            writer.good_row(case_id)
    writer.flush()
    return writer.expected


class _Writer:
    """Collects rows into CSV files of ROWS_PER_CSV and writes YAML files, noting what is expected."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.expected = Expected()
        self.rows: list[str] = []
        self.pending: list[tuple[int, str]] = []  # (line, field) of broken rows of the open file
        self.files = 0
        self.csv_breaks = self.yaml_breaks = 0
        self.last_row_id = ""

    def good_row(self, case_id: str) -> None:
        self._add_row(_row(case_id))
        self.expected.good.append(case_id)
        self.last_row_id = case_id

    def good_yaml(self, case_id: str) -> None:
        (self.folder / f"{case_id}.yaml").write_text(_GOOD_YAML.format(id=case_id), encoding="utf-8")
        self.expected.good.append(case_id)

    def broken(self, case_id: str) -> None:
        """Every third broken case is a YAML file, the others CSV rows; kinds taken in turn."""
        if (self.csv_breaks + self.yaml_breaks) % 3 == 0 or not self.last_row_id:
            kind, text, line, reported = _YAML_BREAKAGE[self.yaml_breaks % len(_YAML_BREAKAGE)]
            path = self.folder / f"{case_id}.yaml"
            path.write_text(text.format(id=case_id), encoding="utf-8")
            self.expected.bad.append((str(path), line, reported))
            self.yaml_breaks += 1
        else:
            kind, row, reported = _csv_breakage(self.csv_breaks, case_id, self.last_row_id)
            self.pending.append((len(self.rows) + 2, reported))
            self._add_row(row)
            self.csv_breaks += 1
        self.expected.kinds.add(kind)

    def _add_row(self, row: str) -> None:
        self.rows.append(row)
        if len(self.rows) == ROWS_PER_CSV:
            self.flush()

    def flush(self) -> None:
        """Write the open CSV file, if it has rows."""
        if not self.rows:
            return
        self.files += 1
        path = self.folder / f"personel-{self.files:03d}.csv"
        path.write_text("\n".join([HEADER, *self.rows]) + "\n", encoding="utf-8")
        self.expected.bad += [(str(path), line, reported) for line, reported in self.pending]
        self.rows, self.pending = [], []
