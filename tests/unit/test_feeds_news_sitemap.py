"""news-sitemap.xml: the last two days counted from the newest release, Google News elements."""
from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from lxml import etree

from feeds.news_sitemap import NEWS_NS, SITEMAP_NS, NewsItem, news_sitemap_xml, recent

WIB = ZoneInfo("Asia/Jakarta")
NEWEST = datetime(2026, 11, 25, 9, 30, tzinfo=WIB)


def item(delta: timedelta, slug: str) -> NewsItem:
    return NewsItem(NEWEST - delta, f"https://humas.example/berita/{slug}/", f"Judul {slug}")


@pytest.mark.parametrize("deltas, kept", [
    ([timedelta(0)], ["a"]),
    ([timedelta(0), timedelta(days=2)], ["a", "b"]),                          # boundary is inclusive
    ([timedelta(0), timedelta(days=2, seconds=1)], ["a"]),
    ([timedelta(days=1), timedelta(0), timedelta(days=3)], ["b", "a"]),       # newest first
    ([], []),
])
def test_recent_is_relative_to_the_newest_release(deltas, kept):
    items = [item(delta, slug) for delta, slug in zip(deltas, "abc")]
    assert [i.url.rsplit("/", 2)[1] for i in recent(items)] == kept


def test_old_site_still_lists_its_last_two_days():
    """No clock: a site whose newest release is years old still gets a stable sitemap."""
    old = [NewsItem(datetime(2020, 1, 2, 10, 0, tzinfo=WIB), "https://x/a/", "A"),
           NewsItem(datetime(2019, 12, 1, 10, 0, tzinfo=WIB), "https://x/b/", "B")]
    assert [i.url for i in recent(old)] == ["https://x/a/"]


def test_sitemap_elements():
    data = news_sitemap_xml([item(timedelta(0), "a"), item(timedelta(days=5), "old")],
                            "Humas \x01BRPKN", "id")
    root = etree.fromstring(data)
    ns = {"s": SITEMAP_NS, "n": NEWS_NS}
    urls = root.findall("s:url", ns)
    assert [u.findtext("s:loc", namespaces=ns) for u in urls] == ["https://humas.example/berita/a/"]
    news = urls[0].find("n:news", ns)
    assert news.findtext("n:publication/n:name", namespaces=ns) == "Humas BRPKN"
    assert news.findtext("n:publication/n:language", namespaces=ns) == "id"
    assert news.findtext("n:publication_date", namespaces=ns) == "2026-11-25T09:30:00+07:00"
    assert news.findtext("n:title", namespaces=ns) == "Judul a"
    assert news_sitemap_xml([item(timedelta(0), "a")], "H", "id") == news_sitemap_xml([item(timedelta(0), "a")], "H", "id")
