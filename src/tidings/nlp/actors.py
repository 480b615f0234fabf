"""Actors: mentions found, coded CAMEO-style (ISO3 country + sector), grouped per article."""
from __future__ import annotations

import bisect
import functools
from collections import Counter
from dataclasses import dataclass, field

from tidings.nlp import lexicon as lexicon_module
from tidings.nlp.doctext import doc_ents, doc_text, sentence_bounds, token_texts
from tidings.nlp.lexicon import Term, fold


@dataclass
class Actor:
    """One actor of an article, with every span that mentions it."""

    id: str
    name: str
    kind: str  # person, organization, country, group
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)

    def ref(self, mention: tuple[int, int] | None = None) -> dict:
        """The contract's reference to this actor from an event side or a quote speaker."""
        return {"actor": self.id, "name": self.name, "country": self.country,
                "sector": self.sector, "code": self.code,
                "mention": list(mention) if mention else None}

    def as_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "kind": self.kind, "country": self.country,
                "sector": self.sector, "code": self.code,
                "mentions": [list(m) for m in sorted(self.mentions)]}


class ActorTable:
    """The actors of one article and a lookup from character spans to them."""

    def __init__(self, actors: list[Actor], metonyms: set[tuple[int, int]] | None = None):
        self.actors = actors
        # Place names used as actors ("Washington said"): not event places.
        self.metonyms = metonyms or set()
        self._index = sorted((s, e, a) for a in actors for (s, e) in a.mentions)
        self._starts = [s for s, _, _ in self._index]

    def __iter__(self):
        return iter(self.actors)

    def __len__(self) -> int:
        return len(self.actors)

    def by_id(self, actor_id: str) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)

    def mentions_in(self, start: int, end: int) -> list[tuple[Actor, tuple[int, int]]]:
        """Mentions lying inside [start, end), in text order."""
        i = bisect.bisect_left(self._starts, start)
        found = []
        while i < len(self._index) and self._index[i][0] < end:
            s, e, actor = self._index[i]
            if e <= end:
                found.append((actor, (s, e)))
            i += 1
        return found

    def at(self, start: int, end: int) -> tuple[Actor, tuple[int, int]] | None:
        """The mention overlapping [start, end) most (ties: the longest mention)."""
        best, best_key = None, (0, 0)
        i = max(0, bisect.bisect_left(self._starts, start) - 8)
        while i < len(self._index) and self._index[i][0] < end:
            s, e, actor = self._index[i]
            overlap = min(e, end) - max(s, start)
            if overlap > 0 and (overlap, e - s) > best_key:
                best, best_key = (actor, (s, e)), (overlap, e - s)
            i += 1
        return best

    def countries(self) -> Counter:
        """How often each country is mentioned through the article's actors."""
        counts: Counter = Counter()
        for actor in self.actors:
            if actor.country and actor.country != "IGO":
                counts[actor.country] += len(actor.mentions)
        return counts

    def as_dicts(self) -> list[dict]:
        return [a.as_dict() for a in self.actors]



# -- Mention finding -------------------------------------------------------------------------
#
# 1. terms: longest lexicon matches over the tokens (countries, demonyms, capitals, roles,
#    organizations, office holders), plus spaCy's PERSON/ORG entities;
# 2. runs: maximal stretches of a sentence made of terms, names, possessives and the adjectives
#    and nouns between them ("Iraq's top Shi'ite Muslim cleric"), trimmed to end on a head;
# 3. coding: a run's head (person, organization, role, people) gives kind and sector, its
#    first country word gives the country; runs without a head are country mentions;
# 4. appositions ("Ali al-Sistani, Iraq's top cleric,") and office holders fill what a name
#    alone lacks; roles without a country borrow one from a recent actor of the same sector;
# 5. grouping: later bare names ("Sistani") join the full name they end.

# Where a capital stands for its government ("Washington said"): these dependency
# relations and prepositions; anywhere else it is a place.
ACTOR_DEPS = {"nsubj", "nsubjpass", "poss", "agent", "csubj"}
ACTOR_PREPS = {"by", "between", "with", "against"}
# How many sentences back a countryless title looks for the country of its institution
# ("The State Department said ... spokeswoman Morgan Ortagus said"): two keeps it local.
COUNTRY_LOOKBACK_SENTENCES = 2
NAME_ENTS = {"PERSON"}
ORG_ENTS = {"ORG", "NORP", "GPE", "FAC"}
TITLE_FILLER_POS = {"ADJ", "NOUN", "PROPN", "NUM"}
HEAD_KINDS = {"role", "org", "holder", "people", "person"}
COUNTRY_KINDS = {"country", "adjective", "capital"}
# Titles of people who speak for an institution: without a country of their own they take
# the country of the institution named just before ("The State Department said ...
# spokeswoman Morgan Ortagus said"). Other titles do not borrow: a general or a president
# near another country's institution is not of that country.
SPEAKS_FOR_ROLES = {"spokesman", "spokeswoman", "spokesperson", "official", "aide",
                    "adviser", "advisor", "press secretary", "representative", "envoy"}
