"""tidings: who did what to whom, when and where, and who said what, from news text.

Library first: ``extract_text`` and ``extract_articles`` return the article documents
described in ``docs/output-contract.md``; the ``tidings`` command is a thin shell over them.
"""
import logging

from tidings.errors import TidingsError

__version__ = "0.1.0"
__all__ = ["TidingsError", "extract_text", "extract_articles", "__version__"]

logging.getLogger(__name__).addHandler(logging.NullHandler())


def extract_text(text: str, published: str | None = None, **meta):
    """Extract one article given as plain text; returns its document (a dict)."""
    from tidings.extract import extract_text as _extract_text

    return _extract_text(text, published=published, **meta)


def extract_articles(articles, model: str | None = None):
    """Extract an iterable of ``Article`` objects (or read errors); yields documents in order."""
    from tidings.extract import extract_articles as _extract_articles

    return _extract_articles(articles, model=model)
