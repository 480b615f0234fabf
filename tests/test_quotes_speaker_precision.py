"""Quote finder, issue 14 precision: the speaker named in the attribution, not a nearer noun
the parse offers. One regression test per construction, on sentences written for these
tests."""
from __future__ import annotations

from conftest import quote_dicts as run, quote_with as one, speaker_words as mention


def test_trailing_participle_after_reported_clause_is_the_reporters(nlp):
    text = "The governor said the bill would pass easily, adding that the votes were already there."
    q = one(run(nlp, text), "the votes were already there")
    assert mention(text, q) == "The governor"


def test_trailing_participle_after_relative_clause_is_the_sentence_subjects(nlp):
    text = ("Mayor Ruth Alder was defensive about refusing to pay a builder who said he was cheated "
            "after he finished the hall, saying, \u201cMaybe he did not do a good job at all.\u201d")
    q = one(run(nlp, text), "Maybe he did not")
    assert mention(text, q) == "Mayor Ruth Alder"


def test_participle_on_main_clause_keeps_its_own_subject(nlp):
    text = "The union rejected the offer on Monday, saying that the raise was far too small."
    q = one(run(nlp, text), "the raise was far too small")
    assert mention(text, q) == "The union"
