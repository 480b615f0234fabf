"""Hostile input, faults and exposure (issue 16), each with the real thing: articles over
spaCy's length limit, a real server on loopback under a long extraction, spreadsheet
formulas in every CSV/TSV writer, Host/token/header checks, ingests stopped with real
signals, truncated stores and read-only folders, `tidings sql` limits, the lock file."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import warnings
from pathlib import Path

import pytest
from documents import Story, extractor

from conftest import ROOT, TIDINGS, run_cli
from tidings.article import Article
from tidings.store import Store

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
pytest.importorskip("fastapi")
pytest.importorskip("httpx")
with warnings.catch_warnings():  # starlette's note that httpx has a successor
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

# -- 1. long texts --------------------------------------------------------------------------

STORY = ("Iran accused Iraq of shelling the border town of Basra on Monday, officials said.\n"
         "\"We will answer firmly,\" the Iranian foreign minister told reporters.\n")
LATE = "Egypt hosted talks with envoys from Sudan in Cairo on Tuesday.\n"


def long_story(chars: int) -> str:
    """A story, ``chars`` characters of blank lines and spaces (cheap to parse: a run of
    whitespace is one token), and a last paragraph whose offsets lie beyond them."""
    padding = ("\n\n" + " " * 998) * (chars // 1000)
    return ("Turkish jets bombed Kurdish positions in northern Syria on Sunday.\n" + padding
            + "\n\nChile recalled its ambassador from Peru on Friday after clashes in Lima, the ministry"
            " said.\n")


def test_pieces_join_back_and_cut_at_paragraphs():
    from tidings.extract import text_pieces

    text = "".join(f"Paragraph {i} says something about talks.\n\n" for i in range(400))
    pieces = text_pieces(text, 1000)
    assert "".join(pieces) == text and len(pieces) > 10
    assert all(len(p) <= 1000 for p in pieces)
    assert all(p.endswith("\n\n") for p in pieces[:-1])
    unbroken = "x" * 2500  # no whitespace at all: cut at the size
    assert [len(p) for p in text_pieces(unbroken, 1000)] == [1000, 1000, 500]
    assert text_pieces("short", 1000) == ["short"]


def test_text_parsed_in_pieces_gives_the_document_of_the_whole(monkeypatch, nlp):
    from tidings import extract

    text = (STORY + "\n" + LATE + "\n"
            + "Russia expelled two diplomats of Poland on Wednesday.\n\n"
            + "\"The talks were useful,\" Sudan's foreign minister said in Cairo.\n")
    whole = extract.extract_text(text, "2024-03-15")
    monkeypatch.setattr(extract, "PIECE_CHARS", 120)
    assert len(extract.text_pieces(text, 120)) >= 3
    pieced = extract.extract_text(text, "2024-03-15")
    assert pieced == whole
    assert whole["events"] and whole["quotes"]


def test_article_over_a_million_characters_is_extracted_with_its_batch(tmp_path, nlp):
    huge = long_story(1_050_000)
    assert len(huge) > 1_000_000
    feed = tmp_path / "batch.jsonl"
    records = [{"id": "before", "text": STORY, "published": "2024-03-15"},
               {"id": "huge", "text": huge, "published": "2024-03-15"},
               {"id": "after", "text": LATE, "published": "2024-03-15"}]
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = run_cli("extract", "--input-format", "jsonl", str(feed), "--format", "jsonl")
    assert result.returncode == 0 and b"Traceback" not in result.stderr, result.stderr
    documents = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["article"]["id"] for d in documents] == ["before", "huge", "after"]
    assert not any("error" in d for d in documents)
    late = [p for p in documents[1]["places"] if p["start"] > 1_000_000]
    assert late and all(huge[p["start"]:p["end"]] == p["text"] for p in late)
    assert any(e["start"] > 1_000_000 for e in documents[1]["events"])

    db = tmp_path / "huge.duckdb"
    ingest = run_cli("ingest", str(feed), "--db", str(db))
    assert ingest.returncode == 0 and b"Traceback" not in ingest.stderr, ingest.stderr
    with Store.open(db, read_only=True) as store:
        stored = store.fetch("SELECT id, status FROM articles ORDER BY id")[1]
    assert stored == [("after", "coded"), ("before", "coded"), ("huge", "coded")]


def test_text_over_the_extraction_limit_is_that_articles_error(monkeypatch, tmp_path, nlp):
    from tidings import extract

    monkeypatch.setattr(extract, "MAX_TEXT_CHARS", 5_000)
    documents = list(extract.extract_articles([
        Article(STORY, id="one", published="2024-03-15"),
        Article(long_story(8_000), id="long", published="2024-03-15"),
        Article(LATE, id="two", published="2024-03-15")]))
    assert [d["article"]["id"] for d in documents] == ["one", "long", "two"]
    assert "too long" in documents[1]["error"] and "5,000" in documents[1]["error"]
    assert "error" not in documents[0] and documents[2]["places"]


# -- 2. the API under a long extraction -----------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`tidings serve` in its own process, on a free loopback port."""

    def __init__(self, db: Path, *args: str, env: dict | None = None):
        import httpx

        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [*TIDINGS, "serve", "--db", str(db), "--port", str(self.port), *args],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT,
            env={**os.environ, **(env or {})})
        for _ in range(300):
            try:
                httpx.get(f"{self.base}/events", timeout=1)
                return
            except httpx.TransportError:
                if self.process.poll() is not None:
                    raise AssertionError(self.process.stderr.read().decode())
                time.sleep(0.1)
        raise AssertionError("the server did not start")

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


