"""The event store as a library, against real DuckDB files: idempotent ingest, duplicate
reports merged, filters, export profiles read back column by column, one-line errors."""
from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest

from tidings.article import Article, ReadFailure
from tidings.errors import OptionError, StoreError
from tidings.store import Filters, Store, dyads_sql, events_sql, quotes_sql
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
# A wire story and a lightly edited syndicated copy of it (byline and two words changed).
WIRE = ("Russian troops shelled Ukrainian positions near Donetsk on Monday, killing two "
        "soldiers, the Ukrainian army said. The shelling came a day after talks in Minsk "
        "between envoys of both countries ended without an agreement on a ceasefire. "
        "Observers from the OSCE reported dozens of explosions along the front line.")
COPY = ("KYIV (Agency) - Russian troops shelled Ukrainian positions near Donetsk on Monday, "
        "killing two soldiers, the Ukrainian army said. The shelling came one day after talks "
        "in Minsk between envoys of both countries ended without an agreement on a truce. "
        "Observers from the OSCE reported dozens of explosions along the front line.")


def fresh(article: Article) -> Article:
    return Article(article.text, published=article.published, source=article.source,
                   url=article.url, title=article.title)


@pytest.fixture(scope="module")
def store_path(tmp_path_factory, nlp):
    """One store with the three reports and the other stories, ingested once."""
    path = tmp_path_factory.mktemp("store") / "news.duckdb"
    with Store.open(path) as store:
        report = store.ingest([fresh(a) for a in REPORTS + OTHERS])
    assert report.coded == 5 and not report.failures
    return path


def test_ingest_twice_adds_nothing(store_path):
    with Store.open(store_path) as store:
        before = store.counts()
        report = store.ingest([fresh(a) for a in REPORTS + OTHERS])
        assert store.counts() == before
    assert report.already_stored == 5 and report.coded == 0 and report.events == 0


def test_same_text_reformatted_is_already_stored(store_path):
    spaced = fresh(OTHERS[0])
    spaced.text = "  " + spaced.text.replace(" ", "   ") + "\n"
    with Store.open(store_path) as store:
        assert store.ingest([spaced]).already_stored == 1


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


def test_event_window_is_configurable(tmp_path, nlp):
    later = Article("Iran fired missiles at US troops in Baghdad on Saturday.",
                    published="2020-01-11", source="Paper D")
    counts = {}
    for window in (1, 5):
        with Store.open(tmp_path / f"w{window}.duckdb") as store:
            store.ingest([fresh(REPORTS[0]), later], window=window)
            counts[window] = store.fetch("SELECT count(*) FROM events WHERE cameo = '195'")[1]
    assert counts == {1: [(2,)], 5: [(1,)]}  # Jan 8 and Jan 11: 3 days apart


def test_near_duplicate_is_linked_not_coded(tmp_path, nlp):
    with Store.open(tmp_path / "dup.duckdb") as store:
        report = store.ingest([Article(WIRE, id="wire", published="2020-01-07",
                                       source="Agency", url="http://agency/1"),
                               Article(COPY, id="copy", published="2020-01-07",
                                       source="Daily", url="http://daily/9")])
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
        assert store.ingest([third]).duplicates == 1


def test_bad_article_is_reported_and_skipped(tmp_path, nlp):
    with Store.open(tmp_path / "bad.duckdb") as store:
        report = store.ingest([ReadFailure("feed.jsonl:2: not valid JSON", origin="feed.jsonl:2"),
                               fresh(OTHERS[0])])
        assert report.coded == 1
        assert report.failures == [("feed.jsonl:2", "feed.jsonl:2: not valid JSON")]


def test_filters(store_path):
    def ids(**values):
        with Store.open(store_path, read_only=True) as store:
            cols, rows = store.fetch(*events_sql(Filters.parse(**values)))
        return {(r[cols.index("cameo")]) for r in rows}

    assert "195" in ids(cameo=["19"]) and "194" in ids(cameo=["19"])
    assert ids(cameo=["19"]) <= {c for c in ids() if c.startswith("19")}
    assert ids(source_actor="iran") == {"195"}
    assert ids(actor="UKR") == {"194"}
    assert ids(country="RUS") >= {"194"}
    assert ids(quad=["4"]) >= {"195", "194"} and "057" not in ids(quad=["4"])
    assert ids(plover=["assault"]) >= {"195", "194"}
    assert ids(goldstein_max="-9") == {"195", "194"}
    assert ids(goldstein_min="5") == {"057"}
    window = ids(since="2020-01-07", until="2020-01-08")
    assert "195" in window and not window & {"194", "057"}  # Monday the 6th, Thursday the 9th
    assert "195" in ids(published_since="2020-01-11")  # reported again on the 11th
    assert not ids(published_since="2020-01-11") & {"194", "057"}
    assert ids(search="donetsk") == {"194"}
    assert ids(place="Donetsk") == {"194"}
    assert ids(min_articles="3") == {"195"}
    assert ids(min_confidence="1") == set()
    with Store.open(store_path, read_only=True) as store:
        cols, rows = store.fetch(*quotes_sql(Filters.parse(search="new era")))
        assert len(rows) == 1 and "Xi" in dict(zip(cols, rows[0]))["speaker_name"]
        cols, rows = store.fetch(*dyads_sql(Filters(), by="month"))
    dyad = {(r[1], r[2]): dict(zip(cols, r)) for r in rows}[("IRN", "USAMIL")]
    assert dyad["events"] == 1 and dyad["quad4_material_conflict"] == 1
    assert dyad["goldstein_sum"] == -10 and str(dyad["period"]) == "2020-01-01"


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
        assert strike["event_date"] == "2020-01-08" and strike["iso"] == "364"


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
