"""Laying out a bundle from rendered documents: the cover, page numbers across the bundle, the PDF.

The documents come laid out already (formgen.documents: the same pages a single PDF gets);
their pages are put behind a cover page and written once (see docs/archive-bundles-research.md):

- only the page numbers change: one small layout of empty pages with the bundle's footers
  ("strona 5 z 12", each page the size and margins of the bundle page it numbers) gives the
  footer boxes, which replace the documents' own page-number boxes; footers sit in the
  margins, so nothing else on a page moves;
- each document gets one bookmark and an anchor the cover links to;
- the cover is the first document, so its <head> gives the bundle's metadata;
- the case's YAML (and the CSV files it reads lists from) are embedded with relationship
  Source, each document's DOCX with relationship Alternative.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import yaml
from jinja2 import TemplateError

from formgen.cases.load import Case
from formgen.cases.yamlread import read_yaml
from formgen.catalog import Form
from formgen.documents import RenderedDocument
from formgen.errors import FormgenError
from formgen.i18n import _
from formgen.output import slug
from formgen.project import Project
from formgen.rules.dates import format_date_long

# Python 3.11 does not know .yaml: WeasyPrint would embed it as application/octet-stream.
mimetypes.add_type("application/yaml", ".yaml")
mimetypes.add_type("application/yaml", ".yml")

COVER_TITLE = "Strona tytułowa"


PAGE_NUMBER_BOX = "@bottom-right"  # the margin box of form.css that holds "strona X z Y"


@dataclass
class Part:
    """One document of a bundle: the rendered document and its place in the bundle."""

    document: RenderedDocument
    title: str
    anchor: str

    @property
    def form(self) -> Form:
        return self.document.form


def parts_of(cases: list[Case], documents: list[RenderedDocument]) -> list[Part]:
    """The bundle's parts in order, titled by form (and by case when there are several)."""
    several = len(cases) > 1
    return [Part(doc, f"{doc.case.id}: {doc.form.decl.short}" if several else doc.form.decl.short,
                 f"bundle-doc-{number}") for number, doc in enumerate(documents, 1)]


def _sources(case: Case) -> list[tuple[str, bytes, str]]:
    """The case's data as (name, bytes, description): the YAML file itself when it holds just
    this case, with the CSV files it reads lists from (`wczytaj`); else the record as YAML."""
    if case.derived:
        return []
    path, base = case.record.path, slug(case.id)
    if path.suffix.lower() in (".yaml", ".yml"):
        try:
            whole = len(read_yaml(path)) == 1
        except (OSError, FormgenError):
            whole = False
        if whole:
            found = [(f"{base}.yaml", path.read_bytes(), f"Dane sprawy {case.id} (YAML)")]
            for included in sorted(set(case.record.files.values())):
                relative = included.relative_to(path.parent.resolve()).as_posix()
                found.append((included.name, included.read_bytes(),
                              f"Dane sprawy {case.id}: {relative} (CSV)"))
            return found
    # One case of a multi-case file or a CSV row: its data (lists already read in) as YAML.
    data = yaml.safe_dump(case.record.data, allow_unicode=True, sort_keys=False).encode("utf-8")
    return [(f"{base}.yaml", data, f"Dane sprawy {case.id} (YAML)")]


def _attachments(cases: list[Case], parts: list[Part]) -> list[tuple[str, bytes, str, str]]:
    """(name, bytes, relationship, description), sorted by name (name trees must be sorted)."""
    found: dict[str, tuple[str, bytes, str, str]] = {}
    for case in cases:
        for name, data, description in _sources(case):
            if name in found and found[name][1] != data:  # two cases' CSV files of one name
                name = f"{slug(case.id)}-{name}"
            found[name] = (name, data, "Source", description)
    for number, part in enumerate(parts, 1):
        name = f"{number:02d}-{part.form.id}.docx"
        if part.document.docx is None:
            raise FormgenError(_("form {form}: a bundle needs the document's DOCX").format(form=part.form.id))
        found[name] = (name, part.document.docx, "Alternative", f"{part.title} (DOCX)")
    return [found[name] for name in sorted(found)]


