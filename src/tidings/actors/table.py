"""The actor stage's output: actors with their mentions, and a lookup by character span."""
from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field

from tidings.records import Side


@dataclass
class Actor:
    """One actor of an article, with every span that mentions it."""

    id: str
    name: str
    kind: str  # person, organization, country, group
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)

    def ref(self, mention: tuple[int, int] | None = None) -> Side:
        """This actor as an event side or a quote speaker, named at ``mention``."""
        return Side(self.id, self.name, self.country, self.sector, self.code,
                    tuple(mention) if mention else None)

    def as_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "kind": self.kind, "country": self.country,
                "sector": self.sector, "code": self.code,
                "mentions": [list(m) for m in sorted(self.mentions)]}


class ActorTable:
    """The actors of one article and a lookup from character spans to them."""

    def __init__(self, actors: list[Actor], metonyms: set[tuple[int, int]] | None = None):
        self.actors = actors
        # Place names used as actors ("Ottawa said"): not event places.
        self.metonyms = metonyms or set()
        self._index = sorted((s, e, a) for a in actors for (s, e) in a.mentions)
        self._starts = [s for s, _, _ in self._index]

    def __iter__(self):
        return iter(self.actors)

    def __len__(self) -> int:
        return len(self.actors)

    def by_id(self, actor_id: str) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)

    def mentions_in(self, start: int, end: int) -> list[tuple[Actor, tuple[int, int]]]:
        """Mentions lying inside [start, end), in text order."""
        i = bisect.bisect_left(self._starts, start)
        found = []
        while i < len(self._index) and self._index[i][0] < end:
            s, e, actor = self._index[i]
            if e <= end:
                found.append((actor, (s, e)))
            i += 1
        return found

    def at(self, start: int, end: int) -> tuple[Actor, tuple[int, int]] | None:
        """The mention overlapping [start, end) most (ties: the longest mention)."""
        best, best_key = None, (0, 0)
        i = max(0, bisect.bisect_left(self._starts, start) - 8)
        while i < len(self._index) and self._index[i][0] < end:
            s, e, actor = self._index[i]
            overlap = min(e, end) - max(s, start)
            if overlap > 0 and (overlap, e - s) > best_key:
                best, best_key = (actor, (s, e)), (overlap, e - s)
            i += 1
        return best

    def countries(self) -> Counter:
        """How often each country is mentioned through the article's actors."""
        counts: Counter = Counter()
        for actor in self.actors:
            if actor.country and actor.country != "IGO":
                counts[actor.country] += len(actor.mentions)
        return counts

    def as_dicts(self) -> list[dict]:
        return [a.as_dict() for a in self.actors]
