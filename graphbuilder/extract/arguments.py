"""Argument finding: the actors a phrase denotes, a verb's subjects (through control,
coordination, relative clauses and participles), agents of attack nouns, owners of actions and
reporting speakers."""
from __future__ import annotations

from spacy.tokens import Token

from graphbuilder.extract import codes as C
from graphbuilder.extract.codes import root
from graphbuilder.extract.context import Context
from graphbuilder.extract.syntax import children, gerund_subject, infinitive
from graphbuilder.extract.words import (
    ACTION_NOUNS,
    AUTHOR_PREPS,
    AUTHORED_NOUNS,
    CLAIMING_VERBS,
    DOMESTIC_GROUPS,
    FRONTIER_NOUNS,
    GENERIC_HEADS,
    INSTRUMENT_NOUNS,
    IRREGULAR_PAST,
    LIGHT_VERBS,
    LOCATIVE_PREPS,
    OWNED_NOUNS,
    QUANTITY_NOUNS,
    REPORTING_VERBS,
    STATEMENT_NOUNS,
    WRONGDOING_NOUNS,
)
from graphbuilder.mentions import Mention, bare_group_mention, demonym_mention

#: Heads whose "of" complement is the actor they lead ("the leaders of China").
LEADER_NOUNS = frozenset({"leader", "government", "leadership", "president", "head"})

def actors_at(tok: Token, ctx: Context, depth: int = 0) -> list[Mention]:
    """Actors an argument headed by ``tok`` denotes, expanding coordination: the mention
    itself, else the actor a head noun stands for (by its kind of noun, in this order)."""
    found: list[Mention] = []
    m = ctx.table.get(tok.i)
    if m is None and tok.pos_ == "NOUN":
        m = _apposed(tok, ctx)
    for words, read, alone in _HEAD_READINGS:
        if m is None and tok.lemma_.lower() in words:
            m, found = read(tok, ctx, depth)
            if alone and found:
                return found
    if m is None:
        m = _local_or_led(tok, ctx, depth)
    if m is not None:
        found.append(m)
        found.extend(a for a in m.also if a not in found)
    if depth == 0:
        for c in tok.conjuncts:
            for cm in actors_at(c, ctx, depth + 1):
                if cm not in found:
                    found.append(cm)
    return found


def _local_or_led(tok: Token, ctx: Context, depth: int) -> Mention | None:
    """"the opposition", "protesters": a local group of the other actor's country; "the
    leaders of China": the country."""
    lemma = tok.lemma_.lower()
    if tok.pos_ == "NOUN" and lemma in DOMESTIC_GROUPS:
        return bare_group_mention(tok)
    m = None
    if tok.pos_ in {"NOUN", "PROPN", "NUM"} and depth == 0 and lemma in LEADER_NOUNS:
        for p in (p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                  for p in c.children if p.dep_ == "pobj" and p.i in ctx.table):
            m = ctx.table[p.i]
    return m


def _apposed(tok: Token, ctx: Context) -> Mention | None:
    """"his Australian counterpart Penny Wong": the apposed name."""
    return next((ctx.table[c.i] for c in tok.children if c.dep_ == "appos" and c.i in ctx.table),
                None)


def _generic_head(tok: Token, ctx: Context, depth: int) -> tuple[Mention | None, list[Mention]]:
    """"the Taliban religious faction", "Romania's new government": the actor modifying a head
    that adds nothing; "three opposition leaders": the local group they lead."""
    m = None
    for c in tok.children:
        if c.dep_ in {"compound", "poss", "nmod"} and c.i in ctx.table \
                and ctx.table[c.i].kind != "coref":
            m = ctx.table[c.i]
    found: list[Mention] = []
    if m is None and depth < 2:
        for c in tok.children:
            if c.dep_ in {"compound", "amod"} and c.lemma_.lower() in DOMESTIC_GROUPS:
                found.extend(actors_at(c, ctx, depth + 1))
    return m, found


