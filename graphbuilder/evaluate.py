"""Score extracted relations against gold records, as specified in ``EVALUATION.md``.

Gold file: JSON Lines, one record ``{id, date, text, relations: [...]}`` per line; each gold
relation has ``source``, ``target`` (canonical names), ``source_country``/``target_country``
(ISO alpha-3 or null), ``cameo`` (2-4 digits) or ``plover`` (a PLOVER type), optional
``negated`` and ``mutual``.

Matching, per record and per level (dyad, actor, quad), is a maximum one-to-one matching
between predictions and gold relations (augmenting paths, deterministic order):

* dyad: the prediction's CAMEO root is one the gold relation stands for, ``negated`` equal,
  each end matches by country code where the gold end has one, otherwise by name;
* actor: as dyad, but both ends must match by name (canonical name or any alias, compared
  case-insensitively, ignoring a leading "the" and punctuation);
* quad: as dyad, but the quad classes (GDELT mapping from the root) must be equal instead.

Conventions where the spec leaves room (all deterministic):

* a predicted end's country code is ``Entity.country``, or its id for a ``Country`` entity
  without one;
* predictions whose ends are the same entity (same id) are dropped; duplicate predictions
  (same end ids, same root, same negation) count once, the first one returned is kept;
  ``predicted`` in the report counts what is left;
* a ``mutual`` gold relation matches in either direction; an unmatched prediction that matches
  a mutual gold relation in the other direction from the prediction that matched it is neither
  a true nor a false positive (so precision's denominator can be below ``predicted``);
* the quad class of a prediction is derived from its CAMEO root (the spec's GDELT mapping);
* ``by_root`` is keyed by the gold relations' root; a ``plover`` type standing for several
  roots (ASSAULT = 18 or 20) is keyed by its first root; a row's precision counts the
  predictions with that root, a matched prediction counting under the key of the gold relation
  it matched (the same root except for ASSAULT); only roots with gold relations are listed; the
  table uses dyad-level matching;
* P/R/F1 with a zero denominator are 0.0; values are rounded to 4 decimals.
"""
from __future__ import annotations

import hashlib
import json
import os
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from graphbuilder.model import Entity, FilteredRelation, Relation
from graphbuilder.query import normalize_name

#: PLOVER type -> the CAMEO roots it stands for (EVALUATION.md, "Event classes").
PLOVER_ROOTS: dict[str, tuple[str, ...]] = {
    "AGREE": ("03",), "CONSULT": ("04",), "SUPPORT": ("05",), "COOPERATE": ("06",),
    "AID": ("07",), "RETREAT": ("08",), "CONCEDE": ("08",), "INVESTIGATE": ("09",),
    "DEMAND": ("10",), "DISAPPROVE": ("11",), "REJECT": ("12",), "THREATEN": ("13",),
    "PROTEST": ("14",), "MOBILIZE": ("15",), "SANCTION": ("16",), "COERCE": ("17",),
    "ASSAULT": ("18", "20"), "FIGHT": ("19",),
}

LEVELS = ("dyad", "actor", "quad")

Predict = Callable[[str, "str | None", str], list[Relation]]


class GoldError(ValueError):
    """A gold file cannot be read; the message is one line naming the file and line."""


def cameo_root(code: object) -> str | None:
    """First two digits of a CAMEO code (``"163"`` -> ``"16"``), or None if not a code."""
    text = str(code or "").strip()
    return text[:2] if len(text) >= 2 and text[:2].isdigit() and 1 <= int(text[:2]) <= 20 else None


def quad_class(root: str | None) -> int | None:
    """GDELT quad class of a CAMEO root: 01-05 -> 1, 06-08 -> 2, 09-13 -> 3, 14-20 -> 4."""
    if root is None:
        return None
    n = int(root)
    return 1 if n <= 5 else 2 if n <= 8 else 3 if n <= 13 else 4


# --------------------------------------------------------------------------------------------
# gold records


@dataclass(frozen=True)
class GoldRelation:
    """One gold relation; ``roots`` are the CAMEO roots its ``cameo``/``plover`` stands for."""

    source: str
    target: str
    source_country: str | None
    target_country: str | None
    roots: tuple[str, ...]
    negated: bool = False
    mutual: bool = False
    cameo: str | None = None
    plover: str | None = None

    @property
    def root(self) -> str:
        """The root this relation is reported under (the first one for a multi-root type)."""
        return self.roots[0]

    @property
    def quads(self) -> frozenset[int]:
        """Quad classes of its roots."""
        return frozenset(q for q in (quad_class(r) for r in self.roots) if q is not None)

    @property
    def event(self) -> str:
        """``cameo`` code or ``plover`` type, as written in the gold file."""
        return self.cameo or self.plover or self.root


