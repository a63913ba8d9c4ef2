"""Archival bundles: a case's documents in one PDF/A-3 file, with its sources attached.

formgen.assemble puts the rendered documents together; this module checks the options,
builds the manifest (<name>.manifest.json beside the PDF, with the hashes `formgen verify`
checks), applies the encryption and signature (formgen.seal), and names the bundles of a run.

Same inputs and the same SOURCE_DATE_EPOCH give byte-identical bundles and manifests.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from formgen import __version__, assemble
from formgen.assemble import COVER_TITLE, Assembly, sha256_of
from formgen.cases.load import Case, registers, to_case
from formgen.cases.source import Record
from formgen.documents import RenderedDocument, render_document
from formgen.errors import FormgenError
from formgen.i18n import _
from formgen.manifest import (
    DEFAULT_VARIANT,
    Attachment,
    BundleFile,
    Cover,
    DataFile,
    Document,
    Manifest,
    sha256,
)
from formgen.output import Spooled, name_key, safe_path, spool
from formgen.project import Project, Setup
from formgen.runner import Product

PLAIN = "none"  # a plain PDF 1.7 bundle: the only kind that may be encrypted


def pdf_variants() -> list[str]:
    """The PDF/A variants of the installed WeasyPrint that allow arbitrary embedded files (PDF/A-3)."""
    from formgen.render.libraries import import_weasyprint

    import_weasyprint()
    from weasyprint.pdf import VARIANTS

    return sorted(v for v in VARIANTS if v.startswith("pdf/a-3"))


@dataclass
class Protection:
    """What happens to a finished bundle: encryption with a password, then a signature."""

    password: str | None = None
    signer: Any = None  # formgen.seal.Signer
    reason: str | None = None

    @property
    def any(self) -> bool:
        return self.password is not None or self.signer is not None

    def apply(self, pdf: bytes) -> bytes:
        from formgen.seal import encrypt_pdf

        if self.password is not None:
            pdf = encrypt_pdf(pdf, self.password)
        if self.signer is not None:
            pdf = self.signer.sign(pdf, self.password, self.reason)
        return pdf


def check_variant(variant: str, protection: Protection | None) -> None:
    """Refuse a PDF variant WeasyPrint does not have, and encryption with PDF/A. The default
    variant is in every WeasyPrint formgen supports (tests/test_archive.py): checking it would
    import WeasyPrint into the main process of a pooled run, which renders nothing."""
    if variant not in (PLAIN, DEFAULT_VARIANT) and variant not in pdf_variants():
        choices = ", ".join([*pdf_variants(), PLAIN])
        raise FormgenError(_("unsupported PDF variant '{variant}' (use one of: {choices})").format(
            variant=variant, choices=choices))
    if protection is not None and protection.password is not None and variant != PLAIN:
        raise FormgenError(encrypt_conflict(variant))


def encrypt_conflict(variant: str) -> str:
    """The refusal to encrypt a PDF/A bundle."""
    return _("--encrypt cannot be combined with PDF/A ({variant}): PDF/A forbids encryption. "
             "Keep the unencrypted PDF/A bundle for the archive and make the copy to send with "
             "--encrypt --pdf-variant {plain}.").format(variant=variant, plain=PLAIN)


def render_for_bundle(project: Project, cases: list[Case], variant: str,
                      when: dt.datetime) -> Iterator[RenderedDocument]:
    """Every document of the cases, with its DOCX, laid out for the bundle's PDF variant, one at
    a time (a large bundle writes and lets go of them as they come)."""
    layout_variant = None if variant == PLAIN else variant
    return (render_document(project, form, case, when, pdf_variant=layout_variant)
            for case in cases for form in case.forms)


def bundle_pdf(project: Project, cases: list[Case], name: str, documents: Iterable[RenderedDocument],
               used: Iterable[Path], variant: str = DEFAULT_VARIANT, protection: Protection | None = None,
               when: dt.datetime | None = None, section_pages: int | None = None) -> tuple[bytes, Manifest]:
    """The archival PDF of rendered documents (a cover, then every document) and its manifest,
    which records the bundle's file name (`<name>.pdf`) and hash. A bundle of more than
    `section_pages` pages (default: formgen.assemble.SECTION_PAGES) is written in sections."""
    protection = protection or Protection()
    check_variant(variant, protection)
    when = when or dt.datetime.now(tz=dt.UTC).replace(microsecond=0)
    assembly = Assembly(project, cases, name, when, None if variant == PLAIN else variant,
                        section_pages=section_pages or assemble.SECTION_PAGES)
    collector = gc.get_threshold()  # a sectioned bundle lowers it while it is written
    try:
        assembly.take(documents)
        attachments = assembly.attachments()
        # What the pages draw (content_hashes): the same once protected.
        layout, plain, hashes = assembly.pdf(attachments, signed=protection.signer is not None)
    finally:
        gc.set_threshold(*collector)
    pdf = protection.apply(plain)
    manifest = Manifest(
        formgen=__version__, generated=when.isoformat(), pdf_variant=variant,
        encryption="AES-256" if protection.password is not None else None, signed=protection.signer is not None,
        bundle=BundleFile(file=f"{name}.pdf", sha256=sha256(pdf)),
        cover=Cover(title=COVER_TITLE, pages=layout.cover_pages, content_sha256=hashes[0]),
        pages=layout.total,
        documents=[Document(form=p.form.id, title=p.title, first_page=s, pages=n, content_sha256=h,
                            docx=f"{i:02d}-{p.form.id}.docx")
                   for i, (p, s, n, h) in enumerate(zip(assembly.parts, layout.starts, layout.counts, hashes[1:]), 1)],
        attachments=[Attachment(name=fname, relationship=rel, sha256=sha256_of(data))
                     for fname, data, rel, _mime in attachments],
        parameters=[DataFile(file=path.relative_to(project.data).as_posix(), sha256=sha256(path.read_bytes()))
                    for path in sorted(p for p in used if p.is_file())],
    )
    return pdf, manifest


def free_name(base: str, taken: set[str]) -> str:
    """`base`, or base-2, base-3 … whichever is not taken yet (ignoring letter case); marks it taken."""
    name, number = base, 1
    while name_key(name) in taken:
        number += 1
        name = f"{base}-{number}"
    taken.add(name_key(name))
    return name


def bundle_file(setup: Setup, name: str, records: list[Record], register: str | None, variant: str,
                protection: object, when: dt.datetime, spool_in: str | None = None) -> Product:
    """One bundle (<name>.pdf and <name>.manifest.json) of the records' cases, or of the
    register `register` made from them. With `spool_in` (the output folder, when this runs in
    a worker of a local pool) the PDF is staged there by this process instead of being handed
    back as bytes: a bundle of a thousand documents is tens of MB, and sending it to the main
    process would hold a second copy of it here (pickled) and a third there."""
    project = setup.project()
    cases = [to_case(record, project) for record in records]
    warnings = [str(w) for case in cases for w in case.warnings]
    if register is not None:
        cases = [r for r in registers(cases, project) if r.id == register]
        warnings = []
    with project.recording() as used:
        documents = render_for_bundle(project, cases, variant, when)
        pdf, manifest = bundle_pdf(project, cases, name, documents, used, variant,
                                   protection if isinstance(protection, Protection) else None, when)
    staged: bytes | Spooled = pdf if spool_in is None else spool(safe_path(Path(spool_in), f"{name}.pdf"), pdf)
    return Product([(f"{name}.pdf", staged), (f"{name}.manifest.json", manifest.to_json())],
                   project.relative(used), warnings)
