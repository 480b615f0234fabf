"""Throughput of tidings against bare spaCy on the same texts, in one process and one run.

    python benchmarks/throughput.py --corpus ../shared/eval/quotes/polnear_train.jsonl --limit 100
    python benchmarks/throughput.py --corpus ../shared/corpus/dev --repeat 1   # a folder of texts

Prints, for (a) spaCy's ``nlp.pipe`` with every default component, (b) the full tidings
extraction (spaCy included) and (c) ``tidings ingest`` into a temporary DuckDB file:
articles/s, tokens/s and peak RSS, then ``ratio (tidings/spaCy): X`` on a line of its own; and, of the quotes extracted, the
share whose speaker is uncoded (no CAMEO code) and the share whose speaker has a gender.
These are figures to read, not timed tests: the machine's load moves them.

Peak RSS is the kernel's high-water mark (VmHWM), reset before each phase where Linux
allows it (/proc/self/clear_refs), so each phase's peak is its own (both pipelines stay
loaded throughout, so each figure includes the other's model); where it cannot be
reset the figure is the process's peak so far, and the line says so.
"""
from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from tidings.article import Article  # noqa: E402
from tidings.ingest.folders import read_paths  # noqa: E402
from tidings.ingest.readers import read_jsonl  # noqa: E402
from tidings.nlp import pipeline  # noqa: E402

# The corpora under ../shared/eval name the date and publisher so; other JSON Lines files
# with the contract's names (published, source) read the same, as unknown names are unused.
FIELDS = {"published": "publication_date", "source": "publisher"}


def read_articles(corpus: str, limit: int | None) -> list[Article]:
    """JSON Lines articles, or the .txt articles of a folder (``../shared/corpus/dev``,
    whose README and index are no articles)."""
    articles: list[Article] = []
    if os.path.isdir(corpus):
        items = read_paths(sorted(str(p) for p in Path(corpus).glob("*.txt")))
    else:
        stream = open(corpus, "rb")
        items = read_jsonl(stream, corpus, FIELDS)
    for item in items:
        if isinstance(item, Article):
            articles.append(item)
            if limit and len(articles) >= limit:
                break
    return articles


def speaker_report(documents: list[dict]) -> str:
    """How well the quotes' speakers are known: the share of quotes whose speaker has no
    CAMEO code (no country: the article never says who they are, or the coder missed it),
    of them those with no speaker at all, and the share whose speaker has a gender."""
    speakers = [q.get("speaker") or {} for d in documents for q in d.get("quotes", [])]
    n = max(1, len(speakers))
    uncoded = sum(1 for s in speakers if not s.get("code"))
    unnamed = sum(1 for s in speakers if not s.get("name"))
    gendered = sum(1 for s in speakers if s.get("gender"))
    return (f"    quotes with an uncoded speaker: {uncoded}/{len(speakers)} "
            f"({100 * uncoded / n:.1f}%), {unnamed} of them with no speaker at all; "
            f"speakers with a gender: {gendered} ({100 * gendered / n:.1f}%)")


def reset_peak() -> bool:
    """Reset VmHWM (Linux >= 4.0); False where the kernel does not allow it."""
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
        return True
    except OSError:
        return False


