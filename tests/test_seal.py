"""Encrypted copies (AES-256) and signed bundles (PAdES): `bundle --encrypt/--sign`, `verify`.

The certificates are throw-away ones made here with `cryptography`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess

import pytest
from click.testing import CliRunner
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from pypdf import PdfReader

from formgen.cli import cli
from formgen.manifest import manifest_path
from formgen.seal import check_signatures
from tests.conftest import EXAMPLES, ROOT, pdf_text, squash

CASE = EXAMPLES / "sprawa-pozyczka-2026-003.yaml"
PASSWORD = "Zażółć gęślą jaźń 7"
SIGNER_NAME = "Jadwiga Testowa-Podpisująca"


def make_certificate(folder, name, passphrase=b"haslo-certyfikatu", digital_signature=True,
                     content_commitment=True):
    """A self-signed RSA certificate: (PKCS#12 file, PEM certificate file)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    usage = x509.KeyUsage(digital_signature=digital_signature, content_commitment=content_commitment,
                          key_encipherment=not (digital_signature or content_commitment),
                          data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=False,
                          encipher_only=False, decipher_only=False)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(start)
            .not_valid_after(start + dt.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(usage, critical=True)
            .sign(key, hashes.SHA256()))
    p12 = folder / f"{name.split()[0].lower()}.p12"
    p12.write_bytes(pkcs12.serialize_key_and_certificates(
        b"podpis", key, cert, None, serialization.BestAvailableEncryption(passphrase)))
    pem = p12.with_suffix(".pem")
    pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return p12, pem


@pytest.fixture(scope="module")
def secrets(tmp_path_factory):
    folder = tmp_path_factory.mktemp("secrets")
    p12, pem = make_certificate(folder, SIGNER_NAME)
    _, other_pem = make_certificate(folder, "Obcy Certyfikat")
    password = folder / "haslo.txt"
    password.write_text(PASSWORD + "\n", encoding="utf-8")
    cert_password = folder / "haslo-p12.txt"
    cert_password.write_text("haslo-certyfikatu\n", encoding="utf-8")
    return {"p12": p12, "pem": pem, "other_pem": other_pem, "password": password,
            "cert_password": cert_password, "folder": folder}


def run(args, input=None):
    base = ["--templates", str(ROOT / "templates"), "--data", str(ROOT / "data")]
    return CliRunner().invoke(cli, [*base, *map(str, args)], input=input)


@pytest.fixture(scope="module")
def encrypted(secrets, tmp_path_factory):
    out = tmp_path_factory.mktemp("encrypted")
    result = run(["bundle", CASE, "-o", out, "--pdf-variant", "none", "--encrypt",
                  "--password-file", secrets["password"]])
    assert result.exit_code == 0, result.output
    return out / "pozyczka-2026-003.pdf"


@pytest.fixture(scope="module")
def signed(secrets, tmp_path_factory):
    out = tmp_path_factory.mktemp("signed")
    result = run(["bundle", CASE, "-o", out, "--sign", secrets["p12"],
                  "--cert-password-file", secrets["cert_password"], "--reason", "Archiwizacja"])
    assert result.exit_code == 0, result.output
    # Nothing about the signer: only the names' declension warnings and the summary.
    lines = [line for line in result.output.splitlines() if ": warning: declined by analogy" not in line]
    assert lines == [f"1 bundle written to {out}, 0 up to date, 0 failed."]
    return out / "pozyczka-2026-003.pdf"


def test_encrypt_is_refused_for_pdfa_before_anything_is_written(secrets, tmp_path):
    for extra in ([], ["--pdf-variant", "pdf/a-3b"]):
        result = run(["bundle", CASE, "-o", tmp_path / "out", "--encrypt", "--password-file",
                      secrets["password"], *extra])
        assert result.exit_code == 1
        assert result.output == (
            "--encrypt cannot be combined with PDF/A (pdf/a-3b): PDF/A forbids encryption. "
            "Keep the unencrypted PDF/A bundle for the archive and make the copy to send with "
            "--encrypt --pdf-variant none.\n")
    assert not (tmp_path / "out").exists()


def test_the_password_options_need_their_actions(secrets, tmp_path):
    result = run(["bundle", CASE, "-o", tmp_path, "--pdf-variant", "none", "--password-file", secrets["password"]])
    assert (result.exit_code, result.output) == (1, "--password-file is used only with --encrypt\n")
    result = run(["bundle", CASE, "-o", tmp_path, "--reason", "x"])
    assert (result.exit_code, result.output) == (
        1, "--cert-password-file and --reason are used only with --sign\n")
    assert list(tmp_path.iterdir()) == []


