"""Read-only Cypher over the embedded store's NetworkX graph, shaped like Neo4j's answers.

The graph is seen the way Neo4j holds the same data: every actor is a node labelled
``:Actor`` plus its kind (``:Actor:Country``), every edge a relationship whose type is the
edge's ``type``, and every entry of ``G.graph["documents"]`` a ``:Document`` node without
relationships. Rows come back as Neo4j's store returns them (:func:`graphbuilder.store.neo4j.
to_jsonable`): nodes ``{"_labels", **properties}``, relationships ``{"_type", "_start",
"_end", **properties}``, paths ``{"nodes", "relationships"}``; null properties are left out.

The supported subset is listed in :mod:`graphbuilder.cypher_parser`. Values given as
parameters stay parameters: nothing is ever pasted into the query text.
"""
from __future__ import annotations

import math
from collections import deque
from typing import Any, Callable, Iterator, Mapping

import networkx as nx

from graphbuilder.cypher_parser import AGGREGATES, CypherSyntaxError, has_aggregate, parse
from graphbuilder.cypher_values import (
    Node, Path, Rel, _arith, _as_list, _compare, _distinct, _eq, _freeze, _in, _index, _logic,
    _order_key, _sorted_json, _string_op, _to_string, _type_name,
)

__all__ = ["CypherSyntaxError", "CypherRuntimeError", "run"]

Row = dict[str, Any]
_HIDDEN = "__labels__"


class CypherRuntimeError(ValueError):
    """A query that parsed but cannot be evaluated (unknown function, missing parameter...)."""


def run(G: nx.MultiDiGraph, text: str, params: Mapping[str, Any] | None = None) -> list[Row]:
    """Rows of the read-only query ``text`` on ``G`` with ``params`` (JSON-friendly).

    Raises:
        CypherSyntaxError: outside the supported subset, or malformed.
        CypherRuntimeError: an unknown function or variable, a missing parameter.
    """
    query = parse(text)
    engine = _Engine(G, dict(params or {}))
    try:
        columns, rows = engine.union(query, [{}])
    except (TypeError, ZeroDivisionError, OverflowError) as exc:
        # values of the wrong type for an operator ("a" - 1, 1 / 0): Neo4j refuses them too
        raise CypherRuntimeError(f"cypher: {exc}") from None
    return [{c: engine.jsonable(row[c]) for c in columns} for row in rows]


