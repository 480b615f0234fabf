"""Quote finder, issue 14: who speaks through a cue with no subject of its own, and "as X put
it"; one regression test per construction, on sentences written for these tests."""
from __future__ import annotations

import pytest

from conftest import quote_dicts as run, quote_with as one, speaker_words as mention


@pytest.mark.parametrize("text, words", [
    ("The engineer said that it was too early to tell whether the bridge was safe.", "whether the bridge"),
    ("It is worth noting that the firm paid no tax in the last two years.", "the firm paid"),
    ("It goes without saying that the new levy is unpopular with farmers.", "the new levy"),
    ("Perhaps unsurprisingly, it is hard to figure out the exact sums kept abroad.", "exact sums"),
    ("It is impossible to judge the budget without knowing how it would affect schools.", "how it would"),
])
def test_impersonal_it_speaks_for_nobody(nlp, text, words):
    assert not [q for q in run(nlp, text) if q["text"].startswith(words)]


def test_after_saying_gerund_takes_passive_main_subject(nlp):
    text = ("The senator rested at home.\n\nAfter saying her knee was \u201cso sore I could not "
            "walk,\u201d she was taken to the clinic for tests.")
    q = one(run(nlp, text), "her knee was")
    assert mention(text, q) == "she"


def test_participle_on_news_conference_is_the_speakers(nlp):
    text = ("Ms. Ortiz spoke on Monday. \u201cWe will win this case,\u201d she said at a news "
            "conference announcing that her office was suing the county.")
    q = one(run(nlp, text), "her office was suing")
    assert mention(text, q) == "she"


def test_as_x_put_it_introduces_the_quote(nlp):
    text = ("As Ms. Lee put it in a letter to the board in July, the plan is \u201ca gift to "
            "the landlords and nobody else.\u201d")
    q = one(run(nlp, text), "a gift to the landlords")
    assert mention(text, q) == "Ms. Lee"


def test_put_it_without_as_is_no_cue(nlp):
    text = "He put it on the shelf beside the \u201cspecial\u201d jar."
    assert all(q["cue"] != "put" for q in run(nlp, text))


def test_title_case_section_heading_before_colon_is_no_speaker(nlp):
    text = ("Housing.\n\nLittle Hope for Renters: The housing shortage is exactly the kind of "
            "problem the council was elected to fix.\n\nRent Board Blocks New Towers: Building "
            "more homes is one of the stated aims of the plan.\n\nSen. Ann Lee: We will not vote "
            "for it at all.")
    quotes = run(nlp, text)
    assert not [q for q in quotes if q["text"].startswith(("The housing shortage", "Building more"))]
    assert mention(text, one(quotes, "We will not vote")) == "Sen. Ann Lee"


def test_group_modified_by_participle_cue_speaks(nlp):
    text = ("The council met on Monday.\n\nLast year the farmers paid $4 million to a political "
            "group backing Governor Ann Marsh.")
    q = one(run(nlp, text), "Governor Ann Marsh")
    assert mention(text, q) == "a political group"


def test_thing_or_quantity_modified_by_participle_cue_speaks_for_nobody(nlp):
    text = ("The mayor is the model for the thousands of residents supporting Governor Ann Marsh.\n\n"
            "The party replaced the old plank with softer language calling for more aid to farmers.")
    for q in run(nlp, text):
        assert (q.get("speaker") or {}).get("name") not in ("residents", "thousands of residents", "language")


def test_backing_a_pronoun_for_a_candidate_is_a_stance(nlp):
    text = ("Ms. Dorn won the primary in May.\n\nRural voters are backing her by a wide margin, "
            "and the mayor supported him last year.")
    q = one(run(nlp, text), "her")
    assert mention(text, q) == "Rural voters"
