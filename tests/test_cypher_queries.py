"""The Cypher files: loader and parameter handling (no server), then every example query in
cypher/queries/ on a small graph modelled on the seed article, in both stores: a real Neo4j 5.26
server and the embedded store (graphbuilder's own Cypher subset).

Server tests use the conftest fixtures and WIPE the database; they skip when no server answers
unless REQUIRE_NEO4J=1 (then they fail).
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Iterator

import pytest

from graphbuilder import cypher, query
from graphbuilder.model import DocumentResult, Entity, Link, Relation
from graphbuilder.store.neo4j import Neo4jStore
from graphbuilder.store.networkx import NetworkXStore

EXPECTED_QUERIES = {
    "sanctions_since", "between_countries", "shortest_path", "most_targeted_conflict",
    "leader_statements", "ego_network", "dyad_timeline", "cooperative_hostile_pairs",
    "actor_profile", "document_relations",
}


# ------------------------------------------------------------------------------ no server

def test_split_statements_respects_strings_and_comments() -> None:
    text = """
    // a comment; with a semicolon
    MATCH (n {name: 'a;b'}) RETURN n;  /* block ; comment */
    RETURN "x\\";y" AS s  // trailing
    ;
    RETURN `odd;name` AS v
    """
    assert cypher.split_statements(text) == [
        "MATCH (n {name: 'a;b'}) RETURN n", 'RETURN "x\\";y" AS s', "RETURN `odd;name` AS v"]
    multiline = "// c\nMATCH (n)\n\n// x\nWHERE n.s = 'a  \n\n  b'\nRETURN n ;"
    assert cypher.split_statements(multiline) == ["MATCH (n)\nWHERE n.s = 'a  \n\n  b'\nRETURN n"]


def test_schema_statements_expand_templates_per_validated_type() -> None:
    statements = cypher.schema_statements(["SANCTIONS"], ["LEADER_OF"])
    assert all("IF NOT EXISTS" in s for s in statements)
    assert any("FOR ()-[r:SANCTIONS]-() REQUIRE r.id IS UNIQUE" in s for s in statements)
    assert any("rel_sanctions_date" in s for s in statements)
    assert not any("rel_leader_of_date" in s for s in statements)  # structural: id only
    assert any("rel_leader_of_id" in s for s in statements)
    assert not any("{TYPE}" in s or "{type}" in s for s in statements)
    with pytest.raises(ValueError, match="invalid relationship type"):
        cypher.schema_statements(["X]-() DETACH DELETE r //"])


def test_for_type_validates_before_substituting() -> None:
    template = cypher.load_statement("merge_relations")
    typed = cypher.for_type(template, "SANCTIONS")
    assert "-[r:SANCTIONS {id: row.id}]->" in typed and "{TYPE}" not in typed
    for bad in ("sanctions", "X]->(t) DETACH DELETE t //", "A B", "", "`X`"):
        with pytest.raises(ValueError, match="invalid relationship type"):
            cypher.for_type(template, bad)
    with pytest.raises(cypher.CypherFileError):
        cypher.for_type("RETURN 1", "SANCTIONS")


def test_every_load_statement_is_single() -> None:
    names = [p.stem for p in (cypher.cypher_dir() / "load").glob("*.cypher")]
    assert {"merge_actors", "merge_relations", "merge_links", "merge_documents",
            "delete_document_relations", "document_hashes"} <= set(names)
    for name in names:
        assert cypher.load_statement(name)


def test_query_files_have_description_params_and_one_statement() -> None:
    queries = {q.name: q for q in cypher.list_queries()}
    assert EXPECTED_QUERIES <= set(queries)
    for q in queries.values():
        assert len(q.description) > 40, q.name
        used = {p for p in _parameters_used(q.statement)}
        declared = {p.name for p in q.params}
        assert used == declared, (q.name, used, declared)


def _parameters_used(statement: str) -> set[str]:
    import re
    return set(re.findall(r"\$([A-Za-z_][A-Za-z0-9_]*)", statement))


def test_bind_params_fills_defaults_converts_and_reports_missing() -> None:
    text = cypher.read("queries/sanctions_since")
    assert cypher.bind_params(text, {}) == {"since": "0001-01-01", "limit": 50}
    assert cypher.bind_params(text, {"limit": "5", "since": "2021-01-01"}) == \
        {"since": "2021-01-01", "limit": 5}
    with pytest.raises(ValueError, match=r"\$limit: expected int"):
        cypher.bind_params(text, {"limit": "many"})
    with pytest.raises(ValueError, match=r"missing query parameter\(s\): \$a, \$b"):
        cypher.bind_params(cypher.read("queries/between_countries"), {})
    assert cypher.bind_params("RETURN $x", {"x": "1"}) == {"x": "1"}   # undeclared: untouched


def test_cypher_dir_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "schema.cypher").write_text("RETURN 1;\n", encoding="utf-8")
    monkeypatch.setenv(cypher.ENV_DIR, str(tmp_path))
    assert cypher.cypher_dir() == tmp_path
    monkeypatch.setenv(cypher.ENV_DIR, str(tmp_path / "missing"))
    with pytest.raises(cypher.CypherFileError, match=cypher.ENV_DIR):
        cypher.cypher_dir()


def test_style_file_covers_every_label() -> None:
    grass = (cypher.cypher_dir() / "style.grass").read_text(encoding="utf-8")
    for label in ("Country", "Person", "Organization", "Group", "Location", "Document"):
        assert f"node.{label} {{" in grass
    assert 'caption: "{name}"' in grass


def test_style_file_reads_as_the_browser_parses_it(tmp_path: Path) -> None:
    """No comment or stray text: every selector the Browser's parser sees is a real rule."""
    from graphbuilder.browser_style import parse_grass, post_connect_command
    from graphbuilder.neo4j_server import Neo4jSettings, write_config

    style = parse_grass((cypher.cypher_dir() / "style.grass").read_text(encoding="utf-8"))
    assert all(re.fullmatch(r"(node|relationship)(\.[A-Z][A-Za-z_]*)?", s) for s in style), \
        list(style)
    assert style["node.Country"]["color"] == "#0072B2"
    assert style["node"]["caption"] == "{name}" and style["node.Document"]["caption"] == "{id}"
    # what a comment did to the Browser: its text (and a quote in it) swallowed the first rules
    broken = parse_grass("/* the actor's style */\nnode { color: #A5ABB6; }\n"
                         "node.Country { color: #0072B2; }")
    assert "node" not in broken and "node.Country" not in broken
    command = post_connect_command()
    assert command.startswith("style {") and ";" not in command   # the Browser splits on ";"
    assert json.loads(command[len("style "):]) == style
    settings = Neo4jSettings.from_env({"GRAPHBUILDER_NEO4J_HOME": str(tmp_path / "neo4j")})
    conf = (write_config(settings) / "neo4j.conf").read_text(encoding="utf-8")
    assert f"\nbrowser.post_connect_cmd={command}\n" in conf


