"""Target finding: whom an event is done to (objects, prepositional objects, physical targets'
owners and places, destinations of moved forces, the one a demand or condition names)."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.tokens import Token

from graphbuilder.extract import codes as C
from graphbuilder.extract.arguments import (
    action_owner,
    actors_at,
    attack_noun,
    find_subject,
    verb_lemma,
)
from graphbuilder.extract.codes import root
from graphbuilder.extract.context import Context
from graphbuilder.extract.syntax import (
    children,
    demand_clause,
    group_head,
    infinitive,
    moved_objects,
    noun_pre,
    with_of,
)
from graphbuilder.extract.words import (
    ACTION_NOUNS,
    DEEP_TARGET_PREPS,
    DEMAND_VERBS,
    DESTINATION_PREPS,
    DOMESTIC_GROUPS,
    FRONTIER_NOUNS,
    LIGHT_VERBS,
    OWN_FORCES,
    OWNING_VERBS,
    PHYSICAL_TARGETS,
    PLACING_VERBS,
    RESPONSE_VERBS,
    STATE_ROLES,
    TARGET_PREPS,
    WRONGDOING_NOUNS,
)
from graphbuilder.mentions import Mention, bare_group_mention, demonym_mention
from graphbuilder.ontology import VerbMatch

#: Nouns besides actions that a relative clause can judge ("an ultimatum Tehran rejected").
DEMAND_LIKE_NOUNS = frozenset({"ultimatum", "offer", "proposal", "demand"})


def find_targets(verb: Token, ctx: Context, code: str | None = None) -> list[Mention]:
    """Who the event is done to: direct object, indirect object, prepositional object,
    then a prepositional object inside the object phrase or a low-attached PP (the first of
    ``_TARGET_FINDERS`` that finds someone)."""
    own = ctx.onto.verb(verb_lemma(verb, ctx)) if verb.pos_ == "VERB" else None
    # "kidnapped up to 16 advisers": the parser hangs the PP on the particle
    preps = children(verb, "prep") + [
        p for prt in children(verb, "prt") for p in children(prt, "prep")]
    # "protested in Yerevan against X", "filed a case against Israel at the ICJ": a place
    # PP only when nothing else names a target
    places = [p for p in preps if p.lower_ in {"in", "at", "near", "outside"}]
    query = _Query(verb, ctx, (code or (own.code if own is not None else ""))[:2], own, preps,
                   places)
    for find in _TARGET_FINDERS:
        found = find(query)
        if found is None:    # nothing else in the clause is a target
            return []
        if found:
            return found
    return []


@dataclass(frozen=True)
class _Query:
    """What the target finders share about the verb."""

    verb: Token
    ctx: Context
    event_root: str              # root of the event's code (else of the verb's own code)
    own: VerbMatch | None        # the verb's own dictionary code
    preps: list[Token]
    places: list[Token]          # place PPs ("in", "at", "near", "outside")

    @property
    def venue(self) -> bool:
        """Place PPs name where the event happened (an agreement "in Vienna" is made there,
        not with Austria), unless the verb puts something there."""
        return self.event_root in C.VENUE_ROOTS and \
            self.verb.lemma_.lower() not in PLACING_VERBS


def _first_actors(tokens: Iterable[Token], ctx: Context) -> list[Mention]:
    """The actors of the first of ``tokens`` that denotes any."""
    return next((found for found in (actors_at(t, ctx) for t in tokens) if found), [])


def _small_clause_subject(q: _Query) -> list[Mention]:
    """"found [Whelan guilty]", "allowed [Ouattara to run]": the small clause's subject."""
    return _first_actors((subj for comp in children(q.verb, "ccomp")
                          if comp.pos_ == "ADJ" or infinitive(comp)
                          for subj in children(comp, "nsubj")), q.ctx)


