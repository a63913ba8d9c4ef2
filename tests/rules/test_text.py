"""Tests for formgen.rules.text."""

from __future__ import annotations

import pytest

from formgen.rules.text import gendered, xml_illegal_chars


def test_gendered() -> None:
    assert gendered("K", "zatrudniona", "zatrudniony") == "zatrudniona"
    assert gendered("M", "zatrudniona", "zatrudniony") == "zatrudniony"
    with pytest.raises(ValueError, match="sex must be 'K' or 'M', got 'F'"):
        gendered("F", "a", "b")


def test_xml_legal_text() -> None:
    assert xml_illegal_chars("Zażółć gęślą jaźń\t\n\r \U0001f600 \ufffd") == []


def test_xml_illegal_chars() -> None:
    value = "a\x0bb\x00c\x0b\ud800\ufffe\uffff\x1f"
    assert xml_illegal_chars(value) == [
        "\\x0b",
        "\\x00",
        "\\ud800",
        "\\ufffe",
        "\\uffff",
        "\\x1f",
    ]
