"""Queries over the store, as (SQL, parameters) so every output format, Parquet included,
runs the same statement.

Each table's filter conditions are listed once below and turned into a WHERE clause by
``Where``; statements are assembled from their parts (``Select``). User values are always
bound parameters; only column names and checked numbers (limits) are put into SQL text.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from tidings.errors import OptionError
from tidings.store.filters import Filters

PERIODS = ("day", "week", "month", "quarter", "year")
# The period of each per-period aggregate when none is asked for (stated in --help).
DEFAULT_PERIOD = "month"
# Dyads may also be totals over the whole filtered range.
ALL = "all"
# What dyads are counted between: the actors' codes (their names where uncoded) or their
# countries (USAGOV and USAMIL roll up to USA).
LEVELS = ("actor", "country")
# How dyads are ordered within each period: most events first; lowest Goldstein sum first
# (the most hostile); most conflict events (quad classes 3 and 4) first.
SORTS = ("count", "goldstein", "conflict")
_SORT_SQL = {None: "events DESC, source, target",
             "count": "events DESC, goldstein_sum, source, target",
             "goldstein": "goldstein_sum, events DESC, source, target",
             "conflict": "quad3_verbal_conflict + quad4_material_conflict DESC, "
                         "goldstein_sum, source, target"}
_STEP = {"day": "1 day", "week": "7 days", "month": "1 month", "quarter": "3 months",
         "year": "1 year"}
# What quotes are counted by (``tidings quotes --by``, GET /quoted): who is quoted.
QUOTE_GROUPS = ("gender", "speaker", "country")
GENDERS = ("female", "male", "unknown")

# A filter's condition: its value in, (SQL with ? placeholders, the values they bind) out.
Condition = Callable[[object], tuple[str, list]]


def like(text: str) -> str:
    """A LIKE pattern (ESCAPE '\\') matching ``text`` anywhere, case folded."""
    return "%" + text.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _at_least(column: str, cast: str = "") -> Condition:
    return lambda value: (f"{column} >= ?{cast}", [value])


def _at_most(column: str, cast: str = "") -> Condition:
    return lambda value: (f"{column} <= ?{cast}", [value])


def _any(sql: list[str]) -> str:
    return sql[0] if len(sql) == 1 else "(" + " OR ".join(sql) + ")"


def _code_in(*columns: str) -> Condition:
    """Any of ``columns`` holds the value as a code (upper case)."""
    return lambda value: (_any([f"{c} = ?" for c in columns]), [value.upper()] * len(columns))


def _contains(*columns: str) -> Condition:
    """Any of ``columns`` holds the text (case folded)."""
    return lambda value: (_any([f"lower({c}) LIKE ? ESCAPE '\\'" for c in columns]),
                          [like(value)] * len(columns))


def _named(name: str, *codes: str) -> Condition:
    """A name holding the text, or one of the code columns equal to it (places)."""
    return lambda value: (
        "(" + " OR ".join([f"lower({name}) LIKE ? ESCAPE '\\'"] + [f"{c} = ?" for c in codes])
        + ")", [like(value)] + [value.upper()] * len(codes))


def words_sql(column: str) -> str:
    """SQL of ``column`` as space-padded folded words (``names.words``, padded), for
    whole-word matching with LIKE '% words %'."""
    return (f"(' ' || regexp_replace(strip_accents(lower({column})), '[^\\pL\\pN]+', ' ', "
            "'g') || ' ')")


def _who(names: tuple[str, ...], code: str, country: str) -> Condition:
    """An actor as ``names.Who`` names it: its country, its code, or whole words of one
    of its ``names`` columns (name, identity)."""
    def condition(who) -> tuple[str, list]:
        if who.kind == "country":
            return f"{country} = ?", [who.value]
        if who.kind == "code":
            return f"{code} = ?", [who.value]
        pattern = "% " + who.value.replace("\\", "\\\\").replace("%", "\\%").replace(
            "_", "\\_") + " %"
        return _any([f"{words_sql(n)} LIKE ? ESCAPE '\\'" for n in names]), \
            [pattern] * len(names)
    return condition


def _either(first: Condition, second: Condition) -> Condition:
    def both(value) -> tuple[str, list]:
        (a, a_params), (b, b_params) = first(value), second(value)
        return f"({a} OR {b})", a_params + b_params
    return both


def _one_of(column: str) -> Condition:
    return lambda values: (f"{column} IN ({', '.join('?' * len(values))})", list(values))


def _prefix_in(column: str) -> Condition:
    return lambda values: ("(" + " OR ".join([f"{column} LIKE ? || '%'"] * len(values)) + ")",
                           list(values))


# Each table's conditions, in order: (the filters read, the first one set giving the value;
# the condition). A table lists every filter offered on it (store/filters.py) and may read
# more: quotes take --actor as the speaker, actors take either side's actor.
_SOURCE = _who(("source_name", "source_identity"), "source_code", "source_country")
_TARGET = _who(("target_name", "target_identity"), "target_code", "target_country")
EVENT_CONDITIONS: list[tuple[tuple[str, ...], Condition]] = [
    (("since",), _at_least("date", "::DATE")),
    (("until",), _at_most("date", "::DATE")),
    (("source_actor",), _SOURCE),
    (("target_actor",), _TARGET),
    (("actor",), _either(_SOURCE, _TARGET)),
    (("country",), _code_in("source_country", "target_country")),
    (("sector",), _code_in("source_sector", "target_sector")),
    (("cameo",), _prefix_in("cameo")),
    (("quad",), _one_of("quad_class")),
    (("plover",), _one_of("plover")),
    (("goldstein_min",), _at_least("goldstein")),
    (("goldstein_max",), _at_most("goldstein")),
    (("place",), _named("place_name", "place_country")),
    (("min_confidence",), _at_least("confidence")),
]
# Counted over a distinct event's reports: not for raw reports.
DISTINCT_CONDITIONS = [(("min_articles",), _at_least("num_articles"))]
# Properties of a report (raw_events): a distinct event matches when any report does.
REPORT_CONDITIONS = [
    (("published_since",), _at_least("published", "::DATE")),
    (("published_until",), _at_most("published", "::DATE")),
    (("publisher",), _contains("publisher")),
    (("search",), _contains("sentence")),
]
# The identity of a quote's speaker: "Hillary Clinton" finds the quotes of "Mrs. Clinton".
_SPEAKER_IDENTITY = ("(SELECT x.identity FROM actors x WHERE x.article_id = q.article_id "
                     "AND x.actor_id = q.speaker_actor)")


def _gender(column: str) -> Condition:
    """The speaker's gender; "unknown": none stated."""
    return lambda value: ((f"{column} IS NULL", []) if value == "unknown"
                          else (f"{column} = ?", [value]))


