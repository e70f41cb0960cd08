"""`graphbuilder view` and `graphbuilder plot`: what the pages draw, checked in headless Chromium
with the network cut off (tests/browser/pictures.mjs); screenshots go to artifacts/."""
from __future__ import annotations

import json
import os
import struct
import subprocess
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner

from graphbuilder.cli import main
from graphbuilder.model import DocumentResult, Entity, Relation
from graphbuilder.store.networkx import NetworkXStore
from graphbuilder.timeline import dyad_series, period_of, period_range
from graphbuilder.view import KIND_COLOURS, QUAD_COLOURS, graph_html, select
from test_browser import browser_tools  # noqa: F401 - node, Chromium, playwright-core (or skip)

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "fixtures" / "articles"
ARTIFACTS = ROOT / "artifacts"
SCRIPT = ROOT / "tests" / "browser" / "pictures.mjs"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
INJECTION = "</script><script>window.pwned = 1</script>"

USA = Entity("USA", "United States", "Country", "USA", ["U.S."])
CHN = Entity("CHN", "China", "Country", "CHN", ["Beijing"])
FIRMS = Entity("GRP:CHN:COMPANY", "Chinese companies", "Group", "CHN", [])
RUS = Entity("RUS", "Russia", "Country", "RUS", [])


def _event(n: int, source: Entity, target: Entity, cameo: str, date: str | None,
           sentence: str = "") -> Relation:
    quad = {"04": 1, "06": 2, "11": 3, "16": 4}[cameo[:2]]
    return Relation(doc=f"d{n}", date=date, sentence=sentence or f"Event {n}.", start=0, end=5,
                    source=source, target=target, type={1: "MEETS", 2: "COOPERATES", 3:
                    "CRITICIZES", 4: "SANCTIONS"}[quad], cameo=cameo, plover="X", quad_class=quad)


@pytest.fixture(scope="module")
def dyad_store(tmp_path_factory) -> Path:
    """USA-CHN events in Jan, Mar and Apr 2021 (none in Feb), one undated, one with Russia."""
    events = [_event(1, USA, CHN, "163", "2021-01-05"), _event(2, CHN, USA, "111", "2021-01-20"),
              _event(3, USA, FIRMS, "163", "2021-03-02", INJECTION),
              _event(4, CHN, USA, "040", "2021-04-11"), _event(5, USA, CHN, "060", "2021-04-12"),
              _event(6, USA, CHN, "111", None), _event(7, USA, RUS, "111", "2021-02-01")]
    path = tmp_path_factory.mktemp("dyad") / "store.json"
    with NetworkXStore(path) as store:
        store.load([DocumentResult(doc_id=r.doc, content_hash=r.doc, date=r.date,
                                   entities=[r.source, r.target], relations=[r], links=[])
                    for r in events])
    return path


