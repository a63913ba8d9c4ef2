"""formgen as a library: `build`, `bundles` and `check` read the cases, run the jobs, write the
files and return a Report; the command line only prints it.

A run reads its input files here (YAML and CSV parsing only: an input file that is unchanged
since it was built is not even parsed), plans one unit of work per case (or per bundle) and
hands the units that are not up to date to the job runner; workers validate and render, this
process writes every file (all of a unit's files or none) and records it in the build state.
Registers come last, from the cases that were produced.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from formgen import files
from formgen.cases.load import (
    Case,
    load_cases,
    registers,
)
from formgen.documents import render_document, warm_up
from formgen.errors import InputError, Problem, describe
from formgen.i18n import _, ngettext
from formgen.manifest import DEFAULT_VARIANT, sha256
from formgen.output import (
    Spooled,
    Staged,
    WriteError,
    build_time,
    name_key,
    remove_stale_temporaries,
    reserved,
    safe_path,
    slug,
)
from formgen.plan import Planner, Unit, name_clash
from formgen.project import Project
from formgen.runner import (
    Failure,
    Job,
    Outcome,
    Pool,
    Product,
    executor_for,
    outcome_of,
    run,
    start,
    stop_point,
    stop_points,
    submit,
    usable_cores,
)
from formgen.state import BuildState, Entry, InputRecord, Written, code_digest, digest, tree_digest

if TYPE_CHECKING:
    from formgen.bundle import Protection

FORMATS = files.FORMATS
Early = dict[str, tuple[str, Future[Outcome]]]  # unit key -> (record digest, its job started early)


# --- What a run reports ------------------------------------------------------------------

@dataclass
class Result:
    """One unit of work that ran: the files it wrote, or its problems or error."""

    key: str
    label: str
    written: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    error: str | None = None
    fatal: bool = False
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and self.error is None


@dataclass
class Report:
    """What a run did. `problems`: inputs refused before any job (unreadable files and rows,
    names that clash); `left_alone`: units whose files were edited by hand since formgen wrote
    them; `stopped`: the fatal write error that ended the run early."""

    out: Path
    results: list[Result] = field(default_factory=list)
    problems: list[InputError] = field(default_factory=list)
    skipped: int = 0
    left_alone: list[Result] = field(default_factory=list)
    stopped: Result | None = None
    notes: list[str] = field(default_factory=list)  # the register's: repairs, files gone

    @property
    def written(self) -> list[Path]:
        return [path for r in self.results for path in r.written]

    @property
    def failed(self) -> list[Result]:
        return [r for r in self.results if not r.ok]

    @property
    def done(self) -> list[Result]:
        return [r for r in self.results if r.ok]

    @property
    def success(self) -> bool:
        return not (self.problems or self.failed or self.left_alone or self.stopped)


class Progress(Protocol):
    """What a caller hears while a run goes on (the CLI draws a bar)."""

    def start(self, total: int) -> None:
        """`total` more units are planned (cases first, then the registers)."""

    def advance(self) -> None:
        """One unit finished (built, failed or skipped)."""


class Silent:
    """A Progress that tells nobody (the default of the library)."""

    def start(self, total: int) -> None:
        pass

    def advance(self) -> None:
        pass


# --- Writing what the jobs made --------------------------------------------------------------

class Writer:
    """Writes each job's files into the output folder (all of a unit's files or none) and
    records them in the build state."""

    def __init__(self, out: Path, state: BuildState, context: Callable[[list[str]], str],
                 report: Report, progress: Progress) -> None:
        self.out, self.state, self.context = out, state, context
        self.report, self.progress = report, progress
        self.units: dict[str, Unit] = {}
        self.recorder: Any = None  # formgen.register.recorder.Recorder in a workspace

    def consume(self, job: Job, outcome: Outcome) -> bool:
        """Write a job's outcome; False when the run must stop (a fatal write error)."""
        unit = self.units[job.key]
        result = Result(job.key, job.label)
        if isinstance(outcome, Failure):
            result.problems, result.error, result.fatal = outcome.problems, outcome.error, outcome.fatal
        else:
            result.warnings = outcome.warnings
            self._write(unit, outcome, result)
        unit.ok = result.ok
        self.report.results.append(result)
        self.progress.advance()
        if result.fatal:
            self.report.stopped = result
        return not result.fatal

    def _write(self, unit: Unit, product: Product, result: Result) -> None:
        staged = Staged()
        hashes = {relative: data.sha256 if isinstance(data, Spooled) else sha256(data)
                  for relative, data in product.files}
        try:
            for relative, data in product.files:
                target = safe_path(self.out, *relative.split("/"))
                if isinstance(data, Spooled):
                    staged.adopt(target, Path(data.temporary))
                else:
                    staged.add(target, data)
            if self.recorder is not None:
                self.recorder.before(unit.key, hashes)
            result.written = staged.commit()
        except WriteError as exc:
            result.error, result.fatal = exc.message, exc.fatal
            return
        except Exception as exc:  # noqa: BLE001 - e.g. a name refused by safe_path
            result.error = describe(exc)
            return
        finally:
            staged.discard()
            if not result.written:
                product.discard()  # files a worker staged and that were not taken in
        outputs = {}
        for (relative, _data), path in zip(product.files, result.written):
            stat = path.stat()
            outputs[relative] = Written(hashes[relative], stat.st_size, stat.st_mtime_ns)
        data_files = {rel: self.state.file_hash(self.state.data_root / rel) or "" for rel in product.used}
        self.state.record(Entry(unit.key, unit.record, self.context(unit.forms), unit.forms, data_files, outputs))
        if self.recorder is not None:
            result.warnings += self.recorder.after(unit.key, hashes)


