"""What the recognition rules read and return: the document's context and a candidate found."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable

from tidings.times.tense import expression_tense


@dataclass
class Found:
    """A candidate time expression proposed by a rule, before the selection pass."""

    start: int
    end: int
    type: str
    value: str
    relative: str | None = None  # what depends on the publication date: "year", "all", None
    anchored: Callable | None = None  # recomputes the value from the narrative's anchors
    prio: int = 0
    rule: str = ""  # the rule that proposed it (for debugging and error analysis)


@dataclass
class Context:
    """What normalization reads: the text, its parse, the publication date and the anchors."""

    doc: object
    text: str
    pub: dt.date
    ref: dt.date | None = None  # last full date mentioned
    ref_month: tuple[int, int] | None = None  # last (year, month) mentioned, at month or finer
    ref_year: int | None = None  # last year mentioned, at year granularity or finer
    quarter: str | None = None  # last completed quarter mentioned ("2011-Q3")
    _tense: dict = field(default_factory=dict)

    def tense(self, start: int, end: int) -> str | None:
        """The tense dating the expression at ``start:end`` (computed once per span)."""
        key = (start, end)
        if key not in self._tense:
            self._tense[key] = expression_tense(self.doc, self.text, start, end)
        return self._tense[key]
