"""``export --format neo4j-admin``: the CSV files for ``neo4j-admin database import full``
(file layout, headers, quoting, nulls; a bad value leaves the directory as it was). That the
files import into the same graph as a MERGE load is tested against a real server in
tests/test_neo4j_bulk.py."""
from __future__ import annotations

import csv
from pathlib import Path

from click.testing import CliRunner

from graphbuilder.cli import main
from graphbuilder.export_neo4j_admin import ARRAY_DELIMITER
from graphbuilder.store.networkx import NetworkXStore


def _store(tmp_path: Path, seed_result) -> Path:
    path = tmp_path / "store.json"
    store = NetworkXStore(path)
    store.load([seed_result])
    store.close()
    return path


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def test_neo4j_admin_files_headers_and_values(tmp_path: Path, seed_result) -> None:
    store, out = _store(tmp_path, seed_result), tmp_path / "import"
    result = CliRunner().invoke(main, ["export", "--store", str(store), "--format",
                                       "neo4j-admin", "--output", str(out)])
    assert result.exit_code == 0, result.output
    graph = NetworkXStore(store).graph
    actors, documents, relationships = (_rows(out / name) for name in
                                        ("actors.csv", "documents.csv", "relationships.csv"))
    assert actors[0] == ["id:ID(Actor)", "name", "label", "country", "aliases:string[]", "role",
                         ":LABEL"]
    assert relationships[0][:4] == [":START_ID(Actor)", ":END_ID(Actor)", ":TYPE", "id"]
    assert "confidence:double" in relationships[0] and "negated:boolean" in relationships[0]
    assert documents[0][0] == "id:ID(Document)"
    assert len(actors) - 1 == graph.number_of_nodes()
    assert len(relationships) - 1 == graph.number_of_edges()
    usa = next(row for row in actors[1:] if row[0] == "USA")
    assert usa[-1] == f"Actor{ARRAY_DELIMITER}Country"
    assert usa[4].split(ARRAY_DELIMITER) == graph.nodes["USA"]["aliases"]
    by_id = {row[3]: row for row in relationships[1:]}
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        row = by_id[key]
        assert (row[0], row[1], row[2]) == (u, v, attrs["type"])
        if attrs["type"] == "SANCTIONS":   # an event: its sentence survives CSV quoting
            assert attrs["sentence"] in row
    # nulls are empty, unquoted fields (no property), strings are always quoted
    raw = (out / "actors.csv").read_text(encoding="utf-8").splitlines()
    assert any(line.endswith(f',,"Actor{ARRAY_DELIMITER}Country"') for line in raw)


def test_a_value_with_the_array_delimiter_leaves_the_directory_unchanged(
        tmp_path: Path, seed_result) -> None:
    store, out = _store(tmp_path, seed_result), tmp_path / "import"
    args = ["export", "--store", str(store), "--format", "neo4j-admin", "--output", str(out)]
    assert CliRunner().invoke(main, args).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    graph_store = NetworkXStore(store)
    graph_store.graph.nodes["USA"]["aliases"].append(f"U.S.{ARRAY_DELIMITER}A")
    graph_store.close()
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "array delimiter U+001F" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
