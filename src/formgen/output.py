"""Writing outputs safely: paths kept under the output folder, atomic replace, one clock."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

from formgen.errors import FormgenError


def build_time() -> dt.datetime:
    """The build's timestamp: SOURCE_DATE_EPOCH when set (reproducible builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
        except ValueError:
            raise FormgenError(f"SOURCE_DATE_EPOCH must be whole seconds, got '{epoch}'") from None
    return dt.datetime.now(tz=dt.timezone.utc).replace(microsecond=0)


def safe_path(root: Path, *parts: str) -> Path:
    """root/parts…, refusing anything that would land outside root."""
    root = root.resolve()
    target = root.joinpath(*parts).resolve()
    if not target.is_relative_to(root) or target == root:
        raise FormgenError(f"refusing to write outside {root}: {'/'.join(parts)}")
    return target


def _umask() -> int:
    """The process's umask (reading it means setting it; it is put back at once)."""
    mask = os.umask(0o077)
    os.umask(mask)
    return mask


def write_atomic(target: Path, data: bytes) -> None:
    """Write bytes to a temporary file beside target, fsync, then rename over target."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=target.suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            # mkstemp makes the file private (0600); give it the mode a plain open() would,
            # so the user's umask decides who may read the documents.
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
