"""Verbal events: subject -verb-> object (rules ``active``, ``passive``, ``passive-reported``,
``passive-located``, with ``protest`` and ``reciprocal`` fallbacks)."""
from __future__ import annotations

from spacy.tokens import Token

from graphbuilder.extract import codes as C
from graphbuilder.extract.arguments import (
    actors_at,
    event_agents,
    find_subject,
    reporting_speaker,
    verb_lemma,
)
from graphbuilder.extract.codes import intent_code, root, threat_code
from graphbuilder.extract.context import Context
from graphbuilder.extract.event import Event
from graphbuilder.extract.modality import hypothetical, modality_of
from graphbuilder.extract.protest import protest_purpose, protest_target
from graphbuilder.extract.reciprocal import reciprocal_event
from graphbuilder.extract.syntax import (
    children,
    deadline_clause,
    demand_clause,
    group_head,
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
from graphbuilder.ontology import VerbMatch


def verb_event(verb: Token, ctx: Context) -> Event | None:
    lemma = verb_lemma(verb, ctx)
    if hypothetical(verb) or deadline_clause(verb):
        return None
    if lemma in PURPOSE_VERBS and protest_purpose(verb, ctx):
        return None  # "staged protests to demand X": the protest aimed at X is the event
    post = post_words(verb)
    pre = [c.lemma_.lower() for c in verb.lefts if c.dep_ in {"advmod", "neg", "npadvmod"}]
    vm = ctx.onto.verb(lemma, post, pre)
    if vm is not None and root(vm.code) == C.STATEMENT and lemma in LABEL_VERBS and any(
            c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "as")
            for c in verb.children):
        return None  # "described X as president": a label neither insult nor praise
    if vm is not None and root(vm.code) == C.INTENT and vm.specificity and \
            verb.tag_ in {"VBD", "VBN"}:
        # "met Biden at the White House": the dictionary's "meet * (AT)" is an intent to
        # meet (036); a meeting told in the past took place
        own_code = ctx.onto.verb(lemma)
        if own_code is not None and root(own_code.code) == C.CONSULT:
            vm = own_code
    if vm is not None and vm.pattern.strip().upper() == "* TO" and lemma in DEMAND_VERBS:
        # "ordered X to appear": a synset's generic "* TO" pattern ("agree to") does not
        # code a verb of demanding, whose own code says what kind of demand it is
        vm = ctx.onto.verb(lemma) or vm
    demand = demand_clause(verb)
    if demand is not None and (vm is None or root(vm.code) in {C.STATEMENT, C.APPEAL}
                               or lemma in LIGHT_VERBS | REPORTING_VERBS):
        # "reiterated its demand that Israel ease ...": the noun names the event
        nm = ctx.onto.noun(demand[0].lemma_.lower())
        if nm is not None:
            vm = VerbMatch(nm.code, f"{lemma} {demand[0].lemma_.lower()} that", 2)
    refused = verb.dep_ == "xcomp" and verb.head.lemma_.lower() in REFUSAL_VERBS
    if vm is None and refused:
        vm = VerbMatch(C.REJECT_UNSPECIFIED, f"{verb.head.lemma_.lower()} to *", 1)
    threatener = threatener_of(verb)
    if vm is None and threatener is not None:
        vm = VerbMatch(C.THREATEN_UNSPECIFIED, "threaten to *", 1)  # "threatened to stop negotiations if"
    if vm is None and lemma in MASSING_VERBS and to_frontier(verb):
        vm = VerbMatch(C.MOBILIZE_FORCES, f"{lemma} * to border", 1)  # "massed troops near the border"
    if vm is None and lemma in LIGHT_VERBS:
        # "launched a sudden invasion of X", "continue military aid to X": a light verb the
        # dictionary lacks takes its event from its object noun (any event when the
        # subject is its doer; "drew criticism" is done to the subject)
        for d in children(verb, "dobj"):
            d = measured(d)
            nm = ctx.onto.noun(d.lemma_.lower(), noun_post(d), noun_pre(d))
            if nm is not None and (root(nm.code) in C.CONFLICT_NOUN_ROOTS
                                   or lemma not in RECEIVING_LIGHT_VERBS):
                vm = VerbMatch(nm.code, "*", 0)
    if vm is None:
        return None
    code, pattern, spec = vm.code, vm.pattern, vm.specificity
    promised = False
    # light verb + event noun object: the noun names the event ("imposed sanctions")
    obj_noun = next((measured(c) for c in verb.children
                     if c.dep_ in {"dobj", "nsubjpass"}), None)
    if obj_noun is not None and lemma in LIGHT_VERBS and spec <= 1 \
            and not (spec == 1 and root(vm.code) == C.DISAPPROVE):
        nm = ctx.onto.noun(obj_noun.lemma_.lower(), noun_post(obj_noun),
                            noun_pre(obj_noun))
        if nm is None and obj_noun.lemma_.lower() in NOMINAL_LIGHT:
            # "announced the tightening of export controls"
            for o in (o for p in children(obj_noun, "prep") if p.lower_ == "of"
                      for o in children(p, "pobj")):
                nm = ctx.onto.noun(o.lemma_.lower(), noun_post(o), noun_pre(o))
        if nm is not None:
            code, pattern, spec = nm.code, f"{lemma} {nm.pattern}", nm.specificity + 1
            if lemma in PROMISING_VERBS:
                promised = True  # "pledged $500 million in aid": an intent (033)
    if root(code) == C.STATEMENT and lemma in REPORTING_VERBS:
        return None  # "said": the content is the event, not the saying
    passive = is_passive(verb)
    if passive:
        targets = []
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
        sources = []
        for ag in children(verb, "agent"):
            for p in children(ag, "pobj"):
                sources = actors_at(p, ctx)
        rule = "passive"
        if not sources:
            # "Haniyeh was killed in an Israeli strike": the attack's agent
            for prep in children(verb, "prep"):
                if prep.lower_ in {"in", "during", "by"} and not sources:
                    for p in children(prep, "pobj"):
                        sources = event_agents(p, ctx)
        if not sources:
            # "The Commerce Department said 14 companies were added to its list": an
            # authority reporting its own act (not a newspaper or a group reporting news)
            speaker = reporting_speaker(verb, ctx)
            if speaker is not None and speaker.actor.role != "MED" and \
                    speaker.kind in {"name", "ner", "demonym"} and \
                    speaker.actor.label in {"Country", "Organization", "Person"} and \
                    any(c.lower_ in {"its", "their", "his", "her"} for c in verb.subtree):
                sources, rule = [speaker], "passive-reported"
        if not sources and (root(code) in C.STATE_ACT_ROOTS or code[:3] == C.EXPEL_DIPLOMATS):
            # "a US national was arrested in Italy": only a state arrests, tries or
            # investigates, so the country where it happened is the agent
            preps = children(verb, "prep")
            preps += [q for pp in preps for o in children(pp, "pobj")
                      for q in children(o, "prep")]  # "under investigation in X"
            for prep in preps:
                # "two diplomats were expelled from Britain": the country expelling
                place_preps = {"in", "from"} if code[:3] in {C.EXPEL, C.EXPEL_DIPLOMATS} else {"in"}
                if prep.lower_ in place_preps and not sources:
                    for p in children(prep, "pobj"):
                        m = ctx.table.get(p.i)
                        if m is not None and m.kind in {"name", "ner"} and \
                                m.actor.label == "Country":
                            sources, rule = [m], "passive-located"
        if not targets:
            # "a camp for Congolese refugees was attacked": the people in the place
            for c in children(verb, "nsubjpass"):
                if c.i not in ctx.table:
                    targets = [a for a in deep_pp_target(c, ctx, depth=1)
                               if a.actor.label in {"Group", "Person", "Organization"}]
        if not targets:
            targets = find_targets(verb, ctx, code)
    else:
        sources, _ = find_subject(verb, ctx)
        targets = find_targets(verb, ctx, code)
        own = {a.actor.id for a in sources}
        if lemma in EXCHANGE_VERBS and len(sources) >= 2:
            targets = []  # "Ukraine and Russia exchanged prisoners": with each other
        elif targets and own and {a.actor.id for a in targets} <= own:
            # "Poland closed its border with Belarus": past the subject's own possessions
            targets = find_targets(verb, ctx.without_own(own), code)
        rule = "active"
        if not targets and obj_noun is not None and pattern.startswith(f"{lemma} ") and \
                root(code) in C.PLACED_EVENT_ROOTS:
            # "ordered the withdrawal of the main part of its forces from Syria": the
            # event noun's place, however deep the parser put it
            own_ids = {a.actor.country or a.actor.id for a in sources}
            targets = next(([a] for t in obj_noun.subtree if t.dep_ == "prep"
                            and t.lower_ in {"from", "to", "into", "against", "on"}
                            for o in children(t, "pobj")
                            for a in actors_at(o, ctx)
                            if a.actor.label in {"Country", "Location"}
                            and (a.actor.country or a.actor.id) not in own_ids), [])
        if lemma in DRAWING_VERBS and root(code) in C.VERBAL_CONFLICT_ROOTS:
            # "drew criticism from the EU", "sparked protests by farmers": the critics act
            # on the subject
            preps = children(verb, "prep") + [
                p for d in children(verb, "dobj") for p in children(d, "prep")]
            authors = [a for p in preps if p.lower_ in {"from", "by"}
                       for o in children(p, "pobj") for a in actors_at(o, ctx)]
            if authors:
                sources, targets = authors, sources
        if root(code) in C.SYMMETRIC_ROOTS and len(sources) >= 2 and targets and all(
                verb.doc[t.start].head.lower_ in {"in", "at"} for t in targets):
            targets = []  # "X and Y resumed peace talks in Havana": with each other
        if root(code) in C.COOPERATIVE_ROOTS | {C.YIELD} and targets and \
                all(t.actor.label == "Location" and not t.actor.country for t in targets):
            # "French and Egyptian warships launched war games in the Mediterranean",
            # "boats heading to the shoal": a sea, reef or region is where one acts, not
            # a partner
            targets = []
        if root(code) in C.COOPERATIVE_ROOTS and targets and targets[0].actor.label in {
                "Person", "Group"}:
            # "extradited Dubnikov to the United States": cooperation is with the recipient
            for prep in children(verb, "prep", "dative"):
                if prep.lower_ in {"to", "with"}:
                    for p in children(prep, "pobj"):
                        rec = actors_at(p, ctx)
                        if rec and rec[0].actor.label in {"Country", "Organization"} and \
                                rec[0].actor.country not in {s.actor.country for s in sources}:
                            # (not "welcomed X to Brasilia": a host's own capital is a place)
                            targets = rec
    modality, negated = modality_of(verb)
    if promised and modality == "asserted":
        modality = "intended"
    if not sources:
        return None
    if peacekeeping(verb, sources) and (root(code) in C.PEACEKEEPING_ROOTS or
                                              code == C.INTENT_PEACEKEEPING and modality == "asserted"):
        # (the dictionary codes "send peacekeepers" as the intent 0334, yet they are sent)
        # "NATO peacekeeping troops arrived in Bosnia", "sent peacekeepers to Mali"
        code, pattern = C.PEACEKEEPING, "* peacekeeping"
    elif root(code) == C.CONSULT and all(group_head(s) in OWN_FORCES for s in sources):
        return None  # troops arriving somewhere are not visiting or consulting
    if targets and not passive and own_instrument(targets, sources):
        # "Rwanda deployed 1,000 soldiers to Mozambique", "Syria will withdraw its troops
        # from Lebanon": the actor's own forces are moved; the place is the target
        targets = destination(verb, ctx)
    if root(code) in {C.MATERIAL_COOPERATION, C.AID} and to_frontier(verb):
        code = C.MOBILIZE_FORCES   # troops sent to one's border with X: a mobilisation against X
    if root(code) == C.FIGHT and targets and all(
            t.actor.label == "Group" and group_head(t) in CIVILIANS
            for t in targets):
        code = C.ASSAULT_UNSPECIFIED  # violence against civilians is an assault, not a battle (CAMEO 18)
    if root(code) in {C.COERCE, C.ASSAULT, C.FIGHT} and sources and all(
            s.actor.label == "Group" and group_head(s) in PROTESTERS
            for s in sources):
        code = C.PROTEST_VIOLENTLY  # crowds storming or burning things: a violent protest (CAMEO 145)
    if code.startswith(C.EXPEL):
        # expelling diplomats, inspectors or peacekeepers reduces relations (CAMEO 166x)
        expelled = [group_head(t) for t in targets] + [
            d.lemma_.lower() for d in children(verb, "dobj")]
        code = next((EXPELLED_OFFICIALS[w] for w in expelled if w in EXPELLED_OFFICIALS),
                    code)
    ultimatum = modality in {"future", "intended"} and any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless"
                                  for m in c.children) for c in verb.children)
    ctrl = verb.head if verb.dep_ == "xcomp" else verb
    if ctrl is not verb and ctrl.dep_ == "xcomp" and ctrl.lemma_.lower() in {
            "resume", "continue", "begin", "start", "launch"}:
        ctrl = ctrl.head        # "prepared to resume shelling"
    if root(code) in C.ATTACK_ROOTS and ctrl is not verb and \
            ctrl.lemma_.lower() in POISED:
        # "the army prepared to resume shelling": a force posture (CAMEO 150), not yet
        # the attack
        code, modality = C.DEMONSTRATE_FORCE, "asserted"
    elif threatener is not None or ultimatum:
        # "threatened to ban X", "will boycott the elections unless ...": a threat
        code = threat_code(code)
    else:
        code = intent_code(code, modality)
    if threatener is not None:
        if not targets:
            targets = condition_subject(verb, threatener, ctx)
    failed_code = None
    if refused:
        code, pattern, modality = C.REJECT_UNSPECIFIED, f"{verb.head.lemma_.lower()} to {lemma}", "asserted"
    elif verb.dep_ == "xcomp" and verb.head.lemma_.lower() in NEGATING_VERBS and \
            (root(code) == C.INTENT or code[:3] == C.SIGN_AGREEMENT) and \
            not any(c.dep_ == "neg" for c in verb.head.children):
        # "failed to reach agreement": no deal is a rejection (the CAMEO dictionary codes
        # FAIL as 120), not a negated agreement; between coordinated parties, a mutual one
        failed_code = code
        code, pattern, negated = C.REJECT_UNSPECIFIED, f"{verb.head.lemma_.lower()} to {lemma}", False
    attribution = reporting_speaker(verb, ctx)
    bonus = 0.03 * min(spec, 2)     # a more specific dictionary pattern is more reliable
    if not targets and root(code) == C.PROTEST:
        targets = protest_target(verb, ctx)
        if targets:
            rule, bonus = "protest", 0.0
    if len(sources) > 1 and targets and all(t.actor.label == "Location" for t in targets) \
            and (failed_code or code)[:2] in C.SYMMETRIC_ROOTS:
        # "X and Y reached agreement on offices in east Jerusalem": the parties agree with
        # each other, the place is what they agree about
        targets = []
    if not targets:
        if passive:
            return None
        ev = reciprocal_event(verb, failed_code or code, pattern, spec, sources, negated,
                              modality, attribution, ctx)
        if ev is not None and failed_code:
            ev.code = code
        return ev
    return Event(trigger=verb, code=code, pattern=pattern, specificity=spec, rule=rule,
                 sources=sources, targets=targets, negated=negated, modality=modality,
                 attribution=attribution, bonus=bonus)
