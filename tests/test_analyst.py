"""The analyst's desk, as a political scientist used to GDELT, ACLED and ICEWS works it: a
store of the seed article and the 84 PolNeAR dev articles (built once per session through
the CLI, conftest.analyst_store), and the questions asked of it through the CLI only.

1 questions as commands (dyads by country, sorted, top N; counts per week with zeros);
2 one way to name an actor (code, country by any name, whole words), bad values exit 2;
3 one person as one actor across articles; 4 progress and summaries; 5 the store shared
by the server, an ingest and queries at once; 7 exports read back."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import pty
import select
import shutil
import socket
import subprocess
import time

import pytest

from conftest import ROOT, TIDINGS, run_cli


def rows(result) -> list[dict]:
    assert result.returncode == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout.decode())))


def error_line(result) -> str:
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tidings: error: [T002]"), lines
    return lines[0]


@pytest.fixture(scope="module")
def desk(analyst_store):
    db, _ = analyst_store

    def cli(*args):
        return run_cli(*args, "--db", str(db))
    cli.db = db
    return cli


# -- 1. questions as commands ------------------------------------------------------------------
def test_dyads_roll_up_to_countries_sorted_by_conflict(desk):
    top = rows(desk("dyads", "--level", "country", "--by", "all", "--sort", "conflict",
                    "--top", "5", "--format", "csv"))
    assert 1 <= len(top) <= 5
    assert all(len(r["source"]) == 3 and len(r["target"]) == 3 for r in top)  # ISO3 only
    conflict = [int(r["quad3_verbal_conflict"]) + int(r["quad4_material_conflict"]) for r in top]
    assert conflict == sorted(conflict, reverse=True) and conflict[0] > 0
    actors = rows(desk("dyads", "--by", "all", "--format", "csv"))
    assert all(r["source"] and r["target"] for r in actors)  # no dyad without a side
    assert {r["source"] for r in actors} & {"USAGOV", "USAMIL"}
    countries = rows(desk("dyads", "--level", "country", "--by", "all", "--format", "csv"))
    assert not {r["source"] for r in countries} & {"USAGOV", "USAMIL"}
    usa_iran = next(r for r in countries if (r["source"], r["target"]) == ("USA", "IRN"))
    assert int(usa_iran["events"]) == len(rows(desk("events", "--source-actor", "USA",
                                                    "--target-actor", "Iran", "--format",
                                                    "csv")))
    hostile = rows(desk("dyads", "--by", "month", "--sort", "goldstein", "--format", "csv"))
    for month in {r["period"] for r in hostile}:
        sums = [float(r["goldstein_sum"]) for r in hostile if r["period"] == month]
        assert sums == sorted(sums)


def test_counts_per_week_filled_with_zeros(desk):
    weeks = rows(desk("counts", "--by", "week", "--quad", "4", "--since", "2016-08-01",
                      "--until", "2016-10-31", "--format", "csv"))
    days = [dt.date.fromisoformat(r["period"]) for r in weeks]
    assert days[0] == dt.date(2016, 8, 1) and days[-1] == dt.date(2016, 10, 31)
    assert all((b - a).days == 7 for a, b in zip(days, days[1:]))  # every week listed
    assert any(r["events"] == "0" for r in weeks)  # quiet weeks are zeros, not missing
    assert all(r["events"] == r["quad4_material_conflict"] for r in weeks)
    events = rows(desk("events", "--quad", "4", "--since", "2016-08-01", "--until",
                       "2016-10-31", "--format", "csv"))
    assert sum(int(r["events"]) for r in weeks) == len(events) > 0
    iran = rows(desk("counts", "--by", "month", "--country", "IRN", "--format", "csv"))
    assert sum(int(r["events"]) for r in iran) > 0


@pytest.mark.parametrize("command", ["dyads", "counts"])
def test_aggregates_state_their_default_period(command):
    result = run_cli(command, "--help")
    assert result.returncode == 0 and b"default: month" in result.stdout


# -- 2. one way to name an actor ---------------------------------------------------------------
def test_three_spellings_of_iran_give_the_same_rows(desk):
    answers = {}
    for args in (["--actor", "IRN"], ["--country", "IRN"], ["--actor", "Iran"],
                 ["--actor", "Iranian"], ["--country", "Iran"], ["--country", "IR"]):
        result = desk("events", *args, "--format", "json")
        assert result.returncode == 0, result.stderr
        answers[" ".join(args)] = json.loads(result.stdout)
    first = answers["--actor IRN"]
    assert first and all(a == first for a in answers.values()), {k: len(v) for k, v in
                                                                  answers.items()}
    assert all((e["source_code"] or "").startswith("IRN") or
               (e["target_code"] or "").startswith("IRN") for e in first)
    # a name is matched as whole words: "IRN" is never found inside "the fairness"
    assert not any("fairness" in (e["target_name"] or "") for e in first)
    fair = rows(desk("events", "--actor", "fair", "--format", "csv"))
    assert not any("fairness" in r["target_name"] for r in fair)


def test_unknown_country_code_or_cameo_is_an_error_saying_what_is_valid(desk):
    assert "alpha-2 or alpha-3" in error_line(desk("events", "--country", "Narnia"))
    assert "unknown CAMEO code" in error_line(desk("events", "--cameo", "999"))
    assert "unknown sector" in error_line(desk("events", "--actor", "IRNXYZ"))
    assert "unknown sector" in error_line(desk("actors", "--sector", "XYZ"))


def test_jsonl_fields_of_their_own_names_and_a_misspelt_map(desk, tmp_path):
    # the PolNeAR lines say publication_date and publisher: read without --map
    result = desk("sql", "SELECT count(*) AS n, count(published) AS dated, "
                         "count(DISTINCT source) AS sources FROM articles", "--format", "jsonl")
    stored = json.loads(result.stdout)
    assert stored["n"] == stored["dated"] == 85 and stored["sources"] > 3
    store = tmp_path / "never.duckdb"
    feed = ROOT.parent / "shared" / "eval" / "quotes" / "polnear_dev.jsonl"
    line = error_line(run_cli("ingest", str(feed), "--db", str(store), "--map",
                              "published=pubdate"))
    assert "published=pubdate" in line and "'pubdate'" in line
    assert not store.exists()  # refused before anything was stored


# -- 3. people as one actor --------------------------------------------------------------------
def test_hillary_clinton_is_one_actor_with_her_codes_over_time(desk):
    found = rows(desk("actors", "--actor", "Hillary Clinton", "--format", "csv"))
    hillary = [r for r in found if r["name"] == "Hillary Clinton"]
    assert len(hillary) == 1, [r["name"] for r in found]
    names = hillary[0]["names"].split("; ")
    assert "Hillary Clinton" in names
    # "Mrs. Clinton" is her, whether the article joined it to her name or the store did
    everyone = rows(desk("actors", "--format", "csv"))
    assert not [r for r in everyone if r["name"] == "Mrs. Clinton"]
    codes = hillary[0]["codes"].split("; ")
    assert len(codes) >= 2 and any(c.startswith("USAGOV ") for c in codes)
    assert all(c.split(" ")[1][:4].isdigit() or c.endswith("undated") for c in codes)
    assert int(hillary[0]["articles"]) >= 20
    assert sum(r["name"] == "Hillary Clinton" for r in everyone) == 1


# -- 4. progress and summaries -----------------------------------------------------------------
def test_ingest_prints_its_summary_when_not_on_a_terminal(analyst_store):
    _, result = analyst_store
    last = result.stderr.decode().strip().splitlines()[-1]
    assert last.startswith("tidings: 85 articles read in ") and "85 coded" in last


def on_terminal(*args: str, columns: int = 100, cwd=ROOT) -> str:
    """Run `tidings ARGS` with a pseudo-terminal as stdout and stderr; returns all it
    wrote (the progress line's redraws included)."""
    master, slave = pty.openpty()
    env = dict(os.environ, COLUMNS=str(columns), LINES="40")
    process = subprocess.Popen([*TIDINGS, *args], stdin=subprocess.DEVNULL, stdout=slave,
                               stderr=slave, cwd=cwd, env=env)
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 600)
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=600)
    os.close(master)
    assert process.returncode == 0, b"".join(chunks)
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_line_from_the_first_article_and_tables_fit_the_terminal(desk, tmp_path):
    feed = tmp_path / "three.jsonl"
    feed.write_text("".join(json.dumps({"id": f"t{i}", "text": text, "published":
                                        "2021-05-0" + str(i + 1)}) + "\n"
                            for i, text in enumerate([
                                "Kenya hosted talks with envoys from Sudan on Monday.",
                                "Chile accused Peru of violating its waters on Tuesday.",
                                "Norway sent food aid to Yemen on Wednesday."])),
                    encoding="utf-8")
    shown = on_terminal("ingest", str(feed), "--db", str(tmp_path / "t.duckdb"),
                        "--workers", "1")
    assert "ingest  0/3 articles" in shown  # drawn before any article is done
    assert "3/3 articles" in shown and "/s" in shown
    assert "tidings: 3 articles read in" in shown
    table = on_terminal("events", "--db", str(desk.db), "--limit", "20", columns=80)
    lines = [line for line in table.replace("\r", "").splitlines() if line]
    assert len(lines) >= 5 and max(len(line) for line in lines[:-1]) <= 80
    assert "more columns" in lines[-1]


