"""Verbal events: subject -verb-> object (rules ``active``, ``passive``, ``passive-reported``,
``passive-located``, with ``protest`` and ``reciprocal`` fallbacks)."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from graphbuilder.extract import codes as C
from graphbuilder.extract.arguments import (
    actors_at,
    event_agents,
    find_subject,
    reporting_speaker,
    verb_lemma,
)
from graphbuilder.extract.backoff import backoff_match, is_backoff
from graphbuilder.extract.codes import intent_code, root, threat_code
from graphbuilder.extract.context import Context
from graphbuilder.extract.event import Event, Modality, RuleName
from graphbuilder.extract.modality import hypothetical, modality_of
from graphbuilder.extract.protest import protest_purpose, protest_target
from graphbuilder.extract.reciprocal import reciprocal_event
from graphbuilder.extract.syntax import (
    children,
    deadline_clause,
    demand_clause,
    group_head,
    infinitive,
    is_passive,
    measured,
    noun_post,
    noun_pre,
    peacekeeping,
    post_words,
    threatener_of,
)
from graphbuilder.extract.targets import (
    condition_subject,
    deep_pp_target,
    destination,
    envoy_host,
    find_targets,
    own_instrument,
    to_frontier,
)
from graphbuilder.extract.words import (
    CIVILIANS,
    DEMAND_VERBS,
    DRAWING_VERBS,
    EXCHANGE_VERBS,
    EXPELLED_OFFICIALS,
    LABEL_VERBS,
    LIGHT_VERBS,
    MASSING_VERBS,
    NEGATING_VERBS,
    NOMINAL_LIGHT,
    OWN_FORCES,
    POISED,
    PROMISING_VERBS,
    PROTESTERS,
    PURPOSE_VERBS,
    RECEIVING_LIGHT_VERBS,
    REFUSAL_VERBS,
    REPORTING_VERBS,
)
from graphbuilder.mentions import Mention
from graphbuilder.ontology import VerbMatch

#: Verbs between a posture verb and its attack ("prepared to resume shelling").
RESUMING_VERBS = frozenset({"resume", "continue", "begin", "start", "launch"})


@dataclass
class _Draft:
    """A verbal event while its rule works on it (code, arguments and modality change)."""

    verb: Token
    lemma: str
    code: str
    pattern: str
    spec: int
    sources: list[Mention] = field(default_factory=list)
    targets: list[Mention] = field(default_factory=list)
    rule: RuleName = "active"
    passive: bool = False
    promised: bool = False
    modality: Modality = "asserted"
    negated: bool = False
    failed_code: str | None = None   # the code of an event that failed to happen
    threatener: Token | None = None

    @property
    def root(self) -> str:
        """The CAMEO root of the current code."""
        return root(self.code)


def verb_event(verb: Token, ctx: Context) -> Event | None:
    """Rules ``active`` / ``passive`` / ``passive-reported`` / ``passive-located`` (and the
    ``protest`` and ``reciprocal`` fallbacks): subject -verb-> object, typed by the verb
    dictionary (or the event noun a light verb takes as object).

    "Japan dispatched aircraft to Pakistan" (active, 07), "14 companies were added to its list"
    said the Department (passive-reported), "a US national was arrested in Italy"
    (passive-located, 17), "China imposed sanctions on X" (the noun's 16), "threatened to ban X"
    (1312); any CAMEO root the dictionaries give, recoded to 074, 145, 150, 154, 166x, 180, the
    intents 03x, the threats 13x or the rejection 120 where the clause says so."""
    lemma = verb_lemma(verb, ctx)
    if _not_an_event(verb, lemma, ctx):
        return None
    vm = _fallback_match(verb, lemma, _dictionary_match(verb, lemma, ctx), ctx)
    if vm is None:
        return None
    draft = _Draft(verb, lemma, vm.code, vm.pattern, vm.specificity)
    obj_noun = next((measured(c) for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}),
                    None)
    _take_object_event(draft, obj_noun, vm, ctx)
    if draft.root == C.STATEMENT and lemma in REPORTING_VERBS:
        return None  # "said": the content is the event, not the saying
    draft.passive = is_passive(verb)
    if draft.passive:
        _passive_arguments(draft, ctx)
    else:
        _active_arguments(draft, obj_noun, ctx)
    draft.modality, draft.negated = modality_of(verb)
    if draft.promised and draft.modality == "asserted":
        draft.modality = "intended"
    if not draft.sources or not _recode_by_arguments(draft, ctx):
        return None
    _recode_by_modality(draft)
    draft.threatener = threatener_of(verb)
    if draft.threatener is not None and not draft.targets:
        draft.targets = condition_subject(verb, draft.threatener, ctx)
    _recode_failure(draft)
    return _finish(draft, ctx)


def _not_an_event(verb: Token, lemma: str, ctx: Context) -> bool:
    """Hypothetical and deadline clauses, and a protest's purpose ("staged protests to demand
    X": the protest aimed at X is the event)."""
    return hypothetical(verb) or deadline_clause(verb) or (
        lemma in PURPOSE_VERBS and protest_purpose(verb, ctx))


def _dictionary_match(verb: Token, lemma: str, ctx: Context) -> VerbMatch | None:
    """The verb dictionary's match, corrected where its patterns mislead."""
    post = post_words(verb)
    pre = [c.lemma_.lower() for c in verb.lefts if c.dep_ in {"advmod", "neg", "npadvmod"}]
    vm = ctx.onto.verb(lemma, post, pre)
    if vm is None:
        return None
    if root(vm.code) == C.STATEMENT and lemma in LABEL_VERBS and any(
            c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "as")
            for c in verb.children):
        return None  # "described X as president": a label neither insult nor praise
    if root(vm.code) == C.INTENT and vm.specificity and verb.tag_ in {"VBD", "VBN"}:
        # "met Biden at the White House": the dictionary's "meet * (AT)" is an intent to
        # meet (036); a meeting told in the past took place
        own_code = ctx.onto.verb(lemma)
        if own_code is not None and root(own_code.code) == C.CONSULT:
            vm = own_code
    if vm.pattern.strip().upper() == "* TO" and lemma in DEMAND_VERBS:
        # "ordered X to appear": a synset's generic "* TO" pattern ("agree to") does not
        # code a verb of demanding, whose own code says what kind of demand it is
        vm = ctx.onto.verb(lemma) or vm
    return vm


