"""Sharded extraction, resumable builds and document replacement, through the real CLI.

Runs the real spaCy model on a few tiny documents (fixtures/articles plus tmp files). Every
command goes through click's CliRunner in this process, so the model is loaded once per test
session (graphbuilder.nlp.load_model is lru_cached), and the Pipeline built around it (gazetteer,
phrase matcher: ~1.7 s each) is reused across the commands of this module. No subprocesses.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphbuilder.cli import main
from graphbuilder.documents import read_inputs
from graphbuilder.export import LABELS_ATTR
from graphbuilder.model import Document, stable_id
from graphbuilder.store.networkx import NetworkXStore

ARTICLES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"


def run(*args: str, code: int = 0):
    """Invoke `graphbuilder ARGS` in-process; assert the exit code; return the Result."""
    res = CliRunner().invoke(main, [str(a) for a in args])
    if res.exit_code != code:
        detail = ""
        if res.exc_info and not isinstance(res.exception, SystemExit):
            import traceback
            detail = "".join(traceback.format_exception(*res.exc_info))
        pytest.fail(f"graphbuilder {' '.join(map(str, args))}: exit {res.exit_code} != {code}\n"
                    f"--- output ---\n{res.output}\n{detail}")
    return res


def _canon(value):
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    if isinstance(value, dict):
        return {k: _canon(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_canon(v) for v in value]
    return value


def snapshot(store_path: Path) -> dict:
    """Everything in a store file: nodes and edges with attributes, documents table."""
    G = NetworkXStore(store_path).graph
    return {
        "nodes": {n: _canon(dict(a)) for n, a in G.nodes(data=True)},
        "edges": {(u, v, k): _canon(dict(a)) for u, v, k, a in G.edges(keys=True, data=True)},
        "documents": _canon(G.graph.get("documents", {})),
    }


def summary_counts(output: str) -> dict[str, int]:
    """Numbers of the `build`/`load` summary: loaded, skipped, errors, actors, relationships."""
    out = {}
    for line in output.splitlines():
        if line.startswith("documents: "):
            parts = line.split()
            out.update(loaded=int(parts[1]), skipped=int(parts[3]), errors=int(parts[6]))
        elif line.startswith("graph: "):
            parts = line.split()
            out.update(actors=int(parts[1]), relationships=int(parts[3]))
    return out


def doc_ids(results_file: Path) -> list[str]:
    return [json.loads(line)["doc"] for line in results_file.read_text("utf-8").splitlines()
            if line.strip()]


# -- (a) sharding ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sharded(tmp_path_factory):
    """fixtures/articles extracted as 2 shards, and built in one run."""
    tmp = tmp_path_factory.mktemp("shards")
    articles = tmp / "articles"
    shutil.copytree(ARTICLES, articles)
    shards = []
    for i in range(2):
        out = tmp / f"shard{i}.results.jsonl"
        run("extract", "--format", "results", "--shard", f"{i}/2", "-o", out, articles)
        shards.append(out)
    whole = tmp / "whole.json"
    res = run("build", "--store", whole, "--no-progress", articles)
    n_docs = sum(isinstance(d, Document) for d in read_inputs([str(articles)]))
    return {"tmp": tmp, "articles": articles, "shards": shards, "whole": whole,
            "build_output": res.output, "n_docs": n_docs}


def test_shards_partition_the_documents(sharded):
    ids = [doc_ids(f) for f in sharded["shards"]]
    assert all(ids), f"a shard is empty: {ids}"          # the fixture set covers both shards
    assert not set(ids[0]) & set(ids[1])
    for i, shard_ids in enumerate(ids):
        assert all(int(stable_id(d, length=8), 16) % 2 == i for d in shard_ids)
    whole = set(NetworkXStore(sharded["whole"]).documents)
    assert set(ids[0]) | set(ids[1]) == whole
    assert whole == {d.id for d in read_inputs([str(sharded["articles"])])
                     if isinstance(d, Document)}


@pytest.mark.parametrize("order", [(0, 1), (1, 0)], ids=["0-then-1", "1-then-0"])
@pytest.mark.parametrize("calls", ["one-load", "two-loads"])
def test_loading_shards_equals_one_build(sharded, tmp_path, order, calls):
    store = tmp_path / "from_shards.json"
    files = [sharded["shards"][i] for i in order]
    if calls == "one-load":
        res = run("load", "--store", store, *files)
        assert summary_counts(res.output)["loaded"] == sharded["n_docs"]
    else:
        for f in files:
            run("load", "--store", store, f)
    got, want = snapshot(store), snapshot(sharded["whole"])
    assert got["nodes"].keys() == want["nodes"].keys()
    assert got["edges"].keys() == want["edges"].keys()
    assert got["documents"] == want["documents"]
    assert got["nodes"] == want["nodes"]
    assert got["edges"] == want["edges"]
    built = summary_counts(sharded["build_output"])
    loaded = NetworkXStore(store).counts()
    assert (built["actors"], built["relationships"]) == loaded
    assert loaded[1] > 0


def test_loading_a_shard_twice_changes_nothing(sharded, tmp_path):
    store = tmp_path / "s.json"
    run("load", "--store", store, *sharded["shards"])
    before = snapshot(store)
    res = run("load", "--store", store, *sharded["shards"])
    counts = summary_counts(res.output)
    assert (counts["loaded"], counts["skipped"], counts["errors"]) == (0, sharded["n_docs"], 0)
    assert snapshot(store) == before


# -- (b) resume ------------------------------------------------------------------------------

def test_second_build_skips_everything(sharded, tmp_path):
    store = tmp_path / "resume.json"
    first = summary_counts(run("build", "--store", store, "--no-progress",
                               sharded["articles"]).output)
    n = sharded["n_docs"]
    assert first["loaded"] == n and first["skipped"] == 0 and first["relationships"] > 0
    before = snapshot(store)
    second = summary_counts(run("build", "--store", store, "--no-progress",
                                sharded["articles"]).output)
    assert second["loaded"] == 0 and second["skipped"] == n and second["errors"] == 0
    assert (second["actors"], second["relationships"]) == (first["actors"],
                                                           first["relationships"])
    assert snapshot(store) == before


def test_interrupted_build_resumes_with_the_rest(sharded, tmp_path):
    """A build that saw only some documents, rerun on all: the rest is added, same graph."""
    partial = tmp_path / "partial"
    partial.mkdir()
    for name in ("001_japan_korea_export_controls.txt", "003_iran_iaea.jsonl"):
        shutil.copy(sharded["articles"] / name, partial / name)
    store = tmp_path / "resumed.json"
    run("build", "--store", store, "--no-progress", partial)
    # Same files under the full directory: ids are relative paths, so they match.
    res = summary_counts(run("build", "--store", store, "--no-progress",
                             sharded["articles"]).output)
    assert (res["loaded"], res["skipped"]) == (sharded["n_docs"] - 3, 3)
    got, want = snapshot(store), snapshot(sharded["whole"])
    assert got["nodes"] == want["nodes"]
    assert got["edges"] == want["edges"]
    # Documents' source paths differ (partial/ vs articles/) for the resumed ones only.
    assert {d: e["hash"] for d, e in got["documents"].items()} == \
        {d: e["hash"] for d, e in want["documents"].items()}


# -- (c) a changed document replaces its relations -------------------------------------------

SANCTIONS = "The United States imposed new sanctions on Russia on Monday over its cyber attacks.\n"
CRITICISM = ("China sharply criticized Japan on Tuesday for its plan to release water from the "
             "Fukushima plant.\n")


def _edges_of(store: Path, doc: str) -> dict[str, tuple]:
    G = NetworkXStore(store).graph
    return {k: (u, v, a["type"]) for u, v, k, a in G.edges(keys=True, data=True)
            if a.get("doc") == doc}


def test_changed_document_replaces_its_relations(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("date 2022-03-01\n" + SANCTIONS, encoding="utf-8")
    (docs / "b.txt").write_text("date 2022-03-02\n" + CRITICISM, encoding="utf-8")
    store = tmp_path / "store.json"
    run("build", "--store", store, "--no-progress", docs)
    old_a, old_b = _edges_of(store, "a.txt"), _edges_of(store, "b.txt")
    assert ("USA", "RUS", "SANCTIONS") in old_a.values(), old_a
    assert ("CHN", "JPN", "CRITICIZES") in old_b.values(), old_b

    # Edit a.txt: now it is about China and Japan, nothing about sanctions on Russia.
    (docs / "a.txt").write_text("date 2022-03-01\n" + CRITICISM, encoding="utf-8")
    res = summary_counts(run("build", "--store", store, "--no-progress", docs).output)
    assert (res["loaded"], res["skipped"]) == (1, 1)
    new_a = _edges_of(store, "a.txt")
    G = NetworkXStore(store).graph
    edge_keys = {k for _, _, k in G.edges(keys=True)}
    assert not set(old_a) & edge_keys, "old relation ids of the changed document survive"
    assert new_a and ("CHN", "JPN", "CRITICIZES") in new_a.values()
    assert _edges_of(store, "b.txt") == old_b          # the other document is untouched
    assert not any(a.get("type") == "SANCTIONS" for _, _, a in G.edges(data=True))
    # Russia was only in the old a.txt: pruned, like in a fresh build of the current files.
    fresh = tmp_path / "fresh.json"
    run("build", "--store", fresh, "--no-progress", docs)
    assert set(G.nodes) == set(NetworkXStore(fresh).graph.nodes)
    assert {k for _, _, k in NetworkXStore(fresh).graph.edges(keys=True)} == edge_keys
    assert "RUS" not in G
    assert NetworkXStore(store).documents["a.txt"]["hash"] == \
        NetworkXStore(fresh).documents["a.txt"]["hash"]
    assert all(LABELS_ATTR in a for _, a in G.nodes(data=True))


# -- extract -o onto a device ----------------------------------------------------------------

def test_extract_output_to_a_device_writes_in_place(tmp_path):
    """`extract -o /dev/null` (used for throughput runs) must write into the device, not
    rename a temporary file over it. Checked on a private null device node in tmp_path, so a
    regression cannot clobber the real /dev/null."""
    import os
    import stat
    dev = tmp_path / "null"
    try:
        os.mknod(dev, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, OSError) as exc:
        pytest.skip(f"cannot create a device node here: {exc}")
    run("extract", "--format", "results", "-o", dev, ARTICLES / "003_iran_iaea.jsonl")
    assert stat.S_ISCHR(os.stat(dev).st_mode), "the device node was replaced by a file"
    assert [p.name for p in tmp_path.iterdir()] == ["null"], "temporary file left behind"
