"""Which articles are the same story: exact copies by normalized-text hash, near copies
(syndicated wire stories, lightly edited) by SimHash over word-bigram shingles."""
from __future__ import annotations

import hashlib
import re
import unicodedata

# Word n-gram size of the shingles: bigrams keep a one-word edit from changing more than
# two shingles, so short wire stories (a few sentences) still hash close; trigrams put a
# lightly edited 40-word story at 0.81 similarity, bigrams at 0.92.
SHINGLE_WORDS = 2

# SimHash finds candidates, shingle overlap confirms them: on news-length texts a few
# edited words move a 64-bit SimHash by 6-11 bits (0.83-0.92 similarity), while unrelated
# stories measured on 84 real articles reach 0.73. Candidates: up to 16 bits apart (0.75).
CANDIDATE_DISTANCE = 16
# Jaccard overlap of word-bigram shingles from which a candidate is a near-duplicate:
# lightly edited wire copies measured 0.78-0.81, the most similar unrelated pair of 84
# real articles 0.12.
NEAR_DUPLICATE = 0.5
# How many SimHash candidates from the store are checked by shingle overlap.
MAX_CANDIDATES = 8

_WORD = re.compile(r"\w+")


def normalize(text: str) -> str:
    """Text as compared for identity: NFKC, case-folded, runs of whitespace as one space,
    typographic quotes and dashes as ASCII (a re-encoded copy is the same article)."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.translate(str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"',
                                         "\u201d": '"', "\u2013": "-", "\u2014": "-"}))
    return " ".join(text.split())


def text_hash(text: str) -> str:
    """sha256 of the normalized text (hex): the key that makes ingest idempotent."""
    return hashlib.sha256(normalize(text).encode("utf-8")).hexdigest()


def shingles(text: str) -> set[str]:
    """Word bigrams of the normalized text (one word for a one-word text)."""
    words = _WORD.findall(normalize(text))
    return {" ".join(words[i:i + SHINGLE_WORDS])
            for i in range(max(1, len(words) - SHINGLE_WORDS + 1))}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def simhash(text: str) -> int:
    """64-bit SimHash (trafilatura's Charikar hash) of the text's word-bigram shingles,
    as a signed integer so it fits DuckDB's BIGINT."""
    from trafilatura.deduplication import Simhash

    words = _WORD.findall(normalize(text))
    shingles = ["".join(words[i:i + SHINGLE_WORDS])
                for i in range(max(1, len(words) - SHINGLE_WORDS + 1))]
    value = Simhash(" ".join(shingles)).hash
    return value - (1 << 64) if value >= (1 << 63) else value


def distance(a: int, b: int) -> int:
    """Hamming distance between two 64-bit hashes (signed or not)."""
    return bin((a ^ b) & ((1 << 64) - 1)).count("1")