QUOTE_CONDITIONS = [
    (("published_since", "since"), _at_least("a.published", "::DATE")),
    (("gender",), _gender("q.speaker_gender")),
    (("published_until", "until"), _at_most("a.published", "::DATE")),
    (("speaker", "actor"), _who(("q.speaker_name", _SPEAKER_IDENTITY), "q.speaker_code",
                                "q.speaker_country")),
    (("country",), _code_in("q.speaker_country")),
    (("sector",), _code_in("q.speaker_sector")),
    (("search",), _contains("q.text")),
    (("publisher",), _contains("a.source")),
]
ACTOR_CONDITIONS = [
    (("actor", "source_actor", "target_actor"), _who(("x.name", "x.identity"), "x.code",
                                                     "x.country")),
    (("country",), _code_in("x.country")),
    (("sector",), _code_in("x.sector")),
    (("published_since",), _at_least("a.published", "::DATE")),
    (("published_until",), _at_most("a.published", "::DATE")),
]
ARTICLE_CONDITIONS = [
    (("search",), _contains("text", "title")),
    (("publisher",), _contains("source")),
]


def _is_set(value) -> bool:
    """A filter is set unless None or empty (a number, zero included, is set)."""
    return value is not None and not (isinstance(value, (str, list, tuple)) and not value)


@dataclass
class Where:
    """Conditions joined by AND, with the values they bind in the same order."""

    conditions: list[str] = field(default_factory=list)
    params: list = field(default_factory=list)

    def add(self, sql: str, params: list) -> "Where":
        self.conditions.append(sql)
        self.params.extend(params)
        return self

    def filter(self, f: Filters, conditions) -> "Where":
        """Add each of ``conditions`` whose filters are set in ``f``."""
        for names, condition in conditions:
            value = next((v for v in (getattr(f, n) for n in names) if _is_set(v)), None)
            if value is not None:
                self.add(*condition(value))
        return self

    def clause(self) -> str:
        return (" WHERE " + " AND ".join(self.conditions)) if self.conditions else ""


@dataclass
class Select:
    """One SELECT statement's parts; ``sql()`` joins them."""

    columns: str
    source: str  # FROM: a table, view, join or (subquery)
    where: Where = field(default_factory=Where)
    group_by: str = ""
    order_by: str = ""
    limit: int | None = None
    source_params: list = field(default_factory=list)  # bound in a subquery source

    def sql(self) -> tuple[str, list]:
        text = f"SELECT {self.columns} FROM {self.source}{self.where.clause()}"
        if self.group_by:
            text += f" GROUP BY {self.group_by}"
        if self.order_by:
            text += f" ORDER BY {self.order_by}"
        if self.limit:
            text += f" LIMIT {int(self.limit)}"
        return text, self.source_params + self.where.params


