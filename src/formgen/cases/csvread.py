"""A CSV reader for spreadsheets exported by Polish offices: one row per case.

Headers name nested fields with dots (`pozyczkobiorca.nazwisko`) and list items with
indexes (`rodzina.0.imie`). Encodings: see formgen.cases.encoding; delimiter `,` or `;`.

Rows are parsed one at a time and strictly: a bad row (a quote left open, too many cells) is
reported with its line and the reader goes on with the next line, so one broken row never
hides or swallows the rows after it.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from formgen.cases.encoding import EncodingProblem, decode
from formgen.cases.source import MAX_DEPTH, MAX_FILE_BYTES, MAX_ITEMS, Loc, Record, read_limited
from formgen.errors import InputError, Problem
from formgen.fields import fold
from formgen.i18n import _, ngettext

# Cell length is limited by the schema's text types (with a message naming the field), not by
# the csv module's 128 KB default, which would fail the whole file.
csv.field_size_limit(MAX_FILE_BYTES)


def sniff_delimiter(text: str) -> str:
    """Pick `;` or `,` by which one splits the header line into more columns."""
    header = text.split("\n", 1)[0]
    return ";" if header.count(";") > header.count(",") else ","


def parse_header(name: str) -> Loc:
    """Split a dotted header into a path; digits become list indexes."""
    parts = [p.strip() for p in name.strip().split(".")]
    if not all(parts):
        raise ValueError(_("bad column name '{name}'").format(name=name))
    if len(parts) > MAX_DEPTH:
        raise ValueError(ngettext("column name nests {count} level deep; the limit is {limit}",
                                  "column name nests {count} levels deep; the limit is {limit}",
                                  len(parts)).format(count=len(parts), limit=MAX_DEPTH))
    loc = tuple(int(p) if p.isdigit() else p for p in parts)
    if any(isinstance(p, int) and p >= MAX_ITEMS for p in loc):
        raise ValueError(_("list index too large in '{name}' (at most {limit})").format(
            name=name, limit=MAX_ITEMS - 1))
    return loc


def put(target: dict[str, Any], loc: Loc, value: str) -> None:
    """Set `value` at `loc` inside nested dicts and lists, creating them on the way."""
    node: Any = target
    for part, nxt in zip(loc, loc[1:]):
        empty: Any = [] if isinstance(nxt, int) else {}
        if isinstance(part, int):
            while len(node) <= part:
                node.append(None)
            if node[part] is None:
                node[part] = empty
            node = node[part]
        else:
            node = node.setdefault(part, empty)
    last = loc[-1]
    if isinstance(last, int):
        while len(node) <= last:
            node.append(None)
        node[last] = value
    else:
        node[last] = value


def read_text(path: Path, encoding: str | None = None) -> str:
    """The file's text, its encoding given or detected; an unreadable file is an InputError."""
    try:
        return decode(read_limited(path), encoding)[0]
    except (EncodingProblem, ValueError) as exc:
        raise InputError([Problem(str(path), 0, "", _("cannot read: {reason}").format(reason=exc))]) from None


Aliases = Callable[[str], dict[str, Loc]]  # form id -> folded column title -> location


def read_csv(path: Path, form: str | None = None, encoding: str | None = None,
             aliases: Aliases | None = None) -> list[Record | InputError]:
    """Every non-empty row of a CSV file as a Record, or as the InputError of that row.

    A problem of the whole file (encoding, empty, bad header) raises InputError. Column titles
    may be the form's Polish ones (`aliases`, of the --form or the first row's form column).
    """
    text = read_text(path, encoding)
    lines = list(io.StringIO(text, newline=""))
    if not any(line.strip() for line in lines):
        raise InputError([Problem(str(path), 1, "", _("the file is empty"))])
    delimiter = sniff_delimiter(text)
    try:
        header = next(csv.reader(lines[:1], delimiter=delimiter, strict=True))
    except csv.Error as exc:
        raise InputError([Problem(str(path), 1, "", _("CSV header: {error}").format(error=_csv_error(str(exc))))]) from None
    while header and not header[-1].strip():  # a trailing ';' that spreadsheets leave
        header.pop()
    titles = aliases(form or _first_form(lines, delimiter, header)) if aliases else {}
    locs = _header_locs(path, header, titles)
    out: list[Record | InputError] = []
    for line, row_or_problem in _rows(lines, delimiter, len(locs)):
        if isinstance(row_or_problem, str):
            out.append(InputError([Problem(str(path), line, "", row_or_problem)]))
        elif any(cell.strip() for cell in row_or_problem):
            out.append(_record(path, line, locs, row_or_problem, form))
    return out


