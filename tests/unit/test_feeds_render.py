"""render_feed: one Feed value → RSS 2.0, Atom 1.0, JSON Feed 1.1; valid, complete, byte-stable."""
from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import feedparser
import pytest
from feeds_support import ATOM, atom_problems, entry_ids, feed_problems, json_problems, parse_xml, rss_problems

from feeds.model import Enclosure, Feed, FeedEntry
from feeds.render import EPOCH, FORMATS, clean_feed, render_feed, rfc822

WIB = ZoneInfo("Asia/Jakarta")
SITE = "https://humas.example"


def entry(n: int, **changes) -> FeedEntry:
    base = FeedEntry(
        id=f"urn:uuid:00000000-0000-4000-8000-{n:012d}",
        title=f"Rilis {n}",
        link=f"{SITE}/berita/2026/11/rilis-{n}/",
        content_html=f'<p>Isi rilis {n} <a href="{SITE}/berita/2026/11/rilis-{n}/#catatan-1">1</a></p>',
        summary_html=f"<p>Ringkasan {n}</p>",
        published=datetime(2026, 11, n, 9, 30, tzinfo=WIB),
        updated=datetime(2026, 11, n, 9, 30, tzinfo=WIB),
        authors=("Rara Pertiwi",),
        categories=("Siaran Pers", "Mangrove"),
        image=Enclosure(f"{SITE}/gambar/{n}.jpg", 1000 + n, "image/jpeg"),
    )
    return replace(base, **changes)


def feed(*entries: FeedEntry, **changes) -> Feed:
    base = Feed(folder="kategori/siaran-pers/", title="Humas – Kategori Siaran Pers",
                description="Rilis terbaru dalam kategori Siaran Pers.", home_url=f"{SITE}/kategori/siaran-pers/",
                site_url=SITE, language="id", entries=entries, icon_url=f"{SITE}/theme/img/favicon.png",
                logo_url=f"{SITE}/theme/img/logo.png", feed_id="tag:humas.example,2026:feeds/kategori/siaran-pers/",
                publisher="Badan Riset")
    return replace(base, **changes)


SAMPLE = feed(entry(20), entry(18, updated=datetime(2026, 11, 22, 8, 0, tzinfo=WIB)), entry(3, image=None))


def location(name: str, f: Feed = SAMPLE) -> str:
    return f"{SITE}/{f.folder}{name}"


def test_three_files_from_the_formats_table():
    assert list(render_feed(SAMPLE)) == [fmt.name for fmt in FORMATS] == ["rss.xml", "atom.xml", "feed.json"]


@pytest.mark.parametrize("name", ["rss.xml", "atom.xml", "feed.json"])
def test_required_elements_and_validator_rules(name):
    assert feed_problems(name, render_feed(SAMPLE)[name], location(name)) == []


@pytest.mark.parametrize("name, version", [("rss.xml", "rss20"), ("atom.xml", "atom10")])
def test_feedparser_reads_without_bozo(name, version):
    """feedparser 6.0 has no JSON Feed reader: feed.json is checked by JSON_FEED_SCHEMA instead."""
    parsed = feedparser.parse(render_feed(SAMPLE)[name])
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == version
    assert [e.id for e in parsed.entries] == [e.id for e in SAMPLE.entries]


@pytest.mark.parametrize("name", ["rss.xml", "atom.xml", "feed.json"])
def test_entries_keep_the_given_order_and_ids(name):
    assert entry_ids(name, render_feed(SAMPLE)[name]) == [e.id for e in SAMPLE.entries]


def test_rss_guid_is_not_a_permalink():
    items = parse_xml(render_feed(SAMPLE)["rss.xml"]).findall("channel/item")
    assert [(i.find("guid").get("isPermaLink"), i.findtext("guid")) for i in items] == \
        [("false", e.id) for e in SAMPLE.entries]


def test_feed_updated_is_the_newest_entry_update_not_the_clock():
    files = render_feed(SAMPLE)
    newest = datetime(2026, 11, 22, 8, 0, tzinfo=WIB)       # entry 18's update, not entry 20's date
    assert parse_xml(files["rss.xml"]).findtext("channel/lastBuildDate") == "Sun, 22 Nov 2026 08:00:00 +0700"
    assert parse_xml(files["atom.xml"]).findtext(f"{ATOM}updated") == newest.isoformat()


