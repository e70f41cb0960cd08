"""Faults during `build`, for real (issue 14.3): SIGINT and SIGKILL mid-run, then a rerun,
give the same store as one clean run; a full disk during a save leaves the previous store
intact. Each test is bounded: polling loops have a fixed number of steps."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphbuilder.cli import main
from graphbuilder.store.networkx import NetworkXStore

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "fixtures" / "gold" / "dev.jsonl"
WCEP_FILE = ROOT / "fixtures" / "wcep" / "wcep_2015-09.jsonl"
INPUTS: list[str] = []
WCEP = ""


@pytest.fixture(scope="module")
def clean_store(pipeline, tmp_path_factory) -> Path:
    """The store of one uninterrupted run over INPUTS: the 30 dev records and 120 WCEP
    summaries (long enough that a signal after the first checkpoint lands mid-run)."""
    global WCEP
    folder = tmp_path_factory.mktemp("inputs")
    wcep = folder / "wcep.jsonl"
    with WCEP_FILE.open(encoding="utf-8") as fh:
        wcep.write_text("".join(line for line, _ in zip(fh, range(120))), encoding="utf-8")
    WCEP = str(wcep)
    INPUTS[:] = [str(DEV), WCEP]
    store = tmp_path_factory.mktemp("clean") / "s.json"
    res = CliRunner().invoke(main, ["build", "--store", str(store), *INPUTS])
    assert res.exit_code == 0, res.output
    return store


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _start(store: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "graphbuilder.cli", "build", "--store",
                             str(store), "--checkpoint-every", "10", "--no-progress", *INPUTS],
                            env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _until_checkpoint(store: Path, child: subprocess.Popen, steps: int = 1200) -> None:
    for _ in range(steps):
        if store.exists():
            return
        if child.poll() is not None:
            raise AssertionError(f"build ended before its first checkpoint: {child.stderr.read()}")
        threading.Event().wait(0.1)
    child.kill()
    raise AssertionError("no checkpoint within the bound")


def _canonical(store: Path) -> str:
    return json.dumps(json.loads(store.read_text()), sort_keys=True)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL])
def test_signal_mid_build_then_rerun_equals_a_clean_run(clean_store, tmp_path, sig):
    store = tmp_path / "s.json"
    child = _start(store)
    _until_checkpoint(store, child)
    child.send_signal(sig)
    out, err = child.communicate(timeout=120)
    assert "Traceback" not in err
    if sig == signal.SIGINT:
        assert child.returncode == 130
    else:
        assert child.returncode == -signal.SIGKILL
    partial = len(NetworkXStore(store).documents)
    expected = len(NetworkXStore(clean_store).documents)
    assert 0 < partial <= expected
    res = CliRunner().invoke(main, ["build", "--store", str(store), *INPUTS])
    assert res.exit_code == 0, res.output
    assert f"{partial} unchanged (skipped)" in res.stdout
    assert _canonical(store) == _canonical(clean_store)


def test_full_disk_during_save_leaves_the_previous_store_intact(clean_store, tmp_path):
    """A real full disk: a small tmpfs holds the store, and the next save does not fit."""
    disk = tmp_path / "disk"
    disk.mkdir()
    size = clean_store.stat().st_size
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size * 2 + 200_000}",
                              "tmpfs", str(disk)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs: {mounted.stderr.decode().strip()}")
    try:
        store = disk / "s.json"
        first = CliRunner().invoke(main, ["build", "--store", str(store), str(DEV)])
        assert first.exit_code == 0, first.output
        before = store.read_bytes()
        filler = disk / "filler"
        with open(filler, "wb") as fh:  # leave less room than one more save needs
            free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
            fh.write(b"\0" * max(0, free - len(before) // 2))
        res = CliRunner().invoke(main, ["build", "--store", str(store), str(WCEP)])
        errors = [ln for ln in res.stderr.splitlines() if ln.startswith("error:")]
        assert res.exit_code == 2 and len(errors) == 1, res.output
        assert "No space left on device" in errors[0] and "left unchanged" in errors[0]
        assert "Traceback" not in res.output
        assert store.read_bytes() == before
        assert sorted(p.name for p in disk.iterdir() if p.name.endswith(".tmp")) == []
        filler.unlink()
        again = CliRunner().invoke(main, ["build", "--store", str(store), str(WCEP)])
        assert again.exit_code == 0, again.output
    finally:
        subprocess.run(["umount", str(disk)], check=False)


@pytest.mark.neo4j
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL])
def test_signal_mid_neo4j_build_then_rerun_has_no_duplicates(clean_store, neo4j_clean,
                                                            neo4j_settings, sig):
    """The same with `--backend neo4j`: after the rerun the server holds every document once,
    every relation once, and the same graph size as the clean embedded run."""
    db = neo4j_settings["database"]

    def documents() -> int:
        records, _, _ = neo4j_clean.execute_query("MATCH (d:Document) RETURN count(d) AS n",
                                                  database_=db)
        return records[0]["n"]

    child = subprocess.Popen([sys.executable, "-m", "graphbuilder.cli", "build", "--backend",
                              "neo4j", "--progress", *INPUTS], env=_env(),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    seen = b""
    for _ in range(200):  # until the progress line shows documents going by (bounded)
        chunk = os.read(child.stderr.fileno(), 4096)
        seen += chunk
        if not chunk or b"words/s" in seen:
            break
    assert b"words/s" in seen, seen
    child.send_signal(sig)
    out, err = child.communicate(timeout=120)
    assert b"Traceback" not in seen + err
    if sig == signal.SIGINT:
        assert child.returncode == 130
    partial = documents()
    res = CliRunner().invoke(main, ["build", "--backend", "neo4j", *INPUTS])
    assert res.exit_code == 0, res.output
    expected = NetworkXStore(clean_store)
    assert documents() == len(expected.documents)
    records, _, _ = neo4j_clean.execute_query(
        "MATCH ()-[r]->() RETURN count(r) AS n, count(DISTINCT r.id) AS ids", database_=db)
    assert records[0]["n"] == records[0]["ids"] == expected.counts()[1]
    records, _, _ = neo4j_clean.execute_query(
        "MATCH (a:Actor) RETURN count(a) AS n, count(DISTINCT a.id) AS ids", database_=db)
    assert records[0]["n"] == records[0]["ids"] == expected.counts()[0]
    print(f"{sig.name}: {partial} documents loaded before the signal, "
          f"{documents()} after the rerun")


def test_ctrl_c_with_two_workers_is_one_line_and_no_hang(clean_store, tmp_path):
    """15.4: Ctrl-C reaches the whole process group (the spaCy workers too): one line, exit
    130, no worker tracebacks, no hang at exit; the rerun completes the store."""
    store = tmp_path / "s.json"
    child = subprocess.Popen([sys.executable, "-m", "graphbuilder.cli", "build", "--store",
                              str(store), "--workers", "2", "--checkpoint-every", "10",
                              "--no-progress", *INPUTS], env=_env(), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, start_new_session=True)
    _until_checkpoint(store, child)
    os.killpg(child.pid, signal.SIGINT)
    try:
        out, err = child.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        raise
    assert child.returncode == 130, err
    assert err.splitlines() == ["error: interrupted: documents loaded so far are saved; run the "
                                "same command to resume"]
    res = CliRunner().invoke(main, ["build", "--store", str(store), *INPUTS])
    assert res.exit_code == 0, res.output
    assert _canonical(store) == _canonical(clean_store)
