"""Scale-out gives the rows of one process: --workers 2, --dask local, and a worker killed
mid-run (sent again: nothing lost, nothing stored twice)."""
from __future__ import annotations

import json
import os
import signal
import subprocess

import pytest

from conftest import ROOT, TIDINGS, run_cli
from tidings.ingest.readers import read_jsonl
from tidings.store import Store

COUNTRIES = ["Iran", "Russia", "China", "Turkey", "Egypt", "France", "India", "Brazil"]
PARTNERS = ["Iraq", "Japan", "Kenya", "Mexico", "Poland", "Chile", "Nigeria", "Vietnam"]
DEEDS = ["accused {p} of spying", "signed a trade agreement with {p}",
         "expelled two diplomats of {p}", "sent food aid to {p}",
         "threatened sanctions against {p}", "hosted talks with envoys from {p}"]
AFTER = ["Markets were calm.", "Rain fell in the capital.",
         "\"We will answer firmly,\" the foreign minister said.",
         "Officials said the talks would resume next week.", "Schools stayed open."]
# Sentences in cycles of co-prime lengths, so that no two of 160 articles share most of
# their word pairs (the store links articles that do as near-duplicates, not coding them).
SCENES = ["A storm closed the northern highway.", "Farmers blocked a bridge with tractors.",
          "The national airline cancelled twelve flights.", "A new stadium opened downtown.",
          "Teachers walked out over unpaid wages.", "Fuel prices rose for a third week.",
          "A court freed a jailed journalist."]
WEATHER = ["It was cold.", "Snow was expected.", "Heavy winds hit the coast.",
           "The heat wave eased.", "Fog delayed ferries.", "Floods cut two villages off.",
           "Dry weather worried growers.", "A mild spring began.", "Hail damaged orchards.",
           "Drought hit wheat fields.", "Sunshine returned."]
MAP = {"text": "body", "published": "day", "source": "outlet"}
MAP_ARGS = [a for k, v in MAP.items() for a in ("--map", f"{k}={v}")]


