"""The event store as a library, against real DuckDB files: idempotent ingest, duplicate
reports merged, filters, export profiles read back column by column, one-line errors.

Articles are ingested through hand-written documents (tests/documents.py), so these tests
check the store whatever the model would find in them."""
from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from documents import Story, extractor

from tidings.article import Article, ReadFailure
from tidings.errors import OptionError, StoreError
from tidings.store import Filters, Store, actors_sql, dyads_sql, events_sql, quotes_sql
from tidings.store.export import columns

ATTACK = "Iran fired missiles at US troops in Baghdad on Wednesday."
# Three differently written articles that report the same attack, and three other stories.
REPORTS = [
    Article(f"{ATTACK} The Pentagon said no soldiers were hurt. Oil prices rose in Asian "
            "trading.", published="2020-01-10", source="Wire A", url="http://a.example/1"),
    Article("Markets in Tokyo were calm. Iran fired missiles at US troops in Baghdad on "
            "Wednesday, according to officials. Schools in the capital stayed open.",
            published="2020-01-10", source="Paper B", url="http://b.example/2"),
    Article(f"A storm hit the coast of Norway. Officials said {ATTACK} Flights resumed "
            "later in the day.", published="2020-01-11", source="Site C",
            url="http://c.example/3"),
]
OTHERS = [
    Article("Russian troops shelled Ukrainian positions near Donetsk on Monday.",
            published="2020-01-10", source="Wire A", url="http://a.example/4"),
    Article("China and Russia signed an agreement on energy cooperation in Beijing on "
            "Thursday. \"This is a new era,\" Chinese President Xi Jinping said.",
            published="2020-01-10", source="Paper B", url="http://b.example/5"),
]
LATER = Article("Iran fired missiles at US troops in Baghdad on Saturday.",
                published="2020-01-11", source="Paper D")
# A wire story and a lightly edited syndicated copy of it (byline and two words changed).
WIRE = ("Russian troops shelled Ukrainian positions near Donetsk on Monday, killing two "
        "soldiers, the Ukrainian army said. The shelling came a day after talks in Minsk "
        "between envoys of both countries ended without an agreement on a ceasefire. "
        "Observers from the OSCE reported dozens of explosions along the front line.")
COPY = ("KYIV (Agency) - Russian troops shelled Ukrainian positions near Donetsk on Monday, "
        "killing two soldiers, the Ukrainian army said. The shelling came one day after talks "
        "in Minsk between envoys of both countries ended without an agreement on a truce. "
        "Observers from the OSCE reported dozens of explosions along the front line.")


def attack(text: str, day: str, value: str) -> Story:
    """Iran's missile attack on US troops in Baghdad, reported in ``text``."""
    story = Story(text)
    iran = story.actor("Iran", "IRN", "IRN")
    troops = story.actor("US troops", "USAMIL", "USA", "MIL", kind="group")
    baghdad = story.place("Baghdad", "Baghdad", "IRQ", 33.34058, 44.40088, 98182)
    story.event("fired", iran, troops, "195", story.time(day, value), baghdad, 0.9)
    return story


def shelling(text: str) -> Story:
    """Russian troops shelling Ukraine near Donetsk on Monday 6 January 2020."""
    story = Story(text)
    troops = story.actor("Russian troops", "RUSMIL", "RUS", "MIL", kind="group")
    ukraine = story.actor("Ukrainian", "UKR", "UKR")
    donetsk = story.place("Donetsk", "Donetsk", "UKR", 48.023, 37.80224, 709717)
    story.event("shelled", troops, ukraine, "194", story.time("Monday", "2020-01-06"), donetsk,
                0.75)
    return story


def agreement(text: str) -> Story:
    story = Story(text)
    china, russia = story.actor("China", "CHN", "CHN"), story.actor("Russia", "RUS", "RUS")
    xi = story.actor("Chinese President Xi Jinping", "CHNGOV", "CHN", "GOV", kind="person")
    beijing = story.place("Beijing", "Beijing", "CHN", 39.9075, 116.39723, 1816670)
    story.event("signed", china, russia, "057", story.time("Thursday", "2020-01-09"), beijing)
    story.quote("This is a new era", xi, "said")
    return story


