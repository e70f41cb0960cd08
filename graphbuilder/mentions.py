"""Find actor mentions in a parsed document and resolve them to normalised actors.

Sources, in order of trust: gazetteer phrases (countries, capitals, leaders, bodies, media,
IGOs, armed groups), the model's named entities, nominal groups ("Chinese companies", "North
Korean leaders", "people in Xinjiang"), then in-document coreference: short names ("Xi" after
"Xi Jinping"), pronouns ("it", "its", "they") and definite descriptions ("the ministry").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from graphbuilder.gazetteer import Actor, Gazetteer

# Agent nouns that stand for the government of the country that modifies them.
NON_GOV_BODIES = {"ministry", "minister", "agency", "court", "parliament", "ambassador", "embassy",
                  "envoy", "military", "army", "navy", "police", "force", "troop", "soldier"}
GOV_NOUNS = {"government", "leader", "leadership", "official", "authority", "administration",
             "regime", "state", "cabinet", "side", "delegation", "negotiator", "diplomat"}
# Titles that make a person the leader of their country.
LEADER_TITLES = {"president", "leader", "premier", "chairman", "king", "queen", "emir",
                 "sultan", "chancellor", "dictator", "monarch", "ayatollah"}
TITLE_NOUNS = LEADER_TITLES | {"minister", "secretary", "spokesman", "spokeswoman", "spokesperson",
                               "ambassador", "envoy", "general", "commander", "governor", "mayor",
                               "speaker", "senator", "lawmaker", "official", "counterpart",
                               "chief", "head", "director", "foreign", "defense", "defence",
                               "prime", "vice", "deputy", "former", "sprinter", "businessman",
                               "marine", "activist", "opposition", "dissident", "journalist"}
# Heads of nominal groups that may stand as actors even without a known agent code.
GROUP_NOUNS = {"people", "minority", "civilian", "citizen", "national", "protester", "student",
               "worker", "company", "firm", "business", "enterprise", "consumer", "refugee",
               "migrant", "prisoner", "hostage", "troop", "force", "soldier", "army", "military",
               "navy", "police", "opposition", "rebel", "militant", "fighter", "insurgent",
               "activist", "journalist", "farmer", "muslim", "christian", "villager",
               "resident", "demonstrator", "lawmaker", "legislator", "monitor", "ship", "vessel",
               "warship", "guard", "coast", "bank", "court", "parliament", "ministry",
               "agency", "group", "party", "union", "tribe", "clan", "population", "community"}
COUNTRY_PRONOUNS = {"it", "its", "itself"}
PLURAL_PRONOUNS = {"they", "their", "them", "theirs", "themselves"}
PERSON_PRONOUNS = {"he", "his", "him", "she", "her", "hers", "himself", "herself"}
DEFINITE_HEADS = {"ministry", "department", "agency", "government", "court", "council", "alliance",
                  "bloc", "firm", "company", "group", "militia", "army", "military", "country",
                  "kingdom", "republic", "organization", "organisation", "union"}
# "U.S.-led sanctions", "Saudi-backed forces": the actor before the hyphen.
AGENTIVE_SUFFIXES = ("-led", "-backed", "-imposed", "-sponsored", "-brokered", "-funded",
                     "-supported", "-drafted", "-proposed", "-allied", "-aligned", "-based")
NAME_PARTICLES = {"of", "the", "and", "for", "al", "bin", "ibn", "de", "del", "della", "der",
                  "van", "von", "la", "le", "du", "da", "dos", "das", "on", "in", "abu"}
_NON_WORD = re.compile(r"[^A-Za-z0-9]+")


@dataclass
class Mention:
    """A span of the document that names (or refers to) an actor."""

    start: int                   # token index (inclusive)
    end: int                     # token index (exclusive)
    actor: Actor
    surface: str
    kind: str = "name"           # name | ner | group | coref | demonym
    aliases: list[str] = field(default_factory=list)
    title: str | None = None     # "President" for "Chinese President Xi Jinping"
    also: list["Mention"] = field(default_factory=list)  # coordinated: "Chinese and Russian"

    @property
    def plural(self) -> bool:
        return self.kind == "group" and self.surface.endswith("s")


def _key(text: str) -> str:
    return _NON_WORD.sub("_", text.strip()).strip("_").upper()


def _clean_surface(span: Span) -> str:
    text = span.text
    for prefix in ("the ", "The "):
        if text.startswith(prefix):
            text = text[len(prefix):]
    return text.strip(" ,.'\"")


class MentionFinder:
    """Builds the mention table of one spaCy Doc (see module docstring)."""

    def __init__(self, nlp, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._keys: dict[int, str] = {}
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
        self._demonyms: dict[int, tuple[str, str]] = {}

    # -- public -------------------------------------------------------------------------------
    def find(self, doc: Doc, date: str | None) -> dict[int, Mention]:
        """Return token index -> Mention for every token inside an actor mention."""
        table: dict[int, Mention] = {}
        mentions: list[Mention] = []
        self._demonyms = self._find_demonyms(doc)
        self._gazetteer_mentions(doc, date, table, mentions)
        self._hyphen_mentions(doc, date, table, mentions)
        self._ner_mentions(doc, date, table, mentions)
        self._group_mentions(doc, table, mentions)
        self._coref_mentions(doc, table, mentions)
        self._bodies_without_country(doc, table, mentions)
        return table

    def _bodies_without_country(self, doc: Doc, table, mentions) -> None:
        """"The Commerce Ministry said" after "China said": an unqualified government body
        belongs to the country most recently in subject position (news convention)."""
        for m in sorted(mentions, key=lambda x: x.start):
            a = m.actor
            if a.label != "Organization" or a.country or m.kind != "ner":
                continue
            low = a.name.lower()
            if not any(w in low.split() for w in ("ministry", "department", "office", "cabinet",
                                                   "parliament", "embassy")):
                continue
            prior = self._salient(doc, [x for x in mentions if x.start < m.start], doc[m.start],
                                  {"Country"})
            if prior is None:
                continue
            body = self.gaz.body(prior.actor.id, a.name)
            if body is not None:
                m.actor = body

    def _find_demonyms(self, doc: Doc) -> dict[int, tuple[str, str]]:
        """Token index -> (ISO, surface) for capitalised demonyms ("North Korean", "Chinese")."""
        out: dict[int, tuple[str, str]] = {}
        hits = sorted(self.demonym_matcher(doc), key=lambda h: (-(h[2] - h[1]), h[1]))
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
        for i in range(m.start, m.end):
            table[i] = m
        mentions.append(m)

    def _gazetteer_mentions(self, doc: Doc, date, table, mentions) -> None:
        spans = []
        for match_id, start, end in list(self.matcher(doc)) + list(self.cased(doc)):
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
            self._add(table, mentions, Mention(span.start, span.end, actor,
                                               _clean_surface(span), "name"))

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

    @staticmethod
    def _inside_longer_entity(span: Span) -> bool:
        """A gazetteer hit inside a longer unknown ORG/FAC name ("Moscow City Court")."""
        for ent in span.doc.ents:
            if ent.start <= span.start and span.end <= ent.end and (ent.end - ent.start) > (
                    span.end - span.start) and ent.label_ in {"ORG", "FAC", "WORK_OF_ART",
                                                             "EVENT", "LAW", "PRODUCT"}:
                head = ent.root
                if not (span.start <= head.i < span.end):
                    return True
        return False

    def _ner_mentions(self, doc: Doc, date, table, mentions) -> None:
        persons = [m for m in mentions if m.actor.label == "Person"]
        for ent in doc.ents:
            if ent.label_ not in {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}:
                continue
            span = ent
            if span[0].lower_ == "the":
                span = doc[span.start + 1:span.end]
            if len(span) == 0 or any(i in table for i in range(span.start, span.end)):
                continue
            text = span.text.strip()
            if ent.label_ == "NORP":
                continue  # demonyms are handled with the noun they modify (_group_mentions)
            actor = self.gaz.lookup(text, date)
            if actor is None and ent.label_ == "PERSON":
                actor = self._short_name(text, persons)
                if actor is None:
                    actor = self._new_person(span, table, date)
                m = Mention(span.start, span.end, actor, text, "ner")
                persons.append(m)
            elif actor is None and ent.label_ == "ORG":
                actor = self._new_org(span, table)
                m = Mention(span.start, span.end, actor, text, "ner")
            elif actor is None:
                actor = Actor(id="LOC:" + _key(text), name=text, label="Location",
                              country=None, role=None)
                m = Mention(span.start, span.end, actor, text, "ner")
            else:
                m = Mention(span.start, span.end, actor, text, "name")
            self._add(table, mentions, m)

    def _short_name(self, text: str, persons: list[Mention]) -> Actor | None:
        """"Xi" after "Xi Jinping" in the same document is the same person."""
        parts = text.split()
        if len(parts) > 2:
            return None
        for m in reversed(persons):
            name_parts = m.actor.name.split()
            if len(name_parts) > len(parts) and (name_parts[:len(parts)] == parts
                                                 or name_parts[-len(parts):] == parts):
                return m.actor
        return None

    def _modifier_country(self, tokens: list[Token], table) -> tuple[str | None, str | None]:
        """Country (ISO) and its surface from demonym/country modifiers among ``tokens``."""
        for t in tokens:
            m = table.get(t.i)
            if m is not None and m.actor.country:
                return m.actor.country, m.surface
            hit = self._demonyms.get(t.i)
            if hit:
                return hit
            iso = self.gaz.demonym(t.text)
            if iso:
                return iso, t.text
        return None, None

    def _modifier_countries(self, t: Token, table) -> tuple[list[tuple[str, str]], list[Token]]:
        """All countries named by the left modifiers of ``t`` (coordination included:
        "North Korean and Chinese leaders"), and the modifiers that are other groups (NORP)."""
        mods = [c for c in t.lefts if c.dep_ in {"amod", "compound", "poss", "nmod", "npadvmod"}]
        expanded: list[Token] = []
        for c in mods:
            expanded.append(c)
            expanded.extend(x for x in c.conjuncts if x.i < t.i)
        countries: list[tuple[str, str]] = []
        others: list[Token] = []
        for c in sorted(set(expanded), key=lambda x: x.i):
            m = table.get(c.i)
            hit = None
            if m is not None and m.kind != "coref" and m.actor.country:
                hit = (m.actor.country, m.surface)
            elif c.i in self._demonyms:
                hit = self._demonyms[c.i]
            if hit:
                if hit[0] not in {h[0] for h in countries}:
                    countries.append(hit)
            elif c.ent_type_ == "NORP" or (c.pos_ == "PROPN" and c.dep_ in {"amod", "compound"}):
                others.append(c)
        return countries, others

    def _new_person(self, span: Span, table, date) -> Actor:
        """A person not in the gazetteer: country and role from title modifiers."""
        doc = span.doc
        left = []
        i = span.start - 1
        while i >= 0 and (doc[i].dep_ in {"compound", "amod", "poss", "case", "punct"}
                          or doc[i].pos_ in {"PROPN", "ADJ", "NOUN"}) and len(left) < 6:
            if doc[i].text in {",", "(", "and"}:
                break
            left.append(doc[i])
            if doc[i].is_sent_start:
                break
            i -= 1
        country, _ = self._modifier_country(left, table)
        titles = {t.lower_ for t in left}
        role = "GOV" if titles & (LEADER_TITLES | {"minister", "ambassador", "envoy", "secretary"}) \
            else None
        name = span.text.strip()
        if name.endswith("'s"):
            name = name[:-2]
        return Actor(id="PER:" + _key(name), name=name, label="Person", country=country,
                     role=role)

    def _new_org(self, span: Span, table) -> Actor:
        """An organisation not in the gazetteer, tied to its country when one modifies it."""
        doc = span.doc
        mods = [doc[i] for i in range(max(0, span.start - 3), span.start)]
        mods += [t for t in span]
        country, surf = self._modifier_country(mods, table)
        name = span.text.strip()
        if country and surf and hasattr(self.gaz, "body"):
            rest = name
            for pref in (surf + "'s ", surf + " "):
                if rest.startswith(pref):
                    rest = rest[len(pref):]
            actor = self.gaz.body(country, rest)
            if actor is not None:
                return actor
        return Actor(id="ORG:" + (country + ":" if country else "") + _key(name), name=name,
                     label="Organization", country=country, role=None)

    def _group_mentions(self, doc: Doc, table, mentions) -> None:
        for t in doc:
            if t.i in table or t.pos_ not in {"NOUN", "PROPN"}:
                continue
            lemma = t.lemma_.lower()
            if t.i in self._demonyms and t.tag_ in {"NNPS", "NNS"}:
                # "Americans", "the Chinese": the people stand for their country
                iso, surf = self._demonyms[t.i]
                self._add(table, mentions, Mention(t.i, t.i + 1, self.gaz.country(iso), surf,
                                                   "demonym"))
                continue
            if t.i in self._demonyms:
                continue
            sector = self.gaz.agent(lemma)
            if sector is None and lemma not in GROUP_NOUNS:
                continue
            if t.dep_ == "compound" and (t.head.i in table or t.head.ent_type_ == "PERSON"):
                continue  # a title inside a name: "leader" in "leader Kim Jong Un"
            countries, norp = self._modifier_countries(t, table)
            qualifier = None
            for prep in (c for c in t.rights if c.dep_ == "prep" and c.lower_ in {"in", "from", "of"}):
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    m = table.get(pobj.i)
                    if m is None or m.kind == "coref" or m.actor.label not in {"Location", "Country"}:
                        continue
                    iso = m.actor.country or (m.actor.id if m.actor.label == "Country" else None)
                    if m.actor.label == "Location":
                        qualifier = m.actor.name
                    if iso and not countries:
                        countries.append((iso, m.surface))
            if not countries and not norp:
                continue
            mods = [c for c in t.lefts if c.dep_ in {"amod", "compound", "poss", "nmod", "npadvmod"}]
            start = min([t.i] + [c.left_edge.i for c in mods if c.dep_ != "det"])
            surface = doc[start:t.i + 1].text
            head_text = t.text.lower()
            gov = (lemma in GOV_NOUNS or sector == "GOV") and lemma not in NON_GOV_BODIES
            built: list[Mention] = []
            for iso, surf in countries or [(None, None)]:
                if iso and gov and not norp and not qualifier:
                    built.append(Mention(t.i, t.i + 1, self.gaz.country(iso), surf, "demonym",
                                         aliases=[surf]))
                    continue
                if qualifier:
                    name = f"{head_text} in {qualifier}"
                    gid = f"GRP:{iso or '-'}:{_key(lemma)}:{_key(qualifier)}"
                elif norp:
                    qual = " ".join(c.text for c in norp)
                    name = f"{qual} {head_text}"
                    gid = f"GRP:{iso or '-'}:{_key(qual)}_{_key(lemma)}"
                else:
                    name = f"{self.gaz.adjective(iso) or surf} {head_text}"
                    gid = f"GRP:{iso}:{_key(lemma)}"
                actor = Actor(id=gid, name=name, label="Group", country=iso, role=sector)
                built.append(Mention(start, t.i + 1, actor, surface, "group"))
            head, rest = built[0], built[1:]
            head.also = rest
            self._add(table, mentions, head)

    def _coref_mentions(self, doc: Doc, table, mentions) -> None:
        """Pronouns and definite descriptions resolve to the most salient compatible mention."""
        ordered = sorted(mentions, key=lambda m: m.start)
        for t in doc:
            if t.i in table:
                continue
            low = t.lower_
            antecedent = None
            if low in COUNTRY_PRONOUNS and t.pos_ == "PRON":
                antecedent = self._salient(doc, ordered, t, {"Country", "Organization"})
            elif low in PLURAL_PRONOUNS:
                antecedent = self._salient(doc, ordered, t, {"Group"}, plural_only=True)
            elif low in PERSON_PRONOUNS:
                antecedent = self._salient(doc, ordered, t, {"Person"})
            elif t.pos_ == "NOUN" and any(c.lower_ == "the" for c in t.children) \
                    and t.lemma_.lower() in DEFINITE_HEADS:
                antecedent = self._recent_with_head(ordered, t)
            if antecedent is not None:
                m = Mention(t.i, t.i + 1, antecedent.actor, antecedent.surface, "coref")
                table[t.i] = m

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
        return out

    @staticmethod
    def _salient(doc: Doc, ordered: list[Mention], t: Token, labels: set[str],
                 plural_only: bool = False) -> Mention | None:
        """Rank earlier compatible mentions: subjects first, then recency; within 3 sentences."""
        sent_starts = [s.start for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
        this_sent = max(i for i, st in enumerate(sent_starts) if st <= t.i)
        excluded = MentionFinder._excluded(t)
        best, best_score = None, None
        for m in ordered:
            if m.start >= t.i:
                break
            if m.kind == "coref" or m.actor.label not in labels:
                continue
            if plural_only and not m.plural:
                continue
            if m.start in excluded:
                continue
            m_sent = max(i for i, st in enumerate(sent_starts) if st <= m.start)
            distance = this_sent - m_sent
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
            if lemma in name or (lemma in {"firm", "company"} and m.actor.role == "BUS"):
                return m
        return None
