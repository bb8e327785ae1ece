"""Every page type of the demo portal in headless Chromium at 390 px and 1280 px:
no console errors (a Content-Security-Policy violation is one), no failed same-origin
requests, and no axe-core violations of impact serious or critical under WCAG 2.1 A/AA
(issue 3, Acceptance)."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}


def describe(violations: list[dict]) -> str:
    """axe results as lines a person can act on: rule, impact, help, each failing node."""
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} [{v['impact']}]: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:8]:
            target = " ".join(str(t) for t in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", " ").strip()
            lines.append(f"    at {target}: {node['html'][:160]}")
            if summary:
                lines.append(f"      {summary[:300]}")
        if len(v["nodes"]) > 8:
            lines.append(f"    … and {len(v['nodes']) - 8} more")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def axe_tab(context, tab, axe_source):
    """The tab with axe-core loaded into every page it opens. An init script, because the
    pages' Content-Security-Policy refuses an injected inline <script> (as it should), and a
    console error from the policy is a failure of this test."""
    context.add_init_script(script=axe_source)
    return tab


def test_page_loads_cleanly_and_passes_axe(site, axe_tab, page_path):
    origin = urlsplit(site.url)[:2]
    url = f"{site.url}/{page_path}"
    console, failed = [], []
    page = axe_tab
    width = page.viewport_size["width"]

    def same_origin(address: str) -> bool:
        return urlsplit(address)[:2] == origin

    listeners = {
        "console": lambda m: console.append(f"console.{m.type}: {m.text} ({m.location.get('url', '')})")
        if m.type == "error" else None,
        "pageerror": lambda e: console.append(f"uncaught: {e}"),
        # ERR_ABORTED is a cancellation, not a failure: the tab is shared, and the
        # previous page's favicon request is cancelled when this page starts loading.
        "requestfailed": lambda r: failed.append(f"{r.method} {r.url}: {r.failure}")
        if same_origin(r.url) and "ERR_ABORTED" not in (r.failure or "") else None,
        "response": lambda r: failed.append(f"{r.request.method} {r.url}: HTTP {r.status}")
        if same_origin(r.url) and r.status >= 400 else None,
    }
    for event, listener in listeners.items():
        page.on(event, listener)
    try:
        response = page.goto(url, wait_until="load")
        assert response is not None and response.status == 200, f"{url}: HTTP {response and response.status}"
        results = page.evaluate(
            """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})""",
            AXE_TAGS)
    finally:
        for event, listener in listeners.items():
            page.remove_listener(event, listener)

    assert not console, f"{url} at {width} px: console errors:\n" + "\n".join(console)
    assert not failed, f"{url} at {width} px: failed same-origin requests:\n" + "\n".join(failed)
    blocking = [v for v in results["violations"] if v["impact"] in BLOCKING]
    assert not blocking, (f"{url} at {width} px: axe (WCAG 2.1 A/AA) found "
                          f"{len(blocking)} serious/critical violation(s):\n{describe(blocking)}")
