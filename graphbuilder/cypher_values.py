"""Values of the embedded Cypher engine: nodes, relationships and paths of the NetworkX graph,
and Cypher's semantics for them (null-aware comparison, ordering, logic, arithmetic).

Split out of :mod:`graphbuilder.embedded_cypher`, which evaluates queries with these.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable


@dataclass(frozen=True)
class Node:
    """An actor (``doc=False``) or a Document node, by id."""

    id: str
    doc: bool = False


@dataclass(frozen=True)
class Rel:
    """One edge ``start -key-> end`` of the MultiDiGraph."""

    start: str
    end: str
    key: str


@dataclass(frozen=True)
class Path:
    nodes: tuple[Node, ...]
    rels: tuple[Rel, ...]


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _freeze(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return ("list", tuple(_freeze(v) for v in value))
    if isinstance(value, dict):
        return ("map", tuple(sorted((k, _freeze(v)) for k, v in value.items())))
    if isinstance(value, bool):
        return ("bool", value)
    return value


def _distinct(items: list[Any], key: Callable[[Any], Any]) -> list[Any]:
    seen: set[Any] = set()
    out = []
    for item in items:
        k = key(item)
        if k not in seen:
            seen.add(k)
            out.append(item)
    return out


_RANK = {dict: 0, Node: 1, Rel: 2, list: 3, Path: 4, str: 5, bool: 6, int: 7, float: 7}


def _order_key(value: Any) -> tuple:
    """Neo4j's ascending order: maps, nodes, relationships, lists, paths, strings,
    booleans, numbers, then null last."""
    if value is None:
        return (9, 0)
    rank = _RANK.get(type(value), 8)
    if isinstance(value, (Node, Rel)):
        return (rank, str(value))
    if isinstance(value, (list, tuple)):
        return (rank, tuple(_order_key(v) for v in value))
    if isinstance(value, dict):
        return (rank, str(sorted(value.items(), key=str)))
    if isinstance(value, Path):
        return (rank, len(value.rels))
    return (rank, value)


def _eq(a: Any, b: Any) -> bool | None:
    if a is None or b is None:
        return None
    if isinstance(a, bool) != isinstance(b, bool):
        return False
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        if len(a) != len(b):
            return False
        results = [_eq(x, y) for x, y in zip(a, b)]
        return False if False in results else None if None in results else True
    return a == b


def _compare(op: str, a: Any, b: Any) -> bool | None:
    if op == "=":
        return _eq(a, b)
    if op == "<>":
        same = _eq(a, b)
        return None if same is None else not same
    if a is None or b is None:
        return None
    numbers = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (a, b))
    if not numbers and type(a) is not type(b):
        return None
    if not isinstance(a, (int, float, str, bool)):
        return None
    return {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]


def _in(item: Any, values: Any) -> bool | None:
    if values is None:
        return None
    results = [_eq(item, v) for v in values]
    if True in results:
        return True
    return None if None in results else False


def _logic(op: str, left: Any, right_thunk: Callable[[], Any]) -> bool | None:
    if op == "AND" and left is False:
        return False
    if op == "OR" and left is True:
        return True
    right = right_thunk()
    if op == "XOR":
        return None if left is None or right is None else left != right
    if op == "AND":
        return False if right is False else None if None in (left, right) else True
    return True if right is True else None if None in (left, right) else False


def _string_op(op: str, a: Any, b: Any) -> bool | None:
    if not isinstance(a, str) or not isinstance(b, str):
        return None
    return {"STARTS": a.startswith, "ENDS": a.endswith, "CONTAINS": a.__contains__}[op](b)


def _arith(op: str, a: Any, b: Any) -> Any:
    if a is None or b is None:
        return None
    if op == "+":
        if isinstance(a, list) or isinstance(b, list):
            return _as_list(a) + _as_list(b)
        if isinstance(a, str) or isinstance(b, str):
            return _to_string(a) + _to_string(b)
        return a + b
    if op == "/" and isinstance(a, int) and isinstance(b, int):
        return int(a / b)
    return {"-": lambda: a - b, "*": lambda: a * b, "/": lambda: a / b,
            "%": lambda: math.fmod(a, b) if isinstance(a, float) else a % b,
            "^": lambda: float(a) ** b}[op]()


def _index(value: Any, index: Any) -> Any:
    if value is None or index is None:
        return None
    if isinstance(value, dict):
        return value.get(index)
    try:
        return value[index]
    except (IndexError, TypeError):
        return None


def _to_string(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _type_name(value: Any) -> str:
    return type(value).__name__


def _sorted_json(props: dict[str, Any]) -> dict[str, Any]:
    return {k: props[k] for k in sorted(props)}
