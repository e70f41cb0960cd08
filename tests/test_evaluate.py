"""Scoring rules of EVALUATION.md, one test per rule, with hand-built Relation objects."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence

import pytest

from graphbuilder.evaluate import (GoldError, GoldRecord, Report, cameo_root, clean_predictions,
                                   fold_of, fold_summary, load_gold, max_matching, quad_class,
                                   score, score_folds)
from graphbuilder.model import Entity, Relation

USA = Entity("USA", "United States", "Country", "USA", ["US", "U.S.", "Washington"])
CHN = Entity("CHN", "China", "Country", "CHN", ["Beijing"])
RUS = Entity("RUS", "Russia", "Country", None, ["Moscow"])      # country left to the id
JPN = Entity("JPN", "Japan", "Country", "JPN", ["Tokyo"])
COS = Entity("GRP:CHN:COMPANIES", "Chinese firms", "Group", "CHN", ["Chinese companies"])
HUAWEI = Entity("ORG:CHN:HUAWEI", "Huawei Technologies", "Organization", "CHN", ["Huawei"])
UN = Entity("IGO:UN", "United Nations", "Organization", None, ["U.N.", "UN"])
BIDEN = Entity("PER:JOE_BIDEN", "Joe Biden", "Person", "USA", ["Biden"])

TEXT = "The U.S. blacklisted 14 Chinese companies on Friday."


def pred(src: Entity, tgt: Entity, cameo: str = "163", negated: bool = False,
         rule: str = "verb") -> Relation:
    return Relation(doc="x", date=None, sentence=TEXT, start=0, end=10, source=src, target=tgt,
                    type="T", cameo=cameo, plover="", quad_class=0, negated=negated, rule=rule)


def gold_rel(source: str, sc: str | None, target: str, tc: str | None, cameo: str | None = "163",
             **extra: object) -> dict[str, object]:
    out: dict[str, object] = {"source": source, "source_country": sc, "target": target,
                              "target_country": tc, **extra}
    if cameo is not None:
        out["cameo"] = cameo
    return out


def write_gold(tmp_path: Path, records: Sequence[dict[str, object]]) -> list[GoldRecord]:
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return load_gold(path)


def run(tmp_path: Path, gold: list[dict[str, object]], preds: list[Relation],
        rid: str = "r1") -> Report:
    records = write_gold(tmp_path, [{"id": rid, "date": "2021-07-12", "text": TEXT,
                                     "relations": gold}])
    return score(records, lambda text, date, record_id: list(preds))


def prf(report: Report, level: str) -> tuple[int, int, int]:
    c = report.levels[level]
    return c.tp, c.fp, c.fn


# -- helpers ---------------------------------------------------------------------------------


def test_roots_and_quads() -> None:
    assert cameo_root("163") == "16" and cameo_root("04") == "04" and cameo_root("0874") == "08"
    assert cameo_root("") is None and cameo_root("7") is None and cameo_root("99") is None
    assert [quad_class(r) for r in ("01", "05", "06", "08", "09", "13", "14", "20")] == \
        [1, 1, 2, 2, 3, 3, 4, 4]


def test_max_matching_beats_greedy() -> None:
    assert max_matching([[0, 1], [0]], 2) == {0: 1, 1: 0}
    assert max_matching([[0], [0], []], 1) == {0: 0}


# -- matching rules --------------------------------------------------------------------------


def test_country_match_counts_at_dyad_not_actor_level(tmp_path: Path) -> None:
    # gold ends carry countries: Joe Biden (USA) matches "United States", the group matches CHN
    report = run(tmp_path, [gold_rel("United States", "USA", "China", "CHN")], [pred(BIDEN, COS)])
    assert prf(report, "dyad") == (1, 0, 0)
    assert prf(report, "actor") == (0, 1, 1)
    assert prf(report, "quad") == (1, 0, 0)


def test_country_entity_without_country_field_uses_its_id(tmp_path: Path) -> None:
    report = run(tmp_path, [gold_rel("Russia", "RUS", "China", "CHN")], [pred(RUS, CHN)])
    assert prf(report, "dyad") == (1, 0, 0)


def test_name_match_via_alias_when_gold_has_no_country(tmp_path: Path) -> None:
    gold = [gold_rel("The U.N.", None, "United States", "USA", cameo="112")]
    report = run(tmp_path, gold, [pred(UN, USA, cameo="111")])
    assert prf(report, "dyad") == (1, 0, 0)
    assert prf(report, "actor") == (1, 0, 0)       # "the U.N." ~ alias "U.N.", "United States" ~ name
    wrong = run(tmp_path, [gold_rel("European Union", None, "United States", "USA", "112")],
                [pred(UN, USA, cameo="111")])
    assert prf(wrong, "dyad") == (0, 1, 1)


def test_actor_level_name_matching_ignores_case_the_and_punctuation(tmp_path: Path) -> None:
    gold = [gold_rel("the united states", "USA", "CHINESE COMPANIES!", "CHN")]
    report = run(tmp_path, gold, [pred(USA, COS)])
    assert prf(report, "actor") == (1, 0, 0)


def test_negation_mismatch_never_matches(tmp_path: Path) -> None:
    gold = [gold_rel("United States", "USA", "China", "CHN", negated=True)]
    report = run(tmp_path, gold, [pred(USA, CHN)])
    assert [prf(report, lv) for lv in ("dyad", "actor", "quad")] == [(0, 1, 1)] * 3
    ok = run(tmp_path, gold, [pred(USA, CHN, negated=True)])
    assert prf(ok, "dyad") == (1, 0, 0)


def test_root_mismatch_same_quad_matches_only_at_quad_level(tmp_path: Path) -> None:
    gold = [gold_rel("United States", "USA", "China", "CHN", cameo="111")]
    report = run(tmp_path, gold, [pred(USA, CHN, cameo="130")])    # roots 11 vs 13, both quad 3
    assert prf(report, "dyad") == (0, 1, 1)
    assert prf(report, "actor") == (0, 1, 1)
    assert prf(report, "quad") == (1, 0, 0)
    other_quad = run(tmp_path, gold, [pred(USA, CHN, cameo="040")])
    assert prf(other_quad, "quad") == (0, 1, 1)


def test_direction_matters_without_mutual(tmp_path: Path) -> None:
    report = run(tmp_path, [gold_rel("United States", "USA", "China", "CHN")], [pred(CHN, USA)])
    assert prf(report, "dyad") == (0, 1, 1)


def test_mutual_matches_either_direction_and_reverse_is_not_fp(tmp_path: Path) -> None:
    gold = [gold_rel("China", "CHN", "Russia", "RUS", cameo="062", mutual=True)]
    reverse_only = run(tmp_path, gold, [pred(RUS, CHN, cameo="062")])
    assert prf(reverse_only, "dyad") == (1, 0, 0)
    both = run(tmp_path, gold, [pred(CHN, RUS, cameo="062"), pred(RUS, CHN, cameo="062")])
    assert both.predicted == 2
    assert [prf(both, lv) for lv in ("dyad", "actor", "quad")] == [(1, 0, 0)] * 3
    assert both.to_dict()["dyad"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert both.errors == []


def test_mutual_reverse_with_other_root_is_still_a_false_positive(tmp_path: Path) -> None:
    gold = [gold_rel("China", "CHN", "Russia", "RUS", cameo="062", mutual=True)]
    report = run(tmp_path, gold, [pred(CHN, RUS, cameo="062"), pred(RUS, CHN, cameo="111")])
    assert prf(report, "dyad") == (1, 1, 0)


def test_duplicates_count_once(tmp_path: Path) -> None:
    gold = [gold_rel("United States", "USA", "China", "CHN")]
    preds = [pred(USA, CHN, "163", rule="a"), pred(USA, CHN, "163", rule="b"),
             pred(USA, CHN, "160"),                      # same root 16: still a duplicate
             pred(USA, CHN, "163", negated=True)]        # other negation: not a duplicate
    report = run(tmp_path, gold, preds)
    assert report.predicted == 2
    assert prf(report, "dyad") == (1, 1, 0)
    assert [e["rule"] for e in report.errors] == ["verb"]


def test_self_relation_is_dropped(tmp_path: Path) -> None:
    report = run(tmp_path, [], [pred(USA, USA), pred(CHN, CHN, "111")])
    assert report.predicted == 0
    assert prf(report, "dyad") == (0, 0, 0)
    assert clean_predictions([pred(USA, USA)]) == []


def test_empty_record_makes_every_prediction_a_false_positive(tmp_path: Path) -> None:
    report = run(tmp_path, [], [pred(USA, CHN), pred(JPN, CHN, "114")], rid="d003")
    assert (report.records, report.gold, report.predicted) == (1, 0, 2)
    assert [prf(report, lv) for lv in ("dyad", "actor", "quad")] == [(0, 2, 0)] * 3
    assert report.to_dict()["dyad"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert [(e["record"], e["kind"]) for e in report.errors] == [("d003", "false_positive")] * 2


@pytest.mark.parametrize(("plover", "cameo", "hit"), [
    ("ASSAULT", "181", True), ("ASSAULT", "202", True), ("ASSAULT", "190", False),
    ("CONCEDE", "081", True), ("RETREAT", "087", True), ("SANCTION", "163", True),
    ("FIGHT", "193", True), ("FIGHT", "181", False)])
def test_plover_types_stand_for_roots(tmp_path: Path, plover: str, cameo: str, hit: bool) -> None:
    gold = [gold_rel("United States", "USA", "China", "CHN", cameo=None, plover=plover)]
    report = run(tmp_path, gold, [pred(USA, CHN, cameo)])
    assert prf(report, "dyad") == ((1, 0, 0) if hit else (0, 1, 1))


def test_maximum_matching_end_to_end(tmp_path: Path) -> None:
    # the first prediction can match either gold relation, the second only the first one
    gold = [gold_rel("United States", "USA", "China", "CHN"),
            gold_rel("United States", "USA", "Huawei", None)]
    report = run(tmp_path, gold, [pred(USA, HUAWEI), pred(USA, CHN)])
    assert prf(report, "dyad") == (2, 0, 0)


def test_each_gold_relation_matches_once(tmp_path: Path) -> None:
    gold = [gold_rel("United States", "USA", "China", "CHN")]
    report = run(tmp_path, gold, [pred(USA, CHN), pred(BIDEN, CHN)])
    assert prf(report, "dyad") == (1, 1, 0)


# -- report ----------------------------------------------------------------------------------


def test_report_json_has_exactly_the_documented_keys(tmp_path: Path) -> None:
    gold = [gold_rel("United States", "USA", "China", "CHN"),
            gold_rel("Japan", "JPN", "China", "CHN", cameo="114")]
    report = run(tmp_path, gold, [pred(USA, CHN), pred(USA, JPN, "112")])
    data = json.loads(report.to_json())
    assert list(data) == ["records", "gold", "predicted", "dyad", "actor", "quad", "by_root",
                          "filtered"]
    assert data["filtered"] == {}   # plain predictions carry no filtered candidates
    for level in ("dyad", "actor", "quad"):
        assert list(data[level]) == ["precision", "recall", "f1"]
    assert list(data["by_root"]) == ["11", "16"]
    for row in data["by_root"].values():
        assert list(row) == ["precision", "recall", "f1", "gold"]
    assert (data["records"], data["gold"], data["predicted"]) == (1, 2, 2)
    assert data["dyad"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert data["by_root"]["16"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "gold": 1}
    assert data["by_root"]["11"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "gold": 1}


def test_by_root_keys_multi_root_plover_by_first_root(tmp_path: Path) -> None:
    gold = [gold_rel("United States", "USA", "China", "CHN", cameo=None, plover="ASSAULT")]
    report = run(tmp_path, gold, [pred(USA, CHN, "202")])
    assert report.to_dict()["by_root"] == {
        "18": {"precision": 1.0, "recall": 1.0, "f1": 1.0, "gold": 1}}
    assert prf(report, "dyad") == (1, 0, 0)
    missed = run(tmp_path, gold, [pred(USA, CHN, "181", negated=True), pred(USA, JPN, "202")])
    assert missed.to_dict()["by_root"] == {
        "18": {"precision": 0.0, "recall": 0.0, "f1": 0.0, "gold": 1}}


def test_errors_and_text_report(tmp_path: Path) -> None:
    gold = [gold_rel("Japan", "JPN", "China", "CHN", cameo="114")]
    report = run(tmp_path, gold, [pred(USA, CHN, rule="verb:blacklist")], rid="d9")
    miss, fp = report.errors
    assert miss == {"record": "d9", "kind": "miss", "sentence": TEXT, "evidence": None,
                    "predicted": None, "gold": "Japan [JPN] -> China [CHN]", "root": "11",
                    "cameo": "114", "negated": False, "rule": None}
    assert fp["kind"] == "false_positive" and fp["rule"] == "verb:blacklist"
    assert fp["predicted"] == "United States [USA] -> China [CHN]" and fp["root"] == "16"
    text = report.format_text(errors=True)
    assert "dyad" in text and "[d9] MISS: Japan [JPN] -> China [CHN]" in text
    assert "rule=verb:blacklist" in text
    assert "errors" not in report.format_text()


def test_micro_average_over_records(tmp_path: Path) -> None:
    records = write_gold(tmp_path, [
        {"id": "a", "date": None, "text": "A", "relations": [gold_rel("United States", "USA",
                                                                      "China", "CHN")]},
        {"id": "b", "date": None, "text": "B", "relations": [gold_rel("Japan", "JPN", "China",
                                                                      "CHN", "114")]}])
    answers = {"a": [pred(USA, CHN)], "b": [pred(USA, CHN), pred(JPN, CHN, "111")]}
    seen: list[tuple[str, str | None, str]] = []

    def predict(text: str, date: str | None, rid: str) -> list[Relation]:
        seen.append((text, date, rid))
        return answers[rid]

    report = score(records, predict)
    assert seen == [("A", None, "a"), ("B", None, "b")]
    assert prf(report, "dyad") == (2, 1, 0)
    assert report.to_dict()["dyad"] == {"precision": 0.6667, "recall": 1.0, "f1": 0.8}


def test_folds_partition_records_by_hash_and_add_up_to_the_total(tmp_path: Path) -> None:
    ids = [f"rec{i}" for i in range(12)]
    records = write_gold(tmp_path, [
        {"id": rid, "date": None, "text": TEXT,
         "relations": [gold_rel("United States", "USA", "China", "CHN")]} for rid in ids])
    calls: list[str] = []

    def predict(text: str, date: str | None, rid: str) -> list[Relation]:
        calls.append(rid)
        # every third record is missed, every fourth gets a false positive too
        out = [] if int(rid[3:]) % 3 == 0 else [pred(USA, CHN)]
        return out + ([pred(JPN, CHN)] if int(rid[3:]) % 4 == 0 else [])

    total, folds = score_folds(records, predict, 3)
    assert calls == ids                         # one prediction per record, not one per fold
    assert [f.records for f in folds] == [sum(fold_of(r, 3) == i for r in ids) for i in range(3)]
    for level in ("dyad", "actor", "quad"):
        assert sum(f.levels[level].tp for f in folds) == total.levels[level].tp == 8
        assert sum(f.levels[level].fp for f in folds) == total.levels[level].fp == 3
        assert sum(f.levels[level].fn for f in folds) == total.levels[level].fn == 4
    summary = fold_summary(folds)
    f1s = [row["f1"] for row in summary["folds"]]
    assert summary["k"] == 3 and summary["f1"]["min"] == min(f1s)
    assert summary["f1"]["mean"] == round(sum(f1s) / 3, 4)
    assert fold_of("rec1", 3) == fold_of("rec1", 3)   # stable
    with pytest.raises(ValueError):
        score_folds(records, predict, 0)


# -- gold loading ----------------------------------------------------------------------------


def test_load_gold_parses_records(tmp_path: Path) -> None:
    path = tmp_path / "g.jsonl"
    path.write_text('\ufeff{"id": "d1", "date": null, "text": "t", "relations": ['
                    '{"source": "A", "target": "B", "plover": "assault", "mutual": true}]}\n\n',
                    encoding="utf-8")
    (record,) = load_gold(path)
    assert record.id == "d1" and record.date is None
    (rel,) = record.relations
    assert rel.roots == ("18", "20") and rel.root == "18" and rel.mutual and not rel.negated
    assert rel.source_country is None and rel.plover == "ASSAULT"


@pytest.mark.parametrize(("line", "message"), [
    ("{not json", "invalid JSON"),
    ("[]", "JSON object"),
    ('{"id": "x", "text": "t"}', "'relations'"),
    ('{"id": "x", "relations": []}', "'text'"),
    ('{"id": "x", "text": "t", "relations": [{"source": "A", "target": "B"}]}', "'cameo' or 'plover'"),
    ('{"id": "x", "text": "t", "relations": [{"source": "A", "target": "B", "cameo": "1a"}]}', "cameo"),
    ('{"id": "x", "text": "t", "relations": [{"source": "A", "target": "B", "plover": "HUG"}]}', "HUG"),
    ('{"id": "x", "text": "t", "relations": [{"target": "B", "cameo": "163"}]}', "'source'"),
    ('{"id": "x", "text": "t", "relations": [{"source": "A", "target": "B", "cameo": "163", '
     '"negated": "no"}]}', "'negated'"),
])
def test_load_gold_errors_name_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    good = '{"id": "ok", "text": "t", "relations": []}'
    path.write_text(f"{good}\n\n{line}\n", encoding="utf-8")
    with pytest.raises(GoldError) as info:
        load_gold(path)
    text = str(info.value)
    assert text.startswith(f"{path}:3: ") and message in text and "\n" not in text


def test_load_gold_rejects_duplicate_ids_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "dup.jsonl"
    line = '{"id": "x", "text": "t", "relations": []}\n'
    path.write_text(line * 2, encoding="utf-8")
    with pytest.raises(GoldError, match=r"dup.jsonl:2: duplicate record id 'x'"):
        load_gold(path)
    with pytest.raises(GoldError, match="missing.jsonl"):
        load_gold(tmp_path / "missing.jsonl")


def test_fixture_gold_files_load() -> None:
    gold = Path(__file__).resolve().parents[1] / "fixtures" / "gold"
    dev, plover = (load_gold(gold / name) for name in ("dev.jsonl", "plover_gsr_dev.jsonl"))
    assert len(dev) == 30 and len(plover) == 150
    assert sum(not r.relations for r in dev) == 4
