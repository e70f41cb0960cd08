"""Mentions that are no normalised actors: common-noun descriptions ("the village",
"civilians", "the international community") and untyped proper names ("Al Huwayjah").
They count for mention recall and are never relation ends (kind ``nominal``)."""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from graphbuilder.gazetteer import Actor
from graphbuilder.mentions.mention import Mention, id_key
from graphbuilder.mentions.words import (DETERMINERS, LOCATIVE_PREPS, NOMINAL_ORG_HEADS,
                                         NOMINAL_PERSON_HEADS, NOMINAL_PLACE_HEADS, NP_LEFT_DEPS,
                                         NUMERIC_ENTITY_LABELS, PLURAL_TAGS)


class NominalMixin:
    """The last step of :class:`~graphbuilder.mentions.finder.DocumentMentions`."""

    _nominal_heads: frozenset[str]
    _ent_of: list[int]
    _ents: list[Span]
    _covered: set[int]

    def _nominal_mentions(self, doc: Doc, table) -> None:
        """Descriptions and untyped names that are mentions but not normalised actors:
        "the village", "civilians", "the international community", "Al Huwayjah"."""
        i = 0
        while i < len(doc):
            t = doc[i]
            e = self._ent_of[i]
            if i in table or t.pos_ not in {"NOUN", "PROPN"} or i in self._covered or (
                    e >= 0 and self._ents[e].label_ in NUMERIC_ENTITY_LABELS):
                i += 1
            elif t.lemma_.lower() in self._nominal_heads or t.lower_ in self._nominal_heads:
                self._description(doc, t, table)
                i += 1
            elif t.pos_ == "PROPN" and e < 0 and t.text[:1].isupper() and t.is_alpha and \
                    not t.is_stop and t.lower_ not in LOCATIVE_PREPS:
                i = self._untyped_name(doc, t, table)
            else:
                i += 1

    def _description(self, doc: Doc, t: Token, table) -> None:
        """A common-noun description headed by ``t``, typed by its head noun."""
        low = t.lemma_.lower()
        if t.dep_ == "compound" and (t.head.i in table or t.head.lemma_.lower() in self._nominal_heads):
            return     # part of the head's phrase: "Coalition military forces"
        start = t.i
        for c in t.lefts:
            if c.dep_ in NP_LEFT_DEPS:
                start = min(start, c.left_edge.i)
        while start < t.i and (doc[start].lower_ in DETERMINERS or doc[start].is_punct):
            start += 1
        if low in NOMINAL_PLACE_HEADS and low not in NOMINAL_PERSON_HEADS:
            label = "Location"
        elif low in NOMINAL_ORG_HEADS:
            label = "Organization"
        elif t.tag_ in PLURAL_TAGS:
            label = "Group"
        else:
            label = "Person"
        text = doc[start:t.i + 1].text
        actor = Actor(id=f"NOM:{id_key(low)}", name=text, label=label, country=None, role=None)
        _cover(table, Mention(start, t.i + 1, actor, text, "nominal"))

    def _untyped_name(self, doc: Doc, t: Token, table) -> int:
        """An untyped proper name starting at ``t`` (a place after a locative preposition,
        else an organisation); returns the index after it."""
        i = j = t.i
        while j + 1 < len(doc) and j + 1 not in table and self._ent_of[j + 1] < 0 and \
                j + 1 not in self._covered and (
                doc[j + 1].pos_ == "PROPN" and doc[j + 1].text[:1].isupper()):
            j += 1
        text = doc[i:j + 1].text
        prev = doc[i - 1].lower_ if i else ""
        label = "Organization" if t.is_upper and len(t) > 1 else (
            "Location" if prev in LOCATIVE_PREPS else "Organization")
        actor = Actor(id=f"NOM:{id_key(text)}", name=text, label=label, country=None, role=None)
        _cover(table, Mention(i, j + 1, actor, text, "nominal"))
        return j + 1


def _cover(table, m: Mention) -> None:
    """Enter ``m`` for its tokens that no other mention holds."""
    for k in range(m.start, m.end):
        table.setdefault(k, m)
