"""Backfill from web archives: years of news read from WARC files on a Dask cluster.

``warc`` reads records from any offset past damage, ``domains`` says which pages
are news the monitor follows, ``job`` is what a worker does with a stretch of a
file (extract and analyse, no database), ``writer`` stores the results in the
main process, and ``driver`` hands the files out and records the run.
"""

from __future__ import annotations

from monitor.backfill.domains import DomainsError, NewsDomains, read_domains_file
from monitor.backfill.driver import BackfillError, BackfillRequest, backfill, warc_files
from monitor.backfill.writer import BackfillCounts

__all__ = [
    "BackfillCounts",
    "BackfillError",
    "BackfillRequest",
    "DomainsError",
    "NewsDomains",
    "backfill",
    "read_domains_file",
    "warc_files",
]
