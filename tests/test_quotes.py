"""Quote finder: one test per construction, on sentences written for these tests."""
from __future__ import annotations

import pytest

from tidings.actors import Actor, ActorTable
from tidings.quotes import find_quotes
from tidings.nlp.marks import scan
from tidings.records import Context
from conftest import quote_with as one


def run(nlp, text, actors=None):
    return [q.as_dict() for q in find_quotes(Context(nlp(text), None, actors=actors))]


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


@pytest.mark.parametrize("text,content,cue,speaker", [
    ("Grain traders expect wheat prices to climb sharply after the drought.",
     "wheat prices to climb sharply after the drought", "expect", "Grain traders"),
    ("Mayor Ines Vidal wants the council to delay the vote until the spring.",
     "the council to delay the vote until the spring", "wants", "Ines Vidal"),
])
def test_thought_verb_with_object_and_to_infinitive_reports_it(nlp, text, content, cue, speaker):
    q = one(run(nlp, text), content)
    assert q["kind"] == "indirect" and q["cue"] == cue and q["text"] == content
    assert speaker in q["speaker"]["name"]


@pytest.mark.parametrize("text", [
    "Governor Ines Vidal wants to close two coal plants before the winter.",  # her own act
    "Governor Ines Vidal decided to close two coal plants before the winter.",
    "The two coal plants are expected to close before the winter.",  # nobody expects it
])
def test_thought_verb_with_bare_to_infinitive_reports_nothing(nlp, text):
    assert all("coal plants" not in q["text"] for q in run(nlp, text))


@pytest.mark.parametrize("text,content,cue,speaker", [
    ("Many rice farmers are afraid that the new dam will fail again.",
     "the new dam will fail again", "afraid", "rice farmers"),
    ("Senator Tomas Brandt came away convinced that the border pact would hold.",
     "the border pact would hold", "convinced", "Tomas Brandt"),
])
def test_stance_adjective_reports_its_that_clause(nlp, text, content, cue, speaker):
    q = one(run(nlp, text), content)
    assert q["kind"] == "indirect" and q["cue"] == cue and q["text"] == content
    assert speaker in q["speaker"]["name"]


def test_stance_adjective_of_the_writer_reports_nothing(nlp):
    text = "I am sure that the new dam will fail again."
    assert all("dam will fail" not in q["text"] for q in run(nlp, text))


@pytest.mark.parametrize("text,content,cue", [
    ("The appeals court ruled that the ferry tax was unlawful.",
     "the ferry tax was unlawful", "ruled"),
    ("Auditors discovered that the harbor ledger had been altered twice.",
     "the harbor ledger had been altered twice", "discovered"),
])
def test_finding_verbs_report_a_finite_clause(nlp, text, content, cue):
    q = one(run(nlp, text), content)
    assert q["cue"] == cue and q["text"] == content


def test_finding_verb_with_an_object_reports_nothing(nlp):
    text = "The old king ruled the northern valley for forty years."
    assert run(nlp, text) == []


def test_speech_noun_that_clause_hung_on_the_verb_is_the_nouns(nlp):
    text = "Mayor Ana Soto seized on a Harbor Gazette report that the port had lost millions in 2019."
    q = one(run(nlp, text), "the port had lost millions")
    assert q["cue"] == "report" and q["text"] == "the port had lost millions in 2019"
    m = q["speaker"]["mention"]
    assert text[m[0]:m[1]] == "Harbor Gazette"


def test_conclusion_noun_reports_its_that_clause(nlp):
    text = "The engineer's conclusion that the old bridge was unsafe angered the council."
    q = one(run(nlp, text), "the old bridge was unsafe")
    assert q["cue"] == "conclusion"


def test_speech_verb_clause_parsed_as_adverbial_is_reported(nlp):
    text = "Ana Soto said after the harbor vote she would not accept the ferry contract."
    q = one(run(nlp, text), "she would not accept the ferry contract")
    assert q["cue"] == "said" and "Soto" in q["speaker"]["name"]


def test_speech_verb_with_a_because_clause_reports_nothing_of_it(nlp):
    text = "Ana Soto left the harbor meeting early because she felt unwell."
    assert run(nlp, text) == []


