"""The YAML reader keeps every scalar a string and refuses aliases and duplicate keys."""

from __future__ import annotations

import pytest

from formgen.cases.yamlread import read_yaml
from formgen.errors import InputError
from tests.conftest import write


def test_scalars_stay_exact_strings(tmp_path):
    path = write(tmp_path, "c.yaml", "pesel: 07231412017\nflag: NO\ntime: 12:30\nnum: 0x1F\nempty:\n")
    data = read_yaml(path)[0].data
    assert data == {"pesel": "07231412017", "flag": "NO", "time": "12:30", "num": "0x1F", "empty": None}


def test_lines_are_recorded_for_nested_keys_and_items(tmp_path):
    path = write(tmp_path, "c.yaml", "a: 1\nb:\n  c: 2\nlist:\n  - x: 1\n  - x: 2\n")
    record = read_yaml(path)[0]
    assert record.lines[("b", "c")] == 3
    assert record.lines[("list", 1, "x")] == 6
    assert record.line_of(("b", "missing")) == 2


def test_duplicate_key_is_an_error_with_its_line(tmp_path):
    path = write(tmp_path, "dup.yaml", "id: a\nkwota: 1\nkwota: 2\n")
    with pytest.raises(InputError) as exc:
        read_yaml(path)
    assert exc.value.message == f"{path}:3: kwota: duplicate key"


def test_alias_is_an_error_with_its_line(tmp_path):
    path = write(tmp_path, "alias.yaml", "a: &x [1, 2]\nb: *x\n")
    with pytest.raises(InputError) as exc:
        read_yaml(path)
    assert exc.value.message == f"{path}:2: aliases (*name) are not allowed in case files"


def test_alias_bomb_is_refused_quickly(tmp_path):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]" for i in range(8)]
    path = write(tmp_path, "bomb.yaml", "\n".join(lines) + "\n")
    with pytest.raises(InputError) as exc:
        read_yaml(path)
    assert "aliases" in exc.value.message and ":2:" in exc.value.message


def test_syntax_error_names_the_line(tmp_path):
    path = write(tmp_path, "bad.yaml", "a: 1\nb: [1, 2\nc: 3\n")
    with pytest.raises(InputError) as exc:
        read_yaml(path)
    assert exc.value.message.startswith(f"{path}:3: YAML syntax:")


def test_top_level_must_be_a_mapping(tmp_path):
    path = write(tmp_path, "list.yaml", "- a\n- b\n")
    with pytest.raises(InputError) as exc:
        read_yaml(path)
    assert exc.value.message == f"{path}:1: a case file must be a mapping of fields"


@pytest.mark.parametrize("encoding", ["cp1250", "iso-8859-2", "utf-8-sig"])
def test_a_yaml_saved_as_ansi_is_read_after_detection(tmp_path, encoding):
    path = write(tmp_path, "cp.yaml", "imie: Łucja Świątek-Źródłowska\n", encoding=encoding)
    assert read_yaml(path)[0].data == {"imie": "Łucja Świątek-Źródłowska"}


def test_a_yaml_in_no_known_encoding_is_reported(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_bytes(b"imie: \x81\x98\n")  # bytes no Polish encoding has
    with pytest.raises(InputError) as exc:
        read_yaml(path)
    assert exc.value.message == (f"{path}: cannot read: not UTF-8, cp1250 or ISO-8859-2 text; "
                                 f"save it as UTF-8 or give --encoding")


@pytest.mark.parametrize("text, line, message", [
    ("form: x\ncel: remont: łazienka\n", 2, "YAML syntax: mapping values are not allowed here (a value holds ': ' "
                                           "— put the whole value in quotes, e.g. cel: \"remont: łazienka\")"),
    ("form: x\ncel remont\nkwota: 1\n", 2, "YAML syntax: could not find expected ':' (a line without "
                                         "'name: value' — add the colon after the field's name)"),
])
def test_common_yaml_slips_get_the_line_at_fault_and_a_hint(tmp_path, text, line, message):
    path = write(tmp_path, "x.yaml", text)
    with pytest.raises(InputError) as exc:
        read_yaml(path)
    assert exc.value.message == f"{path}:{line}: {message}"
