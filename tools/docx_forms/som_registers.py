"""DOCX templates of the child-protection registers."""

from __future__ import annotations

from docxkit import Builder


def som_wykaz_zapoznanych(b: Builder) -> None:
    """SOM-D Zał. 3: the list of staff who read the standards, with a signature column."""
    b.annex()
    b.title("WYKAZ OSÓB ZAPOZNANYCH ZE STANDARDAMI OCHRONY MAŁOLETNICH",
            "obowiązującymi w {{ instytucja.nazwa_miejscownik }}")
    b.para("Potwierdzam własnoręcznym podpisem, że zapoznałam/zapoznałem się ze Standardami Ochrony "
           "Małoletnich obowiązującymi w {{ instytucja.nazwa_miejscownik }} i zobowiązuję się do ich "
           "przestrzegania.")
    b.table(["L.p.", "Imię i nazwisko", "Stanowisko", "Data zapoznania się", "Podpis"],
            ["{{ loop.index }}.", "{{ s.osoba.imie }} {{ s.osoba.nazwisko }}", "{{ s.stanowisko|dots(12) }}",
             "{{ s.data|data_krotka(8) }}", ""],
            "for s in wiersze", widths=[12, 50, 38, 32, 40])
    b.table(["L.p.", "Imię i nazwisko", "Stanowisko", "Data zapoznania się", "Podpis"],
            ["{{ liczba + loop.index }}.", "", "", "", ""], "for i in range(3)", widths=[12, 50, 38, 32, 40])
    b.para(("s", "Wykaz prowadzi osoba odpowiedzialna za realizację standardów ochrony małoletnich; nowo "
                 "zatrudnione osoby wpisuje się przed dopuszczeniem do pracy z dziećmi."))
