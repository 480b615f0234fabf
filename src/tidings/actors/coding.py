"""Actor coding: the kind, country and sector of one run of pieces (a noun phrase).

A run's head (person, organization, role, people) gives kind and sector, its first country
word gives the country; runs without a head are country mentions. Titles, modifiers
("former"), office holders and place names inside or before the phrase refine both, in the
order of the steps in ``code_run``.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

from tidings.actors import lexicon
from tidings.actors.lexicon import Term
from tidings.actors.mentions import Mention, Piece, is_possessive
from tidings.data import words
from tidings.nlp.doctext import doc_ents, sentence_bounds
from tidings.nlp.folding import fold
from tidings.actors.placenames import division_country, located_country, \
    misspelt_city_country, modifier_country, safe_city

# Piece kinds (the lexicon's Term kinds plus "person" for a name entity): this code's own
# vocabulary, not words of the text, so they stay here.
HEAD_KINDS = frozenset({"role", "org", "holder", "people", "person"})
# The role an ethnic group by descent ("ethnic Albanians") is given: a civilian group of the
# country it lives in (a row of roles.tsv, sector CVL).
ETHNIC_ROLE = "ethnic group"
# Most words of a determiner and a number before a description ("all the", "some 500")
MAX_DETERMINERS = 2
COUNTRY_KINDS = frozenset({"country", "adjective", "capital"})


@dataclass
class _Reading:
    """What coding a headed run has settled so far; each step of ``code_run`` adds to it."""

    run: list[Piece]
    head: Piece
    head_index: int
    first: Piece
    span: object  # the spaCy Span from the first piece to the head
    name: str
    kind: str = "group"
    country: str | None = None
    sector: str | None = None
    igo: str | None = None
    person_tokens: tuple = ()
    owner: tuple = ()  # the possessor's name tokens, when its country is not known yet
    institution: str | None = None  # the institution a member title names
    in_office: bool | None = None  # an office holder: in office on the publication date
    roles: list[Piece] = field(default_factory=list)  # title pieces up to the head
    modifiers: list[Piece] = field(default_factory=list)  # "former", "senior" ...

    @property
    def before_head(self) -> list[Piece]:
        return self.run[:self.head_index]

    @property
    def through_head(self) -> list[Piece]:
        return self.run[:self.head_index + 1]


def code_run(doc, run: list[Piece], sent_index: int, published: str | None) -> list[Mention]:
    """Code one run: a headed actor phrase, or plain country mentions."""
    heads = [p for p in run if p.kind in HEAD_KINDS or p.kind == "orgent"]
    if not heads:
        return _country_mentions(doc, run, sent_index)
    head = heads[-1]
    first = run[0]
    # leave modifiers ("former") in, but a run never starts with a lone possessive
    span = doc[first.start:head.end]
    reading = _Reading(run, head, run.index(head), first, span, span.text)
    _country_of_modifiers(doc, reading)
    reading.roles = [p for p in reading.through_head if p.kind == "role" and p.term]
    reading.modifiers = [p for p in run if p.kind == "modifier" and p.term]
    reading.institution = next((p.term.key for p in reversed(reading.before_head)
                                if p.kind == "role" and p.term
                                and p.term.actor_kind == "organization"), None)
    _code_head(doc, reading, published)
    if _ethnic(doc, head):
        reading.country = None  # "ethnic Albanians in Kosovo": where they live says it
    _sector_of_institution(reading)
    _generic_institution(doc, reading)
    _sector_of_modifiers(reading)
    _country_of_place(doc, reading)
    return _mention(doc, reading, sent_index)


def _country_mentions(doc, run: list[Piece], sent_index: int) -> list[Mention]:
    """A run without a head: each country word is a mention of its country (a capital
    stands for the government: a metonym)."""
    mentions = []
    for p in run:
        if p.kind in COUNTRY_KINDS and p.term:
            span = doc[p.start:p.end]
            mentions.append(Mention(span.start_char, span.end_char, "country",
                                    p.term.name, p.term.country, None,
                                    ("country", p.term.country), sentence=sent_index,
                                    metonym=p.kind == "capital"))
    return mentions


def _country_of_modifiers(doc, reading: _Reading) -> None:
    """The first country word or organization up to the head gives the country; a proper
    organization of one country outranks it ("Ruritanian Hezbollah fighters" are
    Lebanese: the group's country, not the demonym's)."""
    for p in reading.through_head:
        if p.term and p.kind in COUNTRY_KINDS | {"people"} and reading.country is None \
                and not _not_nationality(doc, reading, p):
            reading.country = _hyphenated_nationality(doc, reading, p) or \
                _division_before_title(doc, reading, p) or p.term.country
        if p.term and p.kind == "org" and reading.country is None and p.term.country:
            reading.country = p.term.country
            reading.igo = p.term.igo_code
    for p in reading.through_head:
        if p.kind == "org" and p.term and p.term.country not in (None, "IGO") \
                and not _generic_name(doc[p.start:p.end]):
            reading.country = p.term.country
    owner = _owner(doc, reading)
    if owner is not None and reading.country is None:
        # "Hun Sen's troops", "Yeltsin's spokesman": the person's country, now if the
        # lexicon knows it, else once the article has coded that person (setting.py)
        if owner.kind == "holder" and owner.term.country:
            reading.country = owner.term.country
        else:
            reading.owner = tuple(fold(t.text) for t in doc[owner.start:owner.end]
                                  if not t.is_punct)


def _not_nationality(doc, reading: _Reading, p: Piece) -> bool:
    """"Spanish-language television", "French-speaking voters": a language, not a country
    (the words after the hyphen: ``language_suffixes``)."""
    return p.end + 1 < len(doc) and doc[p.end].text in ("-", "\u2013") and \
        doc[p.end + 1].lower_ in words("language_suffixes")


def _hyphenated_nationality(doc, reading: _Reading, p: Piece) -> str | None:
    """"Mexican-American voters", "Cuban-Americans": the last demonym of a hyphenated
    descent is the nationality; the first is where the family came from."""
    country = None
    for q in reading.through_head:
        if q.start == p.end + 1 and doc[p.end].text in ("-", "\u2013") and q.term \
                and q.kind in ("adjective", "people"):
            country, p = q.term.country, q
    return country


def _division_before_title(doc, reading: _Reading, p: Piece) -> str | None:
    """"Georgia Gov.", "New Jersey Gov.": a country's name just before a title that states
    and provinces have, which is also (with the capitalized words before it) the name of a
    first-level division, is the division ("Georgia" the US state; "Jersey" of "New
    Jersey" is no island)."""
    if p.kind != "country" or not any(
            r.start >= p.end and r.term.key in words("division_titles") for r in
            reading.through_head if r.kind == "role" and r.term):
        return None
    start = p.start
    while start > 0 and p.start - start < 2 and doc[start - 1].text[:1].isupper() \
            and doc[start - 1].pos_ == "PROPN":
        start -= 1
    for i in range(start, p.start + 1):
        country = division_country(doc[i:p.end].text)
        if country:
            return country
    return None


def _owner(doc, reading: _Reading) -> Piece | None:
    """The person named with a possessive before the head ("Hun Sen's troops")."""
    for p in reading.before_head:
        if p.kind in ("person", "holder") and p.end < len(doc) and is_possessive(doc[p.end]):
            return p
    return None


def _code_head(doc, reading: _Reading, published: str | None) -> None:
    """Kind, name and sector from the head: a person, an organization, people, a role."""
    head, roles = reading.head, reading.roles
    if head.kind == "orgent" and roles and roles[-1].term.actor_kind == "person" \
            and roles[-1].end <= head.start:
        # a title before an ORG entity ("press officer Lena Brandt"): a person's name
        head = reading.head = Piece(head.start, head.end, "person")
    if head.kind == "person" or head.kind == "holder":
        _code_person(doc, reading, published)
    elif head.kind == "org" or head.kind == "orgent":
        _code_organization(doc, reading)
    elif head.kind == "people":
        reading.kind = "group"
        reading.sector = "CVL"
        reading.name = reading.span.text
    else:  # role
        reading.kind = head.term.actor_kind or "group"
        reading.sector = head.term.sector
        reading.name = reading.span.text


def _code_person(doc, reading: _Reading, published: str | None) -> None:
    """A named person: the office held (holders), else the title's sector; a title with a
    bare surname may say whose office holder it is."""
    head, roles = reading.head, reading.roles
    reading.kind = "person"
    name_span = doc[head.start:head.end]
    while len(name_span) > 1 and name_span[0].lower_ in words("courtesy_titles"):
        name_span = name_span[1:]  # "Mrs. Clinton" is named "Clinton" (identity: gender)
    reading.name = name_span.text
    reading.person_tokens = tuple(fold(t.text) for t in name_span if not t.is_punct)
    if head.kind == "holder":
        if published:
            reading.in_office = holds_on(head.term, published)
        # the name as the article writes it ("Jon Sigurdsson"), not the lexicon's
        # spelling ("Jón Sigurðsson"): readers search for what they read
        if reading.country is None:
            reading.country = head.term.country
            reading.igo = head.term.igo_code
        if not roles:
            reading.sector = _holder_sector(head.term, published)
    if roles:
        # "police spokesman Capt. Rod Beer": a rank police and armies share says less than
        # the role before it
        said = [r for r in roles if r.term.key not in words("shared_ranks")] or roles
        bodies = [r for r in said[:-1] if r.term.actor_kind == "organization"]
        if said[-1].term.key in words("member_titles") and bodies:
            said = bodies  # "army spokesman Col. Ana Berg": the army's
        reading.sector = said[-1].term.sector
        orgs = [p for p in reading.before_head if p.kind == "org" and p.term and p.term.sector]
        if said[-1].term.key in words("member_titles") and orgs:
            reading.sector = orgs[-1].term.sector  # "Sinn Fein chairman X": the party's
        if reading.country is None and head.kind == "person":
            reading.country = _titled_surname_country(name_span, reading.sector)
    if head.kind == "holder" and reading.country == "IGO" and head.term.country \
            not in (None, "IGO") and any(set(r.term.key.split()) & words("abroad_roles")
                                         for r in roles):
        # "U.N. Ambassador John Bolton": a state's envoy to the body, not its official
        reading.country, reading.igo = head.term.country, None


def _code_organization(doc, reading: _Reading) -> None:
    """A known organization (its lexicon row), or an ORG entity the lexicon lacks."""
    head = reading.head
    reading.kind = "organization"
    if head.term:
        reading.name = head.term.name
        reading.kind = head.term.actor_kind or "organization"
        reading.sector = head.term.sector
        if head.term.country:
            reading.country = head.term.country
            reading.igo = head.term.igo_code
        if reading.kind == "country":
            reading.kind = "organization"
        return
    reading.name = doc[head.start:head.end].text
    reading.person_tokens = tuple(fold(t.text) for t in doc[head.start:head.end]
                                  if not t.is_punct)
    if reading.roles:
        reading.sector = reading.roles[-1].term.sector
    elif safe_city(reading.name) is not None and not _surname_of_person(doc, head):
        # a city tagged ORG: its people (but "Sanders" after "Bernie Sanders" is him)
        reading.kind, reading.sector = "group", "CVL"
        reading.country = reading.country or safe_city(reading.name).country


def _surname_of_person(doc, head: Piece) -> bool:
    """Is this one-word name the last word of a person's name the article gives ("Fiorina"
    after "Carly Fiorina")? Then it is that person, whatever town bears the name."""
    if head.end - head.start != 1:
        return False
    word = doc[head.start].text
    return any(e.label_ in words("actor_person_ents") and len(e) > 1 and e[-1].text == word
               for e in doc_ents(doc))


def _sector_of_institution(reading: _Reading) -> None:
    """A member title after an institution or organization acts for it."""
    head = reading.head
    if head.kind != "role":
        return
    institutions = [p for p in reading.before_head if p.kind == "role" and p.term
                    and p.term.actor_kind == "organization"]
    if head.term.key in words("member_titles") and institutions:
        # "intelligence service officer", "ministry spokesperson": they act for the institution
        reading.sector = institutions[-1].term.sector
    orgs = [p for p in reading.before_head if p.kind == "org" and p.term]
    if not orgs or not orgs[-1].term.sector:
        return
    org_term = orgs[-1].term
    if org_term.country == "IGO":
        reading.igo = org_term.igo_code
    if head.term.key in words("own_roles"):
        return  # "Senate nominee", "militia captive": the role, not the body, says who
    if org_term.country != "IGO" or head.term.key in words("member_titles") | {"delegation"}:
        # "Houthi fighters", "OSCE delegation", "Hamas commander": members of the
        # organization named before them act for it; but "ECOWAS parliamentarians" are legislators
        # of an international body (IGO country, LEG sector)
        reading.sector = org_term.sector


def _generic_institution(doc, reading: _Reading) -> None:
    """"Ruritania's Interior Ministry": a generic institution name that the lexicon holds
    as another country's is the named country's institution of that kind."""
    head = reading.head
    if not (head.kind == "org" and head.term and head.term.country not in (None, "IGO")
            and _generic_name(doc[head.start:head.end])):
        return
    named = [p for p in reading.before_head if p.kind in COUNTRY_KINDS and p.term]
    if not named or named[-1].term.country == head.term.country:
        return
    key = tuple(lexicon.key_token(t.text) for t in doc[head.start:head.end])
    role_reading = [t for t in lexicon.load().terms.get(key, [])
                    if t.kind == "role" and t.sector]
    if role_reading:  # an interior ministry as a role: its sector (GOV)
        reading.sector = role_reading[0].sector
    reading.country = named[-1].term.country
    reading.name = reading.span.text


def _sector_of_modifiers(reading: _Reading) -> None:
    """"former" makes an elite (ELI); a modifier with a sector recodes a generic title
    ("Buddhist leaders": REL)."""
    head = reading.head
    for m in reading.modifiers:
        if m.term.sector == "ELI" and m.start < head.start:
            reading.sector = "ELI"
        elif m.term.sector not in (None, "keep", "ELI") and m.start < head.start and \
                head.kind == "role" and head.term.key in words("generic_titles"):
            reading.sector = m.term.sector


def _country_of_place(doc, reading: _Reading) -> None:
    """Still no country: a place inside the name ("Lagos State University") or just
    before the phrase ("Oyo State government") gives it."""
    if reading.country is None:
        for p in reading.through_head:
            if p.kind in ("orgent", "place") and p.term is None:
                reading.country = _name_place_country(doc[p.start:p.end])
                if reading.country:
                    break
    if reading.country is None and reading.head.kind != "holder":
        new_start, country = _left_place_modifier(
            doc, reading.first.start,
            any(r.term.key in words("division_titles") for r in reading.roles))
        if country:
            reading.country = country
            reading.span = doc[new_start:reading.head.end]
            reading.first = Piece(new_start, reading.first.end, "place")
            if reading.kind != "person":
                reading.name = reading.span.text
    if reading.country is None and reading.head.kind == "orgent" and reading.head.term is None:
        reading.country = _located_in_country(doc, reading.head.end)


def _located_in_country(doc, end: int) -> str | None:
    """"a university in Scotland", "a clinic in Kabul": a named organization the lexicon
    does not know is located in the place named just after "in" (the whole place entity:
    a fragment such as "Dar" of "Dar es Salaam" names some other place). Only such unknown
    organizations: a known one has its country (or none, for international NGOs) already,
    and a person "in Paris" may only be visiting."""
    if end + 1 >= len(doc) or doc[end].lower_ != "in":
        return None
    place = next((e for e in doc_ents(doc) if e.start == end + 1
                  and e.label_ in ("GPE", "LOC")), None)
    return located_country(place.text) if place is not None else None


def _mention(doc, reading: _Reading, sent_index: int) -> list[Mention]:
    """The coded mention (none for a bare role nothing codes: "the group")."""
    head, first, name = reading.head, reading.first, reading.name
    name = without_article(name)
    if reading.kind == "person" and reading.head.kind == "holder":
        key = ("person", _name_key(reading.head.term.name))
    elif reading.kind == "person":
        key = ("person", reading.person_tokens or (fold(name),))
    elif head.kind in ("org", "orgent"):
        key = ("org", fold(name))
    else:
        key = ("group", reading.country, reading.sector,
               fold(doc[head.start:head.end].lemma_))
    if head.kind == "role" and reading.sector is None and reading.country is None:
        return []  # "the group", "the organization": nothing to code without a modifier
    start_char = reading.span.start_char
    if doc[first.start].pos_ == "DET" and first.start + 1 < head.end:
        start_char = doc[first.start + 1].idx
    owner_pronoun = None
    if head.kind in ("role", "people") and not reading.person_tokens and first.start > 0:
        # a description's mention is its whole noun phrase: "the police", "his top aides",
        # "a Turk", "six Iraqis"
        k = first.start
        while k > 0 and (doc[k - 1].pos_ in ("DET", "NUM") or doc[k - 1].tag_ == "PRP$") \
                and doc[k - 1].ent_type_ not in ("DATE", "TIME", "MONEY", "PERCENT") \
                and first.start - k < MAX_DETERMINERS:
            k -= 1
        if k < first.start:
            start_char = doc[k].idx
            if doc[k].tag_ == "PRP$":  # "his aides": the aides of whoever "his" is
                owner_pronoun = (doc[k].idx, doc[k].idx + len(doc[k]))
    return [Mention(start_char, reading.span.end_char, reading.kind, name, reading.country,
                    reading.sector, key, reading.igo, sentence=sent_index,
                    person_tokens=reading.person_tokens,
                    role=reading.roles[-1].term.key if reading.roles
                    else ETHNIC_ROLE if _ethnic(doc, head) else None,
                    plural=doc[head.end - 1].tag_ in ("NNS", "NNPS"), owner=reading.owner,
                    definite=not reading.person_tokens and _definite(doc, first.start,
                                                                      head.start),
                    country_from="own" if reading.country else None,
                    holder=reading.kind == "person" and reading.head.kind == "holder",
                    institution=reading.institution, owner_pronoun=owner_pronoun,
                    in_office=reading.in_office)]


def _ethnic(doc, head: Piece) -> bool:
    """"ethnic Albanians", "ethnic Russians": a people by descent, not a country's
    nationals; they belong to the country they live in (the setting's, tidings.actors.setting)."""
    return head.kind == "people" and head.start > 0 \
        and doc[head.start - 1].lower_ in words("ethnic_markers")


def _definite(doc, start: int, head: int) -> bool:
    """Does the phrase open with "the", a demonstrative or a possessive ("the judge", "his
    aide", "the country's top judge", "Peru's top judge")?"""
    before = doc[start - 1] if start > 0 else None
    if before is not None and (before.lower_ in words("description_determiners") or
                               before.tag_ == "PRP$" or is_possessive(before)):
        return True
    return doc[start].lower_ in words("description_determiners") or \
        any(is_possessive(t) for t in doc[start:head])


@functools.lru_cache(maxsize=20_000)
def _name_key(name: str) -> tuple:
    """An office holder's key: the lexicon's name, as lookup tokens."""
    return tuple(lexicon.tokenize_key(name))


def without_article(name: str) -> str:
    """The name without a leading article ("the navy" is named "navy")."""
    first, space, rest = name.partition(" ")
    return rest if space and first.lower() in words("leading_articles") else name


def _holder_sector(term: Term, published: str | None) -> str | None:
    """An office holder's sector on the publication date: the office held that day
    (``mentions._holder_on`` put that row first), else the latest office begun before it;
    a person whose first office begins after that day (a candidate, a future minister) is an
    elite (ELI, CAMEO's "former officials and elites"). Out of office after a term, the
    last office stands unless the text says "former" (``grouping``: "Clinton, the former
    secretary of State"): NGEC's cases, as they were written, expect it, and the table's
    end dates are known only up to its version. A title in the text ("President Tomas
    Varga") outranks all of this."""
    if published and not began_by(term, published):
        return "ELI"
    return term.sector


def began_by(term: Term, published: str) -> bool:
    """Had the row's office begun by that day? Dates may be years only: compared at their
    own precision."""
    day = published[:10]
    return not term.start or day[:len(term.start)] >= term.start


def holds_on(term: Term, published: str) -> bool:
    """Was the row's office held on that day?"""
    day = published[:10]
    ended = bool(term.end) and day[:len(term.end)] > term.end
    return began_by(term, published) and not ended


def _generic_name(span) -> bool:
    """"Interior Ministry" could be any country's; "Hezbollah" is one group's."""
    generic = lexicon.load().role_words | words("generic_name_words")
    return all(lexicon.key_token(t.text) in generic for t in span)


def _titled_surname_country(name_span, sector: str | None) -> str | None:
    """"Assistant Secretary Okonjo": a title before a surname that one known office holder
    bears gives that holder's country, when the title is of that holder's sector ("Sen.
    Cruz" is no Cuban prime minister named Marrero Cruz). Without a title a surname is too
    weak to go on."""
    lex = lexicon.load()
    surname = lexicon.key_token(name_span[-1].text)
    people = {t.name: t for t in lex.surnames.get(surname, [])}
    if len(people) != 1:
        return None
    holder = next(iter(people.values()))
    if sector and holder.sector and sector != holder.sector:
        return None
    given = [lexicon.key_token(t.text) for t in name_span[:-1]]
    if given and lexicon.key_token(holder.name.split()[0]) != given[0]:
        return None  # another first name: another person
    return holder.country


def _name_place_country(span) -> str | None:
    """The country of the first place named inside an organization's name."""
    tokens = [t for t in span if t.text[:1].isupper()]
    for size in (3, 2, 1):
        for i in range(len(tokens) - size + 1):
            window = tokens[i:i + size]
            if window[-1].i - window[0].i != size - 1:
                continue
            country = modifier_country(span.doc[window[0].i:window[-1].i + 1].text)
            if country:
                return country
    return None


def _left_place_modifier(doc, start: int, before_title: bool = False) -> tuple[int, str | None]:
    """Proper nouns just before a run that name a place: (new start, country). Before a
    title that states and provinces have ("Arizona Sen.", "Ontario Premier") the division's
    reading comes first."""
    i = start
    sent_start = sentence_bounds(doc)[0][start]
    while i - 1 >= sent_start and doc[i - 1].pos_ in ("PROPN", "ADJ", "NOUN") \
            and start - (i - 1) <= 3 and doc[i - 1].text[:1].isupper():
        i -= 1
    if i == start:
        return start, None
    for j in range(i, start):  # "Oyo State government": the longest known name first
        country = modifier_country(doc[j:start].text, before_title) or \
            modifier_country(doc[j].text, before_title)
        if country:
            return i, country
    if start - i == 1:  # one word: perhaps a misspelt big city ("Mumbia police")
        country = misspelt_city_country(doc[i])
        if country:
            return i, country
    return start, None
