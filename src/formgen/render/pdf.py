"""HTML to PDF with WeasyPrint, reaching no file or host outside the templates folder.

A process lays out many documents, so what does not depend on the document is made once per
process: one FontConfiguration (Pango's font map with the fonts it has loaded and measured)
and each linked stylesheet of the templates folder, parsed once (`templates/_base/form.css`
is linked from every form). WeasyPrint would make both again for every document. (The font
configuration is kept per thread.)
"""

from __future__ import annotations

import io
import mimetypes
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from formgen.render.libraries import import_weasyprint

import_weasyprint()

from weasyprint import CSS  # imported above, quickly
from weasyprint.document import Document
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from formgen.errors import FormgenError
from formgen.i18n import _
from formgen.render.useragent import ALL, FormHTML, needs_in


class BlockedResource(ValueError):
    """Raised (and caught by WeasyPrint) when a template or value names a forbidden URL."""


class LocalOnlyFetcher(URLFetcher):
    """Serves `data:` URLs and files under the allowed folders; refuses everything else."""

    def __init__(self, roots: Sequence[Path]) -> None:
        super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False)
        self.roots = [root.resolve() for root in roots]

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme != "file":
            raise BlockedResource(_("blocked URL scheme: {scheme}").format(scheme=scheme))
        path = self.local_file(url)
        if path is None:
            raise BlockedResource(_("blocked file outside the templates folder"))
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": kind})

    def local_file(self, url: str) -> Path | None:
        """The file a file: URL names when it lies under the allowed folders, else None."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "file":
            return None
        path = self._layered(Path(unquote(parts.path)).resolve())
        if not any(path.is_relative_to(root) for root in self.roots) or not path.is_file():
            return None
        return path

    def _layered(self, path: Path) -> Path:
        """A file missing under the first root (a workspace's own forms) taken from the same
        place under the next roots (the built-in forms): `../_base/form.css` of an override."""
        if path.is_file() or len(self.roots) < 2 or not path.is_relative_to(self.roots[0]):
            return path
        relative = path.relative_to(self.roots[0])
        return next((root / relative for root in self.roots[1:] if (root / relative).is_file()), path)


_THREAD = threading.local()


def font_configuration() -> FontConfiguration:
    """The font configuration shared by every document this thread lays out (one per thread:
    Pango's font map is not made to be used by two threads at once)."""
    fonts: FontConfiguration | None = getattr(_THREAD, "fonts", None)
    if fonts is None:
        fonts = _THREAD.fonts = FontConfiguration()
    return fonts


@dataclass(frozen=True)
class Shared:
    """A stylesheet file parsed once (None: it cannot be shared), and which of the user-agent
    rules formgen leaves out by default it needs (formgen.render.useragent)."""

    sheet: CSS | None
    needs: frozenset[str]


@lru_cache(maxsize=16)
def _parsed_stylesheet(path: Path, mtime_ns: int, size: int, roots: tuple[Path, ...]) -> Shared:
    """A stylesheet file parsed once per version of the file; it cannot be shared when it
    defines @counter-style rules, which WeasyPrint keeps per document."""
    data = path.read_bytes()  # read once: WeasyPrint decodes it as from the file, the scan as UTF-8
    counters: dict[str, Any] = {}
    sheet = CSS(file_obj=io.BytesIO(data), base_url=path.parent.as_uri() + "/", url_fetcher=LocalOnlyFetcher(roots),
                font_config=font_configuration(), counter_style=counters)
    text = data.decode("utf-8", errors="replace")  # the names sought are ASCII
    # A stylesheet it imports is read by WeasyPrint, not here: it may need anything.
    needs = ALL if "@import" in text.lower() else needs_in(text)
    return Shared(None if counters else sheet, needs)


def shared_stylesheet(path: Path, roots: Sequence[Path]) -> Shared:
    """The parsed stylesheet of a file under the roots (parsed again when the file changes)."""
    stat = path.stat()
    return _parsed_stylesheet(path, stat.st_mtime_ns, stat.st_size, tuple(r.resolve() for r in roots))


def take_linked_stylesheets(source: FormHTML, fetcher: LocalOnlyFetcher) -> list[CSS]:
    """Remove from the document the <link rel="stylesheet"> elements that name a stylesheet file
    under the templates folder, and return those stylesheets, parsed once per process; add what
    they need of the user-agent stylesheet to `source.needs`.

    They apply as user stylesheets (WeasyPrint takes only those already parsed): below every
    rule of the document's own <style> blocks, whatever its specificity, as a form's own
    rules are meant to be. Other links stay, for WeasyPrint to fetch or refuse (and, unread
    here, they may need any user-agent rule).
    """
    sheets = []
    head = source.etree_element.find("head")
    for link in list(head) if head is not None else []:
        rel = (link.get("rel") or "").lower().split()
        if link.tag != "link" or "stylesheet" not in rel or "alternate" in rel:
            continue
        if link.get("media", "all").strip().lower() not in ("all", "print"):
            continue
        path = fetcher.local_file(urljoin(source.base_url or "", link.get("href") or ""))
        shared = shared_stylesheet(path, fetcher.roots) if path and path.suffix.lower() == ".css" else None
        if shared is not None and shared.sheet is not None:
            head.remove(link)
            sheets.append(shared.sheet)
            source.needs |= shared.needs
        else:
            source.needs = ALL
    return sheets


ZLIB_LEVEL = 6  # pydyf compresses at 9: three times the time for the same size on these pages


def streams_made_once(pdf: Any) -> None:
    """Make each stream of a pydyf PDF about to be written serialise and compress its bytes once,
    at zlib level 6. Call it from a `write_pdf` finisher.

    pydyf makes a stream's bytes anew each time they are asked for, and for a file identifier
    (every PDF/A variant) it asks twice: every page's content, font and attachment would be
    serialised and compressed twice. Its level 9 takes three times as long as level 6 for
    streams of the same size here (a 4-page loan agreement: 28 ms against 9 ms, 92 KiB each).
    """
    import pydyf

    for item in pdf.objects:
        if isinstance(item, pydyf.Stream):
            item.__class__ = _once(item.__class__)


@cache
def _once(kind: type) -> type:
    """A subclass of a pydyf stream class whose `data` is made on first use and kept."""
    return type(f"Once{kind.__name__}", (kind,), {"data": property(_stream_data), "_formgen_base": kind})


@cache
def _unkept(kind: type) -> type:
    """A subclass of a pydyf stream class whose `data` is made at level 6 each time it is asked for."""
    return type(f"Unkept{kind.__name__}", (kind,), {"data": property(_stream_bytes)})


def streams_not_kept(streams: list[Any]) -> None:
    """Make pydyf streams (already passed to `streams_made_once`) make their bytes each time they
    are asked for, keeping none: for large streams of a PDF written without a file identifier,
    whose streams pydyf asks for once."""
    for stream in streams:
        base: Any = getattr(stream.__class__, "_formgen_base", None) or stream.__class__
        stream.__class__ = _unkept(base)


def _stream_data(stream: Any) -> bytes:
    """pydyf's Stream.data (its dictionary, then the content, compressed when asked), made once."""
    made: bytes | None = stream.__dict__.get("_formgen_data")
    if made is None:
        made = stream.__dict__["_formgen_data"] = _stream_bytes(stream)
    return made


def _stream_bytes(stream: Any) -> bytes:
    """pydyf's Stream.data: its dictionary, then the content, compressed at ZLIB_LEVEL when asked."""
    import zlib

    import pydyf

    content = b"\n".join(pydyf._to_bytes(item) for item in stream.stream)
    extra = pydyf.Dictionary(stream.extra.copy())
    if stream.compress:
        extra["Filter"] = "/FlateDecode"
        content = zlib.compress(content, ZLIB_LEVEL)
    extra["Length"] = len(content)
    return b"\n".join((extra.data, b"stream", content, b"endstream"))


def html_to_pdf(html: str, base: Path, roots: list[Path], pdf_variant: str | None = None) -> bytes:
    """Render an HTML string to PDF bytes; resources resolve against `base`."""
    document = html_to_document(html, base, roots, pdf_variant=pdf_variant)
    return write_pdf(document, pdf_variant=pdf_variant)


def write_pdf(document: Document, **options: Any) -> bytes:
    """A laid-out document's PDF bytes, its streams made once (see `streams_made_once`)."""
    return document.write_pdf(uncompressed_pdf=False, finisher=lambda _document, pdf: streams_made_once(pdf),
                              **options)  # type: ignore[no-any-return]


def html_to_document(html: str, base: Path, roots: list[Path], *, stylesheets: Sequence[str] = (),
                     pdf_variant: str | None = None, body_id: str | None = None) -> Document:
    """Lay out an HTML string without writing it: the WeasyPrint Document, for combining.

    `stylesheets` are CSS strings added as user stylesheets; `body_id` gives <body> an id (when
    it has none) so that other documents of a bundle can link to it.
    """
    fetcher = LocalOnlyFetcher(roots)
    fonts = font_configuration()
    try:
        source = FormHTML(string=html, base_url=base.as_uri() + "/", url_fetcher=fetcher)
        source.needs = needs_in(html).union(*(needs_in(text) for text in stylesheets))
        if body_id:
            body = source.etree_element.find("body")
            if body is not None and not body.get("id"):
                body.set("id", body_id)
        css = take_linked_stylesheets(source, fetcher)
        css += [CSS(string=text, base_url=base.as_uri() + "/", url_fetcher=fetcher, font_config=fonts)
                for text in stylesheets]
        return source.render(stylesheets=css, font_config=fonts, pdf_variant=pdf_variant)
    except BlockedResource as exc:  # pragma: no cover - WeasyPrint normally swallows these
        raise FormgenError(str(exc)) from None
