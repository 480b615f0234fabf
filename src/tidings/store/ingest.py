"""Ingest: articles in, documents stored, one transaction per batch.

Why batches are transactions: a run killed at any moment leaves whole batches or nothing,
and an article is skipped when its normalized-text hash is stored, so running the same
ingest again completes the work and adds nothing twice.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import re
import time
from dataclasses import dataclass, field
from typing import Callable, Iterable

from tidings import __version__
from tidings import data
from tidings.article import Article, ReadFailure
from tidings.errors import StoreError
from tidings.store import bulk, dedup, identity, sentences

LOGGER = logging.getLogger(__name__)

# Days two reports' event dates may differ and still be one event (same source, target
# and CAMEO code): 1 absorbs a date resolved against a next-day publication, as GDELT's
# daily collapse does; 0 is Phoenix's strict one-a-day rule.
DEFAULT_WINDOW_DAYS = 1

# Articles per transaction: the extractor's spaCy batch, so one commit per nlp.pipe batch.
BATCH_SIZE = 32
# spaCy batch of a run's first transaction in this process: its first documents arrive
# after ~1-2 s instead of ~10 s; one batch of 8 costs nothing measurable beside 32.
FIRST_PIECE = 8
# Articles whose documents are asked of an extractor elsewhere (worker processes, Dask) at
# a time: a worker partition (tidings.scale.POOL_PARTITION), so the progress line moves
# as each partition comes back, not once per batch; the documents are computed ahead anyway.
EXTERNAL_PIECE = 8


@dataclass
class IngestReport:
    """What a run did; ``failures`` lists (where, why) for each article skipped as bad."""

    read: int = 0
    coded: int = 0
    duplicates: int = 0
    already_stored: int = 0
    events: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)
    done: int = 0  # input items whose fate is settled (stored, skipped or failed)

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started

    def as_dict(self) -> dict:
        return {"read": self.read, "coded": self.coded, "duplicates": self.duplicates,
                "already_stored": self.already_stored, "events": self.events,
                "failed": len(self.failures)}


def window_days(con) -> int:
    row = con.execute("SELECT value FROM settings WHERE key = 'event_window_days'").fetchone()
    return int(row[0]) if row else DEFAULT_WINDOW_DAYS


def set_window_days(con, days: int) -> None:
    con.execute("INSERT OR REPLACE INTO settings VALUES ('event_window_days', ?)", [str(days)])


# What turns a batch's articles into documents, in order: extraction in this process by
# default, or results from worker processes or a Dask cluster (tidings.scale).
Extractor = Callable[[list[Article]], Iterable[dict]]


def ingest(target, items: Iterable[Article | ReadFailure], model: str | None = None,
           window: int | None = None, batch_size: int = BATCH_SIZE,
           progress: Callable[[IngestReport], None] | None = None,
           extractor: Extractor | None = None,
           report: IngestReport | None = None) -> IngestReport:
    """Extract and store ``items``; returns counts. Bad items are reported, not raised.

    ``target``: an open DuckDB connection, used throughout, or a function that opens one,
    called for each batch's look-ups and again for its writes (each closed at once), so
    the file is free for other processes while the batch is extracted.
    ``extractor`` only changes where documents are computed: this process stays the one
    writer, with the same deduplication, ids and one transaction per batch.
    ``progress`` is called as each article is done and after each batch. ``report``: the
    caller's, counted into as batches commit (what was stored if the run is stopped).
    """
    piece = EXTERNAL_PIECE  # documents asked for a few at a time: progress as they come
    if extractor is None:
        from tidings.extract import extract_articles

        piece = batch_size  # this process's extraction yields each document when done

        calls = 0

        def extractor(articles: list[Article]) -> Iterable[dict]:
            nonlocal calls
            calls += 1
            # the first batch parsed in small pieces: the first documents (and a rate for
            # the progress line) come after a few seconds, not after a whole batch
            return extract_articles(articles, model=model,
                                    batch_size=FIRST_PIECE if calls == 1 else BATCH_SIZE)
    sessions = _Sessions(target)
    report = report if report is not None else IngestReport()
    with sessions() as con:
        if window is not None:
            set_window_days(con, window)
        days = window_days(con)
    batch: list[Article | ReadFailure] = []
    for item in items:
        batch.append(item)
        if len(batch) >= batch_size:
            _ingest_batch(sessions, batch, extractor, days, report, progress, piece)
            LOGGER.info("batch committed: %d articles read so far", report.read)
            batch = []
            if progress:
                progress(report)
    if batch:
        _ingest_batch(sessions, batch, extractor, days, report, progress, piece)
        if progress:
            progress(report)
    return report


class _Sessions:
    """Connections for an ingest: the caller's own, or one opened per use and closed."""

    def __init__(self, target) -> None:
        self.target = target

    @contextlib.contextmanager
    def __call__(self):
        if not callable(self.target):
            yield self.target
            return
        con = self.target()
        try:
            yield con
        finally:
            con.close()


