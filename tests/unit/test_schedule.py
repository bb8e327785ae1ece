"""siaran.schedule: the build's *now*, the public rule, and what withheld items mention."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from siaran import schedule
from siaran.dates import JAKARTA


def wib(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=JAKARTA)


def test_now_from_text_is_wib_and_the_clock_is_read_to_the_minute():
    assert schedule.parse_now("2026-12-10 09:00") == wib("2026-12-10 09:00")
    clock = datetime(2026, 12, 10, 1, 59, 42, 123456, tzinfo=timezone.utc)
    assert schedule.parse_now(None, clock=clock) == wib("2026-12-10 08:59")
    assert schedule.parse_now("", clock=clock) == wib("2026-12-10 08:59")


@pytest.mark.parametrize("text", ["10/12/2026 09.00", "2026-12-10", "besok pagi", "2026-13-01 09:00"])
def test_a_malformed_now_says_what_is_expected(text):
    with pytest.raises(ValueError) as raised:
        schedule.parse_now(text)
    assert str(raised.value) == f"--now harus berbentuk 2024-04-20 10:00 (WIB), bukan '{text}'"


def test_overrides_carry_one_resolved_moment():
    assert schedule.overrides("2026-12-10 09:00", preview=True) == {
        schedule.NOW: wib("2026-12-10 09:00"), schedule.PREVIEW: True}
    utc = datetime(2026, 12, 10, 2, 0, tzinfo=timezone.utc)
    assert schedule.overrides(utc)[schedule.NOW].utcoffset() == wib("2026-12-10 09:00").utcoffset()
    assert schedule.now_of(schedule.overrides(utc)) == wib("2026-12-10 09:00")


@pytest.mark.parametrize("status, date, now, public, scheduled", [
    ("published", "2026-12-10 09:00", "2026-12-10 08:59", False, True),
    ("published", "2026-12-10 09:00", "2026-12-10 09:00", True, False),     # at its minute: live
    ("published", "2026-12-10 09:00", "2026-12-10 09:01", True, False),
    (None, "2026-12-10 09:00", "2026-12-11 00:00", True, False),              # status defaults to published
    ("draft", "2026-12-10 09:00", "2026-12-11 00:00", False, False),          # a draft is never due
    ("draft", "2026-12-10 09:00", "2026-12-01 00:00", False, False),
])
def test_public_and_scheduled(status, date, now, public, scheduled):
    assert schedule.is_public(status, wib(date), wib(now)) is public
    assert schedule.is_scheduled(status, wib(date), wib(now)) is scheduled


@pytest.mark.parametrize("date, now, far", [
    ("2027-12-01 12:00", "2026-12-01 12:00", False),      # exactly a year: fine
    ("2027-12-01 12:01", "2026-12-01 12:00", True),
    ("2099-01-05 09:00", "2026-12-01 12:00", True),
    ("2029-02-28 10:00", "2028-02-29 10:00", False),      # a year after 29 February is 28 February
    ("2029-02-28 10:01", "2028-02-29 10:00", True),
    ("2020-01-01 00:00", "2026-12-01 12:00", False),
])
def test_more_than_a_year_ahead(date, now, far):
    assert schedule.far_ahead(wib(date), wib(now)) is far


@pytest.mark.parametrize("settings, release, page", [
    ({"DRAFT_SAVE_AS": "draf/{slug}/index.html", "DRAFT_PAGE_SAVE_AS": "draf/halaman/{slug}/index.html"}, False, False),
    ({"DRAFT_SAVE_AS": "draf/{slug}/index.html", "DRAFT_PAGE_SAVE_AS": "x", schedule.PREVIEW: True}, True, True),
    ({"DRAFT_SAVE_AS": "", "DRAFT_PAGE_SAVE_AS": "", schedule.PREVIEW: True}, False, False),   # publishconf
])
def test_only_a_preview_writes_drafts(settings, release, page):
    assert schedule.drafts_written(settings, "release") is release
    assert schedule.drafts_written(settings, "page") is page


def test_withheld_sources_live_in_the_build_context():
    context: dict = {}
    schedule.withheld_sources(context).add("berita/2026/x.md")
    assert schedule.withheld_sources(context) == {"berita/2026/x.md"} and schedule.withheld_sources({}) == set()


@pytest.mark.parametrize("value, folder, target", [
    ("/berita/2026/x.md", "berita/2025", "berita/2026/x.md"),
    ("x.md", "berita/2026", "berita/2026/x.md"),
    ("../2025/y.md#bagian", "berita/2026", "berita/2025/y.md"),
    ("/berita/2026/nama%20spasi.md", "", "berita/2026/nama spasi.md"),
])
def test_link_targets_resolve_as_pelican_does(value, folder, target):
    assert schedule.link_target(value, folder) == target


def test_source_links_give_the_body_line():
    body = "Paragraf.\n\nBaca [ini]({filename}/berita/2026/x.md) dan [itu]({filename}y.md).\n"
    assert schedule.source_links(body, "berita/2026") == [(2, "berita/2026/x.md"), (2, "berita/2026/y.md")]


def test_unlink_keeps_the_text_of_links_to_withheld_items_only():
    html = ('<p>Baca <a href="{filename}/berita/2026/x.md">pengumuman</a> dan '
            "<a class='k' href='{filename}../2025/y.md'>arsip</a>.</p>")
    assert schedule.unlink(html, "berita/2026", {"berita/2026/x.md"}) == (
        "<p>Baca pengumuman dan <a class='k' href='{filename}../2025/y.md'>arsip</a>.</p>")
    assert schedule.unlink("<p>tanpa tautan</p>", "", {"berita/2026/x.md"}) == "<p>tanpa tautan</p>"


def test_a_bare_pelican_run_reads_the_clock_once_per_build():
    settings: dict = {}
    first = schedule.now_of(settings)
    assert settings[schedule.NOW] == first and schedule.now_of(settings) is first
    assert schedule.now_of({schedule.NOW: "2026-12-10 09:00"}) == wib("2026-12-10 09:00")


def test_now_and_preview_are_not_part_of_the_reader_cache_key(tmp_path):
    """*now* decides what is published, not how a file reads: a new moment is no cold cache."""
    from siaran.build import reader_cache_path
    base = {"PATH": "content", "MARKDOWN": {"output_format": "html5"}}
    at_one = reader_cache_path({**base, **schedule.overrides("2026-12-01 12:00")}, tmp_path)
    at_other = reader_cache_path({**base, **schedule.overrides("2026-12-10 09:00", preview=True)}, tmp_path)
    assert at_one == at_other
    assert reader_cache_path({**base, "MARKDOWN": {"output_format": "xhtml"}}, tmp_path) != at_one


def test_now_and_preview_leave_the_build_marker_digest_alone(tmp_path):
    """Deploy compares the build's settings digest with the target's settings file, which has no
    *now*: the moment of a build must not make it look like another site's."""
    from siaran.marker import settings_digest
    base = {"SITEURL": "https://humas.brpkn.example", "PATH": str(tmp_path / "content")}
    assert settings_digest({**base, **schedule.overrides("2026-12-10 09:00", preview=True)}, tmp_path) == \
        settings_digest(base, tmp_path)
    assert settings_digest({**base, "SITEURL": "https://lain.example"}, tmp_path) != settings_digest(base, tmp_path)


