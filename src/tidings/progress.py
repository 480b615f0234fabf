"""Progress of long commands (ingest, export, extract of many articles) on a terminal.

A line on standard error: done/total, a bar, rate and time left, redrawn every
``REFRESH_SECONDS`` by a timer thread, so it shows from the first article (the clock runs
while spaCy parses the first batch) instead of after it. Nothing is drawn when standard
error is not a terminal; the command's summary line is printed in every case
(``summary``).
"""
from __future__ import annotations

import shutil
import sys
import threading
import time
from typing import IO, Callable

# Seconds between redraws: often enough to look alive, rarely enough to cost nothing.
REFRESH_SECONDS = 0.5
BAR_WIDTH = 24


def clock(seconds: float) -> str:
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    return (f"{hours}:" if hours else "") + f"{rest // 60:02d}:{rest % 60:02d}"


class Progress:
    """``update(done)`` as work is done; ``note(line)`` prints a line above the bar;
    ``close()`` clears it. ``total`` may be None (unknown: no bar, no time left)."""

    def __init__(self, what: str, total: int | None, unit: str = "articles",
                 stream: IO = sys.stderr, enabled: bool | None = None,
                 details: Callable[[], str] | None = None) -> None:
        self.what, self.total, self.unit, self.stream = what, total, unit, stream
        self.enabled = stream.isatty() if enabled is None else enabled
        self.details = details
        self.done = 0
        self.started = time.monotonic()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = None
        if self.enabled:
            self._draw()
            self._thread = threading.Thread(target=self._tick, daemon=True,
                                            name="tidings-progress")
            self._thread.start()

    def _tick(self) -> None:
        while not self._stop.wait(REFRESH_SECONDS):
            self._draw()

    def update(self, done: int, total: int | None = None) -> None:
        self.done = done
        if total is not None:
            self.total = total

    def line(self) -> str:
        """The progress line as drawn now (without terminal codes)."""
        elapsed = time.monotonic() - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        parts = [self.what]
        if self.total:
            share = min(self.done / self.total, 1.0)
            filled = int(share * BAR_WIDTH)
            parts += [f"{self.done}/{self.total} {self.unit}",
                      "[" + "#" * filled + "-" * (BAR_WIDTH - filled) + "]",
                      f"{share:4.0%}"]
        else:
            parts.append(f"{self.done} {self.unit}")
        parts.append(f"{rate:.1f}/s" if self.done else "starting")
        parts.append(f"elapsed {clock(elapsed)}")
        if self.total and self.done and self.done < self.total:
            parts.append(f"left {clock((self.total - self.done) / rate)}")
        if self.details:
            parts.append(self.details())
        return "  ".join(parts)

    def _draw(self) -> None:
        width = shutil.get_terminal_size((100, 24)).columns - 1
        with self._lock:
            self.stream.write("\r\033[K" + self.line()[:width])
            self.stream.flush()

    def note(self, text: str) -> None:
        """A line printed above the progress line (a skipped article)."""
        with self._lock:
            self.stream.write(("\r\033[K" if self.enabled else "") + text + "\n")
            self.stream.flush()
        if self.enabled:
            self._draw()

    def close(self) -> None:
        """Stop redrawing; the last state stays on its line."""
        if self._thread is not None:
            self._stop.set()
            self._thread.join()
            self._thread = None
            self._draw()
            with self._lock:
                self.stream.write("\n")
                self.stream.flush()

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def summary(text: str, stream: IO = sys.stderr) -> None:
    """The command's one summary line, on standard error whatever it is connected to."""
    stream.write(f"tidings: {text}\n")
    stream.flush()
