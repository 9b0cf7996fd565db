import pytest

from monitor.crawl.sources import ConfigError, load_feeds, parse_feeds_text
from tests.conftest import REPO

GOOD = """
feeds:
  - id: example-news
    name: Example
    url: https://example.org/feed.xml
    language: en
    country: bel
    tags: [eu]
"""


def test_valid_file():
    feeds = parse_feeds_text(GOOD)
    (source,) = feeds.sources
    assert source.id == "example-news"
    assert source.country == "BEL"
    assert source.tags == ("eu",)
    assert source.enabled


def test_project_feeds_file_is_valid_and_large_enough():
    feeds = load_feeds(REPO / "feeds.yaml")
    assert len(feeds.sources) >= 15
    assert all(source.url.startswith("https://") for source in feeds.sources)
    kinds = {source.kind for source in feeds.sources}
    assert {"news", "un_agency", "ngo"} <= kinds


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("feeds: [", "not valid YAML"),
        ("- just a list", "must be a mapping with a 'feeds:' list"),
        (
            GOOD.replace("url: https://example.org/feed.xml", "url: ftp://example.org/f"),
            r"feed #1 \(example-news\): url 'ftp://example.org/f' must be an absolute http",
        ),
        (GOOD.replace("    language: en\n", ""), r"feed #1 \(example-news\): missing language"),
        (GOOD.replace("country: bel", "country: XYZ"), "'XYZ' is not an ISO 3166-1 alpha-3"),
        (GOOD.replace("id: example-news", "id: Example News"), "id must be a lowercase slug"),
        (GOOD + GOOD.split("feeds:\n")[1], "feed example-news: id is used twice"),
        (GOOD.replace("tags: [eu]", "tagz: [eu]"), "unknown key 'tagz'"),
    ],
)
def test_malformed_entries_give_one_line_naming_the_problem(text, message):
    with pytest.raises(ConfigError, match=message) as caught:
        parse_feeds_text(text)
    assert "\n" not in str(caught.value)


def test_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="no such file"):
        load_feeds(tmp_path / "absent.yaml")
