"""ZFŚS benefit applications (Zał. 4–7) and the subsidy table (Zał. 2): examples and checks.

Every expected amount is worked by hand in a comment, from data/params/zfss-2026.yaml:
groups' percentages 90/80/65/50/35/20 %, tax-free limit 1 000 zł, rate 12 %, tax in full złoty.
"""

from __future__ import annotations

import re

import pytest

from formgen.documents import render_document
from formgen.output import build_time
from formgen.pipeline import collect
from tests.conftest import EXAMPLES, assert_docx_xml_strict, docx_text, pdf_text, write

ZFSS = "Regulaminu Gospodarowania Zakładowym Funduszem Świadczeń Socjalnych"
APPLICANT_LABELS = (
    "(imię i nazwisko)",
    "(stanowisko)",
    "(adres zamieszkania)",
    "Dyrektor Żłobka",
    "w miejscu",
    "(własnoręczny podpis)",
    "Opinia Komisji Socjalnej",
    "Komisja socjalna wnioskuje o:",
    "Podpisy komisji:",
    "Akceptuję",
    "Pieczęć i podpis Dyrektora",
    "(podpis)",
)


def render_case(project, path, form_id: str | None = None):
    """Render one form of the case in `path` (default: its first) to (docx text, pdf text)."""
    cases, invalid = collect(project, [path])
    assert not invalid, [e.message for e in invalid]
    [case] = cases
    form = next(f for f in case.forms if form_id in (None, f.id))
    doc = render_document(project, form, case, build_time())
    assert_docx_xml_strict(doc.docx)
    return docx_text(doc.docx), pdf_text(doc.pdf)


def assert_in_both(texts, *needles: str) -> None:
    for text, kind in zip(texts, ("DOCX", "PDF")):
        for needle in needles:
            assert needle in text, f"{kind} lacks {needle!r}"


def assert_decision(texts, granted: str, tax: str, payout: str) -> None:
    assert_in_both(texts, f"Przyznana kwota: {granted}", f"Podatek: {tax}", f"Do wypłaty: {payout}")


# --- Rendered examples -----------------------------------------------------------------


def test_holiday_application(project):
    texts = render_case(project, EXAMPLES / "wczasy-2026-001.yaml")
    assert_in_both(
        texts,
        f"Załącznik nr 4 do {ZFSS}",
        "Przykładowo, dnia 20 lipca 2026 r.",
        "Ewa Nowicka",
        "opiekunka",
        "ul. Brzozowa 7, 00-954 Przykładowo",
        *APPLICANT_LABELS,
        "Wniosek o dofinansowanie wczasów",
        "tzw. „wczasy pod gruszą”",
        "Urlop wypoczynkowy w wymiarze 14 kolejnych dni kalendarzowych wykorzystałam w terminie "
        "od 1 lipca 2026 r. do 14 lipca 2026 r.",
        "(Kadry – podpis)",
        "Faktura nr 118/2026 za pobyt w pensjonacie „Pod Lipą” – 2 000,00 zł",
        "Przykładowo, dnia 28 lipca 2026 r.",
        "Tomasz Wójcik",
        "Marek Zieliński",
        "przyznanie dofinansowania do „wczasów pod gruszą” w wysokości 1 100,00 zł",
        "nie przyznanie dofinansowania.",
        # group 2: 2 000 × 80 % = 1 600 → cap 1 100; limit 1 000 − 0 = 1 000 left;
        # 100 taxable × 12 % = 12; 1 100 − 12 = 1 088.
        "80% × rachunki 2 000,00 zł = 1 600,00 zł",
        "najwyżej 1 100,00 zł",
        "12% × 100,00 zł = 12,00 zł",
    )
    assert_decision(texts, "1 100,00 zł", "12,00 zł", "1 088,00 zł")
    for text in texts:
        assert (text.count("☒"), text.count("☐")) == (1, 1)
        # Zał. 4 keeps "Uzasadnienie:" after the refusal, with its lines, whatever the committee decides.
        assert "nie przyznanie dofinansowania. Uzasadnienie:" in text


