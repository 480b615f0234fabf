"""The actor lexicon: countries, roles, organizations and office holders, from data files.

Everything here is read from ``tidings/data/`` (versioned, curated tables, through
``tidings.data``); this module only indexes it for fast lookup by folded token sequences.
Loaded once per process.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from tidings import data
from tidings.nlp.folding import deletions, fold

# Longest term, in tokens, looked up in the lexicon: Arabic names with their "al-" parts
# ("Khalid Al-Hamad Al-Nasser Al-Rashid") run to ten.
MAX_TERM_TOKENS = 12


@dataclass(frozen=True)
class Term:
    """One lexicon entry matched by a token sequence."""

    kind: str  # country, adjective, people, capital, role, modifier, org, holder
    key: str  # folded form
    country: str | None = None  # ISO3, IGO
    sector: str | None = None
    name: str | None = None  # canonical name (country, org or person)
    actor_kind: str | None = None  # person / group / organization / country
    igo_code: str | None = None
    start: str | None = None  # office holders: term of office
    end: str | None = None
    case_sensitive: bool = False  # all-caps abbreviations: "US" but not "us"


def _is_abbreviation(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return bool(letters) and len(letters) <= 5 and all(c.isupper() for c in letters)


class Lexicon:
    """All terms, indexed by tuples of folded tokens."""

    def __init__(self) -> None:
        self.terms: dict[tuple[str, ...], list[Term]] = {}
        self.countries: dict[str, dict] = {}
        # every word of every role pattern: tells generic institution names ("Defense
        # Department", "Security Council") from proper ones ("Hezbollah")
        self.role_words: set[str] = set()
        # office holders by surname (last name token), for "Assistant Secretary Okonjo"
        self.surnames: dict[str, list[Term]] = {}
        # one-edit variants of single-word country names and demonyms ("Tanzanains", "Ethiopa")
        self.near: dict[str, set[tuple[str, ...]]] = {}
        self._load_countries()
        self._index_near()
        self._load_roles()
        self._load_orgs()
        self._load_holders()
        # every proper prefix of every key: a scan stops as soon as the words so far begin
        # no term, instead of trying every length up to MAX_TERM_TOKENS at every token
        self.prefixes: set[tuple[str, ...]] = {
            key[:size] for key in self.terms for size in range(1, len(key))}

    # -- building ---------------------------------------------------------------------------
    def add(self, form: str, term: Term) -> None:
        key = tuple(tokenize_key(form))
        if not key or len(key) > MAX_TERM_TOKENS:
            return
        entries = self.terms.setdefault(key, [])
        if term not in entries:
            entries.append(term)

    def _load_countries(self) -> None:
        for c in data.json_table("countries.json").get("countries", []):
            iso3, name = c["iso3"], c["name"]
            self.countries[iso3] = c
            for kind, forms in (("country", [name, *c.get("aliases", [])]),
                                ("adjective", c.get("adjectives", [])),
                                ("people", c.get("people", [])),
                                ("capital", [c.get("capital") or "",
                                             *c.get("capital_aliases", [])])):
                for form in forms:
                    if form:
                        self.add(form, Term(kind, fold(form), country=iso3, name=name,
                                            actor_kind="country",
                                            case_sensitive=_is_abbreviation(form)))

    # Shortest word matched despite one typo: shorter words have too many neighbours.
    NEAR_MIN_CHARS = 6
    # Shortest country word a typo is matched to ("Quatar" is Qatar): one letter shorter
    # than the word, as a slip may add a letter.
    NEAR_MIN_KEY_CHARS = NEAR_MIN_CHARS - 1

    def _index_near(self) -> None:
        for key in self.terms:
            if len(key) == 1 and len(key[0]) >= self.NEAR_MIN_KEY_CHARS:
                for variant in deletions(key[0]) | {key[0]}:
                    self.near.setdefault(variant, set()).add(key)

    def reach(self, folded: list[str], start: int, stop: int) -> int:
        """The end of the longest run ``folded[start:end]`` (end <= stop) that is a key or
        begins one; ``start`` when none does. Matches can only end at or before it, plus
        one token for an inflected last word."""
        end = start
        for k in range(start + 1, stop + 1):
            words = tuple(folded[start:k])
            if words not in self.prefixes and words not in self.terms:
                break
            end = k
        return end

    def lookup_near(self, word: str) -> list[Term]:
        """Country terms one typing slip (a letter left out, added, changed, two swapped;
        first and last letters kept: ``typo_of``) from ``word``, when exactly one
        term is that close."""
        folded = key_token(word)
        if len(folded) < self.NEAR_MIN_CHARS:
            return []
        keys = set()
        for variant in deletions(folded) | {folded}:
            keys |= self.near.get(variant, set())
        keys = {k for k in keys if typo_of(folded, k[0])}
        if len(keys) != 1:
            return []
        # capitals are left out: too many surnames are one letter from one ("Moroni")
        return [t for t in self.terms[next(iter(keys))]
                if t.kind in ("country", "adjective", "people")]

    def _load_roles(self) -> None:
        for row in data.tsv("roles.tsv"):
            pattern = row["pattern"]
            self.role_words.update(tokenize_key(pattern))
            term = Term("role", fold(pattern), sector=row["sector"] or None,
                        actor_kind=row["kind"] or "group")
            self.add(pattern, term)
            if "." in pattern:
                # the tokenizer keeps "Sen." and "Lt. Gen." whole where it splits "sen."
                # into two words: the capitalized spelling is the key text will have
                self.add(" ".join(w[:1].upper() + w[1:] for w in pattern.split()), term)
        for row in data.tsv("role_modifiers.tsv"):
            self.add(row["word"], Term("modifier", fold(row["word"]),
                                       sector=row["effect"] or None))

    def _load_orgs(self) -> None:
        for row in data.tsv("organizations.tsv"):
            name = row["name"]
            # start and end: the dates a row holds (an armed group that later governs: REB
            # until the day it took power, GOV after); chosen by publication date like
            # office holders
            for form in [name, *data.split_cell(row["aliases"])]:
                self.add(form, Term("org", fold(form), country=row["country"] or None,
                                    sector=row["sector"] or None, name=name,
                                    actor_kind=row["kind"] or "organization",
                                    igo_code=row["igo_code"] or None,
                                    case_sensitive=_is_abbreviation(form),
                                    start=row["start"] or None, end=row["end"] or None))

    def _load_holders(self) -> None:
        for row in data.tsv("office_holders.tsv"):
            name, country = row["name"], row["country"] or None
            igo = self._igo_in(row["role"]) if country == "IGO" else None
            holder = functools.partial(Term, "holder", country=country,
                                       sector=row["sector"] or None, name=name,
                                       actor_kind="person", igo_code=igo,
                                       start=row["start"] or None, end=row["end"] or None)
            surname = tokenize_key(name)[-1] if len(name.split()) > 1 else None
            if surname and len(surname) > 2:
                self.surnames.setdefault(surname, []).append(holder(fold(name)))
            for form in [name, *data.split_cell(row["aliases"])]:
                self.add(form, holder(fold(form)))

    def _igo_in(self, role: str) -> str | None:
        """The IGO code of the organization a role names ("NATO secretary-general")."""
        tokens = tokenize_key(role)
        originals = [t.text for t in _tokenizer()(role) if not t.is_space]
        for size in range(min(len(tokens), MAX_TERM_TOKENS), 0, -1):
            for i in range(len(tokens) - size + 1):
                for term in self.lookup(tokens[i:i + size], originals[i:i + size]):
                    if term.kind == "org" and term.igo_code:
                        return term.igo_code
        return None

    # -- lookup -----------------------------------------------------------------------------
    def lookup(self, tokens, originals) -> list[Term]:
        """Terms for exactly this folded token sequence (case rules applied)."""
        found = self.terms.get(tuple(tokens), [])
        if not found:
            return []
        exact = " ".join(originals)
        return [t for t in found if not t.case_sensitive or _caps_match(exact)]


def typo_of(word: str, name: str) -> bool:
    """Is ``word`` one typing slip from ``name``: two neighbouring letters swapped
    ("Mumbia", "Dehli", "Kazahks"), or one letter left out, added or changed ("Ethopia",
    "Quatar") anywhere but at the ends ("Franco" is no France)? Indexes of deletions also
    pair words two edits apart ("Mines" and "Minsk"); this tells them apart."""
    if word == name or word[:1] != name[:1]:
        return False
    if len(word) == len(name):
        diff = [i for i, (a, b) in enumerate(zip(word, name)) if a != b]
        if len(diff) == 1:
            return diff[0] != len(word) - 1
        return len(diff) == 2 and diff[1] == diff[0] + 1 and \
            word[diff[0]] == name[diff[1]] and word[diff[1]] == name[diff[0]]
    short, long_ = sorted((word, name), key=len)
    return len(long_) - len(short) == 1 and short[-1] == long_[-1] and any(
        long_[:i] + long_[i + 1:] == short for i in range(len(long_) - 1))


def _caps_match(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def tokenize_key(form: str) -> list[str]:
    """Split a lexicon form the way spaCy splits running text (near enough for matching)."""
    tokenizer = _tokenizer()
    return [key_token(t.text) for t in tokenizer(form) if not t.is_space]


# Words repeat across a corpus; folding (NFKD) each occurrence anew was ~5% of extraction.
@functools.lru_cache(maxsize=200_000)
def key_token(text: str) -> str:
    """One token's lookup key: folded, name spellings unified."""
    folded = fold(text)
    return _name_variants().get(folded, folded)


