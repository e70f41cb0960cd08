"""The rule table: which rules run on which words, in which order, and how much each is trusted.

For every verb, then every noun, of a document the driver tries the rules of its part of speech
in table order and keeps the first event found.  A rule is a function ``rule(token, ctx) ->
Event | None``; ``confidence`` gives the base confidence of each ``rule`` name its events carry
(an event may add a ``bonus``, e.g. for a specific dictionary pattern).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import MappingProxyType

from spacy.tokens import Token

from graphbuilder.extract.context import Context
from graphbuilder.extract.evaluation import judgement_event, label_event
from graphbuilder.extract.event import Event
from graphbuilder.extract.message import message_event
from graphbuilder.extract.nominal import nominal_event
from graphbuilder.extract.obligation import obligation_event
from graphbuilder.extract.retaliation import retaliation_event
from graphbuilder.extract.verbal import verb_event
from graphbuilder.extract.words import LABEL_VERBS

RuleFunction = Callable[[Token, Context], "Event | None"]


@dataclass(frozen=True)
class Rule:
    """One row of the rule table."""

    name: str
    pos: str                           # part of speech of the trigger ("VERB", "NOUN")
    find: RuleFunction
    confidence: MappingProxyType       # rule name on the event -> base confidence
    lemmas: frozenset | None = None    # only triggers with these lemmas
    not_lemmas: frozenset = frozenset()  # never triggers with these lemmas


def _conf(**by_rule: float) -> MappingProxyType:
    """Base confidences by rule name (``passive_reported`` -> "passive-reported")."""
    return MappingProxyType({k.replace("_", "-"): v for k, v in by_rule.items()})


#: In order: a label ("called Putin a war criminal") is the event rather than the label verb's
#: own code, and a judgement in a label verb's clause comes before the verb too.
RULES: tuple[Rule, ...] = (
    Rule("label", "VERB", label_event, _conf(evaluation=0.6), lemmas=LABEL_VERBS),
    Rule("judgement of a label verb", "VERB", judgement_event, _conf(evaluation=0.6),
         lemmas=LABEL_VERBS),
    Rule("verbal", "VERB", verb_event,
         _conf(active=0.8, passive=0.65, passive_reported=0.5, passive_located=0.5,
               protest=0.7, reciprocal=0.55, backoff=0.5)),
    Rule("judgement", "VERB", judgement_event, _conf(evaluation=0.6), not_lemmas=LABEL_VERBS),
    Rule("retaliation", "VERB", retaliation_event, _conf(retaliation=0.6)),
    Rule("obligation", "VERB", obligation_event, _conf(obligation=0.6)),
    Rule("nominal", "NOUN", nominal_event, _conf(nominal=0.65, reciprocal=0.65, backoff=0.5)),
    Rule("message", "NOUN", message_event, _conf(message=0.6)),
)


def first_event(tok: Token, ctx: Context) -> Event | None:
    """The first event a rule of the table finds on ``tok``, with its confidence set."""
    lemma = tok.lemma_.lower()
    for rule in RULES:
        if rule.pos != tok.pos_ or lemma in rule.not_lemmas or (
                rule.lemmas is not None and lemma not in rule.lemmas):
            continue
        ev = rule.find(tok, ctx)
        if ev is not None:
            ev.confidence = min(rule.confidence[ev.rule] + ev.bonus, 0.95)
            return ev
    return None
