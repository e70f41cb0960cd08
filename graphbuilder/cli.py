"""The ``graphbuilder`` command line: extract, build, load, export, view, plot, query, eval,
neo4j."""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Callable, Iterable, Iterator

import click

from graphbuilder.distributed import engine_options
from graphbuilder.documents import InputError, read_inputs
from graphbuilder.model import Document, DocumentResult
from graphbuilder.progress import Progress
from graphbuilder.cli_output import export, plot, view
from graphbuilder.cli_support import (BACKENDS, DEFAULT_STORE, _close_store, _err, _need_actor,
                                      _open_store, _read_graph, _store_lost)
from graphbuilder.writer import BatchWriter

def _documents(inputs: Iterable[str], errors: list[InputError]) -> Iterator[Document]:
    for item in read_inputs(inputs):
        if isinstance(item, InputError) and item.warning:
            click.echo(f"warning: {item}", err=True)
        elif isinstance(item, InputError):
            errors.append(item)
            _err(str(item))
        else:
            yield item


def _pipeline(model: str | None):
    from graphbuilder.nlp import ModelError
    from graphbuilder.pipeline import get_pipeline
    try:
        return get_pipeline(model)
    except ModelError as exc:
        _err(str(exc))
        sys.exit(2)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="graphbuilder")
def main() -> None:
    """Build a knowledge graph of geopolitical relations from news text."""


# -- extract ----------------------------------------------------------------------------------
@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "results"]), default="jsonl",
              show_default=True,
              help="jsonl: one relation per line; results: one document result per line "
                   "(entities, relations, links), loadable with `graphbuilder load`.")
@click.option("--model", default=None, help="spaCy model name or path.")
@click.option("--min-confidence", type=float, default=0.0, show_default=True,
              help="Drop relations below this confidence.")
@click.option("--workers", type=int, default=1, show_default=True, help="spaCy processes.")
@click.option("--batch-size", type=int, default=32, show_default=True,
              help="Documents per spaCy batch (memory grows with it).")
@click.option("--shard", default=None, metavar="I/N",
              help="Process only shard I of N (documents split by a hash of their id).")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None,
              help="Write to this file (atomically) instead of stdout.")
@click.option("--explain", is_flag=True,
              help="Also print the candidates the geopolitical filter dropped, each with its "
                   "reason in the field `filtered` (jsonl: one line each after the document's "
                   "relations; results: a `filtered` list per document).")
@engine_options
def extract(inputs, fmt, model, min_confidence, workers, batch_size, shard, output, explain,
            engine, address, results_dir) -> None:
    """Print the relations found in INPUTS (files, directories, JSON Lines, - for stdin)."""
    errors: list[InputError] = []
    docs = _documents(inputs, errors)
    if shard:
        docs = _shard(docs, *_parse_shard(shard))
    from graphbuilder.runguard import exit_interrupted, exit_status, terminate_as_interrupt
    extract_all = _extractor(engine, model, workers, batch_size, min_confidence, address,
                             results_dir)
    out, tmp = _open_output(output)
    processed = 0
    try:
        with terminate_as_interrupt():
            for result in extract_all(docs):
                processed += 1
                for line in _extract_lines(result, fmt, explain):
                    out.write(json.dumps(line, ensure_ascii=False) + "\n")
            _close_output(out, tmp, output)
    except BrokenPipeError:
        sys.stderr.close()
        return
    except KeyboardInterrupt as exc:
        _discard_output(out, tmp)
        _err(f"interrupted after {processed} documents"
             + (f"; {output} was left unchanged" if tmp is not None else ""))
        exit_interrupted(exit_status(exc), workers)
    except OSError as exc:
        _discard_output(out, tmp)
        _err(f"cannot write {output or 'the output'}: {exc.strerror or exc}; "
             "check the path and free space")
        sys.exit(2)
    if processed == 0 and errors:
        sys.exit(1)


