"""Time expressions: spans and TIMEX3 values resolved against the publication date."""
from __future__ import annotations

import datetime as dt

import pytest

from tidings.nlp import pipeline
from tidings.records import Context
from tidings.times import find_times

FRIDAY = dt.date(2020, 1, 10)


@pytest.fixture(scope="module")
def times():
    nlp = pipeline.load()

    def run(text: str, published: dt.date | None = FRIDAY) -> dict[str, dict]:
        doc = nlp(text)
        found = [t.as_dict() for t in find_times(Context(doc, published))]
        for item in found:
            assert text[item["start"]:item["end"]] == item["text"]
            assert item["type"] in {"DATE", "TIME", "DURATION", "SET"}
        return {item["text"]: item for item in found}
    return run


def values(found: dict[str, dict]) -> dict[str, str]:
    return {text: item["value"] for text, item in found.items()}


def test_weekdays_follow_the_tense(times):
    assert values(times("The minister resigned on Wednesday.")) == {"Wednesday": "2020-01-08"}
    assert values(times("The council will vote on Wednesday.")) == {"Wednesday": "2020-01-15"}
    assert values(times("Police said Thursday they would reopen the road.")) == {
        "Thursday": "2020-01-09"}
    assert values(times("Talks ended Friday.")) == {"Friday": "2020-01-10"}


def test_possessive_weekday_and_modifiers(times):
    found = times("Friday's vote came after last Friday's protest and before next Monday.")
    assert found["Friday"]["value"] == "2020-01-10"
    assert found["last Friday"]["value"] == "2020-01-03"
    assert found["next Monday"]["value"] == "2020-01-13"


def test_calendar_dates(times):
    found = values(times("Troops left on Jan. 3, arrived on January 3, 2019 and on 3 February 2018."))
    assert found["Jan. 3"] == "2020-01-03"
    assert found["January 3, 2019"] == "2019-01-03"
    assert found["3 February 2018"] == "2018-02-03"


def test_month_day_without_year_looks_back_in_january(times):
    assert values(times("The ceasefire was signed on Dec. 28.")) == {"Dec. 28": "2019-12-28"}


def test_months_years_decades_quarters(times):
    found = values(times("Sales fell in March 2019, in 1998, in the 1990s and in the third quarter."))
    assert found["March 2019"] == "2019-03"
    assert found["1998"] == "1998"
    assert found["the 1990s"] == "199"
    assert found["the third quarter"] == "2019-Q3"


def test_month_alone_by_tense(times):
    assert values(times("The party won the vote in March.")) == {"March": "2019-03"}
    assert values(times("Elections will be held in March.")) == {"March": "2020-03"}


def test_may_the_verb_is_not_a_month(times):
    assert "may" not in {text.lower() for text in times("They may return soon.")}


def test_deictic_days_and_relative_units(times):
    found = values(times("Yesterday the rebels advanced; today they hold the town and tomorrow "
                         "they will talk. Last week, next month and this year were quiet."))
    assert found["Yesterday"] == "2020-01-09"
    assert found["today"] == "2020-01-10"
    assert found["tomorrow"] == "2020-01-11"
    assert found["Last week"] == "2020-W01"
    assert found["next month"] == "2020-02"
    assert found["this year"] == "2020"


def test_ago_earlier_this_month_and_references(times):
    found = values(times("Two days ago, and earlier this month, the army was now recently moved."))
    assert found["Two days ago"] == "2020-01-08"
    assert found["earlier this month"] == "2020-01"
    assert found["now"] == "PRESENT_REF"
    assert found["recently"] == "PAST_REF"


def test_durations_and_sets(times):
    found = times("Over the past three years, a five-hour siege and talks every Monday, held "
                  "weekly, lasted 10 days.")
    assert found["the past three years"]["type"] == "DURATION"
    assert found["the past three years"]["value"] == "P3Y"
    assert found["five-hour"]["value"] == "PT5H"
    assert found["10 days"]["value"] == "P10D"
    assert found["every Monday"] == {**found["every Monday"], "type": "SET", "value": "XXXX-WXX-1"}
    assert found["weekly"]["value"] == "P1W"


