"""The PDF preview in the page: its pages as PNG images (poppler's pdftoppm), shown inline, so
it works on phones (which do not show PDFs in a page) and needs no frame."""

from __future__ import annotations

import base64
import shutil
import subprocess
import tempfile
from pathlib import Path

from formgen.errors import FormgenError

MAX_PAGES = 12


def page_images(pdf: bytes, dpi: int = 70, timeout: float = 60.0) -> list[str]:
    """The first pages of a PDF as base64 PNG data (for data: URLs)."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        raise FormgenError("Podgląd wymaga programu pdftoppm (pakiet poppler-utils); pobierz PDF.")
    with tempfile.TemporaryDirectory(prefix="formgen-podglad-") as folder:
        source = Path(folder) / "dokument.pdf"
        source.write_bytes(pdf)
        try:
            subprocess.run([tool, "-png", "-r", str(dpi), "-l", str(MAX_PAGES), str(source), str(Path(folder) / "s")],
                           check=True, timeout=timeout, capture_output=True)
        except (subprocess.SubprocessError, OSError) as exc:
            raise FormgenError(f"Nie udało się przygotować podglądu ({type(exc).__name__}); pobierz PDF.") from None
        pages = sorted(Path(folder).glob("s-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        return [base64.b64encode(page.read_bytes()).decode("ascii") for page in pages]
