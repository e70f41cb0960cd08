"""Retaliation: a threatened response to someone's action."""
from __future__ import annotations

from spacy.tokens import Token

from graphbuilder.extract import codes as C
from graphbuilder.extract.arguments import action_owner, find_subject, reporting_speaker
from graphbuilder.extract.context import Context
from graphbuilder.extract.event import Event
from graphbuilder.extract.modality import modality_of
from graphbuilder.extract.syntax import children
from graphbuilder.extract.words import RETALIATION_VERBS
from graphbuilder.mentions import Mention


def retaliation_event(verb: Token, ctx: Context) -> Event | None:
    """Rule ``retaliation``: a promised counter-action is a threat against the author of the
    action responded to: "China will take measures to respond to the U.S. blacklisting",
    "Moscow vowed to retaliate against Sweden's accession" (CAMEO 130); asserted
    counter-actions keep their own code through the verbal rule."""
    if verb.lemma_.lower() not in RETALIATION_VERBS:
        return None
    targets: list[Mention] = []
    for prep in children(verb, "prep"):
        if prep.lower_ in {"to", "against", "for"}:
            for p in children(prep, "pobj"):
                targets = action_owner(p, ctx)
    if not targets:
        return None
    modality, negated = modality_of(verb)
    head = verb.head if verb.dep_ in {"advcl", "xcomp", "acl", "relcl"} else verb
    if head.pos_ != "VERB" and head.head.pos_ == "VERB":
        head = head.head
    if modality == "asserted":
        modality, negated = modality_of(head)
    if modality not in {"future", "intended"}:
        return None
    sources, _ = find_subject(verb, ctx)
    if not sources:
        return None
    return Event(trigger=verb, code=C.THREATEN_UNSPECIFIED,
                 pattern=verb.lemma_.lower() + " * (to)", specificity=1,
                 rule="retaliation", sources=sources, targets=targets,
                 negated=negated, modality=modality,
                 attribution=reporting_speaker(verb, ctx))
