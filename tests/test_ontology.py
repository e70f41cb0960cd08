"""Ontology behaviour on the packaged data (PETRARCH2 CAMEO verbs, PLOVER table, overlays)."""
from __future__ import annotations

import re
import time

import pytest

from graphbuilder.ontology import GRAPH_TYPES, Ontology, VerbMatch


@pytest.fixture(scope="module")
def onto() -> Ontology:
    return Ontology.load()


def test_load_is_cached_and_fast() -> None:
    Ontology.load.cache_clear()
    t0 = time.perf_counter()
    o = Ontology.load()
    assert time.perf_counter() - t0 < 1.5
    assert Ontology.load() is o
    assert len(o.verbs()) > 1500


@pytest.mark.parametrize("lemma,post,root", [
    ("impose", ["sanction", "on"], "16"),
    ("impose", ["new", "sanction", "against"], "16"),
    ("slap", ["sanction"], "16"),
    ("accuse", [], "11"),
    ("blame", [], "11"),
    ("meet", ["with"], "04"),
    ("meet", [], "04"),
    ("visit", [], "04"),
    ("hold", ["talk"], "04"),
    ("threaten", [], "13"),
    ("warn", [], "13"),
    ("blacklist", [], "16"),
    ("sanction", [], "16"),
    ("condemn", [], "11"),
    ("criticize", [], "11"),
    ("detain", [], "17"),
    ("arrest", [], "17"),
    ("attack", [], "19"),
    ("invade", [], "19"),
    ("sign", ["agreement"], "05"),
    ("send", ["aid"], "07"),
    ("grant", ["asylum"], "07"),
    ("reject", [], "12"),
    ("veto", ["resolution"], "12"),
    ("urge", [], "02"),
    ("add", ["to", "its", "entity", "list"], "16"),
    ("lodge", ["protest", "with"], "11"),
    ("put", ["force", "on", "alert"], "15"),
    ("express", ["desire", "to", "strengthen", "tie"], "03"),
    ("establish", ["diplomatic", "relation"], "05"),
])
def test_verb_roots(onto: Ontology, lemma: str, post: list[str], root: str) -> None:
    match = onto.verb(lemma, post)
    assert match is not None, (lemma, post)
    assert match.root == root, (lemma, post, match)


def test_verb_match_details(onto: Ontology) -> None:
    m = onto.verb("impose", ["sanction", "on"])
    assert m == VerbMatch("163", "* SANCTIONS", 1)
    assert onto.verb("impose") == VerbMatch("170", "*", 0)        # block default
    assert onto.verb("accuse").code == "112"
    assert onto.verb("lodge", ["protest", "with"]).code == "114"  # most specific pattern wins


def test_patterns_match_in_order_with_gaps(onto: Ontology) -> None:
    assert onto.verb("put", ["troop", "on", "high", "alert"]).code == "152"
    assert onto.verb("put", ["alert", "on"]) is None       # wrong order: no pattern, no default


def test_stems_match_longer_lemmas_only_slightly(onto: Ontology) -> None:
    assert onto.verb("impose", ["sanctions"]).code == "163"   # unlemmatised input still matches
    from graphbuilder.ontology import _word
    assert _word("sanction", "sanctioned") and not _word("sanction", "sanctionable")
    assert _word("cash_", "cash") and not _word("cash_", "cashier")
    assert not _word("aid", "aide")                          # short words match exactly


def test_stems_run_on_only_by_an_ending_not_into_another_word(onto: Ontology, pipeline) -> None:
    from graphbuilder.ontology import _word
    for stem, word in (("retaliat", "retaliated"), ("negotiat", "negotiated"),
                       ("attack", "attackers"), ("sanction", "sanctions")):
        assert _word(stem, word), (stem, word)
    for stem, word in (("crime", "crimea"), ("king", "kingdom"), ("euro", "europe"),
                       ("minister", "ministerial"), ("dram", "drama")):
        assert not _word(stem, word), (stem, word)
    # "annexation of Crimea" is no arrest for a crime (the dictionary's &CRIME stem)
    from graphbuilder.api import extract
    for text in ("EU foreign ministers condemned the Russian annexation of Crimea.",
                 "Kyiv denounced Moscow's annexation of Crimea in a statement on Monday."):
        roots = {r.cameo[:2] for r in extract(text)}
        assert "11" in roots and "17" not in roots, (text, roots)


def test_unknown_or_null_verbs(onto: Ontology) -> None:
    assert onto.verb("zzzz") is None
    assert onto.verb("sign") is None                 # [---] block, no pattern matched
    assert onto.verb("take", ["necessary", "measure"]) is None
    assert onto.verb("take", ["hostage"]).root == "18"
    assert onto.verb("impose", ["tax"]) is None      # a "---" pattern blocks coding


