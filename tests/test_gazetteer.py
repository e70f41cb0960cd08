"""Gazetteer behaviour on the packaged data (graphbuilder/data, generated from Phoenix + overlay)."""
from __future__ import annotations

import time

import pytest

from graphbuilder.gazetteer import Actor, Gazetteer, normalize, person_key


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def test_load_is_cached_and_fast() -> None:
    Gazetteer.load.cache_clear()
    t0 = time.perf_counter()
    g = Gazetteer.load()
    assert time.perf_counter() - t0 < 1.5
    assert Gazetteer.load() is g


def test_normalize() -> None:
    assert normalize("the U.S.") == "us"
    assert normalize("Kim Jong-un") == "kim jong un"
    assert normalize("People's Liberation Army") == "peoples liberation army"
    assert normalize("Erdoğan") == "erdogan"
    assert person_key("Kim Jong-un") == "KIM_JONG_UN"


@pytest.mark.parametrize("surface", ["U.S.", "US", "USA", "U.S.A.", "United States",
                                     "the United States", "United States of America",
                                     "America", "Washington", "the U.S."])
def test_united_states_variants(gaz: Gazetteer, surface: str) -> None:
    actor = gaz.lookup(surface)
    assert actor == Actor("USA", "United States", "Country", "USA", None)


def test_lowercase_function_words_are_not_countries(gaz: Gazetteer) -> None:
    assert gaz.lookup("us") is None
    assert gaz.lookup("who") is None
    assert gaz.lookup("is") is None
    assert gaz.lookup("amnesty") is None          # common noun, not Amnesty International
    assert gaz.lookup("WHO").id == "IGO:WHO"
    assert gaz.lookup("Amnesty").id == "NGO:AMNESTY_INTERNATIONAL"


@pytest.mark.parametrize("surface,iso", [("Beijing", "CHN"), ("Pyongyang", "PRK"),
                                         ("Seoul", "KOR"), ("Moscow", "RUS"),
                                         ("Tehran", "IRN"), ("Tokyo", "JPN"), ("Kyiv", "UKR"),
                                         ("Kiev", "UKR"), ("Taipei", "TWN")])
def test_capitals_stand_for_their_country(gaz: Gazetteer, surface: str, iso: str) -> None:
    actor = gaz.lookup(surface)
    assert actor is not None and actor.id == iso and actor.label == "Country"
    assert gaz.is_capital(surface)


def test_canonical_country_names(gaz: Gazetteer) -> None:
    assert gaz.lookup("DPRK").name == "North Korea"
    assert gaz.lookup("Republic of Korea").name == "South Korea"
    assert gaz.lookup("Russian Federation").name == "Russia"
    assert gaz.lookup("Islamic Republic of Iran").name == "Iran"
    assert gaz.lookup("Romania").id == "ROU"
    assert gaz.lookup("East Timor").id == "TLS"
    assert gaz.lookup("Kosovo").id == "XKX"
    assert gaz.lookup("Democratic Republic of the Congo").id == "COD"
    assert gaz.lookup("Palestine").id == "PSE"
    assert gaz.country("CHN") == Actor("CHN", "China", "Country", "CHN", None)
    with pytest.raises(KeyError):
        gaz.country("ZZZ")


def test_subnational_places_are_locations(gaz: Gazetteer) -> None:
    xinjiang = gaz.lookup("Xinjiang")
    assert xinjiang == Actor("LOC:CHN:XINJIANG", "Xinjiang", "Location", "CHN", None)
    assert gaz.lookup("Helmand").label == "Location"
    assert gaz.lookup("Helmand").country == "AFG"
    assert gaz.lookup("Texas").country == "USA"
    assert gaz.lookup("Georgia").id == "GEO"      # the country wins over the U.S. state


def test_media_and_organisations(gaz: Gazetteer) -> None:
    xinhua = gaz.lookup("Xinhua")
    assert xinhua == Actor("ORG:CHN:XINHUA", "Xinhua News Agency", "Organization", "CHN", "MED")
    assert gaz.lookup("Xinhua News Agency").id == "ORG:CHN:XINHUA"
    kcna = gaz.lookup("Korean Central News Agency")
    assert kcna.id == gaz.lookup("KCNA").id == "ORG:PRK:KCNA" and kcna.country == "PRK"
    assert gaz.lookup("Yonhap").country == "KOR"
    assert gaz.lookup("TASS").country == "RUS"
    assert gaz.lookup("IRNA").country == "IRN"
    assert gaz.lookup("U.S. Commerce Department").id == "ORG:USA:COMMERCE_DEPARTMENT"
    assert gaz.lookup("Department of Commerce").id == "ORG:USA:COMMERCE_DEPARTMENT"


