"""The geopolitical filter: relation candidates whose ends are not political actors, and why.

A relation of the graph is between political actors: states, their leaders, officials, bodies,
forces, police and courts, parties, IGOs and NGOs, armed and rebel groups, named groups of
nationals. Each check below looks at one candidate (its two ends after localisation, its CAMEO
code, its parse) and returns a short reason when the candidate is not such a relation
("target is a place: province", "source is a company"), else None. The driver
(:mod:`graphbuilder.extract.relations`) runs :data:`CHECKS` in order and drops a candidate at the
first reason; the dropped candidates are kept with their reason for ``graphbuilder extract
--explain`` and counted by ``graphbuilder eval``.

The checks hold no word lists: their words are the lexicon's ``geofilter.*`` lists
(graphbuilder/data/lexicon.json) and the sector codes of the gazetteer.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc

from graphbuilder.extract import codes as C
from graphbuilder.extract.codes import root, territorial
from graphbuilder.extract.syntax import locative_prep
from graphbuilder.extract.words import LOCATIVE_PREPS, STATE_ROLES
from graphbuilder.lexicon import LEXICON
from graphbuilder.mentions import Mention

POLITICAL_SECTORS = LEXICON.words("geofilter.political_sectors")
COMMERCE_SECTORS = LEXICON.words("geofilter.commerce_sectors")
COMPANY_FORMS = LEXICON.words("geofilter.company_forms")
FACILITY_HEADS = LEXICON.words("geofilter.facility_heads")
NATURAL_EVENT_HEADS = LEXICON.words("geofilter.natural_event_heads")
NATURAL_EVENT_TITLES = LEXICON.words("geofilter.natural_event_titles")
PLACE_HEADS = LEXICON.words("mentions.nominal_place_heads")
#: Roots of which an actor of the state dealing with its own country is no relation:
#: meeting, backing and cooperating (aid is left out: forces are placed where they serve).
HOME_ROOTS = C.MEETING_ROOTS | {C.MATERIAL_COOPERATION}


@dataclass(frozen=True)
class Candidate:
    """One source-target pair of an event, as the driver is about to make it a relation."""

    source: Mention
    target: Mention
    code: str                  # CAMEO code of the event
    doc: Doc
    gaz: object | None = None  # graphbuilder.gazetteer.Gazetteer: sectors of agent nouns

    def ends(self) -> tuple[tuple[str, Mention], tuple[str, Mention]]:
        """("source", the source), ("target", the target)."""
        return ("source", self.source), ("target", self.target)


Check = Callable[[Candidate], "str | None"]


# -- what an end is -------------------------------------------------------------------------------
def _words(m: Mention) -> list[str]:
    """The lower-cased words of the actor's name ("U.S. Airlines" -> ["u.s.", "airlines"])."""
    return m.actor.name.lower().split()


def _head(m: Mention, doc: Doc) -> str:
    """The lower-cased last word of the mention as written (of the actor's name for a pronoun)."""
    if m.kind == "coref" or m.end <= m.start:
        words = _words(m)
        return words[-1] if words else ""
    return doc[m.end - 1].lower_


def _sector(word: str, gaz: object | None) -> str | None:
    """The CAMEO sector of an agent noun ("airlines" -> BUS, "judge" -> JUD), if known."""
    return gaz.agent(word) if gaz is not None and word else None


def natural_event(m: Mention) -> str | None:
    """The kind of a named natural event ("the Butte Fire": fire, "Typhoon Haiyan": typhoon),
    else None."""
    words = _words(m)
    if words and words[-1] in NATURAL_EVENT_HEADS:
        return words[-1]
    if len(words) > 1 and words[0] in NATURAL_EVENT_TITLES:
        return words[0]
    return None


def company(m: Mention, gaz: object | None) -> bool:
    """An organisation of commerce: a company of the gazetteer (sector BUS), or an organisation
    whose name ends in a legal form ("1Malaysia Development Berhad") or in an agent noun of
    commerce ("American Airlines", "a Chinese bank"). A group ("Chinese companies") is a
    group of nationals, not a company."""
    if m.actor.label != "Organization":
        return False
    if m.actor.role in COMMERCE_SECTORS:
        return True
    words = _words(m)
    if words and words[-1].rstrip(".") in COMPANY_FORMS:
        return True
    if m.kind == "name" and m.actor.role is not None:
        return False   # the gazetteer's own sector ("World Bank": IGO)
    return bool(words) and _sector(words[-1], gaz) in COMMERCE_SECTORS


