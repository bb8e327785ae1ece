"""Golden social texts: one file per sample release and platform,
tests/golden/social/<slug>/<platform>.txt, holding exactly the text the copy
button puts on the clipboard (plus one final newline, for editors).

Shared by tests/site/test_social_golden.py (which rewrites them, and the example
in docs/social.md, when SIARAN_UPDATE_GOLDEN is set: `./dev social-golden`) and
tests/browser/test_social_desk.py. Importable as `social_golden` because
tests/conftest.py's folder is on sys.path.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from social.texts import PLATFORM_BY_KEY

GOLDEN = Path(__file__).resolve().parent / "golden" / "social"
UPDATE_ENV = "SIARAN_UPDATE_GOLDEN"
# The release docs/social.md shows, and the markers around its generated part.
EXAMPLE = "brpkn-dan-warga-pesisir-utara-tanam-12-000-bibit-mangrove"
_START, _END = "<!-- social-golden:start (./dev social-golden writes this part) -->", "<!-- social-golden:end -->"


def read_golden(folder: Path = GOLDEN) -> dict[str, dict[str, str]]:
    """slug -> platform key -> text."""
    return {release.name: {path.stem: path.read_text("utf-8").removesuffix("\n")
                           for path in sorted(release.glob("*.txt"))}
            for release in sorted(folder.iterdir()) if release.is_dir()}


def write_golden(folder: Path, texts: dict[str, dict[str, str]]) -> None:
    """Replace the golden files with `texts` (releases that left the samples go too)."""
    shutil.rmtree(folder, ignore_errors=True)
    for slug, by_platform in texts.items():
        (folder / slug).mkdir(parents=True)
        for key, text in by_platform.items():
            (folder / slug / f"{key}.txt").write_text(text + "\n", encoding="utf-8")


def docs_example(docs: str, built: dict[str, dict]) -> str:
    """docs/social.md with its generated part made from the example release's JSON."""
    data = built[EXAMPLE]
    parts = [_START, "", f"**{data['title']}**", ""]
    for key in (key for key in PLATFORM_BY_KEY if key in data["texts"]):    # the Meja Sosial's order
        text = data["texts"][key]
        parts += [f"#### {PLATFORM_BY_KEY[key].name} ({text['length']}/{text['limit']})", "",
                  "```text", text["text"], "```", ""]
        if text["link_as"] == "card":
            parts += ["Tempel tautan sebagai kartu:", "", "```text", text["link"], "```", ""]
    parts.append(_END)
    pattern = re.compile(re.escape(_START) + ".*?" + re.escape(_END), re.S)
    if not pattern.search(docs):
        raise AssertionError(f"docs/social.md lacks the markers {_START} … {_END}")
    return pattern.sub(lambda _: "\n".join(parts), docs)
