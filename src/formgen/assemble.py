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

A large bundle (more than SECTION_PAGES pages) would hold every document laid out until the one
write (about 0.8 MB a page). It is written in sections instead: every SECTION_PAGES pages or so,
the documents laid out so far are written as one PDF without their page numbers and let go.
At the end the cover and one layout of empty pages carrying only the bundle's page numbers, its
bookmarks and the anchors the cover links to are written as the bundle (metadata, output intent,
attachments: all as above); each of those pages then gets, under its page number, what its
document's page draws (its content stream, and its resources taken from its section's PDF).
Each document is still laid out once; each section embeds its own subsets of the fonts.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import io
import mimetypes
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
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
from formgen.manifest import content_hashes
from formgen.output import slug
from formgen.project import Project
from formgen.rules.dates import format_date_long

# Python 3.11 does not know .yaml: WeasyPrint would embed it as application/octet-stream.
mimetypes.add_type("application/yaml", ".yaml")
mimetypes.add_type("application/yaml", ".yml")

COVER_TITLE = "Strona tytułowa"


PAGE_NUMBER_BOX = "@bottom-right"  # the margin box of form.css that holds "strona X z Y"

# A bundle of up to this many pages is laid out and written in one pass; a larger one is
# written in sections of about this many pages (the memory a bundle holds laid out at once).
SECTION_PAGES = 50
PYTHON_YOUNG_OBJECTS = 700  # the collector's default threshold (formgen.runner raises it for speed)


class Stored:
    """A file kept in a temporary file instead of memory (a large bundle's DOCX files), with the
    hashes a bundle needs of it."""

    def __init__(self, spool: Any, data: bytes) -> None:
        self.spool = spool
        self.offset = spool.seek(0, io.SEEK_END)
        self.size = spool.write(data)
        self.sha256 = hashlib.sha256(data).hexdigest()
        self.md5 = hashlib.md5(data, usedforsecurity=False).hexdigest()

    def read(self) -> bytes:
        self.spool.seek(self.offset)
        return self.spool.read(self.size)  # type: ignore[no-any-return]


def sha256_of(data: bytes | Stored) -> str:
    """The sha256 of an attachment's bytes, as hex."""
    return data.sha256 if isinstance(data, Stored) else hashlib.sha256(data).hexdigest()


@dataclass
class Part:
    """One document of a bundle: the rendered document and its place in the bundle."""

    document: RenderedDocument
    title: str
    anchor: str
    docx: Stored | None = None  # the document's DOCX once its section is written

    @property
    def form(self) -> Form:
        return self.document.form


def part_of(document: RenderedDocument, number: int, several: bool) -> Part:
    """The bundle's `number`th part, titled by form (and by case when the bundle has several)."""
    title = f"{document.case.id}: {document.form.decl.short}" if several else document.form.decl.short
    return Part(document, title, f"bundle-doc-{number}")


@dataclass
class Section:
    """Consecutive documents of a large bundle written as one PDF without their page numbers."""

    pdf: bytes
    geometry: list[tuple[float, ...]]  # each page's size and margins (see `_geometry`)


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


def _attachments(cases: list[Case], parts: list[Part]) -> list[tuple[str, bytes | Stored, str, str]]:
    """(name, bytes, relationship, description), sorted by name (name trees must be sorted)."""
    found: dict[str, tuple[str, bytes | Stored, str, str]] = {}
    for case in cases:
        for name, data, description in _sources(case):
            if name in found and found[name][1] != data:  # two cases' CSV files of one name
                name = f"{slug(case.id)}-{name}"
            found[name] = (name, data, "Source", description)
    for number, part in enumerate(parts, 1):
        name = f"{number:02d}-{part.form.id}.docx"
        docx = part.docx or part.document.docx
        if docx is None:
            raise FormgenError(_("form {form}: a bundle needs the document's DOCX").format(form=part.form.id))
        found[name] = (name, docx, "Alternative", f"{part.title} (DOCX)")
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
class Placed:
    """Where the cover and each document sit in the bundle."""

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
class Layout(Placed):
    """The laid-out pages of a bundle written in one pass: the cover first, then each document."""

    documents: list[Any] = field(default_factory=list)  # weasyprint Document per part, the cover first

    @property
    def pages(self) -> list[Any]:
        return [page for document in self.documents for page in document.pages]


