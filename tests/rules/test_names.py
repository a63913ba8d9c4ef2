"""Worked examples: personal names in the cases the forms print, written out by hand."""

from __future__ import annotations

import pytest

from formgen.rules import names
from formgen.rules.name_models import FIRST_NAMES, SURNAMES
from formgen.rules.names import ANALOGY, CASES, DICTIONARY, RULE, decline, first_name_sex

# name, sex, kind, then dopełniacz, celownik, biernik, narzędnik, miejscownik
FIRST = [
    ("Jan", "M", "Jana Janowi Jana Janem Janie"),
    ("Piotr", "M", "Piotra Piotrowi Piotra Piotrem Piotrze"),
    ("Paweł", "M", "Pawła Pawłowi Pawła Pawłem Pawle"),
    ("Marek", "M", "Marka Markowi Marka Markiem Marku"),
    ("Kuba", "M", "Kuby Kubie Kubę Kubą Kubie"),
    ("Tomasz", "M", "Tomasza Tomaszowi Tomasza Tomaszem Tomaszu"),
    ("Krzysztof", "M", "Krzysztofa Krzysztofowi Krzysztofa Krzysztofem Krzysztofie"),
    ("Grzegorz", "M", "Grzegorza Grzegorzowi Grzegorza Grzegorzem Grzegorzu"),
    ("Michał", "M", "Michała Michałowi Michała Michałem Michale"),
    ("Józef", "M", "Józefa Józefowi Józefa Józefem Józefie"),
    ("Andrzej", "M", "Andrzeja Andrzejowi Andrzeja Andrzejem Andrzeju"),
    ("Stanisław", "M", "Stanisława Stanisławowi Stanisława Stanisławem Stanisławie"),
    ("Wojciech", "M", "Wojciecha Wojciechowi Wojciecha Wojciechem Wojciechu"),
    ("Łukasz", "M", "Łukasza Łukaszowi Łukasza Łukaszem Łukaszu"),
    ("Jacek", "M", "Jacka Jackowi Jacka Jackiem Jacku"),
    ("Jerzy", "M", "Jerzego Jerzemu Jerzego Jerzym Jerzym"),
    ("Antoni", "M", "Antoniego Antoniemu Antoniego Antonim Antonim"),
    ("Ignacy", "M", "Ignacego Ignacemu Ignacego Ignacym Ignacym"),
    ("Szymon", "M", "Szymona Szymonowi Szymona Szymonem Szymonie"),
    ("Rafał", "M", "Rafała Rafałowi Rafała Rafałem Rafale"),
    ("Dawid", "M", "Dawida Dawidowi Dawida Dawidem Dawidzie"),
    ("Zbigniew", "M", "Zbigniewa Zbigniewowi Zbigniewa Zbigniewem Zbigniewie"),
    ("Halina", "K", "Haliny Halinie Halinę Haliną Halinie"),
    ("Maria", "K", "Marii Marii Marię Marią Marii"),
    ("Anna", "K", "Anny Annie Annę Anną Annie"),
    ("Katarzyna", "K", "Katarzyny Katarzynie Katarzynę Katarzyną Katarzynie"),
    ("Agnieszka", "K", "Agnieszki Agnieszce Agnieszkę Agnieszką Agnieszce"),
    ("Kasia", "K", "Kasi Kasi Kasię Kasią Kasi"),
    ("Zofia", "K", "Zofii Zofii Zofię Zofią Zofii"),
    ("Zosia", "K", "Zosi Zosi Zosię Zosią Zosi"),
    ("Małgorzata", "K", "Małgorzaty Małgorzacie Małgorzatę Małgorzatą Małgorzacie"),
    ("Ewa", "K", "Ewy Ewie Ewę Ewą Ewie"),
    ("Barbara", "K", "Barbary Barbarze Barbarę Barbarą Barbarze"),
    ("Łucja", "K", "Łucji Łucji Łucję Łucją Łucji"),
    ("Julia", "K", "Julii Julii Julię Julią Julii"),
    ("Maja", "K", "Mai Mai Maję Mają Mai"),
    ("Urszula", "K", "Urszuli Urszuli Urszulę Urszulą Urszuli"),
    ("Jadwiga", "K", "Jadwigi Jadwidze Jadwigę Jadwigą Jadwidze"),
    ("Olga", "K", "Olgi Oldze Olgę Olgą Oldze"),
    ("Dorota", "K", "Doroty Dorocie Dorotę Dorotą Dorocie"),
    ("Beata", "K", "Beaty Beacie Beatę Beatą Beacie"),
]

