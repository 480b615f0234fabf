"""Ingests stopped at random moments, then finished: what survives, what is lost.

    python benchmarks/faults.py --corpus ../shared/eval/quotes/polnear_train.jsonl \
        --limit 100 --loops 10

Ingests the corpus's first --limit articles once into a reference store (one process),
then --loops times starts `tidings ingest --workers 2` into a new store and stops it at a
random moment with a random signal (SIGKILL, SIGTERM or SIGINT to the process group, as
Ctrl-C sends it), checking the exit status and that no worker process outlives it; runs
the same ingest again to the end and compares every stored row with the reference. Prints
one line per stop and a summary: stops survived, orphaned workers, rows lost and doubled.
"""
from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EXPECTED = {signal.SIGKILL: -signal.SIGKILL, signal.SIGTERM: 143, signal.SIGINT: 130}


def snapshot(db: Path) -> dict:
    """Every stored row but the wall-clock columns."""
    from tidings.store import Store

    with Store.open(db, read_only=True) as store:
        return store.contents()


def children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found += [int(p) for p in handle.read().split()]
    except FileNotFoundError:
        pass
    return found


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--loops", type=int, default=10)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--earliest", type=float, default=10.0,
                        help="stop no earlier than this many seconds after the start")
    parser.add_argument("--latest", type=float, default=45.0)
    parser.add_argument("--map", action="append", default=[
        "published=publication_date", "source=publisher"], metavar="OURS=THEIRS")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    folder = Path(tempfile.mkdtemp(prefix="tidings-faults-"))
    feed = folder / "feed.jsonl"
    with open(args.corpus, encoding="utf-8") as source:
        feed.write_text("".join(line for _, line in zip(range(args.limit), source)))
    maps = [a for pair in args.map for a in ("--map", pair)]
    command = [sys.executable, "-m", "tidings"]
    env = dict(os.environ, TIDINGS_WORKERS="1")

    reference = folder / "reference.duckdb"
    subprocess.run([*command, "ingest", str(feed), "--db", str(reference), *maps], env=env,
                   check=True, capture_output=True)
    want = snapshot(reference)
    survived = orphans = lost = doubled = unequal = 0
    for loop in range(args.loops):
        db = folder / f"stopped-{loop}.duckdb"
        sig = rng.choice(list(EXPECTED))
        wait = rng.uniform(args.earliest, args.latest)
        process = subprocess.Popen([*command, "ingest", str(feed), "--db", str(db), *maps,
                                    "--workers", "2"], env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, text=True, start_new_session=True)
        deadline = time.monotonic() + wait
        workers: set[int] = set()
        while time.monotonic() < deadline and process.poll() is None:
            workers.update(children(process.pid))
            time.sleep(0.2)
        stopped = time.monotonic()
        if process.poll() is None:
            if sig == signal.SIGINT:
                os.killpg(process.pid, sig)
            else:
                process.send_signal(sig)
        err = process.stderr.read()
        status = process.wait()
        took = time.monotonic() - stopped
        time.sleep(5)  # a worker whose parent died must be gone by now
        left = [p for p in workers if alive(p)]
        orphans += len(left)
        for pid in left:  # do not leave them running
            os.kill(pid, signal.SIGKILL)
        finished = status == 0
        ok = finished or (status == EXPECTED[sig] and "Traceback" not in err)
        survived += ok
        stored = 0
        if db.exists():
            from tidings.store import Store

            with Store.open(db, read_only=True) as store:
                stored = store.fetch("SELECT count(*) FROM articles")[1][0][0]
        rerun = subprocess.run([*command, "ingest", str(feed), "--db", str(db), *maps],
                               env=env, capture_output=True, text=True)
        got = snapshot(db)
        lost_now = sum(len(set(want[t]) - set(got[t])) for t in want)
        doubled_now = sum(len(got[t]) - len(set(got[t])) + len(set(got[t]) - set(want[t]))
                          for t in got)
        lost, doubled, unequal = lost + lost_now, doubled + doubled_now, unequal + (got != want)
        print(f"stop {loop + 1:2d}: {signal.Signals(sig).name:<7} after {wait:4.1f} s -> "
              f"{'finished first' if finished else f'exit {status}'} in {took:.1f} s, "
              f"{stored} of {len(want['articles'])} stored, {len(left)} workers left; "
              f"run again: exit {rerun.returncode}, {len(got['articles'])} articles, "
              f"{lost_now} rows lost, {doubled_now} doubled"
              + ("" if ok else f"  FAILED: {err.strip().splitlines()[-1:]}"), flush=True)
    print(f"stops survived {survived}/{args.loops}, workers left behind {orphans}, "
          f"rows lost {lost}, rows doubled or extra {doubled}, stores unlike the "
          f"reference {unequal}")
    return 0 if survived == args.loops and not (orphans or lost or doubled or unequal) else 1


if __name__ == "__main__":
    raise SystemExit(main())
