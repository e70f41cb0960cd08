"""Extraction on a Ray cluster: ``graphbuilder build|extract --engine ray [--address ADDR]``.

Ray (``pip install -e '.[ray]'``) is optional: nothing here imports it until the Ray engine is
asked for. How it works:

* documents are read lazily on the driver (files, directories, JSON Lines, as for the local
  engine), cut into blocks of :data:`DEFAULT_BLOCK_SIZE` documents and sent to a pool of Ray
  actors, one per worker, each holding one long-lived spaCy :class:`~graphbuilder.pipeline.
  Pipeline` (loaded once per actor, not per block); at most :data:`IN_FLIGHT_PER_WORKER`
  blocks per actor are in flight, so memory stays bounded however large the input;
* a block whose worker dies (killed, out of memory, node lost) is retried: the actors are
  created with ``max_restarts`` / ``max_task_retries``, so Ray restarts the actor (reloading
  its pipeline) and re-runs the block; extraction is a pure function of the document, so a
  retried block gives the same results;
* results come back in input order (a block finished early waits for the ones before it), so
  the store receives exactly what the local engine would give it and the graph is the same,
  node for node and edge for edge; with ``results_dir`` each block is also written there as
  ``block-NNNNNN.jsonl`` (the ``results`` format of ``extract --format results``, loadable with
  ``graphbuilder load``) and ``block-NNNNNN.parquet`` (one row per document), each atomically;
* a rerun skips documents already loaded: ``build`` drops documents whose content hash the
  store already records before they are sent to Ray.

Without ``address`` a local Ray is started on 127.0.0.1 with ``workers`` CPUs, no dashboard and
a bounded object store, and shut down at the end; with ``address`` (``ray://HEAD:10001`` or
``HEAD:6379``, or ``auto``) the driver joins an existing cluster, whose nodes must have
graphbuilder installed.
"""
from __future__ import annotations

import itertools
import json
import os
import time
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterable, Iterator

import click

from graphbuilder.batching import chunked
from graphbuilder.export import atomic_write
from graphbuilder.model import Document, DocumentResult

#: Documents per block (one Ray task): large enough to amortise a task's overhead, small enough
#: that a retried block costs little.
DEFAULT_BLOCK_SIZE = 16
#: Blocks queued per actor: one running, one waiting, so a worker never idles between blocks.
IN_FLIGHT_PER_WORKER = 2
#: Blocks per actor submitted but not yet handed on in input order (bounds driver memory).
WINDOW_PER_WORKER = 4
#: Object store of a local Ray (bytes): blocks are small, and the machine is shared.
OBJECT_STORE_BYTES = 200 * 1024 * 1024
#: How often Ray restarts a dead actor and re-runs its blocks before the run fails.
MAX_RETRIES = 3
ENGINES = ("local", "ray")


class RayUnavailable(RuntimeError):
    """Ray is not installed or the cluster cannot be reached (one-line message)."""


