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

``NON_ACTOR_KINDS`` lists the last two; ``Mention.is_actor`` is False for them.
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
# Offices one person holds at a time in a country.
SINGLE_OFFICES = {"president", "premier", "prime", "king", "queen", "emir", "sultan", "chancellor",
                  "monarch"}
TITLE_NOUNS = LEADER_TITLES | {"minister", "secretary", "spokesman", "spokeswoman", "spokesperson",
                               "ambassador", "envoy", "general", "commander", "governor", "mayor",
                               "speaker", "senator", "lawmaker", "official", "counterpart",
                               "chief", "head", "director", "foreign", "defense", "defence",
                               "prime", "vice", "deputy", "former", "sprinter", "businessman",
                               "marine", "activist", "opposition", "dissident", "journalist",
                               "sheikh", "prince", "princess", "crown", "emir", "mr", "mr.",
                               "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "gen", "gen.", "col",
                               "col.", "lt", "lt.", "capt", "capt.", "sgt", "sgt.", "maj",
                               "maj.", "adm", "adm.", "rev", "rev.", "colonel", "captain",
                               "lieutenant", "major", "admiral", "sergeant", "brig", "brig.",
                               "chairwoman", "chairperson", "undersecretary", "assistant",
                               "advisor", "adviser", "special", "representative", "delegate",
                               "judge", "justice", "cleric", "imam", "rabbi", "pope",
                               "archbishop", "bishop", "cardinal", "federal", "interior",
                               "finance", "trade", "state", "national", "security",
                               "-", "of", "for", "the"}
# Heads of nominal groups that may stand as actors even without a known agent code.
GROUP_NOUNS = {"people", "minority", "civilian", "citizen", "national", "protester", "student",
               "agent", "operative", "spy",
               "worker", "company", "firm", "business", "enterprise", "consumer", "refugee",
               "migrant", "prisoner", "hostage", "troop", "force", "soldier", "army", "military",
               "navy", "police", "opposition", "rebel", "militant", "fighter", "insurgent",
               "activist", "journalist", "farmer", "muslim", "christian", "villager",
               "resident", "demonstrator", "lawmaker", "legislator", "monitor", "ship", "vessel",
               "warship", "guard", "coast", "bank", "court", "parliament", "ministry",
               "agency", "group", "party", "union", "tribe", "clan", "population", "community",
               # people acting in a role, and military hardware standing for its operators
               "candidate", "inspector", "officer", "youth", "striker", "adviser", "advisor",
               "personnel", "negotiator", "tank", "bulldozer", "helicopter", "jet", "aircraft",
               "gunboat", "artillery", "gunman", "commando", "paramilitary", "side", "boat",
               "lorry", "truck", "convoy", "trawler", "airliner", "drone", "plane", "warplane",
               "bomber"}
# People speaking or acting for the organisation that modifies them.
MEMBER_NOUNS = {"official", "spokesman", "spokeswoman", "spokesperson", "representative",
                "staff", "member", "delegate", "delegation", "worker", "employee", "negotiator",
                "envoy", "officer", "source", "leader", "minister", "diplomat", "inspector",
                "monitor", "observer", "commander", "lawmaker", "legislator"}
# Fighters of an armed group are the group ("Hezbollah fighters"); an alliance's troops stay a
# force of their own ("NATO peacekeeping troops arrived": the peacekeeping is theirs).
ARMED_MEMBER_NOUNS = {"fighter", "militant", "bomber", "gunman", "guerrilla", "troop", "soldier"}
# Participles whose modifier names the owner or operator ("British-owned", "Serbian-run").
OWNER_PARTICIPLES = {"own", "owned", "run", "operate", "operated", "flag", "flagged", "register",
                     "registered", "back", "backed", "fund", "funded", "control", "controlled",
                     "lead", "led", "command", "commanded"}
# Nouns forming one head with the group noun they modify ("coast guard", "border police").
HEAD_COMPOUNDS = {"coast", "border", "security", "riot", "naval", "air", "secret", "military",
                  "armed", "defence", "defense", "revolutionary", "national", "special", "service"}
VEHICLE_NOUNS = {"ship", "vessel", "boat", "warship", "gunboat", "tank", "bulldozer", "helicopter",
                 "jet", "aircraft", "plane", "truck", "lorry", "convoy", "trawler"}
OPERATOR_NOUNS = {"army", "navy", "police", "military", "guard", "force", "militia",
                  "marine", "marines"}
# Words naming no single country inside an organisation's name.
SUPRANATIONAL_WORDS = {"international", "world", "global", "european", "arab", "african", "asian",
                       "united", "nations", "regional", "pacific", "atlantic", "red",
                       "amnesty", "human", "crescent", "gulf", "american", "commonwealth"}
