"""The store's tables, its schema version and the migrations between versions.

Raw reports (``event_mentions``) are never deleted; a distinct event (``events``) is the
group of reports with the same source, target and CAMEO code within the date window.
Counts (num_mentions, num_sources, num_articles) are computed in the ``event_stats`` view
so they can never disagree with the mentions after a crash.

Version 2 files every actor under an identity (one person across articles, see
``tidings.store.identity``), gives each report its sentence's number in the article and
the article's origin (file) in ``raw_events``.
"""
from __future__ import annotations

from typing import Callable

SCHEMA_VERSION = 4


def _fill_version_2(con) -> None:
    """Identities and sentence numbers for the rows a version 1 store already holds."""
    from tidings.store.backfill import backfill

    backfill(con)


# Each migration takes the database from version N-1 to N; index 0 creates version 1. A
# step is a SQL statement, or a function of the connection for what SQL cannot compute.
MIGRATIONS: list[list[str | Callable]] = [
    [
        """CREATE TABLE IF NOT EXISTS settings (
               key VARCHAR PRIMARY KEY, value VARCHAR)""",
        """CREATE TABLE articles (
               id VARCHAR PRIMARY KEY,        -- the contract's article id (input id or text id)
               hash VARCHAR NOT NULL UNIQUE,  -- sha256 of the normalized text: idempotent ingest
               simhash BIGINT,                -- 64-bit SimHash over word-bigram shingles
               published DATE, title VARCHAR, url VARCHAR, source VARCHAR,
               language VARCHAR, origin VARCHAR,
               duplicate_of VARCHAR,          -- near-duplicate of this (coded) article
               similarity DOUBLE,             -- shingle overlap (Jaccard) with duplicate_of
               status VARCHAR NOT NULL,       -- coded | duplicate | failed
               error VARCHAR, warnings VARCHAR,
               text VARCHAR,
               ingested_at TIMESTAMP NOT NULL, coder_version VARCHAR)""",
        """CREATE TABLE actors (
               article_id VARCHAR, actor_id VARCHAR, name VARCHAR, kind VARCHAR,
               country VARCHAR, sector VARCHAR, code VARCHAR, mentions VARCHAR,
               PRIMARY KEY (article_id, actor_id))""",
        """CREATE TABLE events (
               id BIGINT PRIMARY KEY,
               date DATE,                     -- first day of the event's time (see precision)
               date_precision VARCHAR,        -- day | week | month | year
               date_value VARCHAR,            -- the TIMEX3-style value as extracted
               source_key VARCHAR, source_name VARCHAR, source_code VARCHAR,
               source_country VARCHAR, source_sector VARCHAR,
               target_key VARCHAR, target_name VARCHAR, target_code VARCHAR,
               target_country VARCHAR, target_sector VARCHAR,
               cameo VARCHAR, root VARCHAR, quad_class INTEGER, goldstein DOUBLE,
               plover VARCHAR, cameo_name VARCHAR,
               place_name VARCHAR, place_country VARCHAR, lat DOUBLE, lon DOUBLE,
               first_added TIMESTAMP)""",
        """CREATE TABLE event_mentions (
               event_id BIGINT NOT NULL, article_id VARCHAR NOT NULL, raw_id VARCHAR NOT NULL,
               copied_from VARCHAR,           -- article the report was coded in (duplicates)
               sentence VARCHAR, start_char INTEGER, end_char INTEGER,
               trigger VARCHAR, date DATE, date_precision VARCHAR, date_value VARCHAR,
               date_text VARCHAR, date_source VARCHAR,
               source_name VARCHAR, source_code VARCHAR, source_country VARCHAR,
               source_sector VARCHAR, target_name VARCHAR, target_code VARCHAR,
               target_country VARCHAR, target_sector VARCHAR,
               cameo VARCHAR, root VARCHAR, quad_class INTEGER, goldstein DOUBLE,
               plover VARCHAR, place_name VARCHAR, place_country VARCHAR,
               lat DOUBLE, lon DOUBLE, negated BOOLEAN, modality VARCHAR,
               confidence DOUBLE, quote_id VARCHAR,
               PRIMARY KEY (article_id, raw_id))""",
        """CREATE TABLE quotes (
               article_id VARCHAR, quote_id VARCHAR, kind VARCHAR, text VARCHAR,
               start_char INTEGER, end_char INTEGER, cue VARCHAR,
               speaker_actor VARCHAR, speaker_name VARCHAR, speaker_country VARCHAR,
               speaker_sector VARCHAR, speaker_code VARCHAR, events VARCHAR,
               PRIMARY KEY (article_id, quote_id))""",
        """CREATE TABLE times (
               article_id VARCHAR, text VARCHAR, start_char INTEGER, end_char INTEGER,
               value VARCHAR, type VARCHAR)""",
        """CREATE TABLE places (
               article_id VARCHAR, text VARCHAR, start_char INTEGER, end_char INTEGER,
               name VARCHAR, country VARCHAR, lat DOUBLE, lon DOUBLE, geonameid BIGINT)""",
        """CREATE VIEW event_stats AS
           SELECT e.*,
                  count(*) AS num_mentions,
                  count(DISTINCT coalesce(a.source, a.id)) AS num_sources,
                  count(DISTINCT m.article_id) AS num_articles,
                  max(m.confidence) AS confidence,
                  min(a.published) AS first_published,
                  max(a.published) AS last_published,
                  string_agg(DISTINCT a.url, ';') AS urls,
                  string_agg(DISTINCT a.source, ';') AS publishers,
                  min(m.sentence) AS sentence
           FROM events e JOIN event_mentions m ON m.event_id = e.id
                JOIN articles a ON a.id = m.article_id
           GROUP BY ALL""",
        """CREATE VIEW raw_events AS
           SELECT m.*, m.event_id AS id, a.published, a.url, a.source AS publisher,
                  a.title, a.duplicate_of
           FROM event_mentions m JOIN articles a ON a.id = m.article_id""",
    ],
    [
        # identity: folded words naming one actor across articles; canonical: its name
        "ALTER TABLE actors ADD COLUMN identity VARCHAR",
        "ALTER TABLE actors ADD COLUMN canonical VARCHAR",
        "ALTER TABLE events ADD COLUMN source_identity VARCHAR",
        "ALTER TABLE events ADD COLUMN target_identity VARCHAR",
        "ALTER TABLE event_mentions ADD COLUMN source_identity VARCHAR",
        "ALTER TABLE event_mentions ADD COLUMN target_identity VARCHAR",
        "ALTER TABLE event_mentions ADD COLUMN sentence_number INTEGER",  # 1: the first
        """CREATE OR REPLACE VIEW raw_events AS
           SELECT m.*, m.event_id AS id, a.published, a.url, a.source AS publisher,
                  a.title, a.duplicate_of, a.origin
           FROM event_mentions m JOIN articles a ON a.id = m.article_id""",
        _fill_version_2,
    ],
    # 3: an event's place carries its first-level division and feature kind (the exports'
    # ADM1 columns), a place its division, kind and use (location or named). The views
    # select e.* and m.*, so they show the new columns without being made again.
    [
        *[f"ALTER TABLE {table} ADD COLUMN {column}"
          for table in ("events", "event_mentions")
          for column in ("place_admin1 VARCHAR", "place_admin1_code VARCHAR",
                         "place_adm1 VARCHAR", "place_feature VARCHAR",
                         "place_geonameid BIGINT")],
        *[f"ALTER TABLE places ADD COLUMN {column}"
          for column in ("feature VARCHAR", "admin1 VARCHAR", "admin1_code VARCHAR",
                         "usage VARCHAR")],
    ],
]

