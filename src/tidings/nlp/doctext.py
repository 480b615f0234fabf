"""``doc.text`` once per Doc.

spaCy builds ``Doc.text`` anew on every access by joining every token's text (a Token
object made per token), and the quote and event stages ask for it once per candidate:
on 100 news articles that was over half of the extraction time beyond spaCy (profiled in
benchmarks/throughput.py). The text of a Doc never changes, so it is kept in the Doc's
``user_data`` on first use.
"""
from __future__ import annotations

_KEY = "tidings.text"


def doc_text(doc) -> str:
    """The Doc's text (as ``doc.text``), computed on first use."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text
