"""How likely a coded event is right: a logistic model over what the coder knew.

Each event's features (``features``: the kinds of its sides, whether it is told in the
story's lede, the trigger's kind, the act's quad class and modality, where its date came
from, whether a side was guessed by proximity) are weighed by ``data/event_confidence.tsv``,
fitted on hand-annotated stories by ``scripts/calibrate_events.py``: an event's confidence
estimates the share of events like it that a careful coder would sign (its side countries,
root and date right). The coder keeps the events at or above its ``MIN_CONFIDENCE``.
"""
from __future__ import annotations

import datetime as dt
import functools
import math

from tidings.data import tsv
from tidings.events.plausible import side_kind
from tidings.records import Event

# The story's lede: its headline and first sentences, where wire copy states the news; later
# sentences carry background, reactions and quotes, where coding errs more often.
LEDE_SENTENCES = 3
# A text of fewer sentences gives no context to give a side its country (see features).
CONTEXT_SENTENCES = 3
# Sentences past this many are the story's background and reactions.
BODY_SENTENCES = 10
# An act dated this many days or more before the report is background ("its 1990 invasion").
BACKGROUND_DAYS = 30


def _background(event: Event, report: str | None) -> bool:
    if not event.date or not report or event.date_source != "clause":
        return False
    try:
        return (dt.date.fromisoformat(report[:10]) - dt.date.fromisoformat(
            (event.date + "-01-01")[:10])).days >= BACKGROUND_DAYS
    except ValueError:
        return False


def features(event: Event) -> list[str]:
    """The names of the features that hold for ``event`` (the rows of the weight table)."""
    evidence = event.evidence
    # A side without a country says the actor stage could not place it: in a story, which
    # names countries, that is a coding failure (the weights learn how often); in a text of
    # a sentence or two there was nothing to place it from, and an actor named without a
    # country ("police arrested a journalist") is weighed as a placed one.
    context = evidence.get("sentences", CONTEXT_SENTENCES) >= CONTEXT_SENTENCES
    kinds = [side_kind(event.source), side_kind(event.target)]
    if not context:
        kinds = ["country" if kind in ("sector", "named") else kind for kind in kinds]
    found = ["bias", f"src:{kinds[0]}", f"tgt:{kinds[1]}", f"quad:{event.quad_class}",
             f"mood:{event.modality}"]
    if evidence.get("headline"):
        found.append("headline")  # telegraphic: parsed worse, and told again in the body
    elif evidence.get("sentence", LEDE_SENTENCES) < LEDE_SENTENCES:
        found.append("lede")
    elif evidence.get("sentence", 0) >= BODY_SENTENCES:
        found.append("late")
    if any(side is not None and side.extra.get("coref") for side in (event.source, event.target)):
        found.append("coref")
    if evidence.get("quoted"):
        found.append("quoted")
    if _background(event, evidence.get("report")):
        found.append("background")
    if evidence.get("noun"):
        found.append("noun")
    if event.negated:
        found.append("negated")
    if event.date_source == "clause":
        found.append("date:own")
    if evidence.get("guessed"):
        found.append("guessed")
    if evidence.get("specific"):
        found.append("specific")
    if event.symmetric:
        found.append("symmetric")
    return found


@functools.lru_cache(maxsize=1)
def weights() -> dict[str, float]:
    return {row["feature"]: float(row["weight"]) for row in tsv("event_confidence.tsv")}


def confidence(event: Event) -> float:
    """The estimated probability that ``event`` is right, to two decimals."""
    table = weights()
    score = sum(table.get(name, 0.0) for name in features(event))
    return round(1.0 / (1.0 + math.exp(-score)), 2)
