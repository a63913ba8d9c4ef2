"""The build state of an output folder: what each output was made from, and what was written.

`<out>/.formgen-state.jsonl` holds one JSON line per finished unit of work (a case, a register
or a bundle): the digest of its inputs (the case record with the files it includes, the form's
templates and shared CSS, formgen's code), the data files it used with their hashes, and each
file written with its sha256, size and modification time. Lines are appended as units finish,
so a run that is killed keeps the record of what it completed; the last line for a key wins,
and the file is rewritten compactly at the end of a run.

A unit whose inputs and data files are unchanged and whose files are as written is skipped.
A file that differs from what formgen wrote (edited by hand) is never overwritten silently.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from formgen.output import write_atomic

STATE_FILE = ".formgen-state.jsonl"
VERSION = 1


def sha256_bytes(data: bytes) -> str:
    """The sha256 of bytes, as hex."""
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    """The sha256 of a file's contents, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def digest(*parts: Any) -> str:
    """One sha256 over JSON-serialisable parts (sorted keys, so dicts compare by content)."""
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
    return sha256_bytes(text.encode("utf-8"))


@dataclass
class Written:
    """One output file as formgen wrote it."""

    sha256: str
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: Path, data_sha256: str | None = None) -> Written:
        stat = path.stat()
        return cls(data_sha256 or sha256_file(path), stat.st_size, stat.st_mtime_ns)


@dataclass
class Entry:
    """What one unit of work was made from and wrote."""

    key: str  # "case:<id>", "register:<form-id>", "bundle:<name>"
    inputs: str  # digest of the record, templates, code and options
    data: dict[str, str] = field(default_factory=dict)  # data file (relative) -> sha256
    outputs: dict[str, Written] = field(default_factory=dict)  # output (relative to out) -> as written
    source: str | None = None  # the input file it came from (for the per-file fast path)

    def to_json(self) -> str:
        body = asdict(self)
        body["v"] = VERSION
        return json.dumps(body, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, line: str) -> Entry | None:
        try:
            body = json.loads(line)
            if body.pop("v", None) != VERSION:
                return None
            body["outputs"] = {k: Written(**v) for k, v in body.get("outputs", {}).items()}
            return cls(**body)
        except (ValueError, TypeError, KeyError, AttributeError):
            return None  # a line torn by a kill, or from another version: as if absent


class BuildState:
    """The entries of one output folder, and the checks made against them."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.path = out / STATE_FILE
        self.entries: dict[str, Entry] = {}
        self.files: dict[str, str] = {}  # input file (absolute) -> its sha256 when last built
        self._data_hashes: dict[Path, str] = {}
        self._handle: Any = None
        self._load()

    def _load(self) -> None:
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return
        for line in lines:
            if line.startswith('{"file":'):
                try:
                    item = json.loads(line)
                    self.files[item["file"]] = item["sha256"]
                except (ValueError, KeyError, TypeError):
                    continue
                continue
            entry = Entry.from_json(line)
            if entry is not None:
                self.entries[entry.key] = entry

    # --- checks ---------------------------------------------------------------------------

    def data_hash(self, path: Path) -> str | None:
        """A data file's current sha256 (hashed once per run), None when it is gone."""
        if path not in self._data_hashes:
            self._data_hashes[path] = sha256_file(path) if path.is_file() else ""
        return self._data_hashes[path] or None

    def fresh(self, key: str, inputs: str, data_root: Path) -> bool:
        """Whether the unit was made from these inputs and the same data, and its files are
        still as written."""
        entry = self.entries.get(key)
        if entry is None or entry.inputs != inputs or not entry.outputs:
            return False
        if any(self.data_hash(data_root / rel) != sha for rel, sha in entry.data.items()):
            return False
        return all(self._unchanged(rel, written) for rel, written in entry.outputs.items())

    def edited(self, key: str) -> list[Path]:
        """The unit's files on disk that differ from what formgen wrote (or were removed and
        replaced by something else); missing files are not 'edited'."""
        entry = self.entries.get(key)
        if entry is None:
            return []
        return [self.out / rel for rel, written in entry.outputs.items()
                if (self.out / rel).exists() and not self._unchanged(rel, written)]

    def foreign(self, targets: Iterable[Path], key: str) -> list[Path]:
        """Targets that exist but were not written by this unit in an earlier run (a user's file,
        or one whose record was lost): overwriting those needs --force."""
        entry = self.entries.get(key)
        known = set(entry.outputs) if entry else set()
        return [t for t in targets if t.exists() and self._relative(t) not in known]

    def _unchanged(self, rel: str, written: Written) -> bool:
        path = self.out / rel
        try:
            stat = path.stat()
        except OSError:
            return False
        if stat.st_size == written.size and stat.st_mtime_ns == written.mtime_ns:
            return True
        return stat.st_size == written.size and sha256_file(path) == written.sha256

    def _relative(self, path: Path) -> str:
        return path.resolve().relative_to(self.out.resolve()).as_posix()

    # --- recording --------------------------------------------------------------------------

    def record(self, entry: Entry) -> None:
        """Remember a finished unit, appending it to the state file at once."""
        self.entries[entry.key] = entry
        self._append(entry.to_json())

    def record_file(self, path: Path, sha256: str) -> None:
        """Remember an input file's hash once all of its cases are built."""
        self.files[str(path)] = sha256
        self._append(json.dumps({"file": str(path), "sha256": sha256}, ensure_ascii=False))

    def forget(self, key: str) -> None:
        """Drop a unit (it failed, or its files were removed)."""
        self.entries.pop(key, None)

    def _append(self, line: str) -> None:
        if self._handle is None:
            self.out.mkdir(parents=True, exist_ok=True)
            self._handle = self.path.open("a", encoding="utf-8")
        self._handle.write(line + "\n")
        self._handle.flush()

    def written(self, key: str, paths: Iterable[Path]) -> dict[str, Written]:
        """The record of files just written by a unit."""
        return {self._relative(p): Written.of(p) for p in paths}

    def save(self) -> None:
        """Rewrite the state file with one line per unit and per input file (atomically)."""
        if self._handle is not None:
            self._handle.close()
            self._handle = None
        lines = [entry.to_json() for _, entry in sorted(self.entries.items())]
        lines += [json.dumps({"file": f, "sha256": s}, ensure_ascii=False) for f, s in sorted(self.files.items())]
        if lines or self.path.exists():
            write_atomic(self.path, ("\n".join(lines) + "\n").encode("utf-8"))


def tree_digest(folders: Iterable[Path]) -> str:
    """The digest of every file under some folders (names and contents), for template sets."""
    hasher = hashlib.sha256()
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            hasher.update(path.relative_to(folder.parent).as_posix().encode("utf-8") + b"\0")
            hasher.update(sha256_file(path).encode("ascii"))
    return hasher.hexdigest()


def code_digest() -> str:
    """formgen's version and the digest of its source files: a change to the code rebuilds."""
    from formgen import __version__

    package = Path(__file__).resolve().parent
    return digest(__version__, tree_digest([package]))


def mtime_safe(path: Path) -> int:
    """A file's modification time in nanoseconds, 0 when it is gone."""
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return 0
