#!/usr/bin/env python3
"""Sample, split and validate the hand-annotated re3d gold set (a developer tool only).

The sentences come from the re3d documents (``../shared/data/re3d/<folder>/documents.json``, real
defence and foreign-affairs text). The package never reads ``../shared`` at run time; only this
tool does, to reproduce the choice of sentences.

* **sentences**: each document's text is cut into paragraphs at line breaks and each paragraph
  into sentences after ``.``, ``!`` or ``?`` (plus closing quotes, brackets and ``[n]`` citation
  marks) followed by white space and a capital, digit or opening quote, except after a known
  abbreviation (``Mr.``, ``Gen.``, ``Sgt.`` ...) or an initial (``U.S.``). Sentence ``n`` (counted
  from 1) of document ``<doc>`` (its ``_id``) in folder ``<folder>`` has the record id
  ``re3d-<folder>-<doc>-<n>``. re3d gives no document dates, so every ``date`` is null.
* **sample**: sort all sentence ids by ``sha1(id)`` (hex digest of the UTF-8 id) and take the first
  ``--size`` (default 180) whose text is at least 8 words long (white-space separated).
* **split**: a sampled record goes to ``re3d_dev.jsonl`` when the last hex digit of ``sha1(id)`` is
  0-7, else (8-f) to ``re3d_test.jsonl``.

Usage::

    python tools/re3d_gold_sample.py sample                # print the sample (id, date, text)
    python tools/re3d_gold_sample.py add BATCH.jsonl       # merge annotated records into the halves
    python tools/re3d_gold_sample.py check                 # validate both halves

``add`` and ``check`` use the gold-format checks of ``wcep_gold_sample.py``.

Conventions decided for this set (on top of EVALUATION.md and the gold annotation notes):

* An actor named only by a pronoun or a description the sentence cannot resolve ("we", "I",
  "she", "the 2 leaders", "the secretary") is not annotated; "you" is, when the sentence names
  whom it addresses. A strike report with no named striker ("one strike destroyed ...") has no
  relation; strikes by the coalition are 195 against ISIL.
* Names: ISIL / ISIS / Daesh / Da'esh = "Islamic State of Iraq and the Levant" (null); the
  anti-ISIL coalition, its forces and CJTF-OIR = "Global Coalition against Daesh" (null); the
  2003-2011 coalition = "Coalition forces in Iraq" (null); "Government of Iraq" = "Iraq"; the
  UK's Foreign Secretary unnamed = "British Foreign Secretary".
* "reiterates / steadfast in its support for X" is 051; "committed to support / assisting X" is
  030; "supported forces in retaking ..." and "aided by support from" are 072; "coordinated
  strikes with X" is 062 (mutual); "met" is 040 (mutual).
* Condemning an attack is 111 only when the perpetrator is named; harm to civilians with a named
  perpetrator ("at the hands of", "atrocities ... perpetrated", "brutality") is 180, bombings 183.
* Taking or liberating a city is annotated only against a named holder ("from ISIL control");
  a city alone is a place. Reward offers for information are not coded.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from wcep_gold_sample import (  # noqa: E402
    check_halves,
    digest,
    problems,
    read_jsonl,
    write_jsonl,
)

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data" / "re3d"
DEV = ROOT / "fixtures" / "gold" / "re3d_dev.jsonl"
TEST = ROOT / "fixtures" / "gold" / "re3d_test.jsonl"
MIN_WORDS = 8

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "no", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "spc",
    "cpl", "pvt", "pfc", "adm", "brig", "cmdr", "gov", "sen", "rep", "jr", "sr", "inc", "co",
    "ltd", "vs", "etc", "e.g", "i.e", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct",
    "nov", "dec", "approx", "ft", "mt",
}
# a sentence end: terminal punctuation, optional closers and citation marks, then white space
# and the start of the next sentence
_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*(?:\[\d+\])*\s+(?=[A-Z0-9\"“‘(\[])")
_LAST_WORD = re.compile(r"(\S+)$")
_INITIALS = re.compile(r"^(?:[A-Za-z]\.)*[A-Za-z]$")


def _is_abbreviation(before: str) -> bool:
    """True when the text before a full stop ends in an abbreviation or an initial."""
    match = _LAST_WORD.search(before)
    if not match:
        return False
    word = match.group(1).lstrip("(\"“‘'")
    return word.lower() in _ABBREVIATIONS or bool(_INITIALS.match(word))


def split_sentences(text: str) -> list[str]:
    """The sentences of one document text, in order, stripped, empty pieces dropped."""
    sentences = []
    for paragraph in text.splitlines():
        start = 0
        for match in _BOUNDARY.finditer(paragraph):
            if paragraph[match.start()] == "." and _is_abbreviation(paragraph[start:match.start()]):
                continue
            sentences.append(paragraph[start:match.end()].strip())
            start = match.end()
        sentences.append(paragraph[start:].strip())
    return [s for s in sentences if s]


def is_dev(record_id: str) -> bool:
    """True when the record belongs to the dev half (last hex digit of sha1(id) in 0-7)."""
    return int(digest(record_id)[-1], 16) < 8


def load_source(root: Path = SHARED) -> dict[str, dict]:
    """Every re3d sentence as a record {id, date, text}, by id."""
    records = {}
    for docs in sorted(root.glob("*/documents.json")):
        folder = docs.parent.name
        with docs.open(encoding="utf-8-sig") as handle:
            for doc in map(json.loads, filter(str.strip, handle)):
                for n, sentence in enumerate(split_sentences(doc["text"]), 1):
                    rid = f"re3d-{folder}-{doc['_id']}-{n}"
                    records[rid] = {"id": rid, "date": None, "text": sentence}
    return records


def sample(records: dict[str, dict], size: int = 180) -> list[dict]:
    """The first ``size`` records of at least MIN_WORDS words, in sha1(id) order."""
    long_enough = (i for i in sorted(records, key=digest) if len(records[i]["text"].split()) >= MIN_WORDS)
    return [records[i] for i, _ in zip(long_enough, range(size))]


def add(batch: Path) -> int:
    """Merge annotated records into the two halves; 1 (and nothing written) on any problem."""
    chosen = sample(load_source())
    source = {rec["id"]: rec for rec in chosen}
    order = {rec["id"]: n for n, rec in enumerate(chosen)}
    merged = {rec["id"]: rec for rec in read_jsonl(DEV) + read_jsonl(TEST)}
    found = []
    for rec in read_jsonl(batch):
        if rec.get("id") not in order:
            found.append(f"{rec.get('id')}: not in the sample")
            continue
        found += problems(rec, source)
        merged[rec["id"]] = {k: rec[k] for k in ("id", "date", "text", "relations")}
    if found:
        print("\n".join(found), file=sys.stderr)
        return 1
    ordered = sorted(merged.values(), key=lambda r: order[r["id"]])
    write_jsonl(DEV, [r for r in ordered if is_dev(r["id"])])
    write_jsonl(TEST, [r for r in ordered if not is_dev(r["id"])])
    return 0


def check() -> int:
    """Validate both halves and print their counts; 1 on any problem."""
    return check_halves(DEV, TEST, is_dev, {rec["id"]: rec for rec in sample(load_source())})


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_sample = sub.add_parser("sample", help="print the sampled records as JSONL")
    p_sample.add_argument("--size", type=int, default=180)
    p_add = sub.add_parser("add", help="merge an annotated batch into the two halves")
    p_add.add_argument("batch", type=Path)
    sub.add_parser("check", help="validate both halves")
    args = parser.parse_args(argv)
    if args.command == "sample":
        for rec in sample(load_source(), args.size):
            print(json.dumps(rec, ensure_ascii=False))
        return 0
    if args.command == "add":
        return add(args.batch)
    return check()


if __name__ == "__main__":
    sys.exit(main())
