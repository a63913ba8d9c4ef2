"""The form catalog: one folder per form under templates/, declared by its form.yaml."""

from __future__ import annotations

import difflib
import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, create_model

from formgen.cases.validation import load_file
from formgen.errors import CatalogError, InputError
from formgen.fields import Schema, Text
from formgen.i18n import _, either, ngettext, quoted

FORM_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
REF = re.compile(r"^[a-z_][a-z0-9_]*:[A-Za-z_][A-Za-z0-9_]*$")


class Declaration(Schema):
    """What templates/<form-id>/form.yaml says about a form."""

    id: Text
    title: Text
    short: Text  # short title for bookmarks and lists
    regulation: Text | None = None  # key into the profile's regulations; None: the form heads itself
    annex: Text | None = None  # annex number in the source regulation (None: not an annex)
    source: Text  # where the layout comes from, e.g. "ZFSS Zał. 9, §17–19"
    schema_ref: Text  # "module:Class" inside formgen.forms
    context_ref: Text  # "module:function" inside formgen.forms
    check_ref: Text | None = None
    collects: Text | None = None  # a register made from every case of this form id in the input
    rules: list[Text] = []
    # The one date style of the form, as its seed prints dates: "14 października 2026 r." (dlugie)
    # or "14.10.2026 r." (krotkie); the `data` filter follows it.
    daty: Literal["dlugie", "krotkie"] = "dlugie"


def _resolve(ref: str, where: Path) -> Any:
    if not REF.match(ref):
        raise CatalogError(_("{file}: {ref} must name module:object inside formgen.forms").format(
            file=where, ref=quoted(ref)))
    module, name = ref.split(":")
    try:
        return getattr(importlib.import_module(f"formgen.forms.{module}"), name)
    except (ImportError, AttributeError) as exc:
        raise CatalogError(_("{file}: cannot load {ref}: {error}").format(file=where, ref=quoted(ref),
                                                                          error=exc)) from None


@dataclass(frozen=True)
class Form:
    """A form: its declaration, its folder and the code it names; `fallback`: the built-in
    folder of a form that a workspace overrides (its files serve what the override lacks)."""

    decl: Declaration
    folder: Path
    fallback: Path | None = None

    @property
    def id(self) -> str:
        return self.decl.id

    @cached_property
    def schema(self) -> type[BaseModel]:
        return _resolve(self.decl.schema_ref, self.folder / "form.yaml")  # type: ignore[no-any-return]

    @cached_property
    def context(self) -> Callable[..., dict[str, Any]]:
        return _resolve(self.decl.context_ref, self.folder / "form.yaml")  # type: ignore[no-any-return]

    @cached_property
    def check(self) -> Callable[..., list[tuple[tuple[Any, ...], str]]] | None:
        ref = self.decl.check_ref
        return _resolve(ref, self.folder / "form.yaml") if ref else None

    @property
    def docx_template(self) -> Path:
        own = self.folder / "template.docx"
        return own if own.is_file() or self.fallback is None else self.fallback / "template.docx"

    @property
    def folders(self) -> list[Path]:
        """Its folders, the one that wins first."""
        return [self.folder] + ([self.fallback] if self.fallback else [])

    @property
    def html_template(self) -> str:
        return f"{self.id}/template.html"


def close_names(given: str, names: list[str]) -> list[str]:
    """The names (at most two) close enough to `given` to suggest instead."""
    return difflib.get_close_matches(given, names, n=2, cutoff=0.75)


class KindsFile(Schema):
    """templates/kinds.yaml."""

    rodzaje: dict[str, list[Text]]


