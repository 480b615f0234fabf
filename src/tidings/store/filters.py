"""The filters an analyst narrows results with, declared once.

Each ``Filter`` is a field of ``Filters``, the option ``--name-with-dashes`` of the commands
over its tables (``tidings.cli``) and the query parameter ``name`` of the API's routes over
them (``tidings.api.routes``); its SQL condition per table is in ``tidings.store.query``.
Adding a filter: one ``Filter`` line below, plus its condition in each table it filters.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Callable

from tidings.article import parse_published
from tidings.errors import OptionError
from tidings.store import names

PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION",
                "MOBILIZE", "COERCE", "ASSAULT"}

# The tables filters narrow: the commands and routes over each are in cli.py and
# api/routes.py (events: events, dyads, export and the timeline).
EVENTS, QUOTES, ACTORS, ARTICLES = "events", "quotes", "actors", "articles"


def _date(value, option: str) -> str | None:
    return parse_published(value, option)


def _plover(value, option: str) -> str:
    text = str(value).strip().upper()
    if text not in PLOVER_TYPES:
        raise OptionError(f"{option}: unknown PLOVER type {value!r} "
                          f"(one of {', '.join(sorted(PLOVER_TYPES))})")
    return text


def _gender(value, option: str) -> str:
    text = str(value).strip().lower()
    if text not in ("female", "male", "unknown"):
        raise OptionError(f"{option}: expected female, male or unknown, got {value!r}")
    return text


def _whole(low: int | None, high: int | None) -> Callable[[Any, str], int]:
    """A checker of whole numbers in low..high (None: unbounded)."""
    def check(value, option: str) -> int:
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise OptionError(f"{option}: expected a whole number, got {value!r}") from None
        if (low is not None and number < low) or (high is not None and number > high):
            raise OptionError(f"{option}: {number} is out of range ({'' if low is None else low}"
                              f"..{'' if high is None else high})")
        return number
    return check


def _number(low: float, high: float) -> Callable[[Any, str], float]:
    """A checker of numbers in low..high."""
    def check(value, option: str) -> float:
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise OptionError(f"{option}: expected a number, got {value!r}") from None
        if not low <= number <= high:
            raise OptionError(f"{option}: {number:g} is out of range ({low:g}..{high:g})")
        return number
    return check


@dataclass(frozen=True)
class Filter:
    """One filter. ``help`` maps each table the filter is offered on to what it matches
    there; ``check`` turns a raw value (option text, query parameter) into the value the
    query binds, or raises OptionError naming the option."""

    name: str
    metavar: str
    help: dict[str, str]
    check: Callable[[Any, str], Any] | None = None
    repeatable: bool = False  # given several times; any value matches

    @property
    def option(self) -> str:
        return "--" + self.name.replace("_", "-")


# In the order the commands list them.
FILTERS: tuple[Filter, ...] = (
    Filter("since", "DATE", {EVENTS: "event date on or after YYYY-MM-DD",
                             QUOTES: "published on or after YYYY-MM-DD"}, _date),
    Filter("until", "DATE", {EVENTS: "event date on or before YYYY-MM-DD",
                             QUOTES: "published on or before YYYY-MM-DD"}, _date),
    Filter("published_since", "DATE", {EVENTS: "published on or after",
                                       ACTORS: "in articles published on or after"}, _date),
    Filter("published_until", "DATE", {EVENTS: "published on or before",
                                       ACTORS: "in articles published on or before"}, _date),
    Filter("source_actor", "WHO", {EVENTS: "source actor: a country (Iran, IR, IRN, Iranian), "
                                           "a CAMEO actor code (IRNGOV) or words of a name "
                                           "(Zarif)"}, names.who),
    Filter("target_actor", "WHO", {EVENTS: "target actor, as --source-actor"}, names.who),
    Filter("actor", "WHO", {EVENTS: "either side, as --source-actor",
                            ACTORS: "a country, CAMEO actor code or words of a name"},
           names.who),
    Filter("speaker", "WHO", {QUOTES: "speaker: a country, CAMEO actor code or words of a "
                                      "name"}, names.who),
    Filter("gender", "GENDER", {QUOTES: "speaker's gender as the text states it: female, "
                                        "male or unknown"}, _gender),
    Filter("country", "COUNTRY", {EVENTS: "either side's country (name, IR, IRN or Iranian)",
                                  QUOTES: "speaker's country (name, IR, IRN or Iranian)",
                                  ACTORS: "the actor's country (name, IR, IRN or Iranian)"},
           names.country),
    Filter("sector", "CODE", {EVENTS: "either side's sector (GOV, MIL, ...)",
                              QUOTES: "speaker's sector", ACTORS: "the actor's sector"},
           names.sector),
    Filter("cameo", "CODE", {EVENTS: "CAMEO code or root (prefix: 19 matches 190-196); "
                                     "repeatable"}, names.cameo, repeatable=True),
    Filter("quad", "1-4", {EVENTS: "quad class; repeatable"}, _whole(1, 4), repeatable=True),
    Filter("plover", "TYPE", {EVENTS: "PLOVER event type; repeatable"}, _plover,
           repeatable=True),
    Filter("goldstein_min", "X", {EVENTS: "Goldstein score at least X (-10..10)"},
           _number(-10, 10)),
    Filter("goldstein_max", "X", {EVENTS: "Goldstein score at most X (-10..10)"},
           _number(-10, 10)),
    Filter("place", "WHERE", {EVENTS: "place name (part) or country code"}),
    Filter("min_confidence", "X", {EVENTS: "0..1"}, _number(0, 1)),
    Filter("min_articles", "N", {EVENTS: "distinct events reported by at least N articles"},
           _whole(1, None)),
    Filter("search", "WORDS", {EVENTS: "text in the event's sentence",
                               QUOTES: "text in the quote",
                               ARTICLES: "text in the article or its title"}),
    Filter("publisher", "NAME", {EVENTS: "article source (part)",
                                 QUOTES: "article source (part)",
                                 ARTICLES: "article source (part)"}),
)


def filters_for(table: str) -> list[Filter]:
    """The filters offered on ``table``, in order."""
    return [f for f in FILTERS if table in f.help]


BY_NAME = {f.name: f for f in FILTERS}


def _parse(cls, **values) -> "Filters":
    """Filters from raw values (option strings, query parameters); a bad value raises
    OptionError naming its option."""
    checked = {}
    for name, value in values.items():
        if value in (None, [], ()):
            continue
        spec = BY_NAME.get(name)
        if spec is not None and spec.check is not None:
            value = [spec.check(v, spec.option) for v in value] if spec.repeatable \
                else spec.check(value, spec.option)
        checked[name] = value
    return cls(**checked)


def _field(spec: Filter) -> tuple:
    if spec.repeatable:
        return spec.name, list, dataclasses.field(default_factory=list)
    return spec.name, Any, dataclasses.field(default=None)


# What an analyst narrows to: one field per filter (None, or [] for a repeatable one, when
# not set); ``Filters.parse`` checks raw values.
Filters = dataclasses.make_dataclass(
    "Filters", [_field(spec) for spec in FILTERS], kw_only=True,
    namespace={"parse": classmethod(_parse),
               "__doc__": "What an analyst narrows to: one field per ``FILTERS`` entry."})
Filters.__module__ = __name__
