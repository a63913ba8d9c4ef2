"""Filling a form's HTML template (for WeasyPrint)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from formgen.catalog import Form
from formgen.render.env import environment


def render_html(templates: Path | tuple[Path, ...], form: Form, context: dict[str, Any], when: dt.datetime) -> str:
    """The form's HTML page, with metadata that names the form, never a person."""
    meta = {"tytul": form.decl.title, "autor": context["autor_dokumentu"],
            "utworzono": when.isoformat()}
    return environment(templates).get_template(form.html_template).render(**context, meta=meta)
