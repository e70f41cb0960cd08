"""The Python API for notebooks and scripts: ``graphbuilder.extract`` and ``graphbuilder.build``.

Both are re-exported lazily by :mod:`graphbuilder` (``import graphbuilder`` does not load spaCy;
the first call does, once per process).

>>> import graphbuilder
>>> print(graphbuilder.extract("The U.S. blacklisted 14 Chinese companies."))
United States -[SANCTIONS]-> Chinese companies (CAMEO 163 SANCTION, quad 4, Goldstein -8.0; text)
"""
from __future__ import annotations

import os
import warnings
from typing import Iterable, Iterator, Union

from graphbuilder.model import Document, Relations

TextOrDocument = str | Document
PathOrDocument = Union[str, "os.PathLike[str]", Document]


def _documents(items: TextOrDocument | Iterable[TextOrDocument],
               date: str | None) -> Iterator[Document]:
    from graphbuilder.documents import InputError, make_document
    single = isinstance(items, (str, Document))
    for n, item in enumerate([items] if single else items, start=1):
        if isinstance(item, Document):
            yield item
            continue
        if not isinstance(item, str):
            raise TypeError(f"extract() takes texts or Documents, not {type(item).__name__}")
        doc_id = "text" if single else f"text-{n}"
        doc = make_document(doc_id, item, f"<{doc_id}>", date)
        if isinstance(doc, InputError):
            raise ValueError(str(doc))
        yield doc


def extract(texts_or_documents: TextOrDocument | Iterable[TextOrDocument], *,
            date: str | None = None, min_confidence: float = 0.0,
            model: str | None = None, explain: bool = False) -> Relations:
    """Relations found in one text, a list of texts, or :class:`~graphbuilder.model.Document`\\ s.

    Args:
        texts_or_documents: an article's text (its document id is ``text``), a list of texts
            (ids ``text-1``, ``text-2``, ...) or Documents (their own ids). A first line
            ``date YYYY-MM-DD`` gives the date, as in files.
        date: publication date (YYYY-MM-DD) of texts without a date line.
        min_confidence: drop relations below this confidence.
        model: spaCy model name or path (default ``en_core_web_sm``).
        explain: also return the candidates the geopolitical filter dropped, in
            ``.filtered`` (:class:`~graphbuilder.model.FilteredRelation`: ``.relation``,
            ``.reason``); printing the result then lists them after the relations.

    Returns:
        :class:`~graphbuilder.model.Relations`, a list of :class:`~graphbuilder.model.Relation`
        (``.source.name``, ``.type``, ``.cameo``, ``.plover``, ``.quad_class``,
        ``.goldstein``, ``.sentence``, ...).

    Raises:
        ValueError: an empty text or a malformed date line (the message says what to fix).

    >>> rels = extract(["Russia attacked Ukraine.", "date 2022-03-01\\nChina criticized Japan."])
    >>> [(r.source.id, r.type, r.target.id, r.doc, r.date) for r in rels]
    [('RUS', 'FIGHTS', 'UKR', 'text-1', None), ('CHN', 'CRITICIZES', 'JPN', 'text-2', '2022-03-01')]
    >>> rels[0].cameo, rels[0].quad_class, rels[0].goldstein
    ('190', 4, -10.0)
    """
    from graphbuilder.pipeline import get_pipeline
    pipe = get_pipeline(model)
    out = Relations()
    for result in pipe.process_stream(_documents(texts_or_documents, date),
                                      min_confidence=min_confidence):
        out.extend(result.relations)
        if explain:
            out.filtered.extend(result.filtered)
    return out


def build(inputs: PathOrDocument | Iterable[PathOrDocument], store=None, *,
          min_confidence: float = 0.0, model: str | None = None, batch_size: int = 32):
    """Extract relations from files, directories or Documents and merge them into a store.

    Args:
        inputs: a path or a list of paths (``.txt``, ``.jsonl``, directories, as on the command
            line) and/or :class:`~graphbuilder.model.Document` objects.
        store: ``None`` for a graph kept in memory; a file path for the embedded store
            (read when it exists, written atomically at the end; as ``graphbuilder build
            --store``); ``"neo4j"`` for the server named by ``NEO4J_URI`` / ``NEO4J_PASSWORD``;
            or an open store object.
        min_confidence, model, batch_size: as for ``graphbuilder build``.

    Returns:
        The store: ``.graph`` is the :class:`networkx.MultiDiGraph` (actors keyed by id, one
        edge per relation), ``.to_dataframe()`` the events table (pandas, ``tables`` extra),
        ``.counts()`` (actors, relationships). Unreadable inputs are reported as warnings
        naming the file; the others are still loaded.

    >>> g = build("fixtures/articles/000_54bd720436a614dc.txt")
    >>> g.graph.nodes["USA"]["name"], g.counts()
    ('United States', (9, 24))
    >>> df = g.to_dataframe()
    >>> sanctions = df[df.type == "SANCTIONS"]
    >>> sorted(set(sanctions.target_name)), set(sanctions.goldstein)
    (['Chinese companies', 'North Korea'], {-8.0})
    """
    from graphbuilder.pipeline import get_pipeline
    from graphbuilder.store import skip_unchanged
    store_obj, opened_file = _open(store)
    pipe = get_pipeline(model)
    try:
        store_obj.load(pipe.process_stream(skip_unchanged(store_obj, _input_documents(inputs)),
                                           batch_size=batch_size, min_confidence=min_confidence))
    except BaseException:
        if opened_file:
            store_obj.release()  # the file keeps its previous content
        raise
    if opened_file:
        store_obj.close()  # saves atomically and releases the file's lock
    return store_obj


def _open(store):
    """(the store, whether it is a store file that :func:`build` opened and must close).

    A registered backend name other than the embedded one (``"neo4j"``) opens that backend
    from the environment; any other string or path is an embedded store file, opened under its
    lock like ``graphbuilder build --store``."""
    from graphbuilder.store import backend, backend_names, open_store
    from graphbuilder.store.networkx import NetworkXStore
    if store is None:
        return NetworkXStore(None), False
    if isinstance(store, str) and store in backend_names() and store != "networkx":
        return open_store(store), False
    if isinstance(store, (str, os.PathLike)):
        return backend("networkx").open(os.fspath(store)), True
    return store, False


def _input_documents(inputs: PathOrDocument | Iterable[PathOrDocument]) -> Iterator[Document]:
    from graphbuilder.documents import InputError, read_inputs
    items = [inputs] if isinstance(inputs, (str, os.PathLike, Document)) else list(inputs)
    for item in items:
        if isinstance(item, Document):
            yield item
            continue
        for doc in read_inputs([os.fspath(item)]):
            if isinstance(doc, InputError):
                warnings.warn(str(doc), stacklevel=3)
            else:
                yield doc
