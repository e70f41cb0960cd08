"""Run the phrasing probes of fixtures/probes/ through the extractor and report each one.

Usage: python tools/probe.py [fixtures/probes/backoff.tsv] [--failures]

A probe line is ``source<TAB>target<TAB>root<TAB>sentence``; it passes when a relation from
``source`` to ``target`` (compared by each end's country, or its id for a country) has that CAMEO
root.  The probes are a development aid: tests/test_probes.py keeps the count from falling.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import NamedTuple

DEFAULT = Path(__file__).resolve().parent.parent / "fixtures" / "probes" / "backoff.tsv"


class Probe(NamedTuple):
    """One probe sentence and the relation it must yield."""

    source: str
    target: str
    root: str
    text: str


def read_probes(path: Path = DEFAULT) -> list[Probe]:
    """The probes of a TSV file (``#`` lines are comments)."""
    out = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            s, t, r, text = line.split("\t", 3)
            out.append(Probe(s, t, r, text))
    return out


def end_key(entity) -> str:
    """How a probe names a relation end: a country by its id, anything else by its country."""
    return entity.id if entity.label == "Country" else (entity.country or entity.id)


def passes(probe: Probe, relations) -> bool:
    """True when one of ``relations`` is the probe's relation."""
    return any(end_key(r.source) == probe.source and end_key(r.target) == probe.target
               and r.cameo[:2] == probe.root for r in relations)


def main(argv: list[str]) -> int:
    from graphbuilder.pipeline import get_pipeline

    path = Path(next((a for a in argv if not a.startswith("--")), DEFAULT))
    pipe = get_pipeline()
    probes = read_probes(path)
    ok = 0
    for p in probes:
        rels = pipe.extract_text(p.text)
        good = passes(p, rels)
        ok += good
        if good and "--failures" in argv:
            continue
        got = "; ".join(f"{end_key(r.source)}-{r.cameo}/{r.rule}->{end_key(r.target)}"
                        for r in rels) or "-"
        print(f"{'ok ' if good else 'MISS'} {p.source}-{p.root}->{p.target} | {p.text} | {got}")
    print(f"{ok}/{len(probes)} probes pass")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