def _perpetrator(tok: Token, ctx: Context, depth: int) -> tuple[Mention | None, list[Mention]]:
    """A wrongdoing stands for its perpetrator: "an investigation into crimes committed by
    Croat forces", "into Iran's crackdown"."""
    m = None
    found: list[Mention] = []
    for c in tok.children:
        if c.dep_ == "poss" and c.i in ctx.table:
            m = ctx.table[c.i]
        elif c.dep_ == "acl" and c.tag_ == "VBN" and depth < 2:
            found.extend(a for ag in children(c, "agent") for p in children(ag, "pobj")
                         for a in actors_at(p, ctx, depth + 1))
    if m is None and not found and depth < 2:
        found = named_agent(tok, ctx)   # "the killing of its soldiers by PKK militants"
    return m, found


def _owner(tok: Token, ctx: Context, depth: int) -> tuple[Mention | None, list[Mention]]:
    """The owner of an owned noun: "support a U.N. Security Council resolution", "praised
    Haiti's efforts"; a possessor beats a compound ("Sweden's NATO membership bid"), "its
    border with Belarus" is about Belarus, "calls by X" are X's."""
    partner = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "with"
               for p in c.children if p.dep_ == "pobj" and p.i in ctx.table]
    owners = [c for c in tok.children
              if c.dep_ in {"poss", "compound", "amod", "nmod"} and c.i in ctx.table]
    m = None
    if partner and tok.lemma_.lower() in FRONTIER_NOUNS:
        m = ctx.table[partner[0].i]
    elif owners:
        m = ctx.table[([c for c in owners if c.dep_ == "poss"] or owners)[-1].i]
    authored = tok.lemma_.lower() in AUTHORED_NOUNS or tok.lower_ in AUTHORED_NOUNS
    for c in tok.children:
        if c not in owners:
            m = _owner_named_by(c, m, authored, ctx, depth)
    return m, []


def _owner_named_by(c: Token, m: Mention | None, authored: bool, ctx: Context,
                    depth: int) -> Mention | None:
    """The owner a child of an owned noun names, if none is known yet (a demonym, an "of"
    object), or its author ("by X", "from X")."""
    if c.dep_ in {"amod", "compound"} and m is None:
        m = demonym_mention(c, ctx.gaz)
    elif c.dep_ == "prep" and c.lower_ == "of" and m is None:
        for p in c.children:
            if p.dep_ == "pobj" and p.i in ctx.table:
                m = ctx.table[p.i]
    elif c.dep_ == "prep" and c.lower_ in AUTHOR_PREPS and authored:
        for p in children(c, "pobj"):
            found_by = actors_at(p, ctx, depth + 1)
            if found_by:
                m = found_by[0]
    return m


def _quantity_of(tok: Token, ctx: Context, depth: int) -> tuple[Mention | None, list[Mention]]:
    """"hundreds of protesters", "a group of Moroccan diplomats", "scores of Sierra Leonean
    and Liberian refugees" (the coordinated ones too)."""
    m = None
    found: list[Mention] = []
    for p in (p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
              for p in c.children if p.dep_ == "pobj"):
        if p.i not in ctx.table and depth == 0:
            bare = actors_at(p, ctx, depth + 1)  # "hundreds of protesters"
            m = bare[0] if bare else None
        if p.i in ctx.table:
            m = ctx.table[p.i]
            if depth == 0:
                found.extend(a for x in p.conjuncts if x.i in ctx.table
                             for a in actors_at(x, ctx, depth + 1))
    return m, found


#: Head nouns standing for another actor, how to read it, and whether the actors found
#: without a single owner are the whole answer.
_HEAD_READINGS = ((GENERIC_HEADS, _generic_head, True), (WRONGDOING_NOUNS, _perpetrator, True),
                  (OWNED_NOUNS, _owner, False), (QUANTITY_NOUNS, _quantity_of, False))


