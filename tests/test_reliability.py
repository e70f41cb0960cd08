"""Reliability (issues 14 and 15): the store lock, checkpoints, hostile input, exposure.

Every command is invoked for real (CliRunner, the session spaCy model); subprocesses only where
a real signal or a second process is the point of the test.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from graphbuilder import documents, limits
from graphbuilder.cli import main
from graphbuilder.documents import InputError, read_inputs
from graphbuilder.exposure import file_access
from graphbuilder.store.lock import StoreLock
from graphbuilder.store.networkx import NetworkXStore, StoreError

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "fixtures" / "articles"
SEED = ARTICLES / "000_54bd720436a614dc.txt"
DEV = ROOT / "fixtures" / "gold" / "dev.jsonl"
GOOD = "date 2021-07-12\nChina criticized the United States over its sanctions on Huawei."


@pytest.fixture()
def runner(pipeline) -> CliRunner:
    return CliRunner()


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _errors(res) -> list[str]:
    return [ln for ln in res.stderr.splitlines() if ln.startswith("error:")]


def _build(runner, store, *inputs, extra=()):
    return runner.invoke(main, ["build", "--store", str(store), *extra, *map(str, inputs)])


# -- the store lock (14.1) ---------------------------------------------------------------------

def test_two_concurrent_builds_keep_both_runs_documents(runner, tmp_path):
    """14.1: two builds into one store at the same time (a second process and this one); the
    lock serialises them and the store holds both runs' documents (31, not 30)."""
    store = tmp_path / "s.json"
    lock = StoreLock(store, exclusive=True, wait=0).acquire()   # both start while it is busy
    child = subprocess.Popen([sys.executable, "-m", "graphbuilder.cli", "build", "--store",
                              str(store), str(DEV)], env=_env(), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    results = []
    try:
        line = child.stderr.readline()   # the child waits, and says so
        assert "in use by another run" in line and "--wait" in line
        here = threading.Thread(target=lambda: results.append(_build(runner, store, SEED)))
        here.start()
    finally:
        lock.release()
    here.join(timeout=300)
    out, err = child.communicate(timeout=300)
    assert child.returncode == 0, err
    assert results and results[0].exit_code == 0, results[0].output
    docs = set(NetworkXStore(store).documents)
    assert "000_54bd720436a614dc.txt" in docs and len(docs) == 31


def test_second_writer_with_wait_zero_fails_in_one_line(runner, tmp_path):
    store = tmp_path / "s.json"
    with StoreLock(store, exclusive=True, wait=0):
        res = _build(runner, store, SEED, extra=["--wait", "0"])
    assert res.exit_code == 2
    assert _errors(res) == [e for e in _errors(res) if "in use by another graphbuilder run" in e]
    assert len(_errors(res)) == 1 and "Traceback" not in res.output
    assert not store.exists()


def test_readers_share_the_lock_and_writers_exclude_them(tmp_path):
    store = tmp_path / "s.json"
    a = StoreLock(store, exclusive=False, wait=0).acquire()
    b = StoreLock(store, exclusive=False, wait=0).acquire()      # two readers at once
    with pytest.raises(Exception, match="in use"):
        StoreLock(store, exclusive=True, wait=0).acquire()
    a.release()
    b.release()
    StoreLock(store, exclusive=True, wait=0).acquire().release()


def test_query_during_a_build_reads_the_last_saved_state(runner, tmp_path):
    store = tmp_path / "s.json"
    assert _build(runner, store, SEED).exit_code == 0
    with StoreLock(store, exclusive=True, wait=0):            # a build at work
        res = runner.invoke(main, ["query", "--store", str(store), "--json"])
    assert res.exit_code == 0 and json.loads(res.stdout)
    assert "reading its last saved state" in res.stderr


def test_corrupt_store_names_the_backup(runner, tmp_path):
    store = tmp_path / "s.json"
    assert _build(runner, store, SEED).exit_code == 0
    assert _build(runner, store, DEV).exit_code == 0        # second save keeps a backup
    backup = tmp_path / "s.json.bak"
    assert backup.is_file() and len(json.loads(backup.read_text())["graph"]["documents"]) == 1
    store.write_text(store.read_text()[:500])
    res = runner.invoke(main, ["query", "--store", str(store)])
    assert res.exit_code == 2 and len(_errors(res)) == 1
    assert "s.json.bak" in _errors(res)[0] and "restore" in _errors(res)[0]


def test_store_with_wrong_field_types_is_refused_and_not_rewritten(runner, tmp_path):
    """15.4: wrong types in a store are one line, and the file is left as it was."""
    store = tmp_path / "s.json"
    assert _build(runner, store, SEED).exit_code == 0
    data = json.loads(store.read_text())
    data["nodes"][0]["aliases"] = 7
    data["graph"]["documents"]["x"] = "not a table"
    store.write_text(json.dumps(data))
    before = store.read_bytes()
    for args in (["build", "--store", str(store), str(DEV)], ["query", "--store", str(store)],
                 ["export", "--store", str(store), "-o", str(tmp_path / "g.graphml")]):
        res = runner.invoke(main, args)
        assert res.exit_code == 2, args
        assert len(_errors(res)) == 1 and "not a graphbuilder store" in _errors(res)[0]
        assert "Traceback" not in res.output
    assert store.read_bytes() == before


def test_missing_store_for_query_and_export_is_an_error_naming_it(runner, tmp_path):
    """Issue 12: a misspelt --store is not read as an empty graph."""
    missing = tmp_path / "typo.json"
    for args in (["query", "--store", str(missing)],
                 ["export", "--store", str(missing), "-o", str(tmp_path / "x.graphml")]):
        res = runner.invoke(main, args)
        assert res.exit_code == 2 and str(missing) in _errors(res)[0]
    assert not missing.exists() and not (tmp_path / "x.graphml").exists()


# -- progress that survives (15.2) -----------------------------------------------------------

def test_unwritable_store_fails_before_extracting(runner, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m,ro", "tmpfs", str(folder)],
                   check=False, capture_output=True)
    try:
        if not os.path.ismount(folder):
            pytest.skip("cannot mount a read-only tmpfs here")
        res = _build(runner, folder / "s.json", DEV)
        assert res.exit_code == 2 and len(_errors(res)) == 1
        assert "cannot" in _errors(res)[0] and "documents:" not in res.stdout
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def test_checkpoints_save_every_n_documents(runner, tmp_path, monkeypatch):
    """15.2: the store is saved during the run, not only at its end."""
    saves = []
    real = NetworkXStore.save

    def counting(self):
        saves.append(len(self.documents))
        real(self)
    monkeypatch.setattr(NetworkXStore, "save", counting)
    res = _build(runner, tmp_path / "s.json", DEV, extra=["--checkpoint-every", "10"])
    assert res.exit_code == 0
    assert saves[:3] == [10, 20, 30]


def test_sigterm_saves_and_exits_143(tmp_path):
    """15.2: SIGTERM during build is handled like Ctrl-C: saved, one line, exit 143."""
    store = tmp_path / "s.json"
    child = subprocess.Popen([sys.executable, "-m", "graphbuilder.cli", "build", "--store",
                              str(store), "--checkpoint-every", "1", "--no-progress", str(DEV),
                              str(ROOT / "fixtures" / "wcep")],
                             env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _wait_for(store, child)
    child.send_signal(signal.SIGTERM)
    out, err = child.communicate(timeout=120)
    assert child.returncode == 143, err
    assert "Traceback" not in err
    assert [ln for ln in err.splitlines() if ln.startswith("error:")] == [
        "error: terminated (SIGTERM): documents loaded so far are saved; run the same command "
        "to resume"]
    loaded = int(out.split("documents: ")[1].split()[0])
    assert len(NetworkXStore(store).documents) == loaded > 0


def _wait_for(path: Path, child: subprocess.Popen, limit: int = 1200) -> None:
    """Until ``path`` exists (a first checkpoint), polling at most ``limit`` times."""
    for _ in range(limit):
        if path.exists():
            return
        if child.poll() is not None:
            raise AssertionError(f"build ended early: {child.stderr.read()}")
        threading.Event().wait(0.1)
    child.kill()
    raise AssertionError("no checkpoint within the bound")


# -- hostile input (14.2, 15.3, 15.4) ---------------------------------------------------------

def _read(*paths) -> list:
    return list(read_inputs([str(p) for p in paths]))


def test_format_characters_and_nul_inside_names_are_normalised(pipeline):
    """15.3: 'Japan\\u200b' is Japan, not PER:JAPAN; NUL, soft hyphen and bidi marks too."""
    clean = "Japan imposed export controls on South Korea."
    for dirty in ("Japan\u200b imposed export controls on South Korea.",
                  "\u202bJapan\u202c imposed export controls on South\u00ad Korea.",
                  "Ja\u00adpan imposed export controls on South Korea.\u0000",
                  "Japan\u0000imposed export controls on South Korea."):
        doc = documents.make_document("d", dirty, "x.txt", date="2019-07-04")
        ids = {(r.source.id, r.target.id) for r in pipeline.process(doc).relations}
        assert ids == {("JPN", "KOR")}, dirty
    assert documents.normalise_text(clean) == clean


def test_duplicate_ids_are_warned_and_kept_with_a_suffix(runner, tmp_path):
    """15.3: two records with one id no longer silently replace each other."""
    f = tmp_path / "dup.jsonl"
    f.write_text(json.dumps({"id": "a", "text": "Iran condemned Israel."}) + "\n"
                 + json.dumps({"id": "a", "text": "China criticized Japan."}) + "\n"
                 + json.dumps({"id": "a", "text": "Iran condemned Israel."}) + "\n")
    res = _build(runner, tmp_path / "s.json", f)
    assert res.exit_code == 0
    warnings = [ln for ln in res.stderr.splitlines() if ln.startswith("warning:")]
    assert len(warnings) == 2 and "kept as 'a#2'" in warnings[0] and "skipped" in warnings[1]
    assert set(NetworkXStore(tmp_path / "s.json").documents) == {"a", "a#2"}


def test_fifo_and_link_loop_are_reported_not_skipped_silently(tmp_path):
    """15.3: one line each; the good file still reads, and nothing hangs on the FIFO."""
    root = tmp_path / "in"
    root.mkdir()
    (root / "good.txt").write_text(GOOD)
    os.mkfifo(root / "pipe.txt")
    os.symlink(root / "loop.txt", root / "loop.txt")
    items = _read(root)
    errors = [str(i) for i in items if isinstance(i, InputError)]
    assert [i.id for i in items if not isinstance(i, InputError)] == ["good.txt"]
    assert any("pipe.txt" in e and "FIFO" in e for e in errors)
    assert any("loop.txt" in e for e in errors) and len(errors) == 2
    fifo_direct = _read(root / "pipe.txt")
    assert len(fifo_direct) == 1 and "not a regular file" in str(fifo_direct[0])


def test_unlistable_folder_is_one_line(tmp_path, monkeypatch):
    """15.3: a folder that cannot be listed (EACCES; root ignores modes, so the error is
    raised for real by os.scandir on a path that vanished) becomes one line."""
    root = tmp_path / "in"
    (root / "gone").mkdir(parents=True)
    (root / "good.txt").write_text(GOOD)
    real = os.scandir

    def scandir(path="."):
        if str(path).endswith("gone"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)
    monkeypatch.setattr(os, "scandir", scandir)
    items = _read(root)
    errors = [str(i) for i in items if isinstance(i, InputError)]
    assert any("gone" in e and "cannot list folder" in e for e in errors)
    assert [i.id for i in items if not isinstance(i, InputError)] == ["good.txt"]


def test_nul_in_one_jsonl_line_spoils_only_that_line(tmp_path):
    """15.3: binary is judged per line in JSON Lines."""
    f = tmp_path / "a.jsonl"
    f.write_bytes(b'{"id": "bad", "text": "x\x00y"}\n'
                  + json.dumps({"id": "ok", "text": GOOD}).encode() + b"\n")
    items = _read(f)
    assert [str(i) for i in items if isinstance(i, InputError)] == [
        f"{f}:1: binary data (NUL byte) in this line: fix or remove it"]
    assert [i.id for i in items if not isinstance(i, InputError)] == ["ok"]


def test_file_name_with_newline_stays_on_one_line(tmp_path):
    f = tmp_path / "bad\nname.txt"
    f.write_text("")
    (err,) = _read(f)
    assert "\n" not in str(err) and "bad\\nname.txt" in str(err)


def test_json_array_input_is_read_and_other_json_refused(runner, tmp_path):
    """Issue 12: a .json file is an array of JSON Lines records, never read as text."""
    arr = tmp_path / "docs.json"
    arr.write_text(json.dumps([{"id": "j1", "date": "2021-07-12", "text": GOOD},
                               {"id": "j2", "text": 5}]))
    items = _read(arr)
    assert [i.id for i in items if not isinstance(i, InputError)] == ["j1"]
    assert [str(i) for i in items if isinstance(i, InputError)] == [
        f"{arr}: record 2: a JSON Lines record needs a string 'text' field (and 'id', 'date')"]
    other = tmp_path / "other.json"
    other.write_text('"just a string"')
    (err,) = _read(other)
    assert isinstance(err, InputError) and "must be an array of records" in str(err)


@pytest.mark.parametrize("record, message", [
    ({"id": "t", "text": None}, "string 'text'"),
    ({"id": "t", "text": ["a"]}, "string 'text'"),
    ({"id": "t", "text": GOOD, "date": "2021-02-30"}, "malformed date"),
    ({"id": "t", "text": GOOD, "date": 20210212}, "malformed date"),
    ({"id": {"x": 1}, "text": GOOD}, "'id' must be"),
    ({"id": "t", "text": GOOD, "title": ["x"]}, "'title' must be"),
])
def test_wrong_field_types_are_one_line(tmp_path, record, message):
    f = tmp_path / "a.jsonl"
    f.write_text(json.dumps(record) + "\n")
    (err,) = _read(f)
    assert isinstance(err, InputError) and message in str(err) and str(err).count("\n") == 0


def test_deeply_nested_lines_are_one_line_in_build_and_load(runner, tmp_path):
    """14 'Why' and 15.4: a deeply nested line used to end the run in a RecursionError."""
    nested = "[" * 100_000 + "]" * 100_000
    f = tmp_path / "deep.jsonl"
    f.write_text(nested + "\n" + json.dumps({"id": "ok", "text": GOOD}) + "\n")
    res = _build(runner, tmp_path / "s.json", f)
    assert res.exit_code == 0 and "Traceback" not in res.output
    assert _errors(res) == [f"error: {f}:1: JSON nested too deeply to be a record: fix or "
                            "remove this line"]
    r = tmp_path / "r.jsonl"
    r.write_text(nested + "\n")
    res = runner.invoke(main, ["load", "--store", str(tmp_path / "t.json"), str(r)])
    assert res.exit_code == 1 and len(_errors(res)) == 1 and "RecursionError" in _errors(res)[0]


def test_utf16_and_bom_inputs(tmp_path):
    t16 = tmp_path / "a.txt"
    t16.write_bytes(GOOD.encode("utf-16"))
    j16 = tmp_path / "a.jsonl"
    j16.write_bytes((json.dumps({"id": "x", "text": GOOD}) + "\n").encode("utf-16"))
    bom = tmp_path / "b.jsonl"
    bom.write_bytes(b"\xef\xbb\xbf" + json.dumps({"id": "b", "text": GOOD}).encode() + b"\n")
    be = tmp_path / "be.jsonl"       # big-endian, two records
    be.write_bytes(b"\xfe\xff" + "\n".join(json.dumps({"id": f"be{i}", "text": GOOD})
                                            for i in (1, 2)).encode("utf-16-be"))
    bad = tmp_path / "bad.txt"       # a lone surrogate: not UTF-16
    bad.write_bytes(b"\xff\xfe" + "ok ".encode("utf-16-le") + b"\x00\xd8 \x00")
    bad_lines = tmp_path / "bad.jsonl"
    bad_lines.write_bytes(("\n".join(json.dumps({"id": f"ok{i}", "text": GOOD}) for i in (1, 2))
                           + "\n").encode("utf-16").replace(b"o\x00k\x002\x00", b"\x00\xd8k\x002\x00")
                          + b"\x00")            # ...and an odd byte at the end
    items = _read(t16, j16, bom, be, bad, bad_lines)
    errors = [str(i) for i in items if isinstance(i, InputError)]
    assert errors == [f"{bad}: not valid UTF-16 (byte 8): re-encode the file as UTF-8",
                      f"{bad_lines}:2: not valid UTF-16: re-encode the file as UTF-8",
                      f"{bad_lines}:3: UTF-16 text cut off: re-encode the file as UTF-8"]
    docs = [i for i in items if not isinstance(i, InputError)]
    assert [d.id for d in docs] == ["a.txt", "x", "b", "be1", "be2", "ok1"]
    assert all("China criticized the United States" in d.text for d in docs)


def test_non_utf8_stdin_is_one_line(tmp_path):
    """15.4: non-UTF-8 bytes on stdin."""
    proc = subprocess.run([sys.executable, "-m", "graphbuilder.cli", "extract", "-"],
                          input="Caf\xe9 talks".encode("latin-1"), capture_output=True, env=_env(),
                          timeout=120)
    assert proc.returncode == 1
    assert proc.stderr.decode().strip().splitlines() == [
        "error: <stdin>:1: not valid UTF-8 (byte 3): re-encode the file as UTF-8"]


def test_extract_to_a_missing_folder_is_one_line(runner, tmp_path):
    """15.4: `extract -o /nonexistent/dir/x`."""
    res = runner.invoke(main, ["extract", str(SEED), "-o", str(tmp_path / "no" / "dir" / "x")])
    assert res.exit_code == 2 and len(_errors(res)) == 1 and "cannot write" in _errors(res)[0]


def test_neo4j_uri_bad_port_and_password_in_uri_are_one_redacted_line(runner, monkeypatch):
    """15.4 and 15.6: a bad port is one line; userinfo in NEO4J_URI is never echoed."""
    monkeypatch.setenv("NEO4J_PASSWORD", "pw-from-env")
    for uri in ("bolt://neo4j:hunter2@127.0.0.1:99999", "bolt://127.0.0.1:99999",
                "bolt://neo4j:hunter2@127.0.0.1:abc"):
        monkeypatch.setenv("NEO4J_URI", uri)
        res = runner.invoke(main, ["query", "--backend", "neo4j", "RETURN 1"])
        assert res.exit_code == 2 and len(_errors(res)) == 1, res.output
        assert "hunter2" not in res.output and "pw-from-env" not in res.output
        assert "Traceback" not in res.output


def test_read_only_query_refuses_file_procedures(runner, monkeypatch):
    """15.6 / 14.3: `query` without --write cannot write files through apoc.export.*."""
    monkeypatch.setenv("NEO4J_PASSWORD", "unused")
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:9")
    for q in ("CALL apoc.export.csv.all('x.csv', {})",
              "CALL apoc . export.json.query('RETURN 1', '/tmp/x', {})",
              "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
              "call APOC.load.json('file:///x')"):
        res = runner.invoke(main, ["query", "--backend", "neo4j", q])
        assert res.exit_code == 1 and "use --write" in _errors(res)[0], q
    assert file_access("// apoc.export.csv.all\nMATCH (n) RETURN n") is None


# -- slow documents (15.1) and export (15.5) --------------------------------------------------

def test_long_unpunctuated_text_is_parsed_in_bounded_chunks(runner, tmp_path):
    """15.1: a long text without sentence punctuation is chunked, with one warning; offsets
    of the merged result point into the whole text."""
    words = ("China criticized the United States over its sanctions on Huawei and Japan "
             "imposed export controls on South Korea while Iran condemned Israel ")
    text = (words * (limits.LONG_DOCUMENT_CHARS // len(words) + 30))
    f = tmp_path / "long.txt"
    f.write_text(text)
    assert len(limits.chunk_bounds(text)) > 1
    assert max(b - a for a, b in limits.chunk_bounds(text)) <= limits.CHUNK_CHARS
    res = runner.invoke(main, ["extract", str(f)])
    assert res.exit_code == 0
    warnings = [ln for ln in res.stderr.splitlines() if ln.startswith("warning:")]
    assert len(warnings) == 1 and "parsed in" in warnings[0] and "chunks" in warnings[0]
    rows = [json.loads(ln) for ln in res.stdout.splitlines()]
    assert len(rows) > 20
    assert max(r["end"] for r in rows) > limits.CHUNK_CHARS
    for r in rows:
        assert text[r["start"]:r["end"]].strip() and r["sentence"] in text
    assert len({r["id"] for r in rows}) == len(rows)


def test_graphml_with_control_characters_reads_back(runner, tmp_path):
    """15.5: control characters in stored text no longer make the GraphML unreadable."""
    store = tmp_path / "s.json"
    assert _build(runner, store, SEED).exit_code == 0
    data = json.loads(store.read_text())
    data["edges"][0]["sentence"] = "bell\x07 and escape\x1b and \x0b tab"
    data["nodes"][0]["aliases"] = ["A\x01B"]
    store.write_text(json.dumps(data))
    out = tmp_path / "g.graphml"
    res = runner.invoke(main, ["export", "--store", str(store), "-o", str(out)])
    assert res.exit_code == 0
    g = nx.read_graphml(out)
    assert g.number_of_edges() == len(data["edges"])
    assert any(d.get("sentence") == "bell and escape and  tab" for _, _, d in g.edges(data=True))


def test_giant_token_is_not_an_alias(pipeline):
    """15.5: a 500,000-character token does not become an actor alias."""
    text = "China criticized " + "X" * 500_000 + " and the United States over Huawei."
    doc = documents.make_document("g", text, "g.txt", date="2021-07-12")
    result = next(pipeline.process_stream([doc]))
    aliases = [a for e in result.entities for a in e.aliases]
    assert all(len(a) <= limits.MAX_ALIAS_CHARS for a in aliases)


def test_failed_save_keeps_lock_released_and_one_line(runner, tmp_path, monkeypatch):
    """A save that fails (here: serialisation) is one line, exit 2, and the lock is free."""
    store = tmp_path / "s.json"

    def fail(self):
        raise StoreError(f"cannot write store file {self.path}: No space left on device; "
                         "the previous file was left unchanged")
    monkeypatch.setattr(NetworkXStore, "save", fail)
    res = _build(runner, store, SEED)
    assert res.exit_code == 2 and len(_errors(res)) == 1 and "No space" in _errors(res)[0]
    StoreLock(store, wait=0).acquire().release()
