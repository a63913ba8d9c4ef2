"""No English message left out of the catalog by accident: an AST scan of src/formgen finds
text passed directly to the channels that reach a person and not wrapped in _() or ngettext().

The channels: formgen's errors (FormgenError and its subclasses, click's exceptions), Problem's
message (and the `problem`/`at` helpers that build one), the findings of form checks and rules
((location, message) pairs), ValueError raised in field types, validators and rules,
click.echo/secho/prompt/confirm, print, an Output's problem/note/detail, and `help=` of click's
commands and options. Text without a letter (": ", "{path}: {message}") is glue, not a message.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "formgen"

ERRORS = {"FormgenError", "CatalogError", "InputError", "WriteError", "UploadError", "RenderTimeout",
          "WorkerDied", "ClickException", "UsageError", "BadParameter"}
FIRST_ARGUMENT = ERRORS | {"ValueError", "echo", "secho", "prompt", "confirm", "print", "problem", "note",
                           "detail", "fail"}
MESSAGE_ARGUMENT = {"Problem": 3, "problem": 3, "at": 2}  # (source, line, field, message); (record, loc, message)
WRAPPERS = {"_", "ngettext", "N_"}

# Files not scanned, each with its reason.
SKIPPED = {
    # The web page's own texts: Polish by design, whatever the language of messages.
    "web/uploads.py", "web/batchpages.py", "web/preview.py", "web/checking.py", "web/workers.py",
}

# Texts allowed where a person could see them: (file, how the text starts) -> why.
ALLOWED = {
    # Errors in the code, not in anyone's input: the code passes a value no caller may pass.
    ("i18n.py", "unknown language"): "set_language is called by the code with 'pl' or 'en'",
    ("rules/loan.py", "unknown loan method"): "the method comes from a Literal of the parameters' schema",
    ("rules/tax.py", "a benefit cannot be both"): "two flags the code sets from one Literal",
    ("rules/text.py", "sex must be"): "a template passes a person's validated K/M",
    # A template's own mistake (an unknown filter argument), for whoever edits templates; the
    # template error around it is translated.
    ("rules/money.py", "unknown amount-in-words style"): "the style argument of a template filter",
    ("rules/names.py", "unknown grammatical case"): "the case argument of a template filter",
    # Quoted inside the web API's own Polish message ("To nie jest poprawny JSON: …").
    ("web/api.py", " is not a number"): "the JSON parser's refusal of NaN and Infinity",
}


def _is_wrapped(node: ast.AST) -> bool:
    """_("…"), ngettext(…), or either with .format(…) after it."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return _is_wrapped(node.func.value)
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in WRAPPERS


def _texts(node: ast.AST | None) -> list[tuple[int, str]]:
    """The texts with letters that `node` passes on as they are (not through the catalog)."""
    if node is None or _is_wrapped(node):
        return []
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [(node.lineno, node.value)] if any(c.isalpha() for c in node.value) else []
    if isinstance(node, ast.JoinedStr):
        text = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
        return [(node.lineno, text)] if any(c.isalpha() for c in text) else []
    if isinstance(node, ast.BinOp):
        return _texts(node.left) + _texts(node.right)
    if isinstance(node, ast.IfExp):
        return _texts(node.body) + _texts(node.orelse)
    if isinstance(node, ast.BoolOp):
        return [found for value in node.values for found in _texts(value)]
    if isinstance(node, (ast.List, ast.Tuple)):
        return [found for item in node.elts for found in _texts(item)]
    return []


def _name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _argument(call: ast.Call, index: int, keyword: str = "message") -> ast.AST | None:
    if len(call.args) > index and not isinstance(call.args[index], ast.Starred):
        return call.args[index]
    return next((k.value for k in call.keywords if k.arg == keyword), None)


