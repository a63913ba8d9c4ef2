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
from formgen.i18n import _, ngettext
from formgen.project import Project


def open_project(workspace: Path | None, db: str | None, templates: Path | None, data: Path | None,
                 quiet: bool = False) -> Project:
    """The project a command works on: a workspace's (with its register), or a data folder given
    by --data (no register), or the bundled example institution (documents marked WZÓR, and
    one line on stderr saying so)."""
    import os

    from formgen import workspace as ws
    from formgen.project import RegisterLink

    if data or templates or os.environ.get("FORMGEN_DATA"):
        if workspace or db:
            raise FormgenError(_("--data/--templates work without a workspace; leave out --workspace and --db"))
        return Project(templates, data)
    found = ws.find(workspace)
    if found is None:
        if db:
            raise FormgenError(_("--db needs a workspace (formgen init creates one)"))
        if not quiet:
            click.echo(_(ws.SAMPLE_NOTICE), err=True)
        return Project(mark="WZÓR")
    link = RegisterLink(found.db_url(db), found.institution, tuple(sorted(found.config.numery.items())))
    return Project(templates, found.data, overrides=found.templates, register=link)


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
    if project.register is not None:
        from formgen.register.validate import cross_check

        cases, refused, numbered = cross_check(project, cases)
        invalid += refused
        for note in numbered:
            output.note(str(note))
    for case in cases:
        for warning in case.warnings:
            output.note(str(warning))
    unrenderable = check(project, cases)
    for error in invalid + unrenderable:
        output.problem(error.message)
    registers = {c.id for c in cases if c.derived}
    failed = len(invalid) + sum(e.problems[0].source not in registers for e in unrenderable)
    checked = len(invalid) + len(cases) - len(registers)
    output.note(ngettext("{count} case checked, {failed} with problems.",
                         "{count} cases checked, {failed} with problems.", checked).format(
        count=checked, failed=failed))
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
    bar = Bar(_("Rendering"), progress and not output.quiet)
    try:
        report = build(project, paths, out, _formats(fmt), _options(given, bar))
    finally:
        bar.close()
    _print_report(report, output)
    registers = sum(r.key.startswith("register:") for r in report.done)
    done = len(report.done)
    if registers:
        summary = ngettext("{count} case rendered (registers among them: {registers}), {skipped} up to date "
                           "(files written in {folder}: {files}), {failed} failed.",
                           "{count} cases rendered (registers among them: {registers}), {skipped} up to date "
                           "(files written in {folder}: {files}), {failed} failed.", done)
    else:
        summary = ngettext("{count} case rendered, {skipped} up to date (files written in {folder}: {files}), "
                           "{failed} failed.",
                           "{count} cases rendered, {skipped} up to date (files written in {folder}: {files}), "
                           "{failed} failed.", done)
    output.note(summary.format(count=done, registers=registers, skipped=report.skipped, files=len(report.written),
                               folder=out, failed=_failures(report)))
    if report.stopped is not None:
        _stop_message(report, ngettext(
            "{count} case complete before the stop; the rest were not written. Free space or fix the output "
            "folder, then run again.",
            "{count} cases complete before the stop; the rest were not written. Free space or fix the output "
            "folder, then run again.", done), output)
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
            output.problem(_("{label}: {path} was changed since formgen wrote it; left alone "
                             "(--force overwrites it)").format(label=result.label, path=path))
    for note in report.notes:
        output.note(note)
    if report.skipped:
        output.detail(_("{count} up to date (unchanged since the last run)").format(count=report.skipped))


