"""Groups placed by the countries that modify them ("Chinese companies", "U.S. officials",
"forces in Guinea"), demonyms standing for their country ("Americans", "the British") or
only qualifying a noun ("the Syrian civil war")."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from graphbuilder.gazetteer import Actor, Gazetteer
from graphbuilder.mentions.mention import Mention, id_key
from graphbuilder.mentions.words import (ALLEGIANCE_WORDS, ARMED_MEMBER_NOUNS, COUNTERPART_NOUNS, DETERMINERS,
                                         ENVOY_NOUNS, GOV_NOUNS, GROUP_NOUNS, HEAD_COMPOUNDS, MEMBER_NOUNS,
                                         NON_GOV_BODIES, OPERATOR_NOUNS, OWNER_PARTICIPLES, PLURAL_TAGS,
                                         STANDING_DEPS, VEHICLE_NOUNS)

_GROUP_MODIFIERS = frozenset({"amod", "compound", "poss", "nmod", "npadvmod"})


@dataclass
class _GroupPhrase:
    """A placed group noun and what its phrase says."""

    t: Token                                # the head noun
    start: int                              # first token of the phrase
    surface: str                            # "Chinese companies"
    full: str                               # with the place PP: "president of Armenia"
    head_text: str                          # "companies", "coast guard"
    lemma: str                              # of the id: "company", "coast_guard"
    sector: str | None                      # agent code of the noun (GOV, MIL, BUS, ...)
    norp: list[Token]                       # modifiers naming other groups ("Kurdish")
    qualifier: str | None                   # a place that is no country ("Jakarta")
    countries: list[tuple[str, str]]        # (ISO, surface) of the countries named


class GroupMixin:
    """Group and demonym steps of :class:`~graphbuilder.mentions.finder.DocumentMentions`."""

    gaz: Gazetteer
    _demonyms: dict[int, tuple[str, str]]
    _agent_nouns: frozenset[str]

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
        mods = [c for c in t.lefts if c.dep_ in _GROUP_MODIFIERS]
        if t.lemma_.lower() in COUNTERPART_NOUNS:
            # "his Turkish counterpart": the possessor is the partner, not the country
            mods = [c for c in mods if c.dep_ != "poss"]
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

    def _group_mentions(self, doc: Doc, table, mentions, possessed: bool = False) -> None:
        """Group nouns placed by their modifiers ("Chinese companies", "U.S. officials");
        with ``possessed``, only those owned by a resolved pronoun ("its troops")."""
        for t in doc:
            if t.i in table or t.pos_ not in {"NOUN", "PROPN"}:
                continue
            if possessed and not any(c.dep_ == "poss" and c.i in table
                                     and table[c.i].kind == "coref" for c in t.lefts):
                continue
            if t.i in self._demonyms:
                self._demonym_head(doc, t, table, mentions)
            else:
                self._placed_group(doc, t, table, mentions)

    def _demonym_head(self, doc: Doc, t: Token, table, mentions) -> None:
        """A plural demonym as the head noun: "Americans" stand for their country, "ethnic
        Albanians" are a bare group, "Bosnian Serbs" a group in another country."""
        if t.tag_ not in PLURAL_TAGS:
            return
        iso, surf = self._demonyms[t.i]
        if any(c.lower_ == "ethnic" for c in t.lefts):
            # "ethnic Albanians": a people living somewhere the event says (a bare group,
            # placed by the relation), not the state of Albania
            start = min(c.i for c in t.lefts if c.lower_ == "ethnic")
            text = doc[start:t.i + 1].text
            actor = Actor(id=f"GRP:?:{id_key(surf)}", name=text, label="Group", country=None,
                          role=None)
            self._add(table, mentions, Mention(start, t.i + 1, actor, text, "bare"))
        elif not self._ethnic_group(t, iso, surf, table, mentions):
            self._add(table, mentions, Mention(t.i, t.i + 1, self.gaz.country(iso), surf,
                                               "demonym"))

    def _placed_group(self, doc: Doc, t: Token, table, mentions) -> None:
        """A group noun placed by the countries (or other groups) that modify it or the PPs
        after it: "Chinese companies", "forces in Guinea", "Kurdish fighters"."""
        lemma = t.lemma_.lower()
        # "U.S. service members": the armed forces
        service = lemma == "member" and any(c.dep_ == "compound" and c.lower_ == "service"
                                            for c in t.lefts)
        if lemma not in GROUP_NOUNS and lemma not in self._agent_nouns \
                and t.lower_ not in self._agent_nouns and not service:
            return
        sector = "MIL" if service else self.gaz.agent(lemma)
        if t.dep_ == "compound" and (t.head.i in table or t.head.ent_type_ == "PERSON"):
            return  # a title inside a name: "leader" in "leader Kim Jong Un"
        if lemma in COUNTERPART_NOUNS and any(c.dep_ == "appos" and c.i in table for c in t.children):
            return  # "his Australian counterpart Penny Wong": the name stands
        org = self._member_organisation(t, lemma, table)
        if org is not None:
            table[t.i] = org  # "Red Cross officials", "NATO's spokesman": the organisation
            return
        countries, norp = self._modifier_countries(t, table)
        qualifier, end = self._placing_phrase(t, table, countries)
        if not countries and not norp:
            return
        start = self._phrase_start(doc, t)
        head_text, lemma = self._group_head(t, lemma)
        g = _GroupPhrase(t=t, start=start, surface=doc[start:t.i + 1].text,
                         full=doc[start:end].text,  # "Romania's new government", "president of Armenia"
                         head_text=head_text, lemma=lemma, sector=sector, norp=norp,
                         qualifier=qualifier, countries=countries)
        if lemma in {"ministry", "department"} and len(countries) == 1 and not qualifier \
                and self._national_body(g, table, mentions):
            return
        built = [self._group_mention(g, iso, surf) for iso, surf in countries or [(None, None)]]
        head, rest = built[0], built[1:]
        head.also = rest
        self._add(table, mentions, head)

    @staticmethod
    def _member_organisation(t: Token, lemma: str, table) -> Mention | None:
        """The organisation whose members or fighters the noun names ("Red Cross officials",
        "NATO's spokesman", "Hezbollah fighters"), else None."""
        org = next((table[c.i] for c in t.lefts if c.dep_ in {"compound", "poss", "nmod"}
                    and c.i in table and table[c.i].kind in {"name", "ner"}
                    and table[c.i].actor.label == "Organization"), None)
        if org is not None and (lemma in MEMBER_NOUNS or (
                lemma in ARMED_MEMBER_NOUNS and org.actor.role != "IGO")):
            return org
        return None

    def _placing_phrase(self, t: Token, table, countries: list[tuple[str, str]]
                        ) -> tuple[str | None, int]:
        """A place PP after the noun ("forces in Guinea"): adds its country to ``countries``
        when no modifier named one; returns the place's name when it is no country (the
        group's qualifier) and the end of the phrase."""
        qualifier = None
        end = t.i + 1
        placed = bool(countries)
        lemma = t.lemma_.lower()
        # "ministers from Czech Republic, Hungary, Poland and Slovakia": each government (not
        # "migrants from Syria, Iraq and Afghanistan": one crowd, no parties to each other)
        each = lemma in GOV_NOUNS or self.gaz.agent(lemma) == "GOV"
        for prep in self._origin_preps(t):
            for pobj in (x for c in prep.children if c.dep_ == "pobj"
                         for x in ([c, *c.conjuncts] if each else [c])):
                m = table.get(pobj.i)
                if m is None or m.kind == "coref" or m.actor.label not in {"Location", "Country"}:
                    continue
                iso = m.actor.country or (m.actor.id if m.actor.label == "Country" else None)
                if m.actor.label == "Location" and not countries:
                    qualifier = m.actor.name
                if iso and not placed and (not countries or not qualifier and
                                           iso not in {c[0] for c in countries}):
                    countries.append((iso, m.surface))
                    end = max(end, m.end)
            placed = placed or bool(countries)
        if not countries:
            patron = self._patron(t, table)
            if patron is not None:
                countries.append(patron[0])
                end = max(end, patron[1])
        return qualifier, end

    def _patron(self, t: Token, table) -> tuple[tuple[str, str], int] | None:
        """The country (ISO, surface) of the actor a group is loyal or allied to ("forces
        loyal to Haftar", "fighters loyal to the Syrian government") and the phrase end."""
        for adj in (c for c in t.rights if c.dep_ in {"amod", "acl"}
                    and c.lemma_.lower() in ALLEGIANCE_WORDS):
            for pobj in (p for prep in adj.children if prep.dep_ == "prep"
                         and prep.lower_ in {"to", "with"}
                         for p in prep.children if p.dep_ == "pobj"):
                for x in [pobj] + [a for a in pobj.children if a.dep_ == "appos"]:
                    m = table.get(x.i)
                    if m is not None and m.is_actor and (
                            m.actor.country or m.actor.label == "Country"):
                        return (m.actor.country or m.actor.id, m.surface), pobj.right_edge.i + 1
                countries, _ = self._modifier_countries(pobj, table)   # "the Syrian government"
                if countries:
                    return countries[0], pobj.right_edge.i + 1
        return None

    @staticmethod
    def _phrase_start(doc: Doc, t: Token) -> int:
        """First token of the group's phrase: its left modifiers, without determiners."""
        mods = [c for c in t.lefts if c.dep_ in _GROUP_MODIFIERS]
        start = min([t.i] + [c.left_edge.i for c in mods if c.dep_ != "det"])
        while start < t.i and doc[start].lower_ in DETERMINERS:
            start += 1
        return start

    @staticmethod
    def _group_head(t: Token, lemma: str) -> tuple[str, str]:
        """The head as named ("coast guard", "border police", "security forces") and the
        lemma of the id; a vehicle stands for its operator ("Chinese coast guard ships",
        "Israeli army bulldozers": the operator acts)."""
        head_text = t.text.lower()
        lead = [c for c in t.lefts if c.dep_ == "compound" and c.lower_ in HEAD_COMPOUNDS]
        if lead:
            head_text = " ".join(x.lower_ for x in lead + [t])
        if lemma in VEHICLE_NOUNS:
            op = next((c for c in t.lefts if c.dep_ == "compound"
                       and c.lemma_.lower() in OPERATOR_NOUNS), None)
            if op is not None:
                words = sorted((x for x in op.subtree if x is op or x.dep_ == "compound"),
                               key=lambda x: x.i)
                head_text = " ".join(x.lower_ for x in words)
                lemma = head_text.replace(" ", "_")
        return head_text, lemma

    def _national_body(self, g: _GroupPhrase, table, mentions) -> bool:
        """"Russia's foreign ministry" (lower case, no NER): the national body, when the
        gazetteer knows it; True when added."""
        t = g.t
        topic = [c.text for c in t.lefts if c.dep_ in {"amod", "compound"}
                 and c.i not in table and c.i not in self._demonyms]
        body = self.gaz.body(g.countries[0][0], " ".join(topic + [t.text]))
        if body is None:
            return False
        self._add(table, mentions, Mention(g.start, t.i + 1, body, g.surface, "ner",
                                           aliases=[g.full] if g.full != g.surface else []))
        return True

    def _group_mention(self, g: _GroupPhrase, iso: str | None, surf: str | None) -> Mention:
        """The mention of one country's share of the group: the country itself for its
        government ("U.S. officials"), else a group actor ("Chinese companies", "Kurdish
        fighters", "students in Jakarta")."""
        t = g.t
        gov = (g.lemma in GOV_NOUNS or g.sector == "GOV") and g.lemma not in NON_GOV_BODIES
        if iso and gov and not g.norp and not g.qualifier:
            aliases = [surf] + ([g.full] if g.full != surf else [])
            if len(g.countries) == 1 and g.surface not in aliases:
                aliases.append(g.surface)
            compact = f"{surf} {t.text}"            # "U.S. official" in "top U.S. official"
            if len(g.countries) == 1 and compact not in aliases and g.start < t.i:
                aliases.append(compact)
            return Mention(t.i, t.i + 1, self.gaz.country(iso), surf, "demonym", aliases=aliases)
        if g.qualifier:
            name = f"{g.head_text} in {g.qualifier}"
            gid = f"GRP:{iso or '-'}:{id_key(g.lemma)}:{id_key(g.qualifier)}"
        elif g.norp:
            qual = " ".join(c.text for c in g.norp)
            name = f"{qual} {g.head_text}"
            gid = f"GRP:{iso or '-'}:{id_key(qual)}_{id_key(g.lemma)}"
        else:
            name = f"{self.gaz.adjective(iso) or surf} {g.head_text}"
            gid = f"GRP:{iso}:{id_key(g.lemma)}"
        actor = Actor(id=gid, name=name, label="Group", country=iso, role=g.sector)
        return Mention(g.start, t.i + 1, actor, g.surface, "group",
                       aliases=[g.full] if g.full != g.surface else [])

    @staticmethod
    def _origin_preps(t: Token) -> list[Token]:
        """PPs placing a group noun in a country: "forces in Guinea", "students throughout
        Indonesia", also through a participle ("refugees fleeing the war in Liberia",
        "West Africans ordered out of Nigeria")."""
        places = {"in", "from", "of", "throughout", "across"}
        lemma = t.lemma_.lower()
        if lemma in COUNTERPART_NOUNS:
            places = {"from", "of"}     # "met his counterpart in Sochi": where they met
        elif lemma in ENVOY_NOUNS and any(c.dep_ == "poss" for c in t.children):
            return []     # "its ambassador from Israel": the possessor sends, the PP hosts
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
                actor = Actor(id=f"GRP:{where}:{id_key(surf)}", name=text, label="Group",
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
            standing = t.dep_ in STANDING_DEPS and (t.pos_ in {"NOUN", "PROPN"} or any(
                c.lower_ == "the" for c in t.children))
            try:
                actor = self.gaz.country(iso)
            except KeyError:
                continue
            self._add(table, mentions, Mention(start, i + 1, actor, surf,
                                               "demonym" if standing else "modifier"))

