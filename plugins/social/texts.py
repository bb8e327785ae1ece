"""Ready-to-post Indonesian texts per platform, from a release's title, summary, tags and URL.

Pure functions, no Pelican. Every platform is one row of PLATFORMS; the text of
each is built by one composer and shortened by one routine (`_shorten`, in the
order the social team asked for). A text is what the social team pastes into
the platform's app as it stands: a title, a lede of whole sentences (or none),
the link where the platform wants it, hashtags within the platform's custom,
and no markup the app would show as characters. A word, URL or hashtag is never
cut in half. docs/social.md shows the texts of one release.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from enum import Enum
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .counting import (bluesky_length, code_points, mastodon_length, utf16_length,
                       with_recognised_host, x_length)
from .hashtags import hashtags as make_hashtags
from .messages import MSG, SocialProblem
from .summary import clauses, clean, html_to_text, sentences, strip_dateline

ELLIPSIS = "…"
LINK_LABEL = "Selengkapnya:"
BIO_LINE = "Selengkapnya: tautan di bio"
UTM_MEDIUM = "social"
UTM_CAMPAIGN = "siaran"
# Removed from a word before '…' is added, so a cut ends 'kata…' not 'kata,…'.
_CUT_PUNCTUATION = ",;:—–- "


class Link(Enum):
    """Where a platform's post carries the release link."""

    TEXT = "text"
    """Written in the text."""
    CARD = "card"
    """Pasted as a link card beside the text, so it takes none of the text's room."""
    BIO = "bio"
    """The platform does not link captions; the text says 'tautan di bio'."""


class Utm(Enum):
    """How much of the UTM query a platform's link carries."""

    FULL = "full"
    """utm_source, utm_medium and utm_campaign: for a link outside the text, or one
    the platform counts as 23 and shows shortened."""
    SHORT = "short"
    """utm_source and utm_medium only (the medium is what analytics groups social
    visits by): for a link the reader sees and the platform counts in full."""


class Markup(Enum):
    PLAIN = "plain"
    WHATSAPP = "whatsapp"
    """`*bold*` title, WhatsApp's own input markup; WhatsApp has no escaping."""


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
    """Where the release link goes: the text, a link card or the bio."""
    hashtag_cap: int
    """Most hashtags we put in a generated text (the platform's custom, at most its cap)."""
    max_sentences: int
    """Lede sentences we start from before shortening."""
    markup: Markup = Markup.PLAIN
    """Formatting syntax of the text the social team pastes."""
    utm: Utm = Utm.FULL
    """How much UTM query the link carries."""
    shortens_links: bool = False
    """True where every link the platform recognises counts as 23 (X's t.co, Mastodon)."""
    bot_parse_mode: str | None = None
    """For platforms posted to by bots too (Telegram): the parse_mode of the bot text."""

    @property
    def field(self) -> str:
        return f"social_{self.key}"

    def length(self, text: str, site: str = "") -> int:
        """The text's length as the platform will count it once posted, with the
        links to `site` (the public site URL) counted as the platform counts
        links to the public domain, whatever domain this build runs on."""
        if self.shortens_links and site:
            text = with_recognised_host(text, site)
        return self.count(text)


PLATFORMS: tuple[Platform, ...] = (
    Platform("x", "X", 280, x_length, "hitungan X: tautan 23, emoji 2", Link.TEXT, 2, 2,
             shortens_links=True),
    # Threads takes one topic tag per post.
    Platform("threads", "Threads", 500, code_points, "karakter", Link.TEXT, 1, 3, utm=Utm.SHORT),
    Platform("mastodon", "Mastodon", 500, mastodon_length, "karakter, tautan 23", Link.TEXT, 4, 3,
             shortens_links=True),
    # Bluesky counts a link in the text in full; pasted as a link card it costs nothing.
    Platform("bluesky", "Bluesky", 300, bluesky_length, "grafem", Link.CARD, 3, 2),
    Platform("linkedin", "LinkedIn", 3000, code_points, "karakter", Link.TEXT, 5, 6, utm=Utm.SHORT),
    # Facebook shows ~125 characters before "Lihat selengkapnya": the title
    # opens every text, so the hook is always there.
    Platform("facebook", "Facebook", 63206, code_points, "karakter", Link.TEXT, 3, 6, utm=Utm.SHORT),
    Platform("instagram", "Instagram", 2200, code_points, "karakter", Link.BIO, 5, 6),
    # WhatsApp documents no lower cap for channel updates; Telegram's 4096
    # keeps one text usable on both.
    Platform("whatsapp", "Saluran WhatsApp", 4096, code_points, "karakter", Link.TEXT, 0, 4,
             Markup.WHATSAPP, utm=Utm.SHORT),
    # The social team pastes plain text into the app; bots post the MarkdownV2 text.
    Platform("telegram", "Telegram", 4096, utf16_length, "unit UTF-16", Link.TEXT, 3, 4,
             utm=Utm.SHORT, bot_parse_mode="MarkdownV2"),
)
PLATFORM_BY_KEY: Mapping[str, Platform] = {p.key: p for p in PLATFORMS}


