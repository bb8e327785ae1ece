"""sitemap.xml, robots.txt and the releases map, as bytes from plain values.

No Pelican import: the generator in __init__ collects (url, lastmod) pairs and
hands them here. XML goes through ElementTree, never string templates.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from xml.etree import ElementTree as ET

from siaran import dates

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


@dataclass(frozen=True, order=True)
class Location:
    url: str                       # site-relative, '' for home
    lastmod: datetime | None = None


def absolute(siteurl: str, url: str) -> str:
    return siteurl.rstrip("/") + "/" + url.lstrip("/")


def sitemap_xml(siteurl: str, locations: list[Location]) -> bytes:
    ET.register_namespace("", SITEMAP_NS)
    urlset = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    seen = set()
    for location in sorted(locations, key=lambda loc: loc.url):
        if location.url in seen:
            continue
        seen.add(location.url)
        node = ET.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
        ET.SubElement(node, f"{{{SITEMAP_NS}}}loc").text = absolute(siteurl, location.url)
        if location.lastmod:
            ET.SubElement(node, f"{{{SITEMAP_NS}}}lastmod").text = dates.iso(location.lastmod)
    ET.indent(urlset)
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"


def robots_txt(siteurl: str, sitemaps: list[str], disallow: list[str]) -> bytes:
    rules = [f"Disallow: /{path.lstrip('/')}" for path in disallow] or ["Disallow:"]
    lines = ["User-agent: *", *rules, "", *(f"Sitemap: {absolute(siteurl, name)}" for name in sitemaps)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def releases_map(entries: list[dict]) -> bytes:
    """id → url (+ redirect_from) for deploy's redirect planning; sorted for stable bytes."""
    return json.dumps(sorted(entries, key=lambda e: e["id"]), ensure_ascii=False, indent=1,
                      sort_keys=True).encode("utf-8") + b"\n"
