"""Golden extraction output: every refactor must keep `extract --format results` byte-identical.

The golden file ``fixtures/golden/results.jsonl`` is the output of::

    graphbuilder extract --format results fixtures/gold/dev.jsonl fixtures/gold/heldout.jsonl \
        fixtures/gold/plover_gsr_dev.jsonl fixtures/gold/regression.jsonl fixtures/articles fixtures/wcep \
        -o fixtures/golden/results.jsonl

over the gold records (not the WCEP gold halves: their texts are in fixtures/wcep already), the
sample articles and 428 real WCEP news summaries. A deliberate change of extraction output
regenerates it with that command, in a commit of its own that explains the diff.
"""
from __future__ import annotations

import difflib
from pathlib import Path

from click.testing import CliRunner

from graphbuilder.cli import main

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "fixtures" / "golden" / "results.jsonl"
#: Relative to the checkout, as in the command above: the results record each document's source path.
INPUTS = ["fixtures/gold/dev.jsonl", "fixtures/gold/heldout.jsonl", "fixtures/gold/plover_gsr_dev.jsonl",
          "fixtures/gold/regression.jsonl", "fixtures/articles", "fixtures/wcep"]


def test_extract_results_match_the_golden_file(pipeline, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    out = tmp_path / "results.jsonl"
    res = CliRunner().invoke(main, ["extract", "--format", "results", *INPUTS, "-o", str(out)])
    assert res.exit_code == 0, res.output
    expected = GOLDEN.read_bytes()
    actual = out.read_bytes()
    if actual != expected:
        diff = difflib.unified_diff(expected.decode().splitlines(), actual.decode().splitlines(),
                                    "golden", "now", n=0, lineterm="")
        head = "\n".join(line[:300] for line, _ in zip(diff, range(40)))
        raise AssertionError(f"extract --format results differs from {GOLDEN.name}:\n{head}")
