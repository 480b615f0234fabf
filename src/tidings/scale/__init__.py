"""Scale-out for ``tidings ingest``: extraction in worker processes (``--workers N``) or on
a Dask cluster (``--dask local``, ``--scheduler tcp://HOST:8786``), with this process the
single writer of the store, so every way gives the same rows as one process::

    with Store.open("news.duckdb") as store, runner(store.con, workers=4) as run:
        store.ingest(run.items(read_paths(["feeds/"])), extractor=run.extract)
"""
from __future__ import annotations

import contextlib
import logging
import os
from typing import Iterable, Iterator

from tidings.article import Article, ReadFailure
from tidings.errors import OptionError

LOGGER = logging.getLogger(__name__)

# Articles per partition sent to a worker process: a quarter of the ingest's batch (32), so
# one batch spreads over up to four workers while nlp.pipe still batches 8 texts.
POOL_PARTITION = 8
# Articles per Dask task: one ingest batch; Dask's per-task overhead (milliseconds) is
# small beside 32 articles' extraction (seconds).
DASK_PARTITION = 32
# Partitions in flight per worker: two keep a worker busy while the writer stores the
# batch before; more only hold documents in memory.
AHEAD_PER_WORKER = 2


class Serial:
    """One process: items pass through, the store's own extraction runs."""

    extract = None

    @staticmethod
    def items(source: Iterable[Article | ReadFailure]) -> Iterable[Article | ReadFailure]:
        return source

    def close(self, abandon: bool = False) -> None:
        pass


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


@contextlib.contextmanager
def runner(con, workers: int = 1, model: str | None = None, dask: str | None = None,
           partitions: str | None = None) -> Iterator:
    """What runs extraction for an ingest into ``con``: ``.items(source)`` to wrap the
    input and ``.extract`` to give the store's ingest (None: in this process). ``con``
    may instead be a test of whether an article is stored (``Store.stored()``).

    ``workers``: processes (0: one per core); ``dask``: "local" or a scheduler address;
    ``partitions``: a shared folder where Dask workers write their documents as Parquet.
    """
    from tidings.scale.prefetch import Prefetcher
    from tidings.store import dedup

    if partitions and not dask:
        raise OptionError("--partitions: only with --dask or --scheduler")
    if workers < 0:
        raise OptionError(f"--workers: expected 0 (one per core) or more, got {workers}")
    workers = workers or cores()

    def stored(article: Article) -> bool:
        """Already in the store: not worth sending (the ingest will skip it)."""
        return con.execute("SELECT 1 FROM articles WHERE hash = ?",
                           [dedup.text_hash(article.text)]).fetchone() is not None

    if callable(con):  # the store's own test (Store.stored), for a store not held open
        stored = con  # noqa: F811

    LOGGER.info(
        "extracting %s", f"on Dask ({dask})" if dask else
        f"in {workers} worker processes" if workers > 1 else "in this process")
    if dask:
        from tidings.scale.cluster import DaskBackend

        backend = DaskBackend(dask, workers, model, partitions)
        run = Prefetcher(backend, DASK_PARTITION, AHEAD_PER_WORKER * backend.threads(),
                         skip=stored)
    elif workers > 1:
        from tidings.scale.pool import ProcessBackend

        run = Prefetcher(ProcessBackend(workers, model), POOL_PARTITION,
                         AHEAD_PER_WORKER * workers, skip=stored)
    else:
        run = Serial()
    try:
        yield run
    except BaseException:  # stopped or failed: end the workers now, do not wait for them
        run.close(abandon=True)
        raise
    run.close()