EXTRACT = extractor([*(attack(a.text, "Wednesday", "2020-01-08") for a in REPORTS),
                     attack(LATER.text, "Saturday", "2020-01-11"), shelling(OTHERS[0].text),
                     agreement(OTHERS[1].text), shelling(WIRE)])


def fresh(article: Article) -> Article:
    return Article(article.text, published=article.published, source=article.source,
                   url=article.url, title=article.title)


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    """One store with the three reports and the other stories, ingested once."""
    path = tmp_path_factory.mktemp("store") / "news.duckdb"
    with Store.open(path) as store:
        report = store.ingest([fresh(a) for a in REPORTS + OTHERS], extractor=EXTRACT)
    assert report.coded == 5 and not report.failures
    return path


def test_ingest_twice_adds_nothing(store_path):
    with Store.open(store_path) as store:
        before = store.counts()
        report = store.ingest([fresh(a) for a in REPORTS + OTHERS], extractor=EXTRACT)
        assert store.counts() == before
    assert report.already_stored == 5 and report.coded == 0 and report.events == 0


def test_same_text_reformatted_is_already_stored(store_path):
    spaced = fresh(OTHERS[0])
    spaced.text = "  " + spaced.text.replace(" ", "   ") + "\n"
    with Store.open(store_path) as store:
        assert store.ingest([spaced], extractor=EXTRACT).already_stored == 1


def test_one_event_in_three_articles_is_one_distinct_event(store_path):
    with Store.open(store_path, read_only=True) as store:
        cols, rows = store.fetch(*events_sql(Filters.parse(cameo=["195"])))
        raw_cols, raw = store.fetch(*events_sql(Filters.parse(cameo=["195"]), raw=True))
    assert len(rows) == 1
    event = dict(zip(cols, rows[0]))
    assert (event["source_code"], event["target_code"]) == ("IRN", "USAMIL")
    assert event["num_articles"] == 3 and event["num_sources"] == 3
    assert event["num_mentions"] == 3
    assert set(event["urls"].split(";")) == {a.url for a in REPORTS}
    assert len(raw) == 3
    assert {dict(zip(raw_cols, r))["url"] for r in raw} == {a.url for a in REPORTS}


def test_event_window_is_configurable(tmp_path):
    counts = {}
    for window in (1, 5):
        with Store.open(tmp_path / f"w{window}.duckdb") as store:
            store.ingest([fresh(REPORTS[0]), fresh(LATER)], window=window, extractor=EXTRACT)
            counts[window] = store.fetch("SELECT count(*) FROM events WHERE cameo = '195'")[1]
    assert counts == {1: [(2,)], 5: [(1,)]}  # Jan 8 and Jan 11: 3 days apart


def test_near_duplicate_is_linked_not_coded(tmp_path):
    with Store.open(tmp_path / "dup.duckdb") as store:
        report = store.ingest([Article(WIRE, id="wire", published="2020-01-07",
                                       source="Agency", url="http://agency/1"),
                               Article(COPY, id="copy", published="2020-01-07",
                                       source="Daily", url="http://daily/9")],
                              extractor=EXTRACT)
        assert (report.coded, report.duplicates) == (1, 1)
        _, rows = store.fetch("SELECT id, status, duplicate_of FROM articles ORDER BY id")
        assert rows == [("copy", "duplicate", "wire"), ("wire", "coded", None)]
        _, coded = store.fetch("SELECT count(*) FROM actors WHERE article_id = 'copy'")
        assert coded == [(0,)]
        _, stats = store.fetch("SELECT num_articles, num_sources FROM event_stats "
                               "WHERE cameo LIKE '19%'")
        assert stats and all(row == (2, 2) for row in stats)
        # a later copy, in another run, links to the stored original too
        third = Article(COPY.replace("KYIV (Agency)", "KYIV (Post)"), id="post",
                        published="2020-01-08")
        assert store.ingest([third], extractor=EXTRACT).duplicates == 1


def test_bad_article_is_reported_and_skipped(tmp_path):
    with Store.open(tmp_path / "bad.duckdb") as store:
        report = store.ingest([ReadFailure("feed.jsonl:2: not valid JSON", origin="feed.jsonl:2"),
                               fresh(OTHERS[0])], extractor=EXTRACT)
        assert report.coded == 1
        assert report.failures == [("feed.jsonl:2", "feed.jsonl:2: not valid JSON")]


