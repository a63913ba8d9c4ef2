"""Packaging hook: the repository's templates/ and data/ become package data (formgen/_builtin/).

Everything else is in pyproject.toml. The folders stay at the top of the repository, where
forms are edited and the tests and tools name them; a wheel (and `pip install .`) gets a copy,
without the example cases and build leftovers. An editable install reads them in place.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", ".formgen-*", "examples")


class BuildWithData(build_py):
    """build_py that also copies templates/ and data/ into formgen/_builtin/."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "formgen" / "_builtin"
        for name in ("templates", "data"):
            if (target / name).exists():
                shutil.rmtree(target / name)
            shutil.copytree(ROOT / name, target / name, ignore=SKIP)


# setuptools' own scratch folders (build/lib, build/bdist.*) go to .setuptools-build/: build/ is
# where formgen writes the documents (README: `bash setup.sh` fills it with the examples).
setup(cmdclass={"build_py": BuildWithData}, options={"build": {"build_base": ".setuptools-build"}})
