"""One date style per form (issue 9): the dates a form prints from its case and the profile are
all short ("14.10.2026 r.") or all long ("14 października 2026 r."), as form.yaml `daty` says."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import BaseModel

from formgen.rules.dates import format_date_long, format_date_short
from tests.conftest import docx_text, pdf_text, squash
from tests.rendered import example_names, examples, project


def dates_in(value: Any) -> set[dt.date]:
    """Every date in a case's typed data."""
    if isinstance(value, dt.date):
        return {value}
    if isinstance(value, BaseModel):
        return set().union(*(dates_in(getattr(value, f)) for f in type(value).model_fields), set())
    if isinstance(value, (list, tuple)):
        return set().union(*(dates_in(v) for v in value), set())
    if isinstance(value, dict):
        return set().union(*(dates_in(v) for v in value.values()), set())
    return set()


def typed_text(value: Any) -> list[str]:
    """Every sentence the user typed into the case (it may hold dates in any style); short
    values (numbers, ISO dates, years) would cut into the dates formgen prints."""
    if isinstance(value, str):
        return [squash(value)] if " " in value.strip() and len(value) >= 15 else []
    if isinstance(value, dict):
        return [t for v in value.values() for t in typed_text(v)]
    if isinstance(value, list):
        return [t for v in value for t in typed_text(v)]
    return []


@pytest.mark.parametrize("name", example_names())
def test_a_form_prints_its_dates_in_one_style(name):
    doc = examples()[name]
    style = doc.form.decl.daty
    days = dates_in(doc.case.data) | {r.data for r in project().profile.regulaminy.values()}
    other = format_date_long if style == "krotkie" else format_date_short
    own = format_date_short if style == "krotkie" else format_date_long
    typed = [] if doc.case.derived else typed_text(doc.case.record.data)
    printed = 0
    for text in (pdf_text(doc.pdf), docx_text(doc.docx)):
        for words in sorted(typed, key=len, reverse=True):
            text = text.replace(words, " ")
        assert not [other(d) for d in days if other(d) in text], f"{name} ({style})"
        printed += sum(own(d) in text for d in days)
    assert printed  # every form prints some date of its case or its heading
