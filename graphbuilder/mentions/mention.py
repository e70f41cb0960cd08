"""The :class:`Mention` record and the small text helpers every mention source shares."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal, get_args

from spacy.tokens import Span

from graphbuilder.gazetteer import Actor
from graphbuilder.mentions.words import REGIONAL_WORDS

#: What a mention is (see the package docstring): ``name`` gazetteer phrase, ``ner`` model
#: entity, ``group`` placed nominal group, ``demonym`` people standing for their country,
#: ``coref`` resolved pronoun or description, ``bare`` a local group of no country yet,
#: ``modifier`` a qualifying demonym adjective, ``nominal`` a description that is no actor.
MentionKind = Literal["name", "ner", "group", "demonym", "coref", "bare", "modifier", "nominal"]
MENTION_KINDS: frozenset[str] = frozenset(get_args(MentionKind))
#: Mention kinds that are never relation ends on their own.
NON_ACTOR_KINDS: frozenset[str] = frozenset({"modifier", "nominal"})

_NON_WORD = re.compile(r"[^A-Za-z0-9]+")


@dataclass
class Mention:
    """A span of the document that names (or refers to) an actor."""

    start: int                   # token index (inclusive)
    end: int                     # token index (exclusive)
    actor: Actor
    surface: str
    kind: MentionKind = "name"
    aliases: list[str] = field(default_factory=list)
    title: str | None = None     # "President" for "Chinese President Xi Jinping"
    also: list[Mention] = field(default_factory=list)  # coordinated: "Chinese and Russian"
    head_plural: bool = False    # head noun is plural ("Palestinian leaders", "Americans")

    def __post_init__(self) -> None:
        if self.kind not in MENTION_KINDS:
            raise ValueError(f"unknown mention kind {self.kind!r}; one of {sorted(MENTION_KINDS)}")

    @property
    def plural(self) -> bool:
        """The mention stands for several actors or a plural group."""
        if self.head_plural or self.also:
            return True
        return self.kind == "group" and self.surface.endswith("s")

    @property
    def is_actor(self) -> bool:
        """False for ``modifier`` and ``nominal`` mentions (never relation ends)."""
        return self.kind not in NON_ACTOR_KINDS


def id_key(text: str) -> str:
    """An id part from free text: "Kurdistan Workers' Party" -> "KURDISTAN_WORKERS_PARTY"."""
    return _NON_WORD.sub("_", text.strip()).strip("_").upper()


def clean_surface(span: Span) -> str:
    """The span without a leading "the" and surrounding punctuation tokens ("U.S." stays)."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].lower_ == "the"):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].tag_ == "POS") and not (
            doc[end - 1].text == ")" and doc[start:end].text.count("(") ==
            doc[start:end].text.count(")")):
        end -= 1        # "the European Community's reform": the name has no "'s"
    return doc[start:end].text.strip(" ,'\"") if end > start else span.text.strip()


def alias_form(text: str) -> str:
    """An alias as stored: single spaces, no possessive ending ("Haiti's" names Haiti)."""
    text = " ".join(text.split())
    return text[:-2].rstrip() if text.endswith(("'s", "\u2019s")) else text


def regional(name: str) -> bool:
    """The name has a qualifier spanning several countries ("European lawmakers")."""
    return any(w.lower() in REGIONAL_WORDS for w in name.split())
