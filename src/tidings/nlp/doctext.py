"""Per-Doc facts every stage reads, computed once per Doc.

spaCy builds ``Doc.text``, ``Doc.ents`` and ``Token.sent`` anew on every access (``doc.text``
joins a Token object per token; ``token.sent`` walks to both sentence ends), and the stages ask
for them once per candidate: on 100 news articles that was over half of the extraction time
beyond spaCy (profiled with benchmarks/throughput.py --profile). A parsed Doc does not change
after the pipeline, so each fact is kept in the Doc's ``user_data`` on first use.
"""
from __future__ import annotations

_TEXT = "tidings.text"
_ENTS = "tidings.ents"
_SENTS = "tidings.sentence_bounds"
_WORDS = "tidings.token_texts"
_LEMMAS = "tidings.lemmas"
_STARTS = "tidings.token_starts"
_SPANS = "tidings.sentence_spans"


def doc_text(doc) -> str:
    """The Doc's text (as ``doc.text``), computed on first use."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def remember_text(doc, text: str) -> None:
    """Record a text already at hand (a pipeline component reading it anyway)."""
    doc.user_data[_TEXT] = text


def doc_ents(doc) -> tuple:
    """``doc.ents``, built once."""
    ents = doc.user_data.get(_ENTS)
    if ents is None:
        ents = doc.user_data[_ENTS] = doc.ents
    return ents


def token_texts(doc) -> list[str]:
    """Each token's text, by token index."""
    texts = doc.user_data.get(_WORDS)
    if texts is None:
        strings = doc.vocab.strings  # ``token.text`` is its ORTH string: no Token per word
        texts = doc.user_data[_WORDS] = [strings[h] for h in doc.to_array("ORTH").tolist()]
    return texts


def lemma_texts(doc) -> list[str]:
    """Each token's lemma, lower-cased, by token index (read from the Doc's array: no Token
    object per word)."""
    lemmas = doc.user_data.get(_LEMMAS)
    if lemmas is None:
        strings = doc.vocab.strings
        lemmas = doc.user_data[_LEMMAS] = [strings[h].lower() for h in doc.to_array("LEMMA")]
    return lemmas


def token_starts(doc) -> list[int]:
    """Each token's character offset (``token.idx``), by token index: the text between two
    starts is a token with its trailing whitespace (``text_with_ws``)."""
    starts = doc.user_data.get(_STARTS)
    if starts is None:
        starts = doc.user_data[_STARTS] = doc.to_array("IDX").tolist()
    return starts


def sentence_spans(doc) -> list[tuple[int, int]]:
    """(start, end) token index of each sentence, in order."""
    spans = doc.user_data.get(_SPANS)
    if spans is None:
        spans = doc.user_data[_SPANS] = [(sent.start, sent.end) for sent in doc.sents]
    return spans


def sentence_bounds(doc) -> tuple[list[int], list[int]]:
    """(start, end) token index of each token's sentence: ``doc[i].sent`` without a walk."""
    bounds = doc.user_data.get(_SENTS)
    if bounds is None:
        starts, ends = [0] * len(doc), [0] * len(doc)
        for start, end in sentence_spans(doc):
            size = end - start
            starts[start:end] = [start] * size
            ends[start:end] = [end] * size
        bounds = doc.user_data[_SENTS] = (starts, ends)
    return bounds
