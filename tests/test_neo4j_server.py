"""Tests of graphbuilder.neo4j_server against a real Neo4j Community server.

Three groups:

* CLI and helper behaviour that needs no server (one-line errors, exit codes).
* The shared server of ``graphbuilder neo4j start`` (the one .ci/run starts):
  status, Bolt, loopback-only sockets, harmless second start, auth, APOC,
  Browser, no password leaks. These never stop it.
* A private, throw-away server in a temporary home on free ports: port-in-use
  error, first start with an awkward password, clean stop, data kept across a
  restart.
"""

from __future__ import annotations

import os
import socket
import urllib.request
from pathlib import Path
from collections.abc import Iterator

import pytest
from click.testing import CliRunner
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError

from graphbuilder import neo4j_server, neo4j_settings
from graphbuilder.neo4j_server import Neo4jServerError, Neo4jSettings, ServerStatus, neo4j_group

from conftest import neo4j_unavailable

LOOPBACK_ADDRESSES = {"127.0.0.1", "::1", "::ffff:127.0.0.1"}
TCP_LISTEN = "0A"


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------


def _decode_address(hex_address: str) -> str:
    """Decode an address of /proc/net/tcp{,6} (little-endian 32-bit words)."""
    raw = bytes.fromhex(hex_address)
    words = b"".join(raw[i:i + 4][::-1] for i in range(0, len(raw), 4))
    if len(words) == 4:
        return socket.inet_ntop(socket.AF_INET, words)
    return socket.inet_ntop(socket.AF_INET6, words)


def listening_addresses(port: int) -> list[str]:
    """Local addresses with a TCP socket in LISTEN state on ``port``."""
    found: list[str] = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text(encoding="ascii").splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            address, port_hex = fields[1].split(":")
            if fields[3] == TCP_LISTEN and int(port_hex, 16) == port:
                found.append(_decode_address(address))
    return found


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def bolt_login_ok(uri: str, user: str, password: str) -> bool:
    """Log in once over Bolt (also resets Neo4j's failed-attempt counter)."""
    with GraphDatabase.driver(uri, auth=(user, password)) as driver:
        driver.verify_connectivity()
    return True


def http_get(url: str) -> tuple[int, str]:
    """GET a loopback URL, bypassing any configured HTTP proxy."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(url, timeout=10) as response:
        return response.status, response.read().decode("utf-8", "replace")


# --------------------------------------------------------------------------
# No server needed
# --------------------------------------------------------------------------


@pytest.fixture()
def private_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Point the CLI at an empty home so nothing touches the shared server."""
    home = tmp_path / "neo4j-home"
    monkeypatch.setenv("GRAPHBUILDER_NEO4J_HOME", str(home))
    monkeypatch.setenv("NEO4J_BOLT_PORT", str(free_port()))
    monkeypatch.setenv("NEO4J_HTTP_PORT", str(free_port()))
    return home


