"""Shared by the feed tests (tests/unit/test_feeds_*.py, tests/site/test_feeds_*.py):
a small JSON Feed 1.1 schema, the W3C Feed Validation Service rules we rely on as
checks returning readable problems, and a throwaway project builder.

Importable as `feeds_support` because tests/conftest.py's folder is on sys.path.
"""
from __future__ import annotations

import json
import re
import shutil
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
from bs4 import BeautifulSoup
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
MEDIA = "{http://search.yahoo.com/mrss/}"
STRICT = etree.XMLParser(recover=False, resolve_entities=False, no_network=True)
FEED_FILES = ("rss.xml", "atom.xml", "feed.json")

# ------------------------------------------------------------------ JSON Feed 1.1

_URL = {"type": "string", "pattern": "^https?://"}
_DATE = {"type": "string", "pattern": r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$"}
_AUTHORS = {"type": "array", "items": {"type": "object", "minProperties": 1, "additionalProperties": False,
                                       "properties": {"name": {"type": "string", "minLength": 1},
                                                      "url": _URL, "avatar": _URL}}}
JSON_FEED_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/)",
    "type": "object",
    "required": ["version", "title", "items"],
    "additionalProperties": False,
    "patternProperties": {"^_": {}},
    "properties": {
        "version": {"const": "https://jsonfeed.org/version/1.1"},
        "title": {"type": "string", "minLength": 1},
        "home_page_url": _URL,
        "feed_url": _URL,
        "description": {"type": "string"},
        "user_comment": {"type": "string"},
        "next_url": _URL,
        "icon": _URL,
        "favicon": _URL,
        "authors": _AUTHORS,
        "language": {"type": "string", "pattern": "^[a-z]{2,3}(-[A-Za-z0-9]+)*$"},
        "expired": {"type": "boolean"},
        "hubs": {"type": "array", "items": {"type": "object", "required": ["type", "url"],
                                            "properties": {"type": {"type": "string"}, "url": _URL}}},
        "items": {"type": "array", "items": {
            "type": "object",
            "required": ["id"],
            "anyOf": [{"required": ["content_html"]}, {"required": ["content_text"]}],
            "additionalProperties": False,
            "patternProperties": {"^_": {}},
            "properties": {
                "id": {"type": "string", "minLength": 1},
                "url": _URL,
                "external_url": _URL,
                "title": {"type": "string"},
                "content_html": {"type": "string"},
                "content_text": {"type": "string"},
                "summary": {"type": "string"},
                "image": _URL,
                "banner_image": _URL,
                "date_published": _DATE,
                "date_modified": _DATE,
                "authors": _AUTHORS,
                "tags": {"type": "array", "items": {"type": "string"}},
                "language": {"type": "string"},
                "attachments": {"type": "array", "items": {
                    "type": "object", "required": ["url", "mime_type"], "additionalProperties": False,
                    "properties": {"url": _URL, "mime_type": {"type": "string", "pattern": r"^\w+/[\w.+-]+$"},
                                   "title": {"type": "string"}, "size_in_bytes": {"type": "integer", "minimum": 1},
                                   "duration_in_seconds": {"type": "number"}}}},
            },
        }},
    },
}

# ------------------------------------------------------------------ HTML inside feeds

ACTIVE = ("script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "meta", "link", "base")


def html_urls(html: str) -> list[str]:
    """Every URL in href/src/srcset/poster/cite of an HTML fragment."""
    soup = BeautifulSoup(html or "", "html.parser")
    urls = []
    for tag in soup.find_all(True):
        for name in ("href", "src", "poster", "cite"):
            if tag.get(name) is not None:
                urls.append(tag[name])
        if tag.get("srcset"):
            urls += [part.split()[0] for part in tag["srcset"].split(", ") if part.strip()]
    return urls


def is_absolute(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc) or parts.scheme in ("mailto", "tel", "data")


def html_problems(where: str, html: str) -> list[str]:
    """W3C rules ContainsRelRef and SecurityRisk, applied to an HTML fragment."""
    problems = [f"{where}: relative URL {url!r}" for url in html_urls(html) if not is_absolute(url)]
    soup = BeautifulSoup(html or "", "html.parser")
    problems += [f"{where}: active element <{tag.name}>" for tag in soup.find_all(ACTIVE)]
    problems += [f"{where}: event attribute {name}" for tag in soup.find_all(True) for name in tag.attrs
                 if name.lower().startswith("on")]
    return problems


# ------------------------------------------------------------------ W3C-style checks

RFC822 = re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
                    r"\d{4} \d\d:\d\d:\d\d [+-]\d{4}$")
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
MIME = re.compile(r"^\w+/[\w.+-]+$")
LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")


def _rfc822_problems(where: str, text: str | None) -> list[str]:
    if not text or not RFC822.match(text):
        return [f"{where}: not an RFC 822 date with 4-digit year and numeric zone: {text!r}"]
    moment = parsedate_to_datetime(text)
    if ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[moment.weekday()] != text[:3]:
        return [f"{where}: weekday {text[:3]} does not match the date"]
    return []


