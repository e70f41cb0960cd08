"""CAMEO codes the extraction rules emit or test, by name, and the tables that turn an event
into its intent (CAMEO 03x) or threat (13x) code.

Roots are the two-digit CAMEO categories (``root(code)``); full codes are the leaves the rules
produce themselves rather than take from the verb and noun dictionaries.
"""
from __future__ import annotations

from types import MappingProxyType

# -- roots -------------------------------------------------------------------------------------
STATEMENT = "01"
APPEAL = "02"
INTENT = "03"
CONSULT = "04"
DIPLOMATIC_COOPERATION = "05"
MATERIAL_COOPERATION = "06"
AID = "07"
YIELD = "08"
INVESTIGATE = "09"
DEMAND = "10"
DISAPPROVE = "11"
REJECT = "12"
THREATEN = "13"
PROTEST = "14"
FORCE_POSTURE = "15"
REDUCE_RELATIONS = "16"
COERCE = "17"
ASSAULT = "18"
FIGHT = "19"
MASS_VIOLENCE = "20"

# -- full codes --------------------------------------------------------------------------------
MAKE_STATEMENT = "010"              # a message to someone
PESSIMISTIC_COMMENT = "012"
OPTIMISTIC_COMMENT = "013"
INTENT_MATERIAL_COOPERATION = "031"
INTENT_DIPLOMATIC_COOPERATION = "032"
INTENT_AID = "033"
INTENT_PEACEKEEPING = "0334"
INTENT_YIELD = "035"
INTENT_MEET = "036"
MEDIATE = "045"
PRAISE = "051"
SIGN_AGREEMENT = "057"
MATERIAL_COOPERATION_UNSPECIFIED = "060"
PEACEKEEPING = "074"
DEMAND_UNSPECIFIED = "100"
CRITICIZE = "111"
REJECT_UNSPECIFIED = "120"
THREATEN_UNSPECIFIED = "130"
THREATEN_NON_FORCE = "131"
THREATEN_SANCTIONS = "1312"
THREATEN_PROTEST = "133"
THREATEN_REPRESSION = "137"
THREATEN_FORCE = "138"
PROTEST_VIOLENTLY = "145"
DEMONSTRATE_FORCE = "150"
MOBILIZE_FORCES = "154"
EXPEL_DIPLOMATS = "166"
EXPEL = "174"
ASSAULT_UNSPECIFIED = "180"
RELEASE_PERSONS = "0841"
ARREST = "173"
ABDUCT = "181"
PHYSICAL_ASSAULT = "182"
HUMAN_SHIELD = "184"
ASSASSINATE = "185"

# -- root groups -------------------------------------------------------------------------------
#: Cooperation of any kind (verbal, diplomatic, material, aid).
COOPERATIVE_ROOTS = frozenset({INTENT, CONSULT, DIPLOMATIC_COOPERATION, MATERIAL_COOPERATION, AID})
#: Joint actions: coordinated actors with no other target act with each other.
SYMMETRIC_ROOTS = frozenset({INTENT, CONSULT, DIPLOMATIC_COOPERATION, MATERIAL_COOPERATION})
#: Roots whose verbs are joint acts by their default code alone ("agreed", "met", "signed");
#: cooperation verbs ("increase", "develop") are joint only by a pattern or a reciprocal object.
RECIPROCAL_DEFAULT_ROOTS = frozenset({INTENT, CONSULT, DIPLOMATIC_COOPERATION})
#: Roots of which an official dealing with their own country is no relation.
MEETING_ROOTS = RECIPROCAL_DEFAULT_ROOTS
#: Material force.
FORCE_ROOTS = frozenset({COERCE, ASSAULT, FIGHT, MASS_VIOLENCE})
#: Armed attacks (whose nouns name the attacker of a clause: "Israeli airstrikes killed ...").
ATTACK_ROOTS = frozenset({ASSAULT, FIGHT, MASS_VIOLENCE})
#: Conflict nouns whose "of" complement is what the event is done to ("an invasion of X").
CONFLICT_NOUN_ROOTS = FORCE_ROOTS | {FORCE_POSTURE, REDUCE_RELATIONS}
#: Roots whose place PPs name a venue, never a party (agreeing, supporting, cooperating),
#: unless the verb puts something there ("deploy peacekeepers in Iraq").
VENUE_ROOTS = frozenset({INTENT, DIPLOMATIC_COOPERATION, MATERIAL_COOPERATION, AID})
#: Roots besides force whose physical object stands for its owner or place: aid and
#: withdrawals ("rebuilt homes in Gaza", "evacuated settlements in the Gaza Strip").
PLACED_OBJECT_ROOTS = frozenset({AID, YIELD, INVESTIGATE, REDUCE_RELATIONS})
#: Events only a state does (investigate, arrest/try/expel): an agentless passive located in a
#: country has that country as its agent.
STATE_ACT_ROOTS = frozenset({INVESTIGATE, COERCE})
#: Verbal conflict whose subject is its target when the object names its authors ("drew
#: criticism from X").
VERBAL_CONFLICT_ROOTS = frozenset({DEMAND, DISAPPROVE, REJECT, THREATEN, PROTEST})
#: Events whose object noun's place is the target ("ordered the withdrawal of its forces from
#: Syria").
PLACED_EVENT_ROOTS = FORCE_ROOTS | {AID, YIELD, FORCE_POSTURE, REDUCE_RELATIONS}
#: Movements that peacekeepers make peacekeeping ("sent peacekeepers to Mali").
PEACEKEEPING_ROOTS = frozenset({CONSULT, MATERIAL_COOPERATION, AID, FORCE_POSTURE, FIGHT})
#: Accusations and rejections: whom the charge is about is their target.
CHARGE_ROOTS = frozenset({DISAPPROVE, REJECT})
#: Acts a place can undergo (the gold sets keep them with a town or region as target: easing
#: or lifting a curfew there, threats, protests, mobilisation, curfews and seizures, bombings,
#: shelling, occupation) ...
TERRITORIAL_ROOTS = frozenset({YIELD, THREATEN, PROTEST, FORCE_POSTURE, COERCE, ASSAULT, FIGHT,
                               MASS_VIOLENCE})