def _demanded_in_clause(q: _Query) -> list[Mention]:
    """"reiterated its demand that Israel ease ...": the one who is to act (but one who
    accepts or rejects "demands from X that ..." answers X)."""
    demand = demand_clause(q.verb)
    if demand is None or verb_lemma(q.verb, q.ctx) in RESPONSE_VERBS:
        return []
    return _first_actors(children(demand[1], "nsubj", "nsubjpass"), q.ctx)


def _objects(q: _Query) -> list[Mention]:
    """The direct or indirect object ("granted refuge to X": a dative "to"); an act stands
    for its author ("condemned North Korea's latest missile launch")."""
    for d in children(q.verb, "dobj", "dative"):
        if d.pos_ == "ADP":
            actors = _first_actors(children(d, "pobj"), q.ctx)
        else:
            actors = actors_at(d, q.ctx) or (
                action_owner(d, q.ctx) if d.lemma_.lower() in ACTION_NOUNS
                or q.ctx.onto.noun(d.lemma_.lower()) is not None else [])
        if actors:
            return actors
    return []


def _judged_act(q: _Query) -> list[Mention] | None:
    """"condemned the attacks in Kabul", "denounced the bombing of a bus in Jerusalem":
    judging an act whose agent the sentence does not name is aimed at no one (None: not at its
    place, its victims or its target)."""
    if q.event_root not in C.JUDGING_ROOTS:
        return []
    for d in children(q.verb, "dobj"):
        if d.i not in q.ctx.table and (attack_noun(d, q.ctx)
                                       or d.lemma_.lower() in WRONGDOING_NOUNS):
            # "condemned the assault on its consulate by X": the parser may hang the act's
            # "by" agent on the (active) verb
            by = [p for p in q.preps if p.lower_ == "by"] + children(q.verb, "agent")
            return _first_actors((o for p in by for o in children(p, "pobj")), q.ctx) or None
    return []


def _prepositional_objects(q: _Query) -> list[Mention]:
    """A target PP on the verb ("sanctions on X", "talks with X"), places aside."""
    return _first_actors((p for prep in q.preps
                          if prep.lower_ in TARGET_PREPS and prep not in q.places
                          for p in children(prep, "pobj")), q.ctx)


def _demanded_by_verb(q: _Query) -> list[Mention]:
    """"demanded that the US cancel ...": the one who is to act."""
    if q.verb.lemma_.lower() not in DEMAND_VERBS:
        return []
    return _first_actors((subj for comp in children(q.verb, "ccomp", "xcomp")
                          for subj in children(comp, "nsubj", "nsubjpass")), q.ctx)


def _purpose_adversary(q: _Query) -> list[Mention]:
    """"mobilized reservists for a war against Iraq": the purpose's adversary."""
    if q.own is None or root(q.own.code) in C.COOPERATIVE_ROOTS:
        return []
    return _first_actors((o for prep in children(q.verb, "prep") if prep.lower_ == "for"
                          for p in children(prep, "pobj") for r in children(p, "prep")
                          if r.lower_ == "against" for o in children(r, "pobj")), q.ctx)


def _conflict_noun_object(q: _Query) -> list[Mention]:
    """"launched an invasion of Ukraine", "imposed a blockade of Qatar": the event noun's
    "of" complement is what the material conflict is done to."""
    if q.verb.lemma_.lower() not in LIGHT_VERBS:
        return []
    for d in children(q.verb, "dobj"):
        nm = q.ctx.onto.noun(d.lemma_.lower(), [], noun_pre(d))
        if nm is None or root(nm.code) not in C.CONFLICT_NOUN_ROOTS:
            continue
        actors = _first_actors((o for p in children(d, "prep") if p.lower_ == "of"
                                for o in children(p, "pobj")), q.ctx)
        if actors:
            return actors
    return []


def _physical(q: _Query) -> list[Mention]:
    """"shelled positions near Rafah", "attacked a Syrian radar station in Lebanon's Bekaa
    Valley", "will evacuate settlements in the Gaza Strip": the physical object's owner, else
    its place, before any other place."""
    if q.event_root in C.FORCE_ROOTS or q.event_root in C.PLACED_OBJECT_ROOTS:
        return physical_target(q.verb, q.ctx)
    return []


