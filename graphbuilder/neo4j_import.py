"""``graphbuilder neo4j import DIR``: bulk-import exported CSV into the project-local server.

The offline importer (``neo4j-admin database import full``, class ``org.neo4j.cli.AdminTool``
in the ``neo4j-command-line`` and ``neo4j-import-tool`` jars that ``graphbuilder neo4j start``
already provisions into ``.neo4j/lib``) writes a new store directly, without transactions, so
a first load of millions of relationships takes minutes instead of hours of MERGEs. It
replaces the database, so it runs against a stopped server:

1. stop the local server (if running);
2. ``AdminTool database import full --overwrite-destination=true --nodes=... --relationships=...
   neo4j`` with the options of :data:`graphbuilder.export_neo4j_admin.IMPORT_OPTIONS`;
3. start the server again and create the constraints and indexes of ``cypher/schema.cypher``
   (the importer does not), so later ``build``/``load`` runs MERGE into the imported graph.

If the importer fails, the previous database is left as it was (the importer writes into a
temporary location and only swaps the store in at the end) and the server is started again.
"""
from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import click

from graphbuilder import neo4j_server
from graphbuilder.export_neo4j_admin import (ACTORS_FILE, DOCUMENTS_FILE, IMPORT_OPTIONS,
                                             RELATIONSHIPS_FILE)
from graphbuilder.neo4j_server import Neo4jServerError, Neo4jSettings, Progress

IMPORT_TIMEOUT_S = 3600.0
DATABASE = "neo4j"


@dataclass(frozen=True)
class ImportReport:
    """What :func:`import_directory` did (seconds of the importer run alone)."""

    nodes: int
    relationships: int
    import_seconds: float
    total_seconds: float


def _check_directory(directory: Path) -> list[Path]:
    files = [directory / name for name in (ACTORS_FILE, DOCUMENTS_FILE, RELATIONSHIPS_FILE)]
    missing = [p.name for p in files if not p.is_file()]
    if missing:
        raise Neo4jServerError(
            f"{directory}: missing {', '.join(missing)}; write the files with "
            f"`graphbuilder export --format neo4j-admin --output {directory}`")
    return files


def import_command_line(settings: Neo4jSettings, directory: Path) -> list[str]:
    """The java command line of the importer (no secrets in it)."""
    actors, documents, relationships = _check_directory(directory)
    return [str(settings.java), f"-Xmx{settings.heap}", "-cp", neo4j_server._classpath(settings),
            neo4j_server.ADMIN_CLASS, "database", "import", "full",
            "--overwrite-destination=true", f"--nodes={actors.resolve()}",
            f"--nodes={documents.resolve()}", f"--relationships={relationships.resolve()}",
            *IMPORT_OPTIONS, f"--report-file={settings.logs_dir / 'import.report'}", DATABASE]


def _run_importer(settings: Neo4jSettings, directory: Path) -> None:
    command = import_command_line(settings, directory)
    settings.logs_dir.mkdir(parents=True, exist_ok=True)
    log_path = settings.logs_dir / "import.log"
    with log_path.open("w", encoding="utf-8") as log:
        result = subprocess.run(
            command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            cwd=settings.home, timeout=IMPORT_TIMEOUT_S, check=False,
            env=neo4j_server._child_env(settings, NEO4J_HOME=str(settings.home),
                                        NEO4J_CONF=str(settings.conf_dir)))
    if result.returncode != 0:
        lines = [ln.strip() for ln in log_path.read_text("utf-8", "replace").splitlines()
                 if ln.strip()]
        detail = next((ln for ln in lines if "rror" in ln or "xception" in ln),
                      lines[-1] if lines else f"exit {result.returncode}")
        raise Neo4jServerError(f"neo4j-admin import of {directory} failed: {detail} "
                               f"(full log: {log_path})")


def import_directory(directory: str | Path, settings: Neo4jSettings | None = None,
                     progress: Progress = neo4j_server._quiet) -> ImportReport:
    """Replace the local server's database with the CSV files in ``directory``.

    Needs ``NEO4J_PASSWORD`` (to start the server again). Raises :class:`Neo4jServerError`
    with a one-line message (missing files, importer failure, server problems).
    """
    from graphbuilder.store.neo4j import Neo4jStore, Neo4jUnavailable

    t0 = time.perf_counter()
    settings = settings or Neo4jSettings.from_env()
    folder = Path(directory)
    _check_directory(folder)
    neo4j_server._require_password(os.environ)
    neo4j_server.provision(settings, progress)
    neo4j_server.write_config(settings)
    if neo4j_server.stop(settings):
        progress("Neo4j stopped for the import.")
    progress(f"Importing {folder} into database {DATABASE!r} ...")
    t1 = time.perf_counter()
    try:
        _run_importer(settings, folder)
    finally:
        import_seconds = time.perf_counter() - t1
        neo4j_server.start(settings, progress=progress)
    try:
        with Neo4jStore.from_env(uri=settings.bolt_uri, database=DATABASE) as store:
            store.ensure_schema()
            nodes, relationships = store.counts()
    except Neo4jUnavailable as exc:
        raise Neo4jServerError(str(exc)) from exc
    return ImportReport(nodes=nodes, relationships=relationships,
                        import_seconds=import_seconds, total_seconds=time.perf_counter() - t0)


@neo4j_server.neo4j_group.command(name="import")
@click.argument("directory", type=click.Path(file_okay=False))
def import_cli(directory: str) -> None:
    """Replace the local database with `export --format neo4j-admin` CSV (stop, import, start)."""
    settings = neo4j_server._settings_or_exit()
    with neo4j_server._one_line_errors():
        report = import_directory(directory, settings, progress=click.echo)
    click.echo(f"imported {directory}: {report.nodes} actors, {report.relationships} "
               f"relationships (importer {report.import_seconds:.1f}s, total "
               f"{report.total_seconds:.1f}s)")
