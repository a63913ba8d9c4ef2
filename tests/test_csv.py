"""CSV reading: encodings, delimiters, dotted headers, row lines."""

from __future__ import annotations

import pytest

from formgen.cases.csvread import read_csv
from formgen.cases.source import Record
from formgen.errors import InputError
from tests.conftest import write

POLISH = "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1250"])
@pytest.mark.parametrize("delimiter", [",", ";"])
def test_encodings_and_delimiters(tmp_path, encoding, delimiter):
    text = delimiter.join(["id", "osoba.imie", "osoba.nazwisko"]) + "\n"
    text += delimiter.join(["a-1", POLISH, "Żółć"]) + "\n"
    records = read_csv(write(tmp_path, "s.csv", text, encoding), form="som-oswiadczenie")
    assert records[0].data == {"form": "som-oswiadczenie", "id": "a-1",
                               "osoba": {"imie": POLISH, "nazwisko": "Żółć"}}


def test_list_indexes_and_row_lines(tmp_path):
    text = "id,rodzina.0.imie_nazwisko,rodzina.1.imie_nazwisko\n\nx,Anna A,Jan A\ny,Ola B,\n"
    records = read_csv(write(tmp_path, "r.csv", text))
    assert [r.line for r in records] == [3, 4]
    assert records[0].data["rodzina"] == [{"imie_nazwisko": "Anna A"}, {"imie_nazwisko": "Jan A"}]
    assert records[1].data["rodzina"] == [{"imie_nazwisko": "Ola B"}]
    assert records[1].line_of(("rodzina", 0, "imie_nazwisko")) == 4


def test_multiline_cell_keeps_the_row_start_line(tmp_path):
    text = 'id,opis\na,"one\ntwo"\nb,three\n'
    records = read_csv(write(tmp_path, "m.csv", text))
    assert [r.line for r in records] == [2, 4]


def test_too_many_cells_fails_that_row_only(tmp_path):
    path = write(tmp_path, "w.csv", "id,a\nx,1\ny,2,3\nz,4\n")
    rows = read_csv(path)
    assert [r.data["id"] for r in rows if isinstance(r, Record)] == ["x", "z"]
    [bad] = [r for r in rows if isinstance(r, InputError)]
    assert bad.message == f"{path}:3: row has 3 cells, header has 2"


def test_duplicate_column_is_an_error(tmp_path):
    path = write(tmp_path, "d.csv", "id,a.b,a.b\nx,1,2\n")
    with pytest.raises(InputError) as exc:
        read_csv(path)
    assert exc.value.message == f"{path}:1: a.b: duplicate column"


def test_a_cell_over_128_kb_is_read_and_left_to_the_schema(tmp_path):
    """The csv module's 128 KB field limit would fail the whole file; the text types' length
    limits report the field instead (see test_reliability)."""
    path = write(tmp_path, "h.csv", "id,opis\nx," + "a" * 200_000 + "\ny,b\n")
    rows = read_csv(path)
    assert [len(r.data["opis"]) for r in rows] == [200_000, 1]
