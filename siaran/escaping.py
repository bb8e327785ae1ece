"""The boundary between text and markup in the theme: what is escaped, and the one place that is not.

Every template environment autoescapes (`prepare_environment`, installed by the
humas_content plugin for every generator), so a value a template prints is
escaped exactly once, in text and in attributes alike. Metadata (titles, units,
captions, tags, register fields, settings) is plain text everywhere: nothing
decodes, strips or escapes it on the way, so the reader sees what the editor typed.

Markup, which Jinja prints as it is, is made in this module only:

- `content_html` marks the HTML of bodies and summaries (releases, pages,
  register items). That HTML is what Pelican's Markdown reader and the register
  made, already cleaned by the body sanitiser (plugins/sanitize) as it was read;
  the theme reaches it only through the `content_html` filter.
- `script_json` serialises JSON for a `<script type="application/ld+json">`
  data block, where HTML escaping does not apply: `<` is written as `\\u003c`,
  so no value can close the element or open a comment in it.

Blocks and macros return Markup that Jinja built from escaped parts; `text_of`
turns one back into plain text where a template passes it on as data.
"""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import Any

from markupsafe import Markup

#: Elements whose content is never text a reader sees.
_HIDDEN = frozenset({"script", "style", "template"})
#: HTML's whitespace (ASCII only: a no-break space the editor typed stays).
_SPACE = re.compile("[ \t\n\r\f]+")


def content_html(html: str | None) -> Markup:
    """The only door from content HTML into a page: a body or summary, as read and sanitised."""
    return Markup(html or "")


def script_json(data: Any) -> Markup:
    """JSON (sorted keys, compact, UTF-8) safe inside a `<script>` data block."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # In a script element only `</script` and `<!--` change what the HTML parser
    # does, and both start with '<'; the JSON escape keeps the value the same.
    return Markup(text.replace("<", "\\u003c"))


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in _HIDDEN:
            self.hidden += 1

    def handle_endtag(self, tag):
        if tag in _HIDDEN and self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def plain_text(html: str) -> str:
    """The text a reader sees in an HTML fragment: tags dropped, entities decoded
    once, whitespace collapsed. A plain `str`, so a template escapes it once:
    `<code>&lt;img&gt;</code>` becomes the text `<img>`, never an element."""
    parser = _TextCollector()
    parser.feed(html)
    parser.close()
    return _SPACE.sub(" ", "".join(parser.parts)).strip(" ")


def text_of(value: Any) -> str:
    """Plain text of a value a template rendered (a block or macro: Markup), or the str itself."""
    if hasattr(value, "__html__"):
        return Markup(value.__html__()).unescape()
    return str(value)


def prepare_environment(env) -> None:
    """Make a Jinja environment render the theme safely. Call before it loads a template:
    autoescape is read when a template compiles."""
    env.autoescape = True
    env.filters["content_html"] = content_html
    env.filters["plain_text"] = plain_text