def _refused(verb: Token) -> bool:
    """"refused to deploy peacekeepers": the refusal is the event (CAMEO 12)."""
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in REFUSAL_VERBS


def _fallback_match(verb: Token, lemma: str, vm: VerbMatch | None,
                    ctx: Context) -> VerbMatch | None:
    """A demand noun's code ("reiterated its demand that ..."), else for a verb the
    dictionary lacks: a refusal, a threat, a mobilisation, a light verb's object noun or,
    last, the back-off (backoff.py: prefixed stem, any verb's event-noun object, verb class)."""
    demand = demand_clause(verb)
    if demand is not None and (vm is None or root(vm.code) in {C.STATEMENT, C.APPEAL}
                               or lemma in LIGHT_VERBS | REPORTING_VERBS):
        # "reiterated its demand that Israel ease ...": the noun names the event
        nm = ctx.onto.noun(demand[0].lemma_.lower())
        if nm is not None:
            vm = VerbMatch(nm.code, f"{lemma} {demand[0].lemma_.lower()} that", 2)
    if vm is not None:
        return vm
    if _refused(verb):
        return VerbMatch(C.REJECT_UNSPECIFIED, f"{verb.head.lemma_.lower()} to *", 1)
    if threatener_of(verb) is not None:
        # "threatened to stop negotiations if"
        return VerbMatch(C.THREATEN_UNSPECIFIED, "threaten to *", 1)
    if lemma in MASSING_VERBS and to_frontier(verb):
        # "massed troops near the border"
        return VerbMatch(C.MOBILIZE_FORCES, f"{lemma} * to border", 1)
    if lemma in LIGHT_VERBS:
        # "launched a sudden invasion of X", "continue military aid to X": a light verb the
        # dictionary lacks takes its event from its object noun (any event when the
        # subject is its doer; "drew criticism" is done to the subject)
        for d in children(verb, "dobj"):
            d = measured(d)
            nm = ctx.onto.noun(d.lemma_.lower(), noun_post(d), noun_pre(d))
            if nm is not None and (root(nm.code) in C.CONFLICT_NOUN_ROOTS
                                   or lemma not in RECEIVING_LIGHT_VERBS):
                vm = VerbMatch(nm.code, "*", 0)
    return vm if vm is not None else backoff_match(verb, lemma, ctx)


