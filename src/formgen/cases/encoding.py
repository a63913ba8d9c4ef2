"""Which encoding a spreadsheet export is in: UTF-8 (with or without BOM), UTF-16 with a BOM,
cp1250 (Excel's "ANSI" on Polish Windows) or ISO-8859-2 (older Unix and web exports).

cp1250 and ISO-8859-2 differ in exactly the bytes of ą, ś, ź (and their capitals): each one
decodes the other's Polish letters into symbols (±, ¶, ¼) or control characters. Both readings
are scored by how Polish they look; when the file holds none of the bytes that tell them apart
the two readings are the same text. When they differ and neither wins, the reader refuses to
guess and asks for --encoding.
"""

from __future__ import annotations

import codecs
import re

from formgen.i18n import _

POLISH_LETTERS = set("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")
# Non-ASCII characters that Polish office text uses besides its letters.
TYPOGRAPHY = set("„”“‘’«»–—…§°×·€\u00a0\u202f")
BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
SINGLE_BYTE = ("cp1250", "iso-8859-2")
CONTROL_PENALTY = -1000
_CONTROL = re.compile("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f]")
_NON_ASCII = re.compile("[^\\x00-\\x7f]")


class EncodingProblem(ValueError):
    """Raised when the bytes cannot be read as text; the message says what to do."""


def decode(raw: bytes, encoding: str | None = None) -> tuple[str, str]:
    """(text, the encoding used): `encoding` when given, else the one detected."""
    if encoding:
        return _decode_as(raw, encoding), encoding
    for bom, name in BOMS:
        if raw.startswith(bom):
            return _decode_as(raw, name), name
    if b"\x00" in raw:
        raise EncodingProblem(_("the file holds NUL bytes: it looks like UTF-16 without a byte-order mark; "
                                "save it as UTF-8 or give --encoding utf-16-le"))
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _single_byte(raw)


def _decode_as(raw: bytes, encoding: str) -> str:
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise EncodingProblem(_("unknown encoding '{encoding}'").format(encoding=encoding)) from None
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise EncodingProblem(_("line {line}: not {encoding} text ({reason} at byte {byte})").format(
            line=line, encoding=encoding, reason=_reason(exc.reason), byte=exc.start)) from None


def _reason(reason: str) -> str:
    """Python's reason for a decoding error, in the user's language when it is a common one."""
    known = {
        "invalid start byte": _("invalid start byte"),
        "invalid continuation byte": _("invalid continuation byte"),
        "unexpected end of data": _("unexpected end of data"),
        "truncated data": _("truncated data"),
        "illegal UTF-16 surrogate": _("illegal UTF-16 surrogate"),
        "illegal encoding": _("illegal encoding"),
        "character maps to <undefined>": _("character maps to <undefined>"),
    }
    return known.get(reason, reason)


def _single_byte(raw: bytes) -> tuple[str, str]:
    readings: dict[str, str] = {}
    for name in SINGLE_BYTE:
        try:
            readings[name] = raw.decode(name)
        except UnicodeDecodeError:
            continue
    scored = sorted(((plausibility(text), name) for name, text in readings.items()), reverse=True)
    if not scored or scored[0][0] <= CONTROL_PENALTY:
        raise EncodingProblem(_("not UTF-8, cp1250 or ISO-8859-2 text; save it as UTF-8 or give --encoding"))
    best_score, best = scored[0]
    if len(scored) > 1 and scored[1][0] == best_score and readings["cp1250"] != readings["iso-8859-2"]:
        raise EncodingProblem(_("cannot tell whether the file is cp1250 or ISO-8859-2; "
                                "give --encoding cp1250 or --encoding iso-8859-2"))
    return readings[best], best


def plausibility(text: str) -> int:
    """How much `text` looks like Polish: +1 per Polish letter, -3 per other non-ASCII character,
    and -1000 when it holds control characters (a wrong single-byte reading makes those)."""
    if _CONTROL.search(text):
        return CONTROL_PENALTY
    score = 0
    for char in _NON_ASCII.findall(text):
        score += 1 if char in POLISH_LETTERS else 0 if char in TYPOGRAPHY else -3
    return score
