"""Finishing touches every DOCX template gets when make_docx.py writes it (see docxkit.Builder).

- language pl-PL in the style defaults, every style and every run (Word spell-checks in Polish);
- every table: fixed layout and a column grid equal to its cells' widths;
- the footer's page fields in the footer's font size;
- dotted signature lines no longer than the cell or line they are drawn in;
- signature blocks kept with what they sign: keep-with-next from the last paragraph before the
  block through the block, rows that do not split, and the last rows of a table before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length

from formgen.render.docx import fix_table_grids

LANGUAGE = "pl-PL"
CELL_MARGINS = 2 * 108  # Word's default left + right cell margins, in twips
TWIPS_PER_PT = 20
SIGNATURE = re.compile(r"\b(podpis\w{0,2}|pieczęć)\b", re.IGNORECASE)
DOTTED = re.compile(r"^(?P<prefix>\d+\.\s*)?(?P<dots>…{3,})$")
TAG = re.compile(r"^\s*\{%-?\s*[pr]?\s")  # a docxtpl block-tag paragraph: gone once rendered


def polish(doc: Document) -> None:
    """Apply every finishing touch to a built template."""
    section = doc.sections[0]
    text_width = Length(section.page_width - section.left_margin - section.right_margin)
    fix_table_grids(doc.element.body)
    _small_tables_whole(doc)
    _footer_fields(doc)  # before _language, which gives every run an rPr
    _language(doc)
    _fit_dotted_lines(doc, text_width.twips)
    _keep_signatures(doc)


# --- Language ----------------------------------------------------------------------------

def _lang(parent: Any) -> None:
    """Set (or add) w:lang pl-PL in an rPr element."""
    lang = parent.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        parent.append(lang)
    for attribute in ("w:val", "w:eastAsia"):
        lang.set(qn(attribute), LANGUAGE)


def _language(doc: Document) -> None:
    """pl-PL in the document defaults, in every style that names a language, and in every run."""
    styles = doc.styles.element
    for rpr in styles.iter(qn("w:rPr")):
        if rpr.find(qn("w:lang")) is not None or rpr.getparent().tag == qn("w:rPrDefault"):
            _lang(rpr)
    for part in _parts(doc):
        for run in part.iter(qn("w:r")):
            _lang(run.get_or_add_rPr())


def _parts(doc: Document) -> Iterator[Any]:
    """The body and every header and footer."""
    yield doc.element.body
    for section in doc.sections:
        for hf in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            if not hf.is_linked_to_previous:
                yield hf._element


# --- Footer fields -----------------------------------------------------------------------

def _footer_fields(doc: Document) -> None:
    """A field's result takes the formatting of the text before it (else Word's 11 pt)."""
    for section in doc.sections:
        for field in section.footer._element.iter(qn("w:fldSimple")):
            before = field.getprevious()
            source = before.find(qn("w:rPr")) if before is not None else None
            for run in field.iter(qn("w:r")):
                if source is not None and run.find(qn("w:rPr")) is None:
                    run.insert(0, _copy(source))


def _copy(element: Any) -> Any:
    from copy import deepcopy

    return deepcopy(element)


# --- Dotted lines ------------------------------------------------------------------------

def _twips(element: Any, tag: str, attribute: str = "w:w") -> int:
    node = element.find(qn(tag)) if element is not None else None
    value = node.get(qn(attribute)) if node is not None else None
    return int(value) if value else 0


def _available(paragraph: Any, text_width: int) -> int:
    """The width a paragraph's text may take, in twips: its cell's or the page's, less indents."""
    cell = next((a for a in paragraph.iterancestors(qn("w:tc"))), None)
    width = _twips(cell.find(qn("w:tcPr")), "w:tcW") - CELL_MARGINS if cell is not None else text_width
    ppr = paragraph.find(qn("w:pPr"))
    ind = ppr.find(qn("w:ind")) if ppr is not None else None
    if ind is not None:
        for side in ("w:left", "w:right", "w:start", "w:end"):
            width -= int(ind.get(qn(side)) or 0)
    return width


