"""Evaluations: labels, judgements and moods a speaker expresses about an actor."""
from __future__ import annotations

from spacy.tokens import Token

from graphbuilder.extract import codes as C
from graphbuilder.extract.arguments import action_owner, actors_at, find_speakers
from graphbuilder.extract.context import Context
from graphbuilder.extract.event import Event
from graphbuilder.extract.syntax import children
from graphbuilder.extract.targets import deep_pp_target
from graphbuilder.extract.words import (
    LABEL_VERBS,
    NEGATIVE_EVALUATION,
    OPTIMISTIC,
    PESSIMISTIC,
    POSITIVE_EVALUATION,
    REPORTING_VERBS,
)
from graphbuilder.mentions import Mention


def label_event(verb: Token, ctx: Context) -> Event | None:
    """Rule ``evaluation`` (label): a speaker labels the object an insult (CAMEO 111) or an
    accolade (051): "Maduro called Milei a fascist", "branded the group as terrorists"."""
    if verb.lemma_.lower() not in LABEL_VERBS:
        return None
    speakers = find_speakers(verb, ctx)
    if not speakers:
        return None
    return _labelled(verb, speakers, ctx)


def judgement_event(verb: Token, ctx: Context) -> Event | None:
    """Rule ``evaluation`` (judgement): the speaker judges someone's action in the reported
    clause, a criticism (CAMEO 111) or praise (051) of its owner: "X said Y's move was an
    unreasonable suppression", "Z dismissed the U.S. sanctions as illegal"; or is optimistic
    (013) or pessimistic (012) about someone: "X said he was optimistic about ties with Y"."""
    if verb.lemma_.lower() not in REPORTING_VERBS | LABEL_VERBS | {"dismiss", "slam"}:
        return None
    speakers = find_speakers(verb, ctx)
    if not speakers:
        return None
    for comp in children(verb, "ccomp"):
        evaluated: list[Mention] = []
        if comp.lemma_.lower() in REPORTING_VERBS:
            continue
        mood = _mood_event(comp, speakers, ctx)
        if mood is not None:
            return mood
        for subj in children(comp, "nsubj", "nsubjpass"):
            if subj.i in ctx.table and (ctx.table[subj.i].kind == "coref" or comp.lemma_ != "be"):
                continue  # an actor itself only when judged with a copula: "X is reckless"
            evaluated = action_owner(subj, ctx)
        if not evaluated:
            continue
        words = {t.lemma_.lower() for t in comp.subtree if t.dep_ not in {"nsubj", "poss"}}
        neg = any(c.dep_ == "neg" for c in comp.children)
        if words & NEGATIVE_EVALUATION and not neg:
            code = C.CRITICIZE
        elif words & POSITIVE_EVALUATION and not neg:
            code = C.PRAISE
        else:
            continue
        return Event(trigger=comp, code=code, pattern="say * " + comp.lemma_.lower(),
                     specificity=1, rule="evaluation", sources=speakers,
                     targets=evaluated)
    return None



def _labelled(verb: Token, speakers: list[Mention], ctx: Context) -> Event | None:
    """The label event of a label verb whose speakers are known."""
    args = [c for c in verb.children if c.dep_ in {"dobj", "oprd", "attr", "ccomp", "xcomp"}]
    args += [o for p in children(verb, "prep") if p.lower_ == "as"
             for o in children(p, "pobj")]
    labelled = [a for c in args if c.dep_ in {"dobj", "oprd"} for a in actors_at(c, ctx)]
    words = {t.lemma_.lower() for c in args if not actors_at(c, ctx)
             for t in c.subtree}
    if not labelled or not words:
        return None
    code = C.CRITICIZE if words & NEGATIVE_EVALUATION else C.PRAISE if words & POSITIVE_EVALUATION \
        else None
    if code is None or any(c.dep_ == "neg" for c in verb.children):
        return None
    return Event(trigger=verb, code=code, pattern=f"{verb.lemma_.lower()} * label",
                 specificity=1, rule="evaluation", sources=speakers,
                 targets=labelled[:1])



def _mood_event(comp: Token, speakers: list[Mention], ctx: Context) -> Event | None:
    """"X said he was cautiously optimistic about relations with Y": an optimistic (013)
    or pessimistic (012) comment about Y."""
    for adj in children(comp, "acomp"):
        low = adj.lemma_.lower()
        code = C.OPTIMISTIC_COMMENT if low in OPTIMISTIC else \
            C.PESSIMISTIC_COMMENT if low in PESSIMISTIC else None
        if code is None or any(c.dep_ == "neg" for c in comp.children):
            continue
        for prep in children(adj, "prep"):
            if prep.lower_ not in {"about", "on", "over", "regarding", "for"}:
                continue
            for p in children(prep, "pobj"):
                about = actors_at(p, ctx) or deep_pp_target(p, ctx, 1)
                if about:
                    return Event(trigger=comp, code=code, pattern=f"say * {low} about",
                                 specificity=1, rule="evaluation",
                                 sources=speakers, targets=about)
    return None
