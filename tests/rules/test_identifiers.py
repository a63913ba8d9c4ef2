"""Tests for formgen.rules.identifiers (vectors checked with python-stdnum beforehand)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from formgen.rules.identifiers import (
    check_account,
    check_krs,
    check_nip,
    check_pesel,
    check_regon,
    format_account,
    pesel_birth_date,
    pesel_sex,
)


def test_pesel_born_2007_keeps_leading_zero() -> None:
    assert check_pesel("07231412017") == "07231412017"
    assert pesel_birth_date("07231412017") == date(2007, 3, 14)
    assert pesel_sex("07231412017") == "M"


def test_pesel_male_1944() -> None:
    assert check_pesel(" 44051401359 ") == "44051401359"
    assert pesel_birth_date("44051401359") == date(1944, 5, 14)
    assert pesel_sex("44051401359") == "M"


def test_pesel_female() -> None:
    assert pesel_sex("02270803624") == "K"
    assert pesel_birth_date("02270803624") == date(2002, 7, 8)


def test_pesel_leap_day() -> None:
    assert pesel_birth_date("00222901239") == date(2000, 2, 29)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("44051401358", "invalid PESEL checksum"),
        ("440514013", "PESEL must have 11 digits"),
        ("4405140135X", "PESEL must have 11 digits"),
        ("99130112347", "invalid PESEL birth date"),  # month 13, checksum correct
    ],
)
def test_pesel_errors(value: str, message: str) -> None:
    with pytest.raises(ValueError, match=f"^{message}$"):
        check_pesel(value)


@pytest.mark.parametrize(("value", "hint"), [
    ("7231412017", " (a spreadsheet may have dropped its leading zero: format the column as text; "
                   "was it 07231412017?)"),
    ("8,5010112345E+10", " (a spreadsheet wrote the number in scientific notation: format the column as "
                         "text and type the PESEL again)"),
    ("4.4051401359e10", " (a spreadsheet wrote the number in scientific notation: format the column as "
                        "text and type the PESEL again)"),
])
def test_a_pesel_a_spreadsheet_turned_into_a_number_gets_a_hint(value: str, hint: str) -> None:
    with pytest.raises(ValueError) as info:
        check_pesel(value)
    assert str(info.value) == "PESEL must have 11 digits" + hint


@pytest.mark.parametrize("value", ["1234563218", "123-456-32-18", "PL1234563218"])
def test_nip_valid(value: str) -> None:
    assert check_nip(value) == "1234563218"


@pytest.mark.parametrize(
    ("value", "message"), [("1234563219", "invalid NIP checksum"), ("123456321", "10 digits")]
)
def test_nip_errors(value: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        check_nip(value)


@pytest.mark.parametrize("value", ["123456785", "12345678512347", "192598184"])
def test_regon_valid(value: str) -> None:
    assert check_regon(value) == value


def test_regon_errors() -> None:
    with pytest.raises(ValueError, match="invalid REGON checksum"):
        check_regon("123456786")
    with pytest.raises(ValueError, match="9 or 14 digits"):
        check_regon("1234567")


def test_krs() -> None:
    assert check_krs("0000123456") == "0000123456"
    for bad in ["123456", "00001234567", "000012345a"]:
        with pytest.raises(ValueError, match="KRS must have 10 digits"):
            check_krs(bad)


@pytest.mark.parametrize(
    "value",
    [
        "61109010140000071219812874",
        "61 1090 1014 0000 0712 1981 2874",
        "PL61109010140000071219812874",
        "PL61 1090 1014 0000 0712 1981 2874",
        "pl61109010140000071219812874",
    ],
)
def test_account_valid(value: str) -> None:
    assert check_account(value) == "PL61109010140000071219812874"
    assert format_account(value) == "PL61 1090 1014 0000 0712 1981 2874"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("61109010140000071219812875", "invalid account number checksum"),
        ("6110901014000007121981287", "account number must have 26 digits"),
        ("PL6110901014000007121981287X", "account number must have 26 digits"),
        ("DE89370400440532013000", "only Polish (PL) accounts are accepted"),
        ("DE89 3704 0044 0532 0130 00", "only Polish (PL) accounts are accepted"),
    ],
)
def test_account_errors(value: str, message: str) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        check_account(value)
