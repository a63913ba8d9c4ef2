"""Uploaded files, read within limits: a case file, a CSV, or a zip of a folder's case files.

Sizes are counted while reading (a declared size may lie), a zip is checked for the number of
its members, their unpacked sizes and their compression ratio before and while unpacking, and
a member's name is used only when it is a plain relative path of safe names, under a fresh
temporary folder; anything else refuses the whole upload with a message.
"""

from __future__ import annotations

import io
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from starlette.datastructures import UploadFile

from formgen.errors import FormgenError
from formgen.web.settings import Limits

CASE_SUFFIXES = (".yaml", ".yml", ".csv")
_PART = re.compile(r"^[\w][\w .()+-]{0,99}$")  # a file or folder name: letters, digits, . _ - ( ) +
_CHUNK = 64 * 1024
MAX_DEPTH = 8


class UploadError(FormgenError):
    """Raised for an upload that is refused (too large, too many files, an unsafe name)."""


async def read_upload(upload: UploadFile, limit: int, what: str = "Plik") -> bytes:
    """The bytes of an uploaded file, refused as soon as they pass `limit`."""
    chunks, size = [], 0
    while chunk := await upload.read(_CHUNK):
        size += len(chunk)
        if size > limit:
            raise UploadError(f"{what} jest za duży: limit to {_mib(limit)}.")
        chunks.append(chunk)
    if size == 0:
        raise UploadError(f"{what} jest pusty.")
    return b"".join(chunks)


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):g} MiB"


@dataclass
class Unpacked:
    """What a zip gave: the case files written under the folder, and the members skipped."""

    files: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def unpack_zip(data: bytes, folder: Path, limits: Limits) -> Unpacked:
    """Write a zip's case files (YAML, CSV) under `folder`, within the limits."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UploadError("To nie jest poprawne archiwum ZIP.") from None
    with archive:
        members = archive.infolist()
        if len(members) > limits.zip_entries:
            raise UploadError(f"Archiwum ma {len(members)} plików; limit to {limits.zip_entries}.")
        out, total = Unpacked(), 0
        for info in members:
            if info.is_dir():
                continue
            relative = safe_member(info)
            if relative.suffix.lower() not in CASE_SUFFIXES:
                out.skipped.append(info.filename)
                continue
            _check_sizes(info, limits)
            total += info.file_size
            if total > limits.zip_total_bytes:
                raise UploadError(f"Archiwum po rozpakowaniu przekracza {_mib(limits.zip_total_bytes)}.")
            out.files.append(_write(archive, info, folder, relative, limits))
    return out


def safe_member(info: zipfile.ZipInfo) -> PurePosixPath:
    """A member's name as a relative path of safe names, or UploadError."""
    name = info.filename
    path = PurePosixPath(name)
    parts = path.parts
    bad = (not parts or name.startswith("/") or "\\" in name or ":" in name or len(parts) > MAX_DEPTH
           or any(p in ("", ".", "..") or not _PART.match(p) for p in parts))
    if bad:
        raise UploadError(f"Niedozwolona nazwa w archiwum: {name!r} (dozwolone są zwykłe nazwy plików "
                          f"i folderów, bez „..” i ścieżek bezwzględnych).")
    if info.flag_bits & 0x1:
        raise UploadError(f"Plik {name!r} w archiwum jest zaszyfrowany.")
    if stat.S_ISLNK(info.external_attr >> 16):
        raise UploadError(f"Plik {name!r} w archiwum jest dowiązaniem symbolicznym.")
    return path


def _check_sizes(info: zipfile.ZipInfo, limits: Limits) -> None:
    if info.file_size > limits.file_bytes:
        raise UploadError(f"Plik {info.filename!r} w archiwum jest za duży: limit to {_mib(limits.file_bytes)}.")
    if info.file_size > limits.zip_ratio * max(info.compress_size, 1):
        raise UploadError(f"Plik {info.filename!r} w archiwum jest podejrzanie mocno skompresowany "
                          f"(ponad {limits.zip_ratio}:1).")


def _write(archive: zipfile.ZipFile, info: zipfile.ZipInfo, folder: Path, relative: PurePosixPath,
           limits: Limits) -> Path:
    """Unpack one member, counting the bytes it really gives."""
    root = folder.resolve()
    target = root.joinpath(*relative.parts).resolve()
    if not target.is_relative_to(root):
        raise UploadError(f"Niedozwolona nazwa w archiwum: {info.filename!r}.")
    target.parent.mkdir(parents=True, exist_ok=True)
    size = 0
    try:
        with archive.open(info) as source, target.open("xb") as sink:
            while chunk := source.read(_CHUNK):
                size += len(chunk)
                if size > min(info.file_size, limits.file_bytes):
                    raise UploadError(f"Plik {info.filename!r} w archiwum jest większy, niż deklaruje.")
                sink.write(chunk)
    except FileExistsError:
        raise UploadError(f"Plik {info.filename!r} występuje w archiwum dwa razy.") from None
    except (zipfile.BadZipFile, EOFError, OSError, zlib.error) as exc:
        raise UploadError(f"Nie można rozpakować {info.filename!r}: {exc}.") from None
    return target