class Catalog:
    """All forms found under a templates folder, by id; a workspace's `overrides` folder
    replaces single forms (a folder named like a built-in form, with or without its own
    form.yaml) or adds new ones (a folder with a form.yaml)."""

    def __init__(self, root: Path, overrides: Path | None = None) -> None:
        self.root = root
        self.forms: dict[str, Form] = {}
        for decl_path in sorted(root.glob("*/form.yaml")):
            self._add(decl_path)
        if overrides is not None:
            self._override(overrides)
        self.kinds = self._kinds(root / "kinds.yaml")

    def _override(self, folder: Path) -> None:
        for own in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
            builtin = self.forms.get(own.name)
            if (own / "form.yaml").is_file():
                self._add(own / "form.yaml")
                self.forms[own.name] = Form(self.forms[own.name].decl, own, builtin.folder if builtin else None)
            elif builtin is not None:
                self.forms[own.name] = Form(builtin.decl, own, builtin.folder)
            else:
                raise CatalogError(_("{folder}: no built-in form {name} to override, and no form.yaml "
                                     "declaring a new one").format(folder=own, name=quoted(own.name)))

    def _kinds(self, path: Path) -> dict[str, tuple[str, ...]]:
        """Case kinds (templates/kinds.yaml): kind → its forms in the order a bundle lists them."""
        if not path.is_file():
            return {}
        try:
            kinds = load_file(KindsFile, path).rodzaje
        except InputError as exc:
            raise CatalogError(exc.message) from None
        for kind, ids in kinds.items():
            unknown = [i for i in ids if i not in self.forms]
            if unknown:
                raise CatalogError(_("{file}: rodzaje.{kind}: unknown forms: {forms}").format(
                    file=path, kind=kind, forms=", ".join(unknown)))
        return {kind: tuple(ids) for kind, ids in kinds.items()}

    def forms_of_kind(self, kind: str, chosen: list[str] | None) -> tuple[Form, ...]:
        """The kind's forms (or the chosen ones among them), in the kind's order."""
        if kind not in self.kinds:
            close = close_names(kind, list(self.kinds))
            if close:
                raise CatalogError(_("unknown case kind {kind}; did you mean {names}?").format(
                    kind=quoted(kind), names=either(close)))
            raise CatalogError(_("unknown case kind {kind}; known kinds: {kinds}").format(
                kind=quoted(kind), kinds=", ".join(self.kinds)))
        order = self.kinds[kind]
        if chosen is None:
            return tuple(self.get(i) for i in order)
        stray = [c for c in chosen if c not in order]
        if stray:
            raise CatalogError(ngettext("{forms} not among the documents of kind {kind} ({documents})",
                                        "{forms} not among the documents of kind {kind} ({documents})",
                                        len(stray)).format(forms=", ".join(stray), kind=quoted(kind),
                                                           documents=", ".join(order)))
        return tuple(self.get(i) for i in order if i in chosen)

    def _add(self, decl_path: Path) -> None:
        try:
            decl = load_file(Declaration, decl_path)
        except InputError as exc:
            raise CatalogError(exc.message) from None
        if decl.id != decl_path.parent.name or not FORM_ID.match(decl.id):
            raise CatalogError(_("{file}: id {id} must equal the folder name, a lowercase slug").format(
                file=decl_path, id=quoted(decl.id)))
        self.forms[decl.id] = Form(decl, decl_path.parent)

    def get(self, form_id: str) -> Form:
        """The form with this id, or a CatalogError listing the known ids."""
        if form_id in self.forms:
            return self.forms[form_id]
        close = close_names(form_id, list(self.forms))
        if close:
            raise CatalogError(_("unknown form {form}; did you mean {names}?").format(
                form=quoted(form_id), names=either(close)))
        raise CatalogError(_("unknown form {form}; formgen list shows them all").format(form=quoted(form_id)))

    def merged_schema(self, forms: tuple[Form, ...]) -> type[BaseModel]:
        """One closed schema accepting the fields of several forms (a case with many documents)."""
        if len(forms) == 1:
            return forms[0].schema
        fields: dict[str, Any] = {}
        for form in forms:
            for name, info in form.schema.model_fields.items():
                if name in fields and fields[name][0] != info.annotation:
                    raise CatalogError(_("forms {forms} disagree on the type of {field}").format(
                        forms=", ".join(f.id for f in forms), field=quoted(name)))
                fields.setdefault(name, (info.annotation, info))
        return create_model("Case_" + "_".join(f.id.replace("-", "_") for f in forms), __base__=Schema, **fields)
