"""Read input documents: plain-text articles, JSON Lines, directories and stdin.

Every problem with one input becomes an :class:`InputError` (one line naming the file, the line
when there is one, and what to do); reading goes on with the other inputs.
"""
from __future__ import annotations

import io
import json
import os
import re
import stat
import sys
from dataclasses import dataclass
from datetime import date as _date
from pathlib import Path
from typing import IO, Iterable, Iterator

from graphbuilder.model import Document

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
#: The spaCy parser's own limit (``nlp.max_length``); longer texts are not one news article.
MAX_DOCUMENT_CHARS = 1_000_000
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
#: A JSON file given directly: an array of JSON Lines records (or one record).
JSON_SUFFIXES = {".json"}
#: Longest JSON Lines line read (a record of the largest document, escaped); longer lines are
#: skipped without being held in memory.
MAX_LINE_BYTES = 8 * MAX_DOCUMENT_CHARS

# Invisible format characters (zero-width, bidi controls, soft hyphen, BOM, tags) are removed;
# other control characters and the Unicode line/paragraph separators (which split JSON Lines
# for many readers) become spaces (offsets unchanged). Full NFKC is not applied: it
# would rewrite ordinary text ("…" -> "...") and shift offsets.
_FORMAT_CHARS = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
                           "\u2066-\u206f\ufeff\ufff9-\ufffb\U000e0001\U000e0020-\U000e007f]")
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")

# "date 2021-07-12" as the first line, or as a prefix of the first line (the seed article).
_DATE_PREFIX = re.compile(r"^\s*date\s*[:=]?\s*(?P<value>\d\S*)[ \t]*\n?", re.IGNORECASE)
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
# "SEOUL, South Korea --", "WASHINGTON (AP) —", "BEIJING, July 12 (Reuters) -", "KYIV -"
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'\- ]{1,40}[A-Z.](?:,\s*[A-Z][A-Za-z.'\- ]{1,40}?)?)"
    r"(?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"(?:\s*\((?:AP|AFP|Reuters|UPI|Yonhap|dpa|Xinhua|CNN|BBC)\))?"
    r"\s*(?:--|—|–|-)\s+")


@dataclass
class InputError:
    """A problem with one input (a file, or one line of a JSON Lines file)."""

    source: str
    message: str
    line: int | None = None
    warning: bool = False       # reported, but the input is still read (a duplicate id)

    def __str__(self) -> str:
        source = printable(self.source)
        where = f"{source}:{self.line}" if self.line else source
        return f"{where}: {self.message}"


def printable(name: str) -> str:
    """A file name safe for a one-line message (newlines and controls escaped)."""
    if name.isprintable():
        return name
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in name)


def normalise_text(text: str) -> str:
    """Remove invisible format characters and blank control characters (see above)."""
    if _FORMAT_CHARS.search(text):
        text = _FORMAT_CHARS.sub("", text)
    if _CONTROL_CHARS.search(text):
        text = _CONTROL_CHARS.sub(" ", text)
    return text


Item = Document | InputError


def parse_date(value: str) -> str | None:
    """Validate a YYYY-MM-DD date; return it normalised, or None when invalid."""
    m = _ISO_DATE.match(value.strip())
    if not m:
        return None
    try:
        return _date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None


def find_dateline(text: str, start: int = 0) -> tuple[str | None, int]:
    """Find a leading dateline at ``start``; return (place, offset where the body starts)."""
    pos = start
    while pos < len(text) and text[pos].isspace():
        pos += 1
    m = _DATELINE.match(text, pos)
    if not m:
        return None, start
    place = m["place"].strip()
    # A dateline place is short and its first part is in capitals (SEOUL, WASHINGTON).
    if not place.split(",")[0].replace(".", "").replace(" ", "").replace("-", "").isupper():
        return None, start
    return place, m.end()


