"""The one HTML allowlist for everything editors write: release, page and register bodies.

Markdown passes raw HTML through, and its attribute lists (`{: onclick=...}`)
add any attribute, so a body can carry script. Every body is cleaned here with
nh3 (the Rust `ammonia` sanitiser) against an allowlist of tags, attributes
and URL schemes; iframes survive only from hosts the settings list, sandboxed
and lazy. `removals()` says what cleaning took away, so `invoke check` can
tell the editor where (plugins/sanitize/checks.py) instead of silently
changing their text.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3

from siaran.messages import MSG

#: Schemes a link or image may use; relative URLs (and Pelican's {static}
#: placeholders, which have no scheme) always pass.
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

_HEADINGS = {f"h{level}" for level in range(1, 7)}
#: What Python-Markdown with `extra` produces, plus the inline tags editors use.
TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "dfn", "div", "dl",
    "dt", "em", "figcaption", "figure", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre",
    "q", "s", "samp", "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "time", "tr", "u", "ul", *_HEADINGS,
})
ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "title", "class"}),
    "abbr": frozenset({"title"}),
    "blockquote": frozenset({"cite"}),
    "q": frozenset({"cite"}),
    "code": frozenset({"class"}),
    "div": frozenset({"class"}),
    "img": frozenset({"src", "alt", "title", "width", "height"}),
    "li": frozenset({"id"}),
    "ol": frozenset({"start"}),
    "sup": frozenset({"id"}),
    "td": frozenset({"class", "colspan", "rowspan"}),
    "th": frozenset({"class", "colspan", "rowspan", "scope"}),
    "time": frozenset({"datetime"}),
    **{heading: frozenset({"id"}) for heading in _HEADINGS},
}
IFRAME_ATTRIBUTES = frozenset({"src", "title", "width", "height", "allow", "allowfullscreen"})
#: Added to every iframe that survives: no access to the portal, loaded when scrolled to.
IFRAME_FIXED = {"sandbox": "allow-scripts allow-same-origin allow-popups allow-presentation",
                "loading": "lazy", "referrerpolicy": "strict-origin-when-cross-origin"}
#: Classes Markdown itself writes (footnotes, fenced code, table alignment from
#: siaran.markdown_ext); any other class could borrow the theme's styles.
CLASSES: dict[str, tuple[str, ...]] = {
    "a": ("footnote-ref", "footnote-backref"),
    "div": ("footnote",),
    "code": ("language-",),
    "td": ("rata-",),
    "th": ("rata-",),
}
#: Removed with everything inside them, not just their tags.
DROP_WITH_CONTENT = frozenset({"script", "style", "template", "noscript", "object", "embed", "svg", "math"})


@dataclass(frozen=True)
class Policy:
    """What the build allows beyond the fixed allowlist: iframe hosts from settings."""

    embed_hosts: frozenset[str] = frozenset()

    @classmethod
    def from_settings(cls, settings: dict) -> Policy:
        return cls(frozenset(host.lower() for host in settings.get("EMBED_HOSTS", ())))

    @property
    def tags(self) -> set[str]:
        return set(TAGS | ({"iframe"} if self.embed_hosts else set()))

    @property
    def attributes(self) -> dict[str, set[str]]:
        allowed = {tag: set(names) for tag, names in ATTRIBUTES.items()}
        if self.embed_hosts:
            allowed["iframe"] = set(IFRAME_ATTRIBUTES)
        return allowed

    def digest(self) -> str:
        """Changes whenever what clean() does could change: for cache keys."""
        text = json.dumps([sorted(self.embed_hosts), sorted(TAGS), {k: sorted(v) for k, v in ATTRIBUTES.items()},
                           sorted(IFRAME_ATTRIBUTES), IFRAME_FIXED, CLASSES, sorted(URL_SCHEMES),
                           sorted(DROP_WITH_CONTENT), nh3.__version__], sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def allows_frame(self, src: str) -> bool:
        parts = urlsplit(src)
        return parts.scheme == "https" and (parts.hostname or "") in self.embed_hosts

    def filter_attribute(self, tag: str, name: str, value: str) -> str | None:
        if name == "class":
            kept = [c for c in value.split() if c.startswith(CLASSES.get(tag, ())) or c in CLASSES.get(tag, ())]
            return " ".join(kept) or None
        if tag == "iframe" and name == "src":
            return value if self.allows_frame(value) else None
        return value


def clean(html: str, policy: Policy = Policy()) -> str:
    """`html` with everything outside the allowlist removed."""
    if not html:
        return html
    cleaned = nh3.clean(
        html, tags=policy.tags, clean_content_tags=set(DROP_WITH_CONTENT), attributes=policy.attributes,
        attribute_filter=policy.filter_attribute, url_schemes=set(URL_SCHEMES), link_rel=None,
        set_tag_attribute_values={"iframe": dict(IFRAME_FIXED)} if policy.embed_hosts else None,
        strip_comments=True)
    return _drop_empty_frames(cleaned) if policy.embed_hosts and "<iframe" in cleaned else cleaned


@dataclass(frozen=True)
class Element:
    tag: str
    attrs: tuple[tuple[str, str], ...]
    start: int = 0       # offset of '<' in the parsed text
    end: int = 0         # offset just after the element's end tag (iframes only)


class _Elements(HTMLParser):
    """Every start tag (and comment count) of a fragment, in order, with offsets."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.comments = 0
        self._lines = [0, *(match.end() for match in re.finditer("\n", text))]
        self._open_frames: list[int] = []
        self.feed(text)
        self.close()

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._lines[line - 1] + column

    def handle_starttag(self, tag, attrs):
        self.elements.append(Element(tag, tuple((name, value or "") for name, value in attrs), self._offset()))
        if tag == "iframe":
            self._open_frames.append(len(self.elements) - 1)

    def handle_startendtag(self, tag, attrs):
        self.elements.append(Element(tag, tuple((name, value or "") for name, value in attrs), self._offset()))

    def handle_endtag(self, tag):
        if tag == "iframe" and self._open_frames:
            index = self._open_frames.pop()
            element = self.elements[index]
            self.elements[index] = Element(element.tag, element.attrs, element.start,
                                           self._offset() + len("</iframe>"))

    def handle_comment(self, data):
        self.comments += 1


