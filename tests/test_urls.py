from monitor.urls import article_id, canonical_url, resolve


def test_tracking_fragment_case_and_default_port_removed():
    assert canonical_url("HTTPS://Example.ORG:443/News/a?utm_source=rss&b=2&a=1#top") == (
        "https://example.org/News/a?a=1&b=2"
    )


def test_same_story_same_id():
    assert article_id("https://example.org/a?fbclid=x") == article_id("https://EXAMPLE.org/a")
    assert article_id("https://example.org/a") != article_id("https://example.org/b")


def test_idempotent_on_awkward_urls():
    for url in [
        "http://example.org",
        "https://例え.jp/パス?q=ü",
        "http://[::1]:8080/x y",
        "https://example.org/a%2Fb?x=%20",
        "http://h:99999/bad-port",
    ]:
        once = canonical_url(url)
        assert canonical_url(once) == once


def test_resolve_relative_links():
    assert resolve("http://h/brief/feed.rss", "posts/a.html") == "http://h/brief/posts/a.html"
    assert resolve("http://h/brief/feed.rss", "/x.html") == "http://h/x.html"
