"""DOCX templates of the child-protection forms."""

from __future__ import annotations

from docxkit import Builder


def som_oswiadczenie(b: Builder) -> None:
    """SOM Zał. 6: statement of having read the standards."""
    b.annex()
    b.para("{{ miejscowosc }}, dnia {{ oswiadczenie.data|data }}", align="right")
    b.title("OŚWIADCZENIE O ZNAJOMOŚCI I PRZESTRZEGANIU ZASAD ZAWARTYCH",
            "W STANDARDACH OCHRONY MAŁOLETNICH", "W {{ instytucja.nazwa_miejscownik|upper }}")
    b.para("Ja ", ("b", "{{ oswiadczenie.osoba.imie }} {{ oswiadczenie.osoba.nazwisko }}"),
           "{% if oswiadczenie.stanowisko %}, {{ oswiadczenie.stanowisko }}{% endif %}")
    b.para("oświadczam, że {{ zapoznalem }} się ze Standardami Ochrony Małoletnich obowiązującymi "
           "w {{ instytucja.nazwa_miejscownik }} oraz deklaruję, że będę ich przestrzegać.")
    b.signature("podpis")