def test_the_timeline_says_when_now_decides_otherwise():
    """Equal decisions at two moments, equal output: the engine's no-change answer rests on it."""
    timeline = schedule.Timeline.of([(None, wib("2026-12-10 09:00")), ("published", wib("2026-11-02 08:00")),
                                     ("draft", wib("2026-12-20 10:00"))])
    assert timeline.due == tuple(int(wib(t).timestamp()) for t in ("2026-11-02 08:00", "2026-12-10 09:00"))
    at = timeline.decisions
    assert at(wib("2026-12-01 12:00")) == at(wib("2026-12-10 08:59"))     # nothing fell due between
    assert at(wib("2026-12-10 08:59")) != at(wib("2026-12-10 09:00"))     # due at its minute, not later
    assert at(wib("2026-12-10 09:00")) == at(wib("2026-12-31 23:00"))     # a draft's date publishes nothing
    assert at(wib("2026-11-01 12:00")) != at(wib("2026-12-01 12:00"))     # going back un-publishes


def test_the_timeline_follows_far_ahead_warnings_and_the_now_they_name():
    """A date more than a year ahead (drafts too) is warned about with *now* in the sentence:
    while one is, every moment decides otherwise; once it is within a year, it counts no more."""
    timeline = schedule.Timeline.of([("draft", wib("2028-01-05 09:00"))])
    at = timeline.decisions
    assert at(wib("2026-12-01 12:00")) != at(wib("2026-12-01 12:15"))
    assert at(wib("2027-01-05 09:00")) == at(wib("2027-06-01 09:00"))
    assert schedule.Timeline().decisions(wib("2026-12-01 12:00")) == (0, 0, None)