class _Engine:
    def __init__(self, G: nx.MultiDiGraph, params: dict[str, Any]) -> None:
        self.G = G
        self.params = params
        self.documents: dict[str, dict[str, Any]] = G.graph.get("documents") or {}
        self._functions = self._function_table()

    # ------------------------------------------------------------------ queries
    def union(self, query: tuple, inputs: list[Row]) -> tuple[list[str], list[Row]]:
        _, parts, union_all = query
        columns: list[str] | None = None
        rows: list[Row] = []
        for part in parts:
            cols, part_rows = self.single(part, inputs)
            if columns is not None and cols != columns:
                raise CypherRuntimeError("cypher: every part of a UNION must return the same "
                                         "columns")
            columns = cols
            rows.extend(part_rows)
        if len(parts) > 1 and not union_all:
            rows = _distinct(rows, lambda r: tuple(_freeze(r[c]) for c in columns or ()))
        return columns or [], rows

    def single(self, clauses: list[tuple], inputs: list[Row]) -> tuple[list[str], list[Row]]:
        rows = inputs
        for clause in clauses:
            kind = clause[0]
            if kind == "match":
                rows = self.match(rows, *clause[1:])
            elif kind == "unwind":
                rows = [{**row, clause[2]: item} for row in rows
                        for item in _as_list(self.ev(clause[1], row))]
            elif kind == "with":
                _, distinct, items, order, skip, limit, where = clause
                _, rows = self.project(rows, distinct, items, order, skip, limit)
                if where is not None:
                    rows = [row for row in rows if self.ev(where, row) is True]
            elif kind == "call":
                rows = self.call(rows, clause[1], clause[2])
            elif kind == "return":
                return self.project(rows, *clause[1:])
        return [], rows

    def call(self, rows: list[Row], imports: list[str] | None, body: tuple) -> list[Row]:
        out = []
        for row in rows:
            scope = dict(row) if imports is None else {name: self.var(row, name)
                                                       for name in imports}
            _, inner = self.union(body, [scope])
            out.extend({**row, **result} for result in inner)
        return out

    def project(self, rows: list[Row], distinct: bool, items: list[tuple], order: list[tuple],
                skip: Any, limit: Any) -> tuple[list[str], list[Row]]:
        if any(expr == ("star",) for expr, _ in items):
            names = sorted({k for row in rows for k in row})
            items = [(("var", n), n) for n in names] + [i for i in items if i[0] != ("star",)]
        columns = [alias for _, alias in items]
        aggregated = any(has_aggregate(expr) for expr, _ in items)
        if aggregated:
            keys = [(expr, alias) for expr, alias in items if not has_aggregate(expr)]
            groups: dict[tuple, list[Row]] = {}
            for row in rows:
                groups.setdefault(tuple(_freeze(self.ev(e, row)) for e, _ in keys), []).append(row)
            if not groups and not keys:
                groups[()] = []
            pairs = [({}, {alias: self.ev(expr, group[0] if group else {}, group)
                           for expr, alias in items}) for group in groups.values()]
        else:
            pairs = [(row, {alias: self.ev(expr, row) for expr, alias in items})
                     for row in rows]
        if distinct:
            pairs = _distinct(pairs, lambda p: tuple(_freeze(p[1][c]) for c in columns))
        if order:
            for expr, descending in reversed(order):
                pairs.sort(key=lambda p: _order_key(self.ev(expr, {**p[0], **p[1]})),
                           reverse=descending)
        out = [projected for _, projected in pairs]
        if skip is not None:
            out = out[int(self.ev(skip, {})):]
        if limit is not None:
            out = out[:int(self.ev(limit, {}))]
        return columns, out

    # ------------------------------------------------------------------ MATCH
    def match(self, rows: list[Row], optional: bool, patterns: list[tuple],
              where: Any) -> list[Row]:
        out: list[Row] = []
        for row in rows:
            found = [m for m in self.match_patterns(row, patterns, 0, frozenset())
                     if where is None or self.ev(where, m) is True]
            if not found and optional:
                found = [{**row, **{v: None for v in _pattern_vars(patterns) if v not in row}}]
            out.extend(found)
        return out

    def match_patterns(self, row: Row, patterns: list[tuple], index: int,
                       used: frozenset[Rel]) -> Iterator[Row]:
        if index == len(patterns):
            yield row
            return
        path_var, shortest, elements = patterns[index]
        if shortest:
            for bound, path in self.shortest(row, elements):
                if path_var:
                    bound[path_var] = path
                yield from self.match_patterns(bound, patterns, index + 1, used)
            return
        if elements[0][1] not in row and elements[-1][1] in row and len(elements) > 1:
            walk = _reversed(elements)
        else:
            walk = elements
        for bound, nodes, rels in self.walk(row, walk, used):
            if walk is not elements:
                nodes, rels = nodes[::-1], rels[::-1]
            if path_var:
                bound = {**bound, path_var: Path(tuple(nodes), tuple(_flatten(rels)))}
            yield from self.match_patterns(bound, patterns, index + 1,
                                           used | frozenset(_flatten(rels)))

    def walk(self, row: Row, elements: list[tuple], used: frozenset[Rel]
             ) -> Iterator[tuple[Row, list[Node], list[Any]]]:
        for start in self.node_candidates(row, elements[0]):
            bound = self.bind_node(row, elements[0], start)
            if bound is not None:
                yield from self.extend(bound, elements, 1, [start], [], used)

    def extend(self, row: Row, elements: list[tuple], i: int, nodes: list[Node],
               rels: list[Any], used: frozenset[Rel]) -> Iterator[tuple[Row, list[Node], list]]:
        if i >= len(elements):
            yield row, nodes, rels
            return
        rel, node_pattern = elements[i], elements[i + 1]
        _, var, types, direction, low, high, props = rel
        for steps, end in self.expand(nodes[-1], types, direction, low, high, used):
            if props is not None and not all(
                    _eq(self.prop(s, k), self.ev(e, row)) is True
                    for s in steps for k, e in props[1]):
                continue
            value: Any = steps[0] if (low, high) == (1, 1) else list(steps)
            if var is not None:
                if var in row and row[var] != value:
                    continue
            bound = self.bind_node({**row, var: value} if var else row, node_pattern, end)
            if bound is None:
                continue
            yield from self.extend(bound, elements, i + 2, nodes + [end], rels + [value],
                                   used | frozenset(steps))

    def expand(self, start: Node, types: list[str], direction: str, low: int,
               high: int | None, used: frozenset[Rel]) -> Iterator[tuple[list[Rel], Node]]:
        limit = high if high is not None else max(len(self.G.edges), 1)

        def go(node: Node, steps: list[Rel]) -> Iterator[tuple[list[Rel], Node]]:
            if len(steps) >= low:
                yield list(steps), node
            if len(steps) == limit:
                return
            for rel, other in self.edges_of(node, types, direction):
                if rel not in used and rel not in steps:
                    yield from go(other, steps + [rel])

        if low == 0:
            yield [], start
        yield from (hit for hit in go(start, []) if hit[0])

    def edges_of(self, node: Node, types: list[str], direction: str
                 ) -> Iterator[tuple[Rel, Node]]:
        if node.doc or node.id not in self.G:
            return
        wanted = set(types)
        seen: set[Rel] = set()
        if direction in ("out", "both"):
            for u, v, k, t in self.G.out_edges(node.id, keys=True, data="type"):
                if not wanted or t in wanted:
                    seen.add(Rel(u, v, k))
                    yield Rel(u, v, k), Node(v)
        if direction in ("in", "both"):
            for u, v, k, t in self.G.in_edges(node.id, keys=True, data="type"):
                if (not wanted or t in wanted) and Rel(u, v, k) not in seen:
                    yield Rel(u, v, k), Node(u)

    def node_candidates(self, row: Row, pattern: tuple) -> Iterator[Node]:
        _, var, labels, props = pattern
        if var is not None and var in row:
            if isinstance(row[var], Node):
                yield row[var]
            return
        ids = [e for k, e in props[1] if k == "id"] if props is not None else []
        wanted_id = self.ev(ids[0], row) if ids else None
        if ids and wanted_id is None:
            return
        if "Document" not in labels:
            if wanted_id is None:
                yield from (Node(n) for n in self.G.nodes)
            elif isinstance(wanted_id, str) and wanted_id in self.G:
                yield Node(wanted_id)
        if not labels or "Document" in labels:
            if wanted_id is None:
                yield from (Node(d, doc=True) for d in self.documents)
            elif isinstance(wanted_id, str) and wanted_id in self.documents:
                yield Node(wanted_id, doc=True)

    def bind_node(self, row: Row, pattern: tuple, node: Node) -> Row | None:
        _, var, labels, props = pattern
        if var is not None and var in row and row[var] != node:
            return None
        if labels and not set(labels) <= self.labels(node):
            return None
        if props is not None:
            for key, expr in props[1]:
                if _eq(self.prop(node, key), self.ev(expr, row)) is not True:
                    return None
        return {**row, var: node} if var is not None else row

    def shortest(self, row: Row, elements: list[tuple]) -> Iterator[tuple[Row, Path]]:
        a_pat, rel, b_pat = elements
        _, var, types, direction, low, high, _props = rel
        starts = list(self.node_candidates(row, a_pat))
        for start in starts:
            bound = self.bind_node(row, a_pat, start)
            if bound is None:
                continue
            targets = {n: self.bind_node(bound, b_pat, n)
                       for n in self.node_candidates(bound, b_pat)}
            targets = {n: r for n, r in targets.items() if r is not None and n != start}
            found = self.bfs(start, set(targets), types, direction, high)
            if found is not None:
                path = found
                result = targets[path.nodes[-1]]
                if var is not None:
                    result = {**result, var: list(path.rels)}
                yield result, path

    def bfs(self, start: Node, targets: set[Node], types: list[str], direction: str,
            high: int | None) -> Path | None:
        parents: dict[Node, tuple[Node, Rel] | None] = {start: None}
        queue: deque[tuple[Node, int]] = deque([(start, 0)])
        while queue:
            node, depth = queue.popleft()
            if node in targets:
                nodes, rels = [node], []
                while parents[node] is not None:
                    node, rel = parents[node]  # type: ignore[misc]
                    nodes.append(node)
                    rels.append(rel)
                return Path(tuple(nodes[::-1]), tuple(rels[::-1]))
            if high is not None and depth >= high:
                continue
            for rel, other in self.edges_of(node, types, direction):
                if other not in parents:
                    parents[other] = (node, rel)
                    queue.append((other, depth + 1))
        return None

    # ------------------------------------------------------------------ graph values
    def labels(self, node: Node) -> set[str]:
        if node.doc:
            return {"Document"}
        return {"Actor", *(self.G.nodes[node.id].get(_HIDDEN) or ())}

    def props(self, value: Node | Rel) -> dict[str, Any]:
        if isinstance(value, Node):
            attrs = {"id": value.id, **self.documents[value.id]} if value.doc \
                else self.G.nodes[value.id]
        else:
            attrs = self.G.edges[value.start, value.end, value.key]
        return {k: v for k, v in attrs.items()
                if v is not None and k != _HIDDEN and not (isinstance(value, Rel) and k == "type")}

    def prop(self, value: Any, key: str) -> Any:
        if value is None:
            return None
        if isinstance(value, (Node, Rel)):
            return self.props(value).get(key)
        if isinstance(value, dict):
            return value.get(key)
        raise CypherRuntimeError(f"cypher: cannot read property {key!r} of {_type_name(value)}")

    def jsonable(self, value: Any) -> Any:
        if isinstance(value, Node):
            return {"_labels": sorted(self.labels(value)), **_sorted_json(self.props(value))}
        if isinstance(value, Rel):
            return {"_type": self.G.edges[value.start, value.end, value.key].get("type"),
                    "_start": value.start, "_end": value.end,
                    **_sorted_json(self.props(value))}
        if isinstance(value, Path):
            return {"nodes": [self.jsonable(n) for n in value.nodes],
                    "relationships": [self.jsonable(r) for r in value.rels]}
        if isinstance(value, (list, tuple)):
            return [self.jsonable(v) for v in value]
        if isinstance(value, (set, frozenset)):
            return sorted((self.jsonable(v) for v in value), key=str)
        if isinstance(value, dict):
            return {str(k): self.jsonable(v) for k, v in value.items()}
        if isinstance(value, float) and not math.isfinite(value):
            return None
        return value

    # ------------------------------------------------------------------ expressions
    def var(self, row: Row, name: str) -> Any:
        if name not in row:
            raise CypherRuntimeError(f"cypher: variable {name!r} is not defined")
        return row[name]

    def ev(self, expr: tuple, row: Row, group: list[Row] | None = None) -> Any:
        """Value of the parsed expression ``expr`` in ``row`` (``group``: the rows aggregated)."""
        evaluator = _EVALUATORS.get(expr[0])
        if evaluator is None:
            raise CypherRuntimeError(f"cypher: unsupported expression {expr[0]}")
        return evaluator(self, expr, row, group)

    def _param(self, expr: tuple, row: Row, group: list[Row] | None) -> Any:
        if expr[1] not in self.params:
            raise CypherRuntimeError(f"cypher: missing parameter ${expr[1]} "
                                     f"(pass --param {expr[1]}=VALUE)")
        return self.params[expr[1]]

    def _call(self, expr: tuple, row: Row, group: list[Row] | None) -> Any:
        if expr[1] in AGGREGATES:
            return self.aggregate(expr, group)
        return self.function(expr[1], [self.ev(a, row, group) for a in expr[3]])

    def _binary(self, expr: tuple, row: Row, group: list[Row] | None) -> Any:
        """``cmp``, ``strop`` and ``arith``: an operator and two operands."""
        op = _BINARY[expr[0]]
        return op(expr[1], self.ev(expr[2], row, group), self.ev(expr[3], row, group))

    def _unary(self, expr: tuple, row: Row, group: list[Row] | None) -> Any:
        """``not`` and ``neg``: null stays null."""
        value = self.ev(expr[1], row, group)
        if value is None:
            return None
        return (not value) if expr[0] == "not" else -value

    def _has_labels(self, expr: tuple, row: Row, group: list[Row] | None) -> Any:
        value = self.ev(expr[1], row, group)
        return None if value is None else set(expr[2]) <= self.labels(value)

    def _list_comprehension(self, expr: tuple, row: Row, group: list[Row] | None) -> list[Any]:
        _, var, source, where, projection = expr
        out = []
        for item in _as_list(self.ev(source, row, group)):
            inner = {**row, var: item}
            if where is None or self.ev(where, inner, group) is True:
                out.append(item if projection is None else self.ev(projection, inner, group))
        return out

    def _quantifier(self, expr: tuple, row: Row, group: list[Row] | None) -> bool:
        _, name, var, source, predicate = expr
        values = [self.ev(predicate, {**row, var: item}, group)
                  for item in _as_list(self.ev(source, row, group))]
        hits = sum(v is True for v in values)
        return {"any": hits > 0, "all": hits == len(values), "none": hits == 0,
                "single": hits == 1}[name]

    def _subquery(self, expr: tuple, row: Row, group: list[Row] | None) -> Any:
        columns, rows = self.union(expr[2], [dict(row)])
        if expr[1] == "EXISTS":
            return bool(rows)
        if expr[1] == "COUNT":
            return len(rows)
        if len(columns) != 1:
            raise CypherRuntimeError("cypher: COLLECT { } must return exactly one column")
        return [r[columns[0]] for r in rows]

    def case(self, expr: tuple, row: Row, group: list[Row] | None) -> Any:
        _, subject, branches, default = expr
        value = self.ev(subject, row, group) if subject is not None else None
        for when, then in branches:
            test = self.ev(when, row, group)
            hit = _eq(value, test) is True if subject is not None else test is True
            if hit:
                return self.ev(then, row, group)
        return self.ev(default, row, group)

    def aggregate(self, expr: tuple, group: list[Row] | None) -> Any:
        _, name, distinct, args = expr
        if group is None:
            raise CypherRuntimeError(f"cypher: {name}() is only allowed in WITH or RETURN")
        values = [v for v in (self.ev(args[0], row) for row in group) if v is not None]
        if distinct:
            values = _distinct(values, _freeze)
        if name == "count":
            return len(values)
        if name == "collect":
            return values
        if name == "sum":
            return sum(values) if values else 0
        if name == "avg":
            return sum(values) / len(values) if values else None
        if not values:
            return None
        keyed = sorted(values, key=_order_key)
        return keyed[0] if name == "min" else keyed[-1]

    def function(self, name: str, args: list[Any]) -> Any:
        if name == "coalesce":
            return next((a for a in args if a is not None), None)
        if name not in self._functions:
            raise CypherRuntimeError(f"cypher: function {name}() is not supported on the "
                                     f"embedded store")
        if args and args[0] is None:
            return None
        try:
            return self._functions[name](*args)
        except (TypeError, ValueError, AttributeError) as exc:
            raise CypherRuntimeError(f"cypher: {name}() cannot take {args!r}: {exc}") from exc

    def _function_table(self) -> dict[str, Callable[..., Any]]:
        """Cypher's scalar functions by lower-case name (built once per query)."""
        return {
            "tolower": lambda s: s.lower(), "toupper": lambda s: s.upper(),
            "trim": lambda s: s.strip(), "tostring": _to_string,
            "tointeger": lambda v: int(float(v)), "tofloat": float,
            "left": lambda s, n: s[:n], "right": lambda s, n: s[-n:] if n else "",
            "substring": lambda s, a, n=None: s[a:] if n is None else s[a:a + n],
            "replace": lambda s, a, b: s.replace(a, b), "split": lambda s, d: s.split(d),
            "size": len, "head": lambda xs: xs[0] if xs else None,
            "last": lambda xs: xs[-1] if xs else None, "tail": lambda xs: list(xs[1:]),
            "reverse": lambda xs: xs[::-1], "abs": abs, "round": round,
            "range": lambda a, b, s=1: list(range(a, b + (1 if s > 0 else -1), s)),
            "length": lambda v: len(v.rels) if isinstance(v, Path) else len(v),
            "nodes": lambda p: list(p.nodes), "relationships": lambda p: list(p.rels),
            "type": lambda r: self.G.edges[r.start, r.end, r.key].get("type"),
            "startnode": lambda r: Node(r.start), "endnode": lambda r: Node(r.end),
            "labels": lambda n: sorted(self.labels(n)), "keys": lambda v: sorted(self.props(v))
            if isinstance(v, (Node, Rel)) else sorted(v),
            "properties": lambda v: self.props(v) if isinstance(v, (Node, Rel)) else dict(v),
            "id": lambda v: v.id if isinstance(v, Node) else v.key,
            "elementid": lambda v: v.id if isinstance(v, Node) else v.key,
        }


