#!/usr/bin/env python
"""Ray extraction and the Neo4j bulk import against their one-machine baselines.

    python bench/distributed.py --json [--words 200000] [--relations 100000] [--only extract|load]

Extraction (same documents, same run; corpus of :mod:`bench.corpus`, real distinct sentences
recomposed into distinct documents):

* ``extract_wps_1``: ``Pipeline.process_stream`` in this process (what ``extract`` does with
  one worker), spaCy tokens per second;
* ``ray_wps_2``: the same documents through :class:`graphbuilder.distributed.RayEngine` on a
  local Ray with 2 workers (actors started and their pipelines loaded before the clock starts,
  as a long-running cluster would have them); ``ray_ratio = ray_wps_2 / extract_wps_1``;
* ``extract_words_per_cpu_s`` / ``ray_words_per_cpu_s``: the same per CPU second (this
  process / the Ray workers), and ``ray_cores_used`` (workers' CPU seconds per wall second): on
  a machine shared with other work the wall-clock ratio says more about the neighbours than
  about the engine, these say whether the workers did the same work per CPU second and how many
  cores they actually got;
* ``equal``: the two result streams, loaded into two embedded stores, give the same graph
  (node-link JSON, node for node and edge for edge).

Loading (a PRIVATE throw-away Neo4j: own home in a temp dir, jars hard-linked from the
project's provisioned ``.neo4j``, free ports, 127.0.0.1; the import replaces its database):

* ``merge_rps``: :meth:`Neo4jStore.load` (the idempotent MERGE load) of ``--relations``
  synthetic relationships (``bench/load.py``'s generator) into the empty database, with schema;
* ``import_rps``: the same graph written by ``export --format neo4j-admin`` and imported with
  ``neo4j-admin database import full`` (the importer's run alone); ``import_total_rps`` counts
  the CSV export, the server stop and restart and the schema creation too;
  ``import_ratio = import_rps / merge_rps``.

The last line printed is one JSON object (``--json``); progress goes to stderr. The machine's
load average is reported (``load_average``): the figures are ratios within one run.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import corpus as bench_corpus  # noqa: E402
from load import synthetic_results  # noqa: E402

from graphbuilder import export, neo4j_server  # noqa: E402
from graphbuilder.export_neo4j_admin import write_neo4j_admin  # noqa: E402
from graphbuilder.neo4j_import import import_directory  # noqa: E402
from graphbuilder.neo4j_server import Neo4jSettings  # noqa: E402
from graphbuilder.store.neo4j import Neo4jStore  # noqa: E402
from graphbuilder.store.networkx import NetworkXStore  # noqa: E402

PASSWORD = "bench-distributed-pw"


def log(msg: str) -> None:
    print(f"[distributed] {msg}", file=sys.stderr, flush=True)


def _graph(results, path: Path) -> str:
    store = NetworkXStore(path)
    store.load(results)
    store.close()
    return export.dumps_node_link(NetworkXStore(path).graph)


def extraction(words: int, tmp: Path) -> dict:
    """extract_wps_1, ray_wps_2, ray_ratio, equal."""
    from graphbuilder.distributed import RayEngine
    from graphbuilder.pipeline import get_pipeline
    sentences = bench_corpus.distinct_sentences(bench_corpus.load_sources())
    docs = list(bench_corpus.to_documents(bench_corpus.compose(sentences, words, seed=13,
                                                               prefix="dist")))
    pipe = get_pipeline()
    list(pipe.process_stream(docs[:5]))   # warm-up (lazy initialisation)
    log(f"plain extraction of {len(docs)} documents ...")
    t0, c0 = time.perf_counter(), time.process_time()
    plain = list(pipe.process_stream(docs))
    plain_s, plain_cpu = time.perf_counter() - t0, time.process_time() - c0
    tokens = sum(r.words for r in plain)
    log("starting a local Ray with 2 workers ...")
    with RayEngine(workers=2) as engine:
        list(engine.process_stream(docs[:2 * engine.block_size]))   # warm-up: a block each
        t0, c0 = time.perf_counter(), engine.cpu_seconds()
        on_ray = list(engine.process_stream(docs))
        ray_s, ray_cpu = time.perf_counter() - t0, engine.cpu_seconds() - c0
    equal = _graph(plain, tmp / "plain.json") == _graph(on_ray, tmp / "ray.json")
    wps_1, wps_2 = tokens / plain_s, sum(r.words for r in on_ray) / ray_s
    return {"documents": len(docs), "tokens": tokens, "extract_wps_1": round(wps_1, 1),
            "ray_wps_2": round(wps_2, 1), "ray_ratio": round(wps_2 / wps_1, 3), "equal": equal,
            "extract_words_per_cpu_s": round(tokens / plain_cpu, 1),
            "ray_words_per_cpu_s": round(tokens / ray_cpu, 1),
            "ray_cores_used": round(ray_cpu / ray_s, 2)}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _private_settings(home: Path) -> Neo4jSettings:
    """A throw-away server home that reuses the provisioned jars of the project's .neo4j."""
    main = Neo4jSettings.from_env({k: v for k, v in os.environ.items()
                                   if k != "GRAPHBUILDER_NEO4J_HOME"})
    for name in ("lib", "plugins"):
        if (main.home / name).is_dir():
            shutil.copytree(main.home / name, home / name, copy_function=os.link)
    return Neo4jSettings(home=home, bolt_port=_free_port(), http_port=_free_port(),
                         heap="1g", pagecache="256m", java_home=main.java_home)


