"""Nominal events: event nouns with their agents and targets."""
from __future__ import annotations

from spacy.tokens import Token

from graphbuilder.extract import codes as C
from graphbuilder.extract.arguments import actors_at, find_subject, reporting_speaker
from graphbuilder.extract.backoff import is_backoff, nominal_backoff
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
from graphbuilder.ontology import VerbMatch


def nominal_event(noun: Token, ctx: Context) -> Event | None:
    """Rule ``nominal``: an event noun with its agents (possessor, compound, "-led", "by") and
    targets (its prepositional objects); ``reciprocal`` for a joint event "between" parties.

    "the U.S. blacklisting of Chinese companies", "U.S.-led sanctions", "Washington's
    sanctions on Tehran" (16), "airstrikes on Houthi targets" (19), "a meeting between Trump
    and Zelensky" (04, reciprocal), "Qatar's mediation between X and Y" (045): any root the
    noun dictionary gives, an intent (03x) when a light verb only promises it."""
    nm, of_event = _noun_match(noun, ctx)
    if nm is None or noun.i in ctx.table or _not_nominal(noun, ctx):
        return None
    sources = _noun_agents(noun, ctx)
    targets = _noun_targets(noun, nm, of_event, ctx) or _charged(noun, nm, ctx)
    governing = _governing_verb(noun)
    if not targets and governing is not None and governing.lemma_.lower() in UNDERGO_VERBS:
        targets, _ = find_subject(governing, ctx)
    if not sources and governing is not None and (
            governing.lemma_.lower() in LIGHT_VERBS or (
                governing.lemma_.lower() in RETALIATION_VERBS and noun.head.lower_ == "with")):
        # "imposed sanctions", "responded with airstrikes on X": the verb's subject acts
        sources, _ = find_subject(governing, ctx)
    if not targets:
        done, ev = _between_parties(noun, nm, sources, governing, ctx)
        if done:
            return ev
    if not sources or not targets:
        return None
    # a light verb's modality is its noun's ("will impose sanctions"); a verb judging the
    # event ("did not condemn Russia's invasion") says nothing about whether it happened
    modality, negated = (modality_of(governing) if governing is not None and
                         governing.lemma_.lower() in LIGHT_VERBS | PROMISING_VERBS
                         else ("asserted", False))
    return Event(trigger=noun, code=intent_code(nm.code, modality), pattern=nm.pattern,
                 specificity=nm.specificity,
                 rule="backoff" if is_backoff(nm.pattern) else "nominal",
                 sources=sources, targets=targets,
                 negated=negated, modality=modality, attribution=reporting_speaker(noun, ctx))


def _noun_match(noun: Token, ctx: Context) -> tuple[VerbMatch | None, Token | None]:
    """The noun dictionary's match, and the "of" complement naming the event when the noun
    only contains it ("campaign of repression against X", "the imposition of a curfew on Y")
    or its compound when it is an effort ("a mediation effort", "a peace mission")."""
    lemma = noun.lemma_.lower()
    nm = ctx.onto.noun(lemma, noun_post(noun), noun_pre(noun))
    of_event = None
    if nm is None and lemma in CONTAINER_NOUNS | NOMINAL_LIGHT:
        for p in children(noun, "prep"):
            if p.lower_ == "of":
                for o in children(p, "pobj"):
                    nm = ctx.onto.noun(o.lemma_.lower(), [], noun_pre(o))
                    of_event = o
    if nm is None and lemma in EFFORT_NOUNS:
        for c in noun.lefts:
            if c.dep_ == "compound" and c.pos_ == "NOUN":
                nm = ctx.onto.noun(c.lemma_.lower()) or nm
    if nm is None and noun.pos_ == "NOUN":
        nm = nominal_backoff(noun, ctx)
    return nm, of_event


def _not_nominal(noun: Token, ctx: Context) -> bool:
    """Only proposed ("an offer to host talks between X and Y"), reversed ("lifted its veto",
    "ended the blockade": the reversal is the event) or the object of a light verb with
    actors (the verb rule handles it)."""
    if any(proposed(a) for a in list(noun.ancestors)[:4]):
        return True
    head = noun.head.lemma_.lower()
    if noun.dep_ in {"dobj", "nsubjpass"} and head in REVERSAL_VERBS:
        return True
    return noun.dep_ in {"dobj", "nsubjpass"} and head in LIGHT_VERBS and \
        verb_has_actors(noun.head, ctx)


def _noun_agents(noun: Token, ctx: Context) -> list[Mention]:
    """Possessor, compound or adjective actor, "U.S.-led", "by X" (the last one found)."""
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
    return sources


