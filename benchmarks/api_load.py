"""Reads under load: N concurrent readers for T seconds against a real `tidings serve`,
first alone, then while M clients extract long texts through POST /extract.

    python benchmarks/api_load.py --corpus ../shared/eval/quotes/polnear_train.jsonl \
        --readers 20 --seconds 30 --extractors 2 --extract-chars 50000

Builds a store from the corpus's first --articles articles (or takes --db STORE), starts the
server on a free loopback port (the tidings importable here, so PYTHONPATH picks the code
measured), loads the model in its extraction process with one short request, and prints,
for each phase, read requests/s and their p50/p95/p99 latency, plus the extractions done.
Readers cycle through the dashboard's reads: events, quotes, actors, dyads, timeline,
articles, one article with its spans, a search. Every figure is wall-clock on this machine:
the client's threads share its cores with the server.
"""
from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

READS = ["/events?limit=50", "/quotes?limit=50", "/actors?limit=50", "/dyads",
         "/timeline", "/articles?limit=20", "/search?q=said&limit=20"]


def build_store(corpus: Path, count: int, db: Path, fields: dict[str, str]) -> list[str]:
    """Ingest the corpus's first ``count`` articles into ``db``; returns their texts."""
    from tidings.ingest.readers import read_jsonl
    from tidings.store import Store

    with open(corpus, "rb") as stream:
        items = [item for _, item in zip(range(count), read_jsonl(stream, str(corpus), fields))]
    with Store.open(db) as store:
        report = store.ingest(items)
    print(f"store: {report.coded} articles coded, {report.events} events", file=sys.stderr)
    return [item.text for item in items if hasattr(item, "text")]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def phase(base: str, readers: int, seconds: float, extractors: int, long_text: str,
          article_ids: list[str]) -> dict:
    """Readers (and extractors) for ``seconds``; latencies of the reads."""
    import httpx

    reads = READS + [f"/articles/{i}" for i in article_ids[:5]]
    latencies: list[float] = []
    failures = [0]
    extracted: list[float] = []
    stop = time.monotonic() + seconds
    lock = threading.Lock()

    def reader(number: int) -> None:
        mine = []
        with httpx.Client(base_url=base, timeout=600) as client:
            i = number
            while time.monotonic() < stop:
                started = time.perf_counter()
                r = client.get(reads[i % len(reads)])
                mine.append(time.perf_counter() - started)
                if r.status_code != 200:
                    failures[0] += 1
                i += 1
        with lock:
            latencies.extend(mine)

    def extractor() -> None:
        with httpx.Client(base_url=base, timeout=900) as client:
            while time.monotonic() < stop:
                started = time.perf_counter()
                r = client.post("/extract", json={"text": long_text, "published": "2020-01-10"})
                if r.status_code == 200:
                    with lock:
                        extracted.append(time.perf_counter() - started)

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(readers)]
    threads += [threading.Thread(target=extractor, daemon=True) for _ in range(extractors)]
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads[:readers]:
        t.join()
    elapsed = time.monotonic() - began
    return {"reads": len(latencies), "per_second": len(latencies) / elapsed,
            "p50": percentile(latencies, 0.50), "p95": percentile(latencies, 0.95),
            "p99": percentile(latencies, 0.99), "failed": failures[0],
            "extractions": len(extracted),
            "extract_seconds": statistics.mean(extracted) if extracted else None}


def report(name: str, result: dict) -> None:
    line = (f"{name:<24} {result['reads']:6d} reads  {result['per_second']:7.1f} req/s  "
            f"p50 {result['p50'] * 1000:7.1f} ms  p95 {result['p95'] * 1000:7.1f} ms  "
            f"p99 {result['p99'] * 1000:7.1f} ms  {result['failed']} failed")
    if result["extractions"] or name.startswith("with"):
        mean = result["extract_seconds"]
        line += (f"  | {result['extractions']} extractions done"
                 + (f", {mean:.1f} s each" if mean else ""))
    print(line, flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="JSON Lines articles to build the store")
    parser.add_argument("--db", type=Path, help="an existing store (instead of --corpus)")
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--map", action="append", default=[
        "published=publication_date", "source=publisher"], metavar="OURS=THEIRS")
    parser.add_argument("--readers", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--extractors", type=int, default=2)
    parser.add_argument("--extract-chars", type=int, default=50_000,
                        help="length of each long text posted (below the server's limit)")
    args = parser.parse_args()
    if not args.db and not args.corpus:
        parser.error("give --corpus FILE or --db STORE")
    folder = Path(tempfile.mkdtemp(prefix="tidings-api-load-"))
    fields = dict(pair.split("=", 1) for pair in args.map)
    if args.db:
        db, texts = args.db, []
    else:
        db = folder / "load.duckdb"
        texts = build_store(args.corpus, args.articles, db, fields)
    body = "\n\n".join(texts) or Path(__file__).read_text()
    while len(body) < args.extract_chars:
        body += "\n\n" + body
    long_text = body[:args.extract_chars]

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "tidings", "serve", "--db", str(db),
                               "--port", str(port)], stderr=subprocess.PIPE, text=True,
                              env=dict(os.environ))
    try:
        import httpx

        for _ in range(600):
            try:
                ids = [a["id"] for a in httpx.get(f"{base}/articles?limit=5",
                                                  timeout=2).json()["articles"]]
                break
            except (httpx.TransportError, ValueError, KeyError):
                time.sleep(0.1)
        else:
            raise SystemExit("the server did not start: " + server.stderr.read())
        started = time.perf_counter()
        warm = httpx.post(f"{base}/extract", json={"text": "Iran met Iraq on Monday."},
                          timeout=600)
        print(f"model loaded in the extraction process: {time.perf_counter() - started:.1f} s"
              f" (status {warm.status_code})", file=sys.stderr)
        print(f"{args.readers} readers, {args.seconds:g} s a phase; {args.extractors} "
              f"extraction clients posting {len(long_text):,} characters each", flush=True)
        alone = phase(base, args.readers, args.seconds, 0, long_text, ids)
        report("reads alone", alone)
        busy = phase(base, args.readers, args.seconds, args.extractors, long_text, ids)
        report("with extractions", busy)
        print(f"p99 with extractions / alone: {busy['p99'] / alone['p99']:.2f}")
        print(json.dumps({"alone": alone, "with_extractions": busy}), file=sys.stderr)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