@pytest.mark.parametrize("text,content,cue,speaker", [
    ("Grain prices will fall sharply in the spring, most economists believe.",
     "Grain prices will fall sharply in the spring", "believe", "economists"),
    ("Rents in Port Ely rose by 12 percent last year, a county study found.",
     "Rents in Port Ely rose by 12 percent last year", "found", "county study"),
])
def test_thought_and_evidence_verbs_after_their_clause_report_it(nlp, text, content, cue, speaker):
    q = one(run(nlp, text), content)
    assert q["cue"] == cue and q["text"] == content
    assert speaker in q["speaker"]["name"]


def test_thought_verb_after_its_clause_of_the_writer_reports_nothing(nlp):
    text = "Grain prices will fall sharply in the spring, I believe."
    assert run(nlp, text) == []


def test_show_reports_its_object_as_a_finding(nlp):
    text = "Surveillance video from the Port Ely branch showed a man fleeing the bank."
    q = one(run(nlp, text), "a man fleeing the bank")
    assert q["cue"] == "showed" and "video" in q["speaker"]["name"].lower()


def test_show_up_reports_nothing(nlp):
    text = "Mayor Ana Soto showed up late to the harbor meeting."
    assert run(nlp, text) == []


def test_declined_reports_its_to_infinitive(nlp):
    text = "Governor Ines Vidal declined to name the new harbor commissioner."
    q = one(run(nlp, text), "the new harbor commissioner")
    assert q["cue"] == "declined" and q["text"] == "name the new harbor commissioner"


def test_speech_noun_with_a_possessor_reports_its_topic(nlp):
    text = "The mayor's claims about the harbor contract were never checked."
    q = one(run(nlp, text), "the harbor contract")
    assert q["cue"] == "claims" and q["text"] == "the harbor contract"
    assert "mayor" in q["speaker"]["name"].lower()


def test_speech_noun_object_of_a_verb_reports_its_topic_for_the_subject(nlp):
    text = "The farmers union voiced concern about the new dam on the Ely river."
    q = one(run(nlp, text), "the new dam on the Ely river")
    assert q["cue"] == "concern" and "farmers union" in q["speaker"]["name"].lower()


def test_speech_noun_topic_without_a_holder_reports_nothing(nlp):
    text = "Claims about the harbor contract were never checked."
    assert run(nlp, text) == []


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
    (start, end), = mixed[0]["fragments"]
    assert text[start:end] == "a direct attack on our farmers"
    # the quoted words are part of the statement, not a second quote
    assert [q["id"] for q in quotes] == [mixed[0]["id"]]


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


# ---------------------------------------------------------------- issue 14: each statement
# once, the right speaker, no quotes from headlines and labels (sentences written here)

def extracted(text):
    """The quotes of the whole extraction (the actor stage names the people)."""
    from tidings.extract import extract_text

    return extract_text(text, published="2024-03-11")["quotes"]


def statements(quotes):
    """No quote lies inside another one."""
    return not any(a is not b and a["start"] <= b["start"] and b["end"] <= a["end"]
                   for a in quotes for b in quotes)


def test_quoted_words_in_reported_speech_are_the_reporters_mixed_quote(nlp):
    text = ("Lena Ortiz, a spokeswoman for the governor, said the mayor was reduced to "
            "\u201cinsults and threats\u201d because he cannot defend his own budget.")
    quotes = run(nlp, text)
    q = one(quotes, "the mayor was reduced to")
    assert q["kind"] == "mixed" and q["speaker"]["name"] == "Lena Ortiz"
    assert q["speaker"]["gender"] == "female"
    assert [text[s:e] for s, e in q["fragments"]] == ["insults and threats"]
    assert statements(quotes) and not [x for x in quotes if x["text"] == "insults and threats"]
    check_offsets(text, quotes)


def test_pronoun_after_the_quote_is_the_named_person_before_it(nlp):
    text = ("Senator Ana Ruiz spoke at the union hall on Monday. \u201cI think it is fair to say "
            "that if Tom Berg wins the vote, the mills will close,\u201d she said.")
    q = one(run(nlp, text), "the mills will close")
    assert q["speaker"]["name"] == "Ana Ruiz"  # not the man named inside her words
    assert q["speaker"]["gender"] == "female"


