"""The geopolitical filter (graphbuilder/extract/geofilter.py): one class of candidates per
check, each shown by sentences written for these tests (not taken from any gold file): the
candidate is dropped with its reason and no relation between those ends is kept; and the
cases each check must leave alone are kept.

Also the ways a user sees the filtered candidates: ``graphbuilder extract --explain``, the
Python API (``explain=True``) and ``graphbuilder eval`` (counts by reason).
"""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import graphbuilder
from graphbuilder.cli import main
from graphbuilder.extract import codes
from graphbuilder.extract.geofilter import CHECKS


def run(pipeline, text: str, date: str | None = None):
    """(kept relations as (source id, target id, CAMEO root), {(source id, target id): reason})."""
    rels = pipeline.extract_text(text, date)
    kept = {(r.source.id, r.target.id, r.cameo[:2]) for r in rels}
    dropped = {(f.relation.source.id, f.relation.target.id): f.reason for f in rels.filtered}
    return kept, dropped


def assert_dropped(pipeline, text: str, source: str, target: str, reason: str,
                   date: str | None = None) -> None:
    kept, dropped = run(pipeline, text, date)
    assert dropped.get((source, target)) == reason, (text, dropped)
    assert not any(s == source and t == target for s, t, _ in kept), (text, kept)


def assert_kept(pipeline, text: str, source: str, target: str, root: str,
                date: str | None = None) -> None:
    kept, dropped = run(pipeline, text, date)
    assert (source, target, root) in kept, (text, kept, dropped)


# -- one class per check ----------------------------------------------------------------------
NATURAL_EVENTS = [
    ("The Creek Fire has destroyed homes in the counties of Fresno and Madera.",
     "ORG:CREEK_FIRE", "LOC:USA:FRESNO", "source is a natural event: fire"),
    ("Governor Newsom signed an emergency declaration for the Caldor Fire.",
     "PER:NEWSOM", "ORG:CALDOR_FIRE", "target is a natural event: fire"),
    ("Hurricane Dorian struck the Bahamas.", "ORG:HURRICANE_DORIAN", "BHS",
     "source is a natural event: hurricane"),
    ("Cyclone Idai destroyed homes in Mozambique.", "PER:CYCLONE_IDAI", "MOZ",
     "source is a natural event: cyclone"),
]

COMPANIES = [
    ("Delta Air Lines suspended flights to Atlanta and Boston after a software outage.",
     "ORG:USA:DELTA_AIR_LINES", "LOC:USA:ATLANTA", "source is a company"),
    ("The European Commission fined Google Inc for abusing its dominance.",
     "IGO:EUROPEAN_COMMISSION", "ORG:GOOGLE_INC", "target is a company"),
    ("Tesla Inc criticized China over the export rules.",
     "ORG:TESLA_INC", "CHN", "source is a company"),
]

PLACES_AS_SOURCES = [
    ("The Atlantic Ocean threatened Portugal.", "LOC:ATLANTIC_OCEAN", "PRT",
     "source is a place of no country"),
    ("The Gulf condemned Iran.", "LOC:GULF", "IRN", "source is a place of no country"),
]

PLACES_AS_TARGETS = [
    ("A second suspect in the attack is arrested in Yala Province in southern Thailand.",
     "THA", "LOC:YALA_PROVINCE", "target is a place: province"),
    ("Soldiers freed twelve hostages in Borno State.",
     "GRP:NGA:SOLDIER", "LOC:NGA:BORNO_STATE", "target is a place: state"),
    ("The French president toured the Louvre Museum.",
     "FRA", "ORG:LOUVRE_MUSEUM", "target is a facility: museum"),
]

NEITHER_POLITICAL = [
    ("Serena Williams defeated Maria Sharapova in the final.",
     "PER:SERENA_WILLIAMS", "PER:MARIA_SHARAPOVA",
     "neither end is a political actor: private person -> private person"),
    ("Lewis Hamilton beat Max Verstappen at Silverstone.",
     "PER:LEWIS_HAMILTON", "PER:MAX_VERSTAPPEN",
     "neither end is a political actor: private person -> private person"),
]

OWN_COUNTRY = [
    ("Chancellor Scholz praised Germany at the summit.", "PER:OLAF_SCHOLZ", "DEU"),
    ("President Ruto thanked Kenya for its patience.", "PER:WILLIAM_RUTO", "KEN"),
    # a warning names who will act: the speaker's own country is no target
    ("Russian President Vladimir Putin warned that Russia would respond to NATO expansion.",
     "PER:VLADIMIR_PUTIN", "RUS"),
    ("Turkish President Recep Tayyip Erdogan warned that Turkey would launch a new operation "
     "in Syria.", "PER:RECEP_TAYYIP_ERDOGAN", "TUR"),
]


