"""Rendering one document of a case: its context, HTML, DOCX and laid-out pages, in memory.

This is the one render path: files (formgen.files) and bundles (formgen.assemble) are two
writers over what `render_document` returns, so a bundle reuses the pages laid out here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from jinja2 import TemplateError

from formgen.cases.load import Case
from formgen.cases.source import MAX_TABLE_ROWS
from formgen.catalog import Form
from formgen.errors import FormgenError
from formgen.i18n import _, quoted
from formgen.project import Project, Setup
from formgen.render.mark import note


@dataclass
class RenderedDocument:
    """One form of one case, rendered: what every writer needs."""

    form: Form
    case: Case
    html: str
    author: str  # who issues it: the institution, or an association for its own documents
    issuer: Any  # the issuer's profile (name, address) for a bundle's cover
    docx: bytes | None = None
    layout: Any = None  # the WeasyPrint Document (laid-out pages), None for a dry run

    @cached_property
    def pdf(self) -> bytes:
        """The document on its own as a PDF (its pages numbered "strona 1 z N")."""
        if self.layout is None:
            raise FormgenError(_("form {form}: the document was not laid out").format(form=self.form.id))
        from formgen.render.pdf import write_pdf

        return write_pdf(self.layout)


def common_context(project: Project, form: Form, case: Case, when: dt.datetime) -> dict[str, Any]:
    """What every template gets besides its form's own context."""
    profile = project.profile
    key = form.decl.regulation
    regulation = profile.regulaminy.get(key) if key else None
    if key and regulation is None:
        raise FormgenError(_("{file}: regulaminy: no {key} entry, needed by form {form}").format(
            file=project.data / "institution.yaml", key=quoted(form.decl.regulation), form=form.id))
    annex = regulation.zalaczniki.get(form.id, form.decl.annex) if regulation else form.decl.annex
    return {"formularz": form.decl, "instytucja": profile, "regulamin": regulation, "zalacznik": annex,
            "autor_dokumentu": profile.nazwa, "wystawca": profile,  # a form's context may name another issuer
            "styl_dat": form.decl.daty, "sprawa": {"id": case.id}, "wygenerowano": when.date(),
            "znak": project.mark, "znak_opis": note(project.mark) if project.mark else None}


def document_context(project: Project, form: Form, case: Case, when: dt.datetime) -> dict[str, Any]:
    """Everything one form's templates of a case get: the common part and the form's own."""
    return {**common_context(project, form, case, when), **form.context(case.data_for(form), project)}


def render_document(project: Project, form: Form, case: Case, when: dt.datetime, *, docx: bool = True,
                    layout: bool = True, pdf_variant: str | None = None) -> RenderedDocument:
    """Render one form of a case: HTML always, the DOCX and the laid-out pages when asked.

    Without layout it is a dry run of the PDF path (what `validate` does). `pdf_variant` lays
    the pages out for that variant (PDF/A-3a needs tagged pages).
    """
    from formgen.render.docx import render_docx
    from formgen.render.html import render_html
    from formgen.render.pdf import html_to_document

    context = document_context(project, form, case, when)
    author = context["autor_dokumentu"]
    try:
        html = render_html(project.template_roots, form, context, when)
        check_size(form, html)
        out = RenderedDocument(form, case, html, author, context["wystawca"])
        if docx:
            out.docx = render_docx(form.docx_template, project.template_roots, context, form.decl.title, author,
                                   when, mark=project.mark)
    except TemplateError as exc:
        raise FormgenError(_("form {form}: template error: {error}").format(form=form.id, error=exc)) from exc
    if layout:
        out.layout = html_to_document(html, form.folder, list(project.template_roots), pdf_variant=pdf_variant)
    return out


def check_size(form: Form, html: str) -> None:
    """Refuse, before layout, a document too large to lay out within the memory limit."""
    rows = html.count("<tr")
    if rows > MAX_TABLE_ROWS:
        raise FormgenError(_("form {form}: the document would hold {rows} table rows; the limit is {limit}: "
                             "split the case (or the input of a register) into smaller ones").format(
            form=form.id, rows=rows, limit=MAX_TABLE_ROWS))


# A page of the shared stylesheet's kinds of text, laid out and written once by `warm_up`.
_WARM_UP_PAGE = """<!doctype html><html lang="pl"><head><meta charset="utf-8">{link}</head><body>
<h1>Oświadczenie</h1><p>Zażółć <b>gęślą</b> <i>jaźń</i>, 1234,56 zł.</p>
<table><tr><th>Lp.</th><td><span class="box">☐</span> ☒</td></tr></table></body></html>"""


def warm_up(setup: Setup) -> None:
    """Make ready what every document of a process needs, before its first job (a worker runs
    it while the main process still plans the cases): the project's catalog and profile, the
    renderers imported, the name dictionary and the amount speller loaded, and one small page
    laid out and written with the shared stylesheet (fonts, the stylesheet parsed, WeasyPrint's
    and pydyf's first calls).
    What fails here fails again, and is reported, in the job that needs it."""
    from formgen.render import docx, html  # noqa: F401 - imported for the jobs to come
    from formgen.render.pdf import html_to_document, write_pdf
    from formgen.rules.money import speller
    from formgen.rules.names import _morfeusz

    project = setup.project()
    project.catalog.forms  # noqa: B018 - loaded for the jobs to come
    _morfeusz()
    speller()
    base = project.templates / "_base"
    link = '<link rel="stylesheet" href="form.css">' if (base / "form.css").is_file() else ""
    write_pdf(html_to_document(_WARM_UP_PAGE.format(link=link), base, list(project.template_roots)))
    project.profile  # noqa: B018 - last: a missing profile is the jobs' error, not the warm-up's