@pytest.fixture()
def stored_db(tmp_path):
    db = tmp_path / "served.duckdb"
    with Store.open(db) as store:
        store.ingest([Article(STORY, id="story", published="2024-03-15")],
                     extractor=extractor([_story()]))
    return db


def _story() -> Story:
    story = Story(STORY)
    iran, iraq = story.actor("Iran", "IRN", "IRN"), story.actor("Iraq", "IRQ", "IRQ")
    story.event("accused", iran, iraq, "112", story.time("Monday", "2024-03-11"))
    return story


def test_reads_are_answered_while_a_long_extraction_runs(stored_db):
    import httpx

    server = Server(stored_db)
    try:
        # the model loads in the extraction process first (not counted below)
        warm = httpx.post(f"{server.base}/extract", json={"text": LATE}, timeout=600)
        assert warm.status_code == 200, warm.text
        text = "\n\n".join([STORY, LATE] * 300)  # ~60,000 characters: seconds of work
        done = {}

        def post():
            done["response"] = httpx.post(f"{server.base}/extract",
                                          json={"text": text}, timeout=600)
            done["at"] = time.monotonic()

        worker = threading.Thread(target=post)
        worker.start()
        time.sleep(1.0)  # the extraction is under way
        latencies = []
        for _ in range(5):
            started = time.monotonic()
            r = httpx.get(f"{server.base}/events", timeout=600)
            assert r.status_code == 200 and r.json()["total"] == 1
            latencies.append(time.monotonic() - started)
        answered = time.monotonic()
        worker.join()
        assert done["response"].status_code == 200, done["response"].text
        assert answered < done["at"], "the reads waited for the extraction"
        assert max(latencies) < 3.0, latencies
    finally:
        server.close()


def test_reads_share_their_turn_at_the_store(guarded):
    with guarded() as client:
        assert client.post("/articles", json={"articles": [{"text": STORY}]}).status_code == 201
        served = client.app.state.served
        answers = []

        def read():
            answers.append(client.get("/events").json()["total"])

        with served.session() as _:  # a read holds its turn: other reads share it
            readers = [threading.Thread(target=read) for _ in range(4)]
            for reader in readers:
                reader.start()
            for reader in readers:
                reader.join(timeout=30)
            assert answers == [1, 1, 1, 1]
        # and a long extraction holds no turn at all: the test with a real server below


def test_texts_over_the_api_limit_are_413(tmp_path):
    from tidings.api import create_app

    with TestClient(create_app(tmp_path / "limit.duckdb", max_chars=1_000,
                               extractor=lambda articles: []),
                    base_url="http://127.0.0.1") as client:
        r = client.post("/extract", json={"text": "Iran met Iraq. " * 100})
        assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"
        assert "1,000" in r.json()["error"]["message"]
        r = client.post("/articles", json={"articles": [{"text": "Iran met Iraq."},
                                                        {"text": "x " * 600}]})
        assert r.status_code == 413 and "article 2" in r.json()["error"]["message"]


# -- 3. spreadsheet formulas ---------------------------------------------------------------

FORMULAS = ('=HYPERLINK("http://evil.example","x") accused Iraq of spying on Monday. '
            '"@SUM(A1:A9) is all we ask," the ministry said. +1+1 Iran met Iraq on Tuesday.')


