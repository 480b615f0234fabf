"""Read ahead, extract elsewhere, store here: the input passes through in order while its
articles go, a partition at a time, to a backend (worker processes or a Dask cluster).

The store's ingest asks for a batch's documents only after deduplicating it; by then the
backend has usually computed them. The parent process stays the single DuckDB writer and
keeps its transactions, so the rows are those of a single-process run. A partition whose
workers died is sent again: nothing is stored from it before its documents are back, so a
lost worker loses and duplicates nothing.
"""
from __future__ import annotations

import logging
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Protocol

from tidings.article import Article, ReadFailure
from tidings.errors import WorkerError

LOGGER = logging.getLogger(__name__)

# Times one partition may be lost (its workers died) before the run stops: a partition
# that kills its worker each time (a text that exhausts memory) must not loop forever.
# Whole batches committed before stay stored; running the ingest again completes it.
MAX_LOST = 3


class Lost(Exception):
    """The backend lost the work it had (workers died); it is ready for new work."""


class Backend(Protocol):
    def submit(self, articles: list[Article]) -> Any: ...

    def result(self, handle: Any) -> list[dict]: ...  # raises Lost

    def close(self, abandon: bool = False) -> None: ...


@dataclass
class _Partition:
    articles: list[Article]
    handle: Any = None
    documents: list[dict] | None = None
    lost: int = 0
    last: int = 0  # input position of its last article
    index: dict[int, int] = field(default_factory=dict)  # id(article) -> position


class Prefetcher:
    """``items(source)`` yields the source's items unchanged, sending articles ahead;
    ``extract(articles)`` returns their documents (the ingest's extractor)."""

    def __init__(self, backend: Backend, partition_size: int, window: int,
                 skip: Callable[[Article], bool] | None = None):
        self.backend = backend
        self.partition_size = partition_size
        self.window = window  # partitions in flight ahead of the writer
        self.skip = skip  # articles not worth sending (already stored)
        self.partitions: deque[_Partition] = deque()
        self.where: dict[int, _Partition] = {}
        self.position: dict[int, int] = {}  # id(article) -> input position, while in flight
        self.read = 0

    def items(self, source: Iterable[Article | ReadFailure]) -> Iterator[Article | ReadFailure]:
        source = iter(source)
        buffered: deque[Article | ReadFailure] = deque()
        exhausted = False
        while True:
            # the writer needs an item: read on even with the window full
            while not exhausted and (not buffered or self._in_flight() < self.window):
                exhausted = self._read_partition(source, buffered)
            if not buffered:
                return
            yield buffered.popleft()

    def _in_flight(self) -> int:
        return sum(1 for p in self.partitions if p.documents is None)

    def _read_partition(self, source, buffered) -> bool:
        """Read up to one partition of articles into ``buffered`` and send them; True when
        the source is exhausted."""
        articles: list[Article] = []
        exhausted = False
        while len(articles) < self.partition_size:
            try:
                item = next(source)
            except StopIteration:
                exhausted = True
                break
            buffered.append(item)
            self.read += 1
            if isinstance(item, Article) and not (self.skip and self.skip(item)):
                articles.append(item)
        if articles:
            self._send(articles)
        return exhausted

    def _send(self, articles: list[Article], ahead: bool = True) -> _Partition:
        partition = _Partition(articles, last=self.read)
        for position, article in enumerate(articles):
            partition.index[id(article)] = position
            if ahead:
                self.where[id(article)] = partition
                self.position[id(article)] = self.read
        partition.handle = self.backend.submit(articles)
        if ahead:
            self.partitions.append(partition)
        return partition

    def extract(self, articles: list[Article]) -> list[dict]:
        """Documents of ``articles`` (in order), waiting for their partitions."""
        documents = []
        for article in articles:
            partition = self.where.get(id(article))
            if partition is None or partition.articles[partition.index[id(article)]] \
                    is not article:
                # not sent ahead (skipped as stored when read, or a copy stored since)
                partition = self._send([article], ahead=False)
            self._wait(partition)
            documents.append(partition.documents[partition.index[id(article)]])
        # the writer only goes forward: partitions wholly before this batch are done with
        known = [self.position[id(a)] for a in articles if id(a) in self.position]
        if known:
            while self.partitions and self.partitions[0].documents is not None \
                    and self.partitions[0].last < min(known):
                self._forget(self.partitions.popleft())
        return documents

    def _wait(self, partition: _Partition) -> None:
        while partition.documents is None:
            try:
                partition.documents = self.backend.result(partition.handle)
            except Lost:
                partition.lost += 1
                if partition.lost >= MAX_LOST:
                    first = partition.articles[0]
                    raise WorkerError(f"workers died {partition.lost} times on the same "
                                      f"{len(partition.articles)} articles (first: "
                                      f"{first.origin or first.id}); what is stored is whole "
                                      "batches: run the ingest again to complete it") from None
                LOGGER.warning("workers lost; sending %d unfinished partitions again",
                               sum(1 for p in self.partitions if p.documents is None))
                pending = [p for p in self.partitions if p.documents is None]
                if not any(p is partition for p in pending):
                    pending.append(partition)
                for other in pending:
                    other.handle = self.backend.submit(other.articles)

    def _forget(self, partition: _Partition) -> None:
        for article in partition.articles:
            if self.where.get(id(article)) is partition:
                del self.where[id(article)]
                self.position.pop(id(article), None)

    def close(self, abandon: bool = False) -> None:
        self.backend.close(abandon)
