"""Neo4j 5 store: the shared data model (see :mod:`graphbuilder.store`) in a Neo4j server.

Connection (:meth:`Neo4jStore.from_env`): ``NEO4J_URI`` (default ``bolt://127.0.0.1:7687``;
``neo4j://`` routing URIs work too), ``NEO4J_USER`` (``neo4j``), ``NEO4J_PASSWORD`` (required;
read from the environment only, never printed or logged) and ``NEO4J_DATABASE`` (``neo4j``).
Every connection problem becomes a :class:`Neo4jUnavailable` with a one-line message.

Loading (:meth:`Neo4jStore.load`):

* documents are grouped into transactions of about ``batch_size`` relationship rows (a document
  is never split); each transaction is a managed write transaction (``session.execute_write``),
  so the driver retries it on transient errors and leader switches;
* batches and the transaction function live in :mod:`graphbuilder.store.neo4j_batches`
  (with the lock order that keeps concurrent loads free of deadlocks);
* inside one transaction: lock the documents' markers and read their recorded hashes, skip
  unchanged documents, delete the event relationships of changed ones, merge actors and links
  with batched ``UNWIND $rows ... MERGE`` statements keyed by id, create the relationships of
  new documents (none can exist: they commit with the marker, whose lock is held) and merge
  those of changed ones, prune actors a replacement left orphaned, and finally write the hash
  into the ``(:Document {id, hash, ...})`` marker. A crash mid-load therefore never leaves a
  document marked loaded without its relationships; a rerun completes the load and creates no
  duplicates (a relationship that exists without its marker, e.g. markers deleted by hand,
  fails the batch's CREATE on the id's uniqueness constraint; the batch is then merged);
* relationship types come from a closed vocabulary (the ontology's UPPER_SNAKE event types and
  :data:`graphbuilder.model.STRUCTURAL_TYPES`); rows are grouped by type and each group runs
  ``cypher/load/merge_relations.cypher`` with its ``{TYPE}`` placeholder replaced by the
  validated type (:func:`graphbuilder.cypher.for_type`); every value stays a parameter.
  Why not Neo4j 5.26's dynamic ``MERGE (s)-[r:$(row.type) {id: row.id}]->(t)``: the planner
  cannot use the ``rel_<type>_id`` uniqueness index for a dynamic type and expands every
  relationship between the two actors instead (PROFILE on a 20k/100k-relationship graph:
  31-69 db hits per row against 4-8 with a static type; wall clock 2.4x slower at 20k
  relationships), and the gap grows with hub degree. APOC's ``apoc.merge.relationship`` was
  no faster than the dynamic MERGE and is not part of a stock Community server.
* ``batch_size`` (default 5000 relationship rows per transaction) is the measured knee of
  ``bench/load.py --sweep``: 500: 2.4k, 1000: 2.7k, 2000: 3.1k, 5000: 3.9k, 10000: 3.2k,
  20000: 3.8k relationships/s on a 2-CPU shared machine (transaction memory stays small).

All Cypher lives in ``cypher/`` (loaded through :mod:`graphbuilder.cypher`).
"""
from __future__ import annotations

import base64
import logging
import os
import re
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, ClassVar, Iterable, Iterator, Mapping, TypeVar
from urllib.parse import urlsplit, urlunsplit

import networkx as nx
import neo4j
from neo4j import exceptions as neo4j_errors
from neo4j import graph as neo4j_graph
from neo4j import spatial as neo4j_spatial
from neo4j import time as neo4j_time

from graphbuilder import __version__, cypher
from graphbuilder.export import LABELS_ATTR
from graphbuilder.model import STRUCTURAL_TYPES, DocumentResult
from graphbuilder.store import LoadStats
from graphbuilder.store.neo4j_batches import (  # noqa: F401 - re-exported
    TYPE_NAME as _TYPE_NAME, actor_row, batches, document_rows, prefetched)
from graphbuilder.store.neo4j_batches import write_batch as _write_batch

__all__ = [
    "DEFAULT_BATCH_SIZE", "DEFAULT_DATABASE", "DEFAULT_URI", "DEFAULT_USER", "Neo4jQueryError",
    "Neo4jStore", "Neo4jUnavailable", "to_jsonable",
]

