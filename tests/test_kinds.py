"""Case kinds: `rodzaj:` yields the kind's documents in the kind's order."""

from __future__ import annotations

from formgen.pipeline import collect
from tests.conftest import EXAMPLES, write


def loan_case_text(head: str) -> str:
    body = (EXAMPLES / "sprawa-pozyczka-2026-003.yaml").read_text(encoding="utf-8")
    return head + "".join(l + "\n" for l in body.splitlines() if not l.startswith(("form:", "#")))


def test_kind_alone_yields_all_its_documents_in_order(project, tmp_path):
    path = write(tmp_path, "k.yaml", loan_case_text("rodzaj: pozyczka\n"))
    cases, invalid = collect(project, [path])
    assert not invalid
    assert [f.id for f in cases[0].forms] == list(project.catalog.kinds["pozyczka"])


def test_kind_with_chosen_forms_keeps_the_kind_order(project, tmp_path):
    path = write(tmp_path, "k.yaml", loan_case_text(
        "rodzaj: pozyczka\nform: [zfss-rachunek-bankowy, zfss-umowa-pozyczki, zfss-oswiadczenie-dochody,"
        " zfss-podanie-pozyczka]\n"))
    cases, invalid = collect(project, [path])
    assert not invalid, [e.message for e in invalid]
    assert [f.id for f in cases[0].forms] == ["zfss-podanie-pozyczka", "zfss-oswiadczenie-dochody",
                                               "zfss-umowa-pozyczki", "zfss-rachunek-bankowy"]


def test_unknown_kind_and_stray_form_are_named(project, tmp_path):
    path = write(tmp_path, "k.yaml", "rodzaj: wycieczka\nid: k-1\n")
    _, invalid = collect(project, [path])
    assert invalid[0].message.startswith(f"{path}:1: rodzaj: unknown case kind 'wycieczka'; known kinds: ")
    path = write(tmp_path, "s.yaml", "rodzaj: pozyczka\nform: [som-oswiadczenie]\nid: k-2\n")
    _, invalid = collect(project, [path])
    assert invalid[0].message.startswith(f"{path}:1: rodzaj: som-oswiadczenie not among the documents of kind 'pozyczka'")
