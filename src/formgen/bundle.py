"""Archival bundles: a case's documents in one PDF/A-3 file, with its sources attached.

formgen.assemble lays a bundle out; this module checks the options, writes the manifest
(<name>.manifest.json beside the PDF, with the hashes `formgen verify` checks), applies the
encryption and signature (formgen.seal), and makes bundles for many cases, in worker
processes with --jobs.

Same inputs and the same SOURCE_DATE_EPOCH give byte-identical bundles and manifests.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from formgen import __version__
from formgen.assemble import COVER_TITLE, Assembly, content_hashes, slug
from formgen.build import case_label
from formgen.cases.load import Case, to_case
from formgen.cases.source import Record
from formgen.errors import FormgenError
from formgen.output import build_time, safe_path, write_atomic
from formgen.project import Project

DEFAULT_VARIANT = "pdf/a-3b"
PLAIN = "none"  # a plain PDF 1.7 bundle: the only kind that may be encrypted


def pdf_variants() -> list[str]:
    """The PDF/A variants of the installed WeasyPrint that allow arbitrary embedded files (PDF/A-3)."""
    from weasyprint.pdf import VARIANTS

    return sorted(v for v in VARIANTS if v.startswith("pdf/a-3"))


@dataclass
class Protection:
    """What happens to a finished bundle: encryption with a password, then a signature."""

    password: str | None = None
    signer: Any = None  # formgen.seal.Signer
    reason: str | None = None

    def apply(self, pdf: bytes) -> bytes:
        from formgen.seal import encrypt_pdf

        if self.password is not None:
            pdf = encrypt_pdf(pdf, self.password)
        if self.signer is not None:
            pdf = self.signer.sign(pdf, self.password, self.reason)
        return pdf


@dataclass
class Built:
    """A bundle's bytes and its manifest (without the bundle's own file name and hash)."""

    pdf: bytes
    manifest: dict[str, Any]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def bundle_pdf(project: Project, cases: list[Case], name: str, variant: str = DEFAULT_VARIANT,
               protection: Protection | None = None) -> Built:
    """The archival PDF of `cases` (a cover, then every document of every case) and its manifest."""
    if variant != PLAIN and variant not in pdf_variants():
        choices = ", ".join([*pdf_variants(), PLAIN])
        raise FormgenError(f"unsupported PDF variant '{variant}' (use one of: {choices})")
    protection = protection or Protection()
    if protection.password is not None and variant != PLAIN:
        raise FormgenError(encrypt_conflict(variant))
    when = build_time()
    project.forget_data_use()
    assembly = Assembly(project, cases, name, when, None if variant == PLAIN else variant)
    layout = assembly.lay_out()
    attachments = assembly.attachments()
    pdf = assembly.write(layout, attachments, signed=protection.signer is not None)
    hashes = content_hashes(pdf, layout.ranges)
    manifest = {
        "formgen": __version__,
        "generated": when.isoformat(),
        "pdf_variant": variant,
        "encryption": "AES-256" if protection.password is not None else None,
        "signed": protection.signer is not None,
        "bundle": {"file": None, "sha256": None},
        "cover": {"title": COVER_TITLE, "pages": layout.cover_pages, "content_sha256": hashes[0]},
        "pages": layout.total,
        "documents": [{"form": p.form.id, "title": p.title, "first_page": s, "pages": n,
                       "content_sha256": h, "docx": f"{i:02d}-{p.form.id}.docx"}
                      for i, (p, s, n, h) in enumerate(zip(assembly.parts, layout.starts, layout.counts,
                                                           hashes[1:]), 1)],
        "attachments": [{"name": fname, "relationship": rel, "sha256": sha256(data)}
                        for fname, data, rel, _ in attachments],
        "parameters": [{"file": path.relative_to(project.data).as_posix(), "sha256": sha256(path.read_bytes())}
                       for path in project.data_used()],
    }
    return Built(protection.apply(pdf), manifest)


def manifest_path(bundle: Path) -> Path:
    """Where the manifest of a bundle lives: <name>.manifest.json beside <name>.pdf."""
    return bundle.with_name(f"{bundle.stem}.manifest.json")


def write_bundle(target: Path, built: Built) -> None:
    """Write the PDF, then its manifest (each atomically)."""
    manifest = dict(built.manifest)
    manifest["bundle"] = {"file": target.name, "sha256": sha256(built.pdf)}
    write_atomic(target, built.pdf)
    text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
    write_atomic(manifest_path(target), text.encode("utf-8"))


def encrypt_conflict(variant: str) -> str:
    """The refusal to encrypt a PDF/A bundle."""
    return (f"--encrypt cannot be combined with PDF/A ({variant}): PDF/A forbids encryption. "
            f"Keep the unencrypted PDF/A bundle for the archive and make the copy to send with "
            f"--encrypt --pdf-variant {PLAIN}.")


def bundle_groups(cases: list[Case], per_file: bool) -> dict[str, list[Case]]:
    """The bundles to make: name -> its cases (one case each, or every case of an input file)."""
    groups: dict[str, list[Case]] = {}
    if not per_file:
        for case in cases:
            groups.setdefault(slug(case.id), []).append(case)
        return groups
    # Files of one name in different folders get their own bundles: staff.csv, staff-2.csv …
    names: dict[Path, str] = {}
    for case in cases:
        path = case.record.path.resolve()
        if path not in names:
            base = name = slug(case.record.path.stem)
            number = 1
            while name in names.values():
                number += 1
                name = f"{base}-{number}"
            names[path] = name
        groups.setdefault(names[path], []).append(case)
    return groups


_WORKER: dict[str, Project] = {}


def _init_worker(templates: Path, data: Path) -> None:
    _WORKER["project"] = Project(templates, data)


def _one_bundle(project: Project, cases: list[Case], name: str, out: Path, variant: str,
                protection: Protection | None) -> tuple[Path | None, str | None]:
    """(the bundle written, None) or (None, why it failed)."""
    try:
        target = safe_path(out, f"{name}.pdf")
        write_bundle(target, bundle_pdf(project, cases, name, variant, protection))
        return target, None
    except FormgenError as exc:
        return None, exc.message


def _bundle_job(records: list[Record], name: str, out: Path, variant: str,
                protection: Protection | None) -> tuple[Path | None, str | None]:
    """A worker process's bundle: the cases are validated again from their records."""
    project = _WORKER["project"]
    try:
        cases = [to_case(record, project) for record in records]
    except FormgenError as exc:
        return None, exc.message
    return _one_bundle(project, cases, name, out, variant, protection)