def _noun_targets(noun: Token, nm: VerbMatch, of_event: Token | None,
                  ctx: Context) -> list[Mention]:
    """The first target PP of the noun (or of the event it contains)."""
    target_preps = list(children(noun, "prep"))
    for b in target_preps[:]:
        if b.lower_ == "by":
            # "attacks by X on Y": the target PP is often parsed as the agent's modifier
            for o in children(b, "pobj"):
                target_preps += [q for q in children(o, "prep")
                                 if q.lower_ in {"on", "against", "upon"}]
    if of_event is not None:
        target_preps += children(of_event, "prep")
    targets: list[Mention] = []
    for p in target_preps:
        if p.lower_ in NOUN_TARGET_PREPS and not targets:
            for o in children(p, "pobj"):
                targets = _pp_object_target(p, o, nm, ctx)
    return targets


def _pp_object_target(p: Token, o: Token, nm: VerbMatch, ctx: Context) -> list[Mention]:
    """"crackdown on protesters", "riots against Israeli policies", "airstrikes on Houthi
    targets", "a suspension of air links with Serbia", "over its nuclear program"."""
    targets = actors_at(o, ctx)
    if not targets and root(nm.code) in C.FORCE_ROOTS and o.lemma_.lower() in PHYSICAL_TARGETS:
        targets = physical_owner(o, ctx)
    if not targets and p.lower_ == "of":
        targets = deep_pp_target(o, ctx, depth=1)
    if not targets:
        targets = _owner_or_destination(o, ctx)
    return targets


def _owner_or_destination(o: Token, ctx: Context) -> list[Mention]:
    """The possessor of a PP object, or its destination ("controls on goods bound for X")."""
    targets: list[Mention] = []
    for g in o.children:
        if g.dep_ == "poss" and g.i in ctx.table:
            targets = [ctx.table[g.i]]
        elif g.dep_ == "acl" and g.lemma_.lower() in DESTINED and not targets:
            for q in children(g, "prep"):
                if q.lower_ in {"for", "to"}:
                    for r in children(q, "pobj"):
                        targets = targets or actors_at(r, ctx)
    return targets


def _charged(noun: Token, nm: VerbMatch, ctx: Context) -> list[Mention]:
    """Whom a charge is about: "Canada's allegation linking Indian agents to ...", "the
    accusation that X was involved"."""
    if root(nm.code) not in C.CHARGE_ROOTS:
        return []
    targets: list[Mention] = []
    for c in noun.children:
        if c.dep_ == "acl" and c.tag_ == "VBG":
            targets = [a for d in children(c, "dobj") for a in actors_at(d, ctx)]
        elif c.dep_ in {"acl", "ccomp"} and any(m.dep_ == "mark" and m.lower_ == "that"
                                                for m in c.children):
            targets = [a for d in children(c, "nsubj", "nsubjpass") for a in actors_at(d, ctx)]
        if targets:
            break
    return targets


def _governing_verb(noun: Token) -> Token | None:
    """The verb the noun is the object of, directly or through a preposition ("offered talks
    following the invasion of X": a time adverbial is no argument)."""
    if noun.dep_ not in {"dobj", "pobj", "nsubjpass"}:
        return None
    governing = noun.head
    if governing.dep_ == "prep":
        governing = None if governing.lower_ in TIME_PREPS else governing.head
    return governing if governing is not None and governing.pos_ == "VERB" else None


def _between_parties(noun: Token, nm: VerbMatch, sources: list[Mention],
                     governing: Token | None, ctx: Context) -> tuple[bool, Event | None]:
    """"a meeting between Trump and Zelensky" (reciprocal), "a mediation effort between X
    and Y" (by a third party); (False, None) when the noun names no two parties."""
    parties = [a for p in children(noun, "prep") if p.lower_ == "between"
               for o in children(p, "pobj") for a in actors_at(o, ctx)]
    if len(parties) < 2:
        return False, None
    ids = {a.actor.id for a in parties}
    third = [a for a in sources if a.actor.id not in ids and a.actor.label != "Location"]
    if not third and governing is not None and governing.lemma_.lower() in LIGHT_VERBS:
        third = [a for a in find_subject(governing, ctx)[0] if a.actor.id not in ids]
    attribution = reporting_speaker(noun, ctx)
    symmetric = root(nm.code) in C.SYMMETRIC_ROOTS
    if third and (nm.code.startswith(C.MEDIATE) or not symmetric):
        return True, Event(trigger=noun, code=nm.code, pattern=nm.pattern,
                           specificity=nm.specificity, rule="nominal", sources=third,
                           targets=parties, attribution=attribution)
    if not symmetric:
        return False, None
    if governing is not None and len(find_subject(governing, ctx)[0]) >= 2:
        return True, None  # "X and Y agreed on a pact between the two": the verb's event
    return True, Event(trigger=noun, code=nm.code, pattern=nm.pattern,
                       specificity=nm.specificity, rule="reciprocal", sources=parties,
                       targets=list(parties), attribution=attribution)
