"""Every field of every case schema has a Polish title and description (what messages, starter
files and the JSON Schema show), valid examples, and formgen.forms.labels finds them by location."""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
import types
import typing
from collections.abc import Iterator
from decimal import Decimal
from typing import Annotated, Any

import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo

import formgen.forms
from formgen.forms.common import Collection
from formgen.forms.labels import FieldLabel, field_examples, field_info, find_field, label
from formgen.forms.som_survey import Survey
from formgen.forms.zfss import IncomeStatement, LoanAgreement
from formgen.forms.zfss_misc import LoanApplication
from formgen.project import Project
from tests.conftest import ROOT

ENGLISH = (" the ", " of ", " and ", " is ", " must ", " this ", " when ", " empty ")
# Free text, identifiers, dates and amounts show an example, except where none would help.
NO_EXAMPLE = {"CandidateStatement.bez_rejestru"}  # a list of countries: naming one says too much


def _models(kind: Any) -> Iterator[type[BaseModel]]:
    """The models a field's type refers to: itself, list items, Optional and union members."""
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        yield kind
    for arg in typing.get_args(kind):
        yield from _models(arg)


def _reachable(roots: list[type[BaseModel]]) -> list[type[BaseModel]]:
    """Every model reachable from the roots through their fields, each once, in a stable order."""
    seen: dict[type[BaseModel], None] = {}
    stack = list(roots)
    while stack:
        model = stack.pop()
        if model in seen:
            continue
        seen[model] = None
        for info in model.model_fields.values():
            stack.extend(_models(info.annotation))
    return sorted(seen, key=lambda m: (m.__module__, m.__qualname__))


def _forms_module_models() -> list[type[BaseModel]]:
    """Every model defined in formgen.forms (case schemas and the data files they read)."""
    found = []
    for module_info in pkgutil.iter_modules(formgen.forms.__path__):
        module = importlib.import_module(f"formgen.forms.{module_info.name}")
        found += [value for value in vars(module).values()
                  if isinstance(value, type) and issubclass(value, BaseModel)
                  and value.__module__ == module.__name__]
    return found


PROJECT = Project(ROOT / "templates", ROOT / "data")
MODELS = _reachable([form.schema for form in PROJECT.catalog.forms.values()]
                    + _forms_module_models())
FIELDS = [(model, name, info) for model in MODELS for name, info in model.model_fields.items()]


def _id(item: tuple[type[BaseModel], str, FieldInfo]) -> str:
    return f"{item[0].__name__}.{item[1]}"


def test_the_walk_reaches_the_nested_models():
    names = {model.__name__ for model in MODELS}
    assert {"Person", "Applicant", "NameForms", "Borrower", "Guarantor", "IdCard", "FamilyMember",
            "Child", "IncidentEvent", "Notice", "Residence", "Asset", "Address",
            "ThresholdParams", "Question"} <= names
    assert len(FIELDS) > 250


@pytest.mark.parametrize("item", FIELDS, ids=_id)
def test_every_field_has_a_polish_title(item):
    _, name, info = item
    title = info.title
    assert title and title == title.strip(), f"{_id(item)}: no title"
    assert title != name and "_" not in title, f"{_id(item)}: the title is a code name: {title!r}"
    assert title[0].isupper(), f"{_id(item)}: a title starts with a capital letter: {title!r}"
    assert not title.endswith("."), f"{_id(item)}: a title is not a sentence: {title!r}"
    assert len(title) <= 45, f"{_id(item)}: a title is short: {title!r}"


@pytest.mark.parametrize("item", FIELDS, ids=_id)
def test_every_field_has_a_polish_description(item):
    info = item[2]
    text = info.description
    assert text and text == text.strip(), f"{_id(item)}: no description"
    assert text[0].isupper() or text[0] in "„(", f"{_id(item)}: a sentence: {text!r}"
    assert text.endswith("."), f"{_id(item)}: a description ends with a period: {text!r}"
    assert len(text) >= 20 and text != info.title, f"{_id(item)}: too short to help: {text!r}"
    assert not any(word in f" {text.lower()} " for word in ENGLISH), f"{_id(item)}: {text!r}"
    assert "  " not in text and " ," not in text, f"{_id(item)}: spacing in {text!r}"


