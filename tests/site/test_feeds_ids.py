"""Stable entry ids: a release keeps its feed id through edits of title, slug, category, date and
SITEURL scheme, in RSS, Atom and JSON Feed alike; `invoke check` refuses a missing, malformed
or shared id (the feeds' guarantee rests on it)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from feeds_support import ATOM, entry_titles, feed_files, feeds_project, parse_xml

from siaran.build import build_site

PLUGINS = ["humas_content", "site_index", "feeds"]
RELEASE = "content/berita/2026/penanaman-mangrove-pesisir-utara.md"
RELEASE_ID = "urn:uuid:6f1c2b4e-8a3d-4c5e-9b7a-1d2e3f4a5b60"
NEW_TITLE = "Sabuk Hijau Pesisir Utara Dimulai dengan 12.000 Bibit Mangrove"


def edit(project: Path, relative: str, **changes: str) -> None:
    """Replace (or add after the title) front-matter lines of one content file."""
    path = project / relative
    text = path.read_text(encoding="utf-8")
    for key, value in changes.items():
        line = f"{key}: {value}"
        if value is None:
            text = re.sub(rf"^{key}:.*\n", "", text, count=1, flags=re.M)
        elif re.search(rf"^{key}:", text, flags=re.M):
            text = re.sub(rf"^{key}:.*$", line, text, count=1, flags=re.M)
        else:
            text = re.sub(r"^(title:.*)$", rf"\1\n{line}", text, count=1, flags=re.M)
    path.write_text(text, encoding="utf-8")


def build(project: Path, output: str, **overrides) -> dict[str, bytes]:
    summary = build_site(project / "pelicanconf.py", project / output, overrides={"PLUGINS": PLUGINS, **overrides})
    assert summary.ok, [str(p) for p in summary.problems] + summary.log_errors
    return feed_files(project / output)


def titles(files: dict[str, bytes]) -> dict[str, dict[str, str]]:
    """feed path → {entry id: title}."""
    return {path: entry_titles(path.rsplit("/", 1)[-1], data) for path, data in files.items()}


def all_ids(files: dict[str, bytes]) -> set[str]:
    return {entry_id for entries in titles(files).values() for entry_id in entries}


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    project = feeds_project(tmp_path_factory.mktemp("ids") / "project")
    before = build(project, "before")
    edit(project, RELEASE, title=NEW_TITLE, slug="sabuk-hijau-pesisir-utara", category="Siaran Pers")
    edited = build(project, "edited")
    edit(project, RELEASE, date="2026-11-26 08:00")
    moved = build(project, "moved", SITEURL="https://127.0.0.1:8000")
    return before, edited, moved


@pytest.mark.parametrize("name", ["rss.xml", "atom.xml", "feed.json"])
def test_id_survives_title_slug_and_category_change(builds, name):
    before, edited, _ = builds
    old, new = titles(before)[name], titles(edited)[name]
    assert old[RELEASE_ID] == "BRPKN dan Warga Pesisir Utara Tanam 12.000 Bibit Mangrove"
    assert new[RELEASE_ID] == NEW_TITLE
    assert {i: t for i, t in old.items() if i != RELEASE_ID} == {i: t for i, t in new.items() if i != RELEASE_ID}
    assert RELEASE_ID in titles(edited)[f"kategori/siaran-pers/{name}"]
    assert RELEASE_ID not in titles(edited).get(f"kategori/berita-utama/{name}", {})


def test_no_other_id_changes_in_any_feed(builds):
    before, edited, moved = builds
    assert all_ids(before) == all_ids(edited) == all_ids(moved)
    known = {i: t for entries in titles(before).values() for i, t in entries.items() if i != RELEASE_ID}
    for files in (edited, moved):
        for path, entries in titles(files).items():
            assert {i: t for i, t in entries.items() if i != RELEASE_ID} == \
                {i: known[i] for i in entries if i != RELEASE_ID}, path


def test_link_follows_the_new_slug_while_the_id_stays(builds):
    _, edited, moved = builds
    link = next(item.findtext("link") for item in parse_xml(edited["rss.xml"]).iter("item")
                if item.findtext("guid") == RELEASE_ID)
    assert link == "http://127.0.0.1:8000/berita/2026/11/sabuk-hijau-pesisir-utara/"
    entry = next(e for e in parse_xml(moved["atom.xml"]).iter(f"{ATOM}entry") if e.findtext(f"{ATOM}id") == RELEASE_ID)
    assert entry.findtext(f"{ATOM}published") == "2026-11-26T08:00:00+07:00"
    assert entry.find(f"{ATOM}link").get("href").startswith("https://")


def test_feed_ids_survive_a_scheme_change(builds):
    before, _, moved = builds
    for path in ("atom.xml", "kategori/siaran-pers/atom.xml"):
        assert parse_xml(before[path]).findtext(f"{ATOM}id") == parse_xml(moved[path]).findtext(f"{ATOM}id") \
            == f"tag:humas.brpkn.example,2026:feeds/{path[:-len('atom.xml')]}"


OTHER = "content/berita/2025/kapal-riset-samudra-bakti.md"
OTHER_ID = "{other_id}"


@pytest.mark.parametrize("new_id, expected", [
    (None, f"{RELEASE}:1: id: wajib diisi, tetapi tidak ada"),
    ("mangrove-2026", f"{RELEASE}:1: id: harus berupa UUID seperti 3f2b1c9e-0d4a-4b8e-9a51-2c7d8e6f1a20 "
                      f"(buat dengan `invoke new`), bukan 'mangrove-2026'"),
    (OTHER_ID, f"{RELEASE}:1: id: '{OTHER_ID}' sudah dipakai oleh {OTHER}"),   # files are checked in sorted order
])
def test_check_refuses_missing_malformed_or_shared_id(tmp_path, new_id, expected):
    project = feeds_project(tmp_path / "project")
    other_id = re.search(r"^id: (.*)$", (project / OTHER).read_text(encoding="utf-8"), flags=re.M).group(1)
    edit(project, RELEASE, id=new_id.replace(OTHER_ID, other_id) if new_id else None)
    summary = build_site(project / "pelicanconf.py", project / "output", overrides={"PLUGINS": PLUGINS})
    assert not summary.ok and not (project / "output").exists()
    assert [str(p) for p in summary.problems if p.field == "id"] == [expected.replace(OTHER_ID, other_id)]
