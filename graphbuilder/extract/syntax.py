"""Token-level helpers on the dependency parse, shared by all rules (no actors involved)."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from graphbuilder.extract.words import (
    DEMAND_NOUNS,
    MEASURE_NOUNS,
    PROPOSAL_NOUNS,
    QUANTITY_NOUNS,
    THREAT_VERBS,
    TIME_PREPS,
)
from graphbuilder.lexicon import LEXICON
from graphbuilder.mentions import Mention

#: Dependencies of a verb's objects (whose words dictionary patterns read).
OBJECT_DEPS = frozenset(LEXICON.words("object_deps"))


def infinitive(tok: Token) -> bool:
    """``tok`` is a "to"-infinitive ("agreed to provide", "an offer to host")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.lefts)



def with_of(tok: Token) -> list[Token]:
    """``tok`` and the objects of its "of" ("the town of Rafah", "the province of Idlib")."""
    return [tok] + [o for p in tok.children if p.dep_ == "prep" and p.lower_ == "of"
                    for o in p.children if o.dep_ == "pobj"]



def locative_prep(t: Mention, doc: Doc) -> Token:
    """The preposition governing a mention, up through an apposition ("in the capital Kabul")."""
    prep = doc[t.start].head
    for _ in range(3):
        if prep.dep_ not in {"appos", "pobj", "compound"} or prep.head.i == prep.i:
            break
        prep = prep.head
    return prep



def children(tok: Token, *deps: str) -> list[Token]:
    """The children of ``tok`` with one of the dependency labels ``deps``."""
    return [c for c in tok.children if c.dep_ in deps]



def is_passive(verb: Token) -> bool:
    """A passive verb, or a passive participle modifying a noun."""
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return True  # "a deal mediated by Qatar", "nationals convicted of ..."
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)



def measured(noun: Token) -> Token:
    """The noun a measure or quantity phrase is of ("25,000 tons of food aid" -> aid)."""
    if noun.lemma_.lower() in MEASURE_NOUNS | QUANTITY_NOUNS or noun.tag_ == "CD":
        for p in noun.children:
            if p.dep_ == "prep" and p.lower_ in {"of", "in"}:  # "$500 million in aid"
                for o in p.children:
                    if o.dep_ == "pobj":
                        return o
    return noun



def demand_clause(verb: Token) -> tuple[Token, Token] | None:
    """(demand noun, that-clause) of "repeated its demand that X withdraw" / "issued an
    appeal that X ...", the clause attached to the verb or to its object noun."""
    for d in verb.children:
        if d.dep_ != "dobj" or d.lemma_.lower() not in DEMAND_NOUNS:
            continue
        comps = [c for c in verb.children if c.dep_ == "ccomp" and c.i > d.i]
        comps += [c for c in d.children if c.dep_ in {"acl", "ccomp", "relcl"}]
        for c in comps:
            if any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children) and \
                    any(x.dep_ in {"nsubj", "nsubjpass"} for x in c.children):
                return d, c
    return None



def gerund_subject(subj: Token) -> Token:
    """"The Red Cross operating in Iraq said": the parser makes the participle the subject;
    the actor is the participle's own subject."""
    if subj.tag_ == "VBG" and subj.pos_ == "VERB":
        for c in subj.children:
            if c.dep_ == "nsubj":
                return c
    return subj



def noun_pre(noun: Token) -> list[str]:
    """Modifier lemmas before a noun that noun patterns test ("military aid")."""
    return [c.lemma_.lower() for c in noun.lefts if c.dep_ in {"amod", "compound", "nmod"}]



def noun_post(noun: Token) -> list[str]:
    """Prepositions and their objects' lemmas after a noun that noun patterns test."""
    words = []
    for p in children(noun, "prep"):
        words.append(p.lower_)
        words.extend(o.lemma_.lower() for o in children(p, "pobj"))
    return words



def post_words(verb: Token) -> list[str]:
    """Lemmas after the verb that dictionary patterns test (particle, object, PPs); the
    objects' coordinated conjuncts come last, so contiguous patterns still read the first one
    ("launched drones and missiles at X": * &WEAPON)."""
    words: list[str] = []
    tail: list[str] = []
    for c in verb.rights:
        if c.dep_ in OBJECT_DEPS:
            obj = measured(c)  # "suspended part of a military aid program"
            words += _object_words(obj)
            tail += _conjunct_words(obj)
        else:
            words += _complement_words(c)
    words += [c.lemma_.lower() for c in verb.lefts if c.dep_ == "nsubjpass"]
    return words + tail


