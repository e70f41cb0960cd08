"""Shared pytest fixtures for graphbuilder's tests.

Each section below belongs to one area; keep new fixtures in a clearly marked
section of their own and leave the others' sections alone.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from neo4j import Driver

# ==========================================================================
# Neo4j server fixtures (owner: neo4j server / CI; see graphbuilder/neo4j_server.py)
#
# The server is the project-local one of ``graphbuilder neo4j start``. The
# fixtures read NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD and NEO4J_DATABASE.
# When no server answers, tests that use them are skipped, unless
# REQUIRE_NEO4J=1 (as in .ci/run), where they fail instead.
# ==========================================================================

#: Password of the local development server when NEO4J_PASSWORD is unset
#: (``NEO4J_PASSWORD=graphbuilder-dev graphbuilder neo4j start``).
NEO4J_DEV_PASSWORD = "graphbuilder-dev"
NEO4J_DEFAULT_URI = "bolt://127.0.0.1:7687"


def neo4j_required() -> bool:
    """True when a missing Neo4j server must fail the tests (REQUIRE_NEO4J=1)."""
    return os.environ.get("REQUIRE_NEO4J", "").strip().lower() in {"1", "true", "yes"}


def neo4j_unavailable(reason: str) -> None:
    """Fail (REQUIRE_NEO4J=1) or skip the current test because Neo4j is unusable."""
    if neo4j_required():
        pytest.fail(f"Neo4j is required (REQUIRE_NEO4J=1) but {reason}", pytrace=False)
    pytest.skip(f"Neo4j not available: {reason}")


def neo4j_connection_settings() -> dict[str, str]:
    """URI, user, password and database from the environment (with dev defaults)."""
    return {
        "uri": os.environ.get("NEO4J_URI") or NEO4J_DEFAULT_URI,
        "user": os.environ.get("NEO4J_USER") or "neo4j",
        "password": os.environ.get("NEO4J_PASSWORD") or NEO4J_DEV_PASSWORD,
        "database": os.environ.get("NEO4J_DATABASE") or "neo4j",
    }


@pytest.fixture(scope="session")
def neo4j_settings() -> dict[str, str]:
    """Connection settings of the Neo4j server under test."""
    return neo4j_connection_settings()


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_settings: dict[str, str]) -> Iterator[Driver]:
    """A connected ``neo4j.Driver`` for the whole session (skip/fail if unreachable)."""
    from neo4j import GraphDatabase
    from neo4j.exceptions import AuthError, DriverError, Neo4jError

    driver = GraphDatabase.driver(
        neo4j_settings["uri"], auth=(neo4j_settings["user"], neo4j_settings["password"]), connection_timeout=5.0,
    )
    try:
        driver.verify_connectivity()
    except AuthError:
        driver.close()
        neo4j_unavailable(f"{neo4j_settings['uri']} rejected user {neo4j_settings['user']!r}: check NEO4J_PASSWORD")
    except (DriverError, Neo4jError, OSError, ValueError) as exc:
        driver.close()
        neo4j_unavailable(
            f"no server answers at {neo4j_settings['uri']} ({type(exc).__name__}); "
            "start one with `graphbuilder neo4j start`"
        )
    try:
        yield driver
    finally:
        driver.close()


@pytest.fixture()
def neo4j_clean(neo4j_driver: Driver, neo4j_settings: dict[str, str]) -> Driver:
    """Wipe the test database (all nodes and relationships) before the test."""
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n", database_=neo4j_settings["database"])
    return neo4j_driver


# ==========================================================================
# End of the Neo4j server fixtures.
# ==========================================================================


# ==========================================================================
# Pipeline fixtures (owner: extraction). The spaCy model loads once per test
# session: graphbuilder.nlp.load_model is cached, so the CLI commands invoked
# in-process through CliRunner reuse the same model object.
# ==========================================================================
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SEED = FIXTURES / "articles" / "000_54bd720436a614dc.txt"


@pytest.fixture(scope="session")
def pipeline():
    """The extraction pipeline (spaCy model, gazetteer, ontology), built once."""
    from graphbuilder.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def seed_result(pipeline):
    """DocumentResult of the seed article."""
    from graphbuilder.documents import read_inputs

    (doc,) = list(read_inputs([str(SEED)]))
    return pipeline.process(doc)