def test_filters(store_path):
    def ids(**values):
        with Store.open(store_path, read_only=True) as store:
            cols, rows = store.fetch(*events_sql(Filters.parse(**values)))
        return {(r[cols.index("cameo")]) for r in rows}

    assert ids() == {"195", "194", "057"}
    assert ids(cameo=["19"]) == {"195", "194"} and ids(cameo=["05", "194"]) == {"057", "194"}
    assert ids(source_actor="iran") == {"195"} and ids(target_actor="usamil") == {"195"}
    assert ids(actor="UKR") == {"194"}
    assert ids(country="RUS") == {"194", "057"} and ids(sector="mil") == {"195", "194"}
    assert ids(quad=["4"]) == {"195", "194"} and ids(quad=["1", "3"]) == {"057"}
    assert ids(plover=["assault"]) == {"195", "194"}
    assert ids(goldstein_max="-9") == {"195", "194"}
    assert ids(goldstein_min="5") == {"057"}
    window = ids(since="2020-01-07", until="2020-01-08")
    assert window == {"195"}  # Monday the 6th, Wednesday the 8th, Thursday the 9th
    assert ids(published_since="2020-01-11") == {"195"}  # reported again on the 11th
    assert ids(published_until="2020-01-10") == {"195", "194", "057"}
    assert ids(search="donetsk") == {"194"} and ids(publisher="paper b") == {"195", "057"}
    assert ids(place="Donetsk") == {"194"} and ids(place="irq") == {"195"}
    assert ids(min_articles="3") == {"195"}
    assert ids(min_confidence="0.85") == {"195"} and ids(min_confidence="1") == set()
    with Store.open(store_path, read_only=True) as store:
        cols, rows = store.fetch(*quotes_sql(Filters.parse(search="new era")))
        assert len(rows) == 1 and "Xi" in dict(zip(cols, rows[0]))["speaker_name"]
        cols, rows = store.fetch(*dyads_sql(Filters(), by="month"))
    dyad = {(r[1], r[2]): dict(zip(cols, r)) for r in rows}[("IRN", "USAMIL")]
    assert dyad["events"] == 1 and dyad["quad4_material_conflict"] == 1
    assert dyad["goldstein_sum"] == -10 and str(dyad["period"]) == "2020-01-01"


def test_quote_and_actor_filters(store_path):
    def quotes(**values):
        with Store.open(store_path, read_only=True) as store:
            cols, rows = store.fetch(*quotes_sql(Filters.parse(**values)))
        return [dict(zip(cols, r))["speaker_code"] for r in rows]

    def actors(**values):
        with Store.open(store_path, read_only=True) as store:
            cols, rows = store.fetch(*actors_sql(Filters.parse(**values)))
        return {dict(zip(cols, r))["code"]: dict(zip(cols, r)) for r in rows}

    assert quotes() == ["CHNGOV"] and quotes(speaker="xi") == ["CHNGOV"]
    assert quotes(since="2020-01-10", until="2020-01-10") == ["CHNGOV"]  # publication date
    assert quotes(since="2020-01-11") == [] and quotes(country="USA") == []
    assert quotes(sector="GOV", publisher="paper") == ["CHNGOV"]
    iran = actors(actor="iran")
    assert set(iran) == {"IRN"} and iran["IRN"]["articles"] == 3
    assert iran["IRN"]["events_as_source"] == 1 and iran["IRN"]["events_as_target"] == 0
    assert set(actors(sector="MIL")) == {"USAMIL", "RUSMIL"}
    assert set(actors(published_since="2020-01-11")) == {"IRN", "USAMIL"}


# Who is quoted: three stories with speakers the text gives a gender (or none).
BUDGET = ("Senator Ana Ruiz said the budget was \"a betrayal of nurses\". \"We will vote no,\" "
          "she said. Mayor Tom Berg said the plan was fair, and a spokesman said talks went on.")
HARBOUR = "\"The harbour will reopen in May,\" Ana Ruiz said on Tuesday."
TARIFFS = "\"Tariffs hurt farmers,\" Kenji Sato, the trade minister, said in Tokyo."


