"""Write files so a reader sees the old file or the whole new one, never half of it."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from dedup.errors import OutputError

__all__ = ["CAN_DEFER_SYNC", "atomic_open", "sync_filesystem", "write_bytes_atomic", "write_text_atomic"]

# Where one call can flush a whole filesystem, many files can skip their own fsync and be made durable
# together (a scan's hundreds of reports: one fsync each cost 4 ms of wall time, one sync 0.1 s for all).
CAN_DEFER_SYNC = hasattr(os, "sync")


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike[str], mode: str = "w", *, durable: bool = True) -> Iterator[IO]:
    """Open a temporary file beside ``path``; on success fsync and rename it over ``path``.

    On any error the temporary file is removed and ``path`` is left as it was.
    ``durable=False`` skips the fsync (the rename still makes the swap atomic for
    readers): the caller must ``sync_filesystem`` before anything points at the file.
    """
    target = Path(path)
    parent = target.parent if str(target.parent) else Path(".")
    try:
        parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent)
    except OSError as err:
        raise OutputError(str(path), f"cannot write ({err.strerror or err})") from None
    try:
        with os.fdopen(fd, mode, encoding=None if "b" in mode else "utf-8", newline=None if "b" in mode else "\n") as fh:
            yield fh
            fh.flush()
            if durable or not CAN_DEFER_SYNC:
                os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs get the usual mode
        os.replace(tmp, target)
    except BaseException as err:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(err, OSError):
            raise OutputError(str(path), f"cannot write ({err.strerror or err})") from None
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def sync_filesystem(path: str | os.PathLike[str]) -> None:
    """Flush every write on the filesystem holding ``path`` to disk (``syncfs`` on Linux, else ``sync``)."""
    if not CAN_DEFER_SYNC:
        return  # files were fsynced one by one
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        fd = os.open(path, os.O_RDONLY)
        try:
            if libc.syncfs(fd) == 0:
                return
        finally:
            os.close(fd)
    except (OSError, AttributeError):  # no syncfs here (not Linux): sync everything
        pass
    os.sync()


def write_text_atomic(path: str | os.PathLike[str], text: str, *, durable: bool = True) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically (``durable``: see ``atomic_open``)."""
    with atomic_open(path, durable=durable) as fh:
        fh.write(text)


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_open(path, "wb") as fh:
        fh.write(data)