def test_he_skips_a_woman_for_the_nearest_man(nlp):
    text = ("Mayor Tom Berg met Mrs. Ana Ruiz at the port. \u201cThe harbour will reopen in "
            "May,\u201d he said.")
    q = one(run(nlp, text), "harbour will reopen")
    assert q["speaker"]["name"] == "Tom Berg" and q["speaker"]["gender"] == "male"


def test_it_said_is_the_organization_not_a_place_in_the_quote(nlp):
    text = ("The Pacific Fisheries Council met on Friday. The new office will open in Suva "
            "next month, it said.")
    q = one(run(nlp, text), "will open in Suva")
    assert q["speaker"]["name"] == "Pacific Fisheries Council"


def test_according_to(nlp):
    text = "The strike will end on Monday, according to the Dockworkers Union of Ghana."
    q = one(run(nlp, text), "strike will end")
    assert q["cue"] == "according to" and "Dockworkers Union" in q["speaker"]["name"]


def test_statement_of_an_organization(nlp):
    text = "The Ministry of Health's statement said the clinics would reopen next week."
    q = one(run(nlp, text), "clinics would reopen")
    assert "Ministry of Health" in q["speaker"]["name"]
    assert "statement" not in q["speaker"]["name"]


def test_quoted_as_saying(nlp):
    text = ("\u201cThe talks went well,\u201d Foreign Minister Ana Ruiz was quoted as saying by "
            "the state news agency.")
    q = one(run(nlp, text), "The talks went well")
    assert q["speaker"]["name"] == "Ana Ruiz"


def test_colon_after_said_introduces_the_next_paragraph(nlp):
    text = ("Mayors meet in Lyon\n\nThe mayor of Lyon, Paul Girard, spoke on Monday. He said:\n\n"
            "\u201cWe will open the night shelters before the first frost.\u201d\n\nThe council agreed.")
    q = one(run(nlp, text), "night shelters")
    assert q["kind"] == "direct" and q["speaker"]["name"] == "Paul Girard"


def test_block_quote_without_marks_after_a_colon(nlp):
    text = ("Mayors meet in Lyon\n\nPaul Girard, the mayor of Lyon, spoke on Monday. Girard "
            "added:\n\nWe will open the night shelters before the first frost. Nobody will "
            "sleep outside this winter.\n\nThe council agreed.")
    q = one(extracted(text), "night shelters")
    assert q["kind"] == "direct" and q["cue"] == "added" and "Girard" in q["speaker"]["name"]
    assert "Nobody will sleep outside" in q["text"]  # the whole paragraph


def test_sound_bite_after_says_in_a_transcript(nlp):
    text = ("The port workers' union says it will fight the closure in court. Union leader "
            "Maria Costa says the workers will not give up.\n"
            "We are going to fight it. And we have already challenged the plan in court.\n"
            "The port authority declined to comment.")
    quotes = run(nlp, text)
    bites = [q for q in quotes if q["kind"] == "direct"]
    assert [q["text"] for q in bites] == ["We are going to fight it.",
                                          "And we have already challenged the plan in court."]
    assert all(q["speaker"]["name"] == "Maria Costa" for q in bites)
    assert statements(quotes)  # "we have already challenged" is no second attribution


def test_first_person_paragraph_of_a_story_with_quotation_marks_is_no_sound_bite(nlp):
    text = ("Maria Costa said the workers would \u201cnever give up\u201d.\n"
            "I have covered this port for ten years and I have never seen it so quiet.")
    assert not [q for q in run(nlp, text) if "never seen it" in q["text"]]


def test_quote_continued_in_the_next_paragraph(nlp):
    text = ("\u201cWe will rebuild the bridge,\u201d Mayor Tom Berg said on Monday.\n\n"
            "\u201cThe money is there and the engineers are ready to start work in March.\u201d")
    q = one(run(nlp, text), "engineers are ready")
    assert q["speaker"]["name"] == "Tom Berg"
    assert q["speaker"]["mention"] is None  # this paragraph does not name him