def _extract_lines(result: DocumentResult, fmt: str, explain: bool) -> Iterator[dict]:
    """The JSON objects ``extract`` prints for one document: its result (``--format
    results``) or its relations; with ``--explain`` also the filtered candidates."""
    filtered = [f.to_dict() for f in result.filtered] if explain else []
    if fmt == "results":
        yield {**result.to_dict(), "filtered": filtered} if explain else result.to_dict()
        return
    yield from (r.to_dict() for r in result.relations)
    yield from filtered


def _extractor(engine: str, model: str | None, workers: int, batch_size: int,
               min_confidence: float, address: str | None, results_dir: str | None
               ) -> Callable[[Iterable[Document]], Iterator[DocumentResult]]:
    """Documents -> results with the local spaCy pipeline or on a Ray cluster (--engine);
    option mistakes and a missing model are reported before any work starts."""
    if engine != "ray" and (address or results_dir):
        raise click.UsageError("--address and --results-dir go with --engine ray")
    if engine == "ray":
        from graphbuilder import distributed
        return lambda docs: _ray_errors(distributed.process_stream(
            docs, address=address, workers=workers, model=model, batch_size=batch_size,
            min_confidence=min_confidence, results_dir=results_dir))
    pipe = _pipeline(model)
    return lambda docs: pipe.process_stream(docs, batch_size=batch_size, n_process=workers,
                                            min_confidence=min_confidence)


def _ray_errors(stream: Iterator[DocumentResult]) -> Iterator[DocumentResult]:
    """A Ray that cannot start or a block that failed for good: one line, exit 2. (A store
    lost while the stream is read goes on to the caller's handling of lost stores.)"""
    from graphbuilder.distributed import RayUnavailable
    try:
        yield from stream
    except RayUnavailable as exc:
        _err(str(exc))
        sys.exit(2)


def _parse_shard(spec: str) -> tuple[int, int]:
    """"I/N" -> (I, N), checked before any work starts."""
    try:
        i, n = (int(x) for x in spec.split("/"))
    except ValueError:
        i, n = -1, 0
    if not 0 <= i < n:
        raise click.BadParameter("use I/N with 0 <= I < N, e.g. 0/4", param_hint="--shard")
    return i, n


def _shard(docs: Iterable[Document], i: int, n: int) -> Iterator[Document]:
    """Documents of shard ``i`` of ``n``, chosen by a hash of the document id."""
    from graphbuilder.model import stable_id
    for d in docs:
        if int(stable_id(d.id, length=8), 16) % n == i:
            yield d


def _open_output(output: str | None):
    """The output stream and its temporary file; a path that cannot be written is one line
    and exit 2, before any extraction."""
    if output is None:
        return sys.stdout, None
    path = Path(output)
    try:
        if path.exists() and not path.is_file():  # /dev/null, a FIFO: never rename over it
            return path.open("w", encoding="utf-8"), None
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        return tmp.open("w", encoding="utf-8"), tmp
    except OSError as exc:
        _err(f"cannot write {output}: {exc.strerror or exc}; check the folder exists and is "
             "writable")
        sys.exit(2)


def _discard_output(out, tmp: Path | None) -> None:
    """Drop an unfinished output: the temporary file is removed, the target left as it was."""
    if tmp is None:
        return
    out.close()
    tmp.unlink(missing_ok=True)


def _close_output(out, tmp: Path | None, output: str | None) -> None:
    out.flush()
    if tmp is None:
        return
    os.fsync(out.fileno())
    out.close()
    os.replace(tmp, output)


def _summary(stats, counts: tuple[int, int] | None, errors: int, elapsed: float) -> None:
    click.echo(f"documents: {stats.documents} loaded, {stats.skipped} unchanged (skipped), "
               f"{errors} with errors")
    click.echo(f"entities: {stats.entities} in loaded documents; relations: {stats.relations}")
    for t, n in sorted(stats.by_type.items(), key=lambda kv: (-kv[1], kv[0])):
        click.echo(f"  {t:<28} {n}")
    if counts is None:
        click.echo(f"graph: not counted (interrupted)  ({elapsed:.1f}s)")
    else:
        click.echo(f"graph: {counts[0]} actors, {counts[1]} relationships  ({elapsed:.1f}s)")


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--backend", type=BACKENDS, default="networkx", show_default=True)
@click.option("--store", "store_path", default=None,
              help=f"NetworkX store file (default ./{DEFAULT_STORE}).")
