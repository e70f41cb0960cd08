"""Bound the work one document can cost: long texts are parsed in chunks.

Extraction looks at a document's sentences as a whole, so its cost grows faster than the text
for very long documents, most of all for text without sentence punctuation (a 232 KB
unpunctuated text took 202 s and 1 GB whole; 870 KB ran past 15 minutes). A document longer
than :data:`LONG_DOCUMENT_CHARS` is therefore parsed as chunks of at most :data:`CHUNK_CHARS`
characters, cut at a paragraph or sentence end when there is one, else at a space; the chunks'
results are merged into one result whose offsets point into the whole text. News articles are
far shorter than the threshold, so their output is unchanged.
"""
from __future__ import annotations

import re

from graphbuilder.model import Document, DocumentResult, Entity, FilteredRelation, Link, Relation

#: Documents longer than this are parsed in chunks (a long news article is ~ 20,000).
LONG_DOCUMENT_CHARS = 50_000
#: Largest chunk parsed at once.
CHUNK_CHARS = 5_000
#: Longest alias kept on an actor (the longest in the golden output has 74 characters).
MAX_ALIAS_CHARS = 200
#: A document that took longer than this gets a one-line warning.
SLOW_DOCUMENT_SECONDS = 30.0

_PARAGRAPH = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s")


def chunk_bounds(text: str, start: int = 0, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """(begin, end) offsets of consecutive chunks of ``text[start:]``, each at most ``size``
    characters, cut after the last paragraph break, else sentence end, else space in the
    second half of the window (a hard cut only for a run of ``size / 2`` non-spaces)."""
    bounds = []
    pos = start
    n = len(text)
    while pos < n:
        end = min(pos + size, n)
        if end < n:
            end = _cut(text, pos + size // 2, end) or end
        bounds.append((pos, end))
        pos = end
    return bounds


def _cut(text: str, lo: int, hi: int) -> int | None:
    """The best place to end a chunk within ``text[lo:hi]``, or None."""
    for pattern in (_PARAGRAPH, _SENTENCE_END):
        last = None
        for m in pattern.finditer(text, lo, hi):
            last = m.end()
        if last is not None:
            return last
    space = text.rfind(" ", lo, hi)
    return space + 1 if space >= 0 else None


def chunk_documents(doc: Document) -> list[tuple[int, Document]]:
    """(offset, part) pairs for a long document; ``[(0, doc)]`` for a normal one."""
    if len(doc.text) <= LONG_DOCUMENT_CHARS:
        return [(0, doc)]
    parts = []
    for i, (begin, end) in enumerate(chunk_bounds(doc.text)):
        head = doc.body_start if i == 0 else 0
        parts.append((begin, Document(id=doc.id, text=doc.text[begin:end], date=doc.date,
                                      title=doc.title, url=doc.url, source=doc.source,
                                      dateline=doc.dateline if i == 0 else None,
                                      body_start=head)))
    return parts


def merge_results(doc: Document, parts: list[tuple[int, DocumentResult]]) -> DocumentResult:
    """One result for ``doc`` from its chunks' results (relation offsets made global)."""
    if len(parts) == 1 and parts[0][0] == 0:
        return parts[0][1]
    entities: dict[str, Entity] = {}
    relations: list[Relation] = []
    filtered: list[FilteredRelation] = []
    links: dict[str, Link] = {}
    words = 0
    for offset, part in parts:
        words += part.words
        for e in part.entities:
            prev = entities.get(e.id)
            if prev is None:
                entities[e.id] = e
            else:
                prev.aliases = sorted(set(prev.aliases) | set(e.aliases))
        for r in part.relations + [f.relation for f in part.filtered]:
            r.start += offset
            r.end += offset
        relations += part.relations
        filtered += part.filtered
        for link in part.links:
            links.setdefault(link.id, link)
    for r in relations:  # a relation's ends are the document's nodes, with all their aliases
        r.source = entities.get(r.source.id, r.source)
        r.target = entities.get(r.target.id, r.target)
    return DocumentResult(doc_id=doc.id, content_hash=doc.content_hash, date=doc.date,
                          entities=sorted(entities.values(), key=lambda e: e.id),
                          relations=relations,
                          links=sorted(links.values(), key=lambda lk: lk.id),
                          source=doc.source, words=words, filtered=filtered)


def chunk_warning(doc: Document, chunks: int) -> str:
    """The one-line warning for a document parsed in chunks."""
    return (f"{doc.source or doc.id}: document {doc.id!r} has {len(doc.text):,} characters "
            f"(more than {LONG_DOCUMENT_CHARS:,}): parsed in {chunks} chunks of at most "
            f"{CHUNK_CHARS:,}, so relations across chunk boundaries are not found")