def quoted_stories() -> list[Story]:
    budget, harbour, tariffs = Story(BUDGET), Story(HARBOUR), Story(TARIFFS)
    ruiz = budget.actor("Senator Ana Ruiz", "USALEG", "USA", "LEG", kind="person",
                        name="Ana Ruiz")
    berg = budget.actor("Mayor Tom Berg", "USAGOV", "USA", "GOV", kind="person", name="Tom Berg")
    budget.quote('the budget was "a betrayal of nurses"', ruiz, "said", kind="mixed",
                 gender="female", fragments=("a betrayal of nurses",))
    budget.quote("We will vote no", ruiz, "said", gender="female")
    budget.quote("the plan was fair", berg, "said", kind="indirect", gender="male")
    budget.quote("talks went on", "spokesman", "said", kind="indirect", gender="male")
    harbour.quote("The harbour will reopen in May", harbour.actor(
        "Ana Ruiz", "USALEG", "USA", "LEG", kind="person"), "said", gender="female")
    tariffs.quote("Tariffs hurt farmers", tariffs.actor(
        "Kenji Sato", "JPNGOV", "JPN", "GOV", kind="person"), "said")
    return [budget, harbour, tariffs]


@pytest.fixture(scope="module")
def quoted_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("quoted") / "quoted.duckdb"
    stories = quoted_stories()
    with Store.open(path) as store:
        report = store.ingest([Article(s.text, published="2020-02-0" + str(k + 1))
                               for k, s in enumerate(stories)], extractor=extractor(stories))
    assert report.coded == 3
    return path


def test_who_is_quoted_by_gender_speaker_and_country(quoted_path):
    from tidings.store import quotes_by_sql

    def by(group, **values):
        with Store.open(quoted_path, read_only=True) as store:
            cols, rows = store.fetch(*quotes_by_sql(Filters.parse(**values), group))
        return [dict(zip(cols, r)) for r in rows]

    genders = {r["gender"]: r for r in by("gender")}
    # the mixed quote counts once: its quoted words are no second quote
    assert {g: r["quotes"] for g, r in genders.items()} == {"female": 3, "male": 2, "unknown": 1}
    assert genders["female"]["speakers"] == 1 and genders["female"]["articles"] == 2
    assert genders["female"]["share"] == 50.0
    speakers = by("speaker")
    assert [(r["speaker"], r["gender"], r["quotes"]) for r in speakers] == [
        ("Ana Ruiz", "female", 3), ("Kenji Sato", "unknown", 1), ("Tom Berg", "male", 1),
        ("spokesman", "male", 1)]
    assert {r["speaker"]: r["country"] for r in speakers}["Kenji Sato"] == "JPN"
    countries = {r["country"]: r for r in by("country")}
    assert (countries["USA"]["quotes"], countries["USA"]["female"], countries["USA"]["male"]) == (4, 3, 1)
    assert countries["unknown"]["quotes"] == 1 and countries["JPN"]["unknown"] == 1
    assert [r["speaker"] for r in by("speaker", gender="male")] == ["Tom Berg", "spokesman"]
    assert [r["quotes"] for r in by("gender", gender="unknown")] == [1]
    assert by("gender", country="JPN") == [{"gender": "unknown", "quotes": 1, "share": 100.0,
                                            "speakers": 1, "articles": 1}]
    with pytest.raises(OptionError, match="--by: expected one of gender, speaker, country"):
        quotes_by_sql(Filters(), "age")
    with pytest.raises(OptionError, match="--gender: expected female, male or unknown"):
        Filters.parse(gender="woman")


def test_quotes_keep_fragments_and_gender(quoted_path):
    with Store.open(quoted_path, read_only=True) as store:
        cols, rows = store.fetch(*quotes_sql(Filters.parse(speaker="ruiz")))
    found = [dict(zip(cols, r)) for r in rows]
    mixed = next(q for q in found if q["kind"] == "mixed")
    (start, end), = json.loads(mixed["fragments"])
    assert BUDGET[start:end] == "a betrayal of nurses"
    assert {q["speaker_gender"] for q in found} == {"female"}
    assert all(q["fragments"] is None for q in found if q["kind"] != "mixed")