def _finisher(_document: Any, pdf: Any, signed: bool = False,
              plain: dict[str, str] | None = None) -> None:
    """WeasyPrint 70 lists every file spec twice in /AF: keep one of each; open the outline.

    A bundle to be signed loses its Info /Producer: pyHanko then writes its own into both Info
    and XMP, which keeps the two consistent (PDF/A validators compare them). In a plain PDF,
    WeasyPrint writes no /AFRelationship: `plain` maps each attachment's MD5 to its relationship.
    """
    from formgen.render.pdf import streams_made_once

    streams_made_once(pdf)
    if signed:
        pdf.info.pop("Producer", None)
    if plain:
        import pydyf

        specs = []
        for item in pdf.objects:
            if isinstance(item, dict) and item.get("Type") == "/Filespec" and "EF" in item:
                stream = pdf.objects[int(item["EF"]["F"].split()[0])]
                checksum = str(stream.extra.get("Params", {}).get("CheckSum", "")).strip("<>")
                item["AFRelationship"] = f"/{plain.get(checksum, 'Unspecified')}"
                specs.append(cast(Any, item).reference)  # a pydyf.Dictionary knows its reference
        if specs:
            pdf.catalog["AF"] = pydyf.Array(specs)
    if "AF" in pdf.catalog:
        seen: set[Any] = set()
        unique = [ref for ref in pdf.catalog["AF"] if not (ref in seen or seen.add(ref))]  # type: ignore[func-returns-value]
        pdf.catalog["AF"][:] = unique
    pdf.catalog["PageMode"] = "/UseOutlines"


@dataclass
class Layout:
    """The laid-out pages of a bundle: the cover first, then each document."""

    documents: list[Any]  # weasyprint Document per part, the cover first
    cover_pages: int
    starts: list[int]  # each part's first page in the bundle
    counts: list[int]  # each part's page count

    @property
    def ranges(self) -> list[tuple[int, int]]:
        """(first page, page count) of the cover and of each part."""
        return [(1, self.cover_pages), *zip(self.starts, self.counts)]

    @property
    def total(self) -> int:
        return self.cover_pages + sum(self.counts)

    @property
    def pages(self) -> list[Any]:
        return [page for document in self.documents for page in document.pages]


@dataclass
class Assembly:
    """What a bundle is made of, and how its pages are put together and written."""

    project: Project
    cases: list[Case]
    name: str
    when: dt.datetime
    variant: str | None  # WeasyPrint's pdf_variant (None: a plain PDF)
    parts: list[Part]

    def __post_init__(self) -> None:
        if not self.parts:
            raise FormgenError(_("nothing to bundle"))

    def cover_html(self, starts: list[int]) -> str:
        """The cover page: the issuer, the bundle's name, its documents and first pages."""
        from formgen.render.env import environment
        from formgen.render.mark import note

        # The documents' one issuer (an association issues its own), else the institution.
        issuers = {part.document.author: part.document.issuer for part in self.parts}
        issuer = next(iter(issuers.values())) if len(issuers) == 1 else self.project.profile
        meta = {"tytul": f"Pakiet dokumentów: {self.name}", "autor": issuer.nazwa, "utworzono": self.when.isoformat()}
        # The table names each document's case; the heading only counts them.
        count = len(self.cases)
        header = self.name if count == 1 else f"{self.name} (liczba spraw: {count})"
        generated = f"{format_date_long(self.when.date())}, godz. {self.when:%H:%M} UTC"
        package = {"naglowek": header, "wygenerowano": generated,
                   "dokumenty": [{"tytul": p.title, "strona": s, "kotwica": p.anchor}
                                 for p, s in zip(self.parts, starts)]}
        template = environment(self.project.templates).get_template("_base/cover.html")
        try:
            return template.render(meta=meta, sprawa={"id": self.name}, wystawca=issuer,
                                   regulamin=None, zalacznik=None, pakiet=package, znak=self.project.mark,
                                   znak_opis=note(self.project.mark) if self.project.mark else None)
        except TemplateError as exc:
            raise FormgenError(_("cover page: template error: {error}").format(error=exc)) from exc

    def _cover(self, counts: list[int]) -> tuple[Any, list[int]]:
        """The cover laid out with the documents' first pages (it is laid out again only if it
        takes more pages than first assumed), and those first pages."""
        from formgen.render.pdf import html_to_document

        cover_pages = 1
        for _attempt in range(3):
            starts = [cover_pages + 1 + sum(counts[:i]) for i in range(len(counts))]
            cover = html_to_document(self.cover_html(starts), self.project.templates / "_base",
                                     [self.project.templates], pdf_variant=self.variant)
            if len(cover.pages) == cover_pages:
                return cover, starts
            cover_pages = len(cover.pages)
        raise FormgenError(_("the cover page's length does not settle"))

    def lay_out(self) -> Layout:
        """The cover, the documents' own pages, one bookmark and anchor per document, and the
        page numbers of the whole bundle put into every footer."""
        counts = [len(part.document.layout.pages) for part in self.parts]
        cover, starts = self._cover(counts)
        _mark(cover.pages, COVER_TITLE, None)
        for part in self.parts:
            _mark(part.document.layout.pages, part.title, part.anchor)
        layout = Layout([cover, *(part.document.layout for part in self.parts)], len(cover.pages), starts, counts)
        _number(layout.pages, self.project.templates)
        return layout

    def attachments(self) -> list[tuple[str, bytes, str, str]]:
        """(name, bytes, relationship, description) of every embedded file, sorted by name."""
        return _attachments(self.cases, self.parts)

    def write(self, layout: Layout, attachments: list[tuple[str, bytes, str, str]], signed: bool) -> bytes:
        """The bundle's PDF bytes: every page behind the cover, with the attachments."""
        from weasyprint import Attachment

        files = [Attachment(string=data, name=name, description=desc, relationship=rel,
                            created=self.when, modified=self.when) for name, data, rel, desc in attachments]
        plain = {hashlib.md5(data, usedforsecurity=False).hexdigest(): rel
                 for _name, data, rel, _text in attachments} if self.variant is None else None
        combined = layout.documents[0].copy(layout.pages)
        return combined.write_pdf(pdf_variant=self.variant, attachments=files,  # type: ignore[no-any-return]
                                  finisher=lambda document, pdf: _finisher(document, pdf, signed, plain))


