"""HTML fragments made safe to syndicate: absolute URLs, no active content.

A feed reader shows an entry far from the site, so a relative link
(`../dokumen/x.pdf`, `/gambar/a.jpg`, `#catatan-1`) must already carry the
site's address. Every `href`, `src`, `srcset`, `poster` and `cite` is resolved
against the release's own absolute URL, exactly as a browser on that page
would resolve it; a bare fragment therefore points at the release itself.

Active content (scripts, frames, plug-ins, `on*` handlers, `javascript:`
links) is dropped: readers strip it anyway and feed validators flag it.
Pure functions over strings (beautifulsoup4), no Pelican.
"""
from __future__ import annotations

from urllib.parse import urljoin, urlsplit

URL_ATTRIBUTES = ("href", "src", "poster", "cite")
ACTIVE_ELEMENTS = ("script", "style", "iframe", "frame", "frameset", "object", "embed", "applet",
                   "meta", "link", "base")
ACTIVE_SCHEMES = ("javascript", "vbscript", "data")
"""`data:` is dropped in href only; images keep data: src (they cannot run code)."""


def absolute_url(url: str, base: str) -> str:
    """`url` resolved against the absolute `base`; absolute URLs come back unchanged."""
    url = url.strip()
    if not url:
        return base
    return urljoin(base, url)


def absolute_srcset(value: str, base: str) -> str:
    """Each candidate URL of a srcset made absolute; descriptors (`2x`, `640w`) kept.

    Follows the HTML candidate grammar closely enough for commas inside URLs
    (`data:` URLs, query strings): a URL runs to the next whitespace.
    """
    candidates = []
    pos, end = 0, len(value)
    while pos < end:
        while pos < end and (value[pos].isspace() or value[pos] == ","):
            pos += 1
        if pos >= end:
            break
        start = pos
        while pos < end and not value[pos].isspace():
            pos += 1
        url, descriptor = value[start:pos], ""
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            start = pos
            while pos < end and value[pos] != ",":
                pos += 1
            descriptor = " ".join(value[start:pos].split())
        candidates.append(absolute_url(url, base) + (f" {descriptor}" if descriptor else ""))
    return ", ".join(candidates)


def _scheme(url: str) -> str:
    try:
        return urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return ""


def feed_html(html: str, page_url: str) -> str:
    """The fragment with active content removed and every URL absolute against `page_url`."""
    if not html:
        return ""
    # Imported on first use: bs4 brings lxml's builder with it, which a build
    # process that only renders pages should not map.
    from bs4 import BeautifulSoup
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(ACTIVE_ELEMENTS):
        element.decompose()
    for element in soup.find_all(True):
        for name in [name for name in element.attrs if name.lower().startswith("on")]:
            del element[name]
        for name in URL_ATTRIBUTES:
            value = element.get(name)
            if value is None:
                continue
            if isinstance(value, list):        # bs4 gives multi-valued attributes as lists
                value = " ".join(value)
            scheme = _scheme(value)
            if scheme in ACTIVE_SCHEMES and not (scheme == "data" and name == "src"):
                del element[name]
                continue
            element[name] = absolute_url(value, page_url)
        if element.get("srcset") is not None:
            element["srcset"] = absolute_srcset(element["srcset"], page_url)
    return str(soup)
