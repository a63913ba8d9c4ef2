"""Where the bundled templates and default data are: package data in an installed formgen,
the repository's `templates/` and `data/` in a source checkout (or an editable install).

The repository keeps `templates/` and `data/` at the top (forms are edited there, and the
tests and tools name them); `setup.py` copies them into the package as `formgen/_builtin/`
when a wheel is built, so `pip install .` and a wheel carry them.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
SOURCE_TREE = PACKAGE.parents[1]  # src/formgen -> the repository


def builtin_root() -> Path:
    """The folder holding the bundled `templates/` and `data/`."""
    packaged = PACKAGE / "_builtin"
    return packaged if (packaged / "templates").is_dir() else SOURCE_TREE


def builtin_templates() -> Path:
    """The built-in forms (one folder per form, `_base/`, `kinds.yaml`)."""
    return builtin_root() / "templates"


def builtin_data() -> Path:
    """The default data: the example institution, fund parameters, procedures, policy rates."""
    return builtin_root() / "data"