PRONOUNS = {"he", "she", "they", "it", "him", "her", "them", "his", "its", "their", "i", "we",
            "you", "me", "us"}


@dataclass
class _Piece:
    """A matched term or a name entity inside a sentence, in token indices."""

    start: int
    end: int
    kind: str  # a Term kind, or "person" / "orgent" for uncoded spaCy entities
    term: Term | None = None


@dataclass
class _Mention:
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


def _match_terms(doc, lex, published: str | None = None) -> list[_Piece]:
    """Longest lexicon matches, left to right, never across sentence ends."""
    pieces = []
    texts = token_texts(doc)
    folded = [lexicon_module.key_token(text) for text in texts]
    # words of multi-word person names are names, never misspelt countries
    name_words = {texts[i] for ent in doc_ents(doc) if ent.label_ == "PERSON" and len(ent) > 1
                  for i in range(ent.start, ent.end)}
    lemmas = None  # only needed where a run could end in an inflected word: made once
    sent_end = sentence_bounds(doc)[1]
    i, n = 0, len(doc)
    while i < n:
        found = None
        limit = min(n, sent_end[i], i + lexicon_module.MAX_TERM_TOKENS)
        # exact keys end at or before `reach`; an inflected last word one token after it
        reach = lex.reach(folded, i, limit)
        for j in range(min(limit, reach + 1), i, -1):
            originals = texts[i:j]
            terms = lex.lookup(folded[i:j], originals) if j <= reach else []
            if not terms:
                # plural or inflected last word: "troops" -> troop, "ministers" -> minister
                if lemmas is None:  # from the array: no Token object per word
                    strings = doc.vocab.strings
                    lemmas = [lexicon_module.key_token(strings[int(h)])
                              for h in doc.to_array("LEMMA")]
                if lemmas[j - 1] != folded[j - 1]:
                    key = folded[i:j - 1] + [lemmas[j - 1]]
                    terms = [t for t in lex.lookup(key, originals)
                             if t.kind in ("role", "people")]
            if terms:
                found = (j, _best_term(_holder_on(terms, published), doc[i:j]))
                break
        if not found and texts[i] not in name_words and _may_be_misspelt_name(doc[i]):
            near = lex.lookup_near(texts[i])
            if near:
                found = (i + 1, _best_term(near, doc[i:i + 1]))
        if found:
            j, term = found
            if term is not None:
                pieces.append(_Piece(i, j, term.kind, term))
            i = j
        else:
            i += 1
    return pieces


def _may_be_misspelt_name(token) -> bool:
    """A capitalized proper noun or nationality the lexicon does not know ("Kazahks")."""
    return token.text[:1].isupper() and (token.pos_ == "PROPN" or token.ent_type_ in (
        "NORP", "GPE", "PERSON")) and token.text.isalpha()


