"""Starter files for a form or a case kind, made from its schema so they never drift from it.

The YAML starter lists every field with a comment above it (what it is, its unit, the allowed
values, an example, all from the field's Polish description and examples); its fixed lines are
in the user's language. A required field
gets an empty value ("") that fails validation until it is filled, so no plausible-looking
placeholder ever reaches a document; an optional field is written commented out. The CSV
starter is the header row of a form, with Polish column titles that the CSV reader accepts
as well as the dotted paths (see `csv_columns`).
"""

from __future__ import annotations

import textwrap
import typing
from collections.abc import Iterator
from types import NoneType, UnionType
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from formgen.fields import fold
from formgen.forms.labels import field_examples
from formgen.i18n import _

LIST_ITEMS_IN_CSV = 2  # columns for two items of a list of records (two guarantors, two family members)
WIDTH = 100


def starter_yaml(form_ids: list[str], model: type[BaseModel], title: str, kind: str | None = None,
                 schema_ref: str | None = None) -> str:
    """A YAML case file to fill in: every field of `model`, commented in Polish."""
    lines = [f"# yaml-language-server: $schema={schema_ref}"] if schema_ref else []
    lines += [f"# {title}",
              *_('# Type the values in place of the empty "" (required fields). Lines that begin with "# "\n'
                 '# are optional fields: remove the "# " and type a value, or leave them as they are.').splitlines(),
              f"rodzaj: {kind}" if kind else f"form: {form_ids[0]}",
              _("# Case id: the name of the output files (letters, digits, '.', '_', '-'), e.g. pozyczka-2026-014."),
              'id: ""']
    lines += _fields(model, 0, model)
    return "\n".join(lines) + "\n"


def _fields(model: type[BaseModel], depth: int, root: type[BaseModel], prefix: tuple[str, ...] = ()) -> list[str]:
    out: list[str] = []
    for name, info in model.model_fields.items():
        out += _field(name, info, depth, root, prefix + (name,))
    return out


def _field(name: str, info: FieldInfo, depth: int, root: type[BaseModel], loc: tuple[str, ...]) -> list[str]:
    pad = "  " * depth
    optional = not info.is_required()
    comment = _comment(info, root, loc, pad)
    kind = _strip_optional(info.annotation)
    if typing.get_origin(kind) is list:
        item = _strip_optional(typing.get_args(kind)[0])
        if isinstance(item, type) and issubclass(item, BaseModel):
            body = _fields(item, depth + 2, root, loc)
            lines = [f"{pad}{name}:", f"{pad}  -", *body]
        else:
            lines = [f'{pad}{name}: [""]']
    elif isinstance(kind, type) and issubclass(kind, BaseModel):
        lines = [f"{pad}{name}:", *_fields(kind, depth + 1, root, loc)]
    else:
        lines = [f'{pad}{name}: ""']
    if optional:
        lines = [_commented(line, pad) for line in lines]
    return comment + lines


def _commented(line: str, pad: str) -> str:
    """An optional field's line, commented out at its own indentation."""
    if line.lstrip().startswith("#"):
        return line
    return pad + "# " + line[len(pad):] if line.startswith(pad) else "# " + line


def _comment(info: FieldInfo, root: type[BaseModel], loc: tuple[str, ...], pad: str) -> list[str]:
    """The Polish comment above a field: its title, description and an example."""
    description = info.description or ""
    if info.title and not description.startswith(info.title):
        description = f"{info.title}: {description}" if description else info.title
    text = description
    examples = field_examples(root, loc)
    if examples and not isinstance(examples[0], (dict, list)):
        text = _("{description} Example: {example}.").format(description=text, example=examples[0]).lstrip()
    if not info.is_required():
        text = _("{description} (optional)").format(description=text).lstrip()
    return [f"{pad}# {line}" for line in textwrap.wrap(text, WIDTH - len(pad) - 2)] if text else []


def _strip_optional(kind: Any) -> Any:
    while True:
        origin = typing.get_origin(kind)
        if origin is typing.Annotated:
            kind = typing.get_args(kind)[0]
        elif origin in (typing.Union, UnionType):
            args = [a for a in typing.get_args(kind) if a is not NoneType]
            if len(args) != 1:
                return kind
            kind = args[0]
        else:
            return kind


# --- CSV: column titles --------------------------------------------------------------------

def csv_columns(model: type[BaseModel]) -> list[tuple[tuple[str | int, ...], str]]:
    """(dotted location, Polish column title) of every leaf field, in schema order; lists of
    records get the columns of their first items ("Poręczyciele 2 / Imię")."""
    return list(_columns(model, (), ()))


def _columns(model: type[BaseModel], loc: tuple[str | int, ...],
             titles: tuple[str, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    for name, info in model.model_fields.items():
        title = info.title or name
        kind = _strip_optional(info.annotation)
        if typing.get_origin(kind) is list:
            item = _strip_optional(typing.get_args(kind)[0])
            if isinstance(item, type) and issubclass(item, BaseModel):
                for index in range(LIST_ITEMS_IN_CSV):
                    yield from _columns(item, loc + (name, index), titles + (f"{title} {index + 1}",))
                continue
            for index in range(LIST_ITEMS_IN_CSV):
                yield loc + (name, index), " / ".join(titles + (f"{title} {index + 1}",))
            continue
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            yield from _columns(kind, loc + (name,), titles + (title,))
            continue
        yield loc + (name,), " / ".join(titles + (title,))


def csv_header(model: type[BaseModel], with_form: bool = True) -> list[str]:
    """The header row of a form's CSV: form, id, then the Polish column titles."""
    return (["Formularz"] if with_form else []) + ["Identyfikator sprawy"] + [title for _loc, title in csv_columns(model)]


def column_aliases(model: type[BaseModel]) -> dict[str, tuple[str | int, ...]]:
    """Folded column title -> location: the full titles ("Pożyczkobiorca / Imię"), the last
    part of a title when only one field has it ("Imię" in a staff statement), and the fixed
    columns (form, id)."""
    columns = csv_columns(model)
    aliases: dict[str, tuple[str | int, ...]] = {fold("Formularz"): ("form",), fold("Identyfikator sprawy"): ("id",),
                                                 fold("Identyfikator"): ("id",), fold("Rodzaj sprawy"): ("rodzaj",)}
    short: dict[str, list[tuple[str | int, ...]]] = {}
    for loc, title in columns:
        aliases[fold(title)] = loc
        short.setdefault(fold(title.split(" / ")[-1]), []).append(loc)
    for key, locs in short.items():
        if len(locs) == 1:
            aliases.setdefault(key, locs[0])
    return aliases