def test_version_1_store_folds_fragments_into_their_statement(tmp_path):
    """Before version 4 each quoted fragment of a mixed quote was a direct quote of its own."""
    import duckdb

    from tidings.store import schema

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    for statement in schema.MIGRATIONS[0]:
        con.execute(statement)
    con.execute("CREATE TABLE schema_version (version INTEGER, applied_at TIMESTAMP)")
    con.execute("INSERT INTO schema_version VALUES (1, now())")
    row = "(?, ?, ?, ?, ?, ?, 'said', NULL, 'Ana Ruiz', 'USA', 'LEG', 'USALEG', '[]')"
    for values in (["a", "Q1", "mixed", BUDGET[22:59], 22, 59],
                   ["a", "Q2", "direct", BUDGET[38:58], 38, 58],
                   ["a", "Q3", "direct", BUDGET[62:77], 62, 77]):
        con.execute(f"INSERT INTO quotes VALUES {row}", values)
    con.execute("INSERT INTO event_mentions (event_id, article_id, raw_id, quote_id) "
                "VALUES (1, 'a', 'E1', 'Q2')")
    con.close()
    with Store.open(path) as store:  # migrated on open
        _, rows = store.fetch("SELECT quote_id, kind, fragments, speaker_gender FROM quotes "
                              "ORDER BY quote_id")
        assert rows == [("Q1", "mixed", "[[38,58]]", None), ("Q3", "direct", None, None)]
        assert store.fetch("SELECT quote_id FROM event_mentions")[1] == [("Q1",)]
        assert store.fetch("SELECT max(version) FROM schema_version")[1] == [(schema.SCHEMA_VERSION,)]


def test_parquet_store_of_an_older_schema_asks_for_an_ingest(tmp_path):
    (tmp_path / "tidings.json").write_text(json.dumps({"schema_version": 1, "tables": []}))
    with pytest.raises(StoreError, match="schema version 1 needs migrating; run 'tidings ingest"):
        Store.open(f"parquet:{tmp_path}", read_only=True)


def test_every_offered_filter_has_a_condition_on_its_table():
    from tidings.store import query
    from tidings.store.filters import ACTORS, ARTICLES, EVENTS, QUOTES, filters_for

    tables = {EVENTS: query.EVENT_CONDITIONS + query.DISTINCT_CONDITIONS
              + query.REPORT_CONDITIONS, QUOTES: query.QUOTE_CONDITIONS,
              ACTORS: query.ACTOR_CONDITIONS, ARTICLES: query.ARTICLE_CONDITIONS}
    for table, conditions in tables.items():
        read = {name for names, _ in conditions for name in names}
        assert {f.name for f in filters_for(table)} <= read, table


@pytest.mark.parametrize("values, needle", [
    ({"since": "2020-13-01"}, "--since"), ({"quad": ["5"]}, "--quad"),
    ({"cameo": ["1x"]}, "--cameo"), ({"plover": ["HUG"]}, "--plover"),
    ({"goldstein_min": "big"}, "--goldstein-min")])
def test_bad_filter_values_raise_option_errors(values, needle):
    with pytest.raises(OptionError, match=needle):
        Filters.parse(**values)


# Documented column counts: GDELT 2.0 events 61, Phoenix 26, ICEWS 20, ACLED 31.
WIDTHS = {"gdelt": 61, "phoenix": 26, "icews": 20, "acled": 31}


@pytest.mark.parametrize("profile", ["gdelt", "phoenix", "icews", "acled"])
def test_export_profile_header_and_values(store_path, profile):
    out = io.StringIO()
    with Store.open(store_path, read_only=True) as store:
        count = store.export(profile, out)
    delimiter = "," if profile == "acled" else "\t"
    table = list(csv.reader(io.StringIO(out.getvalue()), delimiter=delimiter))
    assert table[0] == columns(profile) and len(table[0]) == WIDTHS[profile]
    assert count == len(table) - 1 > 0 and all(len(r) == WIDTHS[profile] for r in table)
    records = [dict(zip(table[0], r)) for r in table[1:]]
    if profile == "gdelt":
        attack = next(r for r in records if r["EventCode"] == "195")
        assert (attack["SQLDATE"], attack["MonthYear"], attack["Year"]) == \
            ("20200108", "202001", "2020")
        assert (attack["Actor1Code"], attack["Actor2Code"], attack["Actor2Type1Code"]) == \
            ("IRN", "USAMIL", "MIL")
        assert (attack["EventRootCode"], attack["EventBaseCode"], attack["QuadClass"]) == \
            ("19", "195", "4")
        assert attack["NumArticles"] == "3" and attack["SOURCEURL"].startswith("http")
        assert len(attack["DATEADDED"]) == 14 and float(attack["GoldsteinScale"]) == -10
    elif profile == "phoenix":
        attack = next(r for r in records if r["EventCode"] == "195")
        assert (attack["Date"], attack["SourceActorFull"], attack["TargetActorRole"],
                attack["EventRootCode"], attack["PentaClass"]) == \
            ("20200108", "IRN", "MIL", "19", "4")
        assert len(attack["URLs"].split(";")) == 3
    elif profile == "icews":
        attack = next(r for r in records if r["CAMEO Code"] == "195")
        assert (attack["Event Date"], attack["Source Country"], attack["Target Sectors"],
                float(attack["Intensity"])) == ("2020-01-08", "Iran", "MIL", -10)
    else:
        assert {r["event_type"] for r in records} <= {
            "Battles", "Explosions/Remote violence", "Violence against civilians",
            "Protests", "Riots", "Strategic developments"}
        strike = next(r for r in records if r["sub_event_type"] == "Air/drone strike")
        # the country of the strike's place (Baghdad): Iraq, ISO 3166 number 368
        assert strike["event_date"] == "2020-01-08" and strike["iso"] == "368"


