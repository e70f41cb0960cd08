"""Back-off typing for verbs the CAMEO dictionary cannot type (rule ``backoff``).

The dictionary gives no code for a verb it lacks, and none for a verb whose entry has no default
code (``---``) when none of its patterns matches the phrase.  Such a verb backs off, in order, to:

1. the entry of its stem when it is a prefixed variant the dictionary lacks ("reimpose" ->
   "impose", "co-host" -> "host"; prefixes in lexicon.json ``verb_prefixes``);
2. its verb class when it has a direct object and no clausal complement: the root most of its
   dictionary patterns code ("relaxed its measures" -> 08, "lifted its veto" -> 08; see
   :meth:`Ontology.verb_class`).  Used without an object the verb often means something else
   ("returns to Rome" is travel, not the 08 of "returned the prisoners"); with a complement
   the complement is the event ("prompting Tokyo to lodge protests").

Nominal events back off the same way (:func:`nominal_backoff`): an event noun nouns.json lacks
that is derived from a dictionary verb ("donation", "extradition", "easing"; suffixes in
lexicon.json ``nominal_suffixes``) is typed by that verb's entry with the noun's phrase.

An object's event noun names the event only for light verbs (lexicon.json ``light_verbs``,
handled by the verbal rule): for other verbs the noun is what is acted on ("denied the request"
is no appeal, "severed ties" no consultation), so it is no back-off here.

Every back-off match carries :data:`BACKOFF_MARK` in its pattern, so the verbal rule records it
under the rule name ``backoff`` with a lower confidence (rules.py).
"""
from __future__ import annotations

from spacy.tokens import Token

from graphbuilder.extract.context import Context
from graphbuilder.extract.codes import STATEMENT, root
from graphbuilder.extract.syntax import children, noun_post, post_words
from graphbuilder.extract.words import NOMINAL_SUFFIXES, NOT_EVENT_NOMINALS, VERB_PREFIXES
from graphbuilder.ontology import VerbMatch

#: Marks a back-off pattern ("relax ~08", "extend ~ban").
BACKOFF_MARK = "~"


def is_backoff(pattern: str) -> bool:
    """True when a pattern came from :func:`backoff_match`."""
    return BACKOFF_MARK in pattern


def prefix_stem(verb: Token, lemma: str, ctx: Context) -> str | None:
    """The dictionary verb a prefixed lemma the dictionary lacks is a variant of ("reimpose",
    "re-imposed" -> "impose"; the tagger leaves many hyphenated forms unlemmatised, so the
    written form's -ed/-d/-s endings are tried too: "co-sponsored" -> "sponsor")."""
    if ctx.onto.has_verb(lemma):
        return None
    low = verb.lower_
    forms = [lemma, low] + [low[:-n] for n in (1, 2) if low.endswith(("d", "s")) and
                            low[-n:] in {"d", "ed", "s", "es"}]
    for form in forms:
        for prefix in sorted(VERB_PREFIXES, key=len, reverse=True):
            stem = form[len(prefix):].lstrip("-")
            if form.startswith(prefix) and len(stem) >= 3 and ctx.onto.has_verb(stem):
                return stem
    return None


def backoff_match(verb: Token, lemma: str, ctx: Context) -> VerbMatch | None:
    """A lower-confidence code for a verb the dictionary did not type (see the module doc)."""
    post = post_words(verb)
    pre = [c.lemma_.lower() for c in verb.lefts if c.dep_ in {"advmod", "neg", "npadvmod"}]
    stem = prefix_stem(verb, lemma, ctx)
    if stem is not None:
        vm = ctx.onto.verb(stem, post, pre)
        if vm is not None:
            return VerbMatch(vm.code, f"{lemma} {BACKOFF_MARK}{stem} {vm.pattern}", 0)
    if not children(verb, "dobj", "nsubjpass") or children(verb, "xcomp", "ccomp"):
        return None
    return ctx.onto.verb_class(stem or lemma, post, pre)


def nominal_verb(lemma: str, ctx: Context) -> str | None:
    """The dictionary verb an event noun is derived from ("invasion" -> "invade")."""
    if lemma in NOT_EVENT_NOMINALS:
        return None
    for suffix in sorted(NOMINAL_SUFFIXES, key=len, reverse=True):
        if lemma.endswith(suffix) and len(lemma) - len(suffix) >= 3:
            base = lemma[:-len(suffix)]
            for ending in NOMINAL_SUFFIXES[suffix]:
                if ctx.onto.has_verb(base + ending):
                    return base + ending
    return None


def nominal_backoff(noun: Token, ctx: Context) -> VerbMatch | None:
    """The code of an event noun the noun table lacks, from the verb it is derived from
    ("Japan's donation of boats to X" -> donate, 07); statements are no nominal events."""
    verb = nominal_verb(noun.lemma_.lower(), ctx)
    if verb is None:
        return None
    vm = ctx.onto.verb(verb, noun_post(noun))
    if vm is None or root(vm.code) == STATEMENT:
        return None
    return VerbMatch(vm.code, f"{noun.lemma_.lower()} {BACKOFF_MARK}{verb} {vm.pattern}", 0)