def test_export_and_extract_print_their_summaries(desk, tmp_path):
    out = tmp_path / "gdelt.tsv"
    result = desk("export", "--profile", "gdelt", "-o", str(out))
    assert result.returncode == 0 and b"records written (gdelt)" in result.stderr
    small = tmp_path / "two.jsonl"
    small.write_text('{"id": "a", "text": "Egypt hosted talks on Monday."}\n'
                     '{"id": "b", "text": "Oman praised Qatar on Friday."}\n', encoding="utf-8")
    result = run_cli("extract", str(small), "--format", "jsonl", "--published", "2022-01-07")
    assert result.returncode == 0 and len(result.stdout.splitlines()) == 2
    assert result.stderr.decode().strip().endswith("2 documents in " + result.stderr.decode()
                                                   .split("2 documents in ")[1].strip())


# -- 5. the store shared ------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_server_ingest_and_queries_share_one_store(analyst_store, tmp_path):
    import httpx

    db = tmp_path / "shared.duckdb"
    shutil.copy(analyst_store[0], db)
    port = _free_port()
    server = subprocess.Popen([*TIDINGS, "serve", "--db", str(db), "--port", str(port)],
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                before = httpx.get(f"{base}/articles", params={"limit": 1}, timeout=5)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert before.status_code == 200
        feed = tmp_path / "new.jsonl"
        feed.write_text("".join(
            json.dumps({"id": f"new{i}", "published": "2021-06-0" + str(i + 1),
                        "text": f"{a} accused {b} of spying on Monday. Talks were cancelled."})
            + "\n" for i, (a, b) in enumerate([("Chile", "Peru"), ("Norway", "Russia"),
                                                 ("Ghana", "Togo"), ("Laos", "Vietnam")])),
            encoding="utf-8")
        ingest = subprocess.Popen([*TIDINGS, "ingest", str(feed), "--db", str(db),
                                   "--workers", "1"], cwd=ROOT, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE)
        answered = queried = 0
        while ingest.poll() is None or not queried:
            assert httpx.get(f"{base}/events", params={"limit": 5},
                             timeout=60).status_code == 200
            answered += 1
            query = run_cli("events", "--db", str(db), "--country", "USA", "--format", "csv")
            assert query.returncode == 0, query.stderr
            queried += 1
        assert ingest.wait() == 0, ingest.stderr.read()
        assert answered and queried
        after = httpx.get(f"{base}/articles", params={"limit": 1}, timeout=10).json()
        assert after["total"] == before.json()["total"] + 4  # seen without a restart
        assert httpx.get(f"{base}/articles/new2", timeout=10).status_code == 200
    finally:
        server.terminate()
        server.wait(timeout=10)


# -- 7. exports read back ------------------------------------------------------------------------
def test_exports_are_filled_as_their_formats_say(desk, tmp_path):
    gdelt = tmp_path / "gdelt.tsv"
    assert desk("export", "--profile", "gdelt", "-o", str(gdelt)).returncode == 0
    table = list(csv.DictReader(gdelt.open(encoding="utf-8"), delimiter="\t"))
    assert table and all(r["SOURCEURL"] for r in table)  # URL, else the file:line it came from
    placed = [r for r in table if r["Actor1CountryCode"] not in ("", "IGO")]  # bodies: no place
    assert placed and all(r["Actor1Geo_Type"] == "1" and r["Actor1Geo_Lat"] for r in placed)
    pronouns = {"HE", "SHE", "IT", "THEY", "HIM", "HER", "THEM", "WE", "I", "YOU"}
    assert not any(r["Actor1Name"] in pronouns or r["Actor2Name"] in pronouns for r in table)
    precision = dict(json.loads(line).values() for line in desk(
        "sql", "SELECT id, date_precision FROM events", "--format", "jsonl").stdout.splitlines())
    acled = tmp_path / "acled.csv"
    assert desk("export", "--profile", "acled", "-o", str(acled)).returncode == 0
    expected = {"day": "1", "week": "2", "month": "3", "year": "3"}
    found = set()
    for r in csv.DictReader(acled.open(encoding="utf-8")):
        event = int(r["event_id_cnty"].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
        if precision.get(event):
            assert r["time_precision"] == expected[precision[event]], r
            found.add(precision[event])
    assert "day" in found  # month and year precision: tests/test_store.py, hand-written rows
    icews = tmp_path / "icews.tsv"
    assert desk("export", "--profile", "icews", "-o", str(icews)).returncode == 0
    numbers = {(r["Story ID"], int(r["Sentence Number"]))
               for r in csv.DictReader(icews.open(encoding="utf-8"), delimiter="\t")}
    raw = rows(desk("events", "--raw", "--format", "csv"))
    assert numbers <= {(r["article_id"], int(r["sentence_number"])) for r in raw}
    seed = [n for story, n in numbers if story == "seed"]
    assert seed and min(seed) >= 1 and max(seed) <= 40  # the seed article's own sentences