def parse_xml(data: bytes) -> etree._Element:
    """Strict parse: any well-formedness error (control character, bad escaping) raises."""
    return etree.fromstring(data, STRICT)


def rss_problems(data: bytes, location: str) -> list[str]:
    """RSS 2.0 required elements plus the validator rules: self link = location, RFC 822
    dates, guid permalink semantics, absolute links, enclosure attributes, image = channel."""
    root = parse_xml(data)
    problems = [] if root.tag == "rss" and root.get("version") == "2.0" else ["root is not <rss version='2.0'>"]
    channel = root.find("channel")
    for name in ("title", "link", "description"):
        if not (channel.findtext(name) or "").strip():
            problems.append(f"channel: missing {name}")
    if not is_absolute(channel.findtext("link") or ""):
        problems.append("channel: link not absolute")
    selfs = [link for link in channel.findall(f"{ATOM}link") if link.get("rel") == "self"]
    if len(selfs) != 1 or selfs[0].get("href") != location or selfs[0].get("type") != "application/rss+xml":
        problems.append(f"channel: atom:link rel=self must be exactly one, href={location}, rss+xml type")
    if not LANG.match(channel.findtext("language") or ""):
        problems.append("channel: language missing or invalid")
    if channel.find("lastBuildDate") is not None:
        problems += _rfc822_problems("channel lastBuildDate", channel.findtext("lastBuildDate"))
    image = channel.find("image")
    if image is not None:
        if not is_absolute(image.findtext("url") or ""):
            problems.append("image: url not absolute")
        if image.findtext("title") != channel.findtext("title") or image.findtext("link") != channel.findtext("link"):
            problems.append("image: title/link must match the channel's")
    guids = []
    for index, item in enumerate(channel.findall("item")):
        where = f"item[{index}]"
        if not (item.findtext("title") or item.findtext("description")):
            problems.append(f"{where}: needs title or description")
        guid = item.find("guid")
        if guid is None or not (guid.text or "").strip():
            problems.append(f"{where}: missing guid")
        else:
            guids.append(guid.text)
            if guid.get("isPermaLink", "true") != "false" and not is_absolute(guid.text):
                problems.append(f"{where}: permalink guid must be an absolute URL")
        if not is_absolute(item.findtext("link") or ""):
            problems.append(f"{where}: link missing or not absolute")
        problems += _rfc822_problems(f"{where} pubDate", item.findtext("pubDate"))
        for author in item.findall("author"):
            if "@" not in (author.text or ""):
                problems.append(f"{where}: <author> must be an e-mail address (use dc:creator)")
        for enclosure in item.findall("enclosure"):
            if not (is_absolute(enclosure.get("url", "")) and (enclosure.get("length") or "").isdigit()
                    and int(enclosure.get("length")) > 0 and MIME.match(enclosure.get("type", ""))):
                problems.append(f"{where}: enclosure needs absolute url, positive length, MIME type")
        if len(item.findall("enclosure")) > 1:
            problems.append(f"{where}: more than one enclosure")
        for media in item.findall(f"{MEDIA}content"):
            if not (is_absolute(media.get("url", "")) and (media.get("fileSize") or "1").isdigit()
                    and media.get("medium", "image") in ("image", "audio", "video", "document", "executable")):
                problems.append(f"{where}: media:content invalid")
        problems += html_problems(f"{where} description", item.findtext("description"))
        problems += html_problems(f"{where} content:encoded", item.findtext(f"{CONTENT}encoded"))
    if len(guids) != len(set(guids)):
        problems.append("duplicate guid in one feed")
    return problems