def loading(relations: int, tmp: Path) -> dict:
    """merge_rps, import_rps, import_total_rps, import_ratio on a private server."""
    results = synthetic_results(relations, max(relations // 10, 100), seed=7)
    settings = _private_settings(tmp / "neo4j")
    os.environ["NEO4J_PASSWORD"] = PASSWORD
    log(f"starting a private Neo4j on 127.0.0.1:{settings.bolt_port} ...")
    neo4j_server.start(settings)
    try:
        with Neo4jStore.from_env(uri=settings.bolt_uri, user="neo4j", password=PASSWORD,
                                 database="neo4j") as store:
            store.ensure_schema({r.type for res in results for r in res.relations})
            log(f"MERGE load of {relations} relations ...")
            t0 = time.perf_counter()
            store.load(results)
            merge_s = time.perf_counter() - t0
            merged_graph = export.dumps_node_link(store.read_graph())
            count = store.counts()[1]
        t0 = time.perf_counter()
        graph_file = tmp / "store.json"
        store_nx = NetworkXStore(graph_file)
        store_nx.load(results)
        written = write_neo4j_admin(store_nx.graph, tmp / "csv")
        export_s = time.perf_counter() - t0
        log(f"neo4j-admin import of {written.relationships} relationships ...")
        report = import_directory(tmp / "csv", settings)
        with Neo4jStore.from_env(uri=settings.bolt_uri, user="neo4j", password=PASSWORD,
                                 database="neo4j") as store:
            same = export.dumps_node_link(store.read_graph()) == merged_graph
    finally:
        neo4j_server.stop(settings)
    merge_rps = count / merge_s
    import_rps = count / report.import_seconds
    return {"relationships": count, "merge_rps": round(merge_rps, 1),
            "import_rps": round(import_rps, 1),
            "import_total_rps": round(count / (report.total_seconds + export_s), 1),
            "import_ratio": round(import_rps / merge_rps, 3), "import_equals_merge": same}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--words", type=int, default=200_000,
                   help="words of text to extract (enough that the blocks, not the ramp-up, dominate)")
    p.add_argument("--relations", type=int, default=100_000, help="synthetic relations to load")
    p.add_argument("--only", choices=("extract", "load"), help="run one half only")
    args = p.parse_args(argv)
    figures: dict = {"load_average_start": list(os.getloadavg())}
    with tempfile.TemporaryDirectory(prefix="bench-distributed-") as tmp:
        if args.only != "load":
            figures.update(extraction(args.words, Path(tmp)))
        if args.only != "extract":
            figures.update(loading(args.relations, Path(tmp)))
    figures["load_average_end"] = list(os.getloadavg())
    if args.json:
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            print(f"{key:>22}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