def _object_pp(q: _Query) -> list[Mention]:
    """"lodge formal protests with Beijing", "aircraft loaded with tents to Pakistan"."""
    for d in children(q.verb, "dobj", "dative"):
        found = deep_pp_target(d, q.ctx, depth=0, venue=q.venue)
        if found:
            return found
    return []


def _place(q: _Query) -> list[Mention]:
    """A place PP, unless it is a venue ("near the town of Rafah": the named place)."""
    if q.venue:
        return []
    return _first_actors((place for prep in q.places for p in children(prep, "pobj")
                          for place in with_of(p)), q.ctx)


def _force_purpose(q: _Query) -> list[Mention]:
    """"opened fire to disperse protesters": force aimed at the purpose's object."""
    if q.event_root not in C.FORCE_ROOTS:
        return []
    return _first_actors((d for adv in children(q.verb, "advcl") if infinitive(adv)
                          for d in children(adv, "dobj")), q.ctx)


def _judged_action(q: _Query) -> list[Mention]:
    """"..., a move Tehran condemned": the move is the main clause's subject's."""
    verb, head = q.verb, q.verb.head
    if verb.dep_ != "relcl" or head.lemma_.lower() not in ACTION_NOUNS | DEMAND_LIKE_NOUNS \
            or head.dep_ not in {"appos", "npadvmod", "dobj", "attr"} or head.i in q.ctx.table:
        return []
    gov = head.head
    while gov.dep_ in {"appos", "conj"} and gov.head.i != gov.i:
        gov = gov.head
    return find_subject(gov, q.ctx)[0] if gov.pos_ in {"VERB", "AUX"} else []


def _purpose_of_object(q: _Query) -> list[Mention]:
    """"summoned China's ambassador to lodge a protest": the purpose is aimed at the object."""
    verb = q.verb
    if verb.dep_ not in {"advcl", "xcomp"} or verb.head.pos_ != "VERB" or not infinitive(verb):
        return []
    return _first_actors(children(verb.head, "dobj"), q.ctx)


#: In order; a finder returning None ends the search with no target.
_TARGET_FINDERS: tuple[Callable[[_Query], list[Mention] | None], ...] = (
    _small_clause_subject, _demanded_in_clause, _objects, _judged_act, _prepositional_objects,
    _demanded_by_verb,
    _purpose_adversary, _conflict_noun_object, _physical, _object_pp, _place, _force_purpose,
    _judged_action, _purpose_of_object)


def physical_target(verb: Token, ctx: Context) -> list[Mention]:
    """Owner or place of a physical object of force: "demolished Palestinian homes",
    "fired at targets in Lebanon", "shelled positions near the town of X"."""
    objs = children(verb, "dobj")
    for prep in children(verb, "prep"):
        if prep.lower_ in {"at", "on", "into", "against"}:
            objs += children(prep, "pobj")
    found: list[Mention] = []
    for o in objs:
        for x in [o] + list(o.conjuncts):
            # each coordinated object counts: "shelled positions of the Palestinian forces
            # and residential areas near the town of Rafah"
            if x.lemma_.lower() in PHYSICAL_TARGETS or x.lower_ in PHYSICAL_TARGETS:
                found += [o for o in physical_owner(x, ctx)
                          if all(o.actor.id != f.actor.id for f in found)]
        if found:
            return found
    return []



