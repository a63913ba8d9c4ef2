"""HTML to PDF with WeasyPrint, reaching no file or host outside the templates folder."""

from __future__ import annotations

import mimetypes
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import CSS, HTML
from weasyprint.document import Document
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from formgen.errors import FormgenError


class BlockedResource(ValueError):
    """Raised (and caught by WeasyPrint) when a template or value names a forbidden URL."""


class LocalOnlyFetcher(URLFetcher):
    """Serves `data:` URLs and files under the allowed folders; refuses everything else."""

    def __init__(self, roots: list[Path]) -> None:
        super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False)
        self.roots = [root.resolve() for root in roots]

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme != "file":
            raise BlockedResource(f"blocked URL scheme: {scheme}")
        path = self._layered(Path(unquote(urlsplit(url).path)).resolve())
        if not any(path.is_relative_to(root) for root in self.roots) or not path.is_file():
            raise BlockedResource("blocked file outside the templates folder")
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": kind})

    def _layered(self, path: Path) -> Path:
        """A file missing under the first root (a workspace's own forms) taken from the same
        place under the next roots (the built-in forms): `../_base/form.css` of an override."""
        if path.is_file() or len(self.roots) < 2 or not path.is_relative_to(self.roots[0]):
            return path
        relative = path.relative_to(self.roots[0])
        return next((root / relative for root in self.roots[1:] if (root / relative).is_file()), path)


def html_to_pdf(html: str, base: Path, roots: list[Path], pdf_variant: str | None = None) -> bytes:
    """Render an HTML string to PDF bytes; resources resolve against `base`."""
    document = html_to_document(html, base, roots, pdf_variant=pdf_variant)
    return document.write_pdf(pdf_variant=pdf_variant, uncompressed_pdf=False)  # type: ignore[no-any-return]


def html_to_document(html: str, base: Path, roots: list[Path], *, stylesheets: Sequence[str] = (),
                     font_config: FontConfiguration | None = None, pdf_variant: str | None = None,
                     body_id: str | None = None) -> Document:
    """Lay out an HTML string without writing it: the WeasyPrint Document, for combining.

    `stylesheets` are CSS strings added as user stylesheets; `body_id` gives <body> an id (when
    it has none) so that other documents of a bundle can link to it.
    """
    fetcher = LocalOnlyFetcher(roots)
    try:
        source = HTML(string=html, base_url=base.as_uri() + "/", url_fetcher=fetcher)
        if body_id:
            body = source.etree_element.find("body")
            if body is not None and not body.get("id"):
                body.set("id", body_id)
        css = [CSS(string=text, base_url=base.as_uri() + "/", url_fetcher=fetcher) for text in stylesheets]
        return source.render(stylesheets=css, font_config=font_config, pdf_variant=pdf_variant)
    except BlockedResource as exc:  # pragma: no cover - WeasyPrint normally swallows these
        raise FormgenError(str(exc)) from None
