"""What an archival bundle costs compared with rendering its documents as separate files.

Usage: python benchmarks/bundle.py [N] [PAIRS]   (default 10 3). Copies the four-document loan
case (data/examples/sprawa-pozyczka-2026-003.yaml) N times under new case ids, then, each in a
fresh process and a new output folder:

- in turn PAIRS times: `formgen batch --jobs 1` (each document's DOCX and PDF as separate files)
  and `formgen bundle --jobs 1` (one PDF/A-3b bundle per case: cover, the documents' pages with
  page numbers across the bundle, attachments, manifest); target: a bundle at most 1.15x;
- once each: `formgen bundle --jobs 2`, `formgen bundle --sign` with a throw-away certificate,
  and `formgen verify` over the unsigned bundles.

Prints seconds per case for each, the ratios, and the peak memory (RSS) of the largest process.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from common import (
    ROOT,
    formgen,
    fresh,
    in_pairs,
    machine,
    measure,
    median,
    numbers,
    ratios,
    spread,
    verdict,
)

TARGET = 1.15

CASE = ROOT / "data" / "examples" / "sprawa-pozyczka-2026-003.yaml"


def make_cases(folder: Path, count: int) -> Path:
    """`count` copies of the loan case with ids bench-00000, bench-00001, …"""
    cases = folder / "cases"
    cases.mkdir()
    text = CASE.read_text(encoding="utf-8")
    assert "\nid: pozyczka-2026-003\n" in text
    for i in range(count):
        (cases / f"bench-{i:05d}.yaml").write_text(
            text.replace("\nid: pozyczka-2026-003\n", f"\nid: bench-{i:05d}\n"), encoding="utf-8")
    return cases


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed PKCS#12 file and a file holding its password."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "benchmark")])
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(1).not_valid_before(start).not_valid_after(start + dt.timedelta(days=365))
            .sign(key, hashes.SHA256()))
    p12 = folder / "bench.p12"
    p12.write_bytes(pkcs12.serialize_key_and_certificates(
        b"bench", key, cert, None, serialization.BestAvailableEncryption(b"bench")))
    password = folder / "bench.txt"
    password.write_text("bench\n", encoding="utf-8")
    return p12, password


def main() -> None:
    count, pairs = numbers(10, 3)
    print(f"{count} cases of 4 documents each, {pairs} pairs of runs; {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cases = make_cases(folder, count)
        p12, password = make_certificate(folder)
        runs = in_pairs(
            lambda n: measure(formgen("batch", str(cases), "-o", str(fresh(folder / f"batch{n}")), "--jobs", "1")).check(),
            lambda n: measure(formgen("bundle", str(cases), "-o", str(fresh(folder / f"bundles{n}")),
                                      "--jobs", "1")).check(), pairs)
        batch, bundle = median([a.seconds for a, _ in runs]), median([b.seconds for _, b in runs])
        ratio = [1 / r for r in ratios(runs)]
        pooled = measure(formgen("bundle", str(cases), "-o", str(fresh(folder / "pooled")), "--jobs", "2")).check()
        signed = measure(formgen("bundle", str(cases), "-o", str(fresh(folder / "signed")), "--jobs", "1",
                                 "--sign", str(p12), "--cert-password-file", str(password))).check()
        verify = measure(formgen("verify", *map(str, sorted((folder / "bundles0").glob("*.pdf"))))).check()
        sizes = [p.stat().st_size for p in (folder / "bundles0").glob("*.pdf")]
    per = 1000 / count
    print(f"batch --jobs 1 (DOCX + PDF files): {batch:.2f} s, {batch * per:.0f} ms per case")
    print(f"bundle --jobs 1 (PDF/A-3b):        {bundle:.2f} s, {bundle * per:.0f} ms per case; bundle / batch: "
          f"{spread(ratio)}x [target <= {TARGET}x: {verdict(median(ratio) <= TARGET)}]")
    print(f"bundle --jobs 2:                   {pooled.seconds:.2f} s, speed-up {bundle / pooled.seconds:.2f}x "
          f"over --jobs 1 (one run)")
    print(f"bundle --sign:                     {signed.seconds:.2f} s, {signed.seconds / bundle:.2f}x the unsigned "
          f"bundle (one run)")
    print(f"verify:                            {verify.seconds:.2f} s, {verify.seconds * per:.0f} ms per bundle")
    print(f"bundle size: {sum(sizes) / len(sizes) / 1024:.0f} KiB on average; peak RSS of the largest process: "
          f"batch {max(a.largest_mib for a, _ in runs):.0f} MiB, bundle {max(b.largest_mib for _, b in runs):.0f} MiB")


if __name__ == "__main__":
    main()