def test_export_plover_geojson_and_network(store_path):
    with Store.open(store_path, read_only=True) as store:
        plover, geo, gexf, edges = (io.StringIO() for _ in range(4))
        store.export("plover", plover)
        store.export("geojson", geo)
        store.export("gexf", gexf)
        store.export("edges", edges)
    records = [json.loads(line) for line in plover.getvalue().splitlines()]
    assert all(list(r) == columns("plover") for r in records)
    attack = next(r for r in records if r["event"] == "ASSAULT" and r["actor"][0]["code"] == "IRN")
    assert attack["date"] == "2020-01-08" and attack["recipient"][0]["code"] == "USAMIL"
    features = json.loads(geo.getvalue())["features"]
    assert features and all(len(f["geometry"]["coordinates"]) == 2 for f in features)
    root = ET.fromstring(gexf.getvalue())
    ns = {"g": "http://gexf.net/1.3"}
    node_ids = {n.get("id") for n in root.iterfind(".//g:node", ns)}
    assert {"IRN", "USAMIL"} <= node_ids
    table = list(csv.DictReader(io.StringIO(edges.getvalue())))
    edge = next(r for r in table if (r["source"], r["target"]) == ("IRN", "USAMIL"))
    assert edge["weight"] == "1" and float(edge["goldstein_mean"]) == -10


def test_rows_name_the_columns_they_fill(tmp_path):
    from tidings.store.bulk import insert_rows

    row = {"article_id": "a1", "text": "Monday", "start_char": 10, "end_char": 16,
           "value": "2020-01-06", "type": "DATE"}
    with Store.open(tmp_path / "rows.duckdb") as store:
        insert_rows(store.con, "times", [dict(reversed(row.items()))])  # any key order
        assert store.fetch("SELECT * FROM times")[1] == [
            ("a1", "Monday", 10, 16, "2020-01-06", "DATE")]
        misnamed = {**{k: v for k, v in row.items() if k != "type"}, "kind": "DATE"}
        with pytest.raises(ValueError, match="times: .*missing type; unknown kind"):
            insert_rows(store.con, "times", [misnamed])
        assert store.fetch("SELECT count(*) FROM times")[1] == [(1,)]


def test_newer_schema_is_refused_and_kept(tmp_path):
    path = tmp_path / "new.duckdb"
    Store.open(path).close()
    import duckdb

    con = duckdb.connect(str(path))
    con.execute("INSERT INTO schema_version VALUES (99, now())")
    con.close()
    with pytest.raises(StoreError, match="newer"):
        Store.open(path)
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute("SELECT max(version) FROM schema_version").fetchone() == (99,)


def test_corrupt_file_is_refused_and_untouched(tmp_path):
    path = tmp_path / "broken.duckdb"
    data = b"this is not a database\n" * 400
    path.write_bytes(data)
    with pytest.raises(StoreError, match="not a readable DuckDB store"):
        Store.open(path)
    assert path.read_bytes() == data


def test_missing_store_for_queries(tmp_path):
    with pytest.raises(StoreError, match="no store here"):
        Store.open(tmp_path / "none.duckdb", read_only=True)


