"""The command as a user runs it: documents on stdout, one-line errors with exit status 2."""
from __future__ import annotations

import json
import re
import subprocess
import sys

from conftest import ROOT, run_cli

CONTRACT_KEYS = {"article", "actors", "events", "quotes", "times", "places"}


def test_extract_text_file_prints_contract_document(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Iraqi Prime Minister Adel Abdul Mahdi met US troops in Baghdad on "
                     "Thursday.\n", encoding="utf-8")
    result = run_cli("extract", str(story), "--published", "2020-01-10", "--format", "json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert CONTRACT_KEYS <= doc.keys()
    assert doc["article"]["published"] == "2020-01-10"
    assert doc["events"] == [] or isinstance(doc["events"], list)
    assert any(a["code"] == "IRQGOV" for a in doc["actors"])


def test_jsonl_batch_keeps_order_ids_and_reports_bad_lines(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "one", "text": "Iran fired missiles.", "published": "2020-01-08"}\n'
                    "oops\n"
                    '{"id": "three", "text": "Iraq protested.", "published": "2020-01-09"}\n',
                    encoding="utf-8")
    result = run_cli("extract", "--input-format", "jsonl", str(feed), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["article"]["id"] for d in docs] == ["one", None, "three"]
    assert "feed.jsonl:2" in docs[1]["error"]
    assert "error" not in docs[0] and "error" not in docs[2]


def test_jsonl_from_stdin():
    line = b'{"id": "x", "text": "NATO met in Brussels.", "published": "2021-06-14"}\n'
    result = run_cli("extract", "--input-format", "jsonl", "-", "--format", "jsonl", stdin=line)
    assert result.returncode == 0 and json.loads(result.stdout)["article"]["id"] == "x"


def test_with_text_gives_the_text_offsets_point_into():
    result = run_cli("extract", str(ROOT / "examples" / "border_clash.html"), "--with-text")
    doc = json.loads(result.stdout)
    text = doc["article"]["text"]
    assert text.startswith("Armenian and Azerbaijani troops") or "Armenian and Azerbaijani" in text
    for actor in doc["actors"]:
        for start, end in actor["mentions"]:
            assert 0 <= start < end <= len(text)


def _one_line_error(result, needle):
    assert result.returncode == 2
    assert result.stdout == b""
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and needle in lines[0], result.stderr


def test_missing_file(tmp_path):
    _one_line_error(run_cli("extract", str(tmp_path / "nope.txt")), "nope.txt: no such file")


def test_empty_file(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"\n\n")
    _one_line_error(run_cli("extract", str(tmp_path / "empty.txt")), "empty input")


def test_binary_file(tmp_path):
    (tmp_path / "photo.jpg").write_bytes(bytes(range(256)) * 16)
    _one_line_error(run_cli("extract", str(tmp_path / "photo.jpg")), "binary")


def test_bad_published(tmp_path):
    (tmp_path / "s.txt").write_text("Iran said.", encoding="utf-8")
    _one_line_error(run_cli("extract", str(tmp_path / "s.txt"), "--published", "2020-13-01"),
                    "--published")


def test_unknown_model(tmp_path):
    (tmp_path / "s.txt").write_text("Iran said.", encoding="utf-8")
    _one_line_error(run_cli("extract", str(tmp_path / "s.txt"), "--model", "no_such_model"),
                    "no_such_model")


def test_every_error_has_a_code_of_its_own_listed_in_the_readme():
    from tidings import errors

    kinds = [k for k in vars(errors).values() if isinstance(k, type)
             and issubclass(k, errors.TidingsError) and k is not errors.TidingsError]
    codes = [k.code for k in kinds]
    assert len(kinds) >= 6 and len(set(codes)) == len(codes) and "T000" not in codes
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for kind in kinds:
        assert f"| {kind.code} | `{kind.__name__}` |" in readme, kind
    # raised only as one of them, never as the bare base class (which has no code)
    bare = [str(path) for path in (ROOT / "src").rglob("*.py")
            if re.search(r"raise TidingsError\(", path.read_text(encoding="utf-8"))]
    assert bare == []


def test_store_commands_offer_the_filters_of_their_table():
    from tidings.cli import _parser
    from tidings.store.filters import ACTORS, EVENTS, FILTERS, QUOTES, filters_for

    commands = next(a for a in _parser()._actions if a.dest == "command").choices
    every = {f.option for f in FILTERS}
    for name, table in (("events", EVENTS), ("dyads", EVENTS), ("export", EVENTS),
                        ("quotes", QUOTES), ("actors", ACTORS)):
        options = {o for a in commands[name]._actions for o in a.option_strings}
        assert options & every == {f.option for f in filters_for(table)}, name


def test_library_extraction_leaves_the_garbage_collector_alone():
    """Freezing the heap is for processes that exist to extract (the CLI, workers), which
    call ``settle``; extracting as a library (a server, a notebook) does not do it."""
    code = ("import gc\n"
            "from tidings import extract_text\n"
            "extract_text('Kenya hosted talks with envoys from Sudan.', '2023-06-09')\n"
            "before = gc.get_freeze_count()\n"
            "from tidings.extract import settle\n"
            "settle()\n"
            "print(before, gc.get_freeze_count())\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=600, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    before, after = map(int, result.stdout.split())
    assert before == 0 and after > 0