def physical_owner(x: Token, ctx: Context) -> list[Mention]:
    """Owner (modifier) or place ("in / of / near" PP, also "the town of X") of a physical
    target of force, as a one-element list, or []."""
    mods = [c for c in x.children if c.dep_ in {"amod", "compound", "poss", "nmod"}]
    mods += [g for c in mods if c.lemma_.lower() in {"run", "own", "control", "hold"}
             for g in c.lefts]        # "Serbian-run offices", "rebel-held towns"
    for c in mods:
        m = ctx.table.get(c.i) or demonym_mention(c, ctx.gaz) or (
            bare_group_mention(c) if c.lemma_.lower() in DOMESTIC_GROUPS and c.pos_ == "NOUN"
            else None)                 # "rebel positions", "the rebels' depot"
        if m is not None and m.kind != "nominal" and not (
                m.actor.label == "Location" and not m.actor.country) and not (
                m.actor.label == "Person" and c.dep_ == "compound"):
            # (not "the Jenin camp in the West Bank": the PP places it; not "the Ben Gurion
            # airport": named after a person, not owned by one)
            return [m]
    owner = named_owner(x, ctx)
    if owner:
        return owner
    preps = [c for c in x.children if c.dep_ == "prep" and c.lower_ in {
        "in", "of", "near", "inside"}]
    preps += [c for a in x.children if a.dep_ == "acl" and a.tag_ in {"VBG", "VBN"}
              for c in a.children if c.dep_ == "prep" and c.lower_ in {
                  "in", "into", "near", "inside", "to"}]   # "power lines leading into Kabul"
    for place in (place for c in preps for p in children(c, "pobj")
                  for place in with_of(p)):   # "the town of X"
        actors = [a for a in actors_at(place, ctx)
                  if (a.actor.label in {"Country", "Location", "Group"}
                      or place.ent_type_ in {"GPE", "LOC"})
                  and a.actor.country]   # (Rafah: a town named like a body)
        if actors:
            return actors[:1]
    return []



def named_owner(x: Token, ctx: Context) -> list[Mention]:
    """The owner of a physical object named after it: an "of" complement that is no place
    ("the headquarters of the Islamic State"), "belonging to X", "used by X"."""
    for c in x.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            found = [a for o in children(c, "pobj") if o.i in ctx.table
                     for a in actors_at(o, ctx) if a.kind in {"name", "ner", "group"}
                     and a.actor.label in {"Organization", "Group"}]
            if found:
                return found[:1]
        elif c.dep_ == "acl" and c.lemma_.lower() in OWNING_VERBS:
            pobjs = [o for p in c.children if p.dep_ in {"prep", "agent"}
                     and p.lower_ in {"to", "by"} for o in children(p, "pobj")]
            found = [a for o in pobjs for a in actors_at(o, ctx)
                     if a.actor.label != "Location"]
            if found:
                return found[:1]
    return []


def deep_pp_target(tok: Token, ctx: Context, depth: int,
                    venue: bool = False) -> list[Mention]:
    """A target inside the object phrase ("lodge protests with Beijing"); with ``venue``,
    "in" places are where the event happens, not a party ("an agreement in Vienna")."""
    if depth > 3:
        return []
    places = set() if venue else {"in", "inside"}
    for c in tok.children:
        if c.dep_ == "prep" and (c.lower_ in DEEP_TARGET_PREPS or c.lower_ in places):
            for p in children(c, "pobj"):
                actors = actors_at(p, ctx)
                if not actors and c.lower_ in {"on", "against"} and \
                        p.lemma_.lower() in PHYSICAL_TARGETS:
                    actors = physical_owner(p, ctx)  # "airstrikes on Houthi targets"
                if c.lower_ in {"in", "inside"}:  # "deploy peacekeepers in Iraq": places only
                    actors = [a for a in actors if a.actor.label in {"Country", "Location"}]
                if actors:
                    return actors
        if c.dep_ in {"prep", "pobj", "acl", "conj", "amod"} and c.pos_ != "VERB" or (
                c.dep_ == "acl" and c.tag_ == "VBN"):
            found = deep_pp_target(c, ctx, depth + 1, venue)
            if found:
                return found
    return []



