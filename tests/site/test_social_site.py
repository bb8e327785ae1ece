"""Share metadata, cards and the social desk, read back from a real build."""
from __future__ import annotations

import io
import json

from PIL import Image

MANGROVE = "berita/2026/11/brpkn-dan-warga-pesisir-utara-tanam-12-000-bibit-mangrove/"
SITE = "http://127.0.0.1:8000/"
PUBLIC = "https://humas.brpkn.example/"


def metas(page) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for tag in page.select("meta[property], meta[name]"):
        found.setdefault(tag.get("property") or tag.get("name"), []).append(tag["content"])
    return found


def test_release_head_has_open_graph_x_and_canonical(built_site):
    page = built_site.html(MANGROVE)
    tags = metas(page)
    for name in ("og:title", "og:description", "og:url", "og:image", "og:image:width", "og:image:height",
                 "og:image:alt", "og:site_name", "article:published_time", "article:modified_time",
                 "article:section", "twitter:title", "twitter:description", "twitter:image"):
        assert tags.get(name), name
    assert tags["og:type"] == ["article"]
    assert tags["og:locale"] == ["id_ID"]
    assert tags["twitter:card"] == ["summary_large_image"]
    assert tags["article:tag"] == ["Mangrove", "Rehabilitasi Pesisir", "Partisipasi Masyarakat"]
    assert tags["article:published_time"] == ["2026-11-25T09:30:00+07:00"]
    assert tags["og:url"] == [SITE + MANGROVE]
    assert page.select_one('link[rel="canonical"]')["href"] == SITE + MANGROVE
    for name in ("og:url", "og:image", "twitter:image"):
        assert tags[name][0].startswith("http://"), name


def test_release_jsonld(built_site):
    page = built_site.html(MANGROVE)
    blocks = [json.loads(s.string) for s in page.select('script[type="application/ld+json"]')]
    graph = [item for block in blocks for item in (block if isinstance(block, list) else [block])]
    article = next(item for item in graph if item["@type"] == "NewsArticle")
    for key in ("headline", "description", "image", "datePublished", "dateModified", "author", "publisher",
                "mainEntityOfPage"):
        assert article[key], key
    assert article["publisher"]["@type"] == "GovernmentOrganization"
    assert article["publisher"]["logo"]["url"].startswith(SITE)
    assert all(url.startswith(SITE) for url in article["image"])
    crumbs = next(item for item in graph if item["@type"] == "BreadcrumbList")
    assert [c["name"] for c in crumbs["itemListElement"]][-1] == article["headline"]


def test_home_and_listing_get_website_metadata(built_site):
    for url in ("", "kategori/siaran-pers/", "topik/mangrove/"):
        tags = metas(built_site.html(url))
        assert tags["og:type"] == ["website"], url
        assert tags["og:url"] == [SITE + url], url


def test_every_release_has_a_valid_card(built_site):
    files = built_site.files()
    releases = [name for name in files if name.startswith("berita/") and name.endswith("index.html")]
    for name in releases:
        og_image = metas(built_site.html(name[: -len("index.html")]))["og:image"][0]
        data = files[og_image.removeprefix(SITE)]
        assert len(data) <= 300_000
        with Image.open(io.BytesIO(data)) as card:
            assert (card.format, card.size) == ("JPEG", (1200, 630))


