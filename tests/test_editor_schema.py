"""The JSON Schema for editors accepts what formgen accepts: every example case validates
against its form's schema as an editor reads YAML (1.2: numbers, true/false, no dates)."""

from __future__ import annotations

import re

import jsonschema
import pytest
import yaml

from formgen.cases.load import discover
from formgen.editor_schema import case_schema, choice_pattern, form_schema, kind_schema
from formgen.pipeline import collect
from tests.conftest import EXAMPLES


class Yaml12Loader(yaml.SafeLoader):
    """Reads scalars as YAML 1.2's core schema does (as VS Code's YAML extension does): decimal
    numbers, true/false, null; no dates, no octal, no yes/no."""


Yaml12Loader.yaml_implicit_resolvers = {}
for tag, pattern, first in [
        ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
        ("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$", "-+0123456789"),
        ("tag:yaml.org,2002:float", r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", "-+.0123456789"),
        ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", "~nN")]:
    Yaml12Loader.add_implicit_resolver(tag, re.compile(pattern), list(first))
Yaml12Loader.add_constructor("tag:yaml.org,2002:int", lambda loader, node: int(loader.construct_scalar(node)))


def example_cases():
    for path in discover([EXAMPLES]):
        if path.suffix == ".yaml":
            yield pytest.param(path, id=path.name)


@pytest.mark.parametrize("path", list(example_cases()))
def test_every_example_validates_against_its_forms_schema(project, path):
    cases, problems = collect(project, [path])
    assert not problems
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12Loader)
    [case] = [c for c in cases if not c.derived]
    if "rodzaj" in data:
        schema = kind_schema(project.catalog, data["rodzaj"])
    else:
        model = project.catalog.merged_schema(case.forms)
        schema = case_schema(model, [f.id for f in case.forms], "sprawa")
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)


def test_the_schema_names_its_dialect_and_the_forms_title(project):
    schema = form_schema(project.catalog.get("zfss-umowa-pozyczki"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == project.catalog.get("zfss-umowa-pozyczki").decl.title


@pytest.mark.parametrize("value, valid", [
    ({"data_umowy": "1.12.2026"}, True), ({"data_umowy": "2026-12-01"}, True), ({"data_umowy": "1 grudnia"}, False),
    ({"kwota": "1 234,50"}, True), ({"kwota": 10000}, True), ({"kwota": 10000.5}, True), ({"kwota": "dużo"}, False),
    ({"okres_miesiecy": "24"}, True), ({"okres_miesiecy": 24}, True), ({"okres_miesiecy": "dwa"}, False),
])
def test_values_as_formgen_reads_them(project, value, valid):
    schema = form_schema(project.catalog.get("zfss-umowa-pozyczki"))
    validator = jsonschema.Draft202012Validator(schema)
    errors = [e for e in validator.iter_errors({"form": "zfss-umowa-pozyczki", "id": "x", **value})
              if list(e.absolute_path)[:1] == list(value)]
    assert (not errors) == valid


@pytest.mark.parametrize("text, matches", [("malzonek", True), ("Małżonek", True), ("MAŁŻONEK", True),
                                           ("malzonka", False), ("ma", False)])
def test_a_choice_matches_in_any_case_and_with_polish_letters(text, matches):
    assert bool(re.match(choice_pattern("malzonek"), text)) == matches


def test_schema_all_writes_every_form(tmp_path, project):
    from click.testing import CliRunner

    from formgen.cli import cli
    result = CliRunner().invoke(cli, ["schema", "--all", str(tmp_path)])
    assert result.exit_code == 0
    assert sorted(p.stem for p in tmp_path.glob("*.json")) == sorted(project.catalog.forms)
