"""The extraction pipeline: Documents in, DocumentResults out (a pure function per document)."""
from __future__ import annotations

import sys
import time
from functools import lru_cache
from typing import Callable, Iterable, Iterator

from graphbuilder import limits

from graphbuilder.extract import RelationExtractor
from graphbuilder.gazetteer import Gazetteer
from graphbuilder.mentions import (LEADER_TITLES, Mention, MentionFinder, alias_form,
                                   written_forms)
from graphbuilder.model import (Document, DocumentResult, Entity, FilteredRelation, Link,
                                Relation, Relations)
from graphbuilder.nlp import load_model, mask_dateline
from graphbuilder.ontology import Ontology
from graphbuilder.roles import STATE_ROLES

#: Documents per nlp.pipe batch: 32 keeps peak memory near 600 MB on long articles at the same
#: speed as larger batches (bench/scale.py).
DEFAULT_BATCH_SIZE = 32


@lru_cache(maxsize=4)
def get_pipeline(model: str | None = None) -> "Pipeline":
    """One shared Pipeline per model (building the phrase matchers takes about a second)."""
    return Pipeline(model=model)


class Pipeline:
    """spaCy + gazetteer + relation rules. Build once, reuse for every document."""

    def __init__(self, model: str | None = None, nlp=None) -> None:
        self.nlp = nlp if nlp is not None else load_model(model)
        self.gazetteer = Gazetteer.load()
        self.ontology = Ontology.load()
        self.mentions = MentionFinder(self.nlp, self.gazetteer)
        self.relations = RelationExtractor(self.ontology, self.gazetteer)

    # -- single documents ---------------------------------------------------------------------
    def process(self, doc: Document, parsed=None, min_confidence: float = 0.0) -> DocumentResult:
        """Extract entities, relations (those at ``min_confidence`` or above) and structural
        links from one document."""
        if parsed is None:
            parsed = self.nlp(mask_dateline(doc.text, doc.body_start))
        table = self.mentions.find(parsed, doc.date)
        dropped: list[FilteredRelation] = []
        relations = [r for r in self.relations.extract(parsed, table, doc.id, doc.date, dropped)
                     if r.confidence >= min_confidence]
        entities, links = self._entities_and_links(parsed, table, relations)
        return DocumentResult(doc_id=doc.id, content_hash=doc.content_hash, date=doc.date,
                              entities=entities, relations=relations, links=links,
                              source=doc.source, words=len(parsed),
                              filtered=[f for f in dropped
                                        if f.relation.confidence >= min_confidence])

    def extract_text(self, text: str, date: str | None = None, doc_id: str = "text",
                     min_confidence: float = 0.0) -> Relations:
        """Relations in a bare text (used by ``graphbuilder eval``), with the candidates the
        geopolitical filter dropped in ``.filtered``."""
        result = self.process(Document(id=doc_id, text=text, date=date),
                              min_confidence=min_confidence)
        return Relations(result.relations, filtered=result.filtered)

    def mention_spans(self, text: str, date: str | None = None) -> list[tuple[int, int, str, str]]:
        """Actor mentions in ``text`` as (start_char, end_char, label, actor id), for scoring
        entity recall (coreference mentions excluded)."""
        parsed = self.nlp(text)
        table = self.mentions.find(parsed, date)
        seen, out = set(), []
        for m in table.values():
            if m.kind == "coref" or id(m) in seen:
                continue
            seen.add(id(m))
            span = parsed[m.start:m.end]
            out.append((span.start_char, span.end_char, m.actor.label, m.actor.id))
        return sorted(out)

    # -- streams ------------------------------------------------------------------------------
    def process_stream(self, docs: Iterable[Document], batch_size: int = DEFAULT_BATCH_SIZE,
                       n_process: int = 1,
                       min_confidence: float = 0.0,
                       on_warning: Callable[[str], None] | None = None
                       ) -> Iterator[DocumentResult]:
        """Stream documents through ``nlp.pipe`` (bounded memory) and extract from each.

        A very long document is parsed in chunks (:mod:`graphbuilder.limits`), with a one-line
        warning through ``on_warning`` (default: stderr), as is a document that took long."""
        warn = on_warning or _stderr_warning
        parts: list[tuple[int, DocumentResult]] = []
        started = time.monotonic()
        for parsed, (doc, offset, part, last) in self.nlp.pipe(
                _chunked(docs, warn), as_tuples=True, batch_size=batch_size,
                n_process=n_process):
            parts.append((offset, self.process(part, parsed, min_confidence)))
            if last:
                yield limits.merge_results(doc, parts)
                parts = []
                now = time.monotonic()
                if now - started > limits.SLOW_DOCUMENT_SECONDS:
                    warn(f"{doc.source or doc.id}: document {doc.id!r} took "
                         f"{now - started:.0f}s to extract")
                started = now

    # -- entities -----------------------------------------------------------------------------
    def _entities_and_links(self, doc, table: dict[int, Mention],
                            relations: list[Relation]) -> tuple[list[Entity], list[Link]]:
        """Entities that take part in a relation, with their aliases, and their country links."""
        used: dict[str, Entity] = {}
        for r in relations:
            for e in (r.source, r.target):
                prev = used.get(e.id)
                if prev is None:
                    used[e.id] = Entity(e.id, e.name, e.label, e.country, list(e.aliases), e.role)
                else:
                    prev.aliases = sorted(set(prev.aliases) | set(e.aliases))
        # every form an actor is written in, in this document, becomes an alias of its node
        for m in {id(m): m for m in table.values()}.values():
            e = used.get(m.actor.id)
            if e is not None and m.kind in {"name", "ner", "demonym", "group"}:
                forms = {alias_form(x) for x in [m.surface, *m.aliases, *written_forms(doc, m)]}
                e.aliases = sorted((set(e.aliases) | forms) - {""})
        # a relation's ends are the document's nodes, with all their aliases
        for r in relations:
            r.source, r.target = used[r.source.id], used[r.target.id]
        links: dict[str, Link] = {}
        for e in list(used.values()):
            if e.label == "Country" or not e.country:
                continue
            country = self.gazetteer.country(e.country)
            if country is None:
                continue
            c_ent = used.get(country.id) or Entity(country.id, country.name, "Country",
                                                   country.id, [country.name], None)
            used.setdefault(c_ent.id, c_ent)
            link_type = self._link_type(e)
            link = Link(e, c_ent, link_type)
            links[link.id] = link
        for e in used.values():  # a run-on "word" of thousands of letters is no alias
            e.aliases = [a for a in e.aliases if len(a) <= limits.MAX_ALIAS_CHARS]
        entities = sorted(used.values(), key=lambda e: e.id)
        return entities, sorted(links.values(), key=lambda lk: lk.id)

    def _link_type(self, e: Entity) -> str:
        if e.label == "Person":
            actor = self.gazetteer.get(e.id)
            if (actor is not None and actor.is_leader) or (
                    e.role == "GOV" and any(t in " ".join(e.aliases).lower()
                                            for t in LEADER_TITLES)):
                return "LEADER_OF"
            return "AFFILIATED_WITH"
        if e.label in {"Organization"} and e.role in STATE_ROLES:
            return "PART_OF"
        if e.label == "Location":
            return "PART_OF"
        return "AFFILIATED_WITH"


def _stderr_warning(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr, flush=True)


def _chunked(docs: Iterable[Document], warn: Callable[[str], None]) -> Iterator[tuple]:
    """(masked text, (document, offset, part, is last part)) for ``nlp.pipe``."""
    for doc in docs:
        parts = limits.chunk_documents(doc)
        if len(parts) > 1:
            warn(limits.chunk_warning(doc, len(parts)))
        for i, (offset, part) in enumerate(parts):
            yield (mask_dateline(part.text, part.body_start),
                   (doc, offset, part, i == len(parts) - 1))