def _object_words(c: Token) -> list[str]:
    """An object's modifiers ("air defence systems"), lemma and PPs."""
    words: list[str] = []
    if c.pos_ != "PROPN":  # (a name's titles are no event words: "his rival X")
        words.extend(x.lemma_.lower() for w in c.lefts if w.dep_ in {"amod", "compound"}
                     for x in w.subtree)
    return words + [c.lemma_.lower()] + noun_post(c)


def _conjunct_words(c: Token) -> list[str]:
    """Coordinated objects after ``c`` and their PPs ("troops and armour toward X")."""
    return [w for x in c.conjuncts if x.i > c.i for w in [x.lemma_.lower()] + noun_post(x)]


def _complement_words(c: Token) -> list[str]:
    """A particle, a PP (with its object's modifiers), a small clause ("found [Whelan
    guilty]") or an infinitive ("to" + lemma)."""
    if c.dep_ == "prt":
        return [c.lower_]
    if c.dep_ in {"prep", "agent"}:
        objs = children(c, "pobj")
        if objs and c.lower_ not in TIME_PREPS | {"by"} and \
                all(o.ent_type_ in {"DATE", "TIME"} for o in objs):
            # "called Erdogan on Monday" is no "call on" (an appeal); a deadline ("until
            # midnight", "by Friday") still reads as one
            return []
        words = [c.lower_]
        for o in objs:
            words.extend(w.lemma_.lower() for w in o.lefts if w.dep_ in {"amod", "compound"})
            words.append(o.lemma_.lower())
            if c.lower_ == "until":     # "until noon to leave": the deadline's purpose
                words.extend(w for r in o.rights if r.dep_ in {"relcl", "acl"} and infinitive(r)
                             for w in ("to", r.lemma_.lower()))
        return words
    if c.dep_ == "ccomp" and c.pos_ == "ADJ":
        return [n.lemma_.lower() for n in c.children if n.dep_ == "nsubj"] + [c.lemma_.lower()]
    if c.dep_ == "xcomp" or (c.dep_ == "advcl" and infinitive(c)):
        return ["to", c.lemma_.lower()]
    return []


def proposed(tok: Token) -> bool:
    """``tok`` is the infinitive complement of a proposal noun ("an offer to host talks"),
    whichever label the parser gave the clause."""
    return tok.dep_ in {"acl", "relcl"} and tok.head.pos_ == "NOUN" and \
        tok.head.lemma_.lower() in PROPOSAL_NOUNS and infinitive(tok)



def deadline_clause(verb: Token) -> bool:
    """"gave the troops until noon to withdraw": the act the ultimatum demands of its
    target, not something its giver does."""
    if not infinitive(verb):
        return False
    head = verb.head
    if verb.dep_ in {"relcl", "acl"} and head.dep_ == "pobj" and head.head.lower_ == "until":
        return True
    return verb.dep_ in {"advcl", "xcomp"} and any(
        c.dep_ == "prep" and c.lower_ == "until" for c in head.children)



def threatener_of(verb: Token) -> Token | None:
    """The threaten verb controlling ``verb`` ("threatened to ban", "threatened to stop
    talks and expel ..."), if any."""
    cur = verb
    for _ in range(3):
        if cur.dep_ == "conj" and cur.head.i != cur.i:
            cur = cur.head
            continue
        if cur.dep_ != "xcomp" or cur.head.i == cur.i:
            return None
        if cur.head.lemma_.lower() in THREAT_VERBS:
            return cur.head
        cur = cur.head
    return None



def moved_objects(verb: Token) -> tuple[list[Token], list[Token]]:
    """The verb's objects (with their conjuncts) and the PPs on the verb or on them: the
    parser often hangs "toward X" on the object ("moved troops and armour toward X")."""
    objs = [o for d in children(verb, "dobj") for o in [d] + list(d.conjuncts)]
    return objs, children(verb, "prep") + [p for o in objs
                                                 for p in children(o, "prep")]



def peacekeeping(verb: Token, sources: list[Mention]) -> bool:
    """Peacekeepers are moved: the subject's or the object's phrase names them."""
    doc = verb.doc
    words = [doc[i].lower_ for s in sources for i in range(max(0, s.start - 2), s.end)]
    words += [t.lower_ for d in verb.children if d.dep_ == "dobj" for t in d.subtree]
    return any(w.startswith("peacekeep") or w == "peace-keeping" for w in words)



def group_head(m: Mention) -> str:
    """The head noun a group actor's id ends with ("GRP:ISR:SOLDIER" -> "soldier")."""
    return m.actor.id.rsplit(":", 1)[-1].lower()
