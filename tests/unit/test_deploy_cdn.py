"""The CloudFront response headers policy: valid for CloudFront's API as botocore describes it,
carrying exactly the values it is given."""
import json

import botocore.session
from botocore.validate import ParamValidator

from siaran.deploy.cdn import cloudfront_policy, policy_json, response_headers

CSP = "default-src 'self'; object-src 'none'; frame-ancestors 'none'"


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


def test_policy_json_is_stable():
    text = policy_json(cloudfront_policy(CSP, "no-referrer"))
    assert text == policy_json(json.loads(text)) and text.endswith("}\n")


def json_blocks(markdown: str, section: str) -> list:
    """The ```json blocks of one `## section` of a Markdown file."""
    body = markdown.split(f"\n## {section}\n", 1)[1].split("\n## ", 1)[0]
    return [json.loads(block.split("```", 1)[0]) for block in body.split("```json\n")[1:]]


def test_the_policies_in_the_docs_are_the_ones_the_code_makes():
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs" / "security.md").read_text(encoding="utf-8")
    [cloudfront] = json_blocks(text, "Response headers and CDN")
    assert cloudfront == cloudfront_policy("<siaran.csp.policy_for(settings, header=True)>",
                                           "strict-origin-when-cross-origin")
    [iam] = json_blocks(text, "Who writes content, who holds credentials")
    assert iam["Statement"][1]["Resource"].endswith("/www/*")
