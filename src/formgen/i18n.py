"""Messages in the user's language: Polish by default, English on request.

Every message formgen shows a person is written in English in the code, wrapped in `_()`, and
translated from the gettext catalog `locale/<lang>/LC_MESSAGES/formgen.po` (compiled to .mo;
`python tools/messages.py` extracts, updates and compiles with Babel's tools). The language:
`--lang` (kept in FORMGEN_LANG, which worker processes inherit), else English when LANG,
LC_ALL or LC_MESSAGES names an English locale, else Polish.

Messages with values use named fields filled after translation:
`ngettext("{count} case checked", "{count} cases checked", n).format(count=n)`, never an f-string
inside `_()`. `N_()` marks a message for the catalog where it is defined (a table of texts) and
`_()` translates it where it is used.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

DOMAIN = "formgen"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANG_ENV = "FORMGEN_LANG"
LANGUAGES = ("pl", "en")


def language() -> str:
    """The language of messages now: 'pl' or 'en'."""
    chosen = os.environ.get(LANG_ENV, "").strip().lower()
    if chosen in LANGUAGES:
        return chosen
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "pl"
    return "pl"


def command_line_language(argv: Sequence[str]) -> str | None:
    """The language a `--lang pl|en` (or `--lang=pl|en`) of a command line names, the last one
    given (as click takes it); None when there is none. The command line reads it before click
    parses it, because click's help texts are made when the commands are defined."""
    found = None
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        value = argv[index + 1] if arg == "--lang" and index + 1 < len(argv) else \
            arg.removeprefix("--lang=") if arg.startswith("--lang=") else None
        if value in LANGUAGES:
            found = value
    return found


def set_language(lang: str) -> None:
    """Use `lang` ('pl' or 'en') from now on, here and in worker processes started later."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language '{lang}' (use {', '.join(LANGUAGES)})")
    os.environ[LANG_ENV] = lang


@lru_cache(maxsize=len(LANGUAGES))
def _catalog(lang: str) -> gettext.NullTranslations:
    if lang == "en":
        return gettext.NullTranslations()  # the messages are written in English
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


def _(message: str) -> str:
    """The message in the current language."""
    return _catalog(language()).gettext(message)


def N_(message: str) -> str:
    """The message as it is, marked for the catalog: `_()` translates it where it is shown."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural message for `count`, in the current language (Polish has three forms)."""
    return _catalog(language()).ngettext(singular, plural, count)


def quoted(text: object) -> str:
    """A name or value quoted in a message: 'kwota' in English, „kwota” in Polish."""
    # TRANSLATORS: how a name or value typed by the user is quoted in messages.
    return _("'{text}'").format(text=text)


def either(names: list[str]) -> str:
    """Quoted names joined as alternatives: "'a', 'b' or 'c'" ("„a”, „b” lub „c”")."""
    items = [quoted(name) for name in names]
    if len(items) < 2:
        return "".join(items)
    # TRANSLATORS: the last two of alternatives, e.g. 'K' or 'M'.
    return _("{first} or {last}").format(first=", ".join(items[:-1]), last=items[-1])


def number(value: object) -> str:
    """A number in a message: 2.5 in English, with the decimal comma in Polish (2,5)."""
    text = str(value)
    return text.replace(".", ",") if language() == "pl" else text
