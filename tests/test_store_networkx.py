"""NetworkXStore: merging, idempotency, document replacement, atomic persistence."""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from graphbuilder.model import DocumentResult, Entity, Link, Relation
from graphbuilder.store import LoadStats
from graphbuilder.store.networkx import DEFAULT_STORE_PATH, NetworkXStore, StoreError

USA = Entity("USA", "United States", "Country", "USA", ["U.S.", "Washington"])
CHN = Entity("CHN", "China", "Country", "CHN", ["Beijing"])
PRK = Entity("PRK", "North Korea", "Country", "PRK", ["Pyongyang"])
XI = Entity("PER:XI_JINPING", "Xi Jinping", "Person", "CHN", ["Xi"], "GOV")
COS = Entity("GRP:CHN:COMPANIES", "Chinese companies", "Group", "CHN", ["Chinese companies"], "BUS")


def rel(doc: str, src: Entity, tgt: Entity, type_: str = "SANCTIONS", cameo: str = "163",
        start: int = 0, date: str | None = "2021-07-12", **kw: object) -> Relation:
    plover = {"16": "SANCTION", "11": "DISAPPROVE", "04": "CONSULT"}.get(cameo[:2], "")
    quad = {"16": 4, "11": 3, "04": 1}.get(cameo[:2], 0)
    return Relation(doc=doc, date=date, sentence=f"{src.name} {type_} {tgt.name}.", start=start,
                    end=start + 10, source=src, target=tgt, type=type_, cameo=cameo,
                    plover=plover, quad_class=quad, rule="test", **kw)  # type: ignore[arg-type]


def result(doc: str, relations: list[Relation], links: list[Link] | None = None,
           entities: list[Entity] | None = None, hash_: str = "h1") -> DocumentResult:
    ents = entities if entities is not None else \
        sorted({e.id: e for r in relations for e in (r.source, r.target)}.values(), key=lambda e: e.id)
    return DocumentResult(doc_id=doc, content_hash=hash_, date="2021-07-12", entities=ents,
                          relations=relations, links=links or [], source=f"{doc}.txt")


def seed_results() -> list[DocumentResult]:
    return [
        result("d1", [rel("d1", USA, COS), rel("d1", USA, CHN, "CRITICIZES", "111", start=20)],
               links=[Link(XI, CHN, "LEADER_OF")]),
        result("d2", [rel("d2", CHN, PRK, "MEETS", "040")]),
    ]


@pytest.fixture()
def store(tmp_path: Path) -> NetworkXStore:
    return NetworkXStore(tmp_path / "store.json")


def test_load_builds_nodes_edges_and_bookkeeping(store: NetworkXStore) -> None:
    stats = store.load(seed_results())
    assert (stats.documents, stats.skipped, stats.relations) == (2, 0, 3)
    assert stats.by_type == {"SANCTIONS": 1, "CRITICIZES": 1, "MEETS": 1}
    assert store.counts() == (5, 4)  # USA CHN PRK XI COS; 3 relations + 1 link
    G = store.graph
    assert G.nodes["USA"]["__labels__"] == {"Country"}
    assert G.nodes["USA"]["aliases"] == ["U.S.", "Washington"]
    r = rel("d1", USA, COS)
    edge = G.edges["USA", "GRP:CHN:COMPANIES", r.id]
    assert edge["__labels__"] == {"SANCTIONS"} and edge["cameo"] == "163"
    assert "source" not in edge and "target" not in edge
    assert edge == {**{k: v for k, v in r.to_dict().items() if k not in ("source", "target")},
                    "__labels__": {"SANCTIONS"}}
    link = Link(XI, CHN, "LEADER_OF")
    assert G.edges["PER:XI_JINPING", "CHN", link.id]["type"] == "LEADER_OF"
    assert store.document_hash("d1") == "h1"
    assert store.document_hash("nope") is None
    assert store.documents["d2"]["source"] == "d2.txt"


def test_loading_twice_is_idempotent(store: NetworkXStore) -> None:
    store.load(seed_results())
    before = store.counts()
    stats = store.load(seed_results())
    assert stats == LoadStats(documents=0, skipped=2)
    assert store.counts() == before


def test_same_relation_in_a_forced_reload_does_not_duplicate(store: NetworkXStore) -> None:
    store.load(seed_results())
    before = store.counts()
    store.load([result("d1", seed_results()[0].relations, seed_results()[0].links, hash_="h2")])
    assert store.counts() == before