def test_start_without_password_is_a_one_line_error(private_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    result = CliRunner().invoke(neo4j_group, ["start"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "Error: NEO4J_PASSWORD is not set; export it (the password of user 'neo4j', "
        "at least 8 characters) and retry"
    ]
    assert not private_env.exists(), "nothing may be provisioned without a password"


def test_short_password_is_rejected_before_anything_runs(private_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_PASSWORD", "short")
    result = CliRunner().invoke(neo4j_group, ["start"])
    assert result.exit_code == 1
    assert "at least 8 characters" in result.output
    assert "short" not in result.output.replace("at least", "")


def test_status_of_a_stopped_server_exits_3(private_env: Path) -> None:
    result = CliRunner().invoke(neo4j_group, ["status"])
    assert result.exit_code == 3
    assert result.output.startswith("Neo4j 5.26.")
    assert f"is not running (home {private_env})" in result.output


def test_stop_when_nothing_runs_is_harmless(private_env: Path) -> None:
    result = CliRunner().invoke(neo4j_group, ["stop"])
    assert result.exit_code == 0
    assert result.output.strip() == "Neo4j was not running."


def test_invalid_port_is_a_one_line_error(private_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_BOLT_PORT", "seventy")
    result = CliRunner().invoke(neo4j_group, ["status"])
    assert result.exit_code == 1
    assert result.output.strip() == "Error: NEO4J_BOLT_PORT must be a TCP port number (1-65535), got 'seventy'"


def test_missing_maven_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    settings = Neo4jSettings(home=tmp_path / "home")
    with pytest.raises(Neo4jServerError, match=r"^Maven \(mvn\) not found on PATH"):
        neo4j_server.provision(settings)


def test_missing_java_is_a_clear_error(private_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(neo4j_settings, "DEFAULT_JAVA_HOME", tmp_path / "no-jdk")
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.delenv("GRAPHBUILDER_JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    result = CliRunner().invoke(neo4j_group, ["status"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: Java 17 not found")
    assert len(result.output.strip().splitlines()) == 1


def test_settings_from_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GRAPHBUILDER_NEO4J_HOME", str(tmp_path))
    monkeypatch.setenv("NEO4J_BOLT_PORT", "17687")
    monkeypatch.setenv("NEO4J_HTTP_PORT", "17474")
    monkeypatch.delenv("NEO4J_HEAP", raising=False)
    monkeypatch.delenv("NEO4J_PAGECACHE", raising=False)
    settings = Neo4jSettings.from_env()
    assert settings.home == tmp_path.resolve()
    assert settings.bolt_uri == "bolt://127.0.0.1:17687"
    assert settings.browser_url == "http://127.0.0.1:17474/browser/"
    assert (settings.heap, settings.pagecache) == ("2g", "1g")


def test_default_home_is_the_checkouts_dot_neo4j(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GRAPHBUILDER_NEO4J_HOME", raising=False)
    repo = Path(neo4j_server.__file__).resolve().parent.parent
    assert Neo4jSettings.from_env().home == repo / ".neo4j"


def test_server_command_has_heap_and_no_secret(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NEO4J_PASSWORD", "do-not-leak-this-1")
    command = neo4j_server._server_command(Neo4jSettings(home=tmp_path))
    assert "-Xmx2g" in command and "org.neo4j.server.CommunityEntryPoint" in command
    assert f"--home-dir={tmp_path}" in command
    assert not any("do-not-leak-this-1" in part for part in command)
    assert "NEO4J_PASSWORD" not in neo4j_server._child_env(Neo4jSettings(home=tmp_path))


def test_pinned_versions_are_5_26() -> None:
    assert neo4j_server.neo4j_version().startswith("5.26.")


def test_picocli_quoting_escapes_quotes_and_backslashes() -> None:
    assert neo4j_server._picocli_quote('a "b" \\c #d') == '"a \\"b\\" \\\\c #d"'


# --------------------------------------------------------------------------
# The shared server (never stopped here)
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shared_settings() -> Neo4jSettings:
    return Neo4jSettings.from_env()


@pytest.fixture(scope="module")
def shared_server(shared_settings: Neo4jSettings, neo4j_driver: object) -> ServerStatus:
    """Status of the local server of ``graphbuilder neo4j start`` (skip/fail if it is not running)."""
    current = neo4j_server.status(shared_settings)
    if not current.running:
        neo4j_unavailable(f"graphbuilder's local Neo4j is not running (home {shared_settings.home})")
    return current


@pytest.mark.neo4j
def test_status_reports_running(shared_server: ServerStatus, shared_settings: Neo4jSettings) -> None:
    assert shared_server.running and shared_server.bolt_listening
    assert isinstance(shared_server.pid, int)
    summary = shared_server.describe()
    assert f"is running (pid {shared_server.pid})" in summary
    assert shared_settings.bolt_uri in summary and shared_settings.browser_url in summary
    result = CliRunner().invoke(neo4j_group, ["status"])
    assert result.exit_code == 0 and "is running" in result.output


@pytest.mark.neo4j
def test_bolt_answers_return_1(neo4j_driver: object, neo4j_settings: dict[str, str]) -> None:
    records, _, _ = neo4j_driver.execute_query("RETURN 1 AS x", database_=neo4j_settings["database"])
    assert [record["x"] for record in records] == [1]


@pytest.mark.neo4j
def test_listens_only_on_loopback(shared_server: ServerStatus, shared_settings: Neo4jSettings) -> None:
    for port in (shared_settings.bolt_port, shared_settings.http_port):
        addresses = listening_addresses(port)
        assert addresses, f"nothing listens on port {port}"
        assert set(addresses) <= LOOPBACK_ADDRESSES, f"port {port} listens on {addresses}"


@pytest.mark.neo4j
def test_config_is_loopback_with_auth(shared_server: ServerStatus, shared_settings: Neo4jSettings) -> None:
    conf = dict(
        line.split("=", 1) for line in (shared_settings.conf_dir / "neo4j.conf").read_text().splitlines()
        if line and not line.startswith("#")
    )
    assert conf["dbms.security.auth_enabled"] == "true"
    assert conf["server.default_listen_address"] == "127.0.0.1"
    assert conf["server.bolt.listen_address"] == f"127.0.0.1:{shared_settings.bolt_port}"
    assert conf["server.http.listen_address"] == f"127.0.0.1:{shared_settings.http_port}"
    assert conf["server.https.enabled"] == "false"


@pytest.mark.neo4j
def test_second_start_is_harmless(shared_server: ServerStatus, shared_settings: Neo4jSettings,
                                  neo4j_settings: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_settings["password"])
    again = neo4j_server.start(shared_settings)
    assert again.running and again.pid == shared_server.pid
    assert bolt_login_ok(shared_settings.bolt_uri, neo4j_settings["user"], neo4j_settings["password"])


@pytest.mark.neo4j
def test_wrong_password_gives_an_auth_error(shared_server: ServerStatus, neo4j_settings: dict[str, str]) -> None:
    wrong = (neo4j_settings["user"], "not-the-password")
    with GraphDatabase.driver(neo4j_settings["uri"], auth=wrong) as driver, pytest.raises(AuthError):
        driver.verify_connectivity()
    assert bolt_login_ok(neo4j_settings["uri"], neo4j_settings["user"], neo4j_settings["password"])


@pytest.mark.neo4j
def test_start_with_a_wrong_password_says_so(shared_server: ServerStatus, shared_settings: Neo4jSettings,
                                             neo4j_settings: dict[str, str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_PASSWORD", "not-the-password")
    with pytest.raises(neo4j_server.Neo4jAuthError, match="rejected NEO4J_PASSWORD") as caught:
        neo4j_server.start(shared_settings)
    assert "not-the-password" not in str(caught.value)
    assert neo4j_server.status(shared_settings).pid == shared_server.pid, "the running server must survive"
    assert bolt_login_ok(neo4j_settings["uri"], neo4j_settings["user"], neo4j_settings["password"])


@pytest.mark.neo4j
def test_apoc_core_is_loaded_but_may_not_export_files(shared_server: ServerStatus,
                                                       shared_settings: Neo4jSettings,
                                                       neo4j_driver: object) -> None:
    """Issue 15.6: apoc.conf disables file export, so no query can write files on the host."""
    records, _, _ = neo4j_driver.execute_query("RETURN apoc.version() AS version")
    assert records[0]["version"].startswith("5.26.")
    target = shared_settings.home / "import" / "graphbuilder-apoc-export-test.csv"
    target.unlink(missing_ok=True)
    try:
        with pytest.raises(Exception, match="apoc.export.file.enabled"):
            neo4j_driver.execute_query(
                "CALL apoc.export.csv.query('RETURN 42 AS answer', $file, {})", file=target.name)
        assert not target.exists()
    finally:
        target.unlink(missing_ok=True)


@pytest.mark.neo4j
def test_neo4j_home_and_auth_ini_are_private(shared_server: ServerStatus,
                                            shared_settings: Neo4jSettings) -> None:
    """Issue 15.6: the home is 0700 and auth.ini is not readable by others."""
    assert shared_settings.home.stat().st_mode & 0o077 == 0
    auth = shared_settings.home / "data" / "dbms" / "auth.ini"
    assert auth.is_file() and auth.stat().st_mode & 0o077 == 0


@pytest.mark.neo4j
def test_browser_and_discovery_are_served_on_loopback(shared_server: ServerStatus) -> None:
    status_code, page = http_get(shared_server.browser_url)
    assert status_code == 200 and "<title>Neo4j Browser</title>" in page
    root = shared_server.browser_url.removesuffix("browser/")
    status_code, discovery = http_get(root)
    assert status_code == 200 and f'"bolt_direct":"{shared_server.bolt_uri}"' in discovery


@pytest.mark.neo4j
def test_password_is_not_exposed(shared_server: ServerStatus, shared_settings: Neo4jSettings,
                                 neo4j_settings: dict[str, str]) -> None:
    secret = neo4j_settings["password"].encode()
    proc = Path(f"/proc/{shared_server.pid}")
    assert secret not in (proc / "cmdline").read_bytes()
    assert secret not in (proc / "environ").read_bytes()
    for directory in (shared_settings.logs_dir, shared_settings.conf_dir, shared_settings.run_dir):
        for path in directory.rglob("*"):
            if path.is_file():
                assert secret not in path.read_bytes(), f"password found in {path}"


# --------------------------------------------------------------------------
# A private server: full lifecycle
# --------------------------------------------------------------------------

AWKWARD_PASSWORD = 'p@ss "word" #1 \\ \'x\' $HOME'


@pytest.fixture(scope="module")
def private_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jSettings]:
    """Settings for a throw-away server; stopped whatever the tests do."""
    shared = Neo4jSettings.from_env()
    settings = Neo4jSettings(
        home=tmp_path_factory.mktemp("private-neo4j"), bolt_port=free_port(), http_port=free_port(),
        heap="512m", pagecache="64m", java_home=shared.java_home,
    )
    yield settings
    neo4j_server.stop(settings)


@pytest.mark.neo4j
def test_port_in_use_is_a_clear_error(private_settings: Neo4jSettings, monkeypatch: pytest.MonkeyPatch) -> None:
    if neo4j_server.shutil.which("mvn") is None:
        neo4j_unavailable("Maven (mvn) is not installed, so no private server can be provisioned")
    monkeypatch.setenv("NEO4J_PASSWORD", AWKWARD_PASSWORD)
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", private_settings.bolt_port))
        squatter.listen(1)
        with pytest.raises(Neo4jServerError) as caught:
            neo4j_server.start(private_settings)
    assert str(caught.value) == (
        f"port 127.0.0.1:{private_settings.bolt_port} (Bolt, NEO4J_BOLT_PORT) is already in use by another process"
    )
    assert not neo4j_server.status(private_settings).running
    assert not private_settings.pid_file.exists()


@pytest.mark.neo4j
def test_private_server_lifecycle_keeps_data(private_settings: Neo4jSettings,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_PASSWORD", AWKWARD_PASSWORD)
    first = neo4j_server.start(private_settings)
    assert first.running and first.bolt_listening
    assert set(listening_addresses(private_settings.bolt_port)) <= LOOPBACK_ADDRESSES
    assert http_get(private_settings.browser_url)[0] == 200

    auth = ("neo4j", AWKWARD_PASSWORD)
    with GraphDatabase.driver(private_settings.bolt_uri, auth=auth) as driver:
        driver.execute_query("CREATE (:Actor {name: 'Kept across restarts'})")

    assert neo4j_server.stop(private_settings) is True
    assert not neo4j_server.status(private_settings).running
    assert not listening_addresses(private_settings.bolt_port)
    assert "Stopped." in (private_settings.logs_dir / "neo4j.log").read_text()

    second = neo4j_server.start(private_settings)
    assert second.pid != first.pid
    with GraphDatabase.driver(private_settings.bolt_uri, auth=auth) as driver:
        records, _, _ = driver.execute_query("MATCH (a:Actor) RETURN a.name AS name")
    assert [record["name"] for record in records] == ["Kept across restarts"]
    assert neo4j_server.stop(private_settings) is True
    assert neo4j_server.stop(private_settings) is False
    assert os.listdir(private_settings.run_dir) == ["graphbuilder.lock"]
