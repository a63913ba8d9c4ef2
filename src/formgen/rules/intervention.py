"""Child-protection intervention procedures: steps are data, this module only reads and selects."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from string import ascii_lowercase
from typing import Any, TypeGuard

_SUSPECT_KEYS = {"label", "variants"}
_VARIANT_KEYS = {"title", "steps"}


@dataclass(frozen=True)
class Step:
    """One step of a procedure, coded 'a', 'b', 'c', … in order."""

    code: str
    text: str


@dataclass(frozen=True)
class Procedure:
    """What to do when a given person (suspect) is suspected of a given harm."""

    suspect: str
    harm: str
    title: str
    steps: tuple[Step, ...]


def parse_procedures(raw: Mapping[str, Any]) -> dict[tuple[str, str], Procedure]:
    """Read {'suspects': {suspect: {'label', 'variants': {harm: {'title', 'steps'}}}}}."""
    suspects = _mapping(raw.get("suspects") if isinstance(raw, Mapping) else None, "suspects")
    procedures: dict[tuple[str, str], Procedure] = {}
    for suspect, entry in suspects.items():
        where = f"suspects.{suspect}"
        body = _mapping(entry, where, allowed=_SUSPECT_KEYS)
        if "label" in body and not _is_text(body["label"]):
            raise ValueError(f"{where}.label: must be a non-empty text")
        variants = _mapping(body.get("variants"), f"{where}.variants")
        for harm, variant in variants.items():
            procedures[(suspect, harm)] = _procedure(suspect, harm, variant)
    return procedures


def _procedure(suspect: str, harm: str, raw: Any) -> Procedure:
    """Read one variant: a title and a non-empty list of step texts."""
    where = f"suspects.{suspect}.variants.{harm}"
    body = _mapping(raw, where, allowed=_VARIANT_KEYS)
    title = body.get("title")
    if not _is_text(title):
        raise ValueError(f"{where}.title: must be a non-empty text")
    texts = body.get("steps")
    if not isinstance(texts, list) or not texts or not all(_is_text(t) for t in texts):
        raise ValueError(f"{where}.steps: must be a non-empty list of texts")
    if len(texts) > len(ascii_lowercase):
        raise ValueError(f"{where}.steps: at most {len(ascii_lowercase)} steps (coded a to z)")
    steps = tuple(
        Step(code, text.strip()) for code, text in zip(ascii_lowercase, texts, strict=False)
    )
    return Procedure(suspect=suspect, harm=harm, title=title.strip(), steps=steps)


def _mapping(value: Any, where: str, allowed: set[str] | None = None) -> Mapping[str, Any]:
    """Return value if it is a non-empty mapping with text keys (and only allowed keys)."""
    if not isinstance(value, Mapping) or not value:
        raise ValueError(f"{where}: must be a non-empty mapping")
    for key in value:
        if not _is_text(key):
            raise ValueError(f"{where}: keys must be non-empty texts, got {key!r}")
        if allowed is not None and key not in allowed:
            raise ValueError(
                f"{where}: unknown key '{key}' (expected {', '.join(sorted(allowed))})"
            )
    return value


def _is_text(value: Any) -> TypeGuard[str]:
    """Tell whether value is a string with something other than whitespace."""
    return isinstance(value, str) and bool(value.strip())


def required_steps(
    procedures: Mapping[tuple[str, str], Procedure], suspect: str, harm: str
) -> Procedure:
    """Return the procedure for a suspect and a harm, or raise ValueError listing the known ones."""
    try:
        return procedures[(suspect, harm)]
    except KeyError:
        known = ", ".join(f"{s}/{h}" for s, h in procedures) or "none"
        raise ValueError(
            f"no procedure for suspect '{suspect}' and harm '{harm}'; known: {known}"
        ) from None
