"""Queries over the store graph: actor lookup, neighbours, paths, relation filters, Cypher."""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from graphbuilder.model import DocumentResult, Entity, Link, Relation
from graphbuilder.query import (QueryError, check_date, check_filters, cypher, find_actor,
                                format_path, format_table, neighbours, normalize_name, path_rows,
                                paths, plover_types, relations, relationship_types)
from graphbuilder.store.networkx import NetworkXStore

USA = Entity("USA", "United States", "Country", "USA", ["US", "U.S.", "Washington"])
CHN = Entity("CHN", "China", "Country", "CHN", ["Beijing"])
PRK = Entity("PRK", "North Korea", "Country", "PRK", ["Pyongyang", "DPRK"])
XI = Entity("PER:XI_JINPING", "Xi Jinping", "Person", "CHN", ["Xi"], "GOV")
COS = Entity("GRP:CHN:COMPANIES", "Chinese companies", "Group", "CHN", [], "BUS")

CODES = {"163": ("SANCTION", 4), "111": ("DISAPPROVE", 3), "040": ("CONSULT", 1),
         "057": ("AGREE", 1)}


def rel(doc: str, date: str | None, src: Entity, tgt: Entity, type_: str, cameo: str,
        start: int = 0) -> Relation:
    plover, quad = CODES[cameo]
    return Relation(doc=doc, date=date, sentence=f"{src.name} {type_.lower()} {tgt.name}.",
                    start=start, end=start + 5, source=src, target=tgt, type=type_, cameo=cameo,
                    plover=plover, quad_class=quad, rule="test")


@pytest.fixture(scope="module")
def G(tmp_path_factory: pytest.TempPathFactory) -> nx.MultiDiGraph:
    store = NetworkXStore(tmp_path_factory.mktemp("q") / "store.json")
    docs = [
        ("d1", "2021-07-12", [rel("d1", "2021-07-12", USA, COS, "SANCTIONS", "163"),
                              rel("d1", "2021-07-12", USA, CHN, "CRITICIZES", "111", 9)]),
        ("d2", "2021-07-10", [rel("d2", "2021-07-10", CHN, PRK, "MEETS", "040")]),
        ("d3", None, [rel("d3", None, PRK, CHN, "SIGNS_AGREEMENT", "057")]),
    ]
    store.load(DocumentResult(doc_id=d, content_hash="h", date=date, entities=[], relations=rs,
                              links=[Link(XI, CHN, "LEADER_OF"), Link(COS, CHN, "PART_OF")])
               for d, date, rs in docs)
    return store.graph


def test_normalize_name() -> None:
    assert normalize_name("The U.S.") == "us"
    assert normalize_name("  People's   Liberation Army ") == "peoples liberation army"
    assert normalize_name("the") == "the"


@pytest.mark.parametrize("text", ["USA", "usa", "United States", "united states", "US", "U.S.",
                                  "the U.S.", "Washington", "WASHINGTON"])
def test_find_actor_by_id_name_or_alias(G: nx.MultiDiGraph, text: str) -> None:
    assert find_actor(G, text) == "USA"


def test_find_actor_misses(G: nx.MultiDiGraph) -> None:
    assert find_actor(G, "Atlantis") is None
    assert find_actor(G, "") is None
    assert find_actor(G, "per:xi_jinping") == "PER:XI_JINPING"


def test_neighbours_directions_and_types(G: nx.MultiDiGraph) -> None:
    out = neighbours(G, "U.S.", direction="out")
    assert [(r["direction"], r["neighbour"], r["type"]) for r in out] == [
        ("out", "China", "CRITICIZES"),
        ("out", "Chinese companies", "SANCTIONS")]
    both = neighbours(G, "China")
    assert {r["type"] for r in both} == {"CRITICIZES", "MEETS", "SIGNS_AGREEMENT", "LEADER_OF",
                                         "PART_OF"}
    inbound = neighbours(G, "China", direction="in", types=["leader_of"])
    assert [(r["neighbour_id"], r["source"], r["target"]) for r in inbound] == [
        ("PER:XI_JINPING", "Xi Jinping", "China")]
    with pytest.raises(QueryError, match="Atlantis"):
        neighbours(G, "Atlantis")
    with pytest.raises(QueryError, match="direction"):
        neighbours(G, "China", direction="sideways")


def test_neighbours_take_the_relation_filters(G: nx.MultiDiGraph) -> None:
    assert [r["type"] for r in neighbours(G, "China", quad_class=3)] == ["CRITICIZES"]
    assert [r["type"] for r in neighbours(G, "China", plover="agree")] == ["SIGNS_AGREEMENT"]
    # dated filters leave out undated relations and structural links
    assert [r["type"] for r in neighbours(G, "China", since="2021-07-11")] == ["CRITICIZES"]
    assert [r["type"] for r in neighbours(G, "China", until="2021-07-11")] == ["MEETS"]
    assert {r["type"] for r in neighbours(G, "China", other="Pyongyang")} == \
        {"MEETS", "SIGNS_AGREEMENT"}
    assert neighbours(G, "China", quad_class=4) == []


