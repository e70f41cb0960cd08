"""Export a graph as CSV files for ``neo4j-admin database import full`` (the bulk path).

A first load of a large corpus is much faster through the offline importer than through
transactional MERGEs: ``graphbuilder export --format neo4j-admin --output DIR`` writes

* ``DIR/actors.csv``: ``id:ID(Actor)``, the actor properties and ``:LABEL`` (``Actor`` plus
  the actor's kind, e.g. ``Actor<US>Country``);
* ``DIR/documents.csv``: the ``(:Document)`` bookkeeping nodes (``id:ID(Document)``, hash,
  date, source, entities), so that later ``build``/``load`` runs skip what was imported;
* ``DIR/relationships.csv``: ``:START_ID(Actor)``, ``:END_ID(Actor)``, ``:TYPE`` and the
  relationship properties with their types (``start:long``, ``confidence:double``,
  ``negated:boolean``...);

and ``graphbuilder neo4j import DIR`` (:mod:`graphbuilder.neo4j_import`) runs the importer with
the matching options (:data:`IMPORT_OPTIONS`). The graph that comes out equals a MERGE load of
the same input: same nodes, labels, relationship types, ids and properties.

Format choices: a null is an empty, unquoted field (no property, as a null in a MERGE); every
string is quoted (so an empty string stays an empty string); lists are joined with the ASCII
unit separator U+001F (:data:`ARRAY_DELIMITER`), which no text of ours contains (checked);
fields may span lines (sentences), hence ``--multiline-fields=true``. Files are written to
temporary names and renamed once all three are complete, so a directory is never left
half-written; nodes and edges are
written sorted by id, so the same graph gives the same bytes.
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

import networkx as nx

from graphbuilder.export import ExportError, register_format
from graphbuilder.model import STRUCTURAL_TYPES

ARRAY_DELIMITER = "\x1f"
#: Options of ``neo4j-admin database import full`` that read these files.
IMPORT_OPTIONS = ("--array-delimiter=U+001F", "--multiline-fields=true")
ACTORS_FILE = "actors.csv"
DOCUMENTS_FILE = "documents.csv"
RELATIONSHIPS_FILE = "relationships.csv"
FILES = (ACTORS_FILE, DOCUMENTS_FILE, RELATIONSHIPS_FILE)

#: (property, CSV type) of each file; ``string[]`` is a list, ``None`` a plain string.
ACTOR_COLUMNS: tuple[tuple[str, str | None], ...] = (
    ("name", None), ("label", None), ("country", None), ("aliases", "string[]"), ("role", None))
DOCUMENT_COLUMNS: tuple[tuple[str, str | None], ...] = (
    ("hash", None), ("date", None), ("source", None), ("entities", "string[]"))
RELATION_COLUMNS: tuple[tuple[str, str | None], ...] = (
    ("id", None), ("doc", None), ("date", None), ("sentence", None), ("start", "long"),
    ("end", "long"), ("cameo", None), ("plover", None), ("quad_class", "long"),
    ("goldstein", "double"), ("negated", "boolean"), ("modality", None), ("predicate", None), ("rule", None),
    ("confidence", "double"), ("attribution", None))


@dataclass(frozen=True)
class AdminExport:
    """What :func:`write_neo4j_admin` wrote."""

    directory: Path
    actors: int
    documents: int
    relationships: int


def _header(columns: Sequence[tuple[str, str | None]]) -> list[str]:
    return [name if kind is None else f"{name}:{kind}" for name, kind in columns]


def _field(value: Any, kind: str | None) -> str:
    """One CSV field: null empty, strings (and lists) quoted, numbers and booleans bare."""
    if value is None:
        return ""
    if kind == "string[]":
        items = [str(v) for v in (sorted(value) if isinstance(value, (set, frozenset)) else value)]
        return _quoted(ARRAY_DELIMITER.join(map(_checked, items)), checked=True)
    if kind == "boolean":
        return "true" if value else "false"
    if kind in ("long", "double"):
        return repr(int(value)) if kind == "long" else repr(float(value))
    return _quoted(str(value))


def _checked(text: str) -> str:
    if ARRAY_DELIMITER in text:
        raise ValueError(f"value contains the array delimiter U+001F: {text[:60]!r}")
    return text


def _quoted(text: str, checked: bool = False) -> str:
    return '"' + (text if checked else _checked(text)).replace('"', '""') + '"'


def _line(fields: Iterable[str]) -> str:
    return ",".join(fields) + "\n"


def actor_lines(G: nx.MultiDiGraph) -> Iterator[str]:
    """``actors.csv``: header, then one line per actor node sorted by id."""
    yield _line(["id:ID(Actor)", *_header(ACTOR_COLUMNS), ":LABEL"])
    for node, attrs in sorted(G.nodes(data=True), key=lambda n: str(n[0])):
        labels = ["Actor", attrs["label"]] if attrs.get("label") else ["Actor"]
        yield _line([_quoted(str(node)), *(_field(attrs.get(k), t) for k, t in ACTOR_COLUMNS),
                     _quoted(ARRAY_DELIMITER.join(labels), checked=True)])


def document_lines(G: nx.MultiDiGraph) -> Iterator[str]:
    """``documents.csv``: header, then one line per loaded document sorted by id."""
    yield _line(["id:ID(Document)", *_header(DOCUMENT_COLUMNS), ":LABEL"])
    documents = G.graph.get("documents") or {}
    for doc_id in sorted(documents):
        entry = documents[doc_id]
        yield _line([_quoted(doc_id), *(_field(entry.get(k), t) for k, t in DOCUMENT_COLUMNS),
                     _quoted("Document")])


def relationship_lines(G: nx.MultiDiGraph) -> Iterator[str]:
    """``relationships.csv``: header, then one line per edge sorted by (source, target, id).

    Structural links (LEADER_OF, ...) carry only their ``id``, like a MERGE load."""
    yield _line([":START_ID(Actor)", ":END_ID(Actor)", ":TYPE", *_header(RELATION_COLUMNS)])
    edges = sorted(G.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
    for u, v, key, attrs in edges:
        rel_type = attrs.get("type")
        if not rel_type:
            raise ValueError(f"edge {key!r} ({u} -> {v}) has no type")
        structural = rel_type in STRUCTURAL_TYPES
        values = [_field(attrs.get("id", key), None)] + [
            "" if structural else _field(attrs.get(name), kind)
            for name, kind in RELATION_COLUMNS[1:]]
        yield _line([_quoted(str(u)), _quoted(str(v)), _quoted(rel_type), *values])


def _write_temp(path: Path, lines: Iterable[str]) -> tuple[Path, int]:
    """Write ``lines`` to a temporary file beside ``path`` (fsynced); return it and its data
    rows. The caller renames it into place."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    rows = -1  # the header is not a row
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            for line in lines:
                out.write(line)
                rows += 1
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp), rows


