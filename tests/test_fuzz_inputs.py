"""Fuzz (issue 14.5): a seeded generator of hostile input files, run through `extract` and
`build` in-process with the session model. No traceback, no hang, exit status by the README's
rule (non-zero only when nothing could be processed), good documents' relations unchanged."""
from __future__ import annotations

import json
import os
import random
from pathlib import Path

from click.testing import CliRunner

from graphbuilder.cli import main

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "fixtures" / "gold" / "dev.jsonl"
SEED = 1405
CASES = 300

_WORDS = ["China", "criticized", "the", "United States", "Japan", "imposed", "sanctions", "on",
          "Iran", "Israel", "condemned", "met", "Russia", "Ukraine", "talks", "in", "Geneva"]
_ODD = ["\u200b", "\u202e", "\u00ad", "\u0000", "\ufeff", "\x07", "\x1b", "\u2028", "\ud7ff",
        "\U0001f600", "\r", "\t", "\u0301", "\uffff", "\x85"]


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(3, 12))]
    for _ in range(rng.randint(0, 4)):
        words.insert(rng.randrange(len(words) + 1), rng.choice(_ODD))
    return " ".join(words) + rng.choice([".", "", "!", " --", "\n"])


def _jsonl_line(rng: random.Random, n: int) -> bytes:
    kind = rng.randrange(10)
    if kind == 0:
        return ("[" * rng.randint(2_000, 50_000)).encode()
    if kind == 1:
        return b'{"id": "fz' + str(n).encode() + b'", "text": "a\x00b"}'
    if kind == 2:
        return bytes(rng.randrange(256) for _ in range(rng.randint(1, 60)))
    value = rng.choice([None, 5, 3.5, ["x"], {"a": 1}, True, _sentence(rng), "", " "])
    record = {"id": rng.choice([f"fz{n}", n, None, ["x"], {"k": 1}, True]),
              "date": rng.choice([None, "2021-02-30", "2021-07-12", 20210712, "", "2021-13-01"]),
              "text": value if kind < 6 else _sentence(rng),
              "title": rng.choice([None, "t", 7, ["t"]])}
    if kind == 9:
        return json.dumps(record)[: rng.randint(1, 30)].encode()
    return json.dumps(record, ensure_ascii=rng.random() < 0.5).encode()


def _hostile_file(rng: random.Random, folder: Path, n: int) -> None:
    kind = rng.randrange(8)
    name = f"case{n:03d}" + rng.choice(["", " sp", "\nnl", "é", "\u202e"])
    if kind == 0:  # text with odd characters
        (folder / f"{name}.txt").write_text("".join(_sentence(rng) for _ in range(3)),
                                            encoding="utf-8", errors="surrogatepass")
    elif kind == 1:  # random bytes
        (folder / f"{name}.txt").write_bytes(bytes(rng.randrange(256)
                                                   for _ in range(rng.randint(0, 300))))
    elif kind == 2:  # other encodings and BOMs
        text = _sentence(rng).replace("\x00", "").replace("\ud7ff", "")
        enc = rng.choice(["utf-16", "utf-16-le", "latin-1", "utf-8-sig", "utf-32"])
        (folder / f"{name}.txt").write_bytes(text.encode(enc, errors="replace"))
    elif kind == 3:  # date lines
        date = rng.choice(["2021-02-30", "2021-7-1", "99999-01-01", "2021-07-12", "x"])
        (folder / f"{name}.txt").write_text(f"date {date}\n" + _sentence(rng))
    elif kind in (4, 5):  # JSON Lines with bad lines
        lines = [_jsonl_line(rng, n * 100 + i) for i in range(rng.randint(1, 6))]
        (folder / f"{name}.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    elif kind == 6:  # whitespace, empty
        (folder / f"{name}.txt").write_text(rng.choice(["", " ", "\n\n", "\ufeff", "date 2021-07-12\n"]))
    else:  # a .json that is not an array of records, or is one
        value = rng.choice([[{"id": f"fzj{n}", "text": _sentence(rng)}], {"text": 3}, "s", 4,
                            [1, 2], "[" * 5000])
        (folder / f"{name}.json").write_text(value if isinstance(value, str) and value.startswith("[")
                                             else json.dumps(value))


def _corpus(tmp: Path) -> tuple[Path, Path]:
    rng = random.Random(SEED)
    hostile = tmp / "hostile"
    hostile.mkdir()
    for n in range(CASES):
        _hostile_file(rng, hostile, n)
    os.mkfifo(hostile / "fifo.txt")
    os.symlink(hostile / "loop.txt", hostile / "loop.txt")
    good = tmp / "good.jsonl"
    good.write_text("".join(line for line, _ in zip(DEV.open(encoding="utf-8"), range(8))))
    return hostile, good


def _relations(results_text: str, ids: set[str]) -> list[dict]:
    out = []
    for line in results_text.split("\n"):
        if not line:
            continue
        d = json.loads(line)
        if d["doc"] in ids:
            out.append(d)
    return sorted(out, key=lambda d: d["doc"])


def test_fuzzed_inputs_never_traceback_and_good_documents_are_unchanged(pipeline, tmp_path):
    hostile, good = _corpus(tmp_path)
    ids = {json.loads(line)["id"] for line in good.open(encoding="utf-8")}
    runner = CliRunner()
    clean = runner.invoke(main, ["extract", "--format", "results", str(good)])
    assert clean.exit_code == 0

    # every hostile file is given both as part of a folder and directly, plus .json files
    direct = sorted(str(p) for p in hostile.iterdir() if p.suffix == ".json")
    args = [str(hostile), *direct, str(good)]
    fuzz = runner.invoke(main, ["extract", "--format", "results", *args])
    assert fuzz.exception is None or isinstance(fuzz.exception, SystemExit), fuzz.exception
    assert "Traceback" not in fuzz.output
    assert fuzz.exit_code == 0          # documents were processed: status 0 (README)
    assert _relations(fuzz.stdout, ids) == _relations(clean.stdout, ids)
    assert "\u2028" not in fuzz.stdout and "\x85" not in fuzz.stdout
    for line in fuzz.stderr.split("\n")[:-1]:  # one line per problem, each naming where
        assert line.startswith(("error: ", "warning: ")), line

    store = tmp_path / "s.json"
    built = runner.invoke(main, ["build", "--store", str(store), *args])
    assert built.exception is None or isinstance(built.exception, SystemExit), built.exception
    assert "Traceback" not in built.output and built.exit_code == 0
    stored = json.loads(store.read_text())
    assert ids <= set(stored["graph"]["documents"])

    nothing = runner.invoke(main, ["extract", str(hostile / "fifo.txt"), str(hostile / "loop.txt")])
    assert nothing.exit_code == 1 and "Traceback" not in nothing.output
