"""The project's Cypher files: schema, load statements and example queries.

Every Cypher statement graphbuilder sends to Neo4j lives in a ``.cypher`` file (none is built as
a Python string), in the ``cypher/`` directory at the root of the repository::

    cypher/schema.cypher            constraints and indexes (run by ``Neo4jStore.ensure_schema``)
    cypher/load/NAME.cypher         statements used by :class:`graphbuilder.store.neo4j.Neo4jStore`
    cypher/queries/NAME.cypher      example queries (``graphbuilder query --file ...``)
    cypher/style.grass              Neo4j Browser style (``:style`` then drop the file)

Where the directory is found (first match wins), see :func:`cypher_dir`:

1. ``$GRAPHBUILDER_CYPHER_DIR`` when set;
2. ``graphbuilder/data/cypher`` inside the package (where an installed wheel would carry the
   files: ``setup.cfg`` already ships ``data/**/*`` as package data);
3. ``<repository>/cypher`` next to the ``graphbuilder`` package (source checkout and editable
   install, the supported set-up today).

File conventions
----------------
* A file holds one or more statements separated by ``;`` (a trailing ``;`` is optional).
  ``//`` and ``/* */`` comments are allowed anywhere; ``;`` inside strings or comments is fine.
* Example queries start with a header comment: free text describing the query, then one line per
  parameter::

      // @param since: str = "2021-01-01" -- ISO date YYYY-MM-DD (inclusive)
      // @param limit: int = 25 -- maximum rows

  ``type`` is one of ``str, int, float, bool, list`` and a parameter without ``= default`` is
  required. :func:`bind_params` fills defaults and converts command-line strings
  (``--param limit=5``) to the declared type.
* Load statements that write one relationship type are templates with a ``{TYPE}``
  placeholder, filled by :func:`for_type` with a validated type (see its docstring for why).
* Schema statements that depend on a relationship type are template lines ``//@each-type ...``
  (every type) and ``//@each-event-type ...`` (event types only), comments to ``cypher-shell``;
  :func:`schema_statements` expands ``{TYPE}`` (the validated UPPER_SNAKE type) and ``{type}``
  (its lower-case form, for index names) once per type, because Cypher schema commands cannot
  take a relationship type as a parameter.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping

__all__ = [
    "CypherFileError", "QueryFile", "QueryParam", "bind_params", "cypher_dir", "for_type",
    "list_queries",
    "load_statement", "parse_params", "query_file", "read", "schema_statements",
    "split_statements", "validate_type_name",
]

ENV_DIR = "GRAPHBUILDER_CYPHER_DIR"
_PACKAGE_DIR = Path(__file__).resolve().parent
_CANDIDATES = (_PACKAGE_DIR / "data" / "cypher", _PACKAGE_DIR.parent / "cypher")

#: A relationship type we accept in DDL templates: UPPER_SNAKE, starting with a letter.
_TYPE_NAME = re.compile(r"^[A-Z][A-Z0-9_]{0,63}$")
_EACH_TYPE = "//@each-type"              # every relationship type (events and structural)
_EACH_EVENT_TYPE = "//@each-event-type"  # event types only (they carry doc, date, cameo, ...)
_PARAM_LINE = re.compile(
    r"^//\s*@param\s+\$?(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    r"\s*(?::\s*(?P<type>str|int|float|bool|list))?"
    r"\s*(?:=\s*(?P<default>.*?))?"
    r"\s*(?:--\s*(?P<doc>.*))?$")
_CONVERTERS = {"str": str, "int": int, "float": float}


class CypherFileError(LookupError):
    """A Cypher file or the Cypher directory cannot be found, or a file is malformed."""


# --------------------------------------------------------------------------------- locating

def cypher_dir() -> Path:
    """Directory holding ``schema.cypher``, ``load/`` and ``queries/`` (see module docstring)."""
    override = os.environ.get(ENV_DIR)
    candidates = (Path(override),) if override else _CANDIDATES
    for candidate in candidates:
        if (candidate / "schema.cypher").is_file():
            return candidate
    where = ", ".join(str(c) for c in candidates)
    raise CypherFileError(f"cannot find graphbuilder's Cypher files (looked in {where}): "
                          f"run from a source checkout or set {ENV_DIR}")


def _resolve(name: str, default_dir: str = "") -> Path:
    """Path of ``name`` (``"load/merge_actors"``, ``"queries/x.cypher"`` or a file path)."""
    candidate = Path(name)
    if candidate.suffix == ".cypher" and candidate.is_file():
        return candidate
    rel = name if name.endswith((".cypher", ".grass")) else f"{name}.cypher"
    if default_dir and "/" not in rel:
        rel = f"{default_dir}/{rel}"
    path = cypher_dir() / rel
    if not path.is_file():
        raise CypherFileError(f"no Cypher file {rel!r} in {cypher_dir()}")
    return path


@lru_cache(maxsize=None)
def _read_cached(path: str, mtime_ns: int) -> str:
    return Path(path).read_text(encoding="utf-8")


def read(name: str) -> str:
    """Text of a Cypher file: ``read("schema")``, ``read("load/merge_actors")``, or a path."""
    path = _resolve(name)
    return _read_cached(str(path), path.stat().st_mtime_ns)


def load_statement(name: str) -> str:
    """The single statement of ``cypher/load/NAME.cypher`` (comments stripped)."""
    statements = split_statements(read(f"load/{name}"))
    if len(statements) != 1:
        raise CypherFileError(f"cypher/load/{name}.cypher must hold exactly one statement, "
                              f"found {len(statements)}")
    return statements[0]


# --------------------------------------------------------------------------------- splitting

def _strip_comments_and_split(text: str) -> list[str]:
    """Split on ``;`` outside strings, backticks and comments; drop comments."""
    statements: list[str] = []
    buf: list[str] = []
    i, n = 0, len(text)
    quote: str | None = None
    while i < n:
        ch = text[i]
        if quote:
            buf.append(ch)
            if ch == "\\" and quote != "`" and i + 1 < n:
                buf.append(text[i + 1])
                i += 2
                continue
            if ch == quote:
                quote = None
            i += 1
        elif ch in "'\"`":
            quote = ch
            buf.append(ch)
            i += 1
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            if end < 0:
                raise CypherFileError("unterminated /* comment in Cypher text")
            buf.append(" ")
            i = end + 2
        elif ch == ";":
            statements.append("".join(buf))
            buf = []
            i += 1
        else:
            buf.append(ch)
            i += 1
    if quote:
        raise CypherFileError(f"unterminated {quote} quote in Cypher text")
    statements.append("".join(buf))
    return [_tidy(s) for s in statements if s.strip()]


def _tidy(statement: str) -> str:
    """Drop the blank lines comments leave behind, outside string literals only."""
    lines = statement.strip().split("\n")
    kept: list[str] = []
    quote: str | None = None
    for line in lines:
        if quote is None and not line.strip():
            continue
        after = _open_quote_after(line, quote)
        kept.append(line.rstrip() if quote is None and after is None else line)
        quote = after
    return "\n".join(kept)


def _open_quote_after(line: str, quote: str | None) -> str | None:
    """The string quote still open at the end of ``line`` (given the one open at its start)."""
    i = 0
    while i < len(line):
        ch = line[i]
        if quote:
            if ch == "\\" and quote != "`":
                i += 2
                continue
            if ch == quote:
                quote = None
        elif ch in "'\"`":
            quote = ch
        i += 1
    return quote


def split_statements(text: str) -> list[str]:
    """Statements of a Cypher script, comments removed, in order."""
    return _strip_comments_and_split(text)


def validate_type_name(name: str) -> str:
    """Return ``name`` if it is a safe UPPER_SNAKE relationship type, else raise ValueError."""
    if not isinstance(name, str) or not _TYPE_NAME.match(name):
        raise ValueError(f"invalid relationship type {name!r}: expected UPPER_SNAKE "
                         f"(A-Z, 0-9, _; starting with a letter)")
    return name


def _templates(text: str, marker: str) -> list[str]:
    return [line[len(marker):].strip() for line in text.splitlines()
            if line.startswith(marker + " ")]


def _expand(templates: list[str], types: Iterable[str]) -> list[str]:
    return [
        statement
        for rel_type in sorted({validate_type_name(t) for t in types})
        for template in templates
        for statement in split_statements(
            template.replace("{TYPE}", rel_type).replace("{type}", rel_type.lower()))
    ]


def for_type(statement: str, rel_type: str) -> str:
    """``statement`` with its ``{TYPE}`` placeholder replaced by the relationship type.

    This is the only way a relationship type enters Cypher text: the type is validated first
    (UPPER_SNAKE, so it cannot close the pattern or start a comment), every value still travels
    as a parameter. Templates exist because Neo4j 5.26 plans a *static* type with the
    relationship uniqueness index (``DirectedRelationshipUniqueIndexSeek``), while a dynamic
    ``$(row.type)`` falls back to expanding every relationship between the two end nodes.
    """
    if "{TYPE}" not in statement:
        raise CypherFileError("statement has no {TYPE} placeholder")
    return statement.replace("{TYPE}", validate_type_name(rel_type))


def schema_statements(event_types: Iterable[str] = (),
                      structural_types: Iterable[str] = (), *,
                      include_static: bool = True) -> list[str]:
    """Statements of ``schema.cypher``: the static ones (unless ``include_static=False``), then
    the templates expanded per relationship type: ``//@each-type`` lines for every type,
    ``//@each-event-type`` lines for event types only. Types are validated (UPPER_SNAKE),
    deduplicated and sorted."""
    text = read("schema")
    events = set(event_types)
    every = events | set(structural_types)
    return ((split_statements(text) if include_static else [])
            + _expand(_templates(text, _EACH_TYPE), every)
            + _expand(_templates(text, _EACH_EVENT_TYPE), events))


# --------------------------------------------------------------------------------- queries

@dataclass(frozen=True)
class QueryParam:
    """One ``// @param`` declaration of a query file."""

    name: str
    type: str = "str"
    default: Any = None
    required: bool = True
    doc: str = ""

    def convert(self, value: Any) -> Any:
        """Convert a command-line string to the declared type; other values pass through."""
        if not isinstance(value, str) or self.type == "str":
            return value
        try:
            if self.type == "bool":
                lowered = value.strip().lower()
                if lowered not in ("true", "false", "1", "0", "yes", "no"):
                    raise ValueError(value)
                return lowered in ("true", "1", "yes")
            if self.type == "list":
                parsed = json.loads(value) if value.lstrip().startswith("[") else \
                    [v.strip() for v in value.split(",") if v.strip()]
                return list(parsed)
            return _CONVERTERS[self.type](value)
        except (ValueError, json.JSONDecodeError) as exc:
            raise ValueError(f"parameter ${self.name}: expected {self.type}, got {value!r}") \
                from exc


