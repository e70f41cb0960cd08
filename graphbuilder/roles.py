"""CAMEO agent (sector) codes that carry meaning in graphbuilder.

The codes are CAMEO's actor "agent" codes (CAMEO manual 1.1b3, ch. 3, and the Phoenix agents
dictionary): ``GOV`` government, ``MIL`` military, ``COP`` police forces, ``JUD`` judiciary,
``LEG`` legislature, ``SPY`` state intelligence. (``POL`` is not an agent code: it is Poland's
ISO country code.)
"""
from __future__ import annotations

from graphbuilder.lexicon import LEXICON

#: Sectors that act for the state (the lexicon's ``state_roles``, shared with the relation
#: extractor): an organisation with one of them is PART_OF its country, and its actions count
#: as the state's.
STATE_ROLES: frozenset[str] = LEXICON.words("state_roles")
