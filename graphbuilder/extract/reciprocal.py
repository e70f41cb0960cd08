"""Reciprocal events: coordinated actors acting on each other."""
from __future__ import annotations

from dataclasses import replace

from graphbuilder.extract import codes as C
from graphbuilder.extract.codes import root
from graphbuilder.extract.event import Event
from graphbuilder.extract.words import EXCHANGE_VERBS, JOINT_WORDS, RECIPROCAL_OBJECTS


def reciprocal_event(ev: Event) -> Event | None:
    """Rule ``reciprocal`` (the fallback of a verbal event without a target): coordinated
    sources act on each other, every ordered pair.

    "China and North Korea have supported each other" (05), "X and Y strengthened their ties",
    "Ukraine and Russia exchanged prisoners", "X and Y met" (04); a joint aid operation is
    cooperation ("flew a joint patrol": 072 -> 062)."""
    if len(ev.sources) < 2:
        return None
    trigger, code = ev.trigger, ev.code
    objs = [c for c in trigger.subtree if c.dep_ in {"dobj", "pobj", "npadvmod"}]
    recip = any(o.lemma_.lower() in RECIPROCAL_OBJECTS or o.lower_ == "other" for o in objs)
    recip = recip or any(t.lower_ in JOINT_WORDS for t in trigger.subtree)
    recip = recip or trigger.lemma_.lower() in EXCHANGE_VERBS
    if not recip and root(code) not in C.SYMMETRIC_ROOTS:
        return None
    if recip and root(code) == C.AID:
        # "China and Russia flew a joint patrol of bombers": partners do not aid each
        # other, they cooperate (072 military aid -> 062 military cooperation)
        code = C.MATERIAL_COOPERATION + code[2:3] if code[2:3] in {"1", "2"} \
            else C.MATERIAL_COOPERATION_UNSPECIFIED
    if not recip and ev.specificity == 0 and root(code) not in C.RECIPROCAL_DEFAULT_ROOTS:
        return None     # "X and Y signed a deal to increase trade": "increase" is no joint act
    return replace(ev, code=code, rule="reciprocal", targets=list(ev.sources), bonus=0.0)
