"""Protecting a finished bundle: AES-256 encryption (pypdf) and a PAdES signature (pyHanko).

Both are steps after the bundle is laid out. Encryption comes first (pypdf rewrites the whole
file, which would break a signature); the signature is the very last step and is appended as
an incremental update, so the bytes before it stay exactly as they were.

Neither is reproducible: encryption draws a random key and IVs, and a signature carries its
signing time. An encrypted file is not PDF/A (PDF/A forbids encryption), so formgen makes
encrypted copies only as plain PDF.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path
from typing import Any

from formgen.errors import FormgenError

SIGNATURE_FIELD = "Podpis"


def read_secret(path: Path, what: str) -> str:
    """The first line of a password file, without its line break (never echoed anywhere)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise FormgenError(f"{path}: cannot read the {what}: {exc.__class__.__name__}") from exc
    lines = text.splitlines()
    secret = lines[0] if lines else ""
    if not secret:
        raise FormgenError(f"{path}: the {what} is empty (it must be on the first line)")
    return secret


def encrypt_pdf(pdf: bytes, password: str) -> bytes:
    """`pdf` encrypted with AES-256 (/V 5 /R 6); the password opens it with every permission."""
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter(clone_from=reader)
    # Keep the source's header: pypdf may write a clone as %PDF-1.3, too old for AES-256 (R6).
    writer.pdf_header = reader.pdf_header
    writer.encrypt(user_password=password, owner_password=password, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


class Signer:
    """A PKCS#12 key and certificate, ready to sign any number of bundles.

    It pickles as the PKCS#12 bytes and password (to reach `bundle --jobs` worker processes)
    and loads the key again on the other side.
    """

    def __init__(self, data: bytes, passphrase: str | None, origin: str = "the certificate") -> None:
        from pyhanko.sign import signers

        self._state = (data, passphrase, origin)
        secret = passphrase.encode("utf-8") if passphrase else None
        try:
            signer = signers.SimpleSigner.load_pkcs12_data(data, other_certs=[], passphrase=secret)
        except Exception as exc:
            raise FormgenError(f"{origin}: not a PKCS#12 file, or the password is wrong") from exc
        if signer is None or getattr(signer, "signing_cert", None) is None:
            raise FormgenError(f"{origin}: the PKCS#12 file holds no certificate with a private key")
        problem = usage_problem(signer.signing_cert)
        if problem:
            raise FormgenError(f"{origin}: this certificate cannot sign documents: {problem}")
        self.signer = signer

    @classmethod
    def load(cls, path: Path, passphrase: str | None) -> Signer:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise FormgenError(f"{path}: cannot read the certificate: {exc.strerror or exc}") from exc
        return cls(data, passphrase, str(path))

    def __reduce__(self) -> tuple[Any, ...]:
        return (Signer, self._state)

    def sign(self, pdf: bytes, password: str | None = None, reason: str | None = None) -> bytes:
        """`pdf` with an invisible PAdES B-B signature over the whole file, appended incrementally."""
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.sign import signers
        from pyhanko.sign.fields import SigSeedSubFilter

        _quiet_pyhanko()
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        if password is not None:
            writer.encrypt(password)
        meta = signers.PdfSignatureMetadata(field_name=SIGNATURE_FIELD, md_algorithm="sha256",
                                            subfilter=SigSeedSubFilter.PADES, reason=reason)
        try:
            return signers.sign_pdf(writer, meta, signer=self.signer).getvalue()
        except Exception as exc:
            raise FormgenError(f"signing failed: {exc}") from exc


# A document signature needs one of these key usages (nonRepudiation is also called
# contentCommitment); signing and verifying use the same rule.
SIGNING_USAGES = {"digital_signature", "non_repudiation"}


def usage_problem(cert: Any) -> str | None:
    """Why a certificate (asn1crypto) may not sign documents, or None when it may."""
    usage = cert.key_usage_value
    if usage is None:  # no KeyUsage extension: the key is not restricted
        return None
    names = set(usage.native)
    if names & SIGNING_USAGES:
        return None
    has = ", ".join(sorted(names)) or "none"
    return f"its key usage ({has}) lacks digitalSignature and nonRepudiation; one of them is needed"


def _quiet_pyhanko() -> None:
    """pyHanko logs a self-signed or untrusted signer with a traceback and the signer's name:
    keep that out of the user's terminal and logs (verify reports its own verdict)."""
    for name in ("pyhanko", "pyhanko_certvalidator"):
        logger = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
            logger.addHandler(logging.NullHandler())
        logger.propagate = False


def trust_roots(trust: list[Path] | None) -> list[Any]:
    """The certificates a signer must chain to, read from PEM or DER files."""
    from pyhanko.keys import load_cert_from_pemder

    roots = []
    for path in trust or []:
        try:
            roots.append(load_cert_from_pemder(str(path)))
        except Exception as exc:  # asn1crypto and the PEM reader raise several kinds
            raise FormgenError(f"{path}: not a PEM or DER certificate") from exc
    return roots


def _judge(label: str, status: Any, judge_trust: bool) -> list[str]:
    """What is wrong with one validated signature."""
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    problems = []
    if not status.intact:
        problems.append(f"{label}: the signed bytes were changed")
    elif not status.valid:
        problems.append(f"{label}: the signature value does not match the certificate")
    elif status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        coverage = getattr(status.coverage, "name", "unknown")
        problems.append(f"{label}: covers only part of the file ({coverage})")
    if judge_trust and not status.trusted:
        problem = usage_problem(status.signing_cert)
        if problem:
            problems.append(f"{label}: the signer's certificate may not sign documents: {problem}")
        else:
            problems.append(f"{label}: the signer's certificate does not chain to a trusted certificate")
    return problems


def check_signatures(pdf: bytes, password: str | None, trust: list[Path] | None = None) -> tuple[int, list[str]]:
    """(number of signatures, problems): each must be intact, valid and cover the whole file.

    With `trust` (PEM or DER certificates) the signer's certificate must also chain to one of
    them; without it the signer is not judged, only the integrity of the signed bytes.
    """
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.settings import KeyUsageConstraints
    from pyhanko_certvalidator import ValidationContext

    _quiet_pyhanko()
    roots = trust_roots(trust)
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        if reader.encrypted:
            if password is None:
                return 0, ["the PDF is encrypted: its signature cannot be checked without the password"]
            reader.decrypt(password)
        signatures = reader.embedded_signatures
    except Exception as exc:  # a damaged file may break the reader anywhere
        return 0, [f"signatures cannot be read: {type(exc).__name__}: {exc}"]
    problems: list[str] = []
    for number, signature in enumerate(signatures, 1):
        try:
            # No roots: only integrity counts, and the operating system's trust list is not consulted.
            context = ValidationContext(trust_roots=roots, allow_fetching=False)
            usage = KeyUsageConstraints(key_usage=SIGNING_USAGES, match_all_key_usages=False)
            status = validate_pdf_signature(signature, context, key_usage_settings=usage)
        except Exception as exc:  # a damaged signature may fail to parse at all
            problems.append(f"signature {number}: cannot be validated: {type(exc).__name__}: {exc}")
            continue
        problems += _judge(f"signature {number}", status, bool(roots))
    return len(signatures), problems