@pytest.mark.parametrize("text,source,target,reason", NATURAL_EVENTS)
def test_a_natural_event_is_no_end(pipeline, text, source, target, reason):
    assert_dropped(pipeline, text, source, target, reason)


@pytest.mark.parametrize("text,source,target,reason", COMPANIES)
def test_a_company_is_no_end(pipeline, text, source, target, reason):
    assert_dropped(pipeline, text, source, target, reason)


def test_a_group_of_a_countrys_companies_stays_an_end(pipeline):
    assert_kept(pipeline, "The United States blacklisted dozens of Chinese companies.",
                "USA", "GRP:CHN:COMPANY", "16")


@pytest.mark.parametrize("text,source,target,reason", PLACES_AS_SOURCES)
def test_a_place_of_no_country_does_not_act(pipeline, text, source, target, reason):
    assert_dropped(pipeline, text, source, target, reason)


def test_a_capital_or_region_of_a_country_acts_for_its_government(pipeline):
    assert_kept(pipeline, "Washington imposed sanctions on Iran.", "USA", "IRN", "16")
    assert_kept(pipeline, "Catalonia rejected Spain's demands.", "LOC:ESP:CATALONIA", "ESP",
                "12")


@pytest.mark.parametrize("text,source,target,reason", PLACES_AS_TARGETS)
def test_a_place_is_no_target_of_acts_on_actors(pipeline, text, source, target, reason):
    assert_dropped(pipeline, text, source, target, reason)


def test_a_place_undergoes_territorial_acts_and_receives_aid(pipeline):
    assert_kept(pipeline, "Ethiopian forces shelled Mekelle on Tuesday.",
                "GRP:ETH:FORCE", "LOC:ETH:MEKELLE", "19")
    assert_kept(pipeline, "President Tinubu imposed a curfew in Kano.",
                "PER:BOLA_TINUBU", "LOC:NGA:KANO", "17", date="2024-01-01")
    assert_kept(pipeline, "Japan donated ambulances to hospitals in Lviv.",
                "JPN", "GRP:UKR:HOSPITAL:LVIV", "07")


def test_territorial_codes():
    assert codes.territorial("1723") and codes.territorial("194") and codes.territorial("0813")
    assert not codes.territorial("173") and not codes.territorial("0841")
    assert not codes.territorial("1822") and not codes.territorial("042")


@pytest.mark.parametrize("text,source,target,reason", NEITHER_POLITICAL)
def test_two_private_persons_make_no_relation(pipeline, text, source, target, reason):
    assert_dropped(pipeline, text, source, target, reason)


def test_a_bare_surname_is_unknown_not_private(pipeline):
    # a surname alone names someone the reader knows, often a politician the gazetteer lacks
    # (the price: "Ronaldo criticized Messi" stays too)
    assert_kept(pipeline, "Carter thanked Abadi for nearly two years of close partnership.",
                "PER:CARTER", "PER:ABADI", "05")
    assert_kept(pipeline, "Ronaldo criticized Messi after the match.",
                "PER:RONALDO", "PER:MESSI", "11")


def test_a_private_person_acted_on_by_the_state_stays(pipeline):
    assert_kept(pipeline, "Iran arrested French tourist Benjamin Briere.",
                "IRN", "PER:BENJAMIN_BRIERE", "17")
    assert_kept(pipeline, "A Russian court sentenced American basketball player Brittney "
                "Griner to nine years.", "GRP:RUS:COURT", "PER:BRITTNEY_GRINER", "17")


@pytest.mark.parametrize("text,source,target", OWN_COUNTRY)
def test_a_leader_backing_or_warning_their_own_country_is_no_relation(pipeline, text, source, target):
    assert_dropped(pipeline, text, source, target, "target is the other end's own country",
                   date="2023-05-01")


def test_a_leader_threatening_repression_at_home_stays(pipeline):
    assert_kept(pipeline, "President Tinubu threatened to impose a curfew in Nigeria.",
                "PER:BOLA_TINUBU", "NGA", "13", date="2024-01-10")


def test_every_check_has_a_docstring_and_runs_in_order():
    assert len(CHECKS) == len({c.__name__ for c in CHECKS}) == 8
    assert all(c.__doc__ for c in CHECKS)


