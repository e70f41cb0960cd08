"""Modality and negation of an event verb, and the clauses in which an event did not happen."""
from __future__ import annotations

from spacy.tokens import Token

from graphbuilder.extract.syntax import proposed
from graphbuilder.extract.words import (
    ALLEGING_VERBS,
    CONTROL_MODALITY,
    DEMAND_NOUNS,
    DEMAND_VERBS,
    DENYING_VERBS,
    DOCUMENT_NOUNS,
    EXPECTED_AUX,
    FUTURE_AUX,
    FUTURE_REPORTING,
    HYPOTHETICAL_MARKS,
    NEGATING_VERBS,
    OBLIGATION_AUX,
    REPORTING_VERBS,
)


def modality_of(verb: Token) -> tuple[str, bool]:
    """(modality, negated) of an event verb, looking up its control chain."""
    negated = any(c.dep_ == "neg" for c in verb.children)
    modality = "asserted"
    aux = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    if aux & FUTURE_AUX:
        modality = "future"
    elif aux & EXPECTED_AUX:
        modality = "expected"
        if "would" in aux and verb.dep_ == "ccomp" and \
                verb.head.lemma_.lower() in FUTURE_REPORTING \
                and not any(c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKS
                            for c in verb.children):
            modality = "future"  # "said they would boycott": future in the past
    cur = verb
    for _ in range(3):
        if cur.dep_ not in {"xcomp", "ccomp"} or cur.head is cur:
            break
        head = cur.head
        hl = head.lemma_.lower()
        if hl in NEGATING_VERBS and cur.dep_ == "xcomp":
            negated = not negated
        if hl in DENYING_VERBS:
            negated = not negated  # "denied that it had spied on", "denied sending troops"
        if any(c.dep_ == "neg" for c in head.children) and cur.dep_ == "xcomp":
            negated = True
        if hl in CONTROL_MODALITY and modality == "asserted":
            modality = CONTROL_MODALITY[hl]
        haux = {c.lower_ for c in head.children if c.dep_ in {"aux", "auxpass"}}
        if modality == "asserted" and haux & FUTURE_AUX:
            modality = "future"
        if cur.dep_ == "ccomp":
            break
        cur = head
    return modality, negated



def hypothetical(verb: Token) -> bool:
    """Events someone demands, or that hold only under a condition, did not happen:
    "demanded that the US cancel plans", "Sudan must return", "if he gave them a veto"
    (checked on the verb and up its chain of clauses)."""
    cur = verb
    controlled = False    # the clause is controlled by a verb above ("aims to tighten")
    for _ in range(4):
        controlled = controlled or cur.dep_ == "xcomp"
        if any(unreal(cur) for unreal in _UNREAL) or (
                cur.dep_ == "relcl" and controlled and cur.head.lemma_.lower() in DOCUMENT_NOUNS):
            return True  # "a resolution that aims to tighten sanctions": only its aim
        if cur.dep_ not in {"xcomp", "conj", "ccomp", "advcl"} or cur.head.i == cur.i:
            return False
        if cur.dep_ == "ccomp" and cur.head.lemma_.lower() in REPORTING_VERBS:
            return False
        cur = cur.head
    return False


def _conditional(cur: Token) -> bool:
    """"if he gave them a veto", "unless X withdraws"."""
    return any(c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKS for c in cur.children)


def _alleged(cur: Token) -> bool:
    """"accused the RSF of attacking a hospital": only alleged."""
    return cur.dep_ == "pcomp" and cur.head.lower_ == "of" and \
        cur.head.head.lemma_.lower() in ALLEGING_VERBS


def _warned_against(cur: Token) -> bool:
    """"warned X against sending missiles", "barred X from entering"."""
    return cur.dep_ == "pcomp" and cur.head.lower_ in {"against", "from"}


def _obliged(cur: Token) -> bool:
    """"Sudan must return": an obligation."""
    return any(c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX for c in cur.children)


def _counterfactual(cur: Token) -> bool:
    """"a resolution that would have deplored ...": it did not."""
    auxes = {c.lower_ for c in cur.children if c.dep_ == "aux"}
    return bool(auxes & {"would", "could", "might"}) and "have" in auxes and cur.tag_ == "VBN"


def _demanded(cur: Token) -> bool:
    """"told X to leave" demands; "a court was told (that) soldiers beat ..." reports."""
    head = cur.head.lemma_.lower()
    return cur.dep_ in {"ccomp", "xcomp"} and head in DEMAND_VERBS and cur.head.i != cur.i \
        and not (cur.dep_ == "ccomp" and head in REPORTING_VERBS)


def _demanded_by_noun(cur: Token) -> bool:
    """"demanded an admission that ...", "its demand that Israel ease"."""
    return cur.dep_ in {"acl", "ccomp"} and cur.head.pos_ == "NOUN" and (
        cur.head.lemma_.lower() in DEMAND_NOUNS or cur.head.head.lemma_.lower() in DEMAND_VERBS)


#: Clauses whose event did not happen ("rejected a US offer to host a summit": only proposed).
_UNREAL = (_conditional, _alleged, _warned_against, _obliged, _counterfactual, _demanded,
           proposed, _demanded_by_noun)
