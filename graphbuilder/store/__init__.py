"""Graph stores: the embedded NetworkX store (default) and a Neo4j 5 server.

Both implement :class:`Store` and are named in the backend registry (:func:`backend_names`,
:func:`open_store`): a new store is one class implementing the protocol plus one
:func:`register_backend` line, and the CLI offers it as ``--backend NAME`` with no other change.
They share one data model (see README, "Data model"):

* node per actor, keyed by ``id``; properties ``id, name, label, country, aliases, role``;
  Neo4j labels ``:Actor:<label>``; NetworkX keeps the label in ``label`` and in ``__labels__``.
* one edge per relation mention, keyed by the relation ``id``; relationship type = ``Relation.type``
  (SANCTIONS, CRITICIZES, ...); properties = ``Relation.to_dict()`` minus ``source``/``target``.
* structural edges (LEADER_OF, PART_OF, AFFILIATED_WITH, MEMBER_OF) keyed by ``Link.id``.
* per document bookkeeping ``{id, hash, date, source}`` (NetworkX: ``G.graph["documents"]``;
  Neo4j: ``(:Document)`` nodes without relationships), used to skip unchanged documents and to
  replace the relations of a changed one.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Iterable, Iterator, Mapping, Protocol

from graphbuilder.batching import chunked
from graphbuilder.model import Document, DocumentResult

if TYPE_CHECKING:
    import networkx as nx


@dataclass
class LoadStats:
    """What one load did."""

    documents: int = 0          # documents loaded (new or changed)
    skipped: int = 0            # documents skipped because already loaded with the same hash
    entities: int = 0           # entity rows written (merged)
    relations: int = 0          # relation rows written (merged)
    by_type: dict[str, int] = field(default_factory=dict)

    def add(self, other: "LoadStats") -> None:
        """Accumulate another load's figures into this one."""
        self.documents += other.documents
        self.skipped += other.skipped
        self.entities += other.entities
        self.relations += other.relations
        for rel_type, n in other.by_type.items():
            self.by_type[rel_type] = self.by_type.get(rel_type, 0) + n


class Store(Protocol):
    """What every backend offers to the pipeline and the CLI."""

    #: Exceptions meaning the store cannot be opened (one-line message; the CLI exits 2).
    open_errors: ClassVar[tuple[type[Exception], ...]]
    #: Exceptions meaning the store went away mid-run (documents written so far are kept).
    lost_errors: ClassVar[tuple[type[Exception], ...]]
    #: Documents per write batch in ``graphbuilder build``.
    write_batch: ClassVar[int]

    @classmethod
    def open(cls, path: str | None = None, *, read_only: bool = False,
             **options: Any) -> "Store":
        """Open the store the CLI names (``path``: ``--store``; servers read the environment).
        ``read_only``: nothing is written back on :meth:`close`. ``options`` a backend may
        ignore: ``wait`` (seconds to wait for another writer), ``on_wait`` (a callable for
        notes), ``create`` (False: a missing store is an open error)."""

    def read_graph(self) -> "nx.MultiDiGraph":
        """The whole graph as a MultiDiGraph shaped like the embedded store's."""

    def run_query(self, query: str, params: Mapping[str, Any] | None = None,
                  write: bool = False) -> list[dict[str, Any]]:
        """Run one Cypher statement; rows as JSON-friendly dicts."""

    def document_hash(self, doc_id: str) -> str | None:
        """Hash recorded for a fully loaded document, or None."""

    def document_hashes(self, doc_ids: list[str]) -> dict[str, str]:
        """Hashes of the fully loaded documents among ``doc_ids``."""

    def load(self, results: Iterable[DocumentResult]) -> LoadStats:
        """Merge results idempotently (a changed document replaces its old relations)."""

    def counts(self) -> tuple[int, int]:
        """(actor nodes, relationships)."""

    def close(self) -> None:
        """Flush and release resources (the NetworkX store writes its file atomically here)."""


#: Backend name -> "module:Class", imported on first use (the Neo4j driver stays optional).
_BACKENDS: dict[str, str] = {
    "networkx": "graphbuilder.store.networkx:NetworkXStore",
    "neo4j": "graphbuilder.store.neo4j:Neo4jStore",
}


def register_backend(name: str, target: str) -> None:
    """Make ``--backend NAME`` open the class ``target`` ("package.module:Class")."""
    if ":" not in target:
        raise ValueError(f"backend target {target!r}: use 'package.module:Class'")
    _BACKENDS[name] = target


def backend_names() -> list[str]:
    """Registered backend names, the default (``networkx``) first."""
    return list(_BACKENDS)


def backend(name: str) -> type[Store]:
    """The store class registered as ``name``.

    Raises:
        KeyError: no backend of that name.
    """
    module, _, cls = _BACKENDS[name].partition(":")
    return getattr(import_module(module), cls)


def skip_unchanged(store: Store, docs: Iterable[Document],
                   on_skip: Callable[[], None] = lambda: None) -> Iterator[Document]:
    """The documents of ``docs`` that ``store`` does not already hold with the same content,
    so unchanged ones are skipped before parsing (``on_skip`` is called for each); hashes are
    looked up 500 documents at a time."""
    for chunk in chunked(docs, 500):
        known = store.document_hashes([d.id for d in chunk])
        for doc in chunk:
            if known.get(doc.id) == doc.content_hash:
                on_skip()
                continue
            yield doc


def open_store(name: str, path: str | None = None, *, read_only: bool = False,
               **options: Any) -> Store:
    """Open the backend ``name`` (see :meth:`Store.open`); raises its ``open_errors``."""
    return backend(name).open(path, read_only=read_only, **options)