def test_filter_values_are_checked_against_the_ontology() -> None:
    assert "SANCTION" in plover_types() and "SANCTIONS" not in plover_types()
    assert {"SANCTIONS", "LEADER_OF"} <= set(relationship_types())
    assert check_filters(plover="sanction", type="sanctions", since="2021-07") == {
        "plover": "SANCTION", "type": "SANCTIONS", "since": "2021-07", "until": None}
    with pytest.raises(QueryError, match=r"unknown PLOVER type 'SANCTIONS' \(did you mean "
                                         r"SANCTION\?\); valid: AGREE, AID,"):
        check_filters(plover="SANCTIONS")
    with pytest.raises(QueryError, match=r"unknown relationship type 'BLOCKS'; valid: ABDUCTS"):
        check_filters(type="BLOCKS")
    for bad in ("2021-13-01", "2021-02-30", "21-01-01", "yesterday", "2021/01/01"):
        with pytest.raises(QueryError, match="not an ISO date"):
            check_date(bad, "--since")
    assert check_date("2024-02-29") == "2024-02-29"


def test_path_rows_draw_each_path(G: nx.MultiDiGraph) -> None:
    rows = path_rows(G, paths(G, "Xi", "U.S.", max_hops=2))
    assert rows == [{"hops": 2, "path": "Xi Jinping -LEADER_OF-> China <-CRITICIZES- "
                                         "United States"}]


def test_relations_filters_and_order(G: nx.MultiDiGraph) -> None:
    every = relations(G)
    # undated first, then by date, then by relation id
    assert [r["date"] for r in every] == [None, "2021-07-10", "2021-07-12", "2021-07-12"]
    assert [r["type"] for r in every[:2]] == ["SIGNS_AGREEMENT", "MEETS"]
    assert every[2]["id"] < every[3]["id"]
    assert {r["type"] for r in every[2:]} == {"CRITICIZES", "SANCTIONS"}
    assert all(r["type"] not in ("LEADER_OF", "PART_OF") for r in every)   # links excluded
    assert [r["type"] for r in relations(G, plover="sanction")] == ["SANCTIONS"]
    assert {r["type"] for r in relations(G, quad_class=1)} == {"MEETS", "SIGNS_AGREEMENT"}
    assert [r["date"] for r in relations(G, since="2021-07-11")] == ["2021-07-12"] * 2
    assert [r["type"] for r in relations(G, until="2021-07-11")] == ["MEETS"]
    assert [r["id"] for r in relations(G, since="2021-07")] == [r["id"] for r in every[1:]]
    assert {r["type"] for r in relations(G, actor="Pyongyang")} == {"MEETS", "SIGNS_AGREEMENT"}
    assert [r["source"] for r in relations(G, type="criticizes")] == ["United States"]
    assert [r["cameo"] for r in relations(G, cameo="16")] == ["163"]
    assert relations(G, plover="SANCTION", actor="DPRK") == []
    with pytest.raises(QueryError):
        relations(G, actor="Atlantis")


def test_paths_are_undirected_and_bounded(G: nx.MultiDiGraph) -> None:
    found = paths(G, "Xi Jinping", "North Korea", max_hops=2)
    assert found == [[("PER:XI_JINPING", "LEADER_OF", "CHN"),
                      ("CHN", "<SIGNS_AGREEMENT|MEETS", "PRK")]]
    assert format_path(G, found[0]) == \
        "Xi Jinping -LEADER_OF-> China -MEETS-><-SIGNS_AGREEMENT- North Korea"
    assert paths(G, "Xi Jinping", "North Korea", max_hops=1) == []
    three = paths(G, "USA", "PRK", max_hops=3)
    assert [len(p) for p in three] == [2, 3]
    assert three[1][0] == ("USA", "SANCTIONS", "GRP:CHN:COMPANIES")
    assert three[1][1] == ("GRP:CHN:COMPANIES", "PART_OF", "CHN")
    only = paths(G, "USA", "PRK", types=["CRITICIZES", "MEETS"])
    assert only == [[("USA", "CRITICIZES", "CHN"), ("CHN", "MEETS", "PRK")]]


