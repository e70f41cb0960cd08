"""The mention finder: gazetteer phrases, "U.S.-led" prefixes and model entities, then the
steps of the mixins (people, groups, demonyms, coreference, nominals) in a fixed order."""
from __future__ import annotations

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from graphbuilder.gazetteer import Actor, Gazetteer
from graphbuilder.mentions.coref import CorefMixin
from graphbuilder.mentions.groups import GroupMixin
from graphbuilder.mentions.mention import Mention, clean_surface, id_key
from graphbuilder.mentions.nominal import NominalMixin
from graphbuilder.mentions.people import PeopleMixin
from graphbuilder.mentions.words import (ACTOR_ENTITY_LABELS, AGENTIVE_SUFFIXES, ARGUMENT_DEPS, BODY_WORDS,
                                         GROUP_NOUNS, NAME_ENTITY_LABELS, NAME_PARTICLES, NOMINAL_ORG_HEADS,
                                         NOMINAL_PERSON_HEADS, NOMINAL_PLACE_HEADS, PLURAL_TAGS)


class MentionFinder:
    """Builds the mention table of a spaCy Doc (see the package docstring).

    The finder holds what does not depend on the document (the gazetteer, its phrase
    matchers, the head-noun sets); :meth:`find` runs the steps on a fresh
    :class:`DocumentMentions`, the per-document context, so the finder keeps no state
    between documents."""

    def __init__(self, nlp, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        patterns: dict[str, list] = {}
        for phrase, key in gazetteer.phrases():
            patterns.setdefault(key, []).append(phrase)
        for key, phrases in patterns.items():
            self.matcher.add(key, list(nlp.tokenizer.pipe(phrases)))
        self.cased = PhraseMatcher(nlp.vocab, attr="ORTH")
        cased: dict[str, list] = {}
        for phrase, key in getattr(gazetteer, "case_sensitive_phrases", lambda: [])():
            cased.setdefault(key, []).append(phrase)
        for key, phrases in cased.items():
            self.cased.add(key, list(nlp.tokenizer.pipe(phrases)))
        self.demonym_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        by_iso: dict[str, list[str]] = {}
        for phrase, iso in gazetteer.demonym_phrases():
            by_iso.setdefault(iso, []).append(phrase)
        for iso, phrases in by_iso.items():
            self.demonym_matcher.add(iso, list(nlp.tokenizer.pipe(phrases)))
        self.agent_nouns = frozenset(gazetteer.agent_nouns()) if hasattr(gazetteer, "agent_nouns") \
            else frozenset()
        self.nominal_heads = (self.agent_nouns | NOMINAL_ORG_HEADS | NOMINAL_PERSON_HEADS
                              | NOMINAL_PLACE_HEADS | GROUP_NOUNS)

    def find(self, doc: Doc, date: str | None) -> dict[int, Mention]:
        """Return token index -> Mention for every token inside an actor mention."""
        return DocumentMentions(self, doc).find(date)


class DocumentMentions(PeopleMixin, GroupMixin, CorefMixin, NominalMixin):
    """The per-document context of the finder's steps: the document's indexes (entity and
    sentence of each token, possessive markers), its demonyms and the title tokens already
    covered; the steps live in mixins by subject (people, groups, coreference, nominals)."""

    def __init__(self, finder: MentionFinder, doc: Doc) -> None:
        self.finder = finder
        self.gaz = finder.gaz
        self._agent_nouns = finder.agent_nouns
        self._nominal_heads = finder.nominal_heads
        self._doc = doc
        self._index(doc)
        self._covered: set[int] = set()    # title tokens of a named person
        self._demonyms = self._find_demonyms(doc)

    def find(self, date: str | None) -> dict[int, Mention]:
        """Run the steps in order; token index -> Mention for every token inside a mention."""
        doc = self._doc
        table: dict[int, Mention] = {}
        mentions: list[Mention] = []
        self._gazetteer_mentions(doc, date, table, mentions)
        self._hyphen_mentions(doc, date, table, mentions)
        self._ner_mentions(doc, date, table, mentions)
        self._person_contexts(doc, table, mentions)
        self._group_mentions(doc, table, mentions)
        self._demonym_mentions(doc, table, mentions)
        self._dominant_country(doc, table, mentions)
        self._places_in_countries(doc, table, mentions)
        self._coref_mentions(doc, table, mentions)
        self._group_mentions(doc, table, mentions, possessed=True)  # "Israel said its troops"
        self._bodies_without_country(doc, table, mentions)
        self._nominal_mentions(doc, table)
        return table

    def _index(self, doc: Doc) -> None:
        """Token -> entity number and token -> sentence number, computed once per document."""
        ent_of = [-1] * len(doc)
        for n, ent in enumerate(doc.ents):
            for i in range(ent.start, ent.end):
                ent_of[i] = n
        self._ent_of = ent_of
        sent_of = [0] * len(doc)
        if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
            for n, sent in enumerate(doc.sents):
                for i in range(sent.start, sent.end):
                    sent_of[i] = n
        self._sent_of = sent_of
        self._ents = list(doc.ents)
        self._poss = [t.tag_ == "POS" for t in doc]

    def _bodies_without_country(self, doc: Doc, table, mentions) -> None:
        """"The Commerce Ministry said" after "China said": an unqualified government body
        belongs to the country most recently in subject position (news convention)."""
        for m in sorted(mentions, key=lambda x: x.start):
            a = m.actor
            if a.label != "Organization" or a.country or m.kind != "ner":
                continue
            low = a.name.lower()
            if not any(w in low.split() for w in BODY_WORDS):
                continue
            prior = self._salient(doc, [x for x in mentions if x.start < m.start], doc[m.start],
                                  {"Country"})
            if prior is None:
                continue
            body = self.gaz.body(prior.actor.id, a.name)
            if body is not None:
                m.actor = body

    def _places_in_countries(self, doc: Doc, table, mentions) -> None:
        """A place the gazetteer lacks followed by "in <country>" or ", <country>" lies in that
        country ("the town of Cizre in southeastern Turkey"), however the PP was attached."""
        for m in mentions:
            a = m.actor
            if a.label != "Location" or a.country or m.kind == "coref":
                continue
            j = m.end
            if j < len(doc) and doc[j].lower_ in {"in", ","}:
                j += 1
                while j < len(doc) and j - m.end <= 4 and j not in table and \
                        doc[j].pos_ in {"DET", "ADJ", "PROPN"}:
                    j += 1
                c = table.get(j)
                if c is not None and c.kind in {"name", "ner"} and c.actor.label == "Country":
                    m.actor = Actor(id=a.id, name=a.name, label=a.label, country=c.actor.id,
                                    role=a.role)

    def _find_demonyms(self, doc: Doc) -> dict[int, tuple[str, str]]:
        """Token index -> (ISO, surface) for capitalised demonyms ("North Korean", "Chinese")."""
        out: dict[int, tuple[str, str]] = {}
        hits = sorted(self.finder.demonym_matcher(doc), key=lambda h: (-(h[2] - h[1]), h[1]))
        for match_id, start, end in hits:
            span = doc[start:end]
            if not span.text[:1].isupper() or any(i in out for i in range(start, end)):
                continue
            iso = doc.vocab.strings[match_id]
            for i in range(start, end):
                out[i] = (iso, span.text)
        return out

    # -- sources ------------------------------------------------------------------------------
    def _add(self, table: dict[int, Mention], mentions: list[Mention], m: Mention) -> None:
        if m.end <= len(self._doc):
            m.head_plural = self._doc[m.end - 1].tag_ in PLURAL_TAGS
        for i in range(m.start, m.end):
            table[i] = m
        mentions.append(m)
        doc_len = len(self._ent_of)
        if m.end < doc_len and self._next_is_possessive(m.end) and m.kind != "coref":
            m.aliases.append(m.surface + "'s")      # the surface as written: "Haiti's"

    def _next_is_possessive(self, i: int) -> bool:
        return self._poss[i] if i < len(self._poss) else False

    def _gazetteer_mentions(self, doc: Doc, date, table, mentions) -> None:
        spans = []
        for _match_id, start, end in list(self.finder.matcher(doc)) + list(self.finder.cased(doc)):
            span = doc[start:end]
            if not any(ch.isupper() for ch in span.text):
                continue  # names are capitalised: "us" is a pronoun, "U.S." a country
            if span.text.isupper() and len(span.text) <= 3 and span[0].lower_ in {"it", "is"}:
                continue
            if len(span) > 1 and any(t.is_alpha and t.is_lower and len(t) > 3
                                     and t.lower_ not in NAME_PARTICLES for t in span[1:]):
                continue  # "Russia today" is not the channel "Russia Today"
            spans.append(span)
        # longest first, then leftmost
        for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
            if any(i in table for i in range(span.start, span.end)):
                continue
            if self._inside_longer_entity(span):
                continue
            actor = self.gaz.lookup(span.text, date)
            if actor is None:
                continue
            m = Mention(span.start, span.end, actor, clean_surface(span), "name")
            e = self._ent_of[span.start]
            if e >= 0:
                ent = self._ents[e]
                if ent.end - ent.start > span.end - span.start and ent.start <= span.start \
                        and span.end <= ent.end and ent.label_ in {"GPE", "LOC", "FAC"}:
                    m.aliases.append(clean_surface(ent))   # "Darfur" in "West Darfur State"
            self._add(table, mentions, m)

    def _hyphen_mentions(self, doc: Doc, date, table, mentions) -> None:
        """"U.S.-led", "Russian-backed": a token naming an actor before an agentive suffix."""
        for t in doc:
            if t.i in table or "-" not in t.text:
                continue
            low = t.lower_
            for suf in AGENTIVE_SUFFIXES:
                if low.endswith(suf):
                    prefix = t.text[: -len(suf)]
                    actor = self.gaz.lookup(prefix, date)
                    if actor is None:
                        iso = self.gaz.demonym(prefix)
                        actor = self.gaz.country(iso) if iso else None
                    if actor is not None:
                        self._add(table, mentions, Mention(t.i, t.i + 1, actor, prefix, "name"))
                    break

    def _inside_longer_entity(self, span: Span) -> bool:
        """A gazetteer hit inside a longer unknown ORG/FAC name ("Moscow City Court")."""
        n = self._ent_of[span.start] if span.start < len(self._ent_of) else -1
        if n < 0 or self._ent_of[span.end - 1] != n:
            return False
        ent = self._ents[n]
        if (ent.end - ent.start) > (span.end - span.start) and ent.label_ in NAME_ENTITY_LABELS:
            head = ent.root
            if not (span.start <= head.i < span.end):
                return True
        return False

    def _ner_mentions(self, doc: Doc, date, table, mentions) -> None:
        persons = [m for m in mentions if m.actor.label == "Person"]
        for ent in doc.ents:
            if ent.label_ not in ACTOR_ENTITY_LABELS:
                continue
            span = ent
            if span[0].lower_ == "the":
                span = doc[span.start + 1:span.end]
            if span.text.count("(") > span.text.count(")") and span.end < len(doc) and \
                    doc[span.end].text == ")":
                span = doc[span.start:span.end + 1]     # "Umma (Nation" -> "Umma (Nation)"
            if len(span) == 0 or any(i in table for i in range(span.start, span.end)):
                continue
            text = span.text.strip()
            if ent.label_ == "NORP":
                if not all(i in self._demonyms for i in range(span.start, span.end)):
                    self._norp_mention(span, date, table, mentions, persons)
                continue  # country demonyms: with the noun they modify (_group_mentions)
            if all(i in self._demonyms for i in range(span.start, span.end)):
                continue  # "Ugandan" tagged PERSON/ORG: a demonym, handled with its noun
            actor = None
            if ent.label_ == "PERSON" or (len(span) <= 2 and ent.label_ in {"ORG", "GPE"}):
                # "Xi" / "Kim" after "Xi Jinping" / "Kim Jong Un": the document's own person
                # wins over the global gazetteer
                actor = self._short_name(text, persons)
                if actor is not None:
                    m = Mention(span.start, span.end, actor, text, "name")
                    self._add(table, mentions, m)
                    continue
            actor = self.gaz.lookup(text, date)
            if actor is None and ent.label_ == "PERSON":
                # no short name of the document's persons matched above
                actor = self._new_person(span, table, date)
                m = Mention(span.start, span.end, actor, text, "ner")
                persons.append(m)
            elif actor is None and ent.label_ == "ORG":
                actor = self._new_org(span, table)
                m = Mention(span.start, span.end, actor, text, "ner")
            elif actor is None:
                actor = Actor(id="LOC:" + id_key(text), name=text, label="Location",
                              country=None, role=None)
                m = Mention(span.start, span.end, actor, text, "ner")
            else:
                m = Mention(span.start, span.end, actor, text, "name")
            self._add(table, mentions, m)

    def _norp_mention(self, span: Span, date, table, mentions, persons) -> None:
        """A NORP entity that is not a country demonym: an ethnic / religious / political
        group ("Yazidis", "Iraqi Kurds", "Shiite") or a misread name ("Abu Ghadiya")."""
        doc = span.doc
        head = span.root
        text = span.text.strip()
        iso = next((self._demonyms[i][0] for i in range(span.start, span.end)
                    if i in self._demonyms), None)
        start = span.start
        if iso is None:
            mods = [c for c in head.lefts if c.dep_ in {"amod", "compound", "poss"}
                    and c.i < span.start]
            iso, _ = self._modifier_country(mods, table)
            if iso is not None:     # "Iraqi Kurds": the group in that country
                start = min(c.left_edge.i for c in mods)
                text = doc[start:span.end].text
        argument = head.dep_ in ARGUMENT_DEPS and head.pos_ in {"NOUN", "PROPN"}
        short = None
        if argument and head.tag_ == "NNP" and (len(span) > 1 and span[0].lower_ in
                                                NAME_PARTICLES or (short := self._short_name(
                                                    text, persons))):
            actor = short or self._short_name(text, persons) or self._new_person(span, table, date)
            m = Mention(span.start, span.end, actor, text, "ner")
            persons.append(m)
            self._add(table, mentions, m)
            return
        key = id_key(text)
        actor = Actor(id=f"GRP:{iso or '-'}:{key}", name=text, label="Group", country=iso,
                      role=None)
        if argument and head.tag_ in PLURAL_TAGS:
            self._add(table, mentions, Mention(span.start, span.end, actor, text, "group"))
            for k in range(start, span.start):
                self._covered.add(k)
        else:
            self._add(table, mentions, Mention(span.start, span.end, actor, text, "modifier"))

    def _new_org(self, span: Span, table) -> Actor:
        """An organisation not in the gazetteer, tied to its country when one modifies it."""
        doc = span.doc
        mods = [doc[i] for i in range(max(0, span.start - 3), span.start)]
        mods += [t for t in span]
        country, surf = self._modifier_country(mods, table)
        name = clean_surface(span) if span[-1].tag_ == "POS" else span.text.strip()
        if country and surf and hasattr(self.gaz, "body"):
            rest = name
            for pref in (surf + "'s ", surf + " "):
                if rest.startswith(pref):
                    rest = rest[len(pref):]
            actor = self.gaz.body(country, rest)
            if actor is not None:
                return actor
        return Actor(id="ORG:" + (country + ":" if country else "") + id_key(name), name=name,
                     label="Organization", country=country, role=None)