def event_where(f: Filters, raw: bool) -> Where:
    """The conditions on ``event_stats`` (distinct events) or ``raw_events`` (raw)."""
    where = Where().filter(f, EVENT_CONDITIONS)
    if not raw:
        where.filter(f, DISTINCT_CONDITIONS)
    reports = Where().filter(f, REPORT_CONDITIONS)
    if raw:
        where.conditions += reports.conditions
        where.params += reports.params
    elif reports.conditions:
        where.add(f"id IN (SELECT event_id FROM raw_events{reports.clause()})", reports.params)
    return where


DISTINCT_COLUMNS = ("id, date, source_name, source_code, target_name, target_code, cameo, "
                    "cameo_name, quad_class, goldstein, plover, place_name, place_country, "
                    "lat, lon, num_mentions, num_sources, num_articles, confidence, "
                    "first_published, publishers, urls, sentence")
RAW_COLUMNS = ("id AS event_id, article_id, raw_id, date, published, publisher, "
               "source_name, source_code, target_name, target_code, cameo, quad_class, "
               "goldstein, plover, place_name, place_country, lat, lon, negated, modality, "
               "confidence, copied_from, url, sentence, sentence_number, start_char, end_char")


def _events(f: Filters, raw: bool, columns: str | None) -> Select:
    return Select(columns or (RAW_COLUMNS if raw else DISTINCT_COLUMNS),
                  "raw_events" if raw else "event_stats", event_where(f, raw))


def events_sql(f: Filters, raw: bool = False, limit: int | None = None,
               columns: str | None = None) -> tuple[str, list]:
    """Distinct events with their counts, or (raw) one row per report, in date order."""
    select = _events(f, raw, columns)
    select.order_by = ("date, id, article_id, raw_id" if raw else "date, id") + " NULLS LAST"
    select.limit = limit
    return select.sql()


def filtered_events_sql(f: Filters, raw: bool = False) -> tuple[str, list]:
    """Every column of the filtered events (or reports), unordered: the inner query of
    aggregates (dyads, the timeline, the actor network)."""
    return _events(f, raw, "*").sql()


def quotes_sql(f: Filters, limit: int | None = None) -> tuple[str, list]:
    """Quotes (statements: a mixed quote's quoted words are its ``fragments``) with their
    speakers and articles, in publication order."""
    return Select("q.article_id, q.quote_id, a.published, a.source AS publisher, q.kind, "
                  "q.speaker_name, q.speaker_code, q.speaker_gender, q.text, q.cue, "
                  "q.start_char, q.end_char, q.fragments, a.url",
                  "quotes q JOIN articles a ON a.id = q.article_id",
                  Where().filter(f, QUOTE_CONDITIONS),
                  order_by="a.published NULLS LAST, q.article_id, q.start_char",
                  limit=limit).sql()


# Shares are of the quotes the filters select; "speakers" counts distinct names.
_QUOTE_SHARE = "round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS share"
_BY_GENDER = ("count(*) FILTER (WHERE q.speaker_gender = 'female') AS female, "
              "count(*) FILTER (WHERE q.speaker_gender = 'male') AS male, "
              "count(*) FILTER (WHERE q.speaker_gender IS NULL) AS unknown")
_QUOTE_GROUPS = {
    "gender": ("coalesce(q.speaker_gender, 'unknown') AS gender, count(*) AS quotes, "
               f"{_QUOTE_SHARE}, count(DISTINCT q.speaker_name) AS speakers, "
               "count(DISTINCT q.article_id) AS articles", "1", "quotes DESC, gender"),
    "speaker": ("coalesce(q.speaker_name, '(none)') AS speaker, q.speaker_code AS code, "
                "mode(q.speaker_country) AS country, "
                "coalesce(mode(q.speaker_gender), 'unknown') AS gender, count(*) AS quotes, "
                f"{_QUOTE_SHARE}, count(DISTINCT q.article_id) AS articles",
                "1, 2", "quotes DESC, speaker, code NULLS LAST"),
    "country": ("coalesce(q.speaker_country, 'unknown') AS country, count(*) AS quotes, "
                f"{_QUOTE_SHARE}, {_BY_GENDER}, count(DISTINCT q.speaker_name) AS speakers, "
                "count(DISTINCT q.article_id) AS articles", "1", "quotes DESC, country"),
}


