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


def test_adjunct_between_quote_and_cue_is_no_speaker(nlp):
    text = ("The mayor has used the words \u201ca broken harbor\u201d often in her campaign, and "
            "blamed the council for the delays.")
    q = one(run(nlp, text), "a broken harbor")
    assert mention(text, q) != "often in her campaign, and"


def test_nickname_inside_a_name_is_no_quote(nlp):
    text = ("Her cousin, state Rep. Dana \u201cDee\u201d Moss, shouted to the crowd. "
            "\u201cThe whole county is watching us tonight, so we have to show up.\u201d")
    quotes = run(nlp, text)
    assert not any(q["text"] == "Dee" for q in quotes)
    q = one(quotes, "The whole county is watching")
    assert q["cue"] == "shouted" and "cousin" in mention(text, q)


def test_parenthetical_cue_speaker_is_the_subject_beside_it(nlp):
    text = "Farmers, Lee suggested, do not have to worry that the new dam will flood their fields."
    q = one(run(nlp, text), "worry that the new dam")
    assert mention(text, q) == "Lee"


def test_relative_that_mention_is_the_phrase_it_stands_for(nlp):
    text = ("The mayor released a letter from the county engineer that says the old bridge "
            "must be closed before the winter storms arrive.")
    q = one(run(nlp, text), "the old bridge must be closed")
    assert mention(text, q) == "the county engineer" or "letter" in mention(text, q)


def test_participle_after_object_is_the_objects_speech(nlp):
    text = "The collapse of the old alliance also left many small nations feeling that they faced no threat."
    q = one(run(nlp, text), "they faced no threat")
    assert mention(text, q) == "many small nations"


def test_according_to_a_speech_someone_delivered_is_theirs(nlp):
    text = ("Firms should plan for the long term rather than for quarterly profit, according to a "
            "speech Mrs. Lee delivered at the state university in July.")
    q = one(run(nlp, text), "plan for the long term")
    assert mention(text, q) == "Mrs. Lee"


def test_according_to_a_document_filed_by_someone_is_theirs(nlp):
    text = ("The man had threatened two neighbors, according to a court document filed by state "
            "attorney Dana Moss.")
    q = one(run(nlp, text), "threatened two neighbors")
    assert mention(text, q) == "state attorney Dana Moss"


def test_titles_joined_by_and_before_a_name_are_one_speaker(nlp):
    text = ("GOP presidential contender and former neurosurgeon Ben Carson responded on Sunday to "
            "claims that he had exaggerated his story.")
    q = one(run(nlp, text), "exaggerated his story")
    assert "Ben Carson" in mention(text, q) and q["speaker"]["name"] == "Ben Carson"


def test_cue_coordinated_in_relative_clause_keeps_the_relative_mention(nlp):
    text = ("The video has become a rallying point for demonstrators here, who have marched through "
            "the streets and called for the footage to be released.")
    q = one(run(nlp, text), "footage to be released")
    assert mention(text, q) == "who"


def test_participle_hung_on_quoted_words_is_the_sentence_subjects(nlp):
    text = ("Mr. Lee hardly settled the matter, treating the remark as praise -- ''That makes me "
            "smart'' -- and, when questioned after the debate, asserting, ''Of course, I pay my taxes.''")
    q = one(run(nlp, text), "Of course, I pay my taxes")
    assert mention(text, q) == "Mr. Lee"


def test_participle_opening_the_sentence_is_the_main_subjects(nlp):
    text = ("Claiming the criticism of the host is designed to pressure the moderators, Lee told "
            "reporters that the debate was rigged.")
    q = one(run(nlp, text), "the criticism of the host")
    assert mention(text, q) == "Lee"