@pytest.mark.parametrize("surface,actor_id", [("UN", "IGO:UN"), ("U.N.", "IGO:UN"),
                                              ("United Nations", "IGO:UN"),
                                              ("the United Nations", "IGO:UN"),
                                              ("NATO", "IGO:NATO"), ("EU", "IGO:EU"),
                                              ("IAEA", "IGO:IAEA"), ("ASEAN", "IGO:ASEAN"),
                                              ("African Union", "IGO:AU"),
                                              ("UN Security Council", "IGO:UNSC")])
def test_international_organisations(gaz: Gazetteer, surface: str, actor_id: str) -> None:
    actor = gaz.lookup(surface)
    assert actor.id == actor_id
    assert actor.country is None and actor.role == "IGO" and actor.label == "Organization"


def test_armed_groups_one_id(gaz: Gazetteer) -> None:
    ids = {gaz.lookup(s).id for s in ("ISIS", "ISIL", "Islamic State", "Daesh", "IS")}
    assert ids == {"ORG:INT:ISLAMIC_STATE"}
    assert gaz.lookup("Is") is None
    assert gaz.lookup("Hamas").country == "PSE"
    assert gaz.lookup("Hezbollah").country == "LBN"
    assert gaz.lookup("Taliban", "2019-05-01").role == "REB"
    assert gaz.lookup("Taliban", "2022-05-01").role == "GOV"


def test_people_with_dated_roles(gaz: Gazetteer) -> None:
    xi = gaz.lookup("Xi Jinping", "2021-07-12")
    assert xi == Actor("PER:XI_JINPING", "Xi Jinping", "Person", "CHN", "GOV")
    assert gaz.lookup("Xi Jinping").role == "GOV"            # an office still held
    assert gaz.lookup("Kim Jong Un", "2021-07-12").country == "PRK"
    assert gaz.lookup("Kim Jong-un").id == "PER:KIM_JONG_UN"
    assert gaz.lookup("Joe Biden", "2021-07-12").role == "GOV"     # president
    assert gaz.lookup("Joe Biden", "2015-06-01").role == "GOV"     # vice president
    assert gaz.lookup("Joe Biden", "2019-06-01").role == "ELI"     # out of office
    assert gaz.lookup("Donald Trump", "2019-06-01").role == "GOV"
    assert gaz.lookup("Donald Trump", "2023-06-01").role == "ELI"
    assert gaz.lookup("Donald Trump", "2025-06-01").role == "GOV"
    guterres = gaz.lookup("Antonio Guterres", "2021-01-01")
    assert guterres.country is None and guterres.role == "IGO"
    assert gaz.lookup("Vladimir Putin", "2022-02-24").country == "RUS"
    assert gaz.lookup("Volodymyr Zelenskyy").id == "PER:VOLODYMYR_ZELENSKY"


def test_leader_of(gaz: Gazetteer) -> None:
    xi = gaz.lookup("Xi Jinping", "2021-07-12")
    assert xi.is_leader
    assert gaz.leader_of(xi).id == "CHN"
    assert gaz.leader_of(gaz.lookup("Xinhua")) is None


@pytest.mark.parametrize("word,iso", [("Chinese", "CHN"), ("North Korean", "PRK"),
                                      ("North Koreans", "PRK"), ("American", "USA"),
                                      ("Americans", "USA"), ("Hungarian", "HUN"),
                                      ("Israeli", "ISR"), ("Israelis", "ISR"),
                                      ("Palestinian", "PSE"), ("British", "GBR"),
                                      ("Filipino", "PHL"), ("Dutch", "NLD")])
def test_demonyms(gaz: Gazetteer, word: str, iso: str) -> None:
    assert gaz.demonym(word) == iso


def test_demonyms_are_not_names(gaz: Gazetteer) -> None:
    assert gaz.demonym("Uyghur") is None
    assert gaz.demonym("Kurdish") is None
    assert gaz.lookup("Chinese") is None


@pytest.mark.parametrize("noun,sector", [("president", "GOV"), ("ministry", "GOV"),
                                         ("company", "BUS"), ("companies", "BUS"),
                                         ("firms", "BUS"), ("army", "MIL"), ("troops", "MIL"),
                                         ("police", "COP"), ("government", "GOV")])
def test_agents(gaz: Gazetteer, noun: str, sector: str) -> None:
    assert gaz.agent(noun) == sector
    assert gaz.agent("banana") is None