@dataclass
class Assembly:
    """What a bundle is made of, and how its pages are put together and written.

    `take` receives the rendered documents in order; a bundle of more than `section_pages`
    pages is written in sections as they come (see the module's docstring), unless its PDF
    variant is tagged (PDF/A-3a: one structure tree needs every page in one write).
    """

    project: Project
    cases: list[Case]
    name: str
    when: dt.datetime
    variant: str | None  # WeasyPrint's pdf_variant (None: a plain PDF)
    parts: list[Part] = field(default_factory=list)
    section_pages: int = SECTION_PAGES
    counts: list[int] = field(default_factory=list)  # each part's page count
    sections: list[Section] = field(default_factory=list)  # a large bundle's sections written so far
    spool: Any = None  # a large bundle's temporary file of DOCX files (Stored)

    def take(self, documents: Iterable[RenderedDocument]) -> None:
        """The bundle's documents, in order, each laid out; a large bundle's are written in sections
        (and their layouts let go) as they come."""
        several = len(self.cases) > 1
        held: list[Part] = []
        for document in documents:
            part = part_of(document, len(self.parts) + 1, several)
            self.parts.append(part)
            self.counts.append(len(document.layout.pages))
            held.append(part)
            if sum(len(p.document.layout.pages) for p in held) > self.section_pages and self.sectioned:
                self.sections.append(self._section(held))
                held = []
        if self.sections and held:
            self.sections.append(self._section(held))
        if not self.parts:
            raise FormgenError(_("nothing to bundle"))

    @property
    def sectioned(self) -> bool:
        """Whether a large bundle of this PDF variant may be written in sections."""
        from weasyprint.pdf import VARIANTS

        return self.variant is None or not VARIANTS[self.variant][1].get("pdf_tags", False)

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
            del cover  # before it is laid out again (a long cover holds much)
            gc.collect()
        raise FormgenError(_("the cover page's length does not settle"))

    def lay_out(self) -> Layout:
        """The cover, the documents' own pages, one bookmark and anchor per document, and the
        page numbers of the whole bundle put into every footer (a bundle written in one pass)."""
        cover, starts = self._cover(self.counts)
        _mark(cover.pages, COVER_TITLE, None)
        for part in self.parts:
            _mark(part.document.layout.pages, part.title, part.anchor)
        layout = Layout(len(cover.pages), starts, self.counts,
                        [cover, *(part.document.layout for part in self.parts)])
        _number(layout.pages, self.project.templates)
        return layout

    def attachments(self) -> list[tuple[str, bytes | Stored, str, str]]:
        """(name, bytes, relationship, description) of every embedded file, sorted by name."""
        return _attachments(self.cases, self.parts)

    def pdf(self, attachments: list[tuple[str, bytes | Stored, str, str]],
            signed: bool) -> tuple[Placed, bytes, list[str]]:
        """Where the documents sit, the bundle's PDF bytes (in one pass or from its sections) and
        the hashes of what the cover's and each document's pages draw (formgen.manifest)."""
        if self.sections:
            return self._from_sections(attachments, signed)
        layout = self.lay_out()
        pdf = cast(bytes, self.write(layout.documents[0], layout.pages, attachments, signed))
        return layout, pdf, content_hashes(pdf, layout.ranges)

    def write(self, first: Any, pages: list[Any], attachments: list[tuple[str, bytes | Stored, str, str]],
              signed: bool, sections: list[Section] | None = None, target: Any = None) -> bytes | None:
        """The bundle's PDF bytes: the pages (the first document gives the metadata), with the
        attachments. With `sections` (a large bundle), each page gets its section's page drawn,
        and the PDF is written to the file `target` (then given its file identifier): its bytes
        are not held while they are written, nor hashed as one more copy (as pydyf would)."""
        from weasyprint import Attachment
        from weasyprint.pdf import VARIANTS

        # A stored file is given to WeasyPrint as a stand-in of its own (a line naming it), and its
        # bytes are read when the PDF is written (`_stored_files`).
        given = [(name, data if isinstance(data, bytes) else f"formgen stored {name}".encode(), rel, desc)
                 for name, data, rel, desc in attachments]
        stored = {hashlib.md5(stand_in, usedforsecurity=False).hexdigest(): data
                  for (_name, data, _rel, _text), (_same, stand_in, _r, _t) in zip(attachments, given)
                  if isinstance(data, Stored)}
        files = [Attachment(string=data, name=name, description=desc, relationship=rel,
                            created=self.when, modified=self.when) for name, data, rel, desc in given]
        plain = {hashlib.md5(data, usedforsecurity=False).hexdigest(): rel
                 for _name, data, rel, _text in given} if self.variant is None else None

        def finish(document: Any, pdf: Any) -> None:
            _finisher(document, pdf, signed, plain)
            if sections:
                _attachments_not_kept(pdf, stored)
                _draw_sections(pdf, sections)

        combined = first.copy(pages)
        if not sections:
            return combined.write_pdf(pdf_variant=self.variant, attachments=files,  # type: ignore[no-any-return]
                                      finisher=finish)
        combined.write_pdf(target, pdf_variant=self.variant, attachments=files, finisher=finish, pdf_identifier=False)
        if self.variant is not None and VARIANTS[self.variant][1].get("pdf_identifier", False):
            _identify(target)
        return None

    def _section(self, held: list[Part]) -> Section:
        """Write documents laid out as one PDF without their page numbers, and let their layouts go."""
        section = _written(held[0].document.layout, [p for part in held for p in part.document.layout.pages],
                           self.variant)
        if self.spool is None:
            self.spool = tempfile.TemporaryFile(prefix=".formgen-docx-")  # noqa: SIM115 - closed in _from_sections
            # A large bundle is bounded by memory, not time: the collector at Python's default
            # pace again (bundle_pdf restores the process's setting), about 20 MB less at the peak.
            gc.set_threshold(PYTHON_YOUNG_OBJECTS, *gc.get_threshold()[1:])
        for part in held:
            part.document.layout = None
            if part.document.docx is not None:
                part.docx, part.document.docx = Stored(self.spool, part.document.docx), None
        gc.collect()  # laid-out boxes refer to each other: freed now, not at some later collection
        return section

    def _from_sections(self, attachments: list[tuple[str, bytes | Stored, str, str]],
                       signed: bool) -> tuple[Placed, bytes, list[str]]:
        """A large bundle from its sections: a page per page of the bundle holding its page number
        (and the bookmarks, the anchors and the cover's links), each drawing its section's page
        under it. The cover is written as the first section (a long list holds much laid out)."""
        from types import SimpleNamespace

        cover, starts = self._cover(self.counts)
        first = len(cover.pages)
        # The cover's links (to the documents' first pages) go to the pages that will hold them.
        links = [[(kind, target, area, SimpleNamespace()) for kind, target, area, _box in page.links]
                 for page in cover.pages]
        for page in cover.pages:
            page.links = []
        sections = [_written(cover, cover.pages, self.variant), *self.sections]
        skeleton = cover.copy([])  # the cover's metadata is the bundle's
        del cover
        gc.collect()
        geometry = [g for section in sections for g in section.geometry]
        frames = _numbers(geometry, self.project.templates).pages
        for page in frames:
            box = page._page_box
            box.children = [child for child in box.children if _is_page_number(child)]
            box.background = box.canvas_background = None  # the section's page paints its own
        gc.collect()  # the empty pages' boxes
        for page, own in zip(frames, links):
            page.links = own
        _mark(frames[:first], COVER_TITLE, None)
        for part, start, count in zip(self.parts, starts, self.counts):
            _mark(frames[start - 1:start - 1 + count], part.title, part.anchor)
        with tempfile.TemporaryFile(prefix=".formgen-bundle-") as spool, self.spool or io.BytesIO():
            self.write(skeleton, frames, attachments, signed, sections, spool)
            del skeleton, frames, sections  # before the bytes are read back
            placed = Placed(first, starts, self.counts)
            hashes = _hashes(spool, placed.ranges, self.section_pages)  # before the bytes are read back
            spool.seek(0)
            return placed, spool.read(), hashes