def _base(kind: Any) -> Any:
    """The type under Annotated, Optional and list: what one value of the field is."""
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin is Annotated:
        return _base(args[0])
    if origin in (typing.Union, types.UnionType):
        members = [arg for arg in args if arg is not types.NoneType]
        return _base(members[0]) if len(members) == 1 else kind
    if origin is list:
        return _base(args[0])
    return kind


def test_free_text_identifiers_dates_and_amounts_have_examples():
    lacking = [_id(item) for item in FIELDS
               if _base(item[2].annotation) in (str, dt.date, Decimal)
               and not field_examples(item[0], (item[1],))]
    assert sorted(lacking) == sorted(NO_EXAMPLE)


def _adapter(info: FieldInfo) -> TypeAdapter[Any]:
    """A validator of the field's values, with its own constraints (max_length, ge …)."""
    if info.metadata:
        return TypeAdapter(Annotated[info.annotation, *info.metadata])
    return TypeAdapter(info.annotation)


EXAMPLED = [item for item in FIELDS if field_examples(item[0], (item[1],))]


@pytest.mark.parametrize("item", EXAMPLED, ids=_id)
def test_examples_are_valid_values_of_the_field(item):
    """An example a user copies passes validation: a PESEL passes its checksum, a date parses."""
    model, name, info = item
    adapter = _adapter(info)
    for example in field_examples(model, (name,)):
        try:
            adapter.validate_python(example)
        except ValidationError as exc:
            pytest.fail(f"{_id(item)}: example {example!r} is refused: {exc}")