#: ... except those done to people: releasing, arresting, expelling, abducting, beating,
#: using as shields, assassinating (their subcodes included).
PERSON_CODES = (RELEASE_PERSONS, ARREST, EXPEL, ABDUCT, PHYSICAL_ASSAULT, HUMAN_SHIELD,
                ASSASSINATE)
#: Threats an actor of the state makes at home, against its own country: boycotts and protests,
#: curfews and bans, force ("threatened to institute a curfew in Algiers").
DOMESTIC_THREATS = (THREATEN_PROTEST, THREATEN_REPRESSION, THREATEN_FORCE)
#: Judging an act (demanding, condemning, rejecting): aimed at the act's agent, never at its
#: place or victims ("condemned the attack on the embassy").
JUDGING_ROOTS = frozenset({DEMAND, DISAPPROVE, REJECT})
#: Confidence factors of ``Extraction._confidence``: reliably and weakly typed roots.
RELIABLE_ROOTS = frozenset({AID, DEMAND, DISAPPROVE, REJECT, THREATEN, PROTEST,
                            REDUCE_RELATIONS, ASSAULT})
WEAK_ROOTS = frozenset({STATEMENT, APPEAL, MATERIAL_COOPERATION, COERCE, FIGHT})

# -- intent and threat tables --------------------------------------------------------------------
#: Expressed intent turns an event into its CAMEO "intent" / "threat" code.
INTENT_CODES = MappingProxyType({
    CONSULT: INTENT_MEET, DIPLOMATIC_COOPERATION: INTENT_DIPLOMATIC_COOPERATION,
    MATERIAL_COOPERATION: INTENT_MATERIAL_COOPERATION, AID: INTENT_AID, YIELD: INTENT_YIELD,
    REDUCE_RELATIONS: THREATEN_SANCTIONS, COERCE: THREATEN_REPRESSION, ASSAULT: THREATEN_FORCE,
    FIGHT: THREATEN_FORCE, MASS_VIOLENCE: THREATEN_FORCE, FORCE_POSTURE: THREATEN_FORCE,
    PROTEST: THREATEN_NON_FORCE})
#: An event someone threatens is a threat (CAMEO 13x) whatever its own root: "threatened to
#: ban X" (1312), "threatened to stop negotiations" (130), "threatened to attack" (138).
THREAT_CODES = MappingProxyType({
    REDUCE_RELATIONS: THREATEN_SANCTIONS, COERCE: THREATEN_REPRESSION, ASSAULT: THREATEN_FORCE,
    FIGHT: THREATEN_FORCE, MASS_VIOLENCE: THREATEN_FORCE, FORCE_POSTURE: THREATEN_FORCE,
    PROTEST: THREATEN_PROTEST, REJECT: THREATEN_UNSPECIFIED, THREATEN: THREATEN_UNSPECIFIED})


def root(code: str) -> str:
    """The two-digit CAMEO root of ``code`` ("1312" -> "13")."""
    return code[:2]


def territorial(code: str) -> bool:
    """A place can be the target of the event ``code`` ("imposed a curfew in Cizre", "shelled
    El Fasher"), unlike meeting, aiding, arresting or releasing (``TERRITORIAL_ROOTS``,
    ``PERSON_CODES``)."""
    return root(code) in TERRITORIAL_ROOTS and not code.startswith(PERSON_CODES)


def intent_code(code: str, modality: str) -> str:
    """An event that is only promised or threatened is coded as the intent (CAMEO 03x) or the
    threat (13x): "will provide aid" is 033, "threatened to strike" 138."""
    if modality in {"future", "intended"} and code[:2] in INTENT_CODES:
        return INTENT_CODES[code[:2]]
    return code


def threat_code(code: str) -> str:
    """The threat (CAMEO 13x) of threatening the event ``code``."""
    return THREAT_CODES.get(code[:2], code if code[:2] == THREATEN else THREATEN_UNSPECIFIED)
