"""The actor coder's data files: they parse, and their codes, dates and names are consistent.

These tables are curated by hand; a typo (a three-letter code that is no country, a sector
outside the vocabulary, a term that ends before it starts) silently turns into a wrong actor
code, so every row is checked here rather than trusted.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections import defaultdict
from importlib import resources

import pycountry
import pytest

from tidings import data
from tidings.actors import lexicon

# CAMEO/PLOVER sector codes the actor coder may emit (actor_sectors.tsv).
SECTORS = {row["sector"] for row in data.tsv("actor_sectors.tsv")}
# Country fields that are not ISO 3166 codes: intergovernmental bodies and Kosovo.
EXTRA_COUNTRIES = {"IGO", "XKX"}
ROLE_KINDS = {"person", "group", "organization"}
DATE = re.compile(r"^\d{4}(-\d{2}-\d{2})?$")


def _path(name: str):
    return resources.files("tidings").joinpath("data", name)


def _table(name: str, header: str) -> list[tuple[int, list[str]]]:
    """(line number, cells) for the data rows of a TSV file: no comments, blanks or header."""
    rows = []
    with _path(name).open(encoding="utf-8") as handle:
        for number, row in enumerate(csv.reader(handle, delimiter="\t",
                                                quoting=csv.QUOTE_NONE), start=1):
            if not row or not row[0].strip() or row[0].lstrip().startswith("#"):
                continue
            if row[0] == header:
                continue
            rows.append((number, row))
    assert rows, f"{name} has no data rows"
    return rows


def _valid_country(code: str) -> bool:
    return code in EXTRA_COUNTRIES or pycountry.countries.get(alpha_3=code) is not None


def _bounds(start: str, end: str) -> tuple[dt.date, dt.date, dt.date, dt.date]:
    """(earliest start, latest start, earliest end, latest end) of a term of office.

    A year-only date ("2014") may be any day of that year; an empty start or end is open."""
    def parse(text: str, first: bool) -> dt.date:
        if len(text) == 4:
            return dt.date(int(text), 1, 1) if first else dt.date(int(text), 12, 31)
        return dt.date.fromisoformat(text)

    lo, hi = dt.date.min, dt.date.max
    s_lo = parse(start, True) if start else lo
    s_hi = parse(start, False) if start else lo
    e_lo = parse(end, True) if end else hi
    e_hi = parse(end, False) if end else hi
    return s_lo, s_hi, e_lo, e_hi


# -- countries.json ------------------------------------------------------------------------------
def test_countries_json():
    data = json.loads(_path("countries.json").read_text(encoding="utf-8"))
    assert data.get("version")
    seen = set()
    for c in data["countries"]:
        assert _valid_country(c["iso3"]), c["iso3"]
        assert c["iso3"] not in seen, f"duplicate {c['iso3']}"
        seen.add(c["iso3"])
        assert c["name"].strip()
        for key in ("aliases", "adjectives", "people", "capital_aliases"):
            assert all(isinstance(v, str) and v.strip() for v in c.get(key, [])), (c["iso3"], key)
    assert len(seen) >= 240  # every ISO 3166-1 country, plus Kosovo


# -- roles.tsv and role_modifiers.tsv ------------------------------------------------------------
def test_roles():
    seen = {}
    for number, row in _table("roles.tsv", "pattern"):
        assert len(row) >= 2, f"roles.tsv:{number}"
        pattern, sector = row[0].strip(), row[1].strip()
        kind = row[2].strip() if len(row) > 2 else ""
        assert pattern == pattern.lower(), f"roles.tsv:{number} {pattern!r} is not lower case"
        # an empty sector marks a generic noun coded only through a modifier ("armed group")
        assert sector in SECTORS or sector == "", f"roles.tsv:{number} sector {sector!r}"
        assert not kind or kind in ROLE_KINDS, f"roles.tsv:{number} kind {kind!r}"
        assert seen.get(pattern, sector) == sector, f"roles.tsv:{number} {pattern!r} twice"
        seen[pattern] = sector


def test_role_modifiers():
    for number, row in _table("role_modifiers.tsv", "word"):
        assert len(row) >= 2, f"role_modifiers.tsv:{number}"
        assert row[1] == "keep" or row[1] in SECTORS, f"role_modifiers.tsv:{number} {row[1]!r}"


# -- organizations.tsv ---------------------------------------------------------------------------
def test_organizations():
    names = {}
    for number, row in _table("organizations.tsv", "name"):
        where = f"organizations.tsv:{number}"
        assert len(row) >= 4, where
        name, aliases, country, sector = (cell.strip() for cell in row[:4])
        kind = row[4].strip() if len(row) > 4 else ""
        igo = row[5].strip() if len(row) > 5 else ""
        assert name, where
        assert not country or _valid_country(country), f"{where} country {country!r}"
        assert sector in SECTORS, f"{where} sector {sector!r}"
        assert not kind or kind in ROLE_KINDS | {"country"}, f"{where} kind {kind!r}"
        assert not igo or re.fullmatch(r"[A-Z]{3}", igo), f"{where} igo_code {igo!r}"
        assert not name.lower().startswith("the "), f"{where}: forms never start with 'The'"
        assert all(a.strip() for a in aliases.split("|") if aliases), f"{where} empty alias"
        dated = len(row) > 6 and any(cell.strip() for cell in row[6:8])
        assert dated or name not in names, f"{where} {name!r} also on line {names.get(name)}"
        names[name] = number


# -- office_holders.tsv --------------------------------------------------------------------------
def _holders() -> list[tuple[int, list[str]]]:
    rows = _table("office_holders.tsv", "name")
    for number, row in rows:
        assert len(row) == 7, f"office_holders.tsv:{number} has {len(row)} columns, not 7"
    return rows


def test_holders_fields():
    rows = _holders()
    assert len(rows) >= 500
    for number, (name, aliases, country, sector, role, start, end) in rows:
        where = f"office_holders.tsv:{number} {name}"
        assert name.strip() == name and name, where
        assert all(a.strip() for a in aliases.split("|") if aliases), f"{where} empty alias"
        # empty country only for transnational armed groups (al-Qaeda, Islamic State)
        assert (country == "" and sector == "REB") or _valid_country(country), \
            f"{where} country {country!r}"
        assert sector in SECTORS, f"{where} sector {sector!r}"
        assert country != "IGO" or sector == "IGO", f"{where}: IGO heads are sector IGO"
        assert role.strip(), f"{where} has no role"
        for date in (start, end):
            assert not date or DATE.match(date), f"{where} date {date!r}"
        s_lo, _, _, e_hi = _bounds(start, end)
        assert s_lo <= e_hi, f"{where} ends ({end}) before it starts ({start})"


def test_holders_no_conflicting_overlaps():
    """A person's rows that overlap in time agree on country and sector, so the coder's
    answer never depends on which row it reads first."""
    by_name = defaultdict(list)
    for number, row in _holders():
        by_name[row[0]].append((number, row))
    for name, rows in by_name.items():
        for i, (n1, a) in enumerate(rows):
            for n2, b in rows[i + 1:]:
                assert a != b, f"office_holders.tsv:{n1} and {n2} are the same row"
                _, a_start, a_end, _ = _bounds(a[5], a[6])
                _, b_start, b_end, _ = _bounds(b[5], b[6])
                overlap = a_start < b_end and b_start < a_end  # for certain, not just maybe
                if overlap:
                    assert (a[2], a[3]) == (b[2], b[3]), \
                        f"{name}: lines {n1} and {n2} overlap as {a[2]}{a[3]} and {b[2]}{b[3]}"


def test_holders_latest_office_first():
    """Rows of one person run latest office first: a reader taking the first row gets the
    most recent office (and so the right in-office/out-of-office reading today)."""
    by_name = defaultdict(list)
    for number, row in _holders():
        by_name[row[0]].append((number, row))
    for name, rows in by_name.items():
        starts = [_bounds(r[5], r[6])[0] for _, r in rows]
        assert starts == sorted(starts, reverse=True), f"{name}: rows not latest first"


def test_holders_aliases_name_one_person():
    """A form (name or alias) names one person only: two people behind "Kim" or "Sharif"
    would be coded at random."""
    owner = {}
    for number, row in _holders():
        name, aliases = row[0], row[1]
        for form in [name, *[a for a in aliases.split("|") if a]]:
            key = lexicon.fold(form)
            assert owner.setdefault(key, name) == name, \
                f"office_holders.tsv:{number}: {form!r} names both {owner[key]} and {name}"
        aliases_of = [a for a in aliases.split("|") if a]
        assert len(set(aliases_of)) == len(aliases_of), f"{name}: repeated alias"


# -- the loader sees the rows --------------------------------------------------------------------
@pytest.mark.parametrize("form, country, sector", [
    ("Recep Tayyip Erdogan", "TUR", "GOV"),
    ("Erdoğan", "TUR", "GOV"),
    ("Zelenskyy", "UKR", "GOV"),
    ("Lukashenka", "BLR", "GOV"),
    ("Ali al-Sistani", "IRQ", "REL"),
    ("Qassem Soleimani", "IRN", "MIL"),
    ("Pope Francis", "VAT", "REL"),
    ("Antonio Guterres", "IGO", "IGO"),
])
def test_lexicon_loads_holders(form, country, sector):
    lex = lexicon.load()
    tokens = lexicon.tokenize_key(form)
    terms = [t for t in lex.lookup(tokens, form.split()) if t.kind == "holder"]
    assert terms, form
    first = terms[0]  # the latest office
    assert (first.country, first.sector) == (country, sector)


# -- tables of the context and coreference steps ----------------------------------------------
def test_title_countries_are_role_patterns_with_a_country():
    patterns = {row["pattern"] for row in data.tsv("roles.tsv")}
    for row in data.tsv("title_countries.tsv"):
        assert row["title"] in patterns, f"title_countries.tsv: {row['title']!r} is no role"
        assert _valid_country(row["country"]) and row["why"], row


def test_country_successions_are_dated_and_point_to_an_older_country():
    for row in data.tsv("country_successions.tsv"):
        assert _valid_country(row["code"]) and _valid_country(row["before"]), row
        assert DATE.match(row["from"]) and len(row["from"]) == 10, row
        assert row["code"] != row["before"], row
    assert lexicon.country_on("XKX", "1998-03-01") == "SRB"
    assert lexicon.country_on("XKX", "2008-02-17") == "XKX"
    assert lexicon.country_on("KEN", "1998-03-01") == "KEN"


def test_coref_descriptions():
    wants = {"igo", "institution", "country", "person", "any", "subject"}
    phrases = [row["phrase"] for row in data.tsv("coref_descriptions.tsv")]
    assert len(phrases) == len(set(phrases))
    for row in data.tsv("coref_descriptions.tsv"):
        assert row["phrase"] == row["phrase"].lower() and row["count"] in ("1", "2", "3"), row
        assert row["wants"] in wants and (not row["sector"] or row["sector"] in SECTORS), row
        assert row["why"], row