def destination(verb: Token, ctx: Context) -> list[Mention]:
    """Countries/places a verb moves something to or from ("to Mozambique's province"),
    also when the parser hangs the PP on the object ("moved troops and armour toward
    its border with Pakistan": the other side of the border)."""
    for prep in moved_objects(verb)[1]:
        if prep.lower_ in DESTINATION_PREPS:
            # "out of Gaza": the place is under "of"
            pobjs = children(prep, "pobj") + (
                with_of(prep)[1:] if prep.lower_ == "out" else [])
            for p in pobjs:
                actors = []
                if p.lemma_.lower() in FRONTIER_NOUNS:
                    # "its border with Kuwait", "the Ukrainian border"
                    actors = [a for w in children(p, "prep") if w.lower_ == "with"
                              for o in children(w, "pobj")
                              for a in actors_at(o, ctx)] or [
                        ctx.table[c.i] for c in p.children if c.dep_ == "amod"
                        and c.i in ctx.table and ctx.table[c.i].actor.label == "Country"]
                elif prep.lower_ in {"near", "along"}:
                    continue
                actors = actors or actors_at(p, ctx)
                if not actors:
                    for c in p.children:  # "to Mozambique's Cabo Delgado province"
                        if c.dep_ in {"poss", "compound"} and c.i in ctx.table:
                            actors = actors_at(c, ctx)
                actors = [a for a in actors if a.actor.label in {"Country", "Location"}
                          or p.ent_type_ in {"GPE", "LOC"}]
                if actors:
                    return actors
    return []



def to_frontier(verb: Token) -> bool:
    """Forces moved to a border ("deployed troops to its border with Ukraine")."""
    objs, preps = moved_objects(verb)
    if not any(o.lemma_.lower() in OWN_FORCES | {"armour", "armor", "tank"} for o in objs):
        return False
    return any(p.lower_ in {"to", "toward", "towards", "along", "near"} and
               any(o.lemma_.lower() in FRONTIER_NOUNS for o in children(p, "pobj"))
               for p in preps)



def own_instrument(targets: list[Mention], sources: list[Mention]) -> bool:
    """The targets are the sources' own forces ("its troops", bare "soldiers"); only a state
    or its agents command forces (protesters clashing with their police do not)."""
    countries = {s.actor.country or (s.actor.id if s.actor.label == "Country" else None)
                 for s in sources
                 if s.actor.label in {"Country", "Person"} or s.actor.role in STATE_ROLES}
    countries.discard(None)
    if not countries:
        return False
    for t in targets:
        if group_head(t) not in OWN_FORCES:
            return False
        if t.kind != "bare" and t.actor.country not in countries:
            return False
    return True



def demanded_of(verb: Token, ctx: Context) -> list[Mention]:
    """"demand the resignation of X", "press demands for reforms from X's government"."""
    for d in children(verb, "dobj"):
        for tok in d.subtree:
            if tok.dep_ == "pobj" and tok.head.lower_ in {"of", "by", "from"}:
                found = actors_at(tok, ctx)
                if not found:
                    for g in tok.children:
                        if g.dep_ in {"poss", "compound"} and g.i in ctx.table:
                            found = actors_at(g, ctx)
                if found:
                    return found
            if tok.dep_ == "poss" and tok.i in ctx.table and tok.head.i != d.i:
                return actors_at(tok, ctx)
    return []



def condition_subject(verb: Token, threatener: Token, ctx: Context) -> list[Mention]:
    """"threatened to stop talks if the United States goes ahead": the threat's target is
    the one whose action the condition names."""
    for head in (verb, threatener):
        for c in children(head, "advcl"):
            if any(m.dep_ == "mark" and m.lower_ in {"if", "unless"} for m in c.children):
                for subj in children(c, "nsubj", "nsubjpass"):
                    actors = actors_at(subj, ctx)
                    if actors:
                        return actors
    return []



def verb_has_actors(verb: Token, ctx: Context) -> bool:
    """The verb has a subject actor and a target (or an actor inside its object)."""
    subj, _ = find_subject(verb, ctx)
    return bool(subj) and bool(find_targets(verb, ctx) or any(
        p.i in ctx.table for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}
        for p in c.subtree))
