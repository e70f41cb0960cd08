"""The written forms of a mention: its noun phrase with the pre-modifiers, titles and short
place phrases the mention itself leaves out, kept as further aliases of the actor's node."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from graphbuilder.mentions.mention import Mention, clean_surface
from graphbuilder.mentions.words import DETERMINERS, PLACING_PREPS

_WRITTEN_MODIFIERS = frozenset({"amod", "compound", "nmod", "poss", "npadvmod"})
_COMPOUND_DEPS = frozenset({"compound", "nmod", "punct", "amod"})


def written_forms(doc: Doc, m: Mention) -> list[str]:
    """The actor's noun phrase as written, with the pre-modifiers the mention leaves out
    ("rebel Kurdistan Workers' Party", "Ivory Coast's Supreme Court", "Islamic
    fundamentalists"): further aliases of the actor's node.  Empty when nothing is added."""
    if m.kind == "coref" or not 0 <= m.start < m.end <= len(doc):
        return []
    head = doc[m.start:m.end].root
    np_head = _phrase_head(doc, head, m.end)
    start, end = _written_span(doc, m, head, np_head)
    forms = []
    if start < m.start or end > m.end:
        forms.append(clean_surface(doc[start:end]))
    if np_head is not head:
        forms.append(clean_surface(doc[start:np_head.i + 1]))
    forms.append(_title_form(doc, m, head, end))
    for a in (a for a in head.rights if a.dep_ == "appos" and a.pos_ == "PROPN"
              and a.left_edge.i == end):
        forms.append(clean_surface(doc[start:a.i + 1]))
    forms.append(_place_form(doc, m, np_head, start))
    return [f for f in forms if f and f != m.surface]


def _phrase_head(doc: Doc, head: Token, end: int) -> Token:
    """The noun a name is a compound of: "the fundamentalist Umma (Nation) party",
    "al-Qaeda terror network"; else the name's own head."""
    if head.dep_ in {"compound", "nmod"} and head.head.pos_ == "NOUN" and head.head.i >= end \
            and all(doc[k].head.i == head.head.i and doc[k].dep_ in _COMPOUND_DEPS
                    for k in range(end, head.head.i)):
        return head.head
    return head


def _written_span(doc: Doc, m: Mention, head: Token, np_head: Token) -> tuple[int, int]:
    """Start and end of the phrase as written: left modifiers in, determiners and numbers
    out, an open parenthesis closed ("Umma (Nation" + ")")."""
    start, end = m.start, m.end
    for c in head.lefts if np_head is head else np_head.lefts:
        if c.dep_ in _WRITTEN_MODIFIERS and c.i < start:
            start = min(start, c.left_edge.i)
    while start < m.start and (doc[start].lower_ in DETERMINERS or doc[start].is_punct
                               or doc[start].like_num or doc[start].pos_ == "DET"):
        start += 1
    while doc[start:end].text.count("(") > doc[start:end].text.count(")") and end < len(doc) \
            and (doc[end].text in {")", "("} or doc[end].is_alpha):
        end += 1
    return start, end


def _title_form(doc: Doc, m: Mention, head: Token, end: int) -> str | None:
    """A title and its holder in apposition: "Federal Minister for Interior X", "Niger's
    ambassador X" (on the holder's and on the title's side)."""
    if not (head.dep_ == "appos" and head.head.i < m.start and head.head.pos_ in {"NOUN", "PROPN"}):
        return None
    title_start = head.head.left_edge.i
    while title_start < m.start and doc[title_start].lower_ in DETERMINERS:
        title_start += 1
    if m.start - title_start <= 8 and not any(doc[k].is_punct and doc[k].text != "'s"
                                              for k in range(title_start, m.start)):
        return clean_surface(doc[title_start:end])
    return None


def _place_form(doc: Doc, m: Mention, np_head: Token, start: int) -> str | None:
    """A short place or origin after the head: "the Red Cross operating in Iraq", "a terror
    group based in Trinidad", "a missionary from Calgary" (read off the words, not the tree:
    the parser often makes the participle a clause)."""
    k = np_head.i + 1 if m.actor.label in {"Group", "Organization"} else len(doc)
    if k < len(doc) and doc[k].tag_ in {"VBG", "VBN"}:
        k += 1
    if k < len(doc) and doc[k].lower_ in PLACING_PREPS and doc[k].dep_ == "prep":
        phrase_end = doc[k].right_edge.i + 1
        if phrase_end - np_head.i <= 7 and not any(
                doc[j].is_punct and doc[j].text != "-" for j in range(np_head.i + 1, phrase_end)):
            return clean_surface(doc[start:phrase_end])
    return None