def find_subject(verb: Token, ctx: Context) -> tuple[list[Mention], bool]:
    """Agents of ``verb`` and whether the subject slot was found at all: its own subject,
    else one it inherits through relative clauses, control, coordination, adverbial clauses,
    participles and prepositional clauses (the first of ``_INHERITED`` that applies)."""
    subj = children(verb, "nsubj", "csubj")
    if subj:
        real = [s for s in subj if not misparsed_place(s)]
        return (_own_subject(verb, gerund_subject(real[0]), ctx) if real else []), True
    for inherit in _INHERITED:
        found = inherit(verb, ctx)
        if found is not None:
            return found
    return [], False


def _own_subject(verb: Token, s: Token, ctx: Context) -> list[Mention]:
    """The actors of the subject ``s`` (a relative pronoun's antecedent, an attack noun's
    agent), with named co-subjects the parser hung on it."""
    if s.lower_ in {"which", "that", "who"} and verb.dep_ == "relcl":
        head = verb.head
        if head.i not in ctx.table and head.ent_type_ in {"DATE", "TIME"}:
            # "a response from Beijing on Friday, which accused ...": the parser hangs
            # the clause on the date; the pronoun means the actor just before it
            for j in range(head.i - 1, head.sent.start - 1, -1):
                if j in ctx.table:
                    return [ctx.table[j]]
        return relative_agents(head, ctx)
    found = actors_at(s, ctx) or event_agents(s, ctx)
    # "President X and leader Y signed", "A, President B and President C met": the
    # parser may hang "X and" on Y's name as a modifier, or the list on the first name
    # as an apposition; other named people there are co-subjects
    heads = [s] + [a for a in s.children if a.dep_ == "appos" and a.i in ctx.table
                   and ctx.table[a.i].actor.label == "Person"]
    if len(heads) > 1 and found and all(f.actor.label == "Group" for f in found):
        # "The Federal Minister for Interior X allowed": the title's holder acts
        found = [ctx.table[heads[1].i]]
        heads = heads[1:]
    for h in heads:
        cands = [h] if h is not s and h is not heads[0] else []
        cands += [c for c in h.lefts if c.dep_ in {"nmod", "compound"} and c.i in ctx.table
                  and ctx.table[c.i].actor.label in {"Person", "Country"}
                  and any(x.dep_ == "cc" and x.lower_ == "and" for x in c.rights)]
        for c in cands:
            if all(ctx.table[c.i].actor.id != f.actor.id for f in found):
                found = found + [ctx.table[c.i]]
    return found


Subject = tuple[list[Mention], bool]


def _infinitival_relative(verb: Token, ctx: Context) -> Subject | None:
    """"take measures to respond": the taker responds; but "the right of Russian troops to
    fire": the right's owner."""
    if not (verb.dep_ in {"relcl", "acl"} and infinitive(verb) and verb.head.i not in ctx.table
            and verb.head.dep_ in {"dobj", "attr"}):
        return None
    for c in verb.head.children:
        if c.dep_ in {"poss", "compound", "amod"}:
            owners = [c]
        elif c.dep_ == "prep" and c.lower_ == "of":
            owners = children(c, "pobj")
        else:
            continue
        found = [a for o in owners for a in actors_at(o, ctx)]
        if found:
            return found, True
    return find_subject(verb.head.head, ctx)


def _relative(verb: Token, ctx: Context) -> Subject | None:
    """A relative clause's antecedent ("the countries that ...")."""
    return (actors_at(verb.head, ctx), True) if verb.dep_ == "relcl" else None


def _controlled(verb: Token, ctx: Context) -> Subject | None:
    """Object control ("prompting Tokyo to lodge", "urged China to"), subject control through
    an adjective ("Ukraine was ready to negotiate") or raising ("X is expected to seek")."""
    if verb.dep_ not in {"xcomp", "ccomp"} or verb.head.pos_ not in {"VERB", "AUX", "ADJ"}:
        return None
    head = verb.head
    if verb.dep_ != "xcomp":
        return None
    objs = [o for o in children(head, "dobj") if actors_at(o, ctx)]
    if objs:
        return actors_at(objs[0], ctx), True
    if head.dep_ == "acomp" and head.head.pos_ in {"AUX", "VERB"}:
        return find_subject(head.head, ctx)
    raised = children(head, "nsubjpass")
    if raised and not children(head, "nsubj"):
        return actors_at(raised[0], ctx), True
    return find_subject(head, ctx)


