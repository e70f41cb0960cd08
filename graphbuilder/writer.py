"""Write batches to a store on a background thread, so extraction and writing overlap.

Extraction (spaCy + rules) is CPU-bound in the main process; a Neo4j load is mostly waiting on
the server. A bounded queue lets the two run side by side while keeping memory bounded and the
write order (hence the resulting graph) deterministic: one writer thread, batches in order.
"""
from __future__ import annotations

import queue
import threading
from typing import Callable

from graphbuilder.model import DocumentResult
from graphbuilder.store import LoadStats

_STOP = object()


class BatchWriter:
    """Collect DocumentResults into batches and load them on one background thread.

    ``on_stats`` is called (on the writer thread) with each batch's LoadStats. The first error
    raised by the store stops the writer and is re-raised by :meth:`close` (or the next
    :meth:`add`).
    """

    def __init__(self, store, on_stats: Callable[[LoadStats], None], batch_size: int = 200,
                 depth: int = 2) -> None:
        self.store = store
        self.on_stats = on_stats
        self.batch_size = batch_size
        self._batch: list[DocumentResult] = []
        self._queue: queue.Queue = queue.Queue(maxsize=depth)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="graphbuilder-writer",
                                        daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is _STOP:
                return
            if self._error is not None:
                continue  # drain after a failure; close() re-raises
            try:
                self.on_stats(self.store.load(item))
            except BaseException as exc:  # noqa: BLE001 - handed to the main thread
                self._error = exc

    def _raise(self) -> None:
        if self._error is not None:
            raise self._error

    def add(self, result: DocumentResult) -> None:
        """Queue one document result; a full batch goes to the writer thread."""
        self._raise()
        self._batch.append(result)
        if len(self._batch) >= self.batch_size:
            self._queue.put(self._batch)
            self._batch = []

    def close(self) -> None:
        """Write what is pending, wait for the writer, re-raise its error if any."""
        if self._batch:
            self._queue.put(self._batch)
            self._batch = []
        self._queue.put(_STOP)
        self._thread.join()
        self._raise()
