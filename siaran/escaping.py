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
from html import unescape
from typing import Any

from markupsafe import Markup

# One token of HTML that is not text: a comment, a script/style/template element with its
# content, a tag (its quoted attribute values may hold '>'), a doctype or processing
# instruction. Possessive quantifiers: an unclosed tag costs one pass, never backtracking.
_ATTRIBUTES = r"""(?:[^>"']++|"[^"]*+"|'[^']*+')*+"""
_NOT_TEXT = re.compile(
    rf"<(?:!--.*?-->|(script|style|template)\b{_ATTRIBUTES}>.*?</\1\s*>|/?[A-Za-z]{_ATTRIBUTES}>|[!?][^>]*>)",
    re.DOTALL | re.IGNORECASE)


def content_html(html: str | None) -> Markup:
    """The only door from content HTML into a page: a body or summary, as read and sanitised."""
    return Markup(html or "")


def script_json(data: Any) -> Markup:
    """JSON (sorted keys, compact, UTF-8) safe inside a `<script>` data block."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # In a script element only `</script` and `<!--` change what the HTML parser
    # does, and both start with '<'; the JSON escape keeps the value the same.
    return Markup(text.replace("<", "\\u003c"))


def plain_text(html: str) -> str:
    """The text a reader sees in an HTML fragment: markup dropped, whitespace collapsed,
    entities decoded once, last. A plain `str`, so a template escapes it once:
    `<code>&lt;img&gt;</code>` becomes the text `<img>`, never an element.

    A tokenising expression rather than html.parser, which gives the same text at five
    times the cost (callgrind, one summary: ~250k against ~51k instructions; Markupsafe's
    striptags, used before, ~70k) on the build's serial path, once per release."""
    text = " ".join(_NOT_TEXT.sub("", html).split())
    return unescape(text) if "&" in text else text


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
