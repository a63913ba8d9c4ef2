"""A CSV reader for spreadsheets exported by Polish offices: one row per case.

Headers name nested fields with dots (`pozyczkobiorca.nazwisko`) and list items with
indexes (`rodzina.0.imie`). Encodings: UTF-8, UTF-8 with BOM, cp1250 (Excel); `,` or `;`.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from formgen.cases.source import Loc, Record, read_limited
from formgen.errors import InputError, Problem


def decode(raw: bytes) -> str:
    """Decode UTF-8 (with or without BOM), falling back to cp1250 as Excel writes it."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1250", errors="strict")


def sniff_delimiter(text: str) -> str:
    """Pick `;` or `,` by which one splits the header line into more columns."""
    header = text.split("\n", 1)[0]
    return ";" if header.count(";") > header.count(",") else ","


def parse_header(name: str) -> Loc:
    """Split a dotted header into a path; digits become list indexes."""
    parts = [p.strip() for p in name.strip().split(".")]
    if not all(parts):
        raise ValueError(f"bad column name '{name}'")
    return tuple(int(p) if p.isdigit() else p for p in parts)


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


def read_csv(path: Path, form: str | None = None) -> list[Record]:
    """Read every non-empty row of a CSV file as one Record."""
    try:
        text = decode(read_limited(path))
    except (UnicodeDecodeError, ValueError) as exc:
        raise InputError([Problem(str(path), 0, "", f"cannot read: {exc}")])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    try:
        header = next(reader)
    except StopIteration:
        raise InputError([Problem(str(path), 1, "", "the file is empty")])
    except csv.Error as exc:
        raise InputError([Problem(str(path), 1, "", f"CSV: {exc}")])
    locs = _header_locs(path, header)
    return list(_rows(path, reader, locs, form))


def _header_locs(path: Path, header: list[str]) -> list[Loc]:
    problems, locs, seen = [], [], set()
    for name in header:
        try:
            loc = parse_header(name)
        except ValueError as exc:
            problems.append(Problem(str(path), 1, name, str(exc)))
            continue
        if loc in seen:
            problems.append(Problem(str(path), 1, name, "duplicate column"))
        seen.add(loc)
        locs.append(loc)
    if problems:
        raise InputError(problems)
    return locs


def _rows(path: Path, reader: Any, locs: list[Loc], form: str | None) -> Any:
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError([Problem(str(path), line, "", f"CSV: {exc}")])
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(locs):
            raise InputError([Problem(str(path), line, "", f"row has {len(row)} cells, header has {len(locs)}")])
        data: dict[str, Any] = {"form": form} if form else {}
        for loc, cell in zip(locs, row):
            if cell.strip():
                put(data, loc, cell)
        lines = {loc: line for loc in locs}
        yield Record(path=path, line=line, data=data, lines=lines)
