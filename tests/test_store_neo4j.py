"""Neo4jStore: rows and errors (no server needed), then schema, loading, replacement,
read_graph parity with the embedded store and run_query on a real Neo4j 5.26 server.

Server tests use the conftest fixtures (``neo4j_settings``, ``neo4j_driver``, ``neo4j_clean``:
NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE with dev defaults) and WIPE that
database. They skip when no server answers, unless ``REQUIRE_NEO4J=1`` (then they fail).
"""
from __future__ import annotations

import socket
from pathlib import Path
from typing import Iterator

import pytest
from neo4j.exceptions import ConstraintError

from graphbuilder import cypher, export
from graphbuilder.model import DocumentResult, Entity, Link, Relation
from graphbuilder.store import LoadStats
from graphbuilder.store import neo4j as neo4j_store
from graphbuilder.store.neo4j import (Neo4jQueryError, Neo4jStore, Neo4jUnavailable, batches,
                                      document_rows, to_jsonable)
from graphbuilder.store.neo4j_batches import write_batch
from graphbuilder.store.networkx import NetworkXStore

USA = Entity("USA", "United States", "Country", "USA", ["U.S.", "Washington"])
CHN = Entity("CHN", "China", "Country", "CHN", ["Beijing"])
PRK = Entity("PRK", "North Korea", "Country", "PRK", ["Pyongyang"])
XI = Entity("PER:XI_JINPING", "Xi Jinping", "Person", "CHN", ["Xi"], "GOV")
KIM = Entity("PER:KIM_JONG_UN", "Kim Jong Un", "Person", "PRK", ["Kim"], "GOV")
COS = Entity("GRP:CHN:COMPANIES", "Chinese companies", "Group", "CHN", ["Chinese companies"],
             "BUS")


def rel(doc: str, src: Entity, tgt: Entity, type_: str = "SANCTIONS", cameo: str = "163",
        start: int = 0, date: str | None = "2021-07-12", **kw: object) -> Relation:
    plover = {"16": "SANCTION", "11": "DISAPPROVE", "04": "CONSULT", "05": "COOPERATE"}
    quad = {"16": 4, "11": 3, "04": 1, "05": 1}
    return Relation(doc=doc, date=date, sentence=f"{src.name} {type_} {tgt.name}.", start=start,
                    end=start + 10, source=src, target=tgt, type=type_, cameo=cameo,
                    plover=plover.get(cameo[:2], ""), quad_class=quad.get(cameo[:2], 0),
                    rule="test", **kw)  # type: ignore[arg-type]


def result(doc: str, relations: list[Relation], links: list[Link] | None = None,
           entities: list[Entity] | None = None, hash_: str = "h1",
           date: str | None = "2021-07-12") -> DocumentResult:
    ents = entities if entities is not None else sorted(
        {e.id: e for r in relations for e in (r.source, r.target)}.values(), key=lambda e: e.id)
    return DocumentResult(doc_id=doc, content_hash=hash_, date=date, entities=ents,
                          relations=relations, links=links or [], source=f"{doc}.txt")


def seed_results() -> list[DocumentResult]:
    return [
        result("d1", [rel("d1", USA, COS), rel("d1", USA, CHN, "CRITICIZES", "111", start=20),
                      rel("d1", CHN, USA, "CRITICIZES", "111", start=40, attribution=XI.id,
                          modality="future", confidence=0.8123)],
               links=[Link(XI, CHN, "LEADER_OF")], entities=[USA, CHN, COS, XI]),
        result("d2", [rel("d2", CHN, PRK, "MEETS", "040"),
                      rel("d2", KIM, XI, "SUPPORTS", "051", start=30, date=None,
                          negated=True)],
               links=[Link(KIM, PRK, "LEADER_OF")]),
    ]


# ------------------------------------------------------------------------------ no server