def test_the_encryption_is_aes_256_v5_r6(encrypted):
    data = encrypted.read_bytes()
    assert data.startswith(b"%PDF-1.7")
    reader = PdfReader(encrypted)
    assert reader.is_encrypted
    encrypt = reader.trailer["/Encrypt"].get_object()
    assert (encrypt["/Filter"], encrypt["/V"], encrypt["/R"], encrypt["/Length"]) == ("/Standard", 5, 6, 256)
    assert encrypt["/CF"]["/StdCF"]["/CFM"] == "/AESV3"
    assert encrypt["/StmF"] == encrypt["/StrF"] == "/StdCF"


def test_the_encrypted_copy_opens_only_with_its_password(encrypted):
    wrong = PdfReader(encrypted)
    assert not wrong.decrypt("haslo")
    reader = PdfReader(encrypted)
    assert reader.decrypt(PASSWORD)
    # A plain PDF claims no PDF/A conformance (it could not keep it while encrypted).
    metadata = reader.trailer["/Root"].get("/Metadata")
    assert metadata is None or b"pdfaid" not in metadata.get_object().get_data()
    assert "/OutputIntents" not in reader.trailer["/Root"]
    text = squash("\n".join(page.extract_text() for page in reader.pages))
    assert "UMOWA w sprawie pożyczki z Zakładowego Funduszu Świadczeń Socjalnych" in text
    assert "strona 1 z" in text
    attached = {name: b"".join(content) for name, content in reader.attachments.items()}
    assert attached["pozyczka-2026-003.yaml"] == CASE.read_bytes()
    assert sorted(attached) == ["01-zfss-podanie-pozyczka.docx", "02-zfss-oswiadczenie-dochody.docx",
                                "03-zfss-umowa-pozyczki.docx", "04-zfss-rachunek-bankowy.docx",
                                "pozyczka-2026-003.yaml"]
    # Without the password nothing of the case can be read from the bytes.
    assert b"Umowa" not in encrypted.read_bytes() and b"pozyczka-2026-003.yaml" not in encrypted.read_bytes()


def test_the_password_is_written_nowhere(encrypted):
    secret = PASSWORD.encode("utf-8")
    for path in (encrypted, manifest_path(encrypted)):
        assert secret not in path.read_bytes()


def test_the_manifest_records_the_encryption(encrypted):
    manifest = json.loads(manifest_path(encrypted).read_text(encoding="utf-8"))
    assert (manifest["pdf_variant"], manifest["encryption"], manifest["signed"]) == ("none", "AES-256", False)


def test_verify_an_encrypted_copy_with_its_password(encrypted, secrets, tmp_path):
    result = run(["verify", encrypted, "--password-file", secrets["password"]])
    assert (result.exit_code, result.output) == (0, f"{encrypted}: OK\n")
    wrong = tmp_path / "zle.txt"
    wrong.write_text("nie to hasło\n", encoding="utf-8")
    result = run(["verify", encrypted, "--password-file", wrong])
    assert (result.exit_code, result.output) == (1, f"{encrypted}: the password does not open the PDF\n")