def atom_problems(data: bytes, location: str) -> list[str]:
    """RFC 4287 required elements plus the validator rules: self link = location, RFC 3339
    dates, absolute ids and links, one alternate link per type, authors, enclosure length."""
    root = parse_xml(data)
    problems = [] if root.tag == f"{ATOM}feed" else ["root is not atom:feed"]
    for name in ("id", "title", "updated"):
        if not (root.findtext(f"{ATOM}{name}") or "").strip():
            problems.append(f"feed: missing {name}")
    if not urlsplit(root.findtext(f"{ATOM}id") or "").scheme:
        problems.append("feed: id is not an absolute IRI")
    if not RFC3339.match(root.findtext(f"{ATOM}updated") or ""):
        problems.append("feed: updated not RFC 3339")
    links = root.findall(f"{ATOM}link")
    selfs = [link for link in links if link.get("rel") == "self"]
    if len(selfs) != 1 or selfs[0].get("href") != location:
        problems.append(f"feed: link rel=self must be exactly one, href={location}")
    alternates = [(link.get("type"), link.get("hreflang")) for link in links if link.get("rel", "alternate") == "alternate"]
    if len(alternates) != len(set(alternates)):
        problems.append("feed: two alternate links with the same type and hreflang")
    problems += [f"feed: relative link {link.get('href')}" for link in links if not is_absolute(link.get("href", ""))]
    for name in ("icon", "logo"):
        if root.find(f"{ATOM}{name}") is not None and not is_absolute(root.findtext(f"{ATOM}{name}")):
            problems.append(f"feed: {name} not absolute")
    feed_author = root.find(f"{ATOM}author/{ATOM}name") is not None
    ids = []
    for index, entry in enumerate(root.findall(f"{ATOM}entry")):
        where = f"entry[{index}]"
        for name in ("id", "title", "updated"):
            if not (entry.findtext(f"{ATOM}{name}") or "").strip():
                problems.append(f"{where}: missing {name}")
        ids.append(entry.findtext(f"{ATOM}id"))
        if not urlsplit(ids[-1] or "").scheme:
            problems.append(f"{where}: id is not an absolute IRI")
        for name in ("updated", "published"):
            value = entry.findtext(f"{ATOM}{name}")
            if (value is not None or name == "updated") and not RFC3339.match(value or ""):
                problems.append(f"{where}: {name} not RFC 3339")
        if not feed_author and entry.find(f"{ATOM}author/{ATOM}name") is None:
            problems.append(f"{where}: no author and the feed has none")
        entry_links = entry.findall(f"{ATOM}link")
        alternates = [link for link in entry_links if link.get("rel", "alternate") == "alternate"]
        if len(alternates) != 1:
            problems.append(f"{where}: needs exactly one alternate link, has {len(alternates)}")
        for link in entry_links:
            if not is_absolute(link.get("href", "")):
                problems.append(f"{where}: relative link {link.get('href')}")
            if link.get("rel") == "enclosure" and not (link.get("length") or "").isdigit():
                problems.append(f"{where}: enclosure link without length")
        for name in ("content", "summary"):
            node = entry.find(f"{ATOM}{name}")
            if node is not None:
                if node.get("type") != "html":
                    problems.append(f"{where}: {name} type should be html")
                problems += html_problems(f"{where} {name}", node.text)
    if len(ids) != len(set(ids)):
        problems.append("duplicate entry id in one feed")
    return problems


def json_problems(data: bytes, location: str) -> list[str]:
    """JSON Feed 1.1 schema, feed_url = location, absolute URLs in content, unique ids."""
    document = json.loads(data)
    problems = [f"schema: {error.json_path}: {error.message}"
                for error in jsonschema.Draft202012Validator(JSON_FEED_SCHEMA).iter_errors(document)]
    if document.get("feed_url") != location:
        problems.append(f"feed_url {document.get('feed_url')} != {location}")
    ids = [item.get("id") for item in document.get("items", [])]
    if len(ids) != len(set(ids)):
        problems.append("duplicate item id")
    for index, item in enumerate(document.get("items", [])):
        problems += html_problems(f"items[{index}] content_html", item.get("content_html", ""))
    return problems


CHECKS = {"rss.xml": rss_problems, "atom.xml": atom_problems, "feed.json": json_problems}


def feed_problems(name: str, data: bytes, location: str) -> list[str]:
    return CHECKS[name](data, location)


# ------------------------------------------------------------------ ids and entries per format

def entry_ids(name: str, data: bytes) -> list[str]:
    if name == "feed.json":
        return [item["id"] for item in json.loads(data)["items"]]
    root = parse_xml(data)
    if name == "rss.xml":
        return [item.findtext("guid") for item in root.iter("item")]
    return [entry.findtext(f"{ATOM}id") for entry in root.iter(f"{ATOM}entry")]


def entry_titles(name: str, data: bytes) -> dict[str, str]:
    """id → title of every entry of one feed file."""
    if name == "feed.json":
        return {item["id"]: item["title"] for item in json.loads(data)["items"]}
    root = parse_xml(data)
    if name == "rss.xml":
        return {item.findtext("guid"): item.findtext("title") for item in root.iter("item")}
    return {entry.findtext(f"{ATOM}id"): entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")}


# ------------------------------------------------------------------ throwaway projects

def feeds_project(target: Path, files: dict[str, str] | None = None) -> Path:
    """Settings, theme and plugins of the repo; only the releases and their images as content
    (the feed tests do not depend on other sections' work in progress); `files` added on top."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "pelicanconf.py", target / "pelicanconf.py")
    for name in ("theme", "plugins"):
        (target / name).symlink_to(ROOT / name)
    for folder in ("berita", "gambar"):
        shutil.copytree(ROOT / "content" / folder, target / "content" / folder)
    (target / "content" / "halaman").mkdir(parents=True, exist_ok=True)
    for relative, text in (files or {}).items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return target


OWN_SECTIONS = ("kategori/", "topik/", "unit/")
"""Where plugins/feeds writes (plus the root). Another plugin registered earlier in the same test
process keeps its Pelican signal receivers and may add its own feed elsewhere (blinker receivers
live as long as the process), so "every feed" in these tests means the feeds plugin's own."""


def feed_files(output: Path, extra_folders: tuple[str, ...] = ()) -> dict[str, bytes]:
    """The feeds plugin's feed files of a built site (root, categories, tags, units, plus
    `extra_folders`), by output-relative path, sorted."""
    found = {}
    for path in sorted(output.rglob("*")):
        relative = path.relative_to(output).as_posix()
        if path.name in FEED_FILES and ("/" not in relative or relative.startswith(OWN_SECTIONS + extra_folders)):
            found[relative] = path.read_bytes()
    return found
