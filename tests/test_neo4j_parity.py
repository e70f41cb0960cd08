"""Parity of the two stores through the CLI, on a real Neo4j server and the real spaCy model.

Acceptance: "For the seed, the dev gold texts and wcep: node and relationship counts in Neo4j
equal those of the embedded store for the same input; a second load changes nothing."

For the seed article, all of ``fixtures/articles`` and the texts of both gold files
(``fixtures/gold/dev.jsonl`` + ``plover_gsr_dev.jsonl``, turned into a ``{id, date, text}``
JSON Lines input), ``graphbuilder build`` runs once into a NetworkX store file and once into
Neo4j (the server of the conftest fixtures, wiped first by ``neo4j_clean``). Not only the counts
must agree: the Neo4j graph read back (:meth:`Neo4jStore.read_graph`) must equal the embedded
graph as node-link JSON (every node, edge and attribute, and the documents table). A second
build, and a ``load`` of the same documents' ``extract --format results`` output, must then
skip every document and leave the graph exactly as it was. wcep (428 summaries, in
``../shared``) is covered by ``bench/parity.py``, a dev tool that does the same comparison.

Every command runs in-process through click's CliRunner, with one Pipeline per model for the
module (as in ``tests/test_scale.py``), so spaCy loads once.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphbuilder import export
from graphbuilder.cli import main
from graphbuilder.store.neo4j import Neo4jStore
from graphbuilder.store.networkx import NetworkXStore

from conftest import FIXTURES, SEED

pytestmark = pytest.mark.neo4j

GOLD_FILES = ("dev.jsonl", "plover_gsr_dev.jsonl")
_SUMMARY = re.compile(r"^documents: (?P<loaded>\d+) loaded, (?P<skipped>\d+) unchanged .*?"
                      r"^graph: (?P<actors>\d+) actors, (?P<relationships>\d+) relationships",
                      re.M | re.S)


def gold_texts(path: Path) -> Path:
    """The texts of both gold files as a ``{id, date, text}`` JSON Lines input."""
    with path.open("w", encoding="utf-8") as out:
        for name in GOLD_FILES:
            for line in (FIXTURES / "gold" / name).read_text("utf-8").splitlines():
                if line.strip():
                    record = json.loads(line)
                    out.write(json.dumps({"id": record["id"], "date": record.get("date"),
                                          "text": record["text"]}, ensure_ascii=False) + "\n")
    return path


INPUTS = {
    "seed": lambda tmp: SEED,
    "articles": lambda tmp: FIXTURES / "articles",
    "gold": lambda tmp: gold_texts(tmp / "gold_texts.jsonl"),
}


def run(args: list[str], env: dict[str, str] | None = None) -> dict[str, int]:
    """``graphbuilder ARGS`` in-process; must exit 0; returns the numbers of its summary."""
    result = CliRunner().invoke(main, [str(a) for a in args], env=env)
    assert result.exit_code == 0, f"graphbuilder {' '.join(map(str, args))}:\n{result.output}"
    match = _SUMMARY.search(result.output)
    assert match, result.output
    return {k: int(v) for k, v in match.groupdict().items()}


def canonical(graph) -> dict:
    """Node-link JSON of a graph (sorted, sets as lists): comparable across the two stores."""
    return json.loads(export.dumps_node_link(graph))


@pytest.fixture()
def neo4j_env(neo4j_clean: object, neo4j_settings: dict[str, str]) -> dict[str, str]:
    """CLI environment for the (wiped) server of the conftest fixtures."""
    return {"NEO4J_URI": neo4j_settings["uri"], "NEO4J_USER": neo4j_settings["user"],
            "NEO4J_PASSWORD": neo4j_settings["password"],
            "NEO4J_DATABASE": neo4j_settings["database"]}


def neo4j_graph(settings: dict[str, str]) -> tuple[tuple[int, int], dict]:
    with Neo4jStore.from_env(**settings) as store:
        return store.counts(), canonical(store.read_graph())


@pytest.mark.parametrize("name", list(INPUTS))
def test_neo4j_equals_networkx_and_a_second_load_changes_nothing(
        name: str, tmp_path: Path, neo4j_env: dict[str, str],
        neo4j_settings: dict[str, str]) -> None:
    source = str(INPUTS[name](tmp_path))
    nx_path = tmp_path / "store.json"

    neo = run(["build", "--backend", "neo4j", "--no-progress", source], env=neo4j_env)
    emb = run(["build", "--store", nx_path, "--no-progress", source])
    assert neo == emb
    assert neo["loaded"] > 0 and neo["skipped"] == 0 and neo["relationships"] > 0

    counts, graph = neo4j_graph(neo4j_settings)
    nx_store = NetworkXStore(nx_path)
    assert counts == nx_store.counts() == (emb["actors"], emb["relationships"])
    assert graph == canonical(nx_store.graph)
    assert len(graph["graph"]["documents"]) == neo["loaded"]

    again = run(["build", "--backend", "neo4j", "--no-progress", source], env=neo4j_env)
    assert again == {**neo, "loaded": 0, "skipped": neo["loaded"]}
    assert neo4j_graph(neo4j_settings) == (counts, graph)

    results = tmp_path / "results.jsonl"
    extracted = CliRunner().invoke(main, ["extract", "--format", "results", "-o", str(results),
                                          source])
    assert extracted.exit_code == 0, extracted.output
    reloaded = run(["load", "--backend", "neo4j", results], env=neo4j_env)
    assert reloaded == {**again, "loaded": 0}
    assert neo4j_graph(neo4j_settings) == (counts, graph)
    print(f"\n{name}: {neo['loaded']} documents, {counts[0]} actors, "
          f"{counts[1]} relationships in both stores")


def test_load_of_results_equals_networkx_and_reloading_changes_nothing(
        tmp_path: Path, neo4j_env: dict[str, str], neo4j_settings: dict[str, str]) -> None:
    """The other way in: ``extract --format results`` then ``load`` into each store."""
    results = tmp_path / "results.jsonl"
    extracted = CliRunner().invoke(main, ["extract", "--format", "results", "-o", str(results),
                                          str(gold_texts(tmp_path / "gold_texts.jsonl")),
                                          str(FIXTURES / "articles")])
    assert extracted.exit_code == 0, extracted.output
    nx_path = tmp_path / "store.json"
    first = run(["load", "--backend", "neo4j", results], env=neo4j_env)
    assert first == run(["load", "--store", nx_path, results])
    counts, graph = neo4j_graph(neo4j_settings)
    assert counts == NetworkXStore(nx_path).counts()
    assert graph == canonical(NetworkXStore(nx_path).graph)

    second = run(["load", "--backend", "neo4j", results], env=neo4j_env)
    assert second == {**first, "loaded": 0, "skipped": first["loaded"]}
    assert neo4j_graph(neo4j_settings) == (counts, graph)
