"""A wall-clock deadline on a whole HTTP exchange, enforced by a watchdog.

Socket timeouts bound each read, not the exchange: a server that sends one
header byte a second never trips a 20 s read timeout and can hold a request
for hours, and no loop of ours runs until the headers are complete. So every
request runs under :func:`watched`: a timer thread that, when the deadline
passes, shuts down the socket the request is using. Whatever the request is
blocked in at that moment (connect, TLS handshake, status line, headers,
body) fails at once, and the caller reports a timeout.

Connections come from a pool and move between threads, so the socket is
found through the stream: :class:`WatchedStream` wraps every connection the
guarded backend opens and, on each read or write, tells the exchange running
on the current thread which socket it is using.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpcore

_current = threading.local()


class Exchange:
    """One request in flight: its deadline and the socket a watchdog shuts to enforce it."""

    def __init__(self, deadline: float):
        self.deadline = deadline
        self.expired = False
        self._socket: socket.socket | None = None
        self._finished = False
        self._lock = threading.Lock()

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def attach(self, sock: socket.socket | None) -> None:
        """Note the socket this exchange is using (shut at once if already expired)."""
        with self._lock:
            if self._finished or sock is None:
                return
            self._socket = sock
            if self.expired:
                _shut(sock)

    def expire(self) -> None:
        """The watchdog's call: the deadline passed, cut the exchange off."""
        with self._lock:
            if self._finished:
                return
            self.expired = True
            if self._socket is not None:
                _shut(self._socket)

    def finish(self) -> None:
        """The exchange is over: its socket goes back to the pool, never to be shut by us."""
        with self._lock:
            self._finished = True
            self._socket = None


def _shut(sock: socket.socket) -> None:
    # shutdown, not close: it wakes a recv blocked in another thread, and the
    # descriptor stays valid until the connection's owner closes it. Called on
    # the base class so that a TLS socket is cut at the TCP level without
    # touching its SSL state, which the blocked thread is still using.
    with contextlib.suppress(OSError):  # already closed: nothing left to cut
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


def current_exchange() -> Exchange | None:
    """The exchange running on this thread, if any."""
    return getattr(_current, "exchange", None)


@contextmanager
def watched(deadline: float) -> Iterator[Exchange]:
    """Run the body as one exchange whose socket is shut when ``deadline`` passes."""
    exchange = Exchange(deadline)
    timer = threading.Timer(max(0.0, exchange.remaining()), exchange.expire)
    timer.daemon = True
    _current.exchange = exchange
    timer.start()
    try:
        yield exchange
    finally:
        exchange.finish()
        timer.cancel()
        _current.exchange = None


class WatchedStream(httpcore.NetworkStream):
    """A connection's stream that shows the current exchange which socket it uses."""

    def __init__(self, inner: httpcore.NetworkStream):
        self._inner = inner

    def _attach(self) -> None:
        exchange = current_exchange()
        if exchange is not None:
            exchange.attach(self._inner.get_extra_info("socket"))

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        self._attach()
        return self._inner.read(max_bytes, timeout)

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._attach()
        self._inner.write(buffer, timeout)

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> WatchedStream:
        self._attach()  # the handshake reads too: a dripping handshake is cut like the rest
        return WatchedStream(self._inner.start_tls(ssl_context, server_hostname, timeout))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


def connect_timeout(timeout: float | None) -> float | None:
    """``timeout`` shortened to what is left of the current exchange's deadline."""
    exchange = current_exchange()
    if exchange is None:
        return timeout
    remaining = max(0.0, exchange.remaining())
    return remaining if timeout is None else min(timeout, remaining)
