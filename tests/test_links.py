"""Events carry the id of the quote they come from (speech act or reported act)."""
from __future__ import annotations

from tidings.quotes.links import link_events_quotes


def test_links_speech_and_reported_events():
    quotes = [{"id": "Q1", "start": 30, "end": 60, "cue_span": [20, 24]}]
    events = [{"id": "E1", "trigger_span": [20, 24]},   # the cue itself: a statement
              {"id": "E2", "trigger_span": [40, 46]},   # inside the reported clause
              {"id": "E3", "trigger_span": [70, 75]}]   # elsewhere
    link_events_quotes(events, quotes)
    assert [(e["quote"], e["quote_role"]) for e in events] == [
        ("Q1", "speech"), ("Q1", "reported"), (None, None)]
    assert quotes[0]["events"] == ["E1", "E2"]


def test_extracted_reported_attack_links_to_its_quote(extract):
    text = ("Colombian President Ivan Duarte said on Monday that rebels had attacked "
            "a police station in Cauca.")
    doc = extract(text, published="2021-03-02")
    linked = [e for e in doc["events"] if e["quote"]]
    assert linked, doc["events"]
    quote_ids = {q["id"] for q in doc["quotes"]}
    assert all(e["quote"] in quote_ids for e in linked)
