"""Example queries on both stores: time per query on the embedded store and on Neo4j, as a ratio.

Usage (the Neo4j database must hold the same documents as the store file, e.g. after
``graphbuilder build fixtures/wcep --store wcep.json`` and
``graphbuilder build --backend neo4j fixtures/wcep``)::

    python bench/cypher_stores.py wcep.json --param a=USA --param b=RUS --repeat 5

Each file of ``cypher/queries`` runs ``--repeat`` times on each store (the first Neo4j run, which
plans the query, is not counted); parameters without a value on the command line get a sample
value below. Prints one line per query: rows, milliseconds per run on each store, and the ratio
embedded / Neo4j, both measured in this run on this machine. The row counts must agree (the
rows themselves are compared by ``tests/test_cypher_parity.py``).
"""
from __future__ import annotations

import argparse
import time
from typing import Any, Callable

from graphbuilder import cypher
from graphbuilder.query import cypher as embedded_cypher
from graphbuilder.store.neo4j import Neo4jStore
from graphbuilder.store.networkx import NetworkXStore

SAMPLES = {"a": "USA", "b": "CHN", "source": "Barack Obama", "target": "Russia",
           "country": "SYR", "actor": "USA"}


def _per_run_ms(run: Callable[[], list[dict[str, Any]]], repeat: int) -> tuple[int, float]:
    rows = run()
    start = time.perf_counter()
    for _ in range(repeat):
        run()
    return len(rows), (time.perf_counter() - start) * 1000 / repeat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("store", help="embedded store file holding the same documents as Neo4j")
    parser.add_argument("--param", action="append", default=[], metavar="KEY=VALUE")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    given = dict(p.split("=", 1) for p in args.param)
    graph = NetworkXStore(args.store).graph
    samples = {**SAMPLES, "doc": next(iter(graph.graph.get("documents") or {"": None})), **given}
    with Neo4jStore.from_env() as server:
        print(f"{'query':28s} {'rows':>5s} {'embedded ms':>12s} {'neo4j ms':>9s} {'ratio':>6s}")
        for q in cypher.list_queries():
            text = cypher.read(str(q.path))
            params = {p.name: samples[p.name] for p in q.params if p.name in samples}
            rows, embedded = _per_run_ms(lambda t=text, p=params: embedded_cypher(graph, t, p), args.repeat)
            server_rows, neo4j = _per_run_ms(lambda t=text, p=params: server.run_query(t, p), args.repeat)
            flag = "" if rows == server_rows else f"  ROWS DIFFER: neo4j {server_rows}"
            print(f"{q.name:28s} {rows:5d} {embedded:12.1f} {neo4j:9.1f} "
                  f"{embedded / neo4j:6.2f}{flag}")


if __name__ == "__main__":
    main()
