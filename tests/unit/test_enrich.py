"""Derived release facts: dateline, credit, related releases, photo facts."""
from __future__ import annotations

from datetime import datetime, timedelta

from PIL import Image

from humas_content import enrich
from siaran.photos import PublishedPhotos
from siaran.text import add_dateline


def test_dateline_goes_into_first_paragraph_escaped():
    html = "<h2>x</h2><p>Isi pertama.</p><p>Kedua.</p>"
    out = add_dateline(html, "Kota <A&B> (5/8)")
    assert out == '<h2>x</h2><p><span class="dateline">Kota &lt;A&amp;B&gt; (5/8) – </span>Isi pertama.</p><p>Kedua.</p>'
    assert add_dateline("<ul><li>a</li></ul>", "X") == "<ul><li>a</li></ul>"


def test_no_dateline_text_leaves_the_body_alone():
    assert add_dateline("<p>Isi.</p>", "") == "<p>Isi.</p>"


def test_lede_is_the_first_paragraph_with_its_dateline():
    html = "<h2>Judul antara</h2><p>Isi <em>pertama</em>.</p><blockquote><p>Kutipan.</p></blockquote>"
    assert enrich.lede(html, "Sinar Bahari (5/8)") == (
        '<p><span class="dateline">Sinar Bahari (5/8) – </span>Isi <em>pertama</em>.</p>')
    assert enrich.lede("<ul><li>hanya daftar</li></ul>", "X (1/1)") == ""


def test_dateline_text_uses_jakarta_day():
    assert enrich.dateline("<p>Isi.</p>", "Jakarta", datetime(2026, 1, 25, 10, 0)) == "Jakarta (25/1)"


def test_dateline_from_the_body_when_no_location():
    html = "<p><strong>TELUK BIRU, BRPKN (3/9)</strong> &ndash; Tim balai mencatat.</p>"
    moment = datetime(2026, 9, 4, 10, 0)
    assert enrich.dateline(html, None, moment) == "Teluk Biru (3/9)"
    assert enrich.dateline(html, "Teluk Biru Timur", moment) == "Teluk Biru Timur (3/9)"
    assert enrich.dateline(html, None, moment, keep_original=True) == "TELUK BIRU, BRPKN (3/9)"
    assert enrich.dateline("<p>Tim balai mencatat.</p>", None, moment) == ""


def test_lede_replaces_the_body_dateline_and_drops_a_closing_credit():
    html = "<p>Sinar Bahari - Tim balai mencatat kenaikan. (Humas/NA)</p>"
    assert enrich.lede(html, "Sinar Bahari (5/8)") == (
        '<p><span class="dateline">Sinar Bahari (5/8) – </span>Tim balai mencatat kenaikan.</p>')


def test_credit_from_field_else_body():
    html = "<p>Isi.</p>\n<p>(NA/YK)</p>"
    assert enrich.credit("Humas/NA", html) == "Humas/NA"
    assert enrich.credit(None, html) == "NA/YK"
    assert enrich.credit("", "<p>Isi.</p>") == ""


def test_photo_caption_gives_its_credit_once():
    caption = "Petugas memasang rambu di dermaga. (Foto: Humas/Sari)"
    assert enrich.photo_caption(caption, None) == ("Petugas memasang rambu di dermaga.", "Foto: Humas/Sari")
    assert enrich.photo_caption(caption, "Foto: Humas/Dimas") == ("Petugas memasang rambu di dermaga.",
                                                                 "Foto: Humas/Dimas")
    assert enrich.photo_caption("Tanpa kredit.", "") == ("Tanpa kredit.", "")


def test_related_ranks_by_shared_tags_then_newest():
    start = datetime(2026, 1, 1)
    items = [("a", frozenset({"x", "y"}), start + timedelta(days=3)),
             ("b", frozenset({"x"}), start + timedelta(days=2)),
             ("c", frozenset({"x", "y"}), start + timedelta(days=1)),
             ("d", frozenset({"z"}), start)]
    related = enrich.related_by_tags(items, limit=4)
    assert related["a"] == ["c", "b"]
    assert related["b"] == ["a", "c"]
    assert related["d"] == []


def test_related_window_bounds_work_on_popular_tags():
    start = datetime(2026, 1, 1)
    items = [(f"r{i:03d}", frozenset({"umum"}), start - timedelta(days=i)) for i in range(300)]
    related = enrich.related_by_tags(items, limit=3, window=5)
    assert related["r150"] == ["r145", "r146", "r147"]  # newest among its 5 neighbours on each side


def test_image_facts(tmp_path):
    Image.new("RGB", (40, 20), "navy").save(tmp_path / "f.jpg", "JPEG")
    facts = enrich.image_facts(tmp_path, "f.jpg", PublishedPhotos(tmp_path / "cache"), alt="a", caption="c",
                               credit="Foto: X")
    assert (facts.width, facts.height, facts.mime) == (40, 20, "image/jpeg")
    assert facts.size == (tmp_path / "f.jpg").stat().st_size


def test_image_facts_are_the_published_photo(tmp_path):
    """A phone photo: turned a quarter by its Orientation, and published without its EXIF,
    so its enclosure length is the stripped copy's."""
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x8825] = {1: "S", 2: (6.0, 10.0, 30.0)}
    Image.new("RGB", (40, 20), "navy").save(tmp_path / "f.jpg", "JPEG", exif=exif)
    published = PublishedPhotos(tmp_path / "cache")
    facts = enrich.image_facts(tmp_path, "f.jpg", published)
    assert (facts.width, facts.height) == (20, 40)
    copy, _ = published.copy(tmp_path / "f.jpg")
    assert facts.size == copy.stat().st_size < (tmp_path / "f.jpg").stat().st_size
