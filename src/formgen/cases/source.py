"""Raw records read from a file, with the line of every field, before any typing."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from formgen.i18n import ngettext

Loc = tuple[str | int, ...]

# Limits on what one input file may hold (README, "Limits"): beyond them a file or value is
# refused with a message, before it can exhaust memory or the interpreter's stack.
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 20  # nesting of mappings and lists (YAML) or of dotted column names (CSV)
MAX_ITEMS = 10_000  # items of one list: rows of an included CSV, list indexes in headers
# Rows of all tables of one document: WeasyPrint keeps a whole document's layout in memory,
# about 0.3 MB a row of the asset register; 2 000 rows stay well under 1 GiB.
MAX_TABLE_ROWS = 2_000


@dataclass
class Record:
    """One case as read: nested dicts/lists of strings, and the line of each path."""

    path: Path
    line: int
    data: dict[str, Any]
    lines: dict[Loc, int] = field(default_factory=dict)
    files: dict[Loc, Path] = field(default_factory=dict)  # parts read from another file (CSV)
    answers: Any = None  # what the register answered for the case (formgen.cases.answers.Answers)

    def line_of(self, loc: Loc) -> int:
        """Line of the longest known prefix of `loc` (a missing key points at its parent)."""
        for end in range(len(loc), 0, -1):
            if loc[:end] in self.lines:
                return self.lines[loc[:end]]
        return self.line

    def file_of(self, loc: Loc) -> Path:
        """The file that holds `loc`: an included CSV, or the case file itself."""
        for end in range(len(loc), 0, -1):
            if loc[:end] in self.files:
                return self.files[loc[:end]]
        return self.path


def dotted(loc: Loc) -> str:
    """Render a location as `a.b.0.c`, the way users write CSV headers."""
    return ".".join(str(part) for part in loc)


def read_limited(path: Path) -> bytes:
    """Read a whole input file, refusing ones too large to be a case file."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ValueError(ngettext("file is {count} byte; the limit is {limit}",
                                  "file is {count} bytes; the limit is {limit}", size).format(
            count=size, limit=MAX_FILE_BYTES))
    return path.read_bytes()
