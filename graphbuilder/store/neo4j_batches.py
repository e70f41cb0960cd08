"""Load batches for the Neo4j store: document results -> validated parameter rows -> one
write transaction per batch (:func:`write_batch`, run by ``session.execute_write``).

Lock order (concurrent loads): two ``load`` processes on overlapping shards write some of the
same documents and actors. Inside a transaction the document markers are locked first (sorted
by id, in one statement, which also reads their hashes), then every node is written before any
relationship (actors, sorted by id, in one statement), then relationships grouped by type and,
within a type, sorted by source node, then target, then id; the markers get their hashes last.
Every transaction thus takes its locks in the same global order, so two loads wait for each
other instead of deadlocking (and the second one to reach a document finds it loaded);
should the server still detect a deadlock (``Neo.TransientError.Transaction.DeadlockDetected``
is a TransientError), ``execute_write`` retries the whole, pure transaction function.
"""
from __future__ import annotations

import queue
import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Iterator, Sequence, TypeVar

import neo4j

from graphbuilder import cypher
from graphbuilder.model import LABELS, STRUCTURAL_TYPES, DocumentResult, Entity
from graphbuilder.store import LoadStats

TYPE_NAME = re.compile(r"^[A-Z][A-Z0-9_]{0,63}$")
_T = TypeVar("_T")
#: Relation attributes stored as they are (``id`` and ``confidence`` are added on the side).
_PLAIN_PROPERTIES = ("doc", "date", "sentence", "start", "end", "cameo", "plover", "quad_class",
                     "goldstein", "negated", "modality", "predicate", "rule", "attribution")


# ----------------------------------------------------------------------------------- rows

@dataclass
class _DocumentRows:
    """One document result turned into parameter rows (validated, ready to send)."""

    id: str
    hash: str
    document: dict[str, Any]
    actors: dict[str, dict[str, Any]]
    relations: dict[str, dict[str, Any]]
    links: dict[str, dict[str, Any]]
    by_type: dict[str, int]
    relation_count: int

    @property
    def weight(self) -> int:
        """Rows this document adds to a transaction (its marker counts as one)."""
        return 1 + len(self.relations) + len(self.links)

    @property
    def types(self) -> set[str]:
        return {row["type"] for row in self.relations.values()}


def _check_type(rel_type: str, what: str, doc_id: str) -> str:
    if not isinstance(rel_type, str) or not TYPE_NAME.match(rel_type):
        raise ValueError(f"document {doc_id}: invalid {what} type {rel_type!r} "
                         f"(expected UPPER_SNAKE, e.g. SANCTIONS)")
    return rel_type


def actor_row(entity: Entity, doc_id: str = "?") -> dict[str, Any]:
    """Parameter row for ``merge_actors.cypher`` (label validated, aliases sorted/unique)."""
    if entity.label not in LABELS:
        raise ValueError(f"document {doc_id}: actor {entity.id!r} has label {entity.label!r}, "
                         f"expected one of {', '.join(LABELS)}")
    return entity.to_dict()


