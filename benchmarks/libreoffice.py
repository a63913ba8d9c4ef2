"""formgen's DOCX+PDF per document against docxtpl + a resident LibreOffice, in pairs.

Usage: python benchmarks/libreoffice.py [LOANS] [STATEMENTS] [PAIRS]   (default 30 100 3)

The route docxtpl users take for PDF: fill the DOCX with docxtpl, then convert every DOCX with
one LibreOffice call (`soffice --headless --convert-to pdf` over all the files, so LibreOffice
starts once: "resident"), with a throw-away user profile made (and warmed up) once for the run.
For each input, in turn PAIRS times: `formgen batch --jobs 1` (DOCX and PDF of every document,
start-up included) against benchmarks/raw.py making the DOCX files with docxtpl plus the one
soffice call converting them. Prints the time per document of each and the median ratio; target:
formgen at most 1.00x. Installs nothing: without `soffice` on PATH it says so and skips.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from common import (
    LOAN,
    RAW,
    ROOT,
    Measured,
    batch_one_job,
    fresh,
    in_pairs,
    machine,
    measure,
    median,
    numbers,
    prepare_raw,
    ratios,
    spread,
    verdict,
    write_copies,
    write_statements,
)

TARGET = 1.00


def soffice(profile: Path, files: list[Path], out: Path) -> Measured:
    """One LibreOffice process converting every file to PDF into `out`."""
    command = ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(out), *map(str, files)]
    return measure(command).check()


def docxtpl_and_soffice(inputs: Path, work: Path, profile: Path, number: int) -> Measured:
    """docxtpl making the DOCX files, then one soffice call: the sum of both processes."""
    docx = fresh(work / f"d{number}")
    made = measure([sys.executable, str(RAW), "render", str(inputs), str(docx), "docx"]).check()
    files = sorted(docx.glob("*.docx"))
    converted = soffice(profile, files, fresh(work / f"p{number}"))
    if len(list((work / f"p{number}").glob("*.pdf"))) != len(files):
        raise SystemExit("LibreOffice did not convert every file")
    return Measured(made.seconds + converted.seconds, 0, "", max(made.largest_mib, converted.largest_mib))


def compare(name: str, cases: Path, pairs: int, work: Path, profile: Path) -> bool:
    """Time formgen and docxtpl + LibreOffice in turn; print the figures; whether the target is met."""
    work.mkdir(parents=True, exist_ok=True)
    inputs = work / "inputs.pickle"
    documents = prepare_raw(cases, inputs)
    runs = in_pairs(
        lambda n: batch_one_job(cases, work / f"f{n}"),
        lambda n: docxtpl_and_soffice(inputs, work, profile, n), pairs)
    ours, theirs = median([a.seconds for a, _ in runs]), median([b.seconds for _, b in runs])
    ratio = ratios(runs)
    print(f"{name}: formgen DOCX+PDF {ours / documents * 1000:.0f} ms a document, docxtpl + one soffice call "
          f"{theirs / documents * 1000:.0f} ms a document; formgen / LibreOffice route: {spread(ratio)}x "
          f"[target <= {TARGET:.2f}x: {verdict(median(ratio) <= TARGET)}]")
    return median(ratio) <= TARGET


def main() -> None:
    loans, statements, pairs = numbers(30, 100, 3)
    if shutil.which("soffice") is None:
        print("soffice (LibreOffice) is not on PATH: the LibreOffice comparison is skipped "
              "(install LibreOffice Writer to run it).")
        return
    print(f"formgen against docxtpl + resident LibreOffice, --jobs 1, {pairs} pairs of runs; {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        profile = work / "lo-profile"
        loan_cases = write_copies(LOAN, work / "loans", loans, "loan")
        warm = fresh(work / "warm-up")  # the profile is made once, outside the timed runs
        shutil.copy(ROOT / "templates" / "som-oswiadczenie" / "template.docx", warm / "warm.docx")
        soffice(profile, [warm / "warm.docx"], warm)
        compare(f"{loans} loan agreements", loan_cases, pairs, work / "l", profile)
        compare(f"{statements} staff statements (+ their register)",
                write_statements(work / "statements", statements), pairs, work / "s", profile)


if __name__ == "__main__":
    main()
