"""Keep a project-local Neo4j from exposing files: private home, no file procedures on reads.

* :func:`file_access` names the file-reading or -writing part of a Cypher query
  (``apoc.export.*``, ``apoc.import.*``, ``apoc.load.*``, ``LOAD CSV``) so that ``query``
  without ``--write`` refuses it (the project-local server also disables APOC file export and
  import in its ``apoc.conf``).
* :func:`make_private` makes the server's home (with ``data/dbms/auth.ini``) readable by its
  owner only.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

_FILE_ACCESS = re.compile(r"\b(apoc\s*\.\s*(?:export|import|load)\s*\.[\w.]*|load\s+csv)\b",
                          re.IGNORECASE)
_COMMENTS = re.compile(r"//[^\n]*|/\*.*?\*/", re.DOTALL)


def file_access(cypher: str) -> str | None:
    """The first file procedure or ``LOAD CSV`` the query calls, or None."""
    m = _FILE_ACCESS.search(_COMMENTS.sub(" ", cypher))
    return re.sub(r"\s+", " ", m.group(1)) if m else None


def make_private(home: Path) -> None:
    """Owner-only permissions on the Neo4j home (0700) and its credential files (0600)."""
    if not home.exists():
        return
    os.chmod(home, 0o700)
    for name in ("data", "data/dbms", "run"):
        path = home / name
        if path.is_dir():
            os.chmod(path, 0o700)
    dbms = home / "data" / "dbms"
    if dbms.is_dir():
        for f in dbms.iterdir():
            if f.is_file():
                os.chmod(f, 0o600)
