"""Unit tests of the rules for objects that stand for an actor (issue 11, item 1).

One test per class of phrasing; every sentence was written for these tests (none is copied
from a gold file). Each parses one sentence with the real model and calls one rule or argument
finder, as tests/test_rules.py does.
"""
from __future__ import annotations

import pytest

from graphbuilder.extract.arguments import find_subject
from graphbuilder.extract.codes import root
from graphbuilder.extract.targets import find_targets
from graphbuilder.extract.verbal import verb_event
from tests.test_rules import ids, parse, token


# Judging an act (condemning, denouncing, rejecting) is aimed at the act's named agent:
# a "by" agent, even one the parser hangs on the object, "carried out by", or a claimant.
@pytest.mark.parametrize(("word", "text", "sources", "targets"), [
    ("condemned", "Spain condemned the bombing of a market in Baghdad by Islamic State militants.",
     ["ESP"], ["ORG:INT:ISLAMIC_STATE"]),
    ("denounced", "Japan denounced the attack on its embassy, for which the Taliban claimed "
     "responsibility.", ["JPN"], ["ORG:AFG:TALIBAN"]),
    ("criticized", "Chile criticized the shelling of the port carried out by Houthi rebels.",
     ["CHL"], ["GRP:YEM:REBEL"]),
    ("condemned", "Italy condemned the raid on its embassy in Tripoli by Islamic State militants.",
     ["ITA"], ["ORG:INT:ISLAMIC_STATE"]),
    ("condemned", "Ankara condemned the assault on its consulate in Mosul by Kurdish militants.",
     ["TUR"], ["GRP:-:KURDISH_MILITANT"]),
])
def test_judged_act_is_aimed_at_its_named_agent(pipeline, word, text, sources, targets):
    ctx = parse(pipeline, text)
    ev = verb_event(token(ctx, word), ctx)
    assert ev is not None
    assert (root(ev.code), ids(ev.sources), ids(ev.targets)) == ("11", sources, targets)


@pytest.mark.parametrize(("word", "text"), [
    ("condemned", "Norway condemned the attacks on the embassy in Kabul."),
    ("denounced", "Peru denounced the bombing of a bus in Lahore."),
])
def test_judged_act_without_agent_is_aimed_at_no_place(pipeline, word, text):
    ctx = parse(pipeline, text)
    assert find_targets(token(ctx, word), ctx) == []
    assert verb_event(token(ctx, word), ctx) is None


# A relative clause on an attack, or on a place inside the attack's phrase, tells what the
# attack's agents did; with no agent named, the place does nothing.
@pytest.mark.parametrize(("text", "sources", "targets"), [
    ("Sweden condemned Boko Haram's raids in the town of Konduga, which killed 30 Nigerian "
     "civilians.", ["ORG:NGA:BOKO_HARAM"], ["GRP:NGA:CIVILIAN"]),
    ("The al-Shabaab attack in Mogadishu that killed 12 Somali soldiers was condemned by Kenya.",
     ["ORG:SOM:AL_SHABAAB"], ["GRP:SOM:SOLDIER"]),
])
def test_relative_clause_of_an_attack_names_its_agents(pipeline, text, sources, targets):
    ctx = parse(pipeline, text)
    ev = verb_event(token(ctx, "killed"), ctx)
    assert ev is not None
    assert (ids(ev.sources), ids(ev.targets)) == (sources, targets)
    assert root(ev.code) in {"18", "19", "20"}


def test_relative_clause_on_a_place_of_an_unowned_attack_has_no_agent(pipeline):
    ctx = parse(pipeline, "The attacks in the town of Kidal, which killed nine Malian soldiers, "
                          "were condemned.")
    assert find_subject(token(ctx, "killed"), ctx)[0] == []
    assert verb_event(token(ctx, "killed"), ctx) is None


# Physical objects of force stand for their owner: an "of" complement, "belonging to X",
# an armed group's vehicles, a bare group modifying them.
@pytest.mark.parametrize(("word", "text", "targets"), [
    ("stormed", "Iraqi troops stormed the headquarters of the Islamic State in Mosul.",
     ["ORG:INT:ISLAMIC_STATE"]),
    ("destroyed", "Kenyan soldiers destroyed an arms depot belonging to al-Shabaab near Kismayo.",
     ["ORG:SOM:AL_SHABAAB"]),
    ("destroyed", "The army destroyed three ISIL tanks near Raqqa.", ["ORG:INT:ISLAMIC_STATE"]),
    ("shelled", "Government forces shelled rebel positions near Idlib.", ["GRP:?:REBEL"]),
])
def test_physical_target_stands_for_its_owner(pipeline, word, text, targets):
    ctx = parse(pipeline, text)
    assert ids(find_targets(token(ctx, word), ctx)) == targets


# A weapon, vehicle or unit that acts stands for its owner or leader; with no owner named (or
# only the place it came from), there is no agent, and a fronted place is no subject.
@pytest.mark.parametrize(("word", "text", "sources"), [
    ("struck", "Iranian missiles struck a base in Iraq.", ["IRN"]),
    ("hit", "A Houthi drone hit a Saudi oil refinery.", ["ORG:YEM:HOUTHIS"]),
    ("hit", "Missiles of the Syrian army hit the town.", ["GRP:SYR:ARMY"]),
    ("struck", "The Saudi-led coalition struck Houthi positions in Saada.", ["SAU"]),
    ("hit", "Rockets from Gaza hit Sderot.", []),
    ("destroyed", "Near Kobani, one strike destroyed an ISIL tank.", []),
])
def test_instrument_stands_for_its_owner(pipeline, word, text, sources):
    ctx = parse(pipeline, text)
    assert ids(find_subject(token(ctx, word), ctx)[0]) == sources


def test_instrument_owner_is_the_source_of_the_attack(pipeline):
    ctx = parse(pipeline, "A Houthi drone hit a Saudi oil refinery.")
    ev = verb_event(token(ctx, "hit"), ctx)
    assert (root(ev.code), ids(ev.sources), ids(ev.targets)) == ("19", ["ORG:YEM:HOUTHIS"],
                                                                  ["SAU"])
