"""Scheduled releases and register items, built for real at several moments (`now`).

Before its time a scheduled item is nowhere in the output, and the output is the
one the content would give without it; at its time it is everywhere a release
shows; the two outputs differ only there; the same moment gives the same bytes.
"""
from __future__ import annotations

from siaran.search import FINGERPRINTED

import difflib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest
from schedule_support import (ATTACHMENT, BEFORE, DRAFT, DUE, ITEM, ITEM_ID, LINKING, PHOTO, RELEASE,
                              RELEASE_ID, RELEASE_URL, STILL_BEFORE, add_link, add_release, add_scheduled,
                              mentions)

ROOT = Path(__file__).resolve().parents[2]
TITLE = "Menteri Umumkan Zona Lindung Penyu Zamrud"
ITEM_TITLE = "Peta Zona Lindung Penyu Zamrud"


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """One project with all the scheduled content, built before, still before, and at
    DUE; a copy without it (its link as plain text) built before; a copy with the
    scheduled release alone, built before and at DUE: {name: {path: bytes}}."""
    from site_support import copy_project

    from siaran.build import build_site
    project = copy_project(tmp_path_factory.mktemp("schedule") / "project")
    plain = copy_project(tmp_path_factory.mktemp("schedule") / "plain")
    alone = copy_project(tmp_path_factory.mktemp("schedule") / "alone")
    add_scheduled(project / "content")
    add_link(plain / "content", as_text=True)
    add_release(alone / "content")
    found = {}
    for name, where, now in (("without", plain, BEFORE), ("before", project, BEFORE),
                             ("still-before", project, STILL_BEFORE), ("again", project, BEFORE),
                             ("due", project, DUE), ("alone-before", alone, BEFORE), ("alone-due", alone, DUE)):
        output = where / f"output-{name}"
        summary = build_site(where / "pelicanconf.py", output, now=now)
        assert summary.ok, [str(p) for p in summary.problems] + summary.log_errors
        found[name] = {p.relative_to(output).as_posix(): p.read_bytes()
                       for p in sorted(output.rglob("*")) if p.is_file()}
    found["project"] = project
    return found


def test_before_its_time_nothing_shows_it(builds):
    before = builds["before"]
    assert mentions(before) == []
    assert PHOTO not in before and ATTACHMENT not in before
    assert not any(name.startswith("draf/") for name in before)


def test_before_its_time_the_output_is_the_one_without_it(builds):
    """Not only hidden: the whole tree equals a build of the content without those files."""
    without, before = builds["without"], builds["before"]
    assert sorted(before) == sorted(without)
    assert [name for name in before if before[name] != without[name]] == []


def test_same_now_same_bytes_and_a_later_now_with_nothing_due_changes_nothing(builds):
    assert builds["again"] == builds["before"]
    assert builds["still-before"] == builds["before"]


def test_at_its_time_it_shows_in_its_page_listings_feeds_and_register(builds):
    due = builds["due"]
    page = due[RELEASE_URL + "index.html"].decode()
    assert f">{TITLE}</h1>" in page
    assert PHOTO in due and ATTACHMENT in due
    for listing in ("index.html", "kategori/siaran-pers/index.html", "topik/keterbukaan-informasi/index.html",
                    "unit/biro-hukum-dan-humas/index.html", "arsip/2026/12/index.html"):
        assert TITLE in due[listing].decode(), listing
    for feed in ("rss.xml", "atom.xml", "kategori/siaran-pers/rss.xml", "topik/keterbukaan-informasi/atom.xml"):
        assert TITLE in [entry.title for entry in feedparser.parse(due[feed]).entries], feed
    assert TITLE in [item["title"] for item in json.loads(due["feed.json"])["items"]]
    assert RELEASE_URL.encode() in due["sitemap.xml"] and RELEASE_URL.encode() in due["news-sitemap.xml"]
    assert "social/menteri-umumkan-zona-lindung-penyu-zamrud.json" in due
    assert TITLE in due["meja-sosial/index.html"].decode()
    linking = due["berita/2026/11/portal-satu-data-pesisir-resmi-dibuka-untuk-publik/index.html"].decode()
    assert f'href="http://127.0.0.1:8000/{RELEASE_URL}"' in linking
    register = json.loads(due["informasi-publik/dip.json"])
    assert ITEM_ID in json.dumps(register) and ITEM_TITLE in due["informasi-publik/index.html"].decode()
    # a draft never reaches a non-preview build, due or not
    assert not any("rencana-zamrud" in name for name in due) and b"Rencana Zamrud" not in b"".join(due.values())