@pytest.fixture(scope="module")
def articles_store(pipeline, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("articles") / "store.json"
    res = CliRunner().invoke(main, ["build", "--store", str(path), str(ARTICLES)])
    assert res.exit_code == 0, res.output
    return path


# -- no browser -------------------------------------------------------------------------------

def test_period_labels_and_ranges():
    assert period_of("2021-01-04", "week") == "2021-W01"
    assert period_of("2021-01-03", "week") == "2020-W53"
    assert period_of("2021-07-12", "month") == "2021-07" and period_of("2021-07-12", "year") == "2021"
    assert period_range("2020-11", "2021-02", "month") == ["2020-11", "2020-12", "2021-01", "2021-02"]
    assert period_range("2020-W52", "2021-W02", "week") == ["2020-W52", "2020-W53", "2021-W01", "2021-W02"]
    assert period_range("2019", "2021", "year") == ["2019", "2020", "2021"]


def test_dyad_series_counts_both_directions_country_members_and_gaps(dyad_store):
    G = NetworkXStore(dyad_store).graph
    s = dyad_series(G, "USA", "CHN", "month")
    assert s.periods == ["2021-01", "2021-02", "2021-03", "2021-04"]
    assert s.counts == {1: [0, 0, 0, 1], 2: [0, 0, 0, 1], 3: [1, 0, 0, 0], 4: [1, 0, 1, 0]}
    assert s.goldstein == [-5.0, None, -8.0, 3.5]      # (-8 + -2) / 2; Chinese companies count
    assert s.undated == 1 and s.total == 5


def test_select_applies_filters_and_the_ego_radius(articles_store):
    G = NetworkXStore(articles_store).graph
    quad4 = select(G, quad_class=4)
    events = [d for *_, d in quad4.edges(data=True) if d.get("cameo")]
    assert events and all(d["quad_class"] == 4 for d in events)
    assert all(quad4.degree(n) > 0 for n in quad4)
    ego = select(G, actor="CHN", hops=1)
    assert set(ego) == set(nx.ego_graph(G.to_undirected(), "CHN", radius=1))
    assert select(G).number_of_edges() == G.number_of_edges()
    assert select(G, since="2999-01-01").number_of_nodes() == 0


def test_graph_page_is_self_contained_and_data_cannot_close_the_script(dyad_store):
    page = graph_html(NetworkXStore(dyad_store).graph, title="<b>t</b>")
    assert "<script src" not in page and "<link" not in page
    assert page.count("</script>") == 3                 # cytoscape, data, the page's own code
    assert INJECTION not in page and "<title>&lt;b&gt;t&lt;/b&gt;</title>" in page


def test_cli_errors_are_one_line(articles_store, tmp_path):
    runner = CliRunner()
    res = runner.invoke(main, ["plot", "--store", str(articles_store), "--dyad", "USA", "Atlantis",
                               "-o", str(tmp_path / "t.html")])
    assert res.exit_code == 1 and res.stderr.startswith("error: no actor matches 'Atlantis'")
    res = runner.invoke(main, ["plot", "--store", str(articles_store), "--dyad", "USA", "CHN",
                               "-o", str(tmp_path / "t.pdf")])
    assert res.exit_code == 2 and "give a .html, .svg or .png file" in res.stderr
    assert not list(tmp_path.iterdir())


# -- headless Chromium ------------------------------------------------------------------------

def _render(tools: dict[str, str], jobs: list[dict[str, str]]) -> list[dict[str, Any]]:
    env = {**os.environ, "PAGES": json.dumps(jobs), "CHROMIUM_PATH": tools["chromium"]}
    done = subprocess.run([tools["node"], str(SCRIPT)], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=240, check=False)
    lines = done.stdout.strip().splitlines()
    assert lines, f"no output from {SCRIPT.name} (exit {done.returncode}): {done.stderr[-2000:]}"
    result = json.loads(lines[-1])
    assert "error" not in result and done.returncode == 0, result
    for page in result["pages"]:
        assert page["blocked"] == [] and page["errors"] == [], page   # offline, no script errors
        shot = Path(page["screenshot"]).read_bytes()
        assert shot.startswith(PNG_MAGIC) and len(shot) > 15_000, "screenshot missing or blank"
    return result["pages"]


def _hex(rgb: str) -> str:
    """cytoscape reports colours as 'rgb(r,g,b)'."""
    r, g, b = (int(x) for x in rgb[rgb.index("(") + 1:-1].split(","))
    return f"#{r:02X}{g:02X}{b:02X}"


@pytest.mark.browser
def test_view_and_plot_pages_draw_offline_in_chromium(browser_tools, articles_store,  # noqa: F811
                                                      dyad_store, tmp_path):
    runner = CliRunner()
    pages = {"graph": tmp_path / "graph.html", "ego": tmp_path / "ego.html",
             "dyad": tmp_path / "dyad.html", "t": tmp_path / "t.html",
             "months": tmp_path / "months.html"}
    for args in (["view", "--store", str(articles_store), "-o", str(pages["graph"])],
                 ["view", "--store", str(articles_store), "--actor", "China", "-o", str(pages["ego"])],
                 ["view", "--store", str(dyad_store), "-o", str(pages["dyad"])],
                 ["plot", "--store", str(articles_store), "--dyad", "USA", "CHN", "-o", str(pages["t"])],
                 ["plot", "--store", str(dyad_store), "--dyad", "United States", "China",
                  "-o", str(pages["months"])]):
        res = runner.invoke(main, args)
        assert res.exit_code == 0, res.output
    graph, ego, dyad, t, months = _render(browser_tools, [
        {"kind": "graph", "file": str(pages["graph"]), "screenshot": str(ARTIFACTS / "view.png")},
        {"kind": "graph", "file": str(pages["ego"]), "screenshot": str(ARTIFACTS / "view-ego.png")},
        {"kind": "graph", "file": str(pages["dyad"]), "screenshot": str(ARTIFACTS / "view-dyad.png")},
        {"kind": "timeline", "file": str(pages["t"]), "screenshot": str(ARTIFACTS / "plot.png")},
        {"kind": "timeline", "file": str(pages["months"]),
         "screenshot": str(ARTIFACTS / "plot-months.png")}])

    G = NetworkXStore(articles_store).graph
    assert (graph["nodes"], graph["edges"]) == (G.number_of_nodes(), G.number_of_edges())
    assert graph["inside"] == graph["nodes"]                  # every node within the view
    assert {k: _hex(c) for k, c in graph["colours"].items()} == \
        {k: KIND_COLOURS[k] for k in graph["colours"]}
    assert {int(q): _hex(c) for q, c in graph["quadColours"].items()} == \
        {int(q): QUAD_COLOURS[int(q)] for q in graph["quadColours"]}
    names = {d["name"] for _, d in G.nodes(data=True)}
    assert set(graph["captions"]) == names
    assert "Country" in graph["legend"] and "material conflict" in graph["legend"]
    assert graph["hoverNode"]["expected"] in graph["hoverNode"]["info"]
    edge_info, sentence = graph["hoverEdge"]["info"], graph["hoverEdge"]["sentence"]
    sentences = {d.get("sentence") for *_, d in G.edges(data=True)}
    assert sentence in sentences and "CAMEO" in edge_info and "date" in edge_info

    assert ego["nodes"] == len(nx.ego_graph(G.to_undirected(), "CHN", radius=1))
    assert dyad["nodes"] == 4 and dyad["edges"] == 7 and dyad["pwned"] is None

    usa_chn = dyad_series(G, "USA", "CHN", "month")
    assert sum(b["count"] for b in t["bars"]) == usa_chn.total > 0
    assert len(t["points"]) == len([g for g in usa_chn.goldstein if g is not None])
    assert t["scripts"] == 0

    assert months["periods"] == ["2021-01", "2021-02", "2021-03", "2021-04"]
    assert sorted((b["period"], b["quad"], b["count"]) for b in months["bars"]) == \
        [("2021-01", 3, 1), ("2021-01", 4, 1), ("2021-03", 4, 1), ("2021-04", 1, 1), ("2021-04", 2, 1)]
    assert all(b["height"] > 0 and b["fill"] == QUAD_COLOURS[b["quad"]] for b in months["bars"])
    assert months["linePoints"] == 3 and [p["score"] for p in months["points"]] == [-5, -8, 3.5]
    assert "1 event without a date not shown" in months["summary"]


def test_plot_png_is_rendered_by_chromium(browser_tools, dyad_store):  # noqa: F811
    out = ARTIFACTS / "plot-chromium.png"
    out.unlink(missing_ok=True)
    res = CliRunner().invoke(main, ["plot", "--store", str(dyad_store), "--dyad", "USA", "CHN",
                                    "--period", "week", "-o", str(out)])
    assert res.exit_code == 0, res.output
    data = out.read_bytes()
    width, height = struct.unpack(">II", data[16:24])          # the IHDR chunk
    assert data.startswith(PNG_MAGIC) and (width, height) == (1000, 500) and len(data) > 15_000
    assert not [p for p in ARTIFACTS.iterdir() if p.name.startswith(".plot-")]   # temp dir gone
