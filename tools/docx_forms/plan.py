"""DOCX template of the ZFŚS fund plan (ZFSS Zał. 1)."""

from __future__ import annotations

from docx.shared import Mm
from docxkit import Builder

from docx_forms.umowa import grid

FUND = "Zakładowego Funduszu Świadczeń Socjalnych"
IN_MEANS = "w miarę posiadanych środków"
LOSOWE = "p.zapomogi_losowe"
Runs = tuple[str | tuple[str, str], ...]


def pct(expr: str) -> str:
    """A percentage as Polish prints it: '12,5%'."""
    return '{{ "%g"|format(' + expr + ')|replace(".", ",") }}%'


def share(section: str) -> str:
    """The percentage of the fund that one section (socjalna / pozyczki) gets."""
    return pct(f'(czesci|selectattr("dzial", "equalto", "{section}")|sum(attribute="procent"))')


def _numbered(b: Builder, number: str, runs: Runs, level: int) -> None:
    """A numbered paragraph with a hanging indent (the number, a tab, the text)."""
    para = b.para(number + "\t", *runs, indent=level * 7 + 7)
    para.paragraph_format.first_line_indent = Mm(-7)


def _section(b: Builder, number: str, *runs: str | tuple[str, str]) -> None:
    """A point of the plan: 'I.', 'II.', …"""
    _numbered(b, number, runs, 0)


def _point(b: Builder, number: str, *runs: str | tuple[str, str]) -> None:
    """A numbered item inside a point: '1.', '2.', …"""
    _numbered(b, number, runs, 1)


def _dash(b: Builder, *runs: str | tuple[str, str]) -> None:
    """An item of a dashed list inside a numbered point."""
    b.para("– ", *runs, align="left", indent=12, after=1)


def _per_group(b: Builder, items: str) -> None:
    """A table with one column per income group: 'Grupa I', 'Grupa II', … over their amounts."""
    loop = "{%tc for k in " + items + " %}"
    grid(b, [[loop, "B:C:Grupa {{ loop.index|rzymska }}", "{%tc endfor %}"],
             [loop, "C:{{ k|kwota }}", "{%tc endfor %}"]], [1, 22, 1], borders=True, size=9.5)
    b.para("", after=0)


def _header(b: Builder) -> None:
    b.annex()
    b.title(f"Plan podziału środków {FUND}", "w {{ plan.rok }} roku.")
    b.para("W dniu ", ("b", "{{ plan.data_posiedzenia|data }}"),
           " na spotkaniu przedstawicieli pracowników zatrudnionych w "
           "{{ instytucja.nazwa_miejscownik }} w składzie:")
    member = "{n}. {{{{ sklad[{i}]|dots(18) }}}}"
    grid(b, [[member.format(n=i + 1, i=i), member.format(n=i + 5, i=i + 4)] for i in range(4)],
         [80, 80], size=11)
    b.para("")
    b.para(f"przyjęto następujące zasady gospodarowania środkami {FUND}:")


GROUP_BOUNDS = ("{% if g.powyzej is not none %}powyżej {{ g.powyzej|kwota }}"
                "{% elif g.od is not none and g.do is not none %}"
                "od {{ g.od|kwota }} do {{ g.do|kwota }}"
                "{% elif g.do is not none %}do {{ g.do|kwota }}"
                "{% else %}od {{ g.od|kwota }}{% endif %}")


def _split(b: Builder) -> None:
    """Points I–IV: the fund, its sections and parts, income groups, loans."""
    _section(b, "I.", "Plan Funduszu Socjalnego wynosi: ", ("b", "{{ plan.kwota_funduszu|kwota }}"))
    grid(b, [[f"– działalność socjalna ({share('socjalna')})", "R:B:{{ dzialy.socjalna|kwota }}"],
             [f"– pożyczki mieszkaniowe ({share('pozyczki')})", "R:B:{{ dzialy.pozyczki|kwota }}"]],
         [125, 35], size=11)
    b.para("")
    _section(b, "II.", "Działalność socjalna została zaplanowana następująco:")
    grid(b, [['{%tr for c in czesci if c.dzial == "socjalna" %}', ""],
             ["– {{ c.nazwa }} (" + pct("c.procent") + ")", "R:B:{{ c.kwota|kwota }}"],
             ["{%tr endfor %}", ""]], [125, 35], size=11)
    b.para("")
    _section(b, "III.", "Ustalono następujące grupy osób uprawnionych do otrzymywania dopłat "
             f"z {FUND}, w oparciu o plan podziału na grupy dochodowe stanowiący załącznik "
             "numer 3 do regulaminu:")
    b.tag("{%p for g in grupy %}")
    _dash(b, "Grupa {{ g.numer|rzymska }} – ", ("b", GROUP_BOUNDS),
          '{{ "." if loop.last else "," }}')
    b.tag("{%p endfor %}")
    note = ("Kwoty oznaczają średni miesięczny dochód brutto na jednego członka "
            "gospodarstwa domowego.")
    b.para(("s", note), indent=12)
    _section(b, "IV.", "Udzielanie pożyczek:")
    _point(b, "1.", "Pożyczki na budowę domów i kupno mieszkań oraz pozostałe pożyczki "
           "mieszkaniowe (remonty mieszkań, domów, wykup mieszkań, itp.) postanowiono "
           "przydzielać w wysokości ", ("b", "{{ kwota_pozyczki|kwota }}"), ".")