def _drop_empty_frames(html: str) -> str:
    """An iframe whose src was refused would be an empty box on the page: cut it out."""
    spans = [(e.start, e.end) for e in _Elements(html).elements
             if e.tag == "iframe" and "src" not in dict(e.attrs) and e.end]
    for start, end in reversed(spans):
        html = html[:start] + html[end:]
    return html


@dataclass(frozen=True, order=True)
class Removal:
    """One thing clean() took away: a tag, an attribute, a URL, a frame or a comment."""

    kind: str            # "tag", "attribute", "url", "frame", "comment"
    tag: str = ""
    name: str = ""
    value: str = ""

    def message(self) -> str:
        return MSG[f"sanitize_{self.kind}"].format(tag=self.tag, name=self.name, value=_short(self.value),
                                                  schemes=", ".join(sorted(URL_SCHEMES)))

    def needle(self) -> str:
        """Text to look for in the Markdown source to find the line."""
        if self.kind in ("url", "frame"):
            return self.value
        if self.kind == "attribute":
            return self.name
        if self.kind == "comment":
            return "<!--"
        return f"<{self.tag}"

    def to_json(self) -> list[str]:
        return [self.kind, self.tag, self.name, self.value]


_URL_ATTRIBUTES = frozenset({"href", "src", "cite", "action", "formaction", "poster", "data"})


def removals(original: str, cleaned: str, policy: Policy = Policy()) -> list[Removal]:
    """What clean() removed from `original`, in document order.

    Both fragments are parsed; allowed tags keep their order under cleaning,
    so the n-th <a> of one is the n-th <a> of the other and their attributes
    can be compared. Attributes clean() adds (iframe sandbox) are not removals.
    """
    before, after = _Elements(original), _Elements(cleaned)
    survivors: dict[str, list[Element]] = {}
    for element in after.elements:
        survivors.setdefault(element.tag, []).append(element)
    found: list[Removal] = []
    seen: Counter[str] = Counter()
    for element in before.elements:
        if element.tag == "iframe" and policy.embed_hosts:
            src = dict(element.attrs).get("src", "")
            if not policy.allows_frame(src):       # cut out whole, so not aligned with the kept ones
                found.append(Removal("frame", "iframe", "src", src))
                continue
        index, kept = seen[element.tag], survivors.get(element.tag, [])
        seen[element.tag] += 1
        if index >= len(kept):
            found.append(Removal("tag", element.tag))
            continue
        survivor = dict(kept[index].attrs)
        allowed = policy.attributes.get(element.tag, ())
        for name, value in element.attrs:
            if name not in survivor:
                kind = "url" if name in _URL_ATTRIBUTES and name in allowed else "attribute"
                found.append(Removal(kind, element.tag, name, value))
    found += [Removal("comment")] * max(0, before.comments - after.comments)
    return found


def _short(value: str, limit: int = 60) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[:limit - 1] + "…"
