"""Filters and queries over the store, as (SQL, parameters) so every output format,
Parquet included, runs the same statement."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from tidings.article import parse_published
from tidings.errors import OptionError

PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION",
                "MOBILIZE", "COERCE", "ASSAULT"}
PERIODS = ("day", "week", "month", "quarter", "year")


@dataclass
class Filters:
    """What an analyst narrows to. Values are checked when built (``Filters.parse``)."""

    since: str | None = None               # event date >=
    until: str | None = None               # event date <=
    published_since: str | None = None     # publication date >=
    published_until: str | None = None
    source_actor: str | None = None        # name (substring), code or country
    target_actor: str | None = None
    actor: str | None = None               # either side
    country: str | None = None             # either side's country
    sector: str | None = None              # either side's sector
    cameo: list[str] = field(default_factory=list)   # code prefixes (root "19" or "195")
    quad: list[int] = field(default_factory=list)
    plover: list[str] = field(default_factory=list)
    goldstein_min: float | None = None
    goldstein_max: float | None = None
    place: str | None = None               # place name (substring) or country code
    min_confidence: float | None = None
    min_articles: int | None = None
    search: str | None = None              # words in the sentence (events) or quote text
    publisher: str | None = None
    speaker: str | None = None             # quotes: speaker name, code or country

    @classmethod
    def parse(cls, **values) -> "Filters":
        """Filters from raw option strings; a bad value raises OptionError naming it."""
        f = cls(**{k: v for k, v in values.items() if v not in (None, [], ())})
        for name in ("since", "until", "published_since", "published_until"):
            value = getattr(f, name)
            if value is not None:
                setattr(f, name, parse_published(value, "--" + name.replace("_", "-")))
        f.cameo = [_cameo(c) for c in f.cameo]
        f.quad = [_int(q, "--quad", 1, 4) for q in f.quad]
        f.plover = [_plover(p) for p in f.plover]
        f.goldstein_min = _float(f.goldstein_min, "--goldstein-min", -10, 10)
        f.goldstein_max = _float(f.goldstein_max, "--goldstein-max", -10, 10)
        f.min_confidence = _float(f.min_confidence, "--min-confidence", 0, 1)
        if f.min_articles is not None:
            f.min_articles = _int(f.min_articles, "--min-articles", 1, None)
        return f


def _cameo(value: str) -> str:
    text = str(value).strip()
    if not re.fullmatch(r"\d{2,4}", text):
        raise OptionError(f"--cameo: expected a CAMEO code of 2 to 4 digits "
                          f"(root '19' or code '195'), got {value!r}")
    return text


def _plover(value: str) -> str:
    text = str(value).strip().upper()
    if text not in PLOVER_TYPES:
        raise OptionError(f"--plover: unknown PLOVER type {value!r} "
                          f"(one of {', '.join(sorted(PLOVER_TYPES))})")
    return text


def _int(value, what: str, low: int | None, high: int | None) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise OptionError(f"{what}: expected a whole number, got {value!r}") from None
    if (low is not None and number < low) or (high is not None and number > high):
        raise OptionError(f"{what}: {number} is out of range "
                          f"({low if low is not None else ''}..{high if high is not None else ''})")
    return number


def _float(value, what: str, low: float, high: float) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise OptionError(f"{what}: expected a number, got {value!r}") from None
    if not low <= number <= high:
        raise OptionError(f"{what}: {number:g} is out of range ({low:g}..{high:g})")
    return number


def _like(text: str) -> str:
    return "%" + text.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _actor(prefix: str, value: str) -> tuple[str, list]:
    return (f"(lower({prefix}_name) LIKE ? ESCAPE '\\' OR {prefix}_code = ? "
            f"OR {prefix}_country = ?)", [_like(value), value.upper(), value.upper()])


def event_conditions(f: Filters, raw: bool) -> tuple[list[str], list]:
    """WHERE conditions for ``event_stats`` (distinct) or ``raw_events`` (raw).

    Publication date, publisher and sentence search are properties of reports: a distinct
    event matches when any of its reports does.
    """
    where: list[str] = []
    params: list = []

    def add(sql: str, *values) -> None:
        where.append(sql)
        params.extend(values)

    if f.since:
        add("date >= ?::DATE", f.since)
    if f.until:
        add("date <= ?::DATE", f.until)
    for prefix, value in (("source", f.source_actor), ("target", f.target_actor)):
        if value:
            sql, values = _actor(prefix, value)
            add(sql, *values)
    if f.actor:
        s_sql, s_values = _actor("source", f.actor)
        t_sql, t_values = _actor("target", f.actor)
        add(f"({s_sql} OR {t_sql})", *s_values, *t_values)
    if f.country:
        add("(source_country = ? OR target_country = ?)", f.country.upper(), f.country.upper())
    if f.sector:
        add("(source_sector = ? OR target_sector = ?)", f.sector.upper(), f.sector.upper())
    if f.cameo:
        add("(" + " OR ".join(["cameo LIKE ? || '%'"] * len(f.cameo)) + ")", *f.cameo)
    if f.quad:
        add(f"quad_class IN ({', '.join('?' * len(f.quad))})", *f.quad)
    if f.plover:
        add(f"plover IN ({', '.join('?' * len(f.plover))})", *f.plover)
    if f.goldstein_min is not None:
        add("goldstein >= ?", f.goldstein_min)
    if f.goldstein_max is not None:
        add("goldstein <= ?", f.goldstein_max)
    if f.place:
        add("(lower(place_name) LIKE ? ESCAPE '\\' OR place_country = ?)",
            _like(f.place), f.place.upper())
    if f.min_confidence is not None:
        add("confidence >= ?", f.min_confidence)
    if f.min_articles is not None and not raw:
        add("num_articles >= ?", f.min_articles)
    report: list[str] = []
    report_params: list = []
    if f.published_since:
        report.append("published >= ?::DATE")
        report_params.append(f.published_since)
    if f.published_until:
        report.append("published <= ?::DATE")
        report_params.append(f.published_until)
    if f.publisher:
        report.append("lower(publisher) LIKE ? ESCAPE '\\'")
        report_params.append(_like(f.publisher))
    if f.search:
        report.append("lower(sentence) LIKE ? ESCAPE '\\'")
        report_params.append(_like(f.search))
    if report:
        if raw:
            where.extend(report)
        else:
            where.append("id IN (SELECT event_id FROM raw_events WHERE "
                         + " AND ".join(report) + ")")
        params.extend(report_params)
    return where, params


def _where(conditions: list[str]) -> str:
    return (" WHERE " + " AND ".join(conditions)) if conditions else ""


def _limit(limit: int | None) -> str:
    return f" LIMIT {int(limit)}" if limit else ""


DISTINCT_COLUMNS = ("id, date, source_name, source_code, target_name, target_code, cameo, "
                    "cameo_name, quad_class, goldstein, plover, place_name, place_country, "
                    "lat, lon, num_mentions, num_sources, num_articles, confidence, "
                    "first_published, publishers, urls, sentence")
RAW_COLUMNS = ("id AS event_id, article_id, raw_id, date, published, publisher, "
               "source_name, source_code, target_name, target_code, cameo, quad_class, "
               "goldstein, plover, place_name, place_country, lat, lon, negated, modality, "
               "confidence, copied_from, url, sentence")


def events_sql(f: Filters, raw: bool = False, limit: int | None = None,
               columns: str | None = None) -> tuple[str, list]:
    """Distinct events with their counts, or (raw) one row per report."""
    conditions, params = event_conditions(f, raw)
    table = "raw_events" if raw else "event_stats"
    cols = columns or (RAW_COLUMNS if raw else DISTINCT_COLUMNS)
    order = "date, id, article_id, raw_id" if raw else "date, id"
    return (f"SELECT {cols} FROM {table}{_where(conditions)} ORDER BY {order} NULLS LAST"
            f"{_limit(limit)}", params)


def quotes_sql(f: Filters, limit: int | None = None) -> tuple[str, list]:
    where, params = [], []
    if f.published_since:
        where.append("a.published >= ?::DATE")
        params.append(f.published_since)
    if f.published_until or f.until:
        where.append("a.published <= ?::DATE")
        params.append(f.published_until or f.until)
    if f.since and not f.published_since:
        where.append("a.published >= ?::DATE")
        params.append(f.since)
    who = f.speaker or f.actor
    if who:
        where.append("(lower(q.speaker_name) LIKE ? ESCAPE '\\' OR q.speaker_code = ? "
                     "OR q.speaker_country = ?)")
        params += [_like(who), who.upper(), who.upper()]
    if f.country:
        where.append("q.speaker_country = ?")
        params.append(f.country.upper())
    if f.sector:
        where.append("q.speaker_sector = ?")
        params.append(f.sector.upper())
    if f.search:
        where.append("lower(q.text) LIKE ? ESCAPE '\\'")
        params.append(_like(f.search))
    if f.publisher:
        where.append("lower(a.source) LIKE ? ESCAPE '\\'")
        params.append(_like(f.publisher))
    return ("SELECT q.article_id, q.quote_id, a.published, a.source AS publisher, q.kind, "
            "q.speaker_name, q.speaker_code, q.text, q.cue, q.start_char, q.end_char, a.url "
            "FROM quotes q JOIN articles a ON a.id = q.article_id" + _where(where)
            + " ORDER BY a.published NULLS LAST, q.article_id, q.start_char" + _limit(limit),
            params)


def actors_sql(f: Filters, limit: int | None = None) -> tuple[str, list]:
    """Actors as found across articles: one row per (name, code), with article and
    mention counts and the distinct events each code takes part in."""
    where, params = [], []
    who = f.actor or f.source_actor or f.target_actor
    if who:
        where.append("(lower(x.name) LIKE ? ESCAPE '\\' OR x.code = ? OR x.country = ?)")
        params += [_like(who), who.upper(), who.upper()]
    if f.country:
        where.append("x.country = ?")
        params.append(f.country.upper())
    if f.sector:
        where.append("x.sector = ?")
        params.append(f.sector.upper())
    if f.published_since:
        where.append("a.published >= ?::DATE")
        params.append(f.published_since)
    if f.published_until:
        where.append("a.published <= ?::DATE")
        params.append(f.published_until)
    return ("SELECT x.name, x.code, x.country, x.sector, x.kind, "
            "count(DISTINCT x.article_id) AS articles, "
            "sum(json_array_length(x.mentions::JSON)) AS mentions, "
            "(SELECT count(*) FROM events e WHERE e.source_key = coalesce(x.code, "
            "'~' || lower(x.name))) AS events_as_source, "
            "(SELECT count(*) FROM events e WHERE e.target_key = coalesce(x.code, "
            "'~' || lower(x.name))) AS events_as_target "
            "FROM actors x JOIN articles a ON a.id = x.article_id" + _where(where)
            + " GROUP BY x.name, x.code, x.country, x.sector, x.kind "
            "ORDER BY articles DESC, mentions DESC, x.name" + _limit(limit), params)


def periodic_events_sql(f: Filters, by: str, raw: bool = False,
                        option: str = "--by") -> tuple[str, list]:
    """The filtered events (unordered) for a per-period aggregate; checks ``by`` first,
    naming ``option`` in the error."""
    if by not in PERIODS:
        raise OptionError(f"{option}: expected one of {', '.join(PERIODS)}, got {by!r}")
    inner, params = events_sql(f, raw=raw, columns="*")
    return inner.split(" ORDER BY ")[0], params


def dyads_sql(f: Filters, by: str = "month", raw: bool = False,
              limit: int | None = None) -> tuple[str, list]:
    """Directed dyads per period: event counts per quad class, Goldstein sum and mean."""
    inner, params = periodic_events_sql(f, by, raw)
    return (f"SELECT date_trunc('{by}', date)::DATE AS period, "
            "coalesce(source_code, source_name) AS source, "
            "coalesce(target_code, target_name) AS target, count(*) AS events, "
            "count(*) FILTER (WHERE quad_class = 1) AS quad1_verbal_coop, "
            "count(*) FILTER (WHERE quad_class = 2) AS quad2_material_coop, "
            "count(*) FILTER (WHERE quad_class = 3) AS quad3_verbal_conflict, "
            "count(*) FILTER (WHERE quad_class = 4) AS quad4_material_conflict, "
            "round(sum(goldstein), 2) AS goldstein_sum, "
            "round(avg(goldstein), 3) AS goldstein_mean "
            f"FROM ({inner}) GROUP BY ALL ORDER BY period NULLS LAST, events DESC, source, "
            f"target{_limit(limit)}", params)
