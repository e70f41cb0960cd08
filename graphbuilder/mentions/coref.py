"""In-document coreference: pronouns, "the two countries", definite descriptions ("the
ministry") resolved to the most salient earlier actor mention."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from graphbuilder.gazetteer import Gazetteer
from graphbuilder.mentions.mention import Mention
from graphbuilder.mentions.words import (COUNTRY_PRONOUNS, DEFINITE_HEADS, PAIR_HEADS, PERSON_PRONOUNS,
                                         PLURAL_PRONOUNS, PLURAL_TAGS)


class CorefMixin:
    """Coreference steps of :class:`~graphbuilder.mentions.finder.DocumentMentions`."""

    gaz: Gazetteer
    _sent_of: list[int]

    def _coref_mentions(self, doc: Doc, table, mentions) -> None:
        """Pronouns and definite descriptions resolve to the most salient compatible mention."""
        ordered = sorted((m for m in mentions if m.is_actor), key=lambda m: m.start)
        persons = [m for m in ordered if m.actor.label == "Person" and m.kind in {"name", "ner"}]
        for t in doc:
            if t.i in table:
                continue
            low = t.lower_
            antecedent = None
            if t.pos_ == "PROPN" and t.text[:1].isupper() and persons:
                # "Xi" after "Xi Jinping" when the model did not tag it
                actor = self._short_name(t.text, [p for p in persons if p.start < t.i])
                if actor is not None:
                    self._add(table, mentions, Mention(t.i, t.i + 1, actor, t.text, "name"))
                    continue
            if t.tag_ in PLURAL_TAGS and t.lemma_.lower() in PAIR_HEADS:
                pair = self._pair(doc, ordered, t)
                if pair is not None:
                    table[t.i] = pair
                    continue
            if low in COUNTRY_PRONOUNS and t.pos_ == "PRON":
                # "the Pakistani military said it killed ...": singular groups too
                antecedent = self._salient(doc, ordered, t, {"Country", "Organization", "Group"},
                                           singular_only=True)
            elif low in PLURAL_PRONOUNS:
                antecedent = self._salient(doc, ordered, t, {"Group", "Country", "Organization"},
                                           plural_only=True)
            elif low in PERSON_PRONOUNS:
                antecedent = self._salient(doc, ordered, t, {"Person"})
            elif t.pos_ == "NOUN" and any(c.lower_ == "the" for c in t.children) \
                    and t.lemma_.lower() in DEFINITE_HEADS:
                antecedent = self._recent_with_head(ordered, t)
            if antecedent is not None:
                m = Mention(t.i, t.i + 1, antecedent.actor, antecedent.surface, "coref",
                            also=[a for a in antecedent.also])
                table[t.i] = m

    def _pair(self, doc: Doc, ordered: list[Mention], t: Token) -> Mention | None:
        """"the two countries", "both sides", "the two leaders": the last two distinct actors
        of a fitting kind within the last three sentences, as one coordinated coref mention."""
        if not any(c.lower_ in {"two", "both"} for c in t.children):
            return None
        lemma = t.lemma_.lower()
        if lemma in {"leader", "president", "minister"}:
            labels = {"Person"}
        elif lemma in {"country", "nation", "state", "capital", "government"}:
            labels = {"Country"}
        else:
            labels = {"Country", "Person", "Organization", "Group"}
        sent = self._sent_of[t.i]
        found: list[Mention] = []
        for m in reversed(ordered):
            if m.start >= t.i or m.kind == "coref":
                continue
            if sent - self._sent_of[m.start] > 2:
                break
            if m.actor.label not in labels:
                if "Country" in labels and m.actor.label == "Person" and m.actor.country:
                    # "Xi met Kim ... the two countries": the countries of the two leaders
                    try:
                        m = Mention(m.start, m.end, self.gaz.country(m.actor.country),
                                    m.surface, m.kind)
                    except KeyError:
                        continue
                else:
                    continue
            if all(f.actor.id != m.actor.id for f in found):
                found.append(m)
            if len(found) == 2:
                break
        if len(found) < 2:
            return None
        second, first = found
        return Mention(t.i, t.i + 1, first.actor, first.surface, "coref",
                       also=[Mention(t.i, t.i + 1, second.actor, second.surface, "coref")])

    @staticmethod
    def _excluded(t: Token) -> set[int]:
        """Tokens a pronoun cannot refer to: the noun its phrase is in apposition with
        ("China, its major ally": its != China) and the subject of its own clause when the
        pronoun is an object ("X told it" - reflexives aside)."""
        out: set[int] = set()
        head = t.head
        if t.dep_ == "poss" and head.dep_ in {"appos", "conj"}:
            out.add(head.head.i)
            out.update(c.i for c in head.head.subtree)
        if t.dep_ in {"dobj", "dative", "pobj"} and not t.lower_.endswith(("self", "selves")):
            # binding: "Lula welcomed Maduro and defended him": him != Lula
            verb = head.head if t.dep_ == "pobj" and head.dep_ in {"prep", "agent"} else head
            for _ in range(3):
                subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
                if subjects or verb.dep_ != "conj" or verb.head.i == verb.i:
                    break
                verb = verb.head
            for subj in subjects:
                out.update(c.i for c in subj.subtree)
        return out

    def _salient(self, doc: Doc, ordered: list[Mention], t: Token, labels: set[str],
                 plural_only: bool = False, singular_only: bool = False) -> Mention | None:
        """Rank earlier compatible mentions: subjects first, then recency; within 3 sentences."""
        sent_of = self._sent_of
        this_sent = sent_of[t.i]
        excluded = self._excluded(t)
        best, best_score = None, None
        for m in ordered:
            if m.start >= t.i:
                break
            if m.kind == "coref" or m.actor.label not in labels or not m.is_actor:
                continue
            if plural_only and not m.plural:
                continue
            if singular_only and m.actor.label == "Group" and m.plural:
                continue
            if m.start in excluded:
                continue
            distance = this_sent - sent_of[m.start]
            if distance > 2:
                continue
            root = doc[m.end - 1]
            while root.dep_ in {"compound", "amod", "flat"} and root.head.i != root.i \
                    and root.head.i < m.end + 3:
                root = root.head
            subject = root.dep_ in {"nsubj", "nsubjpass"} or (
                root.dep_ == "conj" and root.head.dep_ in {"nsubj", "nsubjpass"})
            score = (3 if subject else 0) - 2 * distance + m.start / max(t.i, 1)
            if best_score is None or score >= best_score:
                best, best_score = m, score
        return best

    @staticmethod
    def _recent_with_head(ordered: list[Mention], t: Token) -> Mention | None:
        lemma = t.lemma_.lower()
        for m in reversed(ordered):
            if m.start >= t.i:
                continue
            name = m.actor.name.lower()
            if lemma in name or (lemma in {"firm", "company"} and m.actor.role == "BUS") or (
                    lemma in {"bloc", "alliance", "organization", "organisation"}
                    and m.actor.role == "IGO"):   # "the African Union ... The bloc"
                return m
        return None

