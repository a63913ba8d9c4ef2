"""Regenerate the DOCX templates: `python tools/make_docx.py [form-id ...]`.

Each form's builder lives in tools/docx_forms/<module>.py as a function named after the form
id (hyphens as underscores); it receives a fresh docxkit.Builder.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from docxkit import Builder

TEMPLATES = HERE.parent / "templates"


def builders() -> dict[str, object]:
    """Every form builder found in tools/docx_forms/, by form id."""
    found = {}
    for info in pkgutil.iter_modules([str(HERE / "docx_forms")]):
        module = importlib.import_module(f"docx_forms.{info.name}")
        for name, func in vars(module).items():
            if callable(func) and name.startswith(("som_", "zfss_", "pol_")):
                found[name.replace("_", "-")] = func
    return found


def main(wanted: list[str]) -> None:
    for form_id, build in sorted(builders().items()):
        if wanted and form_id not in wanted:
            continue
        kit = Builder()
        build(kit)  # type: ignore[operator]
        kit.save(TEMPLATES / form_id / "template.docx")
        print(f"templates/{form_id}/template.docx")


if __name__ == "__main__":
    main(sys.argv[1:])