log = logging.getLogger(__name__)
# The driver logs each transaction retry and dropped connection (WARNING/ERROR). Without any
# logging configuration Python's last-resort handler would print those lines on stderr around
# the CLI's one-line errors; a NullHandler keeps them off stderr unless an application
# configures logging (records still propagate to its handlers).
logging.getLogger("neo4j").addHandler(logging.NullHandler())

DEFAULT_URI = "bolt://127.0.0.1:7687"
DEFAULT_USER = "neo4j"
DEFAULT_DATABASE = "neo4j"
#: Relationship rows per write transaction, measured with ``bench/load.py --sweep``.
DEFAULT_BATCH_SIZE = 5000

#: Relationship properties of an event relationship, in ``Relation.to_dict()`` order.
RELATION_PROPERTIES = ("id", "doc", "date", "sentence", "start", "end", "type", "cameo",
                       "plover", "quad_class", "goldstein", "negated", "modality", "predicate",
                       "rule", "confidence", "attribution")
ACTOR_PROPERTIES = ("id", "name", "label", "country", "aliases", "role")

_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
_SCHEMA_NAME = re.compile(r"^\s*CREATE\s+(?:CONSTRAINT|(?:RANGE\s+|TEXT\s+|POINT\s+)?INDEX)"
                          r"\s+(\w+)\s+IF\s+NOT\s+EXISTS\b", re.I)
_IN_TRANSACTIONS = re.compile(r"\bIN\s+(?:\d+\s+)?(?:CONCURRENT\s+)?TRANSACTIONS\b", re.I)
_T = TypeVar("_T")
#: A schema command lost a race with the same command of a concurrent load.
_ALREADY_EXISTS = frozenset({"Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists",
                             "Neo.ClientError.Schema.IndexAlreadyExists",
                             "Neo.ClientError.Schema.ConstraintAlreadyExists"})


# ----------------------------------------------------------------------------------- errors

class Neo4jUnavailable(RuntimeError):
    """The server cannot be used: down, wrong credentials, unknown database, bad URI.

    The message is one line that says what to do; it never contains the password."""


class Neo4jQueryError(RuntimeError):
    """The server rejected a query (syntax, unknown function, constraint, read-only...)."""

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.code = code


# ----------------------------------------------------------------------------------- settings

@dataclass(frozen=True)
class Neo4jSettings:
    """Where to connect (the password is deliberately not part of it)."""

    uri: str = DEFAULT_URI
    user: str = DEFAULT_USER
    database: str = DEFAULT_DATABASE

    @property
    def display_uri(self) -> str:
        """The URI without any user-info part, safe to print."""
        return _redact_uri(self.uri)


def _redact_uri(uri: str) -> str:
    try:
        parts = urlsplit(uri)
    except ValueError:
        return "<invalid URI>"
    if "@" not in parts.netloc:
        return uri
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


def _env(name: str, explicit: str | None, default: str | None) -> str | None:
    if explicit:
        return explicit
    value = os.environ.get(name, "").strip()
    return value or default


# ----------------------------------------------------------------------------------- values

def to_jsonable(value: Any) -> Any:
    """Convert a value returned by the driver to JSON-friendly Python data.

    Nodes become ``{"_labels": [...], **properties}``, relationships
    ``{"_type", "_start", "_end", **properties}`` (ends are actor ids when known), paths
    ``{"nodes": [...], "relationships": [...]}``, temporal values ISO strings, points
    ``{"srid", "coordinates"}`` and bytes base64 text.
    """
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, neo4j_graph.Node):
        return {"_labels": sorted(value.labels), **_props(value)}
    if isinstance(value, neo4j_graph.Relationship):
        return {"_type": value.type, "_start": _end_id(value.start_node),
                "_end": _end_id(value.end_node), **_props(value)}
    if isinstance(value, neo4j_graph.Path):
        return {"nodes": [to_jsonable(n) for n in value.nodes],
                "relationships": [to_jsonable(r) for r in value.relationships]}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (neo4j_time.Date, neo4j_time.DateTime, neo4j_time.Time)):
        return value.iso_format()
    if isinstance(value, neo4j_time.Duration):
        return value.iso_format()
    if isinstance(value, neo4j_spatial.Point):
        return {"srid": value.srid, "coordinates": list(value)}
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(bytes(value)).decode("ascii")
    return str(value)


def _props(entity: neo4j_graph.Entity) -> dict[str, Any]:
    return {k: to_jsonable(v) for k, v in sorted(entity.items())}


def _end_id(node: neo4j_graph.Node | None) -> Any:
    if node is None:
        return None
    return node.get("id", node.element_id)