def peak_mb() -> float:
    try:
        with open("/proc/self/status") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def line(name: str, n: int, tokens: int, seconds: float, rss: float, own_peak: bool) -> str:
    note = "" if own_peak else " (process peak so far)"
    return (f"{name:<22} {n:5d} articles {seconds:8.2f} s {n / seconds:8.2f} articles/s "
            f"{tokens / seconds:9.0f} tokens/s  peak RSS {rss:7.0f} MB{note}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", required=True, help="JSON Lines articles, or a folder of "
                        "article files")
    parser.add_argument("--limit", type=int, help="the first N articles")
    parser.add_argument("--model", help="spaCy pipeline (default: tidings' default)")
    parser.add_argument("--batch-size", type=int, default=pipeline.BATCH_SIZE)
    parser.add_argument("--repeat", type=int, default=3,
                        help="run phases (a) and (b) in turns this many times and keep each "
                             "one's fastest run (as timeit does): one run on a shared 2-core "
                             "machine moves by 10-20%%")
    parser.add_argument("--workers", type=int, default=1,
                        help="worker processes for the ingest phase (tidings ingest --workers)")
    parser.add_argument("--profile", metavar="FILE",
                        help="cProfile the tidings phase; write its top functions to FILE")
    args = parser.parse_args(argv)

    import spacy

    from tidings.extract import extract_articles, settle
    from tidings.store import Store

    articles = read_articles(args.corpus, args.limit)
    texts = [a.text for a in articles]
    print(f"corpus: {args.corpus}: {len(articles)} articles, "
          f"{sum(len(t) for t in texts)} characters; model {pipeline.model_name(args.model)}; "
          f"batch {args.batch_size}; {os.cpu_count()} CPUs")

    # Both pipelines are loaded and warmed up on one batch, untimed: a process's first batch
    # pays for memory growth and lazy set-up (measured: ~40% slower). Then (a) and (b) run in
    # turns, --repeat rounds, and each keeps its fastest run: on a shared machine the load
    # moves by 10-20% within minutes, and turns expose both phases to the same load.
    warm_up = texts[:args.batch_size]
    bare = spacy.load(pipeline.model_name(args.model))
    list(bare.pipe(warm_up, batch_size=args.batch_size))
    settle(args.model)  # as `tidings extract` and `tidings ingest` do: tables loaded, heap frozen
    list(extract_articles(articles[:args.batch_size], model=args.model,
                          batch_size=args.batch_size))
    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
    spacy_s = tidings_s = float("inf")
    spacy_peak = tidings_peak = 0.0
    own = True
    documents: list[dict] = []
    for _ in range(1 if profiler else max(1, args.repeat)):
        # (a) bare spaCy, every default component, same batch size
        own = reset_peak() and own
        started = time.perf_counter()
        tokens = sum(len(doc) for doc in bare.pipe(texts, batch_size=args.batch_size))
        spacy_s = min(spacy_s, time.perf_counter() - started)
        spacy_peak = max(spacy_peak, peak_mb())
        # (b) the full extraction: spaCy (tidings' configuration) and every stage
        documents = []
        gc.collect()
        own = reset_peak() and own
        if profiler:
            profiler.enable()
        started = time.perf_counter()
        documents = list(extract_articles(articles, model=args.model,
                                          batch_size=args.batch_size))
        tidings_s = min(tidings_s, time.perf_counter() - started)
        if profiler:
            profiler.disable()
        tidings_peak = max(tidings_peak, peak_mb())
    print(line("(a) spaCy nlp.pipe", len(texts), tokens, spacy_s, spacy_peak, own))
    print(f"    components: {', '.join(bare.pipe_names)}")
    print(line("(b) tidings extract", len(documents), tokens, tidings_s, tidings_peak, own))
    events = sum(len(d.get("events", [])) for d in documents)
    quotes = sum(len(d.get("quotes", [])) for d in documents)
    print(f"    {events} events, {quotes} quotes, "
          f"{sum(1 for d in documents if d.get('error'))} errors")
    print(speaker_report(documents))
    ratio = (len(documents) / tidings_s) / (len(texts) / spacy_s)
    print(f"ratio (tidings/spaCy): {ratio:.2f}")
    print(f"    fastest of {max(1, args.repeat)} runs each, in turns" if args.repeat > 1
          and not profiler else "    one run each")
    if profiler:
        import io
        import pstats

        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(45)
        out.write("\n--- by own time ---\n")
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(30)
        Path(args.profile).write_text(out.getvalue(), encoding="utf-8")
        print(f"    profile: {args.profile}")
    del documents, bare
    gc.collect()

    # (c) end to end into a temporary DuckDB file: dedup, extraction, transactions
    from tidings.scale import runner

    with tempfile.TemporaryDirectory() as folder:
        own = reset_peak()
        started = time.perf_counter()
        with Store.open(Path(folder) / "bench.duckdb") as store, \
                runner(store.con, workers=args.workers, model=args.model) as run:
            report = store.ingest(run.items(articles), model=args.model,
                                  extractor=run.extract)
        ingest_s = time.perf_counter() - started
        size = (Path(folder) / "bench.duckdb").stat().st_size / 1e6
    name = f"(c) tidings ingest -w{args.workers}"
    print(line(name, report.read, tokens, ingest_s, peak_mb(), own)
          + ("" if args.workers == 1 else " (parent only)"))
    print(f"    {report.coded} coded, {report.duplicates} near-duplicates, "
          f"{report.events} distinct events, {len(report.failures)} failed; "
          f"store {size:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