def _written(document: Any, pages: list[Any], variant: str | None) -> Section:
    """Laid-out pages written as one PDF without their page numbers (nor bookmarks or links)."""
    from formgen.render.pdf import write_pdf

    geometry = [_geometry(page) for page in pages]
    for page in pages:
        page.bookmarks = []
        box = page._page_box
        box.children = [child for child in box.children if not _is_page_number(child)]
    return Section(write_pdf(document.copy(pages), pdf_variant=variant), geometry)


def _mark(pages: list[Any], title: str, anchor: str | None) -> None:
    """One bookmark for a document (at its first page), none for its headings; its anchor."""
    for page in pages:
        page.bookmarks = []
    pages[0].bookmarks = [(1, title, (0, 0), "open")]
    if anchor:
        pages[0].anchors[anchor] = (0, 0, 0, 0)  # (x1, y1, x2, y2) of the target


def _geometry(page: Any) -> tuple[float, ...]:
    """A laid-out page's width, height and margins (top, right, bottom, left), in CSS pixels."""
    box = page._page_box  # WeasyPrint keeps the laid-out page box here
    return (box.margin_width(), box.margin_height(), box.margin_top, box.margin_right,
            box.margin_bottom, box.margin_left)


def _numbers(geometry: list[tuple[float, ...]], templates: Path) -> Any:
    """One layout of empty pages, each of the given size and margins, with the bundle's page
    numbers in their footers (same stylesheet, same place as a document's own)."""
    from formgen.render.pdf import html_to_document

    names: dict[tuple[float, ...], str] = {}
    blanks = []
    for key in geometry:
        name = names.setdefault(key, f"bundle-page-{len(names)}")
        blanks.append(f'<div style="page: {name}; break-after: page"></div>')
    rules = "".join(f"@page {name} {{ size: {w}px {h}px; margin: {t}px {r}px {b}px {left}px; }}"
                    for (w, h, t, r, b, left), name in names.items())
    html = (f'<html><head><link rel="stylesheet" href="form.css"><style>{rules}'
            f"@page {{ @bottom-left {{ content: none; }} }}</style></head><body>{''.join(blanks)}</body></html>")
    numbers = html_to_document(html, templates / "_base", [templates])
    if len(numbers.pages) != len(geometry):
        raise FormgenError(_("the bundle's page numbers do not match its pages"))
    return numbers