def test_cypher_where_and_labels(G: nx.MultiDiGraph) -> None:
    rows = cypher(G, 'MATCH (a)-[r]->(b) WHERE a.name == "United States" RETURN b.name')
    assert sorted(r["b.name"] for r in rows) == ["China", "Chinese companies"]
    rows = cypher(G, "MATCH (a:Country)-[r:SANCTIONS]->(b) RETURN a.name, b.name, r.cameo")
    assert rows == [{"a.name": "United States", "b.name": "Chinese companies", "r.cameo": "163"}]
    assert cypher(G, "MATCH (a:Country)-[r:SANCTIONS]->(b:Country) RETURN a.name") == []
    rows = cypher(G, "MATCH (a:Country)-[r:SANCTIONS]->(b:Group) RETURN a.name, r.cameo")
    assert rows == [{"a.name": "United States", "r.cameo": "163"}]
    rows = cypher(G, "MATCH (p:Person)-[r:LEADER_OF]->(c:Country) RETURN p.name, c.name")
    assert rows == [{"p.name": "Xi Jinping", "c.name": "China"}]
    rows = cypher(G, "MATCH (a)-[r:MEETS|SIGNS_AGREEMENT]->(b) RETURN type(r) ORDER BY type(r)")
    assert [r["type(r)"] for r in rows] == ["MEETS", "SIGNS_AGREEMENT"]


def test_cypher_single_quotes_and_json_friendly_rows(G: nx.MultiDiGraph) -> None:
    rows = cypher(G, "MATCH (a)-[r]->(b) WHERE a.name == 'North Korea' RETURN a, r")
    assert len(rows) == 1
    assert rows[0]["a"]["aliases"] == ["DPRK", "Pyongyang"]
    assert "__labels__" not in rows[0]["a"] and "__labels__" not in rows[0]["r"]
    assert rows[0]["a"]["_labels"] == ["Actor", "Country"]             # as Neo4j returns nodes
    assert (rows[0]["r"]["_type"], rows[0]["r"]["_start"], rows[0]["r"]["_end"]) == \
        ("SIGNS_AGREEMENT", "PRK", "CHN")
    json.dumps(rows)


def test_cypher_double_quoted_literal_may_hold_an_apostrophe() -> None:
    H = nx.MultiDiGraph()
    H.add_node("ORG:CHN:PLA", name="People's Liberation Army", __labels__={"Organization"})
    H.add_node("TWN", name="Taiwan", __labels__={"Country"})
    H.add_edge("ORG:CHN:PLA", "TWN", key="r", type="THREATENS", __labels__={"THREATENS"})
    rows = cypher(H, 'MATCH (a)-[r]->(b) WHERE a.name == "People\'s Liberation Army" '
                     "AND b.name == 'Taiwan' RETURN type(r)")
    assert rows == [{"type(r)": "THREATENS"}]


def test_cypher_both_ends_pinned_on_parallel_edges(G: nx.MultiDiGraph) -> None:
    rows = cypher(G, 'MATCH (a)-[r]->(b) WHERE a.name == "North Korea" AND b.name == "China" '
                     "RETURN type(r) AS type")
    assert rows == [{"type": "SIGNS_AGREEMENT"}]
    H = nx.MultiDiGraph()
    H.add_node("USA", name="United States", __labels__={"Country"})
    H.add_node("CHN", name="China", __labels__={"Country"})
    for key, type_ in (("r1", "SANCTIONS"), ("r2", "CRITICIZES")):
        H.add_edge("USA", "CHN", key=key, id=key, type=type_, __labels__={type_})
    rows = cypher(H, 'MATCH (a {name: "United States"})-[r]->(b {name: "China"}) RETURN r')
    assert sorted(r["r"]["id"] for r in rows) == ["r1", "r2"]
    rows = cypher(H, 'MATCH (a:Country)-[r:CRITICIZES]->(b:Country) WHERE a.name == "United States" '
                     'AND b.name == "China" RETURN r.id')
    assert rows == [{"r.id": "r2"}]


def test_cypher_errors_are_one_line(G: nx.MultiDiGraph) -> None:
    with pytest.raises(QueryError) as info:
        cypher(G, "MATCH (a RETURN a")
    assert "\n" not in str(info.value)
    assert "line 1, column 10" in str(info.value)
    with pytest.raises(QueryError, match="read-only"):
        cypher(G, "MATCH (a) SET a.name = 'x' RETURN a")
    with pytest.raises(QueryError, match=r"missing query parameter\(s\): \$who"):
        cypher(G, "// @param who: str -- an actor\nMATCH (a {name: $who}) RETURN a")
    with pytest.raises(QueryError, match=r"function frobnicate\(\) is not supported"):
        cypher(G, "MATCH (a) RETURN frobnicate(a)")
    for bad in ("RETURN 1 / 0", "RETURN 'a' - 1", "UNWIND [1] AS x RETURN -'x'"):
        with pytest.raises(QueryError) as info:
            cypher(G, bad)
        assert str(info.value).startswith("cypher: ") and "\n" not in str(info.value)


