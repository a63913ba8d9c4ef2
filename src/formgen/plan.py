"""Planning a run: the input files read into units of work, with their names checked.

A unit is one case's files, a register, or a bundle. An input file that is unchanged since
every unit of it was built (see formgen.state) is not parsed: its units come from the state,
up to date. Names are checked across all units: two cases whose files would share a name, or
a case named like a register, is a problem of the later one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from formgen.cases.load import META_TITLES, READERS, Case, discover, forms_of, read_records
from formgen.cases.source import Record
from formgen.errors import InputError, Problem, describe
from formgen.i18n import _
from formgen.output import name_key, slug
from formgen.project import Project
from formgen.state import BuildState, digest


@dataclass
class Unit:
    """One unit of work: a case's files, a register, or a bundle."""

    key: str
    label: str
    source: Path | None  # the input file (None for a register)
    records: list[Record]  # empty when the input file was unchanged and not parsed
    forms: list[str]
    record: str  # digest of the records and the files they include
    fresh: bool = False
    register: str | None = None
    ok: bool = False  # built now or up to date

    @property
    def case_id(self) -> str:
        return self.key.partition(":")[2]


class Planner:
    """Reads the inputs into units: parses changed files, names them, checks name clashes."""

    def __init__(self, project: Project, state: BuildState, context: Callable[[list[str]], str],
                 form: str | None, encoding: str | None, force: bool) -> None:
        self.project, self.state, self.context = project, state, context
        self.form, self.encoding, self.force = form, encoding, force
        self.problems: list[InputError] = []
        self.before_parsing: Callable[[], None] | None = None  # called before a file is parsed
        self.includes: dict[Path, dict[str, str]] = {}  # input file -> files it includes
        self._reread: dict[Path, list[Unit]] = {}  # files skipped unread, parsed for a register

    def cases(self, paths: list[Path]) -> list[Unit]:
        """A unit per case under the paths, in input order; YAML files first find what they include."""
        try:
            files = discover(paths, (self.project.data, self.project.templates))
        except InputError as exc:
            self.problems.append(exc)
            return []
        yaml_files = [p for p in files if READERS.get(p.suffix.lower()) == "yaml"]
        units = {path: self._file(path) for path in yaml_files}
        included = {Path(f).resolve() for inc in self.includes.values() for f in inc}
        for path in files:
            if path not in units and path.resolve() not in included:
                units[path] = self._file(path)
        ordered = [u for path in files if path in units for u in units[path]]
        return self._unique(ordered)

    def _file(self, path: Path) -> list[Unit]:
        known = None if self.force else self.state.unchanged_input(path)
        if known is not None:
            entries = [self.state.entries.get(key) for key in known.keys]
            if all(e is not None and self.state.fresh(e.key, None, self.context(e.forms)) for e in entries):
                self.includes[path] = known.includes
                return [Unit(e.key, f"{path} ({e.key.partition(':')[2]})", path, [], e.forms, e.record, fresh=True)
                        for e in entries if e is not None]
        return self.parse(path)

    def parse(self, path: Path) -> list[Unit]:
        """The units of one input file, parsed (its unreadable parts become problems)."""
        if self.before_parsing is not None:
            self.before_parsing()
        try:
            items = read_records(path, self.form, self.encoding, self.project)
        except InputError as exc:
            self.problems.append(exc)
            return []
        except Exception as exc:  # noqa: BLE001 - an unreadable file is that file's problem only
            self.problems.append(InputError([Problem(str(path), 0, "", _("cannot be read: {reason}").format(reason=describe(exc)))]))
            return []
        units = []
        includes: dict[str, str] = {}
        for item in items:
            if isinstance(item, InputError):
                self.problems.append(item)
                continue
            unit = self._unit(path, item, includes)
            if unit is not None:
                units.append(unit)
        self.includes[path] = includes
        return units

    def _unit(self, path: Path, record: Record, includes: dict[str, str]) -> Unit | None:
        try:
            forms = [f.id for f in forms_of(record, self.project)]
        except InputError as exc:
            self.problems.append(exc)
            return None
        for included in record.files.values():
            includes[str(included)] = self.state.file_hash(included) or ""
        raw = record.data.get("id")
        key = f"case:{raw}" if isinstance(raw, str) and raw else f"record:{path}:{record.line}"
        record_digest = digest(record.data, {str(f): includes[str(f)] for f in record.files.values()})
        fresh = not self.force and self.state.fresh(key, record_digest, self.context(forms))
        return Unit(key, f"{path}:{record.line} ({raw})", path, [record], forms, record_digest, fresh)

    def _unique(self, units: list[Unit]) -> list[Unit]:
        """The units whose names do not clash; a clash is a problem of the later one."""
        names: dict[str, Unit] = {}
        reserved_ids = {name_key(f.id): f.id for f in self.project.catalog.forms.values() if f.decl.collects}
        kept = []
        for unit in units:
            if not unit.key.startswith("case:"):
                kept.append(unit)
                continue
            problem = name_clash(unit.case_id, names.get(name_key(unit.case_id)), reserved_ids,
                                 unit.records[0] if unit.records else None, unit.label)
            if problem:
                self.problems.append(InputError([problem]))
                continue
            names[name_key(unit.case_id)] = unit
            kept.append(unit)
        return kept

    def records_of(self, unit: Unit) -> list[Record]:
        """A unit's records, parsing its input file now if it was skipped unread (a case, the
        bundle of a case named like it, or else the bundle of the whole file)."""
        if unit.records or unit.source is None:
            return unit.records
        if unit.source not in self._reread:  # once per file: a register lists its every case
            self._reread[unit.source] = self.parse(unit.source)
        parsed = self._reread[unit.source]
        same = [u for u in parsed if u.key == unit.key or slug(u.case_id) == unit.case_id]
        return [record for u in (same or parsed) for record in u.records]


def name_clash(case_id: str, other: Any, reserved_ids: dict[str, str], record: Record | None,
               label: str) -> Problem | None:
    """The problem of a case whose files or bundle would land on another's (`other`: the unit or
    case that claimed the name first), or on a register's, else None."""
    where = (str(record.path), record.line_of(("id",)), "id") if record else (label, 0, "id")
    key = name_key(case_id)
    problem = _clash_problem(case_id, other, reserved_ids, key)
    return None if problem is None else Problem(*where, problem, label=META_TITLES["id"])


def _clash_problem(case_id: str, other: Any, reserved_ids: dict[str, str], key: str) -> str | None:
    """What is wrong with the name, or None."""
    if key in reserved_ids:
        return _("case id '{id}' is the name of the register {form}; choose another id").format(
            id=case_id, form=reserved_ids[key])
    if other is None:
        return None
    other_record = other.record if isinstance(other, Case) else (other.records[0] if other.records else None)
    other_id = other.id if isinstance(other, Case) else other.case_id
    place = f"{other_record.path}:{other_record.line_of(('id',))}" if other_record else other.label
    if other_id == case_id:
        return _("case id '{id}' is already used by the case at {place}").format(id=case_id, place=place)
    return _("case id '{id}' names the same files as '{other}' at {place} (file names ignore letter case and "
             "'-' or '.' at the ends)").format(id=case_id, other=other_id, place=place)