# -- identities, sentence numbers and export fields ---------------------------------------------
CAMPAIGN = ("Voters lined up early in Ohio. Turnout was high. Hillary Clinton criticized "
            "Donald Trump on Monday. Mrs. Clinton then met Iraq's prime minister. "
            '"We will win," Mrs. Clinton said.')
MEMOIR = ("Hillary Rodham Clinton met Iraqi officials in Baghdad in 2012. He praised her. "
          "The talks went well.")


def campaign() -> Story:
    story = Story(CAMPAIGN)
    hillary = story.actor("Hillary Clinton", "USAPTY", "USA", "PTY", kind="person")
    trump = story.actor("Donald Trump", "USAPTY", "USA", "PTY", kind="person")
    mrs = story.actor("Mrs. Clinton", "CVL", None, "CVL", kind="person")
    premier = story.actor("Iraq's prime minister", "IRQGOV", "IRQ", "GOV", kind="person")
    story.event("criticized", hillary, trump, "111", story.time("Monday", "2016-09-05"))
    story.event("met", mrs, premier, "040", story.time("Monday", "2016-09-05"))
    said = story.actor("Mrs. Clinton", "CVL", None, "CVL", kind="person", nth=1)
    story.quote("We will win", said, "said")
    return story


def memoir() -> Story:
    story = Story(MEMOIR)
    hillary = story.actor("Hillary Rodham Clinton", "USAPTY", "USA", "PTY", kind="person")
    officials = story.actor("Iraqi officials", "IRQGOV", "IRQ", "GOV", kind="group")
    story.event("met", hillary, officials, "040", story.time("2012", "2012", "DATE"))
    event = story.event("praised", "He", hillary, "057", story.time("2012", "2012"))
    event["source"]["actor"] = officials["id"]  # "He": resolved to an actor of the article
    return story


@pytest.fixture(scope="module")
def people_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("people") / "people.duckdb"
    with Store.open(path) as store:
        store.ingest([Article(CAMPAIGN, id="campaign", published="2016-09-08",
                              origin="desk/campaign.txt"),
                      Article(MEMOIR, id="memoir", published="2016-09-09")],
                     extractor=extractor([campaign(), memoir()]))
    return path


def test_one_person_however_each_article_names_her(people_path):
    with Store.open(people_path, read_only=True) as store:
        cols, rows = store.fetch(*actors_sql(Filters.parse(actor="Clinton")))
    people = [dict(zip(cols, r)) for r in rows]
    assert [p["name"] for p in people] == ["Hillary Clinton"]  # one row, three spellings
    assert set(people[0]["names"].split("; ")) == {"Hillary Clinton", "Mrs. Clinton",
                                                   "Hillary Rodham Clinton"}
    assert people[0]["articles"] == 2 and people[0]["events_as_source"] == 3
    assert people[0]["events_as_target"] == 1
    # her codes over time: as secretary of state in 2012 (office_holders.tsv, as of the
    # event's date), as coded in 2016
    codes = people[0]["codes"].split("; ")
    assert codes[0].startswith("USAGOV 2012-01-01") and any(c.startswith("USAPTY 2016")
                                                            for c in codes)


def test_quotes_of_a_person_however_the_article_names_her(people_path):
    with Store.open(people_path, read_only=True) as store:
        for who in ("Hillary Clinton", "Clinton"):
            cols, rows = store.fetch(*quotes_sql(Filters.parse(speaker=who)))
            assert [dict(zip(cols, r))["speaker_name"] for r in rows] == ["Mrs. Clinton"]
        assert store.fetch(*quotes_sql(Filters.parse(speaker="Trump")))[1] == []


def test_names_match_whole_words(people_path):
    def sources(**values):
        with Store.open(people_path, read_only=True) as store:
            cols, rows = store.fetch(*events_sql(Filters.parse(**values), raw=True))
        return sorted(dict(zip(cols, r))["source_name"] for r in rows)

    assert sources(source_actor="Clinton") == ["Hillary Clinton", "Hillary Rodham Clinton",
                                               "Mrs. Clinton"]
    assert sources(source_actor="Clint") == []  # a part of a word names no one
    assert sources(source_actor="Iraqi officials") == ["Iraqi officials"]