def corpus(n: int) -> list[dict]:
    """``n`` short articles of one or two events, with exact and near copies among them
    (the parent's deduplication must see them as a single process does)."""
    records = []
    for i in range(n):
        who, whom = COUNTRIES[i % 8], PARTNERS[(i // 8 + i) % 8]
        text = (f"{who} {DEEDS[i % 6].format(p=whom)} on Tuesday, officials said. "
                f"{AFTER[i % 5]} {SCENES[i % 7]} {WEATHER[i % 11]} "
                f"Police counted {i * 11 + 5} protesters in square {i}.")
        records.append({"id": f"s{i:03d}", "body": text, "day": f"2022-05-{1 + i % 27:02d}",
                        "outlet": f"Desk {i % 4}"})
    if n >= 10:
        records.append(dict(records[3], id="copy-of-3"))  # exact copy
        near = dict(records[5], id="near-5")
        near["body"] = records[5]["body"].replace("officials said", "ministers said")
        records.append(near)
    return records


def write(path, records) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def snapshot(path) -> dict:
    """Every stored row but the wall-clock columns."""
    with Store.open(path, read_only=True) as store:
        return store.contents()


def reference(tmp_path, feed) -> dict:
    """The same input ingested in this process, one batch after another."""
    db = tmp_path / "reference.duckdb"
    with open(feed, "rb") as stream, Store.open(db) as store:
        store.ingest(read_jsonl(stream, str(feed), MAP))
    return snapshot(db)


@pytest.fixture(scope="module")
def small(tmp_path_factory, nlp):
    folder = tmp_path_factory.mktemp("scale")
    feed = folder / "feed.jsonl"
    write(feed, corpus(40))
    want = reference(folder, feed)
    # the exact copy is skipped, the near copy stored as a duplicate: 41 articles
    assert len(want["articles"]) == 41 and len(want["mentions"]) > 30
    assert {row[11] for row in want["articles"]} == {"coded", "duplicate"}
    return folder, feed, want


def test_workers_2_store_the_rows_of_one_process(small, tmp_path):
    _, feed, want = small
    db = tmp_path / "workers.duckdb"
    result = run_cli("ingest", str(feed), "--db", str(db), "--workers", "2", *MAP_ARGS)
    assert result.returncode == 0, result.stderr
    assert snapshot(db) == want
    # run again: everything is already stored, nothing is sent to the workers or added
    again = run_cli("-v", "ingest", str(feed), "--db", str(db), "--workers", "2", *MAP_ARGS)
    assert again.returncode == 0 and b"42 already stored" in again.stderr, again.stderr
    assert snapshot(db) == want


def test_ingest_uses_one_worker_per_core_by_default(small, tmp_path):
    from tidings.scale import cores

    _, feed, want = small
    db = tmp_path / "default.duckdb"
    env = {k: v for k, v in os.environ.items() if k != "TIDINGS_WORKERS"}
    result = subprocess.run([*TIDINGS, "-v", "ingest", str(feed), "--db", str(db), *MAP_ARGS],
                            capture_output=True, cwd=ROOT, timeout=600, env=env)
    assert result.returncode == 0, result.stderr
    expected = f"in {cores()} worker processes" if cores() > 1 else "in this process"
    assert f"extracting {expected}".encode() in result.stderr, result.stderr
    assert snapshot(db) == want


def test_dask_local_stores_the_rows_of_one_process(small, tmp_path):
    pytest.importorskip("distributed")
    _, feed, want = small
    db = tmp_path / "dask.duckdb"
    result = run_cli("ingest", str(feed), "--db", str(db), "--dask", "local",
                     "--workers", "2", *MAP_ARGS)
    assert result.returncode == 0, result.stderr
    assert snapshot(db) == want


def test_dask_workers_write_parquet_partitions_with_the_rows_of_one_process(small, tmp_path):
    pytest.importorskip("distributed")
    _, feed, want = small
    db, parts = tmp_path / "dask.duckdb", tmp_path / "parts"
    result = run_cli("ingest", str(feed), "--db", str(db), "--dask", "local", "--workers", "2",
                     "--partitions", str(parts), *MAP_ARGS)
    assert result.returncode == 0, result.stderr
    assert snapshot(db) == want
    files = sorted(parts.glob("part-*.parquet"))
    assert len(files) == 2 and not list(parts.glob("*.partial"))  # 42 articles: 32 + 10
    import duckdb

    rows = duckdb.connect().execute(
        "SELECT article_id, document FROM read_parquet(?, filename = true) "
        "ORDER BY filename, position", [[str(f) for f in files]]).fetchall()
    # every article read is extracted (the exact copy is found to be one only when stored)
    assert len(rows) == 42
    assert {r[0] for r in rows} == {r[0] for r in want["articles"]} | {"copy-of-3"}
    assert all(json.loads(document)["article"]["id"] == article for article, document in rows)


def test_partitions_need_dask(small, tmp_path):
    _, feed, _ = small
    result = run_cli("ingest", str(feed), "--db", str(tmp_path / "x.duckdb"),
                     "--partitions", str(tmp_path / "parts"), *MAP_ARGS)
    assert result.returncode == 2
    assert b"--partitions: only with --dask or --scheduler" in result.stderr


def _worker_pids(parent: int) -> list[int]:
    """The multiprocessing workers among ``parent``'s children (not its resource tracker)."""
    pids = []
    for task in os.listdir(f"/proc/{parent}/task"):
        with open(f"/proc/{parent}/task/{task}/children") as handle:
            for pid in handle.read().split():
                with open(f"/proc/{pid}/cmdline", "rb") as cmd:
                    if b"spawn_main" in cmd.read():
                        pids.append(int(pid))
    return pids


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="needs Linux /proc")
def test_worker_killed_mid_run_loses_and_duplicates_nothing(tmp_path, nlp):
    feed = tmp_path / "long.jsonl"
    write(feed, corpus(160))
    want = reference(tmp_path, feed)
    db = tmp_path / "killed.duckdb"
    process = subprocess.Popen([*TIDINGS, "-v", "ingest", str(feed), "--db", str(db),
                                "--workers", "2", *MAP_ARGS], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    log = []
    for line in process.stderr:  # the first batch is stored: workers are busy with more
        log.append(line)
        if "batch committed" in line:
            break
    victims = _worker_pids(process.pid)
    assert len(victims) == 2, log
    os.kill(victims[0], signal.SIGKILL)
    log += process.stderr.readlines()
    assert process.wait(timeout=300) == 0, "".join(log)
    assert any("worker process died" in line for line in log), "".join(log)
    got = snapshot(db)
    assert len(got["articles"]) == 161  # 162 read, one an exact copy
    assert got == want