def test_benefit_case_computes_the_group_from_the_family(project):
    path = EXAMPLES / "sprawa-wczasy-2026-001.yaml"
    # (13 500 + 13 500 + 0) / 3 months / 3 members = 3 000,00 → "do 3 000" = group 2
    # (80 %, cap 1 100).
    income = render_case(project, path, "zfss-oswiadczenie-dochody")
    assert_in_both(income, "mieści się w grupie 2", "3 000,00 zł", "Katarzyna Zielińska")
    texts = render_case(project, path, "zfss-wniosek-wczasy")
    # 1 250 × 80 % = 1 000 (under the cap); limit 1 000 − 400 = 600 left; 400 taxable × 12 % = 48;
    # 1 000 − 48 = 952.
    assert_in_both(
        texts,
        "Katarzyna Zielińska",
        "wykorzystałam",
        "od 3 sierpnia 2026 r. do 16 sierpnia 2026 r.",
        "Wyliczenie: grupa 2;",
        "80% × rachunki 1 250,00 zł = 1 000,00 zł",
        "limit roczny 1 000,00 zł − wykorzystano 400,00 zł (podano we wniosku) = 600,00 zł",
        "12% × 400,00 zł = 48,00 zł",
    )
    assert_decision(texts, "1 000,00 zł", "48,00 zł", "952,00 zł")


def test_child_holiday_application(project):
    texts = render_case(project, EXAMPLES / "wypoczynek-dziecka-2026-001.yaml")
    assert_in_both(
        texts,
        f"Załącznik nr 5 do {ZFSS}",
        *APPLICANT_LABELS,
        "Tomasz Wójcik",
        "Wniosek o dofinansowanie wycieczki dzieci",
        "Proszę o jednorazowe dofinansowanie do wycieczki zorganizowanej mojego dziecka",
        "Julii Wójcik",  # the child's name in the genitive: a woman's surname in -k stays as it is
        "urodzonego",
        "10 maja 2014 r.",
        "(imię dziecka)",
        "(data urodzenia dziecka)",
        "które uczestniczyło w (proszę zakreślić właściwy punkt)",
        "☒ kolonii",
        "☐ obozie",
        "☐ zimowisku",
        "☐ inny rodzaj wycieczki zorganizowanej",
        "od 5 lipca 2026 r. do 18 lipca 2026 r.",
        "Do wniosku dołączam następujące dokumenty:",
        "zaświadczenie organizatora o uczestnictwie dziecka",
        "przyznanie dofinansowania wycieczki dziecka pracownika w wysokości 715,00 zł",
        # group 3: 1 100 × 65 % = 715 (cap 800); children's holidays: exempt without limit.
        "65% × rachunki 1 100,00 zł = 715,00 zł",
        "najwyżej 800,00 zł",
        "zwolnione bez limitu",
    )
    assert_decision(texts, "715,00 zł", "0,00 zł", "715,00 zł")


def test_hardship_grant_application(project):
    texts = render_case(project, EXAMPLES / "zapomoga-2026-001.yaml")
    assert_in_both(
        texts,
        f"Załącznik nr 6 do {ZFSS}",
        *APPLICANT_LABELS,
        "Halina Poręczna",
        "Podanie",
        "Proszę o przyznanie mi zapomogi finansowej z Zakładowego Funduszu Świadczeń Socjalnych "
        "w związku z trudną sytuacją materialną. Uzasadnienie:",
        "koszty leczenia stomatologicznego syna przekroczyły moje możliwości.",
        "Dołączam rachunki z ostatnich trzech miesięcy.",
        "Data ostatniej przyznanej zapomogi materialnej: 12 marca 2025 r.",
        "Dołączone dokumenty:",
        "Faktura nr 77/09/2026 za leczenie stomatologiczne – 900,00 zł",
        "Rachunek nr 1204/2026 za leki – 450,50 zł",
        "przyznanie zapomogi w wysokości 1 215,45 zł",
        "nie przyznanie zapomogi.",
        "Trudna sytuacja materialna potwierdzona rachunkami.",
        # group 1: (900 + 450,50) × 90 % = 1 215,45 (cap 1 500); limit 1 000 − 300 = 700 left;
        # 515,45 taxable × 12 % = 61,85 → 62 zł; 1 215,45 − 62 = 1 153,45.
        "90% × rachunki 1 350,50 zł = 1 215,45 zł",
        "12% × 515,45 zł = 62,00 zł",
    )
    assert_decision(texts, "1 215,45 zł", "62,00 zł", "1 153,45 zł")


def test_culture_and_sport_application(project):
    texts = render_case(project, EXAMPLES / "kultura-sport-2026-001.yaml")
    assert_in_both(
        texts,
        f"Załącznik nr 7 do {ZFSS}",
        *APPLICANT_LABELS,
        "Marek Zieliński",
        "Wniosek o dofinansowanie działalności kulturalno-oświatowej",
        "Proszę o przyznanie mi dofinansowania do:",
        "karnetu na basen miejski (maj–czerwiec 2026)",
        "Rachunek nr B/0512/2026 za karnet na basen – 320,00 zł",
        "przyznanie dofinansowania w wysokości 170,00 zł",
        # group 2, quarter II: cap 270 − 100 already granted = 170 left; 320 × 80 % = 256 → 170;
        # limit 1 000 − 950 = 50 left; 120 taxable × 12 % = 14,40 → 14 zł; 170 − 14 = 156.
        "80% × rachunki 320,00 zł = 256,00 zł",
        "najwyżej 170,00 zł (limit na II kwartał 2026 r. 270,00 zł, wykorzystano 100,00 zł, podano we wniosku)",
        "12% × 120,00 zł = 14,00 zł",
    )
    assert_decision(texts, "170,00 zł", "14,00 zł", "156,00 zł")