def quotes_by_sql(f: Filters, by: str, limit: int | None = None,
                  option: str = "--by") -> tuple[str, list]:
    """Who is quoted: the filtered quotes counted per speaker gender, per speaker or per
    speaker country, most quoted first, with each group's share of them (in the manner
    of the Gender Gap Tracker); checks ``by`` first, naming ``option`` in the error."""
    if by not in QUOTE_GROUPS:
        raise OptionError(f"{option}: expected one of {', '.join(QUOTE_GROUPS)}, got {by!r}")
    columns, group_by, order_by = _QUOTE_GROUPS[by]
    return Select(columns, "quotes q JOIN articles a ON a.id = q.article_id",
                  Where().filter(f, QUOTE_CONDITIONS), group_by=group_by, order_by=order_by,
                  limit=limit).sql()


def actors_sql(f: Filters, limit: int | None = None) -> tuple[str, list]:
    """Actors across articles, one row per identity (``tidings.store.identity``: one
    person however each article names them), with the names and codes it had (each code
    with the dates it was seen, as of each event's date), articles, mentions and events."""
    where = Where().filter(f, ACTOR_CONDITIONS)
    sql = f"""
        WITH x AS (SELECT x.*, a.published FROM actors x JOIN articles a ON a.id = x.article_id
                   {where.clause()}),
        sides AS (
            SELECT source_identity AS identity, source_code AS code, m.event_id, 'source' AS
                   side, coalesce(m.date, a.published) AS day
            FROM event_mentions m JOIN articles a ON a.id = m.article_id
            WHERE source_identity IN (SELECT identity FROM x)
            UNION ALL
            SELECT target_identity, target_code, m.event_id, 'target',
                   coalesce(m.date, a.published)
            FROM event_mentions m JOIN articles a ON a.id = m.article_id
            WHERE target_identity IN (SELECT identity FROM x)
            UNION ALL
            SELECT identity, code, NULL, NULL, published FROM x),
        codes AS (
            SELECT identity, string_agg(coalesce(code, 'uncoded') || ' ' ||
                       coalesce(strftime(first, '%Y-%m-%d') || CASE WHEN last > first THEN
                       '..' || strftime(last, '%Y-%m-%d') ELSE '' END, 'undated'),
                       '; ' ORDER BY first NULLS LAST, code) AS codes
            FROM (SELECT identity, code, min(day) AS first, max(day) AS last
                  FROM sides GROUP BY ALL) GROUP BY identity),
        roles AS (
            SELECT identity, count(DISTINCT event_id) FILTER (WHERE side = 'source') AS s,
                   count(DISTINCT event_id) FILTER (WHERE side = 'target') AS t
            FROM sides GROUP BY identity)
        SELECT mode(x.canonical) AS name, mode(x.code) AS code,
               mode(x.country) AS country, mode(x.sector) AS sector, mode(x.kind) AS kind,
               any_value(c.codes) AS codes,
               string_agg(DISTINCT x.name, '; ' ORDER BY x.name) AS names,
               count(DISTINCT x.article_id) AS articles,
               sum(json_array_length(x.mentions::JSON)) AS mentions,
               coalesce(any_value(r.s), 0) AS events_as_source,
               coalesce(any_value(r.t), 0) AS events_as_target,
               x.identity AS identity
        FROM x LEFT JOIN codes c ON c.identity = x.identity
               LEFT JOIN roles r ON r.identity = x.identity
        GROUP BY x.identity
        ORDER BY articles DESC, mentions DESC, name"""
    if limit:
        sql += f" LIMIT {int(limit)}"
    return " ".join(sql.split()), where.params


def articles_sql(f: Filters) -> tuple[str, list]:
    """Stored articles, newest first, with a preview and their event and quote counts."""
    return Select("id, published, title, url, source, status, duplicate_of, "
                  "left(text, 200) AS preview, "
                  "(SELECT count(*) FROM event_mentions m WHERE m.article_id = a.id) AS events, "
                  "(SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes",
                  "articles a", Where().filter(f, ARTICLE_CONDITIONS),
                  order_by="published DESC NULLS LAST, id").sql()


def periodic_events_sql(f: Filters, by: str, raw: bool = False,
                        option: str = "--by", periods=PERIODS) -> tuple[str, list]:
    """The filtered events (unordered) for a per-period aggregate; checks ``by`` first,
    naming ``option`` in the error."""
    if by not in periods:
        raise OptionError(f"{option}: expected one of {', '.join(periods)}, got {by!r}")
    return filtered_events_sql(f, raw)


