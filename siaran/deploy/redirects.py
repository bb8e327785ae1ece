"""Redirects for moved releases: pure functions from (releases now, releases at the previous
deploy) to redirect objects.  A release is known by its stable id, so when its URL changes the
old URL keeps working; `redirect_from` adds URLs an editor asks for.  Redirect objects carry
`x-amz-website-redirect-location` and a small HTML fallback (canonical link + meta refresh) for
servers and CDNs that ignore that header."""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from .config import DeployConfig
from .headers import headers_for
from .local import LocalFile, Release, make_file
from .manifest import ReleaseRecord
from .messages import MESSAGES, message

_TEMPLATE = (
    '<!DOCTYPE html>\n<html lang="id"><head><meta charset="utf-8">'
    '<title>{{ title }}</title>'
    '<link rel="canonical" href="{{ location }}">'
    '<meta name="robots" content="noindex">'
    '<meta http-equiv="refresh" content="0; url={{ location }}">'
    '</head><body><p>{{ text }}</p>'
    "</body></html>\n"
)


def render_page(location: str) -> bytes:
    """The HTML fallback of a redirect object; its words come from `messages.py`, and every
    inserted value is escaped."""
    from markupsafe import Markup, escape

    link = Markup('<a href="{0}">{0}</a>').format(location)
    text = Markup(escape(MESSAGES["redirect_body"])).format(link=link)
    return _page().render(title=message("redirect_title", location=location), location=location, text=text).encode()


@lru_cache(maxsize=1)
def _page():
    """Compiled on first use: most deploys have no new redirect and skip importing Jinja."""
    from jinja2 import Environment

    return Environment(autoescape=True).from_string(_TEMPLATE)


def normalise_url(url: str) -> str:
    """Site-relative URL without a leading slash; folders keep their trailing slash."""
    return url.strip().lstrip("/")


def key_for_url(url: str) -> str:
    """The object that serves a URL: `a/b/` and `a/b` -> `a/b/index.html`, `a.html` stays."""
    url = normalise_url(url)
    if url == "" or url.endswith("/"):
        return url + "index.html"
    if "." in url.rsplit("/", 1)[-1]:
        return url
    return url + "/index.html"


def release_history(current: list[Release], previous: dict[str, ReleaseRecord]) -> dict[str, ReleaseRecord]:
    """Each current release's record: its URL and all its former URLs (from the previous deploy's
    record, a URL change since then, and `redirect_from`).  Removed releases are dropped, so their
    old redirects go too unless another release asks for them."""
    history = {}
    for release in current:
        url = normalise_url(release.url)
        old = previous.get(release.id)
        aliases = set(old.aliases) if old else set()
        if old and old.url != url:
            aliases.add(old.url)
        aliases.update(normalise_url(alias) for alias in release.redirect_from)
        aliases.discard(url)
        history[release.id] = ReleaseRecord(url, tuple(sorted(aliases)))
    return dict(sorted(history.items()))


def redirect_files(
    history: dict[str, ReleaseRecord], site_paths: set[str], prefix: str, config: DeployConfig
) -> list[LocalFile]:
    """Redirect objects for every alias, except where a real page now lives (the page wins) or
    an earlier release (by id) already claimed the alias."""
    files: dict[str, LocalFile] = {}
    for record in history.values():
        location = "/" + (f"{prefix}/" if prefix else "") + record.url
        for alias in record.aliases:
            path = key_for_url(alias)
            if path in site_paths or path in files:
                continue
            headers = replace(headers_for(path, config), redirect=location)
            files[path] = make_file(path, render_page(location), headers)
    return [files[path] for path in sorted(files)]
