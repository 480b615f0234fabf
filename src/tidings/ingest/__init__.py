"""Readers: files, HTML and JSON Lines into ``Article`` objects (or ``ReadFailure``)."""
from tidings.ingest.readers import decode_bytes, read_file, read_jsonl, read_html, looks_like_html

__all__ = ["decode_bytes", "read_file", "read_jsonl", "read_html", "looks_like_html"]
