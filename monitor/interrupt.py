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
