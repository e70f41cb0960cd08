"""Export a graph built by the NetworkX store: node-link JSON, GraphML, and event tables.

Formats are registered by name in :data:`FORMATS` (:func:`register_format`); the CLI's
``export --format`` choices are the registered names and :func:`export_graph` writes any of them
to a file or, for text formats, to standard output (``-``).

Both writers are deterministic (nodes sorted by id, edges by ``(source, target, key)``,
attributes by name) and atomic: the output is written to a temporary file in the target
directory, flushed and fsynced, then moved over the target with :func:`os.replace`, so a
crash or an exception never leaves a half-written file behind.

* :func:`write_json` writes the same node-link JSON as the store file (``__labels__`` sets are
  stored as sorted lists), so an exported JSON file can be opened as a ``--store`` again and
  read by ``networkx.node_link_graph(data, edges="edges")``.
* :func:`write_graphml` writes GraphML for ``networkx.read_graphml``, Gephi, yEd and Cytoscape:
  scalar attributes only (lists are ``"; "``-joined, ``None`` is omitted, ``__labels__`` is
  dropped), numeric and boolean types kept, edge ids = relation/link ids, and a ``label``
  attribute for display. On nodes ``label`` is the display name and the actor kind (the data
  model's ``label``: Country, Person, ...) is written as ``kind``; on edges ``label`` is the
  relationship type. The ``id`` attribute is not repeated as data (Gephi refuses a column named
  ``id``): it is the GraphML node/edge id, which ``read_graphml`` returns as the node, as the
  edge key of a multigraph, or as the edge's ``id`` attribute of a simple graph.
* :func:`write_events_csv` / :func:`write_events_parquet` write one row per event with the
  GDELT/POLECAT-style columns of :data:`graphbuilder.events.EVENT_COLUMNS` (Parquet needs the
  ``tables`` extra).
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterator

import networkx as nx

#: Internal attribute holding node kinds / edge types (a set in memory, a sorted list in JSON).
LABELS_ATTR = "__labels__"

#: Edge attributes with a fixed scalar type in GraphML (coerced so that every edge uses one type).
_FLOAT_ATTRS = ("confidence", "goldstein")
_INT_ATTRS = ("start", "end", "quad_class")
_BOOL_ATTRS = ("negated",)

PathLike = str | os.PathLike[str]


# --------------------------------------------------------------------------------------------
# atomic writing


def atomic_write_text(path: PathLike, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` atomically (temp file in the same directory, fsync, replace).

    The previous content of ``path`` (if any) stays intact when anything fails before the
    final :func:`os.replace`.
    """
    atomic_write(path, lambda handle: handle.write(text.encode(encoding)))


def atomic_write(path: PathLike, write: Callable[[BinaryIO], object]) -> None:
    """Call ``write(handle)`` on a temporary file beside ``path``, then move it over ``path``.

    The previous content of ``path`` (if any) stays intact when ``write`` or anything else
    fails before the final :func:`os.replace`.
    """
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    directory.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
    except BaseException:
        _remove_quietly(tmp_name)
        raise
    _fsync_directory(directory)


def _remove_quietly(name: str) -> None:
    try:
        os.unlink(name)
    except OSError:
        pass


