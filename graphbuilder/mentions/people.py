"""People: titles and descriptions of named persons ("Russian President Boris Yeltsin",
"Qatar's emir, Sheikh Hamad"), new persons from their title modifiers, short names ("Xi"
after "Xi Jinping"), and the country of titled people and bodies the text leaves unnamed."""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from graphbuilder.gazetteer import Actor, Gazetteer
from graphbuilder.mentions.mention import Mention, id_key, regional
from graphbuilder.mentions.words import (DETERMINERS, GOVERNMENT_TITLES, LEADER_TITLES, NAME_PARTICLES,
                                         NP_LEFT_DEPS, SINGLE_OFFICES, SUPRANATIONAL_WORDS,
                                         TITLE_NOUNS)


class PeopleMixin:
    """Person steps of :class:`~graphbuilder.mentions.finder.DocumentMentions`."""

    gaz: Gazetteer
    _demonyms: dict[int, tuple[str, str]]
    _agent_nouns: frozenset[str]
    _covered: set[int]
    _sent_of: list[int]

    # -- titles ---------------------------------------------------------------------------------
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
            prefix = self._title_prefix(doc, m, root)
            for t in prefix:
                self._covered.add(t.i)
            name = self._inner_title(doc, m)
            aliases = self._prefix_aliases(doc, m, prefix, name)
            aliases += self._appositive_titles(doc, m, root, prefix, table)
            for a in aliases:
                if a and a not in m.aliases and a != m.surface:
                    m.aliases.append(a)

    def _is_title(self, t: Token) -> bool:
        return t.lower_ in TITLE_NOUNS or t.lower_ in self._agent_nouns

    def _title_prefix(self, doc: Doc, m: Mention, root: Token) -> list[Token]:
        """The title phrase before the name, cut at commas, coordination and determiners
        ("Sheikh Hamad", "emir Sheikh Hamad", "the Russian Foreign Minister X")."""
        start = min(m.start, root.left_edge.i)
        # contiguous title words the parse left out
        while start > 0 and (self._is_title(doc[start - 1]) or start - 1 in self._demonyms) and \
                doc[start - 1].lower_ not in NAME_PARTICLES:
            start -= 1
        prefix = list(doc[start:m.start])
        for k in range(len(prefix) - 1, -1, -1):
            if prefix[k].text in {",", "(", ";", "and", "or"} or prefix[k].lower_ in DETERMINERS:
                return prefix[k + 1:]
        return prefix

    @staticmethod
    def _inner_title(doc: Doc, m: Mention) -> str:
        """A title inside the gazetteer phrase itself ("President Boris Yeltsin") becomes
        ``m.title``; returns the name without it."""
        inner = m.start
        while inner < m.end - 1 and doc[inner].lower_ in TITLE_NOUNS:
            inner += 1
        if inner == m.start:
            return m.surface
        m.title = doc[m.start:inner].text
        return doc[inner:m.end].text

    def _prefix_aliases(self, doc: Doc, m: Mention, prefix: list[Token], name: str) -> list[str]:
        """The name with its title phrase, and with the title alone ("Foreign Minister" in
        "Russian Foreign Minister X": title adjectives kept); sets ``m.title`` if unset."""
        if not prefix:
            return []
        aliases = [doc[prefix[0].i:m.end].text]
        titles = [i for i, t in enumerate(prefix) if self._is_title(t)]
        if titles:
            first = titles[0]
            while first > 0 and prefix[first - 1].lower_ in TITLE_NOUNS:
                first -= 1
            title = doc[prefix[first].i:m.start].text
            m.title = m.title or title
            aliases.append(f"{title} {name}")
            if m.surface != m.actor.name:
                aliases.append(f"{title} {m.actor.name}")
        return aliases

    def _appositive_titles(self, doc: Doc, m: Mention, root: Token, prefix: list[Token],
                           table) -> list[str]:
        """Titles in apposition: "Quatar's emir, Sheikh Hamad ..." / "Sheikh Hamad, Qatar's
        emir"."""
        others = ([root.head] if root.dep_ == "appos" else []) + [
            c for c in root.children if c.dep_ == "appos"]
        first = prefix[0].i if prefix else m.start
        if first >= 2 and doc[first - 1].text == ",":
            others.append(doc[first - 2])
        if m.end + 1 < len(doc) and doc[m.end].text == ",":
            nxt = doc[m.end + 1]
            others.append(nxt if nxt.dep_ not in NP_LEFT_DEPS else nxt.head)
        aliases = []
        for other in others:
            if other.pos_ == "NOUN" and other.i not in table and (
                    other.lemma_.lower() in TITLE_NOUNS
                    or other.lemma_.lower() in self._agent_nouns):
                a = other.left_edge.i
                while a < other.i and doc[a].lower_ in DETERMINERS:
                    a += 1
                aliases.append(doc[a:other.i + 1].text)
        return aliases

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
        return bool(self._title_words(doc, m) & GOVERNMENT_TITLES)

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

    # -- persons --------------------------------------------------------------------------------
    @staticmethod
    def _short_name(text: str, persons: list[Mention]) -> Actor | None:
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
        return Actor(id="PER:" + id_key(name), name=name, label="Person", country=country,
                     role=role)

    # -- countries the text leaves unnamed ------------------------------------------------------
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
            if self._placed_by_name(m):
                unknown.remove(m)
        if len(countries) != 1:
            # several countries: a titled person takes the country of the sentence's first
            # actor before him ("An Argentine judge ordered former president X to appear")
            for m in unknown:
                if m.actor.label == "Person":
                    self._take_lead_country(doc, m, mentions)
            return
        iso = next(iter(countries))
        for m in unknown:
            a = m.actor
            if a.label == "Person" and self._office_taken(doc, m, iso, mentions):
                continue
            m.actor = Actor(id=a.id, name=a.name, label=a.label, country=iso,
                            role=a.role or "GOV")

    def _placed_by_name(self, m: Mention) -> bool:
        """"Moscow City Court": a place inside the name says whose body it is (the actor
        gets its country); a regional or international name ("European Community") belongs
        to no country. True when the name settles it either way."""
        words = m.actor.name.split()
        inside = None
        for w in words:
            hit = self.gaz.lookup(w)
            if hit is not None and hit.label in {"Country", "Location"}:
                inside = hit.country or (hit.id if hit.label == "Country" else None)
                break
        if inside:
            a = m.actor
            m.actor = Actor(id=a.id, name=a.name, label=a.label, country=inside, role=a.role)
        return bool(inside) or any(w.lower() in SUPRANATIONAL_WORDS for w in words)

    def _take_lead_country(self, doc: Doc, m: Mention, mentions: list[Mention]) -> None:
        """Give the titled person ``m`` the country of the first placed person or group
        before him in his sentence, unless someone else holds his office there."""
        sent = self._sent_of[m.start]
        lead = next((x for x in sorted(mentions, key=lambda x: x.start)
                     if x.start < m.start and self._sent_of[x.start] == sent
                     and x.kind != "coref" and x.actor.label in {"Person", "Group"}
                     and x.actor.country), None)
        if lead is not None and not self._office_taken(doc, m, lead.actor.country, mentions):
            a = m.actor
            m.actor = Actor(id=a.id, name=a.name, label=a.label, country=lead.actor.country,
                            role=a.role or "GOV")
