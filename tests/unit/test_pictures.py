"""siaran.pictures: which <img> of a body is replaced, and that nothing else changes."""
from __future__ import annotations

import pytest
from markupsafe import Markup

from siaran.pictures import attributes, rewrite


def test_attributes_are_decoded():
    assert attributes('<img src="/a.jpg" alt="Ikan &amp; karang &quot;besar&quot; > 2 m">') == {
        "src": "/a.jpg", "alt": 'Ikan & karang "besar" > 2 m'}


def test_only_the_images_render_returns_markup_for_are_replaced():
    body = Markup('<p>Satu <img src="/kenal.jpg" alt="a > b"> dua <img src="/asing.png" alt="c"></p>'
                  '<pre>&lt;img src="/kenal.jpg"&gt;</pre>')
    seen = []

    def render(attrs):
        seen.append(attrs["src"])
        return Markup("<picture>{}</picture>").format(attrs["alt"]) if attrs["src"] == "/kenal.jpg" else None

    out = rewrite(body, render)
    assert isinstance(out, Markup)
    assert out == Markup('<p>Satu <picture>a &gt; b</picture> dua <img src="/asing.png" alt="c"></p>'
                         '<pre>&lt;img src="/kenal.jpg"&gt;</pre>')
    assert seen == ["/kenal.jpg", "/asing.png"]          # escaped text is never taken for a tag


def test_a_body_without_known_images_is_returned_as_is():
    body = Markup('<p><img src="/asing.png" alt=""></p>')
    assert rewrite(body, lambda attrs: None) is body


def test_only_content_that_went_through_content_html():
    with pytest.raises(TypeError):
        rewrite('<img src="/kenal.jpg">', lambda attrs: Markup("<picture></picture>"))
