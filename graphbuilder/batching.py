"""Cut a stream into lists of at most ``size`` items (hash look-ups, store writes, benchmarks)."""
from __future__ import annotations

from typing import Iterable, Iterator, TypeVar

_T = TypeVar("_T")


def chunked(items: Iterable[_T], size: int) -> Iterator[list[_T]]:
    """Yield consecutive lists of ``size`` items from ``items``; the last one may be shorter.

    >>> list(chunked(range(5), 2))
    [[0, 1], [2, 3], [4]]
    """
    if size < 1:
        raise ValueError("size must be at least 1")
    chunk: list[_T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
