"""Typed records the extraction stages pass to each other.

Each stage returns these, never bare dicts; only the document step (``tidings.extract.document_for``)
turns them into the contract's JSON (``as_dict``), so a field's name and order are decided
here once. Offsets are character offsets into the article text (end exclusive).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

Span = tuple[int, int]


def _span(value: Span | list | None) -> list[int] | None:
    return [value[0], value[1]] if value is not None else None


@dataclass(slots=True)
class Side:
    """One side of an event or the speaker of a quote: an actor as named in one place."""

    actor: str | None  # the article's actor id ("A3"), or None for an uncoded phrase
    name: str | None
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    mention: Span | None = None  # the span naming this side here
    # Not in the contract: what the quote stage knows of the speaker (used by later rounds)
    extra: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def copy(self, **changes) -> "Side":
        """A copy of the same class (a Speaker stays a Speaker) with ``changes`` applied."""
        changes.setdefault("extra", dict(self.extra))
        return dataclasses.replace(self, **changes)

    def as_dict(self) -> dict:
        return {"actor": self.actor, "name": self.name, "country": self.country,
                "sector": self.sector, "code": self.code, "mention": _span(self.mention)}


@dataclass(slots=True)
class Speaker(Side):
    """The speaker of a quote: a Side plus the person's gender as the text states it.

    ``gender`` is "female", "male" or None, from the article's own evidence about this
    person (a title such as "Mrs.", a role word such as "spokeswoman", a pronoun that refers
    to them), never from a first name alone; None for groups and when the text says nothing.
    Event sides carry no gender, so it is rendered here, not in ``Side.as_dict``.
    """

    gender: str | None = None

    @classmethod
    def of(cls, side: Side | None, gender: str | None = None) -> "Speaker":
        """The speaker named by ``side`` (an unnamed speaker for None)."""
        if side is None:
            return cls(None, None, gender=gender)
        return cls(side.actor, side.name, side.country, side.sector, side.code, side.mention,
                   dict(side.extra), gender=gender)

    def as_dict(self) -> dict:
        return {**Side.as_dict(self), "gender": self.gender}


@dataclass(slots=True)
class TimeExpr:
    """A time expression normalized to a TIMEX3-style value."""

    text: str
    start: int
    end: int
    value: str | None
    type: str | None = None  # DATE, TIME, DURATION, SET

    @property
    def calendar(self) -> bool:
        """Does the value name a calendar period ("2020-01-08", "2020-W02"), not a reference
        token ("PRESENT_REF") or a duration?"""
        return bool(self.value) and self.value[:1].isdigit()

    def as_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end, "value": self.value,
                "type": self.type}


@dataclass(slots=True)
class Place:
    """A toponym used as a location, resolved to a gazetteer entry."""

    text: str
    start: int
    end: int
    name: str | None
    country: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None = None
    feature: str | None = None  # country, admin1, admin2, city, region, continent, water
    admin1_name: str | None = None  # the first-level division it is or lies in
    admin1_code: str | None = None  # its ISO 3166-2 code ("US-KY"), else GeoNames' ("IQ.07")
    admin1_geonames: str | None = None  # GeoNames' admin1 key ("US.KY", "CA.01")
    use: str = "location"  # location, or named (the name stands for a state or its people)
    # Not in the contract: the mention is the story's dateline (events.where reads it)
    dateline: bool = field(default=False, compare=False, repr=False)

    def admin1(self) -> dict | None:
        if not self.admin1_name:
            return None
        return {"name": self.admin1_name, "code": self.admin1_code,
                "geonames": self.admin1_geonames}

    def brief(self) -> dict:
        """The place as an event carries it."""
        return {"name": self.name or self.text, "country": self.country, "lat": self.lat,
                "lon": self.lon, "admin1": self.admin1(), "feature": self.feature,
                "geonameid": self.geonameid}

    def as_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end, "name": self.name,
                "country": self.country, "lat": self.lat, "lon": self.lon,
                "geonameid": self.geonameid, "feature": self.feature,
                "admin1": self.admin1(), "use": self.use}


@dataclass(slots=True)
class Event:
    """One coded event: who did what to whom, when and where, read from one sentence."""

    start: int  # the sentence (or clause) it was read from
    end: int
    sentence: str
    trigger: str
    trigger_span: Span
    source: Side | None
    target: Side | None
    cameo: str
    root: str
    quad_class: int
    goldstein: float | None
    plover: str | None
    cameo_name: str | None
    date: str | None
    date_text: str | None
    date_source: str  # clause, sentence, published, none
    place: dict | None
    negated: bool
    modality: str  # asserted, claimed, planned, threatened, possible
    confidence: float
    id: str | None = None
    quote: str | None = None  # the attribution this event comes from (see quotes.links)
    quote_role: str | None = None  # speech | reported
    # a reciprocal act ("X and Y met", "clashes between X and Y"): one event for both
    # directions, source and target in the order the text names them
    symmetric: bool = False
    # Not in the contract: what the coder knew when it coded the event (how each side was
    # found, the trigger's kind, ...), which its confidence is computed from
    evidence: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def as_dict(self) -> dict:
        return {"id": self.id, "start": self.start, "end": self.end, "trigger": self.trigger,
                "trigger_span": _span(self.trigger_span), "sentence": self.sentence,
                "source": self.source.as_dict() if self.source else None,
                "target": self.target.as_dict() if self.target else None,
                "cameo": self.cameo, "root": self.root, "quad_class": self.quad_class,
                "goldstein": self.goldstein, "plover": self.plover,
                "cameo_name": self.cameo_name, "date": self.date, "date_text": self.date_text,
                "date_source": self.date_source, "place": self.place,
                "negated": self.negated, "modality": self.modality,
                "confidence": self.confidence, "quote": self.quote,
                "quote_role": self.quote_role, "symmetric": self.symmetric}


@dataclass(slots=True)
class Quote:
    """One attribution: what was said (or reported), by whom, with which cue."""

    kind: str  # direct, indirect, mixed
    text: str
    start: int
    end: int
    cue: str | None
    cue_span: Span | None
    speaker: Speaker | None
    id: str | None = None
    events: list[str] = field(default_factory=list)
    # a mixed quote's quoted words (without the marks): part of this statement, never a
    # quote of their own
    fragments: list[Span] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"id": self.id, "kind": self.kind, "text": self.text, "start": self.start,
                "end": self.end, "cue": self.cue, "cue_span": _span(self.cue_span),
                "speaker": self.speaker.as_dict() if self.speaker else None,
                "fragments": [_span(f) for f in self.fragments] if self.kind == "mixed" else None,
                "events": list(self.events)}


@dataclass(slots=True)
class Context:
    """What the stages of one article share: the parse, the publication date (a date, never
    a string) and what earlier stages found. Each stage reads it and returns its records."""

    doc: Any  # spaCy Doc
    published: dt.date | None
    actors: Any = None  # tidings.actors.ActorTable
    times: list[TimeExpr] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)

    @property
    def published_iso(self) -> str | None:
        return self.published.isoformat() if self.published else None
