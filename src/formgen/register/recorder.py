"""Recording a run's documents in the register, from the process that writes the files.

Before a unit's files are renamed into place, its entries go to a journal in the output folder
(`.formgen-register.jsonl`); once they are in the register, the journal says so. A run killed
between the two leaves a pending line: the next run into that folder records the documents
whose files are there as written (written but not recorded → recorded) and forgets the others.
At the end of a run, documents the register holds for this folder whose files are gone are
reported (recorded but missing).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

from formgen.cases.load import labelled, to_case
from formgen.cases.validation import located
from formgen.errors import InputError, Problem
from formgen.i18n import _, ngettext
from formgen.project import Project
from formgen.register.check import Numbering, evaluate, give_back
from formgen.register.entry import Issued, from_json, to_json, with_source
from formgen.register.ledger import Ledger
from formgen.register.store import Register
from formgen.state import sha256_file

JOURNAL = ".formgen-register.jsonl"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Recorder:
    """The register's side of a build or bundle run."""

    def __init__(self, project: Project, out: Path, when: dt.datetime) -> None:
        link = project.register
        assert link is not None
        self.project, self.out, self.when = project, out.resolve(), when
        self.register = Register(link.url, link.institution)
        self.ledger = Ledger(self.register)
        self.numbering = Numbering(self.ledger, take=True, formats=dict(link.formats))
        self.pending: dict[str, list[Issued]] = {}
        self.numbers: dict[str, list[tuple[str, int, int]]] = {}  # unit -> numbers taken for it
        self.notes: list[str] = []
        self.journal = out / JOURNAL
        self._repair()

    # --- before the jobs: answers and the rules across cases ------------------------------

    def prepare(self, key: str, records: list[Any], register_form: str | None, record_digest: str) -> list[Problem]:
        """Check a unit's cases against the register, attach its answers to their records and
        keep the entries to record; the problems of cases the rules refuse."""
        if register_form is not None:
            self.pending[key] = [Issued(register_form, register_form, self.when.date(), record_digest)]
            return []
        problems: list[Problem] = []
        entries: list[Issued] = []
        for record in records:
            try:
                case = to_case(record, self.project)
            except InputError:
                continue  # the job reports it, with every other problem of the case
            found = evaluate(case, self.project, self.ledger, self.numbering, self.when.date())
            if found.findings:
                problems += labelled(located(record, found.findings), self.project.catalog.merged_schema(case.forms))
                continue
            record.answers = found.answers or None
            entries += [with_source(entry, record.data) for entry in found.entries]
            self.numbers.setdefault(key, []).extend(self.numbering.settle(case.id))
        self.pending[key] = entries
        if problems:  # the unit is refused as a whole: its other cases are not issued either
            self.give_back(key)
        return problems

    # --- around the writing of a unit's files ----------------------------------------------

    def before(self, key: str, files: dict[str, str]) -> None:
        """The unit's entries and files go to the journal before the files are in place."""
        if self.pending.get(key):
            self._append({"pid": os.getpid(), "key": key, "state": "pending", "files": files,
                          "entries": [to_json(e) for e in self.pending[key]]})

    def after(self, key: str, files: dict[str, str]) -> list[str]:
        """The files are in place: record the entries; what the register made of them."""
        entries = self.pending.pop(key, [])
        self.numbers.pop(key, None)  # issued
        said = []
        for entry in entries:
            outcome = self.register.record(entry, {"folder": str(self.out), "files": files})
            if outcome == "korekta":
                said.append(_("register: {form} {case}: a correction; the earlier record is kept as "
                              "superseded").format(form=entry.form, case=entry.case_id))
        if entries:
            self._append({"pid": os.getpid(), "key": key, "state": "done"})
        return said

    def _append(self, body: dict[str, Any]) -> None:
        self.out.mkdir(parents=True, exist_ok=True)
        with self.journal.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(body, ensure_ascii=False) + "\n")
            handle.flush()
            os.fsync(handle.fileno())

    # --- repair and the end of a run -------------------------------------------------------

    def _repair(self) -> None:
        """Settle what an interrupted run left in the journal."""
        try:
            lines = self.journal.read_text(encoding="utf-8").splitlines()
        except OSError:
            return
        last: dict[str, dict[str, Any]] = {}
        for line in lines:
            try:
                body = json.loads(line)
                last[body["key"]] = body
            except (ValueError, KeyError, TypeError):
                continue  # a line torn by a kill
        kept = []
        for body in last.values():
            if body["state"] != "pending":
                continue
            if _alive(int(body["pid"])) and int(body["pid"]) != os.getpid():
                kept.append(body)  # another run still writing
            elif self._present(body["files"]):
                for entry in map(from_json, body["entries"]):
                    self.register.record(entry, {"folder": str(self.out), "files": body["files"]})
                    self.notes.append(_("register: {form} {case} was written by an interrupted run but not "
                                        "recorded; recorded now").format(form=entry.form, case=entry.case_id))
        text = "".join(json.dumps(b, ensure_ascii=False) + "\n" for b in kept)
        if text:
            self.journal.write_text(text, encoding="utf-8")
        else:
            self.journal.unlink(missing_ok=True)

    def _present(self, files: dict[str, str]) -> bool:
        return all((self.out / rel).is_file() and sha256_file(self.out / rel) == sha for rel, sha in files.items())

    def finish(self) -> list[str]:
        """Notes of the run: repairs, and recorded documents of this folder whose files are gone."""
        folder = str(self.out)
        for row in self.register.rows():
            files = row.files.get("files", {}) if row.files.get("folder") == folder else {}
            missing = [rel for rel in files if not (self.out / rel).is_file()]
            if missing:
                self.notes.append(ngettext(
                    "register: {document} (no. {number}) is recorded, but {files} is missing",
                    "register: {document} (no. {number}) is recorded, but {files} are missing", len(missing)).format(
                    document=row.label(), number=row.id, files=", ".join(str(self.out / rel) for rel in missing)))
        self._repair()  # what this run left pending (files that could not be written) is dropped
        self.close()
        return self.notes

    def give_back(self, key: str) -> None:
        """A unit's documents are not issued: the numbers taken for them go back to the register."""
        give_back(self.register, self.numbers.pop(key, []))

    def close(self) -> None:
        """The end of a run (also one stopped by an error): the numbers of the units not issued
        go back to the register."""
        for key in list(self.numbers):
            self.give_back(key)
        self.register.close()