@functools.lru_cache(maxsize=1)
def _name_variants() -> dict[str, str]:
    """Spellings of one name that transliterations vary on, each to one key, so two
    spellings of a first name find the same office holder (name_variants.tsv)."""
    return {row["variant"]: row["name"] for row in data.tsv("name_variants.tsv")}


@functools.lru_cache(maxsize=1)
def _tokenizer():
    from spacy.lang.en import English

    from tidings.nlp.pipeline import keep_titles_whole

    tokenizer = English().tokenizer
    keep_titles_whole(tokenizer)  # as the pipeline's, so keys split as the text does
    return tokenizer


def country_on(code: str | None, published: str | None) -> str | None:
    """The code of a country as of the publication date: a country not yet independent is
    coded as the one it was part of (country_successions.tsv)."""
    if not code or not published:
        return code
    for _ in range(3):  # successions may chain; three steps is more than history needs
        row = _successions().get(code)
        if row is None or published[:10] >= row[0]:
            return code
        code = row[1]
    return code


@functools.lru_cache(maxsize=1)
def _successions() -> dict[str, tuple[str, str]]:
    return {row["code"]: (row["from"], row["before"])
            for row in data.tsv("country_successions.tsv")}


@functools.lru_cache(maxsize=1)
def load() -> Lexicon:
    """The process-wide lexicon."""
    return Lexicon()
