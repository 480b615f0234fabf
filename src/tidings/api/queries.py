"""Queries the dashboard needs beyond the CLI's (one article with its spans, the timeline
histogram, pages of a list). Every value is a bound parameter; the only text put into SQL
is checked (period names, whole numbers)."""
from __future__ import annotations

import json

from tidings.store import Store
from tidings.store.filters import Filters
from tidings.store.query import filtered_events_sql, periodic_events_sql, side_sql


def page(sql: str, limit: int, offset: int) -> str:
    """``sql`` (already ordered) cut to one page; both numbers are validated ints."""
    return f"{sql} LIMIT {int(limit)} OFFSET {int(offset)}"


def count(store: Store, sql: str, params: list) -> int:
    return store.fetch(f"SELECT count(*) FROM ({sql})", params)[1][0][0]


def rows_as_dicts(columns: list[str], rows: list[tuple]) -> list[dict]:
    from tidings.store.output import _plain

    return [{c: _plain(v) for c, v in zip(columns, row)} for row in rows]


def timeline_sql(f: Filters, by: str = "day", raw: bool = False) -> tuple[str, list]:
    """Distinct events (or reports) per period and quad class: the stacked timeline."""
    inner, params = periodic_events_sql(f, by, raw, option="by")
    return (f"SELECT date_trunc('{by}', date)::DATE AS period, quad_class, "
            "count(*) AS events, round(sum(goldstein), 2) AS goldstein_sum "
            f"FROM ({inner}) WHERE date IS NOT NULL GROUP BY ALL "
            "ORDER BY period, quad_class", params)


def article(store: Store, article_id: str) -> dict | None:
    """One stored article with the spans of its actors, events, quotes, times and places
    (a near-duplicate shows its original's spans: they point into the same text)."""
    columns, rows = store.fetch(
        "SELECT id, published, title, url, source, language, status, duplicate_of, "
        "similarity, error, warnings, text FROM articles WHERE id = ?", [article_id])
    if not rows:
        return None
    head = rows_as_dicts(columns, rows)[0]
    head["warnings"] = json.loads(head["warnings"]) if head["warnings"] else []
    coded = head["duplicate_of"] or article_id

    def table(sql: str, key: str = coded) -> list[dict]:
        return rows_as_dicts(*store.fetch(sql, [key]))

    actors = table("SELECT actor_id AS id, name, kind, country, sector, code, mentions "
                   "FROM actors WHERE article_id = ? ORDER BY actor_id")
    for a in actors:
        a["mentions"] = json.loads(a["mentions"]) if a["mentions"] else []
    events = table("SELECT event_id, raw_id AS id, start_char AS start, end_char AS \"end\", "
                   "trigger, sentence, date, date_value, date_text, source_name, source_code, "
                   "target_name, target_code, cameo, root, quad_class, goldstein, plover, "
                   "place_name, place_country, lat, lon, negated, modality, confidence, "
                   "quote_id FROM event_mentions WHERE article_id = ? "
                   "ORDER BY start_char, raw_id", article_id)
    quotes = table("SELECT quote_id AS id, kind, text, start_char AS start, end_char AS \"end\", "
                   "cue, speaker_actor, speaker_name, speaker_country, speaker_sector, "
                   "speaker_code, speaker_gender, fragments, events FROM quotes "
                   "WHERE article_id = ? ORDER BY start_char")
    for q in quotes:
        q["events"] = json.loads(q["events"]) if q["events"] else []
        q["fragments"] = json.loads(q["fragments"]) if q["fragments"] else None
    times = table("SELECT text, start_char AS start, end_char AS \"end\", value, type "
                  "FROM times WHERE article_id = ? ORDER BY start_char")
    places = table("SELECT text, start_char AS start, end_char AS \"end\", name, country, "
                   "lat, lon, geonameid FROM places WHERE article_id = ? ORDER BY start_char")
    return {"article": head, "actors": actors, "events": events, "quotes": quotes,
            "times": times, "places": places}


def network(store: Store, f: Filters, min_events: int = 1, top: int = 100,
            raw: bool = False) -> dict:
    """The actor network of the filtered events: the ``top`` actors (codes, else names) by
    events, and the directed dyads between them with at least ``min_events`` events
    (count and mean Goldstein), each node with its events, country and commonest names."""
    inner, params = filtered_events_sql(f, raw)
    columns, rows = store.fetch(
        f"SELECT {side_sql('source')} AS s, {side_sql('target')} AS t, count(*) AS events, "
        "round(avg(goldstein), 3) AS goldstein_mean, "
        "mode(source_country) AS s_country, mode(target_country) AS t_country, "
        "mode(source_name) AS s_name, mode(target_name) AS t_name "
        f"FROM ({inner}) WHERE s IS NOT NULL AND t IS NOT NULL AND s <> t GROUP BY s, t "
        f"HAVING count(*) >= {int(min_events)} ORDER BY events DESC, s, t", params)
    edges = rows_as_dicts(columns, rows)
    totals: dict[str, int] = {}
    about: dict[str, dict] = {}
    for e in edges:
        for side in ("s", "t"):
            node = e[side]
            totals[node] = totals.get(node, 0) + e["events"]
            info = about.setdefault(node, {"country": e[f"{side}_country"], "names": {}})
            name = e[f"{side}_name"]
            if name:
                info["names"][name] = info["names"].get(name, 0) + e["events"]
    ranked = sorted(totals, key=lambda n: (-totals[n], n))[:int(top)]
    kept = set(ranked)
    nodes = [{"id": n, "events": totals[n], "country": about[n]["country"],
              "names": sorted(about[n]["names"], key=lambda x: -about[n]["names"][x])[:5]}
             for n in ranked]
    return {"nodes": nodes,
            "edges": [{"source": e["s"], "target": e["t"], "events": e["events"],
                       "goldstein_mean": e["goldstein_mean"]}
                      for e in edges if e["s"] in kept and e["t"] in kept]}
