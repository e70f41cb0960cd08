"""Mention finding and normalisation on the real spaCy model (graphbuilder.mentions)."""
from __future__ import annotations

import pytest

from graphbuilder.gazetteer import Gazetteer
from graphbuilder.mentions import (GOV_NOUNS, LEADER_TITLES, NON_ACTOR_KINDS, Mention,
                                   MentionFinder)
from graphbuilder.nlp import load_model, mask_dateline


@pytest.fixture(scope="module")
def nlp():
    return load_model()


@pytest.fixture(scope="module")
def finder(nlp) -> MentionFinder:
    return MentionFinder(nlp, Gazetteer.load())


def _find(nlp, finder, text: str, date: str | None = "2021-07-12"):
    doc = nlp(text)
    return doc, finder.find(doc, date)


def _at(doc, table, word: str, nth: int = 0) -> Mention | None:
    """The mention covering the ``nth`` token whose text is ``word``."""
    hits = [t.i for t in doc if t.text == word]
    return table.get(hits[nth]) if len(hits) > nth else None


def test_exported_constants() -> None:
    assert "government" in GOV_NOUNS and "president" in LEADER_TITLES
    assert NON_ACTOR_KINDS == {"modifier", "nominal"}


@pytest.mark.parametrize("text,word", [
    ("The U.S. blacklisted 14 companies.", "U.S."),
    ("The US blacklisted 14 companies.", "US"),
    ("The United States blacklisted 14 companies.", "States"),
    ("America blacklisted 14 companies.", "America"),
    ("Washington blacklisted 14 companies.", "Washington"),
])
def test_united_states_variants(nlp, finder, text: str, word: str) -> None:
    doc, table = _find(nlp, finder, text)
    m = _at(doc, table, word)
    assert m is not None and m.actor.id == "USA" and m.is_actor


def test_lowercase_us_is_a_pronoun(nlp, finder) -> None:
    doc, table = _find(nlp, finder, "They told us to leave.")
    assert _at(doc, table, "us") is None


def test_capital_stands_for_its_country(nlp, finder) -> None:
    doc, table = _find(nlp, finder, "Beijing condemned the decision.")
    m = _at(doc, table, "Beijing")
    assert m.actor.id == "CHN" and m.actor.label == "Country"


def test_plural_demonym_stands_for_the_country(nlp, finder) -> None:
    doc, table = _find(nlp, finder, "Americans protested against the new tariffs.")
    m = _at(doc, table, "Americans")
    assert m.actor.id == "USA" and m.kind == "demonym" and m.is_actor


def test_group_tied_to_its_country(nlp, finder) -> None:
    doc, table = _find(nlp, finder, "The U.S. blacklisted 14 Chinese companies on Friday.")
    m = _at(doc, table, "companies")
    assert m.kind == "group" and m.actor.label == "Group" and m.actor.country == "CHN"
    assert m.actor.name == "Chinese companies"


def test_adjective_demonym_is_a_modifier_not_an_actor(nlp, finder) -> None:
    doc, table = _find(nlp, finder, "Aid groups warned about the Syrian civil war.")
    m = _at(doc, table, "Syrian")
    assert m is not None and m.kind == "modifier" and not m.is_actor
    assert m.actor.id == "SYR"


def test_location_in_a_country(nlp, finder) -> None:
    doc, table = _find(nlp, finder, "China detained a million people in Xinjiang.")
    m = _at(doc, table, "Xinjiang")
    assert m.actor.label == "Location" and m.actor.country == "CHN"


def test_russia_today_is_not_the_channel(nlp, finder) -> None:
    doc, table = _find(nlp, finder, "Russia today rejected the proposal.")
    m = _at(doc, table, "Russia")
    assert m.actor.id == "RUS"
    assert _at(doc, table, "today") is None