def make_document(doc_id: str, raw: str, source: str, date: str | None = None,
                  title: str | None = None, url: str | None = None) -> Document | InputError:
    """Build a Document from raw text: read an optional ``date`` first line and a dateline."""
    text = normalise_text(raw.replace("\r\n", "\n"))
    if len(text) > MAX_DOCUMENT_CHARS:
        return InputError(source, f"document has {len(text):,} characters, more than the "
                                  f"{MAX_DOCUMENT_CHARS:,} the parser takes: split it into "
                                  "articles (or JSON Lines records)")
    if not text.strip():
        return InputError(source, "empty document: nothing to extract; remove it or add text")
    m = _DATE_PREFIX.match(text)
    if m:
        parsed = parse_date(m["value"])
        if parsed is None:
            return InputError(source, f"malformed date {m['value']!r} on the date line: "
                                      "write it as 'date YYYY-MM-DD' or remove it", line=1)
        date = date or parsed
        text = text[m.end():]
        if not text.strip():
            return InputError(source, "document has a date line but no text; add the article text")
    place, body_start = find_dateline(text)
    return Document(id=doc_id, text=text, date=date, title=title, url=url, source=source,
                    dateline=place, body_start=body_start)


def _decode(data: bytes, source: str) -> str | InputError:
    if _utf16(data):
        try:
            return data.decode("utf-16")   # (the byte-order mark says which order)
        except UnicodeDecodeError as exc:
            return InputError(source, f"not valid UTF-16 (byte {exc.start}): re-encode the "
                                      "file as UTF-8")
    if b"\x00" in data[:4096]:
        return InputError(source, "binary file, not text: give UTF-8 text or JSON Lines")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        return InputError(source, f"not valid UTF-8 (byte {exc.start}): re-encode the file "
                                  "as UTF-8", line=line)


def read_jsonl(lines: Iterable[str | InputError], source: str) -> Iterator[Item]:
    """Documents from JSON Lines: objects with ``id``, ``date``, ``text`` (``title``, ``url``)."""
    for n, line in enumerate(lines, start=1):
        if isinstance(line, InputError):
            yield line
            continue
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(source, f"malformed JSON ({exc.msg}): fix or remove this line",
                             line=n)
            continue
        except RecursionError:
            yield InputError(source, "JSON nested too deeply to be a record: fix or remove "
                                     "this line", line=n)
            continue
        yield read_record(obj, source, n)


def read_record(obj: object, source: str, n: int) -> Item:
    """One JSON Lines record (line or array item ``n``) as a Document, or an InputError."""
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
        return InputError(source, "a JSON Lines record needs a string 'text' field "
                                  "(and 'id', 'date')", line=n)
    for name in ("title", "url"):
        if not isinstance(obj.get(name), (str, type(None))):
            return InputError(source, f"field {name!r} must be a string or null", line=n)
    if not isinstance(obj.get("id"), (str, int, type(None))) or isinstance(obj.get("id"), bool):
        return InputError(source, "field 'id' must be a string or a number", line=n)
    date = obj.get("date")
    if date is not None:
        parsed = parse_date(date) if isinstance(date, str) else None
        if parsed is None:
            return InputError(source, f"malformed date {str(date)[:40]!r}: use YYYY-MM-DD "
                                      "or null", line=n)
        date = parsed
    doc_id = str(obj.get("id") if obj.get("id") is not None else f"{source}#{n}")
    doc = make_document(doc_id, obj["text"], source, date=date, title=obj.get("title"),
                        url=obj.get("url"))
    if isinstance(doc, InputError):
        doc.line = n
    return doc


def read_json(data: bytes, source: str) -> Iterator[Item]:
    """Documents from a ``.json`` file: an array of JSON Lines records, or one record."""
    text = _decode(data, source)
    if isinstance(text, InputError):
        yield text
        return
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        yield InputError(source, f"malformed JSON ({exc.msg}): a .json input is an array of "
                                 "records like JSON Lines'", line=exc.lineno)
        return
    except RecursionError:
        yield InputError(source, "JSON nested too deeply: a .json input is an array of "
                                 "records like JSON Lines'")
        return
    if isinstance(obj, dict):
        obj = [obj]
    if not isinstance(obj, list):
        yield InputError(source, "a .json input must be an array of records with 'id', "
                                 "'date', 'text' (or give JSON Lines)")
        return
    for n, record in enumerate(obj, start=1):
        item = read_record(record, source, n)
        if isinstance(item, InputError):
            item.line = None
            item.message = f"record {n}: {item.message}"
        yield item


