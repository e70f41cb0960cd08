"""``graphbuilder view``: the graph (or an actor's ego network) as one self-contained HTML file.

The page embeds cytoscape.js (``graphbuilder/data/vendor/cytoscape.min.js``, MIT, see
``graphbuilder/data/NOTICE``) and the graph's elements inline, so it opens offline from a file
with no server and no network. Nodes are coloured by kind (the Okabe-Ito colours of
``cypher/style.grass``), event edges by quad class, structural links grey and dashed; hovering or
clicking a relation shows its type, CAMEO/PLOVER code, Goldstein score, date, document and
sentence. The layout (cytoscape's force-directed ``cose``) runs in the page with a fixed random
seed, so the same graph gives the same picture.
"""
from __future__ import annotations

import html
import json
import re
from collections import Counter
from importlib import resources
from typing import Any

import networkx as nx

from graphbuilder.events import is_event

#: Node colour per actor kind (as in cypher/style.grass).
KIND_COLOURS = {"Country": "#0072B2", "Person": "#E69F00", "Organization": "#009E73",
                "Group": "#CC79A7", "Location": "#56B4E9"}
#: Edge / bar colour per quad class.
QUAD_COLOURS = {1: "#66BD63", 2: "#006837", 3: "#F46D43", 4: "#A50026"}
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
              4: "material conflict"}
LINK_COLOUR = "#9A9A9A"
OTHER_COLOUR = "#A5ABB6"


def select(G: nx.MultiDiGraph, *, actor: str | None = None, hops: int = 1,
           since: str | None = None, until: str | None = None, plover: str | None = None,
           quad_class: int | None = None, rel_type: str | None = None) -> nx.MultiDiGraph:
    """The part of ``G`` to draw: events matching the filters, the actors they join and the
    structural links between those actors; with ``actor``, only what lies within ``hops``
    steps of it (either direction). Without any filter every actor is kept.

    Filters are those of :func:`graphbuilder.query.relations`.
    """
    from graphbuilder import query
    filtered = any(v is not None for v in (since, until, plover, quad_class, rel_type))
    kept = {row["id"] for row in query.relations(G, plover=plover, quad_class=quad_class,
                                                 since=since, until=until, type=rel_type)}
    H = nx.MultiDiGraph()
    if not filtered:
        H.add_nodes_from(G.nodes(data=True))
    for u, v, key, attrs in G.edges(keys=True, data=True):
        if is_event(attrs) and str(key) in kept:
            H.add_node(u, **G.nodes[u])
            H.add_node(v, **G.nodes[v])
            H.add_edge(u, v, key=key, **attrs)
    for u, v, key, attrs in G.edges(keys=True, data=True):
        if not is_event(attrs) and u in H and v in H:
            H.add_edge(u, v, key=key, **attrs)
    if actor is not None:
        near = nx.ego_graph(H.to_undirected(as_view=True), actor, radius=hops) \
            if actor in H else nx.Graph()
        H = H.subgraph(near.nodes).copy()
    return H


def elements(G: nx.MultiDiGraph, focus: str | None = None) -> list[dict[str, Any]]:
    """cytoscape.js elements of ``G`` in a deterministic order (nodes by id, edges by id)."""
    out: list[dict[str, Any]] = []
    degree = dict(G.degree())
    for node, attrs in sorted(G.nodes(data=True), key=lambda n: str(n[0])):
        aliases = [a for a in attrs.get("aliases") or [] if a != attrs.get("name")]
        out.append({"group": "nodes", "data": {
            "id": str(node), "name": str(attrs.get("name") or node),
            "kind": attrs.get("label") or "", "country": attrs.get("country") or "",
            "role": attrs.get("role") or "", "aliases": "; ".join(aliases[:12]),
            "degree": degree.get(node, 0), "focus": node == focus,
            "colour": KIND_COLOURS.get(attrs.get("label") or "", OTHER_COLOUR)}})
    edges = sorted(G.edges(keys=True, data=True), key=lambda e: str(e[2]))
    for u, v, key, attrs in edges:
        event = is_event(attrs)
        quad = attrs.get("quad_class") if event else None
        out.append({"group": "edges", "data": {
            "id": str(key), "source": str(u), "target": str(v),
            "type": attrs.get("type") or "", "event": event, "quad": quad or 0,
            "cameo": attrs.get("cameo") or "", "plover": attrs.get("plover") or "",
            "goldstein": attrs.get("goldstein"), "date": attrs.get("date") or "",
            "doc": attrs.get("doc") or "", "sentence": attrs.get("sentence") or "",
            "negated": bool(attrs.get("negated")), "modality": attrs.get("modality") or "",
            "colour": QUAD_COLOURS.get(quad, LINK_COLOUR) if event else LINK_COLOUR}})
    return out


def _script_json(value: Any) -> str:
    """JSON safe inside a <script> element (no "</script>" or "<!--" can close it)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _legend(G: nx.MultiDiGraph) -> str:
    kinds = Counter(attrs.get("label") for _, attrs in G.nodes(data=True))
    quads = Counter(a.get("quad_class") for *_, a in G.edges(data=True) if is_event(a))
    links = sum(1 for *_, a in G.edges(data=True) if not is_event(a))
    rows = [f'<li><span class="dot" style="background:{colour}"></span>{kind} '
            f'<span class="n">{kinds.get(kind, 0)}</span></li>'
            for kind, colour in KIND_COLOURS.items()]
    rows += [f'<li><span class="line" style="background:{QUAD_COLOURS[q]}"></span>'
             f'{q} {QUAD_NAMES[q]} <span class="n">{quads.get(q, 0)}</span></li>'
             for q in sorted(QUAD_COLOURS)]
    rows.append(f'<li><span class="line dashed"></span>structural link '
                f'<span class="n">{links}</span></li>')
    return "\n".join(rows)


def _asset(name: str) -> str:
    return resources.files("graphbuilder.data").joinpath(name).read_text(encoding="utf-8")


def graph_html(G: nx.MultiDiGraph, title: str = "graphbuilder graph",
               subtitle: str = "", focus: str | None = None) -> str:
    """The self-contained HTML page drawing ``G`` (see the module docstring)."""
    events = sum(1 for *_, a in G.edges(data=True) if is_event(a))
    summary = (f"{G.number_of_nodes()} actors, {events} relations, "
               f"{G.number_of_edges() - events} structural links")
    return fill_template("templates/graph.html", {
        "__TITLE__": html.escape(title),
        "__SUBTITLE__": html.escape(" · ".join(x for x in (subtitle, summary) if x)),
        "__LEGEND__": _legend(G),
        "/*__ELEMENTS__*/": _script_json(elements(G, focus)),
        "/*__CYTOSCAPE__*/": _asset("vendor/cytoscape.min.js")})


def fill_template(name: str, values: dict[str, str]) -> str:
    """Template ``graphbuilder/data/NAME`` with each marker replaced in one pass (inserted
    text is never scanned again, so data cannot inject a marker)."""
    pattern = re.compile("|".join(re.escape(marker) for marker in values))
    return pattern.sub(lambda m: values[m.group(0)], _asset(name))
