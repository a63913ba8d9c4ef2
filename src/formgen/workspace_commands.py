"""What `init`, `year` and `register …` do, as plain functions (the CLI only wires options)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from formgen.errors import FormgenError
from formgen.i18n import _, ngettext, quoted
from formgen.project import Project


def init(folder: Path, given: object, assume_yes: bool, year: int | None) -> None:
    """Create a workspace in `folder`: ask for what is missing, show it, write it."""
    from formgen.init import Answers, create, profile, resolve, summary

    assert isinstance(given, Answers)
    if (folder / "formgen.yaml").exists():
        raise FormgenError(_("{folder} is already a formgen workspace ({file} exists)").format(
            folder=folder, file="formgen.yaml"))
    interactive = sys.stdin.isatty() and not assume_yes

    def ask(question: str, proposal: str | None) -> str:
        if proposal and not interactive:
            return proposal
        if not interactive:
            return ""
        return str(click.prompt(question, default=proposal, err=True))

    if interactive:  # the regulations the forms' headings cite
        for key, question in (("zfss_akt", "Akt wprowadzający regulamin ZFŚS (np. Zarządzenie nr 5/2026 Dyrektora …)"),
                              ("som_akt", "Akt wprowadzający Standardy Ochrony Małoletnich")):
            if not getattr(given, key):
                setattr(given, key, click.prompt(question, default="…", err=True))
        for key, question in (("zfss_data", "Data tego aktu (RRRR-MM-DD)"), ("som_data", "Data aktu SOM (RRRR-MM-DD)")):
            if getattr(given, key) is None:
                setattr(given, key, click.prompt(question, type=click.DateTime(["%Y-%m-%d"]), err=True).date())
    forms = resolve(given, ask)
    body = profile(given, forms)
    click.echo(summary(body), err=True)
    if interactive and not click.confirm(_("Write it like this?"), default=True, err=True):
        raise FormgenError(_("init: nothing written"))
    written = create(folder, given, forms, year or dt.date.today().year)
    for path in written:
        click.echo(_("wrote {path}").format(path=path), err=True)
    click.echo(_("Workspace ready: {folder}. Revisit data/params/ and data/institution.yaml "
                 "(regulations: akt, data, annex numbers).").format(folder=folder.resolve()), err=True)


def _workspace_project(project: Project) -> Project:
    if project.register is None:
        raise FormgenError(_("this command needs a workspace (formgen init creates one; or --workspace DIR)"))
    return project


def year(project: Project, year: int) -> None:
    """Write next year's fund parameters and list what to revisit."""
    from formgen.year import new_year

    made = new_year(_workspace_project(project).data, year)
    click.echo(_("wrote {path} (from {source}); revisit:").format(path=made.path, source=made.source.name))
    for line in made.revisit:
        click.echo(f"  - {line}")


def _register(project: Project):  # type: ignore[no-untyped-def]
    from formgen.register.store import Register

    link = _workspace_project(project).register
    assert link is not None
    return Register(link.url, link.institution)


def register_list(project: Project, year: int | None, form: str | None, person: str | None,
                  history: bool) -> None:
    """One line per document of the register (filters: year, form, person)."""
    from formgen.register.export import listing

    register = _register(project)
    try:
        rows = register.rows(year=year, form=form, person=person, history=history)
    finally:
        register.close()
    for line in listing(rows):
        click.echo(line)
    click.echo(ngettext("{count} document.", "{count} documents.", len(rows)).format(count=len(rows)),
               err=True)


def register_show(project: Project, number: int) -> None:
    """Every field of one document of the register."""
    from formgen.register.export import details

    register = _register(project)
    try:
        row = register.row(number)
    finally:
        register.close()
    if row is None:
        raise FormgenError(_("no document no. {number} in this institution's register").format(number=number))
    for line in details(row):
        click.echo(line)


def register_export(project: Project, target: Path, year: int | None, form: str | None, person: str | None,
                    history: bool) -> None:
    """The documents (filtered) to a CSV or XLSX file."""
    from formgen.register.export import export

    register = _register(project)
    try:
        rows = register.rows(year=year, form=form, person=person, history=history)
    finally:
        register.close()
    export(rows, target)
    click.echo(ngettext("{count} document written to {target}.", "{count} documents written to {target}.",
                        len(rows)).format(count=len(rows), target=target), err=True)


def register_repaid(project: Project, case_id: str, day: dt.date) -> None:
    """Record a loan repaid before its schedule ended."""
    register = _register(project)
    try:
        changed = register.mark_repaid(case_id, day)
    finally:
        register.close()
    if not changed:
        raise FormgenError(_("no loan agreement of case {case} in the register").format(case=quoted(case_id)))
    click.echo(_("loan of case {case}: repaid on {date}").format(case=case_id, date=day.isoformat()))