# --- The runs ----------------------------------------------------------------------------------

@dataclass
class Options:
    """How a run goes: the workers, the executor, --force, and who hears about progress."""

    jobs: int = 0  # 0: every usable core
    executor: str | None = None  # a Dask scheduler's address, tcp://host:8786
    force: bool = False  # build everything again and overwrite files edited by hand
    form: str | None = None
    encoding: str | None = None
    progress: Progress = field(default_factory=Silent)


class Run:
    """What build and bundle share: the state, the digests, planning, the runner, registers."""

    def __init__(self, project: Project, out: Path, options: Options, settings: tuple[Any, ...],
                 rebuild: bool = False) -> None:
        self.project, self.out, self.options = project, out, options
        self.when = build_time()
        remove_stale_temporaries(out)
        self.state = BuildState(out, project.data)
        self.code = code_digest()
        # A draft or sample (the mark) and the register recorded into are part of what a file is
        # made with: a draft is never "up to date" for the run that issues the document.
        register = project.register.institution if project.register else None
        self.settings = (*settings, project.mark, register)
        self._forms: dict[str, str] = {}
        self.report = Report(out)
        # --force, or a protected bundle (its keys and signature are new each time): nothing is up to date.
        self.rebuild = options.force or rebuild
        self.planner = Planner(project, self.state, self.context, options.form, options.encoding, self.rebuild)
        self.writer = Writer(out, self.state, self.context, self.report, options.progress)
        self.setup = project.setup
        self.recorder = None
        if project.register is not None:
            from formgen.register.recorder import Recorder

            self.recorder = self.writer.recorder = Recorder(project, out, self.when)

    @contextmanager
    def executor(self) -> Iterator[Executor | None]:
        """The run's executor (see formgen.runner). A local pool's workers start as soon as an
        input file is to be parsed (a run whose inputs are all unchanged starts none), so that
        they import and warm up the renderers while this process reads and plans the cases."""
        preparation = (warm_up, (self.setup,))
        with executor_for(self.options.jobs or usable_cores(), self.options.executor, preparation) as executor:
            self.planner.before_parsing = lambda: start(executor)
            try:
                yield executor
            finally:
                self.planner.before_parsing = None

    @contextmanager
    def guarded(self) -> Iterator[None]:
        """A run that ends with an error (or Ctrl+C) before `finish` gives the register back the
        numbers it took for documents it did not issue."""
        try:
            yield
        except BaseException:
            if self.recorder is not None:
                self.recorder.close()
            raise

    def context(self, forms: list[str]) -> str:
        """The digest of what a unit of these forms is made with, besides its records."""
        for form_id in forms:
            if form_id not in self._forms:
                form = self.project.catalog.forms.get(form_id)
                folders = form.folders if form else []
                self._forms[form_id] = tree_digest([*folders, self.project.templates / "_base"])
        return digest(self.code, [self._forms[f] for f in forms], self.settings)

    def schedule(self, units: list[Unit], make: Callable[[Unit], Job], executor: Executor | None,
                 early: Early | None = None) -> bool:
        """Run the units that are not up to date (and not edited by hand); True unless stopped.
        A unit started early (see `speculate`) for the same record takes that job's outcome.
        Ctrl+C or SIGTERM stops it between two units (see formgen.runner.on_signal)."""
        with stop_points():
            return self._schedule(units, make, executor, early if early is not None else {})

    def _schedule(self, units: list[Unit], make: Callable[[Unit], Job], executor: Executor | None,
                  early: Early) -> bool:
        todo, ready = [], []
        for unit in units:
            stop_point()  # e.g. between two cases checked against the register
            edited = [] if self.options.force else self.state.edited(unit.key)
            if unit.fresh:
                self.report.skipped += 1
                unit.ok = True
            elif edited:
                self.report.left_alone.append(Result(unit.key, unit.label, written=edited))
            elif self.recorder is not None and (refused := self._refused(unit)):
                self.report.results.append(refused)
            else:
                self.writer.units[unit.key] = unit
                started = early.pop(unit.key, None)
                if started is not None and started[0] == unit.record:
                    ready.append((make(unit), started[1]))
                else:
                    todo.append(make(unit))
        for _record, future in early.values():  # started for cases that were not all produced
            future.cancel()
        for _unit in range(len(units) - len(todo) - len(ready)):
            self.options.progress.advance()
        for job, future in ready:
            outcome = outcome_of(future)
            stop_point()
            if not self.writer.consume(job, outcome):
                return False
        return run(todo, executor, self.writer.consume)

    def _refused(self, unit: Unit) -> Result | None:
        """The unit's cases against the register (formgen.register): a failed result when the
        rules across cases refuse one, else None (the answers go with the records)."""
        assert self.recorder is not None
        records = self.planner.records_of(unit) if unit.register is None else []
        problems = self.recorder.prepare(unit.key, records, unit.register, unit.record)
        return Result(unit.key, unit.label, problems=problems) if problems else None

    def speculate(self, cases: list[Unit], make: Callable[[Unit], Job], executor: Executor | None) -> Early:
        """Start the registers at once on the executor, as if every case will be produced: a
        register is one long job, and started after the last case it would leave the other
        workers idle. `schedule` takes its outcome when the cases produced are those assumed
        (the same record digest), and drops it otherwise. Not while recording into the register:
        its answers (document numbers) are attached to the cases' records as they are checked."""
        if executor is None or self.recorder is not None:
            return {}
        return {unit.key: (unit.record, submit(executor, make(unit)))
                for unit in self.register_units(cases, assume_ok=True) if not unit.fresh}

    def register_units(self, cases: list[Unit], kind: str = "register", assume_ok: bool = False) -> list[Unit]:
        """A unit per register whose source form occurs among the cases that were produced (all
        the cases, `assume_ok`), keyed `<kind>:<form-id>`; the records of its entries are
        gathered only when it is not up to date."""
        made = []
        for form in self.project.catalog.forms.values():
            sources = [u for u in cases if (u.ok or assume_ok) and form.decl.collects in u.forms]
            if not form.decl.collects or not sources:
                continue
            record = digest([(u.key, u.record) for u in sources])
            key = f"{kind}:{form.id}"
            fresh = not self.rebuild and self.state.fresh(key, record, self.context([form.id]))
            records = [] if fresh else [r for u in sources for r in self.planner.records_of(u)]
            unit = Unit(key, register_label(form.id, len(sources)), None, records, [form.id],
                        record, fresh=fresh, register=form.id)
            made.append(unit)
        return made

    def finish(self, units: list[Unit]) -> Report:
        """Put the results in input order, record the input files all of whose units are built,
        save the state."""
        order = {unit.key: number for number, unit in enumerate(units)}
        self.report.results.sort(key=lambda result: order.get(result.key, len(order)))
        by_file: dict[Path, list[Unit]] = {}
        for unit in units:
            if unit.source is not None:
                by_file.setdefault(unit.source, []).append(unit)
        refused = {p.source for e in self.report.problems for p in e.problems}
        for path, members in by_file.items():
            if str(path) not in refused and all(u.ok for u in members):
                sha = self.state.file_hash(path)
                if sha:
                    self.state.record_input(InputRecord(str(path), sha, self.planner.includes.get(path, {}),
                                                        [u.key for u in members]))
            else:
                self.state.forget_input(path)
        self.state.save()
        self.report.problems = self.planner.problems
        if self.recorder is not None:
            self.report.notes += self.recorder.finish()
        return self.report


