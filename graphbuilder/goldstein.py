"""Goldstein scores of CAMEO event codes (Goldstein 1992, as adapted for CAMEO by GDELT).

The table ``graphbuilder/data/goldstein.tsv`` is GDELT's ``CAMEO.goldsteinscale.txt`` (source and
licence in ``graphbuilder/data/NOTICE``): one score from -10 (most conflictual) to +10 (most
cooperative) per CAMEO code. A code missing from the table takes the score of its longest listed
prefix ("0431" -> "043"), as GDELT does for codes coded below the table's depth.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

_TABLE = "goldstein.tsv"


@lru_cache(maxsize=1)
def table() -> dict[str, float]:
    """The CAMEO code -> Goldstein score table (read once)."""
    text = resources.files("graphbuilder.data").joinpath(_TABLE).read_text(encoding="utf-8")
    scores: dict[str, float] = {}
    for line in text.splitlines()[1:]:
        code, _, value = line.partition("\t")
        if code.strip():
            scores[code.strip()] = float(value)
    return scores


def goldstein(cameo: str | None) -> float | None:
    """Goldstein score of a CAMEO code, or None for a code the table does not cover.

    >>> goldstein("163")      # impose embargo, boycott, or sanctions
    -8.0
    >>> goldstein("0431")     # not in the table: its parent 043 (make a visit)
    2.8
    >>> goldstein("99") is None
    True
    """
    code = str(cameo or "").strip()
    scores = table()
    for n in range(len(code), 1, -1):
        if code[:n] in scores:
            return scores[code[:n]]
    return None
