"""Worker processes on this machine: each loads the model once and extracts partitions.

Processes are spawned, not forked: the parent holds an open DuckDB connection (and its
threads), which a forked child must not inherit; spawn also behaves the same on macOS.
"""
from __future__ import annotations

import logging
import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from tidings.article import Article
from tidings.scale import work
from tidings.scale.prefetch import Lost

LOGGER = logging.getLogger(__name__)


class ProcessBackend:
    """A ProcessPoolExecutor that is replaced when a worker dies (``Lost``)."""

    def __init__(self, workers: int, model: str | None = None):
        self.workers = workers
        self.model = model
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=work.start,
                                   initargs=(logging.getLogger().getEffectiveLevel(),))

    def submit(self, articles: list[Article]) -> Future:
        try:
            return self.executor.submit(work.extract_partition, articles, self.model)
        except BrokenProcessPool:  # broken since the last result: start again
            self._restart()
            return self.executor.submit(work.extract_partition, articles, self.model)

    def result(self, handle: Future) -> list[dict]:
        try:
            return handle.result()
        except BrokenProcessPool:
            self._restart()
            raise Lost() from None

    def _restart(self) -> None:
        LOGGER.warning("a worker process died; starting %d new ones", self.workers)
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._start()

    def close(self, abandon: bool = False) -> None:
        """Shut the workers down; ``abandon``: now, ending them mid-partition (the run is
        stopping: their documents would not be stored)."""
        if abandon:
            processes = list(getattr(self.executor, "_processes", {}).values())
            self.executor.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                process.terminate()
            for process in processes:
                process.join(timeout=5)
            return
        self.executor.shutdown(wait=True, cancel_futures=True)