@dataclass(frozen=True)
class QueryFile:
    """An example query: its name, description, parameters and statement."""

    name: str
    path: Path
    description: str
    params: tuple[QueryParam, ...] = field(default_factory=tuple)
    statement: str = ""


def _parse_default(raw: str | None, type_: str) -> Any:
    if raw is None or raw == "":
        return None
    try:
        value = json.loads(raw)
    except json.JSONDecodeError:
        value = raw
    return QueryParam("default", type_).convert(value) if isinstance(value, str) else value


def _header_lines(text: str) -> list[str]:
    lines = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("//"):
            if stripped:
                break
            continue
        lines.append(stripped)
    return lines


def parse_params(text: str) -> tuple[QueryParam, ...]:
    """The ``// @param`` declarations in the header comment of a query."""
    params = []
    for line in _header_lines(text):
        match = _PARAM_LINE.match(line)
        if not match:
            continue
        type_ = match["type"] or "str"
        has_default = match["default"] is not None and match["default"] != ""
        params.append(QueryParam(name=match["name"], type=type_,
                                 default=_parse_default(match["default"], type_),
                                 required=not has_default, doc=(match["doc"] or "").strip()))
    return tuple(params)


def _description(text: str) -> str:
    lines = []
    for line in _header_lines(text):
        if _PARAM_LINE.match(line):
            continue
        body = line[2:].strip()
        if body.lower().rstrip(":") == "parameters":
            continue
        lines.append(body)
    return "\n".join(lines).strip()


