"""Work that must run on one thread, asked for by others.

The crawl polls several hosts at once on worker threads, but its SQLite
connection belongs to the thread that opened it. Workers therefore hand every
read and write of the database to :class:`MainThreadCalls`, and the main
thread runs them, one at a time, while it waits for the workers.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

Result = TypeVar("Result")


class CrawlEnded(RuntimeError):
    """The main thread stopped serving (the crawl ended or failed) before the call ran."""


class MainThreadCalls:
    """Runs calls on the thread that created it; other threads wait for the result."""

    def __init__(self) -> None:
        self._owner = threading.get_ident()
        self._calls: queue.Queue[tuple[Future, Callable[..., Any], tuple] | None] = queue.Queue()
        self._closed = False
        self._lock = threading.Lock()  # closing and queueing never interleave

    def run(self, function: Callable[..., Result], *args: Any) -> Result:
        """``function(*args)`` run on the owning thread; directly when called from it."""
        if threading.get_ident() == self._owner:
            return function(*args)
        future: Future = Future()
        with self._lock:
            if self._closed:
                raise CrawlEnded("the crawl ended before this could be stored")
            self._calls.put((future, function, args))
        return future.result()

    def wake(self) -> None:
        """Make a waiting :meth:`serve` return (a worker finished)."""
        self._calls.put(None)

    def serve(self, timeout: float) -> None:
        """Run the calls that are waiting, or wait up to ``timeout`` seconds for one."""
        try:
            item = self._calls.get(timeout=timeout)
        except queue.Empty:
            return
        while item is not None:
            future, function, args = item
            try:
                result = function(*args)
            except Exception as error:  # handed to the worker that asked, raised there
                future.set_exception(error)
            except BaseException:  # Ctrl-C twice: the worker must not wait for an answer
                future.set_exception(CrawlEnded("the crawl was interrupted"))
                raise
            else:
                future.set_result(result)
            try:
                item = self._calls.get_nowait()
            except queue.Empty:
                return

    def close(self) -> None:
        """Refuse further calls and fail those still waiting, so no worker waits forever."""
        with self._lock:
            self._closed = True
        while True:
            try:
                item = self._calls.get_nowait()
            except queue.Empty:
                return
            if item is not None:
                item[0].set_exception(CrawlEnded("the crawl ended before this could be stored"))
