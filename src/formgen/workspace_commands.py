"""What `init`, `year` and `register …` do, as plain functions (the CLI only wires options)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from formgen.errors import FormgenError
from formgen.project import Project


def init(folder: Path, given: object, assume_yes: bool, year: int | None) -> None:
    """Create a workspace in `folder`: ask for what is missing, show it, write it."""
    from formgen.init import Answers, create, profile, resolve, summary

    assert isinstance(given, Answers)
    if (folder / "formgen.yaml").exists():
        raise FormgenError(f"{folder} is already a formgen workspace (formgen.yaml exists)")
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
    if interactive and not click.confirm("Zapisać tak? (Write it like this?)", default=True, err=True):
        raise FormgenError("init: nothing written")
    written = create(folder, given, forms, year or dt.date.today().year)
    for path in written:
        click.echo(f"wrote {path}", err=True)
    click.echo(f"Workspace ready: {folder.resolve()}. Revisit data/params/ and data/institution.yaml "
               f"(regulations: akt, data, annex numbers).", err=True)


def _workspace_project(project: Project) -> Project:
    if project.register is None:
        raise FormgenError("this command needs a workspace (formgen init creates one; or --workspace DIR)")
    return project


def year(project: Project, year: int) -> None:
    """Write next year's fund parameters and list what to revisit."""
    from formgen.year import new_year

    made = new_year(_workspace_project(project).data, year)
    click.echo(f"wrote {made.path} (from {made.source.name}); revisit:")
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
    click.echo(f"{len(rows)} document(s).", err=True)


def register_show(project: Project, number: int) -> None:
    """Every field of one document of the register."""
    from formgen.register.export import details

    register = _register(project)
    try:
        row = register.row(number)
    finally:
        register.close()
    if row is None:
        raise FormgenError(f"no document no. {number} in this institution's register")
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
    click.echo(f"{len(rows)} document(s) written to {target}.", err=True)


def register_repaid(project: Project, case_id: str, day: dt.date) -> None:
    """Record a loan repaid before its schedule ended."""
    register = _register(project)
    try:
        changed = register.mark_repaid(case_id, day)
    finally:
        register.close()
    if not changed:
        raise FormgenError(f"no loan agreement of case '{case_id}' in the register")
    click.echo(f"loan of case {case_id}: repaid on {day.isoformat()}")
