"""What a worker process runs: extraction of one partition of articles.

Kept in its own small module so worker processes (multiprocessing spawn, Dask workers)
import only this and what extraction needs; the first partition a process extracts loads
the model and its tables for the life of the process (``tidings.extract.settle``).
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path

from tidings.article import Article


def start(level: int) -> None:
    """Worker process start: log as the parent does; leave stopping to the parent and exit
    with it (``tidings.scale.stop.worker_start``)."""
    from tidings.scale.stop import worker_start

    logging.basicConfig(level=level, format="tidings: %(levelname)s: %(message)s")
    worker_start()


def extract_partition(articles: list[Article], model: str | None = None) -> list[dict]:
    """Documents for ``articles``, in order (``tidings.extract.extract_articles``).

    Runs in processes that exist to extract (worker processes, Dask workers), so the first
    call settles the process for it (``tidings.extract.settle``); later calls find it done.
    """
    from tidings.extract import extract_articles, settle

    settle(model)
    return list(extract_articles(articles, model=model))


def partition_name(articles: list[Article]) -> str:
    """A partition's file name from its articles' texts: the same partition sent again
    (after a lost worker) overwrites its own file, never adds a second one."""
    digest = hashlib.sha256()
    for article in articles:
        digest.update(hashlib.sha256(article.text.encode("utf-8", "surrogatepass")).digest())
    return f"part-{digest.hexdigest()[:20]}.parquet"


def extract_partition_to_parquet(articles: list[Article], model: str | None,
                                 folder: str) -> str:
    """Extract ``articles`` and write their documents as one Parquet file in ``folder``
    (columns: position, article_id, document as JSON); returns the file's path.

    The file is written under a temporary name and renamed when complete, so a worker
    killed mid-write leaves no partial partition behind.
    """
    import duckdb

    from tidings.store import bulk

    documents = extract_partition(articles, model)
    target = Path(folder) / partition_name(articles)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + f".{os.getpid()}.partial")
    con = duckdb.connect()
    try:
        con.execute("CREATE TABLE documents (position INTEGER, article_id VARCHAR, "
                    "document VARCHAR)")
        bulk.insert_rows(con, "documents", [
            {"position": position, "article_id": document.get("article", {}).get("id"),
             "document": json.dumps(document, ensure_ascii=False)}
            for position, document in enumerate(documents)])
        con.execute(f"COPY documents TO {bulk.sql_string(partial)} "
                    "(FORMAT parquet, COMPRESSION zstd)")
        os.replace(partial, target)
    finally:
        con.close()
        if partial.exists():
            partial.unlink()
    return str(target)


def read_partition(path: str) -> list[dict]:
    """The documents of a partition file, in their articles' order."""
    import duckdb

    con = duckdb.connect()
    try:
        rows = con.execute("SELECT document FROM read_parquet(?) ORDER BY position",
                           [path]).fetchall()
    finally:
        con.close()
    return [json.loads(document) for (document,) in rows]
