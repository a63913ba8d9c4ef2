"""DOCX template of the intervention card (SOM Zał. 4) with the required steps of §7."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from docxkit import Builder

LINE = "…" * 40  # one full dotted line to fill by hand
INDENT = 5  # mm, the answers under an item's label


def _lines(b: Builder, count: int) -> None:
    for _ in range(count):
        b.para(LINE, align="left", indent=INDENT)


def _entries(b: Builder, items: str, label: str) -> None:
    """Dated entries (actions, meetings): 'Data' and a label, or empty lines when there are none."""
    b.tag("{%p for e in " + items + " %}")
    b.para("Data: ", ("b", "{{ e.data|data }}"), align="left", indent=INDENT, after=0)
    b.para(label + ":", align="left", indent=INDENT, after=0)
    b.tag("{%p for line in e.opis|akapity %}")
    b.para(("b", "{{ line }}"), align="left", indent=INDENT, after=0)
    b.tag("{%p endfor %}")
    b.para("", after=0)
    b.tag("{%p else %}")
    b.para("Data: {{ none|data }}", align="left", indent=INDENT, after=0)
    b.para(label + ":", align="left", indent=INDENT, after=0)
    _lines(b, 3)
    b.tag("{%p endfor %}")


def _checklist(b: Builder) -> None:
    """The bordered box of the procedure: every step with its checkbox and letter."""
    box = b.doc.add_table(rows=1, cols=1)
    box.style = "Table Grid"
    cell = box.cell(0, 0)
    rows = [
        ("b", "Wymagane działania — procedura: {{ procedura.title }}", 0),
        ("", "{%p for s in kroki %}", 0),
        ("", "{{ s.wykonano|pole }} {{ s.kod }}) {{ s.tresc }}", 9),
        ("", "{%p endfor %}", 0),
        ("s", "{% set par = regulamin.paragraf('procedura_interwencji') if regulamin else none %}"
              "Kolejność i zakres działań według {% if par %}{{ par }} {% endif %}"
              "{{ regulamin.tytul_dopelniacz if regulamin else 'standardów ochrony małoletnich' }}. "
              "Zaznaczono działania wykonane do dnia sporządzenia karty; pozostałe należy podjąć "
              "i odnotować w pkt 4–8.", 0),
    ]
    for i, (style, text, hang) in enumerate(rows):
        para = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.LEFT
        para.paragraph_format.space_after = Pt(4 if style else 1)
        if hang:
            para.paragraph_format.left_indent = Mm(hang)
            para.paragraph_format.first_line_indent = Mm(-hang)
        run = para.add_run(text)
        run.bold = "b" in style or None
        run.font.size = Pt(8.5 if "s" in style else 11)


def som_karta_interwencji(b: Builder) -> None:
    """SOM Zał. 4: the intervention card, then the checklist of the procedure's steps."""
    b.annex()
    b.title("Karta interwencji")

    b.para("1. Imię i nazwisko dziecka:", align="left", after=0)
    b.para(("b", "{{ karta.dziecko.imie }} {{ karta.dziecko.nazwisko }}"), ", data urodzenia: ",
           "{% if karta.dziecko.data_urodzenia %}", ("b", "{{ karta.dziecko.data_urodzenia|data }}"),
           "{% else %}{{ none|data }}{% endif %}", align="left", indent=INDENT, after=6)

    b.para("2. Przyczyna interwencji (forma krzywdzenia):", align="left", after=0)
    b.para(("b", "{{ procedura.title }}"), align="left", indent=INDENT, after=0)
    b.tag("{%p for line in karta.przyczyna|akapity %}")
    b.para(("b", "{{ line }}"), align="left", indent=INDENT, after=0)
    b.tag("{%p endfor %}")
    b.para("", after=0)

    b.para("3. Osoba zawiadamiająca o podejrzeniu krzywdzenia:", align="left", after=0)
    b.para(("b", "{{ karta.zawiadamiajacy }}"), align="left", indent=INDENT, after=0)
    b.para("Zgłoszenie przyjęto dnia ", ("b", "{{ karta.data_zgloszenia|data }}"), align="left",
           indent=INDENT, after=6)

    b.para("4. Opis działań podjętych przez opiekuna/psychologa:", align="left", after=0)
    _entries(b, "karta.dzialania", "Działanie")

    b.para("5. Spotkania z opiekunami dziecka:", align="left", after=0)
    _entries(b, "karta.spotkania", "Opis spotkania")

    b.para("6. Forma podjętej interwencji (właściwe zaznaczyć):", align="left", after=0)
    b.tag("{%p for f in formy %}")
    b.tag("{%p if f.klucz == 'inna' %}")
    b.tag("{%p if karta.inna_interwencja %}")
    b.para("{{ f.zaznaczono|pole }} {{ f.nazwa }}. Jaki?", align="left", indent=INDENT, after=0)
    b.tag("{%p for line in karta.inna_interwencja|akapity %}")
    b.para(("b", "{{ line }}"), align="left", indent=INDENT + 5, after=0)
    b.tag("{%p endfor %}")
    b.tag("{%p else %}")
    b.para("{{ f.zaznaczono|pole }} {{ f.nazwa }}. Jaki? {{ none|dots(24) }}", align="left", indent=INDENT,
           after=0)
    _lines(b, 2)
    b.tag("{%p endif %}")
    b.tag("{%p else %}")
    b.para("{{ f.zaznaczono|pole }} {{ f.nazwa }},", align="left", indent=INDENT, after=0)
    b.tag("{%p endif %}")
    b.tag("{%p endfor %}")
    b.para("", after=0)

    b.para("7. Dane dotyczące interwencji (nazwa organu, do którego zgłoszono interwencję) "
           "i data interwencji:", align="left", after=0)
    b.tag("{%p for o in karta.organy %}")
    b.para(("b", "{{ o.nazwa }}"), " – dnia ", ("b", "{{ o.data|data }}"), align="left", indent=INDENT,
           after=0)
    b.tag("{%p else %}")
    _lines(b, 3)
    b.tag("{%p endfor %}")
    b.para("", after=0)

    b.para("8. Wyniki interwencji: działania organów wymiaru sprawiedliwości, jeśli placówka uzyskała "
           "informacje o wynikach/działania placówki/działania rodziców:", align="left", after=0)
    b.tag("{%p for line in karta.wyniki|akapity %}")
    b.para(("b", "{{ line }}"), align="left", indent=INDENT, after=0)
    b.tag("{%p else %}")
    _lines(b, 4)
    b.tag("{%p endfor %}")
    b.para("")

    _checklist(b)
    b.para("")
    b.para("{{ instytucja.adres.miejscowosc }}, dnia {{ karta.data_karty|data }}", align="left", after=0)
    b.para(("s", "(miejscowość i data sporządzenia karty)"), align="left")
    b.para("")
    b.para("Kartę sporządził(a): ", "{% if karta.sporzadzil %}", ("b", "{{ karta.sporzadzil }}"),
           "{% else %}{{ none|dots(24) }}{% endif %}", align="right", after=0)
    b.para(("s", "(imię i nazwisko, stanowisko)"), align="right")
    b.signature("(podpis)")