def test_subsidy_table(project):
    texts = render_case(project, EXAMPLES / "tabela-doplat-2026.yaml")
    assert_in_both(
        texts,
        f"Załącznik nr 2 do {ZFSS}",
        "Tabela dopłat z Zakładowego Funduszu Świadczeń Socjalnych do kolonii, obozów,",
        "zimowisk i wczasów w 2026 roku",
        "W dniu 28 stycznia 2026 r. na spotkaniu przedstawicieli "
        "pracowników zatrudnionych w Żłobku Miejskim nr 3 w Przykładowie w składzie:",
        "1. Anna Kowalczyk",
        "4. Halina Poręczna",
        "opracowano następującą tabelę dopłat",
        "Świadczenie",
        "Dopłata",
        "świadczenia urlopowe dla nauczycieli (na pełny etat) 2 100,00 zł",
        "wczasy pod gruszą",
        "• I grupa 90% kosztów, do 1 200,00 zł",
        "• VI grupa 20% kosztów, do 700,00 zł",
        "dopłaty do wypoczynku dzieci",
        "• I grupa 90% kosztów, do 1 000,00 zł",
        "• VI grupa 20% kosztów, do 500,00 zł",
        "Podpisy:",
        "(Anna Kowalczyk)",
    )


# --- Cases written for a test ----------------------------------------------------------

HEAD = """id: t-1
data: 2026-07-20
wnioskodawca: {imie: Jan, nazwisko: Nowak, plec: M}
"""
HOLIDAY = "form: zfss-wniosek-wczasy\n" + HEAD + "urlop_od: 2026-07-01\nurlop_do: 2026-07-14\n"


def texts_of(project, tmp_path, text: str):
    return render_case(project, write(tmp_path, "case.yaml", text))


def test_blank_committee_part_keeps_dotted_lines(project, tmp_path):
    texts = texts_of(project, tmp_path, HOLIDAY + "grupa: 1\n")
    dots = "…" * 14 + " złotych"
    assert_in_both(
        texts,
        "wykorzystałem",
        f"Przyznana kwota: {dots}",
        f"Podatek: {dots}",
        f"Do wypłaty: {dots}",
        f"w wysokości {dots}",
        "Uzasadnienie:",
        "dnia " + "…" * 20,
    )
    for text in texts:
        assert (text.count("☒"), text.count("☐")) == (0, 2)
        assert "Wyliczenie" not in text


def test_refusal_grants_nothing(project, tmp_path):
    text = HOLIDAY + "grupa: 1\nopinia:\n  wniosek: odmowic\n  uzasadnienie: Brak rachunków.\n"
    texts = texts_of(project, tmp_path, text)
    assert_in_both(texts, "☒ nie przyznanie dofinansowania.", "Brak rachunków.")
    assert_decision(texts, "0,00 zł", "0,00 zł", "0,00 zł")


def test_committee_amount_below_the_cap(project, tmp_path):
    # Group 1 (cap 1 200); the committee grants 1 200 of bills worth 3 000:
    # 200 over the limit → 24 tax.
    text = HOLIDAY + (
        "grupa: 1\nrachunki:\n  - {opis: Faktura 1, kwota: '3000'}\n"
        "opinia:\n  wniosek: przyznac\n  kwota: '1200'\n"
    )
    texts = texts_of(project, tmp_path, text)
    assert_in_both(texts, "kwota Komisji 1 200,00 zł", "90% × rachunki 3 000,00 zł = 2 700,00 zł")
    assert_decision(texts, "1 200,00 zł", "24,00 zł", "1 176,00 zł")


