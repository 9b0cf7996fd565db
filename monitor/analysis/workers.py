"""Analysis in worker processes, so that ``process`` uses every core.

spaCy and the classifier hold the GIL, so threads would not help. Each worker
is a child process that loads the models once and then turns lists of texts
into analyses; it never touches the database. The main process hands out
jobs (a few articles each), takes them back as they finish (each job carries
its articles and their analyses), and writes them in the order it handed them
out, so that the database ends up the same whatever the number of workers.

A worker that dies (a crash in native code, the out-of-memory killer) is
noticed through its process sentinel, never by waiting forever: its job is
split into single articles and retried on a fresh worker, and only an article
that kills a worker twice on its own is reported as failed (once could have
been the out-of-memory killer choosing that moment).
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import pickle
import signal
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from monitor.settings import Settings

# A fresh interpreter per worker (as for extraction): forking a process that
# already runs threads can copy a held lock into the child.
CONTEXT = multiprocessing.get_context("spawn")


# What a child sees on its pipe once the main process is gone.
PARENT_GONE = (BrokenPipeError, ConnectionResetError, EOFError)


class AnalysisWorkerError(RuntimeError):
    """A worker could not be started (the models failed to load, or it timed out)."""


def time_limit_error(seconds: float) -> str:
    """What is recorded for an article whose analysis ran past ``analyze_time_limit``."""
    return f"analysis took longer than {seconds:g} s (analyze_time_limit); skipped"


@dataclass
class Job:
    """Articles (rows with id, url, source_id and text) analysed together, and the outcome."""

    articles: list[dict[str, Any]]
    number: int = 0
    """Position in the order jobs were handed out (the order results are written in)."""
    analyses: list[dict[str, Any] | None] = field(default_factory=list)
    """One per article once done; None where the article could not be analysed."""
    errors: list[str] = field(default_factory=list)
    """One per article once done: why its analysis is None, else empty."""
    deaths: int = 0
    """Workers that died while holding these articles."""
    parent: Job | None = None
    """The job this single article was split off from, after a crash."""
    position: int = 0
    remaining: int = 0

    @property
    def texts(self) -> list[str]:
        return [article["text"] or "" for article in self.articles]

    @property
    def published(self) -> list[str | None]:
        return [article.get("published_at") for article in self.articles]

    @property
    def page_starts(self) -> list[list[int] | None]:
        """Each article's PDF page offsets (None for a web page), for page numbers."""
        return [
            json.loads(article["page_starts"]) if article.get("page_starts") else None
            for article in self.articles
        ]

    def succeeded(self, analyses: list[dict[str, Any]]) -> None:
        self.analyses, self.errors = list(analyses), [""] * len(analyses)

    def failed(self, error: str) -> None:
        self.analyses, self.errors = [None] * len(self.articles), [error] * len(self.articles)


def _serve(connection: Connection, settings: Settings) -> None:
    """Child process loop: (texts, page offsets) in, ("ok", analyses) or ("error", reason) out."""
    # Ctrl-C (and a service manager's SIGTERM) reach the whole process group; the
    # main process decides when to stop, and the worker finishes the job in hand
    # so that it can be written. Without a main process, the pipe closes and the
    # worker ends by itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    from monitor.analysis.analyze import Analyzer

    try:
        analyzer = Analyzer(settings)
    except Exception as error:  # noqa: BLE001 - reported to the main process, which fails
        connection.send(("failed", f"{type(error).__name__}: {error}"))
        return
    connection.send(("ready", analyzer.version))
    while True:
        try:
            work = connection.recv()
        except (EOFError, OSError):
            return  # the main process is gone
        if work is None:
            return
        try:
            texts, page_starts, published = work
            reply: tuple[str, Any] = (
                "ok",
                list(analyzer.analyze_many(texts, page_starts=page_starts, published=published)),
            )
        except Exception as error:  # noqa: BLE001 - a bug on one text must not end the run
            reply = ("error", f"analysis failed: {type(error).__name__}: {error}")
        try:
            connection.send(reply)
        except OSError:
            return


def _serve_until_orphaned(connection: Connection, settings: Settings) -> None:
    """The child's entry point: :func:`_serve`, ending quietly when the main process
    is gone (killed, or crashed) rather than printing a traceback nobody asked for."""
    with contextlib.suppress(*PARENT_GONE):
        _serve(connection, settings)


