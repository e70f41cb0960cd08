"""The lexicon: named word lists with includes, frozen, failing loudly on unknown names."""
from __future__ import annotations

import json

import pytest

from graphbuilder.lexicon import LEXICON, Lexicon, LexiconError, load_lexicon


def test_includes_share_a_sub_list():
    shared = LEXICON["authored_acts"]
    assert shared <= LEXICON["owned_nouns"] and shared <= LEXICON["authored_nouns"]
    assert "appeal" in LEXICON["authored_nouns"] and "province" in LEXICON["owned_nouns"]
    assert "province" not in LEXICON["authored_nouns"]


def test_lists_are_frozen_sets_and_maps_are_read_only():
    assert isinstance(LEXICON["reporting_verbs"], frozenset)
    assert LEXICON.map("control_modality")["try"] == "attempted"
    with pytest.raises(TypeError):
        LEXICON.map("control_modality")["try"] = "intended"  # type: ignore[index]


def test_unknown_lookup_names_the_list():
    with pytest.raises(LexiconError, match="unknown word list 'no_such_list'"):
        LEXICON["no_such_list"]


def test_unknown_include_fails_at_load(tmp_path):
    path = tmp_path / "lexicon.json"
    path.write_text(json.dumps({"lists": {"a": ["x", "@missing"]}}))
    with pytest.raises(LexiconError, match="unknown word list 'missing' \\(included by 'a'\\)"):
        load_lexicon(path)


def test_include_cycle_fails_at_load():
    with pytest.raises(LexiconError, match="includes itself"):
        Lexicon({"a": ["@b"], "b": {"words": ["@a"]}})


def test_wrong_kind_lookup_is_an_error():
    with pytest.raises(LexiconError, match="is a map"):
        LEXICON.words("control_modality")
    with pytest.raises(LexiconError, match="is a word list"):
        LEXICON.map("reporting_verbs")