@dataclass
class _Pending:
    article: Article
    hash: str
    simhash: int
    duplicate_of: "_Pending | str | None" = None
    similarity: float | None = None
    document: dict | None = None


def _ingest_batch(sessions: _Sessions, batch, extractor: Extractor, days: int,
                  report: IngestReport, progress=None, piece: int = BATCH_SIZE) -> None:
    pending: list[_Pending] = []
    hashes: set[str] = set()
    with sessions() as con:
        for item in batch:
            if isinstance(item, ReadFailure):
                report.failures.append((item.origin or item.id or "?", item.message))
                report.done += 1
                continue
            report.read += 1
            digest = dedup.text_hash(item.text)
            if digest in hashes or _is_stored(con, digest):
                report.already_stored += 1
                report.done += 1
                continue
            hashes.add(digest)
            entry = _Pending(item, digest, dedup.simhash(item.text))
            _find_original(con, entry, pending)
            pending.append(entry)
    to_code = [p for p in pending if p.duplicate_of is None]
    for start in range(0, len(to_code), piece):
        part = to_code[start:start + piece]
        for entry, document in zip(part, extractor([p.article for p in part])):
            entry.document = document
            report.done += 1
            if progress:
                progress(report)
    report.done += len(pending) - len(to_code)
    kept = []
    for entry in pending:
        error = entry.document.get("error") if entry.document else None
        original = entry.duplicate_of
        if error or (isinstance(original, _Pending) and original.document
                     and original.document.get("error")):
            report.failures.append((entry.article.origin or entry.article.id or "?",
                                    error or "near-duplicate of an article that failed"))
            continue
        kept.append(entry)
    if not kept:
        return
    with sessions() as con:
        _store_batch(con, kept, days, report)


def _is_stored(con, digest: str) -> bool:
    return con.execute("SELECT 1 FROM articles WHERE hash = ?", [digest]).fetchone() is not None


def _store_batch(con, kept: list[_Pending], days: int, report: IngestReport) -> None:
    """Store a batch's articles in one transaction; articles another process stored while
    this batch was extracted count as already stored."""
    import duckdb

    found = {h for (h,) in con.execute("SELECT hash FROM articles WHERE list_contains(?, hash)",
                                        [[e.hash for e in kept]]).fetchall()}
    meanwhile = {id(e) for e in kept if e.hash in found}
    if meanwhile:
        report.already_stored += len(meanwhile)
        for entry in kept:  # a copy of one stored meanwhile links to the stored article
            if isinstance(entry.duplicate_of, _Pending) and id(entry.duplicate_of) in meanwhile:
                entry.duplicate_of = con.execute("SELECT id FROM articles WHERE hash = ?",
                                                 [entry.duplicate_of.hash]).fetchone()[0]
        kept = [e for e in kept if id(e) not in meanwhile]
        if not kept:
            return
    ids = _assign_ids(con, kept)
    try:
        _store_entries(con, kept, ids, days, report)
    except duckdb.Error as exc:
        if store_fault(exc):
            raise _fault(exc) from None
        # One article the database refuses must not lose the batch: store one at a time,
        # each in its own transaction, and report the ones that fail.
        LOGGER.info("batch refused by the store; storing its articles one by one")
        stored: set[int] = set()
        for entry in kept:
            original = entry.duplicate_of
            where = entry.article.origin or entry.article.id or "?"
            if isinstance(original, _Pending) and id(original) not in stored:
                report.failures.append((where, "near-duplicate of an article not stored"))
                continue
            try:
                _store_entries(con, [entry], ids, days, report)
                stored.add(id(entry))
            except duckdb.Error as exc:
                if store_fault(exc):
                    raise _fault(exc) from None
                report.failures.append((where, "not stored ("
                                        + str(exc).strip().splitlines()[0] + ")"))


def store_fault(exc: Exception) -> bool:
    """True when DuckDB failed as a store (file, disk, transaction state), not over one
    article's rows: then no article can be stored and the run must stop, not report every
    article as a failure."""
    import duckdb

    return isinstance(exc, (duckdb.IOException, duckdb.FatalException,
                            duckdb.TransactionException, duckdb.InternalException,
                            duckdb.OutOfMemoryException, duckdb.PermissionException))


