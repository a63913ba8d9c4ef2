"""Field types shared by every schema (forms, profile, parameters): text, money, dates, identifiers.

Values arrive as strings (see cases.yamlread); these types parse them strictly and give
clear messages. Text is NFC-normalised and refused when it holds characters XML cannot carry.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
import unicodedata
from decimal import Decimal
from functools import cache
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    model_validator,
)

from formgen.i18n import _, ngettext
from formgen.rules import identifiers, money
from formgen.rules.text import invisible_chars, xml_illegal_chars

MAX_TEXT = 2_000
MAX_LONG_TEXT = 20_000


class Schema(BaseModel):
    """Base of every case schema: closed (unknown keys are errors) and immutable.

    Choices are forgiving, still strict: a value in any letter case, with or without Polish
    letters ("Małżonek", "MALZONEK" for `malzonek`), is the canonical choice; yes/no fields
    also take "tak" and "nie". Anything else is still an error.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    @model_validator(mode="before")
    @classmethod
    def _canonical_choices(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        choices = _choice_fields(cls)
        if not choices or not choices.keys() & data.keys():
            return data
        return {key: _canonical(choices[key], value) if key in choices else value for key, value in data.items()}


def fold(text: str) -> str:
    """A value as compared with the choices: no Polish letters, no letter case, no outer spaces."""
    plain = unicodedata.normalize("NFKD", text.strip().replace("ł", "l").replace("Ł", "L"))
    return "".join(c for c in plain if not unicodedata.combining(c)).casefold()


_YES_NO = {fold(word): word in ("tak", "true", "yes") for word in ("tak", "nie", "true", "false", "yes", "no")}


@cache
def _choice_fields(model: type[BaseModel]) -> dict[str, tuple[str, dict[str, Any]]]:
    """Field name -> ("one" or "many", folded value -> canonical value) of a model's choice and
    yes/no fields."""
    found = {}
    for name, info in model.model_fields.items():
        kind, inner = "one", _unwrap(info.annotation)
        if typing.get_origin(inner) is list:
            kind, inner = "many", _unwrap(typing.get_args(inner)[0])
        if typing.get_origin(inner) is typing.Literal:
            found[name] = (kind, {fold(str(v)): v for v in typing.get_args(inner)})
        elif inner is bool:
            found[name] = (kind, dict(_YES_NO))
    return found


def _unwrap(kind: Any) -> Any:
    """The type inside Optional[...] and Annotated[...]."""
    while True:
        origin = typing.get_origin(kind)
        if origin is typing.Annotated:
            kind = typing.get_args(kind)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(kind) if a is not type(None)]
            if len(args) != 1:
                return kind
            kind = args[0]
        else:
            return kind


def _canonical(spec: tuple[str, dict[str, Any]], value: Any) -> Any:
    kind, table = spec

    def one(item: Any) -> Any:
        return table.get(fold(item), item) if isinstance(item, str) else item

    if kind == "many" and isinstance(value, list):
        return [one(item) for item in value]
    return one(value)


def _text(limit: int, single_line: bool) -> Any:
    def clean(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        value = unicodedata.normalize("NFC", value.strip())
        bad = xml_illegal_chars(value)
        if bad:
            raise ValueError(_("contains control characters that documents cannot hold: {chars}").format(
                chars=", ".join(bad)))
        # Long text may join emoji with U+200D; one-line values (names, ids) hold no invisible text.
        hidden = invisible_chars(value, zero_width=single_line)
        if hidden:
            raise ValueError(_("contains invisible characters that change how the text reads: {chars}").format(
                chars=", ".join(hidden)))
        if len(value) > limit:
            raise ValueError(ngettext("text is {count} character long; the limit is {limit}",
                                      "text is {count} characters long; the limit is {limit}",
                                      len(value)).format(count=len(value), limit=limit))
        if not value:
            raise ValueError(_("must not be empty"))
        return value

    return BeforeValidator(clean)


Text = Annotated[str, _text(MAX_TEXT, single_line=True)]
LongText = Annotated[str, _text(MAX_LONG_TEXT, single_line=False)]

_DATE_PL = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(\s*r\.?)?$")
# Dates a document can hold and compute with (birth dates, deadlines, schedules decades ahead).
MIN_DATE, MAX_DATE = dt.date(1900, 1, 1), dt.date(2199, 12, 31)


def _parse_date(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        match = _DATE_PL.match(value)
        if match:
            day, month, year = (int(g) for g in match.groups()[:3])
            try:
                return dt.date(year, month, day)
            except ValueError as exc:
                raise ValueError(_("not a date: '{value}' ({reason})").format(
                    value=value, reason=_date_error(str(exc)))) from None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(_("not a date: '{value}' (use 2026-11-22 or 22.11.2026)").format(value=value)) from None
    return value


def _date_error(reason: str) -> str:
    """Python's reason why a day, month and year make no date, in the user's language."""
    known = {
        "day is out of range for month": _("day is out of range for month"),
        "month must be in 1..12": _("month must be in 1..12"),
    }
    if reason in known:
        return known[reason]
    if re.fullmatch(r"year \d+ is out of range", reason):
        return _("year {year} is out of range").format(year=reason.split()[1])
    return reason


def _date_in_range(value: dt.date) -> dt.date:
    if not MIN_DATE <= value <= MAX_DATE:
        raise ValueError(_("date {date} is outside the years {first}-{last}").format(
            date=value.isoformat(), first=MIN_DATE.year, last=MAX_DATE.year))
    return value


Date = Annotated[dt.date, BeforeValidator(_parse_date), AfterValidator(_date_in_range),
                 PlainSerializer(lambda d: d.isoformat())]


def _parse_money(value: Any) -> Any:
    if isinstance(value, (str, int, Decimal)):
        return money.to_money(value)
    return value


def _non_negative(value: Decimal) -> Decimal:
    if value < 0:
        raise ValueError(_("must not be negative"))
    return value


Money = Annotated[Decimal, BeforeValidator(_parse_money), AfterValidator(_non_negative),
                  PlainSerializer(lambda d: str(d))]


def _parse_percent(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip().rstrip("%").strip().replace(",", ".")
        try:
            return Decimal(value)
        except ArithmeticError:
            raise ValueError(_("not a percentage: '{value}'").format(value=value)) from None
    return value


Percent = Annotated[Decimal, BeforeValidator(_parse_percent), Field(ge=0, le=100),
                    PlainSerializer(lambda d: str(d))]


def _checker(check: Any) -> Any:
    def run(value: Any) -> Any:
        return check(value) if isinstance(value, str) else value
    return BeforeValidator(run)


Pesel = Annotated[str, _checker(identifiers.check_pesel)]
Nip = Annotated[str, _checker(identifiers.check_nip)]
Regon = Annotated[str, _checker(identifiers.check_regon)]
Krs = Annotated[str, _checker(identifiers.check_krs)]
Account = Annotated[str, _checker(identifiers.check_account)]

# Letters of any alphabet (Polish ones in file names too), digits, '.', '_' and '-'.
_SLUG = re.compile(r"^[^\W_][\w.-]{0,79}$")
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def _case_id(value: Any) -> Any:
    if isinstance(value, str):
        value = unicodedata.normalize("NFC", value)
        if not _SLUG.match(value) or ".." in value:
            raise ValueError(
                _("case id must be 1-80 letters, digits, '.', '_' or '-', starting with a letter or digit")
            )
        if value.split(".")[0].lower() in _RESERVED:
            raise ValueError(_("'{value}' is a reserved device name on Windows").format(value=value))
    return value


CaseId = Annotated[str, BeforeValidator(_case_id)]
