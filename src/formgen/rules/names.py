"""Personal names in the grammatical cases the forms print, from the SGJP dictionary.

First names and surnames are looked up in SGJP (shipped in the `morfeusz2` wheel), choosing the
reading of the bearer's gender. A name the dictionary lacks is declined by analogy: like the
ordinary word it is (Poręczna like "poręczny", Gwarant like "gwarant"), else like the known
names that share its longest ending (Przykładowski like Sadowski), else by the textbook rules
below. Polish leaves a woman's surname undeclined unless it ends in -a (Anna Nowak).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from formgen.rules.name_models import FIRST_NAMES, SURNAMES

Sex = Literal["K", "M"]
Kind = Literal["imie", "nazwisko"]

CASES = ("mianownik", "dopelniacz", "celownik", "biernik", "narzednik", "miejscownik")
_TAGS = ("nom", "gen", "dat", "acc", "inst", "loc")
_QUALIFIER = {"imie": "imię", "nazwisko": "nazwisko"}
_GENDER = {"M": "m1", "K": "f"}

DICTIONARY = "słownik"  # the name itself is in SGJP
ANALOGY = "analogia"  # a guess: declined like other words, or left as it is for want of a model
RULE = "reguła"  # Polish grammar leaves it undeclined (a woman's surname not ending in -a)

Forms = tuple[str, ...]  # one form per case, in CASES order


@dataclass(frozen=True)
class Declined:
    """A name in the six cases, where its forms came from and which known word served as model."""

    forms: Forms
    source: str
    model: str | None = None

    def __getitem__(self, case: str) -> str:
        return self.forms[case_index(case)]

    @property
    def guessed(self) -> bool:
        """True when the forms are a guess the user should check."""
        return self.source == ANALOGY


def case_index(case: str) -> int:
    """The position of a case name (`narzednik`) in CASES; ValueError names the known ones."""
    if case not in CASES:
        raise ValueError(f"unknown grammatical case '{case}'; known: {', '.join(CASES)}")
    return CASES.index(case)


def decline(name: str, sex: Sex, kind: Kind) -> Declined:
    """A first name or surname in the six cases; each word and each part of a double name alone."""
    pieces = re.split(r"([\s-]+)", name.strip())
    words = [_decline_word(piece, sex, kind) for piece in pieces[::2]]
    forms = tuple("".join(_interleave([w.forms[i] for w in words], pieces[1::2]))
                  for i in range(len(CASES)))
    sources = {w.source for w in words}
    source = next(s for s in (ANALOGY, DICTIONARY, RULE) if s in sources)
    models = [w.model for w in words if w.model]
    return Declined(forms, source, ", ".join(models) or None)


def _interleave(words: list[str], separators: list[str]) -> list[str]:
    """Words with the separators (spaces, hyphens) that stood between them."""
    out = [words[0]]
    for separator, word in zip(separators, words[1:]):
        out += [separator, word]
    return out


@lru_cache(maxsize=4096)
def _decline_word(word: str, sex: Sex, kind: Kind) -> Declined:
    """One word of a name: the dictionary, else Polish grammar's fixed rules, else analogy."""
    if not word[:1].isupper():
        return Declined((word,) * len(CASES), RULE)  # particles (de, van) and anything odd
    if word.isupper() and len(word) > 1:
        found = _decline_word(word.capitalize(), sex, kind)
        return Declined(tuple(f.upper() for f in found.forms), found.source, found.model)
    known = _from_dictionary(word, sex, kind)
    if known:
        return known
    if sex == "K" and not word.endswith("a"):
        return Declined((word,) * len(CASES), RULE)
    like = (_from_common_word(word, sex) if kind == "nazwisko" else None) or _from_models(word, sex, kind)
    return like or Declined(_by_rule(word, sex) or (word,) * len(CASES), ANALOGY)


@lru_cache(maxsize=1)
def _morfeusz() -> Any:
    """The SGJP analyser, loaded once per process (it cannot be pickled into workers)."""
    import morfeusz2

    return morfeusz2.Morfeusz(expand_tags=True)


def _generated(lemma: str, pos: str, gender: str) -> list[tuple[frozenset[str], Forms]]:
    """The singular paradigms SGJP generates from `lemma` as `pos` in `gender`, one per homonym."""
    found: dict[str, tuple[frozenset[str], dict[str, str]]] = {}
    entries = sorted(_morfeusz().generate(lemma), key=lambda entry: bool(entry[4]))  # plain first
    for form, lemma_id, tag, qualifiers, _labels in entries:
        parts = tag.split(":")
        if parts[0] != pos or len(parts) < 4 or parts[1] != "sg" or parts[3] != gender:
            continue
        if pos == "adj" and parts[4:5] != ["pos"]:
            continue
        found.setdefault(lemma_id, (frozenset(qualifiers), {}))[1].setdefault(parts[2], form)
    return [(qualifiers, tuple(cases[t] for t in _TAGS))
            for qualifiers, cases in found.values() if all(t in cases for t in _TAGS)]