def _number(pages: list[Any], templates: Path) -> None:
    """Put "strona N z T" of the whole bundle into each page's footer."""
    _swap_numbers(pages, _numbers([_geometry(page) for page in pages], templates).pages)


def _swap_numbers(pages: list[Any], numbered: list[Any]) -> None:
    """Each page's own page-number box replaced by the numbered page's."""
    for page, source in zip(pages, numbered, strict=True):
        box = page._page_box
        box.children = [child for child in box.children if not _is_page_number(child)]
        box.children += [child for child in source._page_box.children if _is_page_number(child)]


def _is_page_number(box: Any) -> bool:
    from weasyprint.formatting_structure.boxes import MarginBox

    return isinstance(box, MarginBox) and box.at_keyword == PAGE_NUMBER_BOX


# --- Drawing a large bundle's sections into its pages ----------------------------------------

RENAMED = b"formgen-"  # the prefix of the page-number pages' resource names inside a section's page
_NAME = re.compile(rb"/([^\s/\[\]<>(){}%]+)")


@cache
def _raw_kinds() -> tuple[type, type]:
    """pydyf object and stream classes whose bytes are made already (copied from a section's PDF)."""
    import pydyf

    made = {"raw": b"", "data": property(lambda item: item.raw)}  # `raw` is set on each instance
    return type("Raw", (pydyf.Object,), made), type("RawStream", (pydyf.Stream,), made)


