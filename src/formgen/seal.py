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
from formgen.i18n import _

SIGNATURE_FIELD = "Podpis"


def read_secret(path: Path, what: str) -> str:
    """The first line of a password file, without its line break (never echoed anywhere)."""
    unreadable, empty = _secret_messages(what)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise FormgenError(unreadable.format(path=path, what=what, reason=exc.__class__.__name__)) from exc
    lines = text.splitlines()
    secret = lines[0] if lines else ""
    if not secret:
        raise FormgenError(empty.format(path=path, what=what))
    return secret


def _secret_messages(what: str) -> tuple[str, str]:
    """The messages of an unreadable and of an empty password file, for the secret `what` is."""
    if what == "password":
        return (_("{path}: cannot read the password: {reason}"),
                _("{path}: the password is empty (it must be on the first line)"))
    if what == "certificate password":
        return (_("{path}: cannot read the certificate password: {reason}"),
                _("{path}: the certificate password is empty (it must be on the first line)"))
    return (_("{path}: cannot read the {what}: {reason}"),
            _("{path}: the {what} is empty (it must be on the first line)"))


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

    def __init__(self, data: bytes, passphrase: str | None, origin: str | None = None) -> None:
        from pyhanko.sign import signers

        self._state = (data, passphrase, origin)
        origin = origin or _("the certificate")
        secret = passphrase.encode("utf-8") if passphrase else None
        try:
            signer = signers.SimpleSigner.load_pkcs12_data(data, other_certs=[], passphrase=secret)
        except Exception as exc:
            raise FormgenError(_("{origin}: not a PKCS#12 file, or the password is wrong").format(
                origin=origin)) from exc
        if signer is None or getattr(signer, "signing_cert", None) is None:
            raise FormgenError(_("{origin}: the PKCS#12 file holds no certificate with a private key").format(
                origin=origin))
        problem = usage_problem(signer.signing_cert)
        if problem:
            raise FormgenError(_("{origin}: this certificate cannot sign documents: {problem}").format(
                origin=origin, problem=problem))
        self.signer = signer

    @classmethod
    def load(cls, path: Path, passphrase: str | None) -> Signer:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise FormgenError(_("{path}: cannot read the certificate: {reason}").format(
                path=path, reason=exc.strerror or exc)) from exc
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
            raise FormgenError(_("signing failed: {error}").format(error=exc)) from exc


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
    has = ", ".join(sorted(names)) or _("none")
    return _("its key usage ({usages}) lacks digitalSignature and nonRepudiation; one of them is needed").format(
        usages=has)


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
            raise FormgenError(_("{path}: not a PEM or DER certificate").format(path=path)) from exc
    return roots


def _judge(label: str, status: Any, judge_trust: bool) -> list[str]:
    """What is wrong with one validated signature."""
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    problems = []
    if not status.intact:
        problems.append(_("{signature}: the signed bytes were changed").format(signature=label))
    elif not status.valid:
        problems.append(_("{signature}: the signature value does not match the certificate").format(signature=label))
    elif status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        coverage = getattr(status.coverage, "name", "unknown")
        problems.append(_("{signature}: covers only part of the file ({coverage})").format(
            signature=label, coverage=coverage))
    if judge_trust and not status.trusted:
        problem = usage_problem(status.signing_cert)
        if problem:
            problems.append(_("{signature}: the signer's certificate may not sign documents: {problem}").format(
                signature=label, problem=problem))
        else:
            problems.append(_("{signature}: the signer's certificate does not chain to a trusted certificate").format(
                signature=label))
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
                return 0, [_("the PDF is encrypted: its signature cannot be checked without the password")]
            reader.decrypt(password)
        signatures = reader.embedded_signatures
    except Exception as exc:  # a damaged file may break the reader anywhere
        return 0, [_("signatures cannot be read: {kind}: {error}").format(kind=type(exc).__name__, error=exc)]
    problems: list[str] = []
    for number, signature in enumerate(signatures, 1):
        try:
            # No roots: only integrity counts, and the operating system's trust list is not consulted.
            context = ValidationContext(trust_roots=roots, allow_fetching=False)
            usage = KeyUsageConstraints(key_usage=SIGNING_USAGES, match_all_key_usages=False)
            status = validate_pdf_signature(signature, context, key_usage_settings=usage)
        except Exception as exc:  # a damaged signature may fail to parse at all
            problems.append(_("signature {number}: cannot be validated: {kind}: {error}").format(
                number=number, kind=type(exc).__name__, error=exc))
            continue
        problems += _judge(_("signature {number}").format(number=number), status, bool(roots))
    return len(signatures), problems
