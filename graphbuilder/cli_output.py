"""The commands that write what users look at: ``export`` (GraphML, JSON, CSV, Parquet,
neo4j-admin), ``view`` (an offline HTML graph) and ``plot`` (a dyad timeline)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from graphbuilder.cli_support import BACKENDS, _err, _need_actor, _read_graph


# -- export ----------------------------------------------------------------------------------
def _export_formats() -> list[str]:
    from graphbuilder.export import FORMATS
    return list(FORMATS)


@click.command()
@click.option("--backend", type=BACKENDS, default="networkx", show_default=True)
@click.option("--store", "store_path", default=None)
@click.option("--format", "fmt", type=click.Choice(_export_formats()), default="graphml",
              show_default=True,
              help="graphml, json (node-link), csv or parquet (one row per event), ...")
@click.option("--output", "-o", required=True, type=click.Path(allow_dash=True),
              help="File to write (atomically); - writes text formats to stdout; a directory "
                   "for neo4j-admin.")
def export(backend, store_path, fmt, output) -> None:
    """Write the graph (GraphML, node-link JSON) or its events table (CSV, Parquet)."""
    from graphbuilder.export import ExportError, export_graph
    graph = _read_graph(backend, store_path)
    try:
        export_graph(graph, fmt, output)
    except ExportError as exc:
        _err(str(exc))
        sys.exit(2)
    except BrokenPipeError:
        sys.stderr.close()
        return
    click.echo(f"wrote {'stdout' if output == '-' else output}: {graph.number_of_nodes()} nodes, "
               f"{graph.number_of_edges()} edges", err=output == "-")


# -- pictures --------------------------------------------------------------------------------
@click.command()
@click.option("--backend", type=BACKENDS, default="networkx", show_default=True)
@click.option("--store", "store_path", default=None)
@click.option("--actor", default=None, help="Draw only this actor's ego network (id, name, alias).")
@click.option("--hops", type=click.IntRange(1, 6), default=1, show_default=True,
              help="Radius of the ego network.")
@click.option("--since", default=None, metavar="YYYY-MM-DD")
@click.option("--until", default=None, metavar="YYYY-MM-DD")
@click.option("--plover", default=None, help="Only relations of this PLOVER type.")
@click.option("--quad", "quad_class", type=click.IntRange(1, 4), default=None)
@click.option("--type", "rel_type", default=None, help="Only this relation type (SANCTIONS).")
@click.option("--title", default=None)
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False),
              help="The HTML file to write (self-contained, opens offline).")
def view(backend, store_path, actor, hops, since, until, plover, quad_class, rel_type, title,
         output) -> None:
    """Write the graph (or an actor's ego network) as one offline HTML page."""
    from graphbuilder import query as q
    from graphbuilder.export import atomic_write_text
    from graphbuilder.view import graph_html, select
    graph = _read_graph(backend, store_path)
    node = _need_actor(q, graph, actor, lambda x: x) if actor else None
    part = select(graph, actor=node, hops=hops, since=since, until=until, plover=plover,
                  quad_class=quad_class, rel_type=rel_type)
    filters = [f"{k} {v}" for k, v in (("since", since), ("until", until), ("PLOVER", plover),
                                       ("quad", quad_class), ("type", rel_type)) if v]
    if node:
        filters.insert(0, f"{hops} hop{'s' * (hops > 1)} around {graph.nodes[node].get('name')}")
    atomic_write_text(output, graph_html(part, title or "graphbuilder graph", ", ".join(filters),
                                         focus=node))
    click.echo(f"wrote {output}: {part.number_of_nodes()} actors, "
               f"{part.number_of_edges()} relationships")
    if part.number_of_edges() == 0:
        _err("no relations match: the page is empty; widen the filters")


@click.command()
@click.option("--backend", type=BACKENDS, default="networkx", show_default=True)
@click.option("--store", "store_path", default=None)
@click.option("--dyad", nargs=2, required=True, metavar="A B",
              help="The two actors (ids, names or aliases); a country includes its actors.")
@click.option("--period", type=click.Choice(["week", "month", "year"]), default="month",
              show_default=True)
@click.option("--title", default=None)
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False),
              help="t.html (page with inline SVG), t.svg, or t.png (rendered by Chromium).")
def plot(backend, store_path, dyad, period, title, output) -> None:
    """Draw a dyad's timeline: events per period by quad class and the mean Goldstein score."""
    from graphbuilder import query as q
    from graphbuilder.export import atomic_write_text
    from graphbuilder import timeline as tl
    suffix = Path(output).suffix.lower()
    if suffix not in (".html", ".htm", ".svg", ".png"):
        raise click.BadParameter("give a .html, .svg or .png file", param_hint="--output")
    graph = _read_graph(backend, store_path)
    a, b = (_need_actor(q, graph, name, lambda x: x) for name in dyad)
    series = tl.dyad_series(graph, a, b, period)
    title = title or f"{series.a_name} \u2013 {series.b_name}: events per {period}"
    try:
        if suffix == ".svg":
            atomic_write_text(output, tl.timeline_svg(series, title) + "\n")
        elif suffix == ".png":
            tl.write_png(tl.timeline_html(series, title), output)
        else:
            atomic_write_text(output, tl.timeline_html(series, title))
    except tl.PlotError as exc:
        _err(str(exc))
        sys.exit(2)
    n = len(series.periods)
    click.echo(f"wrote {output}: {series.total} events in {n} period{'s' * (n != 1)}"
               + (f" ({series.undated} undated not shown)" if series.undated else ""))
    if not series.periods:
        _err(f"no dated events between {series.a_name} and {series.b_name}")
