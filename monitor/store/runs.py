"""Who is running a run, and runs whose process is gone.

A run is recorded ``running`` when it starts and gets its final status when it
ends. A process killed outright (kill -9, the out-of-memory killer, a power
cut) never ends its run, so each run row names its process (``pid``) and
machine (``host``); the next run to start on that machine marks the runs whose
process is gone ``abandoned``, with the time it noticed and a note.

A pid is reused once its process is gone, so a process with the recorded pid
counts as the run's owner only if it started before the run did (on Linux,
where /proc tells a process's start time). Runs of other machines are left
alone: from here there is no way to ask whether their process still lives.
"""

from __future__ import annotations

import os
import socket
import time
from calendar import timegm
from functools import lru_cache
from typing import Any

import sqlite_utils

from monitor.dates import utc_now_iso
from monitor.store.common import transaction

ABANDONED = "abandoned"
# started_at is recorded to the second: the run began within the second after it.
STARTED_AT_PRECISION = 1.0


def run_owner() -> dict[str, Any]:
    """The columns that name this process as a run's owner."""
    return {"pid": os.getpid(), "host": socket.gethostname()}


@lru_cache(maxsize=1)
def _boot_time() -> float | None:
    """When this machine booted (seconds since the epoch), from /proc/stat on Linux."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            for line in stat:
                if line.startswith("btime "):
                    return float(line.split()[1])
    except OSError:
        return None
    return None


def _process_stat(pid: int) -> list[str] | None:
    """The fields of /proc/<pid>/stat after the command name (state first), if readable."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8", errors="replace") as stat:
            # The command name is in parentheses and may itself hold spaces or ")".
            return stat.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def _process_started(fields: list[str]) -> float | None:
    """A process's start time (seconds since the epoch) from its /proc stat fields."""
    boot = _boot_time()
    try:
        ticks = int(fields[19])  # field 22 of the whole line: start time in clock ticks
    except (IndexError, ValueError):
        return None
    return None if boot is None else boot + ticks / os.sysconf("SC_CLK_TCK")


def _pid_exists(pid: int) -> bool:
    if os.name != "posix":
        return True  # os.kill would end the process on Windows: assume it lives
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, under another user
    return True


def owner_alive(pid: int, run_started_at: str) -> bool:
    """Whether the process that started a run (at ``run_started_at``) still runs."""
    if not _pid_exists(pid):
        return False
    fields = _process_stat(pid)
    if fields is None:
        return True  # no /proc to ask: a live pid is taken to be the owner
    if fields[0] == "Z":
        return False  # killed, waiting only for its parent to collect its exit status
    started = _process_started(fields)
    run_started = timegm(time.strptime(run_started_at, "%Y-%m-%dT%H:%M:%SZ"))
    # A process that started after the run did has only reused the pid.
    return started is None or started < run_started + STARTED_AT_PRECISION


def abandon_stale_runs(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Mark ``abandoned`` the runs of this machine still ``running`` whose process is
    gone; returns those runs (id, command, started_at, pid)."""
    host = run_owner()["host"]
    running = db.query(
        "select id, command, started_at, pid from runs"
        " where status = 'running' and host = ? and pid is not null",
        [host],
    )
    stale = [run for run in running if not owner_alive(run["pid"], run["started_at"])]
    noticed = utc_now_iso()
    with transaction(db):
        for run in stale:
            db.execute(
                "update runs set status = ?, ended_at = ?, note = ? where id = ?",
                [ABANDONED, noticed, _note(run, host, noticed), run["id"]],
            )
    return stale


def _note(run: dict[str, Any], host: str, noticed: str) -> str:
    return (
        f"process {run['pid']} on {host} ended without finishing the run (killed?);"
        f" marked abandoned at {noticed} when the next run started"
    )