@click.option("--model", default=None, help="spaCy model name or path.")
@click.option("--workers", type=int, default=1, show_default=True, help="spaCy processes.")
@click.option("--batch-size", type=int, default=32, show_default=True,
              help="Documents per spaCy batch (memory grows with it).")
@click.option("--min-confidence", type=float, default=0.0, show_default=True)
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on stderr: total, words/s, ETA (default: when stderr is a "
                   "terminal).")
@click.option("--wait", type=click.FloatRange(min=0), default=None, metavar="SECONDS",
              help="Wait this long for another run's lock on the store (default 600; 0: fail "
                   "at once).")
@click.option("--checkpoint-every", type=click.IntRange(min=1), default=500, show_default=True,
              metavar="N", help="Save the embedded store every N documents (and every minute).")
@engine_options
def build(inputs, backend, store_path, model, workers, batch_size, min_confidence,
          progress, wait, checkpoint_every, engine, address, results_dir) -> None:
    """Extract relations from INPUTS and merge them into the graph store (idempotent)."""
    from graphbuilder.runguard import (Checkpointer, exit_interrupted, exit_status,
                                       terminate_as_interrupt)
    from graphbuilder.store import LoadStats, skip_unchanged
    t0 = time.perf_counter()
    errors: list[InputError] = []
    extract_all = _extractor(engine, model, workers, batch_size, min_confidence, address,
                             results_dir)
    store = _open_store(backend, store_path, wait=wait)
    skipped = 0

    def skip() -> None:
        nonlocal skipped
        skipped += 1
        bar.skip()

    bar = Progress(sys.stderr.isatty() if progress is None else progress, inputs)
    total = LoadStats()
    interrupted = 0
    checkpoint = Checkpointer(store, documents=checkpoint_every)

    def loaded(stats: LoadStats) -> None:
        total.add(stats)
        checkpoint.loaded(stats.documents)

    writer = BatchWriter(store, loaded, batch_size=min(store.write_batch, checkpoint_every))

    lost = store.lost_errors + store.open_errors  # open_errors: a checkpoint save that fails
    failure: Exception | None = None
    with terminate_as_interrupt():
        try:
            for result in extract_all(skip_unchanged(store, _documents(inputs, errors), skip)):
                writer.add(result)
                bar.update(result.words)
            writer.close()
        except KeyboardInterrupt as exc:
            interrupted = exit_status(exc)
            try:
                writer.close()  # documents already extracted are still written, completely
            except lost as exc:
                failure = exc
        except lost as exc:
            failure = exc
        finally:
            bar.close()
            counts: tuple[int, int] | None = None
            if failure is None:
                try:
                    counts = store.counts()
                except lost as exc:
                    failure = exc
                except Exception:  # noqa: BLE001 - a driver left mid-request by the signal
                    if not interrupted:
                        raise
            failure = _close_store(store) or failure
    if isinstance(failure, store.lost_errors):
        _store_lost(failure)
    if failure is not None:  # the embedded store's save (a checkpoint or the last) failed
        _err(str(failure))
        sys.exit(2)
    total.skipped += skipped
    _summary(total, counts, len(errors), time.perf_counter() - t0)
    if interrupted:
        what = "terminated (SIGTERM)" if interrupted == 143 else "interrupted"
        _err(f"{what}: documents loaded so far are saved; run the same command to resume")
        exit_interrupted(interrupted, workers)
    if errors and total.documents == 0 and total.skipped == 0:
        sys.exit(1)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--backend", type=BACKENDS, default="networkx", show_default=True)
