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
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f"{TMP_PREFIX}{os.getpid()}-",
                                       suffix=target.suffix)
        except OSError as exc:
            raise WriteError(target, exc) from None
        self.items.append((Path(tmp), target))
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            # mkstemp makes the file private (0600); give it the mode a plain open() would,
            # so the user's umask decides who may read the documents.
            os.chmod(tmp, 0o666 & ~_umask())
        except OSError as exc:
            raise WriteError(target, exc) from None

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
