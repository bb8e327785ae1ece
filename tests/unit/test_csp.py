"""siaran.csp: the page policy, one value for the <meta> tag, the headers and the docs."""
from __future__ import annotations

from siaran.csp import REFERRER_POLICY, content_security_policy, policy_for, script_hash

META = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "object-src 'none'; base-uri 'self'; form-action 'self'")


def test_meta_policy():
    assert content_security_policy() == META
    assert "unsafe" not in META and "data:" not in META


def test_header_policy_adds_what_meta_cannot_carry():
    assert content_security_policy(header=True) == META + "; frame-ancestors 'none'"


def test_embed_hosts_become_https_frame_sources_sorted_once():
    policy = content_security_policy([" WWW.youtube-nocookie.com", "player.vimeo.com", "www.youtube-nocookie.com", ""])
    assert policy == META + "; frame-src 'self' https://player.vimeo.com https://www.youtube-nocookie.com"


def test_policy_for_settings():
    assert policy_for({}) == META
    assert policy_for({"EMBED_HOSTS": ["www.youtube-nocookie.com"]}, header=True) == (
        META + "; frame-src 'self' https://www.youtube-nocookie.com; frame-ancestors 'none'")
    assert REFERRER_POLICY == "strict-origin-when-cross-origin"


def test_inline_script_hashes_extend_script_src():
    import base64
    import hashlib
    expected = "'sha256-" + base64.b64encode(hashlib.sha256(b"alert(1)").digest()).decode() + "'"
    assert script_hash("alert(1)") == expected
    policy = policy_for({"CSP_SCRIPT_HASHES": [expected, expected]})
    assert policy == META.replace("script-src 'self'", f"script-src 'self' {expected}")