def changed_lines(old: bytes, new: bytes) -> list[str]:
    diff = difflib.unified_diff(old.decode().splitlines(), new.decode().splitlines(), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def test_the_two_outputs_differ_only_where_the_release_shows(builds):
    """The scheduled release alone, before and at its time."""
    before, due = builds["alone-before"], builds["alone-due"]
    # The search index's files are named by their bytes: the new release renames some (siaran.search).
    assert {name for name in before if not FINGERPRINTED.search(name)} <= set(due)
    changed = sorted(name for name in due if before.get(name) != due[name] and not name.startswith("pagefind/"))
    showing = set(mentions({name: due[name] for name in changed}))
    assert {PHOTO, RELEASE_URL + "index.html", "index.html", "rss.xml", "sitemap.xml"} <= showing
    # Pages that count or date the release without naming it: the counts of its category,
    # topics and unit, its month in the archive index, and the register report, whose
    # reference date is the newest public date (docs/publishing.md).
    counting = {"kategori/index.html", "topik/index.html", "unit/index.html", "arsip/index.html"}
    report = "informasi-publik/laporan/index.html"
    assert sorted(set(changed) - showing) == sorted(counting | {report})
    for name in sorted(counting):
        lines = changed_lines(before[name], due[name])
        assert 1 <= len(lines) <= 2 and "</a> " in lines[-1], (name, lines)     # one count, or one month
    assert ('+<p>Tanggal acuan build ini: <time datetime="2026-12-10T09:00:00+07:00">10 Desember 2026</time>.'
            in [line.split("   ")[0] for line in changed_lines(before[report], due[report])])


def test_check_lists_scheduled_items_and_warns_far_ahead(builds, tmp_path):
    project = builds["project"]
    far = project / "content" / "berita" / "2026" / "salah-tahun.md"
    far.write_text((project / "content" / RELEASE).read_text(encoding="utf-8")
                   .replace(RELEASE.split("/")[-1], "x").replace(DUE, "2099-01-05 09:00")
                   .replace("Menteri Umumkan Zona", "Kepala Umumkan Kawasan")
                   .replace("5d0c8f7e-2b1a-4c3d-9e8f-7a6b5c4d3e21", "5d0c8f7e-2b1a-4c3d-9e8f-7a6b5c4d3e22"),
                   encoding="utf-8")
    try:
        result = subprocess.run([sys.executable, "-m", "invoke", "--search-root", str(ROOT), "check",
                                 "--settings", str(project / "pelicanconf.py"), "--now", BEFORE],
                                capture_output=True, text=True, cwd=project)
    finally:
        far.unlink()
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:3] == [
        "content/berita/2026/salah-tahun.md: terjadwal Senin, 5 Januari 2099 09.00 WIB",
        f"content/{RELEASE}: terjadwal Kamis, 10 Desember 2026 09.00 WIB",
        f"content/{ITEM}: terjadwal Kamis, 10 Desember 2026 09.00 WIB",
    ]
    assert result.stderr.splitlines() == [
        f"content/{LINKING}:23: peringatan: body: menaut content/{RELEASE}, yang belum terbit; "
        "sampai terbit, tautan ini tampil sebagai teks biasa",
        "content/berita/2026/salah-tahun.md:3: peringatan: date: lebih dari setahun setelah sekarang "
        "(Selasa, 1 Desember 2026 12.00 WIB); salah ketik tahun?"]
    assert DRAFT not in result.stdout and LINKING not in result.stdout


def test_a_bad_now_is_one_line_not_a_traceback(builds):
    project = builds["project"]
    result = subprocess.run([sys.executable, "-m", "invoke", "--search-root", str(ROOT), "check",
                             "--settings", str(project / "pelicanconf.py"), "--now", "10/12/2026 09.00"],
                            capture_output=True, text=True, cwd=project)
    assert result.returncode == 2
    assert result.stderr.strip() == "--now harus berbentuk 2024-04-20 10:00 (WIB), bukan '10/12/2026 09.00'"