def test_verify_asks_for_the_password_once_and_does_not_echo_it(encrypted, tmp_path):
    copy = tmp_path / "kopia" / encrypted.name  # a second copy, elsewhere under its own name
    copy.parent.mkdir()
    shutil.copy(encrypted, copy)
    shutil.copy(manifest_path(encrypted), manifest_path(copy))
    result = run(["verify", encrypted, copy], input=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    assert result.output.count("Password of the encrypted bundle(s): ") == 1
    assert PASSWORD not in result.output
    assert result.output.endswith(f"{encrypted}: OK\n{copy}: OK\n")


def test_bundle_asks_for_the_password_twice(secrets, tmp_path):
    result = run(["bundle", CASE, "-o", tmp_path, "--pdf-variant", "none", "--encrypt"],
                 input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert "Password for the encrypted bundle(s): " in result.output and "Repeat for confirmation: " in result.output
    assert PASSWORD not in result.output
    assert PdfReader(tmp_path / "pozyczka-2026-003.pdf").decrypt(PASSWORD)


def test_a_signed_bundle_verifies_and_stays_pdfa(signed, secrets):
    result = run(["verify", signed])
    assert (result.exit_code, result.output) == (0, f"{signed}: OK\n")
    result = run(["verify", signed, "--trust", secrets["pem"]])
    assert (result.exit_code, result.output) == (0, f"{signed}: OK\n")
    reader = PdfReader(signed)
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="B"' in xmp
    fields = [f.get_object() for f in root["/AcroForm"]["/Fields"]]
    assert [(f["/FT"], f["/T"]) for f in fields] == [("/Sig", "Podpis")]
    signature = fields[0]["/V"].get_object()
    assert (signature["/SubFilter"], signature["/Reason"]) == ("/ETSI.CAdES.detached", "Archiwizacja")
    widget_rect = [float(x) for x in fields[0]["/Rect"]]
    assert widget_rect == [0, 0, 0, 0]  # invisible: allowed in PDF/A
    # Info and XMP name the same producer (PDF/A validators compare them).
    producer = re.search(r'pdf:Producer="([^"]*)"', xmp)
    assert producer and reader.metadata["/Producer"] == producer.group(1)
    manifest = json.loads(manifest_path(signed).read_text(encoding="utf-8"))
    assert (manifest["encryption"], manifest["signed"]) == (None, True)


def test_the_signature_covers_the_whole_file_and_appends_to_it(signed):
    data = signed.read_bytes()
    count, problems = check_signatures(data, None)
    assert (count, problems) == (1, [])
    # The signature is an incremental update: the bundle as laid out is a prefix of the file.
    assert data.count(b"%%EOF") == 2
    assert re.search(rb"/ByteRange \[0 (\d+) (\d+) (\d+)", data)
    start, length = (int(x) for x in re.search(rb"/ByteRange \[0 \d+ (\d+) (\d+)", data).groups())
    assert start + length == len(data)


def test_the_signature_breaks_after_a_change(signed, tmp_path):
    data = bytearray(signed.read_bytes())
    position = data.index(b"Pakiet dokument")  # the cover's /Title in the Info dictionary
    data[position] = ord("Q")
    count, problems = check_signatures(bytes(data), None)
    assert count == 1 and problems == ["signature 1: the signed bytes were changed"]
    copy = tmp_path / signed.name
    copy.write_bytes(data)
    shutil.copy(manifest_path(signed), manifest_path(copy))
    result = run(["verify", copy])
    assert result.exit_code == 1
    assert result.output == (f"{copy}: sha256 differs from the manifest (the file was changed)\n"
                             f"{copy}: signature 1: the signed bytes were changed\n")


def test_verify_names_an_untrusted_signer_without_personal_data(signed, secrets):
    result = run(["verify", signed, "--trust", secrets["other_pem"]])
    assert result.exit_code == 1
    assert result.output == (f"{signed}: signature 1: the signer's certificate does not chain "
                             f"to a trusted certificate\n")
    assert SIGNER_NAME not in result.output and "Traceback" not in result.output


def test_a_removed_signature_is_noticed(signed, tmp_path):
    data = signed.read_bytes()
    original = data[:data.index(b"%%EOF") + len(b"%%EOF\n")]
    copy = tmp_path / signed.name
    copy.write_bytes(original)
    manifest = json.loads(manifest_path(signed).read_text(encoding="utf-8"))
    manifest["bundle"]["sha256"] = __import__("hashlib").sha256(original).hexdigest()
    manifest_path(copy).write_text(json.dumps(manifest), encoding="utf-8")
    result = run(["verify", copy])
    assert (result.exit_code, result.output) == (
        1, f"{copy}: the manifest says the bundle is signed, but it has no signature\n")


def test_an_unsigned_copy_does_not_pass_verify_trust(signed, secrets, tmp_path):
    """The signature cut off and the manifest edited to match: integrity holds, but --trust
    asks for a signature and there is none."""
    data = signed.read_bytes()
    original = data[:data.index(b"%%EOF") + len(b"%%EOF\n")]
    copy = tmp_path / signed.name
    copy.write_bytes(original)
    manifest = json.loads(manifest_path(signed).read_text(encoding="utf-8"))
    manifest["signed"] = False
    manifest["bundle"]["sha256"] = __import__("hashlib").sha256(original).hexdigest()
    manifest_path(copy).write_text(json.dumps(manifest), encoding="utf-8")
    assert run(["verify", copy]).exit_code == 0
    result = run(["verify", copy, "--trust", secrets["pem"]])
    assert (result.exit_code, result.output) == (
        1, f"{copy}: not signed: --trust needs a signed bundle (an unsigned manifest proves nothing "
           f"about who made the file)\n")


def test_a_certificate_that_may_not_sign_is_refused_before_signing(secrets, tmp_path):
    p12, _ = make_certificate(tmp_path, "Tylko Szyfrowanie", digital_signature=False, content_commitment=False)
    result = run(["bundle", CASE, "-o", tmp_path / "out", "--sign", p12, "--cert-password-file",
                  secrets["cert_password"]])
    assert result.exit_code == 1
    assert result.output == (f"{p12}: this certificate cannot sign documents: its key usage (key_cert_sign, "
                             f"key_encipherment) lacks digitalSignature and nonRepudiation; one of them is needed\n")
    assert not (tmp_path / "out").exists()


def test_a_digital_signature_certificate_signs_and_verifies_with_trust(secrets, tmp_path):
    """A certificate with digitalSignature but without nonRepudiation signs, and verify --trust
    accepts it (it used to say 'does not chain to a trusted certificate')."""
    p12, pem = make_certificate(tmp_path, "Podpis Cyfrowy", content_commitment=False)
    result = run(["bundle", CASE, "-o", tmp_path / "out", "--sign", p12, "--cert-password-file",
                  secrets["cert_password"]])
    assert result.exit_code == 0, result.output
    bundle = tmp_path / "out" / "pozyczka-2026-003.pdf"
    assert run(["verify", bundle, "--trust", pem]).output == f"{bundle}: OK\n"


def test_encrypted_and_signed(secrets, tmp_path):
    result = run(["bundle", CASE, "-o", tmp_path, "--pdf-variant", "none", "--encrypt", "--password-file",
                  secrets["password"], "--sign", secrets["p12"], "--cert-password-file", secrets["cert_password"]])
    assert result.exit_code == 0, result.output
    bundle = tmp_path / "pozyczka-2026-003.pdf"
    assert PdfReader(bundle).trailer["/Encrypt"].get_object()["/R"] == 6
    assert check_signatures(bundle.read_bytes(), PASSWORD) == (1, [])
    assert check_signatures(bundle.read_bytes(), None) == (
        0, ["the PDF is encrypted: its signature cannot be checked without the password"])
    result = run(["verify", bundle, "--password-file", secrets["password"]])
    assert (result.exit_code, result.output) == (0, f"{bundle}: OK\n")


def test_a_wrong_certificate_password_is_a_clear_error(secrets, tmp_path):
    result = run(["bundle", CASE, "-o", tmp_path / "out", "--sign", secrets["p12"]], input="zle\n")
    assert result.exit_code == 1
    assert result.output.endswith(
        f"{secrets['p12']}: not a PKCS#12 file, or the password is wrong\n")
    assert "zle" not in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed")
def test_qpdf_accepts_the_protected_bundles(signed, encrypted, secrets):
    for path, extra in ((signed, []), (encrypted, [f"--password-file={secrets['password']}"])):
        check = subprocess.run(["qpdf", "--check", *extra, str(path)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
        assert "No syntax or stream encoding errors found" in check.stdout
    shown = subprocess.run(["qpdf", "--show-encryption", f"--password-file={secrets['password']}",
                            str(encrypted)], capture_output=True, text=True).stdout
    assert "R = 6" in shown and "stream encryption method: AESv3" in shown


def test_the_signed_bundle_text_is_unchanged(signed):
    text = pdf_text(signed)
    assert "Pakiet dokumentów" in text and "strona 1 z 10" in text and "strona 10 z 10" in text


def test_signing_in_worker_processes(secrets, tmp_path):
    """--jobs sends the signer to other processes (as the PKCS#12 bytes) and each bundle is signed."""
    cases = tmp_path / "cases"
    cases.mkdir()
    for name in ("zapomoga-2026-001.yaml", "wczasy-2026-001.yaml", "dochody-2026-001.yaml"):
        shutil.copy(EXAMPLES / name, cases / name)
    result = run(["bundle", cases, "-o", tmp_path / "out", "--jobs", "2", "--sign", secrets["p12"],
                  "--cert-password-file", secrets["cert_password"]])
    assert result.exit_code == 0, result.output
    bundles = sorted((tmp_path / "out").glob("*.pdf"))
    assert len(bundles) == 3
    for bundle in bundles:
        assert check_signatures(bundle.read_bytes(), None, [secrets["pem"]]) == (1, [])


def test_a_trust_file_that_is_no_certificate_is_a_clear_error(signed, tmp_path):
    bogus = tmp_path / "ca.pem"
    bogus.write_text("not a certificate\n", encoding="utf-8")
    result = run(["verify", signed, "--trust", bogus])
    assert (result.exit_code, result.output) == (1, f"{bogus}: not a PEM or DER certificate\n")
