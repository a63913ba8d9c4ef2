"""What keeps the PDF quick to make (issue 10, README "Layout"): the stylesheets' rules, the collector.

WeasyPrint draws a one-sided dotted border dot by dot and, for a flex item whose minimum size is
`auto`, measures its content and lays it out once more before laying it out; the templates use
a tiled background (`var(--dots)`) and flex items with `min-width: 0; min-height: 0` instead.
"""

from __future__ import annotations

import re

from tests.conftest import ROOT

TEMPLATES = ROOT / "templates"
# A table cell keeps its dotted border: in the collapsed border model a background and a padding
# would not put the dots where the border was (the cell's own padding is 0 there, row heights shared).
DOTTED_CELLS = {"zfss-wniosek-wypoczynek-dziecka/template.html": ["table.child td.line"]}


def stylesheets() -> dict[str, str]:
    """The CSS of every template (its <style> blocks) and stylesheet under templates/, without
    comments, by path relative to the folder."""
    out = {}
    for path in sorted(TEMPLATES.rglob("*")):
        if path.suffix not in (".html", ".css"):
            continue
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".html":
            text = "\n".join(re.findall(r"<style>(.*?)</style>", text, re.DOTALL))
        out[str(path.relative_to(TEMPLATES))] = re.sub(r"/\*.*?\*/", "", text, flags=re.DOTALL)
    return out


def rules(text: str) -> list[tuple[str, str]]:
    """(selector, declarations) of the CSS rules in a template's <style> or a stylesheet."""
    return [(m.group(1).strip(), m.group(2)) for m in re.finditer(r"([^{}]+)\{([^{}]*)\}", text)]


def test_dotted_lines_are_backgrounds_not_borders():
    found = {}
    for path, text in stylesheets().items():
        dotted = [selector for selector, body in rules(text) if re.search(r"border[\w-]*:[^;]*dotted", body)]
        if dotted:
            found[path] = dotted
    assert found == DOTTED_CELLS


def test_the_dotted_background_is_defined_once():
    text = (TEMPLATES / "_base" / "form.css").read_text(encoding="utf-8")
    assert re.search(r"--dots:\s*url\(\"data:image/svg\+xml,", text)
    users = [path for path, text in stylesheets().items() if "var(--dots)" in text]
    assert len(users) > 10
    for path in users:
        for selector, body in rules(stylesheets()[path]):
            if "var(--dots)" in body:  # the padding takes the place of the border's 1px
                assert re.search(r"padding(-bottom)?:[^;]*1px", body), (path, selector)


# Flex containers whose items get min-width/min-height 0 elsewhere, or need not.
FLEX_AS_IS = {
    ".sig .line.on": "a date centred on its line: the line's text is the one (anonymous) item",
    ".payrow": "a .sig (form.css gives it min-width/min-height 0) beside the amounts, a table "
               "sized by its content",
}


def test_flex_items_have_no_automatic_minimum_size():
    """Each flex container of a template has a rule for its items with min-width and min-height 0
    (or its items are signatures, .sig, which have them in form.css)."""
    sig = dict(rules(stylesheets()["_base/form.css"]))[".sig"]
    assert "min-width: 0" in sig and "min-height: 0" in sig
    for path, text in stylesheets().items():
        for selector, body in rules(text):
            if not re.search(r"display:\s*flex", body) or selector in FLEX_AS_IS:
                continue
            # the items' rules start like the container's (`.checks li` → `.checks .box`)
            parts = [part.strip().removesuffix(" li") for part in selector.split(",")]
            items = [(s, b) for s, b in rules(text) if s != selector and any(s.startswith(part) for part in parts)]
            assert selector == ".sigs" or any(
                ("min-width: 0" in b and "min-height: 0" in b) or s.endswith(" .sig") for s, b in items), (path, selector)


def test_the_command_line_lets_the_garbage_collector_run_less_often(monkeypatch):
    import gc

    from formgen import cli
    from formgen.runner import YOUNG_OBJECTS_BEFORE_GC

    before = gc.get_threshold()
    monkeypatch.setattr(cli.cli, "main", lambda **_: None)  # no command: only what main() sets up
    try:
        cli.main()
        assert gc.get_threshold() == (YOUNG_OBJECTS_BEFORE_GC, *before[1:])
    finally:
        gc.set_threshold(*before)
