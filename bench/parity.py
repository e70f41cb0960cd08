#!/usr/bin/env python
"""Store parity on real inputs: the embedded (NetworkX) store against Neo4j, via the CLI.

    python bench/parity.py                       # a private, throw-away Neo4j (default)
    python bench/parity.py --inputs wcep         # only some inputs (seed, gold, wcep)
    NEO4J_PASSWORD=... python bench/parity.py --server env --yes   # NEO4J_URI's server: WIPED

Acceptance: "For the seed, the dev gold texts and wcep: node and relationship counts in Neo4j
equal those of the embedded store for the same input; a second load changes nothing."

Inputs: ``seed`` = fixtures/articles/000_54bd720436a614dc.txt; ``gold`` = the texts of
fixtures/gold/dev.jsonl and plover_gsr_dev.jsonl as ``{id, date, text}`` JSON Lines; ``wcep`` =
the 428 event summaries of ../shared/data/wcep/wikitimes_CEP_2015-09.json (``--wcep``), each a
document ``{id: "wcep-<id>", date, text: description}``.

For each input, on an EMPTY database: ``graphbuilder build`` into a fresh NetworkX store file
and into Neo4j; compare the counts and the whole graphs (node-link JSON of
``Neo4jStore.read_graph()`` against the store file: every node, edge, attribute and the
documents table); ``build`` into Neo4j again and check it skipped every document and left the
graph identical. All commands run in-process (click's CliRunner) with one Pipeline, so spaCy
loads once.

Neo4j: by default a private server in a temporary home on free ports, with its own random
password, hard-linking the jars of the provisioned ``.neo4j`` (``graphbuilder neo4j start``
provisions it), stopped and deleted at the end; the shared server is never touched.
``--server env`` uses NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE instead and wipes
that database before each input (it refuses a non-empty database unless ``--yes``).

Prints one JSON object per input (JSON Lines): ``{input, documents, networkx_nodes,
networkx_edges, neo4j_nodes, neo4j_edges, counts_equal, equal, second_load_unchanged,
build_seconds: {networkx, neo4j, neo4j_again}}``; ``equal`` is the full-graph comparison.
Exit status 1 when any input is not ``equal`` or not ``second_load_unchanged``.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import secrets
import shutil
import socket
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from click.testing import CliRunner  # noqa: E402

from graphbuilder import cli, cypher, export, neo4j_server  # noqa: E402
from graphbuilder.cli import main  # noqa: E402
from graphbuilder.neo4j_server import Neo4jSettings  # noqa: E402
from graphbuilder.store.neo4j import Neo4jStore, Neo4jUnavailable  # noqa: E402
from graphbuilder.store.networkx import NetworkXStore  # noqa: E402

FIXTURES = ROOT / "fixtures"
SEED = FIXTURES / "articles" / "000_54bd720436a614dc.txt"
GOLD_FILES = (FIXTURES / "gold" / "dev.jsonl", FIXTURES / "gold" / "plover_gsr_dev.jsonl")
WCEP = ROOT.parent / "shared" / "data" / "wcep" / "wikitimes_CEP_2015-09.json"
INPUT_NAMES = ("seed", "gold", "wcep")
_SUMMARY = re.compile(r"^documents: (?P<loaded>\d+) loaded, (?P<skipped>\d+) unchanged .*?"
                      r"^graph: (?P<actors>\d+) actors, (?P<relationships>\d+) relationships",
                      re.M | re.S)


# ----------------------------------------------------------------------------------- inputs

def write_jsonl(path: Path, records: list[dict]) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def gold_input(workdir: Path) -> Path:
    records = []
    for path in GOLD_FILES:
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                records.append({"id": rec["id"], "date": rec.get("date"), "text": rec["text"]})
    return write_jsonl(workdir / "gold_texts.jsonl", records)


def wcep_input(workdir: Path, source: Path) -> Path:
    records = [{"id": f"wcep-{rec['id']}", "date": rec.get("date"),
                "text": rec["description"].strip()}
               for rec in json.loads(source.read_text("utf-8"))
               if (rec.get("description") or "").strip()]
    return write_jsonl(workdir / "wcep.jsonl", records)


# ----------------------------------------------------------------------------------- neo4j

def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def private_server(workdir: Path) -> Iterator[dict[str, str]]:
    """A throw-away Neo4j in ``workdir``; yields Neo4jStore.from_env keyword arguments."""
    main_settings = Neo4jSettings.from_env()
    home = workdir / "neo4j"
    home.mkdir()
    if neo4j_server._is_provisioned(main_settings):  # reuse the jars: no Maven run
        for name in ("lib", "plugins"):
            try:
                shutil.copytree(main_settings.home / name, home / name, copy_function=os.link)
            except OSError:
                shutil.rmtree(home / name, ignore_errors=True)
                shutil.copytree(main_settings.home / name, home / name)
    settings = Neo4jSettings(home=home, bolt_port=_free_port(), http_port=_free_port(),
                             heap="1g", pagecache="256m", java_home=main_settings.java_home)
    password = secrets.token_urlsafe(18)
    saved = os.environ.get("NEO4J_PASSWORD")
    os.environ["NEO4J_PASSWORD"] = password
    try:
        neo4j_server.start(settings)
    finally:
        if saved is None:
            os.environ.pop("NEO4J_PASSWORD", None)
        else:
            os.environ["NEO4J_PASSWORD"] = saved
    try:
        yield {"uri": settings.bolt_uri, "user": "neo4j", "password": password,
               "database": "neo4j"}
    finally:
        neo4j_server.stop(settings)


def env_server() -> dict[str, str]:
    password = os.environ.get("NEO4J_PASSWORD", "")
    if not password:
        raise SystemExit("error: --server env needs NEO4J_PASSWORD")
    return {"uri": os.environ.get("NEO4J_URI") or "bolt://127.0.0.1:7687",
            "user": os.environ.get("NEO4J_USER") or "neo4j", "password": password,
            "database": os.environ.get("NEO4J_DATABASE") or "neo4j"}


def wipe(conn: dict[str, str], allow_non_empty: bool) -> None:
    with Neo4jStore.from_env(**conn) as store:
        if store.counts() != (0, 0) and not allow_non_empty:
            raise SystemExit(f"error: the database at {store.settings.display_uri} is not "
                             "empty; rerun with --yes to wipe it")
        store.run_query(cypher.load_statement("wipe"), write=True)


def neo4j_graph(conn: dict[str, str]) -> tuple[tuple[int, int], dict]:
    with Neo4jStore.from_env(**conn) as store:
        return store.counts(), json.loads(export.dumps_node_link(store.read_graph()))


# ----------------------------------------------------------------------------------- run

def build(args: list[str], env: dict[str, str] | None = None) -> tuple[dict[str, int], float]:
    """``graphbuilder build ARGS`` in-process: summary numbers and wall seconds."""
    t0 = time.perf_counter()
    result = CliRunner().invoke(main, ["build", "--no-progress", *map(str, args)], env=env)
    elapsed = time.perf_counter() - t0
    if result.exit_code != 0:
        raise SystemExit(f"graphbuilder build {' '.join(map(str, args))} failed "
                         f"(exit {result.exit_code}):\n{result.output}")
    match = _SUMMARY.search(result.output)
    if not match:
        raise SystemExit(f"no summary in the output of build:\n{result.output}")
    return {k: int(v) for k, v in match.groupdict().items()}, elapsed


def compare(name: str, source: Path, conn: dict[str, str], workdir: Path,
            allow_wipe: bool) -> dict:
    wipe(conn, allow_wipe)
    env = {"NEO4J_URI": conn["uri"], "NEO4J_USER": conn["user"],
           "NEO4J_PASSWORD": conn["password"], "NEO4J_DATABASE": conn["database"]}
    store_path = workdir / f"{name}.store.json"
    store_path.unlink(missing_ok=True)
    emb, t_nx = build(["--store", store_path, source])
    neo, t_neo = build(["--backend", "neo4j", source], env=env)
    nx_store = NetworkXStore(store_path)
    nx_graph = json.loads(export.dumps_node_link(nx_store.graph))
    counts, graph = neo4j_graph(conn)
    again, t_again = build(["--backend", "neo4j", source], env=env)
    unchanged = (again["loaded"] == 0 and again["skipped"] == neo["loaded"]
                 and neo4j_graph(conn) == (counts, graph))
    return {
        "input": name, "documents": emb["loaded"],
        "networkx_nodes": nx_store.counts()[0], "networkx_edges": nx_store.counts()[1],
        "neo4j_nodes": counts[0], "neo4j_edges": counts[1],
        "counts_equal": counts == nx_store.counts() and neo == emb,
        "equal": counts == nx_store.counts() and neo == emb and graph == nx_graph,
        "second_load_unchanged": unchanged,
        "build_seconds": {"networkx": round(t_nx, 1), "neo4j": round(t_neo, 1),
                          "neo4j_again": round(t_again, 1)},
    }


def main_(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", default=",".join(INPUT_NAMES),
                        help=f"comma-separated subset of {', '.join(INPUT_NAMES)}")
    parser.add_argument("--wcep", type=Path, default=WCEP, help="WikiTimes CEP JSON file")
    parser.add_argument("--server", choices=["private", "env"], default="private")
    parser.add_argument("--yes", action="store_true",
                        help="--server env: wipe the database even when it is not empty")
    args = parser.parse_args(argv)
    names = [n.strip() for n in args.inputs.split(",") if n.strip()]
    unknown = set(names) - set(INPUT_NAMES)
    if unknown:
        parser.error(f"unknown input(s): {', '.join(sorted(unknown))}")

    pipelines: dict = {}
    original = cli._pipeline

    def cached_pipeline(model):  # one Pipeline (one spaCy load) for every build
        if model not in pipelines:
            pipelines[model] = original(model)
        return pipelines[model]

    cli._pipeline = cached_pipeline

    with tempfile.TemporaryDirectory(prefix="graphbuilder-parity-") as tmp:
        workdir = Path(tmp)
        sources = {"seed": lambda: SEED, "gold": lambda: gold_input(workdir),
                   "wcep": lambda: wcep_input(workdir, args.wcep)}
        with contextlib.ExitStack() as stack:
            try:
                conn = (stack.enter_context(private_server(workdir)) if args.server == "private"
                        else env_server())
            except (neo4j_server.Neo4jServerError, Neo4jUnavailable) as exc:
                print(f"error: {exc}", file=sys.stderr)
                return 2
            ok = True
            for name in names:
                row = compare(name, sources[name](), conn, workdir, args.yes or
                              args.server == "private")
                ok = ok and row["equal"] and row["second_load_unchanged"]
                print(json.dumps(row), flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main_())
