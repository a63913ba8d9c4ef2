"""Text helpers for templates: gendered wording and XML 1.0 safety of values."""

from __future__ import annotations


def gendered(sex: str, female: str, male: str) -> str:
    """Pick the female ('K') or male ('M') form of a word."""
    if sex == "K":
        return female
    if sex == "M":
        return male
    raise ValueError(f"sex must be 'K' or 'M', got '{sex}'")


def _xml_allowed(char: str) -> bool:
    """Tell whether a character is allowed by XML 1.0's Char production."""
    code = ord(char)
    return (
        char in "\t\n\r"
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )


def xml_illegal_chars(value: str) -> list[str]:
    """Return the distinct characters XML 1.0 forbids, in order of appearance, as repr ('\\x0b')."""
    found: list[str] = []
    for char in value:
        shown = repr(char)[1:-1]  # repr without the quotes: '\x0b' → \x0b
        if not _xml_allowed(char) and shown not in found:
            found.append(shown)
    return found
