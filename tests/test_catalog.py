"""The catalog is complete (every form of FORMS.md), consistent, documented and exemplified."""

from __future__ import annotations

from collections import Counter

from formgen.pipeline import collect
from tests.conftest import EXAMPLES, ROOT

FORMS_MD = ["som-karta-interwencji", "som-oswiadczenie", "som-karta-zgloszenia", "som-rejestr-zgloszen", "som-wykaz-zapoznanych", "som-ankieta", "som-oswiadczenie-kandydata", "som-zgoda-wizerunek", "som-plan-pomocy", "som-notatka-sluzbowa", "zfss-plan-podzialu", "zfss-tabela-doplat", "zfss-grupy-dochodowe", "zfss-wniosek-wczasy", "zfss-wniosek-wypoczynek-dziecka", "zfss-podanie-zapomoga", "zfss-wniosek-kultura-sport", "zfss-podanie-pozyczka", "zfss-umowa-pozyczki", "zfss-oswiadczenie-dochody", "zfss-oswiadczenie-niezatrudnienie", "zfss-rachunek-bankowy", "pol-polityka-rachunkowosci", "pol-plan-amortyzacji", "pol-podzial-kosztow"]
# Forms beyond the seeds' annexes: the yearly report on the fund plan, from the register.
BEYOND = ["zfss-wykonanie-planu"]


def test_every_form_of_the_catalog_exists_with_both_templates(project):
    assert sorted(project.catalog.forms) == sorted(FORMS_MD + BEYOND)
    for form in project.catalog.forms.values():
        assert form.docx_template.is_file(), form.id
        assert (form.folder / "template.html").is_file(), form.id


def test_annex_numbers_are_unique_within_a_regulation(project):
    numbers = Counter()
    for form in project.catalog.forms.values():
        key = form.decl.regulation
        if key:
            regulation = project.profile.regulaminy[key]
            numbers[(key, regulation.zalaczniki.get(form.id, form.decl.annex))] += 1
    assert [k for k, n in numbers.items() if n > 1] == []


def test_every_form_has_an_example_and_is_documented(project):
    cases, invalid = collect(project, [EXAMPLES])
    assert not invalid, [e.message for e in invalid]
    rendered = {f.id for c in cases for f in c.forms}
    assert rendered == set(FORMS_MD + BEYOND)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert [f for f in FORMS_MD + BEYOND if f"`{f}`" not in readme] == []


def test_case_kinds_cover_the_kinds_of_forms_md(project):
    assert set(project.catalog.kinds) == {"pozyczka", "swiadczenie", "interwencja", "nowy-pracownik",
                                          "rok-funduszu", "rok-stowarzyszenia"}
