"""Fault tolerance of ``graphbuilder build --backend neo4j`` against a real Neo4j server.

Acceptance: "Neo4j killed in the middle of a load: running the same build again completes the
graph with no duplicates".

* ``test_killed_mid_load_then_rerun_completes_the_graph`` starts a PRIVATE, throw-away Neo4j
  (own home under pytest's tmp dir, free ports, own password; the jars of the main ``.neo4j``
  are hard-linked, so nothing is downloaded) and runs ``graphbuilder build --backend neo4j`` in
  a subprocess on 600 documents made by recombining fixture sentences. Once the first batch of
  documents is committed, the Neo4j JVM is ``kill -9``-ed while the build's next load
  transaction is half done: an open transaction of the test holds the uniqueness lock of the
  id of the last relationship the last document's transaction writes, so that transaction locks
  its document markers, merges its actors, creates its other relationships and then waits at
  that one, where the kill catches it. Then:

  - the interrupted build ends with one line on stderr and exit status 2 (after the driver's
    retry window, 30-70 s);
  - after a restart (same home, fresh ports) the recovered graph holds whole documents only:
    each recorded document has exactly its relationships, nothing of the killed transactions;
  - the same build again loads exactly the missing documents; the graph then equals an
    embedded (NetworkX) build of the same input, node for node and edge for edge (node-link
    JSON), with no duplicate relationship, actor or document ids and every document present.
* Server down / wrong password: the CLI (in-process) prints one clear line, exits with status
  2, no traceback, never the password.

The shared dev server is not touched. Runtime: about 1.5-2.5 minutes, mostly two Neo4j starts,
three spaCy runs over the corpus and the driver's retry window after the kill.
"""

from __future__ import annotations

import dataclasses
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from neo4j import GraphDatabase

import graphbuilder
from graphbuilder import cypher, export, neo4j_server
from graphbuilder.cli import main
from graphbuilder.neo4j_server import Neo4jSettings
from graphbuilder.store.neo4j import Neo4jStore
from graphbuilder.store.networkx import NetworkXStore

from conftest import FIXTURES, neo4j_unavailable

pytestmark = pytest.mark.neo4j

PASSWORD = "faults-private-pw-1"
#: Generated documents: more than one write batch of ``build --backend neo4j`` (500), so the
#: batch holding the last document comes after a first commit.
N_DOCS = 600
SENTENCES_PER_DOC = 2
#: The checkout whose ``graphbuilder`` this test imported; the CLI subprocesses run the same.
PACKAGE_ROOT = Path(graphbuilder.__file__).resolve().parent.parent
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")


# --------------------------------------------------------------------------------- helpers

def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def password_env(password: str) -> Iterator[None]:
    """``NEO4J_PASSWORD`` for :func:`neo4j_server.start` (it reads the environment only)."""
    saved = os.environ.get("NEO4J_PASSWORD")
    os.environ["NEO4J_PASSWORD"] = password
    try:
        yield
    finally:
        if saved is None:
            del os.environ["NEO4J_PASSWORD"]
        else:
            os.environ["NEO4J_PASSWORD"] = saved


def fixture_sentences() -> list[str]:
    """Distinct sentences (5+ words) of the fixture articles and gold texts, sorted."""
    texts: list[str] = []
    for path in sorted((FIXTURES / "gold").glob("*.jsonl")):
        texts += [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines()
                  if line.strip()]
    for path in sorted((FIXTURES / "articles").iterdir()):
        if path.suffix == ".jsonl":
            texts += [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines()
                      if line.strip()]
        else:
            lines = path.read_text("utf-8").splitlines()
            if lines and lines[0].lower().startswith("date"):
                lines = lines[1:]
            texts += lines
    pool = {s.strip() for text in texts for para in text.split("\n")
            for s in _SENTENCE_END.split(para.strip())}
    return sorted(s for s in pool if len(s.split()) >= 5)


def write_corpus(path: Path, n_docs: int = N_DOCS, k: int = SENTENCES_PER_DOC) -> list[str]:
    """Deterministic JSONL of ``n_docs`` distinct documents of ``k`` fixture sentences each."""
    pool, rng, ids, seen = fixture_sentences(), random.Random(20240611), [], set()
    with path.open("w", encoding="utf-8") as out:
        while len(ids) < n_docs:
            text = " ".join(rng.sample(pool, k))
            if text in seen:
                continue
            seen.add(text)
            i = len(ids)
            ids.append(f"gen-{i:04d}")
            out.write(json.dumps({"id": ids[-1], "date": f"2022-{1 + i % 12:02d}-{1 + i % 28:02d}",
                                  "text": text}) + "\n")
    return ids


def canonical(graph) -> dict:
    """Node-link JSON of a graph, comparable across stores."""
    return json.loads(export.dumps_node_link(graph))


