"""Laying out a bundle: the documents' HTML and DOCX, the cover, two layout passes, the PDF.

Each document is laid out by WeasyPrint on its own, then the pages are concatenated behind a
cover page and written once (see docs/archive-bundles-research.md):

- pass 1 counts the pages; pass 2 lays out every document again with a user stylesheet that
  continues the page numbers ("strona 5 z 12"), and makes one bookmark per document;
- the cover is the first document, so its <head> gives the bundle's metadata;
- the case's YAML (and the CSV files it reads lists from) are embedded with relationship
  Source, each document's DOCX with relationship Alternative.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import mimetypes
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import yaml
from jinja2 import TemplateError

from formgen.build import document_context
from formgen.cases.load import Case
from formgen.cases.yamlread import read_yaml
from formgen.catalog import Form
from formgen.errors import FormgenError
from formgen.output import slug
from formgen.project import Project
from formgen.rules.dates import format_date_long

# Python 3.11 does not know .yaml: WeasyPrint would embed it as application/octet-stream.
mimetypes.add_type("application/yaml", ".yaml")
mimetypes.add_type("application/yaml", ".yml")

COVER_TITLE = "Strona tytułowa"


def css_string(text: str) -> str:
    """A CSS string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ") + '"'


def bundle_css(title: str | None, first_page: int, total: int) -> str:
    """The user stylesheet of one part of a bundle: its bookmark, page numbers and the total."""
    mark = f"bookmark-level: 1; bookmark-label: {css_string(title)};" if title else "bookmark-level: none;"
    return (f"h1, h2, h3, h4, h5, h6 {{ bookmark-level: none !important; }}\n"
            f"html {{ {mark} }}\n"
            f"@page :first {{ counter-reset: page {first_page}; }}\n"
            f":root {{ --bundle-total: {css_string(str(total))}; }}\n")


@dataclass
class Part:
    """One document of a bundle before layout."""

    case: Case
    form: Form
    title: str
    html: str
    docx: bytes
    author: str
    anchor: str
    issuer: Any = None  # who issues the document (name, address): the institution or an association


def _parts(project: Project, cases: list[Case], when: dt.datetime) -> list[Part]:
    from formgen.render.docx import render_docx
    from formgen.render.html import render_html

    parts: list[Part] = []
    for case in cases:
        for form in case.forms:
            context = document_context(project, form, case, when)
            author = context["autor_dokumentu"]
            try:
                html = render_html(project.templates, form, context, when)
                docx = render_docx(form.docx_template, project.templates, context, form.decl.title, author, when)
            except TemplateError as exc:
                raise FormgenError(f"form {form.id}: template error: {exc}") from exc
            title = form.decl.short if len(cases) == 1 else f"{case.id}: {form.decl.short}"
            parts.append(Part(case, form, title, html, docx, author, f"bundle-doc-{len(parts) + 1}",
                              context["wystawca"]))
    return parts


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
        found[name] = (name, part.docx, "Alternative", f"{part.title} (DOCX)")
    return [found[name] for name in sorted(found)]


def _finisher(_document: Any, pdf: Any, signed: bool = False,
              plain: dict[str, str] | None = None) -> None:
    """WeasyPrint 70 lists every file spec twice in /AF: keep one of each; open the outline.

    A bundle to be signed loses its Info /Producer: pyHanko then writes its own into both Info
    and XMP, which keeps the two consistent (PDF/A validators compare them). In a plain PDF,
    WeasyPrint writes no /AFRelationship: `plain` maps each attachment's MD5 to its relationship.
    """
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


