#!/usr/bin/env bash
# Sets formgen up on a fresh Debian machine with Python 3.11 and generates every example
# document into build/. Safe to run again. Usage: bash setup.sh
set -euo pipefail
cd "$(dirname "$0")"

# System packages: fonts with Polish glyphs (embedded in the PDFs), HarfBuzz subsetting
# (WeasyPrint is 2-3x slower without it), poppler-utils (pdftoppm/pdftotext) and qpdf for checks.
PKGS="libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation2 fonts-dejavu-core poppler-utils qpdf"
missing=""
for pkg in $PKGS; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi

# Python environment in .venv with formgen and its test tools.
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"

# Every example case to DOCX and PDF, and one bundle per case.
.venv/bin/formgen batch data/examples -o build --jobs 2
.venv/bin/formgen bundle data/examples -o build/bundles --jobs 2
echo "Done: documents in build/, bundles in build/bundles/."
