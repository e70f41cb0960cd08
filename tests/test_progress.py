"""Progress of `build`: total and ETA when asked (or on a terminal), nothing when piped."""
from __future__ import annotations

import io
import json
from pathlib import Path

from click.testing import CliRunner

from graphbuilder.cli import main
from graphbuilder.progress import Progress, count_documents

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "fixtures" / "articles"


def test_count_documents_counts_files_and_json_lines(tmp_path):
    (tmp_path / "a.txt").write_text("Russia attacked Ukraine.")
    (tmp_path / "b.jsonl").write_text('{"id": "1", "text": "x"}\n\n{"id": "2", "text": "y"}\n')
    (tmp_path / ".hidden.txt").write_text("skipped like the reader does")
    assert count_documents([str(tmp_path)]) == 3
    assert count_documents([str(tmp_path / "a.txt"), str(tmp_path / "missing.txt")]) == 1
    assert count_documents([str(tmp_path), "-"]) is None


def test_bar_shows_total_rate_and_eta_and_skips_shrink_the_total(tmp_path):
    (tmp_path / "a.jsonl").write_text("".join(json.dumps({"id": str(i), "text": "t"}) + "\n"
                                              for i in range(4)))
    out = io.StringIO()
    bar = Progress(True, [str(tmp_path)], stream=out)
    bar.skip()
    for _ in range(3):
        bar.update(words=100)
    bar.close()
    final = out.getvalue().split("\r")[-1]
    assert "3/3" in final and "words/s" in final and "<00:00" in final   # elapsed<remaining
    silent = io.StringIO()
    off = Progress(False, [str(tmp_path)], stream=silent)
    off.update(5)
    off.skip()
    off.close()
    assert silent.getvalue() == "" and off.docs == 1


def test_build_progress_on_request_and_silent_when_piped(pipeline, tmp_path):
    runner = CliRunner()
    inputs = [str(p) for p in sorted(ARTICLES.iterdir())[:2]]
    res = runner.invoke(main, ["build", "--store", str(tmp_path / "a.json"), "--progress",
                               *inputs])
    assert res.exit_code == 0, res.output
    assert "2/2" in res.stderr and "words/s" in res.stderr
    res = runner.invoke(main, ["build", "--store", str(tmp_path / "b.json"), *inputs])
    assert res.exit_code == 0 and res.stderr == ""          # CliRunner's stderr is no terminal