# ----------------------------------------------------------------------------------- store

class Neo4jStore:
    """The :class:`graphbuilder.store.Store` protocol on a Neo4j 5.26+ server.

    Prefer :meth:`from_env`; the constructor takes an open driver (tests, custom auth).

    Args:
        driver: a :class:`neo4j.Driver`; the store closes it in :meth:`close`.
        settings: where the driver points (used in messages and to pick the database).
        batch_size: target relationship rows per write transaction.
    """

    open_errors: ClassVar[tuple[type[Exception], ...]] = (Neo4jUnavailable,)
    lost_errors: ClassVar[tuple[type[Exception], ...]] = (Neo4jUnavailable,)
    write_batch: ClassVar[int] = 500

    def __init__(self, driver: neo4j.Driver, settings: Neo4jSettings | None = None, *,
                 batch_size: int = DEFAULT_BATCH_SIZE) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self._driver = driver
        self.settings = settings or Neo4jSettings()
        self.batch_size = batch_size
        self._schema_types: set[str] | None = None   # relationship types with schema in place
        self._closed = False

    # -- construction -------------------------------------------------------------------------

    @classmethod
    def from_env(cls, uri: str | None = None, user: str | None = None,
                 password: str | None = None, database: str | None = None, *,
                 batch_size: int = DEFAULT_BATCH_SIZE, verify: bool = True) -> "Neo4jStore":
        """Connect using explicit arguments, else ``NEO4J_URI``, ``NEO4J_USER``,
        ``NEO4J_PASSWORD``, ``NEO4J_DATABASE`` (see module docstring).

        Raises:
            Neo4jUnavailable: no password, bad URI, server down, credentials rejected, or
                unknown database (checked now unless ``verify=False``).
        """
        settings = Neo4jSettings(uri=_env("NEO4J_URI", uri, DEFAULT_URI) or DEFAULT_URI,
                                 user=_env("NEO4J_USER", user, DEFAULT_USER) or DEFAULT_USER,
                                 database=_env("NEO4J_DATABASE", database, DEFAULT_DATABASE)
                                 or DEFAULT_DATABASE)
        secret = password if password is not None else os.environ.get("NEO4J_PASSWORD")
        if not secret:
            raise Neo4jUnavailable(
                f"NEO4J_PASSWORD is not set: export the password of user {settings.user} for "
                f"Neo4j at {settings.display_uri} (it is never read from the command line)")
        store = cls(_open_driver(settings, secret), settings, batch_size=batch_size)
        if verify:
            try:
                store.ping()
            except Neo4jUnavailable:
                store.close()
                raise
        return store

    @classmethod
    def open(cls, path: str | None = None, *, read_only: bool = False,
             **_options: Any) -> "Neo4jStore":
        """The server the environment names (:meth:`from_env`), its schema ensured; ``path``,
        ``read_only`` and the embedded store's lock options (``wait``, ``on_wait``, ``create``)
        do not apply (nothing is buffered until :meth:`close`; transactions isolate writers)."""
        store = cls.from_env()
        try:
            store.ensure_schema()
        except Neo4jUnavailable:
            store.close()
            raise
        return store

    def ping(self) -> None:
        """Check the server answers, accepts the credentials and has the database."""
        with self._translated():
            self._driver.verify_connectivity()
            self._read(lambda tx: tx.run(cypher.load_statement("ping")).consume())

    # -- schema -------------------------------------------------------------------------------

    def ensure_schema(self, types: Iterable[str] = ()) -> None:
        """Create the constraints and indexes of ``cypher/schema.cypher`` if missing.

        Relationship schema is per type: it is created for the structural types, the ontology's
        event types (when :mod:`graphbuilder.ontology` declares them), the types already in the
        database and ``types``; :meth:`load` adds it for any new type it meets. Idempotent.
        """
        with self._translated():
            existing = self._existing_types()
            wanted = set(types) | existing | _ontology_event_types()
            self._create_schema(wanted - set(STRUCTURAL_TYPES), set(STRUCTURAL_TYPES),
                                include_static=True)
            self._schema_types = wanted | set(STRUCTURAL_TYPES)

    def _ensure_type_schema(self, types: set[str]) -> None:
        if self._schema_types is None:
            self.ensure_schema(types)
            return
        missing = types - self._schema_types
        if missing:
            with self._translated():
                self._create_schema(missing - set(STRUCTURAL_TYPES), set(), include_static=False)
            self._schema_types |= missing

    def _existing_types(self) -> set[str]:
        types = self._read(lambda tx: [rec["relationshipType"] for rec in
                                       tx.run(cypher.load_statement("relationship_types"))])
        return {t for t in types if _TYPE_NAME.match(t)}

    def _create_schema(self, event_types: set[str], structural_types: set[str], *,
                       include_static: bool) -> None:
        statements = cypher.schema_statements(event_types, structural_types,
                                              include_static=include_static)
        existing = set(self._read(lambda tx: [rec["name"] for rec in
                                              tx.run(cypher.load_statement("schema_names"))]))
        todo = [s for s in statements if _schema_name(s) not in existing]
        with self._session() as session:
            for statement in todo:
                _run_schema_command(session, statement)
            # also when nothing was created: after a crash the server repopulates indexes, and
            # queries planned meanwhile fail ("insanely frequent schema changes")
            session.run(cypher.load_statement("await_indexes")).consume()

    # -- Store protocol -----------------------------------------------------------------------

    def document_hash(self, doc_id: str) -> str | None:
        """Hash recorded for a fully loaded document, or None."""
        return self.document_hashes([doc_id]).get(doc_id)

    def document_hashes(self, doc_ids: list[str]) -> dict[str, str]:
        """Hashes of the fully loaded documents among ``doc_ids`` (one round trip)."""
        with self._translated():
            rows = self._read(lambda tx: tx.run(cypher.load_statement("document_hashes"),
                                                 ids=list(doc_ids)).data())
        return {row["id"]: row["hash"] for row in rows}

    def load(self, results: Iterable[DocumentResult], *,
             batch_size: int | None = None) -> LoadStats:
        """Merge results idempotently, one write transaction per batch of documents.

        Unchanged documents (same hash) are skipped, changed ones replace their old event
        relationships. Raises ValueError for an invalid label or relationship type (before
        anything of that batch is written), :class:`Neo4jUnavailable` when the server goes away.
        """
        size = batch_size or self.batch_size
        total = LoadStats()
        with self._translated(), self._session() as session:
            for batch in prefetched(batches(results, size)):
                self._ensure_type_schema(batch.types)
                try:
                    part = session.execute_write(_write_batch, batch)
                except neo4j_errors.ConstraintError:
                    # a new document's relationship existed after all (markers deleted by
                    # hand?): the batch was rolled back; merge all its relationships instead
                    part = session.execute_write(_write_batch, batch, False)
                log.debug("batch of %d documents (%d rows): %d loaded, %d unchanged",
                          len(batch.documents), batch.weight, part.documents, part.skipped)
                total.add(part)
        return total

    def counts(self) -> tuple[int, int]:
        """(actor nodes, relationships) -- relationships include structural links."""
        with self._translated():
            record = self._read(lambda tx: tx.run(cypher.load_statement("counts")).single())
        return (record["actors"], record["relationships"]) if record else (0, 0)

    def close(self) -> None:
        """Close the driver (idempotent); the store cannot be used afterwards."""
        self._closed = True
        self._driver.close()

    def __enter__(self) -> "Neo4jStore":
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self.close()

    def __repr__(self) -> str:
        s = self.settings
        return f"Neo4jStore(uri={s.display_uri!r}, user={s.user!r}, database={s.database!r})"

    # -- reading ------------------------------------------------------------------------------

    def read_graph(self) -> nx.MultiDiGraph:
        """The whole graph as a :class:`networkx.MultiDiGraph` shaped like the embedded
        store's (same node/edge attributes, ``__labels__``, ``graph["documents"]``)."""
        with self._translated():
            actors, relationships, documents = self._read(_read_everything)
        G = nx.MultiDiGraph()
        G.graph["documents"] = {row["id"]: _document_entry(row) for row in documents}
        for row in actors:
            G.add_node(row["id"], **_node_attrs(row))
        for row in relationships:
            attrs = _edge_attrs(row["type"], row["props"])
            G.add_edge(row["source"], row["target"], key=attrs["id"], **attrs)
        return G

    @property
    def graph(self) -> nx.MultiDiGraph:
        """A NetworkX copy of the server's graph, read now (:meth:`read_graph`)."""
        return self.read_graph()

    def to_dataframe(self):
        """The events as a pandas DataFrame, one row per event (needs the ``tables`` extra)."""
        from graphbuilder.events import events_dataframe
        return events_dataframe(self.read_graph())

    def run_query(self, query: str, params: Mapping[str, Any] | None = None,
                  write: bool = False) -> list[dict[str, Any]]:
        """Run one Cypher statement and return its rows as JSON-friendly dicts.

        ``params`` are completed with the defaults declared in a ``// @param`` header (see
        :mod:`graphbuilder.cypher`). Reads run in a read transaction (the server refuses
        writes there); ``write=True`` uses a write transaction, or an auto-commit one for
        ``CALL { ... } IN TRANSACTIONS``.

        Raises:
            ValueError: missing parameter, or more than one statement.
            Neo4jQueryError: the server rejected the query.
            Neo4jUnavailable: connection problems.
        """
        statements = cypher.split_statements(query)
        if len(statements) != 1:
            raise ValueError(f"expected one Cypher statement, got {len(statements)}")
        statement, bound = statements[0], cypher.bind_params(query, params)

        def work(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
            return [{k: to_jsonable(v) for k, v in rec.items()} for rec in tx.run(statement, bound)]

        with self._translated(queries=True), self._session(notifications=True) as session:
            if not write:
                return session.execute_read(work)
            if _IN_TRANSACTIONS.search(statement):
                result = session.run(statement, bound)
                return [{k: to_jsonable(v) for k, v in rec.items()} for rec in result]
            return session.execute_write(work)

    def session(self) -> neo4j.Session:
        """A driver session on the store's database (for tools such as ``bench/load.py``);
        use it as a context manager. Connection errors are not translated here."""
        return self._session()

    # -- plumbing -----------------------------------------------------------------------------

    def _session(self, *, notifications: bool = False) -> neo4j.Session:
        """A session on our database, causally chained to every other one of this store.

        Server notifications (performance hints, unknown property keys...) are switched off for
        the store's own statements; user queries (:meth:`run_query`) keep warnings."""
        return self._driver.session(
            database=self.settings.database,
            bookmark_manager=self._driver.execute_query_bookmark_manager,
            notifications_min_severity="WARNING" if notifications else "OFF")

    def _read(self, work: Callable[[neo4j.ManagedTransaction], _T]) -> _T:
        with self._session() as session:
            return session.execute_read(work)

    @contextmanager
    def _translated(self, queries: bool = False) -> Iterator[None]:
        """Turn driver exceptions into :class:`Neo4jUnavailable` / :class:`Neo4jQueryError`."""
        try:
            yield
        except Neo4jUnavailable:
            raise
        except neo4j_errors.AuthError as exc:
            raise Neo4jUnavailable(self._credentials_message()) from exc
        except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired) as exc:
            raise Neo4jUnavailable(self._down_message()) from exc
        except neo4j_errors.DriverError as exc:
            if self._closed:
                raise RuntimeError(f"{self!r} was used after close()") from exc
            raise
        except neo4j_errors.Neo4jError as exc:
            translated = self._classify(exc, queries)
            if translated is None:
                raise
            raise translated from exc

    def _classify(self, exc: neo4j_errors.Neo4jError, queries: bool) -> Exception | None:
        """The exception to raise instead of ``exc`` (None: let it through)."""
        code = exc.code or ""
        where = f"Neo4j at {self.settings.display_uri}"
        if code == "Neo.ClientError.Database.DatabaseNotFound":
            return Neo4jUnavailable(
                f"{where} has no database {self.settings.database!r}: set NEO4J_DATABASE "
                f"(Community Edition has one user database, 'neo4j')")
        if code == "Neo.ClientError.Security.AuthenticationRateLimit":
            return Neo4jUnavailable(f"{where} is refusing logins for a while after failed "
                                    f"attempts: check NEO4J_PASSWORD, then retry")
        if code == "Neo.ClientError.Security.CredentialsExpired":
            return Neo4jUnavailable(f"{where} requires a new password for user "
                                    f"{self.settings.user}: change it (ALTER CURRENT USER SET "
                                    f"PASSWORD ...) and update NEO4J_PASSWORD")
        if code == "Neo.ClientError.Security.Unauthorized":
            return Neo4jUnavailable(self._credentials_message())
        if queries or code.startswith("Neo.ClientError."):
            return Neo4jQueryError(_first_line(exc.message or str(exc)) or code, code)
        return None

    def _down_message(self) -> str:
        return (f"cannot reach Neo4j at {self.settings.display_uri}: start one with "
                f"`graphbuilder neo4j start` or set NEO4J_URI")

    def _credentials_message(self) -> str:
        return (f"Neo4j at {self.settings.display_uri} rejected the credentials for user "
                f"{self.settings.user}: check NEO4J_PASSWORD")


