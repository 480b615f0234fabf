"""Shared fixtures: the repository root, ../shared (skip when absent), the CLI as a subprocess."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

# `tidings ingest` extracts in one worker process per core by default; the suite's CLI runs
# stay in one process (fast start on tiny inputs) unless a test asks for workers.
os.environ.setdefault("TIDINGS_WORKERS", "1")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
TIDINGS = [sys.executable, "-m", "tidings"]


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "tools").is_dir():
        pytest.skip("../shared (gold sets and scorers) is not beside the repository")
    return SHARED


def run_cli(*args: str, stdin: bytes | None = None, cwd: Path | None = None
            ) -> subprocess.CompletedProcess:
    """Run `tidings ARGS` in a fresh process, as a user would."""
    return subprocess.run([*TIDINGS, *args], input=stdin, capture_output=True,
                          cwd=cwd or ROOT, timeout=600, env=dict(os.environ))


@pytest.fixture(scope="session")
def nlp():
    from tidings.nlp import pipeline

    return pipeline.load()


@pytest.fixture(scope="session")
def extract():
    """extract(text, published) -> the article document, in this process."""
    from tidings.extract import extract_text

    return extract_text