# --------------------------------------------------------------------------------- server

@dataclass
class PrivateServer:
    settings: Neo4jSettings
    password: str = PASSWORD

    @property
    def uri(self) -> str:
        return self.settings.bolt_uri

    def move_to_fresh_ports(self) -> None:
        """Listen elsewhere from the next start on (same home, same data)."""
        self.settings = dataclasses.replace(self.settings, bolt_port=free_port(),
                                            http_port=free_port())

    def start(self) -> float:
        t0 = time.monotonic()
        with password_env(self.password):
            neo4j_server.start(self.settings)
        return time.monotonic() - t0

    def driver(self):
        return GraphDatabase.driver(self.uri, auth=("neo4j", self.password),
                                    notifications_min_severity="OFF")

    def store(self) -> Neo4jStore:
        return Neo4jStore.from_env(uri=self.uri, user="neo4j", password=self.password,
                                   database="neo4j")

    def cli_env(self) -> dict[str, str]:
        """Environment of a ``graphbuilder`` subprocess aimed at this server."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
        env.update(NEO4J_URI=self.uri, NEO4J_USER="neo4j", NEO4J_PASSWORD=self.password,
                   PYTHONPATH=os.pathsep.join(filter(None, [str(PACKAGE_ROOT),
                                                            env.get("PYTHONPATH")])))
        return env


def _reuse_jars(home: Path) -> None:
    """Hard-link (or copy) lib/ and plugins/ of the main, provisioned home into ``home``."""
    main_settings = Neo4jSettings.from_env()
    if not neo4j_server._is_provisioned(main_settings):
        return  # start() provisions with Maven (slow, but it works)
    for name in ("lib", "plugins"):
        source = main_settings.home / name
        try:
            shutil.copytree(source, home / name, copy_function=os.link)
        except OSError:
            shutil.rmtree(home / name, ignore_errors=True)
            shutil.copytree(source, home / name)


@pytest.fixture(scope="module")
def private_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrivateServer]:
    """A throw-away Neo4j on free ports, stopped (whatever state it is in) at the end."""
    try:
        java_home = Neo4jSettings.from_env().java_home
    except neo4j_server.Neo4jServerError as exc:
        neo4j_unavailable(str(exc))
    home = tmp_path_factory.mktemp("faults-neo4j")
    _reuse_jars(home)
    if not neo4j_server._is_provisioned(Neo4jSettings(home=home)) and shutil.which("mvn") is None:
        neo4j_unavailable("no provisioned .neo4j to reuse and no Maven to provision one")
    server = PrivateServer(Neo4jSettings(home=home, bolt_port=free_port(), http_port=free_port(),
                                         heap="512m", pagecache="64m", java_home=java_home))
    try:
        server.start()
        yield server
    finally:
        neo4j_server.stop(server.settings)


# --------------------------------------------------------------------------------- one-line errors

def _one_line_error(result) -> str:
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    return lines[0]


@pytest.mark.parametrize("args", [
    ["build", "--backend", "neo4j", str(FIXTURES / "articles")],
    ["load", "--backend", "neo4j", "results.jsonl"],
    ["export", "--backend", "neo4j", "--format", "json", "-o", "graph.json"],
    ["query", "--backend", "neo4j", "MATCH (n) RETURN count(n) AS n"],
], ids=["build", "load", "export", "query"])
def test_server_down_is_one_clear_line(args: list[str], tmp_path: Path) -> None:
    port = free_port()  # nothing listens there
    with CliRunner().isolated_filesystem(temp_dir=tmp_path):
        result = CliRunner().invoke(main, args, env={
            "NEO4J_URI": f"bolt://127.0.0.1:{port}", "NEO4J_PASSWORD": "down-test-password"})
        assert not Path("graph.json").exists()
    line = _one_line_error(result)
    assert line == (f"error: cannot reach Neo4j at bolt://127.0.0.1:{port}: start one with "
                    "`graphbuilder neo4j start` or set NEO4J_URI")
    assert "down-test-password" not in result.output


def test_wrong_password_is_one_clear_line(private_server: PrivateServer) -> None:
    wrong = "not-the-private-password"
    result = CliRunner().invoke(main, ["build", "--backend", "neo4j", str(FIXTURES / "articles")],
                                env={"NEO4J_URI": private_server.uri, "NEO4J_PASSWORD": wrong})
    line = _one_line_error(result)
    assert line == (f"error: Neo4j at {private_server.uri} rejected the credentials for user "
                    "neo4j: check NEO4J_PASSWORD")
    assert wrong not in result.output
    with private_server.driver() as driver:  # nothing was written, the right password works
        assert driver.execute_query("MATCH (n) RETURN count(n) AS n").records[0]["n"] == 0


# --------------------------------------------------------------------------------- kill -9

def last_written_relation(pipeline, corpus: Path) -> tuple[str, str]:
    """(type, id) of the relationship the load writes last of the corpus's last document that
    has any (types in sorted order, then by source, target, id: see neo4j_batches)."""
    from graphbuilder.documents import read_inputs

    for doc in reversed(list(read_inputs([str(corpus)]))):
        relations = pipeline.process(doc).relations
        if relations:
            last = max(relations, key=lambda r: (r.type, r.source.id, r.target.id, r.id))
            return last.type, last.id
    raise AssertionError("no document of the corpus has a relation")


@contextmanager
def holding_relation_lock(server: PrivateServer, rel_type: str, rel_id: str) -> Iterator[None]:
    """Keep an open, never committed transaction that creates a ``rel_type`` relationship with
    id ``rel_id`` (between two actors of its own).

    Its uniqueness-constraint lock makes the build's ``CREATE`` of that relationship -- after
    the load transaction holding its document has locked the markers, merged the actors and
    created the relationships before it -- wait, so the kill reliably lands half-way through a
    load transaction. The transaction dies with the server and leaves nothing behind."""
    with server.store() as store:
        store.ensure_schema({rel_type})  # the constraint provides the lock; create it first
    driver = server.driver()
    session = driver.session()
    tx = session.begin_transaction()
    tx.run(cypher.for_type(
        "CREATE (a:Actor {id: 'fault-test-a', fault_test_lock: true}), "
        "(b:Actor {id: 'fault-test-b', fault_test_lock: true}) "
        "CREATE (a)-[:{TYPE} {id: $id, fault_test_lock: true}]->(b)", rel_type),
        id=rel_id).consume()
    try:
        yield
    finally:
        for end in (tx.close, session.close, driver.close):  # the server may be gone
            try:
                end()
            except Exception:  # noqa: BLE001
                pass


def _kill_mid_transaction(server: PrivateServer, build: subprocess.Popen,
                          timeout: float = 300.0) -> dict:
    """Once the build has committed documents and its next load transaction is blocked (see
    :func:`holding_relation_lock`), SIGKILL the server's JVM."""
    deadline = time.monotonic() + timeout
    docs, blocked = 0, []
    with server.driver() as driver:
        while not (docs and blocked):
            assert build.poll() is None, "the build ended before Neo4j could be killed"
            assert time.monotonic() < deadline, (
                f"timed out: {docs} documents committed, blocked load transaction: {blocked}")
            time.sleep(0.05)
            docs = driver.execute_query("MATCH (d:Document) RETURN count(d) AS n").records[0]["n"]
            blocked = [r["q"] for r in driver.execute_query(
                "SHOW TRANSACTIONS YIELD currentQuery AS q, status "
                "WHERE status STARTS WITH 'Blocked' RETURN q").records]
    pid = neo4j_server.status(server.settings).pid
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    try:
        os.waitpid(pid, 0)  # start() launched it from this process: reap it
    except ChildProcessError:
        pass
    statement = " ".join(line.strip() for line in blocked[0].splitlines()
                         if line.strip() and not line.strip().startswith("//"))
    return {"documents_committed": docs, "blocked_statement": statement[:160]}