def test_output_keeps_no_copy_of_withheld_files_between_builds(builds):
    """The photo and the attachment reach output/ only in the build at DUE."""
    assert PHOTO in builds["due"] and PHOTO not in builds["still-before"]


def test_the_preview_shows_them_with_banners_and_the_public_build_never_does(make_site):
    add_scheduled(make_site.project / "content")
    preview = make_site(preview=True, output="preview")
    assert preview.summary.ok, [str(p) for p in preview.summary.problems] + preview.summary.log_errors
    scheduled = preview.html("draf/menteri-umumkan-zona-lindung-penyu-zamrud/")
    banner = scheduled.select_one("p.preview-banner")
    assert banner.get_text(" ", strip=True) == ("Terjadwal · terbit otomatis pada Kamis, 10 Desember 2026 09.00 WIB "
                                                "· hanya pratinjau, tidak ada di situs publik")
    assert scheduled.select_one('meta[name="robots"]')["content"] == "noindex"
    draft = preview.html("draf/rencana-zamrud-masih-disusun/")
    assert draft.select_one("p.preview-banner").get_text(" ", strip=True) == (
        "Draf · belum diterbitkan · hanya pratinjau, tidak ada di situs publik")
    # listed nowhere, even in a preview: only their own pages are added
    assert TITLE not in preview.html("").get_text() and TITLE not in (preview.output / "rss.xml").read_text()
    public = make_site(settings="publishconf.py", output="public")
    assert public.summary.ok, [str(p) for p in public.summary.problems] + public.summary.log_errors
    files = public.files()
    assert mentions(files) == [] and not any(name.startswith("draf/") for name in files)
    assert not any(b"preview-banner" in data for name, data in files.items() if name.endswith(".html"))
    with pytest.raises(ValueError, match="publishconf.py membangun situs publik"):
        make_site(settings="publishconf.py", output="public", preview=True)
    shutil.rmtree(preview.output)


def tree(output: Path) -> dict[str, bytes]:
    return {p.relative_to(output).as_posix(): p.read_bytes() for p in sorted(output.rglob("*")) if p.is_file()}


def link_from_an_old_release(content: Path) -> str:
    """A link to the scheduled release from the oldest sample release, neither its
    neighbour nor related to it (no page key of it changes because of the release);
    returns that release's page."""
    old = content / "berita" / "2025" / "kapal-riset-samudra-bakti.md"
    old.write_text(old.read_text(encoding="utf-8") + f"\nBaca juga [zona lindung]({{filename}}/{RELEASE}).\n",
                   encoding="utf-8")
    return "berita/2025/08/kapal-riset-samudra-bakti-mulai-survei-arus-selat-timur/index.html"


