"""Posted form fields ↔ a case's data, the nested strings a YAML case file holds.

Inputs are named by dotted paths, the way CSV headers name fields (`pozyczkobiorca.pesel`,
`poreczyciele.1.imie`); a multiple choice adds `[]` to its name; data the page cannot edit
(the survey's answers) comes back as JSON in a hidden `_json.<path>` input. Names starting
with `_` are the page's own controls. An empty input is no value, as an empty CSV cell; a row
of a list stays even when all its inputs are empty (the user added it).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from formgen.cases.csvread import parse_header, put
from formgen.cases.source import Loc

JSON_PREFIX = "_json."
MULTI = "[]"


class FormDataError(ValueError):
    """Raised for a field name that is no path of a form (a crafted request)."""


def nest(items: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """The case data of posted (name, value) pairs."""
    data: dict[str, Any] = {}
    for name, value in items:
        if name.startswith(JSON_PREFIX):
            _put(data, _loc(name[len(JSON_PREFIX):]), _json(value))
        elif name.startswith("_"):
            continue
        elif name.endswith(MULTI):
            loc = _loc(name[: -len(MULTI)])
            _touch_list(data, loc)
            if value.strip():
                _get(data, loc).append(value)
        elif value.strip() or isinstance(_loc(name)[-1], int):
            _put(data, _loc(name), value)  # an empty item of a list stays: its row was added
        else:
            _touch_row(data, _loc(name))
    return data


def _loc(name: str) -> Loc:
    try:
        return parse_header(name)
    except ValueError as exc:
        raise FormDataError(str(exc)) from None


def _json(value: str) -> Any:
    try:
        return json.loads(value)
    except ValueError:
        raise FormDataError("hidden data is not JSON") from None


def _put(data: dict[str, Any], loc: Loc, value: Any) -> None:
    try:
        put(data, loc, value)
    except (TypeError, AttributeError, KeyError, IndexError):
        raise FormDataError(f"field '{'.'.join(map(str, loc))}' does not fit the form") from None


def _touch_row(data: dict[str, Any], loc: Loc) -> None:
    """Make the list row that holds `loc` exist (as an empty mapping)."""
    last = max((i for i, part in enumerate(loc[:-1]) if isinstance(part, int)), default=None)
    if last is None:
        return
    row = loc[: last + 1]
    try:
        _get(data, row)
    except (KeyError, IndexError, TypeError):
        _put(data, (*row, "_"), "")
        del _get(data, row)["_"]


def _touch_list(data: dict[str, Any], loc: Loc) -> None:
    try:
        found = _get(data, loc)
    except (KeyError, IndexError, TypeError):
        _put(data, (*loc, 0), "")
        _get(data, loc).clear()
        return
    if not isinstance(found, list):
        raise FormDataError(f"field '{'.'.join(map(str, loc))}' does not fit the form")


def _get(data: Any, loc: Loc) -> Any:
    node = data
    for part in loc:
        if node is None:
            raise KeyError(part)
        node = node[part]
    return node


def at(data: Any, path: str) -> Any:
    """The value at a dotted path of nested data, or None."""
    try:
        return _get(data, parse_header(path)) if path else data
    except (KeyError, IndexError, TypeError, ValueError):
        return None


def add_row(data: dict[str, Any], path: str, mapping: bool) -> None:
    """Append an empty row to the list at `path`: a mapping (a list of groups) or an empty value."""
    loc = _loc(path)
    _touch_list(data, loc)
    _get(data, loc).append({} if mapping else "")


def remove_row(data: dict[str, Any], path: str) -> None:
    """Remove the row at `path` (its last part is the row's index)."""
    loc = _loc(path)
    if not loc or not isinstance(loc[-1], int):
        raise FormDataError(f"'{path}' is not a row of a list")
    rows = _get(data, loc[:-1])
    if not isinstance(rows, list) or loc[-1] >= len(rows):
        raise FormDataError(f"no row '{path}'")
    del rows[loc[-1]]
