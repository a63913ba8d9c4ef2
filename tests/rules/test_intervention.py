"""Tests for formgen.rules.intervention."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from formgen.rules.intervention import Procedure, Step, parse_procedures, required_steps

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
        ({}, "suspects: must be a non-empty mapping"),
        ({"suspects": []}, "suspects: must be a non-empty mapping"),
        (broken(("suspects", "rodzic", "variants"), ...), "suspects.rodzic.variants: must be"),
        (broken(("suspects", "rodzic", "label"), 5), "suspects.rodzic.label: must be"),
        (broken(("suspects", "rodzic", "extra"), 1), "suspects.rodzic: unknown key 'extra'"),
        (broken((*V, "title"), ...), f"{'.'.join(V)}.title: must be a non-empty text"),
        (broken((*V, "steps"), []), f"{'.'.join(V)}.steps: must be a non-empty list"),
        (broken((*V, "steps"), "one step"), f"{'.'.join(V)}.steps: must be a non-empty list"),
        (broken((*V, "steps"), ["ok", 3]), f"{'.'.join(V)}.steps: must be a non-empty list"),
        (broken((*V, "steps"), ["x"] * 27), f"{'.'.join(V)}.steps: at most 26 steps"),
        (broken((*V, "note"), "x"), f"{'.'.join(V)}: unknown key 'note'"),
    ],
)
def test_parse_rejects_malformed(raw: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message.replace(".", r"\.")):
        parse_procedures(raw)
