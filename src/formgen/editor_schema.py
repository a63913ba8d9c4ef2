"""JSON Schema of a form's case data for editors (VS Code's YAML extension and the like).

The schema accepts exactly what formgen's loader accepts, so the editor and `formgen
validate` agree: formgen reads every value as text and types it itself, while an editor reads
YAML 1.2, where `24` is a number, `07231412017` an integer and `tak` a string. So:

- dates: "2026-11-20" or "20.11.2026" (with or without " r.");
- amounts: numbers, or text such as "10000.00", "1 234,50";
- whole numbers: numbers or digits as text;
- yes/no: true/false or tak/nie (any letter case);
- identifiers (PESEL, NIP, REGON, KRS, account): digits as text or as a number;
- choices: the canonical codes, also in any letter case and with Polish letters
  ("Małżonek" for `malzonek`), as formgen maps them;
- lists: the items, or `{wczytaj: file.csv}` for a list kept in a spreadsheet.
Titles and descriptions are the fields' Polish ones.
"""

from __future__ import annotations

from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

DIALECT = "https://json-schema.org/draft/2020-12/schema"
DATE_PATTERN = r"^\s*(\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4}(\s*r\.?)?)\s*$"
AMOUNT_PATTERN = r"^\s*[+-]?\d{1,3}([ \u00a0\u202f]?\d{3})*([.,]\d{1,2})?\s*$|^\s*[+-]?\d+([.,]\d{1,2})?\s*$"
DIGITS_PATTERN = r"^\s*[+-]?\d+\s*$"
# The letters a choice's code may be written with, as formgen.fields.fold reads them.
_VARIANTS = {"a": "aAąĄ", "c": "cCćĆ", "e": "eEęĘ", "l": "lLłŁ", "n": "nNńŃ", "o": "oOóÓ", "s": "sSśŚ",
             "z": "zZżŻźŹ"}


def choice_pattern(code: str) -> str:
    """A regular expression that matches `code` in any letter case, with or without Polish letters."""
    parts = []
    for char in code:
        if char.isalpha():
            letters = _VARIANTS.get(char.lower(), char.lower() + char.upper())
            parts.append(f"[{letters}]")
        else:
            parts.append("\\" + char if char in r".^$*+?()[]{}|\-" else char)
    return "^\\s*" + "".join(parts) + "\\s*$"


class EditorSchema(GenerateJsonSchema):
    """Pydantic's JSON Schema generation, widened to formgen's loader (see the module)."""

    def date_schema(self, schema: core_schema.DateSchema) -> JsonSchemaValue:
        return {"type": "string", "pattern": DATE_PATTERN, "examples": ["2026-11-20", "20.11.2026"]}

    def decimal_schema(self, schema: core_schema.DecimalSchema) -> JsonSchemaValue:
        return {"anyOf": [{"type": "number"}, {"type": "string", "pattern": AMOUNT_PATTERN}]}

    def int_schema(self, schema: core_schema.IntSchema) -> JsonSchemaValue:
        number = super().int_schema(schema)
        return {"anyOf": [number, {"type": "string", "pattern": DIGITS_PATTERN}]}

    def bool_schema(self, schema: core_schema.BoolSchema) -> JsonSchemaValue:
        words = "|".join(choice_pattern(w)[4:-4] for w in ("tak", "nie", "true", "false", "yes", "no"))
        return {"anyOf": [{"type": "boolean"}, {"type": "string", "pattern": f"^\\s*({words})\\s*$"}]}

    def literal_schema(self, schema: core_schema.LiteralSchema) -> JsonSchemaValue:
        codes = [str(v) for v in schema["expected"]]
        return {"anyOf": [{"enum": codes}, *({"type": "string", "pattern": choice_pattern(c)} for c in codes)]}

    def list_schema(self, schema: core_schema.ListSchema) -> JsonSchemaValue:
        # A list may be kept in a CSV beside the case: `odpowiedzi: {wczytaj: odpowiedzi.csv}`.
        include = {"type": "object", "properties": {"wczytaj": {"type": "string", "pattern": r"\.[cC][sS][vV]$"}},
                   "required": ["wczytaj"], "additionalProperties": False}
        return {"anyOf": [super().list_schema(schema), include]}

    def str_schema(self, schema: core_schema.StringSchema) -> JsonSchemaValue:
        # Identifiers and other text may be written unquoted, which YAML 1.2 reads as a number.
        return {"anyOf": [super().str_schema(schema), {"type": "integer"}]}


def form_schema(form: Any) -> dict[str, Any]:
    """The editor's JSON Schema of one form's case file: `form`, `id`, then the form's fields."""
    return case_schema(form.schema, [form.id], form.decl.title)


def kind_schema(catalog: Any, kind: str) -> dict[str, Any]:
    """The editor's JSON Schema of a case kind's file (`rodzaj: pozyczka`): every field of its forms."""
    forms = catalog.forms_of_kind(kind, None)
    return case_schema(catalog.merged_schema(forms), [f.id for f in forms], f"Sprawa: {kind}")


def case_schema(model: Any, form_ids: list[str], title: str) -> dict[str, Any]:
    """A case file's schema: `form` (one of the ids, or a list of them), `id`, `rodzaj`, the fields."""
    body: dict[str, Any] = model.model_json_schema(mode="validation", schema_generator=EditorSchema)
    one = {"enum": form_ids}
    properties = {
        "form": {"title": "Formularz", "description": f"Identyfikator formularza: {', '.join(form_ids)}.",
                 "anyOf": [one, {"type": "array", "items": one}]},
        "id": {"title": "Identyfikator sprawy", "type": "string",
               "description": "Nazwa plików wynikowych: litery, cyfry, '.', '_' lub '-' (do 80 znaków)."},
        "rodzaj": {"title": "Rodzaj sprawy", "type": "string",
                   "description": "Rodzaj sprawy (zamiast listy formularzy), np. pozyczka."},
    }
    # The models' docstrings (English, for developers) are no help in an editor.
    for definition in body.get("$defs", {}).values():
        definition.pop("description", None)
    body.pop("description", None)
    return {"$schema": DIALECT, **body, "title": title,
            "properties": {**properties, **body.get("properties", {})},
            "required": ["id", *body.get("required", [])],
            "anyOf": [{"required": ["form"]}, {"required": ["rodzaj"]}]}
