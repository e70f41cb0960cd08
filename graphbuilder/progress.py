"""Progress of ``graphbuilder build`` on stderr: documents done of the total, words/s and ETA.

Drawn with tqdm (a spaCy dependency) only when enabled (by default when stderr is a terminal),
so piped or redirected runs print nothing extra. The total is counted before the run from the
inputs (a file per text article, a non-blank line per JSON Lines record); stdin has no total.
Documents skipped as unchanged are taken off the total, so the ETA is that of the real work.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import IO, Iterable

from graphbuilder.documents import JSONL_SUFFIXES, _walk


def count_documents(inputs: Iterable[str]) -> int | None:
    """Documents the inputs will yield (bad ones included), or None when stdin is read."""
    total = 0
    for item in inputs:
        if item == "-":
            return None
        path = Path(item)
        for f in _walk(path) if path.is_dir() else [path] if path.is_file() else []:
            total += _records(f) if isinstance(f, Path) else 1  # InputError: one line
    return total


def _records(path: Path) -> int:
    if path.suffix.lower() not in JSONL_SUFFIXES:
        return 1
    try:
        with path.open("rb") as fh:
            return sum(1 for line in fh if line.strip())
    except OSError:
        return 1


class Progress:
    """A tqdm bar of documents with words/s; every method is a no-op when disabled."""

    def __init__(self, enabled: bool, inputs: Iterable[str] = (), label: str = "docs",
                 stream: IO[str] | None = None) -> None:
        self.docs = 0
        self.words = 0
        self._bar = None
        if enabled:
            from tqdm import tqdm
            self._bar = tqdm(total=count_documents(inputs), unit=f" {label}",
                             file=stream or sys.stderr, mininterval=0.5, smoothing=0.1,
                             dynamic_ncols=True, leave=True)

    def update(self, words: int) -> None:
        """One document extracted (``words`` tokens)."""
        self.docs += 1
        self.words += words
        if self._bar is not None:
            elapsed = max(self._bar.format_dict["elapsed"], 1e-9)
            self._bar.set_postfix_str(f"{self.words / elapsed:,.0f} words/s", refresh=False)
            self._bar.update(1)

    def skip(self) -> None:
        """One document skipped (already loaded, unchanged): off the total, not in the rate."""
        if self._bar is not None and self._bar.total:
            self._bar.total -= 1
            self._bar.refresh()

    def close(self) -> None:
        """Finish the bar (leaves the final line on the terminal)."""
        if self._bar is not None:
            self._bar.close()