def test_speaker_between_a_long_quote_and_its_cue(nlp):
    text = ("\u201cWe have checked every account, and we have found nothing that points to "
            "fraud in this office,\u201d Chief Inspector Ana Ruiz of the city police said on Monday.")
    q = one(extracted(text), "checked every account")
    assert "Ana Ruiz" in q["speaker"]["name"]
    m = q["speaker"]["mention"]
    assert text[m[0]:m[1]].startswith("Chief Inspector Ana Ruiz")


def test_who_said_names_the_person_it_stands_for(nlp):
    text = "Rescuers reached Tom Berg, who said the water had risen within an hour."
    q = one(run(nlp, text), "the water had risen")
    m = q["speaker"]["mention"]
    assert text[m[0]:m[1]] == "who" and q["speaker"]["name"] == "Tom Berg"


def test_an_unnamed_official_is_not_the_minister_named_nearby(nlp):
    from tidings.actors import Actor, ActorTable

    text = ("Deputy Minister Karim Nasser met the inspectors on Friday. An Iraqi official said "
            "the sites would stay closed.")
    start = text.index("An Iraqi official")
    nasser = Actor("A1", "Karim Nasser", "person", "IRQ", "GOV", "IRQGOV",
                   [(0, 31), (start, start + len("An Iraqi official"))])
    q = one(run(nlp, text, ActorTable([nasser])), "sites would stay closed")
    sp = q["speaker"]
    assert sp["name"] == "An Iraqi official" and sp["code"] == "IRQGOV" and sp["actor"] is None


# ---------------------------------------------------------------- labels quote nobody

def test_headline_yields_no_quote_and_no_antecedent(nlp):
    text = ("Mayor Berg Says Shelters Will Open Before Frost\n"
            "The city council voted on the plan on Monday. \u201cWe are ready,\u201d he said.")
    quotes = run(nlp, text)
    assert not [q for q in quotes if "Shelters Will Open" in q["text"]]
    q = one(quotes, "We are ready")
    assert q["speaker"]["name"] != "Berg"  # the headline names nobody for "he"


def test_headline_colon_and_deck_yield_nothing(nlp):
    text = ("Ruiz: \u2018We Will Not Back Down\u2019;\nUnion chief says the strike goes on.\n\n"
            "The strike at the port entered its third week on Monday.")
    assert run(nlp, text) == []


def test_byline_and_caption_quote_nobody(nlp):
    text = ("Storm closes the port\nBy Ana Ruiz and Tom Berg\n"
            "Photo: \u201cWe lost everything,\u201d a fisherman told reporters at the harbour.\n"
            "The storm closed the port of Suva on Monday.")
    assert run(nlp, text) == []


def test_scare_quote_with_no_speaker_is_no_quote(nlp):
    text = "The so-called \u201cpeace dividend\u201d never reached the farmers of the valley."
    assert run(nlp, text) == []


def test_title_in_quotation_marks_is_no_quote(nlp):
    text = "\u201cIt is a hard year,\u201d Ana Ruiz said on \u201cMorning Edition\u201d on Monday."
    quotes = run(nlp, text)
    assert [q["text"] for q in quotes] == ["It is a hard year"]


# ---------------------------------------------------------------- gender from the text

@pytest.mark.parametrize("text, gender", [
    ("Mrs. Lee said the school would reopen in May.", "female"),
    ("Mr. Lee said the school would reopen in May.", "male"),
    ("A spokeswoman said the school would reopen in May.", "female"),
    ("Robin Lee, a spokesman for the city, said the school would reopen in May.", "male"),
    ("Robin Lee visited the school on Monday. She said it would reopen in May.", "female"),
    # a first name alone is no evidence
    ("Maria Lee said the school would reopen in May.", None),
    ("The ministry said the school would reopen in May.", None),
])
def test_gender_comes_from_the_texts_evidence(nlp, text, gender):
    q = one(run(nlp, text), "would reopen in May")
    assert q["speaker"]["gender"] == gender
