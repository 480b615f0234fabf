"""Actor mentions, found: lexicon terms and name entities (pieces), joined into runs.

1. terms: longest lexicon matches over the tokens (countries, demonyms, capitals, roles,
   organizations, office holders), plus spaCy's PERSON/ORG entities;
2. runs: maximal stretches of a sentence made of terms, names, possessives and the adjectives
   and nouns between them ("Peru's senior Catholic bishop"), one noun phrase each.

A run is coded into ``Mention`` records by ``coding``.
"""
from __future__ import annotations

from dataclasses import dataclass

from tidings.actors import lexicon
from tidings.actors.lexicon import Term
from tidings.data import words
from tidings.nlp.doctext import doc_ents, sentence_bounds, token_texts
from tidings.places import gazetteer

# Most words between two pieces of one title ("Peru's senior Catholic bishop").
MAX_TITLE_GAP = 4


@dataclass
class Piece:
    """A matched term or a name entity inside a sentence, in token indices."""

    start: int
    end: int
    kind: str  # a Term kind, or "person" / "orgent" for uncoded spaCy entities
    term: Term | None = None


@dataclass
class Mention:
    """One coded actor mention: where it is and who it names."""

    start: int  # char offsets
    end: int
    kind: str  # person, organization, country, group
    name: str
    country: str | None
    sector: str | None
    key: tuple
    igo_code: str | None = None
    sentence: int = 0
    person_tokens: tuple = ()
    metonym: bool = False
    role: str | None = None  # the title's folded pattern ("spokeswoman")
    quoted: bool = False  # inside quotation marks
    plural: bool = False
    # the name tokens of the person whose title, troops or spokesman this is ("Hun Sen's
    # troops", "Yeltsin's spokesman"): the mention takes that person's country
    owner: tuple = ()
    owner_pronoun: tuple | None = None  # "his aides": the span of "his" (resolved by coref)
    # an unnamed title after "the" or a possessive ("the judge", "his aide"): it may stand
    # for a person already named; "a judge" introduces someone new
    definite: bool = False
    # how the country was found: "own" (the phrase's words), or the context step that gave it
    # (tidings.actors.setting): later steps never override an earlier one
    country_from: str | None = None
    gender: str | None = None  # "m" / "f" from a courtesy title ("Mrs. Clinton")
    holder: bool = False  # a lexicon office holder: the key is the lexicon's name
    in_office: bool | None = None  # an office holder: held an office on the publication date
    # the institution a title names ("Foreign Ministry spokesman": "foreign ministry")
    institution: str | None = None


def _match_terms(doc, lex, published: str | None = None) -> list[Piece]:
    """Longest lexicon matches, left to right, never across sentence ends."""
    pieces = []
    texts = token_texts(doc)
    keys = {text: lexicon.key_token(text) for text in set(texts)}  # once per distinct word
    folded = [keys[text] for text in texts]
    # words of multi-word person names are names, never misspelt countries
    name_words = {texts[i] for ent in doc_ents(doc) if ent.label_ == "PERSON" and len(ent) > 1
                  for i in range(ent.start, ent.end)}
    lemmas = None  # only needed where a run could end in an inflected word: made once
    sent_end = sentence_bounds(doc)[1]
    i, n = 0, len(doc)
    while i < n:
        found = None
        limit = min(n, sent_end[i], i + lexicon.MAX_TERM_TOKENS)
        # exact keys end at or before `reach`; an inflected last word one token after it
        reach = lex.reach(folded, i, limit)
        for j in range(min(limit, reach + 1), i, -1):
            originals = texts[i:j]
            terms = lex.lookup(folded[i:j], originals) if j <= reach else []
            if not terms:
                # plural or inflected last word: "troops" -> troop, "ministers" -> minister
                if lemmas is None:  # from the array: no Token object per word
                    strings, hashes = doc.vocab.strings, doc.to_array("LEMMA").tolist()
                    lemma_keys = {h: lexicon.key_token(strings[h]) for h in set(hashes)}
                    lemmas = [lemma_keys[h] for h in hashes]
                if lemmas[j - 1] != folded[j - 1]:
                    key = folded[i:j - 1] + [lemmas[j - 1]]
                    terms = [t for t in lex.lookup(key, originals)
                             if t.kind in ("role", "people")]
            if terms:
                found = (j, _best_term(_holder_on(terms, published), doc[i:j]))
                break
        if not found and texts[i][:1].isupper() and texts[i].isalpha() and \
                texts[i] not in name_words and _may_be_misspelt_name(doc[i]):
            near = lex.lookup_near(texts[i])
            if near:
                found = (i + 1, _best_term(near, doc[i:i + 1]))
        if found:
            j, term = found
            if term is not None:
                pieces.append(Piece(i, j, term.kind, term))
            i = j
        else:
            i += 1
    return pieces