SURNAME = [
    ("Kowalski", "M", "Kowalskiego Kowalskiemu Kowalskiego Kowalskim Kowalskim"),
    ("Lewandowski", "M", "Lewandowskiego Lewandowskiemu Lewandowskiego Lewandowskim Lewandowskim"),
    ("Dąbrowski", "M", "Dąbrowskiego Dąbrowskiemu Dąbrowskiego Dąbrowskim Dąbrowskim"),
    ("Jankowski", "M", "Jankowskiego Jankowskiemu Jankowskiego Jankowskim Jankowskim"),
    ("Wiśniewski", "M", "Wiśniewskiego Wiśniewskiemu Wiśniewskiego Wiśniewskim Wiśniewskim"),
    ("Czarnecki", "M", "Czarneckiego Czarneckiemu Czarneckiego Czarneckim Czarneckim"),
    ("Zawadzki", "M", "Zawadzkiego Zawadzkiemu Zawadzkiego Zawadzkim Zawadzkim"),
    ("Lipowski", "M", "Lipowskiego Lipowskiemu Lipowskiego Lipowskim Lipowskim"),
    ("Wolny", "M", "Wolnego Wolnemu Wolnego Wolnym Wolnym"),
    ("Nowak", "M", "Nowaka Nowakowi Nowaka Nowakiem Nowaku"),
    ("Wójcik", "M", "Wójcika Wójcikowi Wójcika Wójcikiem Wójciku"),
    ("Mazur", "M", "Mazura Mazurowi Mazura Mazurem Mazurze"),
    ("Krawczyk", "M", "Krawczyka Krawczykowi Krawczyka Krawczykiem Krawczyku"),
    ("Woźniak", "M", "Woźniaka Woźniakowi Woźniaka Woźniakiem Woźniaku"),
    ("Kaczmarek", "M", "Kaczmarka Kaczmarkowi Kaczmarka Kaczmarkiem Kaczmarku"),
    ("Zając", "M", "Zająca Zającowi Zająca Zającem Zającu"),
    ("Król", "M", "Króla Królowi Króla Królem Królu"),
    ("Wróbel", "M", "Wróbla Wróblowi Wróbla Wróblem Wróblu"),
    ("Kot", "M", "Kota Kotowi Kota Kotem Kocie"),
    ("Mickiewicz", "M", "Mickiewicza Mickiewiczowi Mickiewicza Mickiewiczem Mickiewiczu"),
    ("Sikora", "M", "Sikory Sikorze Sikorę Sikorą Sikorze"),
    ("Kościuszko", "M", "Kościuszki Kościuszce Kościuszkę Kościuszką Kościuszce"),
    ("Zielińska", "K", "Zielińskiej Zielińskiej Zielińską Zielińską Zielińskiej"),
    ("Szymańska", "K", "Szymańskiej Szymańskiej Szymańską Szymańską Szymańskiej"),
    ("Kozłowska", "K", "Kozłowskiej Kozłowskiej Kozłowską Kozłowską Kozłowskiej"),
    ("Wiśniewska", "K", "Wiśniewskiej Wiśniewskiej Wiśniewską Wiśniewską Wiśniewskiej"),
    ("Kowalska", "K", "Kowalskiej Kowalskiej Kowalską Kowalską Kowalskiej"),
    ("Nowicka", "K", "Nowickiej Nowickiej Nowicką Nowicką Nowickiej"),
    ("Zawadzka", "K", "Zawadzkiej Zawadzkiej Zawadzką Zawadzką Zawadzkiej"),
    ("Czarna", "K", "Czarnej Czarnej Czarną Czarną Czarnej"),
    ("Sikora", "K", "Sikory Sikorze Sikorę Sikorą Sikorze"),
    ("Sowa", "K", "Sowy Sowie Sowę Sową Sowie"),
    ("Nowakowa", "K", "Nowakowej Nowakowej Nowakową Nowakową Nowakowej"),
    # a woman's surname that does not end in -a is not declined
    ("Nowak", "K", "Nowak Nowak Nowak Nowak Nowak"),
    ("Wójcik", "K", "Wójcik Wójcik Wójcik Wójcik Wójcik"),
    ("Mazur", "K", "Mazur Mazur Mazur Mazur Mazur"),
    ("Krawczyk", "K", "Krawczyk Krawczyk Krawczyk Krawczyk Krawczyk"),
    ("Kościuszko", "K", "Kościuszko Kościuszko Kościuszko Kościuszko Kościuszko"),
]


