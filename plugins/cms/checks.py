"""cms checks for `invoke check`: no page may take the CMS's address.

A page whose URL is admin/ (a slug `admin`, or `url`/`save_as` under admin/)
would replace the CMS's own page, or be replaced by it. Called by
siaran.build.plugin_checks() with each release and page already checked.
"""
from __future__ import annotations

from siaran.problems import Problem

from .config import ADMIN
from .messages import MSG


def check_file(item, ctx) -> list[Problem]:
    """One release or page alone: its URL is never the CMS's."""
    url = (item.url or "").lstrip("/")
    if url != ADMIN and not url.startswith(f"{ADMIN}/"):
        return []
    field = "url" if "url" in item.source.meta else "slug" if "slug" in item.source.meta else "title"
    return [Problem(item.source.rel, item.source.line_of(field), field,
                    MSG["reserved_url"].format(url=url, folder=ADMIN))]
