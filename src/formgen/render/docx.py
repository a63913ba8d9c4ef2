"""DOCX rendering with docxtpl, through the shared sandboxed environment.

docxtpl reads the template file, cleans each part's XML up for Jinja and compiles it for every
document. A process renders many cases of a form, so it keeps what does not depend on the case:
the template file's bytes (read again when the file changes), the cleaned-up XML of each part
(`patch_xml` is a pure function of the XML) and, in the environment, the compiled templates.
Each document still gets its own parsed copy of the template: nothing mutable is shared.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from docx.opc.pkgwriter import PackageWriter
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docxtpl import DocxTemplate

from formgen.render.env import environment


def render_docx(template: Path, templates_root: Path | tuple[Path, ...], context: dict[str, Any],
                title: str, author: str, when: dt.datetime, mark: str | None = None) -> bytes:
    """Fill a DOCX template and return the document's bytes, with neutral metadata; `mark`
    ("WZÓR") heads every page when given."""
    doc = _FormTemplate(io.BytesIO(template_bytes(template)))
    doc.render(context, jinja_env=environment(templates_root), autoescape=True)
    fix_table_grids(doc.docx.element.body)
    if mark:
        from formgen.render.mark import mark_docx

        mark_docx(doc.docx, mark)
    props = doc.docx.core_properties
    for name in ("subject", "keywords", "comments", "category", "last_modified_by", "identifier",
                 "content_status", "language", "version"):
        setattr(props, name, "")
    # python-docx (like Word) holds at most 255 characters in a core property.
    props.title, props.author = _property(title), _property(author)
    props.created = props.modified = when.replace(tzinfo=None)
    props.last_printed = when.replace(tzinfo=None)
    props.revision = 1
    return _zip(_members(doc.docx.part.package), when)


class _FormTemplate(DocxTemplate):  # type: ignore[misc]
    """docxtpl's template, taking each part's cleaned-up XML from the process's cache."""

    def patch_xml(self, src_xml: str) -> str:
        return _patched_xml(src_xml)


@lru_cache(maxsize=64)
def _patched_xml(src_xml: str) -> str:
    """docxtpl's clean-up of a part's XML for Jinja, once per distinct XML."""
    return DocxTemplate.patch_xml(_CLEANER, src_xml)  # type: ignore[no-any-return]


_CLEANER = DocxTemplate(io.BytesIO())  # patch_xml uses nothing of its instance


def template_bytes(template: Path) -> bytes:
    """A DOCX template's bytes, read once per version of the file."""
    stat = template.stat()
    return _read_template(template.resolve(), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _read_template(path: Path, mtime_ns: int, size: int) -> bytes:
    return path.read_bytes()


def _property(text: str, limit: int = 255) -> str:
    """A document property value within `limit` characters (cut with an ellipsis)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Members:
    """Takes the place of python-docx's zip writer: keeps each member's name and bytes, in order."""

    def __init__(self) -> None:
        self.items: list[tuple[str, bytes]] = []

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self.items.append((pack_uri.membername, blob))


def _members(package: Any) -> list[tuple[str, bytes]]:
    """The members of the package as python-docx's `save` writes them, in its order (its
    PackageWriter's steps), without compressing them: formgen writes the zip itself, once."""
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    members = _Members()
    PackageWriter._write_content_types_stream(members, parts)
    PackageWriter._write_pkg_rels(members, package.rels)
    PackageWriter._write_parts(members, parts)  # type: ignore[arg-type]  # _Members has write()
    return members.items


def _zip(members: list[tuple[str, bytes]], when: dt.datetime) -> bytes:
    """The DOCX file: every member with one timestamp, so the same input gives the same bytes."""
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, data)
    return out.getvalue()


def _cell_widths(row: Any) -> list[int] | None:
    """The grid columns a table row's cells cover, in twips (a spanned cell split evenly), or
    None when a cell gives no width in twips."""
    widths: list[int] = []
    for cell in row.findall(qn("w:tc")):
        props = cell.find(qn("w:tcPr"))
        width = props.find(qn("w:tcW")) if props is not None else None
        span = props.find(qn("w:gridSpan")) if props is not None else None
        if width is None or width.get(qn("w:type")) not in (None, "dxa"):
            return None
        count = int(span.get(qn("w:val"))) if span is not None else 1
        widths += [int(width.get(qn("w:w"))) // count] * count
    return widths or None


def fix_table_grids(body: Any) -> None:
    """Give every table a fixed layout and a column grid equal to its cells' widths.

    docxtpl's column loops ({%tc for %}) multiply the cells of a row but not the grid, which it
    rescales to fit the old total: LibreOffice then draws the columns a character wide. The
    row with the most columns gives the grid; long values wrap inside their cells.
    """
    for table in body.iter(qn("w:tbl")):
        rows = [_cell_widths(row) for row in table.findall(qn("w:tr"))]
        widest = max((r for r in rows if r), key=len, default=None)
        if widest is None:
            continue
        grid = table.find(qn("w:tblGrid"))
        for column in list(grid):
            grid.remove(column)
        for width in widest:
            column = OxmlElement("w:gridCol")
            column.set(qn("w:w"), str(width))
            grid.append(column)
        _fixed_width(table.find(qn("w:tblPr")), sum(widest))


def _fixed_width(props: Any, width: int) -> None:
    """tblW = the grid's width in twips, and a fixed layout (Word and LibreOffice keep it)."""
    table_width = props.find(qn("w:tblW"))
    if table_width is None:  # python-docx always writes one; keep the schema's order if not
        table_width = OxmlElement("w:tblW")
        style = props.find(qn("w:tblStyle"))
        props.insert(0 if style is None else 1, table_width)
    table_width.set(qn("w:type"), "dxa")
    table_width.set(qn("w:w"), str(width))
    props.get_or_add_tblLayout().set(qn("w:type"), "fixed")  # python-docx keeps the schema's order
