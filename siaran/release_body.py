"""A release body and the dateline and credit line its editor wrote into it.

Two readings of one body that agree: `source_paragraphs` reads the Markdown
source (for the checks, with line numbers, before anything is rendered); the
rest reads the HTML Python-Markdown made of it (for the build). `shown_body`
is the body as a page and a feed entry show it: the house dateline at the start
of the first paragraph, in place of the one the editor wrote, and without the
closing credit line, which the page and each feed entry print once themselves.

The HTML is Python-Markdown's: bare `<p>` paragraphs. Cutting is done on the
string, walking tags and entities, so no body is parsed into a tree.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

from markupsafe import escape

from siaran.credit import CreditLine, read_credit
from siaran.dateline import Dateline, read_dateline

_TOKEN = re.compile(r"<[^>]*>|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);|[^<&]+|[<&]")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^>]*?(/?)>")
_VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "source", "wbr"})
_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
_CONTAINER = re.compile(r"<(/?)(?:blockquote|li|td|th|figure|figcaption|details|aside|div)\b")

DASH = "–"
"""The house dateline's dash, after the place and date: 'Jakarta (25/1) – …'."""


def _text_length(token: str) -> int:
    if token.startswith("<"):
        return 0
    return len(unescape(token)) if token.startswith("&") else len(token)


def text_of(html: str) -> str:
    """The text a reader sees in an HTML fragment: tags dropped, entities decoded."""
    return "".join(unescape(token) for token in _TOKEN.findall(html) if not token.startswith("<"))


def cut(html: str, count: int) -> tuple[str, str]:
    """`html` split after its first `count` characters of text.

    Elements open at the cut are closed at the end of the head and opened
    again at the start of the tail, so both halves are well formed; an element
    that closes right at the cut stays whole in the head.
    """
    stack: list[tuple[str, str]] = []
    taken = pos = 0
    for found in _TOKEN.finditer(html):
        token = found.group(0)
        tag = _TAG.fullmatch(token) if token.startswith("<") else None
        if taken >= count:
            if tag and tag[1] and stack and stack[-1][0] == tag[2].lower():
                stack.pop()
                pos = found.end()
                continue
            break
        if tag:
            name = tag[2].lower()
            if tag[1]:
                if stack and stack[-1][0] == name:
                    stack.pop()
            elif not tag[3] and name not in _VOID:
                stack.append((name, token))
            pos = found.end()
            continue
        length = _text_length(token)
        if taken + length <= count or token.startswith("&"):
            taken += length
            pos = found.end()
        else:
            pos = found.start() + count - taken
            taken = count
            break
    head = html[:pos] + "".join(f"</{name}>" for name, _ in reversed(stack))
    tail = "".join(opening for _, opening in stack) + html[pos:]
    return head, tail


def _top_level(html: str, position: int) -> bool:
    depth = 0
    for found in _CONTAINER.finditer(html, 0, position):
        depth += -1 if found[1] else 1
    return depth <= 0


def first_paragraph(html: str) -> re.Match | None:
    """The first top-level `<p>` with text in it (not a photo on its own), or None."""
    for found in _PARAGRAPH.finditer(html):
        if text_of(found[1]).strip() and _top_level(html, found.start()):
            return found
    return None


def last_paragraph(html: str) -> re.Match | None:
    """The `<p>` the body ends with, or None when it ends with a list, quote or table."""
    end = len(html.rstrip())
    start = html.rfind("<p>", 0, end)
    if start < 0:
        return None
    found = _PARAGRAPH.match(html, start)
    return found if found and found.end() == end else None


def body_dateline(html: str) -> Dateline | None:
    """The dateline the body's first paragraph opens with, as the editor wrote it."""
    paragraph = first_paragraph(html)
    return read_dateline(text_of(paragraph[1])) if paragraph else None


def body_credit(html: str) -> CreditLine | None:
    """The credit line the body's last paragraph is or ends with."""
    paragraph = last_paragraph(html)
    return read_credit(text_of(paragraph[1])) if paragraph else None