def _take_object_event(draft: _Draft, obj_noun: Token | None, vm: VerbMatch,
                       ctx: Context) -> None:
    """Light verb + event noun object: the noun names the event ("imposed sanctions",
    "announced the tightening of export controls"); promised, it is an intent."""
    if obj_noun is None or draft.lemma not in LIGHT_VERBS or draft.spec > 1 or (
            draft.spec == 1 and root(vm.code) == C.DISAPPROVE):
        return
    nm = ctx.onto.noun(obj_noun.lemma_.lower(), noun_post(obj_noun), noun_pre(obj_noun))
    if nm is None and obj_noun.lemma_.lower() in NOMINAL_LIGHT:
        for o in (o for p in children(obj_noun, "prep") if p.lower_ == "of"
                  for o in children(p, "pobj")):
            nm = ctx.onto.noun(o.lemma_.lower(), noun_post(o), noun_pre(o))
    if nm is not None:
        draft.code, draft.pattern = nm.code, f"{draft.lemma} {nm.pattern}"
        draft.spec = nm.specificity + 1
        # "pledged $500 million in aid": an intent (033)
        draft.promised = draft.lemma in PROMISING_VERBS


def _passive_arguments(draft: _Draft, ctx: Context) -> None:
    """By-agent -verb-> passive subject; without a by-agent, the attack, reporting authority
    or state where it happened acts."""
    verb = draft.verb
    draft.targets = _passive_subject(verb, ctx)
    draft.sources, draft.rule = [], "passive"
    for ag in children(verb, "agent"):
        for p in children(ag, "pobj"):
            draft.sources = actors_at(p, ctx)
    for find in (_attack_agent, _reporting_authority, _locating_state):
        if draft.sources:
            break
        draft.sources, draft.rule = find(verb, draft.code, ctx) or ([], draft.rule)
    if not draft.targets:
        # "a camp for Congolese refugees was attacked": the people in the place
        for c in children(verb, "nsubjpass"):
            if c.i not in ctx.table:
                draft.targets = [a for a in deep_pp_target(c, ctx, depth=1)
                                 if a.actor.label in {"Group", "Person", "Organization"}]
    if not draft.targets:
        draft.targets = find_targets(verb, ctx, draft.code)


def _passive_subject(verb: Token, ctx: Context) -> list[Mention]:
    """The passive subject, or the noun a passive participle modifies ("a deal mediated by
    Qatar": the parties to the deal)."""
    targets: list[Mention] = []
    for c in children(verb, "nsubjpass"):
        targets = actors_at(c, ctx)
    if verb.dep_ == "acl" and not targets:
        targets = actors_at(verb.head, ctx)
        if not targets and verb.head.pos_ == "NOUN":
            # "a truce under a deal mediated by Qatar": the parties to the deal
            gov = verb.head.head
            if gov.dep_ == "prep":
                gov = gov.head
            if gov.pos_ in {"VERB", "AUX"}:
                targets, _ = find_subject(gov, ctx)
    return targets


def _attack_agent(verb: Token, code: str, ctx: Context) -> tuple[list[Mention], RuleName] | None:
    """"Haniyeh was killed in an Israeli strike": the attack's agent."""
    sources: list[Mention] = []
    for prep in children(verb, "prep"):
        if prep.lower_ in {"in", "during", "by"} and not sources:
            for p in children(prep, "pobj"):
                sources = event_agents(p, ctx)
    return (sources, "passive") if sources else None


def _reporting_authority(verb: Token, code: str,
                         ctx: Context) -> tuple[list[Mention], RuleName] | None:
    """"The Commerce Department said 14 companies were added to its list": an authority
    reporting its own act (not a newspaper or a group reporting news)."""
    speaker = reporting_speaker(verb, ctx)
    if speaker is not None and speaker.actor.role != "MED" and \
            speaker.kind in {"name", "ner", "demonym"} and \
            speaker.actor.label in {"Country", "Organization", "Person"} and \
            any(c.lower_ in {"its", "their", "his", "her"} for c in verb.subtree):
        return [speaker], "passive-reported"
    return None