def test_with_the_engine_a_release_goes_live_at_its_hour_though_no_file_changed(tmp_path):
    """One project, one output/, the engine's state and output store kept between runs,
    as a publish job does every 15 minutes. Only *now* moves: while nothing falls due
    the build is a no-change one, and the run at DUE renders the release everywhere,
    byte for byte what a clean build at DUE makes; back before DUE it is gone again.
    An old release, no neighbour of the scheduled one, links to it: its page changes
    at DUE (the link's text becomes the link) though neither file did."""
    from site_support import copy_project

    from siaran.build import build_site
    project = copy_project(tmp_path / "project")
    add_scheduled(project / "content")
    old_page = link_from_an_old_release(project / "content")
    output = project / "output"

    def run(now: str, **kwargs):
        summary = build_site(project / "pelicanconf.py", output, now=now, **kwargs)
        assert summary.ok, [str(p) for p in summary.problems] + summary.log_errors
        return summary

    first = run(BEFORE)
    before = tree(output)
    assert first.rendered > 0 and mentions(before) == []
    assert "Baca juga zona lindung." in before[old_page].decode()
    waiting = run(STILL_BEFORE)
    assert (waiting.rendered, tree(output)) == (0, before)          # nothing due: the no-change answer
    assert [str(p) for p in waiting.problems] == [str(p) for p in first.problems]

    due = run(DUE)
    live = tree(output)
    assert due.rendered > 0 and due.kept > 0                         # incremental, not a clean build
    assert f">{TITLE}</h1>" in live[RELEASE_URL + "index.html"].decode()
    assert TITLE in live["index.html"].decode() and PHOTO in live and ATTACHMENT in live
    assert TITLE in [entry.title for entry in feedparser.parse(live["rss.xml"]).entries]
    assert ITEM_ID in live["informasi-publik/dip.json"].decode()
    assert f'<a href="http://127.0.0.1:8000/{RELEASE_URL}">zona lindung</a>' in live[old_page].decode()
    assert not any("terjadwal" in str(p) for p in due.problems)

    clean = project.parent / "clean"
    shutil.copytree(project, clean, symlinks=True, ignore=shutil.ignore_patterns(".cache", "output*"))
    summary = build_site(clean / "pelicanconf.py", clean / "output", now=DUE, full=True)
    assert summary.ok and summary.kept == 0
    assert live == tree(clean / "output")

    assert run(DUE).rendered == 0                                    # due and built: nothing more to do
    back = run(BEFORE)                                               # only a test turns the clock back
    assert back.rendered > 0 and tree(output) == before


def test_the_checks_timeline_holds_the_dates_of_releases_and_register_items(builds):
    """What the engine's no-change answer asks (siaran.build.same_decisions): the register's
    dates come from its plugin's check, the releases' from the checker."""
    from siaran.build import check
    from siaran.dates import parse_local
    timeline = check(builds["project"] / "pelicanconf.py", now=BEFORE).timeline
    due = int(parse_local(DUE).timestamp())
    assert timeline.due.count(due) == 2                     # the release and the register item
    draft = int(parse_local("2026-11-30 10:00").timestamp())
    assert draft in timeline.dated and draft not in timeline.due


def test_a_serve_preview_session_moves_a_release_from_draf_to_its_page_at_its_hour(tmp_path):
    """serve keeps the engine's state in memory (siaran.serve.Previewer); without --now it
    reads the clock at each rebuild, here set by hand: the next rebuild after DUE shows the
    release where the public will see it, and the link to it follows, with no file changed."""
    from site_support import copy_project

    from siaran.serve import Previewer
    project = copy_project(tmp_path / "project")
    add_scheduled(project / "content")
    linking = link_from_an_old_release(project / "content")
    session = Previewer(project, project / "pelicanconf.py", now=BEFORE, preview=True)
    assert session.rebuild().ok
    draft_page = "draf/menteri-umumkan-zona-lindung-penyu-zamrud/index.html"
    before = tree(project / "output")
    assert draft_page in before and RELEASE_URL + "index.html" not in before
    assert f'href="http://127.0.0.1:8000/{draft_page[:-len("index.html")]}"' in before[linking].decode()
    session.now = DUE
    summary = session.rebuild()
    assert summary.ok and summary.rendered > 0
    live = tree(project / "output")
    assert draft_page not in live and f">{TITLE}</h1>" in live[RELEASE_URL + "index.html"].decode()
    assert f'href="http://127.0.0.1:8000/{RELEASE_URL}"' in live[linking].decode()


def test_a_file_public_content_also_uses_is_published_before_the_hour(tmp_path):
    """Held back are the files only withheld content uses: a photo a public release shows
    is published though a scheduled release names it too; the scheduled one's own is not."""
    from site_support import copy_project

    from siaran.build import build_site
    project = copy_project(tmp_path / "project")
    add_release(project / "content")
    shared = "gambar/berita/terumbu-karang.jpg"
    release = project / "content" / RELEASE
    release.write_text(release.read_text(encoding="utf-8").replace(f"image: {PHOTO}", f"image: {shared}")
                       .replace(f"{ATTACHMENT}", PHOTO), encoding="utf-8")
    summary = build_site(project / "pelicanconf.py", project / "output", now=BEFORE)
    assert summary.ok, [str(p) for p in summary.problems] + summary.log_errors
    files = tree(project / "output")
    assert shared in files and PHOTO not in files and mentions(files) == []
