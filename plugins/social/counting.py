"""How each platform counts the length of a post.

Every counter returns an int comparable with the platform's published limit.
Where a platform's exact rule is unknown or depends on server-side parsing we
count so that our number is never *smaller* than the platform's: a text we
accept is never rejected there.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from urllib.parse import urlsplit

URL_WEIGHT = 23
"""X and Mastodon count every link as 23 characters, whatever its length."""


# Characters twitter-text can never read as (part of) an emoji: Latin, the
# general punctuation of Indonesian news (– “ ” …), minus © ® ‼ ⁉. For texts
# made only of these, its emoji scan (most of its cost) changes nothing.
_EMOJI_FREE = re.compile("[\x00-\xa8\xaa-\xad\xaf-\u02ff\u2000-\u203b\u203d-\u2048\u204a-\u206f]*")


@functools.cache
def _twitter():
    """twitter-text compiles a large emoji pattern on import (~11 MB): only the
    processes that count texts pay for it, not every build's main process."""
    import twitter_text
    from twitter_text.config import config
    return twitter_text, config["defaults"]


@functools.cache
def _weight(char: str) -> int:
    from twitter_text.get_character_weight import get_character_weight
    return get_character_weight(char, _twitter()[1])


def _x_length_without_emoji(text: str) -> int:
    """parse_tweet's sum for a text with no possible emoji: twitter-text's own
    URL extractor and character weights, without its emoji scan (2 ms a call)."""
    twitter_text, options = _twitter()
    normalized = re.sub(r"\r\n|\r|\n", "\n", unicodedata.normalize("NFC", text))
    url_ends = {url["indices"][0]: url["indices"][1]
                for url in twitter_text.extract_urls_with_indices(normalized)}
    total, index = 0, 0
    while index < len(normalized):
        if index in url_ends:
            total += options["transformed_url_length"] * options["scale"]
            index = url_ends[index]
        else:
            total += _weight(normalized[index])
            index += 1
    return total // options["scale"]


def x_length(text: str) -> int:
    """X's weighted length (links 23, emoji and CJK 2) by twitter-text's rules."""
    if _EMOJI_FREE.fullmatch(text):
        return _x_length_without_emoji(text)
    return _twitter()[0].parse_tweet(text).weightedLength


# A host twitter-text always recognises (not t.co: it reads only a short path there).
_RECOGNISED_HOST = "example.com"


def with_recognised_host(text: str, site: str) -> str:
    """The text with links to `site` moved onto a host every link finder knows.

    X and Mastodon count a link as 23 only on a top-level domain they know;
    a build whose site runs on '.example' or 127.0.0.1 would otherwise be
    counted in full. The texts are for the public site, so its links are
    counted the way the platform counts links to the public domain. A link
    followed by anything but '/', '?', '#' or a space is left alone,
    which can only over-count.
    """
    host = urlsplit(site).netloc
    if not host:
        return text
    return re.sub(rf"(?i)\b(https?://){re.escape(host)}(?=[/?#]|\s|$)", rf"\g<1>{_RECOGNISED_HOST}", text)


def mastodon_length(text: str) -> int:
    """Code points, with each link Mastodon would linkify counted as 23.

    Mastodon finds links with twitter-text's rules (scheme required, known
    top-level domain), so we ask the same library; mentions are counted in full,
    which can only over-count.
    """
    total = len(text)
    for url in _twitter()[0].extract_urls_with_indices(text, extract_urls_without_protocol=False):
        start, end = url["indices"]
        total += URL_WEIGHT - (end - start)
    return total


def utf16_length(text: str) -> int:
    """UTF-16 code units, the unit Telegram's limits and entity offsets use."""
    return len(text.encode("utf-16-le")) // 2


def code_points(text: str) -> int:
    return len(text)


def _joins_previous(char: str, previous: str) -> bool:
    """True when `char` continues the grapheme cluster of `previous`.

    A compact subset of UAX #29 that covers what news texts contain:
    combining marks, ZWJ emoji sequences, variation selectors, skin tones,
    emoji tag sequences, flag pairs (handled by the caller) and CR LF.
    """
    code = ord(char)
    if previous == "\r" and char == "\n":
        return True
    if previous == "\u200d":
        return True
    if unicodedata.category(char) in ("Mn", "Me", "Mc"):
        return True
    return (
        code == 0x200D
        or 0xFE00 <= code <= 0xFE0F
        or 0xE0100 <= code <= 0xE01EF
        or 0x1F3FB <= code <= 0x1F3FF
        or 0xE0020 <= code <= 0xE007F
    )


def _regional_indicator(char: str) -> bool:
    return 0x1F1E6 <= ord(char) <= 0x1F1FF


# No character here joins its neighbour into one grapheme (no CR, combining
# mark, ZWJ, variation selector, skin tone or flag half), so graphemes = code points.
_NEVER_JOINS = re.compile("[\x00-\x0c\x0e-\u02ff\u2000-\u200c\u200e-\u206f]*")


def grapheme_count(text: str) -> int:
    """User-perceived characters, the unit of Bluesky's limit."""
    if _NEVER_JOINS.fullmatch(text):
        return len(text)
    return grapheme_count_full(text)


def grapheme_count_full(text: str) -> int:
    """grapheme_count without the fast path (kept separate so tests can compare)."""
    count = 0
    previous = ""
    pending_flag = False
    for char in text:
        if _regional_indicator(char) and pending_flag:
            pending_flag = False
        elif previous and _joins_previous(char, previous):
            pass
        else:
            count += 1
            pending_flag = _regional_indicator(char)
        previous = char
    return count


def bluesky_length(text: str) -> int:
    """Graphemes, or UTF-8 bytes / 10 when larger (Bluesky caps both: 300 and 3000)."""
    return max(grapheme_count(text), -(-len(text.encode("utf-8")) // 10))