def _fault(exc: Exception) -> StoreError:
    return StoreError("the store failed while writing; what is stored is whole batches: "
                      f"fix the cause and run again ({str(exc).strip().splitlines()[0]})")


def _store_entries(con, entries: list[_Pending], ids: dict[int, str], days: int,
                   report: IngestReport) -> None:
    """Store ``entries`` in one transaction (all or nothing); counts go to ``report``."""
    con.execute("BEGIN TRANSACTION")
    try:
        rows = bulk.RowBuffer(con)
        events = _EventIndex(con, [e.document for e in entries if e.duplicate_of is None],
                             days)
        added = 0
        for entry in entries:
            if entry.duplicate_of is None:
                added += _store_document(rows, events, ids[id(entry)], entry)
            else:
                rows.add("articles", _article_row(ids[id(entry)], entry, "duplicate",
                                                  _original_id(entry, ids), None))
        rows.flush()
        for entry in entries:
            if entry.duplicate_of is not None:
                _copy_mentions(con, ids[id(entry)], _original_id(entry, ids))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    report.events += added
    report.coded += sum(1 for e in entries if e.duplicate_of is None)
    report.duplicates += sum(1 for e in entries if e.duplicate_of is not None)


def _original_id(entry: _Pending, ids: dict[int, str]) -> str:
    original = entry.duplicate_of
    return ids[id(original)] if isinstance(original, _Pending) else original


def _find_original(con, entry: _Pending, earlier: list[_Pending]) -> None:
    """Link ``entry`` to the coded article it near-duplicates: SimHash candidates (from
    this batch and the store), confirmed by shingle overlap; the closest one wins."""
    candidates: list[tuple[_Pending | str, str]] = [
        (other, other.article.text) for other in earlier
        if other.duplicate_of is None
        and dedup.distance(entry.simhash, other.simhash) <= dedup.CANDIDATE_DISTANCE]
    candidates += con.execute(
        "SELECT id, text FROM articles WHERE status = 'coded' "
        "AND bit_count(xor(simhash, ?::BIGINT)) <= ? "
        "ORDER BY bit_count(xor(simhash, ?::BIGINT)), ingested_at LIMIT ?",
        [entry.simhash, dedup.CANDIDATE_DISTANCE, entry.simhash,
         dedup.MAX_CANDIDATES]).fetchall()
    if not candidates:
        return
    mine = dedup.shingles(entry.article.text)
    best, score = None, 0.0
    for original, text in candidates:
        overlap = dedup.jaccard(mine, dedup.shingles(text or ""))
        if overlap >= dedup.NEAR_DUPLICATE and overlap > score:
            best, score = original, overlap
    if best is not None:
        entry.duplicate_of = best
        entry.similarity = round(score, 4)


def _assign_ids(con, entries: list[_Pending]) -> dict[int, str]:
    """Store ids: the article's own id unless another text already has it."""
    ids: dict[int, str] = {}
    taken: set[str] = set()
    for entry in entries:
        wanted = entry.article.id
        if wanted in taken or con.execute("SELECT 1 FROM articles WHERE id = ?",
                                          [wanted]).fetchone():
            wanted = f"{wanted}~{entry.hash[:8]}"
        taken.add(wanted)
        ids[id(entry)] = wanted
    return ids


def _article_row(article_id: str, entry: _Pending, status: str, original: str | None,
                 warnings) -> dict:
    a = entry.article
    return {"id": article_id, "hash": entry.hash, "simhash": entry.simhash,
            "published": a.published, "title": a.title, "url": a.url, "source": a.source,
            "language": a.language, "origin": a.origin, "duplicate_of": original,
            "similarity": entry.similarity, "status": status, "error": None,
            "warnings": json.dumps(warnings) if warnings else None, "text": a.text,
            "ingested_at": dt.datetime.now(), "coder_version": __version__}


def _side(prefix: str, side: dict | None) -> dict:
    """An event side's columns: ``source_name``, ``source_code``, ... for "source"."""
    side = side or {}
    return {f"{prefix}_{key}": side.get(key)
            for key in ("name", "code", "country", "sector", "identity")}


def _is_pronoun(name: str | None) -> bool:
    return bool(name) and name.strip().lower() in data.words("actor_pronouns")


