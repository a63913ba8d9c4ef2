"""Writing outputs: atomic replacement, no leftovers on failure, the user's umask, confinement."""

from __future__ import annotations

import os
import stat

import pytest

from formgen.errors import FormgenError
from formgen.output import WriteError, safe_path, write_atomic


@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_files_get_the_mode_the_umask_gives(tmp_path, mask, mode):
    old = os.umask(mask)
    try:
        target = tmp_path / "out" / "a.pdf"
        write_atomic(target, b"%PDF-1.7\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert target.read_bytes() == b"%PDF-1.7\n"


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "a.pdf"
    target.write_bytes(b"old")

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(WriteError) as exc:
        write_atomic(target, b"new and longer")
    assert exc.value.message == f"cannot write {target}: No space left on device" and exc.value.fatal
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.pdf"]


@pytest.mark.parametrize("parts", [("..", "x.pdf"), ("a", "..", "..", "x.pdf"), ("/etc/passwd",), (".",)])
def test_paths_outside_the_output_folder_are_refused(tmp_path, parts):
    with pytest.raises(FormgenError, match="refusing to write outside"):
        safe_path(tmp_path / "out", *parts)
