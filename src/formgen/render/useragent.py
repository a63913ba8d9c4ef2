"""WeasyPrint's user-agent stylesheet without the rules that reach every element for nothing.

The HTML5 stylesheet WeasyPrint applies below every document has six rules whose selector is a
bare pseudo-element: `::marker` and five for footnotes and notes (`::footnote-call`,
`::footnote-marker`, `::note-call`, `::note-marker`, `::note-callback`). A bare pseudo-element
selector matches every element, so each element of a document gets six pseudo-element styles
computed, used only by list items (`::marker`), by `float: footnote` and by `position: note()`.
On the 4-page loan agreement (368 elements) they were 13 % of the layout time (128 against
112 ms, measured in one process, variants interleaved).

A document laid out by formgen gets the stock stylesheet with `::marker` narrowed to `li`
(the only element it makes a list item) and the footnote and note rules left out - unless its
HTML or its stylesheets name `list-item`, `footnote` or `note(`, or it links a stylesheet that
formgen has not read: then the rules it may need stay as they are. What stays is byte for byte
WeasyPrint's own file, so every other default (margins, fonts, tables, lists) is WeasyPrint's.

WeasyPrint has no public way to change its user-agent stylesheet; formgen's HTML class
overrides the method `HTML._ua_stylesheets`, whose existence tests/test_useragent.py checks
(should a WeasyPrint release drop it, the stock stylesheet would apply, as before, and the
test says so).
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files
from typing import Any

from formgen.render.libraries import import_weasyprint

import_weasyprint()

from weasyprint import CSS, HTML  # imported above, quickly

NEEDS = ("list-item", "footnote", "note(")  # what a document's CSS or HTML names to need the rules
_MARKER = re.compile(r"(?m)^::marker(\s*\{)")
_NOTES = re.compile(r"(?m)^::(?:footnote|note)-[a-z-]+\s*\{[^}]*\}\n?")
_NOTE_RULES = 5


def needs_in(text: str) -> frozenset[str]:
    """Which of NEEDS a stylesheet's or a document's text names (case-insensitively)."""
    lowered = text.lower()
    return frozenset(need for need in NEEDS if need in lowered)


ALL = frozenset(NEEDS)


class FormHTML(HTML):
    """An HTML document laid out with the user-agent stylesheet its `needs` call for."""

    needs: frozenset[str] = ALL  # until told otherwise: the stock stylesheet

    def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
        stock: list[Any] = super()._ua_stylesheets(forms)
        sheet = user_agent_sheet("list-item" in self.needs, bool(self.needs & {"footnote", "note("}))
        return [sheet, *stock[1:]] if sheet is not None and stock else stock


@cache
def user_agent_sheet(markers_everywhere: bool, notes: bool) -> CSS | None:
    """The HTML5 user-agent stylesheet keeping the universal ::marker rule and the footnote and
    note rules only as asked; None for the stock one (everything kept, or a stylesheet whose
    rules are not written as expected)."""
    text = stock_text()
    if text is None or (markers_everywhere and notes):
        return None
    if not markers_everywhere:
        text, found = _MARKER.subn(r"li::marker\1", text)
        if found != 1:
            return None
    if not notes:
        text, found = _NOTES.subn("", text)
        if found != _NOTE_RULES:
            return None
    return CSS(string=text, counter_style={})


@cache
def stock_text() -> str | None:
    """The text of WeasyPrint's HTML5 user-agent stylesheet (a data file of its css package)."""
    import weasyprint.css

    try:
        return (files(weasyprint.css) / "html5_ua.css").read_text("utf-8")
    except OSError:  # pragma: no cover - a WeasyPrint without the file: the stock stylesheet
        return None