def _from_dictionary(name: str, sex: Sex, kind: Kind) -> Declined | None:
    """The name's own SGJP paradigm as a first name or surname of the bearer's gender."""
    for qualifiers, forms in _generated(name, "subst", _GENDER[sex]):
        if forms[0] == name and any(q.startswith(_QUALIFIER[kind]) for q in qualifiers):
            return Declined(forms, DICTIONARY)
    return None


def first_name_sex(first_name: str) -> Sex | None:
    """K or M when SGJP knows the (first) first name with one gender only, else None."""
    word = re.split(r"[\s-]+", first_name.strip())[0]
    found: list[Sex] = [sex for sex in ("K", "M") if _from_dictionary(word, sex, "imie")]
    return found[0] if len(found) == 1 else None


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _shared_ending(a: str, b: str) -> int:
    """How many final letters two words share (case-insensitive)."""
    return _common_prefix(a.lower()[::-1], b.lower()[::-1])


def _cut(base: str, form: str) -> int:
    """How many final letters of `base` its `form` replaces (Kot → Kocie: 1)."""
    return len(base) - _common_prefix(base.lower(), form.lower())


def _copied(name: str, paradigm: Forms) -> Forms | None:
    """`name` with the endings by which the paradigm's forms differ from its nominative."""
    base, out = paradigm[0], []
    for form in paradigm:
        cut = _cut(base, form)
        if cut >= min(len(name), len(base)) or _shared_ending(name, base) < cut:
            return None
        out.append(name[: len(name) - cut] + form[len(base) - cut:])
    return tuple(out)


def _from_common_word(name: str, sex: Sex) -> Declined | None:
    """A surname that is an ordinary adjective or personal noun, declined like that word."""
    for _start, _end, (_orth, lemma, tag, _q, _l) in _morfeusz().analyse(name):
        parts, word = tag.split(":"), lemma.split(":")[0]
        if not word.islower() or len(parts) < 4 or parts[1] != "sg" or parts[2] != "nom":
            continue
        if parts[0] == "adj" and parts[4:5] == ["pos"] and parts[3] == _GENDER[sex]:
            paradigms = _generated(word, "adj", _GENDER[sex])
        elif parts[0] == "subst" and _noun_fits(parts[3], name, sex):
            paradigms = _generated(word, "subst", parts[3])
        else:
            continue
        for _qualifiers, forms in paradigms:
            copied = _copied(name, forms) if forms[0].lower() == name.lower() else None
            if copied and (parts[0] == "adj" or _surname_like(copied)):
                return Declined(copied, ANALOGY, word)
    return None


def _noun_fits(gender: str, name: str, sex: Sex) -> bool:
    """A noun lends its paradigm to a surname if it names a man (for a man) or ends in -a."""
    return (gender == "m1" and sex == "M") or (gender == "f" and name.endswith("a"))


def _surname_like(forms: Forms) -> bool:
    """Surnames take -owi in the dative where some nouns do not (brat → bratu)."""
    return forms[0].endswith(("a", "o")) or forms[2].endswith(("owi", "ewi"))


@lru_cache(maxsize=4)
def _models(kind: Kind, sex: Sex) -> tuple[tuple[str, Forms], ...]:
    """The listed known names of this kind that SGJP declines in this gender, with their forms."""
    out = []
    for word in FIRST_NAMES if kind == "imie" else SURNAMES:
        found = _from_dictionary(word, sex, kind)
        if found and len(set(found.forms)) > 1:
            out.append((word, found.forms))
    return tuple(out)


def _from_models(name: str, sex: Sex, kind: Kind) -> Declined | None:
    """Decline like the known names that share the longest ending; the most common result wins."""
    results: list[tuple[Forms, str]]
    best, results = 0, []  # the longest shared ending so far; (forms, model) of the names sharing it
    for word, forms in _models(kind, sex):
        shared = _shared_ending(name, word)
        if shared < max(2, best, *(_cut(forms[0], f) for f in forms)):
            continue
        copied = _copied(name, forms)
        if copied is None:
            continue
        if shared > best:
            best, results = shared, []
        results.append((copied, word))
    if not results:
        return None
    winner = Counter(copied for copied, _ in results).most_common(1)[0][0]
    return Declined(winner, ANALOGY, next(word for copied, word in results if copied == winner))


