"""bench-build's photo measure: the image bytes a phone downloads from the sample home page,
with the photos themselves (before issue 16: `PHOTO_RENDITIONS = False`) and with renditions.

Each variant is built into a temporary folder with SITEURL = its local server, then opened in
Debian's Chromium (Playwright for Python) as a 390 × 844 phone at device pixel ratio 2: the
image responses are summed once the first screen has loaded, and again after scrolling to the
end of the page, as a reader does (lazy photos load then). Bytes are the response bodies
(images are served without content encoding, so these are the bytes on the wire less headers).
"""
from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROME_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update"]
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True,
         "has_touch": True}


@dataclass
class PhoneImages:
    name: str
    first_screen: tuple[int, int]
    """(image requests, bytes) once the page has loaded, before any scrolling."""
    whole_page: tuple[int, int]
    """(image requests, bytes) after scrolling to the end."""


def phone_image_bytes(url: str) -> tuple[tuple[int, int], tuple[int, int]]:
    """((requests, bytes) on the first screen, (requests, bytes) after scrolling) at `url`."""
    from playwright.sync_api import sync_playwright
    seen: dict[str, int] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROME_ARGS, headless=True)
        try:
            context = browser.new_context(**PHONE)
            page = context.new_page()
            page.on("response", lambda response: seen.__setitem__(response.url, len(response.body()))
                    if response.request.resource_type == "image" and response.ok else None)
            page.goto(url, wait_until="networkidle")
            first = (len(seen), sum(seen.values()))
            height = page.evaluate("document.body.scrollHeight")
            for y in range(0, height + 844, 422):          # half a screen at a time, as a thumb scrolls
                page.evaluate(f"window.scrollTo(0, {y})")
                page.wait_for_timeout(50)
            page.wait_for_load_state("networkidle")
            whole = (len(seen), sum(seen.values()))
        finally:
            browser.close()
    return first, whole


def measure_sample(settings_file: Path = ROOT / "pelicanconf.py") -> list[PhoneImages]:
    """The sample home page, before (the photos themselves) and after (renditions)."""
    from siaran.build import build_site
    from siaran.lighthouse import StaticServer
    results = []
    for name, overrides in (("before: each photo itself", {"PHOTO_RENDITIONS": False}),
                            ("after: renditions (issue 16)", {})):
        with tempfile.TemporaryDirectory(prefix="siaran-phone-") as tmp:
            folder = Path(tmp) / "output"
            server = StaticServer(folder)
            try:
                summary = build_site(settings_file, folder, overrides={"SITEURL": server.url, **overrides})
                if not summary.ok:
                    raise RuntimeError(str(summary))
                server.start()
                first, whole = phone_image_bytes(server.url + "/")
            finally:
                server.stop()
        results.append(PhoneImages(name, first, whole))
    return results


def table(results: list[PhoneImages]) -> str:
    lines = ["Sample home page, Chromium as a 390 × 844 px phone at DPR 2; image responses",
             "| build | first screen: requests | first screen: KiB | whole page: requests | whole page: KiB |",
             "|---|---:|---:|---:|---:|"]
    for r in results:
        lines.append(f"| {r.name} | {r.first_screen[0]} | {r.first_screen[1] / 1024:.1f} "
                     f"| {r.whole_page[0]} | {r.whole_page[1] / 1024:.1f} |")
    if len(results) == 2 and results[0].whole_page[1]:
        before, after = results
        lines.append(f"| after / before | | {after.first_screen[1] / before.first_screen[1]:.2f}× | "
                     f"| {after.whole_page[1] / before.whole_page[1]:.2f}× |")
    return "\n".join(lines)