def build(project: Project, paths: list[Path], out: Path, formats: tuple[str, ...] = FORMATS,
          options: Options | None = None) -> Report:
    """Render every case under the paths to <out>/<form-id>/<case-id>.docx and .pdf, then the
    registers of the cases produced; cases that are up to date are skipped."""
    options = options or Options()
    r = Run(project, out, options, ("files", formats))

    def case_job(unit: Unit) -> Job:
        return Job(unit.key, unit.label, files.case_files, (r.setup, unit.records[0], formats, r.when))

    def register_job(unit: Unit) -> Job:
        return Job(unit.key, unit.label, files.register_files, (r.setup, unit.register, unit.records, formats, r.when))

    with r.guarded(), r.executor() as executor:
        units = r.planner.cases(paths)
        options.progress.start(len(units))
        early = r.speculate(units, register_job, executor)
        if r.schedule(units, case_job, executor):
            made = r.register_units(units)
            options.progress.start(len(made))
            r.schedule(made, register_job, executor, early)
            units += made
        for _record, future in early.values():
            future.cancel()
    return r.finish(units)


def bundles(project: Project, paths: list[Path], out: Path, per_file: bool = False,
           variant: str = DEFAULT_VARIANT, protection: Protection | None = None,
           options: Options | None = None) -> Report:
    """Write one archival bundle per case (or per input file) to <out>/<name>.pdf with its
    manifest, then the registers' bundles; bundles that are up to date are skipped (never a
    protected one: its keys and signature are not ours to compare)."""
    from formgen.bundle import bundle_file, check_variant

    options = options or Options()
    check_variant(variant, protection)
    protected = protection is not None and protection.any
    r = Run(project, out, options, ("bundle", variant, per_file), rebuild=protected)

    spool_in: str | None = None  # a local pool's workers stage the bundles' PDFs themselves

    def bundle_job(unit: Unit) -> Job:
        return Job(unit.key, unit.label, bundle_file,
                   (r.setup, unit.case_id, unit.records, unit.register, variant, protection, r.when, spool_in))

    with r.guarded(), r.executor() as executor:
        spool_in = str(out) if isinstance(executor, Pool) else None
        units = _bundle_units(r, r.planner.cases(paths), per_file, protected)
        options.progress.start(len(units))
        if r.schedule(units, bundle_job, executor):
            made = r.register_units(units, "bundle")
            options.progress.start(len(made))
            r.schedule(made, bundle_job, executor)
            units += made
    return r.finish(units)


