"""Extraction on Dask distributed workers: a LocalCluster (``--dask local``) or a running
scheduler (``--scheduler tcp://HOST:8786``).

Every worker needs tidings and the spaCy model installed (the same versions as here:
results are pinned to them). Dask reschedules a task whose worker died; a task that kills
``distributed.scheduler.allowed-failures`` workers (3 by default) fails the run, after the
whole batches stored before it. Documents come back to this process, the one writer:
through Dask itself, or, with ``partitions`` (``--partitions DIR``), as Parquet files the
workers write into a folder every worker and this process can reach (a shared file system),
which keeps large results out of the scheduler and leaves the extracted documents on disk.
"""
from __future__ import annotations

import logging
from pathlib import Path

from tidings.article import Article
from tidings.errors import ClusterError, OptionError
from tidings.scale import work
from tidings.scale.prefetch import Lost

LOGGER = logging.getLogger(__name__)


def _distributed():
    try:
        import distributed
    except ImportError:
        raise OptionError("--dask/--scheduler need Dask: pip install 'tidings[dask]'") from None
    # Dask logs every scheduler and worker start at INFO; tidings' own messages are what a
    # user reads unless they asked for --verbose.
    if logging.getLogger().getEffectiveLevel() > logging.INFO:
        logging.getLogger("distributed").setLevel(logging.ERROR)
    return distributed


class DaskBackend:
    """Partitions as Dask tasks; ``local`` starts a LocalCluster of ``workers`` processes
    with one thread each (spaCy holds the GIL: threads would not run in parallel)."""

    def __init__(self, scheduler: str, workers: int, model: str | None = None,
                 partitions: str | None = None):
        distributed = _distributed()
        self.model = model
        self.partitions = str(Path(partitions).resolve()) if partitions else None
        self.cluster = None
        try:
            if scheduler == "local":
                self.cluster = distributed.LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True,
                    dashboard_address=None)
                self.client = distributed.Client(self.cluster)
            else:
                self.client = distributed.Client(scheduler, timeout="30s")
        except OSError as exc:
            raise ClusterError(f"{scheduler}: cannot reach the Dask scheduler ({exc})") from None
        self.distributed = distributed

    def threads(self) -> int:
        """Worker threads in the cluster now (at least 1): how much to send ahead."""
        info = self.client.scheduler_info()
        return max(1, sum(w.get("nthreads", 1) for w in info.get("workers", {}).values()))

    def submit(self, articles: list[Article]):
        # pure=False: the same texts sent again (after a lost worker) run again
        if self.partitions:
            return self.client.submit(work.extract_partition_to_parquet, articles, self.model,
                                      self.partitions, pure=False)
        return self.client.submit(work.extract_partition, articles, self.model, pure=False)

    def result(self, handle) -> list[dict]:
        try:
            documents = handle.result()
        except self.distributed.KilledWorker:
            raise Lost() from None
        handle.release()
        if self.partitions:
            try:
                return work.read_partition(documents)
            except Exception as exc:  # duckdb.IOException: not on a shared file system
                raise ClusterError(f"{documents}: a worker wrote this partition where this "
                                   f"process cannot read it ({type(exc).__name__}); "
                                   "--partitions must be a folder shared by every worker"
                                   ) from None
        return documents

    def close(self, abandon: bool = False) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