def _coordinated(verb: Token, ctx: Context) -> Subject | None:
    """A coordinated verb's, or a participle or purpose clause's, governing verb's subject."""
    if verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:
        return find_subject(verb.head, ctx)
    if verb.dep_ == "advcl" and (verb.tag_ == "VBG" or infinitive(verb)):
        return find_subject(verb.head, ctx)
    return None


def _participle(verb: Token, ctx: Context) -> Subject | None:
    """The actor an active participle modifies; "issued a declaration demanding ...": the
    author of the statement."""
    if verb.dep_ != "acl":
        return None
    if verb.head.i in ctx.table and verb.tag_ != "VBN":
        return actors_at(verb.head, ctx), True
    if verb.tag_ == "VBG" and verb.head.dep_ == "dobj" and \
            verb.head.lemma_.lower() in STATEMENT_NOUNS and verb.head.head.pos_ in {"VERB", "AUX"}:
        return find_subject(verb.head.head, ctx)
    return None


def _prepositional(verb: Token, ctx: Context) -> Subject | None:
    """"praised Kenya for leading the mission", "accused X of attacking": the object acts;
    "after meeting his counterpart": the subject of the clause the PP modifies."""
    if verb.dep_ != "pcomp":
        return None
    if verb.head.lower_ in {"for", "of"} and verb.head.head.pos_ == "VERB":
        objs = [a for d in children(verb.head.head, "dobj") for a in actors_at(d, ctx)]
        if objs:
            return objs, True
    if verb.head.dep_ == "prep" and verb.head.head.pos_ in {"VERB", "AUX"}:
        return find_subject(verb.head.head, ctx)
    return None


_INHERITED = (_infinitival_relative, _relative, _controlled, _coordinated, _participle,
              _prepositional)


def event_agents(noun: Token, ctx: Context) -> list[Mention]:
    """Agents of an attack noun that is a verb's subject: "Israeli airstrikes killed 20
    Palestinians", "Saudi-led air raids killed ...", "shelling by Ukrainian forces ...", "the
    attack, which Daesh claimed"; the owner of a weapon: "Iranian missiles hit ..."."""
    if not attack_noun(noun, ctx):
        return instrument_owner(noun, ctx) if noun.pos_ == "NOUN" else []
    for c in noun.children:
        if c.dep_ in {"poss", "compound", "amod", "nmod"}:
            m = ctx.table.get(c.i) or demonym_mention(c, ctx.gaz)
            if m is not None and m.kind != "nominal":
                return [m]
            if c.lower_.endswith("led"):        # "Saudi-led"
                found = [ctx.table[g.i] for g in c.children if g.i in ctx.table]
                if found:
                    return found
            if c.dep_ == "compound" and attack_noun(c, ctx):
                found = event_agents(c, ctx)    # "a PKK bombing attack"
                if found:
                    return found
        if c.dep_ == "prep" and c.lower_ == "by":
            for o in children(c, "pobj"):
                found = actors_at(o, ctx)
                if found:
                    return found
    return claimant(noun, ctx)



def reporting_speaker(tok: Token, ctx: Context) -> Mention | None:
    """Speaker of the reporting clause that ``tok`` is the content of, if any."""
    cur = tok
    for _ in range(4):
        head = cur.head
        if head is cur:
            return None
        if cur.dep_ in {"ccomp", "parataxis"} and head.lemma_.lower() in REPORTING_VERBS:
            subj = children(head, "nsubj")
            if subj:
                actors = actors_at(subj[0], ctx)
                if actors:
                    return actors[0]
            return None
        if head.dep_ == "ROOT" and head.lemma_.lower() in REPORTING_VERBS and \
                cur.dep_ == "ccomp":
            return None
        cur = head
    # "according to X" anywhere in the sentence
    for t in tok.sent:
        if t.lower_ == "according" and t.i + 2 < len(t.doc):
            for p in t.subtree:
                if p.dep_ == "pobj" and p.i in ctx.table:
                    return ctx.table[p.i]
    return None



