"""The backfill run: WARC files handed out to a Dask cluster, results written here.

Each WARC file is read as a chain of tasks (``backfill_batch_records`` records
each, :func:`monitor.backfill.job.run_chunk`): when one comes back, its results
are written (``monitor.backfill.writer``) and the next stretch of that file is
handed out. Different files run side by side, ``backfill_tasks_per_worker``
per worker, so every worker has its next task waiting. A file starts where the
progress table says the last run stopped; finished files are skipped.

The run is recorded in ``runs`` like ``monitor run``, and stops cleanly on
SIGINT or SIGTERM: the tasks in flight are written, the rest waits for the
next run.
"""

from __future__ import annotations

import logging
import os
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from monitor import store
from monitor.backfill.domains import NewsDomains
from monitor.backfill.job import (
    ChunkResult,
    ChunkTask,
    ModelsPlugin,
    has_models_plugin,
    run_chunk,
)
from monitor.backfill.writer import BackfillCounts
from monitor.interrupt import StopRequested, stop_on_signals
from monitor.settings import Settings
from monitor.store import archive_files

Progress = Callable[..., None]
"""Called with a message, and ``transient=True`` for counts that update in place."""
WARC_SUFFIXES = (".warc", ".warc.gz")


class BackfillError(ValueError):
    """The backfill cannot start (no WARC files, no cluster); the message says why."""


@dataclass(frozen=True)
class BackfillRequest:
    files: list[str]
    """WARC files, as absolute paths (workers must see them under the same path)."""
    domains: NewsDomains
    since: str | None = None
    until: str | None = None


def warc_files(paths: list[str]) -> list[str]:
    """The WARC files named, a folder meaning every ``.warc``/``.warc.gz`` file under it."""
    found: list[str] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found += sorted(
                str(p.resolve()) for p in path.rglob("*") if p.name.endswith(WARC_SUFFIXES)
            )
        elif path.is_file():
            found.append(str(path.resolve()))
        else:
            raise BackfillError(f"{name}: no such file or folder")
    if not found:
        raise BackfillError(f"no WARC files (*.warc, *.warc.gz) in {', '.join(paths)}")
    return list(dict.fromkeys(found))


def local_workers(settings: Settings) -> int:
    """Workers of the LocalCluster: the setting, 0 meaning one per CPU core."""
    return settings.backfill_workers or os.cpu_count() or 1


