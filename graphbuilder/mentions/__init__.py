"""Find actor mentions in a parsed document and resolve them to normalised actors.

Sources, in order of trust: gazetteer phrases (countries, capitals, leaders, bodies, media,
IGOs, armed groups), the model's named entities, nominal groups ("Chinese companies", "North
Korean leaders", "people in Xinjiang"), then in-document coreference: short names ("Xi" after
"Xi Jinping"), pronouns ("it", "its", "they") and definite descriptions ("the ministry").

Kinds (``Mention.kind``):

* ``name`` (gazetteer), ``ner`` (model entity), ``group`` ("Chinese companies"), ``demonym``
  (a demonym or country-qualified government noun standing for the country: "Americans",
  "Moroccan diplomats"), ``coref`` (resolved pronoun / description): actors, relation ends;
* ``modifier``: a demonym adjective that only qualifies something ("the Syrian civil war",
  "Russian President Boris Yeltsin"): its actor is the country, usable as the owner/agent of
  the noun it modifies ("Iraqi sovereignty", "American sanctions") but never an argument on
  its own;
* ``nominal``: a common-noun description or an untyped proper name that is a mention but not
  a normalised actor ("the village", "civilians", "the international community", "Al
  Huwayjah"): counted for mention recall, never a relation end.

``NON_ACTOR_KINDS`` lists the last two; ``Mention.is_actor`` is False for them. The
relation extractor adds ``bare`` mentions (a local group of no country yet, "protesters")
through :func:`bare_group_mention`; :func:`localise` places them. ``Mention.kind`` is typed
(:data:`MentionKind`).

Modules: :mod:`~graphbuilder.mentions.mention` (the record, id and surface helpers),
:mod:`~graphbuilder.mentions.finder` (the finder, its per-document context
:class:`DocumentMentions` and the first sources) with the steps in
:mod:`~graphbuilder.mentions.people`, :mod:`~graphbuilder.mentions.groups`,
:mod:`~graphbuilder.mentions.coref` and :mod:`~graphbuilder.mentions.nominal`;
:mod:`~graphbuilder.mentions.forms` (written forms as aliases),
:mod:`~graphbuilder.mentions.actors` (actors the extractor creates) and
:mod:`~graphbuilder.mentions.words` (the word lists, from the lexicon's ``mentions.*``).
"""
from __future__ import annotations

from graphbuilder.mentions.actors import bare_group_mention, demonym_mention, localise
from graphbuilder.mentions.finder import DocumentMentions, MentionFinder
from graphbuilder.mentions.forms import written_forms
from graphbuilder.mentions.mention import (MENTION_KINDS, NON_ACTOR_KINDS, Mention, MentionKind, alias_form,
                                           clean_surface, regional)
from graphbuilder.mentions.words import GOV_NOUNS, LEADER_TITLES, TITLE_NOUNS

__all__ = [
    "GOV_NOUNS", "LEADER_TITLES", "MENTION_KINDS", "NON_ACTOR_KINDS", "TITLE_NOUNS", "DocumentMentions", "Mention",
    "MentionFinder", "MentionKind", "alias_form", "bare_group_mention", "clean_surface",
    "demonym_mention", "localise", "regional", "written_forms",
]