def _stop_message(report: Any, complete: str, output: Output) -> None:
    """After a fatal write error: what stopped the run, and how far it got (`complete`, with
    {count} for the units done)."""
    output.problem(_("stopped: {label}: {error}").format(label=report.stopped.label, error=report.stopped.error))
    output.problem(complete.format(count=len(report.done)))


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
        raise FormgenError(_("--password-file is used only with --encrypt"))
    if (options.cert_password_file or options.reason) and not options.sign:
        raise FormgenError(_("--cert-password-file and --reason are used only with --sign"))
    if options.encrypt and pdf_variant != PLAIN:
        raise FormgenError(encrypt_conflict(pdf_variant))
    password = None
    if options.encrypt:
        if options.password_file:
            password = read_secret(options.password_file, "password")
        else:
            password = click.prompt(_("Password for the encrypted bundle(s)"), hide_input=True,
                                    confirmation_prompt=True, err=True)
    signer = None
    if options.sign:
        if options.cert_password_file:
            passphrase = read_secret(options.cert_password_file, "certificate password")
        else:
            passphrase = click.prompt(_("Password of {name} (empty if none)").format(name=options.sign.name),
                                      hide_input=True, default="", show_default=False, err=True)
        signer = Signer.load(options.sign, passphrase)
    return Protection(password, signer, options.reason)


def bundle(project: Project, paths: list[Path], out: Path, per_file: bool, given: RunOptions,
           pdf_variant: str = "pdf/a-3b", protect: Protect | None = None, progress: bool = True,
           output: Output | None = None) -> None:
    """Write one archival PDF bundle per case (or per input file); exit 1 if any failed."""
    from formgen.pipeline import bundles as make

    output = output or Output()
    protection = _protection(protect or Protect(), pdf_variant)
    bar = Bar(_("Bundling"), progress and not output.quiet)
    try:
        report = make(project, paths, out, per_file, pdf_variant, protection, _options(given, bar))
    finally:
        bar.close()
    _print_report(report, output)
    done = len(report.done)
    output.note(ngettext("{count} bundle written to {folder}, {skipped} up to date, {failed} failed.",
                         "{count} bundles written to {folder}, {skipped} up to date, {failed} failed.", done).format(
        count=done, folder=out, skipped=report.skipped, failed=_failures(report)))
    if report.stopped is not None:
        _stop_message(report, ngettext(
            "{count} bundle complete before the stop; the rest were not written. Free space or fix the output "
            "folder, then run again.",
            "{count} bundles complete before the stop; the rest were not written. Free space or fix the output "
            "folder, then run again.", done), output)
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
            password = click.prompt(_("Password of the encrypted bundle(s)"), hide_input=True, err=True)
        problems = check_bundle(path, password, trust)
        for problem in problems:
            click.echo(f"{path}: {problem}")
        if not problems:
            click.echo(_("{path}: OK").format(path=path))
        bad = bad or bool(problems)
    if bad:
        sys.exit(1)


def schema(project: Project, form_id: str | None, folder: Path | None = None) -> None:
    """Print a form's JSON Schema for editors, or write every form's into a folder."""
    from formgen.editor_schema import form_schema
    from formgen.output import safe_path, write_atomic

    if folder is None:
        if form_id is None:
            raise FormgenError(_("give a form id, or --all FOLDER"))
        click.echo(json.dumps(form_schema(project.catalog.get(form_id)), ensure_ascii=False, indent=2))
        return
    for form in project.catalog.forms.values():
        text = json.dumps(form_schema(form), ensure_ascii=False, indent=2) + "\n"
        write_atomic(safe_path(folder, f"{form.id}.json"), text.encode("utf-8"))
    count = len(project.catalog.forms)
    click.echo(ngettext("{count} schema written to {folder}", "{count} schemas written to {folder}", count).format(
        count=count, folder=folder))


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
        model, title, kind = catalog.merged_schema(forms), _("Case: {kind}").format(kind=name), name
        schema_body = kind_schema(catalog, name)
    else:
        form = catalog.get(name)
        forms, model, title, kind = (form,), form.schema, f"{form.decl.title} ({form.decl.source})", None
        schema_body = form_schema(form)
    if as_csv:
        text = ";".join(csv_header(model, with_form=kind is None)) + "\n"
        if kind:
            raise FormgenError(_("a CSV starter is made for one form: give a form id, not a case kind"))
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
