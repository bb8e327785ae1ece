"""Every page of the sample site carries the one Content-Security-Policy and referrer policy
(siaran.csp), first in its <head>, and holds nothing the policy would block: no inline script,
no event-handler attribute, no inline style, no `javascript:` URL (issue 12, Headers)."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from siaran.build import load_settings
from siaran.csp import REFERRER_POLICY, policy_for


@pytest.fixture(scope="module")
def pages(built_site) -> dict[str, BeautifulSoup]:
    # admin/ is the CMS, an application for logged-in editors with its own policy
    # (test_the_cms_page_has_its_own_policy below, docs/cms.md), not a public page.
    files = sorted(p for p in built_site.output.rglob("*.html")
                   if not p.is_relative_to(built_site.output / "admin"))
    assert len(files) > 80
    return {f.relative_to(built_site.output).as_posix(): BeautifulSoup(f.read_text(encoding="utf-8"), "lxml")
            for f in files}


def test_every_page_has_the_policy_before_anything_it_governs(built_site, pages):
    expected = policy_for(load_settings(built_site.project / "pelicanconf.py"))
    assert expected.startswith("default-src 'self'")
    for path, soup in pages.items():
        policies = soup.select('meta[http-equiv="Content-Security-Policy"]')
        assert [m["content"] for m in policies] == [expected], path
        head = soup.head.find_all(True)
        assert head[0].get("charset") == "utf-8" and head[1] is policies[0], (
            f"{path}: the policy must come right after <meta charset>, before any script, style or image")
        assert [m["content"] for m in soup.select('meta[name="referrer"]')] == [REFERRER_POLICY], path


def test_no_page_holds_what_the_policy_blocks(pages):
    for path, soup in pages.items():
        for script in soup.find_all("script"):
            assert script.get("type") == "application/ld+json" or (script.get("src") and not script.string), (
                f"{path}: inline script {str(script)[:80]}")
        for element in soup.find_all(True):
            assert not [a for a in element.attrs if a.startswith("on")], f"{path}: handler on <{element.name}>"
            assert "style" not in element.attrs, f"{path}: inline style on <{element.name}>"
            for attribute in ("href", "src", "action", "formaction"):
                value = element.get(attribute, "")
                assert not value.strip().lower().startswith(("javascript:", "data:")), f"{path}: {attribute}={value}"
        assert not soup.find("style"), f"{path}: <style> element"


def test_the_cms_page_has_its_own_policy_first_in_its_head(built_site):
    from cms.config import csp
    from cms.options import CmsOptions
    page = built_site.output / "admin" / "index.html"
    if not page.is_file():
        pytest.skip("no admin/ in this build (node_modules/decap-cms missing)")
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    settings = load_settings(built_site.project / "pelicanconf.py")
    policies = soup.select('meta[http-equiv="Content-Security-Policy"]')
    assert [m["content"] for m in policies] == [csp(CmsOptions.from_settings(settings))]
    head = soup.head.find_all(True)
    assert head[0].get("charset") == "utf-8" and head[1] is policies[0]
    assert policies[0]["content"] != policy_for(settings)