class _Worker:
    """One child process and the job it is working on."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.job: Job | None = None
        self.deadline = 0.0
        """Monotonic time by which the job in hand must be back."""
        self.version = ""
        self._spawn()

    def _spawn(self) -> None:
        self.connection, child_end = CONTEXT.Pipe()
        self.process = CONTEXT.Process(
            target=_serve_until_orphaned,
            args=(child_end, self.settings),
            daemon=True,
            name="analysis",
        )
        self.process.start()
        child_end.close()

    def wait_ready(self) -> None:
        """Block until the models are loaded; AnalysisWorkerError when they cannot be."""
        ready = wait(
            [self.connection, self.process.sentinel], self.settings.analysis_worker_start_timeout
        )
        if self.connection not in ready:
            self.kill()
            raise AnalysisWorkerError(
                "analysis worker did not start"
                + (" in time" if not ready else f" (exit code {self.process.exitcode})")
            )
        status, payload = self.connection.recv()
        if status != "ready":
            self.kill()
            raise AnalysisWorkerError(f"analysis worker could not load the models: {payload}")
        self.version = payload

    def restart(self) -> None:
        self.kill()
        self._spawn()
        self.wait_ready()

    def send(self, job: Job) -> bool:
        """Hand over a job; False when the worker is already gone."""
        self.job = job
        self.deadline = time.monotonic() + self.settings.analyze_time_limit * len(job.articles)
        try:
            self.connection.send((job.texts, job.page_starts, job.published))
        except OSError:
            return False
        return True

    def receive(self) -> tuple[list[dict[str, Any]] | None, str, bool]:
        """(analyses or None, error, whether the worker died) for the job in hand."""
        try:
            if self.connection.poll():
                status, payload = self.connection.recv()
                if status == "ok":
                    return payload, "", False
                return None, str(payload), False
        except (EOFError, OSError, ValueError, TypeError, pickle.UnpicklingError):
            pass  # died while sending: same as dying before
        self.process.join(timeout=5)
        code = self.process.exitcode
        how = f"signal {signal.Signals(-code).name}" if code and code < 0 else f"exit code {code}"
        return None, f"analysis worker died ({how})", True

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            self.process.kill()
        self.process.join(timeout=5)
        self.connection.close()

    def close(self) -> None:
        """Stop an idle worker politely; a busy one is killed (its job is abandoned)."""
        if self.job is None and self.process.is_alive():
            with contextlib.suppress(OSError):
                self.connection.send(None)
            self.process.join(timeout=2)
        self.kill()


class AnalysisPool:
    """``size`` worker processes; jobs go to whichever worker is free."""

    def __init__(self, settings: Settings, size: int):
        self._max_deaths = settings.analysis_worker_max_deaths
        self.time_limit = settings.analyze_time_limit
        # All workers load their models at the same time.
        self._workers = [_Worker(settings) for _ in range(max(1, size))]
        try:
            for worker in self._workers:
                worker.wait_ready()
        except BaseException:
            self.close()
            raise
        self.version = self._workers[0].version
        self._queue: deque[Job] = deque()
        self._done: list[Job] = []

    def submit(self, job: Job) -> None:
        """Queue a job; returns once every queued job is with a worker (results may wait)."""
        self._queue.append(job)
        self._dispatch()
        while self._queue:
            self._collect()
            self._dispatch()

    def finished(self) -> Iterator[Job]:
        """Results that have arrived so far, without waiting."""
        self._collect(block=False)
        self._dispatch()
        done, self._done = self._done, []
        yield from done

    def drain(self) -> Iterator[Job]:
        """Every remaining result, waiting for the jobs in hand and in the queue."""
        while self._queue or any(worker.job for worker in self._workers):
            self._collect()
            self._dispatch()
        done, self._done = self._done, []
        yield from done

    def close(self) -> None:
        for worker in self._workers:
            worker.close()

    def _dispatch(self) -> None:
        for worker in self._workers:
            if not self._queue:
                return
            if worker.job is None:
                if not worker.process.is_alive():
                    worker.restart()
                job = self._queue.popleft()
                if not worker.send(job):
                    self._failed(worker, "analysis worker died before taking the job")

    def _collect(self, block: bool = True) -> None:
        busy = [worker for worker in self._workers if worker.job is not None]
        if not busy:
            return
        waitables = [w.connection for w in busy] + [w.process.sentinel for w in busy]
        # Wait no longer than the first job's time limit: a worker stuck on one
        # text is stopped from here, whatever it is doing.
        timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic()) if block else 0
        ready = set(wait(waitables, timeout))
        for worker in busy:
            if worker.connection not in ready and worker.process.sentinel not in ready:
                if time.monotonic() >= worker.deadline:
                    self._overran(worker)
                continue
            job = worker.job
            assert job is not None
            analyses, error, died = worker.receive()
            if died:
                self._failed(worker, error)
                continue
            worker.job = None
            if analyses is not None:
                job.succeeded(analyses)
                self._finish(job)
            elif len(job.articles) > 1:
                self._split(job)
            else:
                job.failed(error)
                self._finish(job)
            # The freed worker gets its next job before the results are written.
            self._dispatch()

    def _failed(self, worker: _Worker, error: str) -> None:
        """A worker died with a job: retry its articles one by one on a fresh worker."""
        job = worker.job
        assert job is not None
        worker.job = None
        worker.restart()
        job.deaths += 1
        if len(job.articles) > 1:
            self._split(job)
        elif job.deaths < self._max_deaths:
            self._queue.appendleft(job)
        else:
            job.failed(f"{error}, {job.deaths} times on this article")
            self._finish(job)

    def _overran(self, worker: _Worker) -> None:
        """A job ran past its time limit: the worker is replaced; a single article
        is given up (it would only run as long again), a larger job is retried
        article by article to find the slow one."""
        job = worker.job
        assert job is not None
        worker.job = None
        worker.restart()
        if len(job.articles) > 1:
            self._split(job)
        else:
            job.failed(time_limit_error(self.time_limit))
            self._finish(job)

    def _split(self, job: Job) -> None:
        """Retry a job's articles one by one; the job is done when all of them are."""
        job.analyses, job.errors = [None] * len(job.articles), [""] * len(job.articles)
        job.remaining = len(job.articles)
        singles = [
            Job([article], deaths=job.deaths, parent=job, position=position)
            for position, article in enumerate(job.articles)
        ]
        # Front of the queue, so that the culprit is found before new work starts.
        self._queue.extendleft(reversed(singles))

    def _finish(self, job: Job) -> None:
        parent = job.parent
        if parent is None:
            self._done.append(job)
            return
        parent.analyses[job.position], parent.errors[job.position] = job.analyses[0], job.errors[0]
        parent.remaining -= 1
        if parent.remaining == 0:
            self._finish(parent)