@dataclass
class Assembly:
    """What a bundle is made of, and how its pages are laid out and written."""

    project: Project
    cases: list[Case]
    name: str
    when: dt.datetime
    variant: str | None  # WeasyPrint's pdf_variant (None: a plain PDF)
    parts: list[Part] = field(init=False)
    fonts: Any = field(init=False)  # one FontConfiguration, alive until write_pdf returns

    def __post_init__(self) -> None:
        from weasyprint.text.fonts import FontConfiguration

        self.parts = _parts(self.project, self.cases, self.when)
        if not self.parts:
            raise FormgenError("nothing to bundle")
        self.fonts = FontConfiguration()

    def cover_html(self, starts: list[int]) -> str:
        """The cover page: institution, the bundle's name, its documents and first pages."""
        from formgen.render.env import environment

        # The documents' one issuer (an association issues its own), else the institution.
        issuers = {part.author: part.issuer for part in self.parts}
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
                                   regulamin=None, zalacznik=None, pakiet=package)
        except TemplateError as exc:
            raise FormgenError(f"cover page: template error: {exc}") from exc

    def _lay_out(self, html: str, base: Path, css: str | None = None, anchor: str | None = None) -> Any:
        from formgen.render.pdf import html_to_document

        return html_to_document(html, base, [self.project.templates], stylesheets=[css] if css else [],
                                font_config=self.fonts, pdf_variant=self.variant, body_id=anchor)

    def lay_out(self) -> Layout:
        """Pass 1 counts pages (footers sit in the margins, so counts stay); pass 2 numbers them."""
        cover_base = self.project.templates / "_base"
        counts = [len(self._lay_out(p.html, p.form.folder).pages) for p in self.parts]
        cover_pages = len(self._lay_out(self.cover_html([0] * len(self.parts)), cover_base).pages)
        starts = [cover_pages + 1 + sum(counts[:i]) for i in range(len(counts))]
        total = cover_pages + sum(counts)
        documents = [self._lay_out(self.cover_html(starts), cover_base, bundle_css(COVER_TITLE, 1, total))]
        for part, first in zip(self.parts, starts):
            documents.append(self._lay_out(part.html, part.form.folder, bundle_css(part.title, first, total),
                                           part.anchor))
        if [len(d.pages) for d in documents] != [cover_pages, *counts]:
            raise FormgenError("the page count of a document changed between layout passes")
        return Layout(documents, cover_pages, starts, counts)

    def attachments(self) -> list[tuple[str, bytes, str, str]]:
        """(name, bytes, relationship, description) of every embedded file, sorted by name."""
        return _attachments(self.cases, self.parts)

    def write(self, layout: Layout, attachments: list[tuple[str, bytes, str, str]], signed: bool) -> bytes:
        """The bundle's PDF bytes: every page behind the cover, with the attachments."""
        from weasyprint import Attachment

        files = [Attachment(string=data, name=name, description=desc, relationship=rel,
                            created=self.when, modified=self.when) for name, data, rel, desc in attachments]
        plain = {hashlib.md5(data, usedforsecurity=False).hexdigest(): rel
                 for _, data, rel, _ in attachments} if self.variant is None else None
        cover, *_ = layout.documents
        combined = cover.copy([page for document in layout.documents for page in document.pages])
        return combined.write_pdf(pdf_variant=self.variant, attachments=files,  # type: ignore[no-any-return]
                                  finisher=lambda document, pdf: _finisher(document, pdf, signed, plain))


def content_hashes(pdf: bytes | Any, ranges: list[tuple[int, int]]) -> list[str]:
    """sha256 of each (first page, page count) range: its pages' decoded content streams in order.

    `pdf` is the file's bytes or an open (decrypted) pypdf reader. The hash follows what is
    drawn on the pages, so it is the same before and after encryption or a signature.
    """
    import io

    from pypdf import PdfReader

    reader = pdf if isinstance(pdf, PdfReader) else PdfReader(io.BytesIO(pdf))
    found = []
    for first, count in ranges:
        digest = hashlib.sha256()
        for page in reader.pages[first - 1:first - 1 + count]:
            contents = page.get_contents()
            digest.update(contents.get_data() if contents is not None else b"")
        found.append(digest.hexdigest())
    return found


