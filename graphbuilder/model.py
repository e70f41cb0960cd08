"""Typed records passed between the pipeline stages.

documents -> (Document) -> nlp + extract -> (DocumentResult: Entity, Relation, Link)
-> store (networkx | neo4j) -> export / query.

Everything here is plain data: JSON-serialisable through ``to_dict`` / ``from_dict`` so that
extraction output (``graphbuilder extract``) can be sharded and loaded later.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Iterable

#: Node labels used in both stores.
LABELS = ("Country", "Person", "Organization", "Group", "Location")

#: Structural (non-event) relationship types linking actors to their country.
STRUCTURAL_TYPES = ("LEADER_OF", "MEMBER_OF", "PART_OF", "AFFILIATED_WITH")


def stable_id(*parts: object, length: int = 16) -> str:
    """Deterministic short hex id from the given parts (same input, same id, every run)."""
    h = hashlib.sha1("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:length]


@dataclass
class Document:
    """One input document after reading (see :mod:`graphbuilder.documents`)."""

    id: str
    text: str
    date: str | None = None          # ISO YYYY-MM-DD publication date
    title: str | None = None
    url: str | None = None
    source: str | None = None        # file path (or "<stdin>") it came from
    dateline: str | None = None      # "SEOUL, South Korea" when the text starts with one
    body_start: int = 0              # char offset in ``text`` where the body starts (after dateline)

    @property
    def content_hash(self) -> str:
        """Hash of what extraction depends on: a changed document gets a new hash."""
        return stable_id(self.text, self.date, length=40)


@dataclass
class Entity:
    """A normalised actor: one per real-world actor, keyed by ``id``.

    Ids: countries use ISO 3166-1 alpha-3 (``USA``); other actors are prefixed by kind,
    e.g. ``PER:XI_JINPING``, ``ORG:CHN:COMMERCE_MINISTRY``, ``IGO:UN``,
    ``GRP:CHN:COMPANIES``.
    """

    id: str
    name: str
    label: str                       # one of LABELS
    country: str | None = None       # ISO alpha-3 of the country it belongs to / represents
    aliases: list[str] = field(default_factory=list)   # every surface form seen
    role: str | None = None          # CAMEO sector code (GOV, MIL, BUS, MED, ...), if known

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "label": self.label,
                "country": self.country, "aliases": sorted(set(self.aliases)),
                "role": self.role}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Entity":
        return cls(id=d["id"], name=d["name"], label=d["label"], country=d.get("country"),
                   aliases=list(d.get("aliases") or []), role=d.get("role"))


@dataclass
class Relation:
    """One relation mention: source -TYPE-> target, with event typing and provenance."""

    doc: str
    date: str | None
    sentence: str
    start: int                       # char span of the evidence in the document text
    end: int
    source: Entity
    target: Entity
    type: str                        # readable graph type: SANCTIONS, CRITICIZES, MEETS, ...
    cameo: str                       # CAMEO code, 2-4 digits as a string ("163")
    plover: str                      # PLOVER event type ("SANCTION")
    quad_class: int                  # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    negated: bool = False
    modality: str = "asserted"       # asserted | future | intended | expected | attempted
    predicate: str = ""              # the trigger words ("blacklisting", "impose sanctions on")
    rule: str = ""                   # the extraction rule that fired
    confidence: float = 0.5
    attribution: str | None = None   # entity id of the speaker for reported speech

    @property
    def id(self) -> str:
        """Deterministic relation id: same document, span, ends and code give the same id."""
        return stable_id(self.doc, self.start, self.end, self.source.id, self.target.id,
                         self.cameo, self.negated)

    def __str__(self) -> str:
        """One readable line: ``United States -[SANCTIONS]-> Chinese companies (CAMEO 163 ...)``."""
        facts = [f"CAMEO {self.cameo} {self.plover}", f"quad {self.quad_class}",
                 f"Goldstein {self.goldstein}"]
        if self.negated:
            facts.append("negated")
        if self.modality != "asserted":
            facts.append(self.modality)
        where = self.doc + (f" {self.date}" if self.date else "")
        return (f"{self.source.name} -[{self.type}]-> {self.target.name} "
                f"({', '.join(facts)}; {where})")

    @property
    def goldstein(self) -> float | None:
        """Goldstein score (-10 conflict .. +10 cooperation) of the CAMEO code (GDELT's table)."""
        from graphbuilder.goldstein import goldstein
        return goldstein(self.cameo)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "doc": self.doc, "date": self.date, "sentence": self.sentence,
                "start": self.start, "end": self.end,
                "source": self.source.to_dict(), "target": self.target.to_dict(),
                "type": self.type, "cameo": self.cameo, "plover": self.plover,
                "quad_class": self.quad_class, "goldstein": self.goldstein,
                "negated": self.negated, "modality": self.modality, "predicate": self.predicate, "rule": self.rule,
                "confidence": round(float(self.confidence), 3),
                "attribution": self.attribution}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Relation":
        return cls(doc=d["doc"], date=d.get("date"), sentence=d.get("sentence", ""),
                   start=int(d["start"]), end=int(d["end"]),
                   source=Entity.from_dict(d["source"]), target=Entity.from_dict(d["target"]),
                   type=d["type"], cameo=str(d["cameo"]), plover=d.get("plover", ""),
                   quad_class=int(d.get("quad_class", 0)), negated=bool(d.get("negated")),
                   modality=d.get("modality", "asserted"), predicate=d.get("predicate", ""),
                   rule=d.get("rule", ""), confidence=float(d.get("confidence", 0.5)),
                   attribution=d.get("attribution"))


