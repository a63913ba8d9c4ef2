"""Writing outputs safely: paths kept under the output folder, all of a case's files or none,
names that never clash, one clock.

Each file is first written to a temporary file beside its target (`.formgen-tmp-<pid>-…`),
flushed to disk, and only when every file of the case is staged are they renamed into place.
A run killed half-way leaves temporary files only; the next run removes those whose process
is gone.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from formgen.errors import FormgenError
from formgen.i18n import _

TMP_PREFIX = ".formgen-tmp-"
_TMP_NAME = re.compile(re.escape(TMP_PREFIX) + r"(\d+)-")
# Errors after which every later write fails too: the run stops instead of failing each case.
FATAL_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM}
RESERVED_NAMES = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


class WriteError(FormgenError):
    """Raised when an output file cannot be written; `fatal` when later writes would fail too."""

    def __init__(self, target: Path, exc: OSError) -> None:
        self.target = target
        self.fatal = exc.errno in FATAL_ERRNOS
        super().__init__(_("cannot write {path}: {reason}").format(path=target, reason=exc.strerror or exc))


def build_time() -> dt.datetime:
    """The build's timestamp: SOURCE_DATE_EPOCH when set (reproducible builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
        except (ValueError, OverflowError, OSError):
            raise FormgenError(_("SOURCE_DATE_EPOCH must be whole seconds, got '{value}'").format(value=epoch)) from None
    return dt.datetime.now(tz=dt.UTC).replace(microsecond=0)


def slug(text: str) -> str:
    """A file-name-safe form of a case id or file stem (letters of any alphabet stay)."""
    return re.sub(r"[^\w.-]+", "-", unicodedata.normalize("NFC", text)).strip("-.") or "bundle"


def name_key(name: str) -> str:
    """What makes two output names the same file somewhere: the slug, case-folded (Windows and
    macOS ignore letter case)."""
    return slug(name).casefold()


def reserved(name: str) -> bool:
    """Whether a name is a device name on Windows (CON, NUL, COM1 …), with or without extension."""
    return name.split(".")[0].casefold() in RESERVED_NAMES


def safe_path(root: Path, *parts: str) -> Path:
    """root/parts…, refusing anything that would land outside root."""
    root = root.resolve()
    target = root.joinpath(*parts).resolve()
    if not target.is_relative_to(root) or target == root:
        raise FormgenError(_("refusing to write outside {root}: {path}").format(root=root, path="/".join(parts)))
    return target


def _umask() -> int:
    """The process's umask (reading it means setting it; it is put back at once)."""
    mask = os.umask(0o077)
    os.umask(mask)
    return mask


class Staged:
    """The files of one case: staged beside their targets, then renamed into place together."""

    def __init__(self) -> None:
        self.items: list[tuple[Path, Path]] = []  # (temporary file, target)

    def add(self, target: Path, data: bytes) -> None:
        """Write `data` to a temporary file beside `target` and flush it to disk."""
        _stage(target, data, lambda tmp: self.items.append((tmp, target)))

    def adopt(self, target: Path, temporary: Path) -> None:
        """Take in a file a worker staged beside `target` itself (see `spool`)."""
        if temporary.parent != target.parent or not temporary.name.startswith(TMP_PREFIX):
            temporary.unlink(missing_ok=True)
            raise FormgenError(_("refusing a staged file outside {folder}: {path}").format(
                folder=target.parent, path=temporary))
        self.items.append((temporary, target))

    def commit(self) -> list[Path]:
        """Rename every staged file into place; on failure none of them stays."""
        done: list[Path] = []
        try:
            for tmp, target in self.items:
                try:
                    os.replace(tmp, target)
                except OSError as exc:
                    raise WriteError(target, exc) from None
                done.append(target)
        except BaseException:
            for target in done:
                target.unlink(missing_ok=True)
            self.discard()
            raise
        self.items = []
        return done

    def discard(self) -> None:
        """Remove every staged file that was not renamed into place."""
        for tmp, _target in self.items:
            tmp.unlink(missing_ok=True)
        self.items = []


def _stage(target: Path, data: bytes, made: Callable[[Path], None]) -> Path:
    """Write `data` to a new temporary file beside `target`, flushed to disk, with the mode a
    plain open() would give it; `made` hears of the file as soon as it exists (so that a failed
    write can be cleaned up). WriteError names the target."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f"{TMP_PREFIX}{os.getpid()}-", suffix=target.suffix)
    except OSError as exc:
        raise WriteError(target, exc) from None
    tmp = Path(name)
    made(tmp)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private (0600); the user's umask decides who may read the documents.
        os.chmod(tmp, 0o666 & ~_umask())
    except OSError as exc:
        raise WriteError(target, exc) from None
    return tmp


@dataclass(frozen=True)
class Spooled:
    """A file a worker process wrote itself, staged beside its target (`.formgen-tmp-<pid>-…`),
    for the main process to rename into place: a large file (a bundle) then never travels
    between the processes. `sha256` is of its bytes."""

    temporary: str
    sha256: str

    def discard(self) -> None:
        Path(self.temporary).unlink(missing_ok=True)


def spool(target: Path, data: bytes) -> Spooled:
    """Stage `data` for `target` in this process (a worker); the main process adopts it."""
    import hashlib

    made: list[Path] = []
    try:
        tmp = _stage(target, data, made.append)
    except BaseException:
        for path in made:
            path.unlink(missing_ok=True)
        raise
    return Spooled(str(tmp), hashlib.sha256(data).hexdigest())


def write_atomic(target: Path, data: bytes) -> None:
    """Write one file atomically (staged, then renamed)."""
    staged = Staged()
    try:
        staged.add(target, data)
        staged.commit()
    except BaseException:
        staged.discard()
        raise


def remove_stale_temporaries(root: Path) -> int:
    """Delete temporary files of formgen runs under `root` whose process is gone; their count."""
    if not root.is_dir():
        return 0
    removed = 0
    for path in root.rglob(f"{TMP_PREFIX}*"):
        match = _TMP_NAME.match(path.name)
        if match and path.is_file() and not _alive(int(match.group(1))):
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
