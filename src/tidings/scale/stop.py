"""Stopping an ingest cleanly on SIGINT (Ctrl-C) and SIGTERM, and worker processes that
never outlive the process they work for.

The ingest process turns the first SIGINT or SIGTERM into ``Stopped``, a BaseException
(so no ``except Exception`` in a stage swallows it): the batch in its transaction is rolled
back, the workers are ended, and the command says how many articles were stored. A second
signal while it does so exits at once. Workers ignore SIGINT (a Ctrl-C reaches the whole
process group; the ingest process ends them itself) and exit when their parent is gone,
however it went (kill -9 included), instead of holding a loaded model (~1 GB) forever.
"""
from __future__ import annotations

import contextlib
import os
import signal
import threading
from typing import Iterator

# Signals that stop an ingest, and the exit status of each (128 + the signal's number, as
# a shell reports a process killed by it).
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Stopped(BaseException):
    """The run was asked to stop by a signal; ``status`` is the exit status to use."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum
        self.status = 128 + signum


class StopState:
    """Which signal asked the run to stop (None: none). DuckDB turns an exception raised
    by a signal handler during a query into its own "Query interrupted" error, so what
    ends the run is not always ``Stopped``: the caller asks here whether a signal did."""

    signum: int | None = None

    def stopped(self) -> Stopped | None:
        return Stopped(self.signum) if self.signum is not None else None


@contextlib.contextmanager
def stop_on_signals() -> Iterator[StopState]:
    """Within the block (main thread only), SIGINT and SIGTERM raise ``Stopped`` and are
    recorded in the state it yields; a second one exits the process at once with its status.
    The previous handlers come back after."""
    state = StopState()
    if threading.current_thread() is not threading.main_thread():
        yield state
        return

    def handler(signum, _frame):
        if state.signum is not None:
            os._exit(128 + signum)
        state.signum = signum
        raise Stopped(signum)

    previous = {s: signal.signal(s, handler) for s in STOP_SIGNALS}
    try:
        yield state
    finally:
        for s, old in previous.items():
            signal.signal(s, old)


def worker_start() -> None:
    """In a worker process: ignore SIGINT, and exit when the parent process is gone."""
    import multiprocessing
    from multiprocessing.connection import wait

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is None:
        return
    ppid = os.getppid()

    def watch() -> None:
        # the parent's sentinel becomes readable when it exits; the check of getppid
        # covers platforms or start methods where the sentinel is not a pipe
        while True:
            if wait([parent.sentinel], timeout=1.0) or os.getppid() != ppid:
                os._exit(1)

    threading.Thread(target=watch, name="tidings-parent-watch", daemon=True).start()
