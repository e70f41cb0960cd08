"""Unit tests of the extraction rules: parse one sentence, build its Context, call ONE rule.

Each case names the rule function, the trigger word it is called on, and the event it must
return (rule name, CAMEO code, source and target actor ids); the end-to-end behaviour is
pinned by tests/test_extract.py and tests/test_golden.py.
"""
from __future__ import annotations

import pytest

from graphbuilder.extract import Context, Event, first_event
from graphbuilder.extract.arguments import actors_at, find_subject
from graphbuilder.extract.evaluation import judgement_event, label_event
from graphbuilder.extract.message import message_event
from graphbuilder.extract.nominal import nominal_event
from graphbuilder.extract.obligation import obligation_event
from graphbuilder.extract.retaliation import retaliation_event
from graphbuilder.extract.rules import RULES
from graphbuilder.extract.targets import find_targets
from graphbuilder.extract.verbal import verb_event


def parse(pipeline, text: str) -> Context:
    """The Context of ``text`` parsed as one document."""
    doc = pipeline.nlp(text)
    return Context.build(doc, pipeline.mentions.find(doc, None), pipeline.ontology,
                         pipeline.gazetteer)


def token(ctx: Context, word: str):
    """The first token of the document written ``word``."""
    return next(t for t in ctx.doc if t.text == word)


def ids(mentions) -> list[str]:
    return [m.actor.id for m in mentions]


RULE_CASES = [
    # verbal: active, passive, passive-located, protest and reciprocal fallbacks
    (verb_event, "shelled", "The RSF shelled El Fasher on Sunday.",
     "active", "194", ["ORG:RSF"], ["LOC:SDN:EL_FASHER"]),
    (verb_event, "imposed", "The United States imposed sanctions on Iran.",
     "active", "163", ["USA"], ["IRN"]),
    (verb_event, "deployed", "Rwanda deployed 1,000 soldiers to Mozambique.",
     "active", "062", ["RWA"], ["MOZ"]),
    (verb_event, "provide", "Japan will provide aid to Ukraine.",
     "active", "033", ["JPN"], ["UKR"]),
    (verb_event, "strike", "Israel threatened to strike Iran.",
     "active", "138", ["ISR"], ["IRN"]),
    (verb_event, "release", "Israel refused to release the prisoners.",
     "active", "120", ["ISR"], ["GRP:?:PRISONER"]),
    (verb_event, "shelling", "The army prepared to resume shelling of Gaza.",
     "active", "150", ["GRP:?:ARMY"], ["ORG:PSE:GAZA"]),
    (verb_event, "arrived", "NATO peacekeeping troops arrived in Bosnia.",
     "active", "074", ["GRP:-:NATO_TROOP"], ["BIH"]),
    (verb_event, "attacked", "A school for Syrian refugees was attacked by Lebanese gunmen.",
     "passive", "180", ["GRP:LBN:GUNMAN"], ["GRP:SYR:REFUGEE"]),
    (verb_event, "killed", "A senior Hezbollah commander was killed in an Israeli strike.",
     "passive", "190", ["ISR"], ["ORG:LBN:HEZBOLLAH"]),
    (verb_event, "detained", "A Norwegian businessman was detained in Russia last week.",
     "passive-located", "173", ["RUS"], ["GRP:NOR:BUSINESSMAN"]),
    (verb_event, "expelled", "Four Belarusian diplomats were expelled from Lithuania.",
     "passive-located", "1663", ["LTU"], ["BLR"]),
    # protest: aimed at the one its purpose names, else at the country it takes place in
    (verb_event, "protested",
     "Thousands of Sri Lankan fishermen protested to demand the expulsion of Indian trawlers.",
     "protest", "140", ["GRP:LKA:FISHERMAN"], ["GRP:IND:TRAWLER"]),
    (verb_event, "rioted", "Hundreds of Bolivian workers rioted at a border post in Chile.",
     "protest", "145", ["GRP:BOL:WORKER"], ["CHL"]),
    # reciprocal: coordinated actors acting on each other
    (verb_event, "upgraded", "India and the United States upgraded their ties.",
     "reciprocal", "050", ["IND", "USA"], ["IND", "USA"]),
    (verb_event, "exchanged", "Ukraine and Russia exchanged prisoners.",
     "reciprocal", "0841", ["UKR", "RUS"], ["UKR", "RUS"]),
    (verb_event, "reach", "Israel and Hamas failed to reach agreement.",
     "reciprocal", "120", ["ISR", "ORG:PSE:HAMAS"], ["ISR", "ORG:PSE:HAMAS"]),
    # nominal
    (nominal_event, "attack", "Turkey did not condemn Azerbaijan's attack on Armenia.",
     "nominal", "190", ["AZE"], ["ARM"]),
    (nominal_event, "Attacks", "Attacks by Somali militants on Kenya continued this week.",
     "nominal", "190", ["GRP:SOM:MILITANT"], ["KEN"]),
    (nominal_event, "tariffs",
     "Canada's new tariffs on aluminium bound for Mexico drew complaints.",
     "nominal", "163", ["CAN"], ["MEX"]),
    (nominal_event, "meeting", "Putin hosted a meeting between Armenia and Azerbaijan.",
     "reciprocal", "040", ["ARM", "AZE"], ["ARM", "AZE"]),
    # message
    (message_event, "message",
     ("In a message to Chinese President Xi Jinping, North Korean leader Kim Jong Un said "
      "the two countries are friends."),
     "message", "010", ["PER:KIM_JONG_UN"], ["PER:XI_JINPING"]),
    # evaluation: label, judgement, mood
    (label_event, "called", "Erdogan called Netanyahu a war criminal.",
     "evaluation", "111", ["PER:RECEP_TAYYIP_ERDOGAN"], ["PER:BENJAMIN_NETANYAHU"]),
    (judgement_event, "said",
     "China said the U.S. move was an unreasonable suppression of Chinese companies.",
     "evaluation", "111", ["CHN"], ["USA"]),
    (judgement_event, "told",
     "The Kazakh president told reporters he felt optimistic about ties with Uzbekistan.",
     "evaluation", "013", ["KAZ"], ["UZB"]),
    # obligation
    (obligation_event, "said", "Russia said on Tuesday that Sudan must return a Mi-26 helicopter.",
     "obligation", "100", ["RUS"], ["SDN"]),
    # retaliation
    (retaliation_event, "retaliate",
     "Moscow vowed to retaliate against Sweden's accession to NATO.",
     "retaliation", "130", ["RUS"], ["SWE"]),
]