@dataclass(frozen=True)
class GoldRecord:
    """One gold record: the text to extract from and the relations it asserts."""

    id: str
    date: str | None
    text: str
    relations: tuple[GoldRelation, ...]


def load_gold(path: str | os.PathLike[str]) -> list[GoldRecord]:
    """Read a gold JSON Lines file (blank lines skipped; a UTF-8 BOM is accepted).

    Raises:
        GoldError: unreadable file or malformed line: ``FILE:LINE: what is wrong``.
    """
    name = str(path)
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{name}: cannot read gold file: {exc}") from exc
    records: list[GoldRecord] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = _parse_record(line)
        except (ValueError, TypeError) as exc:
            raise GoldError(f"{name}:{number}: {exc}") from None
        if record.id in seen:
            raise GoldError(f"{name}:{number}: duplicate record id {record.id!r}")
        seen.add(record.id)
        records.append(record)
    return records


def _parse_record(line: str) -> GoldRecord:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(data, dict):
        raise ValueError("expected a JSON object")
    record_id = _required_str(data, "id", "record")
    text = _required_str(data, "text", "record")
    date = data.get("date")
    if date is not None and not isinstance(date, str):
        raise ValueError("'date' must be a string or null")
    rels = data.get("relations")
    if not isinstance(rels, list):
        raise ValueError("'relations' must be a list (possibly empty)")
    return GoldRecord(id=record_id, date=date, text=text,
                      relations=tuple(_parse_relation(r, i) for i, r in enumerate(rels)))


def _required_str(data: dict[str, Any], key: str, what: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{what} needs a non-empty string '{key}'")
    return value


def _optional_country(data: dict[str, Any], key: str, where: str) -> str | None:
    value = data.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"{where}: '{key}' must be an ISO alpha-3 string or null")
    return value.strip().upper()


def _parse_relation(data: Any, index: int) -> GoldRelation:
    where = f"relation {index}"
    if not isinstance(data, dict):
        raise ValueError(f"{where}: expected a JSON object")
    cameo, plover = data.get("cameo"), data.get("plover")
    if cameo is not None:
        cameo = str(cameo).strip()
        root = cameo_root(cameo)
        if root is None or not cameo.isdigit() or not 2 <= len(cameo) <= 4:
            raise ValueError(f"{where}: 'cameo' must be a CAMEO code of 2 to 4 digits, "
                             f"not {data.get('cameo')!r}")
        roots: tuple[str, ...] = (root,)
    elif plover is not None:
        plover = str(plover).strip().upper()
        if plover not in PLOVER_ROOTS:
            raise ValueError(f"{where}: unknown 'plover' type {data.get('plover')!r}")
        roots = PLOVER_ROOTS[plover]
    else:
        raise ValueError(f"{where}: needs 'cameo' or 'plover'")
    for flag in ("negated", "mutual"):
        if not isinstance(data.get(flag, False), bool):
            raise ValueError(f"{where}: '{flag}' must be true or false")
    return GoldRelation(
        source=_required_str(data, "source", where), target=_required_str(data, "target", where),
        source_country=_optional_country(data, "source_country", where),
        target_country=_optional_country(data, "target_country", where),
        roots=roots, negated=bool(data.get("negated", False)),
        mutual=bool(data.get("mutual", False)), cameo=cameo, plover=plover)


# --------------------------------------------------------------------------------------------
# matching


def _entity_country(entity: Entity) -> str | None:
    code = entity.country or (entity.id if entity.label == "Country" else None)
    return code.upper() if code else None


def name_matches(entity: Entity, gold_name: str) -> bool:
    """The entity's canonical name or an alias equals ``gold_name`` (see :func:`normalize_name`)."""
    wanted = normalize_name(gold_name)
    return bool(wanted) and any(normalize_name(n) == wanted for n in (entity.name, *entity.aliases))


def _end_matches(entity: Entity, name: str, country: str | None, by_name: bool) -> bool:
    if country is not None and not by_name:
        return _entity_country(entity) == country
    return name_matches(entity, name)


def _ends_match(pred: Relation, gold: GoldRelation, reverse: bool, by_name: bool) -> bool:
    src, tgt = (pred.target, pred.source) if reverse else (pred.source, pred.target)
    return (_end_matches(src, gold.source, gold.source_country, by_name)
            and _end_matches(tgt, gold.target, gold.target_country, by_name))


def _event_matches(pred: Relation, gold: GoldRelation, level: str) -> bool:
    if pred.negated != gold.negated:
        return False
    root = cameo_root(pred.cameo)
    if level == "quad":
        return quad_class(root) in gold.quads
    return root in gold.roots


