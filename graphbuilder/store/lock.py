"""Advisory lock of an embedded store file: one writer, or any number of readers.

The store file itself is replaced by a rename on every save, so the lock is taken on a sidecar
file ``<store>.lock`` (``fcntl.flock``: released by the kernel when the process dies, so a
killed run never leaves a stale lock). A writer holds an exclusive lock from reading the store
to its last save, so two concurrent ``build`` runs are serialised and neither loses the other's
documents; readers (``query``, ``export``) take a shared lock while they read.
"""
from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path
from typing import Callable

#: How long a writer waits for another run's lock by default (``--wait`` changes it).
DEFAULT_WAIT_SECONDS = 600.0

_POLL_SECONDS = 0.1


class StoreLocked(Exception):
    """The lock could not be taken within the wait; the message is one line naming the file."""


def lock_path(store: str | os.PathLike[str]) -> Path:
    """The sidecar lock file of ``store``."""
    p = Path(store)
    return p.with_name(p.name + ".lock")


class StoreLock:
    """An flock on ``<store>.lock``; exclusive for writers, shared for readers.

    Args:
        store: the store file the lock protects.
        exclusive: True for a writer, False for a reader.
        wait: seconds to wait for another holder (0: fail at once).
        on_wait: called once with a one-line message when the lock is busy and we wait.
    """

    def __init__(self, store: str | os.PathLike[str], exclusive: bool = True,
                 wait: float = DEFAULT_WAIT_SECONDS,
                 on_wait: Callable[[str], None] | None = None) -> None:
        self.store = Path(store)
        self.path = lock_path(store)
        self.exclusive = exclusive
        self.wait = max(0.0, wait)
        self.on_wait = on_wait
        self._fd: int | None = None

    def acquire(self) -> "StoreLock":
        """Take the lock, waiting up to ``wait`` seconds; raise StoreLocked otherwise.

        A reader that cannot create the lock file (a read-only directory) reads without a
        lock: saves are atomic renames, so it still never sees a half-written store.
        """
        flags = os.O_RDWR | os.O_CREAT
        try:
            fd = os.open(self.path, flags, 0o644)
        except OSError as exc:
            if not self.exclusive:
                return self
            raise StoreLocked(f"cannot create lock file {self.path} ({exc.strerror}): the "
                              "store's directory must exist and be writable") from exc
        mode = fcntl.LOCK_EX if self.exclusive else fcntl.LOCK_SH
        deadline = time.monotonic() + self.wait
        told = False
        while True:
            try:
                fcntl.flock(fd, mode | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise StoreLocked(
                        f"store {self.store} is in use by another graphbuilder run"
                        f"{self._holder()}; try again when it ends, or pass --wait SECONDS") from None
                if not told and self.on_wait is not None:
                    self.on_wait(f"store {self.store} is in use by another run{self._holder()}; "
                                 f"waiting up to {self.wait:g}s (--wait)")
                    told = True
                time.sleep(_POLL_SECONDS)
        if self.exclusive:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return self

    def _holder(self) -> str:
        try:
            pid = self.path.read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            return ""
        return f" (pid {pid})" if pid.isdigit() else ""

    def release(self) -> None:
        """Release the lock (idempotent)."""
        if self._fd is not None:
            try:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
            finally:
                os.close(self._fd)
                self._fd = None

    def __enter__(self) -> "StoreLock":
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()
