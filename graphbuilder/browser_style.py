"""The Neo4j Browser style (``cypher/style.grass``) as the Browser reads it.

The Browser (5.x) parses GraSS with a small hand-written scanner, ported here as
:func:`parse_grass` so that tests can check the file the way the Browser sees it: there are no
comments in GraSS (text outside a rule's braces becomes part of the next selector, and a quote
in it opens a string), so the style file holds rules only.

:func:`post_connect_command` turns the file into the ``browser.post_connect_cmd`` that
``graphbuilder neo4j start`` writes into neo4j.conf: ``style {...}`` with the rules as JSON,
which the Browser runs as ``:style {...}`` after every connection. JSON is used because the
Browser splits the setting on ``;`` (GraSS is full of them) and ``:style`` accepts JSON as
well as GraSS; the server and the Browser stay offline (no URL to fetch).
"""
from __future__ import annotations

import json
from pathlib import Path

__all__ = ["parse_grass", "post_connect_command", "style_path"]


def style_path() -> Path:
    """Path of ``style.grass`` in graphbuilder's Cypher directory."""
    from graphbuilder.cypher import cypher_dir
    return cypher_dir() / "style.grass"


def parse_grass(text: str) -> dict[str, dict[str, str]]:
    """Selector -> {property: value}, exactly as the Neo4j Browser 5 parses GraSS text.

    A port of the Browser's ``parseGrass`` (JSON is tried first, like the Browser does).
    """
    try:
        parsed = json.loads(text)
        if isinstance(parsed, dict):
            return parsed
    except json.JSONDecodeError:
        pass
    in_string = in_rule = in_nested = False
    selector = body = ""
    rules: dict[str, str] = {}
    for ch in text:
        special = True
        if ch == "{":
            if in_string:
                special = False
            elif in_rule:
                in_nested = True
            else:
                in_rule = True
        elif ch == "}":
            if in_string:
                special = False
            elif in_nested:
                in_nested = False
            else:
                in_rule = False
                rules[selector] = body
                selector = body = ""
        elif ch in "'\"":
            in_string = not in_string
        else:
            special = False
        if not special:
            if in_rule:
                body += ch
            elif not ch.isspace():
                selector += ch
    style: dict[str, dict[str, str]] = {}
    for name, declarations in rules.items():
        style[name] = {}
        for declaration in declarations.split(";"):
            parts = declaration.split(":")
            if len(parts) == 2:
                style[name][parts[0].strip()] = parts[1].strip()
    return style


def post_connect_command(path: Path | None = None) -> str:
    """The ``browser.post_connect_cmd`` value that applies ``style.grass`` on connection."""
    style = parse_grass((path or style_path()).read_text(encoding="utf-8"))
    return "style " + json.dumps(style, separators=(",", ":"), ensure_ascii=True)
