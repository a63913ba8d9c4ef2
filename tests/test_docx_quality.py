"""What every DOCX carries (issue 9): Polish as its language, table grids equal to the cells,
fixed table layouts, footer fields in the footer's size, dotted lines that fit, signature blocks
chained to what they sign. Checked on the rendered DOCX of every example case."""

from __future__ import annotations

import io
import re
import zipfile
from functools import lru_cache

import pytest
from lxml import etree

from formgen.documents import render_document
from formgen.output import build_time
from formgen.pipeline import collect
from formgen.project import Project
from tests.conftest import EXAMPLES, ROOT

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}


@lru_cache(maxsize=1)
def example_docx() -> dict[str, bytes]:
    """'form/case' → the rendered DOCX of every example case."""
    project = Project(ROOT / "templates", ROOT / "data")
    cases, invalid = collect(project, [EXAMPLES])
    assert not invalid
    return {f"{form.id}/{case.id}": render_document(project, form, case, build_time(), layout=False).docx
            for case in cases for form in case.forms}


def part(docx: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return etree.fromstring(archive.read(name))


DOCS = sorted(example_docx())


@pytest.mark.parametrize("name", DOCS)
def test_language_is_polish(name):
    docx = example_docx()[name]
    default = part(docx, "word/styles.xml").find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert default.get(W + "val") == "pl-PL"
    langs = {lang.get(W + "val") for lang in part(docx, "word/styles.xml").iter(W + "lang")}
    assert langs == {"pl-PL"}
    body = part(docx, "word/document.xml")
    runs = list(body.iter(W + "r"))
    assert runs and all(r.find("w:rPr/w:lang", NS).get(W + "val") == "pl-PL" for r in runs)


def widths(row: etree._Element) -> list[int]:
    out = []
    for cell in row.findall("w:tc", NS):
        span = cell.find("w:tcPr/w:gridSpan", NS)
        count = int(span.get(W + "val")) if span is not None else 1
        out += [int(cell.find("w:tcPr/w:tcW", NS).get(W + "w")) // count] * count
    return out


@pytest.mark.parametrize("name", DOCS)
def test_table_grids_equal_their_cells(name):
    for table in part(example_docx()[name], "word/document.xml").iter(W + "tbl"):
        grid = [int(c.get(W + "w")) for c in table.findall("w:tblGrid/w:gridCol", NS)]
        assert grid == max((widths(r) for r in table.findall("w:tr", NS)), key=len)
        assert min(grid) >= 200, grid  # no column a character wide (3,5 mm; 1 cm is 567 twips)
        assert table.find("w:tblPr/w:tblLayout", NS).get(W + "type") == "fixed"
        assert table.find("w:tblPr/w:tblW", NS).get(W + "w") == str(sum(grid))


def test_the_fund_plan_group_tables_keep_their_columns():
    # V.1, V.2 and V.4 of the plan repeat a column per income group ({%tc for %}): six columns
    # of 22 mm (1247 twips) each, not the 28/32/226 twips docxtpl leaves in the grid.
    body = part(example_docx()["zfss-plan-podzialu/plan-zfss-2026"], "word/document.xml")
    grids = [[int(c.get(W + "w")) for c in t.findall("w:tblGrid/w:gridCol", NS)] for t in body.iter(W + "tbl")]
    assert grids.count([1247] * 6) >= 3
    assert [2268, 1247, 1247, 1247, 1247, 1247, 1247] in grids  # V.1: the label column and six groups


@pytest.mark.parametrize("name", DOCS)
def test_footer_fields_have_the_footer_size(name):
    footer = part(example_docx()[name], "word/footer1.xml")
    sizes = {r.find("w:rPr/w:sz", NS).get(W + "val") for r in footer.iter(W + "r")}
    assert sizes == {"16"}  # 8 pt, the page fields' results included


@pytest.mark.parametrize("name", DOCS)
def test_dotted_lines_fit_their_cells(name):
    for cell in part(example_docx()[name], "word/document.xml").iter(W + "tc"):
        room = int(cell.find("w:tcPr/w:tcW", NS).get(W + "w")) - 216
        for run in cell.iter(W + "r"):
            text = "".join(t.text or "" for t in run.iter(W + "t"))
            if re.fullmatch(r"(\d+\.\s*)?…{3,}", text):
                size = run.find("w:rPr/w:sz", NS)
                em = int(size.get(W + "val")) * 10 if size is not None else 220  # twips
                assert text.count("…") * em <= room, (text, room)


def test_signature_blocks_are_chained_to_what_they_sign():
    # The loan agreement: "Umowa niniejsza została sporządzona …" keeps with the signatures that
    # follow, whose rows do not split.
    body = part(example_docx()["zfss-umowa-pozyczki/pozyczka-2026-001"], "word/document.xml")
    paragraphs = list(body.iter(W + "p"))
    closing = next(p for p in paragraphs if "sporządzona w 2 jednobrzmiących" in "".join(p.itertext()))
    assert closing.find("w:pPr/w:keepNext", NS) is not None
    table = closing.getnext()
    while table.tag != W + "tbl":
        table = table.getnext()
    assert "Podpis Pożyczkobiorcy" in "".join(table.itertext())
    assert all(row.find("w:trPr/w:cantSplit", NS) is not None for row in table.findall("w:tr", NS))