def orientations(pred: Relation, gold: GoldRelation, level: str) -> tuple[bool, ...]:
    """Directions (False = as predicted, True = reversed) in which ``pred`` matches ``gold``."""
    if not _event_matches(pred, gold, level):
        return ()
    by_name = level == "actor"
    allowed = (False, True) if gold.mutual else (False,)
    return tuple(r for r in allowed if _ends_match(pred, gold, r, by_name))


def max_matching(candidates: Sequence[Sequence[int]], n_gold: int) -> dict[int, int]:
    """Maximum bipartite matching ``{pred index: gold index}`` (Kuhn's augmenting paths).

    ``candidates[p]`` lists the gold indices prediction ``p`` may match, tried in order, so the
    result is deterministic.
    """
    gold_to_pred: list[int | None] = [None] * n_gold

    def augment(p: int, visited: set[int]) -> bool:
        for g in candidates[p]:
            if g in visited:
                continue
            visited.add(g)
            holder = gold_to_pred[g]
            if holder is None or augment(holder, visited):
                gold_to_pred[g] = p
                return True
        return False

    for p in range(len(candidates)):
        augment(p, set())
    return {p: g for g, p in enumerate(gold_to_pred) if p is not None}


def clean_predictions(predictions: Iterable[Relation]) -> list[Relation]:
    """Drop self-relations and duplicates (same end ids, same root, same negation)."""
    seen: set[tuple[str, str, str | None, bool]] = set()
    kept: list[Relation] = []
    for pred in predictions:
        if pred.source.id == pred.target.id:
            continue
        key = (pred.source.id, pred.target.id, cameo_root(pred.cameo), bool(pred.negated))
        if key not in seen:
            seen.add(key)
            kept.append(pred)
    return kept


@dataclass
class LevelResult:
    """Outcome of matching one record at one level."""

    matched: dict[int, int]               # pred index -> gold index
    false_positives: list[int]            # pred indices
    ignored: list[int]                    # reverse predictions of matched mutual relations


def match_record(preds: Sequence[Relation], gold: Sequence[GoldRelation],
                 level: str) -> LevelResult:
    """Match one record's (cleaned) predictions to its gold relations at ``level``."""
    options = [[(g, orientations(p, gr, level)) for g, gr in enumerate(gold)] for p in preds]
    candidates = [[g for g, o in row if o] for row in options]
    matched = max_matching(candidates, len(gold))
    used_direction = {g: options[p][g][1][0] for p, g in matched.items()}
    false_positives, ignored = [], []
    for p in range(len(preds)):
        if p in matched:
            continue
        if any(gold[g].mutual and g in used_direction
               and any(r != used_direction[g] for r in options[p][g][1]) for g in candidates[p]):
            ignored.append(p)
        else:
            false_positives.append(p)
    return LevelResult(matched=matched, false_positives=false_positives, ignored=ignored)


# --------------------------------------------------------------------------------------------
# report