def test_empty_feed_is_valid_and_dated_epoch():
    empty = feed()
    files = render_feed(empty)
    assert parse_xml(files["atom.xml"]).findtext(f"{ATOM}updated") == EPOCH.isoformat()
    for name, data in files.items():
        assert feed_problems(name, data, location(name, empty)) == []


def test_same_feed_same_bytes():
    assert render_feed(SAMPLE) == render_feed(replace(SAMPLE))


def test_rss_dates_never_come_from_feedgens_locale_switching_formatter(monkeypatch):
    """feedgen's formatRFC2822 flips the process locale around strftime; every RSS date we
    publish is written by rfc822() instead, whatever that formatter returns."""
    import feedgen.entry
    import feedgen.feed
    for module in (feedgen.feed, feedgen.entry):
        monkeypatch.setattr(module, "formatRFC2822", lambda moment: "LOCALE-DEPENDENT")
    data = render_feed(SAMPLE)["rss.xml"]
    assert b"LOCALE-DEPENDENT" not in data
    assert rss_problems(data, location("rss.xml")) == []


@pytest.mark.parametrize("moment, text", [
    (datetime(2026, 11, 25, 9, 30, tzinfo=WIB), "Wed, 25 Nov 2026 09:30:00 +0700"),
    (datetime(2026, 1, 4, 0, 0, 5, tzinfo=WIB), "Sun, 04 Jan 2026 00:00:05 +0700"),
    (datetime(2025, 12, 31, 23, 59, tzinfo=timezone.utc), "Wed, 31 Dec 2025 23:59:00 +0000"),
])
def test_rfc822(moment, text):
    assert rfc822(moment) == text


def test_naive_datetime_is_refused():
    with pytest.raises(ValueError):
        render_feed(feed(entry(1, published=datetime(2026, 11, 1, 9, 0))))


def test_enclosure_and_media_content_carry_length_and_type():
    files = render_feed(SAMPLE)
    item = parse_xml(files["rss.xml"]).find("channel/item")
    assert dict(item.find("enclosure").attrib) == {"url": f"{SITE}/gambar/20.jpg", "length": "1020", "type": "image/jpeg"}
    media = item.find("{http://search.yahoo.com/mrss/}content")
    assert (media.get("url"), media.get("fileSize"), media.get("type"), media.get("medium")) == \
        (f"{SITE}/gambar/20.jpg", "1020", "image/jpeg", "image")
    links = parse_xml(files["atom.xml"]).find(f"{ATOM}entry").findall(f"{ATOM}link")
    assert [dict(link.attrib) for link in links] == [
        {"href": f"{SITE}/berita/2026/11/rilis-20/", "rel": "alternate", "type": "text/html"},
        {"href": f"{SITE}/gambar/20.jpg", "rel": "enclosure", "type": "image/jpeg", "length": "1020"},
    ]
    item = json.loads(files["feed.json"])["items"][0]
    assert item["image"] == f"{SITE}/gambar/20.jpg"
    assert item["attachments"] == [{"url": f"{SITE}/gambar/20.jpg", "mime_type": "image/jpeg", "size_in_bytes": 1020}]


def test_entry_without_image_has_no_enclosure():
    files = render_feed(feed(entry(3, image=None)))
    assert parse_xml(files["rss.xml"]).find("channel/item/enclosure") is None
    assert "image" not in json.loads(files["feed.json"])["items"][0]


def test_authors_without_email_go_to_dc_creator_not_rss_author():
    item = parse_xml(render_feed(feed(entry(1, authors=("A", "B", "A"))))["rss.xml"]).find("channel/item")
    assert item.find("author") is None
    assert [c.text for c in item.findall("{http://purl.org/dc/elements/1.1/}creator")] == ["A", "B"]


