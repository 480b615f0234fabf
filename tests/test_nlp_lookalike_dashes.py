"""Dash look-alikes the model never saw in training (data: parsed_as_em_dash)."""
from __future__ import annotations

from tidings.nlp.pipeline import parse_text

BAR = "\u2015"  # HORIZONTAL BAR, typed for a dash by some news sites


def test_horizontal_bar_read_as_em_dash_at_same_offsets():
    text = f"Councillors {BAR} most of them new {BAR} said so."
    parsed = parse_text(text)
    assert len(parsed) == len(text)
    assert BAR not in parsed and parsed.count("\u2014") == 2


def test_horizontal_bar_no_longer_hides_the_speaker(extract):
    # regression: the bar was tagged as a noun, the parse around it broke, and the
    # dateline (its dash a bar too) was taken for the speaker
    text = (f"LISBON (AP) {BAR} Farmers in the valley {BAR} who had waited all winter {BAR} "
            "said Tuesday that the new canal would open too late.")
    doc = extract(text, "2021-03-09")
    quote = next(q for q in doc["quotes"] if "canal would open" in q["text"])
    assert quote["speaker"]["name"].startswith("Farmers")
