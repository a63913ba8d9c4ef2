"""Importing WeasyPrint without its library search running the C compiler sixteen times.

WeasyPrint opens Pango, HarfBuzz, fontconfig and GObject through cffi, trying a list of names
for each library (the Windows, macOS and Linux spellings). cffi hands every name that is not a
loadable file to `ctypes.util.find_library`, which on Linux runs `ldconfig -p` and then `gcc`
and `ld` for a name the linker cache lacks: about 12 ms per missing name, and the lists hold
sixteen of them on Linux (six alone for HarfBuzz's optional vector library, absent from Debian
12). That is 0.17-0.19 s of the 0.3 s WeasyPrint takes to import, paid by every process that
renders (each worker of a pool, each `formgen render`) - measured in this project, and known
upstream (Kozea/WeasyPrint#1125).

Every list also holds the library's Linux soname (`libpango-1.0.so.0` …), which the dynamic
linker opens itself, looking where it always looks (LD_LIBRARY_PATH, its cache, the system
folders). So on Linux the import runs with `find_library` answering "not found" at once: the
other spellings fail in microseconds and the soname loads the same file as before. Should
that import fail (a system where only the search finds a library), it is made again with the
real search, so the outcome and WeasyPrint's own error message are those of a plain import.
"""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Iterator


def import_weasyprint() -> None:
    """Import WeasyPrint (once per process), quickly on Linux."""
    if "weasyprint" in sys.modules or not sys.platform.startswith("linux"):
        import weasyprint
        return
    try:
        with _no_library_search(), contextlib.redirect_stdout(io.StringIO()):
            import weasyprint
    except OSError:
        _forget("weasyprint")
        import weasyprint  # noqa: F401 - again with the real search, and its real error


@contextlib.contextmanager
def _no_library_search() -> Iterator[None]:
    """`ctypes.util.find_library` finds nothing while the block runs (restored after; cffi
    looks the function up at each call). No other thread of formgen searches for libraries."""
    import ctypes.util

    search = ctypes.util.find_library
    ctypes.util.find_library = _not_found
    try:
        yield
    finally:
        ctypes.util.find_library = search


def _not_found(name: str) -> None:
    return None


def _forget(package: str) -> None:
    """Remove a package's modules left from a failed import, so that it is imported anew."""
    for module in [m for m in sys.modules if m == package or m.startswith(package + ".")]:
        del sys.modules[module]