def write_neo4j_admin(G: nx.MultiDiGraph, directory: str | os.PathLike[str]) -> AdminExport:
    """Write the import CSV files of ``G`` into ``directory`` (created if missing).

    All three files are written to temporary names first and renamed only when every one is
    complete, so a failure leaves the directory as it was.

    Raises:
        ValueError: a value contains U+001F, an edge has no type, or ``directory`` is a file.
    """
    target = Path(directory)
    if target.exists() and not target.is_dir():
        raise ValueError(f"{target} exists and is not a directory: choose another --output")
    target.mkdir(parents=True, exist_ok=True)
    done: list[tuple[Path, Path]] = []
    counts: list[int] = []
    try:
        for name, lines in zip(FILES, (actor_lines(G), document_lines(G), relationship_lines(G))):
            tmp, rows = _write_temp(target / name, lines)
            done.append((tmp, target / name))
            counts.append(rows)
    except BaseException:
        for tmp, _ in done:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, final in done:
        os.replace(tmp, final)
    return AdminExport(directory=target, actors=counts[0], documents=counts[1],
                       relationships=counts[2])


@register_format("neo4j-admin", "a directory of CSV files for `graphbuilder neo4j import`",
                 directory=True)
def _neo4j_admin_to(G: nx.MultiDiGraph, directory: str | os.PathLike[str]) -> None:
    try:
        write_neo4j_admin(G, directory)
    except (OSError, ValueError) as exc:
        raise ExportError(f"{directory}: {exc}") from exc