def _partial_graph_is_whole_documents(server: PrivateServer, reference: NetworkXStore) -> int:
    """After recovery: every recorded document has exactly its relationships, nothing of the
    killed transactions survived. Returns the number of recorded documents."""
    per_doc = Counter(doc for _, _, doc in reference.graph.edges(data="doc") if doc)
    with server.driver() as driver:
        # crash recovery may still be repopulating indexes; queries planned meanwhile fail
        driver.execute_query("CALL db.awaitIndexes(300)")
        recorded = {r["id"] for r in driver.execute_query(
            "MATCH (d:Document) RETURN d.id AS id").records}
        found = {r["doc"]: r["n"] for r in driver.execute_query(
            "MATCH ()-[r]->() WHERE r.doc IS NOT NULL RETURN r.doc AS doc, count(r) AS n").records}
        stray = driver.execute_query(
            "MATCH (a:Actor) WHERE NOT EXISTS { (a)--() } AND NOT EXISTS { MATCH (d:Document) "
            "WHERE a.id IN d.entities } RETURN collect(a.id) AS ids").records[0]["ids"]
        locks = driver.execute_query("MATCH (n) WHERE n.fault_test_lock IS NOT NULL "
                                     "RETURN count(n) AS n").records[0]["n"]
    assert recorded, "the committed documents were lost"
    assert set(found) <= recorded, f"relationships of unrecorded documents: {set(found) - recorded}"
    assert {d: found.get(d, 0) for d in recorded} == {d: per_doc.get(d, 0) for d in recorded}
    assert stray == [], "actors of a rolled-back transaction survived"
    assert locks == 0, "an uncommitted transaction survived the crash"
    return len(recorded)


