"""Open Graph / X / JSON-LD from plain values."""
from __future__ import annotations

import json
from datetime import datetime

from siaran.dates import JAKARTA
from social.meta import PageShare, describe, Publisher, ShareImage, breadcrumbs, jsonld_script, meta_tags, news_article

PUBLISHER = Publisher("Badan Contoh", "https://contoh.example/", "https://contoh.example/logo.png")
SHARE = PageShare(
    kind="article", title="Judul", description="Ringkasan", url="https://contoh.example/berita/2026/01/judul/",
    site_name="Humas Contoh", image=ShareImage("https://contoh.example/social/judul.jpg", 1200, 630, "Kartu"),
    published=datetime(2026, 1, 5, 9, 0, tzinfo=JAKARTA), section="Siaran Pers", tags=("A", "B"),
    authors=("Rara",))


def test_article_tags_complete():
    tags = meta_tags(SHARE)
    as_dict = dict(tags)
    assert as_dict["og:type"] == "article"
    assert as_dict["og:locale"] == "id_ID"
    assert (as_dict["og:image:width"], as_dict["og:image:height"]) == ("1200", "630")
    assert as_dict["article:published_time"] == "2026-01-05T09:00:00+07:00"
    assert as_dict["article:modified_time"] == "2026-01-05T09:00:00+07:00"
    assert [v for k, v in tags if k == "article:tag"] == ["A", "B"]
    assert as_dict["twitter:card"] == "summary_large_image"


def test_website_without_image_gets_summary_card():
    share = PageShare(kind="website", title="Beranda", description="d", url="https://contoh.example/", site_name="S")
    as_dict = dict(meta_tags(share))
    assert as_dict["twitter:card"] == "summary"
    assert "article:published_time" not in as_dict


def test_news_article_fields():
    data = news_article(SHARE, PUBLISHER, ("https://contoh.example/social/judul.jpg",))
    assert data["@type"] == "NewsArticle"
    assert data["publisher"]["@type"] == "GovernmentOrganization"
    assert data["publisher"]["logo"]["url"] == "https://contoh.example/logo.png"
    assert data["mainEntityOfPage"]["@id"] == SHARE.url
    assert data["author"] == [{"@type": "Person", "name": "Rara"}]
    assert data["datePublished"] == data["dateModified"] == "2026-01-05T09:00:00+07:00"


def test_jsonld_cannot_close_its_script():
    text = jsonld_script(breadcrumbs([("</script><script>alert(1)</script>", "https://x.example/")]))
    assert "</script" not in text
    assert json.loads(text)["itemListElement"][0]["name"] == "</script><script>alert(1)</script>"


def test_description_ends_on_a_whole_word():
    text = "kata " * 100
    out = describe(text, 50)
    assert len(out) <= 50 and out.endswith("kata…")
    assert describe("pendek saja") == "pendek saja"


def test_website_meta_shares_a_rendered_title_as_plain_text():
    """The theme passes its rendered <title> block (Markup, already escaped); the share
    metadata holds the text itself, so the template escapes it once and JSON gets it raw."""
    from markupsafe import Markup

    from social import SocialGenerator
    generator = SocialGenerator.__new__(SocialGenerator)   # only what website_meta reads
    generator.site_url = "https://contoh.example"
    generator.settings = {"SITENAME": "Situs", "SITE_DESCRIPTION": "Deskripsi"}
    generator.publisher = Publisher("Humas", "https://contoh.example/", "https://contoh.example/logo.png")
    tags = dict(generator.website_meta(Markup("Kepala &#34;A&#34; &amp; &lt;10 – Situs"), "topik/")["tags"])
    assert tags["og:title"] == tags["twitter:title"] == 'Kepala "A" & <10 – Situs'
    assert type(tags["og:title"]) is str