def test_changed_document_replaces_its_relations_and_prunes_orphans(store: NetworkXStore) -> None:
    store.load(seed_results())
    new = result("d1", [rel("d1", USA, CHN, "MEETS", "040", start=5)], hash_="h2")
    stats = store.load([new])
    assert stats.documents == 1 and stats.skipped == 0
    G = store.graph
    types = sorted(d["type"] for _, _, d in G.edges(data=True))
    assert types == ["LEADER_OF", "MEETS", "MEETS"]
    assert "GRP:CHN:COMPANIES" not in G   # only d1's old sanction touched it
    assert "PER:XI_JINPING" in G          # structural links are kept
    assert store.document_hash("d1") == "h2"
    assert store.counts() == (4, 3)


def test_replace_keeps_node_listed_by_another_document(store: NetworkXStore) -> None:
    store.load([result("d1", [rel("d1", USA, COS)]),
                result("d3", [], entities=[COS])])
    store.load([result("d1", [], entities=[], hash_="h2")])
    assert "GRP:CHN:COMPANIES" in store.graph
    assert "USA" not in store.graph
    assert store.counts() == (1, 0)


def test_merge_keeps_first_name_and_unions_aliases(store: NetworkXStore) -> None:
    other = Entity("USA", "America", "Country", None, ["US", "U.S."], "GOV")
    store.load([result("d1", [rel("d1", USA, CHN)])])
    store.load([result("d2", [rel("d2", other, CHN)])])
    node = store.graph.nodes["USA"]
    assert node["name"] == "United States"
    assert node["country"] == "USA"
    assert node["role"] == "GOV"            # first non-null
    assert node["aliases"] == ["U.S.", "US", "Washington"]


def test_save_and_reopen_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "store.json"
    with NetworkXStore(path) as store:
        store.load(seed_results())
        counts = store.counts()
    reopened = NetworkXStore(path)
    assert reopened.counts() == counts
    assert reopened.document_hash("d2") == "h1"
    assert reopened.graph.nodes["PER:XI_JINPING"]["__labels__"] == {"Person"}
    assert reopened.graph.nodes["PER:XI_JINPING"]["id"] == "PER:XI_JINPING"
    assert nx.utils.edges_equal(reopened.graph.edges(keys=True, data=True),
                                store.graph.edges(keys=True, data=True))
    assert reopened.load(seed_results()).skipped == 2


def test_file_is_deterministic_node_link_json(tmp_path: Path) -> None:
    a, b = NetworkXStore(tmp_path / "a.json"), NetworkXStore(tmp_path / "b.json")
    a.load(seed_results())
    b.load(list(reversed(seed_results())))
    a.close()
    b.close()
    text = (tmp_path / "a.json").read_text(encoding="utf-8")
    assert text == (tmp_path / "b.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert list(data) == sorted(data)
    assert [n["id"] for n in data["nodes"]] == sorted(n["id"] for n in data["nodes"])
    G = nx.node_link_graph(data, edges="edges")
    assert G.number_of_edges() == 4 and G.is_multigraph()


def test_failed_save_leaves_previous_file_intact(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    store = NetworkXStore(path)
    store.load(seed_results())
    store.save()
    before = path.read_bytes()
    store.graph.nodes["USA"]["bad"] = object()     # not JSON-serialisable
    with pytest.raises(StoreError, match="store.json"):
        store.save()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store.json"]   # no temp left behind


def test_failed_replace_leaves_previous_file_intact(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "store.json"
    store = NetworkXStore(path)
    store.load(seed_results())
    store.save()
    before = path.read_bytes()
    store.load([result("d9", [rel("d9", PRK, USA)])])

    def boom(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", boom)
    with pytest.raises(StoreError, match="cannot write store file"):
        store.save()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store.json"]


@pytest.mark.parametrize("content", ['{"nodes": [', "[]", '{"nodes": [{"name": "x"}]}', "\xff"])
def test_corrupt_store_raises_store_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "store.json"
    path.write_bytes(content.encode("latin-1"))
    with pytest.raises(StoreError) as info:
        NetworkXStore(path)
    message = str(info.value)
    assert str(path) in message and "\n" not in message and "delete it" in message


def test_missing_file_starts_empty_and_default_path(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    store = NetworkXStore()
    assert store.path == Path(DEFAULT_STORE_PATH)
    assert store.counts() == (0, 0)
    store.close()
    assert (tmp_path / DEFAULT_STORE_PATH).exists()
    assert NetworkXStore().counts() == (0, 0)