def test_social_json_and_index(built_site):
    index = json.loads((built_site.output / "social" / "index.json").read_text())
    assert len(index["releases"]) == 8
    first = index["releases"][0]
    # What the social team posts is on the public site, in this preview build too.
    assert first["url"] == PUBLIC + MANGROVE
    assert first["json"] == SITE + "social/" + MANGROVE.split("/")[-2] + ".json"
    detail = json.loads((built_site.output / "social" / (MANGROVE.split("/")[-2] + ".json")).read_text())
    assert set(detail["texts"]) == {"x", "threads", "mastodon", "bluesky", "linkedin", "facebook", "instagram",
                                    "whatsapp", "telegram"}
    assert "utm_source=x" in detail["texts"]["x"]["text"]
    assert "tautan di bio" in detail["texts"]["instagram"]["text"]
    assert detail["card_url"] == first["card_url"] == PUBLIC + "social/" + MANGROVE.split("/")[-2] + ".jpg"
    for key, text in detail["texts"].items():
        assert text["link"].startswith(PUBLIC + MANGROVE + "?utm_source=" + key), key
        assert "127.0.0.1" not in text["text"], key
    bluesky, telegram = detail["texts"]["bluesky"], detail["texts"]["telegram"]
    assert (bluesky["link_as"], bluesky["card"]) == ("card", detail["card_url"])
    assert "http" not in bluesky["text"]
    assert telegram["bot_api"]["parse_mode"] == "MarkdownV2" and "\\" not in telegram["text"]


def test_social_desk_is_hidden_from_search_and_navigation(built_site):
    desk = built_site.html("meja-sosial/")
    assert desk.select_one('meta[name="robots"]')["content"] == "noindex, nofollow"
    assert len(desk.select(".desk-release")) == 8
    # A text per platform, and Bluesky's link to paste as a card.
    assert len(desk.select("button.copy")) == 8 * 9 + 8
    scripts = [s.get("src", "") for s in desk.find_all("script")]
    assert scripts == [SITE + "theme/js/meja-sosial.js"], "the copy script is the only JS"
    home = built_site.html("")
    assert not [a for a in home.find_all("a") if "meja-sosial" in a.get("href", "")]
    assert "meja-sosial" not in (built_site.output / "sitemap.xml").read_text()


def test_social_desk_says_the_texts_link_the_public_site(built_site):
    desk = built_site.html("meja-sosial/")
    assert desk.select_one(".desk-note").get_text(" ", strip=True) == (
        "Ini pratinjau. Teks di sini menautkan situs publik, https://humas.brpkn.example, "
        "tempat rilis akan terbit.")
    release = desk.select_one(".desk-release")
    # The preview's own pages and cards are linked and shown from the preview.
    assert release.select_one("h2 a")["href"] == SITE + MANGROVE
    assert release.select_one("img.desk-card")["src"].startswith(SITE + "social/")
    bluesky = release.select_one(f"#tautan-{MANGROVE.split('/')[-2]}-bluesky")
    assert bluesky.get_text() == PUBLIC + MANGROVE + "?utm_source=bluesky&utm_medium=social&utm_campaign=siaran"
    assert bluesky.find_parent("div").select_one(".desk-link").get_text(strip=True).startswith(
        "Tempel tautan sebagai kartu")


def test_a_build_on_the_public_url_makes_the_same_texts_without_the_note(make_site, built_site):
    site = make_site(overrides={"SITEURL": PUBLIC.rstrip("/")})
    assert site.summary.ok
    assert site.html("meja-sosial/").select_one(".desk-note") is None
    name = "social/" + MANGROVE.split("/")[-2] + ".json"
    public, preview = (json.loads((s.output / name).read_text()) for s in (site, built_site))
    assert public["texts"] == preview["texts"]


def test_rebuild_renders_no_card(make_site, caplog):
    make_site()
    caplog.clear()
    import logging
    with caplog.at_level(logging.INFO, logger="siaran.social"):
        make_site(full=True)         # a clean build: the social stage runs, from its caches
    assert "kartu sosial: 0 digambar, 8 dari cache" in caplog.text
    assert "teks sosial: 0 dibuat, 8 dari cache" in caplog.text


def test_changed_release_remakes_only_its_texts(make_site, caplog):
    import logging
    make_site()
    release = make_site.project / "content" / "berita" / "2026" / "rapat-koordinasi-tata-ruang-laut.md"
    release.write_text(release.read_text().replace("title: Rapat", "title: Hasil Rapat"), encoding="utf-8")
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="siaran.social"):
        site = make_site()
    assert "teks sosial: 1 dibuat, 7 dari cache" in caplog.text
    detail = json.loads((site.output / "social" / "hasil-rapat-koordinasi-tata-ruang-laut-sepakati-zona-tangkap-nelayan-kecil.json").read_text())
    assert detail["texts"]["x"]["text"].startswith("Hasil Rapat")