# ----------------------------------------------------------------------------------- helpers

def _open_driver(settings: Neo4jSettings, password: str) -> neo4j.Driver:
    scheme = settings.uri.split("://", 1)[0].lower() if "://" in settings.uri else ""
    if scheme not in _SCHEMES:
        raise Neo4jUnavailable(
            f"invalid NEO4J_URI {settings.display_uri!r}: use bolt://HOST:7687 or "
            f"neo4j://HOST:7687 (also bolt+s, bolt+ssc, neo4j+s, neo4j+ssc)")
    try:
        return neo4j.GraphDatabase.driver(
            settings.uri, auth=neo4j.basic_auth(settings.user, password),
            user_agent=f"graphbuilder/{__version__}", connection_timeout=10.0,
            # a server that died mid-load is reported after ~15 s, not the driver's 30-100 s
            max_transaction_retry_time=float(os.environ.get("NEO4J_MAX_RETRY_SECONDS", "15")))
    except (ValueError, neo4j_errors.ConfigurationError) as exc:
        raise Neo4jUnavailable(
            f"invalid NEO4J_URI {settings.display_uri!r} "
            f"({str(exc).replace(settings.uri, settings.display_uri)}): use "
            f"bolt://HOST:7687 or neo4j://HOST:7687") from exc