def _locating_state(verb: Token, code: str,
                    ctx: Context) -> tuple[list[Mention], RuleName] | None:
    """"a US national was arrested in Italy": only a state arrests, tries or investigates, so
    the country where it happened is the agent ("two diplomats were expelled from Britain":
    the country expelling)."""
    if root(code) not in C.STATE_ACT_ROOTS and code[:3] != C.EXPEL_DIPLOMATS:
        return None
    preps = children(verb, "prep")
    preps += [q for pp in preps for o in children(pp, "pobj")
              for q in children(o, "prep")]  # "under investigation in X"
    place_preps = {"in", "from"} if code[:3] in {C.EXPEL, C.EXPEL_DIPLOMATS} else {"in"}
    found = None
    for prep in preps:
        if prep.lower_ in place_preps and found is None:
            for p in children(prep, "pobj"):
                m = ctx.table.get(p.i)
                if m is not None and m.kind in {"name", "ner"} and m.actor.label == "Country":
                    found = m
    return ([found], "passive-located") if found is not None else None


def _active_arguments(draft: _Draft, obj_noun: Token | None, ctx: Context) -> None:
    """Subject -verb-> targets, with the corrections below in order."""
    verb, lemma = draft.verb, draft.lemma
    draft.sources, _ = find_subject(verb, ctx)
    draft.targets = find_targets(verb, ctx, draft.code)
    host = envoy_host(verb, draft.targets, draft.sources, ctx)
    if host is not None:
        draft.targets = host
    own = {a.actor.id for a in draft.sources}
    if lemma in EXCHANGE_VERBS and len(draft.sources) >= 2:
        draft.targets = []  # "Ukraine and Russia exchanged prisoners": with each other
    elif draft.targets and own and {a.actor.id for a in draft.targets} <= own:
        # "Poland closed its border with Belarus": past the subject's own possessions
        draft.targets = find_targets(verb, ctx.without_own(own), draft.code)
    draft.rule = "active"
    if not draft.targets and draft.root != C.STATEMENT:
        draft.targets = _complement_targets(verb, draft.code, own, ctx)
    if not draft.targets and obj_noun is not None and draft.pattern.startswith(f"{lemma} ") \
            and draft.root in C.PLACED_EVENT_ROOTS:
        draft.targets = _event_noun_place(obj_noun, draft.sources, ctx)
    if lemma in DRAWING_VERBS and draft.root in C.VERBAL_CONFLICT_ROOTS:
        authors = _drawn_from(verb, ctx)
        if authors:
            draft.sources, draft.targets = authors, draft.sources
    if draft.root in C.SYMMETRIC_ROOTS and len(draft.sources) >= 2 and draft.targets and all(
            verb.doc[t.start].head.lower_ in {"in", "at"} for t in draft.targets):
        draft.targets = []  # "X and Y resumed peace talks in Havana": with each other
    if draft.root in C.COOPERATIVE_ROOTS | {C.YIELD} and draft.targets and \
            all(t.actor.label == "Location" and not t.actor.country for t in draft.targets):
        # "French and Egyptian warships launched war games in the Mediterranean",
        # "boats heading to the shoal": a sea, reef or region is where one acts, not
        # a partner
        draft.targets = []
    if draft.root in C.COOPERATIVE_ROOTS and draft.targets and \
            draft.targets[0].actor.label in {"Person", "Group"}:
        draft.targets = _recipient(verb, draft.sources, ctx) or draft.targets


def _complement_targets(verb: Token, code: str, own: set[str], ctx: Context) -> list[Mention]:
    """"prepared to help Morocco rebuild", "offered to return the bones to Namibia": an event
    verb without a target of its own acts on its infinitive complement's subject, else - when
    the dictionary cannot type the complement, which is then no event of its own - on the
    complement's targets.  Aid and cooperation given for a purpose go to whom the purpose
    names ("will give $419 million in aid to assist Syrian refugees")."""
    for c in verb.children:
        if c.dep_ == "advcl" and infinitive(c) and root(code) in C.COOPERATIVE_ROOTS:
            purpose = [t for t in find_targets(c, ctx, code) if t.actor.id not in own]
            if purpose:
                return purpose
        if not (c.dep_ == "xcomp" or (c.dep_ == "ccomp" and c.tag_ == "VB" and not any(
                m.dep_ in {"mark", "aux"} for m in c.children))):
            continue
        helped = [a for n in children(c, "nsubj") for a in actors_at(n, ctx)
                  if a.actor.id not in own]
        if helped:
            return helped
        lemma = verb_lemma(c, ctx)
        if _fallback_match(c, lemma, _dictionary_match(c, lemma, ctx), ctx) is None:
            return [t for t in find_targets(c, ctx, code) if t.actor.id not in own]
    return []


