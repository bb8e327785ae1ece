"""Ready-to-post Indonesian texts per platform, from a release's title, summary, tags and URL.

Pure functions, no Pelican. Every platform is one row of PLATFORMS; the text of
each is built by one composer and shortened by one routine, in the order the
social team asked for: summary sentences, then summary words (adding '…'),
then hashtags from the end, and only then title words. A word, URL or hashtag
is never cut in half.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .counting import bluesky_length, code_points, mastodon_length, utf16_length, x_length
from .hashtags import hashtags as make_hashtags
from .messages import MSG, SocialProblem
from .summary import clean, html_to_text, sentences

ELLIPSIS = "…"
LINK_LABEL = "Selengkapnya:"
BIO_LINE = "Selengkapnya: tautan di bio"
UTM_MEDIUM = "social"
UTM_CAMPAIGN = "siaran"
# Removed from a word before '…' is added, so a cut ends 'kata…' not 'kata,…'.
_CUT_PUNCTUATION = ",;:—–- "


class Link(Enum):
    INLINE = "inline"
    """The release URL is written in the text."""
    BIO = "bio"
    """The platform does not link captions; the text says 'tautan di bio'."""


class Markup(Enum):
    PLAIN = "plain"
    WHATSAPP = "whatsapp"
    """`*bold*` title; WhatsApp has no escaping, so the rest is plain."""
    TELEGRAM = "telegram"
    """Bot API MarkdownV2: `*bold*` title, every special character escaped."""


@dataclass(frozen=True)
class Platform:
    """One row of the platform table."""

    key: str
    """Short name, used as utm_source and in the `social_<key>` override field."""
    name: str
    """Name shown to the social team."""
    limit: int
    """Largest allowed length, in the unit `count` returns."""
    count: Callable[[str], int]
    """The platform's own way of counting a text's length."""
    unit: str
    """What `count` counts, in Indonesian, for messages."""
    link: Link
    """Whether the URL goes in the text or the bio."""
    hashtag_cap: int
    """Most hashtags we put in a generated text (an editorial choice below the platform's)."""
    max_sentences: int
    """Summary sentences we start from before shortening."""
    markup: Markup = Markup.PLAIN
    """Formatting syntax the text uses."""

    @property
    def field(self) -> str:
        return f"social_{self.key}"

    @property
    def parse_mode(self) -> str | None:
        """What to pass as Telegram's parse_mode when posting through the Bot API."""
        return "MarkdownV2" if self.markup is Markup.TELEGRAM else None


PLATFORMS: tuple[Platform, ...] = (
    Platform("x", "X", 280, x_length, "hitungan X: tautan 23, emoji 2", Link.INLINE, 2, 2),
    Platform("threads", "Threads", 500, code_points, "karakter", Link.INLINE, 1, 3),
    Platform("mastodon", "Mastodon", 500, mastodon_length, "karakter, tautan 23", Link.INLINE, 4, 3),
    Platform("bluesky", "Bluesky", 300, bluesky_length, "grafem", Link.INLINE, 3, 2),
    Platform("linkedin", "LinkedIn", 3000, code_points, "karakter", Link.INLINE, 5, 6),
    # Facebook shows ~125 characters before "Lihat selengkapnya": the title
    # opens every text, so the hook is always there.
    Platform("facebook", "Facebook", 63206, code_points, "karakter", Link.INLINE, 3, 6),
    Platform("instagram", "Instagram", 2200, code_points, "karakter", Link.BIO, 5, 6),
    # WhatsApp documents no lower cap for channel updates; Telegram's 4096
    # keeps one text usable on both.
    Platform("whatsapp", "Saluran WhatsApp", 4096, code_points, "karakter", Link.INLINE, 0, 4,
             Markup.WHATSAPP),
    Platform("telegram", "Telegram", 4096, utf16_length, "unit UTF-16", Link.INLINE, 3, 4,
             Markup.TELEGRAM),
)
PLATFORM_BY_KEY: Mapping[str, Platform] = {p.key: p for p in PLATFORMS}


@dataclass(frozen=True)
class ReleaseSocial:
    """What the texts are made from; the glue fills it from a release."""

    title: str
    """Release title as the reader sees it."""
    url: str
    """Absolute URL of the release page."""
    summary_html: str = ""
    """Rendered summary (or body) HTML; its first sentences are used."""
    summary_text: str = ""
    """Plain-text summary; used instead of summary_html when given."""
    tags: tuple[str, ...] = ()
    """Editors' tags, turned into hashtags."""
    institution_hashtags: tuple[str, ...] = ()
    """Configured hashtags of the institution (with or without '#'); kept before tag ones."""
    overrides: Mapping[str, str] = field(default_factory=dict)
    """Editor-written texts by platform key; used verbatim, checked against the limit."""


@dataclass(frozen=True)
class SocialText:
    """One ready-to-post text."""

    platform: str
    """Platform key."""
    text: str
    """The text to post."""
    length: int
    """Its length as the platform counts it."""
    limit: int
    """The platform's limit."""
    url: str
    """The release URL with this platform's UTM parameters (for Instagram: the bio link)."""
    overridden: bool
    """True when an editor wrote the text."""
    parse_mode: str | None
    """Telegram Bot API parse_mode for the text, None elsewhere."""


def utm_url(url: str, platform: str) -> str:
    """The URL with utm_source/medium/campaign set, other query parameters and fragment kept."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if k not in ("utm_source", "utm_medium", "utm_campaign")]
    query += [("utm_source", platform), ("utm_medium", UTM_MEDIUM), ("utm_campaign", UTM_CAMPAIGN)]
    return urlunsplit(parts._replace(query=urlencode(query)))


_HASHTAG = re.compile(r"(?:^|(?<=\s))#\w+")
_TELEGRAM_SPECIAL = re.compile(r"([_*\[\]()~`>#+\-=|{}.!\\])")


def telegram_escape(text: str) -> str:
    """Escape a plain string for Telegram MarkdownV2 (every reserved character)."""
    return _TELEGRAM_SPECIAL.sub(r"\\\1", text)


@dataclass(frozen=True)
class _Draft:
    """The pieces of one text; shortening makes smaller drafts."""

    title: str
    summary: str
    link_line: str
    tags: tuple[str, ...]


def _compose(platform: Platform, draft: _Draft) -> str:
    blocks = [draft.summary, draft.link_line, " ".join(draft.tags)]
    if not draft.title:
        head = ""  # never a bare '**'
    elif platform.markup is Markup.TELEGRAM:
        head = f"*{telegram_escape(draft.title)}*"
        blocks = [telegram_escape(b) for b in blocks]
    elif platform.markup is Markup.WHATSAPP:
        head = f"*{draft.title}*"
    else:
        head = draft.title
    return "\n\n".join(b for b in [head, *blocks] if b)


def _cut_words(text: str, keep: int) -> str:
    words = text.split(" ")
    if keep >= len(words):
        return text
    kept = " ".join(words[:keep]).rstrip(_CUT_PUNCTUATION)
    # A cut that leaves only punctuation is no summary at all, not a lone '…'.
    return kept + ELLIPSIS if kept else ""


def _largest(n: int, fits: Callable[[int], bool]) -> int:
    """Largest k in 1..n with fits(k), or 0; assumes fits is (nearly) monotone."""
    low, high = 0, n
    while low < high:
        mid = (low + high + 1) // 2
        if fits(mid):
            low = mid
        else:
            high = mid - 1
    return low


def _shorten(platform: Platform, draft: _Draft, parts: list[str]) -> str:
    def fits(candidate: _Draft) -> bool:
        return platform.count(_compose(platform, candidate)) <= platform.limit

    def with_summary(text: str) -> _Draft:
        return _Draft(draft.title, text, draft.link_line, draft.tags)

    if fits(draft):
        return _compose(platform, draft)
    # 1. Whole sentences from the end, 2. words of the first sentence.
    k = _largest(len(parts) - 1, lambda k: fits(with_summary(" ".join(parts[:k]))))
    if k:
        return _compose(platform, with_summary(" ".join(parts[:k])))
    first = parts[0] if parts else ""
    n_words = len(first.split(" ")) if first else 0
    k = _largest(n_words - 1, lambda k: fits(with_summary(_cut_words(first, k))))
    if k:
        return _compose(platform, with_summary(_cut_words(first, k)))
    # 3. Hashtags from the end, without a summary.
    bare = with_summary("")
    for keep in range(len(draft.tags), -1, -1):
        candidate = _Draft(bare.title, "", bare.link_line, bare.tags[:keep])
        if fits(candidate):
            return _compose(platform, candidate)
    # 4. Title words: the last resort, a title that alone overflows the limit.
    words = len(draft.title.split(" "))
    bare = _Draft(draft.title, "", draft.link_line, ())
    k = _largest(words - 1, lambda k: fits(_Draft(_cut_words(draft.title, k), "", draft.link_line, ())))
    if k:
        return _compose(platform, _Draft(_cut_words(draft.title, k), "", draft.link_line, ()))
    return _compose(platform, bare)


def generate(platform: Platform, release: ReleaseSocial) -> SocialText:
    """The generated (not overridden) text for one platform."""
    url = utm_url(release.url, platform.key)
    summary = clean(release.summary_text) if release.summary_text else html_to_text(release.summary_html)
    parts = sentences(summary)[: platform.max_sentences]
    # The cap counts hashtags the summary already carries (Instagram refuses a 6th).
    in_summary = {tag.casefold() for tag in _HASHTAG.findall(" ".join(parts))}
    room = max(0, platform.hashtag_cap - len(in_summary))
    tags = [tag for tag in make_hashtags(release.institution_hashtags, release.tags)
            if tag.casefold() not in in_summary][:room]
    link_line = f"{LINK_LABEL} {url}" if platform.link is Link.INLINE else BIO_LINE
    draft = _Draft(clean(release.title), " ".join(parts), link_line, tuple(tags))
    text = _shorten(platform, draft, parts)
    return SocialText(platform.key, text, platform.count(text), platform.limit, url, False,
                      platform.parse_mode)


def _override_problems(platform: Platform, text: str) -> list[SocialProblem]:
    length = platform.count(text)
    problems = []
    if not text.strip():
        problems.append(SocialProblem(platform.field, MSG["override_empty"].format(platform=platform.name)))
    if length > platform.limit:
        problems.append(SocialProblem(platform.field, MSG["override_too_long"].format(
            platform=platform.name, got=length, limit=platform.limit, unit=platform.unit,
            over=length - platform.limit)))
    if platform.link is Link.BIO and re.search(r"https?://", text, re.IGNORECASE):
        problems.append(SocialProblem(platform.field, MSG["override_link"]))
    tags = _HASHTAG.findall(text)
    if platform.link is Link.BIO and len(tags) > platform.hashtag_cap:
        problems.append(SocialProblem(platform.field, MSG["override_hashtags"].format(
            platform=platform.name, got=len(tags), limit=platform.hashtag_cap)))
    return problems


def build_texts(release: ReleaseSocial) -> tuple[dict[str, SocialText], list[SocialProblem]]:
    """Texts for every platform (key order of PLATFORMS) and the problems for `invoke check`."""
    problems: list[SocialProblem] = []
    for key in sorted(set(release.overrides) - set(PLATFORM_BY_KEY)):
        problems.append(SocialProblem(f"social_{key}", MSG["override_unknown"].format(
            got=key, choices=", ".join(p.key for p in PLATFORMS))))
    texts: dict[str, SocialText] = {}
    for platform in PLATFORMS:
        override = release.overrides.get(platform.key)
        if override is not None:
            problems += _override_problems(platform, override)
            texts[platform.key] = SocialText(platform.key, override, platform.count(override),
                                             platform.limit, utm_url(release.url, platform.key),
                                             True, platform.parse_mode)
            continue
        generated = generate(platform, release)
        if generated.length > platform.limit:
            problems.append(SocialProblem(platform.field, MSG["generated_too_long"].format(
                platform=platform.name, got=generated.length, limit=platform.limit,
                unit=platform.unit)))
        texts[platform.key] = generated
    return texts, problems


def texts_for(releases: list[ReleaseSocial]) -> list[dict[str, SocialText]]:
    """Texts of many releases, in order; problems are `invoke check`'s business."""
    return [build_texts(release)[0] for release in releases]
