"""Text normalisation for understanding: unicode, quotes, dashes, markdown, whitespace, case.

``normalise`` is idempotent: ``normalise(normalise(t)) == normalise(t)`` for every text.
"""

from __future__ import annotations

import re
import unicodedata

MAX_CHARS = 1000  # longer messages are cut: nobody asks a 1,000-character question

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": " ",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00d7": "x",
    }
)
_SPACE = re.compile(r"\s+")
# Markdown a pasted message may carry: list bullets at a line start and bold/italic runs.
_MARKUP = re.compile(r"(?m)^[ \t]*(?:[-*+\u2022][ \t]+)+|\*\*+|__+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202f\u2060\ufeff]")


def _fold_once(text: str) -> str:
    """One pass of the normalisation steps."""
    text = _MARKUP.sub(" ", unicodedata.normalize("NFKC", text))
    text = _CONTROL.sub(" ", text.translate(_TRANSLATE))
    text = _SPACE.sub(" ", text.casefold()).strip()
    return text[:MAX_CHARS].rstrip()


def fold_accents(text: str) -> str:
    """Letters without their accents ("größte" -> "grosste", "fenêtre" -> "fenetre"), so
    German, French and Spanish words tokenise whole and match the accent-free lexicon."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _ascii_once(text: str) -> str:
    """One pass of the normalisation steps for ASCII text."""
    plain = _CONTROL.sub(" ", _MARKUP.sub(" ", text).replace("`", " "))
    return _SPACE.sub(" ", plain.lower()).strip()[:MAX_CHARS].rstrip()


def normalise(text: str) -> str:
    """Fold unicode forms, quotes, dashes, markdown (code fences, bullets), whitespace and case.

    Idempotent.
    """
    if text.isascii():  # the common case: NFKC and casefold are identities beyond lower()
        plain = _ascii_once(text)
        while _MARKUP.search(plain):  # removing markup may expose more ('** - x')
            plain = _ascii_once(plain)
        return plain
    folded = _fold_once(text)
    # NFKC and casefold do not commute for a few code points; iterate to a fixed point.
    for _ in range(8):
        again = _fold_once(folded)
        if again == folded:
            return folded
        folded = again
    return folded
