#!/usr/bin/env python
"""Benchmark the Neo4j load: idempotent MERGE load against a raw CREATE of the same rows.

    NEO4J_PASSWORD=... python bench/load.py --json [--relations 20000] [--actors 2000]
    NEO4J_PASSWORD=... python bench/load.py --json --input results.jsonl   # `extract --format results`
    NEO4J_PASSWORD=... python bench/load.py --sweep 1000,5000,10000   # batch sizes

Every run starts from an EMPTY database (same connection settings as the store: NEO4J_URI,
NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE) with the same schema in place. Both loads take the
same DocumentResults through the same code up to the Cypher: rows built by
``neo4j_batches.batches`` on the prefetch thread (inside the timing), the same batch size, one
managed write transaction per batch through the same driver session, nodes first, then
relationships grouped by type in ``UNWIND $rows`` statements, then document nodes:

1. ``merge``: :meth:`Neo4jStore.load` (hash check, MERGE of actors, relationships, links and
   document markers);
2. ``create``: the raw Bolt writes baseline: ``UNWIND $rows ... CREATE`` with the properties
   written the same way, no hash check; an actor or link shared by several batches is sent
   once (the client remembers the ids it sent).

One untimed warm-up round of each (``--warmup``), then ``--repeat`` rounds of CREATE then
MERGE, interleaved so that both sides of a round see the same machine load. Prints one JSON
object (``--json``) or a short report: ``merge_rps`` and ``create_rps`` are the medians of
relationships (events + structural links) written per second, ``ratio`` the median of the
per-round ratios merge_rps / create_rps (target >= 0.75), with their spreads (median, min,
max). ``cpu_ratio`` is the same comparison in CPU seconds (create / merge; this process plus,
when the server is the project-local one, the server's JVM): on a machine shared with other
work it moves far less than the wall-clock figures.

The database is WIPED (data, not schema): when it is not empty the script refuses unless
``--yes`` (Community Edition has a single user database, so there is no scratch database to
use instead). The synthetic data is deterministic (``--seed``).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, NamedTuple
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graphbuilder import cypher  # noqa: E402
from graphbuilder.model import (LABELS, DocumentResult, Entity, Link,  # noqa: E402
                                Relation)
from graphbuilder.store.neo4j import (DEFAULT_BATCH_SIZE, Neo4jStore,  # noqa: E402
                                      Neo4jUnavailable, document_rows)
from graphbuilder.store.neo4j_batches import (_rows, _run_typed,  # noqa: E402
                                               _union_actors, batches, prefetched)

#: (type, CAMEO, PLOVER, quad class, weight): a realistic mix of news event types, named as
#: graphbuilder.ontology names them.
EVENT_TYPES = [
    ("MAKES_STATEMENT", "010", "OTHER", 1, 14), ("APPEALS_TO", "020", "REQUEST", 1, 5),
    ("INTENDS_TO_COOPERATE", "030", "AGREE", 1, 6), ("CONSULTS", "040", "CONSULT", 1, 8),
    ("MEETS", "044", "CONSULT", 1, 6), ("PRAISES", "051", "COOPERATE", 1, 5),
    ("SUPPORTS", "050", "COOPERATE", 1, 4), ("COOPERATES_WITH", "060", "COOPERATE", 2, 5),
    ("AIDS", "070", "AID", 2, 4), ("YIELDS_TO", "080", "CONCEDE", 2, 2),
    ("INVESTIGATES", "090", "INVESTIGATE", 3, 2), ("DEMANDS", "100", "DEMAND", 3, 4),
    ("CRITICIZES", "111", "DISAPPROVE", 3, 10), ("ACCUSES", "112", "DISAPPROVE", 3, 5),
    ("REJECTS", "120", "REJECT", 3, 3), ("THREATENS", "130", "THREATEN", 3, 4),
    ("PROTESTS", "140", "PROTEST", 3, 2), ("MOBILIZES_AGAINST", "150", "MOBILIZE", 4, 2),
    ("SANCTIONS", "163", "SANCTION", 4, 5), ("DETAINS", "173", "COERCE", 4, 3),
    ("ASSAULTS", "180", "ASSAULT", 4, 2), ("FIGHTS", "190", "ASSAULT", 4, 2),
]
LABEL_MIX = [("Country", 0.10), ("Person", 0.35), ("Organization", 0.30), ("Group", 0.20),
             ("Location", 0.05)]
WORDS = ("the government said on Tuesday that it would respond to what officials described "
         "as an unprecedented escalation in the dispute over trade security and human rights "
         "according to a statement carried by the state news agency").split()


# ------------------------------------------------------------------------------ data

def synthetic_actors(n: int, rng: random.Random) -> list[Entity]:
    """``n`` actors with the label mix of news data; countries first (they are the hubs)."""
    actors: list[Entity] = []
    countries = max(1, int(n * LABEL_MIX[0][1]))
    for i in range(countries):
        code = "".join(chr(65 + (i // 26 ** k) % 26) for k in (2, 1, 0))
        actors.append(Entity(code, f"Country {code}", "Country", code,
                             [f"Country {code}", f"{code} capital"]))
    kinds = [label for label, _ in LABEL_MIX[1:]]
    weights = [w for _, w in LABEL_MIX[1:]]
    for i in range(n - countries):
        label = rng.choices(kinds, weights)[0]
        country = actors[int(countries * rng.random() ** 2)].id
        prefix = {"Person": "PER", "Organization": "ORG", "Group": "GRP", "Location": "LOC"}[label]
        role = rng.choice(["GOV", "MIL", "BUS", "MED", None]) if label != "Location" else None
        actors.append(Entity(f"{prefix}:{country}:{i:05d}", f"{label} {i}", label, country,
                             [f"{label} {i}", f"{label[:3]}-{i}"], role))
    assert all(a.label in LABELS for a in actors)
    return actors


def _pick(actors: list[Entity], rng: random.Random) -> Entity:
    """Skewed choice: a few actors (the big countries) take part in most events."""
    return actors[int(len(actors) * rng.random() ** 2.5)]


def synthetic_results(relations: int, actors: int, seed: int) -> list[DocumentResult]:
    """Deterministic documents of 1-15 relations (mean ~8) among ``actors`` actors."""
    rng = random.Random(seed)
    pool = synthetic_actors(actors, rng)
    by_id = {a.id: a for a in pool}
    types = list(EVENT_TYPES)
    weights = [t[4] for t in EVENT_TYPES]
    results: list[DocumentResult] = []
    made = 0
    while made < relations:
        doc_id = f"bench-{len(results):06d}"
        date = f"20{rng.randint(15, 24):02d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        rels: list[Relation] = []
        for k in range(min(rng.randint(1, 15), relations - made)):
            source, target = _pick(pool, rng), _pick(pool, rng)
            while target.id == source.id:
                target = _pick(pool, rng)
            rel_type, cameo, plover, quad, _ = rng.choices(types, weights)[0]
            sentence = " ".join(rng.choices(WORDS, k=24)).capitalize() + "."
            rels.append(Relation(
                doc=doc_id, date=date, sentence=sentence, start=k * 200, end=k * 200 + 150,
                source=source, target=target, type=rel_type, cameo=cameo, plover=plover,
                quad_class=quad, negated=rng.random() < 0.03,
                modality=rng.choice(["asserted"] * 8 + ["future", "intended"]),
                predicate=rel_type.lower().replace("_", " "), rule="bench",
                confidence=round(rng.uniform(0.4, 0.95), 3),
                attribution=_pick(pool, rng).id if rng.random() < 0.2 else None))
        made += len(rels)
        ents = {e.id: e for r in rels for e in (r.source, r.target)}
        links = [Link(e, by_id[e.country], "LEADER_OF")
                 for e in ents.values()
                 if e.label == "Person" and e.role == "GOV" and rng.random() < 0.3]
        results.append(DocumentResult(doc_id=doc_id, content_hash=f"h-{doc_id}", date=date,
                                      entities=sorted(ents.values(), key=lambda e: e.id),
                                      relations=rels, links=links, source="bench"))
    return results


def read_results(path: Path) -> list[DocumentResult]:
    """DocumentResults from a JSON Lines file (``graphbuilder extract --format results``)."""
    with path.open(encoding="utf-8") as handle:
        return [DocumentResult.from_dict(json.loads(line)) for line in handle if line.strip()]


# ------------------------------------------------------------------------------ runs

@dataclass
class Rows:
    """What both loads must leave in the database (for the after-run check, not timed)."""

    actors: list[dict[str, Any]]
    relationships: list[dict[str, Any]]      # events and structural links, unique ids
    documents: list[dict[str, Any]]


def build_rows(results: list[DocumentResult]) -> Rows:
    """The distinct actors, relationships and document markers of ``results``."""
    docs = {d.id: d for d in (document_rows(r) for r in results)}.values()
    rels = {row["id"]: row for d in docs
            for row in list(d.relations.values()) + list(d.links.values())}
    return Rows(actors=_union_actors(list(docs)), relationships=list(rels.values()),
                documents=[d.document for d in docs])


def wipe(store: Neo4jStore) -> None:
    """Delete the data (the schema stays), so that the next run starts from empty."""
    store.run_query(cypher.read("load/wipe"), write=True)


class Clock(NamedTuple):
    """Wall-clock and CPU seconds of one run. CPU is this process's (the client, prefetch
    thread included) plus the server's when it is the project-local one (``server_pid``): on
    a machine shared with other work, wall time swings with their load, CPU time far less."""

    wall: float
    cpu: float


def local_server_pid(store: Neo4jStore) -> int | None:
    """Pid of the project-local Neo4j (``graphbuilder neo4j start``) when the store talks to
    it on this machine, else None (a remote server's CPU time cannot be read)."""
    from graphbuilder import neo4j_server
    status = neo4j_server.status()
    uri = urlsplit(store.settings.uri)
    if not status.running or uri.hostname not in ("127.0.0.1", "localhost", "::1"):
        return None
    return status.pid if uri.port == urlsplit(status.bolt_uri).port else None


def _cpu_seconds(server_pid: int | None) -> float:
    seconds = time.process_time()
    if server_pid is not None:
        fields = Path(f"/proc/{server_pid}/stat").read_text().rsplit(")", 1)[1].split()
        seconds += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime+stime
    return seconds


@contextmanager
def clocked(server_pid: int | None) -> Iterator[list[Clock]]:
    """``with clocked(pid) as clock: ...``; afterwards ``clock[0]`` is the :class:`Clock`."""
    clock: list[Clock] = []
    wall, cpu = time.perf_counter(), _cpu_seconds(server_pid)
    yield clock
    clock.append(Clock(time.perf_counter() - wall, _cpu_seconds(server_pid) - cpu))


def run_merge(store: Neo4jStore, results: list[DocumentResult], batch_size: int,
              server_pid: int | None = None) -> Clock:
    """Time of the idempotent load (Neo4jStore.load) into an empty database."""
    wipe(store)
    with clocked(server_pid) as clock:
        store.load(results, batch_size=batch_size)
    return clock[0]


def run_create(store: Neo4jStore, results: list[DocumentResult], batch_size: int,
               server_pid: int | None = None) -> Clock:
    """Time of the raw CREATE of the same documents into an empty database.

    Same rows, batches, driver session and transaction shape as :meth:`Neo4jStore.load`
    (rows built from the results inside the timing, on the same prefetch thread; one managed
    write transaction per batch: actors, relationships by type, links by type, document nodes),
    but CREATE instead of MERGE and no hash check. An actor or link that several batches
    share is created once, by the first of them: the client remembers the ids it sent (it
    cannot ask the server without doing the MERGE's work)."""
    wipe(store)
    sent: set[str] = set()
    with clocked(server_pid) as clock, store.session() as session:
        for batch in prefetched(batches(results, batch_size)):
            documents = list(batch.documents.values())
            rows = {kind: [row for row in rows if row["id"] not in sent]
                    for kind, rows in (("actors", _union_actors(documents)),
                                       ("relations", _rows(documents, "relations")),
                                       ("links", _rows(documents, "links")))}
            session.execute_write(create_batch, rows, [d.document for d in documents])
            sent.update(row["id"] for kind_rows in rows.values() for row in kind_rows)
    return clock[0]


def create_batch(tx: Any, rows: dict[str, list[dict[str, Any]]],
                 documents: list[dict[str, Any]]) -> None:
    """The CREATE counterpart of :func:`graphbuilder.store.neo4j_batches.write_batch`."""
    tx.run(cypher.load_statement("bench_create_nodes"), rows=rows["actors"]).consume()
    _run_typed(tx, "create_relations", rows["relations"])
    _run_typed(tx, "bench_create_links", rows["links"])
    tx.run(cypher.load_statement("bench_create_documents"),
           rows=sorted(documents, key=lambda row: row["id"])).consume()


def _check(store: Neo4jStore, rows: Rows, what: str) -> None:
    """The database holds at least the expected graph: fewer actors or relationships means
    another process wiped it during the run, which spoils the timing (a few more is tolerated:
    e.g. a test seeding a tiny graph at the same time)."""
    found = store.counts()
    expected = (len(rows.actors), len(rows.relationships))
    if found[0] < expected[0] or found[1] < expected[1]:
        raise RuntimeError(f"{what}: database holds {found} (actors, relationships), expected "
                           f"{expected}: is another process using this database?")
    if found != expected:
        print(f"bench/load.py: warning: {what}: database holds {found}, expected {expected} "
              f"(another process wrote to it)", file=sys.stderr)


def _spread(values: list[float]) -> dict[str, float]:
    return {"median": round(statistics.median(values), 3), "min": round(min(values), 3),
            "max": round(max(values), 3)}


def benchmark(store: Neo4jStore, results: list[DocumentResult], batch_size: int,
              repeat: int, warmup: int = 1) -> dict[str, Any]:
    """``warmup`` untimed rounds, then ``repeat`` timed rounds of CREATE then MERGE, each from
    an empty database; the ratio of every round is taken within the round (both loads ran a
    few seconds apart, under the same machine load) and the median round ratio is reported."""
    rows = build_rows(results)
    store.ensure_schema({r.type for res in results for r in res.relations})
    pid = local_server_pid(store)
    for _ in range(warmup):                     # JIT, page cache, query plan cache
        run_create(store, results, batch_size)
        run_merge(store, results, batch_size)
    creates, merges = [], []
    for _ in range(repeat):
        creates.append(run_create(store, results, batch_size, pid))
        _check(store, rows, "create load")
        merges.append(run_merge(store, results, batch_size, pid))
        _check(store, rows, "merge load")
    started = time.perf_counter()
    again = store.load(results, batch_size=batch_size)            # idempotent re-run
    reload_s = time.perf_counter() - started
    _check(store, rows, "second merge load")
    if again.documents != 0 or again.skipped != len(rows.documents):
        raise RuntimeError(f"the second merge load wrote {again.documents} documents again")
    wipe(store)
    n = len(rows.relationships)
    merge_rps = [n / c.wall for c in merges]
    create_rps = [n / c.wall for c in creates]
    ratios = [m / c for m, c in zip(merge_rps, create_rps)]
    cpu_ratios = [c.cpu / m.cpu for m, c in zip(merges, creates)]
    return {
        "documents": len(rows.documents), "actors": len(rows.actors), "relationships": n,
        "batch_size": batch_size, "warmup": warmup, "repeat": repeat,
        "create_seconds": [round(c.wall, 3) for c in creates],
        "merge_seconds": [round(c.wall, 3) for c in merges],
        "reload_seconds": round(reload_s, 3),
        "merge_rps": round(statistics.median(merge_rps), 1),
        "create_rps": round(statistics.median(create_rps), 1),
        "ratio": round(statistics.median(ratios), 3),
        "ratios": [round(r, 3) for r in ratios],
        "merge_rps_spread": _spread(merge_rps), "create_rps_spread": _spread(create_rps),
        "ratio_spread": _spread(ratios),
        "cpu_measured": "client+server" if pid else "client",
        "create_cpu_seconds": [round(c.cpu, 3) for c in creates],
        "merge_cpu_seconds": [round(c.cpu, 3) for c in merges],
        "cpu_ratio": round(statistics.median(cpu_ratios), 3),
        "cpu_ratio_spread": _spread(cpu_ratios),
        "server": server_version(store),
    }


def sweep(store: Neo4jStore, results: list[DocumentResult], sizes: Iterable[int],
          repeat: int, warmup: int = 1) -> dict[str, Any]:
    """:func:`benchmark` for each batch size (warm-up once, before the first size)."""
    by_size: dict[str, Any] = {}
    for i, size in enumerate(sizes):
        figures = benchmark(store, results, size, repeat, warmup if i == 0 else 0)
        by_size[str(size)] = {key: figures[key] for key in
                              ("merge_rps", "create_rps", "ratio", "ratio_spread", "cpu_ratio")}
    return {"documents": figures["documents"], "relationships": figures["relationships"],
            "repeat": repeat, "by_batch_size": by_size, "server": figures["server"]}


def server_version(store: Neo4jStore) -> str:
    rows = store.run_query(cypher.read("load/server_version"))
    return rows[0]["version"] if rows else "?"


# ------------------------------------------------------------------------------ main

def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--input", type=Path, help="DocumentResult JSON Lines file instead of "
                                              "synthetic data")
    p.add_argument("--relations", type=int, default=20_000, help="synthetic relations")
    p.add_argument("--actors", type=int, default=2_000, help="synthetic actors")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
    p.add_argument("--sweep", help="comma-separated batch sizes: the comparison for each")
    p.add_argument("--repeat", type=int, default=5,
                   help="timed rounds (CREATE then MERGE); medians count (default 5)")
    p.add_argument("--warmup", type=int, default=1,
                   help="untimed rounds before the timed ones (default 1)")
    p.add_argument("--yes", action="store_true", help="wipe the database even if not empty")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        store = Neo4jStore.from_env()
    except Neo4jUnavailable as exc:
        print(f"bench/load.py: {exc}", file=sys.stderr)
        return 2
    with store:
        if store.counts() != (0, 0) and not args.yes:
            print(f"bench/load.py: the database at {store.settings.display_uri} "
                  f"({store.settings.database}) is not empty and would be WIPED; "
                  f"rerun with --yes to allow it", file=sys.stderr)
            return 2
        results = read_results(args.input) if args.input else \
            synthetic_results(args.relations, args.actors, args.seed)
        if args.sweep:
            figures = sweep(store, results, [int(s) for s in args.sweep.split(",")],
                            args.repeat, args.warmup)
        else:
            figures = benchmark(store, results, args.batch_size, args.repeat, args.warmup)
    if args.json:
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            print(f"{key:>24}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
