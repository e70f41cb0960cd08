"""bench/load.py on the real server: its raw CREATE baseline writes the same graph as the MERGE
load it is compared with (same actors, relationships and documents, by id), and ``--json``
reports per-round figures whose medians are the headline ones. Small synthetic data: these
check the comparison is fair, not how fast anything is. WIPES the test database, like the
other Neo4j tests (conftest's ``neo4j_clean``)."""
from __future__ import annotations

import importlib.util
import json
import statistics
import sys
from pathlib import Path
from typing import Any

import pytest

from graphbuilder.store.neo4j import Neo4jStore

pytestmark = pytest.mark.neo4j

ROOT = Path(__file__).resolve().parents[1]


def _bench() -> Any:
    spec = importlib.util.spec_from_file_location("bench_load", ROOT / "bench" / "load.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


bench = _bench()


def _contents(store: Neo4jStore) -> dict[str, list[str]]:
    return store.run_query(
        "MATCH (a:Actor) WITH collect(a.id + ' ' + a.label) AS actors "
        "OPTIONAL MATCH (:Actor)-[r]->(:Actor) WITH actors, collect(type(r) + ' ' + r.id) AS rels "
        "OPTIONAL MATCH (d:Document) RETURN actors, rels, collect(d.id) AS documents")[0]


def test_create_baseline_writes_what_the_merge_load_writes(
        neo4j_clean: object, neo4j_settings: dict[str, str]) -> None:
    results = bench.synthetic_results(400, 80, seed=3)
    with Neo4jStore.from_env(**neo4j_settings) as store:
        store.ensure_schema({r.type for res in results for r in res.relations})
        bench.run_merge(store, results, batch_size=100)
        merged = _contents(store)
        bench.run_create(store, results, batch_size=100)     # wipes first, like run_merge
        created = _contents(store)
    rows = bench.build_rows(results)
    assert len(merged["rels"]) == len(rows.relationships) >= 400   # events + links
    assert len(merged["actors"]) == len(rows.actors)
    assert {k: sorted(v) for k, v in created.items()} == {k: sorted(v) for k, v in merged.items()}


def test_json_report_gives_medians_of_interleaved_rounds(
        neo4j_clean: object, capsys: pytest.CaptureFixture[str]) -> None:
    code = bench.main(["--json", "--relations", "300", "--actors", "60", "--repeat", "3",
                       "--warmup", "0", "--batch-size", "100"])
    assert code == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["repeat"] == 3 and len(figures["ratios"]) == 3
    assert len(figures["merge_seconds"]) == len(figures["create_seconds"]) == 3
    assert figures["ratio"] == figures["ratio_spread"]["median"]
    assert figures["ratio"] == round(statistics.median(figures["ratios"]), 3)
    n = figures["relationships"]
    for side in ("merge", "create"):      # seconds are reported rounded to the millisecond
        rps = statistics.median(n / s for s in figures[f"{side}_seconds"])
        assert figures[f"{side}_rps"] == pytest.approx(rps, rel=0.01)
    assert figures["cpu_measured"] in ("client", "client+server") and figures["cpu_ratio"] > 0


def test_refuses_to_wipe_a_database_that_is_not_empty(
        neo4j_clean: object, neo4j_settings: dict[str, str],
        capsys: pytest.CaptureFixture[str]) -> None:
    with Neo4jStore.from_env(**neo4j_settings) as store:
        store.load(bench.synthetic_results(20, 10, seed=1))
        before = store.counts()
        assert bench.main(["--json", "--relations", "20", "--repeat", "1", "--warmup", "0"]) == 2
        assert "is not empty and would be WIPED" in capsys.readouterr().err
        assert store.counts() == before