@click.option("--store", "store_path", default=None)
def load(files, backend, store_path) -> None:
    """Merge `extract --format results` outputs (shards) into a store, idempotently."""
    from graphbuilder.store import LoadStats
    t0 = time.perf_counter()
    store = _open_store(backend, store_path)
    total = LoadStats()
    errors = 0
    try:
        writer = BatchWriter(store, total.add, batch_size=200)
        for path in files:
            for result in _read_results(path):
                if result is None:
                    errors += 1
                else:
                    writer.add(result)
        writer.close()
        counts = store.counts()
    except store.lost_errors as exc:
        _store_lost(exc)
    finally:
        failure = _close_store(store)
    if failure is not None:
        _err(str(failure))
        sys.exit(2)
    _summary(total, counts, errors, time.perf_counter() - t0)
    if errors and total.documents == 0 and total.skipped == 0:
        sys.exit(1)


def _read_results(path: str) -> Iterator[DocumentResult | None]:
    """Document results from a `extract --format results` file; None for each bad line
    (reported on stderr with file and line)."""
    try:
        fh = open(path, "rb")  # json.loads decodes each line: BOM ok, bad UTF-8 = ValueError
    except OSError as exc:
        _err(f"{path}: cannot read ({exc.strerror}); check the path")
        yield None
        return
    with fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                result = DocumentResult.from_dict(json.loads(line))
            except (json.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError,
                    RecursionError) as exc:
                _err(f"{path}:{n}: not a document result ({exc.__class__.__name__}); "
                     "produce it with `graphbuilder extract --format results`")
                result = None
            yield result


# -- query -----------------------------------------------------------------------------------
def _params(pairs: tuple[str, ...]) -> dict:
    params = {}
    for p in pairs:
        key, sep, value = p.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{p!r}: use key=value", param_hint="--param")
        try:
            params[key] = json.loads(value)
        except json.JSONDecodeError:
            params[key] = value
    return params


@main.command()
@click.argument("cypher", required=False)
@click.option("--backend", type=BACKENDS, default="networkx", show_default=True)
@click.option("--store", "store_path", default=None)
@click.option("--file", "query_file", type=click.Path(exists=True, dir_okay=False),
              help="Run the Cypher in this file (e.g. cypher/queries/NAME.cypher).")
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE",
              help="Query parameter (repeatable); JSON values are parsed.")
@click.option("--write", is_flag=True, help="Neo4j: run in a write transaction.")
@click.option("--neighbours", "--neighbors", "neighbours", metavar="ACTOR",
              help="Relations of ACTOR (id, name or alias).")
@click.option("--path", "path_ends", nargs=2, metavar="A B", help="Paths between two actors.")
@click.option("--hops", type=int, default=3, show_default=True, help="Maximum path length.")
@click.option("--actor", default=None, help="Filter relations by actor.")
@click.option("--type", "rel_type", default=None, help="Filter by relation type (SANCTIONS).")
@click.option("--plover", default=None, help="Filter by PLOVER type (SANCTION).")
@click.option("--quad", "quad_class", type=click.IntRange(1, 4), default=None)
@click.option("--since", default=None, metavar="YYYY-MM-DD")
@click.option("--until", default=None, metavar="YYYY-MM-DD")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--list-types", is_flag=True,
              help="List the valid PLOVER types and relationship types, then exit.")
