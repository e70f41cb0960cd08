"""Named word lists of the extraction rules, loaded once from ``graphbuilder/data/lexicon.json``.

A list is a JSON array of words, or an object with an ``about`` text and either ``words`` (looked
up as a frozenset) or ``map`` (word -> value, looked up as a read-only mapping).  A word ``@name``
includes the whole list ``name``, like PETRARCH's synsets, so overlapping lists share one
sub-list.  An unknown name, in an include or in a lookup, raises :class:`LexiconError`::

    from graphbuilder.lexicon import LEXICON
    if token.lemma_ in LEXICON["reporting_verbs"]: ...
"""
from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import MappingProxyType

LEXICON_PATH = Path(__file__).resolve().parent / "data" / "lexicon.json"

Entry = frozenset | MappingProxyType


class LexiconError(KeyError):
    """An unknown list name, an include cycle or a malformed entry in the lexicon file."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "lexicon error"


class Lexicon(Mapping):
    """Frozen name -> word list (frozenset) or word map (read-only mapping)."""

    def __init__(self, raw: Mapping[str, object], source: str = "lexicon") -> None:
        self._source = source
        self._raw = dict(raw)
        self._entries: dict[str, Entry] = {}
        for name in sorted(self._raw):
            self._resolve(name, ())

    def _resolve(self, name: str, chain: tuple[str, ...]) -> Entry:
        if name in self._entries:
            return self._entries[name]
        if name in chain:
            raise LexiconError(f"{self._source}: list '{name}' includes itself "
                               f"({' -> '.join(chain + (name,))})")
        raw = self._raw.get(name)
        if raw is None:
            where = f" (included by '{chain[-1]}')" if chain else ""
            raise LexiconError(f"{self._source}: unknown word list '{name}'{where}; "
                               f"define it under \"lists\" or fix the name")
        if isinstance(raw, dict) and "map" in raw:
            entry: Entry = MappingProxyType(dict(raw["map"]))
        else:
            words = raw.get("words") if isinstance(raw, dict) else raw
            if not isinstance(words, list):
                raise LexiconError(
                    f"{self._source}: list '{name}' needs a 'words' array or a 'map'")
            found: set[str] = set()
            for w in words:
                if w.startswith("@"):
                    included = self._resolve(w[1:], chain + (name,))
                    if not isinstance(included, frozenset):
                        raise LexiconError(
                            f"{self._source}: list '{name}' includes the map '{w[1:]}'")
                    found |= included
                else:
                    found.add(w)
            entry = frozenset(found)
        self._entries[name] = entry
        return entry

    def __getitem__(self, name: str) -> Entry:
        try:
            return self._entries[name]
        except KeyError:
            raise LexiconError(f"{self._source}: unknown word list '{name}'") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def words(self, name: str) -> frozenset[str]:
        """The word list ``name`` (a frozenset); a map or an unknown name is an error."""
        entry = self[name]
        if not isinstance(entry, frozenset):
            raise LexiconError(f"{self._source}: '{name}' is a map, not a word list")
        return entry

    def map(self, name: str) -> Mapping[str, str]:
        """The word map ``name`` (read-only); a word list or an unknown name is an error."""
        entry = self[name]
        if isinstance(entry, frozenset):
            raise LexiconError(f"{self._source}: '{name}' is a word list, not a map")
        return entry


def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    """Read and resolve a lexicon file (all includes checked at load)."""
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    return Lexicon(data.get("lists", {}), source=path.name)


LEXICON = load_lexicon()
