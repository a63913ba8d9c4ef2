"""What each CLI command does, as plain functions over a Project (the CLI only wires options)."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from formgen.errors import FormgenError
from formgen.project import Project


def list_forms(project: Project) -> None:
    """Print id, title and source annex of every form."""
    forms = project.catalog.forms.values()
    width = max((len(f.id) for f in forms), default=0)
    for form in forms:
        click.echo(f"{form.id:<{width}}  {form.decl.title}  [{form.decl.source}]")


@dataclass
class Output:
    """What a command prints to stdout (reports; progress and command errors go to stderr):
    -q only the problems, -v also every file and what was up to date, --list the files written."""

    quiet: bool = False
    verbose: bool = False
    listing: bool = False

    def problem(self, text: str) -> None:
        click.echo(text)

    def note(self, text: str) -> None:
        """Warnings and the summary: not with -q."""
        if not self.quiet:
            click.echo(text)

    def detail(self, text: str) -> None:
        if self.verbose:
            click.echo(text)

    def files(self, paths: list[Path]) -> None:
        if self.listing or self.verbose:
            for path in paths:
                click.echo(str(path))


def validate(project: Project, paths: list[Path], form: str | None, encoding: str | None = None,
             output: Output | None = None) -> None:
    """Check every case as `render` would (its documents rendered in memory, nothing written);
    print every problem; exit 1 if there is any."""
    from formgen.pipeline import check, collect

    output = output or Output()
    cases, invalid = collect(project, paths, form, encoding)
    for case in cases:
        for warning in case.warnings:
            output.note(str(warning))
    unrenderable = check(project, cases)
    for error in invalid + unrenderable:
        output.problem(error.message)
    registers = {c.id for c in cases if c.derived}
    failed = len(invalid) + sum(e.problems[0].source not in registers for e in unrenderable)
    checked = len(invalid) + len(cases) - len(registers)
    output.note(f"{checked} case(s) checked, {failed} with problems.")
    if invalid or unrenderable:
        sys.exit(1)


def _formats(fmt: str) -> tuple[str, ...]:
    return ("docx", "pdf") if fmt == "all" else (fmt,)


class Bar:
    """A progress bar on stderr for a run (a pipeline.Progress); drawn only for many units."""

    def __init__(self, label: str, show: bool) -> None:
        self.label, self.show = label, show
        self.bar: Any = None

    def start(self, total: int) -> None:
        if self.bar is None:
            # Drawn only on a terminal: in a log it would be one label line among the messages.
            shown = self.show and total > 1 and sys.stderr.isatty()
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr, hidden=not shown)
            self.bar.__enter__()
        else:
            self.bar.length += total

    def advance(self) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


@dataclass
class RunOptions:
    """The options every run takes on the command line."""

    jobs: int = 0
    executor: str | None = None
    force: bool = False
    form: str | None = None
    encoding: str | None = None


def _options(given: RunOptions, bar: Bar) -> Any:
    from formgen.pipeline import Options

    return Options(jobs=given.jobs, executor=given.executor, force=given.force, form=given.form,
                   encoding=given.encoding, progress=bar)


def batch(project: Project, paths: list[Path], out: Path, fmt: str, given: RunOptions,
          progress: bool = True, output: Output | None = None) -> None:
    """Render every case, then the registers; print problems and a summary; exit 1 if anything
    failed or was left alone."""
    from formgen.pipeline import build

    output = output or Output()
    bar = Bar("Rendering", progress and not output.quiet)
    try:
        report = build(project, paths, out, _formats(fmt), _options(given, bar))
    finally:
        bar.close()
    _print_report(report, output)
    registers = sum(r.key.startswith("register:") for r in report.done)
    also = f" incl. {registers} register(s)" if registers else ""
    output.note(f"{len(report.done)} case(s){also} rendered, {report.skipped} up to date "
                f"({len(report.written)} files written in {out}), {_failures(report)} failed.")
    _stop_message(report, "case(s)", output)
    if not report.success:
        sys.exit(1)


def _failures(report: Any) -> int:
    return len(report.problems) + len(report.failed)


def _print_report(report: Any, output: Output) -> None:
    """Every problem, failure, warning and file left alone, in input order; with -v or
    --list the files written."""
    for error in report.problems:
        output.problem(error.message)
    for result in report.results:
        for warning in result.warnings:
            output.note(warning)
        for problem in result.problems:
            output.problem(str(problem))
        if result.error and not result.fatal:
            output.problem(f"{result.label}: {result.error}")
        output.files(result.written)
    for result in report.left_alone:
        for path in result.written:
            output.problem(f"{result.label}: {path} was changed since formgen wrote it; left alone "
                           f"(--force overwrites it)")
    if report.skipped:
        output.detail(f"{report.skipped} up to date (unchanged since the last run)")


def _stop_message(report: Any, what: str, output: Output) -> None:
    """After a fatal write error: what stopped the run, and how far it got."""
    if report.stopped is None:
        return
    output.problem(f"stopped: {report.stopped.label}: {report.stopped.error}")
    output.problem(f"{len(report.done)} {what} complete before the stop; the rest were not written. "
                   f"Free space or fix the output folder, then run again.")


@dataclass
class Protect:
    """The bundle options about encryption and signing, as given on the command line."""

    encrypt: bool = False
    password_file: Path | None = None
    sign: Path | None = None
    cert_password_file: Path | None = None
    reason: str | None = None


def _protection(options: Protect, pdf_variant: str) -> Any:
    """A bundle.Protection from the options: refuses bad combinations, then asks for secrets."""
    from formgen.bundle import PLAIN, Protection, encrypt_conflict
    from formgen.seal import Signer, read_secret

    if options.password_file and not options.encrypt:
        raise FormgenError("--password-file is used only with --encrypt")
    if (options.cert_password_file or options.reason) and not options.sign:
        raise FormgenError("--cert-password-file and --reason are used only with --sign")
    if options.encrypt and pdf_variant != PLAIN:
        raise FormgenError(encrypt_conflict(pdf_variant))
    password = None
    if options.encrypt:
        if options.password_file:
            password = read_secret(options.password_file, "password")
        else:
            password = click.prompt("Password for the encrypted bundle(s)", hide_input=True,
                                    confirmation_prompt=True, err=True)
    signer = None
    if options.sign:
        if options.cert_password_file:
            passphrase = read_secret(options.cert_password_file, "certificate password")
        else:
            passphrase = click.prompt(f"Password of {options.sign.name} (empty if none)", hide_input=True,
                                      default="", show_default=False, err=True)
        signer = Signer.load(options.sign, passphrase)
    return Protection(password, signer, options.reason)


def bundle(project: Project, paths: list[Path], out: Path, per_file: bool, given: RunOptions,
           pdf_variant: str = "pdf/a-3b", protect: Protect | None = None, progress: bool = True,
           output: Output | None = None) -> None:
    """Write one archival PDF bundle per case (or per input file); exit 1 if any failed."""
    from formgen.pipeline import bundles as make

    output = output or Output()
    protection = _protection(protect or Protect(), pdf_variant)
    bar = Bar("Bundling", progress and not output.quiet)
    try:
        report = make(project, paths, out, per_file, pdf_variant, protection, _options(given, bar))
    finally:
        bar.close()
    _print_report(report, output)
    output.note(f"{len(report.done)} bundle(s) written to {out}, {report.skipped} up to date, "
                f"{_failures(report)} failed.")
    _stop_message(report, "bundle(s)", output)
    if not report.success:
        sys.exit(1)


def verify(paths: list[Path], password_file: Path | None = None, trust: list[Path] | None = None) -> None:
    """Check bundles against their manifests: '<file>: OK' or a line per problem; exit 1 if any.

    An encrypted bundle needs its password: from `password_file`, else asked for once.
    """
    from formgen.manifest import bundle_of
    from formgen.seal import read_secret, trust_roots
    from formgen.verify import check_bundle, encrypted

    password = read_secret(password_file, "password") if password_file else None
    if trust:
        trust_roots(trust)  # an unreadable certificate is an error before any bundle is checked
    bad = False
    # `verify build/bundles/*` also names the manifests: check each bundle once, by its PDF.
    bundles = [bundle_of(path) for path in paths]
    for path in dict.fromkeys(bundles):
        if password is None and encrypted(path):
            password = click.prompt("Password of the encrypted bundle(s)", hide_input=True, err=True)
        problems = check_bundle(path, password, trust)
        for problem in problems:
            click.echo(f"{path}: {problem}")
        if not problems:
            click.echo(f"{path}: OK")
        bad = bad or bool(problems)
    if bad:
        sys.exit(1)


def schema(project: Project, form_id: str | None, folder: Path | None = None) -> None:
    """Print a form's JSON Schema for editors, or write every form's into a folder."""
    from formgen.editor_schema import form_schema
    from formgen.output import safe_path, write_atomic

    if folder is None:
        if form_id is None:
            raise FormgenError("give a form id, or --all FOLDER")
        click.echo(json.dumps(form_schema(project.catalog.get(form_id)), ensure_ascii=False, indent=2))
        return
    for form in project.catalog.forms.values():
        text = json.dumps(form_schema(form), ensure_ascii=False, indent=2) + "\n"
        write_atomic(safe_path(folder, f"{form.id}.json"), text.encode("utf-8"))
    click.echo(f"{len(project.catalog.forms)} schemas written to {folder}")


def new(project: Project, name: str, as_csv: bool = False, target: Path | None = None,
        schemas: Path | None = None) -> None:
    """A starter case of a form or a case kind (YAML, or the CSV header row), printed or written
    to `target`; the YAML names its JSON Schema for editors (written into `schemas` if missing)."""
    from formgen.editor_schema import form_schema, kind_schema
    from formgen.output import write_atomic
    from formgen.starter import csv_header, starter_yaml

    catalog = project.catalog
    if name in catalog.kinds:
        forms = catalog.forms_of_kind(name, None)
        model, title, kind = catalog.merged_schema(forms), f"Sprawa: {name}", name
        schema_body = kind_schema(catalog, name)
    else:
        form = catalog.get(name)
        forms, model, title, kind = (form,), form.schema, f"{form.decl.title} ({form.decl.source})", None
        schema_body = form_schema(form)
    if as_csv:
        text = ";".join(csv_header(model, with_form=kind is None)) + "\n"
        if kind:
            raise FormgenError("a CSV starter is made for one form: give a form id, not a case kind")
    else:
        folder = schemas or Path("schemas")
        schema_file = folder / f"{name}.json"
        if not schema_file.exists():
            write_atomic(schema_file, (json.dumps(schema_body, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
        base = (target.parent if target else Path.cwd()).resolve()
        reference = os.path.relpath(schema_file.resolve(), base)
        text = starter_yaml([f.id for f in forms], model, title, kind, Path(reference).as_posix())
    if target is None:
        click.echo(text, nl=False)
    else:
        write_atomic(target, text.encode("utf-8"))
        click.echo(str(target))
