"""`formgen year YYYY`: next year's fund parameters from the latest earlier year's, and what to
revisit in them (the file is copied with its comments; only the year changes)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from formgen.cases.validation import load_file
from formgen.errors import FormgenError, InputError
from formgen.i18n import N_, _, ngettext
from formgen.params import ZfssParams
from formgen.rules.money import format_amount

# What changes from year to year, and why: (path in the parameters, what it is).
REVISIT = (
    ("podatek.limit_roczny", N_("the yearly tax-free limit of benefits (PIT act, art. 21 ust. 1 pkt 67)")),
    ("podatek.stawka", N_("the tax rate withheld from the taxable part")),
    ("swiadczenie_urlopowe", N_("the holiday pay (Karta Nauczyciela, art. 53 ust. 1a)")),
    ("grupy_dochodowe", N_("the income groups' thresholds of this year's plan")),
    ("swiadczenia", N_("the subsidy percentages and caps per income group of this year's plan")),
    ("zapomogi_losowe", N_("the random-event grants of this year's plan")),
    ("pozyczki.kwota_maks", N_("the largest housing loan of this year's plan")),
    ("pozyczki.oprocentowanie_roczne", N_("the loans' interest rate")),
)


@dataclass(frozen=True)
class NewYear:
    """The file written, the file it came from, and the values to revisit with their old values."""

    path: Path
    source: Path
    revisit: list[str]


def next_year_text(text: str, old: int, new: int) -> str:
    """The parameters file of year `old` as the file of `new`: `rok:` and the years in comments."""
    text = re.sub(r"(?m)^rok:\s*\S+", f"rok: {new}", text, count=1)
    note = _("# Made by `formgen year {new}` from the {old} file: revisit every value marked in\n"
             "# `formgen year`'s list (amounts, limits set by law) before issuing {new} documents.\n").format(
        new=new, old=old)
    return note + re.sub(rf"(?m)^(#.*?)\b{old}\b", rf"\g<1>{new}", text)


def _value(params: ZfssParams, path: str) -> Any:
    value: Any = params
    for name in path.split("."):
        value = getattr(value, name)
    return value


def _shown(value: Any) -> str:
    from decimal import Decimal

    if isinstance(value, Decimal):
        return format_amount(value)
    if isinstance(value, list | dict):
        return ngettext("{count} entry", "{count} entries", len(value)).format(count=len(value))
    return str(value)


def new_year(data: Path, year: int) -> NewYear:
    """Write data/params/zfss-<year>.yaml from the latest earlier year's file."""
    params = data / "params"
    target = params / f"zfss-{year}.yaml"
    if target.exists():
        raise FormgenError(_("{path} exists already: edit it").format(path=target))
    earlier = sorted((int(m.group(1)), p) for p in params.glob("zfss-*.yaml")
                     if (m := re.fullmatch(r"zfss-(\d{4})\.yaml", p.name)) and int(m.group(1)) < year)
    if not earlier:
        raise FormgenError(_("no fund parameters before {year} in {folder} to start from").format(
            year=year, folder=params))
    old, source = earlier[-1]
    target.write_text(next_year_text(source.read_text(encoding="utf-8"), old, year), encoding="utf-8")
    try:
        made = load_file(ZfssParams, target)
    except InputError as exc:
        target.unlink()
        raise FormgenError(_("{path} cannot be carried over: {error}").format(path=source, error=exc.message)) from None
    revisit = [f"{path}: {_shown(_value(made, path))} — {_(why)}" for path, why in REVISIT]
    revisit.append(_("kwota_funduszu of the {year} fund plan (zfss-plan-podzialu case): the yearly "
                     "write-off (odpis) per employee changes every year").format(year=year))
    return NewYear(target, source, revisit)
