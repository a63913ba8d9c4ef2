"""Polish identifiers (PESEL, NIP, REGON, KRS, bank account) validated with python-stdnum."""

from __future__ import annotations

import re
from datetime import date

from stdnum import iban
from stdnum.exceptions import InvalidChecksum, InvalidComponent, ValidationError
from stdnum.pl import nip, pesel, regon
from stdnum.util import clean

from formgen.i18n import _

_NRB_DIGITS = 26


_SCIENTIFIC = re.compile(r"^\d([.,]\d+)?[eE]\+?\d+$")


def check_pesel(value: str) -> str:
    """Return the 11-digit PESEL as a string (leading zeros kept) or raise ValueError; a PESEL a
    spreadsheet turned into a number gets a hint."""
    try:
        return str(pesel.validate(value))
    except InvalidChecksum as exc:
        raise ValueError(_("invalid PESEL checksum")) from exc
    except InvalidComponent as exc:
        raise ValueError(_("invalid PESEL birth date")) from exc
    except ValidationError as exc:
        raise ValueError(_wrong_length(value)) from exc


def _wrong_length(value: str) -> str:
    """A PESEL without 11 digits; the hint why, when a spreadsheet read it as a number."""
    text = value.strip()
    if _SCIENTIFIC.match(text):
        return _("PESEL must have 11 digits (a spreadsheet wrote the number in scientific notation: "
                 "format the column as text and type the PESEL again)")
    if text.isdigit() and len(text) == 10:
        return _("PESEL must have 11 digits (a spreadsheet may have dropped its leading zero: "
                 "format the column as text; was it {pesel}?)").format(pesel=f"0{text}")
    return _("PESEL must have 11 digits")


def pesel_birth_date(value: str) -> date:
    """Return the birth date encoded in a valid PESEL."""
    return pesel.get_birth_date(check_pesel(value))


def pesel_sex(value: str) -> str:
    """Return 'K' (kobieta) or 'M' (mężczyzna) as encoded in a valid PESEL."""
    return "K" if pesel.get_gender(check_pesel(value)) == "F" else "M"


def check_nip(value: str) -> str:
    """Return the 10-digit NIP (accepts '123-456-32-18' and 'PL…' forms) or raise ValueError."""
    try:
        return str(nip.validate(value))
    except InvalidChecksum as exc:
        raise ValueError(_("invalid NIP checksum")) from exc
    except ValidationError as exc:
        raise ValueError(_("NIP must have 10 digits")) from exc


def check_regon(value: str) -> str:
    """Return the 9- or 14-digit REGON or raise ValueError."""
    try:
        return str(regon.validate(value))
    except InvalidChecksum as exc:
        raise ValueError(_("invalid REGON checksum")) from exc
    except ValidationError as exc:
        raise ValueError(_("REGON must have 9 or 14 digits")) from exc


def check_krs(value: str) -> str:
    """Return the 10-digit KRS number (it has no checksum) or raise ValueError."""
    number = clean(value, " -").strip()
    if len(number) != 10 or not number.isdigit() or not number.isascii():
        raise ValueError(_("KRS must have 10 digits"))
    return number


def check_account(value: str) -> str:
    """Return a Polish account (NRB or PL IBAN, spaces allowed) as a compact 28-char PL IBAN."""
    number = clean(value, " -").strip().upper()
    if number[:2].isalpha():
        if number[:2] != "PL":
            raise ValueError(_("only Polish (PL) accounts are accepted"))
        number = number[2:]
    if len(number) != _NRB_DIGITS or not number.isdigit() or not number.isascii():
        raise ValueError(_("account number must have 26 digits"))
    try:
        # An NRB is a PL IBAN without the country code, so the IBAN check covers it.
        return str(iban.validate("PL" + number))
    except ValidationError as exc:
        raise ValueError(_("invalid account number checksum")) from exc


def format_account(value: str) -> str:
    """Print an account as 'PL61 1090 1014 0000 0712 1981 2874' (groups of 4, plain spaces)."""
    compact = check_account(value)
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))
