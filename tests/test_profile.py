"""The institution profile: annex numbers per institution, paragraph references."""

from __future__ import annotations

import shutil

import pytest

from formgen.documents import render_document
from formgen.errors import CatalogError
from formgen.output import build_time
from formgen.pipeline import collect
from formgen.profile import Profile
from formgen.project import Project
from tests.conftest import EXAMPLES, ROOT, pdf_text


def effective_annexes(project: Project, key: str) -> dict[str, str]:
    """form id → the annex number the form prints under the profile's regulation `key`."""
    regulation = project.profile.regulaminy[key]
    return {form.id: regulation.zalaczniki.get(form.id, form.decl.annex)
            for form in project.catalog.forms.values() if form.decl.regulation == key
            and regulation.zalaczniki.get(form.id, form.decl.annex)}


@pytest.mark.parametrize("key", ["som", "zfss"])
def test_each_annex_number_names_one_document(project, key):
    numbers = effective_annexes(project, key)
    assert len(set(numbers.values())) == len(numbers), numbers
    others = project.profile.regulaminy[key].inne_zalaczniki
    assert not set(numbers.values()) & set(others)


def test_the_image_consent_is_not_the_annex_on_images(project):
    # In the Lisków model standards, Zał. 5 is "Zasady ochrony wizerunku i danych osobowych dzieci".
    assert effective_annexes(project, "som")["som-zgoda-wizerunek"] == "12"
    assert project.catalog.get("som-zgoda-wizerunek").decl.annex is None


def profile_with(tmp_path, old: str, new: str) -> Project:
    """A project whose data folder is a copy with one change to the profile."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    text = (ROOT / "data" / "institution.yaml").read_text(encoding="utf-8")
    assert old in text
    (data / "institution.yaml").write_text(text.replace(old, new), encoding="utf-8")
    return Project(ROOT / "templates", data)


@pytest.mark.parametrize("old, new, message", [
    ('som-zgoda-wizerunek: "12"', 'som-zgoda-wizerunek: "4"', "annex numbers given to more than one form: 4"),
    ('som-zgoda-wizerunek: "12"', 'som-zgoda-wizerunek: "5"', "annex numbers of other documents given to forms: 5"),
])
def test_clashing_annex_numbers_are_a_profile_error(tmp_path, old, new, message):
    with pytest.raises(CatalogError, match=message):
        _ = profile_with(tmp_path, old, new).profile


def test_paragraph_references_are_data(tmp_path):
    project = profile_with(tmp_path, 'procedura_interwencji: "§ 7"', 'procedura_interwencji: "§ 12 ust. 3"')
    assert project.profile.regulaminy["som"].paragraf("procedura_interwencji") == "§ 12 ust. 3"
    assert project.profile.regulaminy["zfss"].paragraf("procedura_interwencji") is None
    assert isinstance(project.profile, Profile)
    cases, _ = collect(project, [EXAMPLES / "interwencja-2026-001.yaml"])
    text = pdf_text(render_document(project, cases[0].forms[0], cases[0], build_time()).pdf)
    assert ("Kolejność i zakres działań według § 12 ust. 3 Standardów Ochrony Małoletnich w Żłobku "
            "Miejskim nr 3 w Przykładowie.") in text
    assert "§ 7" not in text and "§7" not in text


def test_a_reference_the_profile_lacks_is_left_out(tmp_path):
    project = profile_with(tmp_path, '      rejestr_zgloszen: "§ 22 ust. 4"   # who keeps the incident register (rejestr zgłoszeń)\n', "")
    cases, _ = collect(project, [EXAMPLES / "zgloszenie-2026-001.yaml"])
    [register] = [c for c in cases if c.derived]
    text = pdf_text(render_document(project, register.forms[0], register, build_time()).pdf)
    assert "odpowiedzialna za realizację standardów ochrony małoletnich. Kolejne zgłoszenia" in text
    assert "§" not in text