def _fsync_directory(directory: Path) -> None:
    """Persist the rename itself (best effort: not every platform can open a directory)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# --------------------------------------------------------------------------------------------
# node-link JSON


def _sorted_edges(G: nx.MultiDiGraph) -> list[tuple[Any, Any, Any, dict[str, Any]]]:
    return sorted(G.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))


def _jsonable(value: Any) -> Any:
    """Sets become sorted lists (recursively) so the value can be dumped as JSON."""
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def to_node_link_data(G: nx.MultiDiGraph) -> dict[str, Any]:
    """Node-link dict of ``G`` in deterministic order (``edges="edges"`` networkx layout)."""
    nodes = [{**{k: _jsonable(v) for k, v in attrs.items()}, "id": node}
             for node, attrs in sorted(G.nodes(data=True), key=lambda n: str(n[0]))]
    edges = [{**{k: _jsonable(v) for k, v in attrs.items()}, "source": u, "target": v, "key": key}
             for u, v, key, attrs in _sorted_edges(G)]
    return {"directed": G.is_directed(), "multigraph": G.is_multigraph(),
            "graph": _jsonable(dict(G.graph)), "nodes": nodes, "edges": edges}


def from_node_link_data(data: dict[str, Any]) -> nx.MultiDiGraph:
    """Rebuild a :class:`networkx.MultiDiGraph` from :func:`to_node_link_data` output.

    Unlike ``networkx.node_link_graph`` this keeps the node ``id`` attribute and turns the
    ``__labels__`` lists back into sets (what the embedded Cypher's label tests read).

    Raises:
        ValueError: when ``data`` is not a node-link dict.
    """
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list) \
            or not isinstance(data.get("edges", []), list):
        raise ValueError("not a node-link graph (expected an object with 'nodes' and 'edges')")
    G = nx.MultiDiGraph()
    G.graph.update(data.get("graph") or {})
    for node in data["nodes"]:
        attrs = dict(node)
        _labels_to_set(attrs)
        G.add_node(attrs["id"], **attrs)
    for edge in data.get("edges", []):
        attrs = {k: v for k, v in edge.items() if k not in ("source", "target", "key")}
        _labels_to_set(attrs)
        G.add_edge(edge["source"], edge["target"], key=edge["key"], **attrs)
    return G


def _labels_to_set(attrs: dict[str, Any]) -> None:
    if LABELS_ATTR in attrs:
        attrs[LABELS_ATTR] = set(attrs[LABELS_ATTR] or ())


def dumps_node_link(G: nx.MultiDiGraph) -> str:
    """Deterministic node-link JSON text of ``G`` (sorted keys, sorted nodes and edges)."""
    return json.dumps(to_node_link_data(G), sort_keys=True, ensure_ascii=False, indent=1,
                      allow_nan=False) + "\n"


def write_json(G: nx.MultiDiGraph, path: PathLike) -> None:
    """Write ``G`` as node-link JSON (the store file format), atomically."""
    atomic_write_text(path, dumps_node_link(G))


# --------------------------------------------------------------------------------------------
# GraphML


def _graphml_value(name: str, value: Any) -> Any:
    """A GraphML-safe scalar for one attribute, or None to omit it."""
    if value is None:
        return None
    if name in _BOOL_ATTRS:
        return bool(value)
    if name in _INT_ATTRS and isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value)
    if name in _FLOAT_ATTRS and isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, (set, frozenset, list, tuple)):
        return xml_safe("; ".join(sorted(str(v) for v in value))
                        if isinstance(value, (set, frozenset)) else "; ".join(str(v) for v in value))
    if isinstance(value, dict):
        return xml_safe(json.dumps(_jsonable(value), sort_keys=True, ensure_ascii=False))
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, (bool, int, float)):
        return value
    return xml_safe(str(value))


#: Characters XML 1.0 forbids (C0 controls but tab/newline/return, lone surrogates, U+FFFE/F).
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold (GraphML readers reject them)."""
    return _XML_FORBIDDEN.sub("", text)


def _scalar_attrs(attrs: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in sorted(attrs):
        if name in (LABELS_ATTR, "id"):
            continue
        value = _graphml_value(name, attrs[name])
        if value is not None:
            out[name] = value
    return out


def graphml_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Copy of ``G`` with GraphML-safe attributes, nodes and edges in deterministic order."""
    H = nx.MultiDiGraph()
    for node, attrs in sorted(G.nodes(data=True), key=lambda n: str(n[0])):
        out = _scalar_attrs(attrs)
        if "label" in out:
            out["kind"] = out.pop("label")
        out["label"] = xml_safe(str(attrs.get("name") or node))
        H.add_node(xml_safe(str(node)), **dict(sorted(out.items())))
    for u, v, key, attrs in _sorted_edges(G):
        out = _scalar_attrs(attrs)
        out["label"] = xml_safe(str(attrs.get("type") or key))
        H.add_edge(xml_safe(str(u)), xml_safe(str(v)), key=xml_safe(str(key)),
                   **dict(sorted(out.items())))
    return H


def generate_graphml(G: nx.MultiDiGraph) -> Iterator[str]:
    """GraphML lines for ``G`` (see :func:`write_graphml`)."""
    return nx.generate_graphml(graphml_graph(G), encoding="utf-8", prettyprint=True)


def write_graphml(G: nx.MultiDiGraph, path: PathLike) -> None:
    """Write ``G`` as GraphML, atomically; ``networkx.read_graphml`` reads every property back."""
    atomic_write_text(path, "\n".join(generate_graphml(G)) + "\n")


# --------------------------------------------------------------------------------------------
# event tables (one row per event, GDELT/POLECAT-style columns; see graphbuilder.events)


def write_events_csv(G: nx.MultiDiGraph, handle: BinaryIO) -> None:
    """One CSV row per event with the header :data:`graphbuilder.events.EVENT_COLUMNS`.

    Booleans are written ``true``/``false``, missing values as empty fields.
    """
    from graphbuilder.events import EVENT_COLUMNS, event_rows
    text = io.TextIOWrapper(handle, encoding="utf-8", newline="", write_through=True)
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(EVENT_COLUMNS)
    for row in event_rows(G):
        writer.writerow(_csv_value(row[c]) for c in EVENT_COLUMNS)
    text.flush()
    text.detach()  # leave the handle open for the caller


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


class ExportError(Exception):
    """An export that cannot be done as asked; the message is one line saying what to do."""


def write_events_parquet(G: nx.MultiDiGraph, handle: BinaryIO) -> None:
    """The events table as Parquet (needs pyarrow: ``pip install 'graphbuilder[tables]'``)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ExportError("Parquet needs pyarrow: pip install 'graphbuilder[tables]'") from exc
    from graphbuilder.events import EVENT_COLUMNS, event_rows
    types = {"quad_class": pa.int8(), "goldstein": pa.float64(), "confidence": pa.float64(),
             "negated": pa.bool_()}
    schema = pa.schema([(c, types.get(c, pa.string())) for c in EVENT_COLUMNS])
    rows = list(event_rows(G))
    table = pa.table({c: [r[c] for r in rows] for c in EVENT_COLUMNS}, schema=schema)
    pq.write_table(table, handle)


# --------------------------------------------------------------------------------------------
# the format registry: `graphbuilder export --format NAME` offers every registered name


@dataclass(frozen=True)
class ExportFormat:
    """A registered export format."""

    name: str
    write: Callable[[nx.MultiDiGraph, BinaryIO], None]   # writes the whole graph to a handle
    description: str
    stdout: bool = True      # text formats may go to standard output (``--output -``)
    directory: bool = False  # ``write(graph, path)`` fills a directory (neo4j-admin CSV files)


FORMATS: dict[str, ExportFormat] = {}


def register_format(name: str, description: str, *, stdout: bool = True,
                    directory: bool = False):
    """Decorator registering ``write(graph, binary_handle)`` as export format ``name``
    (``directory=True``: ``write(graph, path)`` writes the files of a directory itself)."""
    def decorate(write: Callable[[nx.MultiDiGraph, Any], None]):
        FORMATS[name] = ExportFormat(name, write, description, stdout and not directory,
                                     directory)
        return write
    return decorate


@register_format("graphml", "GraphML for Gephi, yEd, Cytoscape and networkx.read_graphml")
def _graphml_to(G: nx.MultiDiGraph, handle: BinaryIO) -> None:
    handle.write(("\n".join(generate_graphml(G)) + "\n").encode("utf-8"))


@register_format("json", "node-link JSON (the store format)")
def _json_to(G: nx.MultiDiGraph, handle: BinaryIO) -> None:
    handle.write(dumps_node_link(G).encode("utf-8"))


register_format("csv", "one row per event, GDELT/POLECAT-style columns")(write_events_csv)
register_format("parquet", "the csv table as Parquet (pyarrow)", stdout=False)(
    write_events_parquet)


def export_graph(G: nx.MultiDiGraph, fmt: str, output: PathLike) -> None:
    """Write ``G`` in the registered format ``fmt`` to ``output`` (atomically), or to standard
    output when ``output`` is ``-`` and the format is text.

    Raises:
        ExportError: unknown format, a binary format asked for on standard output, or a
            missing optional dependency.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    spec = FORMATS[fmt]
    if str(output) == "-":
        if not spec.stdout:
            raise ExportError(f"{fmt} is binary: give a file with --output, not -")
        spec.write(G, sys.stdout.buffer)
        sys.stdout.buffer.flush()
        return
    if spec.directory:
        spec.write(G, output)
        return
    if Path(output).is_dir():
        raise ExportError(f"{output} is a directory: give a file name with --output")
    atomic_write(output, lambda handle: spec.write(G, handle))


# registered by its own module (it writes a directory of CSV files for neo4j-admin)
from graphbuilder import export_neo4j_admin  # noqa: E402,F401
