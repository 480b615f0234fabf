"""What a worker process runs: extraction of one partition of articles.

Kept in its own small module so worker processes (multiprocessing spawn, Dask workers)
import only this and what extraction needs; the model is loaded on first use and cached
for the life of the process (``tidings.nlp.pipeline.load``).
"""
from __future__ import annotations

import logging

from tidings.article import Article


def start(level: int) -> None:
    """Worker start: log as the parent does, and load the model now, not mid-batch."""
    logging.basicConfig(level=level, format="tidings: %(levelname)s: %(message)s")


def extract_partition(articles: list[Article], model: str | None = None) -> list[dict]:
    """Documents for ``articles``, in order (``tidings.extract.extract_articles``)."""
    from tidings.extract import extract_articles

    return list(extract_articles(articles, model=model))