def _filed(event: dict, actors: dict[str, dict], who: dict[str, identity.Identity]) -> dict:
    """The event with its sides as the store files them: a side named by a pronoun ("he")
    takes its actor's name; each side gets its identity; an office holder's side is coded
    with the office held on the event's date (when the table says one was held)."""
    filed = dict(event)
    day, _ = event_date(event.get("date"))
    for role in ("source", "target"):
        side = event.get(role)
        if not side:
            continue
        side = dict(side)
        actor = actors.get(side.get("actor"))
        if _is_pronoun(side.get("name")) and actor and not _is_pronoun(actor.get("name")):
            side["name"] = actor.get("name")
        known = who.get(side.get("actor"))
        side["identity"] = known.key if known else identity.of_name(side.get("name"))
        office = identity.code_on(known.holder, day) if known and known.holder else None
        if office is not None and office.country and office.country != "IGO":
            side.update(country=office.country, sector=office.sector,
                        code=office.country + (office.sector or ""))
        filed[role] = side
    return filed


def _coding(event: dict) -> dict:
    """The event's CAMEO coding and place, as both ``events`` and ``event_mentions`` hold."""
    place = event.get("place") or {}
    admin1 = place.get("admin1") or {}
    return {"cameo": event.get("cameo"), "root": event.get("root"),
            "quad_class": event.get("quad_class"), "goldstein": event.get("goldstein"),
            "plover": event.get("plover"), "place_name": place.get("name"),
            "place_country": place.get("country"), "lat": place.get("lat"),
            "lon": place.get("lon"), "place_admin1": admin1.get("name"),
            "place_admin1_code": admin1.get("code"), "place_adm1": admin1.get("geonames"),
            "place_feature": place.get("feature"), "place_geonameid": place.get("geonameid")}


def _key(side: dict | None) -> str:
    """Who an event side is, for grouping reports: the CAMEO actor code, else the name."""
    side = side or {}
    if side.get("code"):
        return side["code"]
    return "~" + (side.get("name") or "").casefold().strip()


def _store_document(rows: bulk.RowBuffer, events: "_EventIndex", article_id: str,
                    entry: _Pending) -> int:
    """Queue one coded article's rows; returns how many distinct events it adds."""
    doc = entry.document
    rows.add("articles", _article_row(article_id, entry, "coded", None, doc.get("warnings")))
    who = identity.of_article(doc["actors"])
    rows.extend("actors", [
        {"article_id": article_id, "actor_id": a["id"], "name": a.get("name"),
         "kind": a.get("kind"), "country": a.get("country"), "sector": a.get("sector"),
         "code": a.get("code"), "mentions": json.dumps(a.get("mentions")),
         "identity": who[a["id"]].key, "canonical": who[a["id"]].name}
        for a in doc["actors"]])
    for q in doc["quotes"]:
        speaker = q.get("speaker") or {}
        rows.add("quotes", {"article_id": article_id, "quote_id": q["id"], "kind": q.get("kind"),
                            "text": q.get("text"), "start_char": q.get("start"),
                            "end_char": q.get("end"), "cue": q.get("cue"),
                            "speaker_actor": speaker.get("actor"),
                            "speaker_name": speaker.get("name"),
                            "speaker_country": speaker.get("country"),
                            "speaker_sector": speaker.get("sector"),
                            "speaker_code": speaker.get("code"),
                            "speaker_gender": speaker.get("gender"),
                            "fragments": json.dumps(q["fragments"])
                            if q.get("fragments") is not None else None,
                            "events": json.dumps(q.get("events") or [])})
    rows.extend("times", [
        {"article_id": article_id, "text": t.get("text"), "start_char": t.get("start"),
         "end_char": t.get("end"), "value": t.get("value"), "type": t.get("type")}
        for t in doc["times"]])
    rows.extend("places", [
        {"article_id": article_id, "text": p.get("text"), "start_char": p.get("start"),
         "end_char": p.get("end"), "name": p.get("name"), "country": p.get("country"),
         "lat": p.get("lat"), "lon": p.get("lon"), "geonameid": p.get("geonameid"),
         "feature": p.get("feature"), "admin1": (p.get("admin1") or {}).get("name"),
         "admin1_code": (p.get("admin1") or {}).get("code"), "usage": p.get("use")}
        for p in doc["places"]])
    added = 0
    actors = {a["id"]: a for a in doc["actors"]}
    starts = sentences.starts(entry.article.text)
    for event in doc["events"]:
        event = _filed(event, actors, who)
        event_id, new_row = events.find_or_add(event)
        if new_row is not None:
            rows.add("events", new_row)
            added += 1
        rows.add("event_mentions", _mention_row(event_id, article_id, event,
                                                sentences.number(starts, event.get("start"))))
    return added