def with_dateline(html: str, text: str) -> str:
    """The first paragraph opened by `text` in the house form ('Jakarta (25/1) – '),
    in place of a dateline the editor wrote there; with no `text`, only without it."""
    paragraph = first_paragraph(html)
    if paragraph is None:
        return html
    inner = paragraph[1]
    own = read_dateline(text_of(inner))
    if own is not None:
        inner = cut(inner, own.length)[1]
    if text:
        inner = f'<span class="dateline">{escape(text)} {DASH} </span>{inner}'
    return f"{html[:paragraph.start(1)]}{inner}{html[paragraph.end(1):]}"


def without_credit(html: str) -> str:
    """The body without the credit line it ends with (a paragraph of its own, or
    the bracket after the last sentence)."""
    paragraph = last_paragraph(html)
    if paragraph is None:
        return html
    inner = paragraph[1]
    credit = read_credit(text_of(inner))
    if credit is None:
        return html
    if credit.whole:
        return html[:paragraph.start()].rstrip() + html[paragraph.end():]
    head = cut(inner, credit.start)[0]
    return f"{html[:paragraph.start(1)]}{_rstrip_text(head)}{html[paragraph.end(1):]}"


def _rstrip_text(html: str) -> str:
    """Trailing spaces dropped, also those just inside closing tags ('N. </em>' → 'N.</em>')."""
    closing = re.search(r"(?:</[A-Za-z][A-Za-z0-9]*>)*$", html)
    return html[:closing.start()].rstrip() + closing.group(0)


def shown_body(html: str, dateline_text: str) -> str:
    """The body as shown on the release page and in its feed entries."""
    return with_dateline(without_credit(html), dateline_text)


def credit_paragraph(credit: str) -> str:
    """The closing credit line as printed once after the body: '<p class="credit-line">(Humas/RP)</p>'."""
    return f'<p class="credit-line">({escape(credit)})</p>' if credit else ""


# The Markdown source, read the same way for the checks -------------------------------

@dataclass(frozen=True)
class SourceParagraph:
    line: int
    """Line of the file the paragraph starts on."""
    text: str
    """Its text as a reader will see it: Markdown marks and images dropped."""


_NOT_A_PARAGRAPH = re.compile(r"(?:#|>|<|\||```|~~~| {4}|\t|[-*+] |\d+[.)] )")
_SETEXT = re.compile(r"^(?:=+|-+)\s*$")
_INLINE = (
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),            # an image shows no text
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),        # a link shows its words
    (re.compile(r"<[^>]+>"), ""),                          # inline HTML tags
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!])"), r"\1"),    # backslash escapes
    (re.compile(r"[*_`]"), ""),                            # emphasis and code marks
)


def markdown_text(markdown: str) -> str:
    """The text of a Markdown paragraph, about as Python-Markdown renders it."""
    text = " ".join(line.strip() for line in markdown.splitlines())
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return unescape(text).strip()


def _source_blocks(body: str, first_line: int) -> list[tuple[int, list[str]]]:
    """Blank-line separated blocks that Python-Markdown makes paragraphs of, with their first line."""
    blocks: list[tuple[int, list[str]]] = []
    block: list[str] = []
    start = first_line
    for number, line in enumerate([*body.splitlines(), ""], start=first_line):
        if line.strip():
            if not block:
                start = number
            block.append(line)
            continue
        if block and not _NOT_A_PARAGRAPH.match(block[0]) and not (len(block) > 1 and _SETEXT.match(block[1])):
            blocks.append((start, block))
        block = []
    return blocks


def _with_text(blocks) -> SourceParagraph | None:
    for line, block in blocks:
        text = markdown_text("\n".join(block))
        if text:
            return SourceParagraph(line, text)
    return None


def source_paragraphs(body: str, first_line: int = 1) -> list[SourceParagraph]:
    """The body's paragraphs with text, in order, each with the line it starts on.

    Headings, lists, quotes, tables, code and raw HTML are not paragraphs; a
    photo on its own (`![…](…)`) has no text and is skipped, as `first_paragraph` does.
    """
    return [found for found in (_with_text([block]) for block in _source_blocks(body, first_line)) if found]


def source_ends(body: str, first_line: int = 1) -> tuple[SourceParagraph | None, SourceParagraph | None]:
    """The first and the last of `source_paragraphs`, reading only those two (the checks need no more)."""
    blocks = _source_blocks(body, first_line)
    return _with_text(blocks), _with_text(reversed(blocks))
