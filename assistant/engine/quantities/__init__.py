"""Quantities in a question: token counts, traffic, prices, context sizes, shares, list sizes,
budgets, durations and years, read with the words of ``lexicon/quantities.toml``.

Works on normalised text with model mentions already masked, so "gpt-4" never yields a 4.
Modules: ``schema`` and ``lexicon`` (the data file), ``roles`` (role and field names),
``scan`` (numbers and tagged words), ``plain`` / ``money`` / ``years`` (classifying one
number), ``combine`` (passes over all of them), ``read`` (the entry point), ``traffic``
(into the conversation's assumption).
"""

from assistant.engine.quantities.lexicon import Lexicon, default_lexicon, load_lexicon
from assistant.engine.quantities.model import YEAR_OPEN_HIGH, YEAR_OPEN_LOW, Quantities
from assistant.engine.quantities.read import parse_quantities
from assistant.engine.quantities.traffic import apply_traffic

__all__ = [
    "YEAR_OPEN_HIGH",
    "YEAR_OPEN_LOW",
    "Lexicon",
    "Quantities",
    "apply_traffic",
    "default_lexicon",
    "load_lexicon",
    "parse_quantities",
]
