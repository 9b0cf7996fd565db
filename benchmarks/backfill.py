"""The ``backfill`` benchmark: `monitor backfill` over generated WARC files, 1 and 2 workers.

The files look like a slice of a news archive: every news page is preceded by
its request record, and for each one the archive also holds two pages of
sites the monitor does not follow and an image. News pages are generated like
the crawl benchmark's (``benchmarks.site``): demo-corpus sentences, different
on every page, so none is folded into another as a copy.
"""

from __future__ import annotations

import html
import io
import random
import re
import time
from pathlib import Path
from typing import Any

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from benchmarks.corpus import generated_text, sentence_pool
from benchmarks.site import PAGE

NEWS_SITE = "https://news.bench.example"
OTHER_SITE = "https://shop.bench.example"
FILES = 4
OTHER_PAGES_PER_NEWS_PAGE = 2  # with one image and one request: 1 news page in 5 records


def _page(rng: random.Random, url: str, number: int) -> bytes:
    text = generated_text(rng, int(rng.lognormvariate(6.2, 0.4)))  # median ~490 words
    title = f"{rng.choice(sentence_pool())[:90].rstrip(' ,.')} ({number})"
    return PAGE.format(
        title=html.escape(title),
        author=f"Reporter {rng.randrange(60)}",
        published=f"2016-09-{1 + number % 28:02d}T08:00:00Z",
        url=url,
        paragraphs="\n".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n")),
        related="",
    ).encode("utf-8")


def _response(writer: WARCWriter, url: str, body: bytes, content_type: str) -> None:
    http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)
    )


def _request(writer: WARCWriter, url: str) -> None:
    http = StatusAndHeaders("GET / HTTP/1.1", [], protocol="HTTP/1.1", is_http_request=True)
    writer.write_record(
        writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=http)
    )


