"""Identities and sentence numbers for the rows of a store written before tidings kept them
(schema version 1), filled in when the store is migrated (``tidings.store.schema``)."""
from __future__ import annotations

from itertools import groupby

from tidings.store import bulk, identity, sentences


def backfill(con) -> None:
    """Identities and sentence numbers for the rows of a store written before they were
    kept (schema version 1): actors from their article's actors, event sides from the
    actor of the same name in their article (else the name), in the caller's transaction."""
    who: dict[tuple[str, str], identity.Identity] = {}
    by_name: dict[tuple[str, str], str] = {}
    rows = con.execute("SELECT article_id, actor_id, name, kind, country FROM actors "
                       "ORDER BY article_id, actor_id").fetchall()
    for article_id, group in _grouped(rows):
        actors = [{"id": r[1], "name": r[2], "kind": r[3], "country": r[4]} for r in group]
        for actor_id, found in identity.of_article(actors).items():
            who[(article_id, actor_id)] = found
        for actor in actors:
            by_name.setdefault((article_id, actor["name"]), who[(article_id, actor["id"])].key)
    _update(con, "actors", ("article_id", "actor_id"), [
        {"article_id": a, "actor_id": b, "identity": f.key, "canonical": f.name}
        for (a, b), f in who.items()], {"identity": "VARCHAR", "canonical": "VARCHAR"})
    texts = dict(con.execute("SELECT id, text FROM articles").fetchall())
    starts: dict[str, list[int]] = {}
    updates = []
    for article_id, raw_id, coded_in, source, target, start in con.execute(
            "SELECT article_id, raw_id, coalesce(copied_from, article_id), source_name, "
            "target_name, start_char FROM event_mentions").fetchall():
        if coded_in not in starts:
            starts[coded_in] = sentences.starts(texts.get(coded_in) or "")
        updates.append({
            "article_id": article_id, "raw_id": raw_id,
            "source_identity": by_name.get((coded_in, source)) or identity.of_name(source),
            "target_identity": by_name.get((coded_in, target)) or identity.of_name(target),
            "sentence_number": sentences.number(starts[coded_in], start)})
    _update(con, "event_mentions", ("article_id", "raw_id"), updates,
            {"source_identity": "VARCHAR", "target_identity": "VARCHAR",
             "sentence_number": "INTEGER"})
    con.execute("UPDATE events SET source_identity = f.s, target_identity = f.t FROM ("
                "SELECT event_id, arg_min(source_identity, (article_id, raw_id)) AS s, "
                "arg_min(target_identity, (article_id, raw_id)) AS t FROM event_mentions "
                "GROUP BY event_id) f WHERE f.event_id = events.id")


def _grouped(rows):
    """(first column, its rows) of rows sorted by their first column."""
    return ((key, list(group)) for key, group in groupby(rows, key=lambda r: r[0]))


def _update(con, table: str, keys: tuple[str, ...], rows: list[dict],
            types: dict[str, str]) -> None:
    """Set ``types``' columns of ``table`` from ``rows`` matched on ``keys`` (one statement)."""
    if not rows:
        return
    scratch = f"_fill_{table}"
    columns = ", ".join([f"{k} VARCHAR" for k in keys] + [f"{c} {t}" for c, t in types.items()])
    con.execute(f"CREATE TEMP TABLE {scratch} ({columns})")
    try:
        bulk.insert_rows(con, scratch, rows)
        con.execute(f"UPDATE {table} SET " + ", ".join(f"{c} = s.{c}" for c in types)
                    + f" FROM {scratch} s WHERE "
                    + " AND ".join(f"{table}.{k} = s.{k}" for k in keys))
    finally:
        con.execute(f"DROP TABLE {scratch}")
