"""Archival bundles: a case's documents in one PDF/A-3 file, with its sources attached.

Each document is laid out by WeasyPrint on its own, then the pages are concatenated behind a
cover page and written once (see docs/archive-bundles-research.md):

- pass 1 counts the pages; pass 2 renders every document again with a user stylesheet that
  continues the page numbers ("strona 5 z 12"), and makes one bookmark per document;
- the cover is the first document, so its <head> gives the bundle's metadata;
- the case's YAML (relationship Source) and each document's DOCX (Alternative) are embedded;
- a manifest (<name>.manifest.json) beside the PDF records hashes for `formgen verify`.

Same inputs and the same SOURCE_DATE_EPOCH give byte-identical bundles and manifests.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import mimetypes
import re
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from jinja2 import TemplateError

from formgen import __version__
from formgen.build import case_label, document_context
from formgen.cases.load import Case, to_case
from formgen.cases.source import Record
from formgen.cases.yamlread import read_yaml
from formgen.catalog import Form
from formgen.errors import FormgenError
from formgen.output import build_time, safe_path, write_atomic
from formgen.project import Project
from formgen.rules.dates import format_date_long

# Python 3.11 does not know .yaml: WeasyPrint would embed it as application/octet-stream.
mimetypes.add_type("application/yaml", ".yaml")
mimetypes.add_type("application/yaml", ".yml")

DEFAULT_VARIANT = "pdf/a-3b"
PLAIN = "none"  # a plain PDF 1.7 bundle: the only kind that may be encrypted
COVER_TITLE = "Strona tytułowa"


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


@dataclass
class Built:
    """A bundle's bytes and its manifest (without the bundle's own file name and hash)."""

    pdf: bytes
    manifest: dict[str, Any]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


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
            parts.append(Part(case, form, title, html, docx, author, f"bundle-doc-{len(parts) + 1}"))
    return parts


def _sources(case: Case) -> list[tuple[str, bytes, str]]:
    """The case's data as (name, bytes, description): the YAML file itself when it holds just
    this case, with the CSV files it reads lists from (`wczytaj`); else the record as YAML."""
    if case.derived:
        return []
    path, slug = case.record.path, _slug(case.id)
    if path.suffix.lower() in (".yaml", ".yml"):
        try:
            whole = len(read_yaml(path)) == 1
        except (OSError, FormgenError):
            whole = False
        if whole:
            found = [(f"{slug}.yaml", path.read_bytes(), f"Dane sprawy {case.id} (YAML)")]
            for included in sorted(set(case.record.files.values())):
                relative = included.relative_to(path.parent.resolve()).as_posix()
                found.append((included.name, included.read_bytes(),
                              f"Dane sprawy {case.id}: {relative} (CSV)"))
            return found
    # One case of a multi-case file or a CSV row: its data (lists already read in) as YAML.
    data = yaml.safe_dump(case.record.data, allow_unicode=True, sort_keys=False).encode("utf-8")
    return [(f"{slug}.yaml", data, f"Dane sprawy {case.id} (YAML)")]


def _attachments(cases: list[Case], parts: list[Part]) -> list[tuple[str, bytes, str, str]]:
    """(name, bytes, relationship, description), sorted by name (name trees must be sorted)."""
    found: dict[str, tuple[str, bytes, str, str]] = {}
    for case in cases:
        for name, data, description in _sources(case):
            if name in found and found[name][1] != data:  # two cases' CSV files of one name
                name = f"{_slug(case.id)}-{name}"
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
                specs.append(item.reference)
        if specs:
            pdf.catalog["AF"] = pydyf.Array(specs)
    if "AF" in pdf.catalog:
        seen: set[Any] = set()
        unique = [ref for ref in pdf.catalog["AF"] if not (ref in seen or seen.add(ref))]  # type: ignore[func-returns-value]
        pdf.catalog["AF"][:] = unique
    pdf.catalog["PageMode"] = "/UseOutlines"


def bundle_pdf(project: Project, cases: list[Case], name: str, variant: str = DEFAULT_VARIANT,
               protection: Protection | None = None) -> Built:
    """The archival PDF of `cases` (a cover, then every document of every case) and its manifest."""
    from weasyprint import Attachment
    from weasyprint.text.fonts import FontConfiguration

    from formgen.render.env import environment
    from formgen.render.pdf import html_to_document

    if variant != PLAIN and variant not in pdf_variants():
        choices = ", ".join([*pdf_variants(), PLAIN])
        raise FormgenError(f"unsupported PDF variant '{variant}' (use one of: {choices})")
    protection = protection or Protection()
    if protection.password is not None and variant != PLAIN:
        raise FormgenError(encrypt_conflict(variant))
    weasy_variant = None if variant == PLAIN else variant
    when = build_time()
    project.forget_params_use()
    parts = _parts(project, cases, when)
    if not parts:
        raise FormgenError("nothing to bundle")
    authors = {part.author for part in parts}
    author = authors.pop() if len(authors) == 1 else project.profile.nazwa
    fonts = FontConfiguration()  # one per bundle, alive until write_pdf returns
    roots = [project.templates]
    cover_base = project.templates / "_base"

    def cover_html(starts: list[int]) -> str:
        meta = {"tytul": f"Pakiet dokumentów: {name}", "autor": author, "utworzono": when.isoformat()}
        # The table names each document's case; the heading only counts them.
        header = name if len(cases) == 1 else f"{name} (liczba spraw: {len(cases)})"
        package = {"naglowek": header, "wygenerowano": f"{format_date_long(when.date())}, godz. {when:%H:%M} UTC",
                   "dokumenty": [{"tytul": p.title, "strona": s, "kotwica": p.anchor}
                                 for p, s in zip(parts, starts)]}
        template = environment(project.templates).get_template("_base/cover.html")
        return template.render(meta=meta, sprawa={"id": name}, instytucja=project.profile, regulamin=None,
                               zalacznik=None, pakiet=package)

    def layout(html: str, base: Path, css: str | None = None, anchor: str | None = None) -> Any:
        return html_to_document(html, base, roots, stylesheets=[css] if css else [], font_config=fonts,
                                pdf_variant=weasy_variant, body_id=anchor)

    try:
        # Pass 1: page counts (footers sit in the margins, so counts do not change in pass 2).
        counts = [len(layout(p.html, p.form.folder).pages) for p in parts]
        cover_pages = len(layout(cover_html([0] * len(parts)), cover_base).pages)
        starts, page = [], cover_pages + 1
        for count in counts:
            starts.append(page)
            page += count
        total = page - 1
        # Pass 2: the final layout, numbered across the bundle.
        rendered = [layout(cover_html(starts), cover_base, bundle_css(COVER_TITLE, 1, total))]
        for part, first, count in zip(parts, starts, counts):
            document = layout(part.html, part.form.folder, bundle_css(part.title, first, total), part.anchor)
            if len(document.pages) != count:
                raise FormgenError(f"form {part.form.id}: page count changed between layout passes")
            rendered.append(document)
        if len(rendered[0].pages) != cover_pages:
            raise FormgenError("cover page count changed between layout passes")
        attachments = _attachments(cases, parts)
        files = [Attachment(string=data, name=fname, description=desc, relationship=rel,
                            created=when, modified=when) for fname, data, rel, desc in attachments]
        combined = rendered[0].copy([page for document in rendered for page in document.pages])
        signed = protection.signer is not None
        plain = {hashlib.md5(data, usedforsecurity=False).hexdigest(): rel
                 for _, data, rel, _ in attachments} if weasy_variant is None else None
        pdf = combined.write_pdf(pdf_variant=weasy_variant, attachments=files,
                                 finisher=lambda document, doc_pdf: _finisher(document, doc_pdf, signed, plain))
        hashes = content_hashes(pdf, [(1, cover_pages), *zip(starts, counts)])
        pdf = protection.apply(pdf)
    except TemplateError as exc:
        raise FormgenError(f"cover page: template error: {exc}") from exc
    manifest = {
        "formgen": __version__,
        "generated": when.isoformat(),
        "pdf_variant": variant,
        "encryption": "AES-256" if protection.password is not None else None,
        "signed": protection.signer is not None,
        "bundle": {"file": None, "sha256": None},
        "cover": {"title": COVER_TITLE, "pages": cover_pages, "content_sha256": hashes[0]},
        "pages": total,
        "documents": [{"form": p.form.id, "title": p.title, "first_page": s, "pages": n,
                       "content_sha256": h, "docx": f"{i:02d}-{p.form.id}.docx"}
                      for i, (p, s, n, h) in enumerate(zip(parts, starts, counts, hashes[1:]), 1)],
        "attachments": [{"name": fname, "relationship": rel, "sha256": sha256(data)}
                        for fname, data, rel, _ in attachments],
        "parameters": [{"file": path.relative_to(project.data).as_posix(), "sha256": sha256(path.read_bytes())}
                       for path in project.params_used()],
    }
    return Built(pdf, manifest)


def content_hashes(pdf: bytes | Any, ranges: list[tuple[int, int]], password: str | None = None) -> list[str]:
    """sha256 of each (first page, page count) range: its pages' decoded content streams in order.

    `pdf` is the file's bytes or an open pypdf reader. The hash follows what is drawn on the
    pages, so it is the same before and after encryption or a signature.
    """
    import io

    from pypdf import PdfReader

    reader = pdf if isinstance(pdf, PdfReader) else PdfReader(io.BytesIO(pdf))
    if password is not None and reader.is_encrypted:
        reader.decrypt(password)
    found = []
    for first, count in ranges:
        digest = hashlib.sha256()
        for page in reader.pages[first - 1:first - 1 + count]:
            contents = page.get_contents()
            digest.update(contents.get_data() if contents is not None else b"")
        found.append(digest.hexdigest())
    return found


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.") or "bundle"


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
            groups.setdefault(_slug(case.id), []).append(case)
        return groups
    # Files of one name in different folders get their own bundles: staff.csv, staff-2.csv …
    names: dict[Path, str] = {}
    for case in cases:
        path = case.record.path.resolve()
        if path not in names:
            base = name = _slug(case.record.path.stem)
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
