"""What each CLI command does, as plain functions over a Project (the CLI only wires options)."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from formgen.errors import FormgenError
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
            raise FormgenError("--data/--templates work without a workspace; leave out --workspace and --db")
        return Project(templates, data)
    found = ws.find(workspace)
    if found is None:
        if db:
            raise FormgenError("--db needs a workspace (formgen init creates one)")
        if not quiet:
            click.echo(ws.SAMPLE_NOTICE, err=True)
        return Project(mark="WZÓR")
    link = RegisterLink(found.db_url(db), found.institution, tuple(sorted(found.config.numery.items())))
    return Project(templates, found.data, overrides=found.templates, register=link)


def list_forms(project: Project) -> None:
    """Print id, title and source annex of every form."""
    forms = project.catalog.forms.values()
    width = max((len(f.id) for f in forms), default=0)
    for form in forms:
        click.echo(f"{form.id:<{width}}  {form.decl.title}  [{form.decl.source}]")


def validate(project: Project, paths: list[Path], form: str | None, encoding: str | None = None) -> None:
    """Check every case as `render` would (its documents rendered in memory, nothing written);
    print every problem; exit 1 if there is any."""
    from formgen.pipeline import check, collect

    cases, invalid = collect(project, paths, form, encoding)
    if project.register is not None:
        from formgen.register.validate import cross_check

        cases, refused = cross_check(project, cases)
        invalid += refused
    for case in cases:
        for warning in case.warnings:
            click.echo(str(warning), err=True)
    unrenderable = check(project, cases)
    for error in invalid + unrenderable:
        click.echo(error.message, err=True)
    registers = {c.id for c in cases if c.derived}
    failed = len(invalid) + sum(e.problems[0].source not in registers for e in unrenderable)
    checked = len(invalid) + len(cases) - len(registers)
    click.echo(f"{checked} case(s) checked, {failed} with problems.", err=True)
    if invalid or unrenderable:
        sys.exit(1)


def _formats(fmt: str) -> tuple[str, ...]:
    return ("docx", "pdf") if fmt == "all" else (fmt,)


class Bar:
    """A progress bar on stderr for a run (see pipeline.Progress); drawn only for many units."""

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
          progress: bool = True) -> None:
    """Render every case, then the registers; print problems and a summary; exit 1 if anything
    failed or was left alone."""
    from formgen.pipeline import build

    bar = Bar("Rendering", progress)
    try:
        report = build(project, paths, out, _formats(fmt), _options(given, bar))
    finally:
        bar.close()
    _print_report(report)
    registers = sum(r.key.startswith("register:") for r in report.done)
    also = f" incl. {registers} register(s)" if registers else ""
    click.echo(f"{len(report.done)} case(s){also} rendered, {report.skipped} up to date "
               f"({len(report.written)} files written in {out}), {_failures(report)} failed.", err=True)
    _stop_message(report, "case(s)")
    if not report.success:
        sys.exit(1)


def _failures(report: Any) -> int:
    return len(report.problems) + len(report.failed)


def _print_report(report: Any) -> None:
    """Every problem, failure, warning and file left alone, in input order."""
    for error in report.problems:
        click.echo(error.message, err=True)
    for result in report.results:
        for warning in result.warnings:
            click.echo(warning, err=True)
        for problem in result.problems:
            click.echo(str(problem), err=True)
        if result.error and not result.fatal:
            click.echo(f"{result.label}: {result.error}", err=True)
    for result in report.left_alone:
        for path in result.written:
            click.echo(f"{result.label}: {path} was changed since formgen wrote it; left alone "
                       f"(--force overwrites it)", err=True)
    for note in report.notes:
        click.echo(note, err=True)


def _stop_message(report: Any, what: str) -> None:
    """After a fatal write error: what stopped the run, and how far it got."""
    if report.stopped is None:
        return
    click.echo(f"stopped: {report.stopped.label}: {report.stopped.error}", err=True)
    click.echo(f"{len(report.done)} {what} complete before the stop; the rest were not started. "
               f"Free space or fix the output folder, then run again.", err=True)


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
           pdf_variant: str = "pdf/a-3b", protect: Protect | None = None, progress: bool = True) -> None:
    """Write one archival PDF bundle per case (or per input file); exit 1 if any failed."""
    from formgen.pipeline import bundles as make

    protection = _protection(protect or Protect(), pdf_variant)
    bar = Bar("Bundling", progress)
    try:
        report = make(project, paths, out, per_file, pdf_variant, protection, _options(given, bar))
    finally:
        bar.close()
    _print_report(report)
    click.echo(f"{len(report.done)} bundle(s) written to {out}, {report.skipped} up to date, "
               f"{_failures(report)} failed.", err=True)
    _stop_message(report, "bundle(s)")
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


def schema(project: Project, form_id: str) -> None:
    """Print a form's JSON Schema."""
    form = project.catalog.get(form_id)
    body = form.schema.model_json_schema(mode="validation")
    body["properties"] = {"form": {"const": form.id}, "id": {"type": "string"}, **body.get("properties", {})}
    body["required"] = ["form", "id", *body.get("required", [])]
    body["title"] = form.decl.title
    click.echo(json.dumps(body, ensure_ascii=False, indent=2))


def new(project: Project, form_id: str) -> None:
    """Print a starter case of the form, generated from its schema."""
    from formgen.starter import starter_yaml

    form = project.catalog.get(form_id)
    click.echo(starter_yaml(form.id, form.schema), nl=False)