def engine_options(command: Callable) -> Callable:
    """The ``--engine``, ``--address`` and ``--results-dir`` options of build and extract."""
    options = [
        click.option("--engine", type=click.Choice(ENGINES), default="local", show_default=True,
                     help="local: spaCy on this machine (--workers processes); ray: a Ray "
                          "cluster (pip install -e '.[ray]')."),
        click.option("--address", default=None, metavar="ADDR",
                     help="Ray cluster to join (ray://HEAD:10001, HEAD:6379 or auto); default: "
                          "start a local Ray with --workers workers."),
        click.option("--results-dir", type=click.Path(file_okay=False), default=None,
                     help="Ray: also write each block's results there (JSON Lines + Parquet)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _import_ray():
    try:
        import ray
    except ImportError as exc:
        raise RayUnavailable("the Ray engine needs Ray: pip install -e '.[ray]'") from exc
    return ray


class _Worker:
    """Body of one Ray actor: one spaCy pipeline for the actor's whole life."""

    def __init__(self, model: str | None, batch_size: int, min_confidence: float) -> None:
        from graphbuilder.pipeline import get_pipeline
        self.pipeline = get_pipeline(model)
        self.batch_size = batch_size
        self.min_confidence = min_confidence

    def pid(self) -> int:
        """The worker's process id (for monitoring, and for tests that kill it)."""
        return os.getpid()

    def cpu_seconds(self) -> float:
        """CPU time this worker process has used (for benchmarks on a shared machine)."""
        return time.process_time()

    def process(self, docs: list[Document]) -> list[DocumentResult]:
        """Extract every document of one block."""
        return list(self.pipeline.process_stream(docs, batch_size=self.batch_size,
                                                 min_confidence=self.min_confidence))


class RayEngine:
    """A pool of extraction actors on a Ray cluster (a local one unless ``address`` is given).

    Use as a context manager; :meth:`process_stream` maps documents to results in input order.
    """

    def __init__(self, *, address: str | None = None, workers: int = 2, model: str | None = None,
                 batch_size: int = 32, min_confidence: float = 0.0,
                 results_dir: str | os.PathLike[str] | None = None,
                 block_size: int = DEFAULT_BLOCK_SIZE) -> None:
        if workers < 1 or block_size < 1:
            raise ValueError("workers and block_size must be at least 1")
        self.ray = _import_ray()
        self.workers = workers
        self.block_size = block_size
        self.results_dir = Path(results_dir) if results_dir else None
        self._started_ray = False
        self._connect(address)
        remote = self.ray.remote(num_cpus=1, max_restarts=MAX_RETRIES,
                                 max_task_retries=MAX_RETRIES)(_Worker)
        self.actors = [remote.remote(model, batch_size, min_confidence) for _ in range(workers)]
        try:
            self.worker_pids()  # wait until every pipeline is loaded (errors surface here)
        except self.ray.exceptions.RayError as exc:
            self.close()
            raise RayUnavailable(f"the Ray workers could not load the pipeline: "
                                 f"{_first_line(exc)}") from exc

    def _connect(self, address: str | None) -> None:
        ray = self.ray
        if ray.is_initialized():
            return
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
        try:
            if address:
                ray.init(address=address, logging_level="WARNING")
            else:
                # Ray runs its workers at nice 15 by default (so that its own daemons stay
                # responsive on a busy node); on this machine they are the extraction itself and
                # would lose to every other process, so they keep the normal priority.
                ray.init(num_cpus=self.workers, include_dashboard=False,
                         object_store_memory=OBJECT_STORE_BYTES, _node_ip_address="127.0.0.1",
                         logging_level="WARNING", _system_config={"worker_niceness": 0})
        except (ConnectionError, RuntimeError, ValueError) as exc:
            where = f"the Ray cluster at {address}" if address else "a local Ray"
            raise RayUnavailable(f"cannot start or join {where}: {_first_line(exc)}") from exc
        self._started_ray = True

    def cpu_seconds(self) -> float:
        """CPU seconds used so far by all actors together."""
        return sum(self.ray.get([actor.cpu_seconds.remote() for actor in self.actors]))

    def worker_pids(self) -> list[int]:
        """Process ids of the actors (blocks until each has loaded its pipeline)."""
        return self.ray.get([actor.pid.remote() for actor in self.actors])

    def process_stream(self, docs: Iterable[Document]) -> Iterator[DocumentResult]:
        """Results of ``docs`` in input order, blocks spread over the actors.

        A block goes to the least busy actor as soon as one has fewer than
        :data:`IN_FLIGHT_PER_WORKER` blocks; finished blocks wait (at most
        :data:`WINDOW_PER_WORKER` blocks per actor in all) until the blocks before them are out."""
        in_flight: dict[Any, tuple[int, int]] = {}   # ref -> (block number, actor index)
        done: dict[int, list[DocumentResult]] = {}
        load = [0] * len(self.actors)
        window = WINDOW_PER_WORKER * len(self.actors)
        next_out = 0

        def collect() -> Iterator[DocumentResult]:
            nonlocal next_out
            ready, _ = self.ray.wait(list(in_flight), num_returns=1)
            for ref in ready:
                number, index = in_flight.pop(ref)
                load[index] -= 1
                done[number] = self._result(number, ref)
            while next_out in done:
                yield from done.pop(next_out)
                next_out += 1

        for number, block in enumerate(chunked(docs, self.block_size)):
            while min(load) >= IN_FLIGHT_PER_WORKER or len(in_flight) + len(done) >= window:
                yield from collect()
            index = min(range(len(self.actors)), key=lambda i: (load[i], i))
            load[index] += 1
            in_flight[self.actors[index].process.remote(block)] = (number, index)
        while in_flight:
            yield from collect()

    def _result(self, number: int, ref: Any) -> list[DocumentResult]:
        try:
            results = self.ray.get(ref)
        except self.ray.exceptions.RayError as exc:
            raise RayUnavailable(f"block {number} failed after {MAX_RETRIES} retries: "
                               f"{_first_line(exc)}") from exc
        if self.results_dir is not None:
            write_block(self.results_dir, number, results)
        return results

    def close(self) -> None:
        """Stop the actors, and the local Ray if this engine started it."""
        for actor in self.actors:
            self.ray.kill(actor)
        self.actors = []
        if self._started_ray:
            self.ray.shutdown()

    def __enter__(self) -> "RayEngine":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else exc.__class__.__name__


def write_block(directory: Path, number: int, results: list[DocumentResult]) -> None:
    """``block-NNNNNN.jsonl`` (``results`` lines) and ``block-NNNNNN.parquet`` in ``directory``.

    The Parquet file has one row per document: ``doc``, ``hash``, ``date``,
    ``source``, ``words`` and ``entities`` / ``relations`` / ``links`` as JSON text (the same
    objects as the JSON Lines), so any Parquet reader can filter documents without a schema
    for every relation field."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    directory.mkdir(parents=True, exist_ok=True)
    stem = directory / f"block-{number:06d}"
    dicts = [r.to_dict() for r in results]

    def jsonl(out: BinaryIO) -> None:
        for d in dicts:
            out.write((json.dumps(d, ensure_ascii=False) + "\n").encode("utf-8"))

    def parquet(out: BinaryIO) -> None:
        columns: dict[str, list] = {key: [d.get(key) for d in dicts]
                                    for key in ("doc", "hash", "date", "source")}
        columns["words"] = [r.words for r in results]
        for key in ("entities", "relations", "links"):
            columns[key] = [json.dumps(d.get(key, []), ensure_ascii=False) for d in dicts]
        pq.write_table(pa.table(columns), out)

    atomic_write(stem.with_suffix(".jsonl"), jsonl)
    atomic_write(stem.with_suffix(".parquet"), parquet)


def process_stream(docs: Iterable[Document], *, address: str | None, workers: int,
                   model: str | None, batch_size: int, min_confidence: float,
                   results_dir: str | None) -> Iterator[DocumentResult]:
    """The CLI's Ray path: start (or join) Ray, stream ``docs`` through it, shut down.

    Ray is only started once there is a document to process (a rerun over a fully loaded
    corpus starts nothing)."""
    docs = iter(docs)
    first = next(docs, None)
    if first is None:
        return
    docs = itertools.chain([first], docs)
    with RayEngine(address=address, workers=workers, model=model, batch_size=batch_size,
                   min_confidence=min_confidence, results_dir=results_dir) as engine:
        yield from engine.process_stream(docs)
