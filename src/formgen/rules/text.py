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


# Characters that change how text is shown without being seen: bidirectional overrides,
# embeddings and isolates ("Kowal\u202eakswo" shows as "Kowalowska"), marks, and zero-width
# characters that make two equal-looking names differ.
BIDI_CONTROLS = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
ZERO_WIDTH = set("\u200b\u200c\u200d\u2060\ufeff\u00ad")


def invisible_chars(value: str, zero_width: bool = True) -> list[str]:
    """The distinct bidirectional controls (and, unless told otherwise, zero-width characters)
    in a value, as code points ('U+202E'), in order of appearance."""
    banned = BIDI_CONTROLS | ZERO_WIDTH if zero_width else BIDI_CONTROLS
    found: list[str] = []
    for char in value:
        point = f"U+{ord(char):04X}"
        if char in banned and point not in found:
            found.append(point)
    return found
