"""A wheel carries the templates and default data: installed (not editable) into a fresh
environment, formgen renders from any folder."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

from tests.conftest import EXAMPLES, ROOT, pdf_text


def test_a_wheel_installed_elsewhere_renders_a_form_from_any_folder(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    # Built offline: the test environment has setuptools (the [test] extra), no isolation needed.
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist),
                    str(ROOT)], check=True, capture_output=True)
    wheel = next(dist.glob("formgen-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "formgen/_builtin/templates/zfss-umowa-pozyczki/template.docx" in names
    assert "formgen/_builtin/data/params/zfss-2026.yaml" in names
    assert "formgen/register/migrations/versions/0001_register.py" in names
    assert not [n for n in names if "/examples/" in n or "__pycache__" in n]
    # A fresh environment with formgen from the wheel only; its dependencies come from this
    # environment's site-packages (a .pth line), so nothing is downloaded.
    target = tmp_path / "env"
    venv.EnvBuilder(with_pip=False).create(target)
    site = Path(subprocess.run([str(target / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(target / "bin" / "python"), "install", "-q",
                    "--no-deps", "--no-index", str(wheel)], check=True, capture_output=True)
    elsewhere = tmp_path / "anywhere"
    elsewhere.mkdir()
    case = elsewhere / "umowa.yaml"
    case.write_bytes((EXAMPLES / "pozyczka-2026-001.yaml").read_bytes())
    result = subprocess.run([str(target / "bin" / "formgen"), "render", str(case), "-o", "out"], cwd=elsewhere,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    where = subprocess.run([str(target / "bin" / "python"), "-c", "import formgen.builtin as b; print(b.builtin_templates())"],
                           cwd=elsewhere, capture_output=True, text=True, check=True).stdout.strip()
    assert where == str(site / "formgen" / "_builtin" / "templates")
    text = pdf_text(elsewhere / "out" / "zfss-umowa-pozyczki" / "pozyczka-2026-001.pdf")
    assert "pomiędzy Żłobkiem Miejskim nr 3 w Przykładowie" in text and "WZÓR" in text