def test_random_event_grant_is_exempt_up_to_the_event_amount(project, tmp_path):
    # Theft: bills in full (2 300) up to the 2026 amount for theft, 1 500; exempt without limit.
    text = (
        "form: zfss-podanie-zapomoga\n" + HEAD + "grupa: 4\nzapomoga: losowa\nzdarzenie: kradziez\n"
        "ostatnia_zapomoga: 2026-02-01\nrachunki:\n  - {opis: Protokół szkody, kwota: '2300'}\n"
        "opinia:\n  wniosek: przyznac\n"
    )
    texts = texts_of(project, tmp_path, text)
    assert_in_both(
        texts,
        "Proszę o przyznanie mi zapomogi losowej",
        "zdarzeniem losowym: kradzież",
        "rachunki 2 300,00 zł = 2 300,00 zł",
        "najwyżej 1 500,00 zł",
        "zwolnione bez limitu",
    )
    assert_decision(texts, "1 500,00 zł", "0,00 zł", "1 500,00 zł")


# --- Checks ----------------------------------------------------------------------------


def messages(project, tmp_path, text: str) -> list[str]:
    path = write(tmp_path, "bad.yaml", text)
    cases, invalid = collect(project, [path])
    assert not cases and len(invalid) == 1
    return [line.removeprefix(f"{path}:") for line in invalid[0].message.splitlines()]


def test_leave_shorter_than_14_days(project, tmp_path):
    text = HOLIDAY.replace("2026-07-14", "2026-07-13") + "grupa: 2\n"
    assert messages(project, tmp_path, text) == [
        (
            "6: urlop_do: the leave lasts 13 days; at least 14 consecutive calendar days are required "
            "(§13 ust. 5)"
        )
    ]
    text = HOLIDAY.replace("2026-07-14", "2026-06-30") + "grupa: 2\n"
    assert messages(project, tmp_path, text) == [
        "6: urlop_do: the leave ends before it starts (2026-07-01)"
    ]


def test_income_group_given_computed_or_missing(project, tmp_path):
    assert messages(project, tmp_path, HOLIDAY) == [
        "1: grupa: give the income group (grupa) or the family's incomes (rodzina)"
    ]
    assert messages(project, tmp_path, HOLIDAY + "grupa: 7\n") == [
        "7: grupa: no income group 7; the 2026 plan has groups 1-6"
    ]
    family = (
        "rodzina:\n  - {imie_nazwisko: Jan Nowak, pokrewienstwo: wnioskodawca, dochod: '9000'}\n"
        "  - {imie_nazwisko: Ala Nowak, pokrewienstwo: dziecko}\n"
    )
    assert messages(project, tmp_path, HOLIDAY + family) == [
        "9: rodzina.1.data_urodzenia: required for a child"
    ]


def test_committee_amount_and_bills(project, tmp_path):
    text = (
        HOLIDAY + "grupa: 2\nopinia:\n  data: 2026-07-10\n  wniosek: przyznac\n  kwota: '1100.01'\n"
    )
    assert messages(project, tmp_path, text) == [
        "9: opinia.data: the opinion precedes the application of 2026-07-20",
        "11: opinia.kwota: exceeds the group 2 cap of 1100.00 zł",
    ]
    text = HOLIDAY + "grupa: 2\nopinia:\n  wniosek: przyznac\n"
    assert messages(project, tmp_path, text) == [
        "8: opinia: to grant, give the bills (rachunki) or the committee's amount (kwota)"
    ]
    text = HOLIDAY + "grupa: 2\nopinia:\n  wniosek: odmowic\n  kwota: '100'\n"
    assert messages(project, tmp_path, text) == [
        "10: opinia.kwota: an amount goes with wniosek: przyznac only"
    ]


CHILD = (
    "form: zfss-wniosek-wypoczynek-dziecka\n" + HEAD + "grupa: 1\n"
    "dziecko: {imie: Ala, nazwisko: Nowak, data_urodzenia: BIRTH}\nforma: FORM\n"
    "wypoczynek_od: 2026-07-05\n"
)


def test_child_must_be_under_18_when_the_holiday_starts(project, tmp_path):
    # Born 5 July 2008: 18 on 5 July 2026, the holiday's first day → refused; born a day later → 17.
    assert messages(
        project, tmp_path, CHILD.replace("BIRTH", "2008-07-05").replace("FORM", "oboz")
    ) == [
        (
            "6: dziecko.data_urodzenia: the child is 18 on 2026-07-05, the holiday's start; "
            "the limit is under 18"
        )
    ]
    path = write(tmp_path, "ok.yaml", CHILD.replace("BIRTH", "2008-07-06").replace("FORM", "oboz"))
    assert not collect(project, [path])[1]
    assert messages(
        project, tmp_path, CHILD.replace("BIRTH", "2008-07-06").replace("FORM", "inny")
    ) == ["1: forma_inna: name the kind of organised holiday (forma: inny)"]
    no_birth = CHILD.replace(", data_urodzenia: BIRTH", "").replace("FORM", "kolonia")
    assert messages(project, tmp_path, no_birth) == [
        "6: dziecko.data_urodzenia: required: the child must be under 18 when the holiday starts"
    ]