# ------------------------------------------------------------------------------ seed graph

USA = Entity("USA", "United States", "Country", "USA", ["U.S.", "United States", "Washington"])
CHN = Entity("CHN", "China", "Country", "CHN", ["Beijing", "China"])
PRK = Entity("PRK", "North Korea", "Country", "PRK", ["North Korea", "Pyongyang"])
XI = Entity("PER:XI_JINPING", "Xi Jinping", "Person", "CHN", ["Xi", "Xi Jinping"], "GOV")
KIM = Entity("PER:KIM_JONG_UN", "Kim Jong Un", "Person", "PRK", ["Kim Jong Un"], "GOV")
COS = Entity("GRP:CHN:COMPANIES", "Chinese companies", "Group", "CHN", ["Chinese companies"],
             "BUS")
DOC_US = Entity("ORG:USA:COMMERCE_DEPARTMENT", "U.S. Commerce Department", "Organization",
                "USA", ["Commerce Department"], "GOV")
MOFCOM = Entity("ORG:CHN:COMMERCE_MINISTRY", "Commerce Ministry", "Organization", "CHN",
                ["Commerce Ministry"], "GOV")
XINJIANG = Entity("GRP:CHN:XINJIANG_PEOPLE", "people in Xinjiang", "Group", "CHN",
                  ["people in Xinjiang"], "CVL")

_CAMEO = {"163": ("SANCTION", 4), "111": ("DISAPPROVE", 3), "130": ("THREATEN", 3),
          "051": ("COOPERATE", 1), "010": ("STATEMENT", 1), "173": ("COERCE", 4)}


