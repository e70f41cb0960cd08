"""Event tables (CSV, Parquet), the export-format registry, Goldstein scores and `export -o -`."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from graphbuilder.cli import main
from graphbuilder.events import EVENT_COLUMNS, event_rows
from graphbuilder.export import FORMATS, ExportError, export_graph, register_format
from graphbuilder.goldstein import goldstein, table
from graphbuilder.model import DocumentResult, Entity, Link, Relation
from graphbuilder.store.networkx import NetworkXStore

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "fixtures" / "articles" / "000_54bd720436a614dc.txt"

USA = Entity("USA", "United States", "Country", "USA", ["U.S."])
CHN = Entity("CHN", "China", "Country", "CHN", ["Beijing"])
XI = Entity("PER:XI_JINPING", "Xi Jinping", "Person", "CHN", [])


def _relation(cameo: str, type_: str, start: int, date: str | None, negated: bool = False):
    return Relation(doc="d1", date=date, sentence=f"Sentence, with \"quotes\" {start}.",
                    start=start, end=start + 5, source=USA, target=CHN, type=type_, cameo=cameo,
                    plover="SANCTION" if cameo.startswith("16") else "DISAPPROVE",
                    quad_class=4 if cameo.startswith("16") else 3, negated=negated,
                    confidence=0.9)


@pytest.fixture()
def graph(tmp_path: Path) -> nx.MultiDiGraph:
    store = NetworkXStore(tmp_path / "s.json")
    store.load([DocumentResult(
        doc_id="d1", content_hash="h", date="2021-07-12", entities=[USA, CHN, XI],
        relations=[_relation("111", "CRITICIZES", 40, None, True),
                   _relation("163", "SANCTIONS", 4, "2021-07-12")],
        links=[Link(XI, CHN, "LEADER_OF")])])
    return store.graph


def test_goldstein_table_is_gdelts_and_falls_back_to_the_parent_code():
    scores = table()
    assert len(scores) == 311
    assert (scores["163"], scores["0874"], scores["20"]) == (-8.0, 10.0, -10.0)
    assert all(-10.0 <= v <= 10.0 for v in scores.values())
    assert goldstein("0431") == goldstein("043") == 2.8
    assert goldstein("") is None and goldstein("99") is None


def test_relation_dict_and_store_carry_the_goldstein_score(graph):
    scores = {d["type"]: d["goldstein"] for _, _, d in graph.edges(data=True) if "cameo" in d}
    assert scores == {"SANCTIONS": -8.0, "CRITICIZES": -2.0}


def test_event_rows_one_per_event_in_date_order(graph):
    rows = list(event_rows(graph))
    assert [r["type"] for r in rows] == ["SANCTIONS", "CRITICIZES"]   # undated last, links out
    first = rows[0]
    assert set(first) == set(EVENT_COLUMNS)
    assert (first["source_id"], first["source_name"], first["source_country"]) == \
        ("USA", "United States", "USA")
    assert (first["target_id"], first["target_kind"]) == ("CHN", "Country")
    assert (first["cameo"], first["cameo_root"], first["goldstein"]) == ("163", "16", -8.0)
    assert rows[1]["negated"] is True and rows[1]["date"] is None


def test_csv_round_trips_through_the_csv_reader(graph, tmp_path):
    out = tmp_path / "e.csv"
    export_graph(graph, "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == 2 and list(rows[0]) == list(EVENT_COLUMNS)
    assert rows[0]["goldstein"] == "-8.0" and rows[0]["negated"] == "false"
    assert rows[1]["date"] == "" and rows[1]["negated"] == "true"
    assert rows[1]["sentence"] == 'Sentence, with "quotes" 40.'


def test_parquet_keeps_column_types(graph, tmp_path):
    pd = pytest.importorskip("pandas")  # the `tables` extra, installed by the `test` extra
    out = tmp_path / "e.parquet"
    export_graph(graph, "parquet", out)
    df = pd.read_parquet(out)
    assert list(df.columns) == list(EVENT_COLUMNS) and len(df) == 2
    assert df["goldstein"].tolist() == [-8.0, -2.0]
    assert df["negated"].dtype == bool and str(df["quad_class"].dtype) == "int8"


def test_registry_names_the_cli_choices_and_refuses_binary_on_stdout(graph, tmp_path):
    assert {"graphml", "json", "csv", "parquet"} <= set(FORMATS)
    with pytest.raises(ExportError, match="binary"):
        export_graph(graph, "parquet", "-")
    with pytest.raises(ExportError, match="unknown export format"):
        export_graph(graph, "xlsx", tmp_path / "x")
    calls = []
    register_format("test-only", "a format registered by a test")(
        lambda G, handle: calls.append(G.number_of_nodes()) or handle.write(b"x"))
    try:
        export_graph(graph, "test-only", tmp_path / "t.txt")
        assert calls == [3] and (tmp_path / "t.txt").read_bytes() == b"x"
    finally:
        del FORMATS["test-only"]


def test_failed_table_export_keeps_old_file(graph, tmp_path):
    out = tmp_path / "e.csv"
    out.write_text("old\n")

    def broken(G, handle):
        handle.write(b"half")
        raise RuntimeError("disk full")
    register_format("broken", "fails half-way")(broken)
    try:
        with pytest.raises(RuntimeError):
            export_graph(graph, "broken", out)
    finally:
        del FORMATS["broken"]
    assert out.read_text() == "old\n" and [p.name for p in tmp_path.iterdir()] == ["e.csv"]


def test_cli_export_csv_to_stdout_one_row_per_event(pipeline, tmp_path):
    runner = CliRunner()
    store = tmp_path / "g.json"
    assert runner.invoke(main, ["build", "--store", str(store), str(SEED)]).exit_code == 0
    res = runner.invoke(main, ["export", "--store", str(store), "--format", "csv", "-o", "-"])
    assert res.exit_code == 0, res.output
    assert not (tmp_path / "-").exists() and not Path("-").exists()
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    stored = json.loads(store.read_text())
    events = [e for e in stored["edges"] if e.get("cameo")]
    assert len(rows) == len(events) > 5
    assert "goldstein" in res.stdout.splitlines()[0].split(",")
    sanctions = [r for r in rows if r["source_id"] == "USA" and r["type"] == "SANCTIONS"]
    assert sanctions and all(r["goldstein"] == "-8.0" and r["cameo_root"] == "16"
                             for r in sanctions)
    assert "wrote stdout" in res.stderr


def test_cli_export_parquet_to_stdout_is_a_clear_error(pipeline, tmp_path):
    store = tmp_path / "g.json"
    runner = CliRunner()
    runner.invoke(main, ["build", "--store", str(store), str(SEED)])
    res = runner.invoke(main, ["export", "--store", str(store), "--format", "parquet", "-o", "-"])
    assert res.exit_code == 2
    assert res.stderr.strip() == "error: parquet is binary: give a file with --output, not -"
