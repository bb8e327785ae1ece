"""news-sitemap.xml for Google News: the releases of the last two days.

"Last two days" is counted back from the newest release's publication time,
not from the clock, so rebuilding the same content gives the same bytes (a
site that publishes nothing for a week keeps its last two days listed, which
Google simply ignores once they are old). Pure: plain values in, bytes out;
XML through lxml.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Iterable

from lxml import etree

from siaran.text import xml_safe

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
WINDOW = timedelta(days=2)
MAX_URLS = 1000
"""Google News reads at most 1,000 URLs per news sitemap."""


@dataclass(frozen=True, order=True)
class NewsItem:
    published: datetime
    """Aware publication time."""
    url: str
    """Absolute URL."""
    title: str


def recent(items: Iterable[NewsItem], window: timedelta = WINDOW) -> list[NewsItem]:
    """Items published within `window` before the newest one (inclusive), newest first."""
    items = list(items)
    if not items:
        return []
    newest = max(item.published for item in items)
    chosen = [item for item in items if item.published >= newest - window]
    return sorted(chosen, key=lambda item: (item.published, item.url), reverse=True)[:MAX_URLS]


def news_sitemap_xml(items: Iterable[NewsItem], publication: str, language: str) -> bytes:
    """The sitemap of `recent(items)`, with news:publication name and language."""
    urlset = etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap={None: SITEMAP_NS, "news": NEWS_NS})
    for item in recent(items):
        url = etree.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
        etree.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = xml_safe(item.url)
        news = etree.SubElement(url, f"{{{NEWS_NS}}}news")
        pub = etree.SubElement(news, f"{{{NEWS_NS}}}publication")
        etree.SubElement(pub, f"{{{NEWS_NS}}}name").text = xml_safe(publication)
        etree.SubElement(pub, f"{{{NEWS_NS}}}language").text = language
        etree.SubElement(news, f"{{{NEWS_NS}}}publication_date").text = item.published.isoformat(timespec="seconds")
        etree.SubElement(news, f"{{{NEWS_NS}}}title").text = xml_safe(item.title)
    return etree.tostring(urlset, pretty_print=True, xml_declaration=True, encoding="UTF-8")