def test_body_canonicalises_per_country(gaz: Gazetteer) -> None:
    forms = ["Commerce Ministry", "Ministry of Commerce", "commerce ministry",
             "the Ministry of Commerce"]
    actors = {gaz.body("CHN", f) for f in forms}
    assert actors == {Actor("ORG:CHN:COMMERCE_MINISTRY", "Chinese Commerce Ministry",
                            "Organization", "CHN", "GOV")}
    assert gaz.body("USA", "Commerce Department").id == "ORG:USA:COMMERCE_DEPARTMENT"
    assert gaz.body("USA", "Department of Commerce").id == "ORG:USA:COMMERCE_DEPARTMENT"
    foreign = gaz.body("JPN", "Ministry of Foreign Affairs")
    assert foreign.id == "ORG:JPN:FOREIGN_MINISTRY" and foreign.name == "Japanese Foreign Ministry"
    assert gaz.body("RUS", "Defence Ministry").id == "ORG:RUS:DEFENSE_MINISTRY"
    assert gaz.body("RUS", "Defence Ministry").role == "MIL"
    assert gaz.lookup("Commerce Ministry") is None       # ambiguous without a country


def test_phrases_for_matcher(gaz: Gazetteer) -> None:
    phrases = {p.lower(): k for p, k in gaz.phrases()}
    for phrase, actor_id in [("u.s.", "USA"), ("united states", "USA"),
                             ("the united states", "USA"), ("america", "USA"),
                             ("washington", "USA"), ("beijing", "CHN"), ("pyongyang", "PRK"),
                             ("xi jinping", "PER:XI_JINPING"), ("kim jong un", "PER:KIM_JONG_UN"),
                             ("korean central news agency", "ORG:PRK:KCNA"),
                             ("xinhua", "ORG:CHN:XINHUA"), ("u.n.", "IGO:UN"),
                             ("united nations", "IGO:UN")]:
        assert phrases.get(phrase) == actor_id, phrase
    assert "us" not in phrases and "who" not in phrases and "chinese" not in phrases
    assert ("U.S.", "USA") in set(gaz.phrases())           # tokenizes like running text
    assert all(not p.startswith("the ") for p, _ in gaz.phrases(with_the=False))
    cased = dict(gaz.case_sensitive_phrases())
    assert cased["US"] == "USA" and cased["WHO"] == "IGO:WHO" and cased["UN"] == "IGO:UN"
    assert cased["IS"] == "ORG:INT:ISLAMIC_STATE" and cased["the US"] == "USA"
    assert dict(gaz.demonym_phrases())["chinese"] == "CHN"


def test_every_phrase_resolves_to_its_actor(gaz: Gazetteer) -> None:
    """A phrase-matcher hit (in the text's usual capitalisation) looks up to the same actor."""
    for phrase, actor_id in list(gaz.phrases())[::50]:
        assert actor_id in gaz
        found = gaz.lookup(phrase)
        assert found is not None and found.id == actor_id, phrase


def test_ids_are_unique_and_well_formed(gaz: Gazetteer) -> None:
    import re
    pattern = re.compile(r"^([A-Z]{3}|(PER|IGO|NGO):[A-Z0-9_]+|(ORG|LOC):[A-Z]{3}:[A-Z0-9_]+)$")
    countries = gaz.countries()
    assert len(countries) >= 195
    for actor in countries:
        assert pattern.match(actor.id)
    for _surface, actor_id in list(gaz.phrases())[::20]:
        assert pattern.match(actor_id), actor_id


@pytest.mark.parametrize("surface,pid,iso", [("Boris Yeltsin", "PER:BORIS_YELTSIN", "RUS"),
                                             ("Yeltsin", "PER:BORIS_YELTSIN", "RUS"),
                                             ("President Yeltsin", "PER:BORIS_YELTSIN", "RUS")])
def test_synonym_lines_belong_to_one_person(gaz: Gazetteer, surface: str, pid: str,
                                            iso: str) -> None:
    """Phoenix lists a person's synonyms on consecutive lines before the codes."""
    actor = gaz.lookup(surface)
    assert actor is not None and actor.id == pid and actor.country == iso


def test_undated_historic_leader_keeps_his_office(gaz: Gazetteer) -> None:
    assert gaz.lookup("Boris Yeltsin").role == "GOV"
    assert gaz.lookup("Boris Yeltsin", "2005-01-01").role == "ELI"


def test_typographic_apostrophe_phrases(gaz: Gazetteer) -> None:
    phrases = {p for p, _ in gaz.phrases()}
    assert "Da\u2019esh" in phrases
