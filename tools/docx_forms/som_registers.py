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
            ["{{ loop.index }}.", "{{ s.osoba.imie }} {{ s.osoba.nazwisko }}", "{{ s.stanowisko|dots(9) }}",
             "{{ s.data|data(7) }}", ""],
            "for s in wiersze", widths=[12, 50, 38, 34, 38])
    b.table(["L.p.", "Imię i nazwisko", "Stanowisko", "Data zapoznania się", "Podpis"],
            ["{{ liczba + loop.index }}.", "", "", "", ""], "for i in range(3)", widths=[12, 50, 38, 34, 38])
    b.para(("s", "Wykaz prowadzi osoba odpowiedzialna za realizację standardów ochrony małoletnich; nowo "
                 "zatrudnione osoby wpisuje się przed dopuszczeniem do pracy z dziećmi."))


def som_ankieta(b: Builder) -> None:
    """SOM-D Zał. 2: the blank survey, then (with answers) the results report."""
    b.annex()
    b.title("{{ definicja.tytul|upper }}", "w {{ instytucja.nazwa_miejscownik }}")
    b.para(("s", "Data przeprowadzenia ankiety: {{ ankieta.data_ankiety|data }}"), align="left")
    b.tag("{%p for line in definicja.wstep|akapity %}")
    b.para("{{ line }}")
    b.tag("{%p endfor %}")
    b.tag("{%p for r in pytania %}")
    b.para("{{ loop.index }}. {{ r.pytanie.tresc }}", align="left", after=1)
    b.tag("{%p if r.pytanie.otwarte %}")
    b.para("…" * 60, align="left", after=0)
    b.para("…" * 60, align="left")
    b.tag("{%p else %}")
    b.para("{% for o in r.pytanie.odpowiedzi %}☐ {{ o }}     {% endfor %}", align="left", indent=6)
    b.tag("{%p endif %}")
    b.tag("{%p endfor %}")
    b.para(("s", "Dziękujemy za wypełnienie ankiety. Wypełniony formularz należy złożyć "
                 "{% if ankieta.przeprowadzil %}osobie przeprowadzającej ankietę: {{ ankieta.przeprowadzil }}"
                 "{% else %}osobie odpowiedzialnej za realizację standardów{% endif %}."))
    b.tag("{%p if raport %}")
    b.page_break()
    b.title("RAPORT Z WYNIKÓW ANKIETY MONITORUJĄCEJ", "{{ definicja.tytul }}")
    b.para("Data przeprowadzenia ankiety: ", ("b", "{{ ankieta.data_ankiety|data }}"), align="left", after=0)
    b.para("Liczba rozdanych ankiet: {{ ankieta.liczba_rozdanych|dots(8) }}", align="left", after=0)
    b.para("Liczba wypełnionych ankiet: ", ("b", "{{ liczba }}"), align="left", after=0)
    b.para("Ankietę przeprowadził(a): {{ ankieta.przeprowadzil|dots }}", align="left", after=0)
    b.para("Termin przekazania raportu Dyrektorowi: ", ("b", "{{ termin_raportu|data }}"),
           " ({{ definicja.termin_raportu_dni }} dni od dnia ankiety)", align="left")
    b.para(("s", "Odsetek to udział odpowiedzi wśród udzielonych odpowiedzi na pytanie, zaokrąglony do 0,1% (równa liczba odpowiedzi daje zawsze ten sam odsetek, dlatego suma odsetków może wynosić 99,9% lub 100,1%)."), align="left")
    b.tag("{%p for r in pytania %}")
    b.para(("b", "{{ loop.index }}. {{ r.pytanie.tresc }}"), align="left", after=1)
    b.tag("{%p if r.pytanie.otwarte %}")
    b.tag("{%p for a in r.otwarte %}")
    b.para(("s", "– {{ a }}"), align="left", after=0)
    b.tag("{%p endfor %}")
    b.tag("{%p else %}")
    b.table(["Odpowiedź", "Liczba", "Odsetek", "Wykres"],
            ["{{ w.t.answer }}", "R:{{ w.t.count }}", "R:{{ w.t.percent|procent }}", "{{ w.pasek }}"],
            "for w in r.wyniki", widths=[60, 18, 20, 62])
    b.para(("s", "{% if r.brak %}Bez odpowiedzi: {{ r.brak }}{% endif %}"), align="left")
    b.tag("{%p endif %}")
    b.tag("{%p endfor %}")
    b.para(("b", "Wnioski i rekomendacje"), align="left")
    b.para("…" * 60, align="left", after=0)
    b.para("…" * 60, align="left")
    b.signatures("(data przekazania raportu)", "(podpis osoby odpowiedzialnej za realizację standardów)")
    b.tag("{%p endif %}")


def som_rejestr_zgloszen(b: Builder) -> None:
    """SOM-D Zał. 5: the register of all incident cards."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    section = b.doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(15)
    b.annex()
    b.title("REJESTR ZGŁOSZEŃ ZDARZEŃ ZAGRAŻAJĄCYCH BEZPIECZEŃSTWU MAŁOLETNICH",
            "w {{ instytucja.nazwa_miejscownik }}{% if lata %} – {{ lata|join(', ') }} r.{% endif %}")
    b.table(["L.p.", "Data zgłoszenia", "Data i miejsce zdarzenia", "Imię i nazwisko dziecka", "Rodzaj zdarzenia",
             "Zgłaszający", "Powiadomieni (kto, kiedy)", "Przyjmujący zgłoszenie", "Uwagi"],
            ["{{ loop.index }}.",
             "{{ w.karta.data_zgloszenia|data }}{% if w.karta.godzina_zgloszenia %}, "
             "{{ w.karta.godzina_zgloszenia }}{% endif %}",
             "{{ w.karta.zdarzenie.data|data }}, {{ w.karta.zdarzenie.miejsce }}",
             "{{ w.karta.dziecko.imie }} {{ w.karta.dziecko.nazwisko }}",
             "{{ w.rodzaje }}{% if w.karta.zdarzenie.inny_rodzaj %} ({{ w.karta.zdarzenie.inny_rodzaj }}){% endif %}",
             "{{ w.karta.zawiadamiajacy }}",
             "{% for n in w.karta.powiadomieni %}{{ n.kto }} – {{ n.data|data }}"
             "{% if not loop.last %}; {% endif %}{% else %}–{% endfor %}",
             "{{ w.karta.przyjmujacy|dots(10) }}", ""],
            "for w in wiersze", widths=[10, 24, 34, 30, 36, 32, 40, 28, 20])
    b.para(("s", "{% set par = regulamin.paragraf('rejestr_zgloszen') if regulamin else none %}"
                 "Rejestr prowadzi osoba odpowiedzialna za realizację standardów ochrony małoletnich"
                 "{% if par %} ({{ par }} {{ regulamin.tytul_dopelniacz }}){% endif %}. Kolejne zgłoszenia "
                 "wpisuje się niezwłocznie po przyjęciu karty zgłoszenia."))