class _Copier:
    """Objects of a section's PDF (pypdf) added to the PDF being written (pydyf), each once."""

    def __init__(self, pdf: Any) -> None:
        self.pdf = pdf
        self.made: dict[int, bytes] = {}  # object number in the section -> reference in the bundle

    def direct(self, item: Any) -> bytes:
        """The bytes of a value, its indirect objects copied and referenced anew."""
        from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

        if isinstance(item, IndirectObject):
            return self.indirect(item)
        if isinstance(item, DictionaryObject):
            return b"<<" + b" ".join(self.direct(k) + b" " + self.direct(v) for k, v in item.items()) + b">>"
        if isinstance(item, ArrayObject):
            return b"[" + b" ".join(self.direct(v) for v in item) + b"]"
        out = io.BytesIO()
        item.write_to_stream(out)
        return out.getvalue()

    def indirect(self, reference: Any) -> bytes:
        """The reference, in the bundle, to a copy of an indirect object of the section."""
        from pypdf.generic import StreamObject

        made = self.made.get(reference.idnum)
        if made is not None:
            return made
        item = reference.get_object()
        raw, raw_stream = _raw_kinds()
        target = raw_stream() if isinstance(item, StreamObject) else raw()
        self.pdf.add_object(target)
        made = self.made[reference.idnum] = target.reference  # before its values: they may refer back
        if isinstance(item, StreamObject):
            content: bytes = item._data  # the stream's bytes as stored (still compressed)
            head = [self.direct(k) + b" " + self.direct(v) for k, v in item.items() if k != "/Length"]
            target.raw = b"\n".join((b"<<" + b" ".join([*head, b"/Length %d" % len(content)]) + b">>",
                                      b"stream", content, b"endstream"))
        else:
            target.raw = self.direct(item)
        return made


def _attachments_not_kept(pdf: Any, stored: dict[str, Stored]) -> None:
    """The attached files' streams make their (compressed) bytes when written, keeping none: a
    large bundle's DOCX files weigh most of it (it is written without pydyf's file identifier,
    so each stream is asked for once). A stored file's stand-in is replaced by the file, read
    from its temporary file then (`stored`: the stand-ins' MD5)."""
    import pydyf

    from formgen.render.pdf import streams_not_kept

    class Read(pydyf.Object):  # an item of a stream's content: the stored file's bytes
        def __init__(self, file: Stored) -> None:
            super().__init__()
            self.file = file

        @property
        def data(self) -> bytes:
            return self.file.read()

    streams = [item for item in pdf.objects if isinstance(item, pydyf.Stream)
               and item.extra.get("Type") == "/EmbeddedFile"]
    for stream in streams:
        params = stream.extra["Params"]
        file = stored.get(str(params["CheckSum"]).strip("<>"))
        if file is not None:  # after the relationships were given by the stand-in's MD5
            stream.stream = [Read(file)]
            params["CheckSum"], params["Size"] = f"<{file.md5}>", file.size
    streams_not_kept(streams)


def _hashes(spool: Any, ranges: list[tuple[int, int]], pages: int) -> list[str]:
    """formgen.manifest.content_hashes of a PDF file, forgetting what the reader has read (the
    pages' decoded content) every `pages` pages or so."""
    from pypdf import PdfReader

    reader = PdfReader(spool)
    found: list[str] = []
    group: list[tuple[int, int]] = []
    for number, (first, count) in enumerate(ranges):
        group.append((first, count))
        if sum(n for _first, n in group) >= pages or number == len(ranges) - 1:
            found += content_hashes(reader, group)
            reader.resolved_objects.clear()
            group = []
    return found


def _identify(spool: Any) -> None:
    """Add the file identifier (/ID, which PDF/A asks for) to a PDF written by pydyf without one:
    two copies of the MD5 of all that comes before its last object, the cross-reference stream,
    whose dictionary is the trailer. Nothing before it moves."""
    size = spool.seek(0, io.SEEK_END)
    spool.seek(max(0, size - 64))
    found = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", spool.read())
    start = int(found.group(1)) if found else -1
    spool.seek(max(start, 0))
    rest = spool.read()
    opening = re.match(rb"\d+ 0 obj\s*<<", rest)
    if not found or opening is None or b"/XRef" not in rest[:200]:
        raise FormgenError(_("cannot add the file identifier to the bundle"))
    digest = hashlib.md5(usedforsecurity=False)
    spool.seek(0)
    while spool.tell() < start:
        digest.update(spool.read(min(1 << 20, start - spool.tell())))
    identifier = digest.hexdigest().encode()
    spool.seek(start)
    spool.truncate()
    spool.write(rest[:opening.end()] + b"/ID [<%s> <%s>]" % (identifier, identifier) + rest[opening.end():])


