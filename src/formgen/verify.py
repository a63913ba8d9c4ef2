"""Checking archival bundles against their manifests (`formgen verify`).

Not a full PDF/A validator (use veraPDF for that): it checks what formgen promises about its
own bundles: the file is unchanged, it claims the manifest's PDF/A variant, has an output
intent, no encryption, only embedded fonts, one bookmark per document at the right page, and
attachments whose bytes hash as recorded. A plain-PDF copy made with --encrypt must be
AES-256 (/V 5 /R 6) and needs its password for the checks inside it; a signed bundle's
signatures must be intact and cover the whole file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from formgen.i18n import _
from formgen.manifest import Manifest, ManifestError, content_hashes, read_manifest, sha256

_FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def _xmp_value(xmp: str, name: str) -> str | None:
    """pdfaid:<name> written as an attribute or as an element."""
    match = re.search(rf'pdfaid:{name}\s*=\s*["\']([^"\']*)["\']', xmp) or \
        re.search(rf"<pdfaid:{name}>([^<]*)</pdfaid:{name}>", xmp)
    return match.group(1).strip() if match else None


def _fonts(resources: Any, seen: set[int]) -> Iterator[tuple[str, DictionaryObject]]:
    """Every font of a resource dictionary and of the form XObjects it uses."""
    if resources is None:
        return
    resources = resources.get_object()
    for font in (resources.get("/Font") or {}).values():
        font = font.get_object()
        if id(font) in seen:
            continue
        seen.add(id(font))
        yield str(font.get("/BaseFont", "?")), font
        for descendant in font.get("/DescendantFonts") or []:
            descendant = descendant.get_object()
            yield str(descendant.get("/BaseFont", font.get("/BaseFont", "?"))), descendant
    for xobject in (resources.get("/XObject") or {}).values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form" and id(xobject) not in seen:
            seen.add(id(xobject))
            yield from _fonts(xobject.get("/Resources"), seen)


def _embedded_files(reader: PdfReader) -> dict[str, tuple[bytes, str | None]]:
    """name -> (bytes, /AFRelationship) from the EmbeddedFiles name tree."""
    found: dict[str, tuple[bytes, str | None]] = {}
    root: Any = reader.trailer["/Root"]
    names = root.get("/Names")
    tree = names.get_object().get("/EmbeddedFiles") if names else None

    def walk(node: Any) -> None:
        node = node.get_object()
        pairs = node.get("/Names") or []
        for i in range(0, len(pairs) - 1, 2):
            spec = pairs[i + 1].get_object()
            name = str(spec.get("/UF") or spec.get("/F") or pairs[i])
            data = spec["/EF"].get_object()["/F"].get_object().get_data()
            rel = spec.get("/AFRelationship")
            found[name] = (data, str(rel).lstrip("/") if rel is not None else None)
        for kid in node.get("/Kids") or []:
            walk(kid)

    if tree is not None:
        walk(tree)
    return found


def check_bundle(path: Path, password: str | None = None, trust: list[Path] | None = None) -> list[str]:
    """What is wrong with a bundle (an empty list when it is fine)."""
    try:
        manifest = read_manifest(path)
    except ManifestError as exc:
        return [str(exc)]
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [_("cannot read the bundle: {reason}").format(reason=exc.strerror or exc)]
    problems = []
    if manifest.bundle.file != path.name:
        problems.append(_("the manifest is for '{name}', not for this file (renamed or swapped)").format(
            name=manifest.bundle.file))
    if sha256(data) != manifest.bundle.sha256:
        problems.append(_("sha256 differs from the manifest (the file was changed)"))
    try:
        problems += _check_pdf(data, manifest, password, trust)
    except Exception as exc:  # noqa: BLE001 - a damaged file may break the reader anywhere
        problems.append(_("cannot read the PDF: {kind}: {error}").format(kind=type(exc).__name__, error=exc))
    return problems


def encrypted(path: Path) -> bool:
    """Whether a bundle's manifest records encryption (so `verify` needs a password)."""
    try:
        return bool(read_manifest(path).encryption)
    except ManifestError:
        return False


def _check_encryption(reader: PdfReader, manifest: Manifest, password: str | None) -> list[str]:
    """Problems of encryption; decrypts the reader when the password fits."""
    from pypdf import PasswordType

    expected = manifest.encryption
    if not reader.is_encrypted:
        if not expected:
            return []
        return [_("the manifest records {kind} encryption but the PDF is not encrypted").format(kind=expected)]
    if not expected:
        return [_("the PDF is encrypted (not allowed in PDF/A)") if manifest.pdf_variant != "none"
                else _("the PDF is encrypted but the manifest records no encryption")]
    encrypt: Any = reader.trailer["/Encrypt"].get_object()
    problems = []
    if (encrypt.get("/V"), encrypt.get("/R")) != (5, 6):
        problems.append(_("encryption is /V {v} /R {r}, not AES-256 (/V 5 /R 6)").format(
            v=encrypt.get("/V"), r=encrypt.get("/R")))
    if password is None:
        problems.append(_("the PDF is encrypted: give its password (--password-file) to check its contents"))
    elif reader.decrypt(password) == PasswordType.NOT_DECRYPTED:
        problems.append(_("the password does not open the PDF"))
    return problems


