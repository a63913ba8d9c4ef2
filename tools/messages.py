"""Keep the message catalog in step with the code, with Babel's tools.

    python tools/messages.py           # extract _() messages from src/, update the .po files, compile .mo
    python tools/messages.py --check   # exit 1 if a message has no translation or the .mo is stale

The English messages are the msgids; translators edit src/formgen/locale/<lang>/LC_MESSAGES/formgen.po.

The .po stays diff-friendly: its header dates change only when its messages or translations
do, messages are in the order of the files (and of the lines in them) that use them, locations
name files without line numbers, and messages the code no longer uses are dropped.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
import re
import sys
import tempfile
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "formgen"
LOCALES = SOURCE / "locale"
DOMAIN = "formgen"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
# The plural rule of each language, as GNU gettext writes it (Babel's own is equivalent but
# spelled differently; the header keeps the usual one).
PLURAL_FORMS = {
    "pl": "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
}
LANGUAGE_TEAM = {"pl": "Polish <formgen@localhost>"}
HEADER_COMMENT = ("# Messages of formgen in {language}.\n"
                  "# The msgids are the English messages of the code; update with python tools/messages.py.\n"
                  "#")
_FIELD = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)[^{}]*\}")


def extracted() -> Catalog:
    """Every message of the code, with where it is used (file order)."""
    catalog = Catalog(domain=DOMAIN, project="formgen", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
            SOURCE, method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)):
        catalog.add(message, None, [(f"src/formgen/{filename}", lineno)], auto_comments=comments, context=context)
    return catalog


def po_path(lang: str) -> Path:
    return LOCALES / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(lang: str) -> Path:
    return po_path(lang).with_suffix(".mo")


def read(lang: str) -> Catalog:
    """The language's catalog as the .po holds it (a new, empty one if there is none)."""
    path = po_path(lang)
    if not path.is_file():
        now = dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)
        catalog = Catalog(locale=lang, domain=DOMAIN, project="formgen", version="1", charset="utf-8",
                          creation_date=now, revision_date=now)
    else:
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=lang, domain=DOMAIN)
    catalog.header_comment = HEADER_COMMENT.format(language=catalog.locale.english_name if catalog.locale else lang)
    catalog.msgid_bugs_address = "formgen@localhost"
    catalog.language_team = LANGUAGE_TEAM.get(lang, catalog.language_team)
    catalog.last_translator = "formgen <formgen@localhost>"
    catalog.fuzzy = False
    if lang in PLURAL_FORMS:
        catalog.mime_headers = [("Plural-Forms", PLURAL_FORMS[lang])]
    return catalog


def mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def po_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, sort_output=False, omit_header=False, ignore_obsolete=True,
             include_lineno=False)
    return buffer.getvalue()


def update(lang: str) -> Catalog:
    """The language's catalog updated to the code's messages (translations kept, header dates
    unchanged)."""
    catalog = read(lang)
    catalog.update(extracted(), no_fuzzy_matching=True, update_creation_date=False)
    catalog.obsolete.clear()
    return catalog


def untranslated(catalog: Catalog) -> list[str]:
    """The msgids of a catalog that have no (or a fuzzy) translation."""
    missing = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            missing.append(_first(message.id))
    return missing


def wrong_fields(catalog: Catalog) -> list[str]:
    """Translations whose named fields ({count}) are not those of their message: .format() would
    fail (a field it does not know) or leave a value out."""
    wrong = []
    for message in catalog:
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        known = set().union(*(_fields(i) for i in ids))
        for index, string in enumerate(strings):
            # Each form has the fields of its own msgid: the first form (one item) the singular's,
            # the others the plural's (click's "Did you mean {possibility}?" has another field
            # than its plural); a form for one item may leave the count out ("jeden plik").
            own = _fields(ids[min(index, len(ids) - 1)])
            if string and (not _fields(string) <= known or not own - {"count"} <= _fields(string)):
                wrong.append(_first(message.id))
                break
    return wrong


def _fields(text: str) -> set[str]:
    return set(_FIELD.findall(text.replace("{{", "").replace("}}", "")))


def _first(msgid: str | tuple[str, ...]) -> str:
    return msgid if isinstance(msgid, str) else msgid[0]


def _translations(catalog: Catalog) -> dict[object, object]:
    """(msgid, context) -> translation of every translated, non-fuzzy message (no header)."""
    def plain(text: object) -> object:  # .mo plurals come back as lists, .po ones as tuples
        return tuple(text) if isinstance(text, (list, tuple)) else text

    return {(plain(m.id), m.context): plain(m.string) for m in catalog
            if m.id and m.string and not m.fuzzy
            and all(m.string if isinstance(m.string, (list, tuple)) else (m.string,))}


def stale_mo(lang: str) -> bool:
    """Whether the compiled .mo is missing or holds other translations (or another plural rule)
    than the .po."""
    path = mo_path(lang)
    if not path.is_file():
        return True
    with path.open("rb") as handle:
        compiled = read_mo(handle)
    with path.open("rb") as handle:
        plural = gettext.GNUTranslations(handle).info().get("plural-forms", "")
    source = read(lang)
    return _translations(compiled) != _translations(source) or plural != source.plural_forms


def write(lang: str, catalog: Catalog) -> bool:
    """Write the .po (only when its messages changed, then with a new revision date) and the .mo;
    whether the .po changed."""
    path = po_path(lang)
    old = read(lang)
    changed = not path.is_file() or _entries(old) != _entries(catalog)
    if changed:
        catalog.revision_date = dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", delete=False, dir=path.parent) as handle:
            handle.write(po_bytes(catalog))
        Path(handle.name).replace(path)
    compiled = read(lang)
    with tempfile.NamedTemporaryFile("wb", delete=False, dir=path.parent) as handle:
        handle.write(mo_bytes(compiled))
    Path(handle.name).replace(mo_path(lang))
    return changed


def _entries(catalog: Catalog) -> list[tuple[object, ...]]:
    """What the .po says apart from its header: messages, translations, places, comments, order."""
    return [(m.id, m.string, m.context, sorted({file for file, _line in m.locations}),
             tuple(m.auto_comments), tuple(m.user_comments), m.fuzzy)
            for m in catalog if m.id] + [("Plural-Forms", catalog.plural_forms)]


def main(argv: list[str]) -> int:
    lang = "pl"
    catalog = update(lang)
    if "--check" in argv:
        missing, wrong, stale = untranslated(catalog), wrong_fields(catalog), stale_mo(lang)
        for msgid in missing:
            print(f"untranslated: {msgid!r}")
        for msgid in wrong:
            print(f"named fields differ from the message's: {msgid!r}")
        if stale:
            print("the compiled catalog (.mo) is older than the .po: run python tools/messages.py")
        return 1 if missing or wrong or stale else 0
    changed = write(lang, catalog)
    print(f"{po_path(lang).relative_to(ROOT)}: {len(catalog)} messages, {len(untranslated(catalog))} "
          f"untranslated{'' if changed else ', unchanged'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