def records_only(items: list[Record | InputError]) -> list[Record]:
    """The records, or one InputError with the problems of every bad row."""
    problems = [p for item in items if isinstance(item, InputError) for p in item.problems]
    if problems:
        raise InputError(problems)
    return [item for item in items if isinstance(item, Record)]


def _record(path: Path, line: int, locs: list[Loc], row: list[str], form: str | None) -> Record | InputError:
    while len(row) > len(locs) and not row[-1].strip():  # empty cells of a trailing ';'
        row = row[:-1]
    if len(row) > len(locs):
        message = _("row has {cells} cells, header has {columns}").format(cells=len(row), columns=len(locs))
        return InputError([Problem(str(path), line, "", message)])
    data: dict[str, Any] = {"form": form} if form else {}
    for loc, cell in zip(locs, row):
        if cell.strip():
            put(data, loc, cell)
    return Record(path=path, line=line, data=data, lines={loc: line for loc in locs})


def _first_form(lines: list[str], delimiter: str, header: list[str]) -> str:
    """The form column's value in the first data row ('' when there is none)."""
    names = [fold(name) for name in header]
    column = next((names.index(n) for n in ("form", "formularz") if n in names), None)
    if column is None or len(lines) < 2:
        return ""
    try:
        row = next(csv.reader(lines[1:2], delimiter=delimiter))
    except csv.Error:
        return ""
    return row[column].strip() if column < len(row) else ""


def _header_locs(path: Path, header: list[str], titles: dict[str, Loc] | None = None) -> list[Loc]:
    problems, locs, seen = [], [], set()
    for name in header:
        try:
            loc = (titles or {}).get(fold(name)) or parse_header(name)
        except ValueError as exc:
            problems.append(Problem(str(path), 1, name, str(exc)))
            continue
        if loc in seen:
            problems.append(Problem(str(path), 1, name, _("duplicate column")))
        seen.add(loc)
        locs.append(loc)
    if problems:
        raise InputError(problems)
    return locs


def _rows(lines: list[str], delimiter: str, columns: int) -> Iterator[tuple[int, list[str] | str]]:
    """(line, cells) per row after the header, or (line, problem) for a row that cannot be
    parsed; after a problem, parsing starts again on the next physical line."""
    index = 1
    while index < len(lines):
        taken = 0

        def feed(start: int = index) -> Iterator[str]:
            nonlocal taken
            for k in range(start, len(lines)):
                taken += 1
                yield lines[k]

        try:
            row = next(csv.reader(feed(), delimiter=delimiter, strict=True))
        except StopIteration:
            return
        except csv.Error as exc:
            yield index + 1, _quote_problem(str(exc), taken)
            index += 1
            continue
        if taken > 1 and _swallows_rows(row, delimiter, columns):
            yield index + 1, _("a quoted cell opened on this line is not closed where its row ends: "
                               "it runs over lines {first}-{last} and takes in other rows").format(
                first=index + 1, last=index + taken)
            index += 1
            continue
        yield index + 1, row
        index += taken


def _quote_problem(error: str, taken: int) -> str:
    if "unexpected end of data" in error:
        return _("a quoted cell opened on this line is never closed (a \" is missing)")
    return ngettext("CSV: {error} (the row starting on this line, {count} line read)",
                    "CSV: {error} (the row starting on this line, {count} lines read)",
                    taken).format(error=_csv_error(error), count=taken)


def _csv_error(error: str) -> str:
    """The csv module's message, in the user's language when it is a common one."""
    match = re.fullmatch(r"'(.)' expected after '\"'", error)
    if match:
        return _("'{delimiter}' expected after '\"'").format(delimiter=match.group(1))
    return error


def _swallows_rows(row: list[str], delimiter: str, columns: int) -> bool:
    """Whether a multi-line cell holds lines that look like rows of their own: a delimiter for
    every column, which a paragraph of a real multi-line cell does not have."""
    return columns > 2 and any(part.count(delimiter) >= columns - 1
                               for cell in row if "\n" in cell for part in cell.splitlines()[1:])