def ev(doc: str, date: str | None, src: Entity, type_: str, tgt: Entity, cameo: str,
       start: int, **kw: Any) -> Relation:
    plover, quad = _CAMEO[cameo]
    return Relation(doc=doc, date=date, sentence=f"{src.name} {type_.lower()} {tgt.name}.",
                    start=start, end=start + 20, source=src, target=tgt, type=type_,
                    cameo=cameo, plover=plover, quad_class=quad, rule="test", **kw)


def doc(doc_id: str, date: str, relations: list[Relation],
        links: list[Link] | None = None) -> DocumentResult:
    ents = {e.id: e for r in relations for e in (r.source, r.target)}
    return DocumentResult(doc_id=doc_id, content_hash=f"hash-{doc_id}", date=date,
                          entities=sorted(ents.values(), key=lambda e: e.id),
                          relations=relations, links=links or [], source=f"{doc_id}.txt")


def seed_article() -> list[DocumentResult]:
    """The seed article (2021-07-12, Seoul) and the Commerce Department statement it cites,
    plus an older sanction and a negated report to exercise the filters."""
    a0 = "a0-commerce"
    a1 = "a1-seoul"
    old = "a2-older"
    return [
        doc(a0, "2021-07-09", [
            ev(a0, "2021-07-09", USA, "SANCTIONS", COS, "163", 0),
            ev(a0, "2021-07-09", DOC_US, "SANCTIONS", COS, "163", 100),
        ], links=[Link(DOC_US, USA, "PART_OF")]),
        doc(a1, "2021-07-12", [
            ev(a1, "2021-07-12", KIM, "MAKES_STATEMENT", XI, "010", 200),
            ev(a1, "2021-07-12", KIM, "SUPPORTS", XI, "051", 260),
            ev(a1, "2021-07-12", CHN, "SUPPORTS", PRK, "051", 400, attribution=XI.id),
            ev(a1, "2021-07-12", PRK, "SUPPORTS", CHN, "051", 420),
            ev(a1, "2021-07-12", USA, "SANCTIONS", PRK, "163", 900),
            ev(a1, "2021-07-12", CHN, "CRITICIZES", USA, "111", 1300,
               attribution=MOFCOM.id),
            ev(a1, "2021-07-12", CHN, "THREATENS", USA, "130", 1500, modality="future"),
            ev(a1, "2021-07-12", CHN, "SANCTIONS", USA, "163", 1700, negated=True),
            ev(a1, "2021-07-12", CHN, "COERCES", XINJIANG, "173", 2300),
        ], links=[Link(KIM, PRK, "LEADER_OF"), Link(XI, CHN, "LEADER_OF"),
                  Link(MOFCOM, CHN, "PART_OF")]),
        doc(old, "2019-10-08", [ev(old, "2019-10-08", USA, "SANCTIONS", CHN, "163", 0)]),
    ]


