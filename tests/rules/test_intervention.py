"""Tests for formgen.rules.intervention."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml

from formgen.errors import CatalogError
from formgen.params import InterventionProcedures
from formgen.project import Project
from formgen.rules.intervention import Procedure, Step, required_steps

RAW: dict[str, Any] = {
    "suspects": {
        "personel": {
            "label": "Członek personelu",
            "variants": {
                "przemoc_psychiczna": {
                    "title": "Krzywdzenie psychiczne przez członka personelu",
                    "steps": ["Odsuń osobę od kontaktu z dziećmi.", "Powiadom dyrektora."],
                },
                "przemoc_fizyczna": {
                    "title": "Krzywdzenie fizyczne przez członka personelu",
                    "steps": [
                        "Zapewnij dziecku bezpieczeństwo.",
                        "Wezwij pomoc.",
                        "Zawiadom policję.",
                    ],
                },
            },
        },
        "rodzic": {
            "label": "Rodzic lub opiekun",
            "variants": {
                "zaniedbanie": {"title": "Zaniedbanie", "steps": ["Porozmawiaj z rodzicem."]},
            },
        },
    }
}


def parse_procedures(raw: dict[str, Any]) -> dict[tuple[str, str], Procedure]:
    return InterventionProcedures.model_validate(raw).procedures()


def test_parse_and_select() -> None:
    procedures = parse_procedures(RAW)
    assert set(procedures) == {
        ("personel", "przemoc_psychiczna"),
        ("personel", "przemoc_fizyczna"),
        ("rodzic", "zaniedbanie"),
    }
    chosen = required_steps(procedures, "personel", "przemoc_fizyczna")
    assert chosen == Procedure(
        suspect="personel",
        harm="przemoc_fizyczna",
        title="Krzywdzenie fizyczne przez członka personelu",
        steps=(
            Step("a", "Zapewnij dziecku bezpieczeństwo."),
            Step("b", "Wezwij pomoc."),
            Step("c", "Zawiadom policję."),
        ),
    )


def test_unknown_combination_lists_known() -> None:
    procedures = parse_procedures(RAW)
    with pytest.raises(ValueError) as info:
        required_steps(procedures, "rodzic", "przemoc_fizyczna")
    assert str(info.value) == (
        "no procedure for suspect 'rodzic' and harm 'przemoc_fizyczna'; known: "
        "personel/przemoc_psychiczna, personel/przemoc_fizyczna, rodzic/zaniedbanie"
    )


def broken(path: tuple[str, ...], value: Any) -> dict[str, Any]:
    """Return a copy of RAW with the value at path replaced (or deleted when value is ...)."""
    raw = copy.deepcopy(RAW)
    node = raw
    for key in path[:-1]:
        node = node[key]
    if value is ...:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return raw


V = ("suspects", "personel", "variants", "przemoc_psychiczna")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({}, ":1: suspects: required field is missing"),
        ({"suspects": []}, ":1: suspects: Input should be a valid dictionary"),
        (broken(("suspects", "rodzic", "variants"), ...), "suspects.rodzic.variants: required field is missing"),
        (broken(("suspects", "rodzic", "extra"), 1), "suspects.rodzic.extra: unknown field"),
        (broken((*V, "title"), ...), f"{'.'.join(V)}.title: required field is missing"),
        (broken((*V, "steps"), []), f"{'.'.join(V)}.steps: List should have at least 1 item"),
        (broken((*V, "steps"), "one step"), f"{'.'.join(V)}.steps: Input should be a valid list"),
        (broken((*V, "steps"), ["x"] * 27), f"{'.'.join(V)}.steps: List should have at most 26 items"),
        (broken((*V, "note"), "x"), f"{'.'.join(V)}.note: unknown field"),
    ],
)
def test_a_malformed_procedures_file_is_reported_with_file_line_and_field(tmp_path, raw: dict[str, Any],
                                                                          message: str) -> None:
    (tmp_path / "procedures").mkdir()
    path = tmp_path / "procedures" / "interwencja.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        Project(data=tmp_path).procedures  # noqa: B018 - loading is the point
    assert info.value.message.startswith(str(path)) and message in info.value.message
