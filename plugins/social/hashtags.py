"""Hashtags from editors' tags: 'Pelindungan Pekerja Migran' -> '#PelindunganPekerjaMigran'."""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable


def _word_char(char: str) -> bool:
    # Letters, digits and combining marks of any script; everything else
    # (spaces, punctuation, symbols, emoji) ends a word.
    return unicodedata.category(char)[0] in "LNM"


def hashtag(tag: str) -> str | None:
    """The hashtag for one tag or configured name, or None when it has no letter.

    Each word keeps its own capitals ('BP2MI' stays) and gets its first letter
    upper-cased, so the words stay readable once the spaces are gone.
    """
    text = unicodedata.normalize("NFC", tag)
    words: list[str] = []
    current = ""
    for char in text:
        if _word_char(char):
            current += char
        elif current:
            words.append(current)
            current = ""
    if current:
        words.append(current)
    body = "".join(word[:1].upper() + word[1:] for word in words)
    # A leading mark cannot start a hashtag on any platform, and all-digit
    # hashtags are not linked by X or Mastodon.
    while body and unicodedata.category(body[0]).startswith("M"):
        body = body[1:]
    if not any(unicodedata.category(c).startswith("L") for c in body):
        return None
    return "#" + body


def hashtags(institution: Iterable[str], tags: Iterable[str]) -> list[str]:
    """Institution hashtags first (they are kept longest), then tags; no duplicates."""
    seen: set[str] = set()
    result: list[str] = []
    for name in [*institution, *tags]:
        tag = hashtag(name)
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            result.append(tag)
    return result