def test_short_name_after_full_name(nlp, finder) -> None:
    doc, table = _find(nlp, finder, "Xi Jinping met Kim Jong Un in Beijing on Monday. "
                                    "Xi praised the talks and Kim thanked him.")
    assert _at(doc, table, "Xi", 1).actor.id == "PER:XI_JINPING"
    assert _at(doc, table, "Kim", 1).actor.id == "PER:KIM_JONG_UN"


def test_pronouns_resolve(nlp, finder) -> None:
    doc, table = _find(nlp, finder, "China said it would respond. Afghan rebels said they "
                                    "would attack.")
    it = _at(doc, table, "it")
    assert it.kind == "coref" and it.actor.id == "CHN"
    they = _at(doc, table, "they")
    assert they.kind == "coref" and they.actor.country == "AFG"


def test_the_two_countries_refers_to_both(nlp, finder) -> None:
    doc, table = _find(nlp, finder, "Japan and South Korea held talks in Tokyo. "
                                    "The two countries agreed to share intelligence.")
    m = _at(doc, table, "countries")
    assert m is not None and m.kind == "coref"
    assert {m.actor.id} | {a.actor.id for a in m.also} == {"JPN", "KOR"}


def test_dateline_is_never_a_mention(nlp, finder) -> None:
    text = "SEOUL, South Korea -- North Korea fired a missile on Monday."
    body = text.index("North")
    doc = nlp(mask_dateline(text, body))
    table = finder.find(doc, "2021-07-12")
    assert all(doc[i].idx >= body for i in table)
    assert _at(doc, table, "North").actor.id == "PRK"


def test_person_keeps_one_id_with_title_aliases(nlp, finder) -> None:
    doc, table = _find(nlp, finder, "Russian President Boris Yeltsin met Japanese Prime "
                                    "Minister Ryutaro Hashimoto.", date=None)
    y = _at(doc, table, "Yeltsin")
    assert y.actor.id == "PER:BORIS_YELTSIN" and y.actor.country == "RUS"
    assert "Russian President Boris Yeltsin" in y.aliases
    h = _at(doc, table, "Hashimoto")
    assert h.title == "Prime Minister"
    assert "Japanese Prime Minister Ryutaro Hashimoto" in h.aliases
    assert _at(doc, table, "Russian").kind == "modifier"


def test_government_noun_keeps_its_surface(nlp, finder) -> None:
    doc, table = _find(nlp, finder, "A group of Moroccan diplomats met Sudan's government.")
    d = _at(doc, table, "diplomats")
    assert d.actor.id == "MAR" and "Moroccan diplomats" in d.aliases
    g = _at(doc, table, "government")
    assert g.actor.id == "SDN" and "Sudan's government" in g.aliases


def test_possessive_surface_is_an_alias(nlp, finder) -> None:
    doc, table = _find(nlp, finder, "The U.S. praised Haiti's efforts.")
    assert "Haiti's" in _at(doc, table, "Haiti").aliases


def test_ethnic_group_in_another_country(nlp, finder) -> None:
    doc, table = _find(nlp, finder, "Bosnian Serbs shelled the town.")
    m = _at(doc, table, "Serbs")
    assert m.kind == "group" and m.actor.country == "BIH" and m.actor.name == "Bosnian Serbs"


def test_descriptions_are_nominal_mentions(nlp, finder) -> None:
    doc, table = _find(nlp, finder, "Coalition forces struck the village and killed "
                                    "civilians near Al Huwayjah.")
    for word in ("village", "civilians"):
        m = _at(doc, table, word)
        assert m is not None and m.kind == "nominal" and not m.is_actor, word
    assert _at(doc, table, "Huwayjah") is not None     # a name, typed or not


def test_typographic_apostrophe_name(nlp, finder) -> None:
    doc, table = _find(nlp, finder, "The coalition fought Da\u2019esh in Syria.")
    m = next(m for m in table.values() if "esh" in m.surface)
    assert m.actor.id == "ORG:INT:ISLAMIC_STATE"


def test_tokens_map_to_their_mention(nlp, finder) -> None:
    doc, table = _find(nlp, finder, "Chinese President Xi Jinping visited Moscow.")
    for i, m in table.items():
        assert m.start <= i < m.end


