"""DOCX template of the income statement (ZFSS Zał. 10)."""

from __future__ import annotations

from docx.shared import Mm
from docxkit import Builder

APPLICANT = ("{% for m in oswiadczenie.rodzina if m.pokrewienstwo == 'wnioskodawca' %}"
             "{{ m.imie_nazwisko }}{% else %}{{ none|dots(24) }}{% endfor %}")
KINSHIP = ("{% if w %}{{ w.stopien }}{% if w.osoba.pokrewienstwo == 'dziecko' %}"
           " – ur. {{ w.osoba.data_urodzenia|data }}{% endif %}{% endif %}")
REMARKS = ("{% if w %}{{ w.osoba.uwagi or '' }}{% if not w.liczony %}{% if w.osoba.uwagi %}; {% endif %}"
           "nie wliczono – ukończone {{ wiek_dziecka }} lat{% endif %}{% endif %}")
# The annex numbers seven rows to fill by hand: the family first, the rest left empty.
ROWS = "for w in wiersze + [none] * (7 - wiersze|length)"


def zfss_oswiadczenie_dochody(b: Builder) -> None:
    """ZFSS Zał. 10: the applicant's income group and the family members counted."""
    b.annex()
    b.para("{{ miejscowosc }}, dnia {{ oswiadczenie.data|data }}", align="right")
    b.para("")
    b.para(("b", APPLICANT), align="left", after=0)
    b.para(("s", "(imię i nazwisko)"), align="left")
    b.para("")
    b.title("Oświadczenie o wysokości dochodu")
    b.para("Oświadczam, że mój średni miesięczny dochód brutto na jednego członka rodziny, obliczonego "
           "na podstawie łącznych dochodów brutto(*), mieści się w grupie ", ("b", "{{ grupa.number }}"),
           " określonej w ", ("b", "Planie podziału na grupy dochodowe w {{ rok_planu }} roku"),
           " stanowiącym załącznik nr 3 do Regulaminu Funduszu.")
    b.signature("(własnoręczny podpis)")
    b.para("")
    b.table(["L.p.", "Nazwisko i imię", "Stopień pokrewieństwa - dokładna data urodzenia dzieci", "Uwagi"],
            ["R:{{ loop.index }}.", "{% if w %}{{ w.osoba.imie_nazwisko }}{% endif %}", KINSHIP, REMARKS],
            ROWS, widths=[12, 55, 55, 46])
    b.para("")
    b.para("Oświadczenie jest dokumentem w rozumieniu art. 245 Kodeksu postępowania cywilnego, a prawdziwość "
           "danych w nim zawartych potwierdzona własnoręcznym podpisem może być weryfikowana w trybie "
           "i na warunkach określonych w art. 253 k.p.c.")
    b.para("")
    b.para("Uwagi:", size=9, after=0)
    b.para("(*) należy zsumować wszystkie miesięczne dochody ", ("b", "brutto"),
           " (łącznie ze składką na ubezpieczenia emerytalne, rentowe oraz chorobowe) członków rodziny "
           "z ostatnich {{ okres }} miesięcy – w tym przychody z tytułu 500+ oraz innych podobnych świadczeń, "
           "a następnie podzielić przez liczbę miesięcy i liczbę członków rodziny. Członkami rodziny są "
           "prowadzący wspólne gospodarstwo domowe małżonkowie oraz dzieci (własne, współmałżonka, "
           "przysposobione, przyjęte na wychowanie w ramach rodziny zastępczej) do lat {{ wiek_dziecka }}.",
           size=9)
    b.para("")
    calc = b.para(("s", "Wyliczenie: łączny dochód brutto z {{ okres }} miesięcy {{ dochod_laczny|kwota }} : "
                        "{{ okres }} : {{ liczba_czlonkow }} os. = {{ dochod_na_osobe|kwota }} "
                        "→ grupa {{ grupa.number }}"), align="left")
    calc.paragraph_format.space_before = Mm(2)
