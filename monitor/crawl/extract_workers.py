"""Extraction in child processes, so that one page cannot stall the crawl.

trafilatura has no time limit of its own, and a thread cannot be stopped from
outside. Each worker here is a child process fed through a pipe; a page that
takes longer than ``extract_timeout`` gets its worker killed and replaced, and
the page is recorded as a failed extraction. Other pages are not affected.
PDFs (``monitor.pdf``) are parsed by the same workers under their own limit
(``pdf_timeout``, since a long report takes seconds): pdfminer is pure Python
and a crafted PDF could otherwise keep it busy for ever.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import queue
import signal
import threading
from multiprocessing.connection import Connection

from monitor.crawl.extract import ExtractedPage, ExtractionError, extract_page
from monitor.crawl.pdf import PdfDocument, PdfError, extract_pdf
from monitor.settings import Settings

# A fresh interpreter per worker: forking a process that runs threads can copy
# a held lock into the child.
CONTEXT = multiprocessing.get_context("spawn")
# What a child sees on its pipe once the crawl's process is gone.
PARENT_GONE = (BrokenPipeError, ConnectionResetError, EOFError)


def _run(request: tuple[str, str | bytes, str], settings: Settings) -> ExtractedPage | PdfDocument:
    kind, payload, url = request
    if kind == "pdf":
        return extract_pdf(payload, settings)  # type: ignore[arg-type]
    return extract_page(payload, url, settings)  # type: ignore[arg-type]


def _reply(request: tuple[str, str | bytes, str], settings: Settings) -> tuple[str, object]:
    """("ok", result) or ("error", (message, reason)) for one request."""
    try:
        return ("ok", _run(request, settings))
    except ExtractionError as error:
        return ("error", (str(error), getattr(error, "reason", None)))
    except Exception as error:  # noqa: BLE001 - any crash of the parser is a recorded failure
        return ("error", (f"extractor crashed: {type(error).__name__}: {error}", None))


def _serve(connection: Connection, settings: Settings) -> None:
    """Child process loop: (kind, html or PDF bytes, url) in, ("ok", result) or
    ("error", (message, reason)) out. Ends quietly when the crawl's process is gone."""
    # Ctrl-C (and a service manager's SIGTERM) reach the whole process group; the
    # crawl decides when to stop and closes its workers, so they do not die mid-page
    # with a KeyboardInterrupt traceback. Without a crawl, the pipe closes and the
    # worker ends by itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    with contextlib.suppress(*PARENT_GONE):
        connection.send(("ready", None))
        while (request := connection.recv()) is not None:
            # Sent outside the parser's try: a broken pipe is the crawl gone, not a
            # parser crash to report (reporting it on the same pipe raised again).
            connection.send(_reply(request, settings))


class ExtractionWorker:
    """One child process running :func:`extract_page`."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._start()

    def _start(self) -> None:
        self.connection, child_end = CONTEXT.Pipe()
        self.process = CONTEXT.Process(target=_serve, args=(child_end, self.settings), daemon=True)
        self.process.start()
        child_end.close()
        if not self.connection.poll(self.settings.extract_worker_start_timeout):
            self.kill()
            raise RuntimeError("extraction worker did not start")
        self.connection.recv()

    def kill(self) -> None:
        self.process.kill()
        self.process.join(timeout=5)
        self.connection.close()

    def extract(self, html: str, url: str) -> ExtractedPage:
        """The extracted page, or ExtractionError (also for a timeout or a crash)."""
        return self._call(("html", html, url), "extract_timeout")  # type: ignore[return-value]

    def extract_pdf(self, content: bytes, url: str) -> PdfDocument:
        """The PDF's text, or PdfError (also for a timeout or a crash of the parser)."""
        try:
            return self._call(("pdf", content, url), "pdf_timeout")  # type: ignore[return-value]
        except PdfError:
            raise
        except ExtractionError as error:  # the parser timed out or crashed its worker
            raise PdfError("parser_failed", str(error)) from error

    def _call(
        self, request: tuple[str, str | bytes, str], limit_name: str
    ) -> ExtractedPage | PdfDocument:
        """Send one request; ``limit_name`` names the setting that bounds its time."""
        try:
            self.connection.send(request)
            if not self.connection.poll(getattr(self.settings, limit_name)):
                self.kill()
                self._start()
                limit = getattr(self.settings, limit_name)
                raise ExtractionError(f"extraction took longer than {limit_name}={limit:g} s")
            status, payload = self.connection.recv()
        except (EOFError, OSError, BrokenPipeError) as error:
            self.kill()
            self._start()
            raise ExtractionError(f"extraction worker died: {type(error).__name__}") from error
        if status == "ok":
            return payload
        message, reason = payload
        if reason is not None:  # a PdfError: keep its reason for the failure record
            raise PdfError(reason, message.removeprefix(f"{reason}: "))
        raise ExtractionError(message)

    def close(self) -> None:
        with contextlib.suppress(OSError):  # the worker may already be gone
            self.connection.send(None)
        self.process.join(timeout=2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=2)
        self.connection.close()


class ExtractionPool:
    """Up to ``size`` workers shared by the crawl's fetch threads; started lazily."""

    def __init__(self, settings: Settings, size: int):
        self.settings = settings
        self.size = max(1, size)
        self._idle: queue.LifoQueue[ExtractionWorker] = queue.LifoQueue()
        self._started = 0
        self._lock = threading.Lock()
        self._all: list[ExtractionWorker] = []

    def _acquire(self) -> ExtractionWorker:
        with self._lock:
            if self._idle.empty() and self._started < self.size:
                self._started += 1
                worker = ExtractionWorker(self.settings)
                self._all.append(worker)
                return worker
        return self._idle.get()

    def extract(self, html: str, url: str) -> ExtractedPage:
        worker = self._acquire()
        try:
            return worker.extract(html, url)
        finally:
            self._idle.put(worker)

    def extract_pdf(self, content: bytes, url: str) -> PdfDocument:
        worker = self._acquire()
        try:
            return worker.extract_pdf(content, url)
        finally:
            self._idle.put(worker)

    def close(self) -> None:
        for worker in self._all:
            worker.close()
        self._all.clear()

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
