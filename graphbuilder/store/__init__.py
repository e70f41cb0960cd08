"""Graph stores: the embedded NetworkX store (default) and a Neo4j 5 server.

Both implement :class:`Store` and share one data model (see README, "Data model"):

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
from typing import Iterable, Protocol

from graphbuilder.model import DocumentResult


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
