"""Article documents written by hand, and an extractor that returns them.

The store and API tests ingest through ``extractor=`` with these documents, so what they
check is the store (merging, filters, exports, the HTTP layer), whatever the model finds.
Spans are given by the words they cover and located in the text, so offsets stay true.
"""
from __future__ import annotations

import copy
from typing import Callable, Iterable

from tidings.article import Article

# CAMEO codes the tests use: root, quad class, Goldstein score, PLOVER type, name (as the
# coder's tables give them).
CAMEO = {
    "040": ("04", 1, 1.0, "CONSULT", "Consult, not specified below"),
    "057": ("05", 1, 8.0, "SUPPORT", "Sign formal agreement"),
    "111": ("11", 3, -2.0, "ACCUSE", "Criticize or denounce"),
    "112": ("11", 3, -2.0, "ACCUSE", "Accuse, not specified below"),
    "194": ("19", 4, -10.0, "ASSAULT", "Fight with artillery and tanks"),
    "195": ("19", 4, -10.0, "ASSAULT", "Employ aerial weapons"),
}


class Story:
    """One article's document, built span by span."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.actors: list[dict] = []
        self.events: list[dict] = []
        self.quotes: list[dict] = []
        self.times: list[dict] = []
        self.places: list[dict] = []

    def span(self, words: str, nth: int = 0) -> list[int]:
        """[start, end] of the ``nth`` occurrence of ``words``."""
        start = -1
        for _ in range(nth + 1):
            start = self.text.index(words, start + 1)
        return [start, start + len(words)]

    def actor(self, words: str, code: str | None, country: str | None = None,
              sector: str | None = None, kind: str = "country", nth: int = 0,
              name: str | None = None) -> dict:
        """An actor mentioned by ``words`` (its ``name`` when that is shorter)."""
        actor = {"id": f"A{len(self.actors) + 1}", "name": name or words, "kind": kind,
                 "country": country, "sector": sector, "code": code,
                 "mentions": [self.span(words, nth)]}
        self.actors.append(actor)
        return actor

    def place(self, words: str, name: str, country: str, lat: float, lon: float,
              geonameid: int | None = None) -> dict:
        start, end = self.span(words)
        place = {"text": words, "start": start, "end": end, "name": name, "country": country,
                 "lat": lat, "lon": lon, "geonameid": geonameid}
        self.places.append(place)
        return place

    def time(self, words: str, value: str, kind: str = "DATE") -> dict:
        start, end = self.span(words)
        found = {"text": words, "start": start, "end": end, "value": value, "type": kind}
        self.times.append(found)
        return found

    def event(self, trigger: str, source: dict | str | None, target: dict | str | None,
              cameo: str, when: dict | None = None, place: dict | None = None,
              confidence: float = 0.8) -> dict:
        """An event in the sentence of ``trigger``; a side is an actor, or a name only."""
        start, end = self.span(trigger)
        first = self.text.rfind(". ", 0, start)
        first = 0 if first < 0 else first + 2
        last = self.text.find(". ", end)
        last = len(self.text) if last < 0 else last + 1
        root, quad, goldstein, plover, name = CAMEO[cameo]
        event = {"id": f"E{len(self.events) + 1}", "start": first, "end": last,
                 "trigger": trigger, "trigger_span": [start, end],
                 "sentence": self.text[first:last], "source": _side(source),
                 "target": _side(target), "cameo": cameo, "root": root, "quad_class": quad,
                 "goldstein": goldstein, "plover": plover, "cameo_name": name,
                 "date": when["value"] if when else None,
                 "date_text": when["text"] if when else None,
                 "date_source": "clause" if when else None,
                 "place": {k: place[k] for k in ("name", "country", "lat", "lon")}
                 if place else None,
                 "negated": False, "modality": "asserted", "confidence": confidence,
                 "quote": None, "quote_role": None}
        self.events.append(event)
        return event

    def quote(self, words: str, speaker: dict | str | None, cue: str, kind: str = "direct",
              gender: str | None = None, fragments: tuple[str, ...] = ()) -> dict:
        """A quote of ``words``; a mixed one holds the quoted ``fragments`` (words in it)."""
        start, end = self.span(words)
        spans = [[start + words.index(f), start + words.index(f) + len(f)] for f in fragments]
        side = _side(speaker)
        if side is not None:
            side["gender"] = gender
        quote = {"id": f"Q{len(self.quotes) + 1}", "kind": kind, "text": words,
                 "start": start, "end": end, "cue": cue, "cue_span": self.span(cue),
                 "speaker": side, "fragments": spans if kind == "mixed" else None,
                 "events": []}
        self.quotes.append(quote)
        return quote

    def document(self, article: Article) -> dict:
        return copy.deepcopy({"article": article.metadata(), "actors": self.actors,
                              "events": self.events, "quotes": self.quotes,
                              "times": self.times, "places": self.places})


def _side(side: dict | str | None) -> dict | None:
    if side is None:
        return None
    if isinstance(side, str):  # a name no actor was coded for
        return {"actor": None, "name": side, "country": None, "sector": None, "code": None}
    return {"actor": side["id"], "name": side["name"], "country": side["country"],
            "sector": side["sector"], "code": side["code"], "mention": side["mentions"][0]}


def extractor(stories: Iterable[Story]) -> Callable[[list[Article]], list[dict]]:
    """An ``extractor=`` for ``Store.ingest`` and ``create_app``: each article's document is
    the story written for its text (a text without one fails the test)."""
    by_text = {story.text: story for story in stories}

    def extract(articles: list[Article]) -> list[dict]:
        missing = [a.text[:60] for a in articles if a.text not in by_text]
        assert not missing, f"no document written for {missing}"
        return [by_text[a.text].document(a) for a in articles]
    return extract
