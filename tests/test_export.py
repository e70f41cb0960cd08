"""GraphML and JSON export: round trips through networkx readers, types, determinism."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from graphbuilder.export import from_node_link_data, graphml_graph, write_graphml, write_json
from graphbuilder.model import DocumentResult, Entity, Link, Relation
from graphbuilder.store.networkx import NetworkXStore

USA = Entity("USA", "United States", "Country", "USA", ["U.S.", "Washington"])
CHN = Entity("CHN", "China", "Country", "CHN", ["Beijing"])
XI = Entity("PER:XI_JINPING", "Xi Jinping", "Person", "CHN", [], None)


def _relation(cameo: str, type_: str, start: int, negated: bool = False,
              date: str | None = "2021-07-12") -> Relation:
    return Relation(doc="d1", date=date, sentence="The U.S. blacklisted Chinese firms.",
                    start=start, end=start + 11, source=USA, target=CHN, type=type_, cameo=cameo,
                    plover="SANCTION" if cameo.startswith("16") else "DISAPPROVE",
                    quad_class=4 if cameo.startswith("16") else 3, negated=negated,
                    predicate="blacklisted", rule="verb:blacklist", confidence=1,
                    attribution=None)


@pytest.fixture()
def graph(tmp_path: Path) -> nx.MultiDiGraph:
    store = NetworkXStore(tmp_path / "s.json")
    store.load([DocumentResult(
        doc_id="d1", content_hash="h", date="2021-07-12", entities=[USA, CHN, XI],
        relations=[_relation("163", "SANCTIONS", 4), _relation("111", "CRITICIZES", 40, True, None)],
        links=[Link(XI, CHN, "LEADER_OF")])])
    return store.graph


def test_graphml_round_trip_keeps_every_edge_property_and_type(graph: nx.MultiDiGraph,
                                                                tmp_path: Path) -> None:
    path = tmp_path / "g.graphml"
    write_graphml(graph, path)
    back = nx.read_graphml(path, force_multigraph=True)
    assert isinstance(back, nx.MultiDiGraph)
    assert back.number_of_nodes() == 3 and back.number_of_edges() == 3
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        got = back.edges[u, v, key]
        expected = {k: val for k, val in attrs.items()
                    if k not in ("__labels__", "id") and val is not None}
        assert key == attrs["id"]                   # the relation id comes back as the edge key
        assert {k: got[k] for k in expected} == expected
        assert got["label"] == attrs["type"]
        assert all(k in expected or k == "label" for k in got)
    sanction = next(d for _, _, d in back.edges(data=True) if d.get("type") == "SANCTIONS")
    assert isinstance(sanction["confidence"], float) and sanction["confidence"] == 1.0
    assert isinstance(sanction["quad_class"], int) and isinstance(sanction["start"], int)
    assert sanction["negated"] is False
    criticism = next(d for _, _, d in back.edges(data=True) if d.get("type") == "CRITICIZES")
    assert criticism["negated"] is True and "date" not in criticism and "attribution" not in criticism


def test_graphml_nodes_are_scalar_with_display_label(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "g.graphml"
    write_graphml(graph, path)
    back = nx.read_graphml(path)
    usa = back.nodes["USA"]
    assert usa == {"label": "United States", "kind": "Country", "country": "USA",
                   "aliases": "U.S.; Washington", "name": "United States"}
    assert "role" not in back.nodes["CHN"]          # None omitted
    assert back.nodes["PER:XI_JINPING"]["aliases"] == ""


def test_graphml_edge_ids_are_relation_ids(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "g.graphml"
    write_graphml(graph, path)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    ids = sorted(e.get("id") for e in ET.parse(path).getroot().iterfind(".//g:edge", ns))
    assert ids == sorted(k for _, _, k in graph.edges(keys=True))


def test_graphml_simple_graph_reader_gets_ids_as_attributes(tmp_path: Path) -> None:
    G = nx.MultiDiGraph()
    G.add_node("USA", id="USA", name="United States", label="Country", __labels__={"Country"})
    G.add_node("CHN", id="CHN", name="China", label="Country", __labels__={"Country"})
    G.add_edge("USA", "CHN", key="r1", id="r1", type="SANCTIONS", __labels__={"SANCTIONS"})
    write_graphml(G, tmp_path / "g.graphml")
    back = nx.read_graphml(tmp_path / "g.graphml")     # no parallel edges: a DiGraph
    assert not back.is_multigraph()
    assert back.edges["USA", "CHN"] == {"id": "r1", "type": "SANCTIONS", "label": "SANCTIONS"}


def test_graphml_has_no_container_values(graph: nx.MultiDiGraph) -> None:
    H = graphml_graph(graph)
    values = [v for _, d in H.nodes(data=True) for v in d.values()] + \
             [v for _, _, d in H.edges(data=True) for v in d.values()]
    assert values and all(isinstance(v, (str, int, float, bool)) for v in values)


def test_exports_are_deterministic(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    reordered = nx.MultiDiGraph()
    reordered.graph.update(graph.graph)
    reordered.add_nodes_from(reversed(list(graph.nodes(data=True))))
    reordered.add_edges_from(reversed(list(graph.edges(keys=True, data=True))))
    for writer, suffix in ((write_graphml, "graphml"), (write_json, "json")):
        writer(graph, tmp_path / f"a.{suffix}")
        writer(reordered, tmp_path / f"b.{suffix}")
        assert (tmp_path / f"a.{suffix}").read_bytes() == (tmp_path / f"b.{suffix}").read_bytes()


def test_json_export_round_trips(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    write_json(graph, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    back = from_node_link_data(data)
    assert nx.utils.nodes_equal(back.nodes(data=True), graph.nodes(data=True))
    assert nx.utils.edges_equal(back.edges(keys=True, data=True), graph.edges(keys=True, data=True))
    plain = nx.node_link_graph(data, edges="edges")
    assert plain.number_of_edges() == graph.number_of_edges()
    assert NetworkXStore(path).counts() == (3, 3)   # an export is a valid store file


def test_failed_export_keeps_old_file(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    write_json(graph, path)
    before = path.read_bytes()
    graph.nodes["USA"]["bad"] = float("nan")        # allow_nan=False refuses it
    with pytest.raises(ValueError):
        write_json(graph, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["g.json"]
