"""Keep a long ``build`` run's progress: SIGTERM handled like Ctrl-C, and periodic checkpoints.

* :func:`terminate_as_interrupt` makes SIGTERM raise :class:`Terminated` (a KeyboardInterrupt),
  so ``kill PID`` saves what was loaded and exits 143 the way Ctrl-C exits 130.
* :class:`Checkpointer` saves an embedded store every N documents or S seconds (each save is
  atomic), so a SIGKILL or a power cut loses at most that much work; a rerun resumes because
  loaded documents are skipped by their hash.
"""
from __future__ import annotations

import os
import signal
import sys
import time
import warnings
from contextlib import contextmanager
from typing import Iterator, NoReturn

#: Exit statuses of a run stopped by a signal (128 + the signal number, as shells report).
EXIT_SIGINT = 130
EXIT_SIGTERM = 143

DEFAULT_CHECKPOINT_DOCUMENTS = 500
DEFAULT_CHECKPOINT_SECONDS = 60.0


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived: stop like Ctrl-C, but exit 143."""


def exit_status(exc: KeyboardInterrupt) -> int:
    """130 for Ctrl-C (SIGINT), 143 for SIGTERM."""
    return EXIT_SIGTERM if isinstance(exc, Terminated) else EXIT_SIGINT


@contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """Within the block SIGTERM raises :class:`Terminated` in the main thread.

    Worker processes forked inside the block (``--workers N``) exit quietly on SIGINT or
    SIGTERM instead of printing their own tracebacks: the parent reports the stop in one line.
    """
    main_pid = os.getpid()

    def on_term(signum: int, frame: object) -> None:
        if os.getpid() != main_pid:
            os._exit(EXIT_SIGTERM)
        _quiet_stopped_workers()
        raise Terminated()

    def on_int(signum: int, frame: object) -> None:
        if os.getpid() != main_pid:
            os._exit(EXIT_SIGINT)
        _quiet_stopped_workers()
        raise KeyboardInterrupt()

    try:
        old_term = signal.signal(signal.SIGTERM, on_term)
        old_int = signal.signal(signal.SIGINT, on_int)
    except ValueError:  # not the main thread (e.g. a test runner's worker thread)
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old_term)
        signal.signal(signal.SIGINT, old_int)


def _quiet_stopped_workers() -> None:
    """spaCy warns (W127) that its workers did not complete: after a signal, that is expected."""
    warnings.filterwarnings("ignore", message=r".*\[W127\]")


def exit_interrupted(status: int, workers: int) -> NoReturn:
    """Exit with ``status`` after a signal. With spaCy worker processes (``--workers N``) the
    interpreter's exit would wait forever on a queue feeding the stopped workers, so the
    process ends at once (output flushed, the store already saved)."""
    if workers > 1:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
    sys.exit(status)


class Checkpointer:
    """Call ``store.save()`` every ``documents`` loaded documents or ``seconds`` seconds.

    :meth:`loaded` runs on the thread that loads the store, so a save never overlaps a load.
    Stores without ``save`` (Neo4j commits each batch) are left alone.
    """

    def __init__(self, store, documents: int = DEFAULT_CHECKPOINT_DOCUMENTS,
                 seconds: float = DEFAULT_CHECKPOINT_SECONDS) -> None:
        self.save = getattr(store, "save", None)
        self.documents = max(1, documents)
        self.seconds = seconds
        self.pending = 0
        self._last = time.monotonic()

    def loaded(self, documents: int) -> None:
        """Count ``documents`` newly loaded; save when a threshold is reached."""
        if self.save is None or documents <= 0:
            return
        self.pending += documents
        if self.pending >= self.documents or time.monotonic() - self._last >= self.seconds:
            self.save()
            self.pending = 0
            self._last = time.monotonic()
