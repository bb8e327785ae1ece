"""bench-build --incremental's "one added" scenario adds a release every run, and one the
site publishes: dated before now, after every corpus release."""
from __future__ import annotations

import re
from datetime import datetime

from siaran.bench_incremental import prepare


def dates(folder) -> dict[str, datetime]:
    found = {}
    for path in folder.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        match = re.search(r"^date: (\d{4}-\d\d-\d\d \d\d:\d\d)$", text, re.M) or \
            re.search(r'^date = "?(\d{4}-\d\d-\d\d)T(\d\d:\d\d)', text, re.M)
        found[path.name] = datetime.fromisoformat(" ".join(match.groups()) if match.lastindex == 2 else match[1])
    return found


def test_each_run_adds_a_new_public_newest_release(tmp_path):
    builders = prepare(6, tmp_path)
    for builder in builders:
        before = dates(builder.project / "content" / "berita")
        builder.add()
        after = dates(builder.project / "content" / "berita")
        (added,) = after.keys() - before.keys()
        assert max(before.values()) < after[added] < datetime.now(), builder.name
    again = prepare(6, tmp_path)
    for builder in again:
        assert not list((builder.project / "content" / "berita").rglob("1?????.md")), "an earlier run's release left"
        builder.add()
        assert len(list((builder.project / "content" / "berita").rglob("1?????.md"))) == 1



def test_a_long_corpus_is_all_published_up_to_newest():
    import random

    from siaran.corpus import NEWEST, first_date, release_text
    assert first_date(40) == datetime(2020, 1, 6, 8, 0)            # short corpora keep their dates
    last = release_text(9_999, random.Random(1), first_date(10_000))[1]
    assert f"date: {NEWEST:%Y-%m-%d %H:%M}" in last


def test_a_corpus_of_an_earlier_rule_is_made_again_with_its_projects(tmp_path):
    prepare(6, tmp_path)
    (tmp_path / "corpus" / "content" / ".complete").write_text("ok")      # an earlier run's marker
    stale = tmp_path / "siaran" / "content" / "berita" / "stale.md"
    stale.write_text("left by an earlier corpus", encoding="utf-8")
    prepare(6, tmp_path)
    assert not stale.exists()
    assert (tmp_path / "corpus" / "content" / ".complete").read_text() == "6 releases from 2020-01-06 08:00"
