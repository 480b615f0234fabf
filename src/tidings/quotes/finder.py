"""Quote finder. Not built yet: every article gets ``quotes: []``."""
from __future__ import annotations


def find_quotes(doc, actors) -> list[dict]:
    """Quotes of one article (none until the quote finder lands)."""
    return []
