"""Property and fuzz tests: the readers and the extraction on text no one would write
(arbitrary Unicode, control characters, unbalanced quotes, huge lines, deeply nested HTML).

Invariants: no exception escapes (a reader raises only InputError, an article's failure
is its error document); every span lies inside the text and ``text[start:end]`` is the
text it claims; every date is a valid ISO value; every document validates against the
JSON Schema of the contract that the package ships (``tidings.contract``).

Bounded for CI: a fixed number of examples each (``TIDINGS_FUZZ_EXAMPLES``, default 40),
derandomized so a run is repeatable; set ``TIDINGS_FUZZ_RANDOM=1`` to explore new inputs.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import os
import re

import pytest

hypothesis = pytest.importorskip("hypothesis")
pytest.importorskip("jsonschema")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tidings.article import Article, ReadFailure  # noqa: E402
from tidings.contract import validate  # noqa: E402
from tidings.errors import InputError  # noqa: E402

EXAMPLES = int(os.environ.get("TIDINGS_FUZZ_EXAMPLES", "40"))
BOUNDED = settings(max_examples=EXAMPLES, deadline=None, database=None,
                   derandomize=not os.environ.get("TIDINGS_FUZZ_RANDOM"),
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                          HealthCheck.function_scoped_fixture])

# Pieces of news-like text, and pieces of trouble, for strategies to mix.
NEWS = ["Iran accused Iraq of shelling Basra on Monday.", '"We will respond," he said.',
        "President Joe Biden met Chancellor Olaf Scholz in Berlin last week.",
        "Protesters marched in Nairobi on 12 March 2023, police said.",
        "The United Nations condemned the attack.", "Russia's army fired rockets at Kyiv.",
        "Egypt hosted talks with Sudan in Cairo three days ago.", "NATO said ", "Washington"]
TROUBLE = ['"', "\u201c", "\u201d", "'", "\u00ab", "(", ")", "\n", "\n\n", "\r\n", "\t", "\x0c",
           "\u200b", "\u2028", "\ufeff", "\u0301", "\U0001f600", "..." , " - ", "--", "\x00",
           "said", "on Monday", "2024-02-30", "31/31/2031", "Mr.", "U.S.", "e.g."]
fragments = st.one_of(st.sampled_from(NEWS), st.sampled_from(TROUBLE),
                      st.text(max_size=40), st.text(st.characters(codec="utf-8"), max_size=20))
texts = st.lists(fragments, min_size=1, max_size=30).map(" ".join)
huge_lines = st.builds(lambda word, n, tail: (word + " ") * n + tail,
                       st.sampled_from(["Iran", "x" * 50, "\u201cquote", "said,"]),
                       st.integers(500, 4000), st.sampled_from(NEWS))
html_pages = st.builds(
    lambda depth, tag, body: f"<html><body>{('<' + tag + '>') * depth}<p>{body}</p>"
                             f"{('</' + tag + '>') * (depth // 2)}</body></html>",
    st.integers(1, 3000), st.sampled_from(["div", "span", "section", "b", "table"]), texts)


# -- readers --------------------------------------------------------------------------------

@BOUNDED
@given(st.binary(max_size=3000))
def test_decoding_any_bytes_gives_text_or_an_input_error(data):
    from tidings.ingest.readers import decode_bytes

    try:
        text = decode_bytes(data, "fuzz")
    except InputError:
        return
    assert isinstance(text, str) and text.strip() and "\x00" not in text


@BOUNDED
@given(st.lists(st.one_of(
    st.binary(max_size=200),
    st.text(max_size=200),
    st.builds(lambda v: json.dumps(v), st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=30),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
            st.sampled_from(["id", "text", "published", "title", "html", "x"]), inner,
            max_size=5), max_leaves=12)),
    st.builds(lambda t, d: json.dumps({"id": "a", "text": t, "published": d}), texts,
              st.sampled_from(["2024-03-15", "2024-02-30", "soon", "", "2024-03-15T10:00Z"])),
    st.just('{"text": "unbalanced'), st.just('{"text": "' + "x" * 100_000 + '"}')),
    min_size=1, max_size=12))
def test_json_lines_of_anything_give_one_item_per_line(lines):
    from tidings.ingest.readers import read_jsonl

    raw = b"\n".join(line if isinstance(line, bytes) else line.encode("utf-8", "surrogatepass")
                     for line in lines)
    items = list(read_jsonl(io.BytesIO(raw), "fuzz.jsonl"))
    assert all(isinstance(item, (Article, ReadFailure)) for item in items)
    assert len(items) <= raw.count(b"\n") + 1
    for item in items:
        if isinstance(item, Article):
            assert item.text.strip() and "\x00" not in item.text
            assert item.published is None or dt.date.fromisoformat(item.published)
        else:
            assert item.message.startswith("fuzz.jsonl:")


@BOUNDED
@given(html_pages)
def test_deep_html_gives_an_article_or_an_input_error(page):
    from tidings.ingest.readers import read_text

    try:
        article = read_text(page, origin="fuzz.html", html=True)
    except InputError:
        return
    assert isinstance(article, Article) and article.text.strip()


# -- extraction -----------------------------------------------------------------------------

TIMEX_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
TIMEX_WEEK = re.compile(r"^(\d{4})-W(\d{2})")


def check_date(value) -> None:
    """A TIMEX3 value whose calendar parts are real: day of its month, week of its year."""
    if value is None:
        return
    if m := TIMEX_DAY.match(value):
        dt.date(int(m[1]), int(m[2]), int(m[3]))
    elif m := TIMEX_WEEK.match(value):
        dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)


def check_span(text: str, span, claimed: str | None = None) -> None:
    if span is None:
        return
    start, end = span
    assert 0 <= start <= end <= len(text), (span, len(text))
    if claimed is not None:
        assert text[start:end] == claimed, (text[start:end], claimed)


def check_document(document: dict, text: str) -> None:
    """The invariants every document keeps, whatever the text."""
    validate(document)
    check_date(document["article"]["published"])
    for actor in document["actors"]:
        for mention in actor["mentions"]:
            check_span(text, mention)
    for event in document["events"]:
        check_span(text, (event["start"], event["end"]), event["sentence"])
        check_span(text, event["trigger_span"])
        for side in (event["source"], event["target"]):
            if side:
                check_span(text, side.get("mention"))
        check_date(event["date"])
    for quote in document["quotes"]:
        check_span(text, (quote["start"], quote["end"]), quote["text"])
        check_span(text, quote["cue_span"])
        for fragment in quote.get("fragments") or []:
            check_span(text, fragment)
        if quote["speaker"]:
            check_span(text, quote["speaker"].get("mention"))
    for found in document["times"]:
        check_span(text, (found["start"], found["end"]), found["text"])
        check_date(found["value"])
    for place in document["places"]:
        check_span(text, (place["start"], place["end"]), place["text"])


@pytest.fixture(scope="module")
def run(nlp):
    from tidings.extract import extract_articles

    def extract(text: str, published: str | None) -> dict:
        return next(extract_articles([Article(text=text, published=published)]))
    return extract


@BOUNDED
@given(st.one_of(texts, huge_lines), st.sampled_from(["2024-03-15", "2000-02-29", None]))
def test_extraction_of_any_text_keeps_the_contract(run, text, published):
    document = run(text, published)
    assert "error" not in document, document.get("error")
    check_document(document, text)


def test_documents_of_real_looking_stories_validate(run):
    from conftest import ROOT

    story = (ROOT / "examples" / "harbor_talks.txt").read_text(encoding="utf-8")
    document = run(story, "2024-03-15")
    assert document["events"] and document["quotes"] and document["places"]
    check_document(document, story)


def test_the_schema_refuses_what_the_contract_forbids():
    import jsonschema

    good = {"article": {"id": "a", "published": "2024-03-15", "title": None, "url": None,
                        "source": None, "language": "en"},
            "actors": [], "events": [], "quotes": [], "times": [], "places": []}
    validate(good)
    validate(dict(good, extra_field=1, error="x: failed"))  # more fields are welcome
    for broken in (dict(good, events=None), {k: v for k, v in good.items() if k != "times"},
                   dict(good, article=dict(good["article"], published="15/03/2024")),
                   dict(good, times=[{"text": "x", "start": 0, "end": 1, "value": "soon"}]),
                   dict(good, actors=[{"id": "A1", "name": "X", "kind": None, "country": "usa",
                                       "sector": None, "code": None, "mentions": []}])):
        with pytest.raises(jsonschema.ValidationError):
            validate(broken)