def action_owner(tok: Token, ctx: Context) -> list[Mention]:
    """Actor(s) whose action ``tok`` names: the actor itself, or the owner of an action
    noun ("the U.S. move", "Washington's sanctions", "the U.S. blacklisting of ...")."""
    if tok.i in ctx.table:
        return actors_at(tok, ctx)
    if tok.lemma_.lower() in ACTION_NOUNS or ctx.onto.noun(tok.lemma_.lower()) is not None:
        for c in tok.children:
            if c.dep_ in {"poss", "compound", "nmod", "amod"} and c.i in ctx.table:
                return actors_at(c, ctx)
            if c.dep_ == "amod" and c.lower_.endswith("led"):
                for g in c.children:
                    if g.i in ctx.table:
                        return [ctx.table[g.i]]
        return named_agent(tok, ctx)
    return []



def find_speakers(verb: Token, ctx: Context) -> list[Mention]:
    """Actors in the (last) nominal subject of a reporting verb."""
    speakers: list[Mention] = []
    for c in children(verb, "nsubj"):
        speakers = actors_at(gerund_subject(c), ctx)
    return speakers



def verb_lemma(verb: Token, ctx: Context) -> str:
    """The verb's lemma, repairing tagger lemmas the dictionary lacks ("staged" -> "stag")."""
    lemma = verb.lemma_.lower()
    if ctx.onto.has_verb(lemma):
        return lemma
    low = verb.lower_
    if verb.tag_ in {"VBD", "VBN", "VBZ"}:
        for cand in (low[:-1], low[:-2]) if low.endswith(("ed", "es")) else ():
            if ctx.onto.has_verb(cand):
                return cand
    for prefix in ("re", "over", "out"):
        # "retook", "overran": a prefixed irregular past the tagger leaves unlemmatised
        base = IRREGULAR_PAST.get(low[len(prefix):]) if low.startswith(prefix) else None
        if base and ctx.onto.has_verb(prefix + base):
            return prefix + base
    return lemma


def attack_noun(noun: Token, ctx: Context) -> bool:
    """``noun`` names an attack (its dictionary code is an assault, fight or mass violence)."""
    if noun.pos_ != "NOUN":
        return False
    nm = ctx.onto.noun(noun.lemma_.lower())
    return (nm is not None and root(nm.code) in C.ATTACK_ROOTS) or \
        noun.lemma_.lower() in {"strike", "attack", "raid", "ambush"}


def named_agent(noun: Token, ctx: Context) -> list[Mention]:
    """The agent an event noun names after it: "the bombing of a bus by Hamas", "the bombing
    carried out by al-Shabaab militants", "the attacks, for which the Taliban claimed
    responsibility"."""
    # ("by" and "carried out by" may hang on the object: "the bombing of a hospital in
    # Aleppo by X", "the shelling of the port carried out by X")
    for c in [noun] + [t for t in noun.subtree if t.dep_ == "pobj" and _in_phrase(t, noun)]:
        pobjs = [o for b in children(c, "prep") if b.lower_ == "by" for o in children(b, "pobj")]
        pobjs += [o for v in children(c, "acl") if v.tag_ == "VBN" and (
                      c.i == noun.i or v.lemma_.lower() in LIGHT_VERBS)
                  for ag in children(v, "agent") for o in children(ag, "pobj")]
        found = [a for o in pobjs for a in actors_at(o, ctx)]
        if found:
            return found
    return claimant(noun, ctx)


