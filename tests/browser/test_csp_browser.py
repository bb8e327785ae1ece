"""The Content-Security-Policy in Chromium: the pages that matter load without one violation,
their scripts (the register filter, the Meja Sosial copy buttons) still work under it, and the
policy really is enforced: an injected inline handler is refused and reported (issue 12)."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# Runs before any script of the page (an init script is not subject to the page's policy).
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`);
});
"""


@pytest.fixture(scope="module")
def desk_context(browser):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"], locale="id-ID")
    context.add_init_script(script=RECORD_VIOLATIONS)
    yield context
    context.close()


def open_page(context, url: str):
    """The page at `url`, loaded, with the console errors it logs collected in page.errors."""
    page = context.new_page()
    page.errors = []
    page.on("console", lambda m: page.errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(f"uncaught: {e}"))
    response = page.goto(url, wait_until="load")
    assert response is not None and response.status == 200, url
    return page


def assert_clean(page) -> None:
    violations = page.evaluate("window.__violations")
    assert violations == [], f"{page.url}: policy violations: {violations}"
    assert page.errors == [], f"{page.url}: console errors: {page.errors}"


DESK = "meja-sosial/"


@pytest.mark.parametrize("page_id", ["home", "release", "informasi-publik", "desk"])
def test_page_loads_without_a_policy_violation(site, desk_context, page_id):
    path = DESK if page_id == "desk" else site.pages.get(page_id)
    assert path is not None and (site.folder / path / "index.html").is_file(), f"the build has no {page_id} page"
    page = open_page(desk_context, f"{site.url}/{path}")
    try:
        policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
        assert "script-src 'self'" in policy
        if page_id == "release":
            assert page.locator('script[type="application/ld+json"]').count() >= 1, "a data block is no script"
        assert_clean(page)
    finally:
        page.close()


def test_register_filter_works_under_the_policy(site, desk_context):
    page = open_page(desk_context, f"{site.url}/{site.pages['informasi-publik']}")
    try:
        form = page.locator("form.dip-filter")
        assert form.is_visible(), "the script reveals the filter form"
        rows = page.locator(".dip-table tbody tr")
        total = rows.count()
        count = page.locator(".dip-count")
        assert count.text_content() == f"{total} dari {total} informasi ditampilkan"
        page.select_option("#saring-kategori", "dikecualikan")
        shown = page.locator(".dip-table tbody tr:not([hidden])")
        assert 0 < shown.count() < total
        assert all(category == "dikecualikan" for category in
                   shown.evaluate_all("rows => rows.map(r => r.dataset.category)"))
        assert count.text_content() == f"{shown.count()} dari {total} informasi ditampilkan"
        assert_clean(page)
    finally:
        page.close()


def test_copy_buttons_work_under_the_policy(site, desk_context):
    page = open_page(desk_context, f"{site.url}/{DESK}")
    try:
        button = page.locator("button.copy").first
        assert button.is_visible(), "the script reveals the copy buttons"
        expected = page.locator(f"#{button.get_attribute('data-copy')}").text_content()
        button.click()
        page.wait_for_function("b => b.textContent === 'Tersalin'", arg=button.element_handle())
        assert page.evaluate("navigator.clipboard.readText()") == expected
        assert_clean(page)
    finally:
        page.close()


def test_the_policy_refuses_inline_script_and_reports_it(site, desk_context):
    """Without this, 'no violation' above could mean only that nothing listened."""
    page = open_page(desk_context, f"{site.url}/")
    try:
        page.evaluate("""() => {
            document.body.insertAdjacentHTML("beforeend",
                '<button id="probe" onclick="window.__ran = true">x</button>');
            const script = document.createElement("script");
            script.textContent = "window.__ran = true";
            document.body.append(script);
            document.getElementById("probe").click();
        }""")
        page.wait_for_function("window.__violations.length >= 2")
        assert page.evaluate("window.__ran") is None, "an inline handler or script ran"
        directives = {v.split(" ", 1)[0] for v in page.evaluate("window.__violations")}
        assert directives == {"script-src-attr", "script-src-elem"}
    finally:
        page.close()