# -- how a user sees them ------------------------------------------------------------------------
TEXT = ("Delta Air Lines suspended flights to Atlanta after a software outage. "
        "Russia attacked Ukraine.")


def test_the_api_explains_filtered_candidates(pipeline):
    plain = graphbuilder.extract(TEXT)
    explained = graphbuilder.extract(TEXT, explain=True)
    assert [r.to_dict() for r in plain] == [r.to_dict() for r in explained]
    assert plain.filtered == []
    assert [(f.relation.source.id, f.relation.target.id, f.reason)
            for f in explained.filtered] == [
        ("ORG:USA:DELTA_AIR_LINES", "LOC:USA:ATLANTA", "source is a company")]
    printed = str(explained).splitlines()
    assert printed[0].startswith("Russia -[FIGHTS]-> Ukraine")
    assert printed[1].startswith("filtered: Delta Air Lines -[SANCTIONS]-> Atlanta")
    assert printed[1].endswith(": source is a company")


def test_extract_explain_prints_each_dropped_candidate_with_its_reason(pipeline, tmp_path):
    src = tmp_path / "news.txt"
    src.write_text(TEXT + "\n", encoding="utf-8")
    runner = CliRunner()
    plain = runner.invoke(main, ["extract", str(src)])
    explained = runner.invoke(main, ["extract", "--explain", str(src)])
    assert plain.exit_code == 0 and explained.exit_code == 0, explained.output
    plain_lines = [json.loads(x) for x in plain.output.splitlines()]
    lines = [json.loads(x) for x in explained.output.splitlines()]
    assert all("filtered" not in x for x in plain_lines)     # the default output is unchanged
    assert lines[:len(plain_lines)] == plain_lines
    (dropped,) = lines[len(plain_lines):]
    assert dropped["filtered"] == "source is a company"
    assert (dropped["source"]["name"], dropped["target"]["name"], dropped["cameo"]) == \
        ("Delta Air Lines", "Atlanta", "160")
    assert dropped["sentence"].startswith("Delta Air Lines suspended flights")


def test_extract_explain_in_results_format(pipeline, tmp_path):
    src = tmp_path / "news.txt"
    src.write_text(TEXT + "\n", encoding="utf-8")
    runner = CliRunner()
    plain = runner.invoke(main, ["extract", "--format", "results", str(src)])
    explained = runner.invoke(main, ["extract", "--format", "results", "--explain", str(src)])
    assert plain.exit_code == 0 and explained.exit_code == 0, explained.output
    (doc,) = [json.loads(x) for x in explained.output.splitlines()]
    assert "filtered" not in json.loads(plain.output)
    assert [f["filtered"] for f in doc["filtered"]] == ["source is a company"]
    assert {e["id"] for e in doc["entities"]} == {"RUS", "UKR"}   # dropped ends are no nodes


def test_eval_counts_filtered_candidates_by_reason(pipeline, tmp_path):
    gold = tmp_path / "gold.jsonl"
    records = [
        {"id": "g1", "date": None, "text": TEXT,
         "relations": [{"source": "Russia", "target": "Ukraine", "source_country": "RUS",
                        "target_country": "UKR", "cameo": "190"}]},
        {"id": "g2", "date": None, "text": "Serena Williams defeated Maria Sharapova.",
         "relations": []},
    ]
    gold.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    res = CliRunner().invoke(main, ["eval", "--json", str(gold)])
    assert res.exit_code == 0, res.output
    report = json.loads(res.output)
    assert report["dyad"]["precision"] == 1.0 and report["dyad"]["recall"] == 1.0
    assert report["filtered"] == {
        "neither end is a political actor: private person -> private person":
            {"candidates": 1, "gold_matching": 0},
        "source is a company": {"candidates": 1, "gold_matching": 0}}
    text = CliRunner().invoke(main, ["eval", str(gold)])
    assert text.exit_code == 0
    assert "filtered by the geopolitical filter" in text.output
    assert "source is a company" in text.output


def test_eval_counts_a_filtered_candidate_that_matches_gold(pipeline, tmp_path):
    gold = tmp_path / "gold.jsonl"
    record = {"id": "g1", "date": None,
              "text": "Delta Air Lines suspended flights to Atlanta after an outage.",
              "relations": [{"source": "Delta Air Lines", "target": "Atlanta",
                             "source_country": None, "target_country": None, "cameo": "160"}]}
    gold.write_text(json.dumps(record) + "\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["eval", "--json", str(gold)])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["filtered"] == {
        "source is a company": {"candidates": 1, "gold_matching": 1}}
