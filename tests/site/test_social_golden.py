"""The texts the social team posts, for every sample release and every platform,
against golden files a reviewer read and accepted (tests/golden/social/<slug>/<platform>.txt),
and the reviewer's rules checked on each: the title complete, the lede whole sentences
or absent, the link where the platform wants it, hashtags within the platform's custom,
no escape characters.

After an intended change, `./dev social-golden` rewrites the golden files and the
example in docs/social.md from a build of the sample content; read the diff before
committing it.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from social_golden import GOLDEN, UPDATE_ENV, docs_example, read_golden, write_golden

ROOT = Path(__file__).resolve().parents[2]
PUBLIC = "https://humas.brpkn.example/"
# The reviewer's custom per platform, kept here apart from the code's table.
HASHTAGS_AT_MOST = {"x": 2, "threads": 1, "mastodon": 4, "bluesky": 3, "linkedin": 5, "facebook": 3,
                    "instagram": 5, "whatsapp": 0, "telegram": 3}
# Words after which a period never ends a sentence, written for this test.
NOT_AN_END = {"dr", "ir", "drs", "dra", "h", "hj", "prof", "no", "jl", "kab", "rp", "s.t", "m.sc", "s.si"}


@pytest.fixture(scope="module")
def built(built_site) -> dict[str, dict]:
    """slug -> the release's social JSON, as the build wrote it (rewriting the golden files first
    when asked to)."""
    found = {path.stem: json.loads(path.read_text("utf-8"))
             for path in sorted((built_site.output / "social").glob("*.json")) if path.name != "index.json"}
    if os.environ.get(UPDATE_ENV):
        write_golden(GOLDEN, {slug: {key: t["text"] for key, t in data["texts"].items()}
                              for slug, data in found.items()})
        docs = ROOT / "docs" / "social.md"
        docs.write_text(docs_example(docs.read_text("utf-8"), found), encoding="utf-8")
    return found


def _release_page(built_site, data: dict):
    """The release's page in this build: its <h1> and first paragraph, read from HTML."""
    path = data["url"].removeprefix(PUBLIC)
    page = built_site.html(path)
    paragraph = page.select_one(".body p")
    for dateline in paragraph.select(".dateline"):
        dateline.decompose()
    return page.select_one("h1").get_text(" ", strip=True), " ".join(paragraph.get_text(" ").split())


def test_every_release_and_platform_has_a_golden_text(built):
    golden = read_golden(GOLDEN)
    assert sorted(golden) == sorted(built)
    for slug, data in built.items():
        assert sorted(golden[slug]) == sorted(data["texts"]), slug


def test_texts_are_the_golden_ones(built):
    golden = read_golden(GOLDEN)
    for slug, data in built.items():
        for key, text in data["texts"].items():
            assert text["text"] == golden[slug][key], (
                f"{slug}/{key}: the text changed; if intended, run `./dev social-golden` and review the diff")


def _lede_is_whole(lede: str, paragraph: str) -> bool:
    """The lede is the paragraph's opening, ended where a sentence (or, with '…', a clause) ends."""
    if lede.endswith("…") and paragraph.startswith(lede[:-1] + ";"):
        return True
    if not paragraph.startswith(lede) or not re.search(r"[.!?…][\"”’)]*$", lede):
        return False
    rest = paragraph[len(lede):]
    last = lede.rsplit(" ", 1)[-1].strip("\"“”()").rstrip(".").casefold()
    return last not in NOT_AN_END and (rest == "" or re.match(r" [\"“(]?[A-Z0-9]", rest) is not None)


def test_golden_texts_are_what_a_reviewer_accepts(built_site, built):
    golden = read_golden(GOLDEN)
    for slug, data in built.items():
        title, paragraph = _release_page(built_site, data)
        for key, text in golden[slug].items():
            where = f"{slug}/{key}"
            link = data["texts"][key]["link"]
            blocks = text.split("\n\n")
            head = blocks[0][1:-1] if key == "whatsapp" else blocks[0]
            assert head == title, f"{where}: the title is not complete"
            tags = blocks[-1].split() if blocks[-1].startswith("#") else []
            assert all(tag.startswith("#") for tag in tags), where
            assert len(tags) <= HASHTAGS_AT_MOST[key], f"{where}: {len(tags)} hashtags"
            body = [b for b in blocks[1:] if not b.startswith(("Selengkapnya:", "#")) and b != link]
            assert len(body) <= 1 and (not body or _lede_is_whole(body[0], paragraph)), \
                f"{where}: the lede is not whole sentences: {body}"
            assert link.startswith(PUBLIC), where
            if key == "instagram":
                assert "Selengkapnya: tautan di bio" in blocks and "http" not in text, where
            elif key == "bluesky":
                assert "http" not in text and data["texts"][key]["link_as"] == "card", where
            else:
                assert f"Selengkapnya: {link}" in blocks or link in blocks, f"{where}: no link"
            assert not re.search(r"\\|&(?:[a-z]+|#\d+);", text), f"{where}: an escape in the copy text"


def test_docs_show_the_example_release_as_built(built):
    docs = (ROOT / "docs" / "social.md").read_text("utf-8")
    assert docs_example(docs, built) == docs, "run `./dev social-golden` to refresh docs/social.md"