def _fit_dotted_lines(doc: Document, text_width: int) -> None:
    """Shorten dotted lines ('……', '3. ……') that would not fit on one line of their place.

    '…' is one em wide in Times New Roman and Liberation Serif; a number before it about half
    an em a character.
    """
    for paragraph in doc.element.body.iter(qn("w:p")):
        for run in paragraph.iter(qn("w:r")):
            text_node = run.find(qn("w:t"))
            match = DOTTED.match(text_node.text or "") if text_node is not None else None
            if not match:
                continue
            size = _twips(run.find(qn("w:rPr")), "w:sz", "w:val") or 22  # half-points; 11 pt
            em = size * TWIPS_PER_PT // 2
            prefix = match["prefix"] or ""
            room = _available(paragraph, text_width) - len(prefix) * em // 2
            fits = max(3, room // em - 1)
            if len(match["dots"]) > fits:
                text_node.text = prefix + "…" * fits


# --- Signature blocks --------------------------------------------------------------------

def _text(element: Any) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def _is_tag(element: Any) -> bool:
    return element.tag == qn("w:p") and bool(TAG.match(_text(element)))


def _is_filler(element: Any) -> bool:
    """An empty paragraph or a dotted line: part of a signature block's spacing."""
    text = _text(element).strip()
    return element.tag == qn("w:p") and (not text or bool(DOTTED.match(text)))


def _keep(element: Any, rows: slice = slice(None)) -> None:
    """Keep-with-next on a paragraph, or on every paragraph of the chosen rows of a table (whose
    rows then also stay whole)."""
    if element.tag == qn("w:p"):
        element.get_or_add_pPr().get_or_add_keepNext()
        return
    for row in element.findall(qn("w:tr"))[rows]:
        trpr = row.get_or_add_trPr()
        if trpr.find(qn("w:cantSplit")) is None:
            trpr.append(OxmlElement("w:cantSplit"))
        for paragraph in row.iter(qn("w:p")):
            paragraph.get_or_add_pPr().get_or_add_keepNext()


def _small_tables_whole(doc: Document, most: int = 8) -> None:
    """A small fixed table (not a looped register) stays on one page, as the PDF keeps it."""
    for table in doc.element.body.iter(qn("w:tbl")):
        rows = table.findall(qn("w:tr"))
        if len(rows) <= most and "{%tr" not in _text(table):
            _keep(table, slice(0, -1))


def _following(body: list[Any], index: int) -> Any | None:
    """The next body element after `index` that is not a block tag."""
    return next((e for e in body[index + 1:] if not _is_tag(e)), None)


def _keep_before(body: list[Any], start: int, paragraphs: int = 3) -> None:
    """Keep the content before a signature block with it: up to `paragraphs` paragraphs, or the
    last two rows of a table (its totals row and the row above)."""
    kept, index = 0, start - 1
    while index >= 0 and kept < paragraphs:
        element = body[index]
        index -= 1
        if _is_tag(element):
            continue
        _keep(element, slice(-2, None))
        if element.tag == qn("w:tbl"):
            return
        kept += 1


def _keep_signatures(doc: Document) -> None:
    """Chain each signature block to the content before it with keep-with-next.

    A block is a body element whose text has a signature caption ('podpis', 'pieczęć'), with
    the fillers, block tags and short headings ('Podpisy:') just before it, and the table of
    signatures after such a heading. The content before the block is kept with it.
    """
    body = [e for e in doc.element.body if e.tag in (qn("w:p"), qn("w:tbl"))]
    for index, element in enumerate(body):
        text = _text(element)
        if not SIGNATURE.search(text) or (element.tag == qn("w:p") and len(text) > 80):
            continue  # a caption is short: a sentence that mentions a signature is not one
        start = index
        while start > 0 and (_is_filler(body[start - 1]) or _is_tag(body[start - 1])
                             or len(_text(body[start - 1]).strip()) <= 30):
            start -= 1
        _keep_before(body, start)
        for part in body[start:index]:
            if not _is_tag(part):
                _keep(part)
        after = _following(body, index)
        if element.tag == qn("w:p") and after is not None and after.tag == qn("w:tbl"):
            _keep(element)  # a heading ("Podpisy:") over the table of signatures
            element = after
        if element.tag == qn("w:tbl"):
            _keep(element, slice(0, -1))
            for row in element.findall(qn("w:tr"))[-1:]:
                trpr = row.get_or_add_trPr()
                if trpr.find(qn("w:cantSplit")) is None:
                    trpr.append(OxmlElement("w:cantSplit"))