def _grants(b: Builder) -> None:
    """Point V.1–2: hardship grants by group, random-event grants."""
    _point(b, "1.", "Zapomogi materialne udzielane będą po zaopiniowaniu przez Komisję Socjalną, ",
           ("b", IN_MEANS), ", jako następujący procent przedstawionych rachunków:")
    loop = "{%tc for z in p.swiadczenia.zapomoga.grupy %}"
    grid(b, [["", loop, "B:C:Grupa {{ loop.index }}", "{%tc endfor %}"],
             ["Procent rachunków", loop, "B:C:" + pct("z.procent"), "{%tc endfor %}"],
             ["Maksymalnie w wysokości", loop, "C:{{ z.maks|kwota }}", "{%tc endfor %}"]],
         [40, 1, 22, 1], borders=True, size=9.5)
    b.para("")
    _point(b, "2.", "Zapomogi losowe udzielane będą po zaopiniowaniu przez Komisję Socjalną, ",
           ("b", IN_MEANS), ":")
    _dash(b, "w razie śmierci:")
    deaths = ("smierc_pracownika", "smierc_dziecka", "smierc_malzonka", "smierc_rodzicow")
    grid(b, [["B:C:pracownika", "B:C:dziecka", "B:C:męża, żony", "B:C:rodziców"],
             ["C:{{ " + f"{LOSOWE}.{key}" + "|kwota }}" for key in deaths]],
         [26, 26, 26, 26], borders=True, size=9.5)
    b.para("", after=0)
    _dash(b, "w razie pożaru, powodzi w zależności od sytuacji, w której zaistniało zdarzenie "
          "i od poniesionej szkody nie więcej niż ",
          ("b", "{{ " + LOSOWE + ".pozar_powodz|kwota }}"))
    _dash(b, "w przypadku kradzieży w zależności od sytuacji, w której zaistniała kradzież "
          "i od poniesionej szkody nie więcej niż ", ("b", "{{ " + LOSOWE + ".kradziez|kwota }}"))
    _dash(b, "w razie przewlekłej choroby pracownika powyżej 1 miesiąca (operacje, zabiegi "
          "chirurgiczne, leczenie specjalistyczne)")
    _per_group(b, LOSOWE + ".choroba_pracownika")
    _dash(b, "w razie choroby członka rodziny (dziecko, współmałżonek)")
    _per_group(b, LOSOWE + ".choroba_czlonka_rodziny")


def _criteria(b: Builder) -> None:
    """Point V: grants, random-event grants, culture and sport, the closing rules."""
    _section(b, "V.", f"Kryteria do otrzymania dopłat z {FUND}.")
    _grants(b)
    _point(b, "3.", "Zapomogi losowe i materialne będą przyznawane ",
           ("b", "wyłącznie na podstawie odpowiednich zaświadczeń bądź imiennych rachunków"),
           ". Wysokość dopłaty ", ("b", "nie może"), " przekroczyć odpowiedniego procentu kwoty "
           "wynikającej z dostarczonych rachunków określonego w tabeli zamieszczonej w pkt 1 "
           "powyżej.")
    _point(b, "4.", "Dofinansowanie do działalności kulturalno-oświatowej i sportowo-rekreacyjnej "
           "udzielane będą po zaopiniowaniu przez Komisję Socjalną, ", ("b", IN_MEANS),
           ", maksymalnie do wysokości (na kwartał):")
    _per_group(b, "kultura_maks")
    _point(b, "5.", "Kryteria dopłat do wypoczynku dzieci pracowników (kolonii, obozów, "
           "zimowisk) oraz wczasów pod gruszą określa tabela dopłat stanowiąca załącznik "
           "numer 2 do regulaminu.")
    _point(b, "6.", "Pożyczki na cele mieszkaniowe przyznawane będą w/g kolejności składania "
           "wniosków.")
    _point(b, "7.", "Komisja Socjalna będzie rozpatrywać wnioski co najmniej raz na 2 miesiące.")


def _signatures(b: Builder) -> None:
    """Podpisy: eight numbered dotted lines, the member's name under each known one."""
    b.para("")
    b.para(("b", "Podpisy:"), align="left")
    caption = "S:{{% if sklad[{i}] %}}({{{{ sklad[{i}] }}}}){{% endif %}}"
    rows: list[list[str]] = []
    for i in range(4):
        rows.append(["", ""])
        rows.append([f"{n + 1}. " + "…" * 20 for n in (i, i + 4)])
        rows.append([caption.format(i=n) for n in (i, i + 4)])
    grid(b, rows, [80, 80], size=11)


def zfss_plan_podzialu(b: Builder) -> None:
    """ZFSS Zał. 1: the yearly plan of the fund, with the criteria tables and signatures."""
    _header(b)
    _split(b)
    _criteria(b)
    _signatures(b)
