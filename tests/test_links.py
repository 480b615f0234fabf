"""Events carry the id of the quote they come from (speech act or reported act)."""
from __future__ import annotations

from tidings.quotes.links import link_events_quotes
from tidings.records import Event, Quote


def _event(trigger_span: tuple[int, int]) -> Event:
    return Event(start=0, end=80, sentence="", trigger="", trigger_span=trigger_span,
                 source=None, target=None, cameo="010", root="01", quad_class=1,
                 goldstein=0.0, plover=None, cameo_name=None, date=None, date_text=None,
                 date_source="none", place=None, negated=False, modality="asserted",
                 confidence=0.9)


def test_links_speech_and_reported_events():
    quotes = [Quote("indirect", "", 30, 60, "said", (20, 24), None, id="Q1")]
    events = [_event((20, 24)),   # the cue itself: a statement
              _event((40, 46)),   # inside the reported clause
              _event((70, 75))]   # elsewhere
    for n, event in enumerate(events, 1):
        event.id = f"E{n}"
    link_events_quotes(events, quotes)
    assert [(e.quote, e.quote_role) for e in events] == [
        ("Q1", "speech"), ("Q1", "reported"), (None, None)]
    assert quotes[0].events == ["E1", "E2"]


def test_extracted_reported_attack_links_to_its_quote(extract):
    text = ("Colombian President Ivan Duarte said on Monday that rebels had attacked "
            "a police station in Cauca.")
    doc = extract(text, published="2021-03-02")
    linked = [e for e in doc["events"] if e["quote"]]
    assert linked, doc["events"]
    quote_ids = {q["id"] for q in doc["quotes"]}
    assert all(e["quote"] in quote_ids for e in linked)