def facility(m: Mention, doc: Doc) -> str | None:
    """The head noun of a building or site standing as an actor ("an American Samoan
    hospital"), else None."""
    if m.actor.label == "Country":
        return None
    head = _head(m, doc)
    return head if head in FACILITY_HEADS else None


def private_person(m: Mention, doc: Doc, gaz: object | None) -> bool:
    """A person named in full, of no political sector, whose titles name none either ("Tom
    Brady", "Floyd Mayweather"; not "U.S. District Judge Gary Feinerman": a judge is of the
    judiciary). A bare surname ("Carter thanked Abadi") refers to someone the reader knows,
    often a politician the gazetteer lacks: unknown, not private."""
    if m.actor.label != "Person" or m.actor.role in POLITICAL_SECTORS or \
            len(_words(m)) < 2:
        return False
    titles = (m.title or "").split() + [w for a in m.aliases for w in a.split()[:-1]]
    i = m.start - 1
    while i >= 0 and i >= m.start - 4 and doc[i].dep_ == "compound":  # "quarterback Tom Brady"
        titles.append(doc[i].text)
        i -= 1
    return not any(_sector(w.lower(), gaz) in POLITICAL_SECTORS for w in titles)


def _place(m: Mention, doc: Doc) -> str | None:
    """"place: province", "place" (a place whose head names no kind) or "facility: museum"
    when ``m`` is a place or a building, else None."""
    if m.actor.label == "Location":
        head = _head(m, doc)
        return f"place: {head}" if head in PLACE_HEADS else "place"
    head = facility(m, doc)
    return f"facility: {head}" if head else None


def _located(m: Mention, doc: Doc) -> bool:
    """The mention is reached through a locative preposition ("in Borno State")."""
    prep = locative_prep(m, doc)
    return prep.dep_ == "prep" and prep.lower_ in LOCATIVE_PREPS


def _non_political(m: Mention, c: Candidate) -> str | None:
    """What ``m`` is when it is not a political actor (a place, a facility, a natural event,
    a company, a private person, an organisation of no country and no sector), else None."""
    a = m.actor
    if a.label == "Location":
        return "place"
    if natural_event(m):
        return "natural event"
    if company(m, c.gaz):
        return "company"
    if facility(m, c.doc):
        return "facility"
    if private_person(m, c.doc, c.gaz):
        return "private person"
    if a.label == "Organization" and a.role is None and a.country is None:
        return "organisation of no country"
    return None


# -- the checks, in the order of CHECKS ---------------------------------------------------------
def natural_events(c: Candidate) -> str | None:
    """A fire, storm or earthquake does nothing political and undergoes nothing political
    ("the Butte Fire threatens 6000 residents", "Obama signs a disaster declaration for the
    Valley Fire")."""
    for end, m in c.ends():
        if kind := natural_event(m):
            return f"{end} is a natural event: {kind}"
    return None


def companies(c: Candidate) -> str | None:
    """Commerce is not geopolitics: a company at either end ("American Airlines halts flights
    at its hubs in Chicago, Dallas and Miami"). Groups of a country's companies stay
    ("the U.S. blacklisting of Chinese companies")."""
    for end, m in c.ends():
        if company(m, c.gaz):
            return f"{end} is a company"
    return None


def place_source(c: Candidate) -> str | None:
    """A place of no country does not act: a sea, a bloc or a misread name as a source ("the
    Atlantic Ocean threatened Portugal", "suspected by the West"); nor does a facility. A
    region or city of a country standing as a subject stands for its government ("Catalonia
    rejected Spain's demands"; a capital, "Washington imposed sanctions", is its country
    already)."""
    s = c.source
    what = _place(s, c.doc)
    if what is None or (s.actor.label == "Location" and s.actor.country):
        return None
    if s.actor.label == "Location":   # "place: region" -> "place of no country: region"
        what = "place of no country" + what[len("place"):]
    return f"source is a {what}"


