"""`graphbuilder load`: error handling for bad `extract --format results` files.

A bad line gives one error line naming FILE:LINE on stderr and loading goes on with the other
lines (exit 0); when nothing at all could be loaded the exit status is 1.
No spaCy here: the results files are written by hand from the model classes.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphbuilder.cli import main
from graphbuilder.model import DocumentResult, Entity, Link, Relation
from graphbuilder.store.networkx import NetworkXStore

USA = Entity("USA", "United States", "Country", "USA", ["United States"])
RUS = Entity("RUS", "Russia", "Country", "RUS", ["Russia"])
CHN = Entity("CHN", "China", "Country", "CHN", ["China"])
JPN = Entity("JPN", "Japan", "Country", "JPN", ["Japan"])
BIDEN = Entity("PER:JOE_BIDEN", "Joe Biden", "Person", "USA", ["Biden"], "GOV")


def _result(doc: str, src: Entity, tgt: Entity, type_: str = "SANCTIONS",
            cameo: str = "163", links: tuple[Link, ...] = ()) -> DocumentResult:
    text = f"{src.name} {type_.lower()} {tgt.name}."
    rel = Relation(doc=doc, date="2022-03-01", sentence=text, start=0, end=len(text),
                   source=src, target=tgt, type=type_, cameo=cameo, plover="SANCTION",
                   quad_class=4, predicate=type_.lower(), rule="test", confidence=0.9)
    ents = sorted({e.id: e for e in (src, tgt, *(x for lk in links
                                                  for x in (lk.source, lk.target)))}.values(),
                  key=lambda e: e.id)
    return DocumentResult(doc_id=doc, content_hash=f"hash-{doc}", date="2022-03-01",
                          entities=list(ents), relations=[rel], links=list(links),
                          source="test.jsonl")


GOOD = [
    _result("d1", USA, RUS),
    _result("d2", CHN, JPN, "CRITICIZES", "111"),
    _result("d3", BIDEN, RUS, links=(Link(BIDEN, USA, "LEADER_OF"),)),
]


def _line(r: DocumentResult) -> str:
    return json.dumps(r.to_dict(), ensure_ascii=False)


def _write(path: Path, lines: list[str | bytes]) -> Path:
    data = b"".join((x if isinstance(x, bytes) else x.encode("utf-8")) + b"\n" for x in lines)
    path.write_bytes(data)
    return path


def _load(tmp_path: Path, *files: Path, store: str = "store.json"):
    runner = CliRunner()
    res = runner.invoke(main, ["load", "--store", str(tmp_path / store), *map(str, files)])
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exc_info
    return res


def _errors(res) -> list[str]:
    return [ln for ln in res.stderr.splitlines() if ln.strip()]


def _docs(tmp_path: Path, store: str = "store.json") -> set[str]:
    return set(NetworkXStore(tmp_path / store).documents)


def test_good_file_loads(tmp_path):
    f = _write(tmp_path / "ok.results.jsonl", [_line(r) for r in GOOD])
    res = _load(tmp_path, f)
    assert res.exit_code == 0, res.output
    assert _errors(res) == []
    assert "documents: 3 loaded, 0 unchanged (skipped), 0 with errors" in res.stdout
    assert _docs(tmp_path) == {"d1", "d2", "d3"}


BAD_LINES = {
    "truncated JSON": _line(GOOD[1])[:40],
    "not JSON": "this is not json",
    "JSON but not a result": json.dumps({"hello": "world"}),
    "JSON array": json.dumps([1, 2, 3]),
    "JSON scalar": "42",
    "relation without source": json.dumps(
        {**GOOD[1].to_dict(),
         "relations": [{k: v for k, v in GOOD[1].to_dict()["relations"][0].items()
                        if k != "source"}]}),
    "bad number": json.dumps(
        {**GOOD[1].to_dict(),
         "relations": [{**GOOD[1].to_dict()["relations"][0], "start": "twelve"}]}),
    "entities not a list": json.dumps({**GOOD[1].to_dict(), "entities": 5}),
    "invalid UTF-8": _line(GOOD[1]).encode("utf-8").replace(b"China", b"Ch\xff\xfena"),
}


@pytest.mark.parametrize("bad", list(BAD_LINES), ids=list(BAD_LINES))
def test_malformed_line_is_reported_and_the_rest_loads(tmp_path, bad):
    f = _write(tmp_path / "shard.results.jsonl", [_line(GOOD[0]), BAD_LINES[bad], _line(GOOD[2])])
    res = _load(tmp_path, f)
    assert res.exit_code == 0, res.output
    errors = _errors(res)
    assert len(errors) == 1, res.stderr
    assert f"{f}:2:" in errors[0]
    assert errors[0].startswith("error: ")
    assert "Traceback" not in res.output
    assert "documents: 2 loaded, 0 unchanged (skipped), 1 with errors" in res.stdout
    assert _docs(tmp_path) == {"d1", "d3"}


def test_error_names_the_right_file_and_line(tmp_path):
    a = _write(tmp_path / "a.jsonl", [_line(GOOD[0]), "", _line(GOOD[1])])
    b = _write(tmp_path / "b.jsonl", [_line(GOOD[2]), "{oops", "", "[]"])
    res = _load(tmp_path, a, b)
    assert res.exit_code == 0, res.output
    errors = _errors(res)
    assert len(errors) == 2, res.stderr
    assert f"{b}:2:" in errors[0] and f"{b}:4:" in errors[1]
    assert str(a) not in res.stderr
    assert _docs(tmp_path) == {"d1", "d2", "d3"}


def test_all_lines_bad_exits_1(tmp_path):
    f = _write(tmp_path / "bad.jsonl", ["nope", "{}", "[1]"])
    res = _load(tmp_path, f)
    assert res.exit_code == 1, res.output
    errors = _errors(res)
    assert [e.split(": ")[1] for e in errors] == [f"{f}:1", f"{f}:2", f"{f}:3"]
    assert "documents: 0 loaded" in res.stdout
    assert _docs(tmp_path) == set()


def test_missing_file_is_an_error(tmp_path):
    missing = tmp_path / "nope.jsonl"
    res = _load(tmp_path, missing)
    assert res.exit_code == 1, res.output
    assert len(_errors(res)) == 1 and str(missing) in res.stderr
    good = _write(tmp_path / "ok.jsonl", [_line(GOOD[0])])
    res = _load(tmp_path, missing, good)
    assert res.exit_code == 0, res.output
    assert _docs(tmp_path) == {"d1"}


def test_bom_at_start_of_file_is_accepted(tmp_path):
    f = tmp_path / "bom.jsonl"
    f.write_bytes(b"\xef\xbb\xbf" + "\n".join(_line(r) for r in GOOD).encode("utf-8") + b"\n")
    res = _load(tmp_path, f)
    assert res.exit_code == 0, res.output
    assert _errors(res) == []
    assert _docs(tmp_path) == {"d1", "d2", "d3"}


def test_reloading_is_idempotent_and_errors_do_not_block_skips(tmp_path):
    f = _write(tmp_path / "ok.jsonl", [_line(r) for r in GOOD])
    assert _load(tmp_path, f).exit_code == 0
    before = NetworkXStore(tmp_path / "store.json").counts()
    g = _write(tmp_path / "again.jsonl", [_line(GOOD[0]), "garbage"])
    res = _load(tmp_path, g)
    # Nothing new loaded, but one document was recognised as unchanged: not a total failure.
    assert res.exit_code == 0, res.output
    assert "documents: 0 loaded, 1 unchanged (skipped), 1 with errors" in res.stdout
    assert NetworkXStore(tmp_path / "store.json").counts() == before
