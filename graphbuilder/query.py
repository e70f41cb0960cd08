"""Queries over the NetworkX graph built by :class:`graphbuilder.store.networkx.NetworkXStore`.

Every function returns plain, JSON-friendly rows (lists of dicts) in a deterministic order,
suitable for :func:`format_table` and for ``--json`` output.

Cypher (:func:`cypher`) runs through :mod:`graphbuilder.embedded_cypher`, a small read-only
Cypher subset that sees the graph the way Neo4j holds it (``:Actor:Country`` nodes,
``:Document`` nodes, typed relationships) and returns the same rows as the Neo4j store.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from datetime import date as _date
from typing import Any, Iterable, Mapping, Sequence

import networkx as nx

from graphbuilder.events import is_event
from graphbuilder.model import STRUCTURAL_TYPES
from graphbuilder.ontology import GRAPH_TYPES

#: Columns of a relation row, in display order.
RELATION_COLUMNS = ("date", "source", "type", "target", "cameo", "plover", "quad_class",
                    "negated", "confidence", "doc", "id")

Row = dict[str, Any]


class QueryError(ValueError):
    """A query cannot be run (unknown actor, unsupported or malformed Cypher)."""


# --------------------------------------------------------------------------------------------
# filter values


def plover_types() -> list[str]:
    """Every PLOVER event type the ontology assigns (``AGREE``, ..., ``THREATEN``), sorted."""
    from graphbuilder.ontology import Ontology
    onto = Ontology.load()
    return sorted({onto.plover(code) for code in onto._plover} - {""})


def relationship_types(G: nx.MultiDiGraph | None = None) -> list[str]:
    """Every relationship type: the event types, the structural links, and any other type
    present in ``G`` (a store written by an older version), sorted."""
    present = {str(t) for _, _, t in G.edges(data="type") if t} if G is not None else set()
    return sorted(set(GRAPH_TYPES) | set(STRUCTURAL_TYPES) | present)


def check_choice(kind: str, value: str, valid: Sequence[str]) -> str:
    """``value`` upper-cased if it is one of ``valid`` (case-insensitive), else a QueryError
    listing the valid values, with a close match first when there is one."""
    wanted = value.strip().upper()
    if wanted in valid:
        return wanted
    close = difflib.get_close_matches(wanted, valid, n=1, cutoff=0.75)
    hint = f" (did you mean {close[0]}?)" if close else ""
    raise QueryError(f"unknown {kind} {value!r}{hint}; valid: {', '.join(valid)}")


_ISO_PREFIX = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def check_date(value: str, option: str = "date") -> str:
    """``value`` if it is an ISO date or a prefix of one (``2021``, ``2021-07``,
    ``2021-07-12``) naming a real year, month and day, else a QueryError."""
    match = _ISO_PREFIX.match(value.strip())
    try:
        if not match:
            raise ValueError(value)
        year, month, day = (int(g) if g else 1 for g in match.groups())
        _date(year, month, day)
    except ValueError:
        raise QueryError(f"{option} {value!r} is not an ISO date: use YYYY-MM-DD, YYYY-MM or "
                         f"YYYY") from None
    return value.strip()


def check_filters(G: nx.MultiDiGraph | None = None, plover: str | None = None,
                  type: str | None = None, since: str | None = None,
                  until: str | None = None) -> dict[str, str | None]:
    """Validated, normalised filter values (PLOVER and relationship types upper-cased).

    Raises:
        QueryError: a type not in the ontology or a malformed date (one-line message).
    """
    return {
        "plover": check_choice("PLOVER type", plover, plover_types()) if plover else None,
        "type": check_choice("relationship type", type, relationship_types(G)) if type else None,
        "since": check_date(since, "--since") if since else None,
        "until": check_date(until, "--until") if until else None,
    }


# --------------------------------------------------------------------------------------------
# actor lookup


def normalize_name(text: str) -> str:
    """Name key: case-folded, punctuation removed, whitespace collapsed, leading "the" dropped.

    ``"the U.S."`` -> ``"us"``, ``"People's Liberation Army"`` -> ``"peoples liberation army"``.
    """
    stripped = "".join(ch for ch in text.casefold()
                       if not unicodedata.category(ch).startswith("P"))
    words = stripped.split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def find_actor(G: nx.MultiDiGraph, text: str) -> str | None:
    """Node id of the actor ``text`` names: by id, canonical name or any alias, case-insensitive.

    Id matches win over name matches, which win over alias matches; ties go to the node with
    the most edges, then the smallest id.
    """
    if not text or not text.strip():
        return None
    if text in G:
        return text
    wanted_id, wanted_name = text.strip().casefold(), normalize_name(text)
    best: tuple[int, int, str] | None = None
    for node, attrs in G.nodes(data=True):
        rank = _match_rank(str(node), attrs, wanted_id, wanted_name)
        if rank is None:
            continue
        candidate = (rank, -G.degree(node), str(node))
        if best is None or candidate < best:
            best = candidate
    return best[2] if best else None


def _match_rank(node: str, attrs: dict[str, Any], wanted_id: str, wanted_name: str) -> int | None:
    if node.casefold() == wanted_id:
        return 0
    if not wanted_name:
        return None
    if normalize_name(str(attrs.get("name") or "")) == wanted_name:
        return 1
    if any(normalize_name(str(a)) == wanted_name for a in attrs.get("aliases") or ()):
        return 2
    return None


def _resolve(G: nx.MultiDiGraph, actor: str) -> str:
    node = find_actor(G, actor)
    if node is None:
        raise QueryError(f"no actor matches {actor!r} (tried ids, names and aliases)")
    return node


# --------------------------------------------------------------------------------------------
# rows


def _name(G: nx.MultiDiGraph, node: str) -> str:
    return str(G.nodes[node].get("name") or node)


def relation_row(G: nx.MultiDiGraph, u: str, v: str, key: str, attrs: dict[str, Any]) -> Row:
    """One table row for the edge ``u -key-> v`` (structural links leave event columns None)."""
    return {"date": attrs.get("date"), "source": _name(G, u), "type": attrs.get("type"),
            "target": _name(G, v), "cameo": attrs.get("cameo"), "plover": attrs.get("plover"),
            "quad_class": attrs.get("quad_class"), "negated": attrs.get("negated"),
            "confidence": attrs.get("confidence"), "doc": attrs.get("doc"), "id": str(key),
            "source_id": str(u), "target_id": str(v), "sentence": attrs.get("sentence")}


def _row_order(row: Row) -> tuple[str, str, str]:
    return (row.get("date") or "", str(row.get("type") or ""), str(row["id"]))


def neighbours(G: nx.MultiDiGraph, actor: str, direction: str = "both",
               types: Iterable[str] | None = None, *, plover: str | None = None,
               quad_class: int | None = None, since: str | None = None,
               until: str | None = None, other: str | None = None) -> list[Row]:
    """Edges of ``actor`` (id, name or alias) with the actor on the other end.

    Args:
        direction: ``"out"`` (actor is the source), ``"in"`` (actor is the target) or ``"both"``.
        types: keep only these relationship types (case-insensitive), e.g. ``["SANCTIONS"]``.
        plover, quad_class, since, until: as in :func:`relations`; any of them leaves out
            structural links (they carry none of these values).
        other: keep only edges whose other end is this actor (id, name or alias).

    Returns:
        Rows ``{direction, neighbour, neighbour_id, **relation_row}`` sorted by date, type, id.

    Raises:
        QueryError: unknown actor or direction.
    """
    if direction not in ("out", "in", "both"):
        raise QueryError(f"direction must be 'out', 'in' or 'both', not {direction!r}")
    node = _resolve(G, actor)
    other_node = _resolve(G, other) if other else None
    wanted = {t.upper() for t in types} if types else None
    rows: list[Row] = []
    if direction in ("out", "both"):
        for u, v, key, attrs in G.out_edges(node, keys=True, data=True):
            rows.append({"direction": "out", "neighbour": _name(G, v), "neighbour_id": str(v),
                         **relation_row(G, u, v, key, attrs)})
    if direction in ("in", "both"):
        for u, v, key, attrs in G.in_edges(node, keys=True, data=True):
            rows.append({"direction": "in", "neighbour": _name(G, u), "neighbour_id": str(u),
                         **relation_row(G, u, v, key, attrs)})
    if wanted is not None:
        rows = [r for r in rows if str(r["type"]).upper() in wanted]
    if other_node is not None:
        rows = [r for r in rows if r["neighbour_id"] == str(other_node)]
    if (plover, quad_class, since, until) != (None, None, None, None):
        rows = [r for r in rows if _keep(r, plover, quad_class, since, until, None, None)]
    return sorted(rows, key=lambda r: (*_row_order(r), r["direction"]))


def relations(G: nx.MultiDiGraph, plover: str | None = None, quad_class: int | None = None,
              since: str | None = None, until: str | None = None, actor: str | None = None,
              type: str | None = None, cameo: str | None = None) -> list[Row]:
    """Event relations (structural links excluded) matching every given filter.

    Args:
        plover: PLOVER type, case-insensitive (``"SANCTION"``).
        quad_class: 1-4.
        since, until: inclusive ISO dates (``YYYY-MM-DD`` or a prefix such as ``2021-07``);
            relations without a date are left out when either is given.
        actor: id, name or alias; the actor is either end.
        type: relationship type, case-insensitive (``"SANCTIONS"``).
        cameo: CAMEO code prefix (``"16"`` for every sanction code).

    Returns:
        Rows (see :func:`relation_row`) sorted by date (undated first), then id.

    Raises:
        QueryError: unknown actor.
    """
    node = _resolve(G, actor) if actor else None
    rows = [relation_row(G, u, v, key, attrs)
            for u, v, key, attrs in G.edges(keys=True, data=True)
            if is_event(attrs) and (node is None or node in (u, v))
            and _keep(attrs, plover, quad_class, since, until, type, cameo)]
    return sorted(rows, key=lambda r: (r.get("date") or "", r["id"]))


def _keep(attrs: dict[str, Any], plover: str | None, quad_class: int | None, since: str | None,
          until: str | None, type_: str | None, cameo: str | None) -> bool:
    date = attrs.get("date")
    checks = (
        plover is None or str(attrs.get("plover") or "").upper() == plover.upper(),
        quad_class is None or attrs.get("quad_class") == int(quad_class),
        type_ is None or str(attrs.get("type") or "").upper() == type_.upper(),
        cameo is None or str(attrs.get("cameo") or "").startswith(cameo),
        since is None or (date is not None and date[:len(since)] >= since),
        until is None or (date is not None and date[:len(until)] <= until),
    )
    return all(checks)


# --------------------------------------------------------------------------------------------
# paths

Step = tuple[str, str, str]


def paths(G: nx.MultiDiGraph, a: str, b: str, max_hops: int = 3, limit: int = 100,
          types: Iterable[str] | None = None) -> list[list[Step]]:
    """Simple paths between two actors, ignoring edge direction, of at most ``max_hops`` edges.

    Each path is a list of steps ``(node, type, node)`` in walking order (node ids). Parallel
    edges between one pair collapse into one step whose type lists every type, sorted and
    joined with ``"|"``; a type written ``"<TYPE"`` is an edge pointing against the walk
    (``("CHN", "<LEADER_OF", "PER:XI_JINPING")`` means Xi Jinping -LEADER_OF-> China).

    Returns:
        Up to ``limit`` paths, shortest first, then by node ids.

    Raises:
        QueryError: unknown actor.
    """
    source, target = _resolve(G, a), _resolve(G, b)
    if source == target or max_hops < 1:
        return []
    wanted = {t.upper() for t in types} if types else None
    view = _undirected_view(G, wanted)
    found = sorted(nx.all_simple_paths(view, source, target, cutoff=max_hops),
                   key=lambda p: (len(p), [str(n) for n in p]))
    return [[(u, _step_type(G, u, v, wanted), v) for u, v in zip(p, p[1:])] for p in found[:limit]]


def _undirected_view(G: nx.MultiDiGraph, wanted: set[str] | None) -> nx.Graph:
    H = nx.Graph()
    H.add_nodes_from(sorted(G.nodes, key=str))
    H.add_edges_from((u, v) for u, v, t in G.edges(data="type")
                     if wanted is None or str(t).upper() in wanted)
    return H


def _step_type(G: nx.MultiDiGraph, u: str, v: str, wanted: set[str] | None) -> str:
    forward = {str(d.get("type")) for d in G.get_edge_data(u, v, default={}).values()}
    backward = {"<" + str(d.get("type")) for d in G.get_edge_data(v, u, default={}).values()}
    types = forward | backward
    if wanted is not None:
        types = {t for t in types if t.lstrip("<").upper() in wanted}
    return "|".join(sorted(types))


def path_rows(G: nx.MultiDiGraph, found: Sequence[Sequence[Step]]) -> list[Row]:
    """Table rows for :func:`paths`: ``{hops, path}`` with the path drawn by
    :func:`format_path` (``United States -SANCTIONS-> North Korea <-LEADER_OF- Kim Jong Un``)."""
    return [{"hops": len(p), "path": format_path(G, p)} for p in found]


def format_path(G: nx.MultiDiGraph, path: Sequence[Step]) -> str:
    """``United States -SANCTIONS-> China <-LEADER_OF- Xi Jinping`` for one path."""
    if not path:
        return ""
    parts = [_name(G, path[0][0])]
    for _, types, v in path:
        fwd = [t for t in types.split("|") if not t.startswith("<")]
        back = [t[1:] for t in types.split("|") if t.startswith("<")]
        arrow = (f"-{'|'.join(fwd)}->" if fwd else "") + (f"<-{'|'.join(back)}-" if back else "")
        parts.append(f"{arrow} {_name(G, v)}")
    return " ".join(parts)


# --------------------------------------------------------------------------------------------
# Cypher

def cypher(G: nx.MultiDiGraph, query: str,
           params: Mapping[str, Any] | None = None) -> list[Row]:
    """Run one read-only Cypher statement on the embedded graph; rows as Neo4j returns them.

    ``params`` are completed with the defaults a query file declares (``// @param``), as on
    Neo4j. The supported subset is listed in :mod:`graphbuilder.cypher_parser`.

    Raises:
        QueryError: unsupported or malformed query, missing parameter (one-line message).
    """
    from graphbuilder import cypher as cypher_files
    from graphbuilder import embedded_cypher

    try:
        statements = cypher_files.split_statements(query)
        if len(statements) != 1:
            raise QueryError(f"expected one Cypher statement, got {len(statements)}")
        bound = cypher_files.bind_params(query, params)
        return embedded_cypher.run(G, statements[0], bound)
    except QueryError:
        raise
    except (ValueError, cypher_files.CypherFileError) as exc:
        raise QueryError(str(exc)) from exc


# --------------------------------------------------------------------------------------------
# table printing


def _cell(value: Any, max_width: int) -> str:
    if value is None:
        text = ""
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, float):
        text = f"{value:g}"
    elif isinstance(value, (list, tuple, set, frozenset)):
        text = "; ".join(_cell(v, max_width) for v in value)
    else:
        text = str(value)
    text = " ".join(text.split())
    return text if len(text) <= max_width else text[: max_width - 1] + "…"


def table_layout(kind: str) -> dict[str, Any]:
    """``format_table`` arguments for a query kind (``relations``, ``neighbours``, ``path``,
    ``cypher``): relation tables show :data:`RELATION_COLUMNS` (``--json`` has every field,
    the sentence and both end ids too); a path is one long cell, not cut."""
    if kind == "relations":
        return {"columns": RELATION_COLUMNS}
    if kind == "neighbours":
        return {"columns": ("direction", "neighbour", *RELATION_COLUMNS)}
    return {"max_width": 240} if kind == "path" else {}


def format_table(rows: Sequence[Row], columns: Sequence[str] | None = None,
                 max_width: int = 40) -> str:
    """Aligned plain-text table of ``rows``; columns default to the keys of the rows in order.

    Cells longer than ``max_width`` are cut with an ellipsis; numbers are right-aligned.
    An empty result prints ``(no rows)``.
    """
    if not rows:
        return "(no rows)"
    if columns is None:
        columns = list(dict.fromkeys(k for row in rows for k in row))
    cells = [[_cell(row.get(c), max_width) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    numeric = [all(isinstance(row.get(c), (int, float)) and not isinstance(row.get(c), bool)
                   for row in rows if row.get(c) is not None) for c in columns]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v.rjust(w) if num else v.ljust(w)
                         for v, w, num in zip(values, widths, numeric)).rstrip()

    return "\n".join([line(columns), line(["-" * w for w in widths]), *(line(r) for r in cells)])
