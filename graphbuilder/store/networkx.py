"""Embedded graph store: a :class:`networkx.MultiDiGraph` persisted as a node-link JSON file.

Data model (shared with the Neo4j store, see :mod:`graphbuilder.store`):

* one node per actor, keyed by entity id; attributes ``id, name, label, country, aliases, role``
  plus ``__labels__ = {label}`` (a set in memory, a sorted list in the file) so that
  ``(a:Country)`` and Cypher label tests match (see :mod:`graphbuilder.embedded_cypher`);
* one edge per relation mention, key = relation id, attributes = ``Relation.to_dict()`` minus
  ``source``/``target``, plus ``__labels__ = {type}`` so that ``-[r:SANCTIONS]->`` matches;
* one edge per structural link, key = link id, attributes ``id, type, __labels__``;
* ``G.graph["documents"][doc_id] = {hash, date, source, entities}``.

Merging is idempotent and deterministic:

* a node keeps the first non-null ``name``, ``label``, ``country`` and ``role`` it was given
  (a later document never flips the canonical name); ``aliases`` is the sorted union;
* a document already loaded with the same hash is skipped; with a different hash its old event
  edges (edges whose ``doc`` is the document id) are removed before the new ones are added;
* structural links are facts about actors, not about a document: they are never removed;
* after a replace, a node is pruned when it has no edge left and no loaded document lists it
  among its entities (``documents[doc]["entities"]``), so the graph holds the same actors as a
  fresh load of the current documents would (attribute values merged earlier may remain, e.g.
  aliases only grow).

The file is written atomically by :meth:`NetworkXStore.save` / :meth:`NetworkXStore.close`
(temporary file in the same directory, fsync, :func:`os.replace`): an interrupted run leaves
the previous file intact. The first save of a run keeps the file it replaces as
``<store>.bak`` (a hard link, so it costs no copy). :meth:`NetworkXStore.open` takes the
store's lock (:mod:`graphbuilder.store.lock`) before reading, so concurrent runs never lose
each other's documents.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any, Callable, ClassVar, Iterable, Mapping

import networkx as nx

from graphbuilder.export import LABELS_ATTR, atomic_write_text, dumps_node_link, from_node_link_data
from graphbuilder.model import DocumentResult, Entity, Link, Relation
from graphbuilder.store import LoadStats
from graphbuilder.store.lock import DEFAULT_WAIT_SECONDS, StoreLock, StoreLocked

#: Store file used when no ``--store`` path is given (relative to the working directory).
DEFAULT_STORE_PATH = "graphbuilder-store.json"

#: Node attributes that keep their first non-null value.
_FIRST_WINS = ("name", "label", "country", "role")


class StoreError(Exception):
    """The store file cannot be read or written; the message is one line naming the file."""


class NetworkXStore:
    """Store protocol implementation over a :class:`networkx.MultiDiGraph` in a JSON file.

    Changes live in memory until :meth:`save` or :meth:`close`; long runs may call
    :meth:`save` now and then. Used as a context manager it saves on a clean exit only, so an
    exception leaves the previous file untouched.

    Args:
        path: the store file; read now when it exists, written by :meth:`save`/:meth:`close`.
            ``None`` keeps the graph in memory only (what ``graphbuilder.build()`` gives
            without a store path).

    Raises:
        StoreError: when the existing file is unreadable or not a graphbuilder store.
    """

    open_errors: ClassVar[tuple[type[Exception], ...]] = (StoreError,)
    lost_errors: ClassVar[tuple[type[Exception], ...]] = ()
    write_batch: ClassVar[int] = 200

    def __init__(self, path: str | os.PathLike[str] | None = DEFAULT_STORE_PATH) -> None:
        self.path = Path(path) if path is not None else None
        self._graph = self._read(self.path) if self.path is not None and self.path.exists() \
            else _empty_graph()
        self._closed = False
        self._lock: StoreLock | None = None
        self._backed_up = False

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None, *, read_only: bool = False,
             wait: float | None = None, on_wait: Callable[[str], None] | None = None,
             create: bool = True) -> "NetworkXStore":
        """Open the store file ``path`` (default ``./graphbuilder-store.json``) under its lock.

        A writer holds an exclusive lock until :meth:`close` (waiting up to ``wait`` seconds,
        default 600, for another writer) and fails now if the file could not be saved. A
        ``read_only`` store holds a shared lock and :meth:`close` writes nothing; a reader that
        finds a writer at work reads the last saved state instead of waiting (saves are atomic
        renames, so a checkpoint is whole). ``create=False``: a missing file is an error naming
        it, not an empty graph. ``on_wait`` receives the waiting and reading-a-checkpoint notes.

        Raises:
            StoreError: missing (``create=False``), locked for longer than ``wait``,
                unreadable, or not writable (the lock is released again).
        """
        path = Path(path or DEFAULT_STORE_PATH)
        if not create and not path.is_file():
            raise StoreError(f"store file {path} does not exist: check the --store path, or "
                             f"build one with `graphbuilder build INPUTS --store {path}`")
        if wait is None:
            wait = 0.0 if read_only else DEFAULT_WAIT_SECONDS
        lock: StoreLock | None
        try:
            lock = StoreLock(path, exclusive=not read_only, wait=wait, on_wait=on_wait).acquire()
        except StoreLocked as exc:
            if not read_only:
                raise StoreError(str(exc)) from exc
            lock = None
            if on_wait is not None:
                on_wait(f"note: store {path} is being written by another run; reading its "
                        "last saved state")
        try:
            store = cls(path)
            if not read_only:
                store.check_writable()
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        store._lock = lock
        store._closed = read_only
        return store

    def release(self) -> None:
        """Release the store's lock without saving (a reader is done, or a writer gives up)."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def check_writable(self) -> None:
        """Fail now, before any extraction, when the store file could not be saved.

        Raises:
            StoreError: the directory is missing, read-only or not writable.
        """
        directory = self.path.parent if str(self.path.parent) else Path(".")
        try:
            fd, probe = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".probe",
                                         dir=directory)
            os.close(fd)
            os.unlink(probe)
        except OSError as exc:
            raise StoreError(f"cannot write store file {self.path}: {exc.strerror or exc}; "
                             "check the directory exists and is writable, or pass another "
                             "--store") from exc

    # -- Store protocol -----------------------------------------------------------------------

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The live graph (mutating it directly bypasses the merge rules)."""
        return self._graph

    @property
    def documents(self) -> dict[str, dict[str, Any]]:
        """Per-document bookkeeping: ``{doc_id: {hash, date, source, entities}}``."""
        return self._graph.graph.setdefault("documents", {})

    def document_hash(self, doc_id: str) -> str | None:
        """Hash recorded for a fully loaded document, or None."""
        entry = self.documents.get(doc_id)
        return entry.get("hash") if entry else None

    def document_hashes(self, doc_ids: list[str]) -> dict[str, str]:
        """Hashes of the fully loaded documents among ``doc_ids``."""
        return {d: h for d in doc_ids if (h := self.document_hash(d)) is not None}

    def load(self, results: Iterable[DocumentResult]) -> LoadStats:
        """Merge results idempotently (a changed document replaces its old relations)."""
        stats = LoadStats()
        for result in results:
            if self.document_hash(result.doc_id) == result.content_hash:
                stats.skipped += 1
                continue
            self._load_one(result, stats)
        return stats

    def counts(self) -> tuple[int, int]:
        """(actor nodes, relationships) -- relationships include structural links."""
        return self._graph.number_of_nodes(), self._graph.number_of_edges()

    def read_graph(self) -> nx.MultiDiGraph:
        """The live graph (see :attr:`graph`)."""
        return self._graph

    def run_query(self, query: str, params: Mapping[str, Any] | None = None,
                  write: bool = False) -> list[dict[str, Any]]:
        """Run one read-only Cypher statement on the graph (:func:`graphbuilder.query.cypher`,
        graphbuilder's Cypher subset) with ``params``; ``write`` does not apply here."""
        from graphbuilder.query import cypher
        return cypher(self._graph, query, params)

    def save(self) -> None:
        """Write the store file atomically (the previous file survives any failure); a store
        kept in memory only (``path=None``) has nothing to write."""
        if self.path is None:
            return
        try:
            text = dumps_node_link(self._graph)
        except (TypeError, ValueError) as exc:
            raise StoreError(f"cannot serialise store {self.path}: {exc}; "
                             "the previous file was left unchanged") from exc
        try:
            self._backup()
            atomic_write_text(self.path, text)
        except OSError as exc:
            raise StoreError(f"cannot write store file {self.path}: {exc.strerror or exc}; "
                             "the previous file was left unchanged: free space or check the "
                             "directory is writable, then run again") from exc

    @property
    def backup_path(self) -> Path:
        """Where the first save of a run keeps the file it replaces."""
        return backup_path(self.path)

    def _backup(self) -> None:
        """Keep the file this run is about to replace as ``<store>.bak`` (once per run)."""
        if self._backed_up or not self.path.is_file():
            return
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.bak.tmp")
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        try:
            try:
                os.link(self.path, tmp)
            except OSError:
                shutil.copy2(self.path, tmp)
            os.replace(tmp, self.backup_path)
        except BaseException:
            if tmp.exists():
                os.unlink(tmp)
            raise
        self._backed_up = True

    def close(self) -> None:
        """Write the store file (idempotent: closing twice writes once) and release its lock."""
        try:
            if not self._closed:
                self.save()
                self._closed = True
        finally:
            self.release()

    def to_dataframe(self):
        """The events as a pandas DataFrame, one row per event (needs the ``tables`` extra);
        columns as ``graphbuilder export --format csv``."""
        from graphbuilder.events import events_dataframe
        return events_dataframe(self._graph)

    def __enter__(self) -> "NetworkXStore":
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            self.close()

    # -- loading ------------------------------------------------------------------------------

    def _load_one(self, result: DocumentResult, stats: LoadStats) -> None:
        replaced = result.doc_id in self.documents
        removed_ends = self._remove_document_edges(result.doc_id) if replaced else set()
        written: set[str] = set()
        for entity in result.entities:
            self._merge_entity(entity)
            written.add(entity.id)
        for relation in result.relations:
            self._add_relation(relation)
            written.update((relation.source.id, relation.target.id))
            stats.relations += 1
            stats.by_type[relation.type] = stats.by_type.get(relation.type, 0) + 1
        for link in result.links:
            self._add_link(link)
            written.update((link.source.id, link.target.id))
        self.documents[result.doc_id] = {
            "hash": result.content_hash, "date": result.date, "source": result.source,
            "entities": sorted({e.id for e in result.entities})}
        if removed_ends:
            self._prune(removed_ends - written)
        stats.documents += 1
        stats.entities += len(written)
        self._closed = False

    def _merge_entity(self, entity: Entity) -> None:
        G = self._graph
        if entity.id not in G:
            G.add_node(entity.id, id=entity.id, name=entity.name, label=entity.label,
                       country=entity.country, aliases=sorted(set(entity.aliases)),
                       role=entity.role, **{LABELS_ATTR: {entity.label}})
            return
        attrs = G.nodes[entity.id]
        new = entity.to_dict()
        for name in _FIRST_WINS:
            if attrs.get(name) is None and new.get(name) is not None:
                attrs[name] = new[name]
        attrs["aliases"] = sorted(set(attrs.get("aliases") or ()) | set(entity.aliases))
        attrs[LABELS_ATTR] = {attrs["label"]} if attrs.get("label") else set()

    def _add_relation(self, relation: Relation) -> None:
        self._merge_entity(relation.source)
        self._merge_entity(relation.target)
        attrs = relation.to_dict()
        del attrs["source"], attrs["target"]
        attrs[LABELS_ATTR] = {relation.type}
        self._put_edge(relation.source.id, relation.target.id, relation.id, attrs)

    def _add_link(self, link: Link) -> None:
        self._merge_entity(link.source)
        self._merge_entity(link.target)
        attrs = {"id": link.id, "type": link.type, LABELS_ATTR: {link.type}}
        self._put_edge(link.source.id, link.target.id, link.id, attrs)

    def _put_edge(self, u: str, v: str, key: str, attrs: dict[str, Any]) -> None:
        G = self._graph
        if G.has_edge(u, v, key):
            G.edges[u, v, key].clear()
            G.edges[u, v, key].update(attrs)
        else:
            G.add_edge(u, v, key=key, **attrs)

    def _remove_document_edges(self, doc_id: str) -> set[str]:
        """Remove the event edges of ``doc_id``; return the nodes they touched."""
        G = self._graph
        doomed = sorted((u, v, k) for u, v, k, doc in G.edges(keys=True, data="doc")
                        if doc == doc_id)
        G.remove_edges_from(doomed)
        return {n for u, v, _ in doomed for n in (u, v)}

    def _prune(self, candidates: set[str]) -> None:
        """Drop candidate nodes that have no edge and that no loaded document lists."""
        listed = {e for entry in self.documents.values() for e in entry.get("entities") or ()}
        G = self._graph
        G.remove_nodes_from(sorted(n for n in candidates
                                   if n in G and G.degree(n) == 0 and n not in listed))

    # -- reading ------------------------------------------------------------------------------

    @staticmethod
    def _read(path: Path) -> nx.MultiDiGraph:
        bak = backup_path(path)
        hint = (f"restore the backup ({bak}) over it, or delete it to rebuild the graph"
                if bak.is_file() else
                "delete it (or pass another --store path) to rebuild the graph")
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise StoreError(f"cannot read store file {path}: {exc}; {hint}") from exc
        try:
            data = json.loads(text)
            graph = from_node_link_data(data)
        except json.JSONDecodeError as exc:
            raise StoreError(f"store file {path} is corrupt (invalid JSON at line {exc.lineno}, "
                             f"column {exc.colno}); {hint}") from exc
        except RecursionError as exc:
            raise StoreError(f"store file {path} is nested too deeply to be a graphbuilder "
                             f"store; {hint}") from exc
        except (ValueError, KeyError, TypeError, AttributeError, nx.NetworkXError) as exc:
            raise StoreError(f"store file {path} is not a graphbuilder store "
                             f"({exc.__class__.__name__}: {str(exc)[:80]}); {hint}") from exc
        problem = _type_problem(graph)
        if problem:
            raise StoreError(f"store file {path} is not a graphbuilder store ({problem}); "
                             f"{hint}")
        graph.graph.setdefault("documents", {})
        return graph


def backup_path(path: str | os.PathLike[str]) -> Path:
    """``<store>.bak``: the store as it was before the last run that saved it."""
    p = Path(path)
    return p.with_name(p.name + ".bak")


def _type_problem(graph: nx.MultiDiGraph) -> str | None:
    """The first field of a read store whose type is wrong, or None when all are right."""
    documents = graph.graph.get("documents", {})
    if not isinstance(documents, dict):
        return "'documents' is not a table"
    for doc_id, entry in documents.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("hash"), (str, type(None))) \
                or not isinstance(entry.get("entities") or [], list):
            return f"document {str(doc_id)[:40]!r} has fields of the wrong type"
    for node, attrs in graph.nodes(data=True):
        for name in ("name", "label", "country", "role"):
            if not isinstance(attrs.get(name), (str, type(None))):
                return f"node {str(node)[:40]!r}: {name!r} is not a string"
        aliases = attrs.get("aliases")
        if aliases is not None and (not isinstance(aliases, list)
                                    or not all(isinstance(a, str) for a in aliases)):
            return f"node {str(node)[:40]!r}: 'aliases' is not a list of strings"
    for _u, _v, key, attrs in graph.edges(keys=True, data=True):
        for name in ("type", "doc", "date", "sentence"):
            if not isinstance(attrs.get(name), (str, type(None))):
                return f"edge {str(key)[:40]!r}: {name!r} is not a string"
    return None


def _empty_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.graph["documents"] = {}
    return G