# ------------------------------------------------------------------ helpers

#: Binary operators by expression kind.
_BINARY: dict[str, Callable[[str, Any, Any], Any]] = {
    "cmp": _compare, "strop": _string_op, "arith": _arith,
}

#: Expression kind -> how the engine evaluates it (``engine, expr, row, group``).
_EVALUATORS: dict[str, Callable[[_Engine, tuple, Row, list[Row] | None], Any]] = {
    "lit": lambda e, x, row, group: x[1],
    "var": lambda e, x, row, group: e.var(row, x[1]),
    "param": _Engine._param,
    "prop": lambda e, x, row, group: e.prop(e.ev(x[1], row, group), x[2]),
    "countstar": lambda e, x, row, group: len(group or []),
    "call": _Engine._call,
    "bool": lambda e, x, row, group: _logic(x[1], e.ev(x[2], row, group),
                                             lambda: e.ev(x[3], row, group)),
    "not": _Engine._unary,
    "neg": _Engine._unary,
    "cmp": _Engine._binary,
    "strop": _Engine._binary,
    "arith": _Engine._binary,
    "in": lambda e, x, row, group: _in(e.ev(x[1], row, group), e.ev(x[2], row, group)),
    "isnull": lambda e, x, row, group: (e.ev(x[1], row, group) is None) != x[2],
    "list": lambda e, x, row, group: [e.ev(i, row, group) for i in x[1]],
    "map": lambda e, x, row, group: {k: e.ev(i, row, group) for k, i in x[1]},
    "index": lambda e, x, row, group: _index(e.ev(x[1], row, group), e.ev(x[2], row, group)),
    "haslabels": _Engine._has_labels,
    "case": lambda e, x, row, group: e.case(x, row, group),
    "listcomp": _Engine._list_comprehension,
    "quantifier": _Engine._quantifier,
    "subquery": _Engine._subquery,
}


def _pattern_vars(patterns: list[tuple]) -> list[str]:
    names = []
    for path_var, _, elements in patterns:
        if path_var:
            names.append(path_var)
        names.extend(e[1] for e in elements if e[1])
    return names


def _reversed(elements: list[tuple]) -> list[tuple]:
    flip = {"out": "in", "in": "out", "both": "both"}
    out = []
    for e in reversed(elements):
        out.append(e if e[0] == "node" else (*e[:3], flip[e[3]], *e[4:]))
    return out


def _flatten(rels: list[Any]) -> list[Rel]:
    out: list[Rel] = []
    for r in rels:
        out.extend(r if isinstance(r, list) else [r])
    return out
