"""The one Jinja environment used for HTML and DOCX: sandboxed, autoescaping, strict."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, Template, TemplateRuntimeError, pass_context
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment

from formgen.rules import dates, identifiers, money

DOTS = "…"


def dots(value: Any, width: int = 30) -> Any:
    """The value, or a dotted line to fill by hand when it is absent."""
    if value is None or value == "" or value == []:
        return DOTS * width
    return value


def amount(value: Decimal | None, width: int = 12) -> str:
    """'1 234,50 zł', or a dotted line."""
    return DOTS * width if value is None else money.format_amount(value)


def number(value: Decimal | None, width: int = 12) -> str:
    """'1 234,50' without the currency, or a dotted line."""
    return DOTS * width if value is None else money.format_amount(value, currency=False)


def words(value: Decimal | None, style: str = "contract", width: int = 40) -> str:
    """The amount in words ('jeden tysiąc złotych 00/100'), or a dotted line."""
    return DOTS * width if value is None else money.amount_in_words(value, style)


def long_date(value: dt.date | None, width: int = 20) -> str:
    """'22 listopada 2026 r.', or a dotted line."""
    return DOTS * width if value is None else dates.format_date_long(value)




@pass_context
def form_date(context: Context, value: dt.date | None, width: int | None = None) -> str:
    """A date in the form's one style (`styl_dat`: long by default), or a dotted line."""
    if context.get("styl_dat") == "krotkie":
        return short_date(value, 12 if width is None else width)
    return long_date(value, 20 if width is None else width)


def short_date(value: dt.date | None, width: int = 12) -> str:
    """'22.11.2026 r.', or a dotted line."""
    return DOTS * width if value is None else dates.format_date_short(value)


def account(value: str | None, width: int = 40) -> str:
    """'PL61 1090 1014 0000 0712 1981 2874', or a dotted line."""
    return DOTS * width if value is None else identifiers.format_account(value)


def paragraphs(value: str | None) -> list[str]:
    """Split free text into paragraphs at blank lines; lines within a paragraph are joined."""
    blocks = re.split(r"\n\s*\n", (value or "").strip())
    return [" ".join(line.strip() for line in block.splitlines() if line.strip()) for block in blocks if block.strip()]


def percent(value: Decimal | None, width: int = 6) -> str:
    """'12,5%' (no trailing zeros, decimal comma), or a dotted line."""
    if value is None:
        return DOTS * width
    text = format(value.normalize(), "f") if value == value.to_integral() else str(value.normalize())
    return text.replace(".", ",") + "%"


def roman(value: int) -> str:
    """Roman numeral for group numbers (I–XII is enough here)."""
    numerals = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
    return numerals[value]


def checkbox(checked: bool) -> str:
    """☒ or ☐, as printed forms mark a chosen item."""
    return "☒" if checked else "☐"


def declined(person: Any, case: str) -> str:
    """A person's full name in a grammatical case: {{ osoba|odmien("narzednik") }} → 'Janem Nowakiem'."""
    try:
        return str(person.in_case(case))
    except (AttributeError, ValueError) as exc:
        raise TemplateRuntimeError(f"odmien: {exc}") from None


FILTERS = {
    "dots": dots, "kwota": amount, "liczba": number, "slownie": words, "data": form_date,
    "data_dluga": long_date, "data_krotka": short_date, "konto": account, "akapity": paragraphs,
    "rzymska": roman, "procent": percent, "pole": checkbox, "odmien": declined,
}


class FormEnvironment(ImmutableSandboxedEnvironment):
    """The sandboxed environment, compiling each distinct template source once.

    docxtpl hands every part of a DOCX template to `from_string` for every document; a compiled
    Template holds no state of a render, so the same source reuses it (as Jinja's own cache of
    named templates does).
    """

    COMPILED_LIMIT = 256  # distinct sources kept (a form's DOCX has a few: body, footer, properties)

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._compiled: dict[str, Template] = {}

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Template:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        template = self._compiled.get(source)
        if template is None:
            template = super().from_string(source)
            if len(self._compiled) >= self.COMPILED_LIMIT:
                self._compiled.pop(next(iter(self._compiled)))  # the oldest
            self._compiled[source] = template
        return template


@lru_cache(maxsize=4)
def environment(templates: Path | tuple[Path, ...]) -> FormEnvironment:
    """The shared environment for a templates folder, or folders searched in order (a
    workspace's own forms first); cached per folder."""
    roots = (templates,) if isinstance(templates, Path) else templates
    env = FormEnvironment(
        loader=FileSystemLoader([str(root) for root in roots]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(FILTERS)
    return env
