"""Obligations: "X said Y must ..." is a demand of X on Y."""
from __future__ import annotations

from spacy.tokens import Token

from graphbuilder.extract import codes as C
from graphbuilder.extract.arguments import actors_at, find_speakers
from graphbuilder.extract.context import Context
from graphbuilder.extract.event import Event
from graphbuilder.extract.syntax import children
from graphbuilder.extract.words import OBLIGATION_AUX, REPORTING_VERBS
from graphbuilder.mentions import Mention


def obligation_event(verb: Token, ctx: Context) -> Event | None:
    """Rule ``obligation``: a speaker says someone must or should act, a demand of them:
    "Russia said Sudan must return the helicopter" (CAMEO 100)."""
    if verb.lemma_.lower() not in REPORTING_VERBS:
        return None
    speakers = find_speakers(verb, ctx)
    if not speakers:
        return None
    for comp in children(verb, "ccomp"):
        if not any(c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX for c in comp.children):
            continue
        targets: list[Mention] = []
        for subj in children(comp, "nsubj", "nsubjpass"):
            targets = actors_at(subj, ctx)
        if targets:
            return Event(trigger=comp, code=C.DEMAND_UNSPECIFIED, pattern="say * must",
                         specificity=1, rule="obligation", sources=speakers,
                         targets=targets)
    return None
