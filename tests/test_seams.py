"""Shared seams: the backend registry, one chunking helper, one singulariser, one set of
state roles."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphbuilder.batching import chunked
from graphbuilder.cli import BACKENDS, main
from graphbuilder.model import Document
from graphbuilder.roles import STATE_ROLES
from graphbuilder.store import _BACKENDS, backend, backend_names, open_store, register_backend
from graphbuilder.store.networkx import NetworkXStore, StoreError
from graphbuilder.words import singular


@pytest.mark.parametrize("size, expected", [
    (2, [[0, 1], [2, 3], [4]]),
    (5, [[0, 1, 2, 3, 4]]),
    (9, [[0, 1, 2, 3, 4]]),
    (1, [[0], [1], [2], [3], [4]]),
])
def test_chunked_cuts_a_stream_into_lists(size, expected):
    assert list(chunked(iter(range(5)), size)) == expected


def test_chunked_rejects_an_empty_size():
    with pytest.raises(ValueError):
        list(chunked([1], 0))


@pytest.mark.parametrize("plural, single", [
    ("companies", "company"), ("marches", "march"), ("servicemen", "serviceman"),
    ("troops", "troop"), ("businesses", "business"), ("boxes", "box"), ("congress", "congress"),
    ("ties", "tie"), ("cities", "city"), ("police", "police"),
])
def test_singular(plural, single):
    assert singular(plural) == single


def test_the_cli_offers_every_registered_backend():
    assert backend_names()[0] == "networkx"
    assert list(BACKENDS.choices) == backend_names()
    assert {"networkx", "neo4j"} <= set(backend_names())


def test_a_registered_backend_opens_through_the_registry(tmp_path: Path):
    class Journal(NetworkXStore):
        """A store of its own: the embedded one, writing next to a journal file."""

    import sys
    module = sys.modules[__name__]
    module.Journal = Journal   # importable as tests.test_seams:Journal
    register_backend("journal", f"{__name__}:Journal")
    try:
        assert backend("journal") is Journal
        store = open_store("journal", str(tmp_path / "j.json"))
        assert isinstance(store, Journal) and store.counts() == (0, 0)
        store.close()
        assert (tmp_path / "j.json").is_file()
    finally:
        del _BACKENDS["journal"]
    with pytest.raises(ValueError):
        register_backend("bad", "no_colon")
    with pytest.raises(KeyError):
        backend("journal")


def test_read_only_open_writes_nothing(tmp_path: Path):
    path = tmp_path / "absent.json"
    store = open_store("networkx", str(path), read_only=True)
    assert store.read_graph().number_of_nodes() == 0
    store.close()
    assert not path.exists()


def test_export_of_a_missing_store_is_an_error_and_creates_no_store_file(tmp_path: Path):
    store = tmp_path / "none.json"
    out = tmp_path / "g.json"
    res = CliRunner().invoke(main, ["export", "--store", str(store), "--format", "json",
                                    "-o", str(out)])
    assert res.exit_code == 2, res.output
    assert f"store file {store} does not exist" in res.output
    assert len(res.output.strip().splitlines()) == 1
    assert not out.exists() and not store.exists()


def test_a_corrupt_store_is_one_line_and_exit_2(tmp_path: Path):
    store = tmp_path / "bad.json"
    store.write_text("{not json", encoding="utf-8")
    with pytest.raises(StoreError):
        NetworkXStore.open(str(store))
    res = CliRunner().invoke(main, ["query", "--store", str(store), "MATCH (a) RETURN a.id"])
    assert res.exit_code == 2
    assert str(store) in res.output and "Traceback" not in res.output


def test_embedded_cypher_goes_through_the_store(tmp_path: Path, seed_result):
    path = tmp_path / "seed.json"
    with NetworkXStore(path) as store:
        store.load([seed_result])
        countries = sorted(n for n, a in store.graph.nodes(data=True) if a["label"] == "Country")
    assert countries
    res = CliRunner().invoke(main, ["query", "--store", str(path), "--json",
                                    "MATCH (a:Country) RETURN a.id"])
    assert res.exit_code == 0, res.output
    assert sorted(row["a.id"] for row in json.loads(res.output)) == countries


def test_police_are_a_state_role_and_part_of_their_country(pipeline):
    assert STATE_ROLES == {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}
    result = pipeline.process(Document(id="roles", date="2020-01-01",
                                       text="The FBI arrested two Russian spies in New York."))
    links = {(lk.source.id, lk.type, lk.target.id) for lk in result.links}
    assert ("ORG:USA:FBI", "PART_OF", "USA") in links


def test_the_extractor_shares_the_state_roles(pipeline):
    from graphbuilder.extract.words import STATE_ROLES as EXTRACT_ROLES

    assert EXTRACT_ROLES is STATE_ROLES
    # a police body meeting its own country's officials is no relation between two actors
    # (with the old code POL, never an agent code, the FBI "met" the United States: 040)
    relations = pipeline.extract_text("The FBI met U.S. officials in Washington.", "2020-01-01")
    assert [(r.source.id, r.target.id) for r in relations if r.source.id == "ORG:USA:FBI"] == []
    assert [r for r in relations if r.cameo.startswith("04")] == []
