#!/usr/bin/env python3
"""Sample, split and validate the hand-annotated WCEP gold set.

The records of ``fixtures/wcep/wcep_2015-09.jsonl`` are chosen and split by a fixed hash, so the
choice is reproducible and independent of the extractor:

* **sample**: sort all record ids by ``sha1(id)`` (hex digest of the UTF-8 id) and take the first
  ``--size`` (default 200).
* **split**: a sampled record goes to ``wcep_dev.jsonl`` when ``int(sha1(id), 16)`` is even (its
  hex digest ends in 0, 2, 4, 6, 8, a, c or e), else to ``wcep_test.jsonl``.

Usage::

    python tools/wcep_gold_sample.py sample                # print the sample (id, date, text)
    python tools/wcep_gold_sample.py add BATCH.jsonl       # merge annotated records into the halves
    python tools/wcep_gold_sample.py check                 # validate both halves

``add`` reads annotated records ({"id", "date", "text", "relations"}), checks each against the
source file and the gold format of EVALUATION.md, and rewrites both halves (temp file + rename)
with all records kept in sample order. A record annotated again replaces its earlier version.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "fixtures" / "wcep" / "wcep_2015-09.jsonl"
DEV = ROOT / "fixtures" / "gold" / "wcep_dev.jsonl"
TEST = ROOT / "fixtures" / "gold" / "wcep_test.jsonl"
_CAMEO = re.compile(r"^[0-9]{2,4}$")
_ISO3 = re.compile(r"^[A-Z]{3}$")


def digest(record_id: str) -> str:
    """The sha1 hex digest of a record id, the key of both the sample order and the split."""
    return hashlib.sha1(record_id.encode("utf-8")).hexdigest()


def is_dev(record_id: str) -> bool:
    """True when the record belongs to the dev half (even hash), False for the test half."""
    return int(digest(record_id), 16) % 2 == 0


def load_source(path: Path = SOURCE) -> dict[str, dict]:
    """The WCEP records by id."""
    with path.open(encoding="utf-8") as handle:
        return {rec["id"]: rec for rec in map(json.loads, filter(str.strip, handle))}


def sample(records: dict[str, dict], size: int = 200) -> list[dict]:
    """The first ``size`` records in sha1(id) order."""
    return [records[i] for i in sorted(records, key=digest)[:size]]


def problems(record: dict, source: dict[str, dict]) -> list[str]:
    """What is wrong with one annotated record (empty when it is valid gold)."""
    found = []
    original = source.get(record.get("id"))
    if original is None:
        return [f"{record.get('id')}: not a record of {SOURCE.name}"]
    if record.get("text") != original["text"] or record.get("date") != original["date"]:
        found.append(f"{record['id']}: text or date differs from the source")
    if not isinstance(record.get("relations"), list):
        return found + [f"{record['id']}: relations must be a list"]
    for n, rel in enumerate(record["relations"], 1):
        where = f"{record['id']} relation {n}"
        for end in ("source", "target"):
            if not isinstance(rel.get(end), str) or not rel[end].strip():
                found.append(f"{where}: {end} must be a non-empty name")
            code = rel.get(f"{end}_country", "missing")
            if code is not None and not (isinstance(code, str) and _ISO3.match(code)):
                found.append(f"{where}: {end}_country must be ISO alpha-3 or null, not {code!r}")
        if not isinstance(rel.get("cameo"), str) or not _CAMEO.match(rel["cameo"]):
            found.append(f"{where}: cameo must be a string of 2-4 digits")
        if not isinstance(rel.get("negated"), bool):
            found.append(f"{where}: negated must be true or false")
        if not isinstance(rel.get("mutual", False), bool):
            found.append(f"{where}: mutual must be true or false")
    return found


def read_jsonl(path: Path) -> list[dict]:
    """The records of a JSONL file (none when it does not exist yet)."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def write_jsonl(path: Path, records: list[dict]) -> None:
    """Write records one per line, atomically (temp file + rename)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        for rec in records:
            handle.write(json.dumps(rec, ensure_ascii=False) + "\n")
    os.replace(tmp, path)


def add(batch: Path) -> int:
    """Merge annotated records into the two halves; 1 (and nothing written) on any problem."""
    source = load_source()
    order = {rec["id"]: n for n, rec in enumerate(sample(source))}
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
    return check_halves(DEV, TEST, is_dev, load_source())


def check_halves(dev: Path, test: Path, in_dev, source: dict) -> int:
    """Validate the dev and test halves of a gold sample against its ``source`` records (by
    id) and the split rule ``in_dev(id)``; print their counts; 1 on any problem."""
    status = 0
    for path, want_dev in ((dev, True), (test, False)):
        recs = read_jsonl(path)
        found = [p for rec in recs for p in problems(rec, source)]
        found += [f"{r['id']}: in the wrong half" for r in recs if in_dev(r["id"]) != want_dev]
        rels = sum(len(r["relations"]) for r in recs)
        empty = sum(not r["relations"] for r in recs)
        print(f"{path.name}: {len(recs)} records, {rels} relations, {empty} empty")
        if found:
            print("\n".join(found), file=sys.stderr)
            status = 1
    return status


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_sample = sub.add_parser("sample", help="print the sampled records as JSONL")
    p_sample.add_argument("--size", type=int, default=200)
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