def test_document_rows_validates_and_shapes_rows() -> None:
    rows = document_rows(seed_results()[0])
    assert set(rows.actors) == {"USA", "CHN", "GRP:CHN:COMPANIES", "PER:XI_JINPING"}
    assert rows.actors["USA"]["aliases"] == ["U.S.", "Washington"]
    relation = next(iter(rows.relations.values()))
    assert set(relation) == {"id", "type", "source", "target", "props"}
    assert set(relation["props"]) == set(neo4j_store.RELATION_PROPERTIES) - {"type"}
    assert rows.by_type == {"SANCTIONS": 1, "CRITICIZES": 2}
    assert rows.document["entities"] == sorted(["USA", "CHN", "GRP:CHN:COMPANIES",
                                                "PER:XI_JINPING"])
    with pytest.raises(ValueError, match="invalid relation type"):
        document_rows(result("bad", [rel("bad", USA, CHN, "SANCTIONS]->() DETACH DELETE (x")]))
    with pytest.raises(ValueError, match="label"):
        document_rows(result("bad", [rel("bad", Entity("X", "X", "Planet"), CHN)]))
    with pytest.raises(ValueError, match="link type"):
        document_rows(result("bad", [], links=[Link(XI, CHN, "OWNS")]))


def test_batches_group_whole_documents_and_dedupe_ids() -> None:
    docs = seed_results() + [result("d1", [rel("d1", USA, PRK)], hash_="h2")]
    groups = list(batches(docs, batch_size=100))
    assert len(groups) == 1
    assert list(groups[0].documents) == ["d2", "d1"]          # later d1 replaces the first
    assert groups[0].documents["d1"].hash == "h2"
    assert [list(b.documents) for b in batches(seed_results(), batch_size=1)] == [["d1"], ["d2"]]


def test_from_env_requires_password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    with pytest.raises(Neo4jUnavailable, match="NEO4J_PASSWORD is not set"):
        Neo4jStore.from_env()


def _unused_port() -> int:
    for port in (7999, 7998, 7997):
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) != 0:
                return port
    pytest.skip("no unused port found")


def test_server_down_message(monkeypatch: pytest.MonkeyPatch) -> None:
    port = _unused_port()
    monkeypatch.setenv("NEO4J_PASSWORD", "secret-password-123")
    with pytest.raises(Neo4jUnavailable) as info:
        Neo4jStore.from_env(uri=f"bolt://127.0.0.1:{port}")
    message = str(info.value)
    assert message == (f"cannot reach Neo4j at bolt://127.0.0.1:{port}: start one with "
                       "`graphbuilder neo4j start` or set NEO4J_URI")
    assert "secret-password-123" not in message and "\n" not in message


def test_invalid_uri_message() -> None:
    with pytest.raises(Neo4jUnavailable, match="invalid NEO4J_URI"):
        Neo4jStore.from_env(uri="http://127.0.0.1:7474", password="x")


def test_repr_and_uri_never_show_secrets() -> None:
    assert neo4j_store._redact_uri("bolt://u:pw@host:7687") == "bolt://host:7687"
    store = Neo4jStore.from_env(uri="bolt://127.0.0.1:1", password="pw-xyz", verify=False)
    try:
        assert "pw-xyz" not in repr(store)
    finally:
        store.close()


def test_to_jsonable_handles_driver_values() -> None:
    from neo4j.time import Date, DateTime
    assert to_jsonable(Date(2021, 7, 9)) == "2021-07-09"
    assert to_jsonable(DateTime(2021, 7, 9, 1, 2, 3)).startswith("2021-07-09T01:02:03")
    assert to_jsonable({"a": [Date(2021, 1, 1), b"\x00"]}) == {"a": ["2021-01-01", "AA=="]}


# ------------------------------------------------------------------------------ server

def wipe(store: Neo4jStore) -> None:
    """Delete every node and relationship (schema stays)."""
    store.run_query("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS",
                    write=True)


