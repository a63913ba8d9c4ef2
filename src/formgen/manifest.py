"""The manifest beside a bundle (<name>.manifest.json): a typed model that `bundle` writes and
`verify` reads, and the hashes both compute the same way."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from formgen.i18n import _

DEFAULT_VARIANT = "pdf/a-3b"  # what a bundle is written as unless told otherwise

SUFFIX = ".manifest.json"


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid")


class BundleFile(_Part):
    """The bundle's own file: its name (a renamed or swapped bundle is noticed) and hash."""

    file: str | None = None
    sha256: str | None = None


class Cover(_Part):
    title: str
    pages: int
    content_sha256: str | None = None


class Document(_Part):
    """One document of the bundle: its pages and the hash of what they draw."""

    form: str
    title: str
    first_page: int
    pages: int
    content_sha256: str | None = None
    docx: str | None = None


class Attachment(_Part):
    name: str
    relationship: str | None = None
    sha256: str


class DataFile(_Part):
    """A data file the documents were made with (profile, yearly parameters, procedures)."""

    file: str
    sha256: str


class Manifest(_Part):
    """Everything `verify` checks a bundle against."""

    formgen: str
    generated: str
    pdf_variant: str
    encryption: str | None = None
    signed: bool = False
    bundle: BundleFile
    cover: Cover
    pages: int
    documents: list[Document]
    attachments: list[Attachment] = []
    parameters: list[DataFile] = []

    def to_json(self) -> bytes:
        """The manifest file's bytes (stable key order, UTF-8, a final newline)."""
        return (json.dumps(self.model_dump(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


class ManifestError(ValueError):
    """Raised when a manifest cannot be read or is not a formgen manifest; says which."""


def sha256(data: bytes) -> str:
    """The sha256 of bytes, as hex."""
    return hashlib.sha256(data).hexdigest()


def manifest_path(bundle: Path) -> Path:
    """Where the manifest of a bundle lives: <name>.manifest.json beside <name>.pdf."""
    return bundle.with_name(f"{bundle.stem}{SUFFIX}")


def bundle_of(path: Path) -> Path:
    """The bundle a path stands for: itself, or the PDF beside a <name>.manifest.json."""
    if path.name.endswith(SUFFIX):
        return path.with_name(path.name[: -len(SUFFIX)] + ".pdf")
    return path


def read_manifest(bundle: Path) -> Manifest:
    """The manifest of a bundle, or ManifestError saying why it cannot be used."""
    path = manifest_path(bundle)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ManifestError(_("manifest {name} not found").format(name=path.name)) from None
    except (OSError, ValueError) as exc:
        raise ManifestError(_("manifest {name} unreadable: {reason}").format(name=path.name, reason=exc)) from None
    try:
        return Manifest.model_validate(raw)
    except ValidationError:
        raise ManifestError(_("manifest {name} is not a formgen bundle manifest").format(name=path.name)) from None


def content_hashes(pdf: bytes | Any, ranges: list[tuple[int, int]]) -> list[str]:
    """sha256 of each (first page, page count) range: its pages' decoded content streams in order.

    `pdf` is the file's bytes or an open (decrypted) pypdf reader. The hash follows what is
    drawn on the pages, so it is the same before and after encryption or a signature.
    """
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
