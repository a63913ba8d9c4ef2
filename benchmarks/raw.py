"""The raw engines on formgen's own templates: what a script calling docxtpl and WeasyPrint
directly would do, for the comparisons of engines.py and libreoffice.py.

    python benchmarks/raw.py prepare CASES INPUTS   # formgen computes each document's context
                                                    # and HTML once (not timed) into INPUTS
    python benchmarks/raw.py render INPUTS OUT [docx|all]

`render` is the timed process: for each document, docxtpl fills formgen's DOCX template with
formgen's context (through a plain sandboxed Jinja environment with formgen's filters, made once
per process, as a docxtpl user would) and saves it; with `all`, WeasyPrint also renders
formgen's HTML to a PDF file (its default URL fetcher and font configuration).
"""

from __future__ import annotations

import datetime as dt
import pickle
import sys
from pathlib import Path
from typing import Any

WHEN = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)


def prepare(cases: Path, inputs: Path) -> int:
    """Write every document's (name, DOCX template, context, HTML, base URL); their count."""
    from formgen.documents import document_context
    from formgen.pipeline import collect
    from formgen.project import Project
    from formgen.render.html import render_html

    project = Project()
    found, invalid = collect(project, [cases])
    if invalid:
        raise SystemExit("\n".join(e.message for e in invalid))
    items = []
    for case in found:
        for form in case.forms:
            context = document_context(project, form, case, WHEN)
            html = render_html(project.templates, form, context, WHEN)
            items.append((f"{form.id}--{case.id}", str(form.docx_template), context, html, form.folder.as_uri() + "/"))
    inputs.write_bytes(pickle.dumps(items))
    return len(items)


def environment() -> Any:
    """A sandboxed Jinja environment with formgen's filters, as the templates need them."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from formgen.render.env import FILTERS

    env = ImmutableSandboxedEnvironment(autoescape=True, undefined=StrictUndefined, trim_blocks=True,
                                        lstrip_blocks=True)
    env.filters.update(FILTERS)
    return env


def render(inputs: Path, out: Path, what: str) -> None:
    """docxtpl (and WeasyPrint, for `all`) over every prepared document."""
    from docxtpl import DocxTemplate

    items = pickle.loads(inputs.read_bytes())
    env = environment()
    out.mkdir(parents=True, exist_ok=True)
    for name, template, context, html, base in items:
        doc = DocxTemplate(template)
        doc.render(context, jinja_env=env, autoescape=True)
        doc.save(str(out / f"{name}.docx"))
        if what == "all":
            from weasyprint import HTML

            HTML(string=html, base_url=base).write_pdf(str(out / f"{name}.pdf"))


def main() -> None:
    if sys.argv[1] == "prepare":
        print(prepare(Path(sys.argv[2]), Path(sys.argv[3])))
    else:
        render(Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4] if len(sys.argv) > 4 else "all")


if __name__ == "__main__":
    main()
