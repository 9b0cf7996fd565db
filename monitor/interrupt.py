"""Clean stops on SIGINT and SIGTERM.

The first signal asks the running stage to stop after the unit of work in
hand (one article, one batch): its transaction commits, the run is recorded
as interrupted, and the command exits. A second signal stops at once; SQLite
rolls back whatever transaction was open, so nothing is half-written.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class StopRequested(threading.Event):
    """Set when the user or the system asked the process to stop."""

    reason: str = ""


@contextmanager
def stop_on_signals() -> Iterator[StopRequested]:
    """Install SIGINT/SIGTERM handlers for the duration of a command."""
    stop = StopRequested()
    if threading.current_thread() is not threading.main_thread():
        yield stop  # signals can only be handled on the main thread
        return

    def handle(signum: int, frame: FrameType | None) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.reason = signal.Signals(signum).name
        stop.set()

    previous = {sig: signal.signal(sig, handle) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


class TimeLimitExceeded(Exception):
    """The work inside :func:`time_limit` ran past its limit."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TimeLimitExceeded in the block after ``seconds`` of wall-clock time.

    Uses SIGALRM, so it only works on the main thread; elsewhere the block runs
    unlimited (worker processes are limited from outside by their parent). The
    exception is raised between Python bytecodes: a long call into native code
    is interrupted as soon as it returns.
    """
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise TimeLimitExceeded(f"took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