def _event_noun_place(obj_noun: Token, sources: list[Mention], ctx: Context) -> list[Mention]:
    """"ordered the withdrawal of the main part of its forces from Syria": the event noun's
    place, however deep the parser put it (not the subject's own country)."""
    own_ids = {a.actor.country or a.actor.id for a in sources}
    return next(([a] for t in obj_noun.subtree if t.dep_ == "prep"
                 and t.lower_ in {"from", "to", "into", "against", "on"}
                 for o in children(t, "pobj")
                 for a in actors_at(o, ctx)
                 if a.actor.label in {"Country", "Location"}
                 and (a.actor.country or a.actor.id) not in own_ids), [])


def _drawn_from(verb: Token, ctx: Context) -> list[Mention]:
    """"drew criticism from the EU", "sparked protests by farmers": the critics, who act on
    the subject."""
    preps = children(verb, "prep") + [
        p for d in children(verb, "dobj") for p in children(d, "prep")]
    return [a for p in preps if p.lower_ in {"from", "by"}
            for o in children(p, "pobj") for a in actors_at(o, ctx)]


def _recipient(verb: Token, sources: list[Mention], ctx: Context) -> list[Mention]:
    """"extradited Dubnikov to the United States": cooperation is with the recipient (not
    "welcomed X to Brasilia": a host's own capital is a place)."""
    found: list[Mention] = []
    for prep in children(verb, "prep", "dative"):
        if prep.lower_ in {"to", "with"}:
            for p in children(prep, "pobj"):
                rec = actors_at(p, ctx)
                if rec and rec[0].actor.label in {"Country", "Organization"} and \
                        rec[0].actor.country not in {s.actor.country for s in sources}:
                    found = rec
    return found


def _recode_by_arguments(draft: _Draft, ctx: Context) -> bool:
    """Recode the event by who does it to whom; False when it is no event at all (troops
    arriving somewhere are not visiting or consulting)."""
    verb, code = draft.verb, draft.code
    if peacekeeping(verb, draft.sources) and (root(code) in C.PEACEKEEPING_ROOTS or (
            code == C.INTENT_PEACEKEEPING and draft.modality == "asserted")):
        # "NATO peacekeeping troops arrived in Bosnia", "sent peacekeepers to Mali" (the
        # dictionary codes "send peacekeepers" as the intent 0334, yet they are sent)
        draft.code, draft.pattern = C.PEACEKEEPING, "* peacekeeping"
    elif root(code) == C.CONSULT and all(group_head(s) in OWN_FORCES for s in draft.sources):
        return False
    if draft.targets and not draft.passive and own_instrument(draft.targets, draft.sources):
        # "Rwanda deployed 1,000 soldiers to Mozambique", "Syria will withdraw its troops
        # from Lebanon": the actor's own forces are moved; the place is the target
        draft.targets = destination(verb, ctx)
    for recode in _RECODINGS:
        draft.code = recode(draft)
    return True


def _mobilisation(draft: _Draft) -> str:
    """Troops sent to one's border with X: a mobilisation against X (CAMEO 154)."""
    if draft.root in {C.MATERIAL_COOPERATION, C.AID} and to_frontier(draft.verb):
        return C.MOBILIZE_FORCES
    return draft.code


def _assault_on_civilians(draft: _Draft) -> str:
    """Violence against civilians is an assault (CAMEO 18), not a battle."""
    if draft.root == C.FIGHT and draft.targets and all(
            t.actor.label == "Group" and group_head(t) in CIVILIANS for t in draft.targets):
        return C.ASSAULT_UNSPECIFIED
    return draft.code


def _violent_protest(draft: _Draft) -> str:
    """Crowds storming or burning things: a violent protest (CAMEO 145)."""
    if draft.root in {C.COERCE, C.ASSAULT, C.FIGHT} and draft.sources and all(
            s.actor.label == "Group" and group_head(s) in PROTESTERS for s in draft.sources):
        return C.PROTEST_VIOLENTLY
    return draft.code


