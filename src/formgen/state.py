"""The build state of an output folder: what each output was made from, and what was written.

`<out>/.formgen-state.jsonl` holds one JSON line per finished unit of work (a case, a register
or a bundle): the digest of its record (with the files it includes), the digest of its context
(the forms' templates and shared CSS, formgen's code, the options), the data files it read with
their hashes, and each file written with its sha256, size and modification time. Lines are
appended as units finish, so a killed run keeps the record of what it completed; the last line
of a key wins, and the file is rewritten compactly at the end of a run. An input file whose
every unit was built is recorded too (its hash, the files it includes, its units), so an
unchanged file is skipped without being parsed.

A unit is fresh when its record, context and data are unchanged and its files are there; a file
that differs from what formgen wrote (edited by hand) is never overwritten silently.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from formgen.output import write_atomic

STATE_FILE = ".formgen-state.jsonl"
VERSION = 2


def sha256_file(path: Path) -> str:
    """The sha256 of a file's contents, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def digest(*parts: Any) -> str:
    """One sha256 over JSON-serialisable parts (sorted keys, so mappings compare by content)."""
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def tree_digest(folders: Iterable[Path]) -> str:
    """The digest of every file under some folders (names and contents)."""
    hasher = hashlib.sha256()
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            hasher.update(path.relative_to(folder.parent).as_posix().encode("utf-8") + b"\0")
            hasher.update(sha256_file(path).encode("ascii"))
    return hasher.hexdigest()


def code_digest() -> str:
    """formgen's version and its source files: a change to the code builds everything again."""
    from formgen import __version__

    return digest(__version__, tree_digest([Path(__file__).resolve().parent]))


@dataclass
class Written:
    """One output file as formgen wrote it."""

    sha256: str
    size: int
    mtime_ns: int


@dataclass
class Entry:
    """What one unit of work was made from and wrote."""

    key: str  # "case:<id>", "register:<form-id>", "bundle:<name>"
    record: str  # digest of its case records and the files they include
    context: str  # digest of its forms' templates, formgen's code and the options
    forms: list[str] = field(default_factory=list)
    data: dict[str, str] = field(default_factory=dict)  # data file (relative) -> sha256
    outputs: dict[str, Written] = field(default_factory=dict)  # output (relative to out) -> as written

    @classmethod
    def from_json(cls, body: dict[str, Any]) -> Entry:
        body = dict(body)
        body["outputs"] = {k: Written(**v) for k, v in body.get("outputs", {}).items()}
        return cls(**body)


@dataclass
class InputRecord:
    """An input file all of whose units were built: its hash, what it includes, its units."""

    file: str
    sha256: str
    includes: dict[str, str]  # included file (absolute) -> sha256
    keys: list[str]


class BuildState:
    """The entries of one output folder, and the checks made against them."""

    def __init__(self, out: Path, data_root: Path) -> None:
        self.out = out
        self.data_root = data_root
        self.path = out / STATE_FILE
        self.entries: dict[str, Entry] = {}
        self.inputs: dict[str, InputRecord] = {}
        self._hashes: dict[Path, str] = {}
        self._handle: Any = None
        self._load()

    def _load(self) -> None:
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return
        for line in lines:
            try:
                body = json.loads(line)
                if body.pop("v") != VERSION:
                    continue
                if body.pop("kind") == "input":
                    item = InputRecord(**body)
                    self.inputs[item.file] = item
                else:
                    entry = Entry.from_json(body)
                    self.entries[entry.key] = entry
            except (ValueError, TypeError, KeyError, AttributeError):
                continue  # a line torn by a kill, or from another version: as if absent

    # --- checks ---------------------------------------------------------------------------

    def file_hash(self, path: Path) -> str | None:
        """A file's current sha256 (each hashed once per run), None when it is gone."""
        if path not in self._hashes:
            self._hashes[path] = sha256_file(path) if path.is_file() else ""
        return self._hashes[path] or None

    def fresh(self, key: str, record: str | None, context: str) -> bool:
        """Whether the unit was made from this record (None: known unchanged), context and data
        files, and all its files are still there. A file edited by hand since does not make it
        stale: its inputs did not change, and the user's edit stays."""
        entry = self.entries.get(key)
        if entry is None or entry.context != context or not entry.outputs:
            return False
        if record is not None and entry.record != record:
            return False
        if any(self.file_hash(self.data_root / rel) != sha for rel, sha in entry.data.items()):
            return False
        return all((self.out / rel).is_file() for rel in entry.outputs)

    def unchanged_input(self, path: Path) -> InputRecord | None:
        """The record of an input file, if it and every file it includes are as when built."""
        item = self.inputs.get(str(path))
        if item is None or self.file_hash(path) != item.sha256:
            return None
        if any(self.file_hash(Path(f)) != sha for f, sha in item.includes.items()):
            return None
        return item

    def edited(self, key: str) -> list[Path]:
        """The unit's files that differ from what formgen wrote (a missing file is not edited)."""
        entry = self.entries.get(key)
        if entry is None:
            return []
        return [self.out / rel for rel, written in entry.outputs.items()
                if (self.out / rel).exists() and not self._unchanged(rel, written)]

    def _unchanged(self, rel: str, written: Written) -> bool:
        path = self.out / rel
        try:
            stat = path.stat()
        except OSError:
            return False
        if stat.st_size != written.size:
            return False
        return stat.st_mtime_ns == written.mtime_ns or sha256_file(path) == written.sha256

    # --- recording --------------------------------------------------------------------------

    def record(self, entry: Entry) -> None:
        """Remember a finished unit, appending it to the state file at once."""
        self.entries[entry.key] = entry
        self._append({"kind": "entry", **asdict(entry)})

    def record_input(self, item: InputRecord) -> None:
        """Remember an input file whose every unit was built."""
        self.inputs[item.file] = item
        self._append({"kind": "input", **asdict(item)})

    def forget_input(self, path: Path) -> None:
        """An input file that has a unit not built (a problem): read it again next time."""
        self.inputs.pop(str(path), None)

    def _append(self, body: dict[str, Any]) -> None:
        if self._handle is None:
            self.out.mkdir(parents=True, exist_ok=True)
            self._handle = self.path.open("a", encoding="utf-8")
        self._handle.write(json.dumps({"v": VERSION, **body}, ensure_ascii=False, sort_keys=True) + "\n")
        self._handle.flush()

    def save(self) -> None:
        """Rewrite the state file with one line per unit and per input file (atomically)."""
        if self._handle is not None:
            self._handle.close()
            self._handle = None
        lines = [json.dumps({"v": VERSION, "kind": "entry", **asdict(e)}, ensure_ascii=False, sort_keys=True)
                 for _, e in sorted(self.entries.items())]
        lines += [json.dumps({"v": VERSION, "kind": "input", **asdict(i)}, ensure_ascii=False, sort_keys=True)
                  for _, i in sorted(self.inputs.items())]
        if lines or self.path.exists():
            write_atomic(self.path, ("\n".join(lines) + "\n").encode("utf-8"))