def read_file(path: Path, doc_id: str) -> Iterator[Item]:
    """Documents from one file (text, JSON Lines or a JSON array by suffix). JSON Lines stream
    line by line, so a large file is never held in memory and one bad line spoils only itself."""
    source = str(path)
    try:
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):
            yield InputError(source, "not a regular file (a FIFO, socket or device): skipped; "
                                     "give a file, or - for stdin")
            return
        suffix = path.suffix.lower()
        if suffix in JSONL_SUFFIXES:
            with path.open("rb") as fh:
                head = fh.peek(4096)[:4096]
                if _utf16(head):
                    yield from read_jsonl(_decoded_lines(_Utf16AsUtf8(fh), source), source)
                    return
                if head.count(b"\x00") > len(head) // 8:
                    yield InputError(source, "binary, not UTF-8 JSON Lines: give a text file "
                                             "of JSON records")
                    return
                yield from read_jsonl(_decoded_lines(fh, source), source)
            return
        if path.stat().st_size > 4 * MAX_DOCUMENT_CHARS:
            yield InputError(source, f"file is {path.stat().st_size:,} bytes, too large for one "
                                     "article: split it, or give JSON Lines")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(source, f"cannot read ({exc.strerror}); check the path and permissions")
        return
    if suffix in JSON_SUFFIXES:
        yield from read_json(data, source)
        return
    text = _decode(data, source)
    if isinstance(text, InputError):
        yield text
        return
    yield make_document(doc_id, text, source)


def _utf16(head: bytes) -> bool:
    """The bytes start with a UTF-16 byte-order mark (as Windows tools write "Unicode" text)."""
    return head.startswith((b"\xff\xfe", b"\xfe\xff"))


class _Utf16AsUtf8:
    """A UTF-16 binary file read line by line as UTF-8 bytes, for :func:`_decoded_lines`."""

    encoding_name = "UTF-16"

    def __init__(self, fh) -> None:
        # (a bad code unit comes through as a lone surrogate, whose UTF-8 form does not decode:
        # so it spoils its own line only, not the chunk the wrapper decodes it in)
        self._text = io.TextIOWrapper(fh, encoding="utf-16", errors="surrogatepass", newline="")

    def readline(self, limit: int) -> bytes:
        return self._text.readline(limit).encode("utf-8", "surrogatepass")


def _decoded_lines(fh, source: str) -> Iterator[str | InputError]:
    """Lines of a binary file as text; a line that is not UTF-8, holds a NUL byte or is longer
    than MAX_LINE_BYTES becomes an InputError (and is not held in memory)."""
    n = 0
    while True:
        try:
            raw = fh.readline(MAX_LINE_BYTES + 1)
        except UnicodeDecodeError:     # (only from a UTF-16 file cut off in a code unit)
            yield InputError(source, "UTF-16 text cut off: re-encode the file as UTF-8",
                             line=n + 1)
            return
        if not raw:
            return
        n += 1
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # skip the rest of the line
                raw = fh.readline(1 << 20)
            yield InputError(source, f"line longer than {MAX_LINE_BYTES:,} bytes: split the "
                                     "document", line=n)
            continue
        if n == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        if b"\x00" in raw:
            yield InputError(source, "binary data (NUL byte) in this line: fix or remove it",
                             line=n)
            continue
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError:
            encoding = getattr(fh, "encoding_name", "UTF-8")
            yield InputError(source, f"not valid {encoding}: re-encode the file as UTF-8", line=n)