def _bundle_units(r: Run, units: list[Unit], per_file: bool, protected: bool) -> list[Unit]:
    """One bundle unit per case unit, or per input file with --per-file; units of unchanged
    files come as bundle units already (from the state)."""
    from formgen.bundle import free_name

    registers_ids = [f.id for f in r.project.catalog.forms.values() if f.decl.collects]
    taken = {name_key(n) for n in registers_ids} | {name_key(u.case_id) for u in units if u.key.startswith("bundle:")}
    groups: dict[str, list[Unit]] = {}
    made: list[Unit] = []
    for unit in units:
        if unit.key.startswith("bundle:"):
            made.append(unit)
        elif not per_file:
            made.append(_grouped(r, f"bundle:{slug(unit.case_id)}", unit.label, [unit], protected))
        elif reserved(unit.source.stem if unit.source else ""):
            stem = unit.source.stem if unit.source else ""
            r.planner.problems.append(InputError([Problem(unit.label, 0, "", _(
                "'{name}' is a device name on Windows and cannot name a bundle: rename the file").format(name=stem))]))
        else:
            groups.setdefault(str(unit.source), []).append(unit)
    for source, members in groups.items():
        name = free_name(slug(Path(source).stem), taken)
        made.append(_grouped(r, f"bundle:{name}", _("{file} (bundle {name})").format(file=source, name=name),
                             members, protected))
    return made


