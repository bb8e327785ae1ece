"""Feed HTML: every URL absolute against the release's own URL, active content dropped."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from feeds.absolutize import absolute_srcset, absolute_url, feed_html

PAGE = "https://humas.example/berita/2026/11/rilis/"


@pytest.mark.parametrize("url, expected", [
    ("#catatan-1", PAGE + "#catatan-1"),
    ("/gambar/a.jpg", "https://humas.example/gambar/a.jpg"),
    ("../../10/lama/", "https://humas.example/berita/2026/10/lama/"),
    ("foto.jpg", PAGE + "foto.jpg"),
    ("?halaman=2", PAGE + "?halaman=2"),
    ("//cdn.example/x.js", "https://cdn.example/x.js"),
    ("https://other.example/a", "https://other.example/a"),
    ("mailto:humas@brpkn.example", "mailto:humas@brpkn.example"),
    ("  /spasi/  ", "https://humas.example/spasi/"),
    ("", PAGE),
])
def test_absolute_url(url, expected):
    assert absolute_url(url, PAGE) == expected


@pytest.mark.parametrize("srcset, expected", [
    ("a.jpg", PAGE + "a.jpg"),
    ("a.jpg 1x, /b.jpg 2x", f"{PAGE}a.jpg 1x, https://humas.example/b.jpg 2x"),
    ("a.jpg 640w,b.jpg   1280w", f"{PAGE}a.jpg 640w, {PAGE}b.jpg 1280w"),
    ("a.jpg?w=1,2 1x", f"{PAGE}a.jpg?w=1,2 1x"),
    ("data:image/png;base64,AAAA 1x, b.jpg 2x", f"data:image/png;base64,AAAA 1x, {PAGE}b.jpg 2x"),
    ("a.jpg, b.jpg 2x", f"{PAGE}a.jpg, {PAGE}b.jpg 2x"),
])
def test_absolute_srcset(srcset, expected):
    assert absolute_srcset(srcset, PAGE) == expected


def _attrs(html: str) -> list[tuple[str, str, str]]:
    soup = BeautifulSoup(html, "html.parser")
    return sorted((tag.name, name, value) for tag in soup.find_all(True) for name, value in tag.attrs.items())


@pytest.mark.parametrize("html, expected", [
    ('<p><a href="#catatan-1">1</a></p>', [("a", "href", PAGE + "#catatan-1")]),
    ('<img src="/gambar/a.jpg" srcset="/gambar/a.jpg 1x, a2.jpg 2x" alt="">',
     [("img", "src", "https://humas.example/gambar/a.jpg"),
      ("img", "srcset", f"https://humas.example/gambar/a.jpg 1x, {PAGE}a2.jpg 2x"), ("img", "alt", "")]),
    ('<picture><source srcset="w.webp"><img src="w.jpg"></picture>',
     [("source", "srcset", PAGE + "w.webp"), ("img", "src", PAGE + "w.jpg")]),
    ('<video poster="p.jpg" src="v.mp4"></video>', [("video", "poster", PAGE + "p.jpg"), ("video", "src", PAGE + "v.mp4")]),
    ('<blockquote cite="/sumber/">x</blockquote>', [("blockquote", "cite", "https://humas.example/sumber/")]),
    ('<a href="javascript:alert(1)" onclick="x()">x</a>', []),
    ('<img src="data:image/gif;base64,R0lGOD" onerror="x()">', [("img", "src", "data:image/gif;base64,R0lGOD")]),
    ('<a href="data:text/html,hi">x</a>', []),
])
def test_feed_html_urls(html, expected):
    assert _attrs(feed_html(html, PAGE)) == sorted(expected)


@pytest.mark.parametrize("element", ["script", "style", "iframe", "object", "applet", "frameset"])
def test_feed_html_drops_active_elements(element):
    html = f'<p>a</p><{element} src="x">alert(1)</{element}><p>b</p>'
    assert feed_html(html, PAGE) == "<p>a</p><p>b</p>"


@pytest.mark.parametrize("element", ["embed", "meta", "link", "base"])
def test_feed_html_drops_active_void_elements(element):
    assert feed_html(f'<p>a</p><{element} src="x" href="y"><p>b</p>', PAGE) == "<p>a</p><p>b</p>"


def test_feed_html_keeps_text_escaped():
    html = "<p>Tanda &lt;script&gt; dan ]]&gt; tetap teks</p>"
    assert feed_html(html, PAGE) == html


def test_feed_html_empty():
    assert feed_html("", PAGE) == ""
