"""The event a rule finds: a typed, keyword-built record turned into relations by the driver."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Token

from graphbuilder.mentions import Mention

#: The ``rule`` recorded on every relation (see graphbuilder/extract/__init__.py).
RuleName = Literal["active", "passive", "passive-reported", "passive-located", "protest",
                   "nominal", "reciprocal", "message", "evaluation", "obligation", "retaliation",
                   "backoff"]
#: Whether the event happened, will, is intended or expected, or was attempted.
Modality = Literal["asserted", "future", "intended", "expected", "attempted"]


@dataclass(kw_only=True)
class Event:
    """Sources act on targets by ``code`` (CAMEO); ``trigger`` is the verb or noun naming it."""

    trigger: Token
    code: str
    pattern: str
    specificity: int
    rule: RuleName
    sources: list[Mention]
    targets: list[Mention]
    negated: bool = False
    modality: Modality = "asserted"
    attribution: Mention | None = None   # speaker of the reporting clause
    bonus: float = 0.0          # added to the rule's base confidence (dictionary specificity)
    confidence: float = 0.0     # base + bonus, set by the driver from the rule table
    place: str | None = None    # country where the event happened (for bare local groups)