def test_full_content_and_summary_are_separate():
    files = render_feed(SAMPLE)
    item = parse_xml(files["rss.xml"]).find("channel/item")
    assert item.findtext("description") == "<p>Ringkasan 20</p>"
    assert item.findtext("{http://purl.org/rss/1.0/modules/content/}encoded").startswith("<p>Isi rilis 20")
    atom_entry = parse_xml(files["atom.xml"]).find(f"{ATOM}entry")
    assert atom_entry.findtext(f"{ATOM}summary") == "<p>Ringkasan 20</p>"
    assert atom_entry.findtext(f"{ATOM}content").startswith("<p>Isi rilis 20")
    item = json.loads(files["feed.json"])["items"][0]
    assert (item["summary"], item["content_html"][:14]) == ("Ringkasan 20", "<p>Isi rilis 2")


@pytest.mark.parametrize("hub", ["", "https://hub.example/"])
def test_websub_hub_link_only_when_configured(hub):
    files = render_feed(replace(SAMPLE, hub_url=hub))
    rss_hubs = [l.get("href") for l in parse_xml(files["rss.xml"]).findall(f"channel/{ATOM}link") if l.get("rel") == "hub"]
    atom_hubs = [l.get("href") for l in parse_xml(files["atom.xml"]).findall(f"{ATOM}link") if l.get("rel") == "hub"]
    json_hubs = [h["url"] for h in json.loads(files["feed.json"]).get("hubs", [])]
    assert rss_hubs == atom_hubs == json_hubs == ([hub] if hub else [])


HOSTILE_TITLE = "Awas \x01\x0b<script>alert('x')</script> ]]> & \ud800selesai\x1f"
HOSTILE_BODY = "<p>Isi \x07dengan ]]> dan &lt;script&gt; \x0c\ufffe</p>"


def test_hostile_text_gives_valid_escaped_xml_and_json():
    hostile = feed(entry(5, title=HOSTILE_TITLE, content_html=HOSTILE_BODY, summary_html=HOSTILE_BODY,
                         authors=("Nama\x02",), categories=("Kat\x03egori",)))
    files = render_feed(hostile)
    clean_title = "Awas <script>alert('x')</script> ]]> & selesai"
    for name, data in files.items():
        assert feed_problems(name, data, location(name, hostile)) == []
        assert not any(byte < 0x20 and byte not in (0x09, 0x0A, 0x0D) for byte in data), name
        if name != "feed.json":
            assert b"<script" not in data and b"]]>" not in data, name
            assert not feedparser.parse(data).bozo
    assert parse_xml(files["rss.xml"]).findtext("channel/item/title") == clean_title
    assert parse_xml(files["atom.xml"]).findtext(f"{ATOM}entry/{ATOM}title") == clean_title
    assert b"&lt;script&gt;alert('x')&lt;/script&gt; ]]&gt; &amp; selesai" in files["rss.xml"]
    item = json.loads(files["feed.json"])["items"][0]
    assert item["title"] == clean_title and item["authors"] == [{"name": "Nama"}] and item["tags"] == ["Kategori"]


def test_clean_feed_strips_every_string_field():
    cleaned = clean_feed(feed(entry(5, title="a\x00b", link="https://x/\x01"), title="T\x1f", description="\ud800D"))
    assert (cleaned.title, cleaned.description, cleaned.entries[0].title, cleaned.entries[0].link) == \
        ("T", "D", "ab", "https://x/")


def test_validator_rules_catch_what_they_claim():
    """The rule checks used on every built feed must fail on the faults they describe."""
    rss = render_feed(SAMPLE)["rss.xml"]
    assert any("rel=self" in p for p in rss_problems(rss, f"{SITE}/elsewhere.xml"))
    broken = rss.replace(b"Wed, 25 Nov", b"Wed, 26 Nov", 1).replace(b"<pubDate>Fri, 20 Nov", b"<pubDate>Thu, 20 Nov")
    assert any("weekday" in p or "RFC 822" in p for p in rss_problems(broken, location("rss.xml")))
    relative = render_feed(feed(entry(1, content_html='<a href="/x/">x</a>')))
    assert any("relative URL" in p for p in rss_problems(relative["rss.xml"], location("rss.xml")))
    assert any("relative URL" in p for p in atom_problems(relative["atom.xml"], location("atom.xml")))
    assert any("relative URL" in p for p in json_problems(relative["feed.json"], location("feed.json")))
    nameless = json.loads(render_feed(SAMPLE)["feed.json"])
    del nameless["items"][0]["id"]
    assert json_problems(json.dumps(nameless).encode(), location("feed.json"))