def make_bundles(project: Project, cases: list[Case], out: Path, per_file: bool,
                 variant: str = DEFAULT_VARIANT, protection: Protection | None = None,
                 progress: Callable[[], None] = lambda: None,
                 jobs: int = 1) -> tuple[list[Path], list[tuple[str, str]]]:
    """Write a bundle per case (or per input file), in `jobs` processes; return the files and
    the failures (a failing bundle does not stop the others)."""
    groups = bundle_groups(cases, per_file)
    # Registers are made from other cases in this process: they stay here.
    pooled = [name for name, group in groups.items() if not any(c.derived for c in group)]
    if jobs <= 1 or len(pooled) <= 2:
        pooled = []
    results: dict[str, tuple[Path | None, str | None]] = {}
    if pooled:
        with ProcessPoolExecutor(jobs, initializer=_init_worker,
                                 initargs=(project.templates, project.data)) as pool:
            futures = {name: pool.submit(_bundle_job, [c.record for c in groups[name]], name, out, variant,
                                         protection) for name in pooled}
            for name, future in futures.items():
                results[name] = future.result()
                progress()
    for name, group in groups.items():
        if name not in results:
            results[name] = _one_bundle(project, group, name, out, variant, protection)
            progress()
    written, failed = [], []
    for name, group in groups.items():
        target, error = results[name]
        if target is not None:
            written.append(target)
        else:
            failed.append((case_label(group[0]), error or "failed"))
    return written, failed
