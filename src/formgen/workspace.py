"""An institution's workspace: its data, its own versions of some forms, and its register.

A workspace is a folder with `formgen.yaml` at its top:

    <workspace>/formgen.yaml        the institution's key in the register, the register's URL
    <workspace>/data/               institution.yaml, params/zfss-YEAR.yaml, procedures/, pol/
    <workspace>/templates/<form>/   optional: this institution's version of a built-in form
    <workspace>/rejestr.sqlite      the register of issued documents (by default)

formgen finds it like git finds a repository: `--workspace`, else `FORMGEN_HOME`, else the
current folder and its parents. Without one it uses the bundled example institution and marks
every document as a sample ("WZÓR").
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import Field, field_validator

from formgen.cases.validation import load_file
from formgen.errors import CatalogError, FormgenError, InputError
from formgen.fields import Schema, Text
from formgen.i18n import N_, _

CONFIG = "formgen.yaml"
HOME_ENV = "FORMGEN_HOME"
DEFAULT_DB = "rejestr.sqlite"
KEY = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SAMPLE_NOTICE = N_("formgen: no workspace here (formgen init creates one): using the bundled example "
                   "institution; documents are marked WZÓR (sample)")


class Config(Schema):
    """formgen.yaml: which institution this is in the register, and where the register is."""

    instytucja: Text  # the institution's key: every register row carries it
    rejestr: Text | None = None  # an SQLAlchemy URL; default: sqlite in the workspace
    # How numbers from the register look, by series ("decyzja-pozyczki", "karta-zgloszenia"):
    # a format with {n} (the number in the year) and {rok}; default "{n}/{rok}".
    numery: dict[str, Text] = Field(default_factory=dict)

    @field_validator("instytucja")
    @classmethod
    def _key(cls, value: str) -> str:
        if not KEY.match(value):
            raise ValueError(_("a lowercase slug: letters a-z, digits and single hyphens"))
        return value


@dataclass(frozen=True)
class Workspace:
    """A found workspace: its folder and configuration."""

    root: Path
    config: Config

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def templates(self) -> Path:
        """The folder of this institution's own versions of forms (may not exist)."""
        return self.root / "templates"

    @property
    def institution(self) -> str:
        return self.config.instytucja

    def db_url(self, given: str | None = None) -> str:
        """The register's URL: --db, else formgen.yaml's, else the SQLite file in the folder.
        A relative SQLite path is relative to the workspace."""
        url = given or os.environ.get("FORMGEN_DB") or self.config.rejestr
        if not url:
            return f"sqlite:///{self.root / DEFAULT_DB}"
        return absolute_sqlite(url, self.root)


def absolute_sqlite(url: str, root: Path) -> str:
    """`sqlite:///rel/x.sqlite` made relative to `root`; other URLs as they are."""
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url[len(prefix):].startswith("/") and url != "sqlite:///:memory:":
        return prefix + str(root / url[len(prefix):])
    return url


def load(root: Path) -> Workspace:
    """The workspace at `root` (its formgen.yaml read and checked)."""
    path = root / CONFIG
    if not path.is_file():
        raise FormgenError(_("{root} is not a formgen workspace: {file} is missing (formgen init {root})").format(
            root=root, file=CONFIG))
    try:
        config = load_file(Config, path)
    except InputError as exc:
        raise CatalogError(exc.message) from None
    return Workspace(root.resolve(), config)


def find(given: Path | None = None, start: Path | None = None) -> Workspace | None:
    """The workspace named by --workspace, else FORMGEN_HOME, else the nearest folder from
    `start` (the current folder) upwards that holds formgen.yaml; None when there is none."""
    if given is not None:
        return load(given)
    if os.environ.get(HOME_ENV):
        return load(Path(os.environ[HOME_ENV]))
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG).is_file():
            return load(folder)
    return None