@dataclass
class FilteredRelation:
    """A relation candidate the geopolitical filter dropped, with its reason
    (:mod:`graphbuilder.extract.geofilter`): shown by ``extract --explain``, counted by ``eval``."""

    relation: Relation
    reason: str                      # "target is a place: province", "source is a company", ...

    def to_dict(self) -> dict[str, Any]:
        """The relation's ``extract`` object plus ``filtered``: the reason it was dropped."""
        return {**self.relation.to_dict(), "filtered": self.reason}

    def __str__(self) -> str:
        r = self.relation
        return (f"filtered: {r.source.name} -[{r.type}]-> {r.target.name} "
                f"(CAMEO {r.cameo}; {r.doc}): {self.reason}")


class Relations(list):
    """A list of :class:`Relation` that prints one readable line each; ``filtered`` holds the
    candidates the geopolitical filter dropped (:class:`FilteredRelation`, with their reason)."""

    def __init__(self, relations: Iterable[Relation] = (),
                 filtered: Iterable[FilteredRelation] = ()) -> None:
        super().__init__(relations)
        self.filtered: list[FilteredRelation] = list(filtered)

    def __str__(self) -> str:
        """One line per relation, then one per filtered candidate with its reason."""
        lines = [str(r) for r in self] or ["(no relations)"]
        return "\n".join(lines + [str(f) for f in self.filtered])

    __repr__ = __str__

    def to_dicts(self) -> list[dict]:
        """The relations as the JSON objects of ``graphbuilder extract``."""
        return [r.to_dict() for r in self]


@dataclass
class Link:
    """A structural edge between actors: Xi Jinping -LEADER_OF-> China."""

    source: Entity
    target: Entity
    type: str                        # one of STRUCTURAL_TYPES

    @property
    def id(self) -> str:
        return stable_id(self.source.id, self.type, self.target.id)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "source": self.source.to_dict(), "target": self.target.to_dict(),
                "type": self.type}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Link":
        return cls(source=Entity.from_dict(d["source"]), target=Entity.from_dict(d["target"]),
                   type=d["type"])


@dataclass
class DocumentResult:
    """Everything extracted from one document: what a store loads in one transaction."""

    doc_id: str
    content_hash: str
    date: str | None
    entities: list[Entity]
    relations: list[Relation]
    links: list[Link]
    source: str | None = None
    words: int = 0                   # tokens parsed (for throughput figures; not persisted)
    #: candidates the geopolitical filter dropped (``extract --explain``, ``eval``; not persisted)
    filtered: list[FilteredRelation] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"doc": self.doc_id, "hash": self.content_hash, "date": self.date,
                "source": self.source,
                "entities": [e.to_dict() for e in self.entities],
                "relations": [r.to_dict() for r in self.relations],
                "links": [lk.to_dict() for lk in self.links]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "DocumentResult":
        return cls(doc_id=d["doc"], content_hash=d["hash"], date=d.get("date"),
                   source=d.get("source"),
                   entities=[Entity.from_dict(e) for e in d.get("entities", [])],
                   relations=[Relation.from_dict(r) for r in d.get("relations", [])],
                   links=[Link.from_dict(lk) for lk in d.get("links", [])])