def _check(name, sex, kind, expected):
    result = decline(name, sex, kind)
    assert result["mianownik"] == name
    assert " ".join(result.forms[1:]) == expected


@pytest.mark.parametrize("name, sex, expected", FIRST)
def test_first_names(name, sex, expected):
    _check(name, sex, "imie", expected)
    assert decline(name, sex, "imie").source == DICTIONARY


@pytest.mark.parametrize("name, sex, expected", SURNAME)
def test_surnames(name, sex, expected):
    _check(name, sex, "nazwisko", expected)
    assert decline(name, sex, "nazwisko").source == DICTIONARY


def test_a_known_surname_is_declined_by_the_bearers_gender():
    # SGJP also holds Kowalski as an undeclined feminine reading: the gender decides
    assert decline("Kowalski", "M", "nazwisko")["narzednik"] == "Kowalskim"
    assert decline("Kowalski", "K", "nazwisko")["narzednik"] == "Kowalski"


@pytest.mark.parametrize("name, sex, expected, model", [
    ("Przykładowski", "M", ("Przykładowskiego Przykładowskiemu Przykładowskiego Przykładowskim "
                            "Przykładowskim"), "Sadowski"),
    ("Poręczna", "K", "Poręcznej Poręcznej Poręczną Poręczną Poręcznej", "poręczny"),
    ("Przykładowa", "K", "Przykładowej Przykładowej Przykładową Przykładową Przykładowej", "przykładowy"),
    ("Gwarant", "M", "Gwaranta Gwarantowi Gwaranta Gwarantem Gwarancie", "gwarant"),
    ("Nabywca", "M", "Nabywcy Nabywcy Nabywcę Nabywcą Nabywcy", "nabywca"),
    ("Brzęczyszczykiewicz", "M", ("Brzęczyszczykiewicza Brzęczyszczykiewiczowi Brzęczyszczykiewicza "
                                  "Brzęczyszczykiewiczem Brzęczyszczykiewiczu"), "Markiewicz"),
    ("Kowalczykowa", "K", "Kowalczykowej Kowalczykowej Kowalczykową Kowalczykową Kowalczykowej",
     "Nowakowa"),
    ("Zalasek", "M", "Zalaska Zalaskowi Zalaska Zalaskiem Zalasku", "Kaczmarek"),
])
def test_unknown_surnames_by_analogy(name, sex, expected, model):
    _check(name, sex, "nazwisko", expected)
    result = decline(name, sex, "nazwisko")
    assert result.source == ANALOGY and result.guessed and result.model == model


def test_unknown_first_name_by_analogy():
    result = decline("Nikola", "K", "imie")
    assert result.forms[1:] == ("Nikoli", "Nikoli", "Nikolę", "Nikolą", "Nikoli")
    assert result.source == ANALOGY and result.model == "Ola"


def test_the_worked_sentences():
    def full(first, last, sex, case):
        return f"{decline(first, sex, 'imie')[case]} {decline(last, sex, 'nazwisko')[case]}"

    assert full("Jan", "Przykładowski", "M", "narzednik") == "Janem Przykładowskim"
    assert full("Halina", "Poręczna", "K", "narzednik") == "Haliną Poręczną"
    assert full("Piotr", "Gwarant", "M", "narzednik") == "Piotrem Gwarantem"
    assert full("Jan", "Brzęczyszczykiewicz", "M", "narzednik") == "Janem Brzęczyszczykiewiczem"
    assert full("Anna", "Nowak", "K", "narzednik") == "Anną Nowak"
    assert full("Jan", "Lipowski", "M", "dopelniacz") == "Jana Lipowskiego"


def test_double_barrelled_surnames_and_two_first_names_decline_each_part():
    assert decline("Kowalska-Nowak", "K", "nazwisko")["narzednik"] == "Kowalską-Nowak"
    assert decline("Kowalski-Nowak", "M", "nazwisko")["dopelniacz"] == "Kowalskiego-Nowaka"
    assert decline("Anna Maria", "K", "imie")["celownik"] == "Annie Marii"
    assert decline("Kowalska-Przykładowska", "K", "nazwisko").source == ANALOGY


