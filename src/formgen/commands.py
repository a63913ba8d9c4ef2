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


def list_forms(project: Project) -> None:
    """Print id, title and source annex of every form."""
    forms = project.catalog.forms.values()
    width = max((len(f.id) for f in forms), default=0)
    for form in forms:
        click.echo(f"{form.id:<{width}}  {form.decl.title}  [{form.decl.source}]")


def validate(project: Project, paths: list[Path], form: str | None, encoding: str | None = None) -> None:
    """Check every case as `render` would (its documents rendered in memory, nothing written);
    print every problem; exit 1 if there is any."""
    from formgen.build import check, collect

    cases, invalid = collect(project, paths, form, encoding)
    _echo_warnings(cases)
    unrenderable = check(project, cases)
    for error in invalid + unrenderable:
        click.echo(error.message, err=True)
    registers = {c.id for c in cases if c.derived}
    failed = len(invalid) + sum(e.problems[0].source not in registers for e in unrenderable)
    checked = len(invalid) + len(cases) - len(registers)
    click.echo(f"{checked} case(s) checked, {failed} with problems.", err=True)
    if invalid or unrenderable:
        sys.exit(1)


def _echo_warnings(cases: list[Any]) -> None:
    """Print each case's warnings (`file:line: field: warning: …`); they do not fail the run."""
    for case in cases:
        for warning in case.warnings:
            click.echo(str(warning), err=True)


def _formats(fmt: str) -> tuple[str, ...]:
    return ("docx", "pdf") if fmt == "all" else (fmt,)


def batch(project: Project, paths: list[Path], out: Path, fmt: str, jobs: int, form: str | None,
          progress: bool, encoding: str | None = None) -> None:
    """Validate all, render the valid cases, print a summary; exit 1 if anything failed."""
    from formgen.build import build, collect

    cases, invalid = collect(project, paths, form, encoding)
    _echo_warnings(cases)
    for error in invalid:
        click.echo(error.message, err=True)
    show = progress and len(cases) > 1
    with click.progressbar(length=len(cases), label="Rendering", file=sys.stderr,
                           hidden=not show) as bar:
        report = build(project, cases, out, _formats(fmt), jobs, lambda r: bar.update(1))
    _print_failures(report)
    registers = sum(r.label.startswith("register ") and r.ok for r in report.results)
    done = sum(r.ok for r in report.results)
    also = f" incl. {registers} register(s)" if registers else ""
    click.echo(f"{done} case(s){also} rendered ({len(report.written)} files in {out}), "
               f"{len(invalid) + len(report.failed)} failed.", err=True)
    _stop_message(report, "case(s)")
    if invalid or report.failed:
        sys.exit(1)


def _print_failures(report: Any) -> None:
    for result in report.failed:
        if not result.fatal:
            click.echo(f"{result.label}: {result.error}", err=True)


def _stop_message(report: Any, what: str) -> None:
    """After a fatal write error: what stopped the run, and how far it got."""
    if report.stopped is None:
        return
    complete = sum(r.ok for r in report.results)
    click.echo(f"stopped: {report.stopped.label}: {report.stopped.error}", err=True)
    click.echo(f"{complete} {what} complete before the stop; the rest were not started. "
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


def bundle(project: Project, paths: list[Path], out: Path, per_file: bool, form: str | None,
           pdf_variant: str = "pdf/a-3b", protect: Protect | None = None, progress: bool = True,
           jobs: int = 1, encoding: str | None = None) -> None:
    """Write one archival PDF bundle per case (or per input file); exit 1 if any case failed."""
    from formgen.build import collect
    from formgen.bundle import make_bundles

    protection = _protection(protect or Protect(), pdf_variant)

    cases, invalid = collect(project, paths, form, encoding)
    for error in invalid:
        click.echo(error.message, err=True)
    count = len(cases) if not per_file else len({c.record.path for c in cases})
    with click.progressbar(length=count, label="Bundling", file=sys.stderr,
                           hidden=not (progress and count > 1)) as bar:
        report = make_bundles(project, cases, out, per_file, pdf_variant, protection,
                              lambda r: bar.update(1), jobs)
    _print_failures(report)
    written = sum(r.ok for r in report.results)
    click.echo(f"{written} bundle(s) written to {out}, {len(invalid) + len(report.failed)} failed.", err=True)
    _stop_message(report, "bundle(s)")
    if invalid or report.failed:
        sys.exit(1)


def verify(paths: list[Path], password_file: Path | None = None, trust: list[Path] | None = None) -> None:
    """Check bundles against their manifests: '<file>: OK' or a line per problem; exit 1 if any.

    An encrypted bundle needs its password: from `password_file`, else asked for once.
    """
    from formgen.seal import read_secret, trust_roots
    from formgen.verify import bundle_of, check_bundle, encrypted

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