@contextmanager
def dask_client(settings: Settings) -> Iterator:
    """A client of the cluster at ``backfill_scheduler``, or of a LocalCluster sized to
    this machine (one single-threaded process per worker: spaCy holds the GIL)."""
    import dask
    from distributed import Client, LocalCluster

    timeout = settings.backfill_connect_timeout
    if settings.backfill_scheduler:
        try:
            client = Client(settings.backfill_scheduler, timeout=timeout)
        except OSError as error:
            raise BackfillError(
                f"cannot reach the Dask scheduler at {settings.backfill_scheduler}: {error}"
            ) from error
        with client:
            client.wait_for_workers(1, timeout=timeout)
            yield client
        return
    # Workers start an extraction child process each (as the crawler does), which a
    # daemonic process may not do.
    with dask.config.set({"distributed.worker.daemon": False}):
        cluster = LocalCluster(
            n_workers=local_workers(settings),
            threads_per_worker=1,
            processes=True,
            memory_limit=f"{settings.backfill_worker_memory_mb}MB",
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
    with cluster, Client(cluster, timeout=timeout) as client:
        yield client


def _ready_workers(client, settings: Settings) -> int:
    """Load the models on every worker (once per process); the number of workers."""
    try:
        # Registering again would tear the loaded models down and load them anew.
        loaded = client.run(has_models_plugin)
        if not loaded or not all(loaded.values()):
            client.register_plugin(ModelsPlugin(settings), name=ModelsPlugin.name)
    except Exception as error:  # noqa: BLE001 - whatever a worker raised, said in one line
        raise BackfillError(f"the workers could not load the models: {error}") from error
    return max(1, len(client.scheduler_info(n_workers=-1)["workers"]))


def _report(progress: Progress, counts: BackfillCounts, started: float, to_read: int) -> None:
    elapsed = max(time.monotonic() - started, 1e-6)
    rate = counts.bytes_read / elapsed
    left = max(to_read - counts.bytes_read, 0)
    eta = f"{left / rate / 60:.1f} min" if rate > 0 else "?"
    progress(
        f"  files {counts.files_done}/{counts.files}, {counts.records} records"
        f" ({counts.records / elapsed:.0f}/s), {counts.stored} stored,"
        f" {counts.relevant} relevant, ETA {eta}",
        transient=True,
    )


def run_backfill(
    db,
    settings: Settings,
    request: BackfillRequest,
    run_id: str,
    progress: Progress,
    stop: StopRequested,
) -> BackfillCounts:
    """Every unfinished file of ``request`` read on the cluster and written into ``db``."""
    from distributed import as_completed

    from monitor.backfill.writer import ArchiveWriter

    counts = BackfillCounts(files=len(request.files))
    states = archive_files.archive_file_states(db)
    waiting = []
    for path in request.files:
        state = states.get(path, {})
        if state.get("status") == archive_files.DONE:
            counts.files_done += 1
        else:
            waiting.append((path, state.get("next_offset") or 0))
    if not waiting:
        progress(f"  all {counts.files} WARC files were finished by earlier runs")
        return counts
    to_read = sum(os.path.getsize(path) - offset for path, offset in waiting)
    store.save_sources(db, request.domains.all_sources())
    writer = ArchiveWriter(db, run_id, counts)
    with dask_client(settings) as client:
        loading = time.monotonic()
        slots = _ready_workers(client, settings) * settings.backfill_tasks_per_worker
        progress(
            f"  {slots // settings.backfill_tasks_per_worker} workers ready in "
            f"{time.monotonic() - loading:.1f} s; {len(waiting)} files to read"
        )
        started = time.monotonic()
        tasks = {}
        finished = as_completed()

        # Each task goes to the worker with the fewest in hand (a loose preference:
        # Dask still moves it if that worker is gone). Left to itself the scheduler,
        # which knows nothing of the tasks' length at first, may queue two on one
        # worker while the other has none.
        workers = list(client.scheduler_info(n_workers=-1)["workers"])
        assigned: dict[Any, str] = {}  # each task not yet back -> the worker it went to

        def hand_out(path: str, offset: int) -> None:
            task = ChunkTask(
                path,
                offset,
                settings.backfill_batch_records,
                settings,
                request.domains,
                request.since,
                request.until,
            )
            in_hand = Counter(assigned.values())
            address = min(workers, key=in_hand.__getitem__) if workers else None
            # With no worker registered yet (a cluster still starting, a loaded
            # machine) the task goes to the scheduler with no preference: Dask
            # refuses allow_other_workers without a worker list.
            preference = {"workers": [address], "allow_other_workers": True} if address else {}
            future = client.submit(run_chunk, task, pure=False, **preference)
            if address:
                assigned[future] = address
            tasks[future] = task
            finished.add(future)

        while waiting and len(tasks) < slots:
            hand_out(*waiting.pop(0))
        for future in finished:
            task = tasks.pop(future)
            assigned.pop(future, None)
            try:
                result: ChunkResult = future.result()
            except Exception as error:  # noqa: BLE001 - a dead task is recorded, others go on
                if not stop.is_set():  # Ctrl-C reaches local workers too: not their fault
                    writer.fail(task, os.path.getsize(task.path), error)
            else:
                writer.write(result)
                if not result.finished and not stop.is_set():
                    hand_out(task.path, result.next_offset)
            while waiting and len(tasks) < slots and not stop.is_set():
                hand_out(*waiting.pop(0))
            _report(progress, counts, started, to_read)
    took = max(time.monotonic() - started, 1e-6)
    progress(
        f"  read {counts.records} records in {took:.1f} s once the workers were ready"
        f" ({counts.records / took:.1f} records/s, {counts.relevant / took:.2f} relevant/s)"
    )
    if stop.is_set() and (waiting or counts.files_done < counts.files):
        progress(f"  stopping: {counts.files - counts.files_done} files wait for the next run")
    return counts


def backfill(
    settings: Settings,
    request: BackfillRequest,
    progress: Progress = lambda message, transient=False: None,
) -> tuple[BackfillCounts, str]:
    """Run a recorded backfill; returns its counts and status (ok or interrupted)."""
    from monitor.pipeline import versions

    db = store.connect(settings)
    for run in store.abandon_stale_runs(db):
        progress(
            f"Run {run['id']} ({run['command']}) was left running by a killed process:"
            f" marked {store.ABANDONED}"
        )
    run_id = store.start_run(db, "backfill", versions())
    status = "failed"
    counts = BackfillCounts(files=len(request.files))
    with stop_on_signals() as stop:
        try:
            counts = run_backfill(db, settings, request, run_id, progress, stop)
            if counts.stored:
                store.refresh_rollups(db)
            status = "interrupted" if stop.is_set() else "ok"
        finally:
            store.finish_run(
                db,
                run_id,
                {
                    "entries": counts.records,
                    "new": counts.stored,
                    "failed": counts.errors,
                    "processed": counts.stored,
                },
                status=status,
            )
    return counts, status