# --- Textbook rules, for names no known word resembles ----------------------------------------

_ADJECTIVAL = {  # ending → the endings of the six cases replacing it
    ("ski", "cki", "dzki", "ki", "gi"): ("i", "iego", "iemu", "iego", "im", "im"),
    ("y",): ("y", "ego", "emu", "ego", "ym", "ym"),
    ("ska", "cka", "dzka"): ("a", "iej", "iej", "ą", "ą", "iej"),
    ("owa", "ewa"): ("a", "ej", "ej", "ą", "ą", "ej"),  # married names: Nowakowa → Nowakowej
}
_SOFT = {"dź": "dzi", "ń": "ni", "ś": "si", "ć": "ci", "ź": "zi"}  # Łabędź → Łabędzia
_ALTERNATION = {  # masculine locative, feminine dative: the stem's final consonant(s) before -e
    "st": "ście", "zd": "ździe", "sł": "śle", "sn": "śnie", "zn": "źnie", "ch": "sze",
    "t": "cie", "d": "dzie", "r": "rze", "ł": "le", "n": "nie", "s": "sie", "z": "zie",
    "w": "wie", "b": "bie", "p": "pie", "m": "mie", "f": "fie", "k": "ce", "g": "dze",
}
_HARDENED = ("c", "cz", "sz", "rz", "ż", "dz", "dż")  # -a nouns with -y: Kopica → Kopicy
_SOFT_I = ("ci", "si", "zi", "ni", "dzi")  # -ia where i only softens: Kasia → Kasi
_VOWELS = "aeiouyąęó"


def _by_rule(name: str, sex: Sex) -> Forms | None:
    """Forms by the textbook endings, or None where Polish would leave the name as it is."""
    for endings, replacements in _ADJECTIVAL.items():
        ending = next((e for e in endings if name.endswith(e)), None)
        if ending and (replacements[0] == "a") == (sex == "K"):
            stem = name[: len(name) - len(replacements[0])]
            return tuple(stem + r for r in replacements)
    if name.endswith(("a", "o")):
        return _a_noun(name[:-1], name[-1])
    if sex == "M" and name[-1].lower() not in _VOWELS:
        return _consonant_noun(name)
    return None


def _a_noun(stem: str, ending: str) -> Forms:
    """A noun in -a (Sikora, Kuba, Zosia), or a man's surname in -o (Kościuszko), by rule."""
    genitive, dative = _a_oblique(stem)
    return (stem + ending, genitive, dative, stem + "ę", stem + "ą", dative)


def _a_oblique(stem: str) -> tuple[str, str]:
    """The genitive and the dative (= locative) of an -a noun from its stem."""
    if stem.endswith(_SOFT_I):
        return stem, stem  # Kasi
    if stem[-1:] in _VOWELS or (stem.endswith("j") and stem[-2:-1] in _VOWELS):
        oblique = stem.removesuffix("j") + "i"  # Marii, Andrei, Mai
        return oblique, oblique
    if stem.endswith(("j", "l")):
        return stem + "i", stem + "i"  # Łucji, Urszuli
    if stem.endswith(_HARDENED):
        return stem + "y", stem + "y"  # Kopicy
    genitive = stem + ("i" if stem[-1:] in "kg" else "y")
    return genitive, _alternated(stem) or genitive  # Sikory, Sikorze; Sroki, Sroce


def _alternated(stem: str) -> str | None:
    """The stem with the alternation of the -e ending (Sikor → Sikorze, Gwarant → Gwarancie)."""
    if stem.endswith(_HARDENED):
        return None
    for final in sorted(_ALTERNATION, key=len, reverse=True):
        if stem.endswith(final):
            return stem[: len(stem) - len(final)] + _ALTERNATION[final]
    return None


def _consonant_noun(name: str) -> Forms:
    """A man's surname ending in a consonant (Gwarant → Gwaranta, Gwarantem, Gwarancie)."""
    for soft, stem in _SOFT.items():
        if name.endswith(soft):
            base = name[: len(name) - len(soft)] + stem
            return (name, base + "a", base + "owi", base + "a", base + "em", base + "u")
    velar = name.endswith(("k", "g", "ch", "h"))
    inst = name + ("iem" if name.endswith(("k", "g")) else "em")
    loc = name + "u" if velar else _alternated(name) or name + "u"
    return (name, name + "a", name + "owi", name + "a", inst, loc)
