"""Facts with one owner (siaran.contracts) are what every user of them sees."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from siaran.contracts import FEED_FILE_PATTERN, FEED_FILES, RELEASE_URL, release_url

ROOT = Path(__file__).resolve().parents[2]


def test_the_release_url_pattern_is_the_settings_and_the_checkers():
    from siaran.build import load_settings
    from siaran.source import SourceFile
    from siaran.validate import Checked
    assert load_settings(ROOT / "pelicanconf.py")["ARTICLE_URL"] == RELEASE_URL
    checked = Checked(SourceFile(Path("a.md"), {}, {}, ""), "release",
                      {"date": datetime(2026, 3, 9), "title": "Uji Coba"})
    assert checked.url == release_url(datetime(2026, 3, 9), "uji-coba") == "berita/2026/03/uji-coba/"


def test_feed_file_names_come_from_one_table():
    from feeds.model import FORMATS
    from siaran.deploy.config import DEFAULT_CONTENT_TYPES
    from siaran.deploy.hooks import FEEDS
    from siaran.deploy.plan import _FEEDS
    assert [(f.name, f.mime) for f in FORMATS] == list(FEED_FILES.items())
    types = dict(DEFAULT_CONTENT_TYPES)
    for name, mime in FEED_FILES.items():
        assert types[name] == f"{mime}; charset=utf-8"
        assert FEEDS.search(f"kategori/x/{name}") and FEED_FILE_PATTERN.search(name) and _FEEDS.search(name)
    assert not FEEDS.search("kategori/x/feed.xml")