@pytest.fixture()
def store(neo4j_clean: object, neo4j_settings: dict[str, str]) -> Iterator[Neo4jStore]:
    """A Neo4jStore on an empty database (conftest's ``neo4j_clean`` wipes it, and skips or,
    with REQUIRE_NEO4J=1, fails when no server answers)."""
    s = Neo4jStore.from_env(**neo4j_settings)
    try:
        yield s
    finally:
        s.close()


@pytest.mark.neo4j
def test_ensure_schema_is_idempotent(store: Neo4jStore) -> None:
    store.ensure_schema(["SANCTIONS"])
    first = store.run_query("SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names")
    indexes = store.run_query("SHOW INDEXES YIELD name RETURN collect(name) AS names")
    store.ensure_schema(["SANCTIONS"])
    assert store.run_query("SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names") == first
    assert store.run_query("SHOW INDEXES YIELD name RETURN collect(name) AS names") == indexes
    names = set(first[0]["names"])
    assert {"actor_id", "document_id", "rel_sanctions_id", "rel_leader_of_id"} <= names
    assert {"rel_sanctions_date", "rel_sanctions_doc"} <= set(indexes[0]["names"])


@pytest.mark.neo4j
def test_load_twice_changes_nothing(store: Neo4jStore) -> None:
    stats = store.load(seed_results())
    assert (stats.documents, stats.skipped, stats.relations) == (2, 0, 5)
    assert stats.by_type == {"SANCTIONS": 1, "CRITICIZES": 2, "MEETS": 1, "SUPPORTS": 1}
    assert store.counts() == (6, 7)     # USA CHN PRK XI KIM COS; 5 relations + 2 links
    before = store.read_graph()
    assert store.load(seed_results()) == LoadStats(documents=0, skipped=2)
    assert store.counts() == (6, 7)
    after = store.read_graph()
    assert export.dumps_node_link(after) == export.dumps_node_link(before)
    assert store.document_hash("d1") == "h1" and store.document_hash("nope") is None


@pytest.mark.neo4j
def test_small_batches_give_the_same_graph(store: Neo4jStore) -> None:
    store.load(seed_results(), batch_size=1)
    one = export.dumps_node_link(store.read_graph())
    wipe(store)
    store.load(seed_results(), batch_size=10_000)
    assert export.dumps_node_link(store.read_graph()) == one


@pytest.mark.neo4j
def test_lost_markers_fall_back_to_merging_the_relationships(store: Neo4jStore) -> None:
    """A document without a marker is new, so its relationships are CREATEd; when they exist
    all the same (markers deleted by hand), the batch is merged instead: no duplicate, no
    error, and the markers are back."""
    store.load(seed_results())
    before = export.dumps_node_link(store.read_graph())
    store.run_query("MATCH (d:Document) DELETE d", write=True)
    assert store.document_hash("d1") is None
    with store.session() as session, pytest.raises(ConstraintError):   # CREATE alone fails
        session.execute_write(write_batch, next(batches(seed_results(), 5000)))
    stats = store.load(seed_results())
    assert (stats.documents, stats.skipped, stats.relations) == (2, 0, 5)
    assert store.counts() == (6, 7)
    assert export.dumps_node_link(store.read_graph()) == before
    assert store.document_hash("d1") == "h1"


@pytest.mark.neo4j
def test_nodes_carry_actor_and_kind_labels(store: Neo4jStore) -> None:
    store.load(seed_results())
    rows = store.run_query("MATCH (a:Actor {id: $id}) RETURN labels(a) AS labels, a AS node",
                           {"id": "PER:XI_JINPING"})
    assert sorted(rows[0]["labels"]) == ["Actor", "Person"]
    assert rows[0]["node"] == {"_labels": ["Actor", "Person"], "aliases": ["Xi"],
                               "country": "CHN", "id": "PER:XI_JINPING", "label": "Person",
                               "name": "Xi Jinping", "role": "GOV"}


