"""The command line, invoked for real through click's CliRunner (pipeline issue criteria 2-4)."""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from graphbuilder.cli import main

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "fixtures" / "articles"
SEED = ARTICLES / "000_54bd720436a614dc.txt"
GOLD = [ROOT / "fixtures" / "gold" / "dev.jsonl", ROOT / "fixtures" / "gold" / "plover_gsr_dev.jsonl"]
REL_FIELDS = {"doc", "date", "sentence", "start", "end", "source", "target", "type", "cameo",
              "plover", "quad_class", "negated", "modality", "predicate", "rule", "confidence"}


@pytest.fixture()
def runner(pipeline) -> CliRunner:  # the session pipeline fixture loads the model once
    return CliRunner()


def _build(runner, store, *inputs):
    return runner.invoke(main, ["build", "--store", str(store), *map(str, inputs)])


def test_extract_prints_relations_as_json_lines(runner):
    res = runner.invoke(main, ["extract", "--format", "jsonl", str(SEED)])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert rows and all(REL_FIELDS <= set(r) for r in rows)
    assert all(set(r["source"]) >= {"id", "name", "label", "country", "aliases"} for r in rows)
    assert {r["type"] for r in rows} >= {"SANCTIONS"}


def test_extract_min_confidence_filters(runner):
    all_rows = runner.invoke(main, ["extract", str(SEED)]).stdout.splitlines()
    some = runner.invoke(main, ["extract", "--min-confidence", "0.7", str(SEED)]).stdout.splitlines()
    assert 0 < len(some) < len(all_rows)
    assert all(json.loads(r)["confidence"] >= 0.7 for r in some)


def test_build_twice_is_idempotent_and_summarises(runner, tmp_path):
    store = tmp_path / "g.json"
    first = _build(runner, store, ARTICLES)
    assert first.exit_code == 0, first.output
    assert "documents: 5 loaded" in first.output and "SANCTIONS" in first.output
    g1 = json.loads(store.read_text())
    second = _build(runner, store, ARTICLES)
    assert second.exit_code == 0
    assert "0 loaded, 5 unchanged" in second.output
    g2 = json.loads(store.read_text())
    assert len(g1["nodes"]) == len(g2["nodes"]) and len(g1["edges"]) == len(g2["edges"])
    assert g1 == g2


def test_build_is_deterministic_across_stores(runner, tmp_path):
    _build(runner, tmp_path / "a.json", ARTICLES)
    _build(runner, tmp_path / "b.json", ARTICLES)
    assert (tmp_path / "a.json").read_text() == (tmp_path / "b.json").read_text()


def test_export_graphml_reads_back_with_every_edge_property(runner, tmp_path):
    store, out = tmp_path / "g.json", tmp_path / "g.graphml"
    _build(runner, store, SEED)
    res = runner.invoke(main, ["export", "--store", str(store), "--format", "graphml",
                               "--output", str(out)])
    assert res.exit_code == 0, res.output
    g = nx.read_graphml(out)
    stored = json.loads(store.read_text())
    assert g.number_of_nodes() == len(stored["nodes"])
    assert g.number_of_edges() == len(stored["edges"])
    events = [d for _, _, d in g.edges(data=True) if "cameo" in d]
    assert events
    for d in events:
        assert {"type", "cameo", "plover", "quad_class", "negated", "modality", "doc", "date",
                "sentence", "start", "end", "rule", "confidence"} <= set(d)
        assert isinstance(d["quad_class"], int) and isinstance(d["negated"], bool)
        assert isinstance(d["confidence"], float)