def _grouped(r: Run, key: str, label: str, members: list[Unit], protected: bool) -> Unit:
    forms = list(dict.fromkeys(f for u in members for f in u.forms))
    record = digest([u.record for u in members])
    unit = Unit(key, label, members[0].source, [rec for u in members for rec in u.records], forms, record)
    unit.fresh = not r.rebuild and r.state.fresh(key, record, r.context(forms))
    return unit


# --- Checking without writing, and single cases ----------------------------------------------

def collect(project: Project, paths: list[Path], form: str | None = None,
            encoding: str | None = None) -> tuple[list[Case], list[InputError]]:
    """Read and validate every case under the paths, in this process: the valid cases with the
    registers made from them, and the problems. Two cases whose outputs would share a name: the
    first stands."""
    cases: list[Case] = []
    invalid: list[InputError] = []
    names: dict[str, Case] = {}
    reserved_ids = {name_key(f.id): f.id for f in project.catalog.forms.values() if f.decl.collects}
    for item in load_cases(paths, project, form, encoding):
        if isinstance(item, InputError):
            invalid.append(item)
            continue
        problem = name_clash(item.id, names.get(name_key(item.id)), reserved_ids, item.record, "")
        if problem:
            invalid.append(InputError([problem]))
            continue
        names[name_key(item.id)] = item
        cases.append(item)
    return cases + registers(cases, project), invalid


def check(project: Project, cases: list[Case]) -> list[InputError]:
    """Render every document of every case in memory, as `build` would, without laying out or
    writing: what would fail there is reported now, as a problem of the case."""
    when = build_time()
    problems, passed = [], []
    for case in [c for c in cases if not c.derived]:
        problem = _dry_run(project, case, when)
        problems += [problem] if problem else []
        passed += [] if problem else [case]
    wanted = {c.id for c in cases if c.derived}
    for register in registers(passed, project):
        if register.id in wanted:
            problem = _dry_run(project, register, when)
            problems += [problem] if problem else []
    return problems


def _dry_run(project: Project, case: Case, when: dt.datetime) -> InputError | None:
    try:
        for form in case.forms:
            render_document(project, form, case, when, layout=False)
    except Exception as exc:  # noqa: BLE001 - every failure is this case's problem
        source, line = (case.id, 0) if case.derived else (str(case.record.path), case.record.line)
        return InputError([Problem(source, line, "", _("({case}) cannot be rendered: {reason}").format(
            case=case.id, reason=describe(exc)))])
    return None


def render_case(project: Project, case: Case, out: Path, formats: Iterable[str] = FORMATS,
                when: dt.datetime | None = None) -> list[Path]:
    """Render one validated case in this process and write its files (all or none)."""
    product = files.render_files(project, case, tuple(formats), when or build_time())
    staged = Staged()
    try:
        for relative, data in product.in_memory():
            staged.add(safe_path(out, *relative.split("/")), data)
        return staged.commit()
    finally:
        staged.discard()


def register_label(form_id: str, entries: int) -> str:
    """How a register is named in messages and reports."""
    return ngettext("register {form} ({count} entry)", "register {form} ({count} entries)", entries).format(
        form=form_id, count=entries)


def case_label(case: Case) -> str:
    """How a case is named in messages: its file and line, never personal data."""
    if case.derived:
        return register_label(case.id, len(case.data.pozycje))  # type: ignore[attr-defined]
    return f"{case.record.path}:{case.record.line} ({case.id})"