@dataclass(frozen=True)
class ReleaseSocial:
    """What the texts are made from; the glue fills it from a release."""

    title: str
    """Release title as the reader sees it."""
    url: str
    """Absolute URL of the release page on the public site."""
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
    place: str = ""
    """The release's dateline place; a lede never opens with the dateline."""
    social_summary: str = ""
    """The editor's own lede for every platform (`social_summary`), instead of the summary."""

    @property
    def site(self) -> str:
        """The public site the release lives on: scheme and host of its URL."""
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc}"


@dataclass(frozen=True)
class SocialText:
    """One ready-to-post text."""

    platform: str
    """Platform key."""
    text: str
    """The text the social team pastes, exactly."""
    length: int
    """Its length as the platform counts it."""
    limit: int
    """The platform's limit."""
    link: str
    """The release link for this platform, with its UTM query: in the text, for the
    link card (Bluesky) or for the bio (Instagram)."""
    link_as: str
    """Where the link goes: 'text', 'card' or 'bio' (Link values)."""
    overridden: bool
    """True when an editor wrote the text."""
    bot_text: str | None = None
    """The same post for a bot (Telegram Bot API), in the bot's markup; None elsewhere."""
    bot_parse_mode: str | None = None
    """The parse_mode to send bot_text with."""


def public_site_url(settings: Mapping) -> str:
    """The site every text links, in every build: PUBLIC_SITEURL (the SITEURL of
    publishconf.py), else this build's SITEURL; without a trailing slash."""
    return (settings.get("PUBLIC_SITEURL") or settings.get("SITEURL") or "").rstrip("/")


# Front-matter fields named social_* that are not a platform's own text.
NOT_OVERRIDES = ("social_image", "social_summary")


def overrides_of(fields: Mapping[str, str]) -> dict[str, str]:
    """The editor's own texts in a release's front matter: social_<platform> fields by platform key."""
    return {key[len("social_"):]: value for key, value in fields.items()
            if key.startswith("social_") and key not in NOT_OVERRIDES}


