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
        raise CatalogError(f"{where}: '{ref}' must name module:object inside formgen.forms")
    module, name = ref.split(":")
    try:
        return getattr(importlib.import_module(f"formgen.forms.{module}"), name)
    except (ImportError, AttributeError) as exc:
        raise CatalogError(f"{where}: cannot load '{ref}': {exc}") from None


@dataclass(frozen=True)
class Form:
    """A form: its declaration, its folder and the code it names."""

    decl: Declaration
    folder: Path

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
        return self.folder / "template.docx"

    @property
    def html_template(self) -> str:
        return f"{self.id}/template.html"


def suggest(given: str, names: list[str], otherwise: str) -> str:
    """"; did you mean 'x'?" for names close to `given`, else "; <otherwise>" (with the names
    when there are few)."""
    close = difflib.get_close_matches(given, names, n=2, cutoff=0.75)
    if close:
        return "; did you mean " + " or ".join(f"'{name}'" for name in close) + "?"
    if otherwise.startswith("known"):
        return f"; {otherwise}: {', '.join(names)}"
    return f"; {otherwise}"


class KindsFile(Schema):
    """templates/kinds.yaml."""

    rodzaje: dict[str, list[Text]]


class Catalog:
    """All forms found under a templates folder, by id."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.forms: dict[str, Form] = {}
        for decl_path in sorted(root.glob("*/form.yaml")):
            self._add(decl_path)
        self.kinds = self._kinds(root / "kinds.yaml")

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
                raise CatalogError(f"{path}: rodzaje.{kind}: unknown forms: {', '.join(unknown)}")
        return {kind: tuple(ids) for kind, ids in kinds.items()}

    def forms_of_kind(self, kind: str, chosen: list[str] | None) -> tuple[Form, ...]:
        """The kind's forms (or the chosen ones among them), in the kind's order."""
        if kind not in self.kinds:
            raise CatalogError(f"unknown case kind '{kind}'" + suggest(kind, list(self.kinds), "known kinds"))
        order = self.kinds[kind]
        if chosen is None:
            return tuple(self.get(i) for i in order)
        stray = [c for c in chosen if c not in order]
        if stray:
            raise CatalogError(f"{', '.join(stray)} not among the documents of kind '{kind}' ({', '.join(order)})")
        return tuple(self.get(i) for i in order if i in chosen)

    def _add(self, decl_path: Path) -> None:
        try:
            decl = load_file(Declaration, decl_path)
        except InputError as exc:
            raise CatalogError(exc.message) from None
        if decl.id != decl_path.parent.name or not FORM_ID.match(decl.id):
            raise CatalogError(f"{decl_path}: id '{decl.id}' must equal the folder name, a lowercase slug")
        self.forms[decl.id] = Form(decl, decl_path.parent)

    def get(self, form_id: str) -> Form:
        """The form with this id, or a CatalogError listing the known ids."""
        try:
            return self.forms[form_id]
        except KeyError:
            raise CatalogError(f"unknown form '{form_id}'" + suggest(form_id, list(self.forms), "formgen list "
                                                                                         "shows them all")) from None

    def merged_schema(self, forms: tuple[Form, ...]) -> type[BaseModel]:
        """One closed schema accepting the fields of several forms (a case with many documents)."""
        if len(forms) == 1:
            return forms[0].schema
        fields: dict[str, Any] = {}
        for form in forms:
            for name, info in form.schema.model_fields.items():
                if name in fields and fields[name][0] != info.annotation:
                    raise CatalogError(f"forms {', '.join(f.id for f in forms)} disagree on the type of '{name}'")
                fields.setdefault(name, (info.annotation, info))
        return create_model("Case_" + "_".join(f.id.replace("-", "_") for f in forms), __base__=Schema, **fields)