def _mark(pages: list[Any], title: str, anchor: str | None) -> None:
    """One bookmark for a document (at its first page), none for its headings; its anchor."""
    for page in pages:
        page.bookmarks = []
    pages[0].bookmarks = [(1, title, (0, 0), "open")]
    if anchor:
        pages[0].anchors[anchor] = (0, 0, 0, 0)  # (x1, y1, x2, y2) of the target


def _number(pages: list[Any], templates: Path) -> None:
    """Put "strona N z T" of the whole bundle into each page's footer.

    One layout of empty pages, each with the size and margins of the bundle page it numbers,
    gives the footer boxes (same stylesheet, same place); they replace each page's own.
    """
    from formgen.render.pdf import html_to_document

    geometry: dict[tuple[float, ...], str] = {}
    blanks = []
    for page in pages:
        box = page._page_box  # WeasyPrint keeps the laid-out page box here
        key = (box.margin_width(), box.margin_height(), box.margin_top, box.margin_right,
               box.margin_bottom, box.margin_left)
        name = geometry.setdefault(key, f"bundle-page-{len(geometry)}")
        blanks.append(f'<div style="page: {name}; break-after: page"></div>')
    rules = "".join(f"@page {name} {{ size: {w}px {h}px; margin: {t}px {r}px {b}px {left}px; }}"
                    for (w, h, t, r, b, left), name in geometry.items())
    html = (f'<html><head><link rel="stylesheet" href="form.css"><style>{rules}'
            f"@page {{ @bottom-left {{ content: none; }} }}</style></head><body>{''.join(blanks)}</body></html>")
    numbers = html_to_document(html, templates / "_base", [templates])
    if len(numbers.pages) != len(pages):
        raise FormgenError(_("the bundle's page numbers do not match its pages"))
    for page, numbered in zip(pages, numbers.pages):
        box = page._page_box
        mine = [child for child in box.children if _is_page_number(child)]
        box.children = [child for child in box.children if child not in mine]
        box.children += [child for child in numbered._page_box.children if _is_page_number(child)]


def _is_page_number(box: Any) -> bool:
    from weasyprint.formatting_structure.boxes import MarginBox

    return isinstance(box, MarginBox) and box.at_keyword == PAGE_NUMBER_BOX