def query_file(name: str) -> QueryFile:
    """Parse ``cypher/queries/NAME.cypher`` (or any .cypher path)."""
    path = _resolve(name, default_dir="queries")
    text = read(str(path))
    statements = split_statements(text)
    if len(statements) != 1:
        raise CypherFileError(f"{path} must hold exactly one statement, found {len(statements)}")
    return QueryFile(name=path.stem, path=path, description=_description(text),
                     params=parse_params(text), statement=statements[0])


def list_queries() -> list[QueryFile]:
    """Every example query in ``cypher/queries``, sorted by name."""
    return [query_file(str(p)) for p in sorted((cypher_dir() / "queries").glob("*.cypher"))]


def bind_params(text: str, params: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Parameters for running ``text``: given ``params`` converted to their declared types,
    declared defaults for the missing ones; raises ValueError naming missing required ones."""
    given = dict(params or {})
    declared = {p.name: p for p in parse_params(text)}
    bound: dict[str, Any] = {}
    for name, value in given.items():
        bound[name] = declared[name].convert(value) if name in declared else value
    missing = [p.name for p in declared.values() if p.name not in bound and p.required]
    if missing:
        raise ValueError("missing query parameter(s): " + ", ".join(f"${m}" for m in missing)
                         + " (pass --param NAME=VALUE)")
    for p in declared.values():
        bound.setdefault(p.name, p.default)
    return bound