def _json_properties(body: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Every property of every object in a JSON Schema (the top one and its $defs), by name."""
    found: dict[str, list[dict[str, Any]]] = {}
    for node in [body, *body.get("$defs", {}).values()]:
        for name, prop in node.get("properties", {}).items():
            found.setdefault(name, []).append(prop)
    return found


@pytest.mark.parametrize("form_id", sorted(PROJECT.catalog.forms))
def test_the_json_schema_carries_titles_and_descriptions(form_id):
    schema = PROJECT.catalog.get(form_id).schema
    for mode in ("validation", "serialization"):
        properties = _json_properties(schema.model_json_schema(mode=mode))
        for name, props in properties.items():
            for prop in props:
                assert prop.get("title") and prop.get("description"), f"{form_id}: {name}: {prop}"
        for model in _reachable([schema]):
            for name, info in model.model_fields.items():
                labels = {(p["title"], p["description"]) for p in properties[name]}
                where = f"{form_id}: {model.__name__}.{name}"
                assert (info.title, info.description) in labels, where
                if field_examples(model, (name,)):
                    assert any(p.get("examples") for p in properties[name]), f"{form_id}: {name}"


def test_merged_schemas_of_case_kinds_keep_the_labels():
    for kind in PROJECT.catalog.kinds:
        merged = PROJECT.catalog.merged_schema(PROJECT.catalog.forms_of_kind(kind, None))
        properties = _json_properties(merged.model_json_schema())
        props = [prop for found in properties.values() for prop in found]
        assert all(prop.get("title") and prop.get("description") for prop in props), kind


# --- formgen.forms.labels ---------------------------------------------------------------------

def test_field_info_finds_nested_fields():
    found = field_info(LoanAgreement, ("pozyczkobiorca", "pesel"))
    assert found == FieldLabel("Numer PESEL", found.description)
    assert "11 cyfr" in found.description
    title, description = field_info(LoanAgreement, ("kwota",))
    assert title == "Kwota pożyczki" and description.endswith(".")


def test_field_info_skips_list_indexes_and_unwraps_optionals():
    assert field_info(IncomeStatement, ("rodzina", 0, "dochod")).title == "Dochód brutto"
    assert field_info(IncomeStatement, ("rodzina", "dochod")).title == "Dochód brutto"
    assert field_info(LoanAgreement, ("poreczyciele", 1, "zatrudnienie")).title == \
        "Okres zatrudnienia"
    # dowod: IdCard | None; odmiana: NameForms | None
    assert field_info(LoanAgreement, ("poreczyciele", 0, "dowod", "numer")).title == \
        "Seria i numer dowodu"
    assert field_info(LoanAgreement, ("pozyczkobiorca", "odmiana", "narzednik")).title == \
        "Narzędnik"
    assert field_info(LoanApplication, ("kosztorys", "pozycje", 2, "koszt")).title == \
        "Orientacyjny koszt"
    assert field_info(IncomeStatement, "rodzina.1.pokrewienstwo").title == "Stopień pokrewieństwa"


def test_field_info_of_a_list_item_or_mapping_key_is_the_field_itself():
    assert field_info(IncomeStatement, ("rodzina", 3)).title == "Członkowie rodziny"
    assert field_info(Survey, ("odpowiedzi", 4, "p1")).title == "Odpowiedzi"
    assert field_info(Collection, ("pozycje", 0)).title == "Pozycje rejestru"


def test_field_info_is_none_for_what_is_no_field():
    assert field_info(LoanAgreement, ("kwtoa",)) is None
    assert field_info(LoanAgreement, ("pozyczkobiorca", "peesel")) is None
    assert field_info(LoanAgreement, ("kwota", "grosze")) is None
    assert field_info(LoanAgreement, ()) is None
    assert field_info(LoanAgreement, (0,)) is None
    assert field_info(Collection, ("pozycje", 0, "dziecko")) is None
    assert find_field(LoanAgreement, ("decyzja", "numer")) is LoanAgreement.model_fields[
        "decyzja"].annotation.model_fields["numer"]


def test_every_location_pydantic_reports_has_a_label():
    data = {"data_umowy": "jutro", "decyzja": {"numer": ""}, "kwota": "dużo",
            "pozyczkobiorca": {"imie": "Jan", "nazwisko": "Nowak", "pesel": "123", "adres": "x",
                               "stanowisko": "x", "odmiana": {"celownik": 5}},
            "poreczyciele": [{"imie": "Anna", "nazwisko": "Lis", "adres": "x", "miejsce_pracy": "x",
                              "stanowisko": "x", "zatrudnienie": "na zawsze",
                              "dowod": {"numer": "ABC 1"}}],
            "pierwsza_rata": "2026-13-01", "okres_miesiecy": "dwa", "nieznane": 1}
    with pytest.raises(ValidationError) as caught:
        LoanAgreement.model_validate(data)
    errors = caught.value.errors()
    unknown = [e["loc"] for e in errors if field_info(LoanAgreement, e["loc"]) is None]
    assert unknown == [("nieznane",)]
    assert len(errors) >= 10


def test_label_prints_the_title_and_the_code_path():
    assert label(LoanAgreement, ("pozyczkobiorca", "pesel")) == "Numer PESEL (pozyczkobiorca.pesel)"
    assert label(IncomeStatement, ("rodzina", 1, "pokrewienstwo")) == \
        "Stopień pokrewieństwa (rodzina.1.pokrewienstwo)"
    assert label(LoanAgreement, ("kwtoa",)) == "kwtoa"


def test_field_examples():
    assert field_examples(LoanAgreement, ("pozyczkobiorca", "pesel")) == ["07231412017"]
    assert field_examples(LoanAgreement, ("poreczyciele",)) == []
    assert field_examples(LoanAgreement, ("kwtoa",)) == []


def test_labels_work_on_a_merged_case_kind(project):
    merged = project.catalog.merged_schema(project.catalog.forms_of_kind("pozyczka", None))
    assert label(merged, ("pozyczkobiorca", "pesel")) == "Numer PESEL (pozyczkobiorca.pesel)"
    assert field_info(merged, ("rodzina", 0, "dochod")).title == "Dochód brutto"