@pytest.mark.parametrize(("rule", "word", "text", "name", "code", "sources", "targets"),
                         RULE_CASES, ids=[f"{c[0].__name__}-{c[1]}" for c in RULE_CASES])
def test_rule_finds_its_event(pipeline, rule, word, text, name, code, sources, targets):
    ctx = parse(pipeline, text)
    tok = token(ctx, word)
    ev = rule(tok, ctx)
    assert isinstance(ev, Event), f"{rule.__name__} found nothing on {word!r}"
    assert (ev.rule, ev.code, ids(ev.sources), ids(ev.targets)) == (name, code, sources, targets)
    assert ev.trigger in list(tok.subtree)   # the word, or the clause it reports


NO_EVENT_CASES = [
    # only demanded, conditional or proposed: no event
    (verb_event, "cancel", "Iran demanded that the United States cancel the sanctions."),
    (verb_event, "host", "Egypt rejected a US offer to host a summit with Israel."),
    # the label verb with a neutral label is no evaluation
    (label_event, "described", "Reuters described Macron as president."),
    # a reporting verb's own code is not the event
    (verb_event, "said", "France said Germany would attend the summit."),
]


@pytest.mark.parametrize(("rule", "word", "text"), NO_EVENT_CASES,
                         ids=[f"{c[0].__name__}-{c[1]}" for c in NO_EVENT_CASES])
def test_rule_finds_no_event(pipeline, rule, word, text):
    ctx = parse(pipeline, text)
    assert rule(token(ctx, word), ctx) is None


def test_rule_table_tries_a_label_before_the_verb_code(pipeline):
    ctx = parse(pipeline, "Erdogan called Netanyahu a war criminal.")
    ev = first_event(token(ctx, "called"), ctx)
    assert (ev.rule, ev.code) == ("evaluation", "111")
    assert ev.confidence == dict(RULES[0].confidence)["evaluation"]


def test_rule_table_adds_the_pattern_bonus_to_the_base_confidence(pipeline):
    ctx = parse(pipeline, "The United States imposed sanctions on Iran.")
    ev = first_event(token(ctx, "imposed"), ctx)
    verbal = next(r for r in RULES if r.find is verb_event)
    assert ev.confidence == pytest.approx(min(verbal.confidence["active"] + ev.bonus, 0.95))
    assert ev.bonus > 0


def test_every_rule_name_has_a_base_confidence():
    for rule in RULES:
        assert rule.confidence, rule.name
        assert all(0 < c <= 0.95 for c in rule.confidence.values()), rule.name


def test_event_is_keyword_built():
    with pytest.raises(TypeError):
        Event(None, "010", "*", 0, "active", [], [])  # type: ignore[misc]


ARGUMENT_CASES = [
    # control and coordination: "urged China to", "agreed to provide"
    (find_subject, "lodge", "The incident prompted Tokyo to lodge a protest with Beijing.",
     ["JPN"]),
    (find_subject, "provide", "Japan agreed to provide aircraft to Pakistan.", ["JPN"]),
    (find_targets, "lodge", "The incident prompted Tokyo to lodge a protest with Beijing.",
     ["CHN"]),
    (find_targets, "condemned", "Seoul condemned North Korea's latest missile launch.",
     ["PRK"]),
]


@pytest.mark.parametrize(("finder", "word", "text", "expected"), ARGUMENT_CASES,
                         ids=[f"{c[0].__name__}-{c[1]}" for c in ARGUMENT_CASES])
def test_argument_finders(pipeline, finder, word, text, expected):
    ctx = parse(pipeline, text)
    found = finder(token(ctx, word), ctx)
    assert ids(found[0] if finder is find_subject else found) == expected


def test_actors_at_reads_a_quantity_of_a_group(pipeline):
    ctx = parse(pipeline, "Hundreds of Bolivian workers rioted at a border post in Chile.")
    assert ids(actors_at(token(ctx, "Hundreds"), ctx)) == ["GRP:BOL:WORKER"]
