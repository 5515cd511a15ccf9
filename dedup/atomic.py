"""Write files so a reader sees the old file or the whole new one, never half of it."""

from __future__ import annotations

import contextlib
import itertools
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from dedup.errors import OutputError

__all__ = ["CAN_DEFER_SYNC", "atomic_open", "sync_filesystem", "write_bytes_atomic", "write_text_atomic"]

# Where one call can flush a whole filesystem, many files can skip their own fsync and be made durable
# together (a scan's hundreds of reports: one fsync each cost 4 ms of wall time, one sync 0.1 s for all).
CAN_DEFER_SYNC = hasattr(os, "sync")


_serial = itertools.count()
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def _create_beside(target: Path) -> tuple[int, str]:
    """A new file of our own beside ``target``, hidden (".name.PID.N.tmp"), with the usual mode (0666 less the umask).

    Cheaper than ``mkstemp`` (no random names, no chmod): a scan writes
    thousands of reports. A stale name left by a killed run is skipped.
    """
    parent = str(target.parent) or "."
    for attempt in range(1000):
        tmp = os.path.join(parent, f".{target.name}.{os.getpid()}.{next(_serial)}.tmp")
        try:
            return os.open(tmp, _CREATE, 0o666), tmp
        except FileExistsError:
            continue
        except FileNotFoundError:
            if attempt:
                raise
            os.makedirs(parent, exist_ok=True)
    raise FileExistsError(f"no free temporary name beside {target}")


@contextlib.contextmanager
def _replacing(path: str | os.PathLike[str]) -> Iterator[tuple[int, str]]:
    """A temporary file's descriptor and name; on success (the caller closed it) it replaces ``path``.

    On any error the temporary file is removed and ``path`` is left as it was.
    """
    target = Path(path)
    try:
        fd, tmp = _create_beside(target)
    except OSError as err:
        raise OutputError(str(path), f"cannot write ({err.strerror or err})") from None
    try:
        yield fd, tmp
        os.replace(tmp, target)
    except BaseException as err:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(err, OSError):
            raise OutputError(str(path), f"cannot write ({err.strerror or err})") from None
        raise


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike[str], mode: str = "w", *, durable: bool = True) -> Iterator[IO]:
    """Open a temporary file beside ``path``; on success fsync and rename it over ``path``.

    On any error the temporary file is removed and ``path`` is left as it was.
    ``durable=False`` skips the fsync (the rename still makes the swap atomic for
    readers): the caller must ``sync_filesystem`` before anything points at the file.
    """
    with _replacing(path) as (fd, _), os.fdopen(
        fd, mode, encoding=None if "b" in mode else "utf-8", newline=None if "b" in mode else "\n"
    ) as fh:
        yield fh
        fh.flush()
        if durable or not CAN_DEFER_SYNC:
            os.fsync(fh.fileno())


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
    write_bytes_atomic(path, text.encode("utf-8"), durable=durable)


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes, *, durable: bool = True) -> None:
    """Write ``data`` to ``path`` atomically (``durable``: see ``atomic_open``)."""
    with _replacing(path) as (fd, _):
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            if durable or not CAN_DEFER_SYNC:
                os.fsync(fd)
        finally:
            os.close(fd)
