"""What an archival bundle costs compared with rendering its documents as separate files.

Usage: python benchmarks/bundle.py [N]   (default 10). Copies the four-document loan case
(data/examples/sprawa-pozyczka-2026-003.yaml) N times under new case ids, then, each in a
fresh process and in one run of this script:

- `formgen batch --format all --jobs 1`: each document's DOCX and PDF as separate files;
- `formgen bundle`: one PDF/A-3b bundle per case (two layout passes, attachments, manifest);
- `formgen bundle --jobs 2`: the same in two processes;
- `formgen bundle --sign`: the same as the first bundle run, signed with a throw-away certificate;
- `formgen verify` over the unsigned bundles.

Prints seconds per case for each, the ratios to the batch run, and the peak memory (max RSS)
of the formgen processes.
"""

from __future__ import annotations

import datetime as dt
import resource
import sys
import tempfile
from pathlib import Path

from common import ROOT, timed

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
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cases = make_cases(folder, count)
        p12, password = make_certificate(folder)
        batch = timed("batch", str(cases), "-o", str(folder / "batch"), "--jobs", "1")
        bundle = timed("bundle", str(cases), "-o", str(folder / "bundles"))
        pooled = timed("bundle", str(cases), "-o", str(folder / "pooled"), "--jobs", "2")
        signed = timed("bundle", str(cases), "-o", str(folder / "signed"), "--sign", str(p12),
                       "--cert-password-file", str(password))
        verify = timed("verify", *map(str, sorted((folder / "bundles").glob("*.pdf"))))
        sizes = [p.stat().st_size for p in (folder / "bundles").glob("*.pdf")]
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    per = 1000 / count
    print(f"{count} cases of 4 documents each")
    print(f"batch (DOCX + PDF files): {batch:.2f} s, {batch * per:.0f} ms per case")
    print(f"bundle (PDF/A-3b):        {bundle:.2f} s, {bundle * per:.0f} ms per case, "
          f"{bundle / batch:.2f}x the batch")
    print(f"bundle --jobs 2:          {pooled:.2f} s, {pooled * per:.0f} ms per case, "
          f"speed-up {bundle / pooled:.2f}x over --jobs 1")
    print(f"bundle --sign:            {signed:.2f} s, {signed * per:.0f} ms per case, "
          f"{signed / bundle:.2f}x the unsigned bundle")
    print(f"verify:                   {verify:.2f} s, {verify * per:.0f} ms per bundle, "
          f"{verify / bundle:.2f}x the bundling")
    print(f"bundle size: {sum(sizes) / len(sizes) / 1024:.0f} KiB on average")
    print(f"peak RSS of a formgen process: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
