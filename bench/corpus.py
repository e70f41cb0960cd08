"""Shared benchmark corpus: distinct real sentences recomposed into many distinct documents.

Sources (all real text, read-only, in ``../shared``):

* ``data/wcep/wikitimes_CEP_2015-09.json``: the ``description`` of each WCEP news summary;
* ``data/re3d/*/documents.json``: the ``text`` of each re3d document (JSON Lines, maybe a BOM);
* ``gold/dev.jsonl`` and ``data/plover/plover_gsr_dev.jsonl``: the ``text`` of each gold record.

Texts are split into sentences with a simple regex (end punctuation followed by space and an
upper-case letter or a quote; line breaks), whitespace-normalised and deduplicated (exact
match), then fragments under :data:`MIN_WORDS` words are dropped. Together they hold about
33k distinct words, far fewer than a scale run needs, so :func:`compose` makes documents from
distinct *orders and combinations* of the distinct sentences: each pass over the sentence pool
is a fresh seeded shuffle, cut into documents of 10-30 sentences. Every document is distinct
(checked), but a sentence recurs once per pass, i.e. across documents. That is acceptable for
throughput and memory figures because nothing in graphbuilder caches results per sentence or
per text: every document is parsed and extracted afresh. :func:`sentence_stats` reports how
many distinct words the pool really holds.
"""
from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

#: Sentences shorter than this (in whitespace words) are dropped (headings, citation marks).
MIN_WORDS = 4

# End of sentence: . ! ? (optionally followed by a closing quote/bracket or a citation mark
# like [1]) then whitespace, then something that starts a sentence.
_SENT_END = re.compile(r"(?<=[.!?])(?:[\"'\u201d\u2019)\]]|\[\d+\])*"
                       r"\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Source:
    name: str
    texts: tuple[str, ...]


def _jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8-sig") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def load_sources(shared: Path = SHARED) -> list[Source]:
    """The raw texts of each source that exists (missing files are skipped)."""
    out: list[Source] = []
    wcep = shared / "data" / "wcep" / "wikitimes_CEP_2015-09.json"
    if wcep.exists():
        items = json.loads(wcep.read_text(encoding="utf-8-sig"))
        out.append(Source("wcep", tuple(str(i.get("description") or "") for i in items)))
    re3d = sorted((shared / "data" / "re3d").glob("*/documents.json"))
    if re3d:
        out.append(Source("re3d", tuple(str(o.get("text") or "")
                                        for p in re3d for o in _jsonl(p))))
    for name, rel in (("gold_dev", "gold/dev.jsonl"),
                      ("plover_dev", "data/plover/plover_gsr_dev.jsonl")):
        p = shared / rel
        if p.exists():
            out.append(Source(name, tuple(str(o.get("text") or "") for o in _jsonl(p))))
    return out


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text`` (regex split on end punctuation and on line breaks)."""
    out = []
    for block in re.split(r"\n+", text):
        for s in _SENT_END.split(block):
            s = _SPACE.sub(" ", s).strip()
            if len(s.split()) >= MIN_WORDS:
                out.append(s)
    return out


def distinct_sentences(sources: Iterable[Source]) -> list[str]:
    """Distinct sentences of all sources, in first-seen order (deterministic)."""
    seen: set[str] = set()
    out: list[str] = []
    for src in sources:
        for text in src.texts:
            for s in split_sentences(text):
                if s not in seen:
                    seen.add(s)
                    out.append(s)
    return out


def sentence_stats(sentences: list[str]) -> dict[str, int]:
    return {"distinct_sentences": len(sentences),
            "distinct_sentence_words": sum(len(s.split()) for s in sentences)}


def compose(sentences: list[str], words: int, seed: int, prefix: str = "bench",
            min_sents: int = 10, max_sents: int = 30,
            dates: tuple[str, ...] | None = None) -> list[dict]:
    """Distinct documents ``{id, date, text}`` totalling at least ``words`` whitespace words.

    Each pass shuffles the sentence pool with a generator seeded by ``seed`` and cuts it into
    documents of ``min_sents``-``max_sents`` sentences (a pass's tail shorter than
    ``min_sents`` is dropped); passes repeat until ``words`` is reached. A document identical
    to an earlier one (practically impossible) is skipped.
    """
    if not sentences:
        raise ValueError("no sentences: is ../shared present?")
    rng = random.Random(seed)
    dates = dates or tuple(f"2015-09-{d:02d}" for d in range(1, 31))
    docs: list[dict] = []
    seen: set[str] = set()
    total = 0
    n = 0
    pool = list(sentences)
    while total < words:
        rng.shuffle(pool)
        i = 0
        while i + min_sents <= len(pool) and total < words:
            k = rng.randint(min_sents, max_sents)
            chunk = pool[i:i + k]
            i += k
            text = " ".join(chunk)
            if text in seen:
                continue
            seen.add(text)
            docs.append({"id": f"{prefix}-{seed}-{n:06d}", "date": rng.choice(dates),
                         "text": text})
            n += 1
            total += len(text.split())
    return docs


def write_jsonl(docs: Iterable[dict], path: Path) -> int:
    """Write documents as JSON Lines (``graphbuilder extract`` input); return their count."""
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
            n += 1
    return n


def to_documents(docs: Iterable[dict]):
    """graphbuilder Documents (through the same reader path as a JSON Lines file)."""
    from graphbuilder.documents import make_document
    from graphbuilder.model import Document
    for d in docs:
        doc = make_document(d["id"], d["text"], "<bench>", date=d.get("date"))
        if isinstance(doc, Document):
            yield doc


if __name__ == "__main__":  # quick look at the pool
    srcs = load_sources()
    sents = distinct_sentences(srcs)
    print(json.dumps({**{s.name: len(s.texts) for s in srcs}, **sentence_stats(sents)}))
