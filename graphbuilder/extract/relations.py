"""The driver: run the rule table over a document and turn its events into Relation records."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from graphbuilder.extract import codes as C
from graphbuilder.extract import geofilter
from graphbuilder.extract.codes import root
from graphbuilder.extract.context import Context
from graphbuilder.extract.event import Event
from graphbuilder.extract.rules import first_event
from graphbuilder.extract.syntax import with_of
from graphbuilder.gazetteer import Actor
from graphbuilder.mentions import Mention, alias_form, localise, written_forms
from graphbuilder.model import Entity, FilteredRelation, Relation
from graphbuilder.ontology import Ontology

# Confidence factors of the target's label (see relation_confidence).
TARGET_LABEL_FACTOR = {"Country": 1.0, "Group": 1.0, "Organization": 0.9, "Person": 0.85,
                       "Location": 0.6}


def _entity(m: Mention, doc: Doc) -> Entity:
    """The Entity record of a relation end, with all the names it was written as."""
    a: Actor = m.actor
    aliases = [m.surface] + list(m.aliases) + written_forms(doc, m)
    if m.kind != "coref":
        aliases.append(a.name)
    # (no possessive aliases: "Ruto's" names Ruto)
    clean = {alias_form(x) for x in aliases if x}
    return Entity(id=a.id, name=a.name, label=a.label, country=a.country,
                  aliases=sorted(x for x in clean if x), role=a.role)


def event_place(trigger: Token, ctx: Context) -> str | None:
    """Country of the place named in a locative PP of the event or of its object."""
    objs = [c for c in trigger.children if c.dep_ == "dobj"]
    objs += [o for p in trigger.children if p.dep_ == "prep" for o in p.children
             if o.dep_ == "pobj"]    # "hurled stones at the Israeli embassy in Amman"
    for tok in [trigger] + objs:
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.lower_ not in {"in", "at", "inside", "outside"}:
                continue
            for p in (p for p in prep.children if p.dep_ == "pobj"):
                for q in with_of(p):   # (also "the Syrian province of Idlib")
                    m = ctx.table.get(q.i)
                    if m is not None and m.kind in {"name", "ner"} and \
                            m.actor.label in {"Country", "Location"}:
                        return m.actor.country or (m.actor.id if m.actor.label == "Country"
                                                   else None)
                # "in the Iraqi province of Dohuk": the province's country
                for a in (a for a in p.children if a.dep_ == "amod"):
                    m = ctx.table.get(a.i)
                    if m is not None and m.actor.label == "Country" and m.kind != "coref":
                        return m.actor.id
    return None


def relation_confidence(ev: Event, s: Mention, t: Mention) -> float:
    """Rule confidence adjusted by how reliable the kind of target and event are (fitted
    on the dev gold sets: places and unknown persons are often wrong targets; statements,
    generic cooperation, coercion and battles are the least reliably typed roots), so that
    ``--min-confidence`` trades recall for precision."""
    conf = ev.confidence * TARGET_LABEL_FACTOR.get(t.actor.label, 1.0)
    event_root = root(ev.code)
    if event_root in C.RELIABLE_ROOTS:
        conf *= 1.08
    elif event_root in C.WEAK_ROOTS:
        conf *= 0.85
    if "coref" in (s.kind, t.kind):
        conf *= 0.85
    return round(min(conf, 0.95), 3)


class RelationExtractor:
    """Turns one parsed document plus its mention table into Relation records."""

    def __init__(self, ontology: Ontology, gazetteer=None) -> None:
        self.onto = ontology
        self.gaz = gazetteer

    def extract(self, doc: Doc, table: dict[int, Mention], doc_id: str,
                date: str | None, filtered: list[FilteredRelation] | None = None
                ) -> list[Relation]:
        """All relations in ``doc`` (deduplicated, deterministic order). Candidates the
        geopolitical filter drops are appended to ``filtered`` (when given) with their reason."""
        ctx = Context.build(doc, table, self.onto, self.gaz)
        events: list[Event] = []
        for tok in doc:
            ev = first_event(tok, ctx)
            if ev is not None:
                if any(m.kind == "bare" or m.actor.id.startswith("GRP:-:")
                       for m in ev.sources + ev.targets):
                    ev.place = event_place(ev.trigger, ctx)
                events.append(ev)
        return self._to_relations(events, doc_id, date, filtered)

    def _to_relations(self, events: list[Event], doc_id: str, date: str | None,
                      filtered: list[FilteredRelation] | None) -> list[Relation]:
        """One relation per source-target pair of each event, localised and filtered; the
        most confident one per pair, root and sentence."""
        out: dict[tuple, Relation] = {}
        dropped: dict[tuple, FilteredRelation] = {}
        for ev in events:
            sent = ev.trigger.sent
            first = next((t for t in sent if not t.is_space), sent[0])
            s_start = first.idx
            s_end = sent.end_char
            while s_end > s_start and sent.doc.text[s_end - 1].isspace():
                s_end -= 1
            for source in ev.sources:
                for target in ev.targets:
                    # (new names: rebinding the loop variable would carry one target's
                    # localisation of a bare source over to the next target)
                    s = localise(source, target, ev.place, self.gaz)
                    t = localise(target, source, ev.place, self.gaz)
                    if s is None or t is None or s.actor.id == t.actor.id:
                        continue
                    candidate = geofilter.Candidate(s, t, ev.code, ev.trigger.doc, self.gaz)
                    why = geofilter.reason(candidate)
                    if why is not None and filtered is None:
                        continue
                    src, tgt = _entity(s, ev.trigger.doc), _entity(t, ev.trigger.doc)
                    trig = ev.trigger
                    rel = Relation(
                        doc=doc_id, date=date, sentence=sent.doc.text[s_start:s_end],
                        start=s_start, end=s_end, source=src, target=tgt,
                        type=self.onto.graph_type(ev.code), cameo=ev.code,
                        plover=self.onto.plover(ev.code), quad_class=self.onto.quad_class(ev.code),
                        negated=ev.negated, modality=ev.modality,
                        predicate=trig.text if not ev.pattern else ev.pattern.lower(),
                        rule=ev.rule,
                        confidence=relation_confidence(ev, s, t),
                        attribution=ev.attribution.actor.id if ev.attribution else None)
                    key = (src.id, tgt.id, root(ev.code), ev.negated, sent.start)
                    if why is not None:
                        dropped.setdefault(key, FilteredRelation(rel, why))
                        continue
                    prev = out.get(key)
                    if prev is None or rel.confidence > prev.confidence:
                        out[key] = rel
        if filtered is not None:   # (a pair another event of the sentence gave is no loss)
            filtered.extend(sorted((f for k, f in dropped.items() if k not in out),
                                   key=lambda f: _order(f.relation)))
        return sorted(out.values(), key=_order)


def _order(r: Relation) -> tuple:
    """The output order of relations: by position, then ends and code."""
    return (r.start, r.source.id, r.target.id, r.cameo)

