"""Relation extraction from the dependency parse: who does what to whom.

Rules (the ``rule`` recorded on every relation):

* ``active``: subject -verb-> object / prepositional object ("Japan dispatched aircraft to
  Pakistan"); subjects are inherited through coordination, control ("agreed to provide"),
  object control ("prompting Tokyo to lodge"), relative clauses and participles.
* ``passive``: by-agent -verb-> passive subject; without a by-agent the speaker of the
  reporting clause is the agent ("The Department said 14 companies were added to its list").
* ``nominal``: event nouns ("the U.S. blacklisting of Chinese companies", "U.S.-led sanctions",
  "Washington's sanctions on Tehran"); agents from possessives, compounds, "-led" and "by".
* ``reciprocal``: coordinated actors acting on each other ("China and North Korea have
  supported each other", "X and Y strengthened their ties").
* ``message``: a message / letter / call to someone ("In a message to Xi, Kim said ...").
* ``passive-reported`` / ``passive-located``: an agentless passive whose agent is the reporting
  authority ("the Department said 14 companies were added to its list") or the country where a
  state act took place ("a U.S. national was arrested in Italy").
* ``protest``: a protest aimed at whom its demands are made of, else at the place's government.
* ``evaluation`` / ``obligation`` / ``retaliation``: judgements ("called X a fascist", "said Y's
  move was illegal", "optimistic about ties with Y"), "X said Y must ...", threatened responses.

Reported speech: events inside what someone said carry the speaker in ``attribution``; the
statement is a relation itself only when its verb is the event (criticise, accuse, deny ...).

Layout: ``rules.py`` is the rule table (order and base confidences); one module per rule family
(``verbal``, ``nominal``, ``reciprocal``, ``message``, ``evaluation``, ``obligation``,
``retaliation``, ``protest``), each rule a function ``rule(token, ctx) -> Event | None``; shared
argument finding in ``arguments`` (subjects, agents, owners, speakers) and ``targets`` (targets,
destinations); ``modality`` (modality, negation, hypothetical clauses); ``syntax`` (parse
helpers); ``codes`` (CAMEO codes by name, intent/threat tables); ``words`` (the word lists of
graphbuilder/data/lexicon.json); ``context`` (the per-document :class:`Context`); ``event`` (the
typed :class:`Event`); ``relations`` (the driver, :class:`RelationExtractor`).
"""
from __future__ import annotations

from graphbuilder.extract.context import Context
from graphbuilder.extract.event import Event
from graphbuilder.extract.relations import RelationExtractor
from graphbuilder.extract.rules import RULES, first_event

__all__ = ["RULES", "Context", "Event", "RelationExtractor", "first_event"]
