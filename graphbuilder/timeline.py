"""``graphbuilder plot --dyad A B``: a dyad's timeline as an SVG chart (HTML, SVG or PNG file).

Per period (week, month or year) the chart stacks the dyad's events by quad class (bars, left
axis: events) and draws the mean Goldstein score of the period's events (line, right axis: -10
.. +10). An event belongs to the dyad when one end is A and the other B, in either direction; a
country stands for itself and for every actor of that country (its leaders, ministries, forces,
companies), as in GDELT's country dyads. Undated events cannot be placed and are counted apart.

The chart is plain SVG written here (no chart library); the HTML page embeds it with no script
and no network. PNG is that page rendered by headless Chromium (Debian's ``chromium``, or
``CHROMIUM_PATH``).
"""
from __future__ import annotations

import html
import itertools
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import networkx as nx

from graphbuilder.events import event_rows
from graphbuilder.view import QUAD_COLOURS, QUAD_NAMES, fill_template

PERIODS = ("week", "month", "year")
WIDTH, HEIGHT = 960, 440
_LEFT, _RIGHT, _TOP, _BOTTOM = 56, 64, 56, 78
GOLDSTEIN_COLOUR = "#222222"


class PlotError(Exception):
    """A chart that cannot be drawn as asked; the message is one line saying what to do."""


@dataclass
class Series:
    """Events of a dyad per period."""

    a: str
    b: str
    a_name: str
    b_name: str
    period: str
    periods: list[str] = field(default_factory=list)
    counts: dict[int, list[int]] = field(default_factory=dict)    # quad -> count per period
    goldstein: list[float | None] = field(default_factory=list)   # mean per period
    undated: int = 0

    @property
    def total(self) -> int:
        """Dated events in the series."""
        return sum(sum(c) for c in self.counts.values())


def period_of(day: str, period: str) -> str:
    """The period label of an ISO date: ``2021-07`` (month), ``2021-W28`` (week), ``2021``."""
    d = date.fromisoformat(day[:10])
    if period == "year":
        return f"{d.year}"
    if period == "week":
        iso = d.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    return f"{d.year}-{d.month:02d}"


def _period_start(label: str, period: str) -> date:
    if period == "year":
        return date(int(label), 1, 1)
    if period == "week":
        year, week = label.split("-W")
        return date.fromisocalendar(int(year), int(week), 1)
    year, month = label.split("-")
    return date(int(year), int(month), 1)


def _next(day: date, period: str) -> date:
    if period == "year":
        return date(day.year + 1, 1, 1)
    if period == "week":
        return day + timedelta(days=7)
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def period_range(first: str, last: str, period: str) -> list[str]:
    """Every period label from ``first`` to ``last`` inclusive (gaps shown as empty periods)."""
    out, day, end = [], _period_start(first, period), _period_start(last, period)
    while day <= end:
        out.append(period_of(day.isoformat(), period))
        day = _next(day, period)
    return out


def _member(G: nx.MultiDiGraph, node: str, actor: str) -> bool:
    if node == actor:
        return True
    return G.nodes[actor].get("label") == "Country" and G.nodes[node].get("country") == actor


def dyad_series(G: nx.MultiDiGraph, a: str, b: str, period: str = "month") -> Series:
    """Count the events between actors ``a`` and ``b`` (node ids of ``G``) per period."""
    if period not in PERIODS:
        raise PlotError(f"unknown period {period!r}; choose one of {', '.join(PERIODS)}")
    series = Series(a, b, str(G.nodes[a].get("name") or a), str(G.nodes[b].get("name") or b),
                    period)
    dated: list[tuple[str, int, float | None]] = []
    for row in event_rows(G):
        s, t = row["source_id"], row["target_id"]
        if not ((_member(G, s, a) and _member(G, t, b)) or (_member(G, s, b) and _member(G, t, a))):
            continue
        if not row["date"]:
            series.undated += 1
            continue
        dated.append((period_of(row["date"], period), int(row["quad_class"]), row["goldstein"]))
    if not dated:
        return series
    labels = sorted(p for p, _, _ in dated)
    series.periods = period_range(labels[0], labels[-1], period)
    index = {p: i for i, p in enumerate(series.periods)}
    series.counts = {q: [0] * len(series.periods) for q in QUAD_COLOURS}
    scores: list[list[float]] = [[] for _ in series.periods]
    for p, quad, score in dated:
        series.counts[quad][index[p]] += 1
        if score is not None:
            scores[index[p]].append(score)
    series.goldstein = [round(sum(s) / len(s), 2) if s else None for s in scores]
    return series


