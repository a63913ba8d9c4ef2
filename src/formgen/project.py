"""Where formgen finds its inputs: the templates folder and the data folder (profile, parameters)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from formgen.builtin import builtin_data, builtin_templates
from formgen.cases.validation import load_file
from formgen.catalog import Catalog
from formgen.errors import CatalogError, InputError
from formgen.i18n import _
from formgen.params import InterventionProcedures, ZfssParams
from formgen.profile import Profile
from formgen.rules.intervention import Procedure


def default_dir(env_var: str, builtin: Path) -> Path:
    """A folder from the environment, else the bundled one."""
    return Path(os.environ[env_var]) if os.environ.get(env_var) else builtin


@dataclass(frozen=True)
class RegisterLink:
    """Where a project records what it issues: the register's URL and the institution's key."""

    url: str
    institution: str
    formats: tuple[tuple[str, str], ...] = ()  # number series -> format ("{n}/{rok}")


M = TypeVar("M")


class Project:
    """Templates, profile and yearly parameters, each loaded once and checked on load.

    `overrides`: a workspace's templates folder, whose forms win over the built-in ones of the
    same id; `mark`: a word printed across every document ("WZÓR" for the bundled example
    institution); `register`: where issued documents are recorded (None: nowhere).
    """

    def __init__(self, templates: Path | None = None, data: Path | None = None, *,
                 overrides: Path | None = None, mark: str | None = None,
                 register: RegisterLink | None = None) -> None:
        self.templates = (templates or default_dir("FORMGEN_TEMPLATES", builtin_templates())).resolve()
        self.data = (data or default_dir("FORMGEN_DATA", builtin_data())).resolve()
        self.overrides = overrides.resolve() if overrides is not None and overrides.is_dir() else None
        self.mark = mark
        self.register = register
        self._recorders: list[set[Path]] = []
        self._models: dict[tuple[type, str], Any] = {}

    def drafted(self) -> Project:
        """This project for a draft: documents marked PROJEKT (or still WZÓR), nothing recorded."""
        return Project(self.templates, self.data, overrides=self.overrides, mark=self.mark or "PROJEKT")

    @property
    def template_roots(self) -> tuple[Path, ...]:
        """The folders templates are looked up in, the workspace's first."""
        return (self.overrides, self.templates) if self.overrides else (self.templates,)

    @property
    def setup(self) -> Setup:
        """How a worker process rebuilds this project."""
        return Setup(self.templates, self.data, self.overrides, self.mark, self.register)

    @cached_property
    def catalog(self) -> Catalog:
        if not self.templates.is_dir():
            raise CatalogError(_("templates folder not found: {folder}").format(folder=self.templates))
        return Catalog(self.templates, self.overrides)

    def data_file(self, relative: str) -> Path:
        """A file of the data folder, recorded as used by every `recording()` block open."""
        path = self.data / relative
        for used in self._recorders:
            used.add(path)
        return path

    def data_model(self, model: type[M], relative: str) -> M:
        """A data file (path relative to the data folder) read into `model` once, recorded as
        used; a missing or invalid file is a CatalogError naming the file (and line)."""
        path = self.data_file(relative)
        key = (model, relative)
        if key not in self._models:
            self._models[key] = self._load(model, path)
        return self._models[key]  # type: ignore[no-any-return]

    @property
    def profile(self) -> Profile:
        return self.data_model(Profile, "institution.yaml")

    def zfss(self, year: int) -> ZfssParams:
        """The fund's parameters for a year (data/params/zfss-YEAR.yaml)."""
        relative = f"params/zfss-{year}.yaml"
        if not (self.data / relative).is_file():
            self.data_file(relative)
            if self.register:
                message = _("no fund parameters for {year}: {path} is missing (formgen year {year} makes it from "
                            "the year before)")
            else:
                message = _("no fund parameters for {year}: {path} is missing")
            raise CatalogError(message.format(year=year, path=self.data / relative))
        return self.data_model(ZfssParams, relative)

    @property
    def procedures(self) -> dict[tuple[str, str], Procedure]:
        """Intervention procedures of the child-protection standards (data/procedures/…)."""
        return self.data_model(InterventionProcedures, "procedures/interwencja.yaml").procedures()

    @contextmanager
    def recording(self) -> Iterator[set[Path]]:
        """The data files read inside the block, collected into the set it yields (a bundle's
        manifest and the build state list what each document used)."""
        used: set[Path] = set()
        self._recorders.append(used)
        try:
            yield used
        finally:
            self._recorders.remove(used)

    def relative(self, used: set[Path]) -> list[str]:
        """Data files (as `recording()` collects them) relative to the data folder, existing ones."""
        return sorted(p.relative_to(self.data).as_posix() for p in used if p.is_file())

    @staticmethod
    def _load(model: Any, path: Path) -> Any:
        if not path.is_file():
            raise CatalogError(_("file not found: {path}").format(path=path))
        try:
            return load_file(model, path)
        except InputError as exc:
            raise CatalogError(exc.message) from None


@dataclass(frozen=True)
class Setup:
    """Where a worker finds the templates and data (a Project is rebuilt from it per process)."""

    templates: Path
    data: Path
    overrides: Path | None = None
    mark: str | None = None
    register: RegisterLink | None = None

    def project(self) -> Project:
        if self not in _PROJECTS:
            _PROJECTS[self] = Project(self.templates, self.data, overrides=self.overrides, mark=self.mark,
                                      register=self.register)
        return _PROJECTS[self]


_PROJECTS: dict[Setup, Project] = {}
