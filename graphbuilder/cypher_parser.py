"""Parser of the read-only Cypher subset the embedded store runs (see :mod:`embedded_cypher`).

The subset is what the example queries in ``cypher/queries`` and the README use:

* clauses ``MATCH``, ``OPTIONAL MATCH``, ``WHERE``, ``WITH [DISTINCT]``, ``UNWIND``,
  ``RETURN [DISTINCT]``, ``ORDER BY ... [ASC|DESC]``, ``SKIP``, ``LIMIT``, ``UNION [ALL]``,
  ``CALL (vars) { ... }`` subqueries and ``COLLECT { ... }`` expressions;
* patterns ``(a:Actor:Country {id: $id})``, ``-[r:A|B]->``, ``<-[r]-``, undirected ``-[r]-``,
  variable length ``-[*1..3]-``, named paths ``p = ...`` and ``shortestPath(...)``;
* expressions: literals, lists, maps, ``$parameters``, properties, label tests ``x:Country``,
  ``= <> < <= > >=`` (``==`` too), ``AND OR XOR NOT``, ``IN``, ``IS [NOT] NULL``,
  ``STARTS WITH``, ``ENDS WITH``, ``CONTAINS``, ``+ - * / %``, ``CASE``, list comprehensions,
  ``any/all/none/single(x IN list WHERE ...)``, function calls and aggregates.

Everything else (writes, ``MERGE``, procedures, ...) is a :class:`CypherSyntaxError` naming
the line and column. The AST is made of tuples: expressions ``(kind, ...)``, clauses
``(kind, ...)``; see the ``_parse_*`` functions for their shapes.
"""
from __future__ import annotations

import re
from typing import Any