def _finding(node: ast.Tuple) -> ast.AST | None:
    """The message of a finding: a (location, message) pair, the location a tuple or a name."""
    if len(node.elts) == 2 and isinstance(node.elts[0], (ast.Tuple, ast.Name)):
        location = node.elts[0]
        if isinstance(location, ast.Tuple) and not all(
                isinstance(e, (ast.Constant, ast.Name, ast.Starred)) for e in location.elts):
            return None
        return node.elts[1]
    return None


def unwrapped(path: Path) -> list[tuple[int, str]]:
    """(line, text) of every message of a file passed on without the catalog."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            name = _name(node)
            if name in FIRST_ARGUMENT:
                found += _texts(_argument(node, 0))
            if name in MESSAGE_ARGUMENT:
                found += _texts(_argument(node, MESSAGE_ARGUMENT[name]))
            for keyword in node.keywords:
                if keyword.arg == "help":
                    found += _texts(keyword.value)
        elif isinstance(node, ast.Tuple):
            message = _finding(node)
            if message is not None and not isinstance(message, ast.Tuple):
                found += _texts(message)
    return found


def scanned() -> list[Path]:
    return sorted(p for p in SOURCE.rglob("*.py")
                  if "templates" not in p.relative_to(SOURCE).parts and "migrations" not in p.parts
                  and not any(p.relative_to(SOURCE).as_posix().startswith(s) for s in SKIPPED))


def test_every_message_passed_to_a_user_goes_through_the_catalog():
    left = []
    used = set()
    for path in scanned():
        relative = path.relative_to(SOURCE).as_posix()
        for line, text in unwrapped(path):
            allowed = next((key for key in ALLOWED if key[0] == relative and text.startswith(key[1])), None)
            if allowed:
                used.add(allowed)
            else:
                left.append(f"src/formgen/{relative}:{line}: {text!r}")
    assert not left, "messages not wrapped in _() or ngettext():\n" + "\n".join(left)
    assert used == set(ALLOWED), f"exceptions no longer needed: {set(ALLOWED) - used}"


def test_the_scan_finds_each_kind_of_channel(tmp_path):
    """Each channel is seen (so a passing scan means something)."""
    code = '''
raise FormgenError(f"no such thing {x}")
raise CatalogError("broken")
Problem("a", 1, "f", "unknown field")
at(record, ("id",), "required")
click.echo(f"{n} files written")
output.problem("stopped")
output.note("done " + x)
click.prompt("Password", hide_input=True)
raise ValueError("must be tak or nie")
click.option("--x", help="The x.")
found.append((("kwota",), f"exceeds {cap}"))
found.append((loc, "is after the date"))
click.echo(_("wrapped"))
raise FormgenError(_("wrapped {x}").format(x="a value"))
found.append((("a",), ngettext("one", "many", n).format(count=n)))
click.echo(f"{path}: {message}")
'''
    path = tmp_path / "sample.py"
    path.write_text(code, encoding="utf-8")
    assert [text for _line, text in unwrapped(path)] == [
        "no such thing ", "broken", "unknown field", "required", " files written", "stopped", "done ",
        "Password", "must be tak or nie", "The x.", "exceeds ", "is after the date"]


def _imports_translator(tree: ast.Module) -> bool:
    return any(isinstance(node, ast.ImportFrom) and node.module == "formgen.i18n"
               and any(alias.name == "_" for alias in node.names) for node in tree.body)


def test_no_module_that_translates_uses_underscore_as_a_throwaway_name():
    """Where `_` is the translator, `for _ in …` or `a, _ = …` would make a later _("…") call
    something else (an int, a tuple) and fail only when that message is shown."""
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if not _imports_translator(tree):
            continue
        found += [f"{path.relative_to(ROOT)}:{node.lineno}" for node in ast.walk(tree)
                  if isinstance(node, ast.Name) and node.id == "_" and isinstance(node.ctx, ast.Store)
                  or isinstance(node, ast.arg) and node.arg == "_"]
    assert not found, "'_' assigned where it translates:\n" + "\n".join(found)
