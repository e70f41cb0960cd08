"""One row per event: the graph's event relationships as a GDELT/POLECAT-style table.

Used by ``graphbuilder export --format csv|parquet``, by the stores' ``to_dataframe()``
and by the dyad timeline of ``graphbuilder plot``. Structural links (LEADER_OF, ...) are not
events and are left out. Rows come in a deterministic order (date, document, span, id); events
without a date sort last.
"""
from __future__ import annotations

from typing import Any, Iterator

import networkx as nx

from graphbuilder.goldstein import goldstein

#: Column names, in order (the CSV header and the Parquet schema).
EVENT_COLUMNS = (
    "id", "date", "source_id", "source_name", "source_country", "source_kind",
    "target_id", "target_name", "target_country", "target_kind", "type", "cameo", "cameo_root",
    "plover", "quad_class", "goldstein", "negated", "modality", "confidence", "attribution",
    "doc", "sentence",
)


def is_event(attrs: dict[str, Any]) -> bool:
    """True for an event relationship (it has a CAMEO code), False for a structural link."""
    return bool(attrs.get("cameo"))


def event_rows(G: nx.MultiDiGraph) -> Iterator[dict[str, Any]]:
    """Yield one dict per event relationship of ``G`` with the keys of :data:`EVENT_COLUMNS`.

    ``goldstein`` is the stored score, or computed from the CAMEO code for stores written before
    the score was stored.
    """
    edges = [(u, v, a) for u, v, a in G.edges(data=True) if is_event(a)]
    edges.sort(key=lambda e: (e[2].get("date") or "9999", str(e[2].get("doc")),
                              int(e[2].get("start") or 0), str(e[2].get("id"))))
    for u, v, a in edges:
        src, dst = G.nodes[u], G.nodes[v]
        cameo = str(a.get("cameo"))
        score = a.get("goldstein")
        yield {
            "id": a.get("id"), "date": a.get("date"),
            "source_id": u, "source_name": src.get("name"), "source_country": src.get("country"),
            "source_kind": src.get("label"),
            "target_id": v, "target_name": dst.get("name"), "target_country": dst.get("country"),
            "target_kind": dst.get("label"),
            "type": a.get("type"), "cameo": cameo, "cameo_root": cameo[:2],
            "plover": a.get("plover"), "quad_class": a.get("quad_class"),
            "goldstein": goldstein(cameo) if score is None else score,
            "negated": bool(a.get("negated")), "modality": a.get("modality"),
            "confidence": a.get("confidence"), "attribution": a.get("attribution"),
            "doc": a.get("doc"), "sentence": a.get("sentence"),
        }


def events_dataframe(G: nx.MultiDiGraph):
    """The rows of :func:`event_rows` as a pandas DataFrame (``pip install 'graphbuilder[tables]'``)."""
    try:
        import pandas as pd
    except ImportError as exc:
        raise ImportError("to_dataframe() needs pandas: pip install 'graphbuilder[tables]'") from exc
    return pd.DataFrame.from_records(list(event_rows(G)), columns=list(EVENT_COLUMNS))