def test_undeclined_names_stay_as_they_are():
    assert decline("Fredro", "K", "nazwisko").forms == ("Fredro",) * 6  # -o, a woman
    result = decline("Rossi", "M", "nazwisko")  # foreign, nothing to go by
    assert result.forms == ("Rossi",) * 6 and result.guessed
    assert decline("Przykładnik", "K", "nazwisko").source == RULE  # a woman, no -a: grammar, not a guess
    assert decline("de Gaulle", "M", "nazwisko")["dopelniacz"].startswith("de ")


def test_capitals_are_kept():
    assert decline("KOWALSKI", "M", "nazwisko")["narzednik"] == "KOWALSKIM"


@pytest.mark.parametrize("name, sex", [
    ("Jan", "M"), ("Kuba", "M"), ("Józef", "M"), ("Halina", "K"), ("Maria", "K"), ("Łucja", "K"),
    ("Anna Maria", "K"), ("Xawerymiusz", None), ("Andrea", None),
])
def test_sex_of_a_first_name(name, sex):
    assert first_name_sex(name) == sex


def test_unknown_case_name_is_refused():
    with pytest.raises(ValueError, match="unknown grammatical case 'wolacz'; known: mianownik, "):
        decline("Jan", "M", "imie")["wolacz"]
    assert CASES == ("mianownik", "dopelniacz", "celownik", "biernik", "narzednik", "miejscownik")


# --- The rules used where no known word resembles a name --------------------------------------

@pytest.mark.parametrize("name, sex, expected", [
    ("Gwarant", "M", "Gwaranta Gwarantowi Gwaranta Gwarantem Gwarancie"),
    ("Jarosz", "M", "Jarosza Jaroszowi Jarosza Jaroszem Jaroszu"),
    ("Ptak", "M", "Ptaka Ptakowi Ptaka Ptakiem Ptaku"),
    ("Łabędź", "M", "Łabędzia Łabędziowi Łabędzia Łabędziem Łabędziu"),
    ("Przykładowski", "M", ("Przykładowskiego Przykładowskiemu Przykładowskiego Przykładowskim "
                            "Przykładowskim")),
    ("Wesoły", "M", "Wesołego Wesołemu Wesołego Wesołym Wesołym"),
    ("Kościuszko", "M", "Kościuszki Kościuszce Kościuszkę Kościuszką Kościuszce"),
    ("Przykładowska", "K", ("Przykładowskiej Przykładowskiej Przykładowską Przykładowską "
                            "Przykładowskiej")),
    ("Nowakowa", "K", "Nowakowej Nowakowej Nowakową Nowakową Nowakowej"),
    ("Sikora", "K", "Sikory Sikorze Sikorę Sikorą Sikorze"),
    ("Mucha", "K", "Muchy Musze Muchę Muchą Musze"),
    ("Sroka", "K", "Sroki Sroce Srokę Sroką Sroce"),
    ("Sosna", "K", "Sosny Sośnie Sosnę Sosną Sośnie"),
    ("Kopica", "K", "Kopicy Kopicy Kopicę Kopicą Kopicy"),
    ("Zosia", "K", "Zosi Zosi Zosię Zosią Zosi"),
    ("Maria", "K", "Marii Marii Marię Marią Marii"),
    ("Łucja", "K", "Łucji Łucji Łucję Łucją Łucji"),
    ("Maja", "K", "Mai Mai Maję Mają Mai"),
    ("Urszula", "K", "Urszuli Urszuli Urszulę Urszulą Urszuli"),
    ("Andrea", "K", "Andrei Andrei Andreę Andreą Andrei"),
])
def test_textbook_rules(name, sex, expected):
    assert " ".join(names._by_rule(name, sex)[1:]) == expected


def test_no_rule_for_foreign_endings():
    assert names._by_rule("Rossi", "M") is None and names._by_rule("Goethe", "M") is None


def test_every_model_is_a_name_the_dictionary_declines():
    for kind, words in (("imie", FIRST_NAMES), ("nazwisko", SURNAMES)):
        known = {word for sex in ("K", "M") for word, _forms in names._models(kind, sex)}
        assert set(words) - known == set(), kind