def test_exports_number_sentences_cite_the_article_and_name_no_pronouns(people_path):
    with Store.open(people_path, read_only=True) as store:
        icews, gdelt, acled = io.StringIO(), io.StringIO(), io.StringIO()
        store.export("icews", icews)
        store.export("gdelt", gdelt)
        store.export("acled", acled)
    table = list(csv.DictReader(io.StringIO(icews.getvalue()), delimiter="\t"))
    numbers = {(r["Story ID"], r["Event Text"][:7], r["Sentence Number"]) for r in table}
    # the third and fourth sentences of the campaign story, the first and second of the memoir
    assert {("campaign", "Critici", "3"), ("campaign", "Consult", "4"),
            ("memoir", "Consult", "1"), ("memoir", "Sign fo", "2")} == numbers
    praise = next(r for r in table if r["Event Text"].startswith("Sign"))
    assert praise["Source Name"] == "Iraqi officials"  # "He" named by its actor
    rows = list(csv.DictReader(io.StringIO(gdelt.getvalue()), delimiter="\t"))
    urls = {r["SOURCEURL"] for r in rows}
    assert urls == {"desk/campaign.txt", "memoir"}  # no URL: the file, else the article id
    met = next(r for r in rows if r["Actor2Code"] == "IRQGOV" and r["SQLDATE"] == "20120101")
    assert met["Actor1Code"] == "USAGOV" and met["Actor2Geo_CountryCode"] == "IZ"
    assert (met["Actor2Geo_Type"], met["Actor2Geo_FullName"]) == ("1", "Iraq")
    assert float(met["Actor2Geo_Lat"]) == pytest.approx(33, abs=1)


def test_acled_time_precision_follows_the_date(tmp_path):
    text = "Rebels attacked a convoy in 2019. Soldiers shelled the town in March 2020."
    story = Story(text)
    rebels = story.actor("Rebels", "REB", None, "REB", kind="group")
    soldiers = story.actor("Soldiers", "MIL", None, "MIL", kind="group")
    story.event("attacked", rebels, "a convoy", "194", story.time("2019", "2019"))
    story.event("shelled", soldiers, "the town", "195", story.time("March 2020", "2020-03"))
    with Store.open(tmp_path / "acled.duckdb") as store:
        store.ingest([Article(text, published="2020-04-01")], extractor=extractor([story]))
        out = io.StringIO()
        store.export("acled", out)
    precision = {r["event_date"]: r["time_precision"]
                 for r in csv.DictReader(io.StringIO(out.getvalue()))}
    assert precision == {"2019-01-01": "3", "2020-03-01": "3"}
    assert "1" not in precision.values()


def test_version_1_store_is_migrated_with_identities_and_sentence_numbers(tmp_path):
    import duckdb

    from tidings.store.schema import MIGRATIONS

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    for statement in MIGRATIONS[0]:
        con.execute(statement)
    con.execute("CREATE TABLE schema_version (version INTEGER, applied_at TIMESTAMP)")
    con.execute("INSERT INTO schema_version VALUES (1, now())")
    con.execute("INSERT INTO articles (id, hash, status, text, ingested_at) VALUES "
                "('a1', 'h1', 'coded', 'It rained. Mrs. Clinton met Iraqi officials.', now())")
    con.execute("INSERT INTO actors VALUES ('a1', 'A1', 'Hillary Clinton', 'person', 'USA', "
                "'GOV', 'USAGOV', '[]'), ('a1', 'A2', 'Mrs. Clinton', 'person', NULL, NULL, "
                "NULL, '[[11, 23]]')")
    con.execute("INSERT INTO events (id, source_key, target_key, cameo) VALUES "
                "(1, '~mrs. clinton', '~iraqi officials', '040')")
    con.execute("INSERT INTO event_mentions (event_id, article_id, raw_id, start_char, "
                "source_name, target_name, cameo) VALUES (1, 'a1', 'E1', 11, 'Mrs. Clinton', "
                "'Iraqi officials', '040')")
    con.close()
    with Store.open(path, read_only=True) as store:  # a reader migrates it first
        assert store.fetch("SELECT DISTINCT identity FROM actors")[1] == [("hillary clinton",)]
        assert store.fetch("SELECT source_identity, target_identity, sentence_number "
                           "FROM event_mentions")[1] == [("hillary clinton", "iraqi officials",
                                                          2)]
        assert store.fetch("SELECT source_identity FROM events")[1] == [("hillary clinton",)]
