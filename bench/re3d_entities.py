"""Actor-mention recall of the pipeline on the re3d entity annotations.

    python bench/re3d_entities.py                 # summary table
    python bench/re3d_entities.py --misses 15     # + the 15 most frequent misses per type
    python bench/re3d_entities.py --json          # one JSON object

Gold: ``../shared/data/re3d/*/entities.json`` (JSON Lines, read with ``utf-8-sig``: the files
may start with a BOM), entity mentions of type Person, Organisation, Location and Nationality
with character offsets into ``documents.json`` ``text``. Relations are ignored, and so is the
one annotation that covers only whitespace.

Entity ``confidence`` is re3d's IBCC crowd-consensus probability that the annotation is right
(0..1; about two thirds are 1, a quarter are 0: mostly the rejected alternative of a nested or
overlapping annotation, e.g. "Security Council" inside the accepted "The Members of the
Security Council"). By default only mentions with confidence >= 0.5 are gold (the threshold
the dataset notes recommend); ``--min-confidence 0`` keeps every annotation. Identical
(begin, end, type) duplicates count once.

Prediction: :meth:`graphbuilder.pipeline.Pipeline.mention_spans` on each document text with
date None (actor mentions without coreference; character spans).

Matching rules (a gold mention is *found*...):

* ``recall`` (overlap): when some predicted span shares at least one character with it
  (``pred.start < gold.end and gold.start < pred.end``), whatever the predicted label;
* ``strict_recall``: when some predicted span has exactly its start and end offsets;
* ``strict_recall_nodet``: strict after stripping a leading "the"/"The " and trailing
  punctuation/whitespace from both spans (re3d often includes the article: "The United
  States").

A predicted span may match several gold mentions (re3d has overlapping annotations).
``by_type`` gives the same figures per re3d type plus the predicted labels of the matches.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

RE3D = ROOT.parent / "shared" / "data" / "re3d"
TYPES = ("Person", "Organisation", "Location", "Nationality")
TARGET = 0.80
#: Gold mentions that are bare pronouns: ``mention_spans`` leaves out coreference mentions by
#: design, so these can never be found; ``recall_no_pronouns`` leaves them out of the gold.
PRONOUNS = {"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves", "you",
            "your", "yours", "he", "him", "his", "himself", "she", "her", "hers", "herself",
            "it", "its", "itself", "they", "them", "their", "theirs", "themselves"}
#: spaCy NER labels that --baseline counts as actor mentions.
NER_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}


@dataclass(frozen=True)
class Gold:
    doc: str
    start: int
    end: int
    type: str
    value: str
    confidence: float


def _jsonl(path: Path):
    with path.open(encoding="utf-8-sig") as fh:
        for n, line in enumerate(fh, start=1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise SystemExit(f"{path}:{n}: malformed JSON ({exc.msg})") from None


def load_re3d(root: Path, min_confidence: float) -> tuple[dict[str, str], dict[str, list[Gold]]]:
    """(document texts by id, gold mentions by document id)."""
    texts: dict[str, str] = {}
    gold: dict[str, list[Gold]] = defaultdict(list)
    dirs = sorted(p for p in root.iterdir() if (p / "documents.json").exists())
    if not dirs:
        raise SystemExit(f"no re3d documents under {root}")
    for d in dirs:
        for o in _jsonl(d / "documents.json"):
            texts[o["_id"]] = o["text"]
        ents = d / "entities.json"
        if not ents.exists():
            continue
        seen = set()
        for o in _jsonl(ents):
            if o.get("type") not in TYPES or float(o.get("confidence", 1)) < min_confidence:
                continue
            key = (o["documentId"], int(o["begin"]), int(o["end"]), o["type"])
            if key in seen or o["documentId"] not in texts:
                continue
            seen.add(key)
            text = texts[o["documentId"]]
            if not text[key[1]:key[2]].strip():
                continue                      # an annotation of whitespace only (1 in re3d)
            gold[o["documentId"]].append(Gold(o["documentId"], key[1], key[2], key[3],
                                              text[key[1]:key[2]],
                                              float(o.get("confidence", 1))))
    return texts, gold


def _norm(text: str, start: int, end: int) -> tuple[int, int]:
    """Span without a leading article and trailing punctuation/space."""
    s = text[start:end]
    for art in ("the ", "The ", "THE "):
        if s.startswith(art):
            start += len(art)
            s = s[len(art):]
            break
    stripped = s.rstrip(" \t\n.,;:'\"\u2019\u201d")
    lead = len(s) - len(s.lstrip())
    return start + lead, start + len(stripped)


def score(texts: dict[str, str], gold: dict[str, list[Gold]], predict) -> dict:
    """Match predictions against gold; ``predict(text)`` -> [(start, end, label, id)]."""
    per = {t: Counter() for t in TYPES}
    labels = {t: Counter() for t in TYPES}
    misses = {t: Counter() for t in TYPES}
    examples: dict[tuple[str, str], str] = {}
    pred_total = pred_on_gold = 0
    for doc_id in sorted(gold):
        text = texts[doc_id]
        preds = predict(text)
        pred_total += len(preds)
        pred_norm = {_norm(text, s, e) for s, e, _, _ in preds}
        exact = {(s, e) for s, e, _, _ in preds}
        for s, e, _, _ in preds:
            if any(s < g.end and g.start < e for g in gold[doc_id]):
                pred_on_gold += 1
        for g in gold[doc_id]:
            c = per[g.type]
            c["gold"] += 1
            pron = g.value.strip().lower() in PRONOUNS
            c["pronouns"] += pron
            hits = [p for p in preds if p[0] < g.end and g.start < p[1]]
            if hits:
                c["found"] += 1
                c["found_pronouns"] += pron
                labels[g.type][hits[0][2]] += 1
            else:
                surface = " ".join(g.value.split())
                misses[g.type][surface] += 1
                if (g.type, surface) not in examples:
                    a, b = max(0, g.start - 60), min(len(text), g.end + 60)
                    ctx = " ".join((text[a:g.start] + "[[" + text[g.start:g.end] + "]]"
                                    + text[g.end:b]).split())
                    examples[(g.type, surface)] = ctx
            if (g.start, g.end) in exact:
                c["strict"] += 1
            if _norm(text, g.start, g.end) in pred_norm:
                c["strict_nodet"] += 1

    def ratio(a: int, b: int) -> float | None:
        return round(a / b, 4) if b else None

    tot = sum((per[t] for t in TYPES), Counter())
    by_type = {t: {"gold": per[t]["gold"], "found": per[t]["found"],
                   "recall": ratio(per[t]["found"], per[t]["gold"]),
                   "recall_no_pronouns": ratio(per[t]["found"] - per[t]["found_pronouns"],
                                               per[t]["gold"] - per[t]["pronouns"]),
                   "strict_recall": ratio(per[t]["strict"], per[t]["gold"]),
                   "strict_recall_nodet": ratio(per[t]["strict_nodet"], per[t]["gold"]),
                   "predicted_labels": dict(labels[t].most_common())}
               for t in TYPES}
    return {"recall": ratio(tot["found"], tot["gold"]),
            "recall_no_pronouns": ratio(tot["found"] - tot["found_pronouns"],
                                        tot["gold"] - tot["pronouns"]),
            "strict_recall": ratio(tot["strict"], tot["gold"]),
            "strict_recall_nodet": ratio(tot["strict_nodet"], tot["gold"]),
            "gold": tot["gold"], "found": tot["found"], "strict_found": tot["strict"],
            "gold_pronouns": tot["pronouns"],
            "by_type": by_type,
            "documents": len(gold), "predicted_spans": pred_total,
            "predicted_overlapping_gold": pred_on_gold,
            "_misses": misses, "_examples": examples}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--re3d", type=Path, default=RE3D, help="re3d folder (default: %(default)s)")
    ap.add_argument("--min-confidence", type=float, default=0.5,
                    help="keep gold mentions with confidence >= this (default 0.5; 0 = all)")
    ap.add_argument("--model", default=None, help="spaCy model (default: graphbuilder's)")
    ap.add_argument("--misses", type=int, default=0, metavar="N",
                    help="print the N most frequent missed mentions per type")
    ap.add_argument("--baseline", action="store_true",
                    help="also score bare spaCy NER (PERSON ORG GPE NORP LOC FAC) for reference")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args(argv)

    from graphbuilder.pipeline import Pipeline
    texts, gold = load_re3d(args.re3d, args.min_confidence)
    pipe = Pipeline(model=args.model)
    t0 = time.perf_counter()
    report = score(texts, gold, lambda text: pipe.mention_spans(text, None))
    elapsed = time.perf_counter() - t0
    misses, examples = report.pop("_misses"), report.pop("_examples")
    report.update({"min_confidence": args.min_confidence, "target_recall": TARGET,
                   "matching": "overlap >= 1 char (any label); strict = same offsets",
                   "seconds": round(elapsed, 1)})
    if args.baseline:
        base = score(texts, gold, lambda text: [(e.start_char, e.end_char, e.label_, "")
                                                for e in pipe.nlp(text).ents
                                                if e.label_ in NER_LABELS])
        report["spacy_ner_baseline"] = {k: base[k] for k in (
            "recall", "recall_no_pronouns", "strict_recall", "predicted_spans")}
        report["spacy_ner_baseline"]["by_type_recall"] = {
            t: base["by_type"][t]["recall"] for t in TYPES}
    if args.misses:
        report["misses"] = {t: [{"text": s, "count": n, "example": examples[(t, s)]}
                                for s, n in misses[t].most_common(args.misses)]
                            for t in TYPES}
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
        return 0
    print(f"re3d actor mentions: {report['gold']} gold in {report['documents']} documents "
          f"(types {', '.join(TYPES)}; confidence >= {args.min_confidence})")
    print(f"recall (overlap) {report['recall']:.3f}  [{report['found']}/{report['gold']}]  "
          f"target {TARGET:.2f}: {'met' if report['recall'] >= TARGET else 'NOT met'}")
    print(f"recall without the {report['gold_pronouns']} pronoun mentions (I, we, he, ...; "
          f"mention_spans leaves out coreference) {report['recall_no_pronouns']:.3f}")
    print(f"strict recall (same offsets) {report['strict_recall']:.3f}; ignoring a leading "
          f"'the' {report['strict_recall_nodet']:.3f}")
    print(f"predicted spans {report['predicted_spans']}, "
          f"{report['predicted_overlapping_gold']} overlap a gold mention")
    if args.baseline:
        b = report["spacy_ner_baseline"]
        print(f"bare spaCy NER for reference: recall {b['recall']:.3f}, without pronouns "
              f"{b['recall_no_pronouns']:.3f}, strict {b['strict_recall']:.3f}")

    def f3(x: float | None) -> str:
        return "-" if x is None else f"{x:.3f}"

    print(f"{'type':<14}{'gold':>6}{'found':>7}{'recall':>8}{'no-pron':>8}{'strict':>8}"
          "  predicted labels of matches")
    for t, r in report["by_type"].items():
        print(f"{t:<14}{r['gold']:>6}{r['found']:>7}{f3(r['recall']):>8}"
              f"{f3(r['recall_no_pronouns']):>8}{f3(r['strict_recall']):>8}  "
              + ", ".join(f"{k} {v}" for k, v in r["predicted_labels"].items()))
    if args.misses:
        for t in TYPES:
            print(f"\nmost frequent misses: {t}")
            for m in report["misses"][t]:
                print(f"  {m['count']:>3}x {m['text']!r}: {m['example']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