# Version 4: a quote is a statement. A mixed quote keeps its quoted words in ``fragments``
# (JSON [[start, end], ...]), and stores written before version 4, which held each fragment
# as a direct quote of its own, get them folded into their mixed quote (an event linked to a
# fragment links to the statement); the speaker's gender (female, male or null).
MIGRATIONS.append([
    "ALTER TABLE quotes ADD COLUMN fragments VARCHAR",
    "ALTER TABLE quotes ADD COLUMN speaker_gender VARCHAR",
    """CREATE TEMP TABLE quote_fragments AS
       SELECT d.article_id, d.quote_id, d.start_char, d.end_char, m.quote_id AS statement
       FROM quotes d JOIN quotes m ON m.article_id = d.article_id AND m.kind = 'mixed'
            AND m.quote_id <> d.quote_id AND m.start_char <= d.start_char
            AND d.end_char <= m.end_char
       WHERE d.kind = 'direct'""",
    """UPDATE quotes SET fragments = (
           SELECT to_json(list([f.start_char, f.end_char] ORDER BY f.start_char))::VARCHAR
           FROM quote_fragments f
           WHERE f.article_id = quotes.article_id AND f.statement = quotes.quote_id)
       WHERE kind = 'mixed'""",
    "UPDATE quotes SET fragments = '[]' WHERE kind = 'mixed' AND fragments IS NULL",
    """UPDATE event_mentions SET quote_id = (
           SELECT min(f.statement) FROM quote_fragments f
           WHERE f.article_id = event_mentions.article_id AND f.quote_id = event_mentions.quote_id)
       WHERE EXISTS (SELECT 1 FROM quote_fragments f WHERE f.article_id = event_mentions.article_id
                     AND f.quote_id = event_mentions.quote_id)""",
    """DELETE FROM quotes WHERE EXISTS (
           SELECT 1 FROM quote_fragments f
           WHERE f.article_id = quotes.article_id AND f.quote_id = quotes.quote_id)""",
    "DROP TABLE quote_fragments",
])

TABLES = ["articles", "actors", "events", "event_mentions", "quotes", "times", "places"]


def migrate(con, found: int) -> None:
    """Apply the migrations after version ``found``, each in one transaction."""
    for version in range(found + 1, SCHEMA_VERSION + 1):
        con.execute("BEGIN TRANSACTION")
        try:
            for step in MIGRATIONS[version - 1]:
                if callable(step):
                    step(con)
                else:
                    con.execute(step)
            con.execute("CREATE TABLE IF NOT EXISTS schema_version "
                        "(version INTEGER, applied_at TIMESTAMP)")
            con.execute("INSERT INTO schema_version VALUES (?, now())", [version])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