def _draw_sections(pdf: Any, sections: list[Section]) -> None:
    """Give each page (which holds only its page number) what its section's page draws: the
    section page's content first, then the page number, over the resources of both (the page
    number's renamed: the two PDFs name their resources alike).

    Called from the finisher, when the PDF is about to be written.
    """
    import pydyf
    from pypdf import PdfReader

    pages = [pdf.objects[number] for number in pdf.pages["Kids"][0::3]]
    if len(pages) != sum(len(section.geometry) for section in sections):
        raise FormgenError(_("the bundle's page numbers do not match its pages"))
    resources = pdf.objects[int(pages[0]["Resources"].split()[0])]  # the page numbers' (shared)
    own = {category: _resolved(pdf, values) for category, values in resources.items()}
    names = {key.encode(): RENAMED + key.encode() for values in own.values() if isinstance(values, dict)
             for key in values}
    opening = pydyf.Stream([b"q"])  # the section page's content leaves its coordinates changed
    pdf.add_object(opening)
    done = 0
    for section in sections:
        reader = PdfReader(io.BytesIO(section.pdf))
        copier = _Copier(pdf)
        merged: dict[int, bytes] = {}  # the section's resources -> the page's (shared by its pages)
        for source in reader.pages:
            page = pages[done]
            done += 1
            number = pdf.objects[int(page["Contents"].split()[0])]
            number.stream = [b"Q", *(_NAME.sub(lambda m: b"/" + names.get(m.group(1), m.group(1)), item)  # type: ignore[operator]
                                    if isinstance(item, bytes) else item for item in number.stream)]
            contents = source.raw_get("/Contents")
            drawn = [copier.direct(ref) for ref in (contents if isinstance(contents, list) else [contents])]
            page["Contents"] = pydyf.Array([opening.reference, *drawn, number.reference])
            resources = source.raw_get("/Resources")
            key = resources.idnum if hasattr(resources, "idnum") else id(resources)
            if key not in merged:
                merged[key] = _merge_resources(pdf, copier, resources.get_object(), own)
            page["Resources"] = merged[key]
            annotations = source.raw_get("/Annots").get_object() if "/Annots" in source else []
            links = [copier.direct(a) for a in annotations if _is_link(a.get_object())]
            if links:
                page["Annots"] = pydyf.Array([*(page.get("Annots") or []), *links])
        section.pdf = b""  # copied: let it go


def _resolved(pdf: Any, value: Any) -> Any:
    """A pydyf value, or the object it refers to."""
    if isinstance(value, bytes) and value.endswith(b" R"):
        return pdf.objects[int(value.split()[0])]
    return value


def _merge_resources(pdf: Any, copier: _Copier, theirs: Any, own: dict[str, Any]) -> bytes:
    """One resource dictionary: a section page's, and the page number's under renamed names."""
    import pydyf
    from pypdf.generic import DictionaryObject

    merged = pydyf.Dictionary()
    for category in sorted({str(key).lstrip("/") for key in theirs} | set(own)):
        reference = theirs.raw_get(f"/{category}") if f"/{category}" in theirs else None
        their = reference.get_object() if reference is not None else DictionaryObject()
        if not isinstance(their, DictionaryObject):
            merged[category] = copier.direct(reference)  # not named resources (e.g. a ProcSet array)
            continue
        entries = [copier.direct(key) + b" " + copier.direct(value) for key, value in their.items()]
        mine = own.get(category)
        entries += [b"/" + RENAMED + key.encode() + b" " + pydyf._to_bytes(value)
                    for key, value in (mine.items() if isinstance(mine, dict) else [])]
        merged[category] = b"<<" + b" ".join(entries) + b">>"
    pdf.add_object(merged)
    return merged.reference  # type: ignore[no-any-return]


def _is_link(annotation: Any) -> bool:
    """A link to an address outside the bundle (links inside a section would point into it)."""
    action = annotation.get("/A")
    return annotation.get("/Subtype") == "/Link" and action is not None and action.get("/S") == "/URI"