def _summary(output: str) -> tuple[int, int]:
    match = re.search(r"^documents: (\d+) loaded, (\d+) unchanged", output, re.M)
    assert match, output
    return int(match[1]), int(match[2])


def test_killed_mid_load_then_rerun_completes_the_graph(private_server: PrivateServer,
                                                        tmp_path: Path, pipeline) -> None:
    timings: dict[str, float] = {}
    try:
        _kill_rerun_compare(private_server, tmp_path, timings, pipeline)
    finally:
        print("\ntimings (s): " + ", ".join(f"{k} {v:.1f}" for k, v in timings.items()))


def _kill_rerun_compare(private_server: PrivateServer, tmp_path: Path,
                        timings: dict[str, float], pipeline) -> None:
    corpus = tmp_path / "corpus.jsonl"
    doc_ids = write_corpus(corpus)
    locked_type, locked_id = last_written_relation(pipeline, corpus)
    with private_server.driver() as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n")
    command = [sys.executable, "-m", "graphbuilder.cli", "build", "--backend", "neo4j",
               "--no-progress", str(corpus)]
    old_uri = private_server.uri

    # 1. build; kill -9 the server half-way through a load transaction, after a first commit
    build: subprocess.Popen | None = None
    try:
        with holding_relation_lock(private_server, locked_type, locked_id):
            t0 = time.monotonic()
            build = subprocess.Popen(command, env=private_server.cli_env(), cwd=tmp_path,
                                     text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     stdin=subprocess.DEVNULL)
            kill = _kill_mid_transaction(private_server, build)
        timings["build_until_kill"] = time.monotonic() - t0
        assert kill["blocked_statement"].startswith("UNWIND $rows AS row MATCH (s:Actor")
        assert f"CREATE (s)-[r:{locked_type} " in kill["blocked_statement"]

        # 2. the embedded reference build of the same input (in-process)
        t1 = time.monotonic()
        reference = CliRunner().invoke(main, ["build", "--store", str(tmp_path / "nx.json"),
                                              "--no-progress", str(corpus)])
        assert reference.exit_code == 0, reference.output
        timings["networkx_build"] = time.monotonic() - t1
        nx_store = NetworkXStore(tmp_path / "nx.json")
        assert set(nx_store.documents) == set(doc_ids)

        # 3. restart (same home and data, fresh ports: the interrupted build is still inside
        #    the driver's retry window and must not reconnect and finish the load by itself)
        private_server.move_to_fresh_ports()
        timings["restart"] = private_server.start()
        committed = _partial_graph_is_whole_documents(private_server, nx_store)
        assert kill["documents_committed"] <= committed < N_DOCS

        # 4. the same build again completes the graph
        t2 = time.monotonic()
        rerun = subprocess.run(command, env=private_server.cli_env(), cwd=tmp_path, text=True,
                               capture_output=True, stdin=subprocess.DEVNULL, timeout=300)
        timings["rerun"] = time.monotonic() - t2
        assert rerun.returncode == 0, (rerun.stdout, rerun.stderr)
        assert _summary(rerun.stdout) == (N_DOCS - committed, committed)

        # 5. the interrupted build gave up with one line (once the driver's retries ran out)
        out, err = build.communicate(timeout=180)
        timings["interrupted_build_exit"] = time.monotonic() - t0
    finally:
        if build is not None and build.poll() is None:
            build.kill()
            build.communicate()
    assert build.returncode == 2, (out, err)
    assert err.strip().splitlines() == [
        f"error: cannot reach Neo4j at {old_uri}: start one with `graphbuilder neo4j start` or "
        "set NEO4J_URI; documents loaded so far are saved: run the same command again to "
        "resume"], err

    with private_server.store() as store:
        assert store.counts() == nx_store.counts()
        graph = store.read_graph()
        dupes = store.run_query(
            "MATCH ()-[r]->() WITH r.id AS id, count(*) AS n WHERE n > 1 RETURN count(id) AS n "
            "UNION ALL MATCH (a:Actor) WITH a.id AS id, count(*) AS n WHERE n > 1 "
            "RETURN count(id) AS n "
            "UNION ALL MATCH (d:Document) WITH d.id AS id, count(*) AS n WHERE n > 1 "
            "RETURN count(id) AS n")
        documents = store.run_query("MATCH (d:Document) RETURN collect(d.id) AS ids")[0]["ids"]
    assert [row["n"] for row in dupes] == [0, 0, 0], "duplicate relationship/actor/document ids"
    assert sorted(documents) == sorted(doc_ids)
    assert canonical(graph) == canonical(nx_store.graph)
    print(f"\nkill: {kill}; documents recovered after the crash: {committed}")
