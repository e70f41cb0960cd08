"""End-to-end test of the Neo4j Browser served by the local server.

Drives the real Browser page in headless Debian Chromium through
``tests/browser/neo4j_browser.mjs`` (node + playwright-core from the repo's
package.json): logs in with NEO4J_PASSWORD, runs a Cypher query over a small
actor graph, checks that the actor names are shown (table view and graph node
captions) and saves a screenshot to ``artifacts/browser.png``.

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

#: The graph the Browser is asked to show (swap in the seed graph here). Its
#: nodes carry a marker so the test neither wipes nor sees other data, and
#: stays correct while other tests write to the same server.
MARKER = "browser-e2e"
SEED_CYPHER = f"""
CREATE (us:Actor {{name: 'United States', type: 'country', fixture: '{MARKER}'}}),
       (cn:Actor {{name: 'China', type: 'country', fixture: '{MARKER}'}}),
       (ru:Actor {{name: 'Russia', type: 'country', fixture: '{MARKER}'}}),
       (us)-[:NEGOTIATES_WITH]->(cn),
       (us)-[:SANCTIONS]->(ru),
       (cn)-[:TRADES_WITH]->(ru)
"""
CLEANUP_CYPHER = f"MATCH (a:Actor {{fixture: '{MARKER}'}}) DETACH DELETE a"
BROWSER_QUERY = (
    f"MATCH (a:Actor {{fixture: '{MARKER}'}})-[r]->(b:Actor {{fixture: '{MARKER}'}}) RETURN a, r, b"
)
EXPECTED_NAMES = ["United States", "China", "Russia"]


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


@pytest.mark.browser
@pytest.mark.neo4j
def test_browser_shows_the_actor_graph(browser_tools: dict[str, str], neo4j_driver: Any,
                                       neo4j_settings: dict[str, str]) -> None:
    database = neo4j_settings["database"]
    neo4j_driver.execute_query(CLEANUP_CYPHER, database_=database)
    neo4j_driver.execute_query(SEED_CYPHER, database_=database)
    http_port = os.environ.get("NEO4J_HTTP_PORT") or "7474"
    SCREENSHOT.unlink(missing_ok=True)
    try:
        result = run_browser(browser_tools, neo4j_settings, f"http://127.0.0.1:{http_port}/browser/")
    finally:
        neo4j_driver.execute_query(CLEANUP_CYPHER, database_=database)

    assert result.get("error") is None, result
    assert result["connected"] is True
    assert result["missing"] == [], f"names not in the result table: {result['missing']}"
    assert result["missingInGraph"] == [], f"names not drawn as nodes: {result['missingInGraph']}"
    assert sorted(result["graphCaptions"]) == sorted(EXPECTED_NAMES)
    assert result["exit_code"] == 0
    screenshot = SCREENSHOT.read_bytes()
    assert screenshot.startswith(PNG_MAGIC) and len(screenshot) > 20_000, "screenshot missing or blank"
    assert neo4j_settings["password"] not in json.dumps(result)
