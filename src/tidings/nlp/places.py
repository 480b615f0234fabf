"""Toponyms resolved to coordinates (placeholder)."""
from __future__ import annotations


def find_places(doc, actors) -> list[dict]:
    return []
