"""The register's rules across cases, from the command line, against SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import pdf_text
from tests.workspaces import (
    formgen,
    grant,
    guarantor,
    holiday,
    loan,
    make_pesel,
    make_workspace,
    person,
)

EWA = person("Ewa", "Nowicka", make_pesel(1985, 7, 15, 123, True), "K")
JAN = person("Jan", "Kowalski", make_pesel(1979, 3, 2, 456, False), "M")
OLA = person("Aleksandra", "Wiśniewska", make_pesel(1990, 1, 1, 7, True), "K")
HALINA, PIOTR = guarantor("Halina", "Poręczna", "K"), guarantor("Piotr", "Gwarant", "M")
NBSP = "\u00a0"


def _ws(tmp_path: Path, db: str | None) -> Path:
    return make_workspace(tmp_path / "ws", db)


def _case(ws: Path, name: str, text: str) -> Path:
    folder = ws / "sprawy"
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_second_holiday_subsidy_of_a_year_is_refused_naming_the_first(tmp_path: Path, register_db: str | None) -> None:
    ws = _ws(tmp_path, register_db)
    first = _case(ws, "w1", holiday("wczasy-1", "2026-06-12", EWA, "1000.00"))
    assert formgen(ws, "render", str(first), "-o", str(ws / "out")).exit_code == 0
    second = _case(ws, "w2", holiday("wczasy-2", "2026-09-01", EWA, "800.00"))
    expected = (f"{second}:4: wnioskodawca: dofinansowanie wczasów pod gruszą was already granted to this "
                f"person in 2026: zfss-wniosek-wczasy wczasy-1 z 12.06.2026; at most 1 per calendar year "
                f"(§12 ust. 1)")
    checked = formgen(ws, "validate", str(second))
    assert checked.exit_code == 1 and expected in checked.output.splitlines()
    rendered = formgen(ws, "render", str(second), "-o", str(ws / "out"))
    assert rendered.exit_code == 1 and expected in rendered.output.splitlines()
    assert not (ws / "out" / "zfss-wniosek-wczasy" / "wczasy-2.pdf").exists()
    # Another person, or the next year, is fine.
    other = _case(ws, "w3", holiday("wczasy-3", "2026-09-01", JAN, "800.00"))
    next_year = _case(ws, "w4", holiday("wczasy-4", "2027-01-15", EWA, "800.00"))
    assert formgen(ws, "validate", str(other)).exit_code == 0
    assert "no fund parameters for 2027" in formgen(ws, "validate", str(next_year)).output


def test_the_tax_of_a_later_benefit_is_computed_on_what_is_left_of_the_yearly_limit(
        tmp_path: Path, register_db: str | None) -> None:
    ws = _ws(tmp_path, register_db)
    out = ws / "out"
    # 1 200 zł: 1 000 zł tax-free, 200 zł taxed at 12 % = 24 zł.
    first = _case(ws, "w1", holiday("wczasy-1", "2026-06-12", EWA, "1400.00"))
    assert formgen(ws, "render", str(first), "-o", str(out)).exit_code == 0
    text = pdf_text(out / "zfss-wniosek-wczasy" / "wczasy-1.pdf")
    assert f"Podatek: 24,00{NBSP}zł".replace(NBSP, " ") in text
    assert "wykorzystano 0,00 zł (z rejestru: brak wcześniejszych świadczeń) = 1 000,00 zł" in text
    # Then 800 zł: nothing of the limit is left, all 800 zł taxed: 96 zł, 704 zł paid out.
    second = _case(ws, "z1", grant("zapomoga-1", "2026-10-05", EWA, "800.00"))
    assert formgen(ws, "render", str(second), "-o", str(out)).exit_code == 0
    text = pdf_text(out / "zfss-podanie-zapomoga" / "zapomoga-1.pdf")
    assert "Przyznana kwota: 800,00 zł Podatek: 96,00 zł Do wypłaty: 704,00 zł" in text
    assert ("wykorzystano 1 200,00 zł (z rejestru: zfss-wniosek-wczasy wczasy-1 z 12.06.2026: 1 200,00 zł) "
            "= 0,00 zł; 12% × 800,00 zł = 96,00 zł") in text
    # A value the case gives wins, and the document says it was given.
    third = _case(ws, "z2", grant("zapomoga-2", "2026-10-05", JAN, "800.00", 'wykorzystany_limit: "500.00"\n'))
    assert formgen(ws, "render", str(third), "-o", str(out)).exit_code == 0
    text = pdf_text(out / "zfss-podanie-zapomoga" / "zapomoga-2.pdf")
    assert "wykorzystano 500,00 zł (podano we wniosku) = 500,00 zł; 12% × 300,00 zł = 36,00 zł" in text


def test_a_third_loan_guaranteed_by_one_person_is_refused(tmp_path: Path, register_db: str | None) -> None:
    ws = _ws(tmp_path, register_db)
    out = ws / "out"
    for number, borrower in ((1, EWA), (2, JAN)):
        path = _case(ws, f"p{number}", loan(f"pozyczka-{number}", f"2026-0{number + 2}-02", borrower,
                                            HALINA + PIOTR))
        assert formgen(ws, "render", str(path), "-o", str(out)).exit_code == 0
    third = _case(ws, "p3", loan("pozyczka-3", "2026-06-01", OLA, guarantor("Anna", "Lis", "K") + PIOTR))
    result = formgen(ws, "render", str(third), "-o", str(out))
    assert result.exit_code == 1
    assert (f"{third}:25: poreczyciele.1: this guarantor already guarantees 2 loans: zfss-umowa-pozyczki "
            f"pozyczka-1 z 02.03.2026; zfss-umowa-pozyczki pozyczka-2 z 02.04.2026; one employee guarantees "
            f"at most 2 (§17 ust. 4)") in result.output.splitlines()
    # Numbers of the decisions came from the register, one after another.
    listed = formgen(ws, "register", "list").output
    assert "pozyczka-1  1/2026" in listed and "pozyczka-2  2/2026" in listed
    assert "Decyzją nr 2/2026 z dnia 2 kwietnia 2026 r." in pdf_text(out / "zfss-umowa-pozyczki" / "pozyczka-2.pdf")


def test_a_new_loan_waits_24_months_after_the_last_was_repaid_unless_an_exception_is_given(
        tmp_path: Path, register_db: str | None) -> None:
    ws = _ws(tmp_path, register_db)
    out = ws / "out"
    first = _case(ws, "p1", loan("pozyczka-1", "2026-01-05", EWA, HALINA + PIOTR, months=12))
    assert formgen(ws, "render", str(first), "-o", str(out)).exit_code == 0
    second = _case(ws, "p2", loan("pozyczka-2", "2026-11-05", EWA, HALINA + PIOTR, months=12))
    result = formgen(ws, "validate", str(second))
    assert (f"{second}:3: data_umowy: the last loan (zfss-umowa-pozyczki pozyczka-1 z 05.01.2026) is repaid by "
            f"its schedule on 28.12.2026; a new loan only 24 months after, not before 28.12.2028 (§20 ust. 1); in "
            f"an exceptional situation give the reason in 'wyjatek'") in result.output.splitlines()
    # An early repayment recorded in the register counts from its day.
    assert formgen(ws, "register", "repaid", "pozyczka-1", "--date", "2026-03-01").exit_code == 0
    assert "not before 01.03.2028" in formgen(ws, "validate", str(second)).output
    # The exception of §20 ust. 1, with its reason, lets it through and is kept in the register.
    reason = "pożar mieszkania w październiku 2026"
    second.write_text(loan("pozyczka-2", "2026-11-05", EWA, HALINA + PIOTR, f"wyjatek: {reason}\n", 12),
                      encoding="utf-8")
    assert formgen(ws, "render", str(second), "-o", str(out)).exit_code == 0
    number = formgen(ws, "register", "list", "--form", "zfss-umowa-pozyczki").output.splitlines()[-1].split()[0]
    assert f"wyjatek: {reason}" in formgen(ws, "register", "show", number).output


def test_the_plan_s_part_is_not_overspent(tmp_path: Path, register_db: str | None) -> None:
    ws = _ws(tmp_path, register_db)
    out = ws / "out"
    plan = _case(ws, "plan", "form: zfss-plan-podzialu\nid: plan-2026\nrok: 2026\ndata_posiedzenia: 2026-01-20\n"
                             'kwota_funduszu: "10000.00"\n')
    assert formgen(ws, "render", str(plan), "-o", str(out)).exit_code == 0  # zapomogi: 12,5 % = 1 250 zł
    first = _case(ws, "z1", grant("zapomoga-1", "2026-03-05", EWA, "900.00"))
    assert formgen(ws, "render", str(first), "-o", str(out)).exit_code == 0
    second = _case(ws, "z2", grant("zapomoga-2", "2026-04-05", JAN, "500.00"))
    result = formgen(ws, "validate", str(second))
    assert (f"{second}:16: opinia.kwota: the plan's part 'zapomogi' for 2026 is 1 250,00 zł (zfss-plan-podzialu "
            f"plan-2026 z 20.01.2026); 900,00 zł already granted, so 500,00 zł exceeds the 350,00 zł left"
            ) in result.output.splitlines()


def test_unchanged_cases_are_recorded_once_and_a_correction_supersedes(tmp_path: Path,
                                                                      register_db: str | None) -> None:
    ws = _ws(tmp_path, register_db)
    out = ws / "out"
    path = _case(ws, "w1", holiday("wczasy-1", "2026-06-12", EWA, "1000.00"))
    for _ in range(2):
        assert formgen(ws, "render", str(path), "-o", str(out), "--force").exit_code == 0
    assert len(formgen(ws, "register", "list").output.splitlines()) == 2  # one line and the count
    path.write_text(holiday("wczasy-1", "2026-06-12", EWA, "900.00"), encoding="utf-8")
    result = formgen(ws, "render", str(path), "-o", str(out))
    assert ("register: zfss-wniosek-wczasy wczasy-1: a correction; the earlier record is kept as superseded"
            in result.output.splitlines())
    current = formgen(ws, "register", "list").output.splitlines()
    history = formgen(ws, "register", "list", "--all").output.splitlines()
    assert len(current) == 2 and "810,00" in current[0] and current[0].endswith("wydany")
    assert len(history) == 3 and "900,00" in history[0] and history[0].endswith("zastapiony")
    # A draft is marked and not recorded.
    draft = _case(ws, "w2", holiday("wczasy-2", "2026-06-12", JAN, "1000.00"))
    assert formgen(ws, "render", str(draft), "-o", str(out), "--draft").exit_code == 0
    assert "PROJEKT" in pdf_text(out / "zfss-wniosek-wczasy" / "wczasy-2.pdf")
    assert "wczasy-2" not in formgen(ws, "register", "list", "--all").output
    # Issued after the draft: rendered again (the draft is not "up to date"), unmarked, recorded.
    issued = formgen(ws, "render", str(draft), "-o", str(out))
    assert issued.exit_code == 0 and "1 case rendered, 0 up to date" in issued.output
    assert "PROJEKT" not in pdf_text(out / "zfss-wniosek-wczasy" / "wczasy-2.pdf")
    assert "wczasy-2" in formgen(ws, "register", "list").output


def test_names_that_look_like_sql_are_stored_and_read_back_exactly(tmp_path: Path, register_db: str | None) -> None:
    ws = _ws(tmp_path, register_db)
    surname = "O'Brien'); DROP TABLE documents; --"
    who = person("Ewa", f'"{surname}"', make_pesel(1985, 7, 15, 123, True), "K")
    path = _case(ws, "w1", holiday("wczasy-1", "2026-06-12", who, "1000.00"))
    assert formgen(ws, "render", str(path), "-o", str(ws / "out")).exit_code == 0
    shown = formgen(ws, "register", "show", "1").output
    assert f"osoba: Ewa {surname}\n" in shown
    assert f"Ewa {surname}" in formgen(ws, "register", "list", "--person", "drop table").output or \
        "wczasy-1" in formgen(ws, "register", "list", "--person", "drop table").output


def test_the_yearly_report_sums_the_register_per_part_of_the_plan(tmp_path: Path, register_db: str | None) -> None:
    ws = _ws(tmp_path, register_db)
    out = ws / "out"
    plan = _case(ws, "plan", "form: zfss-plan-podzialu\nid: plan-2026\nrok: 2026\ndata_posiedzenia: 2026-01-20\n"
                             'kwota_funduszu: "10000.00"\n')
    cases = [plan, _case(ws, "w1", holiday("wczasy-1", "2026-06-12", EWA, "1000.00")),
             _case(ws, "z1", grant("zapomoga-1", "2026-03-05", JAN, "400.00")),
             _case(ws, "z2", grant("zapomoga-2", "2026-04-05", OLA, "350.00"))]
    for case in cases:
        assert formgen(ws, "render", str(case), "-o", str(out)).exit_code == 0
    report = _case(ws, "report", "form: zfss-wykonanie-planu\nid: wykonanie-2026\nrok: 2026\ndata: 2027-01-10\n")
    result = formgen(ws, "render", str(report), "-o", str(out))
    assert result.exit_code == 0, result.output
    text = pdf_text(out / "zfss-wykonanie-planu" / "wykonanie-2026.pdf")
    assert "2. wczasy pod gruszą 2 000,00 zł 900,00 zł 1 1 100,00 zł 45%" in text
    assert "4. zapomogi 1 250,00 zł 750,00 zł 2 500,00 zł 60%" in text
    assert "Razem 10 000,00 zł 1 650,00 zł 8 350,00 zł 16,5%" in text
    assert "Kwoty przyznane: z rejestru wydanych dokumentów" in text
    assert "Plan: zfss-plan-podzialu plan-2026 z 20.01.2026." in text


def _culture(case_id: str, day: str, who: str, bills: str) -> str:
    return (f"form: zfss-wniosek-kultura-sport\nid: {case_id}\ndata: {day}\nwnioskodawca:\n{who}grupa: 2\n"
            f"rachunki:\n  - opis: Karnet\n    kwota: \"{bills}\"\nopinia:\n  wniosek: przyznac\n")


def test_the_quarterly_cap_counts_what_the_register_granted_in_the_quarter(tmp_path: Path,
                                                                          register_db: str | None) -> None:
    ws = _ws(tmp_path, register_db)
    out = ws / "out"
    first = _case(ws, "k1", _culture("kultura-1", "2026-04-10", JAN, "250.00"))  # 80 % = 200 zł of 270 zł
    assert formgen(ws, "render", str(first), "-o", str(out)).exit_code == 0
    second = _case(ws, "k2", _culture("kultura-2", "2026-05-10", JAN, "250.00"))
    assert formgen(ws, "render", str(second), "-o", str(out)).exit_code == 0
    text = pdf_text(out / "zfss-wniosek-kultura-sport" / "kultura-2.pdf")
    assert ("najwyżej 70,00 zł (limit na II kwartał 2026 r. 270,00 zł, wykorzystano 200,00 zł, z rejestru: "
            "zfss-wniosek-kultura-sport kultura-1 z 10.04.2026: 200,00 zł) → przyznano 70,00 zł") in text
    third = _case(ws, "k3", _culture("kultura-3", "2026-06-10", JAN, "250.00"))
    result = formgen(ws, "validate", str(third))
    assert result.exit_code == 1
    assert f"{third}:1: wykorzystano_w_kwartale: the group 2 cap of 270.00 zł for the quarter is used up" in \
        result.output.splitlines()
    next_quarter = _case(ws, "k4", _culture("kultura-4", "2026-07-01", JAN, "250.00"))
    assert formgen(ws, "validate", str(next_quarter)).exit_code == 0


def _child_holiday(case_id: str, day: str, parent: str) -> str:
    return (f"form: zfss-wniosek-wypoczynek-dziecka\nid: {case_id}\ndata: {day}\nwnioskodawca:\n{parent}grupa: 3\n"
            "dziecko:\n  imie: Julia\n  nazwisko: Wójcik\n  data_urodzenia: 2014-05-10\nforma: kolonia\n"
            f"wypoczynek_od: {day}\nrachunki:\n  - opis: Kolonia\n    kwota: \"1100.00\"\n"
            "opinia:\n  wniosek: przyznac\n")


def test_one_organised_holiday_subsidy_per_child_a_year_whoever_applies(tmp_path: Path,
                                                                         register_db: str | None) -> None:
    ws = _ws(tmp_path, register_db)
    first = _case(ws, "d1", _child_holiday("dziecko-1", "2026-07-05", EWA))
    assert formgen(ws, "render", str(first), "-o", str(ws / "out")).exit_code == 0
    second = _case(ws, "d2", _child_holiday("dziecko-2", "2026-08-02", JAN))
    result = formgen(ws, "validate", str(second))
    assert (f"{second}:12: dziecko: dofinansowanie wypoczynku dziecka (kolonie, obozy, zimowiska) was already "
            f"granted to this child in 2026: zfss-wniosek-wypoczynek-dziecka dziecko-1 z 05.07.2026; at most 1 "
            f"per calendar year (§12 ust. 2)") in result.output.splitlines()
