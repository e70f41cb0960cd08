"""Read input documents: plain-text articles, JSON Lines, directories and stdin.

Every problem with one input becomes an :class:`InputError` (one line naming the file, the line
when there is one, and what to do); reading goes on with the other inputs.
"""
from __future__ import annotations

import json
import re
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

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.message}"


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
    text = raw.replace("\r\n", "\n").lstrip("\ufeff")
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
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            yield InputError(source, "a JSON Lines record needs a string 'text' field "
                                     "(and 'id', 'date')", line=n)
            continue
        date = obj.get("date")
        if date is not None:
            parsed = parse_date(str(date))
            if parsed is None:
                yield InputError(source, f"malformed date {date!r}: use YYYY-MM-DD or null",
                                 line=n)
                continue
            date = parsed
        doc_id = str(obj.get("id") if obj.get("id") is not None else f"{source}#{n}")
        doc = make_document(doc_id, obj["text"], source, date=date, title=obj.get("title"),
                            url=obj.get("url"))
        if isinstance(doc, InputError):
            doc.line = n
        yield doc


def read_file(path: Path, doc_id: str) -> Iterator[Item]:
    """Documents from one file (text or JSON Lines by suffix). JSON Lines stream line by line,
    so a large file is never held in memory and one bad line spoils only itself."""
    source = str(path)
    try:
        if path.suffix.lower() in JSONL_SUFFIXES:
            with path.open("rb") as fh:
                if b"\x00" in fh.peek(4096)[:4096]:
                    yield InputError(source, "binary file, not text: give UTF-8 JSON Lines")
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
    text = _decode(data, source)
    if isinstance(text, InputError):
        yield text
        return
    yield make_document(doc_id, text, source)


def _decoded_lines(fh, source: str) -> Iterator[str | InputError]:
    """Lines of a binary file as text; a line that is not UTF-8 becomes an InputError."""
    for n, raw in enumerate(fh, start=1):
        if n == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError:
            yield InputError(source, "not valid UTF-8: re-encode the file as UTF-8", line=n)


def _walk(root: Path) -> list[Path]:
    files = [p for p in root.rglob("*")
             if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)
             and p.suffix.lower() in TEXT_SUFFIXES | JSONL_SUFFIXES]
    return sorted(files, key=lambda p: p.relative_to(root).as_posix())


def read_stdin(stream: IO[str] | None = None) -> Iterator[Item]:
    """Documents from stdin: JSON Lines when the first character is ``{``, else one article."""
    stream = stream or sys.stdin
    try:
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
    file given directly, or the JSON Lines ``id``.
    """
    for item in inputs:
        if item == "-":
            yield from read_stdin(stdin)
            continue
        path = Path(item)
        if path.is_dir():
            files = _walk(path)
            if not files:
                yield InputError(item, "directory holds no .txt or .jsonl files")
            for f in files:
                yield from read_file(f, f.relative_to(path).as_posix())
        elif path.is_file():
            yield from read_file(path, path.name)
        else:
            yield InputError(item, "no such file or directory; check the path")
