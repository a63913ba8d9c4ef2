"""Archival bundles: a case's documents in one PDF/A-3 file, with its sources attached.

formgen.assemble lays a bundle out; this module checks the options, writes the manifest
(<name>.manifest.json beside the PDF, with the hashes `formgen verify` checks), applies the
encryption and signature (formgen.seal), and makes bundles for many cases, in worker
processes with --jobs.

Same inputs and the same SOURCE_DATE_EPOCH give byte-identical bundles and manifests.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from formgen import __version__
from formgen.assemble import COVER_TITLE, Assembly, content_hashes
from formgen.build import Report, case_label
from formgen.cases.load import Case, registers, to_case
from formgen.cases.source import Record
from formgen.errors import FormgenError
from formgen.output import (
    Staged,
    build_time,
    name_key,
    remove_stale_temporaries,
    reserved,
    safe_path,
    slug,
)
from formgen.project import Project
from formgen.runner import Job, Result, pooled, run

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
               protection: Protection | None = None, when: dt.datetime | None = None) -> Built:
    """The archival PDF of `cases` (a cover, then every document of every case) and its manifest."""
    if variant != PLAIN and variant not in pdf_variants():
        choices = ", ".join([*pdf_variants(), PLAIN])
        raise FormgenError(f"unsupported PDF variant '{variant}' (use one of: {choices})")
    protection = protection or Protection()
    if protection.password is not None and variant != PLAIN:
        raise FormgenError(encrypt_conflict(variant))
    when = when or build_time()
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


def write_bundle(target: Path, built: Built) -> list[Path]:
    """Write the PDF and its manifest, both or neither; the two paths."""
    manifest = dict(built.manifest)
    manifest["bundle"] = {"file": target.name, "sha256": sha256(built.pdf)}
    text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
    staged = Staged()
    try:
        staged.add(target, built.pdf)
        staged.add(manifest_path(target), text.encode("utf-8"))
        return staged.commit()
    finally:
        staged.discard()


def encrypt_conflict(variant: str) -> str:
    """The refusal to encrypt a PDF/A bundle."""
    return (f"--encrypt cannot be combined with PDF/A ({variant}): PDF/A forbids encryption. "
            f"Keep the unencrypted PDF/A bundle for the archive and make the copy to send with "
            f"--encrypt --pdf-variant {PLAIN}.")


def bundle_groups(cases: list[Case], per_file: bool,
                  reserved_names: Iterable[str] = ()) -> tuple[dict[str, list[Case]], list[Result]]:
    """The bundles to make: name -> its cases (one case each, or every case of an input file),
    and the cases refused because their bundle's name is unusable. Case names are unique
    already (see build.collect); with --per-file, files of one name in different folders get
    their own bundles (staff, staff-2 …), and a file named like a Windows device is refused."""
    groups: dict[str, list[Case]] = {}
    if not per_file:
        for case in cases:
            groups.setdefault(slug(case.id), []).append(case)
        return groups, []
    names: dict[Path, str] = {}
    taken = {name_key(n) for n in reserved_names}
    refused: list[Result] = []
    for case in cases:
        if case.derived:
            groups.setdefault(case.id, []).append(case)
            continue
        path = case.record.path.resolve()
        if reserved(case.record.path.stem):
            refused.append(Result(case_label(case), error=f"'{case.record.path.stem}' is a device name on "
                                                          f"Windows and cannot name a bundle: rename the file"))
            continue
        if path not in names:
            names[path] = _free_name(slug(case.record.path.stem), taken)
        groups.setdefault(names[path], []).append(case)
    return groups, refused


def _free_name(base: str, taken: set[str]) -> str:
    """`base`, or base-2, base-3 … whichever is not taken yet (ignoring letter case); marks it taken."""
    name, number = base, 1
    while name_key(name) in taken:
        number += 1
        name = f"{base}-{number}"
    taken.add(name_key(name))
    return name


_WORKER: dict[str, Project] = {}


def _init_worker(templates: Path, data: Path) -> None:
    _WORKER["project"] = Project(templates, data)


def _one_bundle(project: Project, cases: list[Case], name: str, out: Path, variant: str,
                protection: Protection | None, when: dt.datetime) -> list[Path]:
    """Write one bundle and its manifest; the paths written."""
    target = safe_path(out, f"{name}.pdf")
    return write_bundle(target, bundle_pdf(project, cases, name, variant, protection, when))


def _bundle_job(records: list[Record], name: str, out: Path, variant: str,
                protection: Protection | None, when: dt.datetime) -> list[Path]:
    """A worker process's bundle: the cases are validated again from their records."""
    project = _WORKER["project"]
    cases = [to_case(record, project) for record in records]
    return _one_bundle(project, cases, name, out, variant, protection, when)


def _label(name: str, group: list[Case], per_file: bool) -> str:
    if per_file and not group[0].derived:
        return f"{group[0].record.path} (bundle {name})"
    return case_label(group[0])


def make_bundles(project: Project, cases: list[Case], out: Path, per_file: bool,
                 variant: str = DEFAULT_VARIANT, protection: Protection | None = None,
                 progress: Callable[[Result], None] = lambda r: None, jobs: int = 1) -> Report:
    """Write a bundle per case (or per input file), in `jobs` processes; then the registers'
    bundles, from the cases whose bundles were written. A failing bundle does not stop the others."""
    remove_stale_temporaries(out)
    when = build_time()
    registers_wanted = {c.id for c in cases if c.derived}
    groups, refusals = bundle_groups([c for c in cases if not c.derived], per_file, registers_wanted)
    names = list(groups)
    if pooled(jobs, len(names)):
        work = [Job(_label(n, groups[n], per_file), _bundle_job,
                    ([c.record for c in groups[n]], n, out, variant, protection, when)) for n in names]
    else:
        work = [Job(_label(n, groups[n], per_file), _one_bundle,
                    (project, groups[n], n, out, variant, protection, when)) for n in names]
    results = run(work, jobs, _init_worker, (project.templates, project.data), progress)
    stopped = next((r for r in results if r.fatal), None)
    if stopped:
        return Report(refusals + results, stopped)
    done = [c for n, r in zip(names, results) if r.ok for c in groups[n]]
    made = [r for r in registers(done, project) if r.id in registers_wanted]
    more = run([Job(case_label(r), _one_bundle, (project, [r], r.id, out, variant, protection, when))
                for r in made], 1, progress=progress)
    return Report(refusals + results + more, next((r for r in more if r.fatal), None))
