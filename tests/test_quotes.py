"""Quote finder: one test per construction, on sentences written for these tests."""
from __future__ import annotations

import pytest

from tidings.actors import Actor, ActorTable
from tidings.quotes import find_quotes
from tidings.nlp.marks import scan
from tidings.records import Context


def run(nlp, text, actors=None):
    return [q.as_dict() for q in find_quotes(Context(nlp(text), None, actors=actors))]


def one(quotes, fragment):
    """The quote whose text holds ``fragment``."""
    hits = [q for q in quotes if fragment in q["text"]]
    assert hits, f"no quote holds {fragment!r}: {[q['text'] for q in quotes]}"
    return hits[0]


def check_offsets(text, quotes):
    for q in quotes:
        assert text[q["start"]:q["end"]] == q["text"]
        if q["cue_span"]:
            assert text[q["cue_span"][0]:q["cue_span"][1]] == q["cue"]
        m = q["speaker"]["mention"]
        assert m is None or 0 <= m[0] < m[1] <= len(text)


# ---------------------------------------------------------------- quotation marks

def test_marks_styles_and_apostrophes():
    text = "He said \u201cno deal\u201d and 'maybe later' but it's Clintons' call, \u2018fine\u2019."
    found = [text[m.start:m.end] for m in scan(text)]
    assert found == ["no deal", "maybe later", "fine"]


def test_marks_nested_quote_stays_inside_outer():
    text = "\u201cThey called it \u2018a farce\u2019 from the start,\u201d she said."
    spans = scan(text)
    assert len(spans) == 1 and text[spans[0].start:spans[0].end].startswith("They called it")


@pytest.mark.parametrize("text", ["\u201d odd \u201c", "\"", "'", "\u201c\u201c\u201d\u201d", "",
                                  "A \u201cquote that never ends", "\u2019\u2018\u2019 ' \" \u00bb \u00ab"])
def test_marks_unbalanced_never_crash(nlp, text):
    scan(text)
    quotes = run(nlp, text) if text else []
    check_offsets(text, quotes)


# ---------------------------------------------------------------- direct quotes

def test_direct_cue_after(nlp):
    text = "\u201cWe will not leave the region,\u201d Mary Jones said on Tuesday."
    q = one(run(nlp, text), "We will not leave")
    assert q["kind"] == "direct" and q["text"] == "We will not leave the region"
    assert q["cue"] == "said" and q["speaker"]["name"] == "Mary Jones"
    check_offsets(text, [q])


def test_direct_cue_before_with_colon(nlp):
    text = "The minister told the assembly: \u201cOur borders are closed to them.\u201d"
    q = one(run(nlp, text), "Our borders")
    assert q["kind"] == "direct" and q["cue"] == "told"
    assert q["speaker"]["mention"] is not None and "minister" in q["speaker"]["name"]


def test_direct_cue_inside_split_quote(nlp):
    text = ("\u201cWe are ready to talk,\u201d Governor Paul Ortiz said. "
            "\u201cBut nobody has called us yet.\u201d")
    quotes = run(nlp, text)
    first, second = one(quotes, "ready to talk"), one(quotes, "nobody has called")
    assert first["speaker"]["name"] == second["speaker"]["name"] == "Paul Ortiz"
    assert second["kind"] == "direct"


def test_direct_straight_marks(nlp):
    text = '"The vote was rigged from the start," Senator Ann Lee said.'
    q = one(run(nlp, text), "vote was rigged")
    assert q["speaker"]["name"] == "Ann Lee" and q["cue"] == "said"


def test_direct_multi_paragraph(nlp):
    text = ("\u201cThe first thing we did was call the police,\u201d said Tom Berg, the owner.\n"
            "\u201cThen we waited for hours and nobody came to help us out.\n"
            "\u201cIn the end we cleaned up the shop ourselves.\u201d\n"
            "The police declined to comment.")
    quotes = run(nlp, text)
    q = one(quotes, "Then we waited")
    assert "In the end we cleaned up" in q["text"]  # one quote over two paragraphs
    assert q["speaker"]["name"] == "Tom Berg" and q["speaker"]["mention"] is None


def test_uncued_next_quote_same_speaker(nlp):
    text = ("\u201cPrices will fall next year,\u201d Chancellor Greta Vogel said in Berlin. "
            "\u201cI am certain of it, and the markets agree with me on that.\u201d")
    q = one(run(nlp, text), "I am certain")
    assert q["speaker"]["name"] == "Greta Vogel"


def test_short_scare_quote_without_cue_is_not_a_quote(nlp):
    text = "The so-called \u201cpeace plan\u201d was published on Monday."
    assert run(nlp, text) == []


def test_dash_signature(nlp):
    text = "\u201cThis city deserves better than what it got from its leaders.\u201d \u2015 Rosa Field, teacher"
    q = one(run(nlp, text), "This city deserves")
    assert q["speaker"]["name"] == "Rosa Field"


# ---------------------------------------------------------------- indirect speech

