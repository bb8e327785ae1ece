"""The Meja Sosial copy buttons put the exact text on the clipboard."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_copy_button_copies_the_text(site, browser):
    desk = "meja-sosial/"
    assert (site.folder / desk / "index.html").is_file(), "the build has no Meja Sosial page"
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(f"{site.url}/{desk}")
        button = page.locator("button.copy").nth(1)
        assert button.is_visible(), "JavaScript reveals the copy buttons"
        source_id = button.get_attribute("data-copy")
        expected = page.locator(f"#{source_id}").text_content()
        button.click()
        page.wait_for_function("b => b.textContent === 'Tersalin'", arg=button.element_handle())
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == expected
        assert "\n" in copied and len(copied) > 40
    finally:
        context.close()
