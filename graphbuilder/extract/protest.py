"""Protests: the purpose clause of a protest and whom a protest without an object is aimed at."""
from __future__ import annotations

from spacy.tokens import Token

from graphbuilder.extract import codes as C
from graphbuilder.extract.arguments import action_owner, actors_at, verb_lemma
from graphbuilder.extract.codes import root
from graphbuilder.extract.context import Context
from graphbuilder.extract.syntax import children, infinitive, noun_pre, post_words
from graphbuilder.extract.targets import demanded_of, find_targets
from graphbuilder.extract.words import PURPOSE_VERBS, STANCE_NOUNS
from graphbuilder.mentions import Mention


def protest_purpose(verb: Token, ctx: Context) -> bool:
    """``verb`` is the purpose clause of a protest ("staged protests to demand ...",
    "continued their hunger strike to demand ...")."""
    if verb.dep_ not in {"advcl", "xcomp"} or not infinitive(verb):
        return False
    head = verb.head
    if head.pos_ != "VERB":
        return False
    vm = ctx.onto.verb(verb_lemma(head, ctx), post_words(head))
    if vm is not None and root(vm.code) == C.PROTEST:
        return True
    for d in children(head, "dobj"):
        nm = ctx.onto.noun(d.lemma_.lower(), [], noun_pre(d))
        if nm is not None and root(nm.code) == C.PROTEST:
            return True
    return False



def protest_target(verb: Token, ctx: Context) -> list[Mention]:
    """Whom a protest without an object is aimed at: the one named in its purpose clause
    ("to demand the resignation of X", "to press demands from X's government", "in protest
    of X's refusal"), else the country where it takes place ("rioted at a jail in Israel")."""
    # (a PP on the object counts too: "continuing a hunger strike in protest of X")
    for c in list(verb.children) + [p for d in children(verb, "dobj")
                                     for p in children(d, "prep")]:
        if c.dep_ in {"advcl", "xcomp", "conj"} and c.pos_ == "VERB" and \
                c.lemma_.lower() in PURPOSE_VERBS:
            # the one demanded of first: "to press their demands from X's government"
            found = demanded_of(c, ctx) or find_targets(c, ctx)
            if found:
                return found
        if c.dep_ == "prep" and c.lower_ in {"in", "against", "over"}:
            for o in children(c, "pobj"):
                if c.lower_ == "in" and o.lemma_.lower() not in STANCE_NOUNS:
                    continue
                found = actors_at(o, ctx) or action_owner(o, ctx)
                for p in children(o, "prep"):
                    if not found and p.lower_ in {"of", "against", "at", "over"}:
                        for q in children(p, "pobj"):
                            found = actors_at(q, ctx) or action_owner(q, ctx)
                if found:
                    return found
    for c in verb.subtree:  # the country the protest takes place in ("at a jail in X")
        if c.dep_ == "pobj" and c.head.lower_ in {"in", "at", "outside", "near"} and \
                c.i in ctx.table and ctx.table[c.i].actor.label == "Country":
            cur, ok = c, False
            for _ in range(5):
                if cur.dep_ not in {"pobj", "prep"}:
                    break
                cur = cur.head
                if cur.i == verb.i:
                    ok = True
                    break
            if ok:
                return [ctx.table[c.i]]
    return []
