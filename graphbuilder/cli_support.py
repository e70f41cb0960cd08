"""What the ``graphbuilder`` commands share: one-line errors and opening, closing and reading
the registered stores (see :mod:`graphbuilder.cli` and :mod:`graphbuilder.cli_output`)."""
from __future__ import annotations

import sys

import click

from graphbuilder.store import backend, backend_names, open_store

DEFAULT_STORE = "graphbuilder-store.json"
BACKENDS = click.Choice(backend_names())


def _err(message: str) -> None:
    click.echo(f"error: {message}", err=True)


def _open_store(name: str, store_path: str | None, read_only: bool = False,
                wait: float | None = None, create: bool = True):
    """The registered backend ``name``, opened (the embedded store under its lock: exclusive
    to write, shared to read); one line on stderr and exit 2 if it cannot be. ``create=False``:
    a missing store is an error naming it, not an empty graph."""
    try:
        return open_store(name, store_path, read_only=read_only, wait=wait, create=create,
                          on_wait=lambda msg: click.echo(msg, err=True))
    except backend(name).open_errors as exc:
        _err(str(exc))
        sys.exit(2)


def _close_store(store) -> Exception | None:
    """Close (save) the store; a save that fails is returned, to be reported in one line."""
    try:
        store.close()
    except type(store).open_errors + type(store).lost_errors as exc:
        return exc
    return None


def _store_lost(exc: Exception) -> None:
    """One line on stderr and exit 2: the server went away in the middle of a run."""
    _err(f"{exc}; documents loaded so far are saved: run the same command again to resume")
    sys.exit(2)


def _read_graph(backend: str, store_path: str | None):
    store = _open_store(backend, store_path, read_only=True, create=False)
    try:
        return store.read_graph()
    finally:
        store.close()


def _need_actor(q, graph, text: str, then):
    node = q.find_actor(graph, text)
    if node is None:
        # names the graph has not seen yet but the gazetteer knows ("Washington" -> USA)
        from graphbuilder.gazetteer import Gazetteer
        actor = Gazetteer.load().lookup(text)
        if actor is not None and actor.id in graph:
            node = actor.id
    if node is None:
        _err(f"no actor matches {text!r}: try an id (USA), a name or an alias")
        sys.exit(1)
    return then(node)