# Qualifiers of groups that span several countries ("European lawmakers", "Western diplomats").
REGIONAL_WORDS = {"european", "western", "african", "arab", "asian", "latin", "foreign",
                  "international", "gulf", "nordic", "baltic", "balkan"}
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
#: Mention kinds that are never relation ends on their own (see module docstring).
NON_ACTOR_KINDS = frozenset({"modifier", "nominal"})
# Heads of common-noun mentions that are not actors ("the village", "civilians", "the regime").
NOMINAL_ORG_HEADS = {"group", "organization", "organisation", "network", "coalition", "alliance",
                     "team", "unit", "party", "regime", "government", "administration",
                     "ministry", "department", "agency", "council", "committee", "commission",
                     "force", "army", "militia", "company", "firm", "community", "faction",
                     "movement", "cell", "brigade", "battalion", "division", "command",
                     "bloc", "delegation", "contingent", "enemy", "opposition", "wing"}
NOMINAL_PERSON_HEADS = {"secretary", "minister", "adviser", "advisor", "officer", "member",
                        "hero", "chief", "expert", "translator", "linguist", "participant",
                        "responder", "player", "backer", "partner", "ally", "friend", "sheikh",
                        "spokesman", "spokeswoman", "spokesperson", "official", "leader",
                        "commander", "soldier", "physician", "doctor", "family", "mourner",
                        "victim", "child", "civilian", "people", "person", "man", "woman",
                        "resident", "citizen", "national", "fighter", "terrorist", "militant",
                        "insurgent", "rebel", "troop", "personnel", "staff", "employee",
                        "volunteer", "worker", "student", "protester", "demonstrator",
                        "refugee", "migrant", "hostage", "prisoner", "detainee", "journalist",
                        "reporter", "diplomat", "ambassador", "envoy", "representative",
                        "negotiator", "mediator", "observer", "monitor", "peacekeeper",
                        "president", "premier", "governor", "mayor", "general", "colonel",
                        "captain", "sergeant", "lieutenant", "marine", "sailor", "airman",
                        "pilot", "guard", "police", "policeman", "agent", "spy", "judge",
                        "lawmaker", "legislator", "senator", "deputy", "candidate", "voter",
                        "supporter", "follower", "loyalist", "extremist", "jihadist",
                        "gunman", "attacker", "bomber", "suspect", "nation", "state",
                        "authority", "stakeholder", "donor", "counterpart"}
NOMINAL_PLACE_HEADS = {"village", "town", "city", "area", "region", "province", "district",
                       "country", "territory", "border", "hospital", "school", "mosque",
                       "church", "facility", "station", "position", "route", "road", "bridge",
                       "dam", "building", "compound", "base", "camp", "airport", "airfield",
                       "port", "harbor", "harbour", "center", "centre", "hall", "library",
                       "restaurant", "market", "safehouse", "tent", "site", "neighborhood",
                       "neighbourhood", "street", "square", "capital", "island", "reservoir",
                       "canal", "barracks", "barrack", "headquarters", "checkpoint",
                       "crossing", "coast", "mountain", "valley", "river", "lake", "prison",
                       "embassy", "consulate", "palace", "cache", "depot", "warehouse",
                       "refinery", "plant", "tunnel", "entrance", "gate", "bunker", "outpost",
                       "stronghold", "suburb", "quarter", "settlement", "frontier", "zone",
                       "corridor", "highway", "pipeline", "field", "oilfield", "port",
                       "university", "museum", "court", "parliament", "complex", "structure",
                       "gym", "bath", "region", "peninsula", "strait", "sea", "desert",
                       "governorate", "municipality", "county", "state", "homeland",
                       "battlefield", "front", "frontline", "province", "place", "location"}
# Nouns that name a place only in the singular with a determiner are too vague: none so far.
_NUMERIC_ENTS = {"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "CARDINAL", "QUANTITY"}
# Left dependents that belong to a noun phrase's mention span.
_NP_LEFT_DEPS = {"det", "amod", "compound", "nummod", "poss", "nmod", "quantmod", "npadvmod",
                 "predet"}
# Prepositions after which an untyped proper name is a place ("near Al Huwayjah").
_LOCATIVE_PREPS = {"in", "near", "at", "outside", "around", "from", "to", "into", "toward",
                   "towards", "across", "inside", "through", "between", "south", "north",
                   "east", "west", "of"}
# "the two countries", "both sides": a plural description referring to the two last actors.
PAIR_HEADS = {"country", "nation", "side", "government", "state", "leader", "party", "capital",
              "neighbor", "neighbour", "ally", "rival", "power", "president", "minister"}
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}


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
    head_plural: bool = False    # head noun is plural ("Palestinian leaders", "Americans")

    @property
    def plural(self) -> bool:
        if self.head_plural or self.also:
            return True
        return self.kind == "group" and self.surface.endswith("s")

    @property
    def is_actor(self) -> bool:
        """False for ``modifier`` and ``nominal`` mentions (never relation ends)."""
        return self.kind not in NON_ACTOR_KINDS