def utm_url(url: str, platform: str, utm: Utm = Utm.FULL) -> str:
    """The URL with the platform's UTM parameters set, other query parameters and fragment kept."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if k not in ("utm_source", "utm_medium", "utm_campaign")]
    query += [("utm_source", platform), ("utm_medium", UTM_MEDIUM)]
    if utm is Utm.FULL:
        query.append(("utm_campaign", UTM_CAMPAIGN))
    return urlunsplit(parts._replace(query=urlencode(query)))


def platform_link(release: ReleaseSocial, platform: Platform) -> str:
    return utm_url(release.url, platform.key, platform.utm)


_HASHTAG = re.compile(r"(?:^|(?<=\s))#\w+")
_TELEGRAM_SPECIAL = re.compile(r"([_*\[\]()~`>#+\-=|{}.!\\])")


def telegram_escape(text: str) -> str:
    """Escape a plain string for Telegram MarkdownV2 (every reserved character)."""
    return _TELEGRAM_SPECIAL.sub(r"\\\1", text)


@dataclass(frozen=True)
class _Draft:
    """The pieces of one text; shortening makes smaller drafts."""

    title: str
    lede: str
    link_line: str
    tags: tuple[str, ...]

    def but(self, **changes) -> _Draft:
        return replace(self, **changes)


def _compose(platform: Platform, draft: _Draft) -> str:
    head = f"*{draft.title}*" if platform.markup is Markup.WHATSAPP and draft.title else draft.title
    return "\n\n".join(b for b in [head, draft.lede, draft.link_line, " ".join(draft.tags)] if b)


def _compose_for_bot(draft: _Draft) -> str:
    """Telegram Bot API MarkdownV2: a bold title, every reserved character escaped."""
    blocks = [telegram_escape(b) for b in (draft.lede, draft.link_line, " ".join(draft.tags))]
    head = f"*{telegram_escape(draft.title)}*" if draft.title else ""  # never a bare '**'
    return "\n\n".join(b for b in [head, *blocks] if b)


def _cut_words(text: str, keep: int) -> str:
    words = text.split(" ")
    if keep >= len(words):
        return text
    kept = " ".join(words[:keep]).rstrip(_CUT_PUNCTUATION)
    # A cut that leaves only punctuation is no title at all, not a lone '…'.
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


def _clause_ledes(sentence: str) -> list[str]:
    """The first clauses of a sentence, longest first, each ending in '…'."""
    parts = clauses(sentence)
    return ["; ".join(parts[:k]).rstrip(_CUT_PUNCTUATION) + ELLIPSIS for k in range(len(parts) - 1, 0, -1)]


def _shorten(platform: Platform, draft: _Draft, parts: list[str], site: str) -> _Draft:
    """The largest draft that fits, cut in the order the social team asked for:
    lede sentences from the end; then, keeping the first sentence (or failing
    that its first clauses), hashtags from the end, then the link's label; then
    no lede at all; and title words only when the title alone overflows. A
    lede is never cut inside a clause: no lede rather than a word and '…'."""
    def fits(candidate: _Draft) -> bool:
        return platform.length(_compose(platform, candidate), site) <= platform.limit

    def with_tags(candidate: _Draft) -> _Draft | None:
        if not fits(candidate.but(tags=())):
            return None
        keep = _largest(len(draft.tags), lambda k: fits(candidate.but(tags=draft.tags[:k])))
        return candidate.but(tags=draft.tags[:keep])

    if fits(draft):
        return draft
    k = _largest(len(parts) - 1, lambda k: fits(draft.but(lede=" ".join(parts[:k]))))
    if k:
        return draft.but(lede=" ".join(parts[:k]))
    # 'Selengkapnya:' goes before the lede does: a bare link at the end reads as well.
    link_lines = dict.fromkeys([draft.link_line, draft.link_line.removeprefix(LINK_LABEL + " ")
                                if platform.link is Link.TEXT else draft.link_line])
    for lede in ([parts[0], *_clause_ledes(parts[0])] if parts else []):
        for link_line in link_lines:
            found = with_tags(draft.but(lede=lede, link_line=link_line))
            if found:
                return found
    found = with_tags(draft.but(lede=""))
    if found:
        return found
    # The last resort, a title that alone overflows the limit: its words, then '…'.
    bare = draft.but(lede="", tags=())
    k = _largest(len(draft.title.split(" ")) - 1, lambda k: fits(bare.but(title=_cut_words(draft.title, k))))
    return bare.but(title=_cut_words(draft.title, k)) if k else bare


def lede_sentences(release: ReleaseSocial) -> list[str]:
    """The sentences a lede is made of: the editor's `social_summary`, else the
    summary (or first paragraph) without its dateline."""
    if release.social_summary:
        return sentences(clean(release.social_summary))
    summary = clean(release.summary_text) if release.summary_text else html_to_text(release.summary_html)
    return sentences(strip_dateline(summary, release.place))


def _text(platform: Platform, release: ReleaseSocial, text: str, overridden: bool,
          bot_text: str | None) -> SocialText:
    return SocialText(platform.key, text, platform.length(text, release.site), platform.limit,
                      platform_link(release, platform), platform.link.value, overridden, bot_text,
                      platform.bot_parse_mode if bot_text is not None else None)


def generate(platform: Platform, release: ReleaseSocial) -> SocialText:
    """The generated (not overridden) text for one platform."""
    link = platform_link(release, platform)
    parts = lede_sentences(release)[: platform.max_sentences]
    # The cap counts hashtags the lede already carries (Instagram refuses a 6th).
    in_lede = {tag.casefold() for tag in _HASHTAG.findall(" ".join(parts))}
    room = max(0, platform.hashtag_cap - len(in_lede))
    tags = [tag for tag in make_hashtags(release.institution_hashtags, release.tags)
            if tag.casefold() not in in_lede][:room]
    link_line = {Link.TEXT: f"{LINK_LABEL} {link}", Link.BIO: BIO_LINE, Link.CARD: ""}[platform.link]
    draft = _shorten(platform, _Draft(clean(release.title), " ".join(parts), link_line, tuple(tags)),
                     parts, release.site)
    bot_text = _compose_for_bot(draft) if platform.bot_parse_mode else None
    return _text(platform, release, _compose(platform, draft), False, bot_text)


def _override_problems(platform: Platform, text: str, site: str) -> list[SocialProblem]:
    length = platform.length(text, site)
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
            problems += _override_problems(platform, override, release.site)
            # An editor writes plain text: the bot gets it escaped, never read as markup.
            bot_text = telegram_escape(override) if platform.bot_parse_mode else None
            texts[platform.key] = _text(platform, release, override, True, bot_text)
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