def _walk(root: Path) -> Iterator[Path | InputError]:
    """Input files under ``root`` in a stable order; unlistable folders and special files
    (FIFOs, sockets, broken links) as one InputError each. Symlinked folders are not followed
    (no loops); hidden names are skipped."""
    problems: list[InputError] = []

    def unlistable(exc: OSError) -> None:
        problems.append(InputError(exc.filename or str(root), "cannot list folder "
                                   f"({exc.strerror}): skipped; check its permissions"))

    found: list[tuple[str, Path | InputError]] = []
    for folder, dirs, names in os.walk(root, onerror=unlistable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            p = Path(folder) / name
            rel = p.relative_to(root)
            if name.startswith(".") or p.suffix.lower() not in TEXT_SUFFIXES | JSONL_SUFFIXES:
                continue
            try:
                regular = stat.S_ISREG(p.stat().st_mode)
            except OSError as exc:
                found.append((rel.as_posix(), InputError(str(p), f"cannot read "
                              f"({exc.strerror}): skipped; a broken or looping link?")))
                continue
            if not regular:
                found.append((rel.as_posix(), InputError(str(p), "not a regular file (a FIFO, "
                              "socket or device): skipped")))
            else:
                found.append((rel.as_posix(), p))
    found.sort(key=lambda kv: kv[0])
    yield from problems
    for _, item in found:
        yield item


def read_stdin(stream: IO[str] | None = None) -> Iterator[Item]:
    """Documents from stdin: JSON Lines when the first character is ``{``, else one article."""
    stream = stream or sys.stdin
    buffer = getattr(stream, "buffer", None)
    try:
        if buffer is not None:  # decode ourselves: a UTF-8-mode stdin would hide bad bytes
            text = _decode(buffer.read(), "<stdin>")
            if isinstance(text, InputError):
                yield text
                return
        else:
            text = stream.read()
    except UnicodeDecodeError:
        yield InputError("<stdin>", "not valid UTF-8: re-encode the input as UTF-8")
        return
    if text.lstrip().startswith("{"):
        yield from read_jsonl(text.splitlines(), "<stdin>")
    else:
        yield make_document("stdin", text, "<stdin>")


def read_inputs(inputs: Iterable[str], stdin: IO[str] | None = None) -> Iterator[Item]:
    """Yield Documents and InputErrors for files, directories (recursive) and ``-`` (stdin).

    Document ids are stable: the path relative to the directory given, the file name for a
    file given directly, or the JSON Lines ``id``. An id read a second time is reported (a
    warning): the same text again is skipped; a different text is kept as ``ID#2``
    (``#3``, ...), so no document silently replaces another.
    """
    seen: dict[str, tuple[str, str]] = {}
    for item in _read_all(inputs, stdin):
        if isinstance(item, InputError):
            yield item
            continue
        first = seen.get(item.id)
        if first is None:
            seen[item.id] = (item.content_hash, item.source or "")
            yield item
            continue
        if first[0] == item.content_hash:
            yield InputError(item.source or item.id, f"document id {item.id!r} again, with the "
                             f"same text (first in {printable(first[1])}): skipped", warning=True)
            continue
        k = 2
        while f"{item.id}#{k}" in seen:
            k += 1
        new_id = f"{item.id}#{k}"
        yield InputError(item.source or item.id, f"document id {item.id!r} again, with another "
                         f"text (first in {printable(first[1])}): kept as {new_id!r}",
                         warning=True)
        item.id = new_id
        seen[new_id] = (item.content_hash, item.source or "")
        yield item


def _read_all(inputs: Iterable[str], stdin: IO[str] | None) -> Iterator[Item]:
    for item in inputs:
        if item == "-":
            yield from read_stdin(stdin)
            continue
        path = Path(item)
        if path.is_dir():
            any_file = False
            for f in _walk(path):
                if isinstance(f, InputError):
                    yield f
                    continue
                any_file = True
                yield from read_file(f, f.relative_to(path).as_posix())
            if not any_file:
                yield InputError(item, "directory holds no .txt or .jsonl files")
        elif path.exists() or path.is_symlink():
            yield from read_file(path, path.name)
        else:
            yield InputError(item, "no such file or directory; check the path")
