"""``--engine ray``: a local Ray on 127.0.0.1 with 2 workers, the real spaCy model.

* the graph of ``build --engine ray`` equals a plain ``build`` of the same input, node for node
  and edge for edge, and the per-block results (JSON Lines, Parquet) hold every document;
* a worker process killed (SIGKILL) in the middle of a run is restarted by Ray, its blocks are
  retried, and the graph is still equal;
* ``extract --engine ray`` prints what a plain ``extract`` prints.

Small input (120 two-sentence documents) and 2 workers keep this module to about a minute.
"""
from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphbuilder import export
from graphbuilder.cli import main
from graphbuilder.documents import read_inputs
from graphbuilder.store.networkx import NetworkXStore

from test_neo4j_faults import write_corpus

ray = pytest.importorskip("ray")  # the `test` extra installs it (CI); `pip install -e '.[ray]'`

N_DOCS = 120


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ray-corpus") / "corpus.jsonl"
    write_corpus(path, n_docs=N_DOCS, k=2)
    return path


@pytest.fixture(scope="module")
def plain_graph(corpus: Path, pipeline, tmp_path_factory: pytest.TempPathFactory) -> str:
    """Node-link JSON of a plain (local engine) build of the corpus."""
    store = tmp_path_factory.mktemp("plain") / "store.json"
    result = CliRunner().invoke(main, ["build", "--store", str(store), str(corpus)])
    assert result.exit_code == 0, result.output
    return export.dumps_node_link(NetworkXStore(store).graph)


def _graph(path: Path) -> str:
    return export.dumps_node_link(NetworkXStore(path).graph)


def test_ray_build_equals_plain_build(corpus: Path, plain_graph: str, tmp_path: Path) -> None:
    store, blocks = tmp_path / "ray.json", tmp_path / "blocks"
    result = CliRunner().invoke(main, ["build", "--engine", "ray", "--workers", "2",
                                       "--store", str(store), "--results-dir", str(blocks),
                                       str(corpus)])
    assert result.exit_code == 0, result.output
    assert f"documents: {N_DOCS} loaded" in result.output
    assert _graph(store) == plain_graph
    assert not ray.is_initialized()  # the local Ray it started is shut down again

    # per-block results: JSON Lines that `load` turns into the same graph, Parquet rows
    import pyarrow.parquet as pq
    jsonl = sorted(blocks.glob("block-*.jsonl"))
    assert [p.name for p in jsonl] == [f"block-{i:06d}.jsonl" for i in range(8)]  # 16 docs each
    assert sum(pq.read_table(p).num_rows for p in blocks.glob("block-*.parquet")) == N_DOCS
    loaded = tmp_path / "loaded.json"
    result = CliRunner().invoke(main, ["load", "--store", str(loaded), *map(str, jsonl)])
    assert result.exit_code == 0, result.output
    assert _graph(loaded) == plain_graph

    # a rerun skips every document already loaded (content hashes), without starting Ray
    again = CliRunner().invoke(main, ["build", "--engine", "ray", "--workers", "2",
                                      "--store", str(store), str(corpus)])
    assert again.exit_code == 0, again.output
    assert f"documents: 0 loaded, {N_DOCS} unchanged (skipped)" in again.output
    assert _graph(store) == plain_graph


@pytest.fixture(scope="module")
def local_ray():
    """One local Ray (127.0.0.1, 2 CPUs) shared by the tests below: engines reuse it."""
    from graphbuilder.distributed import OBJECT_STORE_BYTES
    ray.init(num_cpus=2, include_dashboard=False, object_store_memory=OBJECT_STORE_BYTES,
             _node_ip_address="127.0.0.1", logging_level="WARNING")
    yield
    ray.shutdown()


def test_killed_worker_is_retried_and_graph_is_equal(corpus: Path, plain_graph: str,
                                                     tmp_path: Path, local_ray) -> None:
    from graphbuilder.distributed import RayEngine
    docs = [d for d in read_inputs([str(corpus)])]
    results = []
    with RayEngine(workers=2, block_size=10) as engine:
        victim = engine.worker_pids()[0]
        for result in engine.process_stream(docs):
            if not results:
                # block 0 is out; worker 0 has its next blocks queued (2 in flight each)
                os.kill(victim, signal.SIGKILL)
            results.append(result)
        assert engine.worker_pids()[0] != victim   # Ray restarted the killed actor
    assert [r.doc_id for r in results] == [d.id for d in docs]
    store = NetworkXStore(tmp_path / "killed.json")
    store.load(results)
    store.close()
    assert _graph(tmp_path / "killed.json") == plain_graph


def test_extract_ray_prints_what_plain_extract_prints(corpus: Path, pipeline, local_ray) -> None:
    plain = CliRunner().invoke(main, ["extract", "--format", "results", str(corpus)])
    on_ray = CliRunner().invoke(main, ["extract", "--engine", "ray", "--workers", "2",
                                       "--format", "results", str(corpus)])
    assert plain.exit_code == 0 and on_ray.exit_code == 0, on_ray.output
    lines = [json.loads(line) for line in on_ray.stdout.splitlines()]
    assert len(lines) == N_DOCS
    assert on_ray.stdout == plain.stdout


def test_ray_options_without_engine_ray_are_refused(corpus: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--store", str(tmp_path / "s.json"),
                                       "--address", "127.0.0.1:6379", str(corpus)])
    assert result.exit_code == 2
    assert "--address and --results-dir go with --engine ray" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "s.json").exists()
