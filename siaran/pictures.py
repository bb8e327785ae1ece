"""Photos in bodies as <picture>: the body's own <img> of a shown photo, rendered by the theme.

A body photo (`![alt]({static}/gambar/x.jpg)`) reaches the page as the
sanitised `<img src="{SITEURL}/gambar/x.jpg" alt="…">` with no size and no
other formats. The `responsive_photos` filter (installed with the theme's
filters, applied after `content_html`) replaces each such tag with what the
theme's `picture` macro renders for the photo, as a release's own photo gets:
renditions, `sizes`, width and height, lazy loading. Any other <img> is left
as it is. Nothing here marks text as markup: the body is Markup already (it
went through siaran.escaping.content_html) and the macro's output is Markup
that Jinja escaped.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Callable

from jinja2 import pass_context
from markupsafe import Markup

# An <img> tag of the sanitiser's output; quoted values may hold '>'. Possessive: one pass.
_IMG = re.compile(r"""<img\b(?:[^>"']++|"[^"]*+"|'[^']*+')*+>""", re.IGNORECASE)


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        self.found = {name: value or "" for name, value in attrs}

    handle_startendtag = handle_starttag


def attributes(tag: str) -> dict[str, str]:
    """An HTML tag's attributes, entities decoded."""
    parser = _Attributes()
    parser.feed(tag)
    parser.close()
    return parser.found


def rewrite(html: Markup, render: Callable[[dict[str, str]], Markup | None]) -> Markup:
    """`html` with each <img> that `render` (given its attributes) returns markup for replaced by it."""
    if not isinstance(html, Markup):
        raise TypeError("responsive_photos takes a body that went through content_html")
    pieces: list[str] = []
    last = 0
    for found in _IMG.finditer(html):
        replacement = render(attributes(found.group(0)))
        if replacement is not None:
            pieces += [html[last:found.start()], replacement]
            last = found.end()
    if not pieces:
        return html
    return Markup("".join([*pieces, html[last:]]))


def _whole(value: str) -> int | None:
    return int(value) if value.isdigit() and int(value) > 0 else None


@pass_context
def responsive_photos(context, html: Markup, sizes: str, first_priority: bool = False) -> Markup:
    """The body's shown photos through the theme's `picture` macro. `sizes` is the body
    column's width; with `first_priority` the first photo is fetched first (the page has
    no photo above its body), every other one lazily. An editor's own `width` (Markdown
    attribute list) is kept, and is then the width shown."""
    shown = context.get("photo_renditions")
    if shown is None or "<img" not in html:
        return html
    picture = context.environment.get_template("_macros.html").make_module(context.get_all()).picture
    count = 0

    def render(attrs: dict[str, str]) -> Markup | None:
        nonlocal count
        photo = shown.by_url(attrs.get("src", ""))
        if photo is None:
            return None
        width = _whole(attrs.get("width", ""))
        priority = first_priority and count == 0
        count += 1
        return picture(photo, f"{width}px" if width else sizes, alt=attrs.get("alt", ""), priority=priority,
                       title=attrs.get("title") or None, shown_width=width)

    return rewrite(html, render)
