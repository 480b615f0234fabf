"""Name keys: the folded form every lexicon and gazetteer lookup uses, and one-edit variants.

Both the actor lexicon and the gazetteer index names by these keys, so a name spelled with
accents, curly apostrophes or capitals finds the same entry as its plain spelling.
"""
from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes: the key every lookup uses."""
    if text.isascii():  # most names: nothing to normalize (and 170,000 gazetteer names)
        return text.lower().strip()
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower().strip()


def deletions(word: str) -> set[str]:
    """``word`` with one character left out, each way: two words share a deletion (or one is
    a deletion of the other) when they are one edit apart, so an index of deletions finds
    misspellings with dict lookups."""
    return {word[:i] + word[i + 1:] for i in range(len(word))}