_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")


def event_date(value) -> tuple[str | None, str | None]:
    """(first day, precision) of a TIMEX3-style value: ``2020-01-08`` (day),
    ``2020-W02`` (week), ``2020-01`` (month), ``2020`` (year); anything else has no date."""
    if not isinstance(value, str):
        return None, None
    try:
        if m := _DAY.match(value):
            return dt.date(*map(int, m.groups())).isoformat(), "day"
        if m := _WEEK.match(value):
            return dt.date.fromisocalendar(int(m[1]), int(m[2]), 1).isoformat(), "week"
        if m := _MONTH.match(value):
            return dt.date(int(m[1]), int(m[2]), 1).isoformat(), "month"
        if m := _YEAR.match(value):
            return dt.date(int(m[1]), 1, 1).isoformat(), "year"
    except ValueError:
        pass
    return None, None


class _EventIndex:
    """Distinct events of one transaction's reports: those already stored with the same
    (source, target, CAMEO) keys, read in one query, plus those this batch creates.

    A report joins the event of its keys nearest in date within ``days`` (ties: the
    lowest id); reports with no date join an undated event of the same keys.
    """

    def __init__(self, con, documents: list[dict], days: int) -> None:
        self.days = days
        self.known: dict[tuple, list[tuple[int, dt.date | None]]] = {}
        sources = sorted({_key(e.get("source")) for d in documents for e in d["events"]})
        if sources:
            for event_id, source, target, cameo, date in con.execute(
                    "SELECT id, source_key, target_key, cameo, date FROM events "
                    "WHERE list_contains(?::VARCHAR[], source_key)", [sources]).fetchall():
                self.known.setdefault((source, target, cameo), []).append((event_id, date))
        self.next_id = con.execute("SELECT coalesce(max(id), 0) + 1 FROM events").fetchone()[0]

    def find_or_add(self, event: dict) -> tuple[int, dict | None]:
        """(event id, the new event's row or None when the report joins a stored one)."""
        source_key, target_key = _key(event.get("source")), _key(event.get("target"))
        keys = (source_key, target_key, event.get("cameo"))
        date, precision = event_date(event.get("date"))
        day = dt.date.fromisoformat(date) if date else None
        best = None
        for event_id, other in self.known.get(keys, ()):
            if day is None and other is None:
                rank = (0, event_id)
            elif day is not None and other is not None and abs((other - day).days) <= self.days:
                rank = (abs((other - day).days), event_id)
            else:
                continue
            if best is None or rank < best:
                best = rank
        if best is not None:
            return best[1], None
        new_id, self.next_id = self.next_id, self.next_id + 1
        self.known.setdefault(keys, []).append((new_id, day))
        return new_id, {"id": new_id, "date": date, "date_precision": precision,
                        "date_value": event.get("date"), "source_key": source_key,
                        **_side("source", event.get("source")), "target_key": target_key,
                        **_side("target", event.get("target")), **_coding(event),
                        "cameo_name": event.get("cameo_name"), "first_added": dt.datetime.now()}


def _mention_row(event_id: int, article_id: str, event: dict,
                 sentence_number: int | None) -> dict:
    """A report coded in ``article_id`` (its near-duplicates' copies: ``_copy_mentions``)."""
    date, precision = event_date(event.get("date"))
    return {"event_id": event_id, "article_id": article_id, "raw_id": event["id"],
            "copied_from": None, "sentence": event.get("sentence"),
            "start_char": event.get("start"), "end_char": event.get("end"),
            "trigger": event.get("trigger"), "date": date, "date_precision": precision,
            "date_value": event.get("date"), "date_text": event.get("date_text"),
            "date_source": event.get("date_source"), **_side("source", event.get("source")),
            **_side("target", event.get("target")), **_coding(event),
            "negated": event.get("negated"), "modality": event.get("modality"),
            "confidence": event.get("confidence"), "quote_id": event.get("quote"),
            "sentence_number": sentence_number}


def _copy_mentions(con, article_id: str, original_id: str) -> None:
    """A near-duplicate is stored and linked, not coded: its original's reports are
    counted for it too (each syndicated copy is an article that carries the event)."""
    con.execute(
        "INSERT INTO event_mentions SELECT event_id, ?, raw_id, article_id, "
        "* EXCLUDE (event_id, article_id, raw_id, copied_from) "
        "FROM event_mentions WHERE article_id = ? AND copied_from IS NULL",
        [article_id, original_id])
