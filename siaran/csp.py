"""The browser security policy of every public page: Content-Security-Policy and Referrer-Policy.

One owner for both values. The theme writes them into each page's <head> as
`<meta http-equiv>` and `<meta name="referrer">` (base.html, through the
globals `content_security_policy` and `referrer_policy`); deploy headers and the CDN example in docs/security.md
use the same functions, so a page, its headers and the docs cannot disagree.
Why each directive is there: docs/security.md, "Content-Security-Policy".
"""
from __future__ import annotations

import base64
import hashlib
from typing import Iterable

REFERRER_POLICY = "strict-origin-when-cross-origin"

#: directive → sources, in the order they are written. Scripts, styles, images,
#: fonts and fetches come from the site itself only: no inline script, no inline
#: event handler, no inline style attribute, no eval.
DIRECTIVES: dict[str, tuple[str, ...]] = {
    "default-src": ("'self'",),
    "script-src": ("'self'",),
    "style-src": ("'self'",),
    "img-src": ("'self'",),
    "object-src": ("'none'",),
    "base-uri": ("'self'",),
    "form-action": ("'self'",),
}

#: Directives a browser honours only in a response header (in <meta> it ignores
#: them and logs an error), so they are added to the header value only.
HEADER_ONLY: dict[str, tuple[str, ...]] = {
    "frame-ancestors": ("'none'",),
}


def script_hash(source: str) -> str:
    """The CSP source that lets exactly this inline script run: `'sha256-…'`."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(embed_hosts: Iterable[str] = (), *, script_hashes: Iterable[str] = (),
                            header: bool = False) -> str:
    """The policy as one header/meta value. `embed_hosts` are the hosts whose
    iframes a body may carry (setting EMBED_HOSTS, enforced by the body sanitiser);
    they get a `frame-src` of their https origins. `script_hashes` (from
    `script_hash`) let those inline scripts run: only the local preview has one,
    its reload snippet; the published site has none. `header=True` adds the
    directives only a response header can carry."""
    directives = dict(DIRECTIVES)
    hashes = sorted(set(script_hashes))
    if hashes:
        directives["script-src"] = (*directives["script-src"], *hashes)
    hosts = sorted({host.strip().lower() for host in embed_hosts if host.strip()})
    if hosts:
        directives["frame-src"] = ("'self'", *(f"https://{host}" for host in hosts))
    if header:
        directives.update(HEADER_ONLY)
    return "; ".join(" ".join((name, *sources)) for name, sources in directives.items())


def policy_for(settings: dict, *, header: bool = False) -> str:
    """The policy of a site built with these Pelican settings (EMBED_HOSTS, and
    CSP_SCRIPT_HASHES, which only `invoke serve` sets)."""
    return content_security_policy(settings.get("EMBED_HOSTS") or (),
                                   script_hashes=settings.get("CSP_SCRIPT_HASHES") or (), header=header)