def _expelled_officials(draft: _Draft) -> str:
    """Expelling diplomats, inspectors or peacekeepers reduces relations (CAMEO 166x)."""
    if not draft.code.startswith(C.EXPEL):
        return draft.code
    expelled = [group_head(t) for t in draft.targets] + [
        d.lemma_.lower() for d in children(draft.verb, "dobj")]
    return next((EXPELLED_OFFICIALS[w] for w in expelled if w in EXPELLED_OFFICIALS),
                draft.code)


_RECODINGS = (_mobilisation, _assault_on_civilians, _violent_protest, _expelled_officials)


def _recode_by_modality(draft: _Draft) -> None:
    """A readied attack is a force posture (150), a threatened event or one announced with
    an ultimatum a threat (13x), an intended one an intent (03x)."""
    verb = draft.verb
    ultimatum = draft.modality in {"future", "intended"} and any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless"
                                  for m in c.children) for c in verb.children)
    ctrl = verb.head if verb.dep_ == "xcomp" else verb
    if ctrl is not verb and ctrl.dep_ == "xcomp" and ctrl.lemma_.lower() in RESUMING_VERBS:
        ctrl = ctrl.head        # "prepared to resume shelling"
    if draft.root in C.ATTACK_ROOTS and ctrl is not verb and ctrl.lemma_.lower() in POISED:
        # "the army prepared to resume shelling": a force posture, not yet the attack
        draft.code, draft.modality = C.DEMONSTRATE_FORCE, "asserted"
    elif threatener_of(verb) is not None or ultimatum:
        # "threatened to ban X", "will boycott the elections unless ...": a threat
        draft.code = threat_code(draft.code)
    else:
        draft.code = intent_code(draft.code, draft.modality)


def _recode_failure(draft: _Draft) -> None:
    """"refused to deploy": a rejection (120); "failed to reach agreement": no deal is a
    rejection too (the CAMEO dictionary codes FAIL as 120), not a negated agreement; between
    coordinated parties, a mutual one."""
    verb = draft.verb
    if _refused(verb):
        draft.code, draft.modality = C.REJECT_UNSPECIFIED, "asserted"
        draft.pattern = f"{verb.head.lemma_.lower()} to {draft.lemma}"
    elif verb.dep_ == "xcomp" and verb.head.lemma_.lower() in NEGATING_VERBS and \
            (draft.root == C.INTENT or draft.code[:3] == C.SIGN_AGREEMENT) and \
            not any(c.dep_ == "neg" for c in verb.head.children):
        draft.failed_code = draft.code
        draft.code, draft.negated = C.REJECT_UNSPECIFIED, False
        draft.pattern = f"{verb.head.lemma_.lower()} to {draft.lemma}"


def _finish(draft: _Draft, ctx: Context) -> Event | None:
    """The event; a protest without a target is aimed at whom its purpose names, and
    coordinated parties without one act on each other."""
    verb = draft.verb
    attribution = reporting_speaker(verb, ctx)
    bonus = 0.03 * min(draft.spec, 2)     # a more specific dictionary pattern is more reliable
    if not draft.targets and draft.root == C.PROTEST:
        draft.targets = protest_target(verb, ctx)
        if draft.targets:
            draft.rule, bonus = "protest", 0.0
    if len(draft.sources) > 1 and draft.targets and \
            all(t.actor.label == "Location" for t in draft.targets) and \
            root(draft.failed_code or draft.code) in C.SYMMETRIC_ROOTS:
        # "X and Y reached agreement on offices in east Jerusalem": the parties agree with
        # each other, the place is what they agree about
        draft.targets = []
    if is_backoff(draft.pattern) and draft.rule in {"active", "passive"}:
        draft.rule, bonus = "backoff", 0.0
    ev = Event(trigger=verb, code=draft.code, pattern=draft.pattern, specificity=draft.spec,
               rule=draft.rule, sources=draft.sources, targets=draft.targets,
               negated=draft.negated, modality=draft.modality, attribution=attribution,
               bonus=bonus)
    if draft.targets:
        return ev
    if draft.passive:
        return None
    ev.code = draft.failed_code or draft.code
    recip = reciprocal_event(ev)
    if recip is not None and draft.failed_code:
        recip.code = draft.code
    return recip