@pytest.mark.neo4j
def test_aliases_merge_and_first_values_win(store: Neo4jStore) -> None:
    usa2 = Entity("USA", "USA (other name)", "Country", None, ["America", "U.S."], "GOV")
    store.load([result("d1", [rel("d1", USA, CHN)])])
    store.load([result("d9", [rel("d9", usa2, PRK)])])
    node = store.read_graph().nodes["USA"]
    assert node["aliases"] == ["America", "U.S.", "Washington"]
    assert (node["name"], node["country"], node["role"]) == ("United States", "USA", "GOV")


@pytest.mark.neo4j
def test_changed_document_replaces_its_relations(store: Neo4jStore) -> None:
    store.load(seed_results())
    old = seed_results()[1].relations
    new = result("d2", [rel("d2", CHN, USA, "CRITICIZES", "111")], hash_="h2")
    stats = store.load([new])
    assert (stats.documents, stats.skipped, stats.relations) == (1, 0, 1)
    G = store.read_graph()
    edges = {k: d for _, _, k, d in G.edges(keys=True, data=True)}
    assert all(r.id not in edges for r in old)
    assert new.relations[0].id in edges
    # d1's relations and every structural link survive; Kim (still LEADER_OF PRK) stays
    assert all(r.id in edges for r in seed_results()[0].relations)
    assert [d["type"] for d in edges.values() if "doc" not in d] == ["LEADER_OF"] * 2
    assert "PER:KIM_JONG_UN" in G and "PRK" in G
    assert store.document_hash("d2") == "h2"


@pytest.mark.neo4j
def test_replacement_prunes_orphans_like_a_fresh_load(store: Neo4jStore, tmp_path: Path) -> None:
    store.load([result("a", [rel("a", USA, PRK), rel("a", USA, CHN, start=30)])])
    store.load([result("a", [rel("a", USA, CHN, start=30)], hash_="h2")])
    replaced = export.dumps_node_link(store.read_graph())
    wipe(store)
    fresh = result("a", [rel("a", USA, CHN, start=30)], hash_="h2")
    store.load([fresh])
    assert "PRK" not in store.read_graph()
    assert export.dumps_node_link(store.read_graph()) == replaced


@pytest.mark.neo4j
def test_structural_edges(store: Neo4jStore) -> None:
    store.load(seed_results())
    rows = store.run_query(
        "MATCH (p:Person)-[r:LEADER_OF]->(c:Country) "
        "RETURN p.name AS person, c.name AS country, properties(r) AS props ORDER BY person")
    assert [(r["person"], r["country"]) for r in rows] == [("Kim Jong Un", "North Korea"),
                                                           ("Xi Jinping", "China")]
    assert rows[1]["props"] == {"id": Link(XI, CHN, "LEADER_OF").id}


@pytest.mark.neo4j
def test_read_graph_equals_the_embedded_store(store: Neo4jStore, tmp_path: Path) -> None:
    extra = result("d3", [rel("d3", USA, PRK, start=5)], hash_="h3",
                   entities=[Entity("USA", "United States", "Country", "USA", ["America"]),
                             Entity("LOC:XINJIANG", "Xinjiang", "Location", "CHN", [])])
    changed = result("d2", [rel("d2", CHN, USA, "CRITICIZES", "111")], hash_="h2")
    nxs = NetworkXStore(tmp_path / "store.json")
    for batch in (seed_results(), [extra], [changed], seed_results()):
        assert nxs.load(batch) == store.load(batch)
    assert store.counts() == nxs.counts()
    ours, theirs = store.read_graph(), nxs.graph
    assert export.dumps_node_link(ours) == export.dumps_node_link(theirs)
    assert "\n".join(export.generate_graphml(ours)) == "\n".join(export.generate_graphml(theirs))