@pytest.mark.parametrize("text,content,cue,speaker", [
    ("President Joan Park said that the army would withdraw from the border.",
     "the army would withdraw from the border", "said", "Joan Park"),
    ("President Joan Park said the army would withdraw from the border.",
     "the army would withdraw from the border", "said", "Joan Park"),
    ("Defense Secretary Carl Moss told reporters the talks had failed.",
     "the talks had failed", "told", "Carl Moss"),
    ("The army will withdraw by March, the Foreign Ministry said in a statement.",
     "The army will withdraw by March", "said", "Foreign Ministry"),
    ("The army will withdraw by March, according to the Foreign Ministry.",
     "The army will withdraw by March", "according to", "Foreign Ministry"),
    ("Opposition leader Raj Mehta warned that the economy could collapse within a year.",
     "the economy could collapse within a year", "warned", "Raj Mehta"),
    ("Opposition leader Raj Mehta accused the government of lying about the budget.",
     "the government of lying about the budget", "accused", "Raj Mehta"),
    ("Opposition leader Raj Mehta denied that he had met the envoy in secret.",
     "he had met the envoy in secret", "denied", "Raj Mehta"),
    ("Opposition leader Raj Mehta insisted the election had been free and fair.",
     "the election had been free and fair", "insisted", "Raj Mehta"),
])
def test_indirect_constructions(nlp, text, content, cue, speaker):
    q = one(run(nlp, text), content)
    assert q["kind"] == "indirect" and q["cue"] == cue
    assert q["text"] == content
    assert speaker in q["speaker"]["name"]
    check_offsets(text, [q])


def test_indirect_adding_that_borrows_the_subject(nlp):
    text = ("Mayor Lena Fischer said the bridge would reopen soon, adding that repairs "
            "had cost more than expected.")
    q = one(run(nlp, text), "repairs had cost")
    assert q["cue"] == "adding" and q["speaker"]["name"] == "Lena Fischer"


def test_hypothetical_cue_is_not_reported(nlp):
    text = "If the union wanted the owners to sell, the mayor would tell them so."
    assert all("owners to sell" not in q["text"] for q in run(nlp, text))


def test_colon_line_speaks_in_the_body_not_in_the_headline(nlp):
    text = ("Ann Lee: Voters Are Tired of Broken Promises\nThe senator spoke in Ohio on Monday.\n"
            "Ann Lee: Well, we will open the night shelters before the first frost.")
    quotes = run(nlp, text)
    assert not [q for q in quotes if "Voters Are Tired" in q["text"]]  # the headline
    q = one(quotes, "open the night shelters")
    assert q["cue"] == ":" and q["speaker"]["name"] == "Ann Lee"


# ---------------------------------------------------------------- mixed

def test_mixed_request_with_quoted_fragment(nlp):
    text = ("Governor Lena Fischer asked the council to \u201copen the night shelters before "
            "the first frost,\u201d her spokesman said.")
    quotes = run(nlp, text)
    q = one(quotes, "open the night shelters")
    assert q["speaker"]["name"] == "Lena Fischer"


def test_mixed_clause_and_its_fragment(nlp):
    text = ("The ministry said the new tariffs were \u201ca direct attack on our farmers\u201d "
            "and would be challenged in court.")
    quotes = run(nlp, text)
    mixed = [q for q in quotes if q["kind"] == "mixed"]
    assert mixed and "tariffs were" in mixed[0]["text"]
    frag = one(quotes, "a direct attack on our farmers")
    assert frag["speaker"]["name"] == mixed[0]["speaker"]["name"]


# ---------------------------------------------------------------- speakers

def test_pronoun_resolves_to_full_name_with_gender(nlp):
    text = ("Senator Maria Lopez met Governor John Reed on Monday. Ms. Lopez said the deal was fair. "
            "Reed said nothing. She said later that the budget would pass next week.")
    q = one(run(nlp, text), "the budget would pass")
    assert q["speaker"]["name"] == "Maria Lopez"
    m = q["speaker"]["mention"]
    assert text[m[0]:m[1]] == "She"


def test_he_resolves_to_previous_subject(nlp):
    text = ("President Daniel Okafor spoke to farmers in the north. "
            "He said the drought had hurt every village in the region.")
    q = one(run(nlp, text), "the drought had hurt")
    assert q["speaker"]["name"] == "Daniel Okafor"


def test_his_office_resolves_to_the_person(nlp):
    text = ("Mayor Tom Berg announced his decision at a meeting with the unions on Monday, "
            "his office said.")
    q = one(run(nlp, text), "announced his decision")
    assert q["speaker"]["name"] == "Tom Berg"
    m = q["speaker"]["mention"]
    assert text[m[0]:m[1]] == "his office"


def test_definite_role_resolves_to_named_holder(nlp):
    text = ("A spokeswoman, Lucy Grant, declined to give details. "
            "The spokeswoman said the report would be published next month.")
    q = one(run(nlp, text), "the report would be published")
    assert q["speaker"]["name"] == "Lucy Grant"


def test_surname_gets_fullest_name(nlp):
    text = ("Opposition leader Raj Mehta spoke in Delhi. Mehta said the vote would be held in May.")
    q = one(run(nlp, text), "the vote would be held")
    assert q["speaker"]["name"] == "Raj Mehta"


def test_speaker_from_actor_table(nlp):
    text = "Washington said it was weighing new tariffs on steel."
    usa = Actor("A1", "United States", "country", "USA", "GOV", "USAGOV", [(0, 10)])
    q = one(run(nlp, text, ActorTable([usa])), "weighing new tariffs")
    sp = q["speaker"]
    assert (sp["actor"], sp["name"], sp["code"], sp["mention"]) == ("A1", "United States", "USAGOV", [0, 10])


def test_contract_fields(nlp):
    text = "\u201cWe will win,\u201d Mary Jones said. Officials said the count was still going on."
    quotes = run(nlp, text)
    assert [q["id"] for q in quotes] == [f"Q{i}" for i in range(1, len(quotes) + 1)]
    for q in quotes:
        assert set(q) == {"id", "kind", "text", "start", "end", "cue", "cue_span", "speaker",
                          "fragments", "events"}
        assert set(q["speaker"]) == {"actor", "name", "country", "sector", "code", "mention",
                                     "gender"}
        assert q["fragments"] is None if q["kind"] != "mixed" else isinstance(q["fragments"], list)
        assert q["kind"] in ("direct", "indirect", "mixed")
    check_offsets(text, quotes)