def _formula_story() -> Story:
    story = Story(FORMULAS)
    evil = story.actor('=HYPERLINK("http://evil.example","x")', None, kind="organization")
    iraq, iran = story.actor("Iraq", "IRQ", "IRQ"), story.actor("Iran", "IRN", "IRN")
    ministry = story.actor("the ministry", None, kind="organization",
                           name="-2+3 ministry of -cmd")
    story.event("accused", evil, iraq, "112", story.time("Monday", "2024-03-11"))
    story.event("met", iran, iraq, "040", story.time("Tuesday", "2024-03-12"))
    story.quote("@SUM(A1:A9) is all we ask,", ministry, "said")
    return story


def _dangerous(cell: str) -> bool:
    from tidings.store.output import FORMULA_START

    return cell[:1] in FORMULA_START and not re.fullmatch(r"[+-]?[\d.]+([eE][+-]?\d+)?", cell)


def _cells(text: str, delimiter: str) -> list[str]:
    return [c for row in csv.reader(io.StringIO(text), delimiter=delimiter) for c in row]


@pytest.fixture(scope="module")
def formula_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("formulas") / "formulas.duckdb"
    with Store.open(db) as store:
        report = store.ingest([Article(FORMULAS, id="=evil", published="2024-03-15",
                                       source="@wire", title="-a title")],
                              extractor=extractor([_formula_story()]))
    assert report.coded == 1
    return db


OUTPUTS = [(["events", "--format", "csv"], ","), (["events", "--raw", "--format", "tsv"], "\t"),
           (["quotes", "--format", "csv"], ","), (["actors", "--format", "tsv"], "\t"),
           (["dyads", "--format", "csv"], ","),
           (["sql", "select * from articles", "--format", "csv"], ","),
           (["export", "--profile", "gdelt"], "\t"), (["export", "--profile", "phoenix"], "\t"),
           (["export", "--profile", "icews"], "\t"), (["export", "--profile", "acled"], ","),
           (["export", "--profile", "edges"], ",")]


def test_no_csv_or_tsv_writer_passes_a_formula(formula_db):
    from tidings.cli import main

    neutralised = {}
    for args, delimiter in OUTPUTS:
        out = formula_db.parent / "out.txt"
        assert main([*args, "--db", str(formula_db), "-o", str(out)]) == 0, args
        cells = _cells(out.read_text(encoding="utf-8"), delimiter)
        assert not [c for c in cells if _dangerous(c)], (args, cells)
        neutralised[args[-1] if args[0] == "export" else args[0]] = sum(
            1 for c in cells if c[:2] in ("'=", "'+", "'@", "'-"))
    # every writer that carries names or sentences met one and defused it
    for name in ("events", "quotes", "actors", "dyads", "sql", "gdelt", "phoenix", "icews",
                 "edges"):
        assert neutralised[name] > 0, (name, neutralised)
    out = formula_db.parent / "kept.csv"
    assert main(["events", "--raw", "--format", "csv", "--keep-formulas", "--db",
                 str(formula_db), "-o", str(out)]) == 0
    assert any(c.startswith("=HYPERLINK") for c in _cells(out.read_text(), ","))


def test_api_csv_routes_neutralise_formulas(formula_db):
    from tidings.api import create_app

    with TestClient(create_app(formula_db, read_only=True),
                    base_url="http://127.0.0.1") as client:
        for route in ("/events.csv", "/quotes.csv", "/actors.csv", "/dyads.csv"):
            cells = _cells(client.get(route).text, ",")
            assert not [c for c in cells if _dangerous(c)], (route, cells)
        kept = _cells(client.get("/events.csv", params={"keep_formulas": "true"}).text, ",")
        assert any(c.startswith("=HYPERLINK") for c in kept)


