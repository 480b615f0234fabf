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
    igo_code: str | None = None  # an IGO's CAMEO-style code (the code's tail: IGOUNO)
    # not in the contract: the mention records the actor stage grouped (actors.mentions)
    records: list = field(default_factory=list, repr=False, compare=False)
    # not in the contract: the spans of pronouns and descriptions resolved to this actor
    # (actors.coref), each with the span of the name it was resolved to; they are in
    # ``mentions`` too
    referring: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict, repr=False,
                                                              compare=False)

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
        # Spans standing for several actors at once ("both sides", "the two countries",
        # "they" for "Kenya and Tanzania"): coref.resolve answers them (actors.coref)
        self.groups: dict[tuple[int, int], list[Actor]] = {}
        self._reindex()

    def _reindex(self) -> None:
        self._index = sorted(((s, e, a) for a in self.actors for (s, e) in a.mentions),
                             key=lambda item: (item[0], item[1]))
        self._starts = [s for s, _, _ in self._index]

    @staticmethod
    def _naming(actor: Actor, span: tuple[int, int]) -> tuple[int, int]:
        """The span that names the actor at this mention: a pronoun's is the name it
        stands for ("Iran said it would ...": "Iran")."""
        return actor.referring.get(span, span)

    def refer(self, actor: Actor, span: tuple[int, int], named: tuple[int, int]) -> None:
        """Add a pronoun or description that stands for ``actor`` (resolved to its mention
        ``named``) as one of its mentions."""
        self.refer_all([(actor, span, named)])

    def refer_all(self, found: list[tuple[Actor, tuple[int, int], tuple[int, int]]]) -> None:
        """``refer`` for many at once (one re-indexing)."""
        for actor, span, named in found:
            actor.mentions.append(span)
            actor.referring[span] = named
        if found:
            self._reindex()

    def __iter__(self):
        return iter(self.actors)

    def __len__(self) -> int:
        return len(self.actors)

    def by_id(self, actor_id: str) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)

    def mentions_in(self, start: int, end: int) -> list[tuple[Actor, tuple[int, int]]]:
        """Mentions lying inside [start, end), in text order, each with the span that
        names its actor there (a resolved pronoun's: the name it stands for)."""
        i = bisect.bisect_left(self._starts, start)
        found = []
        while i < len(self._index) and self._index[i][0] < end:
            s, e, actor = self._index[i]
            if e <= end:
                found.append((actor, self._naming(actor, (s, e))))
            i += 1
        return found

    def at(self, start: int, end: int) -> tuple[Actor, tuple[int, int]] | None:
        """The mention overlapping [start, end) most (ties: the longest mention), with the
        span that names its actor there: a pronoun resolved to an actor ("it said") is
        answered with the name it stands for, the span an event side is named by."""
        best, best_key = None, (0, 0)
        i = max(0, bisect.bisect_left(self._starts, start) - 8)
        while i < len(self._index) and self._index[i][0] < end:
            s, e, actor = self._index[i]
            overlap = min(e, end) - max(s, start)
            if overlap > 0 and (overlap, e - s) > best_key:
                best, best_key = (actor, (s, e)), (overlap, e - s)
            i += 1
        return (best[0], self._naming(*best)) if best else None

    def countries(self) -> Counter:
        """How often each country is mentioned through the article's actors."""
        counts: Counter = Counter()
        for actor in self.actors:
            if actor.country and actor.country != "IGO":
                counts[actor.country] += len(actor.mentions) - len(actor.referring)
        return counts

    def as_dicts(self) -> list[dict]:
        return [a.as_dict() for a in self.actors]
