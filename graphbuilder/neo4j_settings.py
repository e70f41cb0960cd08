"""Settings of the project-local Neo4j server: where it lives, its ports and memory, the Java it
runs on, its constants and errors (read by :mod:`graphbuilder.neo4j_server`, which manages the
process). Everything comes from the environment (``GRAPHBUILDER_NEO4J_HOME``, ``NEO4J_BOLT_PORT``,
``NEO4J_HTTP_PORT``, ``NEO4J_HEAP``, ``NEO4J_PAGECACHE``, ``GRAPHBUILDER_JAVA_HOME``)."""
from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

#: Where Debian installs OpenJDK 17, the Java that Neo4j 5.26 is run with.
DEFAULT_JAVA_HOME = Path("/usr/lib/jvm/java-17-openjdk-amd64")
DEFAULT_BOLT_PORT = 7687
DEFAULT_HTTP_PORT = 7474
DEFAULT_HEAP = "2g"
DEFAULT_PAGECACHE = "1g"
#: Neo4j's own default minimum (dbms.security.auth_minimum_password_length).
MIN_PASSWORD_LENGTH = 8
LOOPBACK = "127.0.0.1"
NEO4J_USER = "neo4j"
MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"
ADMIN_CLASS = "org.neo4j.cli.AdminTool"

START_TIMEOUT_S = 180.0
PROVISION_TIMEOUT_S = 1800.0
STOP_TIMEOUT_S = 90.0
KILL_TIMEOUT_S = 10.0
POLL_INTERVAL_S = 0.5

#: JVM flags of Neo4j's default ``server.jvm.additional`` (which only the
#: tarball launcher reads), plus IPv4 binding and fail-fast on OOM.
JVM_FLAGS: tuple[str, ...] = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-XX:+ExitOnOutOfMemoryError",
    "-XX:FlightRecorderOptions=stackdepth=256",
    "-XX:+UnlockDiagnosticVMOptions",
    "-XX:+DebugNonSafepoints",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dlog4j.layout.jsonTemplate.maxStringLength=32768",
    "-Dfile.encoding=UTF-8",
    "-Djava.net.preferIPv4Stack=true",
)

#: Environment variables that must not reach the Neo4j or Maven processes.
_SECRET_ENV = ("NEO4J_PASSWORD", "NEO4J_AUTH")
_SIZE_RE = re.compile(r"^[1-9][0-9]*[kKmMgG]?$")
_ANSI_RE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_TEMPLATE_FILES = ("apoc.conf", "user-logs.xml", "server-logs.xml")

Progress = Callable[[str], None]


class Neo4jServerError(RuntimeError):
    """A one-line, user-facing error from managing the local Neo4j server."""


class Neo4jAuthError(Neo4jServerError):
    """The running server rejected the password in ``NEO4J_PASSWORD``."""


def _quiet(_message: str) -> None:
    """Progress sink that discards messages."""


# --------------------------------------------------------------------------
# Settings
# --------------------------------------------------------------------------


def _data_dir() -> Path:
    """Return the packaged directory holding pom.xml and the conf templates."""
    return Path(str(resources.files("graphbuilder") / "data" / "neo4j"))


def _project_root() -> Path:
    """Return the checkout the package runs from, else the working directory."""
    candidate = Path(__file__).resolve().parent.parent
    if (candidate / "setup.cfg").is_file() or (candidate / ".git").exists():
        return candidate
    return Path.cwd()


def _default_home(env: Mapping[str, str]) -> Path:
    """Return ``$GRAPHBUILDER_NEO4J_HOME`` or ``<project>/.neo4j``."""
    configured = env.get("GRAPHBUILDER_NEO4J_HOME", "").strip()
    if configured:
        return Path(configured).expanduser().resolve()
    return _project_root() / ".neo4j"


def _port_from_env(env: Mapping[str, str], name: str, default: int) -> int:
    """Read a TCP port from ``env[name]``, validating its range."""
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not 0 < int(raw) < 65536:
        raise Neo4jServerError(f"{name} must be a TCP port number (1-65535), got {raw!r}")
    return int(raw)


