"""Example cases with a long unbreakable token in every free-text field, for layout tests.

Every text field of a case's schema (present in the example or optional and absent) gets the
token, unless the case no longer validates with it there (dates, amounts, identifiers, closed
lists keep their values). Each field gets its own copy of the token, ending in a counter, so
that values that must differ (inventory numbers, note numbers) still do.
"""

from __future__ import annotations

import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from formgen.cases.load import Case, forms_of, read_records, registers, to_case
from formgen.errors import InputError
from formgen.project import Project

# 200 characters without a break opportunity, with Polish letters.
LONG_TOKEN = ("Zażółćgęśląjaźń" * 14)[:200]
# An inventory-style number of 34 characters (as a register exported from a program has them).
INVENTORY_TOKEN = "ST/2026/INW/000123/ZESTAW-KOMP-01X"
TOKENS = {"200": LONG_TOKEN, "34": INVENTORY_TOKEN}

Slot = tuple[Any, Any, Any]  # (container, key, original value or _ABSENT)
_ABSENT = object()


def _plain(annotation: Any) -> Any:
    """The type inside Annotated[…] and Optional[…] (None when it is a real union)."""
    if typing.get_origin(annotation) is typing.Annotated:
        return _plain(typing.get_args(annotation)[0])
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        rest = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _plain(rest[0]) if len(rest) == 1 else None
    return annotation


def _is_model(kind: Any) -> bool:
    return isinstance(kind, type) and issubclass(kind, BaseModel)


def _text_slots(data: dict[str, Any], model: type[BaseModel]) -> list[Slot]:
    """Every place a text value can go in `data` under `model`, nested models included."""
    slots: list[Slot] = []
    for name, info in model.model_fields.items():
        kind, value = _plain(info.annotation), data.get(name, _ABSENT)
        if kind is str and (value is _ABSENT or isinstance(value, str)):
            slots.append((data, name, value))
        elif _is_model(kind) and isinstance(value, dict):
            slots += _text_slots(value, kind)
        elif typing.get_origin(kind) is list and isinstance(value, list):
            item = _plain(typing.get_args(kind)[0])
            for i, element in enumerate(value):
                if _is_model(item) and isinstance(element, dict):
                    slots += _text_slots(element, item)
                elif item is str and isinstance(element, str):
                    slots.append((value, i, element))
    return slots


def stressed_case(path: Path, project: Project, token: str, index: int = 0) -> Case:
    """The example case at `path` (its `index`-th record) with the token in every text field."""
    record = read_records(path)[index]
    slots = _text_slots(record.data, project.catalog.merged_schema(forms_of(record, project)))
    for number, (container, key, original) in enumerate(slots):
        container[key] = f"{token[:-2]}{number % 100:02d}"
        try:
            to_case(record, project)
        except InputError:
            if original is _ABSENT:
                del container[key]
            else:
                container[key] = original
    return to_case(record, project)


def one_case_per_form(project: Project, examples: Path) -> dict[str, tuple[Path, int]]:
    """For each form, the first single-document example case that renders it (file, record)."""
    found: dict[str, tuple[Path, int]] = {}
    for path in sorted(p for p in examples.iterdir() if p.is_file()):
        for index, record in enumerate(read_records(path)):
            forms = forms_of(record, project)
            if len(forms) == 1:
                found.setdefault(forms[0].id, (path, index))
            break  # the first record of a file is enough
    return found


def stressed_cases(project: Project, examples: Path, token: str) -> list[Case]:
    """One stressed case per form, and the registers collected from them."""
    cases = [stressed_case(path, project, token, index)
             for path, index in one_case_per_form(project, examples).values()]
    return cases + registers(cases, project)