def test_verb_is_memoised(onto: Ontology) -> None:
    assert onto.verb("impose", ("sanction",)) is onto.verb("impose", ["sanction"])


@pytest.mark.parametrize("noun,root", [("sanction", "16"), ("sanctions", "16"),
                                       ("embargo", "16"), ("blacklisting", "16"),
                                       ("attack", "19"), ("airstrike", "19"),
                                       ("invasion", "19"), ("visit", "04"), ("talks", "04"),
                                       ("meeting", "04"), ("aid", "07"), ("crackdown", "17"),
                                       ("arrest", "17"), ("detention", "17"),
                                       ("protest", "14"), ("criticism", "11"),
                                       ("accusation", "11"), ("threat", "13"),
                                       ("agreement", "05"), ("cooperation", "06"),
                                       ("air strike", "19")])
def test_nouns(onto: Ontology, noun: str, root: str) -> None:
    match = onto.noun(noun)
    assert match is not None and match.root == root, noun


def test_noun_context(onto: Ontology) -> None:
    assert onto.noun("protest", ["with"]).code == "114"
    assert onto.noun("aid", pre=["military"]).code == "072"
    assert onto.noun("aid", pre=["humanitarian"]).code == "073"
    assert onto.noun("banana") is None


@pytest.mark.parametrize("code,plover", [("163", "SANCTION"), ("16", "SANCTION"),
                                         ("112", "DISAPPROVE"), ("042", "CONSULT"),
                                         ("057", "SUPPORT"), ("0874", "RETREAT"),
                                         ("173", "COERCE"), ("190", "FIGHT"),
                                         ("192", "FIGHT"), ("183", "ASSAULT"),
                                         ("202", "ASSAULT"), ("09", "INVESTIGATE"),
                                         ("1056", "DEMAND"), ("1631", "SANCTION")])
def test_plover(onto: Ontology, code: str, plover: str) -> None:
    assert onto.plover(code) == plover


def test_plover_detail_keeps_table_value(onto: Ontology) -> None:
    detail = onto.plover_detail("163")
    assert detail["plover"] == "SANCTION" and detail["plover_table"] == "COERCE"
    assert detail["mode"] == "restrict"


@pytest.mark.parametrize("code,quad", [("010", 1), ("057", 1), ("06", 2), ("0874", 2),
                                       ("09", 3), ("13", 3), ("14", 4), ("163", 4),
                                       ("20", 4)])
def test_quad_class(onto: Ontology, code: str, quad: int) -> None:
    assert onto.quad_class(code) == quad


@pytest.mark.parametrize("code,gtype", [("163", "SANCTIONS"), ("112", "ACCUSES"),
                                        ("111", "CRITICIZES"), ("042", "VISITS"),
                                        ("043", "HOSTS"), ("040", "CONSULTS"),
                                        ("046", "NEGOTIATES_WITH"), ("057", "SIGNS_AGREEMENT_WITH"),
                                        ("051", "PRAISES"), ("173", "DETAINS"),
                                        ("174", "EXPELS"), ("190", "FIGHTS"),
                                        ("0874", "YIELDS_TO"), ("2041", "USES_MASS_VIOLENCE_AGAINST")])
def test_graph_type(onto: Ontology, code: str, gtype: str) -> None:
    assert onto.graph_type(code) == gtype


def test_graph_types_closed_and_valid(onto: Ontology) -> None:
    valid = re.compile(r"^[A-Z][A-Z_]*$")
    assert all(valid.match(t) for t in GRAPH_TYPES)
    for code in ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13",
                 "14", "15", "16", "17", "18", "19", "20"]:
        assert onto.graph_type(code) in GRAPH_TYPES
    with pytest.raises(ValueError):
        onto.graph_type("ABC")


def test_every_dictionary_code_is_typed(onto: Ontology) -> None:
    """Every code the dictionary can return has a PLOVER type, a quad class and a graph type."""
    import json
    from importlib import resources
    verbs = json.loads(resources.files("graphbuilder.data").joinpath("verbs.json").read_text())
    codes = {p[2] for b in verbs["blocks"].values() for p in b["patterns"] if p[2] != "---"}
    codes |= {v["code"] for v in verbs["verbs"].values() if v["code"] != "---"}
    for code in sorted(codes):
        assert onto.plover(code), code
        assert onto.graph_type(code) in GRAPH_TYPES
        assert onto.quad_class(code) in (1, 2, 3, 4)


def test_describe(onto: Ontology) -> None:
    assert onto.describe("163") == "Impose embargo, boycott, or sanctions"
    assert onto.describe("16") == "Reduce relations"
    assert onto.describe("1631") == "Impose embargo, boycott, or sanctions"
