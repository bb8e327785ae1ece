"""plugins/read_model's entries: an Article comes back with the build's own settings and
context, and an Article that reaches them any other way is never kept."""
from __future__ import annotations

import copy
import sys
from datetime import datetime
from pathlib import Path

from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG
from pelican.urlwrappers import Category, Tag

from siaran.contracts import SERVICES_KEY, BuildServices
from siaran.executor import Executor

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "plugins"))
from read_model import ReadModel  # noqa: E402


def settings_of(path: Path) -> dict:
    settings = copy.deepcopy(DEFAULT_CONFIG)
    settings.update(PATH=str(path), TIMEZONE="Asia/Jakarta")
    settings[SERVICES_KEY] = BuildServices(Executor(1))
    return settings


def article(settings: dict, context: dict) -> Article:
    meta = {"title": "Panen Raya di Lembah Hijau", "date": datetime(2026, 11, 2, 9, 0),
            "category": Category("Berita", settings), "tags": [Tag("pangan", settings)], "slug": "panen-raya"}
    return Article("<p>Isi rilis.</p>", metadata=meta, settings=settings,
                   source_path=str(Path(settings["PATH"]) / "berita/panen.md"), context=context)


def test_an_entry_comes_back_with_this_builds_settings_and_context(tmp_path):
    first = settings_of(tmp_path)
    model = ReadModel(str(tmp_path), {"berita/panen.md": "d1"}, first, {"n": 1})
    model.put("berita/panen.md", article(first, model.context))
    assert len(list(tmp_path.iterdir())) == 1
    later, context = settings_of(tmp_path), {"n": 2}
    again = ReadModel(str(tmp_path), {"berita/panen.md": "d1"}, later, context).get("berita/panen.md")
    assert again.title == "Panen Raya di Lembah Hijau" and again.content == "<p>Isi rilis.</p>"
    assert again.settings is later and again._context is context
    assert again.category.settings is later and again.tags[0].settings is later
    assert again.url == "panen-raya.html" and again.category.slug == "berita"
    assert ReadModel(str(tmp_path), {"berita/panen.md": "d2"}, later, context).get("berita/panen.md") is None


def test_an_article_holding_the_settings_elsewhere_is_not_kept(tmp_path):
    settings = settings_of(tmp_path)
    model = ReadModel(str(tmp_path), {"berita/panen.md": "d1"}, settings, {})
    leaking = article(settings, model.context)
    leaking.extra = {"copy": settings}
    model.put("berita/panen.md", leaking)
    assert list(tmp_path.iterdir()) == [] and model.read == 1
    assert model.get("berita/panen.md") is None


def test_a_short_text_many_releases_share_is_held_once(tmp_path):
    settings = settings_of(tmp_path)
    digests = {"berita/satu.md": "d1", "berita/dua.md": "d2"}
    model = ReadModel(str(tmp_path), digests, settings, {})
    for name in digests:
        made = article(settings, model.context)
        made.unit = "".join(["Direktorat ", "Konservasi Pesisir"])     # built: a new object each time
        made.metadata["unit"] = made.unit
        model.put(name, made)
    again = ReadModel(str(tmp_path), digests, settings_of(tmp_path), {})
    one, two = again.get("berita/satu.md"), again.get("berita/dua.md")
    assert one.unit == "Direktorat Konservasi Pesisir" and one.unit is two.unit
    assert one.metadata["unit"] is two.metadata["unit"] and one.category is two.category


def test_a_release_read_afresh_shares_with_the_others_too(tmp_path):
    settings = settings_of(tmp_path)
    digests = {"berita/satu.md": "d1", "berita/dua.md": "d2"}
    model = ReadModel(str(tmp_path), digests, settings, {})
    made = []
    for name in digests:
        fresh = article(settings, model.context)
        fresh.unit = "".join(["Direktorat ", "Konservasi Pesisir"])
        model.put(name, fresh)
        made.append(fresh)
    one, two = made
    assert one.unit is two.unit and one.category is two.category and one.tags[0] is two.tags[0]
    assert one.metadata["category"] is one.category and one.settings is settings
    assert one.url == two.url == "panen-raya.html" and one.content == "<p>Isi rilis.</p>"
