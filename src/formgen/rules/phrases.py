"""Names of institutions and titles in a grammatical case, where SGJP makes it certain.

An institution's name is a phrase: a head noun with adjectives that agree with it ("Gminny
Ośrodek", "Żłobek Miejski"), then words that never change ("nr 3 w Przykładowie", "Pomocy
Społecznej"). Only the head and its agreeing adjectives are declined; a phrase whose start the
dictionary does not read that way gets no proposal (None), and the user types the form.
"""

from __future__ import annotations

from dataclasses import dataclass

from formgen.rules.names import _morfeusz

TAGS = {"mianownik": "nom", "dopelniacz": "gen", "celownik": "dat", "biernik": "acc",
        "narzednik": "inst", "miejscownik": "loc"}


@dataclass(frozen=True)
class Reading:
    """One dictionary reading of a word: lemma, part of speech, number and gender."""

    lemma: str
    pos: str
    number: str
    gender: str


def _readings(word: str) -> list[Reading]:
    """The word's readings in the nominative (nouns and adjectives only)."""
    found = []
    for _start, _end, (_form, lemma, tag, _qual, _labels) in _morfeusz().analyse(word):
        parts = tag.split(":")
        if parts[0] in ("subst", "adj") and len(parts) >= 4 and parts[2] == "nom":
            if parts[0] == "adj" and parts[4:5] != ["pos"]:
                continue
            found.append(Reading(lemma.split(":")[0], parts[0], parts[1], parts[3]))
    return found


def _generate(reading: Reading, case: str) -> str | None:
    """The form of a reading's lemma in a case, same number and gender."""
    wanted = [reading.pos, reading.number, TAGS[case], reading.gender]
    for form, _lemma, tag, _qual, _labels in _morfeusz().generate(reading.lemma):
        parts = tag.split(":")
        if parts[:4] == wanted and (reading.pos != "adj" or parts[4:5] == ["pos"]):
            return form
    return None


def _styled(form: str, like: str) -> str:
    """A generated form written like the original word (capitalised, or in capitals)."""
    if like.isupper() and len(like) > 1:
        return form.upper()
    return form[:1].upper() + form[1:] if like[:1].isupper() else form


def _head(words: list[str], prefer: str | None) -> tuple[int, Reading] | None:
    """The first noun in the nominative, after adjectives only; `prefer` a gender (m1 for titles)."""
    for index, word in enumerate(words):
        if not word[:1].isupper():  # names and titles capitalise the words that decline
            return None
        readings = _readings(word)
        nouns = [r for r in readings if r.pos == "subst" and r.lemma.islower()] or \
                [r for r in readings if r.pos == "subst"]
        if nouns:
            nouns.sort(key=lambda r: r.gender != prefer)
            return index, nouns[0]
        if not any(r.pos == "adj" for r in readings):
            return None
    return None


def _agrees(word: str, head: Reading) -> Reading | None:
    """The word's adjective reading that agrees with the head noun, if any."""
    for reading in _readings(word):
        if reading.pos == "adj" and reading.number == head.number and reading.gender == head.gender:
            return reading
    return None


def decline_phrase(phrase: str, case: str, prefer: str | None = None) -> str | None:
    """The phrase in a grammatical case (`dopelniacz`, …), or None when the dictionary does not
    make its declension certain."""
    if case == "mianownik":
        return phrase
    words = phrase.split()
    found = _head(words, prefer)
    if found is None:
        return None
    index, head = found
    plan: list[Reading | None] = []
    for position, word in enumerate(words):
        if position == index:
            plan.append(head)
        elif position < index:
            agreeing = _agrees(word, head)
            if agreeing is None:
                return None
            plan.append(agreeing)
        else:
            agreeing = _agrees(word, head) if all(p is not None for p in plan) else None
            plan.append(agreeing)
    out = []
    for word, reading in zip(words, plan):
        form = _generate(reading, case) if reading is not None else word
        if form is None:
            return None
        out.append(_styled(form, word) if reading is not None else word)
    return " ".join(out)