def _may_be_misspelt_name(token) -> bool:
    """A capitalized proper noun or name entity the lexicon does not know ("Tanzanains",
    "Kazahks"): no word of a longer name ("Franco Rossi", "Trade Center Authority") and no
    place name of its own ("Columbia" is a city, not a misspelt Colombia). The lexicon
    takes it only one typing slip from a country word (``lexicon.typo_of``)."""
    if not (token.text[:1].isupper() and token.text.isalpha() and (
            token.pos_ == "PROPN" or token.ent_type_ in ("NORP", "GPE", "PERSON", "ORG"))):
        return False
    if token.ent_iob_ == "I" or (token.i + 1 < len(token.doc)
                                 and token.doc[token.i + 1].ent_iob_ == "I"):
        return False  # a word of a name of several words
    return not gazetteer.load().lookup(token.text)


def _nominal_use(token) -> bool:
    """"the displaced", "Burkina Faso's displaced": a participle or adjective used as a noun
    (after "the" or a possessive, with no noun after it)."""
    doc = token.doc
    before = doc[token.i - 1] if token.i > 0 else None
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return before is not None and (before.lower_ == "the" or is_possessive(before)) and (
        after is None or after.pos_ not in ("NOUN", "PROPN", "ADJ"))


def _holder_on(terms: list[Term], published: str | None) -> list[Term]:
    """Order a person's offices for the publication date: the one held that day first, then
    the latest begun before it; without a date, the latest office (rows are latest first)."""
    holders = [t for t in terms if t.kind in ("holder", "org") and (t.start or t.end)]
    if not published or len(holders) < 2:
        return terms
    day = published[:10]

    def began(term: Term) -> bool:  # dates may be years only: compare at their precision
        return not term.start or day[:len(term.start)] >= term.start

    def ended(term: Term) -> bool:
        return bool(term.end) and day[:len(term.end)] > term.end

    def rank(term: Term):
        held = began(term) and not ended(term)
        return (not held, not began(term))  # stable sort keeps latest-first among equals

    holders.sort(key=rank)
    return holders + [t for t in terms if t not in holders]


def _best_term(terms: list[Term], span) -> Term | None:
    """Pick one reading; proper-noun readings need a capital letter."""
    first = span[0].text
    capitalized = first[:1].isupper() or (first.lower() in words("name_particles")
                                           and len(span) > 1)  # "al-Shabaab"
    order = ["holder", "org", "country", "capital", "people", "adjective", "role", "modifier"]
    kinds = {t.kind for t in terms}
    if {"people", "adjective"} <= kinds and (span.root.pos_ == "ADJ" or
                                            span.root.dep_ in ("amod", "compound")):
        order.remove("people")  # "Chinese tensions": an adjective; "the Chinese": people
    for kind in order:
        for term in terms:
            if term.kind != kind:
                continue
            if kind in ("holder", "org", "country", "capital", "people", "adjective") \
                    and not capitalized:
                continue
            if kind == "role" and len(span) == 1 and not _nominal_use(span[0]) and (
                    span[0].pos_ in ("VERB", "AUX", "ADV", "ADP") or
                    (span[0].pos_ == "ADJ" and span[0].dep_ in ("amod", "acomp", "advmod"))):
                continue  # "general election", "official figures": not people; "the
                # displaced" (an adjective as the noun phrase's head) still is
            return term
    return None