def place_target(c: Candidate) -> str | None:
    """A place or facility undergoes territorial acts (curfews, threats, protests, seizures,
    shelling, occupation, easing a curfew there: :func:`codes.territorial`) and receives aid
    ("donated generators to hospitals in Kherson"); for any other act, and for aid reached
    through a locative preposition, it is where the act happened, not whom it was done to
    ("another suspect is arrested in Narathiwat Province", "the army rescues women and
    children in Borno State")."""
    if territorial(c.code):
        return None
    what = _place(c.target, c.doc)
    if what is None or (root(c.code) == C.AID and not _located(c.target, c.doc)):
        return None
    return f"target is a {what}"


def own_official(c: Candidate) -> str | None:
    """An actor of the state meeting, hosting, backing or cooperating with their own country is
    no relation between two actors ("a lunch hosted by the Moroccan ambassador for Moroccan
    diplomats", "Obama directs his administration to accept refugees"); nor is one warning or
    threatening it: "Putin warned that Russia would respond" names who will act, not a target.
    Threats of force, repression or protest at home stay ("threatened to impose a curfew in
    Algiers": :data:`codes.DOMESTIC_THREATS`)."""
    if root(c.code) not in HOME_ROOTS and (root(c.code) != C.THREATEN
                                            or c.code.startswith(C.DOMESTIC_THREATS)):
        return None
    for a, b, end in ((c.source, c.target, "target"), (c.target, c.source, "source")):
        if b.actor.label == "Country" and a.actor.label != "Country" and \
                a.actor.country == b.actor.id and a.actor.role in STATE_ROLES:
            return f"{end} is the other end's own country"
    return None


def unowned_place(c: Candidate) -> str | None:
    """A sea, strait or region of no country reached through a locative preposition is where
    something happened, not an actor ("attacked a ship in the Red Sea"); nor is a facility of
    no known country ("blocked the Europe Bridge")."""
    t = c.target
    if t.actor.label != "Location" or t.actor.country or t.kind == "coref":
        return None
    if t.kind == "ner" and c.doc[t.start].ent_type_ == "FAC":
        return "target is a facility of no country"
    prep = locative_prep(t, c.doc)
    if prep.dep_ == "prep" and prep.lower_ in LOCATIVE_PREPS | {"off", "along"}:
        return "target is where it happened: a place of no country"
    return None


def own_country_as_place(c: Candidate) -> str | None:
    """A group's own country reached through a locative preposition is where it acted, not
    whom it acted on: "rebels in the Ivory Coast blocked roads into Abidjan".  A government
    acting in its own territory does act on it ("the president imposed a curfew in Algiers"),
    and a protest or a curfew is aimed at the government of the place."""
    s, t = c.source, c.target
    if root(c.code) in {C.PROTEST, C.COERCE}:
        return None
    if t.actor.label != "Country" or s.actor.label == "Country" or s.actor.country != t.actor.id:
        return None
    if s.actor.role in STATE_ROLES:
        return None
    if _located(t, c.doc):
        return "target is where it happened: the source's own country"
    return None


def neither_political(c: Candidate) -> str | None:
    """Edges need a political actor at one end at least: two private persons, a person and
    a company, two unknown organisations are sport, commerce or entertainment ("Floyd
    Mayweather defeats Andre Berto", "Apple's App Store suffers a cyber attack"). A private
    person acted on by a state actor stays (a national arrested, sentenced, freed)."""
    kinds = [_non_political(m, c) for _, m in c.ends()]
    if None in kinds:
        return None
    return f"neither end is a political actor: {kinds[0]} -> {kinds[1]}"


#: The checks, in order; the first reason drops the candidate.
CHECKS: tuple[Check, ...] = (natural_events, companies, place_source, place_target,
                             own_official, unowned_place, own_country_as_place,
                             neither_political)


def reason(c: Candidate) -> str | None:
    """Why the candidate is not a relation between political actors, or None to keep it."""
    for check in CHECKS:
        why = check(c)
        if why is not None:
            return why
    return None
