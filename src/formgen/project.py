"""Where formgen finds its inputs: the templates folder and the data folder (profile, parameters)."""

from __future__ import annotations

import os
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from formgen.cases.yamlread import read_yaml
from formgen.catalog import Catalog
from formgen.errors import CatalogError, InputError
from formgen.params import ZfssParams
from formgen.profile import Profile
from formgen.rules.intervention import Procedure, parse_procedures
from formgen.validation import load_file

PACKAGE_ROOT = Path(__file__).resolve().parents[2]


def default_dir(env_var: str, name: str) -> Path:
    """A folder from the environment, else ./name, else the one beside the source tree."""
    if os.environ.get(env_var):
        return Path(os.environ[env_var])
    here = Path.cwd() / name
    return here if here.is_dir() else PACKAGE_ROOT / name


M = TypeVar("M")


class Project:
    """Templates, profile and yearly parameters, each loaded once and checked on load."""

    def __init__(self, templates: Path | None = None, data: Path | None = None) -> None:
        self.templates = (templates or default_dir("FORMGEN_TEMPLATES", "templates")).resolve()
        self.data = (data or default_dir("FORMGEN_DATA", "data")).resolve()
        self._params: dict[tuple[str, int], Any] = {}
        self._used: set[Path] = set()
        self._models: dict[tuple[type, str], Any] = {}
        self._procedures: dict[tuple[str, str], Procedure] | None = None

    @cached_property
    def catalog(self) -> Catalog:
        if not self.templates.is_dir():
            raise CatalogError(f"templates folder not found: {self.templates}")
        return Catalog(self.templates)

    def data_file(self, relative: str) -> Path:
        """A file of the data folder, recorded as used (a bundle's manifest lists those used)."""
        path = self.data / relative
        self._used.add(path)
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
        key = ("zfss", year)
        path = self.data_file(f"params/zfss-{year}.yaml")
        if key not in self._params:
            if not path.is_file():
                raise CatalogError(f"no fund parameters for {year}: {path} is missing")
            params = self._load(ZfssParams, path)
            _check_zfss(params, path)
            self._params[key] = params
        return self._params[key]  # type: ignore[no-any-return]

    @property
    def procedures(self) -> dict[tuple[str, str], Procedure]:
        """Intervention procedures of the child-protection standards (data/procedures/…)."""
        path = self.data_file("procedures/interwencja.yaml")
        if self._procedures is None:
            try:
                self._procedures = parse_procedures(read_yaml(path)[0].data)
            except (OSError, ValueError) as exc:
                raise CatalogError(f"{path}: {exc}") from None
        return self._procedures

    def forget_data_use(self) -> None:
        """Start recording afresh which data files are asked for (see data_used)."""
        self._used = set()

    def data_used(self) -> list[Path]:
        """The data files (profile, parameters, procedures) asked for since forget_data_use()."""
        return sorted(path for path in self._used if path.is_file())

    @staticmethod
    def _load(model: Any, path: Path) -> Any:
        if not path.is_file():
            raise CatalogError(f"file not found: {path}")
        try:
            return load_file(model, path)
        except InputError as exc:
            raise CatalogError(exc.message) from None


def _check_application_purposes(params: ZfssParams, path: Path) -> None:
    """Each item of the application's purpose list names a purpose of §15, once."""
    items = params.pozyczki.wniosek_cele
    unknown = sorted({item.cel for item in items} - set(params.pozyczki.cele))
    if unknown:
        raise CatalogError(f"{path}: pozyczki.wniosek_cele: {', '.join(unknown)} not among pozyczki.cele")
    keys = [item.klucz for item in items]
    twice = sorted({key for key in keys if keys.count(key) > 1})
    if twice:
        raise CatalogError(f"{path}: pozyczki.wniosek_cele: {', '.join(twice)} listed twice")


def _check_zfss(params: ZfssParams, path: Path) -> None:
    try:
        groups = params.groups()
    except ValueError as exc:
        raise CatalogError(f"{path}: grupy_dochodowe: {exc}") from None
    total = sum(part.procent for part in params.podzial_funduszu)
    if total != 100:
        raise CatalogError(f"{path}: podzial_funduszu: shares sum to {total} %, not 100 %")
    unknown = sorted(set(params.pozyczki.zalaczniki) - set(params.pozyczki.cele))
    if unknown:
        raise CatalogError(f"{path}: pozyczki.zalaczniki: {', '.join(unknown)} not among pozyczki.cele")
    _check_application_purposes(params, path)
    for key, kind in params.swiadczenia.items():
        if kind.grupy and len(kind.grupy) != len(groups):
            raise CatalogError(f"{path}: swiadczenia.{key}.grupy: needs one entry per income group ({len(groups)})")
    for name in ("choroba_pracownika", "choroba_czlonka_rodziny"):
        if len(getattr(params.zapomogi_losowe, name)) != len(groups):
            raise CatalogError(f"{path}: zapomogi_losowe.{name}: needs one entry per income group ({len(groups)})")
