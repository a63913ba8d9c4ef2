"""Lists kept in a CSV beside the case: `pozycje: {wczytaj: srodki.csv}` in a YAML case.

A register of assets or a batch of survey answers is easier to keep in a spreadsheet; the
rows become the list's items, and errors in them name the CSV file and the row's line.
"""

from __future__ import annotations

from typing import Any

from formgen.cases.csvread import read_csv, records_only
from formgen.cases.source import MAX_ITEMS, Loc, Record
from formgen.errors import InputError, Problem
from formgen.i18n import _, ngettext

KEY = "wczytaj"


def expand_includes(record: Record, encoding: str | None = None) -> None:
    """Replace every `{wczytaj: file.csv}` mapping in the record by the CSV's rows."""
    for loc in list(_include_locs(record.data, ())):
        _expand(record, loc, encoding)


def _include_locs(node: Any, loc: Loc) -> Any:
    if isinstance(node, dict):
        if set(node) == {KEY}:
            yield loc
            return
        for key, value in node.items():
            yield from _include_locs(value, loc + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _include_locs(value, loc + (i,))


def _expand(record: Record, loc: Loc, encoding: str | None) -> None:
    parent: Any = record.data
    for part in loc[:-1]:
        parent = parent[part]
    name = parent[loc[-1]][KEY]
    folder = record.path.parent.resolve()
    target = (folder / str(name)).resolve()
    here = (*loc, KEY)
    if not isinstance(name, str) or not target.is_relative_to(folder) or target.suffix.lower() != ".csv":
        raise InputError([Problem(str(record.path), record.line_of(here), ".".join(map(str, here)),
                                  _("must name a .csv file in the case file's folder"))])
    if not target.is_file():
        raise InputError([Problem(str(record.path), record.line_of(here), ".".join(map(str, here)),
                                  _("file not found: {name}").format(name=name))])
    rows = records_only(read_csv(target, encoding=encoding))
    if len(rows) > MAX_ITEMS:
        message = ngettext("{count} row; the limit is {limit}", "{count} rows; the limit is {limit}",
                           len(rows)).format(count=len(rows), limit=MAX_ITEMS)
        raise InputError([Problem(str(target), 0, "", message)])
    parent[loc[-1]] = [row.data for row in rows]
    record.files[loc] = target
    for i, row in enumerate(rows):
        for sub, line in row.lines.items():
            record.lines[loc + (i,) + sub] = line
        record.lines[loc + (i,)] = row.line
