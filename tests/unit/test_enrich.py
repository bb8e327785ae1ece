"""Derived release facts: dateline, related releases, photo facts."""
from __future__ import annotations

from datetime import datetime, timedelta

from PIL import Image

from humas_content import enrich


def test_dateline_goes_into_first_paragraph_escaped():
    html = "<h2>x</h2><p>Isi pertama.</p><p>Kedua.</p>"
    out = enrich.add_dateline(html, "Kota <A&B> (5/8)")
    assert out == '<h2>x</h2><p><span class="dateline">Kota &lt;A&amp;B&gt; (5/8) – </span>Isi pertama.</p><p>Kedua.</p>'
    assert enrich.add_dateline("<ul><li>a</li></ul>", "X") == "<ul><li>a</li></ul>"


def test_no_dateline_text_leaves_the_body_alone():
    assert enrich.add_dateline("<p>Isi.</p>", "") == "<p>Isi.</p>"


def test_lede_is_the_first_paragraph_with_its_dateline():
    html = "<h2>Judul antara</h2><p>Isi <em>pertama</em>.</p><blockquote><p>Kutipan.</p></blockquote>"
    assert enrich.lede(html, "Sinar Bahari (5/8)") == (
        '<p><span class="dateline">Sinar Bahari (5/8) – </span>Isi <em>pertama</em>.</p>')
    assert enrich.lede("<ul><li>hanya daftar</li></ul>", "X (1/1)") == ""


def test_dateline_text_uses_jakarta_day():
    assert enrich.dateline("Jakarta", datetime(2026, 1, 25, 10, 0)) == "Jakarta (25/1)"


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
    facts = enrich.image_facts(tmp_path, "f.jpg", alt="a", caption="c", credit="Foto: X")
    assert (facts.width, facts.height, facts.mime) == (40, 20, "image/jpeg")
    assert facts.size == (tmp_path / "f.jpg").stat().st_size
