"""Every example query in ``cypher/queries`` (and the table queries) gives the same rows on both
stores.

``fixtures/articles`` goes through the real pipeline once; the results are loaded into an
embedded store file and into the test Neo4j server (wiped first). Each query file then runs,
with several parameter sets, through ``graphbuilder query --file ... --param k=v`` on both
backends (the real command, in-process), and the rows must be equal: as a sequence on the
ORDER BY columns, as a multiset otherwise. List cells whose order Neo4j leaves open
(``collect(DISTINCT ...)`` without a sort) are compared as sorted lists.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

import pytest
from click.testing import CliRunner

from graphbuilder import cypher
from graphbuilder.cli import main
from graphbuilder.documents import read_inputs
from graphbuilder.store.neo4j import Neo4jStore
from graphbuilder.store.networkx import NetworkXStore

from conftest import FIXTURES

pytestmark = pytest.mark.neo4j

#: Parameter sets per query file (each run on both stores); {} = declared defaults only.
PARAMS: dict[str, list[dict[str, str]]] = {
    "actor_profile": [{"actor": "China"}, {"actor": "Pyongyang"}, {"actor": "USA"},
                      {"actor": "nobody"}],
    "between_countries": [{"a": "United States", "b": "china"}, {"a": "JPN", "b": "KOR"},
                          {"a": "RUS", "b": "Ukraine", "limit": "2"}],
    "cooperative_hostile_pairs": [{}, {"limit": "2"}, {"since": "2022-01-01"}],
    "document_relations": [{"doc": "000_54bd720436a614dc.txt"}, {"doc": "missing"}],
    "dyad_timeline": [{"a": "USA", "b": "China"}, {"a": "North Korea", "b": "CHN",
                                                   "period": "day"},
                      {"a": "Japan", "b": "South Korea", "period": "year"}],
    "ego_network": [{"country": "North Korea"}, {"country": "CHN", "limit": "5"}],
    "leader_statements": [{}, {"person": "Xi Jinping"}, {"person": "Kim Jong Un"}],
    "most_targeted_conflict": [{}, {"since": "2021-07-12", "limit": "3"}],
    "sanctions_since": [{}, {"since": "2023-01-01"}],
    "shortest_path": [{"source": "Kim Jong Un", "target": "United States"},
                      {"source": "Xi Jinping", "target": "Japan"},
                      {"source": "Kim Jong Un", "target": "nobody"}],
}
#: List columns that are paths or sorted in the query: compared in order.
ORDERED_LISTS = {"actors", "types@shortest_path", "steps"}


@pytest.fixture(scope="module")
def stores(pipeline: Any, wiped_neo4j: Any, neo4j_settings: dict[str, str],
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Path of the embedded store; the Neo4j server holds the same documents."""
    results = [pipeline.process(doc) for doc in read_inputs([str(FIXTURES / "articles")])]
    path = tmp_path_factory.mktemp("parity") / "store.json"
    with NetworkXStore(path) as embedded:
        embedded.load(results)
    neo = Neo4jStore.from_env(**neo4j_settings)
    try:
        neo.ensure_schema()
        neo.load(results)
    finally:
        neo.close()
    yield path


@pytest.fixture(scope="module")
def wiped_neo4j(neo4j_driver: Any, neo4j_settings: dict[str, str]) -> Any:
    """Module-scoped wipe (the conftest one is per test)."""
    with neo4j_driver.session(database=neo4j_settings["database"]) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS")
    return neo4j_driver


def _query(store: Path, backend: str, name: str, params: dict[str, str]) -> list[dict]:
    args = ["query", "--backend", backend, "--file", str(cypher.cypher_dir() / "queries" /
                                                         f"{name}.cypher"), "--json"]
    if backend == "networkx":
        args += ["--store", str(store)]
    for key, value in params.items():
        args += ["--param", f"{key}={value}"]
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 0, (backend, name, params, res.output)
    return json.loads(res.stdout)


def _canonical(name: str, row: dict[str, Any]) -> str:
    def norm(column: str, value: Any) -> Any:
        if isinstance(value, list) and column not in ORDERED_LISTS \
                and f"{column}@{name}" not in ORDERED_LISTS:
            return sorted((norm("", v) for v in value), key=lambda v: json.dumps(v))
        if isinstance(value, dict):
            return {k: norm(k, v) for k, v in value.items()}
        return value
    return json.dumps({k: norm(k, v) for k, v in row.items()}, sort_keys=True)


def _order_columns(name: str) -> list[str]:
    """Output columns named by the final ORDER BY (compared as a sequence)."""
    statement = cypher.query_file(name).statement
    tail = statement.rsplit("ORDER BY", 1)[-1].split("LIMIT")[0] if "ORDER BY" in \
        statement.rsplit("RETURN", 1)[-1] else ""
    return [part.split()[0] for part in tail.split(",") if part.strip()]


def test_every_query_file_has_parameter_sets() -> None:
    assert {q.name for q in cypher.list_queries()} == set(PARAMS)


@pytest.mark.parametrize("name", sorted(PARAMS))
def test_query_file_gives_the_same_rows_on_both_stores(stores: Path, name: str) -> None:
    non_empty = 0
    for params in PARAMS[name]:
        embedded = _query(stores, "networkx", name, params)
        server = _query(stores, "neo4j", name, params)
        assert sorted(_canonical(name, r) for r in embedded) == \
            sorted(_canonical(name, r) for r in server), (name, params)
        order = [c for c in _order_columns(name) if server and c in server[0]]
        assert [[r[c] for c in order] for r in embedded] == \
            [[r[c] for c in order] for r in server], (name, params, order)
        non_empty += bool(server)
    assert non_empty >= 1, f"{name}: no parameter set returned rows"


def _plain(store: Path, backend: str, *args: str) -> tuple[int, str, str]:
    extra = ["--store", str(store)] if backend == "networkx" else []
    res = CliRunner().invoke(main, ["query", "--backend", backend, *extra, *args])
    return res.exit_code, res.stdout, res.stderr


def test_table_queries_and_checked_filters_agree_on_both_stores(stores: Path) -> None:
    for args in (["--path", "Kim Jong Un", "United States"],
                 ["--neighbours", "China", "--quad", "4"],
                 ["--neighbours", "China", "--since", "2022-01-01", "--json"],
                 ["--plover", "SANCTION", "--until", "2021-12-31"]):
        embedded, server = _plain(stores, "networkx", *args), _plain(stores, "neo4j", *args)
        assert embedded[0] == 0 and embedded[1].strip() != "(no rows)", (args, embedded)
        assert embedded == server, args
    for args, message in ((["--plover", "SANCTIONS"], "did you mean SANCTION?"),
                          (["--since", "2021-13-01"], "is not an ISO date"),
                          (["--neighbours", "China", "--type", "SANCTION"], "did you mean")):
        code, out, err = _plain(stores, "neo4j", *args)
        assert code == 2 and message in err and out == "", (args, err)
