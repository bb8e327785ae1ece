"""siaran.sanitize: the allowlist, and the list of what cleaning removed."""
from __future__ import annotations

import pytest

from siaran.markup import markdown_renderer
from siaran.sanitize import Policy, Removal, clean, removals

YT = Policy(frozenset({"www.youtube-nocookie.com"}))
SETTINGS = {"MARKDOWN": {"extension_configs": {"markdown.extensions.extra": {}, "siaran.markup": {}},
                         "output_format": "html5"}}


@pytest.mark.parametrize("html, expected", [
    ("<p>Teks <strong>tebal</strong> dan <em>miring</em>.</p>", "<p>Teks <strong>tebal</strong> dan <em>miring</em>.</p>"),
    ('<p><a href="https://contoh.example/x" title="t">a</a></p>', '<p><a href="https://contoh.example/x" title="t">a</a></p>'),
    ('<a href="mailto:humas@brpkn.example">m</a> <a href="tel:+62215550142">t</a>',
     '<a href="mailto:humas@brpkn.example">m</a> <a href="tel:+62215550142">t</a>'),
    ('<a href="{static}/dokumen/x.pdf">x</a>', '<a href="{static}/dokumen/x.pdf">x</a>'),
    ('<a href="../lain/">r</a>', '<a href="../lain/">r</a>'),
    ("<p>a<script>alert(1)</script>b</p>", "<p>ab</p>"),
    ('<img src="x.jpg" alt="a" onerror="alert(1)">', '<img src="x.jpg" alt="a">'),
    ('<a href="javascript:alert(1)">j</a>', "<a>j</a>"),
    ('<a href="JaVaScRiPt:alert(1)">j</a>', "<a>j</a>"),
    ('<a href="&#106;avascript:alert(1)">j</a>', "<a>j</a>"),
    ('<a href="vbscript:x">v</a>', "<a>v</a>"),
    ('<img src="data:image/png;base64,AAAA">', "<img>"),
    ("<svg><script>alert(1)</script><a>x</a></svg>t", "t"),
    ("<style>p{}</style><p>t</p>", "<p>t</p>"),
    ('<p style="color:red" class="x">t</p>', "<p>t</p>"),
    ("<p>t<!-- rahasia --></p>", "<p>t</p>"),
    ('<form action="/x"><input name="a"><button>b</button></form>', "b"),
    ('<div class="footnote evil"><a class="footnote-ref" href="#fn:1">1</a></div>',
     '<div class="footnote"><a class="footnote-ref" href="#fn:1">1</a></div>'),
    ('<pre><code class="language-python">x</code></pre>', '<pre><code class="language-python">x</code></pre>'),
    ('<iframe src="https://www.youtube-nocookie.com/embed/x"></iframe>', ""),  # no hosts: no frames at all
])
def test_clean_without_embeds(html, expected):
    assert clean(html) == expected


def test_allowed_frame_is_sandboxed_and_lazy():
    out = clean('<iframe src="https://www.youtube-nocookie.com/embed/x" title="V" onload="x()"></iframe>', YT)
    assert out.startswith('<iframe src="https://www.youtube-nocookie.com/embed/x" title="V"')
    assert 'sandbox="allow-scripts allow-same-origin allow-popups allow-presentation"' in out
    assert 'loading="lazy"' in out and "onload" not in out


@pytest.mark.parametrize("src", ["https://judi.example/x", "http://www.youtube-nocookie.com/embed/x",
                                 "https://www.youtube-nocookie.com.judi.example/x", "javascript:alert(1)", ""])
def test_other_frames_are_cut_out_whole(src):
    assert clean(f'<p>a</p><iframe src="{src}">isi</iframe><p>b</p>', YT) == "<p>a</p><p>b</p>"


def test_removals_name_each_thing_in_order():
    html = ('<p onclick="x()">a<script>s</script><a href="javascript:y()">l</a></p>'
            '<iframe src="https://judi.example/"></iframe><!-- c -->'
            '<iframe src="https://www.youtube-nocookie.com/embed/ok"></iframe>')
    assert removals(html, clean(html, YT), YT) == [
        Removal("attribute", "p", "onclick", "x()"),
        Removal("tag", "script"),
        Removal("url", "a", "href", "javascript:y()"),
        Removal("frame", "iframe", "src", "https://judi.example/"),
        Removal("comment"),
    ]


def test_clean_html_has_no_removals():
    html = markdown_renderer(SETTINGS)("# Judul\n\nTeks [a](https://x.example) dan *b*.\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n")
    assert removals(html, clean(html)) == []


def test_table_alignment_becomes_a_class_not_a_style():
    html = markdown_renderer(SETTINGS)("| a | b | c |\n|:--|--:|:-:|\n| 1 | 2 | 3 |\n")
    assert "style=" not in html
    assert clean(html).count('class="rata-kiri"') == 2 and 'class="rata-tengah"' in clean(html)


def test_messages_are_for_editors():
    assert Removal("tag", "script").message().startswith("tag <script> dihapus dari isi")
    assert "http, https, mailto, tel" in Removal("url", "a", "href", "javascript:x").message()


def test_policy_digest_follows_the_hosts():
    assert Policy().digest() != YT.digest() == Policy(frozenset({"www.youtube-nocookie.com"})).digest()
    assert Policy.from_settings({"EMBED_HOSTS": ["WWW.YouTube-NoCookie.com"]}) == YT