Expr = tuple
_TOKEN = re.compile(r"""
    (?P<ws>\s+|//[^\n]*|/\*.*?\*/)
  | (?P<num>\d+\.\d+(?:[eE][-+]?\d+)?|\d+(?![\w.])|\d+(?=\.\.))
  | (?P<str>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
  | (?P<param>\$[A-Za-z_][A-Za-z0-9_]*)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*|`[^`]+`)
  | (?P<op>\.\.|<>|<=|>=|==|=~|->|<-|[-+*/%^=<>()\[\]{}:,.|;])
""", re.VERBOSE | re.DOTALL)
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", "'": "'", '"': '"'}
_WRITE_CLAUSES = {"CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "FOREACH", "LOAD"}
#: Aggregating functions (grouping happens on the other items of WITH / RETURN).
AGGREGATES = {"count", "collect", "sum", "min", "max", "avg"}


class CypherSyntaxError(ValueError):
    """Cypher text outside the supported subset, or malformed (one-line message)."""


class _Tokens:
    def __init__(self, text: str) -> None:
        self.text = text
        self.items: list[tuple[str, Any, int]] = []
        pos = 0
        while pos < len(text):
            m = _TOKEN.match(text, pos)
            if not m:
                raise self.error_at(pos, f"unexpected character {text[pos]!r}")
            kind = m.lastgroup
            raw = m.group()
            if kind == "num":
                self.items.append(("num", float(raw) if "." in raw or "e" in raw.lower()
                                   else int(raw), pos))
            elif kind == "str":
                body = re.sub(r"\\(.)", lambda e: _ESCAPES.get(e.group(1), e.group(1)), raw[1:-1])
                self.items.append(("str", body, pos))
            elif kind == "param":
                self.items.append(("param", raw[1:], pos))
            elif kind == "name":
                self.items.append(("name", raw.strip("`"), pos))
            elif kind == "op":
                self.items.append(("op", raw, pos))
            pos = m.end()
        self.items.append(("eof", None, len(text)))
        self.i = 0

    def error_at(self, pos: int, message: str) -> CypherSyntaxError:
        line = self.text.count("\n", 0, pos) + 1
        col = pos - (self.text.rfind("\n", 0, pos) + 1) + 1
        return CypherSyntaxError(f"cypher: {message} at line {line}, column {col}")

    def error(self, message: str) -> CypherSyntaxError:
        return self.error_at(self.peek()[2], message)

    def peek(self, ahead: int = 0) -> tuple[str, Any, int]:
        return self.items[min(self.i + ahead, len(self.items) - 1)]

    def next(self) -> tuple[str, Any, int]:
        tok = self.items[self.i]
        self.i += 1
        return tok

    def is_kw(self, *words: str, ahead: int = 0) -> bool:
        kind, value, _ = self.peek(ahead)
        return kind == "name" and value.upper() in words

    def is_op(self, *ops: str, ahead: int = 0) -> bool:
        kind, value, _ = self.peek(ahead)
        return kind == "op" and value in ops

    def accept_kw(self, *words: str) -> bool:
        if self.is_kw(*words):
            self.i += 1
            return True
        return False

    def accept_op(self, op: str) -> bool:
        if self.is_op(op):
            self.i += 1
            return True
        return False

    def expect_kw(self, word: str) -> None:
        if not self.accept_kw(word):
            raise self.error(f"expected {word}, found {self.describe()}")

    def expect_op(self, op: str) -> None:
        if not self.accept_op(op):
            raise self.error(f"expected {op!r}, found {self.describe()}")

    def name(self) -> str:
        kind, value, _ = self.peek()
        if kind != "name":
            raise self.error(f"expected a name, found {self.describe()}")
        self.i += 1
        return value

    def describe(self) -> str:
        kind, value, _ = self.peek()
        return "end of query" if kind == "eof" else repr(value if kind != "str" else f"'{value}'")


def parse(text: str) -> tuple:
    """AST of one read-only query: ``("union", [single queries], all)``."""
    tokens = _Tokens(text)
    query = _parse_union(tokens)
    tokens.accept_op(";")
    if tokens.peek()[0] != "eof":
        raise tokens.error(f"unsupported or unexpected {tokens.describe()}")
    return query


def _parse_union(t: _Tokens) -> tuple:
    parts, union_all = [_parse_single(t)], False
    while t.accept_kw("UNION"):
        union_all = t.accept_kw("ALL")
        parts.append(_parse_single(t))
    return ("union", parts, union_all)


def _parse_single(t: _Tokens) -> list[tuple]:
    clauses: list[tuple] = []
    while True:
        if t.is_kw("MATCH") or t.is_kw("OPTIONAL"):
            optional = t.accept_kw("OPTIONAL")
            t.expect_kw("MATCH")
            patterns = [_parse_pattern(t)]
            while t.accept_op(","):
                patterns.append(_parse_pattern(t))
            where = _parse_expr(t) if t.accept_kw("WHERE") else None
            clauses.append(("match", optional, patterns, where))
        elif t.accept_kw("UNWIND"):
            expr = _parse_expr(t)
            t.expect_kw("AS")
            clauses.append(("unwind", expr, t.name()))
        elif t.accept_kw("WITH"):
            clauses.append(("with", *_parse_projection(t), _parse_expr(t)
                            if t.accept_kw("WHERE") else None))
        elif t.accept_kw("RETURN"):
            clauses.append(("return", *_parse_projection(t)))
            return clauses
        elif t.is_kw("CALL") and (t.is_op("(", ahead=1) or t.is_op("{", ahead=1)):
            t.next()
            imports: list[str] | None = None
            if t.accept_op("("):
                imports = []
                while not t.accept_op(")"):
                    imports.append(t.name())
                    t.accept_op(",")
            t.expect_op("{")
            body = _parse_union(t)
            t.expect_op("}")
            clauses.append(("call", imports, body))
        elif any(t.is_kw(w) for w in _WRITE_CLAUSES):
            raise t.error(f"{t.peek()[1].upper()} is not supported: the embedded store's Cypher "
                          f"is read-only (use --backend neo4j --write)")
        else:
            if not clauses:
                raise t.error(f"unsupported or unexpected {t.describe()}")
            raise t.error(f"expected MATCH, WITH, UNWIND, CALL or RETURN, found {t.describe()}")


def _parse_projection(t: _Tokens) -> tuple:
    distinct = t.accept_kw("DISTINCT")
    items: list[tuple[Expr, str]] = []
    while True:
        start = t.peek()[2]
        if t.accept_op("*"):
            items.append((("star",), "*"))
        else:
            expr = _parse_expr(t)
            alias = t.name() if t.accept_kw("AS") else _item_text(t.text, start, t.peek()[2])
            items.append((expr, alias))
        if not t.accept_op(","):
            break
    order: list[tuple[Expr, bool]] = []
    if t.accept_kw("ORDER"):
        t.expect_kw("BY")
        while True:
            expr = _parse_expr(t)
            descending = t.is_kw("DESC", "DESCENDING")
            t.accept_kw("ASC", "ASCENDING", "DESC", "DESCENDING")
            order.append((expr, descending))
            if not t.accept_op(","):
                break
    skip = _parse_expr(t) if t.accept_kw("SKIP") else None
    limit = _parse_expr(t) if t.accept_kw("LIMIT") else None
    return distinct, items, order, skip, limit


def _item_text(text: str, start: int, next_start: int) -> str:
    """Column name of an item without alias: its text as written (``a.name``)."""
    return text[start:next_start].strip().rstrip(",").strip()


# ------------------------------------------------------------------------------ patterns

def _parse_pattern(t: _Tokens) -> tuple:
    """``(path_var, shortest, [node, rel, node, ...])``."""
    path_var = None
    if t.peek()[0] == "name" and t.is_op("=", ahead=1):
        path_var = t.name()
        t.next()
    shortest = False
    if t.is_kw("SHORTESTPATH"):
        t.next()
        t.expect_op("(")
        shortest = True
    elements = [_parse_node(t)]
    while t.is_op("-", "<-"):
        elements.append(_parse_rel(t))
        elements.append(_parse_node(t))
    if shortest:
        t.expect_op(")")
        if len(elements) != 3:
            raise t.error("shortestPath() takes a single relationship pattern")
    return (path_var, shortest, elements)


def _parse_node(t: _Tokens) -> tuple:
    """``("node", var, labels, props)``."""
    t.expect_op("(")
    var = t.name() if t.peek()[0] == "name" else None
    labels = []
    while t.accept_op(":"):
        labels.append(t.name())
    props = _parse_map(t) if t.is_op("{") else None
    t.expect_op(")")
    return ("node", var, labels, props)


def _parse_rel(t: _Tokens) -> tuple:
    """``("rel", var, types, direction, min_hops, max_hops, props)``; direction out/in/both."""
    left = t.next()[1] == "<-"
    var, types, props, low, high = None, [], None, 1, 1
    if t.accept_op("["):
        var = t.name() if t.peek()[0] == "name" else None
        if t.accept_op(":"):
            types.append(t.name())
            while t.accept_op("|"):
                t.accept_op(":")
                types.append(t.name())
        if t.accept_op("*"):
            low, high = 1, None
            if t.peek()[0] == "num":
                low = high = t.next()[1]
            if t.accept_op(".."):
                high = t.next()[1] if t.peek()[0] == "num" else None
                if low == high is None:
                    low = 1
        props = _parse_map(t) if t.is_op("{") else None
        t.expect_op("]")
    if t.accept_op("->"):
        right = True
    else:
        t.expect_op("-")
        right = False
    if left and right:
        raise t.error("a relationship cannot point both ways")
    direction = "in" if left else "out" if right else "both"
    return ("rel", var, types, direction, low, high, props)


# ------------------------------------------------------------------------------ expressions

def _parse_expr(t: _Tokens) -> Expr:
    return _parse_binary(t, 0)


_LEVELS: list[tuple[str, ...]] = [("OR",), ("XOR",), ("AND",)]


def _parse_binary(t: _Tokens, level: int) -> Expr:
    if level == len(_LEVELS):
        return _parse_not(t)
    left = _parse_binary(t, level + 1)
    while t.is_kw(*_LEVELS[level]):
        op = t.next()[1].upper()
        left = ("bool", op, left, _parse_binary(t, level + 1))
    return left


def _parse_not(t: _Tokens) -> Expr:
    if t.accept_kw("NOT"):
        return ("not", _parse_not(t))
    return _parse_comparison(t)


def _parse_comparison(t: _Tokens) -> Expr:
    left = _parse_additive(t)
    while True:
        if t.is_op("=", "==", "<>", "<", "<=", ">", ">="):
            op = t.next()[1]
            left = ("cmp", "=" if op == "==" else op, left, _parse_additive(t))
        elif t.accept_kw("IN"):
            left = ("in", left, _parse_additive(t))
        elif t.is_kw("STARTS", "ENDS") and t.is_kw("WITH", ahead=1):
            op = t.next()[1].upper()
            t.next()
            left = ("strop", op, left, _parse_additive(t))
        elif t.accept_kw("CONTAINS"):
            left = ("strop", "CONTAINS", left, _parse_additive(t))
        elif t.is_kw("IS"):
            t.next()
            negated = t.accept_kw("NOT")
            t.expect_kw("NULL")
            left = ("isnull", left, negated)
        else:
            return left


def _parse_additive(t: _Tokens) -> Expr:
    left = _parse_multiplicative(t)
    while t.is_op("+", "-"):
        left = ("arith", t.next()[1], left, _parse_multiplicative(t))
    return left


def _parse_multiplicative(t: _Tokens) -> Expr:
    left = _parse_unary(t)
    while t.is_op("*", "/", "%", "^"):
        left = ("arith", t.next()[1], left, _parse_unary(t))
    return left


def _parse_unary(t: _Tokens) -> Expr:
    if t.accept_op("-"):
        return ("neg", _parse_unary(t))
    if t.accept_op("+"):
        return _parse_unary(t)
    return _parse_postfix(t)


def _parse_postfix(t: _Tokens) -> Expr:
    expr = _parse_atom(t)
    while True:
        if t.is_op(".") and t.peek(1)[0] == "name":
            t.next()
            expr = ("prop", expr, t.name())
        elif t.is_op("[") :
            t.next()
            index = _parse_expr(t)
            t.expect_op("]")
            expr = ("index", expr, index)
        elif t.is_op(":") and t.peek(1)[0] == "name" and expr[0] == "var":
            labels = []
            while t.accept_op(":"):
                labels.append(t.name())
            expr = ("haslabels", expr, labels)
        else:
            return expr


def _parse_map(t: _Tokens) -> Expr:
    t.expect_op("{")
    entries: list[tuple[str, Expr]] = []
    while not t.accept_op("}"):
        key = t.next()
        if key[0] not in ("name", "str"):
            raise t.error_at(key[2], "expected a map key")
        t.expect_op(":")
        entries.append((key[1], _parse_expr(t)))
        if not t.accept_op(","):
            t.expect_op("}")
            break
    return ("map", entries)


def _parse_atom(t: _Tokens) -> Expr:
    kind, value, pos = t.peek()
    if kind == "num" or kind == "str":
        t.next()
        return ("lit", value)
    if kind == "param":
        t.next()
        return ("param", value)
    if t.is_op("("):
        t.next()
        expr = _parse_expr(t)
        t.expect_op(")")
        return expr
    if t.is_op("["):
        return _parse_list(t)
    if t.is_op("{"):
        return _parse_map(t)
    if kind != "name":
        raise t.error(f"unexpected {t.describe()}")
    upper = value.upper()
    if upper in ("TRUE", "FALSE", "NULL"):
        t.next()
        return ("lit", {"TRUE": True, "FALSE": False, "NULL": None}[upper])
    if upper == "CASE":
        return _parse_case(t)
    if upper in ("COLLECT", "COUNT", "EXISTS") and t.is_op("{", ahead=1):
        t.next()
        t.next()
        body = _parse_union(t)
        t.expect_op("}")
        return ("subquery", upper, body)
    if t.is_op("(", ahead=1):
        return _parse_call(t)
    t.next()
    return ("var", value)


def _parse_list(t: _Tokens) -> Expr:
    t.expect_op("[")
    if t.peek()[0] == "name" and t.is_kw("IN", ahead=1):
        var = t.name()
        t.next()
        source = _parse_expr(t)
        where = _parse_expr(t) if t.accept_kw("WHERE") else None
        projection = _parse_expr(t) if t.accept_op("|") else None
        t.expect_op("]")
        return ("listcomp", var, source, where, projection)
    items = []
    while not t.accept_op("]"):
        items.append(_parse_expr(t))
        if not t.accept_op(","):
            t.expect_op("]")
            break
    return ("list", items)


def _parse_case(t: _Tokens) -> Expr:
    t.next()
    subject = None if t.is_kw("WHEN") else _parse_expr(t)
    branches = []
    while t.accept_kw("WHEN"):
        when = _parse_expr(t)
        t.expect_kw("THEN")
        branches.append((when, _parse_expr(t)))
    default = _parse_expr(t) if t.accept_kw("ELSE") else ("lit", None)
    t.expect_kw("END")
    if not branches:
        raise t.error("CASE needs at least one WHEN")
    return ("case", subject, branches, default)


def _parse_call(t: _Tokens) -> Expr:
    name = t.name()
    lowered = name.lower()
    t.expect_op("(")
    if lowered in ("any", "all", "none", "single") and t.peek()[0] == "name" \
            and t.is_kw("IN", ahead=1):
        var = t.name()
        t.next()
        source = _parse_expr(t)
        t.expect_kw("WHERE")
        predicate = _parse_expr(t)
        t.expect_op(")")
        return ("quantifier", lowered, var, source, predicate)
    if lowered == "count" and t.accept_op("*"):
        t.expect_op(")")
        return ("countstar",)
    distinct = t.accept_kw("DISTINCT")
    args = []
    while not t.accept_op(")"):
        args.append(_parse_expr(t))
        if not t.accept_op(","):
            t.expect_op(")")
            break
    return ("call", lowered, distinct, args)


def has_aggregate(expr: Any) -> bool:
    """Whether an expression calls an aggregate (outside nested subqueries)."""
    if not isinstance(expr, tuple) or not expr:
        return False
    if expr[0] == "countstar" or (expr[0] == "call" and expr[1] in AGGREGATES):
        return True
    if expr[0] == "subquery":
        return False
    return any(has_aggregate(part) for part in _children(expr))


def _children(expr: tuple) -> list[Any]:
    out: list[Any] = []
    for part in expr[1:]:
        if isinstance(part, tuple):
            out.append(part)
        elif isinstance(part, list):
            for item in part:
                if isinstance(item, tuple):
                    out.extend(item if item and isinstance(item[0], tuple) else [item])
    return out
