"""The store's commands as a user runs them: ingest of folders and feeds, a run killed with
kill -9 and started again, query formats, one-line errors with exit status 2."""
from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess

import pytest

from conftest import ROOT, TIDINGS, run_cli

from tidings.ingest.readers import read_jsonl
from tidings.store import Store

SUBJECTS = ["Iran", "Russia", "China", "Turkey", "Israel", "Egypt", "France", "Germany",
            "India", "Pakistan"]
ACTIONS = ["fired rockets at targets in {o}", "accused {o} of spying",
           "signed a trade agreement with {o}", "expelled diplomats of {o}",
           "praised the government of {o}", "sent food aid to {o}",
           "threatened sanctions against {o}", "hosted talks with envoys from {o}"]
OBJECTS = ["Syria", "Iraq", "Japan", "Brazil", "Kenya", "Mexico", "Poland", "Chile",
           "Nigeria", "Vietnam"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
FILLERS = ["Markets were calm.", "Rain fell in the capital.", "Schools stayed open.",
           "Traffic was heavy downtown.", "A football match was postponed.",
           "The central bank kept rates unchanged.", "Trains ran on time.",
           "A museum reopened after repairs.", "Farmers expected a good harvest."]


def articles(n: int = 200) -> list[dict]:
    """``n`` short, different articles, each with one or two codable events."""
    records = []
    for i in range(n):
        subject, obj = SUBJECTS[i % 10], OBJECTS[(i // 10 + i) % 10]
        action = ACTIONS[(i // 3) % 8].format(o=obj)
        text = (f"{subject} {action} on {DAYS[i % 5]}. {FILLERS[i % 9]} "
                f"Officials counted {i * 7 + 3} trucks at border post {i}. "
                f"{FILLERS[(i // 9) % 9]}")
        records.append({"id": f"art{i:03d}", "body": text, "day": f"2021-03-{1 + i % 28:02d}",
                        "outlet": f"Outlet {i % 6}"})
    return records


def write_jsonl(path, records) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


MAP = ["--map", "text=body", "--map", "published=day", "--map", "source=outlet"]


def snapshot(path) -> dict:
    with Store.open(path, read_only=True) as store:
        return {
            "articles": store.fetch("SELECT id, hash, status, duplicate_of FROM articles "
                                    "ORDER BY id")[1],
            "mentions": store.fetch("SELECT m.article_id, m.raw_id, m.cameo, m.source_code, "
                                    "m.target_code, m.date, e.source_key, e.target_key "
                                    "FROM event_mentions m JOIN events e ON e.id = m.event_id "
                                    "ORDER BY 1, 2")[1],
            "events": store.fetch("SELECT count(*) FROM events")[1],
            "actors": store.fetch("SELECT count(*), count(DISTINCT (article_id, actor_id)) "
                                  "FROM actors")[1],
        }


def test_kill_9_mid_ingest_then_rerun_stores_everything_once(tmp_path, nlp):
    feed = tmp_path / "feed.jsonl"
    write_jsonl(feed, articles(200))
    db = tmp_path / "killed.duckdb"
    process = subprocess.Popen([*TIDINGS, "-v", "ingest", str(feed), "--db", str(db), *MAP],
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True)
    # -v logs each committed batch: kill at the first, with batches still to come
    for line in process.stderr:
        if "batch committed" in line:
            break
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    with Store.open(db, read_only=True) as store:
        partial = store.fetch("SELECT count(*) FROM articles")[1][0][0]
    assert 0 < partial < 200

    again = run_cli("ingest", str(feed), "--db", str(db), *MAP)
    assert again.returncode == 0, again.stderr
    with open(feed, "rb") as stream:
        reference = tmp_path / "reference.duckdb"
        with Store.open(reference) as store:
            store.ingest(read_jsonl(stream, str(feed), {"text": "body", "published": "day",
                                                        "source": "outlet"}))
    got, want = snapshot(db), snapshot(reference)
    assert len(got["articles"]) == 200
    assert len({row[1] for row in got["articles"]}) == 200
    assert got == want
    assert got["events"][0][0] > 100
    assert got["actors"][0][0] == got["actors"][0][1]


FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>World Wire</title>
<item><title>Talks</title><link>http://wire.example/talks</link>
<pubDate>Tue, 02 Mar 2021 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Egypt hosted talks with envoys from Sudan on Monday.&lt;/p&gt;</description>
</item>
<item><title>Empty</title><link>http://wire.example/empty</link><description></description></item>
</channel></rss>
"""


@pytest.fixture(scope="module")
def folder_db(tmp_path_factory):
    """A folder tree of text, HTML, a feed and JSON Lines, ingested with the CLI."""
    root = tmp_path_factory.mktemp("news")
    (root / "a" / "b").mkdir(parents=True)
    (root / "a" / "one.txt").write_text("Russian troops shelled Ukrainian positions near "
                                        "Donetsk on Monday.\n", encoding="utf-8")
    (root / "a" / "b" / "two.html").write_text(
        "<html><body><article><p>Turkey accused Greece of violating its airspace on "
        "Tuesday.</p><p>\"We will not accept this,\" Turkish Foreign Minister Mevlut "
        "Cavusoglu said.</p></article></body></html>", encoding="utf-8")
    (root / "wire.rss").write_text(FEED, encoding="utf-8")
    write_jsonl(root / "more.jsonl", articles(3))
    (root / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    db = root / "store.duckdb"
    result = run_cli("ingest", str(root), "--db", str(db), "--published", "2021-03-03",
                     "--source", "Desk", *MAP)
    return root, db, result


def test_ingest_folder_feed_and_jsonl(folder_db):
    root, db, result = folder_db
    assert result.returncode == 0, result.stderr
    # the feed entry without text is reported (file and reason), the rest stored
    assert "wire.rss#2" in result.stderr.decode() and "without text" in result.stderr.decode()
    with Store.open(db, read_only=True) as store:
        rows = store.fetch("SELECT origin, published, source, url FROM articles "
                           "ORDER BY origin")[1]
    origins = [os.path.relpath(r[0].split("#")[0].rsplit(":", 1)[0], root) for r in rows]
    assert sorted(set(origins)) == ["a/b/two.html", "a/one.txt", "more.jsonl", "wire.rss"]
    by_origin = {os.path.basename(r[0]): r for r in rows}
    feed = by_origin["wire.rss#1"]
    assert (str(feed[1]), feed[2], feed[3]) == ("2021-03-02", "World Wire",
                                                "http://wire.example/talks")
    assert (str(by_origin["one.txt"][1]), by_origin["one.txt"][2]) == ("2021-03-03", "Desk")
    assert by_origin["more.jsonl:1"][2] == "Outlet 0"  # mapped field beats the default
    again = run_cli("ingest", str(root), "--db", str(db), *MAP)
    assert again.returncode == 0
    with Store.open(db, read_only=True) as store:
        assert store.fetch("SELECT count(*) FROM articles")[1] == [(len(rows),)]


def test_query_commands_and_formats(folder_db, tmp_path):
    _, db, _ = folder_db
    result = run_cli("events", "--db", str(db), "--cameo", "19", "--format", "json")
    assert result.returncode == 0, result.stderr
    events = json.loads(result.stdout)
    assert any(e["source_code"] == "RUSMIL" and e["num_articles"] == 1 for e in events)
    result = run_cli("events", "--db", str(db), "--raw", "--format", "tsv")
    table = list(csv.DictReader(io.StringIO(result.stdout.decode()), delimiter="\t"))
    assert table and {"article_id", "raw_id", "url", "sentence"} <= table[0].keys()
    result = run_cli("dyads", "--db", str(db), "--by", "week")  # not a TTY: CSV
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode())))
    assert rows and {"period", "source", "target", "events", "goldstein_sum",
                     "goldstein_mean", "quad4_material_conflict"} <= rows[0].keys()
    result = run_cli("quotes", "--db", str(db), "--search", "not accept", "--format", "jsonl")
    assert [json.loads(l)["speaker_code"] for l in result.stdout.splitlines()] == ["TURGOV"]
    for by, key in (("gender", "gender"), ("speaker", "speaker"), ("country", "country")):
        result = run_cli("quotes", "--db", str(db), "--by", by, "--format", "json")
        assert result.returncode == 0, result.stderr
        rows = json.loads(result.stdout)
        assert rows and {key, "quotes", "share"} <= rows[0].keys()
        assert sum(r["quotes"] for r in rows) == len(run_cli(
            "quotes", "--db", str(db), "--format", "jsonl").stdout.splitlines())
    result = run_cli("quotes", "--db", str(db), "--by", "age")
    assert result.returncode == 2 and b"invalid choice" in result.stderr
    result = run_cli("actors", "--db", str(db), "--country", "TUR", "--format", "csv")
    assert result.returncode == 0 and b"TUR" in result.stdout
    out = tmp_path / "events.parquet"
    result = run_cli("events", "--db", str(db), "--format", "parquet", "-o", str(out))
    assert result.returncode == 0, result.stderr
    import duckdb

    with Store.open(db, read_only=True) as store:
        total = store.fetch("SELECT count(*) FROM event_stats")[1][0][0]
    assert duckdb.connect().execute(f"SELECT count(*) FROM '{out}'").fetchone()[0] == total
    result = run_cli("sql", "--db", str(db), "SELECT count(*) AS n FROM articles",
                     "--format", "jsonl")
    assert json.loads(result.stdout)["n"] >= 5
    result = run_cli("export", "--db", str(db), "--profile", "gdelt", "--no-header")
    lines = result.stdout.decode().splitlines()
    assert lines and all(len(line.split("\t")) == 61 for line in lines)


def one_line_error(result, needle: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tidings: error:") and needle in lines[0], \
        result.stderr


def test_errors_exit_2_and_lose_nothing(folder_db, tmp_path, monkeypatch):
    _, db, _ = folder_db
    monkeypatch.setenv("TIDINGS_LOCK_WAIT", "1")  # a held store is reported after 1 s
    one_line_error(run_cli("events", "--db", str(db), "--since", "2020-13-01"), "--since")
    one_line_error(run_cli("dyads", "--db", str(db), "--quad", "7"), "--quad")
    one_line_error(run_cli("sql", "--db", str(db), "DELETE FROM articles"), "sql")
    one_line_error(run_cli("sql", "--db", str(db), "COPY articles TO '/tmp/x.csv'"), "sql")
    one_line_error(run_cli("events", "--db", str(tmp_path / "none.duckdb")), "no store")
    broken = tmp_path / "broken.duckdb"
    broken.write_bytes(b"garbage\n" * 1000)
    one_line_error(run_cli("events", "--db", str(broken)), "not a readable DuckDB store")
    one_line_error(run_cli("ingest", str(ROOT / "README.md"), "--db", str(broken)),
                   "not a readable DuckDB store")
    assert broken.read_bytes() == b"garbage\n" * 1000
    with Store.open(db) as store:  # this process holds the writer's lock
        before = store.counts()
        one_line_error(run_cli("events", "--db", str(db)), "in use")
    with Store.open(db, read_only=True) as store:
        assert store.counts() == before


def test_a_reader_waits_while_a_writer_holds_the_store(folder_db):
    """Another process's hold (an ingest storing a batch) delays a query, it does not
    fail it."""
    import threading

    _, db, _ = folder_db
    store = Store.open(db)  # this process holds the writer's lock ...
    threading.Timer(2.0, store.close).start()  # ... for two seconds
    result = run_cli("events", "--db", str(db), "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"id,date,")


def test_parquet_store_answers_as_the_duckdb_store(folder_db, tmp_path):
    """--db parquet:DIR: ingest publishes each table as Parquet; every query command reads
    the dataset (not the writer's file) and answers as the DuckDB store does."""
    root, db, _ = folder_db
    target = f"parquet:{tmp_path / 'dataset'}"
    result = run_cli("ingest", str(root), "--db", target, "--published", "2021-03-03",
                     "--source", "Desk", *MAP)
    assert result.returncode == 0, result.stderr
    dataset = tmp_path / "dataset"
    assert json.loads((dataset / "tidings.json").read_text())["schema_version"] >= 1
    import duckdb

    with Store.open(db, read_only=True) as store:
        events = store.fetch("SELECT count(*) FROM events")[1][0][0]
    assert duckdb.connect().execute(
        f"SELECT count(*) FROM read_parquet('{dataset}/events/*.parquet')").fetchone()[0] \
        == events > 0
    # the readers do not need the writer's file: it may be locked or gone
    (dataset / "tidings.duckdb").rename(tmp_path / "elsewhere.duckdb")
    for args in (["events", "--format", "csv"], ["events", "--raw", "--format", "csv"],
                 ["quotes", "--format", "csv"], ["actors", "--format", "csv"],
                 ["dyads", "--by", "month", "--format", "csv"],
                 ["export", "--profile", "gdelt", "--no-header"]):
        from_duckdb = run_cli(*args, "--db", str(db))
        from_parquet = run_cli(*args, "--db", target)
        assert from_parquet.returncode == 0, from_parquet.stderr
        if args[0] == "export":  # the DATEADDED column is the time of each ingest
            def without_added(output: bytes) -> list:
                return [row[:59] + row[60:] for row in
                        (line.split(b"\t") for line in output.splitlines())]

            assert without_added(from_parquet.stdout) == without_added(from_duckdb.stdout)
        else:
            assert from_parquet.stdout == from_duckdb.stdout, args
    result = run_cli("sql", "--db", target, "SELECT count(*) AS n FROM event_stats",
                     "--format", "jsonl")
    assert json.loads(result.stdout)["n"] == events
    one_line_error(run_cli("sql", "--db", target, "SELECT * FROM read_csv('/etc/hostname')"),
                   "sql")
    one_line_error(run_cli("events", "--db", f"parquet:{tmp_path / 'none'}"),
                   "no Parquet store here")