def claimant(noun: Token, ctx: Context) -> list[Mention]:
    """Who claimed an act: a relative clause of a claiming verb on the noun or on a place in
    its phrase ("the attacks in Kabul, for which the Taliban claimed responsibility", "the
    attack in Amman, which Daesh claimed"), or the subject of "claimed responsibility for"
    the noun."""
    for v in noun.subtree:
        if v.dep_ == "relcl" and v.lemma_.lower() in CLAIMING_VERBS and \
                _in_phrase(v.head, noun) and _claims_antecedent(v):
            found = [a for s in children(v, "nsubj") for a in actors_at(s, ctx)]
            if found:
                return found
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "for":
        return []
    claim = prep.head.head if prep.head.lemma_.lower() == "responsibility" else prep.head
    if claim.lemma_.lower() in CLAIMING_VERBS and claim.pos_ == "VERB" and any(
            d.lemma_.lower() == "responsibility" for d in children(claim, "dobj")):
        return find_subject(claim, ctx)[0]
    return []


def _in_phrase(tok: Token, noun: Token) -> bool:
    """``tok`` is ``noun`` or inside its prepositional phrases ("the attacks in the town of X")."""
    for _ in range(10):
        if tok.i == noun.i:
            return True
        if tok.dep_ not in {"pobj", "prep", "appos", "compound", "conj"} or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _claims_antecedent(verb: Token) -> bool:
    """The relative clause claims its antecedent ("which X claimed", "for which X claimed
    responsibility"), not something about it ("which X claimed was staged")."""
    if children(verb, "ccomp", "xcomp"):
        return False
    rel = {"which", "that"}
    return any(d.lower_ in rel for d in children(verb, "dobj")) or any(
        o.lower_ in rel for p in children(verb, "prep") if p.lower_ == "for"
        for o in children(p, "pobj"))


def relative_agents(head: Token, ctx: Context) -> list[Mention]:
    """Who a relative pronoun's antecedent ``head`` stands for as an agent: the actor itself,
    an attack's agents ("the Taliban attack that killed 20 civilians"); a place inside an
    attack's phrase is where it happened, so the attack's agents act ("ISIL's attacks in the
    town of X, which killed scores of civilians"), or no one when none is named."""
    tok = head
    for _ in range(4):
        if tok.dep_ != "pobj" or tok.head.dep_ != "prep" or \
                tok.head.lower_ not in LOCATIVE_PREPS | {"of"}:
            break
        tok = tok.head.head
        if attack_noun(tok, ctx):
            return event_agents(tok, ctx)
    return actors_at(head, ctx) or event_agents(head, ctx)


def instrument_owner(noun: Token, ctx: Context) -> list[Mention]:
    """The owner of a weapon, vehicle or unit that acts ("Iranian missiles hit", "an Islamic
    State car bomb killed", "aircraft from CJTF-OIR destroyed", "a Saudi-led coalition
    bombards"); no one when no owner is named (a place is not an owner)."""
    if noun.lemma_.lower() not in INSTRUMENT_NOUNS:
        return []
    for c in noun.children:
        if c.dep_ in {"poss", "compound", "amod", "nmod"}:
            m = ctx.table.get(c.i) or demonym_mention(c, ctx.gaz)
            if m is not None and m.kind != "nominal" and m.actor.label != "Location":
                return [m]
            if c.lower_.endswith("led") or c.lemma_.lower() == "lead":   # "a Saudi-led coalition"
                found = [ctx.table[g.i] for g in c.children if g.i in ctx.table]
                if found:
                    return found
        elif c.dep_ == "prep" and c.lower_ in {"of", "from"}:
            # "jets of the Syrian air force", "aircraft from CJTF-OIR" (not "rockets from
            # Gaza": a place they came from)
            found = [a for o in children(c, "pobj") if c.lower_ == "of"
                     or o.ent_type_ not in {"GPE", "LOC"} for a in actors_at(o, ctx)
                     if a.actor.label not in {"Location", "Country"}
                     or (c.lower_ == "of" and a.actor.label == "Country")]
            if found:
                return found
    return []


def misparsed_place(subj: Token) -> bool:
    """A fronted place the parser took for a subject: "Near Sinjar, two strikes destroyed
    ..." ("Near" read as part of the name)."""
    return any(c.dep_ in {"compound", "amod", "nmod"} and c.lower_ in LOCATIVE_PREPS
               for c in subj.lefts)