def test_safe_cell_follows_the_owasp_rule():
    from tidings.store.output import safe_cell

    for value in ("=1+1", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx", "=", "-"):
        assert safe_cell(value) == "'" + value
    for value in ("-4.5", "+3", "-1e5", "Iran", "", None, -2.0, 7, "2024-03-15"):
        assert safe_cell(value) == value


# -- 4. exposure ---------------------------------------------------------------------------

@pytest.fixture()
def guarded(tmp_path):
    from tidings.api import create_app

    def make(**options):
        return TestClient(create_app(tmp_path / "guarded.duckdb",
                                     extractor=extractor([_story()]), **options),
                          base_url="http://127.0.0.1")
    return make


def test_host_header_must_be_a_name_of_this_server(guarded):
    with guarded() as client:
        assert client.get("/events").status_code == 200
        for host in ("localhost:8000", "[::1]:8000", "127.0.0.1"):
            assert client.get("/events", headers={"host": host}).status_code == 200
        rebound = client.get("/events", headers={"host": "attacker.example"})
        assert rebound.status_code == 400 and rebound.json()["error"]["code"] == "bad_host"
        assert client.post("/articles", json={"articles": [{"text": STORY}]},
                           headers={"host": "attacker.example:8000"}).status_code == 400
    with guarded(allowed_hosts=["localhost", "desk.example"]) as client:
        assert client.get("/events", headers={"host": "desk.example"}).status_code == 200


def test_writes_need_the_token_and_json_from_this_origin(guarded):
    body = {"articles": [{"text": STORY, "published": "2024-03-15"}]}
    with guarded(token="s3cret-token") as client:
        assert client.post("/articles", json=body).status_code == 401
        assert client.post("/articles", json=body, headers={
            "authorization": "Bearer wrong"}).status_code == 401
        assert client.post("/articles", json=body, headers={
            "authorization": "Bearer s3cret-token"}).status_code == 201
        assert client.get("/events").json()["total"] == 1  # reads need none
    with guarded(require_token=True) as client:  # bound beyond loopback without a token
        refused = client.post("/articles", json=body)
        assert refused.status_code == 403 and "token" in refused.json()["error"]["message"]
    with guarded() as client:
        form = client.post("/articles", content=json.dumps(body),
                           headers={"content-type": "text/plain"})
        assert form.status_code == 415
        foreign = client.post("/articles", json=body,
                              headers={"origin": "http://attacker.example"})
        assert foreign.status_code == 403
        assert client.post("/articles", json=body,
                           headers={"origin": "http://127.0.0.1:8000"}).status_code == 201


def test_every_response_carries_the_security_headers(guarded):
    with guarded() as client:
        for path in ("/", "/static/index.html", "/docs", "/events", "/events.csv",
                     "/static/app.js", "/openapi.json", "/nowhere"):
            r = client.get(path)
            assert r.headers["x-content-type-options"] == "nosniff", path
            assert r.headers["x-frame-options"] == "DENY", path
            assert r.headers["referrer-policy"] == "no-referrer", path
            assert "frame-ancestors 'none'" in r.headers["content-security-policy"], path
            if r.headers.get("content-type", "").startswith("text/html"):
                assert "script-src 'self'" in r.headers["content-security-policy"], path
        docs = client.get("/docs")  # our own page: nothing from a CDN
        assert docs.status_code == 200 and "script-src 'self'" in docs.headers[
            "content-security-policy"]
        assert "cdn" not in docs.text.lower() and "https://" not in docs.text
        assert client.get("/redoc").status_code == 404


def test_serve_beyond_loopback_takes_no_write_without_a_token(stored_db):
    import httpx

    server = Server(stored_db, "--host", "0.0.0.0", "--allow-host", "desk.example")
    try:
        body = {"articles": [{"text": LATE}]}
        refused = httpx.post(f"{server.base}/articles", json=body, timeout=30)
        assert refused.status_code == 403
        assert httpx.get(f"{server.base}/events", headers={"host": "desk.example"},
                         timeout=30).status_code == 200
        assert httpx.get(f"{server.base}/events", headers={"host": "other.example"},
                         timeout=30).status_code == 400
    finally:
        server.close()
    assert b"reachable from other machines" in server.process.stderr.read()
    server = Server(stored_db, env={"TIDINGS_TOKEN": "from-the-environment"})
    try:
        assert httpx.post(f"{server.base}/extract", json={"text": LATE},
                          timeout=30).status_code == 401
    finally:
        server.close()


# -- 5. processes and signals --------------------------------------------------------------

def _children(pid: int) -> list[int]:
    found = []
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/children") as handle:
            found += [int(p) for p in handle.read().split()]
    return found


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def _start_ingest(feed: Path, db: Path, **popen) -> tuple[subprocess.Popen, list[int]]:
    """An ingest with two workers, stopped at its first committed batch; its workers."""
    from test_scale import MAP_ARGS

    process = subprocess.Popen([*TIDINGS, "-v", "ingest", str(feed), "--db", str(db),
                                "--workers", "2", *MAP_ARGS], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               **popen)
    for line in process.stderr:
        if "batch committed" in line:
            break
    workers = _children(process.pid)
    assert len(workers) >= 2
    return process, workers


def _gone_within(pids: list[int], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not any(_alive(p) for p in pids):
            return True
        time.sleep(0.2)
    return False


@pytest.fixture(scope="module")
def signal_feed(tmp_path_factory):
    from test_scale import corpus, write

    feed = tmp_path_factory.mktemp("signals") / "feed.jsonl"
    write(feed, corpus(160))
    return feed


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="needs Linux /proc")
def test_sigterm_stops_an_ingest_with_a_summary_and_rerun_completes(signal_feed, tmp_path,
                                                                     nlp):
    from test_scale import MAP, snapshot

    db = tmp_path / "stopped.duckdb"
    process, workers = _start_ingest(signal_feed, db)
    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    rest = process.stderr.read()
    assert process.wait(timeout=30) == 143, rest
    assert time.monotonic() - started < 10
    assert re.search(r"interrupted \(SIGTERM\): \d+ stored; run again to continue", rest), rest
    assert "Traceback" not in rest
    assert _gone_within(workers, 10)
    with Store.open(db, read_only=True) as store:
        partial = store.fetch("SELECT count(*) FROM articles")[1][0][0]
    assert 0 < partial < 161
    again = run_cli("ingest", str(signal_feed), "--db", str(db),
                    *[a for k, v in MAP.items() for a in ("--map", f"{k}={v}")])
    assert again.returncode == 0, again.stderr
    got = snapshot(db)
    assert len(got["articles"]) == 161  # every article once: none lost, none doubled
    assert len({row[1] for row in got["articles"]}) == 161


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="needs Linux /proc")
def test_ctrl_c_stops_a_multi_worker_ingest(signal_feed, tmp_path, nlp):
    process, workers = _start_ingest(signal_feed, tmp_path / "ctrl-c.duckdb",
                                     start_new_session=True)
    os.killpg(process.pid, signal.SIGINT)  # as a terminal sends it: to the whole group
    rest = process.stderr.read()
    assert process.wait(timeout=30) == 130, rest
    assert "interrupted (SIGINT)" in rest and "run again to continue" in rest
    assert _gone_within(workers, 10)


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="needs Linux /proc")
def test_workers_exit_when_their_ingest_is_killed(signal_feed, tmp_path, nlp):
    process, workers = _start_ingest(signal_feed, tmp_path / "killed.duckdb")
    process.kill()
    process.wait(timeout=30)
    assert _gone_within(workers, 10), [p for p in workers if _alive(p)]


