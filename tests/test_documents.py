"""Reading inputs: date lines, datelines, JSON Lines, directories, stdin and bad input."""
from __future__ import annotations

import io
from pathlib import Path

from graphbuilder.documents import InputError, find_dateline, make_document, read_inputs
from graphbuilder.model import Document

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "articles" / "000_54bd720436a614dc.txt"


def test_seed_date_and_dateline():
    doc = make_document("seed", SEED.read_text(encoding="utf-8"), str(SEED))
    assert isinstance(doc, Document)
    assert doc.date == "2021-07-12"
    assert doc.dateline == "SEOUL, South Korea"
    assert doc.text[doc.body_start:].startswith("North Korean and Chinese leaders")


def test_dateline_variants():
    assert find_dateline("WASHINGTON (AP) — The U.S. said")[0] == "WASHINGTON"
    assert find_dateline("BEIJING, July 12 (Reuters) - China said")[0] == "BEIJING"
    assert find_dateline("The U.S. said - nothing")[0] is None
    assert find_dateline("Japan dispatched aircraft")[0] is None


def test_malformed_date_line_names_file_and_line():
    err = make_document("x", "date 2021-13-45\nText.", "x.txt")
    assert isinstance(err, InputError)
    assert str(err).startswith("x.txt:1: malformed date '2021-13-45'")
    err = make_document("x", "date 12/07/2021 Text.", "x.txt")
    assert isinstance(err, InputError) and "x.txt:1:" in str(err)


def test_date_as_line_or_prefix():
    assert make_document("x", "date 2021-07-12\nText.", "x").text == "Text."
    doc = make_document("x", " date 2021-07-12 SEOUL, South Korea -- Text.", "x")
    assert doc.date == "2021-07-12" and doc.dateline == "SEOUL, South Korea"
    doc = make_document("x", "Dated words are not a date line.", "x")
    assert doc.date is None and doc.text.startswith("Dated")


def test_empty_binary_and_non_utf8(tmp_path):
    (tmp_path / "empty.txt").write_text("   \n")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 au lait".encode("latin-1"))
    (tmp_path / "good.txt").write_text("date 2020-01-02\nChina criticized Japan.")
    items = list(read_inputs([str(tmp_path)]))
    errors = {Path(e.source).name: str(e) for e in items if isinstance(e, InputError)}
    docs = [d for d in items if isinstance(d, Document)]
    assert set(errors) == {"empty.txt", "bin.txt", "latin.txt"}
    assert "binary" in errors["bin.txt"]
    assert "UTF-8" in errors["latin.txt"] and "latin.txt:1:" in errors["latin.txt"]
    assert [d.id for d in docs] == ["good.txt"] and docs[0].date == "2020-01-02"


def test_jsonl_records_and_bad_lines(tmp_path):
    f = tmp_path / "news.jsonl"
    f.write_text('{"id": "a", "date": "2021-01-01", "text": "Iran condemned Israel."}\n'
                 '{not json}\n'
                 '{"id": "b", "date": "01/02/2021", "text": "x"}\n'
                 '{"id": "c", "text": "Russia met China.", "title": "T"}\n')
    items = list(read_inputs([str(f)]))
    docs = [d for d in items if isinstance(d, Document)]
    errors = [str(e) for e in items if isinstance(e, InputError)]
    assert [d.id for d in docs] == ["a", "c"]
    assert docs[1].title == "T" and docs[1].date is None
    assert errors[0].startswith(f"{f}:2: malformed JSON")
    assert errors[1].startswith(f"{f}:3: malformed date")


def test_directory_ids_are_relative_and_sorted(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Two.")
    (tmp_path / "a.txt").write_text("One.")
    (tmp_path / ".hidden.txt").write_text("Hidden.")
    ids = [d.id for d in read_inputs([str(tmp_path)])]
    assert ids == ["a.txt", "b/two.txt"]


def test_stdin_text_and_jsonl():
    docs = list(read_inputs(["-"], stdin=io.StringIO("date 2022-02-02\nIran met Iraq.")))
    assert docs[0].id == "stdin" and docs[0].date == "2022-02-02"
    docs = list(read_inputs(["-"], stdin=io.StringIO('{"id": "q", "text": "Hi."}\n')))
    assert docs[0].id == "q"


def test_missing_path():
    (err,) = read_inputs(["/nonexistent/file.txt"])
    assert isinstance(err, InputError) and "no such file" in str(err)


def test_content_hash_changes_with_text_and_date():
    a = make_document("d", "Text one.", "s")
    b = make_document("d", "Text two.", "s")
    c = make_document("d", "date 2020-01-01\nText one.", "s")
    assert len({a.content_hash, b.content_hash, c.content_hash}) == 3
    assert a.content_hash == make_document("d", "Text one.", "s").content_hash


def test_huge_document_is_a_clear_error(tmp_path):
    from graphbuilder.documents import MAX_DOCUMENT_CHARS

    big = tmp_path / "big.txt"
    big.write_text("Iran condemned Israel. " * (MAX_DOCUMENT_CHARS // 20))
    (err,) = read_inputs([str(big)])
    assert isinstance(err, InputError) and "split it" in str(err) and "big.txt" in str(err)
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"a" * (4 * MAX_DOCUMENT_CHARS + 1))
    (err,) = read_inputs([str(huge)])
    assert isinstance(err, InputError) and "too large" in str(err)


def test_jsonl_bad_encoding_spoils_only_its_line(tmp_path):
    f = tmp_path / "mixed.jsonl"
    f.write_bytes(b'{"id": "a", "text": "Iran condemned Israel."}\n'
                  b'{"id": "b", "text": "Caf\xe9"}\n'
                  b'{"id": "c", "text": "Japan met China."}\n')
    items = list(read_inputs([str(f)]))
    assert [d.id for d in items if isinstance(d, Document)] == ["a", "c"]
    (err,) = [e for e in items if isinstance(e, InputError)]
    assert str(err).startswith(f"{f}:2: not valid UTF-8")


def test_binary_jsonl_is_one_error(tmp_path):
    f = tmp_path / "blob.jsonl"
    f.write_bytes(b"\x00\x01\x02\n\x03\x04\n" * 10)
    (err,) = read_inputs([str(f)])
    assert isinstance(err, InputError) and "binary" in str(err)
