"""Time expressions normalized against the publication date (placeholder)."""
from __future__ import annotations

import datetime as dt


def find_times(doc, published: dt.date | None) -> list[dict]:
    return []
