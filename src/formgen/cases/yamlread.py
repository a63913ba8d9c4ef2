"""A YAML reader in which every scalar stays a string and every key keeps its line.

PyYAML's default resolvers turn `07231412017` into an octal int and `NO` into False; here
types come from the form's schema only. Aliases (and so alias bombs) and duplicate keys are
errors.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from formgen.cases.encoding import EncodingProblem, decode
from formgen.cases.source import MAX_DEPTH, MAX_ITEMS, Loc, Record, dotted, read_limited
from formgen.errors import InputError, Problem
from formgen.i18n import _, ngettext, quoted

NULLS = {"", "~", "null", "Null", "NULL"}


class _AliasError(yaml.composer.ComposerError):
    """An alias or too deep nesting was found: reported as it is, not as a syntax error."""


class _NoAliasLoader(yaml.SafeLoader):
    """SafeLoader whose composer refuses aliases instead of sharing nodes, and nesting deeper
    than MAX_DEPTH (PyYAML composes recursively: a few hundred `[` exhaust the stack)."""

    depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _AliasError(
                None, None, _("aliases (*name) are not allowed in case files"), event.start_mark
            )
        if self.depth >= MAX_DEPTH:
            deep = ngettext("nested more than {count} level deep", "nested more than {count} levels deep",
                            MAX_DEPTH).format(count=MAX_DEPTH)
            raise _AliasError(None, None, deep, self.peek_event().start_mark)
        self.depth += 1
        try:
            return super().compose_node(parent, index)  # type: ignore[no-any-return]
        finally:
            self.depth -= 1


class _Builder:
    """Turns composed nodes into plain data, recording lines and collecting problems."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lines: dict[Loc, int] = {}
        self.problems: list[Problem] = []

    def build(self, node: Node, loc: Loc) -> Any:
        self.lines.setdefault(loc, node.start_mark.line + 1)
        if isinstance(node, ScalarNode):
            return None if node.style is None and node.value in NULLS else node.value
        if isinstance(node, SequenceNode):
            if len(node.value) > MAX_ITEMS:
                count = len(node.value)
                message = ngettext("list has {count} item; the limit is {limit}",
                                   "list has {count} items; the limit is {limit}", count).format(
                    count=count, limit=MAX_ITEMS)
                self.problems.append(Problem(str(self.path), node.start_mark.line + 1, dotted(loc), message))
                return []
            return [self.build(item, loc + (i,)) for i, item in enumerate(node.value)]
        assert isinstance(node, MappingNode)
        return self.mapping(node, loc)

    def mapping(self, node: MappingNode, loc: Loc) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, ScalarNode):
                self.problems.append(Problem(str(self.path), line, dotted(loc), _("keys must be plain names")))
                continue
            key = key_node.value
            here = loc + (key,)
            if key in out:
                self.problems.append(Problem(str(self.path), line, dotted(here), _("duplicate key")))
                continue
            self.lines[here] = line
            out[key] = self.build(value_node, here)
        return out


# PyYAML's wording of the two slips people make most (what to do about them: _hint).
_HINTED = ("mapping values are not allowed here", "could not find expected ':'")
_BAD_CHARACTER = re.compile(r"found character '(.+)' that cannot start any token")


def _hint(problem: str) -> str | None:
    """What to do about a slip PyYAML reports as `problem`, if it is a common one."""
    if problem == "mapping values are not allowed here":
        return _("a value holds ': ' — put the whole value in quotes, e.g. cel: \"remont: łazienka\"")
    if problem == "could not find expected ':'":
        return _("a line without 'name: value' — add the colon after the field's name")
    return None


def _problem_text(problem: str) -> str:
    """PyYAML's description of a syntax error, in the user's language when it is a common one."""
    known = {
        "mapping values are not allowed here": _("mapping values are not allowed here"),
        "could not find expected ':'": _("could not find expected ':'"),
        "found unexpected end of stream": _("found unexpected end of stream"),
        "but found another document": _("but found another document"),
    }
    if problem in known:
        return known[problem]
    match = _BAD_CHARACTER.fullmatch(problem)
    if match:
        return _("found character {char} that cannot start any token").format(char=quoted(match.group(1)))
    return problem


def _syntax_problem(path: Path, exc: yaml.MarkedYAMLError) -> Problem:
    """A YAML syntax error at the line at fault, with a hint for the common slips."""
    problem = str(exc.problem)
    # A key left without its colon is noticed a line later: its start is the line at fault.
    mark = exc.context_mark if problem in _HINTED and exc.context_mark else exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 0
    if isinstance(exc, _AliasError):
        return Problem(str(path), line, "", problem)
    hint, text = _hint(problem), _problem_text(problem)
    if hint:
        return Problem(str(path), line, "", _("YAML syntax: {problem} ({hint})").format(problem=text, hint=hint))
    return Problem(str(path), line, "", _("YAML syntax: {problem}").format(problem=text))


def read_yaml(path: Path, encoding: str | None = None) -> list[Record]:
    """Read one YAML case file (one document, a mapping) into a Record.

    Like a CSV file it may be in UTF-8 or, saved by a Windows editor as "ANSI", in cp1250 (or
    ISO-8859-2): the encoding is detected (formgen.cases.encoding) or given."""
    try:
        text = decode(read_limited(path), encoding)[0]
    except EncodingProblem as exc:
        raise InputError([Problem(str(path), 0, "", _("cannot read: {reason}").format(reason=exc))]) from None
    except ValueError as exc:
        raise InputError([Problem(str(path), 0, "", str(exc))]) from None
    try:
        node = yaml.compose(text, Loader=_NoAliasLoader)
    except yaml.MarkedYAMLError as exc:
        raise InputError([_syntax_problem(path, exc)]) from None
    except yaml.YAMLError as exc:  # e.g. several documents in one file
        raise InputError([Problem(str(path), 0, "", _("YAML: {error}").format(error=exc))])
    if not isinstance(node, MappingNode):
        line = node.start_mark.line + 1 if node else 1
        raise InputError([Problem(str(path), line, "", _("a case file must be a mapping of fields"))])
    builder = _Builder(path)
    data = builder.build(node, ())
    if builder.problems:
        raise InputError(builder.problems)
    return [Record(path=path, line=node.start_mark.line + 1, data=data, lines=builder.lines)]
