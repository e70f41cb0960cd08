"""Provision and run a project-local Neo4j Community server.

``graphbuilder neo4j start|stop|status`` manages a Neo4j Community 5.26 LTS
server that lives in a git-ignored directory (``.neo4j/`` in the checkout, or
``$GRAPHBUILDER_NEO4J_HOME``):

* **Provisioning** uses Maven: ``graphbuilder/data/neo4j/pom.xml`` copies the
  Neo4j runtime jars and the Neo4j Browser into ``<home>/lib`` and APOC core
  into ``<home>/plugins`` (``~/.m2`` is reused as a cache). It reruns only when
  the pom changes.
* **Configuration** is rendered on every start from the templates beside the
  pom: Bolt and HTTP listen on 127.0.0.1 only (ports from ``NEO4J_BOLT_PORT``
  / ``NEO4J_HTTP_PORT``), auth is on, heap and page cache are sized for a small
  machine (``NEO4J_HEAP`` / ``NEO4J_PAGECACHE`` override them).
* **Authentication**: the initial password of user ``neo4j`` is taken from
  ``NEO4J_PASSWORD`` and set with ``neo4j-admin dbms set-initial-password``
  before the first start. The password is handed over in a private argument
  file, never on a command line, and it is kept out of the server's
  environment and of every message.
* **Running**: ``java ... org.neo4j.server.CommunityEntryPoint`` in its own
  session, with a pid file in ``<home>/run`` and logs in ``<home>/logs``.
  ``start`` returns once Bolt answers ``RETURN 1``; ``stop`` sends SIGTERM and
  waits for a clean shutdown.

The plain functions :func:`start`, :func:`stop` and :func:`status` are the API;
:data:`neo4j_group` is the click command group built on them.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import os
import shutil
import signal
import socket
import string
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from pathlib import Path

import click
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, DriverError, Neo4jError

from graphbuilder.exposure import make_private
from graphbuilder.neo4j_settings import (  # noqa: F401 - re-exported names
    MIN_PASSWORD_LENGTH, LOOPBACK, NEO4J_USER, MAIN_CLASS, ADMIN_CLASS, START_TIMEOUT_S,
    PROVISION_TIMEOUT_S, STOP_TIMEOUT_S, KILL_TIMEOUT_S, POLL_INTERVAL_S, JVM_FLAGS,
    _SECRET_ENV, _ANSI_RE, _TEMPLATE_FILES, Progress, Neo4jServerError, Neo4jAuthError, _quiet,
    _data_dir, Neo4jSettings, ServerStatus,
)

__all__ = [
    "Neo4jAuthError",
    "Neo4jServerError",
    "Neo4jSettings",
    "ServerStatus",
    "neo4j_group",
    "provision",
    "start",
    "status",
    "stop",
]

# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------


def _require_password(env: Mapping[str, str]) -> str:
    """Return ``NEO4J_PASSWORD`` or raise a one-line error."""
    password = env.get("NEO4J_PASSWORD", "")
    if not password:
        raise Neo4jServerError(
            "NEO4J_PASSWORD is not set; export it (the password of user 'neo4j', "
            f"at least {MIN_PASSWORD_LENGTH} characters) and retry"
        )
    if len(password) < MIN_PASSWORD_LENGTH:
        raise Neo4jServerError(f"NEO4J_PASSWORD must have at least {MIN_PASSWORD_LENGTH} characters")
    return password


def _child_env(settings: Neo4jSettings, **extra: str) -> dict[str, str]:
    """Environment for Java/Maven children: no secrets, the right JAVA_HOME."""
    env = {k: v for k, v in os.environ.items() if k not in _SECRET_ENV}
    env["JAVA_HOME"] = str(settings.java_home)
    env.update(extra)
    return env


def pom_path() -> Path:
    """Return the Maven descriptor used for provisioning."""
    return _data_dir() / "pom.xml"


def neo4j_version() -> str:
    """Return the Neo4j version pinned in the packaged pom.xml."""
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    node = ET.parse(pom_path()).getroot().find("m:properties/m:neo4j.version", ns)
    return node.text.strip() if node is not None and node.text else "5.26"


def _pom_digest() -> str:
    """Fingerprint of the pom: a change triggers re-provisioning."""
    return hashlib.sha256(pom_path().read_bytes()).hexdigest()


def _stamp_file(settings: Neo4jSettings) -> Path:
    return settings.lib_dir / ".graphbuilder-provisioned"


def _is_provisioned(settings: Neo4jSettings) -> bool:
    stamp = _stamp_file(settings)
    return stamp.is_file() and stamp.read_text(encoding="utf-8").strip() == _pom_digest()


def _log_lines(path: Path, count: int) -> list[str]:
    """Last ``count`` non-empty lines of a log file ([] if unreadable)."""
    try:
        content = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    lines = (_ANSI_RE.sub("", line).strip() for line in content)
    return [line for line in lines if line][-count:]


def _tail(path: Path) -> str:
    """Last non-empty line of a log file, for error messages."""
    lines = _log_lines(path, 1)
    return lines[0] if lines else ""


@contextlib.contextmanager
def _locked(settings: Neo4jSettings) -> Iterator[None]:
    """Serialise start/stop of one home across processes."""
    settings.run_dir.mkdir(parents=True, exist_ok=True)
    with open(settings.run_dir / "graphbuilder.lock", "w", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# --------------------------------------------------------------------------
# Provisioning
# --------------------------------------------------------------------------


def provision(settings: Neo4jSettings, progress: Progress = _quiet, force: bool = False) -> bool:
    """Fetch Neo4j, the Browser and APOC with Maven into ``settings.home``.

    Returns True when Maven ran, False when the home was already provisioned
    from the current pom. Raises :class:`Neo4jServerError` on failure.
    """
    if not force and _is_provisioned(settings):
        return False
    mvn = shutil.which("mvn")
    if mvn is None:
        raise Neo4jServerError("Maven (mvn) not found on PATH; install it with: apt-get install -y maven")
    progress(f"Provisioning Neo4j {neo4j_version()} with Maven into {settings.home} ...")
    for directory in (settings.lib_dir, settings.plugins_dir):
        shutil.rmtree(directory, ignore_errors=True)
    settings.logs_dir.mkdir(parents=True, exist_ok=True)
    log_path = settings.logs_dir / "provision.log"
    build_dir = settings.home / "provision"
    build_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(pom_path(), build_dir / "pom.xml")
    command = [
        mvn, "-B", "-q", "-Dstyle.color=never", "-f", str(build_dir / "pom.xml"), "package",
        f"-Dneo4j.home={settings.home}",
    ]
    try:
        with open(log_path, "w", encoding="utf-8") as log:
            result = subprocess.run(
                command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                cwd=build_dir, env=_child_env(settings), check=False, timeout=PROVISION_TIMEOUT_S,
            )
    except subprocess.TimeoutExpired:
        raise Neo4jServerError(
            f"Maven did not finish provisioning Neo4j within {PROVISION_TIMEOUT_S:.0f}s [see {log_path}]"
        ) from None
    if result.returncode != 0 or not any(settings.lib_dir.glob("neo4j-*.jar")):
        errors = [line for line in _log_lines(log_path, 200) if line.startswith("[ERROR] ")]
        hint = errors[0] if errors else _tail(log_path) or "no output"
        raise Neo4jServerError(f"Maven could not provision Neo4j (exit {result.returncode}): {hint} [see {log_path}]")
    _stamp_file(settings).write_text(_pom_digest() + "\n", encoding="utf-8")
    return True


def _post_connect_cmd() -> str:
    """The Browser command applying cypher/style.grass ("" when the Cypher files are absent)."""
    from graphbuilder.browser_style import post_connect_command
    from graphbuilder.cypher import CypherFileError
    try:
        return post_connect_command()
    except (CypherFileError, OSError):
        return ""


def write_config(settings: Neo4jSettings) -> Path:
    """Render neo4j.conf and copy apoc.conf and log4j2 files; return conf dir."""
    settings.conf_dir.mkdir(parents=True, exist_ok=True)
    template = string.Template((_data_dir() / "neo4j.conf.template").read_text(encoding="utf-8"))
    rendered = template.substitute(
        bolt_port=settings.bolt_port, http_port=settings.http_port, pagecache_size=settings.pagecache,
        post_connect_cmd=_post_connect_cmd(),
    )
    (settings.conf_dir / "neo4j.conf").write_text(rendered, encoding="utf-8")
    for name in _TEMPLATE_FILES:
        shutil.copyfile(_data_dir() / name, settings.conf_dir / name)
    for name in ("data", "logs", "import", "run", "plugins"):
        (settings.home / name).mkdir(parents=True, exist_ok=True)
    return settings.conf_dir


# --------------------------------------------------------------------------
# Initial password
# --------------------------------------------------------------------------


def _needs_initial_password(settings: Neo4jSettings) -> bool:
    """True before the very first start (no system database yet)."""
    return not (settings.data_dir / "databases" / "system").exists()


def _picocli_quote(value: str) -> str:
    """Quote one argument for a picocli @-file (double quotes, backslash escapes)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def set_initial_password(settings: Neo4jSettings, password: str) -> None:
    """Run ``neo4j-admin dbms set-initial-password`` without exposing the password.

    The arguments go through a picocli @-file readable by the owner only,
    deleted straight after, so the password is never on a command line.
    """
    settings.run_dir.mkdir(parents=True, exist_ok=True)
    fd, arg_path = tempfile.mkstemp(prefix="admin-", suffix=".args", dir=settings.run_dir)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(f"dbms set-initial-password {_picocli_quote(password)}\n")
        result = subprocess.run(
            [str(settings.java), "-cp", _classpath(settings), ADMIN_CLASS, f"@{arg_path}"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True,
            cwd=settings.home, check=False,
            env=_child_env(settings, NEO4J_HOME=str(settings.home), NEO4J_CONF=str(settings.conf_dir)),
        )
    finally:
        os.unlink(arg_path)
    if result.returncode != 0:
        lines = [ln.strip() for ln in result.stdout.splitlines() if ln.strip() and password not in ln]
        detail = lines[0] if lines else f"exit {result.returncode}"
        raise Neo4jServerError(f"could not set the initial Neo4j password: {detail}")


# --------------------------------------------------------------------------
# Process management
# --------------------------------------------------------------------------


def _classpath(settings: Neo4jSettings) -> str:
    """Plugins first, as the Neo4j launcher does (APOC registers extensions)."""
    return f"{settings.plugins_dir}/*{os.pathsep}{settings.lib_dir}/*"


def _server_command(settings: Neo4jSettings) -> list[str]:
    """The java command line of the server (no secrets in it)."""
    return [
        str(settings.java),
        f"-Xms{settings.heap}",
        f"-Xmx{settings.heap}",
        *JVM_FLAGS,
        "-cp",
        _classpath(settings),
        MAIN_CLASS,
        f"--home-dir={settings.home}",
        f"--config-dir={settings.conf_dir}",
    ]


def _read_pid(settings: Neo4jSettings) -> int | None:
    try:
        return int(settings.pid_file.read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return None


def _is_our_server(pid: int, settings: Neo4jSettings) -> bool:
    """True if ``pid`` is alive and is the Neo4j JVM of this home."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
    except OSError:
        return False
    if stat.rsplit(")", 1)[-1].split()[0] == "Z":
        return False
    args = [part.decode("utf-8", "replace") for part in cmdline]
    return MAIN_CLASS in args and f"--home-dir={settings.home}" in args


def _running_pid(settings: Neo4jSettings) -> int | None:
    pid = _read_pid(settings)
    return pid if pid is not None and _is_our_server(pid, settings) else None


def _port_accepts(port: int, timeout: float = 0.5) -> bool:
    """True if something accepts TCP connections on 127.0.0.1:port."""
    with contextlib.suppress(OSError), socket.create_connection((LOOPBACK, port), timeout=timeout):
        return True
    return False


def _ensure_port_free(port: int, setting: str) -> None:
    """Raise if 127.0.0.1:port cannot be bound."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((LOOPBACK, port))
        except OSError as exc:
            reason = "already in use by another process" if exc.errno == errno.EADDRINUSE else exc.strerror
            raise Neo4jServerError(f"port {LOOPBACK}:{port} ({setting}) is {reason}") from None


def _launch(settings: Neo4jSettings) -> subprocess.Popen[bytes]:
    """Start the JVM detached (own session), logging to logs/console.log."""
    with open(settings.logs_dir / "console.log", "ab") as console:
        process = subprocess.Popen(
            _server_command(settings), stdout=console, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            cwd=settings.home, env=_child_env(settings), start_new_session=True,
        )
    settings.pid_file.write_text(f"{process.pid}\n", encoding="utf-8")
    return process


def _startup_failure(settings: Neo4jSettings, code: int | None) -> Neo4jServerError:
    """Explain a JVM that died while starting, from neo4j.log or console.log."""
    log = settings.logs_dir / "neo4j.log"
    errors = [line for line in _log_lines(log, 60) if " ERROR " in line]
    if not errors:
        log = settings.logs_dir / "console.log"
        errors = _log_lines(log, 1) or ["no log output"]
    return Neo4jServerError(f"Neo4j exited during start-up (code {code}): {errors[0]} [see {log}]")


def _bolt_check(settings: Neo4jSettings, password: str) -> str | None:
    """Run ``RETURN 1`` over Bolt. None on success, else why it failed.

    Raises :class:`Neo4jAuthError` when the server rejects the password.
    """
    try:
        with GraphDatabase.driver(
            settings.bolt_uri, auth=(NEO4J_USER, password), connection_timeout=3.0, max_connection_pool_size=1,
        ) as driver:
            records, _, _ = driver.execute_query("RETURN 1 AS ok")
            return None if records and records[0]["ok"] == 1 else "unexpected answer to RETURN 1"
    except AuthError:
        raise Neo4jAuthError(
            f"Neo4j at {settings.bolt_uri} rejected NEO4J_PASSWORD (the password is fixed at the first start; "
            f"use that one, or stop the server and delete {settings.data_dir} to reset)"
        ) from None
    except (DriverError, Neo4jError, OSError) as exc:
        return type(exc).__name__


def _wait_for_bolt(settings: Neo4jSettings, password: str, process: subprocess.Popen[bytes] | None,
                   timeout: float) -> None:
    """Poll until Bolt answers, the JVM dies, or ``timeout`` passes."""
    deadline = time.monotonic() + timeout
    while True:
        if process is not None and process.poll() is not None:
            raise _startup_failure(settings, process.returncode)
        if process is None and _running_pid(settings) is None:
            raise Neo4jServerError(f"Neo4j stopped while waiting for {settings.bolt_uri} [see {settings.logs_dir}]")
        if _port_accepts(settings.bolt_port) and _bolt_check(settings, password) is None:
            return
        if time.monotonic() > deadline:
            raise Neo4jServerError(
                f"Neo4j did not answer on {settings.bolt_uri} within {timeout:.0f}s "
                f"[see {settings.logs_dir / 'neo4j.log'}]"
            )
        time.sleep(POLL_INTERVAL_S)


def _check_browser(settings: Neo4jSettings, attempts: int = 10) -> None:
    """Make sure the Neo4j Browser page is served."""
    last_error = "no answer"
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback: never via a proxy
    for _ in range(attempts):
        try:
            with opener.open(settings.browser_url, timeout=5) as response:
                if response.status == 200 and b"Neo4j Browser" in response.read(4096):
                    return
                last_error = f"HTTP {response.status}"
        except (urllib.error.URLError, OSError) as exc:
            last_error = str(getattr(exc, "reason", exc))
        time.sleep(POLL_INTERVAL_S)
    raise Neo4jServerError(f"Neo4j Browser is not served at {settings.browser_url}: {last_error}")


def _signal_and_wait(pid: int, settings: Neo4jSettings, timeout: float) -> bool:
    """SIGTERM ``pid`` and wait; SIGKILL after ``timeout``. True if clean."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    if _wait_gone(pid, settings, timeout):
        return True
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    _wait_gone(pid, settings, KILL_TIMEOUT_S)
    return False


def _wait_gone(pid: int, settings: Neo4jSettings, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)  # reap if we are the parent
        if not _is_our_server(pid, settings):
            return True
        time.sleep(POLL_INTERVAL_S)
    return not _is_our_server(pid, settings)


# --------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------


def status(settings: Neo4jSettings | None = None) -> ServerStatus:
    """Report whether the local server runs, its pid and where it listens."""
    settings = settings or Neo4jSettings.from_env()
    pid = _running_pid(settings)
    return ServerStatus(
        running=pid is not None,
        pid=pid,
        home=settings.home,
        bolt_uri=settings.bolt_uri,
        browser_url=settings.browser_url,
        version=neo4j_version(),
        bolt_listening=pid is not None and _port_accepts(settings.bolt_port),
    )


def start(settings: Neo4jSettings | None = None, progress: Progress = _quiet,
          timeout: float = START_TIMEOUT_S) -> ServerStatus:
    """Provision (first time), configure and start Neo4j; return once Bolt answers.

    Starting a server that already runs only checks that it answers.
    Requires ``NEO4J_PASSWORD``. Raises :class:`Neo4jServerError`.
    """
    password = _require_password(os.environ)
    settings = settings or Neo4jSettings.from_env()
    with _locked(settings):
        pid = _running_pid(settings)
        if pid is not None:
            progress(f"Neo4j is already running (pid {pid}).")
            _wait_for_bolt(settings, password, None, timeout)
            return status(settings)
        settings.pid_file.unlink(missing_ok=True)
        _ensure_port_free(settings.bolt_port, "Bolt, NEO4J_BOLT_PORT")
        _ensure_port_free(settings.http_port, "HTTP, NEO4J_HTTP_PORT")
        provision(settings, progress)
        write_config(settings)
        if _needs_initial_password(settings):
            progress("Setting the initial password of user 'neo4j' from NEO4J_PASSWORD.")
            set_initial_password(settings, password)
        make_private(settings.home)  # home 0700, auth.ini 0600
        progress(f"Starting Neo4j {neo4j_version()} (logs in {settings.logs_dir}) ...")
        process = _launch(settings)
        try:
            _wait_for_bolt(settings, password, process, timeout)
        except Neo4jAuthError:
            raise  # the server itself is fine: leave it running
        except Neo4jServerError:
            _signal_and_wait(process.pid, settings, STOP_TIMEOUT_S)
            settings.pid_file.unlink(missing_ok=True)
            raise
        _check_browser(settings)
        return status(settings)


def stop(settings: Neo4jSettings | None = None, timeout: float = STOP_TIMEOUT_S) -> bool:
    """Shut the server down cleanly (SIGTERM, then wait).

    Returns True if a running server was stopped, False if none was running.
    Falls back to SIGKILL after ``timeout`` seconds and then raises.
    """
    settings = settings or Neo4jSettings.from_env()
    with _locked(settings):
        pid = _running_pid(settings)
        if pid is None:
            settings.pid_file.unlink(missing_ok=True)
            return False
        clean = _signal_and_wait(pid, settings, timeout)
        settings.pid_file.unlink(missing_ok=True)
    if not clean:
        raise Neo4jServerError(f"Neo4j (pid {pid}) ignored SIGTERM for {timeout:.0f}s and was killed")
    return True


# --------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------


@contextlib.contextmanager
def _one_line_errors() -> Iterator[None]:
    """Turn expected failures into click's one-line ``Error: ...`` (exit 1)."""
    try:
        yield
    except Neo4jServerError as exc:
        raise click.ClickException(str(exc)) from None
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        raise click.ClickException(f"{exc.strerror or exc}{where}") from None


def _settings_or_exit() -> Neo4jSettings:
    with _one_line_errors():
        return Neo4jSettings.from_env()


@click.group(name="neo4j")
def neo4j_group() -> None:
    """Run a local Neo4j Community 5.26 server (in .neo4j/, 127.0.0.1 only)."""


@neo4j_group.command(name="start")
@click.option("--timeout", default=START_TIMEOUT_S, show_default=True, type=float,
              help="Seconds to wait for Bolt to answer.")
def start_command(timeout: float) -> None:
    """Provision (first run) and start Neo4j; needs NEO4J_PASSWORD."""
    settings = _settings_or_exit()
    with _one_line_errors():
        result = start(settings, progress=click.echo, timeout=timeout)
    click.echo(result.describe())
    click.echo(f"Neo4j Browser: {result.browser_url}")


@neo4j_group.command(name="stop")
def stop_command() -> None:
    """Stop the local Neo4j server cleanly."""
    settings = _settings_or_exit()
    with _one_line_errors():
        stopped = stop(settings)
    click.echo("Neo4j stopped." if stopped else "Neo4j was not running.")


@neo4j_group.command(name="status")
def status_command() -> None:
    """Tell whether Neo4j runs and where; exit code 0 if running, 3 if not."""
    settings = _settings_or_exit()
    with _one_line_errors():
        result = status(settings)
    click.echo(result.describe())
    if not result.running:
        raise SystemExit(3)


if __name__ == "__main__":  # python -m graphbuilder.neo4j_server start|stop|status
    neo4j_group()