def test_bad_inputs_are_reported_and_others_processed(runner, tmp_path):
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "empty.txt").write_text("")
    (bad / "binary.txt").write_bytes(b"\x00\x01\x02\x03")
    (bad / "latin1.txt").write_bytes("Caf\xe9 diplomacy".encode("latin-1"))
    (bad / "baddate.txt").write_text("date 2021-02-30\nIran condemned Israel.")
    (bad / "lines.jsonl").write_text('{"id": "ok", "text": "Iran condemned Israel on Monday."}\n'
                                     "{oops\n")
    (bad / "good.txt").write_text("date 2021-07-12\nChina criticized the United States.")
    store = tmp_path / "g.json"
    res = runner.invoke(main, ["build", "--store", str(store), str(bad),
                               str(tmp_path / "missing.txt")])
    assert res.exit_code == 0, res.output
    errors = [line for line in res.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 6
    assert any("empty.txt" in e for e in errors) and any("binary.txt" in e for e in errors)
    assert any("latin1.txt:1:" in e for e in errors) and any("baddate.txt:1:" in e for e in errors)
    assert any("lines.jsonl:2:" in e for e in errors) and any("missing.txt" in e for e in errors)
    assert "Traceback" not in res.output
    assert "documents: 2 loaded" in res.stdout


def test_nothing_processable_exits_non_zero_and_keeps_store(runner, tmp_path):
    store = tmp_path / "g.json"
    _build(runner, store, SEED)
    before = store.read_bytes()
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    res = _build(runner, store, empty)
    assert res.exit_code != 0
    assert store.read_bytes() == before


def test_corrupt_store_is_a_clear_error(runner, tmp_path):
    store = tmp_path / "g.json"
    store.write_text("{not json")
    res = _build(runner, store, SEED)
    assert res.exit_code == 2
    assert "g.json" in res.stderr and "Traceback" not in res.output


def test_stdin_input(runner, tmp_path):
    res = runner.invoke(main, ["extract", "-"],
                        input="date 2022-05-24\nJapan lodged a protest with China on Tuesday.")
    assert res.exit_code == 0
    rows = [json.loads(x) for x in res.stdout.splitlines()]
    assert any(r["source"]["id"] == "JPN" and r["target"]["id"] == "CHN" for r in rows)
    assert all(r["doc"] == "stdin" and r["date"] == "2022-05-24" for r in rows)


def test_query_neighbours_paths_filters_and_cypher(runner, tmp_path):
    store = tmp_path / "g.json"
    _build(runner, store, SEED)
    res = runner.invoke(main, ["query", "--store", str(store), "--neighbours", "U.S.", "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)
    res = runner.invoke(main, ["query", "--store", str(store), "--path", "Washington",
                               "Kim Jong Un", "--hops", "3", "--json"])
    assert res.exit_code == 0 and json.loads(res.stdout)
    res = runner.invoke(main, ["query", "--store", str(store), "--plover", "SANCTION",
                               "--since", "2021-01-01", "--json"])
    rows = json.loads(res.stdout)
    assert rows and all(r["plover"] == "SANCTION" for r in rows)
    res = runner.invoke(main, ["query", "--store", str(store), "--quad", "4", "--until",
                               "2020-01-01", "--json"])
    assert json.loads(res.stdout) == []
    res = runner.invoke(main, ["query", "--store", str(store), "--json",
                               'MATCH (a)-[r:SANCTIONS]->(b) WHERE a.name == "United States" '
                               'RETURN b.name'])
    assert res.exit_code == 0, res.output
    assert any("North Korea" in json.dumps(row) for row in json.loads(res.stdout))
    res = runner.invoke(main, ["query", "--store", str(store), "--neighbours", "Atlantis"])
    assert res.exit_code == 1 and "no actor matches" in res.stderr


def test_query_tables_filters_and_checked_values(runner, tmp_path):
    store = tmp_path / "g.json"
    _build(runner, store, SEED)
    res = runner.invoke(main, ["query", "--store", str(store), "--path", "Kim Jong Un",
                               "United States"])
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert lines[0].split() == ["hops", "path"]
    assert any(line.split()[0] == "2" and "Kim Jong Un -LEADER_OF-> North Korea" in line
               for line in lines[2:])
    res = runner.invoke(main, ["query", "--store", str(store), "--neighbours", "China",
                               "--quad", "4", "--json"])
    rows = json.loads(res.stdout)
    assert rows and {r["quad_class"] for r in rows} == {4}
    res = runner.invoke(main, ["query", "--store", str(store), "--neighbours", "China",
                               "--quad", "4"])
    header = res.stdout.splitlines()[0]
    assert header.split()[:3] == ["direction", "neighbour", "date"] and "sentence" not in header
    at = slice(header.index("quad_class"), header.index("quad_class") + len("quad_class"))
    assert {line[at].strip() for line in res.stdout.splitlines()[2:]} == {"4"}
    for args, message in (
            (["--plover", "SANCTIONS"], "unknown PLOVER type 'SANCTIONS' (did you mean SANCTION?)"),
            (["--since", "2021-13-01"], "--since '2021-13-01' is not an ISO date"),
            (["--neighbours", "China", "--type", "SANCTION"], "unknown relationship type")):
        res = runner.invoke(main, ["query", "--store", str(store), *args])
        assert res.exit_code == 2 and message in res.stderr, res.output
        assert len(res.stderr.strip().splitlines()) == 1 and "Traceback" not in res.output
    res = runner.invoke(main, ["query", "--store", str(store), "MATCH (a) CREATE (b) RETURN b"])
    assert res.exit_code == 1 and "read-only" in res.stderr and "line 1, column 11" in res.stderr
    res = runner.invoke(main, ["query", "--store", str(store), "--param", "who=Kim Jong Un",
                               "MATCH (p:Actor:Person)-[:LEADER_OF]-(c) WHERE p.name = $who "
                               "RETURN c.name AS country"])
    assert res.exit_code == 0 and res.stdout.split() == ["country", "-----------", "North", "Korea"]
    res = runner.invoke(main, ["query", "--list-types", "--json"])
    assert res.exit_code == 0 and "SANCTION" in json.loads(res.stdout)["plover"]


def test_eval_json_on_dev_gold(runner):
    res = runner.invoke(main, ["eval", "--json", *map(str, GOLD)])
    assert res.exit_code == 0, res.output
    report = json.loads(res.stdout)
    assert report["records"] == 180
    for level in ("dyad", "actor", "quad"):
        assert set(report[level]) == {"precision", "recall", "f1"}
    assert report["by_root"]


def test_eval_folds_report_the_spread(runner):
    res = runner.invoke(main, ["eval", "--json", "--folds", "4", *map(str, GOLD)])
    assert res.exit_code == 0, res.output
    folds = json.loads(res.stdout)["folds"]
    assert folds["k"] == 4 and sum(f["records"] for f in folds["folds"]) == 180
    assert folds["f1"]["min"] <= folds["f1"]["mean"] <= folds["f1"]["max"]
    res = runner.invoke(main, ["eval", "--folds", "4", *map(str, GOLD)])
    assert res.exit_code == 0 and "4 folds by hash of record id" in res.stdout
    res = runner.invoke(main, ["eval", "--folds", "0", *map(str, GOLD)])
    assert res.exit_code == 2 and "--folds" in res.output
