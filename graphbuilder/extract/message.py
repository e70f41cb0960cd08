"""Messages: "In a message to X, Y said ..."."""
from __future__ import annotations

from spacy.tokens import Token

from graphbuilder.extract import codes as C
from graphbuilder.extract.arguments import actors_at, find_subject
from graphbuilder.extract.context import Context
from graphbuilder.extract.event import Event
from graphbuilder.extract.syntax import children
from graphbuilder.extract.words import MESSAGE_NOUNS


def message_event(noun: Token, ctx: Context) -> Event | None:
    """Rule ``message``: the subject of the clause a message to someone modifies makes a
    statement to them: "In a message to Xi, Kim said ...", "In a letter to the UN, Iran
    wrote ..." (CAMEO 010)."""
    if noun.lemma_.lower() not in MESSAGE_NOUNS:
        return None
    targets = []
    for p in children(noun, "prep"):
        if p.lower_ == "to":
            for o in children(p, "pobj"):
                targets = actors_at(o, ctx)
    if not targets:
        return None
    head = noun.head
    if head.dep_ == "prep":
        head = head.head
    if head.pos_ not in {"VERB", "AUX"}:
        return None
    sources, _ = find_subject(head, ctx)
    if not sources:
        return None
    return Event(trigger=noun, code=C.MAKE_STATEMENT, pattern="message to", specificity=1,
                 rule="message", sources=sources, targets=targets)
