"""The monitoring survey of the child-protection standards: blank form and results report."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import Field

from formgen.fields import Date, LongText, Schema, Text
from formgen.forms.common import Findings
from formgen.i18n import _, ngettext
from formgen.project import Project
from formgen.rules.survey import tally

BAR_STEPS = 20  # the DOCX bar chart: one block per 5 %


class Question(Schema):
    """A survey question: closed (with its options) or open."""

    kod: Text = Field(
        title="Kod pytania",
        description="Krótki, niepowtarzalny kod pytania, którym ankiety oznaczają odpowiedzi.",
        json_schema_extra={"examples": ["p1"]})
    tresc: Text = Field(
        title="Treść pytania",
        description="Pytanie, jak jest drukowane w ankiecie.",
        json_schema_extra={"examples": ["Czy znasz treść Standardów Ochrony Małoletnich?"]})
    odpowiedzi: list[Text] = Field(
        default=[], title="Odpowiedzi do wyboru",
        description="Odpowiedzi do wyboru w pytaniu zamkniętym; w pytaniu otwartym pusta lista.",
        json_schema_extra={"examples": [["tak", "częściowo", "nie"]]})
    otwarte: bool = Field(
        default=False, title="Pytanie otwarte",
        description=("Czy pytanie jest otwarte (odpowiedź własnymi słowami): true albo false; "
                     "domyślnie false, czyli pytanie zamknięte."))


class SurveyDefinition(Schema):
    """The survey as the standards define it (data/procedures/ankieta.yaml)."""

    tytul: Text = Field(
        title="Tytuł ankiety",
        description="Tytuł ankiety drukowany w nagłówku formularza i raportu.",
        json_schema_extra={"examples": [("Ankieta monitorująca poziom realizacji Standardów "
                                         "Ochrony Małoletnich")]})
    termin_raportu_dni: int = Field(
        title="Termin raportu",
        description=("W ilu dniach od dnia ankiety raport trafia do Dyrektora (30 dni według "
                     "§22 ust. 7)."),
        json_schema_extra={"examples": [30]})
    wstep: LongText = Field(
        title="Wstęp",
        description="Tekst wstępu ankiety, drukowany przed pytaniami.",
        json_schema_extra={"examples": ["Ankieta jest anonimowa."]})
    pytania: list[Question] = Field(
        title="Pytania",
        description="Pytania ankiety w kolejności druku.")


class Survey(Schema):
    """One round of the survey: its date and, once collected, the answers (one row per person)."""

    data_ankiety: Date = Field(
        title="Data przeprowadzenia ankiety",
        description=("Dzień przeprowadzenia ankiety (2026-10-15 lub 15.10.2026); od niego liczy "
                     "się termin przekazania raportu Dyrektorowi."),
        json_schema_extra={"examples": ["2026-10-15"]})
    przeprowadzil: Text | None = Field(
        default=None, title="Ankietę przeprowadził(a)",
        description=("Imię i nazwisko oraz funkcja osoby, która przeprowadziła ankietę; puste: "
                     "wykropkowane miejsce."),
        json_schema_extra={"examples": ["Maria Przykładowa, koordynatorka standardów"]})
    liczba_rozdanych: int | None = Field(
        default=None, title="Liczba rozdanych ankiet",
        description=("Ile ankiet rozdano, nie mniej niż wypełnionych; puste: wykropkowane "
                     "miejsce."),
        json_schema_extra={"examples": [8]})
    odpowiedzi: list[dict[str, LongText | None]] = Field(
        default=[], title="Odpowiedzi",
        description=("Wypełnione ankiety, jedna pozycja na osobę: kod pytania i odpowiedź (przy "
                     "pytaniu zamkniętym jedna z jego odpowiedzi do wyboru); puste: drukowany "
                     "jest czysty formularz ankiety bez raportu."),
        json_schema_extra={"examples": [[{"p1": "tak", "p7": "Więcej szkoleń."}]]})


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
                found.append((("odpowiedzi", i, code), _("no question '{code}' in the survey").format(code=code)))
            elif answer and not question.otwarte and answer not in question.odpowiedzi:
                found.append((("odpowiedzi", i, code), _("'{answer}' is not an option; options: {options}").format(
                    answer=answer, options=", ".join(question.odpowiedzi))))
    returned = len(survey.odpowiedzi)
    if survey.liczba_rozdanych is not None and survey.liczba_rozdanych < returned:
        found.append((("liczba_rozdanych",), ngettext("fewer forms handed out than the {count} returned",
                                                      "fewer forms handed out than the {count} returned",
                                                      returned).format(count=returned)))
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