# -- 6. store faults -----------------------------------------------------------------------

def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _one_line_error(result) -> str:
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    return err


def test_truncated_store_is_refused_by_every_command_and_untouched(formula_db, tmp_path):
    db = tmp_path / "cut.duckdb"
    shutil.copy(formula_db, db)
    with open(db, "r+b") as handle:
        handle.truncate(db.stat().st_size // 2)
    before = _digest(db)
    feed = tmp_path / "one.jsonl"
    feed.write_text(json.dumps({"id": "x", "text": LATE}) + "\n")
    for args in (["ingest", str(feed)], ["events"], ["quotes"], ["actors"], ["dyads"],
                 ["sql", "select count(*) from articles"], ["export", "--profile", "gdelt"],
                 ["serve", "--port", str(_free_port())]):
        err = _one_line_error(run_cli(*args, "--db", str(db)))
        assert "truncated" in err and "[T004]" in err, (args, err)
    assert _digest(db) == before
    assert not Path(f"{db}.wal").exists()


def _without_root_powers() -> list[str]:
    """A prefix that runs a command as this user, but without root's power to write any
    file (so a read-only folder is read-only to it); none needed for other users."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: a read-only folder is writable")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search"]


def test_store_in_a_read_only_folder_is_refused_and_untouched(formula_db, tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    db = folder / "store.duckdb"
    shutil.copy(formula_db, db)
    feed = tmp_path / "one.jsonl"
    feed.write_text(json.dumps({"id": "x", "text": LATE, "published": "2024-03-15"}) + "\n")
    before = _digest(db)
    folder.chmod(0o555)
    try:
        result = subprocess.run([*_without_root_powers(), *TIDINGS, "ingest", str(feed),
                                 "--db", str(db)], capture_output=True, cwd=ROOT,
                                timeout=600, env={**os.environ, "TIDINGS_WORKERS": "1"})
        err = _one_line_error(result)
        assert "cannot be written" in err and "[T004]" in err
        # reading needs no journal: queries still answer
        reads = subprocess.run([*_without_root_powers(), *TIDINGS, "events", "--db", str(db),
                                "--format", "csv"], capture_output=True, cwd=ROOT, timeout=600)
        assert reads.returncode == 0, reads.stderr
    finally:
        folder.chmod(0o755)
    assert _digest(db) == before and sorted(p.name for p in folder.iterdir()) == ["store.duckdb"]


def test_missing_input_is_exit_2_and_creates_no_store(tmp_path):
    db = tmp_path / "never.duckdb"
    err = _one_line_error(run_cli("ingest", str(tmp_path / "no-such.jsonl"), "--db", str(db)))
    assert "no such file or folder" in err and "[T001]" in err
    assert not db.exists()


# -- 7. tidings sql limits, the lock file --------------------------------------------------

@pytest.mark.parametrize("query", [
    "SET memory_limit = '100GB'", "SET threads = 64", "RESET memory_limit",
    "PRAGMA memory_limit = '100GB'", "SET enable_external_access = true",
    "SET lock_configuration = false"])
def test_sql_cannot_change_its_settings(formula_db, query):
    err = _one_line_error(run_cli("sql", query, "--db", str(formula_db)))
    assert "locked" in err


def test_sql_has_a_time_limit_and_a_memory_cap(formula_db):
    started = time.monotonic()
    err = _one_line_error(run_cli("sql", "select count(*) from range(1000000000000)",
                                  "--timeout", "1", "--db", str(formula_db)))
    assert "time limit of 1 s" in err and time.monotonic() - started < 30
    err = _one_line_error(run_cli("sql", "select * from range(30000000) a order by random()",
                                  "--memory-limit", "64MB", "--db", str(formula_db)))
    assert "Out of Memory" in err
    shown = run_cli("sql", "select current_setting('memory_limit'), "
                    "current_setting('threads')", "--format", "csv", "--db", str(formula_db))
    assert shown.returncode == 0 and b"953.6 MiB,2" in shown.stdout


def _requirements(text: str) -> dict[str, list[str]]:
    """name -> its hashes, from a pip requirements file with continuation lines."""
    found: dict[str, list[str]] = {}
    name = None
    for line in text.replace("\\\n", " ").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = re.match(r"([A-Za-z0-9_.\-\[\],]+)==(\S+)", line)
        assert match, line
        name = re.sub(r"\[.*\]", "", match[1]).lower().replace("_", "-")
        found[name] = re.findall(r"--hash=sha256:([0-9a-f]{64})", line)
    return found


def test_lock_file_pins_every_dependency_with_hashes():
    import tomllib

    lock = _requirements((ROOT / "requirements" / "lock.txt").read_text())
    assert lock and all(hashes for hashes in lock.values()), \
        [n for n, h in lock.items() if not h]
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = list(project["dependencies"])
    for extra in ("web", "test", "dask", "model"):
        wanted += project["optional-dependencies"][extra]
    for requirement in wanted:
        name, version = re.match(r"([A-Za-z0-9_.\-\[\]]+)==(\S+)", requirement).groups()
        name = re.sub(r"\[.*\]", "", name).lower().replace("_", "-")
        assert name in lock, f"{name} is not in requirements/lock.txt"
    makefile = (ROOT / "Makefile").read_text()
    assert "--require-hashes -r requirements/lock.txt" in makefile


def test_audit_says_when_its_data_cannot_be_reached():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "audit.py"),
                             "--service-url", "http://127.0.0.1:9/"], capture_output=True,
                            text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "not reachable" in result.stdout and "audit skipped" in result.stdout


def test_store_stopped_by_a_signal_is_not_taken_for_truncated(formula_db, tmp_path):
    """Regression: a store whose header counts free blocks never written (as after an ingest
    stopped by SIGTERM, then opened again) was refused as truncated; only a file cut inside
    a block is."""
    from tidings.errors import StoreError
    from tidings.store.db import check_file

    db = tmp_path / "whole.duckdb"
    shutil.copy(formula_db, db)
    check_file(db)  # as written
    size = db.stat().st_size
    with open(db, "r+b") as handle:
        handle.truncate(size - 262144 if size > 12288 + 262144 else size)
    check_file(db)  # whole blocks: DuckDB's own open judges the rest
    with open(db, "r+b") as handle:
        handle.truncate(db.stat().st_size - 1000)
    with pytest.raises(StoreError, match="truncated"):
        check_file(db)
