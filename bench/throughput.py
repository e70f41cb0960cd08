"""Throughput of `graphbuilder extract` against bare spaCy, in one process on the same text.

    python bench/throughput.py --json

Corpus: the WCEP news summaries in ../shared/data/wcep (real text, each distinct) plus the
sample articles in fixtures/. Both runs use the same model object and batch size; each is run
twice, alternating, and the faster run of each counts (the first run of a process pays for
warm-up). Nothing caches results of repeated text: every document is parsed afresh.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graphbuilder.documents import make_document, read_inputs  # noqa: E402
from graphbuilder.model import Document  # noqa: E402
from graphbuilder.nlp import mask_dateline  # noqa: E402
from graphbuilder.pipeline import Pipeline  # noqa: E402


def corpus(wcep: Path, fixtures: Path) -> list[Document]:
    """Distinct real documents: WCEP summaries and fixture articles."""
    docs: list[Document] = []
    seen: set[str] = set()
    if wcep.exists():
        for n, item in enumerate(json.loads(wcep.read_text(encoding="utf-8"))):
            text = (item.get("description") or "").strip()
            if text and text not in seen:
                seen.add(text)
                doc = make_document(f"wcep-{item.get('id', n)}", text, str(wcep),
                                    date=item.get("date"))
                if isinstance(doc, Document):
                    docs.append(doc)
    for doc in read_inputs([str(fixtures)]):
        if isinstance(doc, Document) and doc.text not in seen:
            seen.add(doc.text)
            docs.append(doc)
    return docs


def run_spacy(pipe: Pipeline, docs: list[Document], batch_size: int) -> tuple[float, int]:
    t0 = time.perf_counter()
    words = 0
    for parsed in pipe.nlp.pipe((mask_dateline(d.text, d.body_start) for d in docs),
                                batch_size=batch_size):
        words += len(parsed)
    return time.perf_counter() - t0, words


def run_extract(pipe: Pipeline, docs: list[Document], batch_size: int) -> tuple[float, int, int]:
    t0 = time.perf_counter()
    words = relations = 0
    for result in pipe.process_stream(docs, batch_size=batch_size):
        words += result.words
        relations += len(result.relations)
    return time.perf_counter() - t0, words, relations


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wcep", type=Path,
                    default=ROOT.parent / "shared" / "data" / "wcep" / "wikitimes_CEP_2015-09.json")
    ap.add_argument("--fixtures", type=Path, default=ROOT / "fixtures" / "articles")
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--model", default=None)
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args()

    docs = corpus(args.wcep, args.fixtures)
    pipe = Pipeline(model=args.model)
    run_extract(pipe, docs[:20], args.batch_size)  # warm-up: lazy tables, first batches
    spacy_times, extract_times = [], []
    relations = 0
    for _ in range(2):
        t, words = run_spacy(pipe, docs, args.batch_size)
        spacy_times.append(t)
        t, words_x, relations = run_extract(pipe, docs, args.batch_size)
        extract_times.append(t)
    spacy_wps = words / min(spacy_times)
    extract_wps = words_x / min(extract_times)
    result = {"documents": len(docs), "words": words, "relations": relations,
              "spacy_wps": round(spacy_wps, 1), "extract_wps": round(extract_wps, 1),
              "ratio": round(extract_wps / spacy_wps, 3)}
    if args.json:
        print(json.dumps(result))
    else:
        for k, v in result.items():
            print(f"{k:>12}: {v}")


if __name__ == "__main__":
    main()
