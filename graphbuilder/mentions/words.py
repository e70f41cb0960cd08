"""The word lists of mention finding, read from the lexicon (``mentions.*`` in
``graphbuilder/data/lexicon.json``; each list's ``about`` says what it is for)."""
from __future__ import annotations

from graphbuilder.lexicon import LEXICON


def _words(name: str) -> frozenset[str]:
    return LEXICON.words(f"mentions.{name}")


LEADER_TITLES = _words("leader_titles")
GOVERNMENT_TITLES = _words("government_titles")
SINGLE_OFFICES = _words("single_offices")
TITLE_NOUNS = _words("title_nouns")
NON_GOV_BODIES = _words("non_gov_bodies")
GOV_NOUNS = _words("gov_nouns")
COUNTERPART_NOUNS = _words("counterpart_nouns")
ENVOY_NOUNS = _words("envoy_nouns")
ALLEGIANCE_WORDS = _words("allegiance_words")
GROUP_NOUNS = _words("group_nouns")
MEMBER_NOUNS = _words("member_nouns")
ARMED_MEMBER_NOUNS = _words("armed_member_nouns")
OWNER_PARTICIPLES = _words("owner_participles")
HEAD_COMPOUNDS = _words("head_compounds")
VEHICLE_NOUNS = _words("vehicle_nouns")
OPERATOR_NOUNS = _words("operator_nouns")
SUPRANATIONAL_WORDS = _words("supranational_words")
REGIONAL_WORDS = _words("regional_words")
PERSON_PRONOUNS = _words("person_pronouns")
DEFINITE_HEADS = _words("definite_heads")
#: Sorted: the first suffix a token ends with wins (none is a suffix of another).
AGENTIVE_SUFFIXES = tuple(sorted(_words("agentive_suffixes")))
NAME_PARTICLES = _words("name_particles")
NOMINAL_ORG_HEADS = _words("nominal_org_heads")
NOMINAL_PERSON_HEADS = _words("nominal_person_heads")
NOMINAL_PLACE_HEADS = _words("nominal_place_heads")
PAIR_HEADS = _words("pair_heads")
DETERMINERS = _words("determiners")
NUMERIC_ENTITY_LABELS = _words("numeric_entity_labels")
NP_LEFT_DEPS = _words("np_left_deps")
LOCATIVE_PREPS = _words("locative_preps")
PLACING_PREPS = _words("placing_preps")
BODY_WORDS = _words("body_words")
NAME_ENTITY_LABELS = _words("name_entity_labels")
ACTOR_ENTITY_LABELS = _words("actor_entity_labels")
ARGUMENT_DEPS = _words("argument_deps")
STANDING_DEPS = _words("standing_deps")

# Short closed lists stay here.
COUNTRY_PRONOUNS = frozenset({"it", "its", "itself"})
PLURAL_PRONOUNS = frozenset({"they", "their", "them", "theirs", "themselves"})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
