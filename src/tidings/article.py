"""The article as tidings reads it: text plus the metadata every fact is traced to."""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from tidings.errors import OptionError


def text_id(text: str) -> str:
    """The contract's article id: sha256 of the text, first 16 hex digits."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def parse_published(value: str | None, what: str = "--published") -> str | None:
    """Normalize a publication date to YYYY-MM-DD; raise OptionError naming ``what``.

    Accepts a date or an ISO 8601 date-time (the time is dropped: times are resolved
    against the calendar day).
    """
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise OptionError(f"{what}: expected a date YYYY-MM-DD, got {value!r}")
    text = value.strip()
    day = text[:10] if len(text) > 10 and text[10] in "T " else text
    try:
        return dt.date.fromisoformat(day).isoformat()
    except ValueError:
        raise OptionError(f"{what}: not a valid date {value!r} (expected YYYY-MM-DD)") from None


@dataclass
class Article:
    """One article: the text offsets point into, and where it came from."""

    text: str
    id: str | None = None
    published: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    language: str = "en"
    origin: str | None = None  # file name or file:line, for error messages
    extra: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.id is None:
            self.id = text_id(self.text)

    @property
    def published_date(self) -> dt.date | None:
        """The publication date as a date (``published`` is normalized YYYY-MM-DD)."""
        return dt.date.fromisoformat(self.published) if self.published else None

    def metadata(self) -> dict:
        return {
            "id": self.id,
            "published": self.published,
            "title": self.title,
            "url": self.url,
            "source": self.source,
            "language": self.language,
        }


@dataclass
class ReadFailure:
    """An input item that could not be read; becomes a document with an ``error`` field."""

    message: str
    id: str | None = None
    origin: str | None = None

    def document(self) -> dict:
        return {"article": {"id": self.id, "published": None, "title": None, "url": None,
                            "source": None, "language": None},
                "error": self.message,
                "actors": [], "events": [], "quotes": [], "times": [], "places": []}
