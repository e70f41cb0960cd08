"""Reciprocal events: coordinated actors acting on each other."""
from __future__ import annotations

from spacy.tokens import Token

from graphbuilder.extract import codes as C
from graphbuilder.extract.codes import root
from graphbuilder.extract.event import Event
from graphbuilder.extract.words import EXCHANGE_VERBS, RECIPROCAL_OBJECTS


def reciprocal_event(trigger: Token, code, pattern, spec, sources, negated, modality,
                attribution, ctx) -> Event | None:
    """Coordinated actors acting on each other: emit every ordered pair."""
    if len(sources) < 2:
        return None
    objs = [c for c in trigger.subtree if c.dep_ in {"dobj", "pobj", "npadvmod"}]
    recip = any(o.lemma_.lower() in RECIPROCAL_OBJECTS or o.lower_ == "other" for o in objs)
    recip = recip or any(t.lower_ in {"together", "jointly", "bilateral", "mutual", "each",
                                      "joint", "combined"} for t in trigger.subtree)
    recip = recip or trigger.lemma_.lower() in EXCHANGE_VERBS
    if not recip and root(code) not in C.SYMMETRIC_ROOTS:
        return None
    if recip and root(code) == C.AID:
        # "China and Russia flew a joint patrol of bombers": partners do not aid each
        # other, they cooperate (072 military aid -> 062 military cooperation)
        code = C.MATERIAL_COOPERATION + code[2:3] if code[2:3] in {"1", "2"} \
            else C.MATERIAL_COOPERATION_UNSPECIFIED
    if not recip and spec == 0 and root(code) not in C.RECIPROCAL_DEFAULT_ROOTS:
        return None     # "X and Y signed a deal to increase trade": "increase" is no joint act
    return Event(trigger=trigger, code=code, pattern=pattern, specificity=spec,
                 rule="reciprocal", sources=sources, targets=list(sources),
                 negated=negated, modality=modality, attribution=attribution)
