"""Nominal events: event nouns with their agents and targets."""
from __future__ import annotations

from spacy.tokens import Token

from graphbuilder.extract import codes as C
from graphbuilder.extract.arguments import actors_at, find_subject, reporting_speaker
from graphbuilder.extract.codes import intent_code, root
from graphbuilder.extract.context import Context
from graphbuilder.extract.event import Event
from graphbuilder.extract.modality import modality_of
from graphbuilder.extract.syntax import children, noun_post, noun_pre, proposed
from graphbuilder.extract.targets import (
    deep_pp_target,
    physical_owner,
    verb_has_actors,
)
from graphbuilder.extract.words import (
    CONTAINER_NOUNS,
    DESTINED,
    EFFORT_NOUNS,
    LIGHT_VERBS,
    NOMINAL_LIGHT,
    NOUN_TARGET_PREPS,
    PHYSICAL_TARGETS,
    PROMISING_VERBS,
    RETALIATION_VERBS,
    REVERSAL_VERBS,
    TIME_PREPS,
    UNDERGO_VERBS,
)
from graphbuilder.mentions import Mention


def nominal_event(noun: Token, ctx: Context) -> Event | None:
    lemma = noun.lemma_.lower()
    nm = ctx.onto.noun(lemma, noun_post(noun), noun_pre(noun))
    of_event = None
    if nm is None and lemma in CONTAINER_NOUNS | NOMINAL_LIGHT:
        # "campaign of repression against X": the event is the of-complement
        # "X's tightening of export controls on Y", "the imposition of a curfew on Y"
        for p in children(noun, "prep"):
            if p.lower_ == "of":
                for o in children(p, "pobj"):
                    nm = ctx.onto.noun(o.lemma_.lower(), [], noun_pre(o))
                    of_event = o
    if nm is None and lemma in EFFORT_NOUNS:
        # "a mediation effort", "a peace mission": the event is the compound modifier
        for c in noun.lefts:
            if c.dep_ == "compound" and c.pos_ == "NOUN":
                nm = ctx.onto.noun(c.lemma_.lower()) or nm
    if nm is None:
        return None
    if any(proposed(a) for a in list(noun.ancestors)[:4]):
        return None  # "an offer to host talks between X and Y": only proposed
    if noun.dep_ in {"dobj", "nsubjpass"} and noun.head.lemma_.lower() in REVERSAL_VERBS:
        return None  # "lifted its veto", "ended the blockade": the reversal is the event
    head = noun.head
    # light verb with this noun as object: the verb rule handles it
    if noun.dep_ in {"dobj", "nsubjpass"} and head.lemma_.lower() in LIGHT_VERBS:
        if verb_has_actors(head, ctx):
            return None
    sources: list[Mention] = []
    for c in noun.children:
        if c.dep_ in {"poss", "compound", "nmod", "amod", "npadvmod"} and c.i in ctx.table:
            sources = actors_at(c, ctx)
        elif c.dep_ == "amod" and c.lower_.endswith("led"):
            # "U.S.-led sanctions"
            for g in c.children:
                if g.i in ctx.table:
                    sources = [ctx.table[g.i]]
        elif c.dep_ == "prep" and c.lower_ == "by":
            for o in children(c, "pobj"):
                sources = actors_at(o, ctx)
    if noun.i in ctx.table:
        return None  # the noun is itself an actor mention
    targets: list[Mention] = []
    target_preps = list(children(noun, "prep"))
    for b in target_preps[:]:
        if b.lower_ == "by":
            # "attacks by X on Y": the target PP is often parsed as the agent's modifier
            for o in children(b, "pobj"):
                target_preps += [q for q in children(o, "prep")
                                 if q.lower_ in {"on", "against", "upon"}]
    for p in target_preps + (
            list(children(of_event, "prep")) if of_event is not None else []):
        if p.lower_ in NOUN_TARGET_PREPS and not targets:
            for o in children(p, "pobj"):
                # "crackdown on protesters", "riots against Israeli policies"
                targets = actors_at(o, ctx)
                if not targets and root(nm.code) in C.FORCE_ROOTS and \
                        o.lemma_.lower() in PHYSICAL_TARGETS:
                    targets = physical_owner(o, ctx)  # "airstrikes on Houthi targets"
                if not targets and p.lower_ == "of":
                    # "a suspension of air links with Serbia"
                    targets = deep_pp_target(o, ctx, depth=1)
                if not targets:
                    for g in o.children:  # "over its nuclear program"
                        if g.dep_ == "poss" and g.i in ctx.table:
                            targets = [ctx.table[g.i]]
                        elif g.dep_ == "acl" and g.lemma_.lower() in DESTINED \
                                and not targets:
                            # "controls on goods bound for X": the destination
                            for q in children(g, "prep"):
                                if q.lower_ in {"for", "to"}:
                                    for r in children(q, "pobj"):
                                        targets = targets or actors_at(r, ctx)
    if not targets and root(nm.code) in C.CHARGE_ROOTS:
        # "Canada's allegation linking Indian agents to ...", "the accusation that X was
        # involved": whom the charge is about
        for c in noun.children:
            if c.dep_ == "acl" and c.tag_ == "VBG":
                targets = [a for d in children(c, "dobj")
                           for a in actors_at(d, ctx)]
            elif c.dep_ in {"acl", "ccomp"} and any(m.dep_ == "mark" and m.lower_ == "that"
                                                    for m in c.children):
                targets = [a for d in children(c, "nsubj", "nsubjpass")
                           for a in actors_at(d, ctx)]
            if targets:
                break
    governing = head if noun.dep_ in {"dobj", "pobj", "nsubjpass"} else None
    if governing is not None and governing.dep_ == "prep":
        # "offered talks following the invasion of X": a time adverbial is no argument
        governing = None if governing.lower_ in TIME_PREPS else governing.head
    if not targets and governing is not None and governing.pos_ == "VERB" and \
            governing.lemma_.lower() in UNDERGO_VERBS:
        targets, _ = find_subject(governing, ctx)
    if not sources and governing is not None and governing.pos_ == "VERB" and (
            governing.lemma_.lower() in LIGHT_VERBS or (
                governing.lemma_.lower() in RETALIATION_VERBS and head.lower_ == "with")):
        # "imposed sanctions", "responded with airstrikes on X": the verb's subject acts
        sources, _ = find_subject(governing, ctx)
    parties = [a for p in children(noun, "prep") if p.lower_ == "between"
               for o in children(p, "pobj") for a in actors_at(o, ctx)]
    if len(parties) >= 2 and not targets:
        # "a meeting between Trump and Zelensky", "a mediation effort between X and Y"
        ids = {a.actor.id for a in parties}
        third = [a for a in sources if a.actor.id not in ids and a.actor.label != "Location"]
        if not third and governing is not None and governing.pos_ == "VERB" and \
                governing.lemma_.lower() in LIGHT_VERBS:
            third = [a for a in find_subject(governing, ctx)[0]
                     if a.actor.id not in ids]
        attribution = reporting_speaker(noun, ctx)
        if third and (nm.code.startswith(C.MEDIATE) or root(nm.code) not in C.SYMMETRIC_ROOTS):
            return Event(trigger=noun, code=nm.code, pattern=nm.pattern,
                         specificity=nm.specificity, rule="nominal",
                         sources=third, targets=parties,
                         attribution=attribution)
        if root(nm.code) in C.SYMMETRIC_ROOTS:
            if governing is not None and governing.pos_ == "VERB" and \
                    len(find_subject(governing, ctx)[0]) >= 2:
                return None  # "X and Y agreed on a pact between the two": the verb's event
            return Event(trigger=noun, code=nm.code, pattern=nm.pattern,
                         specificity=nm.specificity, rule="reciprocal",
                         sources=parties, targets=list(parties),
                         attribution=attribution)
    if not sources or not targets:
        return None
    # a light verb's modality is its noun's ("will impose sanctions"); a verb judging the
    # event ("did not condemn Russia's invasion") says nothing about whether it happened
    modality, negated = (modality_of(governing) if governing is not None and
                         governing.pos_ == "VERB" and governing.lemma_.lower() in
                         LIGHT_VERBS | PROMISING_VERBS else ("asserted", False))
    attribution = reporting_speaker(noun, ctx)
    code = intent_code(nm.code, modality)
    return Event(trigger=noun, code=code, pattern=nm.pattern, specificity=nm.specificity,
                 rule="nominal", sources=sources, targets=targets, negated=negated,
                 modality=modality, attribution=attribution)
