"""The CloudFront response headers policy: valid for CloudFront's API as botocore describes it,
carrying exactly the values it is given."""
import json

import botocore.session
from botocore.validate import ParamValidator

from pathlib import Path

from pelican.settings import read_settings

from siaran.csp import REFERRER_POLICY, policy_for
from siaran.deploy.cdn import cloudfront_policy, cloudfront_policy_for, policy_json, response_headers

CSP = "default-src 'self'; object-src 'none'; frame-ancestors 'none'"
ROOT = Path(__file__).resolve().parents[2]


def test_policy_is_valid_input_for_create_response_headers_policy():
    model = botocore.session.get_session().get_service_model("cloudfront")
    shape = model.operation_model("CreateResponseHeadersPolicy").input_shape
    report = ParamValidator().validate({"ResponseHeadersPolicyConfig": cloudfront_policy(CSP, "no-referrer")}, shape)
    assert not report.has_errors(), report.generate_report()
    assert "strict-origin-when-cross-origin" in model.shape_for("ReferrerPolicyList").enum


def test_policy_sends_the_headers_it_is_given():
    security = cloudfront_policy(CSP, "strict-origin-when-cross-origin")["SecurityHeadersConfig"]
    sent = {
        "Content-Security-Policy": security["ContentSecurityPolicy"]["ContentSecurityPolicy"],
        "Referrer-Policy": security["ReferrerPolicy"]["ReferrerPolicy"],
        "X-Content-Type-Options": "nosniff" if security["ContentTypeOptions"] else None,
        "X-Frame-Options": security["FrameOptions"]["FrameOption"],
    }
    assert sent == response_headers(CSP, "strict-origin-when-cross-origin")
    assert all(value["Override"] for value in security.values())


def test_the_site_policy_is_the_pages_policy_in_header_form():
    settings = read_settings(str(ROOT / "publishconf.py"))
    security = cloudfront_policy_for(settings)["SecurityHeadersConfig"]
    csp = security["ContentSecurityPolicy"]["ContentSecurityPolicy"]
    assert csp == policy_for(settings, header=True)
    assert csp.startswith(policy_for(settings) + "; ") and csp.endswith("frame-ancestors 'none'")
    assert security["ReferrerPolicy"]["ReferrerPolicy"] == REFERRER_POLICY


def test_policy_json_is_stable():
    text = policy_json(cloudfront_policy(CSP, "no-referrer"))
    assert text == policy_json(json.loads(text)) and text.endswith("}\n")


def json_blocks(markdown: str, section: str) -> list:
    """The ```json blocks of one `## section` of a Markdown file."""
    body = markdown.split(f"\n## {section}\n", 1)[1].split("\n## ", 1)[0]
    return [json.loads(block.split("```", 1)[0]) for block in body.split("```json\n")[1:]]


def test_the_policies_in_the_docs_are_the_ones_the_code_makes():
    text = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    [cloudfront] = json_blocks(text, "Response headers and CDN")
    assert cloudfront == cloudfront_policy_for(read_settings(str(ROOT / "publishconf.py")))
    [iam] = json_blocks(text, "Who writes content, who holds credentials")
    assert iam["Statement"][1]["Resource"].endswith("/www/*")


def test_cdn_headers_task_prints_the_policy():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "siaran.deploy", "cdn-headers", "--name", "portal-humas"],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    expected = cloudfront_policy_for(read_settings(str(ROOT / "publishconf.py")), "portal-humas")
    assert (result.returncode, result.stdout) == (0, policy_json(expected))
