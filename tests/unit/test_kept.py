"""siaran.kept: one entry per content file, by path and digest; wrappers shared, settings put back."""
from __future__ import annotations

import copy
import os

from pelican.settings import DEFAULT_CONFIG
from pelican.urlwrappers import Category, Tag

from siaran.contracts import SERVICES_KEY, BuildServices
from siaran.executor import Executor
from siaran.kept import Kept, entry_name


def settings() -> dict:
    values = copy.deepcopy(DEFAULT_CONFIG)
    values[SERVICES_KEY] = BuildServices(Executor(1))
    return values


def test_tags_and_categories_come_back_shared_and_with_this_builds_settings(tmp_path):
    first = settings()
    kept = Kept(str(tmp_path), {"a.md": "1", "b.md": "2"}, first)
    for name in ("a.md", "b.md"):
        assert kept.save(name, {"tags": [Tag("pangan", first)], "category": Category("Berita", first)})
    later = settings()
    again = Kept(str(tmp_path), {"a.md": "1", "b.md": "2"}, later)
    a, b = again.load("a.md"), again.load("b.md")
    assert a["tags"][0] is b["tags"][0] and a["category"] is b["category"]
    assert a["tags"][0].settings is later and a["tags"][0].slug == "pangan"
    assert a["category"] is not a["tags"][0]


def test_an_entry_is_found_only_with_the_same_bytes_and_a_damaged_one_is_a_miss(tmp_path):
    kept = Kept(str(tmp_path), {"a.md": "1"}, settings())
    kept.save("a.md", ("<p>isi</p>", {"title": "Judul"}))
    assert Kept(str(tmp_path), {"a.md": "1"}, settings()).load("a.md") == ("<p>isi</p>", {"title": "Judul"})
    assert Kept(str(tmp_path), {"a.md": "2"}, settings()).load("a.md") is None
    assert Kept(str(tmp_path), {}, settings()).load("a.md") is None
    (tmp_path / entry_name("a.md", "1")).write_bytes(b"\x80\x05rusak")
    assert Kept(str(tmp_path), {"a.md": "1"}, settings()).load("a.md") is None


def test_a_value_holding_the_builds_services_is_not_kept(tmp_path):
    values = settings()
    kept = Kept(str(tmp_path), {"a.md": "1"}, values)
    assert not kept.save("a.md", {"copy": values})
    assert os.listdir(tmp_path) == []


def test_prune_keeps_what_it_is_told(tmp_path):
    old = Kept(str(tmp_path), {"a.md": "1", "b.md": "1"}, settings())
    old.save("a.md", 1)
    old.save("b.md", 2)
    now = Kept(str(tmp_path), {"a.md": "2", "b.md": "1"}, settings())     # a.md edited
    now.prune(now.every_file())
    assert sorted(os.listdir(tmp_path)) == [entry_name("b.md", "1")]
    assert now.load("b.md") == 2