def write_archive(folder: Path, news_pages: int, seed: int = 19) -> list[Path]:
    """FILES gzipped WARC files holding ``news_pages`` news pages in all."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(FILES):
        path = folder / f"CC-NEWS-BENCH-{number:05d}.warc.gz"
        with open(path, "wb") as stream:
            writer = WARCWriter(stream, gzip=True)
            for page in range(number, news_pages, FILES):
                url = f"{NEWS_SITE}/2016/09/story-{page}.html"
                _request(writer, url)
                _response(writer, url, _page(rng, url, page), "text/html; charset=utf-8")
                for other in range(OTHER_PAGES_PER_NEWS_PAGE):
                    shop = f"{OTHER_SITE}/item-{page}-{other}.html"
                    _response(writer, shop, _page(rng, shop, page), "text/html")
                _response(writer, f"{NEWS_SITE}/img/{page}.png", b"\x89PNG" * 2000, "image/png")
        paths.append(path)
    return paths


def reading_rate(work: Path, records: int, seed: int = 23) -> tuple[float, float]:
    """(compressed MB/s, records/s) of reading records of sites the monitor does not
    follow, on their headers alone: what most of a news archive costs."""
    from monitor.backfill.domains import NewsDomains
    from monitor.backfill.job import header_skip_reason
    from monitor.backfill.warc import WarcReader

    rng = random.Random(seed)
    path = work / "backfill-other-sites.warc.gz"
    pages = [_page(rng, f"{OTHER_SITE}/{n}.html", n) for n in range(50)]
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for number in range(records):
            _response(writer, f"{OTHER_SITE}/item-{number}.html", pages[number % 50], "text/html")
    domains = NewsDomains.of([], ["news.bench.example"])
    started = time.process_time()
    reader = WarcReader(str(path), 0, 5_000_000, lambda r: header_skip_reason(r, domains) is None)
    read = sum(1 for _ in reader.read(records))
    seconds = time.process_time() - started
    return path.stat().st_size / 1e6 / seconds, read / seconds


def bench_backfill(report: Any, sizes: Any, work: Path) -> None:
    from benchmarks.run import MONITOR, _fresh, checked, monitor_env, run_measured

    megabytes, per_second = reading_rate(work, sizes.site_pages * 30)
    report.add(
        "backfill",
        f"reading records of other sites, on their headers ({sizes.site_pages * 30} records)",
        f"{megabytes:.1f} MB of gzipped WARC per CPU second ({per_second:,.0f} records/s)",
    )

    news_pages = sizes.site_pages // 2
    files = write_archive(work / "backfill-warc", news_pages)
    domains = work / "backfill-domains.txt"
    domains.write_text("news.bench.example\n", encoding="utf-8")
    records = news_pages * (3 + OTHER_PAGES_PER_NEWS_PAGE)
    rates, cpu, busy = {}, {}, {}
    for workers in (1, 2):
        db = _fresh(work / f"backfill-{workers}.db")
        command = MONITOR + ["--db", str(db), "backfill", *map(str, files)]
        command += ["--domains", str(domains), "--workers", str(workers)]
        measured = checked(run_measured(command, monitor_env()), f"backfill --workers {workers}")
        ready = float(re.search(r"workers ready in ([\d.]+) s", measured.stderr).group(1))
        found = re.search(
            r"read (\d+) records in ([\d.]+) s .*?([\d.]+) relevant/s", measured.stderr
        )
        read, seconds, relevant = int(found.group(1)), float(found.group(2)), found.group(3)
        peak = float(
            re.search(r"Peak memory of a worker: ([\d,.]+) MB", measured.stdout)[1].replace(",", "")
        )
        cpu_per_record = float(re.search(r"([\d.]+) ms per record", measured.stdout)[1])
        beside = re.search(
            r"Extraction CPU time: ([\d.]+) ms per record; writer and scheduler: ([\d.]+) ms",
            measured.stdout,
        )
        rates[workers] = read / seconds
        cpu[workers] = cpu_per_record
        report.add(
            "backfill",
            f"CPU beside the workers per record, {workers} workers",
            f"extraction processes {beside[1]} ms, writer and scheduler {beside[2]} ms"
            f" (workers {cpu_per_record:.1f} ms)",
        )
        busy[workers] = cpu_per_record / 1000 * read / (seconds * workers)
        report.add(
            "backfill",
            f"backfill --workers {workers}, {len(files)} WARC files, {records} records"
            f" ({news_pages} news pages)",
            f"{read / seconds:.1f} records/s, {relevant} relevant docs/s once the workers were"
            f" ready ({ready:.1f} s to start them); {measured.seconds:.1f} s in all",
        )
        report.add(
            "backfill",
            f"peak memory of one worker (its extraction process included), {workers} workers",
            f"{peak:,.0f} MB",
            "< 1,000 MB",
            peak < 1000,
        )
    report.add(
        "backfill",
        "worker CPU time per record, 1 → 2 workers",
        f"{cpu[1]:.1f} ms → {cpu[2]:.1f} ms ({cpu[2] / cpu[1]:.2f}×: the ceiling on the"
        f" speed-up is 2 / {cpu[2] / cpu[1]:.2f} = {2 / (cpu[2] / cpu[1]):.2f}×)",
    )
    report.add(
        "backfill",
        "share of the time each worker process was computing, 1 → 2 workers",
        f"{busy[1]:.0%} → {busy[2]:.0%} (the rest: waiting for its extraction process,"
        " for tasks, and for the CPU the writer, the scheduler and extraction take)",
    )
    speedup = rates[2] / rates[1]
    report.add(
        "backfill",
        "speed-up 1 → 2 workers (records/s)",
        f"{speedup:.2f}×",
        "≥ 1.7×",
        speedup >= 1.7,
    )
    report.notes.append(
        "backfill: generated gzipped WARC files (benchmarks/backfill.py) in which one record in "
        f"five is a news page of the followed domain (the rest: its request record, "
        f"{OTHER_PAGES_PER_NEWS_PAGE} pages of another site, an image); workers are the "
        "processes of a Dask LocalCluster, one thread each; rates count from the moment every "
        "worker had loaded its models."
    )
