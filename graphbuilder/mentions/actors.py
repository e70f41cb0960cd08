"""Actors the relation extractor creates on the spot (``graphbuilder.extract``): a demonym
modifier's country, a bare local group, and the localisation of groups of no country."""
from __future__ import annotations

from spacy.tokens import Token

from graphbuilder.gazetteer import Actor, Gazetteer
from graphbuilder.mentions.mention import Mention, regional


def demonym_mention(tok: Token, gazetteer: Gazetteer | None) -> Mention | None:
    """A country named by a demonym modifier ("an Indian proposal" -> India)."""
    if gazetteer is None or not tok.text[:1].isupper():
        return None
    iso = gazetteer.demonym(tok.text)
    if iso is None and tok.i > 0:
        iso = gazetteer.demonym(tok.doc[tok.i - 1].text + " " + tok.text)
    if iso is None:
        return None
    return Mention(tok.i, tok.i + 1, gazetteer.country(iso), tok.text, "demonym")


def bare_group_mention(tok: Token) -> Mention:
    """A local group named by a bare noun ("the opposition", "protesters"), of no country yet:
    :func:`localise` gives it the country of the event or of the other actor."""
    gid = "GRP:?:" + tok.lemma_.upper()
    return Mention(tok.i, tok.i + 1, Actor(gid, tok.text.lower(), "Group", None, None),
                   tok.text, "bare")


def localise(m: Mention | None, other: Mention | None, place: str | None = None,
             gazetteer: Gazetteer | None = None) -> Mention | None:
    """Give a bare local group ("the opposition") the country where the event happened
    ("protesters stormed the embassy in Baghdad"), else that of the other actor, or drop it."""
    if m is None:
        return m
    if m.kind == "group" and not m.actor.country and m.actor.label == "Group" and \
            m.actor.id.startswith("GRP:-:"):
        # "Shona rebels", "ELN rebels": a group the gazetteer places nowhere belongs to the
        # other actor's country (talks abroad are not held by locals), else where the event
        # happens; unplaced, it stays as it is
        if regional(m.actor.name):
            return m   # "European lawmakers", "Western diplomats": of no one country
        country = (other.actor.country if other is not None and other.kind != "bare"
                   else None) or place
        if not country:
            return m
        actor = Actor(f"GRP:{country}:{m.actor.id[6:]}", m.actor.name, "Group", country,
                      m.actor.role)
        return Mention(m.start, m.end, actor, m.surface, "group", aliases=list(m.aliases))
    if m.kind != "bare":
        return m
    country = place or (other.actor.country if other is not None and other.kind != "bare"
                        else None)
    if not country:
        return None
    lemma = m.actor.id.rsplit(":", 1)[-1]
    name = m.actor.name
    if name.islower() and gazetteer is not None:
        name = f"{gazetteer.adjective(country)} {name}"    # "protesters" -> "Iraqi protesters"
    actor = Actor(f"GRP:{country}:{lemma}", name, "Group", country, None)
    return Mention(m.start, m.end, actor, m.surface, "group")