def _run_schema_command(session: neo4j.Session, statement: str, attempts: int = 5) -> None:
    """Run one ``CREATE ... IF NOT EXISTS`` (auto-commit only, so the driver does not retry
    it). Two loads starting at once on an empty database create the same schema concurrently
    and the server may report a deadlock on the label lock (the command is idempotent, so it
    is run again, a bounded number of times) or, despite IF NOT EXISTS, that the other load
    created the same rule a moment earlier (which is what was wanted)."""
    for attempt in range(attempts):
        try:
            session.run(statement).consume()
            return
        except neo4j_errors.ClientError as exc:
            if exc.code not in _ALREADY_EXISTS:
                raise
            return
        except neo4j_errors.TransientError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.2 * (attempt + 1))


def _first_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[0] if lines else ""


def _schema_name(statement: str) -> str | None:
    """Name of the index / constraint a schema command creates (None when unnamed)."""
    match = _SCHEMA_NAME.match(statement)
    return match.group(1) if match else None


def _ontology_event_types() -> set[str]:
    """Event relationship types declared by the ontology module, when there is one."""
    try:
        from graphbuilder import ontology  # type: ignore[attr-defined]
    except ImportError:
        return set()
    for name in ("GRAPH_TYPES", "EVENT_TYPES", "RELATION_TYPES"):
        declared = getattr(ontology, name, None)
        if declared:
            return {t for t in declared if isinstance(t, str) and _TYPE_NAME.match(t)}
    return set()