def test_damaged_text_cache_is_a_miss_not_a_failure(make_site, caplog):
    import logging
    first = make_site().files()
    for entry in (make_site.project / ".cache" / "social-texts").glob("*.json"):
        entry.write_text("{rusak", encoding="utf-8")
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="siaran.social"):
        again = make_site(full=True)
    assert again.summary.ok
    assert "cache teks" in caplog.text and "teks sosial: 8 dibuat, 0 dari cache" in caplog.text
    assert again.files() == first


def test_cards_of_removed_releases_leave_the_cache(make_site):
    make_site()
    cache = make_site.project / ".cache" / "social-cards"
    assert len(list(cache.glob("*.jpg"))) == 8
    (make_site.project / "content" / "berita" / "2026" / "rapat-koordinasi-tata-ruang-laut.md").unlink()
    make_site()
    assert len(list(cache.glob("*.jpg"))) == 7


def test_workers_end_when_a_later_stage_fails(make_site):
    import multiprocessing
    import textwrap

    import pytest

    plugin = make_site.project / "probe_plugins" / "gagal"
    plugin.mkdir(parents=True)
    (plugin / "__init__.py").write_text(textwrap.dedent('''
        from pelican import signals
        from pelican.generators import Generator

        class Failing(Generator):
            def generate_context(self):
                raise RuntimeError("tahap lain gagal")

        def add(pelican):
            return Failing

        def register():
            signals.get_generators.connect(add)
    '''))
    from siaran.build import load_settings
    plugins = load_settings(make_site.project / "pelicanconf.py")["PLUGINS"]
    with pytest.raises(RuntimeError, match="tahap lain gagal"):
        make_site(overrides={"PLUGIN_PATHS": ["plugins", "probe_plugins"], "PLUGINS": [*plugins, "gagal"]})
    assert multiprocessing.active_children() == []


def test_own_social_image_replaces_the_card_with_its_real_size(make_site):
    release = make_site.project / "content" / "berita" / "2026" / "rapat-koordinasi-tata-ruang-laut.md"
    release.write_text(release.read_text().replace("credit: Humas/AH/RP", "credit: Humas/AH/RP\nsocial_image: gambar/berita/kapal-riset.jpg"),
                       encoding="utf-8")
    site = make_site()
    assert site.summary.ok
    url = "berita/2026/01/rapat-koordinasi-tata-ruang-laut-sepakati-zona-tangkap-nelayan-kecil/"
    tags = metas(site.html(url))
    assert tags["og:image"] == [SITE + "gambar/berita/kapal-riset.jpg"]
    assert (tags["og:image:width"], tags["og:image:height"]) == (["1200"], ["675"])
    assert not (site.output / "social" / "rapat-koordinasi-tata-ruang-laut-sepakati-zona-tangkap-nelayan-kecil.jpg").exists()
    warning = [str(p) for p in site.summary.problems if p.field == "social_image"]
    assert len(warning) == 1 and "peringatan: social_image:" in warning[0] and "1200×675" in warning[0]
    assert warning[0].startswith("content/berita/2026/rapat-koordinasi-tata-ruang-laut.md:10:")


def test_too_long_override_is_a_located_error(make_site):
    release = make_site.project / "content" / "berita" / "2026" / "rapat-koordinasi-tata-ruang-laut.md"
    long_text = "Zona tangkap nelayan kecil disepakati. " * 10
    release.write_text(release.read_text().replace("credit: Humas/AH/RP", f"credit: Humas/AH/RP\nsocial_x: {long_text}"),
                       encoding="utf-8")
    site = make_site()
    assert not site.summary.ok
    lines = [str(p) for p in site.summary.problems]
    assert any(line.startswith("content/berita/2026/rapat-koordinasi-tata-ruang-laut.md:10: social_x: teks X terlalu panjang")
               for line in lines), lines
