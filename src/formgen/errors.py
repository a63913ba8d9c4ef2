"""One error family: every user-facing failure is a FormgenError."""

from __future__ import annotations

import dataclasses
import os
import traceback
from dataclasses import dataclass
from pathlib import Path

import click


@dataclass(frozen=True, order=True)
class Problem:
    """One finding about an input: where it is (file, line, field) and what is wrong.

    `label` is the field's Polish title ("Numer PESEL"): Polish messages name the field by it,
    with the code path after it ("Numer PESEL (osoba.pesel)"); English ones by the path."""

    source: str
    line: int
    field: str
    message: str
    label: str = dataclasses.field(default="", compare=False)

    def __str__(self) -> str:
        from formgen.i18n import language

        where = f"{self.source}:{self.line}" if self.line else self.source
        if not self.field:
            return f"{where}: {self.message}"
        name = f"{self.label} ({self.field})" if self.label and language() == "pl" else self.field
        return f"{where}: {name}: {self.message}"


class FormgenError(click.ClickException):
    """Raised for any user error; the CLI prints it without a traceback and exits 1."""

    exit_code = 1

    def format_message(self) -> str:
        return self.message

    def show(self, file=None) -> None:  # type: ignore[no-untyped-def]
        click.echo(self.format_message(), err=True)


class InputError(FormgenError):
    """Raised when one input file (or one case in it) has problems; carries all of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class CatalogError(FormgenError):
    """Raised when a form declaration, template, parameters file or profile is broken."""


def problem(source: Path | str, line: int, field: str, message: str) -> InputError:
    """Build an InputError holding a single problem."""
    return InputError([Problem(str(source), line, field, message)])


DEBUG_ENV = "FORMGEN_DEBUG"  # set by `formgen --debug`; worker processes inherit it


def describe(exc: BaseException) -> str:
    """The message of a failure: formgen's own errors as they are, anything else as an internal
    error (its traceback appended under --debug)."""
    from formgen.i18n import _

    if isinstance(exc, FormgenError):
        return exc.message
    if os.environ.get(DEBUG_ENV):
        text = _("internal error: {kind}: {error}").format(kind=type(exc).__name__, error=exc)
        return text + "\n" + "".join(traceback.format_exception(exc)).rstrip()
    return _("internal error: {kind}: {error} (run with --debug for details)").format(
        kind=type(exc).__name__, error=exc)
