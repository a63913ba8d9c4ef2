"""`formgen init`: a new institution's workspace.

It writes formgen.yaml, the profile (data/institution.yaml) with the name in the grammatical
cases the forms print, this year's fund parameters copied from the defaults, the procedures and
policy data, an empty register and a short README. The cases of the name are proposed by the
dictionary where it is certain (formgen.rules.phrases) and asked for otherwise; everything is
shown for confirmation before anything is written.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from formgen.builtin import builtin_data
from formgen.errors import FormgenError
from formgen.i18n import N_, _
from formgen.profile import Profile
from formgen.rules import names
from formgen.rules.phrases import decline_phrase
from formgen.workspace import CONFIG, DEFAULT_DB

NAME_CASES = {"nazwa_dopelniacz": "dopelniacz", "nazwa_miejscownik": "miejscownik",
              "nazwa_narzednik": "narzednik"}
QUESTIONS = {
    "nazwa_dopelniacz": "Nazwa w dopełniaczu (Załącznik … do Regulaminu … kogo? czego?)",
    "nazwa_miejscownik": "Nazwa w miejscowniku (w kim? w czym?)",
    "nazwa_narzednik": "Nazwa w narzędniku (pomiędzy kim? czym?)",
    "zwany_dalej_biernik": "Określenie pracodawcy w bierniku (upoważnia kogo?)",
    "reprezentacja": "Dyrektor w bierniku (reprezentowanym przez kogo?)",
    "som_tytul_dopelniacz": "Tytuł standardów w dopełniaczu",
    "zfss_tytul_dopelniacz": "Tytuł regulaminu ZFŚS w dopełniaczu",
}
Ask = Callable[[str, str | None], str]


@dataclass
class Answers:
    """What `init` asks for; empty values are proposed or asked."""

    nazwa: str
    ulica: str
    kod: str
    miejscowosc: str
    dyrektor: str
    stanowisko: str = "Dyrektor"
    nip: str | None = None
    regon: str | None = None
    zwany_dalej: str = "Pracodawcą"
    som_akt: str = ""
    som_data: dt.date | None = None
    zfss_akt: str = ""
    zfss_data: dt.date | None = None
    forms: dict[str, str] = field(default_factory=dict)  # given forms (QUESTIONS keys)


def key_of(name: str) -> str:
    """The institution's key in the register, from its name ("zlobek-miejski-nr-3-w-…")."""
    ascii_name = unicodedata.normalize("NFKD", name.replace("ł", "l").replace("Ł", "L"))
    ascii_name = ascii_name.encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")[:60].strip("-") or "instytucja"


def proposals(given: Answers) -> dict[str, str | None]:
    """The grammatical forms the dictionary is sure of (None: it is not)."""
    out: dict[str, str | None] = {key: decline_phrase(given.nazwa, case) for key, case in NAME_CASES.items()}
    term = given.zwany_dalej
    nominative = decline_phrase(term, "mianownik")
    out["zwany_dalej_biernik"] = _term_accusative(term) if nominative else None
    first, _space, last = given.dyrektor.partition(" ")
    sex = names.first_name_sex(first) if first else None
    title = decline_phrase(given.stanowisko, "biernik", "m1")
    if sex and last and title:
        out["reprezentacja"] = (f"{title} {names.decline(first, sex, 'imie')['biernik']} "
                                f"{names.decline(last, sex, 'nazwisko')['biernik']}")
    else:
        out["reprezentacja"] = None
    where = out["nazwa_miejscownik"]
    som = decline_phrase("Standardy Ochrony Małoletnich", "dopelniacz")
    out["som_tytul_dopelniacz"] = f"{som} w {where}" if som and where else None
    out["zfss_tytul_dopelniacz"] = decline_phrase("Regulamin Zakładowego Funduszu Świadczeń Socjalnych",
                                                  "dopelniacz")
    return out


def _term_accusative(term: str) -> str | None:
    """The defined term ("Pracodawcą", as it follows "zwanym dalej") as an object: "Pracodawcę"."""
    for _s, _e, (_form, lemma, tag, _q, _l) in names._morfeusz().analyse(term):
        parts = tag.split(":")
        if parts[0] == "subst" and parts[2] == "inst":
            return decline_phrase(lemma.split(":")[0].capitalize(), "biernik", parts[3])
    return None


def resolve(given: Answers, ask: Ask) -> dict[str, str]:
    """Every form: as given, else proposed, else asked (with the proposal as default)."""
    found = proposals(given)
    out = {}
    for key, question in QUESTIONS.items():
        value = given.forms.get(key) or ask(question, found.get(key))
        if not value:
            raise FormgenError(_("init: {question}: give it (e.g. --{option} \"…\")").format(
                question=question, option=key.replace("_", "-")))
        out[key] = value
    return out


