"""Security response headers, which only a CDN in front of the bucket can send.

Object storage serves an object with the headers stored with it, and S3's PutObject stores only
a fixed set: Content-Type, Content-Encoding, Content-Disposition, Content-Language,
Cache-Control, Expires, x-amz-website-redirect-location, and user metadata, which comes back as
`x-amz-meta-<name>`, never as a header of its own name.  S3-compatible stores implement the same
request; SeaweedFS 4.48 (tests/s3/test_deploy_safeguards.py) silently drops any other header
sent with PutObject.  So X-Content-Type-Options, Referrer-Policy and a Content-Security-Policy
header cannot be set per object: a CDN adds them to every response (CloudFront: a response
headers policy, made here).  What holds without a CDN: the pages' own `<meta>` CSP and referrer
policy, and the explicit Content-Type deploy stores on every object.

The values are not defined here: the CSP and the referrer policy come from `siaran.csp`, which
the theme's `<meta>` tags use too, so page, headers and docs cannot disagree.
"""
from __future__ import annotations

import json

CONTENT_TYPE_OPTIONS = "nosniff"
"""X-Content-Type-Options: the browser takes Content-Type as stored (deploy sets one on every
object) and never guesses, so a text file cannot be run as script or style."""
FRAME_OPTIONS = "DENY"
"""X-Frame-Options, for browsers that predate CSP's frame-ancestors: no site may frame the portal."""
POLICY_NAME = "siaran-security-headers"


def response_headers(csp: str, referrer_policy: str) -> dict[str, str]:
    """Header -> value, as every response of the site should carry them."""
    return {"Content-Security-Policy": csp, "Referrer-Policy": referrer_policy,
            "X-Content-Type-Options": CONTENT_TYPE_OPTIONS, "X-Frame-Options": FRAME_OPTIONS}


def cloudfront_policy(csp: str, referrer_policy: str, name: str = POLICY_NAME) -> dict:
    """A CloudFront `ResponseHeadersPolicyConfig` (for `aws cloudfront
    create-response-headers-policy --response-headers-policy-config file://policy.json`) that
    adds `response_headers()`.  Override: the CDN's value wins over anything the origin sends."""
    return {
        "Name": name,
        "Comment": "Siaran: the pages' CSP (header form) and referrer policy, nosniff, no framing",
        "SecurityHeadersConfig": {
            "ContentSecurityPolicy": {"ContentSecurityPolicy": csp, "Override": True},
            "ReferrerPolicy": {"ReferrerPolicy": referrer_policy, "Override": True},
            "ContentTypeOptions": {"Override": True},   # CloudFront's only value is nosniff
            "FrameOptions": {"FrameOption": FRAME_OPTIONS, "Override": True},
        },
    }


def cloudfront_policy_for(settings: dict, name: str = POLICY_NAME) -> dict:
    """The policy for a site built with these Pelican settings: the header form of its CSP
    (with frame-ancestors, which `<meta>` cannot carry) and its referrer policy."""
    from siaran.csp import REFERRER_POLICY, policy_for

    return cloudfront_policy(policy_for(settings, header=True), REFERRER_POLICY, name)


def policy_json(policy: dict) -> str:
    return json.dumps(policy, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