@dataclass
class Counts:
    """True positives, false positives and false negatives, with P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4)}


@dataclass
class RootCounts:
    """Per-root counts: recall over gold relations keyed by root, precision over predictions."""

    gold: int = 0
    gold_matched: int = 0
    predicted: int = 0
    pred_matched: int = 0

    def to_dict(self) -> dict[str, float | int]:
        p = self.pred_matched / self.predicted if self.predicted else 0.0
        r = self.gold_matched / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                "gold": self.gold}


@dataclass
class Report:
    """Scores over a set of gold records (see :func:`score`)."""

    records: int = 0
    gold: int = 0
    predicted: int = 0
    levels: dict[str, Counts] = field(default_factory=lambda: {lv: Counts() for lv in LEVELS})
    roots: dict[str, RootCounts] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)
    #: reason -> [candidates the geopolitical filter dropped, of which would have matched a
    #: gold relation that no kept prediction matched (dyad level)]
    filtered: dict[str, list[int]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The report object of EVALUATION.md (records, gold, predicted, levels, by_root), and
        the candidates the geopolitical filter dropped, by reason (filtered)."""
        out: dict[str, Any] = {"records": self.records, "gold": self.gold,
                               "predicted": self.predicted}
        for level in LEVELS:
            out[level] = self.levels[level].to_dict()
        out["by_root"] = {root: self.roots[root].to_dict() for root in sorted(self.roots)
                          if self.roots[root].gold}
        out["filtered"] = {reason: {"candidates": n, "gold_matching": g}
                           for reason, (n, g) in sorted(self.filtered.items())}
        return out

    def to_json(self, indent: int | None = None) -> str:
        """JSON text of :meth:`to_dict` (the ``--json`` output)."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def format_text(self, errors: bool = False) -> str:
        """Human-readable summary, per-root table and (optionally) every error."""
        lines = [f"records {self.records}   gold {self.gold}   predicted {self.predicted}", "",
                 f"{'level':<8}{'P':>8}{'R':>8}{'F1':>8}{'TP':>6}{'FP':>6}{'FN':>6}"]
        for level in LEVELS:
            c = self.levels[level]
            lines.append(f"{level:<8}{c.precision:>8.3f}{c.recall:>8.3f}{c.f1:>8.3f}"
                         f"{c.tp:>6}{c.fp:>6}{c.fn:>6}")
        lines += ["", f"{'root':<8}{'P':>8}{'R':>8}{'F1':>8}{'gold':>6}"]
        for root, row in self.to_dict()["by_root"].items():
            lines.append(f"{root:<8}{row['precision']:>8.3f}{row['recall']:>8.3f}"
                         f"{row['f1']:>8.3f}{row['gold']:>6}")
        if self.filtered:
            lines += ["", f"{'filtered by the geopolitical filter':<64}{'cands':>6}{'gold':>6}"]
            lines += [f"{reason[:64]:<64}{n:>6}{g:>6}"
                      for reason, (n, g) in sorted(self.filtered.items())]
        if errors:
            lines += ["", f"errors ({len(self.errors)}, dyad level)"]
            lines += [_format_error(e) for e in self.errors]
        return "\n".join(lines)


def _format_error(e: dict[str, Any]) -> str:
    what = e["predicted"] if e["kind"] == "false_positive" else e["gold"]
    rule = f"  rule={e['rule']}" if e.get("rule") else ""
    neg = " NOT" if e.get("negated") else ""
    return (f"[{e['record']}] {e['kind'].upper().replace('_', ' ')}: {what}"
            f"  root={e['root']}{neg}{rule}\n    {e['sentence']}")


def _describe_entity(entity: Entity) -> str:
    code = _entity_country(entity)
    return f"{entity.name} [{code}]" if code else entity.name


def _describe_gold_end(name: str, country: str | None) -> str:
    return f"{name} [{country}]" if country else name


def _fp_error(record: GoldRecord, pred: Relation) -> dict[str, Any]:
    return {"record": record.id, "kind": "false_positive", "sentence": record.text,
            "evidence": pred.sentence,
            "predicted": f"{_describe_entity(pred.source)} -> {_describe_entity(pred.target)}",
            "gold": None, "root": cameo_root(pred.cameo), "cameo": pred.cameo,
            "negated": bool(pred.negated), "rule": pred.rule or None}


def _miss_error(record: GoldRecord, gold: GoldRelation) -> dict[str, Any]:
    arrow = "<->" if gold.mutual else "->"
    return {"record": record.id, "kind": "miss", "sentence": record.text, "evidence": None,
            "predicted": None,
            "gold": f"{_describe_gold_end(gold.source, gold.source_country)} {arrow} "
                    f"{_describe_gold_end(gold.target, gold.target_country)}",
            "root": gold.root, "cameo": gold.event, "negated": gold.negated, "rule": None}


def _add_record(report: Report, record: GoldRecord, preds: list[Relation],
                filtered: Sequence[FilteredRelation] = ()) -> None:
    gold = list(record.relations)
    report.records += 1
    report.gold += len(gold)
    report.predicted += len(preds)
    results = {level: match_record(preds, gold, level) for level in LEVELS}
    for level, res in results.items():
        counts = report.levels[level]
        counts.tp += len(res.matched)
        counts.fp += len(res.false_positives)
        counts.fn += len(gold) - len(res.matched)
    dyad = results["dyad"]
    _add_roots(report, preds, gold, dyad)
    report.errors += [_miss_error(record, gold[g]) for g in range(len(gold))
                      if g not in dyad.matched.values()]
    report.errors += [_fp_error(record, preds[p]) for p in dyad.false_positives]
    _add_filtered(report, preds, gold, set(dyad.matched.values()), filtered)


def _add_filtered(report: Report, preds: list[Relation], gold: list[GoldRelation],
                  matched_gold: set[int], filtered: Sequence[FilteredRelation]) -> None:
    """Count the filtered candidates by reason, and those that would have matched a gold
    relation left unmatched (a one-to-one matching, as for predictions)."""
    kept = {(p.source.id, p.target.id, cameo_root(p.cameo), bool(p.negated)) for p in preds}
    by_relation = {id(f.relation): f.reason for f in filtered}
    cands = [r for r in clean_predictions(f.relation for f in filtered)
             if (r.source.id, r.target.id, cameo_root(r.cameo), bool(r.negated)) not in kept]
    for r in cands:
        report.filtered.setdefault(by_relation[id(r)], [0, 0])[0] += 1
    open_gold = [g for g in range(len(gold)) if g not in matched_gold]
    options = [[i for i, g in enumerate(open_gold) if orientations(r, gold[g], "dyad")]
               for r in cands]
    for p in max_matching(options, len(open_gold)):
        report.filtered[by_relation[id(cands[p])]][1] += 1


def _add_roots(report: Report, preds: list[Relation], gold: list[GoldRelation],
               dyad: LevelResult) -> None:
    matched_gold = set(dyad.matched.values())
    for g, rel in enumerate(gold):
        row = report.roots.setdefault(rel.root, RootCounts())
        row.gold += 1
        row.gold_matched += g in matched_gold
    ignored = set(dyad.ignored)
    for p, pred in enumerate(preds):
        root = gold[dyad.matched[p]].root if p in dyad.matched else cameo_root(pred.cameo)
        if p in ignored or root is None:
            continue
        row = report.roots.setdefault(root, RootCounts())
        row.predicted += 1
        row.pred_matched += p in dyad.matched


def score(records: Iterable[GoldRecord], predict: Predict) -> Report:
    """Run ``predict(text, date, record_id)`` on every record and score it against the gold.

    ``predict`` may return :class:`~graphbuilder.model.Relations`: its ``filtered`` candidates
    (dropped by the geopolitical filter) are counted by reason in ``report.filtered``.

    Returns:
        The :class:`Report`; ``report.errors`` lists dyad-level misses and false positives.
    """
    return score_folds(records, predict, 1)[0]


def fold_of(record_id: str, k: int) -> int:
    """The fold (0 .. k-1) of a record: by a hash of its id, so a record keeps its fold when
    other records are added or removed."""
    return int(hashlib.sha1(record_id.encode("utf-8")).hexdigest(), 16) % k


def score_folds(records: Iterable[GoldRecord], predict: Predict,
                k: int) -> tuple[Report, list[Report]]:
    """Score all records, and each of ``k`` folds (:func:`fold_of`) on its own.

    A rule-based extractor has nothing to train, so the folds measure how much its scores
    depend on which records are drawn: the spread over folds is the error bar of the total.

    Returns:
        The report over all records, and one report per fold (empty when ``k`` is 1).
    """
    if k < 1:
        raise ValueError("the number of folds must be at least 1")
    total = Report()
    folds = [Report() for _ in range(k)] if k > 1 else []
    for record in records:
        predicted = predict(record.text, record.date, record.id)
        preds = clean_predictions(predicted)
        filtered = getattr(predicted, "filtered", ())
        _add_record(total, record, preds, filtered)
        if folds:
            _add_record(folds[fold_of(record.id, k)], record, preds, filtered)
    return total, folds


def fold_summary(folds: Sequence[Report], level: str = "dyad") -> dict[str, Any]:
    """Per-fold precision/recall/F1 at ``level``, with their mean and (sample) standard
    deviation over the folds."""
    rows = [{"fold": i, "records": f.records, "gold": f.gold, **f.levels[level].to_dict()}
            for i, f in enumerate(folds)]
    out: dict[str, Any] = {"k": len(folds), "level": level, "folds": rows}
    for metric in ("precision", "recall", "f1"):
        values = [r[metric] for r in rows]
        out[metric] = {"mean": round(statistics.fmean(values), 4),
                       "sd": round(statistics.stdev(values), 4) if len(values) > 1 else 0.0,
                       "min": min(values), "max": max(values)}
    return out


def format_folds(summary: dict[str, Any]) -> str:
    """Text table of :func:`fold_summary`."""
    lines = [f"{summary['k']} folds by hash of record id ({summary['level']} level)",
             f"{'fold':<6}{'records':>8}{'gold':>6}{'P':>8}{'R':>8}{'F1':>8}"]
    for r in summary["folds"]:
        lines.append(f"{r['fold']:<6}{r['records']:>8}{r['gold']:>6}{r['precision']:>8.3f}"
                     f"{r['recall']:>8.3f}{r['f1']:>8.3f}")
    stats = {m: summary[m] for m in ("precision", "recall", "f1")}
    lines.append(f"{'mean':<20}" + "".join(f"{stats[m]['mean']:>8.3f}" for m in stats))
    lines.append(f"{'sd':<20}" + "".join(f"{stats[m]['sd']:>8.3f}" for m in stats))
    return "\n".join(lines)
