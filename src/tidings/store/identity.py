"""One actor across articles: the identity the store files each extracted actor under.

The extractor names one person once per article, as that article writes the name ("Mrs.
Clinton", "Hillary Rodham Clinton", "Sen. John McCain"). Here each actor gets an identity:
for a person, the name without titles, courtesies, country words, middle initials and
suffixes, or the office holder (``office_holders.tsv``) it names or is an alias of; a lone
surname takes the identity of the one full name in the same article that ends with it.
Countries are filed under the country, other actors under their name without a leading
article. An identity is a string of folded words (``names.words``), so filters match it as
they match names.

An office holder's code as of a date comes from the office held that day, so an event keeps
the code its actor had when it happened (``code_on``).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from tidings import data
from tidings.store.names import country_name, countries_of, words

PERSON = "person"
COUNTRY = "country"


@dataclass(frozen=True)
class Identity:
    """Who an extracted actor is across the store: ``key`` (folded words) and ``name`` (how
    to show it); ``holder``: the office holder's name when it is one."""

    key: str
    name: str
    holder: str | None = None


@dataclass(frozen=True)
class Office:
    country: str | None
    sector: str | None
    start: str
    end: str


@functools.lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    person_roles = {w for row in data.tsv("roles.tsv") if row["kind"] == PERSON
                    for w in words(row["pattern"]).split()}
    return frozenset(data.words("name_titles") | person_roles)


@functools.lru_cache(maxsize=1)
def holders() -> dict[str, tuple[str, tuple[Office, ...]]]:
    """Folded name or alias -> (the holder's name, the offices held), office_holders.tsv."""
    offices: dict[str, list[Office]] = {}
    forms: dict[str, str] = {}
    for row in data.tsv("office_holders.tsv"):
        name = row["name"]
        offices.setdefault(name, []).append(Office(row["country"] or None, row["sector"] or None,
                                                   row["start"], row["end"]))
        for form in [name, *data.split_cell(row["aliases"])]:
            forms.setdefault(words(form), name)
    return {key: (name, tuple(offices[name])) for key, name in forms.items()}


def code_on(holder: str, day: str | None) -> Office | None:
    """The office ``holder`` held on ``day`` (YYYY-MM-DD), if any; dates in the table may be
    years or months only, compared at their own precision."""
    if not day:
        return None
    entry = holders().get(words(holder))
    if entry is None:
        return None
    for office in entry[1]:
        began = not office.start or day[:len(office.start)] >= office.start
        ended = bool(office.end) and day[:len(office.end)] > office.end
        if began and not ended:
            return office
    return None


def _title_tokens(tokens: list[str]) -> int:
    """How many of ``tokens`` (a name split at spaces) open it as titles or country words:
    "U.S. Secretary of State John Kerry" opens with five."""
    titles = _titles()
    i = 0
    while i < len(tokens) - 1:
        folded = words(tokens[i]).split()
        if folded and all(w in titles for w in folded):
            i += 1
            continue
        for size in (3, 2, 1):  # "South Korean", "United States"
            if i + size < len(tokens) and countries_of(" ".join(tokens[i:i + size])):
                i += size
                break
        else:
            break
    return i


def person(name: str) -> tuple[str, str]:
    """(identity key, display name) of a person's name: titles and country words dropped
    from the front, suffixes from the end, middle initials from the key."""
    tokens = name.replace(",", " ").split()
    tokens = tokens[_title_tokens(tokens):]
    suffixes = data.words("name_suffixes")
    while len(tokens) > 1 and words(tokens[-1]) in suffixes:
        tokens.pop()
    folded = [w for t in tokens for w in words(t).split()]
    if len(folded) > 2:
        folded = [folded[0]] + [w for w in folded[1:-1] if len(w) > 1] + [folded[-1]]
    key = " ".join(folded) or words(name)
    return key, " ".join(tokens) or name.strip()


def _other(name: str) -> tuple[str, str]:
    """(key, display name) of a group or organization: a leading article dropped."""
    tokens = name.split()
    if len(tokens) > 1 and tokens[0].lower() in data.words("leading_articles"):
        tokens = tokens[1:]
    return words(" ".join(tokens)), " ".join(tokens)


def of_article(actors: list[dict]) -> dict[str, Identity]:
    """Each actor id of one article's actors -> its identity."""
    found: dict[str, Identity] = {}
    for actor in actors:
        name = actor.get("name") or ""
        kind = actor.get("kind")
        if kind == COUNTRY and actor.get("country") and country_name(actor["country"]):
            shown = country_name(actor["country"])
            found[actor["id"]] = Identity(words(shown), shown)
            continue
        if kind != PERSON:
            key, shown = _other(name)
            found[actor["id"]] = Identity(key or words(name), shown or name)
            continue
        key, shown = person(name)
        holder = holders().get(key)
        if holder is not None:
            found[actor["id"]] = Identity(words(holder[0]), holder[0], holder[0])
        else:
            found[actor["id"]] = Identity(key, shown)
    _surnames(actors, found)
    return found


def _surnames(actors: list[dict], found: dict[str, Identity]) -> None:
    """A person named by one word ("Clinton", from "Mrs. Clinton") is the one full name of
    the same article ending with that word, if there is exactly one."""
    people = [a["id"] for a in actors if a.get("kind") == PERSON and a["id"] in found]
    full: dict[str, set[Identity]] = {}
    for actor_id in people:
        parts = found[actor_id].key.split()
        if len(parts) > 1:
            full.setdefault(parts[-1], set()).add(found[actor_id])
    for actor_id in people:
        key = found[actor_id].key
        if " " not in key and len(full.get(key, ())) == 1:
            found[actor_id] = next(iter(full[key]))


def of_name(name: str | None) -> str | None:
    """The identity key of an event side that names no extracted actor (none for a
    pronoun: "he" is nobody in particular across articles)."""
    if not name or name.strip().lower() in data.words("actor_pronouns"):
        return None
    return words(name) or None