def _count_ticks(value: int) -> list[int]:
    """Whole-number ticks from 0 to at least ``value`` (at most six)."""
    steps = (m * 10 ** e for e in itertools.count() for m in (1, 2, 5))   # 1, 2, 5, 10, ...
    step = next(s for s in steps if value <= s * 5)
    top = max(step * -(-value // step), step)
    return list(range(0, top + 1, step))


def timeline_svg(series: Series, title: str) -> str:
    """The chart as an SVG document (bars by quad class, Goldstein line, axes, legend)."""
    plot_w, plot_h = WIDTH - _LEFT - _RIGHT, HEIGHT - _TOP - _BOTTOM
    n = max(len(series.periods), 1)
    band = plot_w / n
    totals = [sum(series.counts[q][i] for q in series.counts) for i in range(len(series.periods))]
    ticks = _count_ticks(max(totals, default=1))
    top = ticks[-1]
    y_count = lambda c: _TOP + plot_h - c * plot_h / top          # noqa: E731
    y_score = lambda g: _TOP + plot_h / 2 - g * plot_h / 20        # noqa: E731
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
           f'width="{WIDTH}" height="{HEIGHT}" font-family="system-ui, sans-serif" '
           f'font-size="11" role="img" aria-label="{html.escape(title)}">',
           f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
           f'<text x="{_LEFT}" y="22" font-size="15" font-weight="600">{html.escape(title)}</text>']
    out += _legend(series)
    for c in ticks:                                          # count grid and left axis
        y = y_count(c)
        out.append(f'<line class="grid" x1="{_LEFT}" x2="{WIDTH - _RIGHT}" y1="{y:.1f}" '
                   f'y2="{y:.1f}" stroke="#e6e6e6"/>')
        out.append(f'<text x="{_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#555">'
                   f'{c}</text>')
    for g in (-10, -5, 0, 5, 10):                            # Goldstein right axis
        y = y_score(g)
        out.append(f'<text x="{WIDTH - _RIGHT + 6}" y="{y + 4:.1f}" fill="#555">{g:+d}</text>'
                   if g else f'<text x="{WIDTH - _RIGHT + 6}" y="{y + 4:.1f}" fill="#555">0</text>')
    out.append(f'<text transform="translate(16 {_TOP + plot_h / 2}) rotate(-90)" '
               f'text-anchor="middle" fill="#555">events</text>')
    out.append(f'<text transform="translate({WIDTH - 12} {_TOP + plot_h / 2}) rotate(90)" '
               f'text-anchor="middle" fill="#555">mean Goldstein score</text>')
    bar_w = min(max(band * 0.7, 1.0), 48.0)
    every = max(1, -(-n // 24))                              # at most ~24 period labels
    for i, label in enumerate(series.periods):
        x = _LEFT + i * band + (band - bar_w) / 2
        base = 0
        for q in sorted(series.counts):
            c = series.counts[q][i]
            if c:
                y0, y1 = y_count(base + c), y_count(base)
                out.append(f'<rect class="bar q{q}" data-period="{label}" data-quad="{q}" '
                           f'data-count="{c}" x="{x:.1f}" y="{y0:.1f}" width="{bar_w:.1f}" '
                           f'height="{y1 - y0:.1f}" fill="{QUAD_COLOURS[q]}">'
                           f'<title>{label}: {c} {QUAD_NAMES[q]}</title></rect>')
                base += c
        if i % every == 0:
            cx = _LEFT + (i + 0.5) * band
            out.append(f'<text class="period" x="{cx:.1f}" y="{_TOP + plot_h + 14}" '
                       f'text-anchor="end" transform="rotate(-40 {cx:.1f} {_TOP + plot_h + 14})" '
                       f'fill="#333">{label}</text>')
    out.append(f'<line x1="{_LEFT}" x2="{WIDTH - _RIGHT}" y1="{y_score(0):.1f}" '
               f'y2="{y_score(0):.1f}" stroke="#999" stroke-dasharray="4 3"/>')
    out += _goldstein_line(series, band, y_score)
    out.append(f'<line x1="{_LEFT}" x2="{WIDTH - _RIGHT}" y1="{_TOP + plot_h}" '
               f'y2="{_TOP + plot_h}" stroke="#333"/>')
    out.append("</svg>")
    return "\n".join(out)


def _goldstein_line(series: Series, band: float, y_score) -> list[str]:
    """A point per period with events and a polyline through them (periods without events
    have no mean; the line joins their neighbours)."""
    points = [(_LEFT + (i + 0.5) * band, y_score(g), g, series.periods[i])
              for i, g in enumerate(series.goldstein) if g is not None]
    out = []
    if len(points) > 1:
        coords = " ".join(f"{x:.1f},{y:.1f}" for x, y, _, _ in points)
        out.append(f'<polyline class="goldstein" points="{coords}" fill="none" '
                   f'stroke="{GOLDSTEIN_COLOUR}" stroke-width="2"/>')
    for x, y, g, label in points:
        out.append(f'<circle class="goldstein-point" data-period="{label}" data-score="{g}" '
                   f'cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{GOLDSTEIN_COLOUR}">'
                   f'<title>{label}: mean Goldstein {g:+.2f}</title></circle>')
    return out


def _legend(series: Series) -> list[str]:
    out, x = [], _LEFT
    y = 40
    for q in sorted(QUAD_COLOURS):
        total = sum(series.counts.get(q, []))
        text = f"{q} {QUAD_NAMES[q]} ({total})"
        out.append(f'<rect x="{x}" y="{y - 9}" width="12" height="10" fill="{QUAD_COLOURS[q]}"/>'
                   f'<text x="{x + 16}" y="{y}" fill="#333">{html.escape(text)}</text>')
        x += 18 + 6.2 * len(text) + 14
    out.append(f'<line x1="{x}" x2="{x + 18}" y1="{y - 4}" y2="{y - 4}" '
               f'stroke="{GOLDSTEIN_COLOUR}" stroke-width="2"/>'
               f'<text x="{x + 22}" y="{y}" fill="#333">mean Goldstein</text>')
    return out


def timeline_html(series: Series, title: str) -> str:
    """A self-contained HTML page with the chart and a short summary (no script)."""
    summary = (f"{series.total} dated events between {series.a_name} ({series.a}) and "
               f"{series.b_name} ({series.b}) per {series.period}")
    if series.undated:
        summary += f"; {_events(series.undated)} without a date not shown"
    if not series.periods:
        summary = f"no dated events between {series.a_name} and {series.b_name}" + \
            (f" ({_events(series.undated)} without a date)" if series.undated else "")
    return fill_template("templates/timeline.html", {
        "__TITLE__": html.escape(title), "__SUMMARY__": html.escape(summary),
        "__CHART__": timeline_svg(series, title)})


def _events(n: int) -> str:
    return f"{n} event{'s' * (n != 1)}"


def chromium_path() -> str | None:
    """The Chromium (or Chrome) binary: ``CHROMIUM_PATH`` or the first one on PATH."""
    explicit = os.environ.get("CHROMIUM_PATH")
    if explicit:
        return explicit if Path(explicit).is_file() else None
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def write_png(page: str, output: str | os.PathLike[str], width: int = WIDTH + 40,
              height: int = HEIGHT + 60, timeout: float = 120) -> None:
    """Render ``page`` (HTML) to a PNG with headless Chromium, atomically (temp file, rename).

    Raises:
        PlotError: Chromium missing or failing.
    """
    binary = chromium_path()
    if binary is None:
        raise PlotError("PNG output needs Chromium (apt-get install chromium, or set "
                        "CHROMIUM_PATH); or write .html or .svg")
    target = Path(output).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".plot-", dir=target.parent) as tmp:
        page_file, png = Path(tmp) / "chart.html", Path(tmp) / "chart.png"
        page_file.write_text(page, encoding="utf-8")
        cmd = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
               "--no-proxy-server", "--disable-background-networking", "--no-first-run",
               f"--user-data-dir={Path(tmp) / 'profile'}", f"--window-size={width},{height}",
               f"--screenshot={png}", page_file.as_uri()]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                                  check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise PlotError(f"Chromium could not render the chart ({exc.__class__.__name__}); "
                            "write .html or .svg instead") from exc
        if done.returncode != 0 or not png.is_file():
            last = (done.stderr.strip().splitlines() or ["no output"])[-1][:200]
            raise PlotError(f"Chromium could not render the chart ({last}); "
                            "write .html or .svg instead")
        os.replace(png, target)
