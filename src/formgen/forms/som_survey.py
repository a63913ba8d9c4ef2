"""The monitoring survey of the child-protection standards: blank form and results report."""

from __future__ import annotations

import datetime as dt
from typing import Any

from formgen.fields import Date, LongText, Schema, Text
from formgen.forms.common import Findings
from formgen.project import Project
from formgen.rules.survey import tally

BAR_STEPS = 20  # the DOCX bar chart: one block per 5 %


class Question(Schema):
    """A survey question: closed (with its options) or open."""

    kod: Text
    tresc: Text
    odpowiedzi: list[Text] = []
    otwarte: bool = False


class SurveyDefinition(Schema):
    """The survey as the standards define it (data/procedures/ankieta.yaml)."""

    tytul: Text
    termin_raportu_dni: int
    wstep: LongText
    pytania: list[Question]


class Survey(Schema):
    """One round of the survey: its date and, once collected, the answers (one row per person)."""

    data_ankiety: Date
    przeprowadzil: Text | None = None
    liczba_rozdanych: int | None = None
    odpowiedzi: list[dict[str, LongText | None]] = []


def definition(project: Project) -> SurveyDefinition:
    """The survey's questions, read once."""
    return project.data_model(SurveyDefinition, "procedures/ankieta.yaml")


def check_survey(survey: Survey, project: Project) -> Findings:
    """Every answer names a known question, and closed answers are among its options."""
    questions = {q.kod: q for q in definition(project).pytania}
    found: Findings = []
    for i, row in enumerate(survey.odpowiedzi):
        for code, answer in row.items():
            question = questions.get(code)
            if question is None:
                found.append((("odpowiedzi", i, code), f"no question '{code}' in the survey"))
            elif answer and not question.otwarte and answer not in question.odpowiedzi:
                found.append((("odpowiedzi", i, code),
                              f"'{answer}' is not an option; options: {', '.join(question.odpowiedzi)}"))
    if survey.liczba_rozdanych is not None and survey.liczba_rozdanych < len(survey.odpowiedzi):
        found.append((("liczba_rozdanych",), f"fewer forms handed out than the {len(survey.odpowiedzi)} returned"))
    return found


def _results(question: Question, rows: list[dict[str, str | None]]) -> dict[str, Any]:
    answers = [row.get(question.kod) or None for row in rows]
    if question.otwarte:
        return {"pytanie": question, "otwarte": [a for a in answers if a]}
    tallies, blanks = tally(answers, question.odpowiedzi)
    bars = [{"t": t, "pasek": "█" * round(t.percent * BAR_STEPS / 100)} for t in tallies]
    return {"pytanie": question, "wyniki": bars, "brak": blanks}


def survey_context(survey: Survey, project: Project) -> dict[str, Any]:
    """The questions for the blank form; with answers, the report and its due date."""
    spec = definition(project)
    rows = list(survey.odpowiedzi)
    return {
        "ankieta": survey, "definicja": spec, "raport": bool(rows), "liczba": len(rows),
        "termin_raportu": survey.data_ankiety + dt.timedelta(days=spec.termin_raportu_dni),
        "pytania": [_results(q, rows) for q in spec.pytania],
    }