def test_cypher_sees_the_neo4j_data_model(G: nx.MultiDiGraph) -> None:
    # multi-labels: every actor is :Actor plus its kind
    assert cypher(G, "MATCH (a:Actor) RETURN count(a) AS n")[0]["n"] == G.number_of_nodes()
    assert cypher(G, "MATCH (a:Actor:Country) RETURN a.name ORDER BY a.name") == [
        {"a.name": "China"}, {"a.name": "North Korea"}, {"a.name": "United States"}]
    assert cypher(G, "MATCH (a) WHERE a:Person RETURN a.id AS id") == [{"id": "PER:XI_JINPING"}]
    # documents are :Document nodes without relationships
    rows = cypher(G, "MATCH (d:Document) RETURN d.id AS id, d.date AS date ORDER BY id")
    assert rows == [{"id": "d1", "date": "2021-07-12"}, {"id": "d2", "date": "2021-07-10"},
                    {"id": "d3", "date": None}]
    assert cypher(G, "MATCH (d:Document)-[r]-() RETURN d") == []
    # undirected patterns see each relationship from both ends
    rows = cypher(G, "MATCH (a {id: 'CHN'})-[r]-(b) RETURN type(r) AS t, b.id AS b ORDER BY t")
    assert [(r["t"], r["b"]) for r in rows] == [
        ("CRITICIZES", "USA"), ("LEADER_OF", "PER:XI_JINPING"), ("MEETS", "PRK"),
        ("PART_OF", "GRP:CHN:COMPANIES"), ("SIGNS_AGREEMENT", "PRK")]


def test_cypher_parameters_aggregates_and_subqueries(G: nx.MultiDiGraph) -> None:
    rows = cypher(G, "MATCH (a:Actor)-[r]->(b) WHERE a.name = $name "
                     "RETURN a.name AS a, count(r) AS n, collect(DISTINCT type(r)) AS types",
                  {"name": "United States"})
    assert rows == [{"a": "United States", "n": 2, "types": ["SANCTIONS", "CRITICIZES"]}]
    # a value with quotes stays a value: parameters are never pasted into the query
    assert cypher(G, "MATCH (a) WHERE a.name = $name RETURN a", {"name": "x' OR 1=1 //"}) == []
    rows = cypher(G, """
        CALL () { MATCH (x:Actor) WHERE any(al IN x.aliases WHERE toLower(al) = $alias)
                  RETURN x LIMIT 1 }
        OPTIONAL MATCH (x)-[r:SANCTIONS]->(t)
        RETURN x.id AS id, t.name AS target,
               COLLECT { UNWIND x.aliases AS al RETURN al ORDER BY al DESC } AS aliases""",
                  {"alias": "dprk"})
    assert rows == [{"id": "PRK", "target": None, "aliases": ["Pyongyang", "DPRK"]}]
    rows = cypher(G, "MATCH (a {id: 'PER:XI_JINPING'}), (b {id: 'USA'}) "
                     "MATCH p = shortestPath((a)-[*..4]-(b)) "
                     "RETURN length(p) AS hops, [n IN nodes(p) | n.id] AS ids")
    assert rows == [{"hops": 2, "ids": ["PER:XI_JINPING", "CHN", "USA"]}]
    rows = cypher(G, "UNWIND [3, 1, 2, 1] AS x WITH DISTINCT x ORDER BY x DESC "
                     "RETURN collect(x) AS xs, sum(x) AS total")
    assert rows == [{"xs": [3, 2, 1], "total": 6}]


def test_format_table() -> None:
    rows = [{"name": "China", "n": 12, "ok": True, "aliases": ["Beijing", "PRC"]},
            {"name": "United States", "n": 3, "ok": None, "aliases": []}]
    assert format_table(rows).splitlines() == [
        "name            n  ok    aliases",
        "-------------  --  ----  ------------",
        "China          12  true  Beijing; PRC",
        "United States   3",
    ]
    assert format_table([]) == "(no rows)"
    assert format_table([{"s": "x" * 100}], max_width=10).splitlines()[2] == "x" * 9 + "…"
    assert format_table(rows, columns=["n"]).splitlines()[2] == "12"


def test_query_on_reloaded_store(G: nx.MultiDiGraph, tmp_path: Path) -> None:
    store = NetworkXStore(tmp_path / "copy.json")
    store.graph.graph.update(G.graph)
    store.graph.add_nodes_from(G.nodes(data=True))
    store.graph.add_edges_from(G.edges(keys=True, data=True))
    store.save()
    again = NetworkXStore(tmp_path / "copy.json").graph
    assert relations(again) == relations(G)
    assert cypher(again, "MATCH (a:Person) RETURN a.name") == [{"a.name": "Xi Jinping"}]
