"""Word forms shared by the gazetteer and the ontology."""
from __future__ import annotations


def singular(word: str) -> str:
    """Crude plural -> singular for lower-case nouns and demonyms ("companies" -> "company",
    "marches" -> "march", "servicemen" -> "serviceman", "troops" -> "troop")."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("men"):
        return word[:-3] + "man"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word
