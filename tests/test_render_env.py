"""The shared template filters: dotted lines for absent values, Polish formats, paragraphs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from formgen.render.env import FILTERS


def test_absent_values_become_dotted_lines():
    assert FILTERS["dots"](None, 5) == "…" * 5
    assert FILTERS["dots"]("", 3) == "…" * 3
    assert FILTERS["dots"]("Anna") == "Anna"
    assert FILTERS["kwota"](None, 4) == "…" * 4
    assert FILTERS["data_dluga"](None, 2) == "……"


def test_polish_formats():
    assert FILTERS["kwota"](Decimal("1234.5")) == "1\u00a0234,50\u00a0zł"
    assert FILTERS["liczba"](Decimal(1000)) == "1\u00a0000,00"
    assert FILTERS["slownie"](Decimal("1200.50")) == "jeden tysiąc dwieście złotych 50/100"
    assert FILTERS["data_dluga"](dt.date(2026, 11, 22)) == "22 listopada 2026 r."
    assert FILTERS["data_krotka"](dt.date(2026, 3, 5)) == "05.03.2026 r."
    assert FILTERS["konto"]("PL61109010140000071219812874") == "PL61 1090 1014 0000 0712 1981 2874"
    assert [FILTERS["rzymska"](n) for n in (1, 4, 6)] == ["I", "IV", "VI"]
    assert [FILTERS["procent"](Decimal(v)) for v in ("12.50", "100", "80.0", "17.5")] == [
        "12,5%", "100%", "80%", "17,5%"]
    assert FILTERS["pole"](True) + FILTERS["pole"](False) == "☒☐"


def test_paragraphs_split_at_blank_lines_and_join_wrapped_lines():
    text = "Pierwsze zdanie\nzawinięte.\n\n  Drugi akapit.\n\n\n"
    assert FILTERS["akapity"](text) == ["Pierwsze zdanie zawinięte.", "Drugi akapit."]
    assert FILTERS["akapity"](None) == []


def test_data_prints_the_form_date_style(project):
    from formgen.render.env import environment

    template = environment(project.templates).from_string("{{ d|data }} / {{ none|data(3) }}")
    day = dt.date(2026, 10, 14)
    assert template.render(d=day, styl_dat="dlugie") == "14 października 2026 r. / ………"
    assert template.render(d=day, styl_dat="krotkie") == "14.10.2026 r. / ………"
    assert template.render(d=day) == "14 października 2026 r. / ………"  # long unless the form says short