class EmbeddedQueries:
    """The embedded store answering ``run_query`` like :class:`Neo4jStore` (what
    ``graphbuilder query --file`` runs on the default store)."""

    def __init__(self, graph: Any) -> None:
        self.graph = graph

    def run_query(self, text: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        return query.cypher(self.graph, text, params)


@pytest.fixture(scope="module", params=["neo4j", "embedded"])
def seeded(request: pytest.FixtureRequest,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jStore | EmbeddedQueries]:
    """The seed graph in either store: a Neo4jStore (database wiped and loaded once for this
    module) or the embedded store; every query test below runs on both."""
    if request.param == "embedded":
        with NetworkXStore(tmp_path_factory.mktemp("seed") / "store.json") as embedded:
            embedded.load(seed_article())
        yield EmbeddedQueries(embedded.graph)
        return
    neo4j_settings = request.getfixturevalue("neo4j_settings")
    request.getfixturevalue("neo4j_driver")   # skips (or fails) without a server
    store = Neo4jStore.from_env(**neo4j_settings)
    store.run_query("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS",
                    write=True)
    store.load(seed_article())
    try:
        yield store
    finally:
        store.close()


def run(store: Neo4jStore | EmbeddedQueries, name: str, **params: Any) -> list[dict[str, Any]]:
    """Run cypher/queries/NAME.cypher the way `graphbuilder query --file` does."""
    return store.run_query(cypher.read(f"queries/{name}"), params)


def pairs(rows: list[dict[str, Any]], *keys: str) -> list[tuple[Any, ...]]:
    return [tuple(row[k] for k in keys) for row in rows]


# ------------------------------------------------------------------------------ queries

@pytest.mark.neo4j
def test_sanctions_since(seeded: Neo4jStore | EmbeddedQueries) -> None:
    rows = run(seeded, "sanctions_since", since="2021-01-01")
    assert pairs(rows, "source", "target", "reports", "first_date") == [
        ("United States", "North Korea", 1, "2021-07-12"),
        ("U.S. Commerce Department", "Chinese companies", 1, "2021-07-09"),
        ("United States", "Chinese companies", 1, "2021-07-09"),
    ]
    assert rows[2]["documents"] == ["a0-commerce"]
    everything = run(seeded, "sanctions_since")
    assert ("United States", "China") in pairs(everything, "source", "target")
    assert ("China", "United States") not in pairs(everything, "source", "target")  # negated


@pytest.mark.neo4j
def test_between_countries_by_name_or_id(seeded: Neo4jStore | EmbeddedQueries) -> None:
    rows = run(seeded, "between_countries", a="United States", b="china")
    assert pairs(rows, "date", "source", "type", "target") == [
        ("2019-10-08", "United States", "SANCTIONS", "China"),
        ("2021-07-09", "United States", "SANCTIONS", "Chinese companies"),
        ("2021-07-09", "U.S. Commerce Department", "SANCTIONS", "Chinese companies"),
        ("2021-07-12", "China", "CRITICIZES", "United States"),
        ("2021-07-12", "China", "THREATENS", "United States"),
        ("2021-07-12", "China", "SANCTIONS", "United States"),
    ]
    assert rows[-1]["negated"] is True and rows[-2]["modality"] == "future"
    assert run(seeded, "between_countries", a="USA", b="Beijing") == rows


@pytest.mark.neo4j
def test_shortest_path(seeded: Neo4jStore | EmbeddedQueries) -> None:
    rows = run(seeded, "shortest_path", source="Kim Jong Un", target="U.S.")
    assert len(rows) == 1
    assert rows[0]["hops"] == 2
    assert rows[0]["actors"] == ["Kim Jong Un", "North Korea", "United States"]
    assert rows[0]["types"] == ["LEADER_OF", "SANCTIONS"]
    assert rows[0]["steps"] == ["Kim Jong Un -LEADER_OF-> North Korea",
                                "United States -SANCTIONS-> North Korea"]
    assert [n["id"] for n in rows[0]["path"]["nodes"]] == ["PER:KIM_JONG_UN", "PRK", "USA"]
    assert run(seeded, "shortest_path", source="Kim Jong Un", target="nobody") == []


@pytest.mark.neo4j
def test_most_targeted_by_conflict(seeded: Neo4jStore | EmbeddedQueries) -> None:
    rows = run(seeded, "most_targeted_conflict")
    assert pairs(rows, "name", "conflict_events", "material", "verbal") == [
        ("Chinese companies", 2, 2, 0),
        ("United States", 2, 0, 2),          # the negated sanction does not count
        ("China", 1, 1, 0),
        ("North Korea", 1, 1, 0),
        ("people in Xinjiang", 1, 1, 0),
    ]
    assert rows[0]["by"] == ["U.S. Commerce Department", "United States"]
    recent = run(seeded, "most_targeted_conflict", since="2021-01-01", limit=2)
    assert pairs(recent, "name") == [("Chinese companies",), ("United States",)]


@pytest.mark.neo4j
def test_leader_statements(seeded: Neo4jStore | EmbeddedQueries) -> None:
    xi = run(seeded, "leader_statements", person="Xi Jinping")
    assert pairs(xi, "speaker", "source", "type", "target", "via") == [
        ("Xi Jinping", "China", "SUPPORTS", "North Korea", ["attribution"])]
    kim = run(seeded, "leader_statements", person="PER:KIM_JONG_UN")
    assert pairs(kim, "type", "target", "via") == [("MAKES_STATEMENT", "Xi Jinping", ["source"]),
                                                    ("SUPPORTS", "Xi Jinping", ["source"])]
    everyone = run(seeded, "leader_statements")
    assert sorted(r["speaker"] for r in everyone) == ["Kim Jong Un", "Kim Jong Un", "Xi Jinping"]


@pytest.mark.neo4j
def test_ego_network(seeded: Neo4jStore | EmbeddedQueries) -> None:
    rows = run(seeded, "ego_network", country="North Korea")
    assert {r["center"] for r in rows} == {"North Korea"}
    hop1 = {r["id"]: r for r in rows if r["hops"] == 1}
    hop2 = {r["id"]: r for r in rows if r["hops"] == 2}
    assert set(hop1) == {"USA", "CHN", "PER:KIM_JONG_UN"}
    assert hop1["CHN"]["relationships"] == 2 and hop1["CHN"]["types"] == ["SUPPORTS"]
    assert set(hop2) == {"GRP:CHN:COMPANIES", "ORG:USA:COMMERCE_DEPARTMENT", "PER:XI_JINPING",
                         "ORG:CHN:COMMERCE_MINISTRY", "GRP:CHN:XINJIANG_PEOPLE"}
    assert sorted(hop2["PER:XI_JINPING"]["via"]) == ["China", "Kim Jong Un"]
    assert hop2["PER:XI_JINPING"]["relationships"] == 3
    assert [r["hops"] for r in rows] == sorted(r["hops"] for r in rows)


@pytest.mark.neo4j
def test_dyad_timeline(seeded: Neo4jStore | EmbeddedQueries) -> None:
    rows = run(seeded, "dyad_timeline", a="USA", b="China")
    assert pairs(rows, "period", "a_to_b", "b_to_a", "cooperation", "conflict", "net") == [
        ("2019-10", 1, 0, 0, 1, -1),
        ("2021-07", 2, 2, 0, 4, -4),
    ]
    assert rows[1]["types"] == ["CRITICIZES", "SANCTIONS", "THREATENS"]
    assert pairs(run(seeded, "dyad_timeline", a="USA", b="China", period="year"), "period") == \
        [("2019",), ("2021",)]
    coop = run(seeded, "dyad_timeline", a="North Korea", b="China", period="day")
    assert pairs(coop, "period", "a_to_b", "b_to_a", "cooperation", "net") == [
        ("2021-07-12", 3, 1, 4, 4)]      # Kim -> Xi counts: members are part of the dyad


@pytest.mark.neo4j
def test_cooperative_and_hostile_pairs(seeded: Neo4jStore | EmbeddedQueries) -> None:
    rows = run(seeded, "cooperative_hostile_pairs")
    cooperative = [r for r in rows if r["kind"] == "cooperative"]
    hostile = [r for r in rows if r["kind"] == "hostile"]
    assert pairs(cooperative, "a", "b", "score") == [("China", "North Korea", 2),
                                                      ("Kim Jong Un", "Xi Jinping", 2)]
    assert pairs(hostile, "a", "b", "conflict")[0] == ("China", "United States", 3)
    assert len(hostile) == 5 and all(r["score"] < 0 for r in hostile)
    assert len(run(seeded, "cooperative_hostile_pairs", limit=1)) == 2


@pytest.mark.neo4j
def test_actor_profile_and_document_relations(seeded: Neo4jStore | EmbeddedQueries) -> None:
    profile = run(seeded, "actor_profile", actor="Pyongyang")
    assert {(r["direction"], r["type"]): r["reports"] for r in profile} == {
        ("out", "SUPPORTS"): 1, ("in", "SUPPORTS"): 1, ("in", "SANCTIONS"): 1,
        ("in", "LEADER_OF"): 1}
    rows = run(seeded, "document_relations", doc="a0-commerce")
    assert pairs(rows, "start", "source", "type") == [
        (0, "United States", "SANCTIONS"), (100, "U.S. Commerce Department", "SANCTIONS")]
    assert rows[0]["hash"] == "hash-a0-commerce"


@pytest.mark.neo4j
def test_every_query_runs_with_only_its_required_parameters(seeded: Neo4jStore | EmbeddedQueries) -> None:
    samples = {"a": "USA", "b": "CHN", "source": "USA", "target": "CHN", "country": "CHN",
               "person": "Xi", "actor": "CHN", "doc": "a1-seoul"}
    for q in cypher.list_queries():
        params = {p.name: samples[p.name] for p in q.params if p.required}
        assert isinstance(seeded.run_query(cypher.read(str(q.path)), params), list), q.name
