"""Extraction on real article pages (../shared/fixtures/pages) and hostile input."""

import json

import pytest

from monitor.crawl.extract import ExtractionError, extract_page
from monitor.dates import to_utc_iso
from monitor.settings import Settings
from tests.conftest import FIXTURES, shared_path

SETTINGS = Settings()


def evaldata() -> list[tuple[str, dict]]:
    path = FIXTURES / "pages" / "trafilatura-evaldata-subset.json"
    if not path.exists():
        return []
    return sorted(json.loads(path.read_text(encoding="utf-8")).items())


# Snippets of trafilatura's own evaluation data that our extraction gets right:
# text that must be kept ("with") and page furniture that must be dropped
# ("without"). Measured 17/18 and 19/19 (the one miss is Reuters' closing
# "Additional reporting by" credit, which trafilatura's precision mode drops);
# the gate refuses a silent drop.
EVAL_FLOOR = {"with": 17, "without": 19}


def test_real_pages_keep_the_article_and_drop_the_furniture():
    pages = evaldata()
    if not pages:
        pytest.skip("../shared/fixtures is absent (it comes with CI, not with a clone)")
    kept = dropped = 0
    for url, expected in pages:
        html = shared_path("fixtures", "pages", expected["file"]).read_text(errors="replace")
        text = extract_page(html, url, SETTINGS).text
        kept += sum(snippet in text for snippet in expected["with"])
        dropped += sum(snippet not in text for snippet in expected["without"])
    assert kept >= EVAL_FLOOR["with"]
    assert dropped >= EVAL_FLOOR["without"]


@pytest.mark.parametrize("name", ["bbc-1", "nytimes-1", "wapo-1", "telegraph", "lemonde-1"])
def test_readability_pages_title_and_language(name):
    folder = shared_path("fixtures", "pages", f"readability-{name}")
    expected = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8"))
    page = extract_page(
        (folder / "source.html").read_text(errors="replace"),
        f"https://example.org/{name}",
        SETTINGS,
    )
    assert page.title and page.title.split()[0] in expected["title"]
    if expected.get("lang"):
        assert page.language == expected["lang"][:2]
    if expected.get("publishedTime"):
        assert page.published_at == to_utc_iso(expected["publishedTime"])


def test_pew_page_main_text_matches_expected():
    html = shared_path("fixtures", "pages", "pewresearch.org1.html").read_text(errors="replace")
    expected = shared_path("fixtures", "pages", "pewresearch.org1.expected.txt").read_text()
    page = extract_page(html, "https://www.pewresearch.org/fact-tank/x", SETTINGS)
    expected_sentences = [line.strip() for line in expected.splitlines() if len(line) > 60]
    found = sum(1 for line in expected_sentences if line[:60] in page.text)
    assert found / len(expected_sentences) >= 0.9
    assert page.author == "Jens Manuel Krogstad"


def test_dates_normalised_to_utc():
    assert to_utc_iso("2026-11-17T08:30:00+01:00") == "2026-11-17T07:30:00Z"
    assert to_utc_iso("20 Nov 2026 14:05:00 EST") == "2026-11-20T19:05:00Z"
    assert to_utc_iso("2026-11-20") == "2026-11-20T00:00:00Z"
    assert to_utc_iso("not a date") is None


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   ",
        "<html></html>",
        "<html><body><nav>Home</nav><footer>© 2026</footer></body></html>",
        "\x00\xff\xfe",
    ],
)
def test_pages_without_article_raise_a_clear_error(html):
    with pytest.raises(ExtractionError):
        extract_page(html, "https://example.org/x", SETTINGS)


def test_hostile_markup_is_not_text():
    body = "<p>" + "Asylum seekers waited at the border for days. " * 10 + "</p>"
    html = (
        f"<html lang='en'><head><title>T</title><script>var evil = 'alert(1)';</script>"
        f"</head><body><article><h1>Border</h1>{body}<script>document.write('x')</script>"
        f"<iframe src='http://ads.example/'></iframe><!-- hidden comment -->{body}</article>"
        f"<div class='cookie-banner'>We use cookies. Accept all</div></body></html>"
    )
    page = extract_page(html, "https://example.org/x", SETTINGS)
    for leaked in ("evil", "document.write", "hidden comment", "Accept all"):
        assert leaked not in page.text
    assert page.language == "en"