def _read_everything(tx: neo4j.ManagedTransaction) -> tuple[list[dict], list[dict], list[dict]]:
    return (tx.run(cypher.load_statement("read_actors")).data(),
            tx.run(cypher.load_statement("read_relationships")).data(),
            tx.run(cypher.load_statement("read_documents")).data())


def _node_attrs(row: Mapping[str, Any]) -> dict[str, Any]:
    attrs = {key: row.get(key) for key in ACTOR_PROPERTIES}
    attrs["aliases"] = list(attrs["aliases"] or [])
    attrs[LABELS_ATTR] = {attrs["label"]} if attrs["label"] else set()
    return attrs


def _edge_attrs(rel_type: str, props: Mapping[str, Any]) -> dict[str, Any]:
    if rel_type in STRUCTURAL_TYPES:
        return {"id": props.get("id"), "type": rel_type, LABELS_ATTR: {rel_type}}
    attrs = {key: props.get(key) for key in RELATION_PROPERTIES}
    attrs["type"] = rel_type
    attrs.update({k: v for k, v in props.items() if k not in attrs})
    attrs[LABELS_ATTR] = {rel_type}
    return attrs


def _document_entry(row: Mapping[str, Any]) -> dict[str, Any]:
    return {"hash": row.get("hash"), "date": row.get("date"), "source": row.get("source"),
            "entities": list(row.get("entities") or [])}