# -- the package's steps, one at a time (graphbuilder/mentions/*) ---------------------------------
def test_mention_kind_is_typed_and_checked() -> None:
    from typing import get_args

    from graphbuilder.gazetteer import Actor
    from graphbuilder.mentions import MENTION_KINDS, MentionKind

    assert set(get_args(MentionKind)) == MENTION_KINDS >= NON_ACTOR_KINDS | {"name", "ner", "coref"}
    usa = Actor("USA", "United States", "Country", "USA", None)
    assert Mention(0, 1, usa, "U.S.", "demonym").is_actor
    with pytest.raises(ValueError, match="unknown mention kind 'country'"):
        Mention(0, 1, usa, "U.S.", "country")  # type: ignore[arg-type]


def test_word_lists_come_from_the_lexicon() -> None:
    from graphbuilder.lexicon import LEXICON
    from graphbuilder.mentions import TITLE_NOUNS, words

    assert LEADER_TITLES is LEXICON.words("mentions.leader_titles")
    assert LEADER_TITLES < TITLE_NOUNS and "spokesman" in TITLE_NOUNS   # '@mentions.leader_titles'
    assert LEADER_TITLES < words.GOVERNMENT_TITLES and "mayor" in words.GOVERNMENT_TITLES
    assert words.AGENTIVE_SUFFIXES == tuple(sorted(words.AGENTIVE_SUFFIXES))
    names = [n for n in LEXICON if n.startswith("mentions.")]
    assert len(names) >= 30 and all(isinstance(LEXICON[n], frozenset) for n in names)


@pytest.mark.parametrize("text, index, lemma, head", [
    ("Chinese coast guard ships rammed a Philippine boat.", 3, "ship", ("coast guard", "coast_guard")),
    ("Israeli army bulldozers demolished a house.", 2, "bulldozer", ("army", "army")),
    ("Iraqi border police arrested two men.", 2, "police", ("border police", "police")),
    ("Chinese companies signed deals.", 1, "company", ("companies", "company")),
])
def test_group_head_names_the_operator_or_the_compound(nlp, text, index, lemma, head) -> None:
    from graphbuilder.mentions.groups import GroupMixin

    doc = nlp(text)
    assert GroupMixin._group_head(doc[index], lemma) == head


def test_written_forms_keep_the_left_out_modifiers(nlp, finder) -> None:
    from graphbuilder.mentions import written_forms

    doc, table = _find(nlp, finder, "The rebel Kurdistan Workers' Party attacked a police station.")
    m = _at(doc, table, "Party")
    assert m is not None and m.surface == "Kurdistan Workers' Party"
    assert written_forms(doc, m) == ["rebel Kurdistan Workers' Party"]
    station = _at(doc, table, "station")
    assert station is not None and station.kind == "nominal" and written_forms(doc, station) == []


def test_a_member_noun_stands_for_its_organisation(nlp, finder) -> None:
    doc, table = _find(nlp, finder, "Red Cross officials visited the prison.")
    assert _at(doc, table, "officials") is _at(doc, table, "Red")
    assert _at(doc, table, "officials").actor.id == "NGO:ICRC"


def test_the_finder_keeps_no_state_between_documents(nlp, finder) -> None:
    def summary(table):
        return sorted({(m.start, m.end, m.kind, m.actor.id, tuple(m.aliases)) for m in table.values()})

    first = "Chinese President Xi Jinping met Russian officials in Moscow. He said it was useful."
    other = "Sheikh Hamad, Qatar's emir, criticised the Iraqi government. They rejected it."
    doc_a, table_a = _find(nlp, finder, first)
    _find(nlp, finder, other)
    doc_again, table_again = _find(nlp, finder, first)
    assert summary(table_a) == summary(table_again) and summary(table_a)
    assert not hasattr(finder, "_covered") and not hasattr(finder, "_demonyms")
