"""graphbuilder: news text in, a normalised graph of geopolitical relations out."""

__version__ = "0.1.0"