def _size_from_env(env: Mapping[str, str], name: str, default: str) -> str:
    """Read a memory size such as ``2g`` or ``512m`` from ``env[name]``."""
    raw = env.get(name, "").strip() or default
    if not _SIZE_RE.match(raw):
        raise Neo4jServerError(f"{name} must be a size such as 512m or 2g, got {raw!r}")
    return raw.lower()


def _find_java_home(env: Mapping[str, str]) -> Path:
    """Locate a JDK for Neo4j 5.26 (Java 17 preferred, Java 21 accepted)."""
    candidates = [env.get("GRAPHBUILDER_JAVA_HOME", ""), str(DEFAULT_JAVA_HOME), env.get("JAVA_HOME", "")]
    for candidate in filter(None, candidates):
        if (Path(candidate) / "bin" / "java").is_file():
            return Path(candidate)
    on_path = shutil.which("java")
    if on_path:
        return Path(on_path).resolve().parent.parent
    raise Neo4jServerError(
        f"Java 17 not found (looked in {DEFAULT_JAVA_HOME} and on PATH); "
        "install it with: apt-get install -y openjdk-17-jre-headless"
    )


@dataclass(frozen=True)
class Neo4jSettings:
    """Where the local server lives and how it is reached."""

    home: Path
    bolt_port: int = DEFAULT_BOLT_PORT
    http_port: int = DEFAULT_HTTP_PORT
    heap: str = DEFAULT_HEAP
    pagecache: str = DEFAULT_PAGECACHE
    java_home: Path = DEFAULT_JAVA_HOME

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Neo4jSettings:
        """Build settings from ``GRAPHBUILDER_NEO4J_HOME``, ``NEO4J_*_PORT`` etc."""
        env = os.environ if env is None else env
        return cls(
            home=_default_home(env),
            bolt_port=_port_from_env(env, "NEO4J_BOLT_PORT", DEFAULT_BOLT_PORT),
            http_port=_port_from_env(env, "NEO4J_HTTP_PORT", DEFAULT_HTTP_PORT),
            heap=_size_from_env(env, "NEO4J_HEAP", DEFAULT_HEAP),
            pagecache=_size_from_env(env, "NEO4J_PAGECACHE", DEFAULT_PAGECACHE),
            java_home=_find_java_home(env),
        )

    @property
    def conf_dir(self) -> Path:
        """Directory of neo4j.conf, apoc.conf and the log4j2 files."""
        return self.home / "conf"

    @property
    def lib_dir(self) -> Path:
        """Neo4j runtime jars (the JVM classpath)."""
        return self.home / "lib"

    @property
    def plugins_dir(self) -> Path:
        """Plugin jars (APOC core)."""
        return self.home / "plugins"

    @property
    def data_dir(self) -> Path:
        """Database files; kept across restarts."""
        return self.home / "data"

    @property
    def logs_dir(self) -> Path:
        """neo4j.log, debug.log, console.log, provision.log, ..."""
        return self.home / "logs"

    @property
    def run_dir(self) -> Path:
        """Pid and lock files."""
        return self.home / "run"

    @property
    def pid_file(self) -> Path:
        """Pid of the running server's JVM."""
        return self.run_dir / "neo4j.pid"

    @property
    def java(self) -> Path:
        """The ``java`` executable."""
        return self.java_home / "bin" / "java"

    @property
    def bolt_uri(self) -> str:
        """Bolt URI for drivers."""
        return f"bolt://{LOOPBACK}:{self.bolt_port}"

    @property
    def browser_url(self) -> str:
        """URL of the Neo4j Browser."""
        return f"http://{LOOPBACK}:{self.http_port}/browser/"


@dataclass(frozen=True)
class ServerStatus:
    """What :func:`status` (and :func:`start`) found."""

    running: bool
    pid: int | None
    home: Path
    bolt_uri: str
    browser_url: str
    version: str
    bolt_listening: bool = False

    def describe(self) -> str:
        """Render a one-line, human-readable summary."""
        if not self.running:
            return f"Neo4j {self.version} is not running (home {self.home})"
        state = "running" if self.bolt_listening else "starting (Bolt not answering yet)"
        return (
            f"Neo4j {self.version} is {state} (pid {self.pid}): Bolt {self.bolt_uri}, "
            f"Browser {self.browser_url}, home {self.home}"
        )