def profile(given: Answers, forms: dict[str, str]) -> dict[str, object]:
    """The institution profile (institution.yaml) as a mapping, checked against the schema."""
    today = dt.date.today()
    body: dict[str, object] = {
        "nazwa": given.nazwa, "nazwa_miejscownik": forms["nazwa_miejscownik"],
        "nazwa_narzednik": forms["nazwa_narzednik"], "nazwa_dopelniacz": forms["nazwa_dopelniacz"],
        "zwany_dalej": given.zwany_dalej, "zwany_dalej_biernik": forms["zwany_dalej_biernik"],
        "adres": {"ulica": given.ulica, "kod": given.kod, "miejscowosc": given.miejscowosc},
        "dyrektor": {"imie_nazwisko": given.dyrektor, "stanowisko": given.stanowisko,
                     "reprezentacja": forms["reprezentacja"]},
        "regulaminy": {
            "som": {"tytul": "Standardy Ochrony Małoletnich", "tytul_dopelniacz": forms["som_tytul_dopelniacz"],
                    "akt": given.som_akt or "…", "data": (given.som_data or today).isoformat()},
            "zfss": {"tytul": "Regulamin Zakładowego Funduszu Świadczeń Socjalnych",
                     "tytul_dopelniacz": forms["zfss_tytul_dopelniacz"], "akt": given.zfss_akt or "…",
                     "data": (given.zfss_data or today).isoformat()},
        },
    }
    if given.nip:
        body["nip"] = given.nip
    if given.regon:
        body["regon"] = given.regon
    try:
        Profile.model_validate(body)
    except ValueError as exc:
        raise FormgenError(_("init: the profile is not valid: {error}").format(error=exc)) from None
    return body


def summary(body: dict[str, object]) -> str:
    """The profile as it will be written, for confirmation."""
    return yaml.safe_dump(body, allow_unicode=True, sort_keys=False)


README = N_("""# Workspace of {name}

formgen finds this folder from any folder inside it (or from FORMGEN_HOME / --workspace).

- `formgen.yaml` — the institution's key in the register (`instytucja`) and, for a register
  shared by many institutions, its URL (`rejestr: postgresql+psycopg://…`).
- `data/institution.yaml` — the profile: names in the grammatical cases, address, director,
  regulations (annex numbers: `zalaczniki`, paragraphs forms refer to: `paragrafy`).
- `data/params/zfss-{year}.yaml` — this year's fund parameters, copied from formgen's defaults:
  check the amounts against this year's plan. `formgen year {next}` prepares next year's.
- `data/procedures/`, `data/pol/` — the intervention procedures, survey, candidates' rules and
  the accounting policy's rates, as formgen ships them: adapt them to your own documents.
- `templates/<form-id>/` — your own version of a form (copy the built-in folder, edit it).
- `{db}` — the register of every document issued here (`formgen register list`).
  Back it up with the documents; never edit it by hand.
""")


def create(folder: Path, given: Answers, forms: dict[str, str], year: int) -> list[Path]:
    """Write the workspace; refuses a folder that already is one."""
    if (folder / CONFIG).exists():
        raise FormgenError(_("{folder} is already a formgen workspace ({file} exists)").format(
            folder=folder, file=CONFIG))
    defaults = builtin_data()
    params = defaults / "params" / f"zfss-{year}.yaml"
    if not params.is_file():
        known = sorted(defaults.glob("params/zfss-*.yaml"))
        if not known:
            raise FormgenError(_("no default fund parameters to copy ({folder})").format(folder=defaults / "params"))
        params = known[-1]
    data = folder / "data"
    (data / "params").mkdir(parents=True, exist_ok=True)
    (folder / "templates").mkdir(exist_ok=True)
    for name in ("procedures", "pol"):
        shutil.copytree(defaults / name, data / name, dirs_exist_ok=True)
    text = params.read_text(encoding="utf-8")
    if params.stem != f"zfss-{year}":
        from formgen.year import next_year_text

        text = next_year_text(text, int(params.stem.split("-")[1]), year)
    (data / "params" / f"zfss-{year}.yaml").write_text(text, encoding="utf-8")
    heading = _("# Institution profile (formgen init)")
    (data / "institution.yaml").write_text(heading + "\n" + summary(profile(given, forms)), encoding="utf-8")
    (folder / CONFIG).write_text(_("# formgen workspace") + f"\ninstytucja: {key_of(given.nazwa)}\n", encoding="utf-8")
    (folder / "README.md").write_text(_(README).format(name=given.nazwa, year=year, next=year + 1, db=DEFAULT_DB),
                                      encoding="utf-8")
    from formgen.register.store import Register
    from formgen.workspace import load

    workspace = load(folder)
    Register(workspace.db_url(), workspace.institution).close()  # an empty register, migrated
    return [folder / CONFIG, data / "institution.yaml", data / "params" / f"zfss-{year}.yaml", folder / DEFAULT_DB]