def _merge_actor_rows(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Combine two rows for one actor the way the stores merge nodes: first non-null wins,
    aliases are the sorted union."""
    merged = dict(old)
    for key in ("name", "label", "country", "role"):
        if merged.get(key) is None:
            merged[key] = new.get(key)
    merged["aliases"] = sorted(set(old.get("aliases") or ()) | set(new.get("aliases") or ()))
    return merged


def document_rows(result: DocumentResult) -> _DocumentRows:
    """Validate a :class:`DocumentResult` and build its parameter rows."""
    doc_id = result.doc_id
    actors: dict[str, dict[str, Any]] = {}
    seen: set[int] = set()   # entity objects already added (relations share their ends)

    def add_actor(entity: Entity) -> None:
        if id(entity) in seen:
            return
        seen.add(id(entity))
        row = actor_row(entity, doc_id)
        actors[entity.id] = _merge_actor_rows(actors[entity.id], row) \
            if entity.id in actors else row

    for entity in result.entities:
        add_actor(entity)
    relations: dict[str, dict[str, Any]] = {}
    by_type: dict[str, int] = {}
    for relation in result.relations:
        _check_type(relation.type, "relation", doc_id)
        add_actor(relation.source)
        add_actor(relation.target)
        rid = relation.id   # a hash: computed once
        props = {"id": rid, **{key: getattr(relation, key) for key in _PLAIN_PROPERTIES},
                 "confidence": round(float(relation.confidence), 3)}   # as Relation.to_dict()
        relations[rid] = {"id": rid, "type": relation.type,
                                  "source": relation.source.id, "target": relation.target.id,
                                  "props": props}
        by_type[relation.type] = by_type.get(relation.type, 0) + 1
    links: dict[str, dict[str, Any]] = {}
    for link in result.links:
        if link.type not in STRUCTURAL_TYPES:
            raise ValueError(f"document {doc_id}: invalid link type {link.type!r}, expected "
                             f"one of {', '.join(STRUCTURAL_TYPES)}")
        add_actor(link.source)
        add_actor(link.target)
        links[link.id] = {"id": link.id, "type": link.type, "source": link.source.id,
                          "target": link.target.id}
    document = {"id": doc_id, "hash": result.content_hash, "date": result.date,
                "source": result.source, "entities": sorted({e.id for e in result.entities})}
    return _DocumentRows(id=doc_id, hash=result.content_hash, document=document, actors=actors,
                         relations=relations, links=links, by_type=by_type,
                         relation_count=len(result.relations))


@dataclass
class _Batch:
    """Documents written in one transaction (a later duplicate id replaces an earlier one)."""

    documents: dict[str, _DocumentRows] = field(default_factory=dict)
    weight: int = 0

    def add(self, rows: _DocumentRows) -> None:
        previous = self.documents.pop(rows.id, None)
        if previous is not None:
            self.weight -= previous.weight
        self.documents[rows.id] = rows
        self.weight += rows.weight

    @property
    def types(self) -> set[str]:
        return {t for rows in self.documents.values() for t in rows.types}


def batches(results: Iterable[DocumentResult], batch_size: int) -> Iterator[_Batch]:
    """Group results into batches of about ``batch_size`` rows (documents are never split)."""
    batch = _Batch()
    for result in results:
        batch.add(document_rows(result))
        if batch.weight >= batch_size:
            yield batch
            batch = _Batch()
    if batch.documents:
        yield batch


def prefetched(items: Iterator[_T], depth: int = 1) -> Iterator[_T]:
    """``items`` produced on a background thread, up to ``depth`` ahead of the consumer.

    The store builds the rows of the next batch (pure Python) while the server runs the
    current transaction (the main thread waits on the socket then). An exception of the
    producer is raised at its place in the stream; closing the consumer stops the producer."""
    buffer: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def produce() -> None:
        try:
            for item in items:
                while not _offer(buffer, (True, item), stop):
                    if stop.is_set():
                        return
        except BaseException as exc:  # noqa: BLE001 - handed to the consumer
            _offer_until_stopped(buffer, (False, exc), stop)
            return
        _offer_until_stopped(buffer, (False, None), stop)

    thread = threading.Thread(target=produce, name="graphbuilder-neo4j-rows", daemon=True)
    thread.start()
    try:
        while True:
            ok, value = buffer.get()
            if ok:
                yield value
            elif value is None:
                return
            else:
                raise value
    finally:
        stop.set()


def _offer(buffer: queue.Queue, item: Any, stop: threading.Event) -> bool:
    try:
        buffer.put(item, timeout=0.1)
        return True
    except queue.Full:
        return False


def _offer_until_stopped(buffer: queue.Queue, item: Any, stop: threading.Event) -> None:
    while not stop.is_set() and not _offer(buffer, item, stop):
        pass


def _union_actors(documents: Sequence[_DocumentRows]) -> list[dict[str, Any]]:
    actors: dict[str, dict[str, Any]] = {}
    for rows in documents:
        for actor_id, row in rows.actors.items():
            actors[actor_id] = _merge_actor_rows(actors[actor_id], row) \
                if actor_id in actors else row
    return [actors[actor_id] for actor_id in sorted(actors)]   # lock order: by id


def _rows(documents: Sequence[_DocumentRows], kind: str) -> list[dict[str, Any]]:
    merged: dict[str, dict[str, Any]] = {}
    for rows in documents:
        merged.update(getattr(rows, kind))
    # lock order: grouped by source node (then target, id), see the module docstring
    return sorted(merged.values(), key=lambda row: (row["source"], row["target"], row["id"]))


def _by_type(rows: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Rows grouped by relationship type (sorted, so lock order is stable across batches)."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(row["type"], []).append(row)
    return dict(sorted(groups.items()))


@lru_cache(maxsize=None)
def _typed_statement(name: str, rel_type: str) -> str:
    """``cypher/load/NAME.cypher`` specialised for one (validated) relationship type."""
    return cypher.for_type(cypher.load_statement(name), rel_type)


def _run_typed(tx: neo4j.ManagedTransaction, name: str, rows: list[dict[str, Any]]) -> None:
    for rel_type, group in _by_type(rows).items():
        tx.run(_typed_statement(name, rel_type), rows=group).consume()


def _delete_relations(tx: neo4j.ManagedTransaction, docs: list[str]) -> list[str]:
    """Delete the event relationships of ``docs`` (every event type in the database); return
    the ids of the actors they touched."""
    types = [rec["relationshipType"]
             for rec in tx.run(cypher.load_statement("relationship_types"))]
    ends: set[str] = set()
    for rel_type in sorted(types):
        if rel_type in STRUCTURAL_TYPES or not TYPE_NAME.match(rel_type):
            continue
        record = tx.run(_typed_statement("delete_document_relations", rel_type),
                        docs=docs).single(strict=True)
        ends.update(record["ends"])
    return sorted(ends)


def write_batch(tx: neo4j.ManagedTransaction, batch: _Batch,
                create_new: bool = True) -> LoadStats:
    """Transaction function for one batch (pure: safe for the driver to retry).

    Order matters: the documents are locked and their hashes read first (inside the
    transaction, so a retry decides again), old relationships of changed documents go before
    the merges, the document markers get their hashes last, and orphans are pruned once the
    markers list the current entities. The relationships of a document loaded for the first
    time are CREATEd (``create_new``; see ``create_relations.cypher`` for why none can exist),
    those of a changed document MERGEd, as are links (they belong to no document)."""
    ids = sorted(batch.documents)
    recorded = {rec["id"]: rec["hash"]
                for rec in tx.run(cypher.load_statement("lock_documents"), ids=ids)}
    fresh = [rows for rows in batch.documents.values() if recorded.get(rows.id) != rows.hash]
    stats = LoadStats(skipped=len(ids) - len(fresh))
    if not fresh:
        return stats
    changed = [rows.id for rows in fresh if recorded.get(rows.id) is not None]
    orphans = _delete_relations(tx, changed) if changed else []
    tx.run(cypher.load_statement("merge_actors"), rows=_union_actors(fresh)).consume()
    new = {rows.id for rows in fresh if recorded.get(rows.id) is None} if create_new else set()
    _run_typed(tx, "create_relations", _rows([r for r in fresh if r.id in new], "relations"))
    _run_typed(tx, "merge_relations", _rows([r for r in fresh if r.id not in new], "relations"))
    _run_typed(tx, "merge_links", _rows(fresh, "links"))
    tx.run(cypher.load_statement("merge_documents"),
           rows=sorted((rows.document for rows in fresh), key=lambda row: row["id"])).consume()
    if orphans:
        tx.run(cypher.load_statement("prune_actors"), ids=orphans).consume()
    return _stats_for(fresh, stats)


def _stats_for(fresh: Sequence[_DocumentRows], stats: LoadStats) -> LoadStats:
    for rows in fresh:
        stats.documents += 1
        stats.entities += len(rows.actors)
        stats.relations += rows.relation_count
        for rel_type, n in rows.by_type.items():
            stats.by_type[rel_type] = stats.by_type.get(rel_type, 0) + n
    return stats