GRANT = (
    "form: zfss-podanie-zapomoga\n" + HEAD + "grupa: 2\nzapomoga: KIND\nostatnia_zapomoga: LAST\n"
)


def test_one_hardship_grant_per_calendar_year(project, tmp_path):
    text = GRANT.replace("KIND", "materialna").replace("LAST", "2026-01-02")
    assert messages(project, tmp_path, text) == [
        (
            "7: ostatnia_zapomoga: a hardship grant was already given in 2026 (on 2026-01-02); "
            "one per calendar year (§23 ust. 1)"
        )
    ]
    for ok in (
        GRANT.replace("KIND", "materialna").replace("LAST", "2025-12-31"),
        GRANT.replace("KIND", "losowa").replace("LAST", "2026-01-02") + "zdarzenie: pozar_powodz\n",
    ):
        assert not collect(project, [write(tmp_path, "ok.yaml", ok)])[1]
    text = GRANT.replace("KIND", "losowa").replace("LAST", "2026-07-21")
    assert messages(project, tmp_path, text) == [
        (
            "1: zdarzenie: a random-event grant names its event: smierc_pracownika, "
            "smierc_dziecka, smierc_malzonka, smierc_rodzicow, pozar_powodz, kradziez, "
            "choroba_pracownika, choroba_czlonka_rodziny"
        )
    ]
    text = GRANT.replace("KIND", "materialna").replace("LAST", "2026-07-21")
    assert messages(project, tmp_path, text) == [
        "7: ostatnia_zapomoga: is after the application's date"
    ]


CULTURE = (
    "form: zfss-wniosek-kultura-sport\n" + HEAD + "grupa: 2\nwykorzystano_w_kwartale: 'USED'\n"
    "rachunki:\n  - {opis: Karnet, kwota: '300'}\nopinia:\n  wniosek: przyznac\n"
)


def test_quarterly_cap(project, tmp_path):
    assert messages(project, tmp_path, CULTURE.replace("USED", "270")) == [
        "6: wykorzystano_w_kwartale: the group 2 cap of 270.00 zł for the quarter is used up"
    ]
    assert messages(project, tmp_path, CULTURE.replace("USED", "100") + "  kwota: '170.01'\n") == [
        (
            "11: opinia.kwota: exceeds the cap left this quarter, 170.00 zł (group 2: 270.00 zł, "
            "already granted 100.00 zł)"
        )
    ]


def test_subsidy_table_checks(project, tmp_path):
    text = "form: zfss-tabela-doplat\nid: t-2\nrok: 2026\ndata_posiedzenia: 2027-01-10\n"
    assert messages(project, tmp_path, text) == [
        "4: data_posiedzenia: the meeting is after the table's year 2026"
    ]
    [message] = messages(project, tmp_path, text.replace("rok: 2026", "rok: 2031"))
    assert message.startswith("3: rok: no fund parameters for 2031: ")


DOTTED_LINE = re.compile(r"…{20,}")  # a dotted line across the DOCX page, to fill by hand


@pytest.mark.parametrize("name, lines, after_refusal", [
    ("wczasy-2026-001.yaml", 4, True),  # Zał. 4: "nie przyznanie dofinansowania. Uzasadnienie:" + 4 lines
    ("wypoczynek-dziecka-2026-001.yaml", 3, True),  # Zał. 5: the same, 3 lines
    ("kultura-sport-2026-001.yaml", 3, False),  # Zał. 7: "Uzasadnienie:" under both options, 3 lines
])
def test_reasons_lines_stay_when_the_committee_grants(project, name, lines, after_refusal):
    from formgen.documents import document_context
    from formgen.render.html import render_html

    cases, invalid = collect(project, [EXAMPLES / name])
    assert not invalid and cases[0].data.opinia.wniosek == "przyznac" and not cases[0].data.opinia.uzasadnienie
    form, when = cases[0].forms[0], build_time()
    html = render_html(project.templates, form, document_context(project, form, cases[0], when), when)
    committee = html[html.index("Komisja socjalna wnioskuje"):html.index("Podpisy komisji")]
    assert committee.count('<div class="dotline"></div>') == lines
    assert ("</span>nie przyznanie" in committee and ". Uzasadnienie:</li>" in committee) == after_refusal
    docx = docx_text(render_document(project, form, cases[0], when, layout=False).docx)
    opinion = docx[docx.index("Komisja socjalna wnioskuje"):docx.index("Wyliczenie:")]
    assert len(DOTTED_LINE.findall(opinion)) == lines and "Uzasadnienie:" in opinion
