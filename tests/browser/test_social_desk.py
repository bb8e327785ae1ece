"""The Meja Sosial copy buttons put the exact golden text on the clipboard."""
from __future__ import annotations

import json

import pytest
from social_golden import EXAMPLE, read_golden

pytestmark = pytest.mark.browser


def _copy(page, source_id: str) -> str:
    button = page.locator(f'button.copy[data-copy="{source_id}"]')
    assert button.is_visible(), "JavaScript reveals the copy buttons"
    button.click()
    page.wait_for_function("b => b.textContent === 'Tersalin'", arg=button.element_handle())
    return page.evaluate("navigator.clipboard.readText()")


def test_copy_buttons_copy_the_golden_texts(site, browser):
    desk = "meja-sosial/"
    assert (site.folder / desk / "index.html").is_file(), "the build has no Meja Sosial page"
    golden = read_golden()[EXAMPLE]
    data = json.loads((site.folder / "social" / f"{EXAMPLE}.json").read_text("utf-8"))
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(f"{site.url}/{desk}")
        for key, text in golden.items():
            assert _copy(page, f"teks-{EXAMPLE}-{key}") == text, key
        # Bluesky's link, pasted as a card beside its text.
        assert _copy(page, f"tautan-{EXAMPLE}-bluesky") == data["texts"]["bluesky"]["link"]
    finally:
        context.close()