def side_sql(side: str) -> str:
    """SQL naming an event side as aggregates group it: its actor code, else its name; a
    pronoun ("he") names no one outside its article, so such a side is unknown (NULL)."""
    from tidings import data

    pronouns = ", ".join(f"'{w}'" for w in sorted(data.words("actor_pronouns")) if w.isalpha())
    return (f"coalesce({side}_code, CASE WHEN lower(trim({side}_name)) IN ({pronouns}) "
            f"THEN NULL ELSE {side}_name END)")


def _choice(value, choices, option: str):
    if value is not None and value not in choices:
        raise OptionError(f"{option}: expected one of {', '.join(choices)}, got {value!r}")
    return value


_QUADS = ("count(*) FILTER (WHERE quad_class = 1) AS quad1_verbal_coop, "
          "count(*) FILTER (WHERE quad_class = 2) AS quad2_material_coop, "
          "count(*) FILTER (WHERE quad_class = 3) AS quad3_verbal_conflict, "
          "count(*) FILTER (WHERE quad_class = 4) AS quad4_material_conflict, "
          "round(sum(goldstein), 2) AS goldstein_sum, "
          "round(avg(goldstein), 3) AS goldstein_mean")


def dyads_sql(f: Filters, by: str = DEFAULT_PERIOD, raw: bool = False,
              limit: int | None = None, level: str = "actor", sort: str | None = None,
              top: int | None = None) -> tuple[str, list]:
    """Directed dyads per period (or ``by="all"``: over the whole range): event counts per
    quad class, Goldstein sum and mean. Both sides must be known: an event without a
    source or a target is no dyad. ``level``: actors (codes, else names) or countries;
    ``sort`` orders each period's dyads (``SORTS``); ``top``: the first N of each period."""
    inner, params = periodic_events_sql(f, by, raw, periods=PERIODS + (ALL,))
    _choice(level, LEVELS, "--level")
    _choice(sort, SORTS, "--sort")
    if top is not None and int(top) < 1:
        raise OptionError(f"--top: expected 1 or more, got {top}")
    if level == "country":
        source, target = "source_country", "target_country"
    else:
        source, target = side_sql("source"), side_sql("target")
    period = ("min(date) AS first_date, max(date) AS last_date" if by == ALL
              else f"date_trunc('{by}', date)::DATE AS period")
    rank = "" if by == ALL else "PARTITION BY period "
    order = _SORT_SQL[sort]
    text = (f"SELECT {period}, {source} AS source, {target} AS target, count(*) AS events, "
            f"{_QUADS} FROM ({inner}) WHERE {source} IS NOT NULL AND {target} IS NOT NULL "
            f"GROUP BY {'source, target' if by == ALL else 'period, source, target'}")
    if top:
        text += f" QUALIFY row_number() OVER ({rank}ORDER BY {order}) <= {int(top)}"
    text += f" ORDER BY {'' if by == ALL else 'period NULLS LAST, '}{order}"
    if limit:
        text += f" LIMIT {int(limit)}"
    return text, params


def counts_sql(f: Filters, by: str = DEFAULT_PERIOD, raw: bool = False) -> tuple[str, list]:
    """Total events per period, every period from the first to the last (or --since to
    --until) listed, those without events with zeros: counts per quad class, Goldstein sum
    and mean. Undated events are left out."""
    inner, params = periodic_events_sql(f, by, raw)
    bounds = [f.since, f.until]
    text = (f"WITH e AS ({inner}), "
            f"span AS (SELECT date_trunc('{by}', coalesce(?::DATE, min(date)))::DATE AS first, "
            f"date_trunc('{by}', coalesce(?::DATE, max(date)))::DATE AS last "
            "FROM e WHERE date IS NOT NULL), "
            "periods AS (SELECT unnest(generate_series(first, last, "
            f"INTERVAL '{_STEP[by]}'))::DATE AS period FROM span WHERE first <= last), "
            f"found AS (SELECT date_trunc('{by}', date)::DATE AS period, count(*) AS events, "
            f"{_QUADS} FROM e WHERE date IS NOT NULL GROUP BY 1) "
            "SELECT p.period, coalesce(events, 0) AS events, "
            "coalesce(quad1_verbal_coop, 0) AS quad1_verbal_coop, "
            "coalesce(quad2_material_coop, 0) AS quad2_material_coop, "
            "coalesce(quad3_verbal_conflict, 0) AS quad3_verbal_conflict, "
            "coalesce(quad4_material_conflict, 0) AS quad4_material_conflict, "
            "coalesce(goldstein_sum, 0) AS goldstein_sum, goldstein_mean "
            "FROM periods p LEFT JOIN found USING (period) ORDER BY p.period")
    return text, params + bounds