@pytest.mark.neo4j
def test_invalid_type_is_rejected_before_anything_is_written(store: Neo4jStore) -> None:
    bad = result("bad", [rel("bad", USA, CHN, "sanctions")])
    with pytest.raises(ValueError, match="invalid relation type"):
        store.load(seed_results() + [bad])
    assert store.counts() == (0, 0)


@pytest.mark.neo4j
def test_failure_before_the_document_marker_leaves_nothing(
        store: Neo4jStore, monkeypatch: pytest.MonkeyPatch) -> None:
    real = cypher.load_statement

    def failing(name: str) -> str:
        if name == "merge_documents":
            raise RuntimeError("simulated crash before the document marker")
        return real(name)

    monkeypatch.setattr(neo4j_store.cypher, "load_statement", failing)
    with pytest.raises(RuntimeError, match="simulated crash"):
        store.load(seed_results())
    monkeypatch.setattr(neo4j_store.cypher, "load_statement", real)
    assert store.counts() == (0, 0) and store.document_hash("d1") is None
    assert store.load(seed_results()).documents == 2
    assert store.counts() == (6, 7)


@pytest.mark.neo4j
def test_run_query_converts_values_and_guards_writes(store: Neo4jStore) -> None:
    store.load(seed_results())
    rows = store.run_query(
        "MATCH p = (a:Actor {id: 'USA'})-[r:SANCTIONS]->(b) RETURN r, p, date('2021-07-09') AS d")
    assert rows[0]["r"]["_type"] == "SANCTIONS"
    assert (rows[0]["r"]["_start"], rows[0]["r"]["_end"]) == ("USA", "GRP:CHN:COMPANIES")
    assert [n["id"] for n in rows[0]["p"]["nodes"]] == ["USA", "GRP:CHN:COMPANIES"]
    assert rows[0]["d"] == "2021-07-09"
    with pytest.raises(Neo4jQueryError):
        store.run_query("CREATE (:Scratch)")                  # read transaction
    assert store.run_query("CREATE (x:Scratch) RETURN count(x) AS n", write=True) == [{"n": 1}]
    with pytest.raises(Neo4jQueryError):
        store.run_query("MATCH (n RETURN n")
    with pytest.raises(ValueError, match="one Cypher statement"):
        store.run_query("RETURN 1; RETURN 2")


@pytest.mark.neo4j
def test_wrong_password_message(neo4j_driver: object, neo4j_settings: dict[str, str]) -> None:
    settings = {**neo4j_settings, "password": "definitely-not-the-password"}
    with pytest.raises(Neo4jUnavailable) as info:
        Neo4jStore.from_env(**settings)
    message = str(info.value)
    assert message == (f"Neo4j at {settings['uri']} rejected the credentials for user "
                       f"{settings['user']}: check NEO4J_PASSWORD") \
        or "refusing logins" in message
    assert "definitely-not-the-password" not in message and "\n" not in message


@pytest.mark.neo4j
def test_routing_uri_works(neo4j_driver: object, neo4j_settings: dict[str, str]) -> None:
    uri = neo4j_settings["uri"].replace("bolt://", "neo4j://", 1)
    with Neo4jStore.from_env(**{**neo4j_settings, "uri": uri}) as routed:
        assert routed.run_query("RETURN 1 AS one") == [{"one": 1}]
        assert routed.counts() >= (0, 0)


@pytest.mark.neo4j
def test_unknown_database_message(neo4j_driver: object, neo4j_settings: dict[str, str]) -> None:
    with pytest.raises(Neo4jUnavailable, match="has no database 'no_such_db': set NEO4J_DATABASE"):
        Neo4jStore.from_env(**{**neo4j_settings, "database": "no_such_db"})


@pytest.mark.neo4j
def test_use_after_close_is_a_clear_error(store: Neo4jStore) -> None:
    store.close()
    store.close()                                   # idempotent
    with pytest.raises(RuntimeError, match="used after close"):
        store.counts()