def test_ranges_give_two_items(times):
    found = values(times("The summit ran from Monday to Wednesday."))
    assert found == {"Monday": "2020-01-06", "Wednesday": "2020-01-08"}


def test_clock_times_and_seasons(times):
    found = values(times("The blast came at 3 p.m. yesterday. Fighting resumed last summer."))
    assert found["3 p.m. yesterday"] == "2020-01-09T15:00"
    assert found["last summer"] == "2019-SU"


def test_spans_leave_out_the_preposition(times):
    found = times("Washington on Friday spurned the request.")
    assert list(found) == ["Friday"]
    assert found["Friday"]["start"] == 14


def test_without_publication_date_relative_values_are_masked(times):
    found = values(times("On Wednesday, talks set for Jan. 3 and held in 1998 failed last week.",
                         published=None))
    assert found["Wednesday"] == "XXXX-XX-XX"
    assert found["Jan. 3"] == "XXXX-01-03"
    assert found["1998"] == "1998"
    assert found["last week"] == "XXXX-WXX"


def test_numbers_that_are_not_years(times):
    assert times("The army sent 2000 troops and $1990 in aid.") == {}


def test_narrative_anchors_keep_their_granularity(times):
    found = values(times("The plant opened in June 1998 and closed later that year."))
    assert found["that year"] == "1998"
    found = values(times("Talks began in March 2019. The following month, they collapsed."))
    assert found["The following month"] == "2019-04"
    found = values(times("The index closed on Jan. 3, down 2% from the previous Friday."))
    assert found["the previous Friday"] == "2019-12-27"


def test_part_of_day_alone_follows_the_story(times):
    found = values(times("Dealers placed heavy orders on Wednesday. Buying resumed in the morning."))
    assert found["the morning"] == "2020-01-08TMO"


def test_schedule_verbs_told_in_the_past(times):
    assert values(times("On Tuesday, the government planned new talks.")) == {
        "Tuesday": "2020-01-07"}
    assert values(times("A rally planned for Saturday was canceled.")) == {
        "Saturday": "2020-01-04"}
    assert values(times("The opposition will hold a rally on Saturday.")) == {
        "Saturday": "2020-01-11"}


def test_reporting_periods_and_halves(times):
    found = times("Profit for the year ended Sept. 30 rose, after 2 1/2 years of losses; "
                  "the vote took a minute and a half.")
    assert found["the year"]["type"] == "DURATION" and found["the year"]["value"] == "P1Y"
    assert found["2 1/2 years"]["value"] == "P2Y6M"
    assert found["a minute and a half"]["value"] == "PT1M30S"


def test_a_year_after_an_event_is_a_length(times):
    found = times("The rally came one year after he was killed.")
    assert found["one year"]["type"] == "DURATION"


def test_latest_quarter_is_one_already_over(times):
    found = values(times("Third-quarter profit rose. The firm expects a fourth-quarter charge. "
                         "In the latest quarter, sales fell.", published=dt.date(1989, 11, 2)))
    assert found["the latest quarter"] == "1989-Q3"


def test_names_and_generic_uses_are_not_times(times):
    assert times("This is VOA Today.") == {}
    assert "This Week" not in times('Baker, speaking on ABC\'s "This Week," said no.')
    assert times("In today's world, fathers matter.") == {}
    assert times("They set up a joint venture called Orion 1980, which builds parts.") == {}


def test_vague_future_references(times):
    found = values(times("The court will soon rule, and Islam will one day grow; in the near "
                         "term, prices rise."))
    assert found["soon"] == "FUTURE_REF"
    assert found["one day"] == "FUTURE_REF"
    assert found["the near term"] == "FUTURE_REF"
    assert "soon" not in times("He was arrested and soon released.")


def test_prefixed_year(times):
    assert values(times("The post-1959 politics split families.")) == {"post-1959": "1959"}