def find_pieces(doc, lex, published: str | None = None) -> list[Piece]:
    """Terms plus spaCy PERSON/ORG entities not already covered by a term."""
    pieces = _match_terms(doc, lex, published)
    covered = set()
    org_tokens = set()
    for p in pieces:
        covered.update(range(p.start, p.end))
        if p.kind in ("org", "holder"):
            org_tokens.update(range(p.start, p.end))
    for ent in doc_ents(doc):
        if ent.label_ not in words("actor_person_ents") and ent.label_ != "ORG":
            continue
        tokens = [t.i for t in ent
                  if t.i not in covered and not t.is_punct and not is_possessive(t)]
        if not tokens:
            continue
        # Titles inside a PERSON entity ("Archbishop Tomas Varga") are already role terms.
        start, end = min(tokens), max(tokens) + 1
        if any(t in org_tokens for t in range(ent.start, ent.end)):
            continue  # "UNICEF Country Office": the coded organization is the entity
        if any(t in covered for t in range(start, end)):
            # split around covered tokens: keep the longest uncovered stretch at the end
            run = []
            for t in range(start, end):
                run = [] if t in covered else run + [t]
            if not run:
                continue
            start, end = run[0], run[-1] + 1
        if end - start == 1 and doc[start].text.lower() in words("actor_pronouns"):
            continue
        if not any(t.pos_ in ("PROPN", "NOUN") for t in doc[start:end]):
            continue  # what is left of "the Democratic People's Republic of Korea": "the"
        if ent.label_ in words("actor_person_ents"):
            # the small model often cuts names short ("Ana Lucia | Ferreira")
            starts, ends = sentence_bounds(doc)
            sent_start, sent_end = starts[start], ends[start]
            while end < sent_end and _name_token(doc[end]) and end not in covered:
                end += 1
            while start > sent_start and _name_token(doc[start - 1]) and \
                    start - 1 not in covered:
                start -= 1
        kind = "person" if ent.label_ in words("actor_person_ents") else "orgent"
        pieces.append(Piece(start, end, kind))
        covered.update(range(start, end))
    _add_bare_names(doc, pieces, covered)
    pieces.sort(key=lambda p: p.start)
    return pieces


def _name_token(token) -> bool:
    return token.pos_ == "PROPN" and token.text[:1].isupper() and token.ent_type_ in (
        "", "PERSON") and len(token.text) > 1


def _add_bare_names(doc, pieces: list[Piece], covered: set[int]) -> None:
    """Bare surnames of people the article names in full ("Okafor"), where the entity
    recognizer missed them or called them a place."""
    surnames = set()
    for p in pieces:
        if p.kind in ("person", "holder") and p.end - p.start > 1:
            last = doc[p.end - 1]
            if last.text[:1].isupper() and len(last.text) > 2:
                surnames.add(last.text)
    if not surnames:
        return
    first_seen = min((p.start for p in pieces if p.kind in ("person", "holder")), default=0)
    for i, text in enumerate(token_texts(doc)):
        # before the full name too, as a proper noun: headlines often give the surname first
        if i not in covered and text in surnames and (i > first_seen or doc[i].pos_ == "PROPN"):
            pieces.append(Piece(i, i + 1, "person"))
            covered.add(i)


def is_possessive(token) -> bool:
    return token.tag_ == "POS" or token.text in words("possessive_endings")


def find_runs(doc, pieces: list[Piece]) -> list[list[Piece]]:
    """Group pieces into runs: one noun phrase each ("Peru's senior Catholic bishop")."""
    runs: list[list[Piece]] = []
    current: list[Piece] = []
    for piece in pieces:
        if current and _joinable(doc, current[-1], piece):
            current.append(piece)
        else:
            if current:
                runs.append(current)
            current = [piece]
    if current:
        runs.append(current)
    return runs


def _joinable(doc, a: Piece, b: Piece) -> bool:
    """Two pieces belong to one noun phrase: adjacent (or joined by a possessive or hyphen),
    or with title words between them that the parse attaches inside the phrase."""
    starts = sentence_bounds(doc)[0]
    if b.start >= len(doc) or starts[a.start] != starts[b.start]:
        return False
    gap = doc[a.end:b.start]
    if len(gap) > MAX_TITLE_GAP:
        return False
    if all(is_possessive(t) or t.text in ("-", "\u2013") for t in gap):
        return True
    if not all(t.pos_ in words("title_filler_pos") or is_possessive(t) or t.text in ("-", "\u2013")
               or t.dep_ in ("amod", "compound") for t in gap):
        return False
    # "Peru's senior Catholic bishop": the first piece hangs (through the title words)
    # on the second; "the council's ruling angered unions" does not
    token = doc[a.start:a.end].root
    for _ in range(MAX_TITLE_GAP + 2):
        if b.start <= token.i < b.end:
            return True
        if token.head is token or not (a.start <= token.head.i < b.end):
            return False
        token = token.head
    return False