def _key(text: str) -> str:
    return _NON_WORD.sub("_", text.strip()).strip("_").upper()


def _clean_surface(span: Span) -> str:
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


_WRITTEN_MODIFIERS = {"amod", "compound", "nmod", "poss", "npadvmod"}
_PLACING_PREPS = {"in", "from", "of", "near", "throughout", "across", "inside"}


def written_forms(doc: Doc, m: Mention) -> list[str]:
    """The actor's noun phrase as written, with the pre-modifiers the mention leaves out
    ("rebel Kurdistan Workers' Party", "Ivory Coast's Supreme Court", "Islamic
    fundamentalists"): further aliases of the actor's node.  Empty when nothing is added."""
    if m.kind == "coref" or not 0 <= m.start < m.end <= len(doc):
        return []
    end = m.end
    head = doc[m.start:m.end].root
    forms = []
    np_head = head
    if head.dep_ in {"compound", "nmod"} and head.head.pos_ == "NOUN" and \
            head.head.i >= end and all(doc[k].head.i == head.head.i and doc[k].dep_ in {
                "compound", "nmod", "punct", "amod"} for k in range(end, head.head.i)):
        np_head = head.head   # "the fundamentalist Umma (Nation) party", "al-Qaeda terror network"
    start = m.start
    for c in head.lefts if np_head is head else np_head.lefts:
        if c.dep_ in _WRITTEN_MODIFIERS and c.i < start:
            start = min(start, c.left_edge.i)
    while start < m.start and (doc[start].lower_ in _DETERMINERS or doc[start].is_punct
                               or doc[start].like_num or doc[start].pos_ == "DET"):
        start += 1
    while doc[start:end].text.count("(") > doc[start:end].text.count(")") and end < len(doc) \
            and (doc[end].text in {")", "("} or doc[end].is_alpha):
        end += 1                                     # "Umma (Nation" + ")"
    if start < m.start or end > m.end:
        forms.append(_clean_surface(doc[start:end]))
    if np_head is not head:
        forms.append(_clean_surface(doc[start:np_head.i + 1]))
    # a title and its holder in apposition: "Federal Minister for Interior X", "Niger's
    # ambassador X" (on the holder's and on the title's side)
    if head.dep_ == "appos" and head.head.i < m.start and head.head.pos_ in {"NOUN", "PROPN"}:
        title_start = head.head.left_edge.i
        while title_start < m.start and doc[title_start].lower_ in _DETERMINERS:
            title_start += 1
        if m.start - title_start <= 8 and not any(doc[k].is_punct and doc[k].text != "'s"
                                                  for k in range(title_start, m.start)):
            forms.append(_clean_surface(doc[title_start:end]))
    for a in (a for a in head.rights if a.dep_ == "appos" and a.pos_ == "PROPN"
              and a.left_edge.i == end):
        forms.append(_clean_surface(doc[start:a.i + 1]))
    # a short place or origin after the head: "the Red Cross operating in Iraq", "a terror
    # group based in Trinidad", "a missionary from Calgary" (read off the words, not the
    # tree: the parser often makes the participle a clause)
    k = np_head.i + 1 if m.actor.label in {"Group", "Organization"} else len(doc)
    if k < len(doc) and doc[k].tag_ in {"VBG", "VBN"}:
        k += 1
    if k < len(doc) and doc[k].lower_ in _PLACING_PREPS and doc[k].dep_ == "prep":
        phrase_end = doc[k].right_edge.i + 1
        if phrase_end - np_head.i <= 7 and not any(
                doc[j].is_punct and doc[j].text != "-" for j in range(np_head.i + 1, phrase_end)):
            forms.append(_clean_surface(doc[start:phrase_end]))
    return [f for f in forms if f and f != m.surface]


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
        self._agent_nouns = gazetteer.agent_nouns() if hasattr(gazetteer, "agent_nouns") \
            else frozenset()
        self._nominal_heads = (frozenset(self._agent_nouns) | NOMINAL_ORG_HEADS
                               | NOMINAL_PERSON_HEADS | NOMINAL_PLACE_HEADS | GROUP_NOUNS)
        # per-document indexes (set by find)
        self._ent_of: list[int] = []
        self._sent_of: list[int] = []

    # -- public -------------------------------------------------------------------------------
    def find(self, doc: Doc, date: str | None) -> dict[int, Mention]:
        """Return token index -> Mention for every token inside an actor mention."""
        table: dict[int, Mention] = {}
        mentions: list[Mention] = []
        self._doc = doc
        self._index(doc)
        self._covered: set[int] = set()    # title tokens of a named person
        self._demonyms = self._find_demonyms(doc)
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

    def _dominant_country(self, doc: Doc, table, mentions) -> None:
        """A titled person of unknown nationality ("President Laurent Gbagbo") in a text about
        one country only ("Rebels in the Ivory Coast dismissed an appeal from President X")
        belongs to that country.  With two or more countries named the person stays unknown:
        the title alone does not say whose president he is."""
        unknown = [m for m in mentions if not m.actor.country and m.kind != "coref" and (
            (m.actor.label == "Person" and self._titled(doc, m))
            or (m.actor.label == "Group" and m.actor.role != "IGO" and not regional(m.actor.name))
            or (m.actor.label == "Organization" and m.kind == "ner"
                and m.actor.id.startswith("ORG:")))]
        if not unknown:
            return
        countries = {m.actor.country or (m.actor.id if m.actor.label == "Country" else None)
                     for m in mentions} - {None}
        countries |= {iso for iso, _ in self._demonyms.values()}
        for m in [m for m in unknown if m.actor.label == "Organization"]:
            # "Moscow City Court": a place inside the name says whose body it is; a
            # regional or international name ("European Community") belongs to no country
            words = m.actor.name.split()
            inside = None
            for w in words:
                hit = self.gaz.lookup(w)
                if hit is not None and hit.label in {"Country", "Location"}:
                    inside = hit.country or (hit.id if hit.label == "Country" else None)
                    break
            if inside or any(w.lower() in SUPRANATIONAL_WORDS for w in words):
                unknown.remove(m)
                if inside:
                    a = m.actor
                    m.actor = Actor(id=a.id, name=a.name, label=a.label, country=inside,
                                    role=a.role)
        if len(countries) != 1:
            # several countries: a titled person takes the country of the sentence's first
            # actor before him ("An Argentine judge ordered former president X to appear")
            for m in unknown:
                if m.actor.label != "Person":
                    continue
                sent = self._sent_of[m.start]
                lead = next((x for x in sorted(mentions, key=lambda x: x.start)
                             if x.start < m.start and self._sent_of[x.start] == sent
                             and x.kind != "coref" and x.actor.label in {"Person", "Group"}
                             and x.actor.country), None)
                if lead is not None and not self._office_taken(doc, m, lead.actor.country,
                                                               mentions):
                    a = m.actor
                    m.actor = Actor(id=a.id, name=a.name, label=a.label,
                                    country=lead.actor.country, role=a.role or "GOV")
            return
        iso = next(iter(countries))
        for m in unknown:
            a = m.actor
            if a.label == "Person" and self._office_taken(doc, m, iso, mentions):
                continue
            m.actor = Actor(id=a.id, name=a.name, label=a.label, country=iso,
                            role=a.role or "GOV")

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

    @staticmethod
    def _title_words(doc: Doc, m: Mention) -> set[str]:
        """Lower-cased words of the titles a person carries in the text."""
        words = {w.lower() for w in (m.title or "").split()}
        for a in m.aliases:
            words |= {w.lower() for w in a.split()[:-1]}
        i = m.start - 1
        while i >= 0 and doc[i].lower_ in TITLE_NOUNS and len(words) < 12:
            words.add(doc[i].lower_)
            i -= 1
        return words

    def _titled(self, doc: Doc, m: Mention) -> bool:
        """The person carries a government title ("President X", "Prime Minister X")."""
        return bool(self._title_words(doc, m) & (LEADER_TITLES | {
            "minister", "ambassador", "envoy", "governor", "mayor", "general", "commander"}))

    def _office_taken(self, doc: Doc, m: Mention, iso: str, mentions: list[Mention]) -> bool:
        """Someone of ``iso`` already holds ``m``'s one-holder office in the text: in "President
        Maduro called President Milei", Milei is not Venezuela's president."""
        mine = self._title_words(doc, m)
        offices = mine & SINGLE_OFFICES
        if not offices or "former" in mine:
            return False
        return any(x.actor.label == "Person" and x.kind != "coref" and x.actor.country == iso
                   and x.actor.id != m.actor.id and offices & (theirs := self._title_words(
                       doc, x)) and "former" not in theirs for x in mentions)

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
        if getattr(self, "_doc", None) is not None and m.end <= len(self._doc):
            m.head_plural = self._doc[m.end - 1].tag_ in {"NNS", "NNPS"}
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
            m = Mention(span.start, span.end, actor, _clean_surface(span), "name")
            e = self._ent_of[span.start]
            if e >= 0:
                ent = self._ents[e]
                if ent.end - ent.start > span.end - span.start and ent.start <= span.start \
                        and span.end <= ent.end and ent.label_ in {"GPE", "LOC", "FAC"}:
                    m.aliases.append(_clean_surface(ent))   # "Darfur" in "West Darfur State"
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
        if (ent.end - ent.start) > (span.end - span.start) and ent.label_ in {
                "ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"}:
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
        argument = head.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "attr",
                                 "dative", "ROOT"} and head.pos_ in {"NOUN", "PROPN"}
        if argument and head.tag_ == "NNP" and (len(span) > 1 and span[0].lower_ in
                                                NAME_PARTICLES or self._short_name(
                                                    text, persons)):
            actor = self._short_name(text, persons) or self._new_person(span, table, date)
            m = Mention(span.start, span.end, actor, text, "ner")
            persons.append(m)
            self._add(table, mentions, m)
            return
        key = _key(text)
        actor = Actor(id=f"GRP:{iso or '-'}:{key}", name=text, label="Group", country=iso,
                      role=None)
        if argument and head.tag_ in {"NNPS", "NNS"}:
            self._add(table, mentions, Mention(span.start, span.end, actor, text, "group"))
            for k in range(start, span.start):
                self._covered.add(k)
        else:
            self._add(table, mentions, Mention(span.start, span.end, actor, text, "modifier"))

    def _short_name(self, text: str, persons: list[Mention]) -> Actor | None:
        """"Xi" after "Xi Jinping" in the same document is the same person."""
        parts = text.split()
        if len(parts) > 2 or not parts:
            return None
        if parts[-1].endswith("'s") or parts[-1].endswith("\u2019s"):
            parts[-1] = parts[-1][:-2]
        for m in reversed(persons):
            name_parts = m.actor.name.split()
            if len(name_parts) > len(parts) and (name_parts[:len(parts)] == parts
                                                 or name_parts[-len(parts):] == parts):
                return m.actor
        return None

    def _person_contexts(self, doc: Doc, table, mentions) -> None:
        """Titles and descriptions of named people, kept as aliases of the one person node:
        "Russian President Boris Yeltsin", "President Obama", "Quatar's emir" (apposition)."""
        for m in mentions:
            if m.actor.label != "Person" or m.kind == "coref":
                continue
            root = doc[m.end - 1]
            while root.dep_ in {"compound", "flat"} and m.start <= root.head.i < m.end \
                    and root.head.i != root.i:
                root = root.head
            name = m.surface
            start = min(m.start, root.left_edge.i)
            # contiguous title words the parse left out: "Sheikh Hamad", "emir Sheikh Hamad"
            while start > 0 and (doc[start - 1].lower_ in TITLE_NOUNS
                                 or doc[start - 1].lower_ in self._agent_nouns
                                 or start - 1 in self._demonyms) and \
                    doc[start - 1].lower_ not in NAME_PARTICLES:
                start -= 1
            prefix = [t for t in doc[start:m.start]]
            # cut at commas / coordination / determiners: only the title phrase itself
            for k in range(len(prefix) - 1, -1, -1):
                if prefix[k].text in {",", "(", ";", "and", "or"} or \
                        prefix[k].lower_ in _DETERMINERS:
                    prefix = prefix[k + 1:]
                    break
            aliases: list[str] = []
            for t in prefix:
                self._covered.add(t.i)
            # a title inside the gazetteer phrase itself: "President Boris Yeltsin"
            inner = m.start
            while inner < m.end - 1 and doc[inner].lower_ in TITLE_NOUNS | LEADER_TITLES:
                inner += 1
            if inner > m.start:
                m.title = doc[m.start:inner].text
                name = doc[inner:m.end].text
            if prefix:
                full = doc[prefix[0].i:m.end].text
                aliases.append(full)
                titles = [i for i, t in enumerate(prefix)
                          if t.lower_ in TITLE_NOUNS or t.lower_ in self._agent_nouns]
                if titles:
                    first = titles[0]
                    # "Foreign Minister" in "Russian Foreign Minister": keep title adjectives
                    while first > 0 and prefix[first - 1].lower_ in TITLE_NOUNS:
                        first -= 1
                    title = doc[prefix[first].i:m.start].text
                    m.title = m.title or title
                    aliases.append(f"{title} {name}")
                    if m.surface != m.actor.name:
                        aliases.append(f"{title} {m.actor.name}")
            # apposition: "Quatar's emir, Sheikh Hamad ..." / "Sheikh Hamad, Qatar's emir"
            others = ([root.head] if root.dep_ == "appos" else []) + [
                c for c in root.children if c.dep_ == "appos"]
            first = prefix[0].i if prefix else m.start
            if first >= 2 and doc[first - 1].text == ",":
                others.append(doc[first - 2])
            if m.end + 1 < len(doc) and doc[m.end].text == ",":
                nxt = doc[m.end + 1]
                others.append(nxt if nxt.dep_ not in _NP_LEFT_DEPS else nxt.head)
            for other in others:
                if other.pos_ == "NOUN" and other.i not in table and (
                        other.lemma_.lower() in TITLE_NOUNS
                        or other.lemma_.lower() in self._agent_nouns):
                    a = other.left_edge.i
                    while a < other.i and doc[a].lower_ in _DETERMINERS:
                        a += 1
                    aliases.append(doc[a:other.i + 1].text)
            for a in aliases:
                if a and a not in m.aliases and a != m.surface:
                    m.aliases.append(a)

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
            if c.lemma_.lower() in OWNER_PARTICIPLES:   # "a British-owned ship"
                expanded.extend(x for x in c.lefts if x.dep_ in {"npadvmod", "amod", "compound",
                                                                  "nmod"})
        countries: list[tuple[str, str]] = []
        others: list[Token] = []
        for c in sorted(set(expanded), key=lambda x: x.i):
            m = table.get(c.i)
            hit = None
            if m is not None and m.kind != "coref" and m.actor.country:
                hit = (m.actor.country, m.surface)
            elif m is not None and c.dep_ == "poss" and m.actor.country:
                # "its troops" once "its" is resolved: named by the country's adjective
                hit = (m.actor.country, self.gaz.adjective(m.actor.country) or m.actor.country)
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
        name = _clean_surface(span) if span[-1].tag_ == "POS" else span.text.strip()
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

    def _group_mentions(self, doc: Doc, table, mentions, possessed: bool = False) -> None:
        """Group nouns placed by their modifiers ("Chinese companies", "U.S. officials");
        with ``possessed``, only those owned by a resolved pronoun ("its troops")."""
        for t in doc:
            if t.i in table or t.pos_ not in {"NOUN", "PROPN"}:
                continue
            if possessed and not any(c.dep_ == "poss" and c.i in table
                                     and table[c.i].kind == "coref" for c in t.lefts):
                continue
            lemma = t.lemma_.lower()
            if t.i in self._demonyms:
                iso, surf = self._demonyms[t.i]
                if t.tag_ in {"NNPS", "NNS"} and any(c.lower_ == "ethnic" for c in t.lefts):
                    # "ethnic Albanians": a people living somewhere the event says (a bare
                    # group, placed by the relation), not the state of Albania
                    start = min(c.i for c in t.lefts if c.lower_ == "ethnic")
                    text = doc[start:t.i + 1].text
                    actor = Actor(id=f"GRP:?:{_key(surf)}", name=text, label="Group",
                                  country=None, role=None)
                    self._add(table, mentions, Mention(start, t.i + 1, actor, text, "bare"))
                    continue
                if t.tag_ in {"NNPS", "NNS"} and not self._ethnic_group(t, iso, surf, table,
                                                                         mentions):
                    # "Americans": the people stand for their country
                    self._add(table, mentions, Mention(t.i, t.i + 1, self.gaz.country(iso),
                                                       surf, "demonym"))
                continue
            # "U.S. service members": the armed forces
            service = lemma == "member" and any(c.dep_ == "compound" and c.lower_ == "service"
                                                for c in t.lefts)
            if lemma not in GROUP_NOUNS and lemma not in self._agent_nouns \
                    and t.lower_ not in self._agent_nouns and not service:
                continue
            sector = "MIL" if service else self.gaz.agent(lemma)
            if t.dep_ == "compound" and (t.head.i in table or t.head.ent_type_ == "PERSON"):
                continue  # a title inside a name: "leader" in "leader Kim Jong Un"
            org = next((table[c.i] for c in t.lefts if c.dep_ in {"compound", "poss"}
                        and c.i in table and table[c.i].kind in {"name", "ner"}
                        and table[c.i].actor.label == "Organization"), None)
            if org is not None and (lemma in MEMBER_NOUNS or (
                    lemma in ARMED_MEMBER_NOUNS and org.actor.role != "IGO")):
                table[t.i] = org  # "Red Cross officials", "NATO's spokesman": the organisation
                continue
            countries, norp = self._modifier_countries(t, table)
            qualifier = None
            end = t.i + 1
            for prep in self._origin_preps(t):
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    m = table.get(pobj.i)
                    if m is None or m.kind == "coref" or m.actor.label not in {"Location", "Country"}:
                        continue
                    iso = m.actor.country or (m.actor.id if m.actor.label == "Country" else None)
                    if m.actor.label == "Location" and not countries:
                        qualifier = m.actor.name
                    if iso and not countries:
                        countries.append((iso, m.surface))
                        end = max(end, m.end)
            if not countries and not norp:
                continue
            mods = [c for c in t.lefts if c.dep_ in {"amod", "compound", "poss", "nmod", "npadvmod"}]
            start = min([t.i] + [c.left_edge.i for c in mods if c.dep_ != "det"])
            while start < t.i and doc[start].lower_ in _DETERMINERS:
                start += 1
            surface = doc[start:t.i + 1].text
            full = doc[start:end].text    # "Romania's new government", "president of Armenia"
            head_text = t.text.lower()
            lead = [c for c in t.lefts if c.dep_ == "compound" and c.lower_ in HEAD_COMPOUNDS]
            if lead:   # "coast guard", "border police", "security forces"
                head_text = " ".join(x.lower_ for x in lead + [t])
            if lemma in VEHICLE_NOUNS:
                # "Chinese coast guard ships", "Israeli army bulldozers": the operator acts
                op = next((c for c in t.lefts if c.dep_ == "compound"
                           and c.lemma_.lower() in OPERATOR_NOUNS), None)
                if op is not None:
                    words = sorted((x for x in op.subtree if x is op or x.dep_ == "compound"),
                                   key=lambda x: x.i)
                    head_text = " ".join(x.lower_ for x in words)
                    lemma = head_text.replace(" ", "_")
            gov = (lemma in GOV_NOUNS or sector == "GOV") and lemma not in NON_GOV_BODIES
            if lemma in {"ministry", "department"} and len(countries) == 1 and not qualifier:
                # "Russia's foreign ministry" (lower case, no NER): the national body
                topic = [c.text for c in t.lefts if c.dep_ in {"amod", "compound"}
                         and c.i not in table and c.i not in self._demonyms]
                body = self.gaz.body(countries[0][0], " ".join(topic + [t.text]))
                if body is not None:
                    self._add(table, mentions, Mention(start, t.i + 1, body, surface, "ner",
                                                       aliases=[full] if full != surface else []))
                    continue
            built: list[Mention] = []
            for iso, surf in countries or [(None, None)]:
                if iso and gov and not norp and not qualifier:
                    aliases = [surf] + ([full] if full != surf else [])
                    if len(countries) == 1 and surface not in aliases:
                        aliases.append(surface)
                    compact = f"{surf} {t.text}"            # "U.S. official" in "top U.S. official"
                    if len(countries) == 1 and compact not in aliases and start < t.i:
                        aliases.append(compact)
                    built.append(Mention(t.i, t.i + 1, self.gaz.country(iso), surf, "demonym",
                                         aliases=aliases))
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
                built.append(Mention(start, t.i + 1, actor, surface, "group",
                                     aliases=[full] if full != surface else []))
            head, rest = built[0], built[1:]
            head.also = rest
            self._add(table, mentions, head)

    @staticmethod
    def _origin_preps(t: Token) -> list[Token]:
        """PPs placing a group noun in a country: "forces in Guinea", "students throughout
        Indonesia", also through a participle ("refugees fleeing the war in Liberia",
        "West Africans ordered out of Nigeria")."""
        places = {"in", "from", "of", "throughout", "across"}
        preps = [c for c in t.rights if c.dep_ == "prep" and c.lower_ in places]
        for acl in (c for c in t.rights if c.dep_ == "acl" and c.tag_ in {"VBG", "VBN", "VBD"}):
            for c in acl.children:
                if c.dep_ == "prep" and c.lower_ in places | {"out"}:
                    preps.append(c)
                    preps.extend(p for p in c.children if p.dep_ == "prep" and p.lower_ == "of")
        return preps

    def _ethnic_group(self, t: Token, iso: str, surf: str, table, mentions) -> bool:
        """"Bosnian Serbs", "Iraqi Kurds": a plural demonym qualified by another country's
        demonym or name is a group living in that country."""
        for c in t.lefts:
            if c.dep_ not in {"amod", "compound", "nmod"}:
                continue
            hit = self._demonyms.get(c.i)
            m = table.get(c.i)
            where = hit[0] if hit else (m.actor.country if m is not None and m.kind != "coref"
                                        else None)
            if where and where != iso:
                text = t.doc[c.left_edge.i:t.i + 1].text
                actor = Actor(id=f"GRP:{where}:{_key(surf)}", name=text, label="Group",
                              country=where, role=None)
                self._add(table, mentions, Mention(c.left_edge.i, t.i + 1, actor, text, "group"))
                return True
        return False

    def _demonym_mentions(self, doc: Doc, table, mentions) -> None:
        """Demonyms not yet part of a mention: "the British" (standing for the country:
        kind ``demonym``) or an adjective only qualifying something (kind ``modifier``)."""
        for i, (iso, surf) in sorted(self._demonyms.items()):
            if i in table or (i + 1 in self._demonyms and self._demonyms[i + 1][1] == surf):
                continue      # a multi-word demonym is handled at its last token
            start = i
            while start - 1 in self._demonyms and self._demonyms[start - 1][1] == surf:
                start -= 1
            if any(k in table for k in range(start, i + 1)):
                continue
            t = doc[i]
            standing = t.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj", "appos", "attr",
                                  "dative"} and (t.pos_ in {"NOUN", "PROPN"} or any(
                                      c.lower_ == "the" for c in t.children))
            try:
                actor = self.gaz.country(iso)
            except KeyError:
                continue
            self._add(table, mentions, Mention(start, i + 1, actor, surf,
                                               "demonym" if standing else "modifier"))

    def _nominal_mentions(self, doc: Doc, table) -> None:
        """Descriptions and untyped names that are mentions but not normalised actors:
        "the village", "civilians", "the international community", "Al Huwayjah"."""
        heads = self._nominal_heads
        ent_of = self._ent_of
        ents = self._ents
        n = len(doc)
        i = 0
        while i < n:
            t = doc[i]
            if i in table or t.pos_ not in {"NOUN", "PROPN"} or i in self._covered:
                i += 1
                continue
            e = ent_of[i]
            if e >= 0 and ents[e].label_ in _NUMERIC_ENTS:
                i += 1
                continue
            low = t.lemma_.lower()
            if low in heads or t.lower_ in heads:
                if t.dep_ == "compound" and (t.head.i in table or t.head.lemma_.lower() in heads):
                    i += 1
                    continue     # part of the head's phrase: "Coalition military forces"
                start = i
                for c in t.lefts:
                    if c.dep_ in _NP_LEFT_DEPS:
                        start = min(start, c.left_edge.i)
                while start < i and (doc[start].lower_ in _DETERMINERS or doc[start].is_punct):
                    start += 1
                if low in NOMINAL_PLACE_HEADS and low not in NOMINAL_PERSON_HEADS:
                    label = "Location"
                elif low in NOMINAL_ORG_HEADS:
                    label = "Organization"
                elif t.tag_ in {"NNS", "NNPS"}:
                    label = "Group"
                else:
                    label = "Person"
                text = doc[start:i + 1].text
                actor = Actor(id=f"NOM:{_key(low)}", name=text, label=label, country=None,
                              role=None)
                m = Mention(start, i + 1, actor, text, "nominal")
                for k in range(start, i + 1):
                    table.setdefault(k, m)
                i += 1
                continue
            if t.pos_ == "PROPN" and e < 0 and t.text[:1].isupper() and t.is_alpha and \
                    not t.is_stop and t.lower_ not in _LOCATIVE_PREPS:
                j = i
                while j + 1 < n and j + 1 not in table and ent_of[j + 1] < 0 and \
                        j + 1 not in self._covered and (
                        doc[j + 1].pos_ == "PROPN" and doc[j + 1].text[:1].isupper()):
                    j += 1
                span = doc[i:j + 1]
                text = span.text
                prev = doc[i - 1].lower_ if i else ""
                label = "Organization" if t.is_upper and len(t) > 1 else (
                    "Location" if prev in _LOCATIVE_PREPS else "Organization")
                actor = Actor(id=f"NOM:{_key(text)}", name=text, label=label, country=None,
                              role=None)
                m = Mention(i, j + 1, actor, text, "nominal")
                for k in range(i, j + 1):
                    table.setdefault(k, m)
                i = j + 1
                continue
            i += 1

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
            if t.tag_ in {"NNS", "NNPS"} and t.lemma_.lower() in PAIR_HEADS:
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
        excluded = MentionFinder._excluded(t)
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


# -- actors the relation extractor creates (graphbuilder/extract) ----------------------------------
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
