"""End-to-end test of the Neo4j Browser served by the local server.

Drives the real Browser page in headless Debian Chromium through
``tests/browser/neo4j_browser.mjs`` (node + playwright-core from the repo's
package.json): logs in with NEO4J_PASSWORD, runs a Cypher query over a small
the seed article's graph (loaded through the pipeline and the Neo4j store), checks that
the actor names are shown (table view and graph node captions) and saves a screenshot to
``artifacts/browser.png``.

Needs node, /usr/bin/chromium (or CHROMIUM_PATH) and ``npm ci``; without them
the test is skipped, unless REQUIRE_BROWSER=1 (as in .ci/run).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SCRIPT = REPO_ROOT / "tests" / "browser" / "neo4j_browser.mjs"
SCREENSHOT = REPO_ROOT / "artifacts" / "browser.png"
BROWSER_TIMEOUT_S = 240
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

#: The Browser is asked to show the seed article's sanctions, loaded through the real pipeline
#: and the Neo4j store (an idempotent MERGE: nothing else in the database is touched).
SEED_DOC = "000_54bd720436a614dc.txt"
BROWSER_QUERY = (f"MATCH (a:Actor)-[r:SANCTIONS]->(b:Actor) WHERE r.doc = '{SEED_DOC}' "
                 "RETURN a, r, b")
EXPECTED_NAMES = ["United States", "North Korea"]  # short enough to be drawn whole
STYLE_FILE = REPO_ROOT / "cypher" / "style.grass"


def _browser_unavailable(reason: str) -> None:
    if os.environ.get("REQUIRE_BROWSER", "").strip().lower() in {"1", "true", "yes"}:
        pytest.fail(f"the browser test is required (REQUIRE_BROWSER=1) but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser_tools() -> dict[str, str]:
    """Paths of node and Chromium; skip (or fail) when missing."""
    node = shutil.which("node")
    chromium = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if node is None:
        _browser_unavailable("node is not installed")
    if not Path(chromium).is_file():
        _browser_unavailable("Chromium is not installed (apt-get install -y chromium)")
    if not (REPO_ROOT / "node_modules" / "playwright-core").is_dir():
        _browser_unavailable("playwright-core is not installed (run `npm ci` in the repository)")
    return {"node": node, "chromium": chromium}


def expected_colours() -> dict[str, str]:
    """Fill of each expected node under cypher/style.grass (both are countries)."""
    from graphbuilder.browser_style import parse_grass

    country = parse_grass(STYLE_FILE.read_text(encoding="utf-8"))["node.Country"]["color"]
    return {name: country.upper() for name in EXPECTED_NAMES}


def run_browser(tools: dict[str, str], settings: dict[str, str], http_url: str) -> dict[str, Any]:
    """Run the playwright script; the password goes through the environment only."""
    env = {
        **os.environ,
        "NEO4J_USER": settings["user"],
        "NEO4J_PASSWORD": settings["password"],
        "NEO4J_BROWSER_URL": http_url,
        "CYPHER_QUERY": BROWSER_QUERY,
        "EXPECT_NAMES": json.dumps(EXPECTED_NAMES),
        "SCREENSHOT": str(SCREENSHOT),
        "CHROMIUM_PATH": tools["chromium"],
        "EXPECT_COLOURS": json.dumps(expected_colours()),
        "STYLE_FILE": str(STYLE_FILE),
    }
    completed = subprocess.run(
        [tools["node"], str(SCRIPT)], cwd=REPO_ROOT, env=env, capture_output=True, text=True,
        timeout=BROWSER_TIMEOUT_S, check=False,
    )
    lines = completed.stdout.strip().splitlines()
    assert lines, f"no output from the browser script (exit {completed.returncode}): {completed.stderr[-2000:]}"
    result: dict[str, Any] = json.loads(lines[-1])
    result["exit_code"] = completed.returncode
    return result


@pytest.fixture(scope="module")
def browser_result(browser_tools: dict[str, str], neo4j_driver: Any,
                   neo4j_settings: dict[str, str], seed_result: Any) -> dict[str, Any]:
    """One Browser session over the seed article's graph (what the tests below look at)."""
    from graphbuilder.store.neo4j import Neo4jStore

    with Neo4jStore.from_env(uri=neo4j_settings["uri"], user=neo4j_settings["user"],
                             password=neo4j_settings["password"],
                             database=neo4j_settings["database"]) as store:
        store.ensure_schema()
        store.load([seed_result])
    http_port = os.environ.get("NEO4J_HTTP_PORT") or "7474"
    SCREENSHOT.unlink(missing_ok=True)
    return run_browser(browser_tools, neo4j_settings, f"http://127.0.0.1:{http_port}/browser/")


@pytest.mark.browser
@pytest.mark.neo4j
def test_browser_shows_the_seed_graph(browser_result: dict[str, Any],
                                      neo4j_settings: dict[str, str]) -> None:
    result = browser_result
    assert result.get("error") is None, result
    assert result["connected"] is True
    assert result["missing"] == [], f"names not in the result table: {result['missing']}"
    assert result["missingInGraph"] == [], f"names not drawn as nodes: {result['missingInGraph']}"
    assert set(EXPECTED_NAMES) <= set(result["graphCaptions"])
    assert result["exit_code"] == 0
    screenshot = SCREENSHOT.read_bytes()
    assert screenshot.startswith(PNG_MAGIC) and len(screenshot) > 20_000, "screenshot missing or blank"
    assert neo4j_settings["password"] not in json.dumps(result)


@pytest.mark.browser
@pytest.mark.neo4j
def test_browser_applies_the_style_on_connect_and_on_drop(browser_result: dict[str, Any]) -> None:
    """`graphbuilder neo4j start` makes the Browser apply cypher/style.grass on connection
    (browser.post_connect_cmd); `:style reset` undoes it; dropping the file applies it again."""
    wanted = expected_colours()
    assert wanted == {"United States": "#0072B2", "North Korea": "#0072B2"}
    after_connect = browser_result["fillsAfterConnect"]
    assert {name: after_connect.get(name) for name in wanted} == wanted, after_connect
    after_reset = browser_result["fillsAfterReset"]
    assert all(after_reset.get(name) not in (None, colour) for name, colour in wanted.items()), \
        after_reset
    after_drop = browser_result["fillsAfterDrop"]
    assert {name: after_drop.get(name) for name in wanted} == wanted, after_drop
    dropped = SCREENSHOT.with_name("browser-dropped-style.png").read_bytes()
    assert dropped.startswith(PNG_MAGIC) and len(dropped) > 20_000
