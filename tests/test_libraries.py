"""WeasyPrint imported without running the C compiler (formgen/render/libraries.py): every
library it needs is loaded, the library search is the real one again afterwards, and a system
where only the search finds a library still gets it."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.conftest import ROOT


def _python(code: str, *, path: str = "") -> str:
    env_path = f"{path}:{ROOT / 'src'}" if path else str(ROOT / "src")
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin"}, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_weasyprint_loads_every_library_without_searching_for_one():
    out = _python("""
        import ctypes.util
        searched = []
        real = ctypes.util.find_library
        def counting(name):
            searched.append(name)
            return real(name)
        ctypes.util.find_library = counting
        import formgen.render.pdf
        from weasyprint.text import ffi
        print(len(searched), ctypes.util.find_library is counting)
        print(ffi.pango is not None, ffi.harfbuzz_subset is not None, ffi.fontconfig is not None)
        print(bool(counting("c")))
    """)
    # Without the fast import WeasyPrint asks for 22 names on Debian, 16 of them run gcc and ld.
    assert out.split("\n")[:3] == ["0 True", "True True True", "True"]


def test_a_library_only_the_search_finds_is_still_loaded(tmp_path):
    fake = tmp_path / "weasyprint"
    fake.mkdir()
    (fake / "__init__.py").write_text(textwrap.dedent("""
        import ctypes.util
        print("trying")
        if ctypes.util.find_library("c") is None:
            raise OSError("cannot load library 'libc'")
        HOW = "found by the search"
    """), encoding="utf-8")
    out = _python("""
        from formgen.render.libraries import import_weasyprint
        import_weasyprint()
        import sys
        print(sys.modules["weasyprint"].HOW)
    """, path=str(tmp_path))
    # The first attempt's output is kept from the user; the second one's is WeasyPrint's own.
    assert out == "trying\nfound by the search\n"