def query(cypher, backend, store_path, query_file, params, write, neighbours, path_ends, hops,
          actor, rel_type, plover, quad_class, since, until, as_json, list_types) -> None:
    """Query the graph: neighbours, paths, filtered relations, or Cypher.

    The filters (--plover, --quad, --since, --until, --type, --actor) apply to the relations
    listing and to --neighbours (--type also to --path). With CYPHER (or --file) the query runs
    as Cypher: on Neo4j for real, on the embedded store through graphbuilder's own Cypher subset.
    """
    from graphbuilder import query as q
    if list_types:
        kinds = {"plover": q.plover_types(), "type": q.relationship_types()}
        if as_json:
            click.echo(json.dumps(kinds, indent=2))
        else:
            click.echo("PLOVER types (--plover): " + ", ".join(kinds["plover"]))
            click.echo("relationship types (--type): " + ", ".join(kinds["type"]))
        return
    try:
        checked = q.check_filters(plover=plover, since=since, until=until)
    except q.QueryError as exc:
        _err(str(exc))
        sys.exit(2)
    plover, since, until = checked["plover"], checked["since"], checked["until"]
    if query_file:
        cypher = Path(query_file).read_text(encoding="utf-8")
    if cypher:
        from graphbuilder.exposure import file_access
        if not write and file_access(cypher):
            _err(f"query calls {file_access(cypher)}, which reads or writes files: not allowed "
                 "in a read-only query; use --write if you mean it")
            sys.exit(1)
        store = _open_store(backend, store_path, read_only=True, create=False)  # writes: server transactions
        try:
            rows = store.run_query(cypher, _params(params), write=write)
        except store.lost_errors as exc:
            _err(str(exc))
            sys.exit(2)
        except Exception as exc:  # driver errors (syntax, constraint, ...), embedded Cypher errors
            _err(f"query failed: {getattr(exc, 'message', None) or exc}")
            sys.exit(1)
        finally:
            store.close()
    else:
        graph = _read_graph(backend, store_path)
        try:
            rel_type = q.check_filters(graph, type=rel_type)["type"] if rel_type else None
        except q.QueryError as exc:
            _err(str(exc))
            sys.exit(2)
        try:
            types = [rel_type] if rel_type else None
            act = _need_actor(q, graph, actor, lambda x: x) if actor else None
            if neighbours:
                rows = _need_actor(q, graph, neighbours, lambda a: q.neighbours(
                    graph, a, types=types, plover=plover, quad_class=quad_class, since=since,
                    until=until, other=act))
            elif path_ends:
                a, b = path_ends
                found = _need_actor(q, graph, a, lambda x: _need_actor(
                    q, graph, b, lambda y: q.paths(graph, x, y, max_hops=hops, types=types)))
                rows = found if as_json else q.path_rows(graph, found)
            else:
                rows = q.relations(graph, plover=plover, quad_class=quad_class, since=since,
                                   until=until, actor=act, type=rel_type)
        except click.exceptions.Exit:
            raise
        except Exception as exc:
            _err(f"query failed: {exc}")
            sys.exit(1)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
    else:
        click.echo(q.format_table(rows, **q.table_layout("cypher" if cypher else "path"
                                                          if path_ends else "neighbours"
                                                          if neighbours else "relations"))
                   if rows else "(no rows)")


# -- eval ------------------------------------------------------------------------------------
@main.command(name="eval")
@click.argument("gold", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--errors", "show_errors", is_flag=True, help="List misses and false positives.")
@click.option("--model", default=None)
@click.option("--min-confidence", type=float, default=0.0, show_default=True)
@click.option("--folds", type=click.IntRange(min=1), default=1, show_default=True,
              help="Also score K folds (split by a hash of the record id) and report the "
                   "spread of their scores.")
def evaluate_cmd(gold, as_json, show_errors, model, min_confidence, folds) -> None:
    """Score the extractor on gold records (format and rules: EVALUATION.md)."""
    from graphbuilder import evaluate as ev
    records = []
    for path in gold:
        try:
            records.extend(ev.load_gold(path))
        except ev.GoldError as exc:
            _err(str(exc))
            sys.exit(2)
    pipe = _pipeline(model)

    def predict(text: str, date: str | None, rid: str):
        return pipe.extract_text(text, date, rid, min_confidence=min_confidence)

    report, fold_reports = ev.score_folds(records, predict, folds)
    summary = ev.fold_summary(fold_reports) if fold_reports else None
    if as_json:
        obj = report.to_dict()
        if summary is not None:
            obj["folds"] = summary
        if show_errors:
            obj["errors"] = report.errors
        click.echo(json.dumps(obj, ensure_ascii=False))
    else:
        click.echo(report.format_text(errors=show_errors))
        if summary is not None:
            click.echo("\n" + ev.format_folds(summary))


for _command in (export, view, plot):
    main.add_command(_command)


# -- neo4j server -----------------------------------------------------------------------------
try:
    from graphbuilder.neo4j_server import neo4j_group
    import graphbuilder.neo4j_import  # noqa: F401 - registers `neo4j import`
    main.add_command(neo4j_group)
except ImportError:  # pragma: no cover - only while the module is being written
    pass


if __name__ == "__main__":  # pragma: no cover
    main()