def _check_contents(reader: PdfReader, manifest: Manifest) -> list[str]:
    """Each document's pages still draw what they drew when the bundle was made."""
    parts = [(_("the cover"), 1, manifest.cover.pages, manifest.cover.content_sha256)]
    parts += [(_("document '{title}'").format(title=d.title), d.first_page, d.pages, d.content_sha256)
              for d in manifest.documents]
    parts = [part for part in parts if part[3]]  # manifests without content hashes: nothing to check
    hashes = content_hashes(reader, [(first, count) for _label, first, count, _hash in parts])
    return [_("{part}: the content of its pages differs from the manifest").format(part=label)
            for (label, _first, _count, expected), actual in zip(parts, hashes) if actual != expected]


def _has_signature_field(root: Any) -> bool:
    form = root.get("/AcroForm")
    fields = form.get_object().get("/Fields") if form else None
    return any(f.get_object().get("/FT") == "/Sig" for f in fields or [])


def _check_pdf(data: bytes, manifest: Manifest, password: str | None,
               trust: list[Path] | None) -> list[str]:
    """Every check inside the file, in the order a reader would want them."""
    import io

    reader = PdfReader(io.BytesIO(data), strict=False)
    problems = _check_encryption(reader, manifest, password)
    if reader.is_encrypted and problems:
        return problems
    root: Any = reader.trailer["/Root"]
    if manifest.signed or _has_signature_field(root):
        problems += _check_signed(data, manifest, password, trust)
    elif trust:
        # --trust asks for proof of origin: only a signature gives it; a manifest can be rewritten.
        problems.append(_("not signed: --trust needs a signed bundle (an unsigned manifest proves nothing "
                          "about who made the file)"))
    problems += _check_pdfa(root, manifest.pdf_variant)
    problems += _check_fonts(reader)
    problems += _check_pages(reader, manifest)
    problems += _check_attachments(reader, manifest)
    return problems


def _check_signed(data: bytes, manifest: Manifest, password: str | None,
                  trust: list[Path] | None) -> list[str]:
    """The signatures are intact and the manifest knows of them."""
    from formgen.seal import check_signatures

    count, problems = check_signatures(data, password, trust)
    if manifest.signed and count == 0 and not problems:
        problems.append(_("the manifest says the bundle is signed, but it has no signature"))
    if count and not manifest.signed:
        problems.append(_("the PDF has a signature the manifest does not record"))
    return problems


def _check_pdfa(root: Any, variant: str) -> list[str]:
    """The XMP claims the manifest's PDF/A variant and an output intent carries an ICC profile."""
    if variant == "none":
        return []  # a plain PDF: no PDF/A identification to check
    match = re.fullmatch(r"pdf/a-(\d)([a-z])", variant)
    if not match:
        return [_("manifest names no PDF/A variant ('{variant}')").format(variant=variant)]
    problems = []
    metadata = root.get("/Metadata")
    xmp = metadata.get_object().get_data().decode("utf-8", "replace") if metadata else ""
    part, conformance = _xmp_value(xmp, "part"), _xmp_value(xmp, "conformance")
    if (part, (conformance or "").upper()) != (match.group(1), match.group(2).upper()):
        problems.append(_("XMP pdfaid part={part} conformance={conformance} does not match {variant}").format(
            part=part, conformance=conformance, variant=variant))
    intents = root.get("/OutputIntents")
    if not intents or not any(i.get_object().get("/DestOutputProfile") for i in intents.get_object()):
        problems.append(_("no /OutputIntents with an ICC profile"))
    return problems


def _check_fonts(reader: PdfReader) -> list[str]:
    """Every font used on a page has its font file embedded."""
    problems = []
    seen: set[int] = set()
    for page in reader.pages:
        for name, font in _fonts(page.get("/Resources"), seen):
            if font.get("/Subtype") in ("/Type0", "/Type3"):
                continue  # Type0: its descendant is checked; Type3: glyphs are in the font itself
            descriptor = font.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            if not any(key in descriptor for key in _FONT_FILES):
                problems.append(_("font {name} is not embedded").format(name=name.lstrip("/")))
    return problems


def _check_pages(reader: PdfReader, manifest: Manifest) -> list[str]:
    """A bookmark per document at its first page, the page count, and what the pages draw."""
    def page_of(item: Any) -> int:
        return (reader.get_destination_page_number(item) or 0) + 1

    problems = []
    outline = [(item.title, page_of(item)) for item in reader.outline if not isinstance(item, list)]
    if outline and outline[0] == (manifest.cover.title, 1):
        outline = outline[1:]
    expected = [(d.title, d.first_page) for d in manifest.documents]
    if outline != expected:
        problems.append(_("bookmarks {outline} differ from the manifest's documents {expected}").format(
            outline=outline, expected=expected))
    if len(reader.pages) != manifest.pages:
        problems.append(_("{pages} pages, the manifest says {expected}").format(
            pages=len(reader.pages), expected=manifest.pages))
    else:
        problems += _check_contents(reader, manifest)
    return problems


def _check_attachments(reader: PdfReader, manifest: Manifest) -> list[str]:
    """The embedded files are those of the manifest, byte for byte, with their relationships."""
    problems = []
    files = _embedded_files(reader)
    wanted = {a.name: a for a in manifest.attachments}
    for name in sorted(set(files) | set(wanted)):
        if name not in files:
            problems.append(_("attachment {name} is missing").format(name=name))
        elif name not in wanted:
            problems.append(_("attachment {name} is not in the manifest").format(name=name))
        elif sha256(files[name][0]) != wanted[name].sha256:
            problems.append(_("attachment {name}: sha256 differs from the manifest").format(name=name))
        elif files[name][1] != wanted[name].relationship:
            problems.append(_("attachment {name}: relationship {found}, the manifest says {expected}").format(
                name=name, found=files[name][1], expected=wanted[name].relationship))
    return problems
