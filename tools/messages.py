"""Keep the message catalog in step with the code, with Babel's tools.

    python tools/messages.py           # extract _() messages from src/, update the .po files, compile .mo
    python tools/messages.py --check   # exit 1 if a message has no translation or the .mo is stale

The English messages are the msgids; translators edit src/formgen/locale/<lang>/LC_MESSAGES/formgen.po.
"""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "formgen"
LOCALES = SOURCE / "locale"
DOMAIN = "formgen"
KEYWORDS = {"_": None, "ngettext": (1, 2)}


def extracted() -> Catalog:
    """Every message of the code, with where it is used."""
    catalog = Catalog(domain=DOMAIN, project="formgen", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
            SOURCE, method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)):
        catalog.add(message, None, [(f"src/formgen/{filename}", lineno)], auto_comments=comments, context=context)
    return catalog


def po_path(lang: str) -> Path:
    return LOCALES / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read(lang: str) -> Catalog:
    path = po_path(lang)
    if not path.is_file():
        return Catalog(locale=lang, domain=DOMAIN, project="formgen", charset="utf-8")
    with path.open("rb") as handle:
        return read_po(handle, locale=lang, domain=DOMAIN)


def mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def update(lang: str) -> Catalog:
    """The language's catalog updated to the code's messages (translations kept)."""
    catalog = read(lang)
    catalog.update(extracted(), no_fuzzy_matching=True)
    return catalog


def untranslated(catalog: Catalog) -> list[str]:
    """The msgids of a catalog that have no (or a fuzzy) translation."""
    missing = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


def main(argv: list[str]) -> int:
    lang = "pl"
    catalog = update(lang)
    if "--check" in argv:
        missing = untranslated(catalog)
        for msgid in missing:
            print(f"untranslated: {msgid!r}")
        stale = not po_path(lang).with_suffix(".mo").is_file() or \
            po_path(lang).with_suffix(".mo").read_bytes() != mo_bytes(read(lang))
        if stale:
            print("the compiled catalog (.mo) is older than the .po: run python tools/messages.py")
        return 1 if missing or stale else 0
    po_path(lang).parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("wb", delete=False, dir=po_path(lang).parent) as handle:
        write_po(handle, catalog, width=100, sort_output=False, omit_header=False, ignore_obsolete=True)
    Path(handle.name).replace(po_path(lang))
    po_path(lang).with_suffix(".mo").write_bytes(mo_bytes(read(lang)))
    print(f"{po_path(lang).relative_to(ROOT)}: {len(catalog)} messages, {len(untranslated(catalog))} untranslated")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
