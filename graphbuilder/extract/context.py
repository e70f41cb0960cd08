"""The per-document state the rules share: the parse, its mention table and the dictionaries."""
from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc

from graphbuilder.mentions import Mention
from graphbuilder.ontology import Ontology


@dataclass(frozen=True)
class Context:
    """One document being extracted: ``table`` maps a token index to the mention it heads."""

    doc: Doc
    table: dict[int, Mention]
    onto: Ontology
    gaz: object | None = None      # graphbuilder.gazetteer.Gazetteer (demonyms, adjectives)

    @classmethod
    def build(cls, doc: Doc, table: dict[int, Mention], onto: Ontology,
              gaz: object | None = None) -> Context:
        """The context of a parsed document and its mention table (from
        ``MentionFinder.find``); descriptions ("the village", "civilians") count as mentions
        but are not actors, so they are left out."""
        return cls(doc, {i: m for i, m in table.items() if m.kind != "nominal"}, onto, gaz)

    def without_own(self, ids: set[str]) -> Context:
        """The same document with pronoun mentions (corefs) of the actors ``ids`` left out."""
        return replace(self, table={i: m for i, m in self.table.items()
                                    if not (m.kind == "coref" and m.actor.id in ids)})