def _nominal_use(token) -> bool:
    """"the displaced", "Burkina Faso's displaced": a participle or adjective used as a noun
    (after "the" or a possessive, with no noun after it)."""
    doc = token.doc
    before = doc[token.i - 1] if token.i > 0 else None
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return before is not None and (before.lower_ == "the" or _is_possessive(before)) and (
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
    capitalized = first[:1].isupper() or (first.lower() in ("al", "el", "ad", "as", "an")
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


def _pieces(doc, lex, published: str | None = None) -> list[_Piece]:
    """Terms plus spaCy PERSON/ORG entities not already covered by a term."""
    pieces = _match_terms(doc, lex, published)
    covered = set()
    org_tokens = set()
    for p in pieces:
        covered.update(range(p.start, p.end))
        if p.kind in ("org", "holder"):
            org_tokens.update(range(p.start, p.end))
    for ent in doc_ents(doc):
        if ent.label_ not in NAME_ENTS and ent.label_ != "ORG":
            continue
        tokens = [t.i for t in ent
                  if t.i not in covered and not t.is_punct and not _is_possessive(t)]
        if not tokens:
            continue
        # Titles inside a PERSON entity ("Ayatollah Ali al-Sistani") are already role terms.
        start, end = min(tokens), max(tokens) + 1
        if any(t in org_tokens for t in range(ent.start, ent.end)):
            continue  # "Red Crescent Society": the coded organization is the entity
        if any(t in covered for t in range(start, end)):
            # split around covered tokens: keep the longest uncovered stretch at the end
            run = []
            for t in range(start, end):
                run = [] if t in covered else run + [t]
            if not run:
                continue
            start, end = run[0], run[-1] + 1
        if end - start == 1 and doc[start].text.lower() in PRONOUNS:
            continue
        if not any(t.pos_ in ("PROPN", "NOUN") for t in doc[start:end]):
            continue  # what is left of "the Democratic People's Republic of Korea": "the"
        if ent.label_ in NAME_ENTS:
            # the small model often cuts names short ("Rodrigo Valdivia | Soto")
            starts, ends = sentence_bounds(doc)
            sent_start, sent_end = starts[start], ends[start]
            while end < sent_end and _name_token(doc[end]) and end not in covered:
                end += 1
            while start > sent_start and _name_token(doc[start - 1]) and \
                    start - 1 not in covered:
                start -= 1
        kind = "person" if ent.label_ in NAME_ENTS else "orgent"
        pieces.append(_Piece(start, end, kind))
        covered.update(range(start, end))
    _add_bare_names(doc, pieces, covered)
    pieces.sort(key=lambda p: p.start)
    return pieces


def _name_token(token) -> bool:
    return token.pos_ == "PROPN" and token.text[:1].isupper() and token.ent_type_ in (
        "", "PERSON") and len(token.text) > 1


def _add_bare_names(doc, pieces: list[_Piece], covered: set[int]) -> None:
    """Later bare surnames of people already named in full ("Soleimani"), where the
    entity recognizer missed them or called them a place."""
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
        if i > first_seen and i not in covered and text in surnames:
            pieces.append(_Piece(i, i + 1, "person"))
            covered.add(i)


def _is_possessive(token) -> bool:
    return token.tag_ == "POS" or token.text in ("'s", "\u2019s", "'", "\u2019")


def _runs(doc, pieces: list[_Piece]) -> list[list[_Piece]]:
    """Group pieces into runs: one noun phrase each ("Iraq's top Shi'ite Muslim cleric")."""
    runs: list[list[_Piece]] = []
    current: list[_Piece] = []
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


# Most words between two pieces of one title ("Iraq's top Shi'ite Muslim cleric").
MAX_TITLE_GAP = 4


def _joinable(doc, a: _Piece, b: _Piece) -> bool:
    """Two pieces belong to one noun phrase: adjacent (or joined by a possessive or hyphen),
    or with title words between them that the parse attaches inside the phrase."""
    starts = sentence_bounds(doc)[0]
    if b.start >= len(doc) or starts[a.start] != starts[b.start]:
        return False
    gap = doc[a.end:b.start]
    if len(gap) > MAX_TITLE_GAP:
        return False
    if all(_is_possessive(t) or t.text in ("-", "\u2013") for t in gap):
        return True
    if not all(t.pos_ in TITLE_FILLER_POS or _is_possessive(t) or t.text in ("-", "\u2013")
               or t.dep_ in ("amod", "compound") for t in gap):
        return False
    # "Iraq's top Shi'ite Muslim cleric": the first piece hangs (through the title words)
    # on the second; "the parliament's decision angered unions" does not
    token = doc[a.start:a.end].root
    for _ in range(MAX_TITLE_GAP + 2):
        if b.start <= token.i < b.end:
            return True
        if token.head is token or not (a.start <= token.head.i < b.end):
            return False
        token = token.head
    return False


def _code(country: str | None, sector: str | None, igo_code: str | None = None) -> str | None:
    if country == "IGO":
        return "IGO" + (igo_code or "")
    if country and sector:
        return country + sector
    return country or sector


def _holder_sector(term: Term, published: str | None) -> str | None:
    """An office holder's sector: the office held on the publication date, else the latest
    one before it (``_holder_on`` chose the row). A person out of office is coded ELI only
    when the text says so ("former", "ex-", "the late": role_modifiers.tsv): a bare name
    keeps the affiliation readers and the annotated sets (NGEC) give it, and the text, not
    the calendar, is the evidence every coded field must trace to."""
    return term.sector


def _place_country(text: str) -> str | None:
    """The country of a place name used as a modifier ("Kyiv police", "Rakhine rebels"):
    the most populous reading in the gazetteer, cities and first-level divisions only."""
    from tidings.nlp import gazetteer

    places = [p for p in gazetteer.load().lookup(text)
              if p.country and p.kind in ("city", "admin1", "country")]
    if not places:
        places = _near_big_city(text)
    if not places:
        return None
    return max(places, key=lambda p: (p.kind == "country", p.population)).country


# Words that make an institution's name generic when all its words are such words or
# title words ("Defense Department", "Security Council", "Foreign Ministry").
GENERIC_NAME_WORDS = {"defense", "defence", "state", "foreign", "security", "national",
                      "supreme", "federal", "central", "interior", "justice", "home", "armed",
                      "public", "general", "high", "constitutional", "affairs", "of", "the", "&",
                      "and", "-"}


def _generic_name(span) -> bool:
    """"Defense Department" could be any country's; "Hezbollah" is one group's."""
    words = lexicon_module.load().role_words | GENERIC_NAME_WORDS
    return all(lexicon_module.key_token(t.text) in words for t in span)


def _titled_surname_country(name_span) -> str | None:
    """"Deputy Secretary Hicks": a title before a surname that one known office holder bears
    gives that holder's country. Without a title a surname is too weak to go on."""
    lex = lexicon_module.load()
    surname = lexicon_module.key_token(name_span[-1].text)
    people = {t.name: t for t in lex.surnames.get(surname, [])}
    if len(people) != 1:
        return None
    holder = next(iter(people.values()))
    given = [lexicon_module.key_token(t.text) for t in name_span[:-1]]
    if given and lexicon_module.key_token(holder.name.split()[0]) != given[0]:
        return None  # another first name: another person
    return holder.country


# Cities this large are matched despite one typo ("Dehli police"): few enough that one edit
# rarely lands on another name.
NEAR_CITY_POPULATION = 1_000_000


@functools.lru_cache(maxsize=1)
def _big_city_variants() -> dict[str, set[str]]:
    from tidings.nlp import gazetteer

    variants: dict[str, set[str]] = {}
    for key, places in gazetteer.load().names.items():
        if len(key) >= 5 and " " not in key and any(
                p.kind == "city" and p.population >= NEAR_CITY_POPULATION for p in places):
            for variant in lexicon_module._deletions(key) | {key}:
                variants.setdefault(variant, set()).add(key)
    return variants


def _near_big_city(text: str) -> list:
    """A one-edit misspelling of a big city's name, when only one city is that close."""
    from tidings.nlp import gazetteer

    key = fold(text)
    if len(key) < 5 or " " in key:
        return []
    index = _big_city_variants()
    keys = set()
    for variant in lexicon_module._deletions(key) | {key}:
        keys |= index.get(variant, set())
    names = gazetteer.load().names
    places = {p.geonameid: p for k in keys for p in names[k]
              if p.kind == "city" and p.population >= NEAR_CITY_POPULATION}
    return list(places.values()) if len(places) == 1 else []  # one city, or none


def _is_city(text: str) -> bool:
    from tidings.nlp import gazetteer

    return any(p.kind == "city" for p in gazetteer.load().lookup(text))


def _name_place_country(span) -> str | None:
    """The country of the first place named inside an organization's name."""
    tokens = [t for t in span if t.text[:1].isupper()]
    for size in (3, 2, 1):
        for i in range(len(tokens) - size + 1):
            window = tokens[i:i + size]
            if window[-1].i - window[0].i != size - 1:
                continue
            country = _place_country(span.doc[window[0].i:window[-1].i + 1].text)
            if country:
                return country
    return None


def _left_place_modifier(doc, start: int) -> tuple[int, str | None]:
    """Proper nouns just before a run that name a place: (new start, country)."""
    i = start
    sent_start = sentence_bounds(doc)[0][start]
    while i - 1 >= sent_start and doc[i - 1].pos_ in ("PROPN", "ADJ", "NOUN") \
            and start - (i - 1) <= 3 and doc[i - 1].text[:1].isupper():
        i -= 1
    if i == start:
        return start, None
    for j in range(i, start):  # "Kano State government": the longest known name first
        country = _place_country(doc[j:start].text) or _place_country(doc[j].text)
        if country:
            return i, country
    return start, None


def _run_mentions(doc, run: list[_Piece], sent_index: int, published: str | None) -> list[_Mention]:
    """Code one run: a headed actor phrase, or plain country mentions."""
    heads = [p for p in run if p.kind in HEAD_KINDS or p.kind == "orgent"]
    if not heads:
        mentions = []
        for p in run:
            if p.kind in COUNTRY_KINDS and p.term:
                span = doc[p.start:p.end]
                mentions.append(_Mention(span.start_char, span.end_char, "country",
                                         p.term.name, p.term.country, None,
                                         ("country", p.term.country), sentence=sent_index,
                                         metonym=p.kind == "capital"))
        return mentions
    head = heads[-1]
    head_index = run.index(head)
    first = run[0]
    # leave modifiers ("former") in, but a run never starts with a lone possessive
    span = doc[first.start:head.end]
    country = None
    sector = None
    igo = None
    kind = "group"
    name = span.text
    person_tokens: tuple = ()
    for p in run[: head_index + 1]:
        if p.term and p.kind in COUNTRY_KINDS | {"people"} and country is None:
            country = p.term.country
        if p.term and p.kind == "org" and country is None and p.term.country:
            country = p.term.country
            igo = p.term.igo_code
    for p in run[: head_index + 1]:
        if p.kind == "org" and p.term and p.term.country not in (None, "IGO") \
                and not _generic_name(doc[p.start:p.end]):
            country = p.term.country  # "Iranian Hizbollah fighters": Hezbollah is Lebanese
    roles = [p for p in run[: head_index + 1] if p.kind == "role" and p.term]
    modifiers = [p for p in run if p.kind == "modifier" and p.term]
    if head.kind == "orgent" and roles and roles[-1].term.actor_kind == "person" \
            and roles[-1].end <= head.start:
        head = _Piece(head.start, head.end, "person")  # "spokeswoman Morgan Ortagus"
    if head.kind == "person" or head.kind == "holder":
        kind = "person"
        name_span = doc[head.start:head.end]
        name = name_span.text
        person_tokens = tuple(fold(t.text) for t in name_span if not t.is_punct)
        if head.kind == "holder":
            # the name as the article writes it ("Adel Abdul Mahdi"), not the lexicon's
            # spelling ("Adil Abdul-Mahdi"): readers search for what they read
            if country is None:
                country = head.term.country
                igo = head.term.igo_code
            if not roles:
                sector = _holder_sector(head.term, published)
        if roles:
            sector = roles[-1].term.sector
            if country is None and head.kind == "person":
                country = _titled_surname_country(doc[head.start:head.end])
    elif head.kind == "org" or head.kind == "orgent":
        kind = "organization"
        if head.term:
            name = head.term.name
            kind = head.term.actor_kind or "organization"
            sector = head.term.sector
            if head.term.country:
                country = head.term.country
                igo = head.term.igo_code
            if kind == "country":
                kind = "organization"
        else:
            name = doc[head.start:head.end].text
            person_tokens = tuple(fold(t.text) for t in doc[head.start:head.end]
                                  if not t.is_punct)
            if roles:
                sector = roles[-1].term.sector
            elif _is_city(name):
                kind, sector = "group", "CVL"  # "Mariupol" tagged ORG: its people
    elif head.kind == "people":
        kind = "group"
        sector = "CVL"
        name = span.text
    else:  # role
        kind = head.term.actor_kind or "group"
        sector = head.term.sector
        name = span.text
    institutions = [p for p in run[:head_index] if p.kind == "role" and p.term
                    and p.term.actor_kind == "organization"]
    if head.kind == "role" and head.term.key in MEMBER_TITLES and institutions:
        # "intelligence agency officer", "ministry spokesman": they act for the institution
        sector = institutions[-1].term.sector
    orgs = [p for p in run[:head_index] if p.kind == "org" and p.term]
    if head.kind == "role" and orgs and orgs[-1].term.sector:
        org_term = orgs[-1].term
        if org_term.country == "IGO":
            igo = org_term.igo_code
        if head.term.key in OWN_ROLES:
            pass  # "Senate candidate", "Hamas hostage": the role, not the body, says who
        elif org_term.country != "IGO" or head.term.key in MEMBER_TITLES | {"delegation"}:
            # "Boko Haram gunmen", "NATO delegation", "Hamas leader": members of the
            # organization named before them act for it; but "EU legislators" are
            # legislators of an international body (IGO country, LEG sector)
            sector = org_term.sector
    if head.kind == "org" and head.term and head.term.country not in (None, "IGO") \
            and _generic_name(doc[head.start:head.end]):
        named = [p for p in run[:head_index] if p.kind in COUNTRY_KINDS and p.term]
        if named and named[-1].term.country != head.term.country:
            role_reading = [t for t in lexicon_module.load().terms.get(
                tuple(lexicon_module.key_token(t.text) for t in doc[head.start:head.end]), [])
                if t.kind == "role" and t.sector]
            if role_reading:  # "Chile's Defense Department": a defence ministry (GOV)
                sector = role_reading[0].sector
            # "Chile's Defense Department": a generic institution name of another country
            country = named[-1].term.country
            name = span.text
    for m in modifiers:
        if m.term.sector == "ELI" and m.start < head.start:
            sector = "ELI"
        elif m.term.sector not in (None, "keep", "ELI") and m.start < head.start and \
                head.kind == "role" and head.term.key in GENERIC_TITLES:
            sector = m.term.sector  # "Muslim leaders": REL
    if country is None:
        # "Madras High Court", "Massachusetts Institute of Technology": a place in the name
        for p in run[: head_index + 1]:
            if p.kind in ("orgent", "place") and p.term is None:
                country = _name_place_country(doc[p.start:p.end])
                if country:
                    break
    if country is None and head.kind != "holder":
        new_start, place_country = _left_place_modifier(doc, first.start)
        if place_country:
            country = place_country
            span = doc[new_start:head.end]
            first = _Piece(new_start, first.end, "place")
            name = span.text if kind != "person" else name
    if name.lower().startswith(("the ", "a ", "an ")):
        name = name.split(" ", 1)[1]
    if kind == "person":
        key = ("person", person_tokens or (fold(name),))
    elif head.kind in ("org", "orgent"):
        key = ("org", fold(name))
    else:
        key = ("group", country, sector, fold(doc[head.start:head.end].lemma_))
    if head.kind == "role" and sector is None and country is None:
        return []  # "the group", "the organization": nothing to code without a modifier
    start_char = span.start_char
    if doc[first.start].pos_ == "DET" and first.start + 1 < head.end:
        start_char = doc[first.start + 1].idx
    return [_Mention(start_char, span.end_char, kind, name, country, sector, key, igo,
                     sentence=sent_index, person_tokens=person_tokens,
                     role=roles[-1].term.key if roles else None,
                     plural=doc[head.end - 1].tag_ in ("NNS", "NNPS"))]


def _starts_line(doc, piece: _Piece) -> bool:
    """The piece (or "the" before it) opens the text or a line."""
    first = doc[piece.start - 1] if piece.start > 0 and doc[piece.start - 1].lower_ == "the" \
        else doc[piece.start]
    text = doc_text(doc)
    return text[:first.idx].rstrip(" ")[-1:] in ("", "\n")


def _is_locative(doc, piece: _Piece) -> bool:
    """A capital is a place unless it stands where an actor does: subject, possessive,
    agent, or the object of by/between/with/against ("Washington spurned", "Tehran's
    answer", "talks between Washington and Tehran"); "leaving Cairo" stays a place."""
    token = doc[piece.start:piece.end].root
    head = token
    while head.dep_ == "conj" and head.head is not head:
        head = head.head
    span = doc[piece.start:piece.end]
    follows = doc[piece.end].text if piece.end < len(doc) else ""
    if span.text.isupper() and follows in (",", "-", "\u2014", "\u2013", "(") \
            and _starts_line(doc, piece):
        return True  # a dateline ("THE HAGUE, Netherlands (Reuters) -") is a place
    if head.dep_ in ACTOR_DEPS:
        return False
    if head.dep_ == "ROOT" and not any(t.pos_ in ("VERB", "AUX") for t in head.sent) \
            and not (head.i + 1 < len(doc) and doc[head.i + 1].text in (",", "-", "(")):
        return False  # a bare name ("Tehran"), not a dateline ("TEHRAN, Jan 3 -")
    if head.dep_ == "pobj" and head.head.lower_ in ACTOR_PREPS:
        return False
    return True


def find_actors(doc, published: str | None = None) -> ActorTable:
    """Find, code and group the actors of one parsed article."""
    lex = lexicon_module.load()
    pieces = _pieces(doc, lex, published)
    sent_starts = [s.start for s in doc.sents]
    mentions: list[_Mention] = []
    places: set[tuple[int, int]] = set()
    piece_at = {p.start: p for p in pieces}
    previous: list[_Piece] | None = None
    for run in _runs(doc, pieces):
        if len(run) == 1 and run[0].kind == "capital" and _is_locative(doc, run[0]):
            span = doc[run[0].start:run[0].end]
            places.add((span.start_char, span.end_char))
            continue
        sent_index = bisect.bisect_right(sent_starts, run[0].start) - 1
        found = _run_mentions(doc, run, sent_index, published)
        if len(found) == 1 and found[0].kind != "country":
            _right_context(doc, run, found[0], piece_at)
            shared = _coordinated_modifier(doc, previous, run, found[0])
            if shared is not None:
                mentions[-1:] = [shared] if mentions and mentions[-1].start == \
                    doc[previous[0].start].idx else mentions[-1:] + [shared]
        mentions.extend(found)
        previous = run
    taken = [(m.start, m.end) for m in mentions]
    mentions.extend(m for m in _city_actors(doc, pieces, sent_starts)
                    if not any(m.start < e and s < m.end for s, e in taken))
    mentions.sort(key=lambda m: m.start)
    inside = _quoted_regions(doc_text(doc))
    for m in mentions:
        m.quoted = inside(m.start)
    _apply_appositions(doc, mentions)
    _link_descriptions(mentions)
    _borrow_countries(mentions)
    return _group(mentions)


# Titles that take the sector of the body they lead ("president of the Riigikogu": LEG).
LEADER_TITLES = {"president", "head", "chairman", "chairwoman", "chair", "speaker", "leader",
                 "chief", "director", "member", "secretary-general", "secretary general"}


# Titles of people who act for the institution named before them.
MEMBER_TITLES = {"officer", "official", "member", "agent", "spokesman", "spokeswoman",
                 "spokesperson", "employee", "staff", "staffer", "representative", "source",
                 "head", "chief", "director", "leader"}
# Roles that keep their own sector after an organization's name: a candidate for the
# Senate is not the Senate, a hostage of Hamas is not Hamas.
OWN_ROLES = {"candidate", "hopeful", "nominee", "challenger", "critic", "opponent", "victim",
             "hostage", "prisoner", "detainee", "defector", "lawyer", "journalist"}
# Titles too general to carry a sector of their own when a modifier gives one.
GENERIC_TITLES = {"leader", "community leader", "figure", "group", "member", "elder", "worker",
                  "workers",
                  "protester", "demonstrator", "activist",
                  "representative", "official", "community", "organization", "organisation"}
# Institutions that sit in another country: "the embassy in Baghdad" is not Iraq's.
ABROAD_ROLES = {"embassy", "consulate", "ambassador", "envoy", "mission", "consul",
                "diplomat", "delegation", "office"}


def _coordinated_modifier(doc, previous, run, mention: _Mention) -> _Mention | None:
    """"Hungarian and Romanian officials": the first demonym shares the title after "and"."""
    if not previous or len(previous) != 1 or previous[0].kind != "adjective":
        return None
    if run[0].kind != "adjective" or mention.sector is None:
        return None
    gap = doc[previous[0].end:run[0].start]
    if not gap or not all(t.lower_ in ("and", "or", ",") for t in gap):
        return None
    span = doc[previous[0].start:previous[0].end]
    country = previous[0].term.country
    key = ("group", country, mention.sector) + tuple(mention.key[3:]) \
        if mention.key[0] == "group" else ("group", country, mention.sector, mention.role)
    return _Mention(span.start_char, span.end_char, mention.kind,
                    f"{span.text} {doc[run[-1].start:run[-1].end].text}", country,
                    mention.sector, key, sentence=mention.sentence, role=mention.role,
                    plural=mention.plural)


def _right_context(doc, run: list[_Piece], mention: _Mention, piece_at: dict) -> None:
    """"trade unions in Denmark", "Prime Minister of Estonia", "president of the Riigikogu":
    a country or organization after in/of/from gives the country (and a leader's sector)."""
    end = run[-1].end
    if end >= len(doc) or doc[end].lower_ not in ("in", "of", "from"):
        return
    j = end + 1
    if j < len(doc) and doc[j].lower_ == "the":
        j += 1
    piece = piece_at.get(j)
    if piece is None or piece.term is None:
        return
    if piece.kind in COUNTRY_KINDS and mention.country is None and (
            doc[end].lower_ != "in" or mention.role not in ABROAD_ROLES):
        if doc[end].lower_ == "of":  # "Prime Minister of Estonia": one noun phrase
            mention.end = doc[piece.end - 1].idx + len(doc[piece.end - 1])
        mention.country = piece.term.country
    elif piece.kind == "org" and doc[end].lower_ == "of":
        mention.country = mention.country or piece.term.country
        mention.end = doc[piece.end - 1].idx + len(doc[piece.end - 1])
        if mention.role in LEADER_TITLES and piece.term.sector and piece.term.country != "IGO":
            # "president of the Riigikogu" leads a legislature (LEG); the president of
            # the European Council keeps a government title in an international body
            mention.sector = piece.term.sector
        if piece.term.country == "IGO":
            mention.igo_code = piece.term.igo_code
    else:
        return
    if not mention.person_tokens:
        mention.name = doc_text(doc)[mention.start:mention.end]
        if mention.name.lower().startswith(("the ", "a ", "an ")):
            mention.name = mention.name.split(" ", 1)[1]
    if mention.key[0] == "group":
        mention.key = ("group", mention.country, mention.sector) + mention.key[3:]


def _city_actors(doc, pieces: list[_Piece], sent_starts: list[int]) -> list[_Mention]:
    """A city standing where an actor does ("Mariupol was shelled", "Sydney welcomed the
    team") stands for its people: country of the city, sector CVL. Capitals are
    governments (handled as country terms); cities after a preposition are places."""
    covered = {i for p in pieces for i in range(p.start, p.end)}
    found = []
    for ent in doc_ents(doc):
        if ent.label_ != "GPE" or any(i in covered for i in range(ent.start, ent.end)):
            continue
        root = ent.root
        if root.dep_ == "pobj" or (root.dep_ == "compound" and root.head.pos_ == "PROPN"):
            continue
        from tidings.nlp import gazetteer

        cities = [p for p in gazetteer.load().lookup(ent.text) if p.kind == "city" and p.country]
        if not cities:
            continue
        city = max(cities, key=lambda p: p.population)
        sent_index = bisect.bisect_right(sent_starts, ent.start) - 1
        found.append(_Mention(ent.start_char, ent.end_char, "group", city.name, city.country,
                              "CVL", ("city", city.name), sentence=sent_index))
    return found


def _quoted_regions(text: str):
    """A test "is this offset inside quotation marks?" (marks paired within a paragraph)."""
    spans = []
    for para_start, para in _paragraphs(text):
        open_at = None
        for i, ch in enumerate(para):
            if ch in "\u201c\"" and open_at is None:
                open_at = i
            elif ch in "\u201d\"" and open_at is not None:
                spans.append((para_start + open_at, para_start + i))
                open_at = None
    starts = [a for a, _ in spans]

    def inside(offset: int) -> bool:
        k = bisect.bisect_right(starts, offset) - 1
        return k >= 0 and spans[k][0] < offset < spans[k][1]

    return inside


def _paragraphs(text: str):
    start = 0
    for line in text.split("\n"):
        yield start, line
        start += len(line) + 1


def _apply_appositions(doc, mentions: list[_Mention]) -> None:
    """"Ali al-Sistani, Iraq's top cleric," - the title after the comma codes the name,
    and names the same actor."""
    for a, b in zip(mentions, mentions[1:]):
        if a.kind != "person" or b.person_tokens or b.sector is None or b.kind != "person":
            continue
        if doc_text(doc)[a.end:b.start].strip() != ",":
            continue
        if a.sector is None:
            a.sector = b.sector
        if a.country is None:
            a.country = b.country
        b.key = a.key
        b.person_tokens = a.person_tokens
        b.name = a.name


# How far (in sentences) a description ("Iraq's top Shi'ite cleric") looks for the named
# person it describes: the sentence before or after, as news writing introduces people.
DESCRIPTION_WINDOW = 1


def _link_descriptions(mentions: list[_Mention]) -> None:
    """A singular, unnamed title ("the cleric", "Iraq's top Shi'ite Muslim cleric") next to
    a named person of the same sector and a compatible country is that person."""
    named = [m for m in mentions if m.kind == "person" and m.person_tokens]
    for m in mentions:
        if m.kind != "person" or m.person_tokens or m.plural or m.sector is None:
            continue
        near = [n for n in named
                if abs(n.sentence - m.sentence) <= DESCRIPTION_WINDOW
                and n.sector in (m.sector, None)
                and (n.country is None or m.country is None or n.country == m.country)]
        if not near:
            continue
        before = [n for n in near if n.start < m.start]
        target = before[-1] if before else near[0]
        m.key, m.person_tokens, m.name = target.key, target.person_tokens, target.name


def _borrow_countries(mentions: list[_Mention]) -> None:
    """A titled name without a country ("spokeswoman Morgan Ortagus") takes the country of the
    nearest earlier institution of the same sector ("The State Department said") in the last
    sentences: spokespeople and officials speak for the institution just named. Only
    institutions lend a country: a person or a group nearby is too weak a signal."""
    for i, m in enumerate(mentions):
        if m.country is not None or m.sector is None or m.kind != "person" or \
                m.role not in SPEAKS_FOR_ROLES:
            continue
        for prev in reversed(mentions[:i]):
            if m.sentence - prev.sentence > COUNTRY_LOOKBACK_SENTENCES:
                break
            if prev.kind == "organization" and prev.country and prev.sector == m.sector \
                    and not prev.quoted:
                m.country = prev.country
                break


def _group(mentions: list[_Mention]) -> ActorTable:
    """Merge mentions into actors; bare surnames join the full names they end."""
    actors: list[Actor] = []
    by_key: dict[tuple, Actor] = {}
    persons: list[tuple[tuple, Actor]] = []
    metonyms: set[tuple[int, int]] = set()
    for m in mentions:
        actor = by_key.get(m.key)
        if actor is None and m.key[0] == "group" and m.key[1] is None:
            # a bare institution or group ("the parliament's decision") is the one of that
            # kind already named with its country ("Iraq's parliament")
            actor = next((by_key[k] for k in reversed(list(by_key)) if k[0] == "group"
                          and k[1] is not None and k[2:] == m.key[2:]), None)
        if actor is None and m.kind == "person":
            actor = _known_person(persons, m.person_tokens)
        elif actor is None and m.kind == "organization" and m.person_tokens and \
                m.country is None:
            # spaCy sometimes labels a bare surname ORG ("Sistani said"): a name already
            # known as a person's is that person
            actor = _known_person(persons, m.person_tokens)
            if actor is not None:
                m.kind = "person"
        if actor is None:
            actor = Actor(id=f"A{len(actors) + 1}", name=m.name, kind=m.kind,
                          country=m.country, sector=m.sector, code=None)
            actor._igo = m.igo_code  # type: ignore[attr-defined]
            actors.append(actor)
            if m.kind == "person":
                persons.append((m.person_tokens, actor))
        else:
            if m.kind == "person" and len(m.name) > len(actor.name) and \
                    len(m.person_tokens) > 1:
                actor.name = m.name
            actor.country = actor.country or m.country
            actor.sector = actor.sector or m.sector
        by_key[m.key] = actor
        if m.metonym:
            metonyms.add((m.start, m.end))
            if actor.kind == "country":
                actor.sector = actor.sector or "GOV"
        actor.mentions.append((m.start, m.end))
    for actor in actors:
        actor.code = _code(actor.country, actor.sector, getattr(actor, "_igo", None))
    return ActorTable(actors, metonyms)


def _strip_article(tokens: tuple) -> tuple:
    return tuple(t[3:] if t.startswith("al-") and len(t) > 3 else t for t in tokens)


def _known_person(persons, tokens: tuple):
    """An earlier person whose name ends with (or contains) these tokens."""
    if not tokens:
        return None
    bare = _strip_article(tokens)
    for full, actor in reversed(persons):
        full_bare = _strip_article(full)
        n = len(bare)
        if n <= len(full_bare) and any(full_bare[k:k + n] == bare
                                       for k in range(len(full_bare) - n + 1)):
            return actor
    return None
