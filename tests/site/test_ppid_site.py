"""The PPID register built for real from the sample content, read back with real parsers."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
from pathlib import Path

import feedparser
import jsonschema
import pytest
from bs4 import BeautifulSoup

from ppid.load import load
from siaran.build import build_site
from siaran.problems import WARNING

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "docs" / "schemas" / "dip.schema.json").read_text(encoding="utf-8"))
BASE = "informasi-publik/"
CATEGORIES = ("berkala", "serta-merta", "setiap-saat", "dikecualikan")


def page(output: Path, url: str) -> BeautifulSoup:
    path = output / url
    if url == "" or url.endswith("/"):
        path = path / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def row_titles(soup: BeautifulSoup) -> list[str]:
    return [th.get_text(strip=True) for th in soup.select("table.dip-table tbody th[scope=row]")]


def project_copy(target: Path) -> Path:
    """Settings copied, theme and plugins linked, content copied (so a test may change it)."""
    target.mkdir(parents=True)
    shutil.copy(ROOT / "pelicanconf.py", target / "pelicanconf.py")
    for name in ("theme", "plugins", "node_modules"):   # node_modules: the CMS bundle, when installed
        if (ROOT / name).exists():
            (target / name).symlink_to(ROOT / name)
    shutil.copytree(ROOT / "content", target / "content")
    return target


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = project_copy(tmp_path_factory.mktemp("ppid") / "project")
    summary = build_site(project / "pelicanconf.py", project / "output")
    assert summary.ok, [str(p) for p in summary.problems] + summary.log_errors
    assert [str(p) for p in summary.problems if "informasi-publik" in p.path] == []
    return project


@pytest.fixture(scope="module")
def register(site):
    return load(site / "content", site).items


def test_sample_register_covers_all_categories(register):
    assert len(register) >= 12
    assert {item.category for item in register} == set(CATEGORIES)
    assert all(item.legal_basis for item in register if item.category == "dikecualikan")
    assert any(item.attachments for item in register)


def test_every_item_is_in_the_table_and_its_category_year_and_unit_pages(site, register):
    output = site / "output"
    index = page(output, BASE)
    assert sorted(row_titles(index)) == sorted(item.title for item in register)
    for item in register:
        for url in (f"{BASE}kategori/{item.category}/", f"{BASE}tahun/{item.year}/", item.url):
            assert item.title in page(output, url).get_text(), (item.title, url)
        assert item.title in row_titles(page(output, f"{BASE}kategori/{item.category}/"))
        assert item.title in row_titles(page(output, f"{BASE}tahun/{item.year}/"))
        assert item.title in row_titles(page(output, f"{BASE}unit/{item.unit_slug}/"))
        assert page(output, item.url).h1.get_text(strip=True) == item.title


def test_category_pages_hold_only_their_category(site, register):
    for category in CATEGORIES:
        soup = page(site / "output", f"{BASE}kategori/{category}/")
        assert sorted(row_titles(soup)) == sorted(i.title for i in register if i.category == category)


def test_dip_json_is_valid_and_complete(site, register):
    data = json.loads((site / "output" / BASE / "dip.json").read_bytes())
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(data)
    assert {i["id"] for i in data["items"]} == {item.id for item in register}
    assert [i["number"] for i in data["items"]] == list(range(1, len(register) + 1))


def test_dip_csv_has_one_row_per_item(site, register):
    text = (site / "output" / BASE / "dip.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert sorted(r["id"] for r in rows) == sorted(item.id for item in register)


def test_sizes_and_sha256_match_the_published_files(site, register):
    output = site / "output"
    data = json.loads((output / BASE / "dip.json").read_bytes())
    seen = 0
    for record in data["items"]:
        for file in record["attachments"]:
            path = output / file["url"].split("/", 3)[3]
            body = path.read_bytes()
            assert (file["size"], file["sha256"]) == (len(body), hashlib.sha256(body).hexdigest())
            seen += 1
    assert seen >= 5
    for item in register:
        rows = page(output, item.url).select("table.dip-files-table tbody tr")
        assert len(rows) == len(item.attachments)
        for row, attachment in zip(rows, item.attachments):
            body = (output / attachment.url).read_bytes()
            assert row["data-sha256"] == hashlib.sha256(body).hexdigest() == row.code.get_text()
            assert int(row["data-size"]) == len(body)


def test_dcat_catalogue_lists_every_item(site, register):
    catalog = json.loads((site / "output" / BASE / "katalog.json").read_bytes())
    assert {d["dct:identifier"] for d in catalog["dcat:dataset"]} == {item.id for item in register}


def test_exempt_items_show_legal_basis_and_no_download(site, register):
    for item in (i for i in register if i.category == "dikecualikan"):
        soup = page(site / "output", item.url)
        assert item.legal_basis in soup.select_one(".dip-exempt").get_text()
        assert not soup.select("a[download]")


def test_every_item_is_in_the_feed(site, register):
    pytest.importorskip("feeds.render", reason="plugins/feeds not present")
    output = site / "output" / BASE
    ids = {f"urn:uuid:{item.id}" for item in register}
    for name in ("rss.xml", "atom.xml"):
        parsed = feedparser.parse((output / name).read_bytes())
        assert not parsed.bozo, (name, parsed.get("bozo_exception"))
        assert parsed.feed.title.startswith("Daftar Informasi Publik – "), (
            f"{name} was overwritten by another generator ({parsed.feed.title!r}): a plugin registered by an "
            "earlier in-process build is still connected to Pelican's signals")
        assert {entry.id for entry in parsed.entries} == ids, name
    feed = json.loads((output / "feed.json").read_bytes())
    assert {entry["id"] for entry in feed["items"]} == ids
    index = page(site / "output", BASE)
    assert index.find("link", rel="alternate", href=lambda h: h and h.endswith(BASE + "atom.xml"))
    feeds_page = site / "output" / "feeds" / "index.html"          # context["extra_feeds"] (docs/feeds.md)
    if feeds_page.exists():
        assert f"/{BASE}atom.xml" in feeds_page.read_text(encoding="utf-8")


def test_tables_and_filters_are_semantic(site, register):
    output = site / "output"
    for url in (BASE, f"{BASE}kategori/berkala/", f"{BASE}tahun/2026/", register[0].url):
        soup = page(output, url)
        for table in soup.find_all("table"):
            assert table.caption and table.caption.get_text(strip=True), url
            assert all(th.get("scope") in ("col", "row") for th in table.find_all("th")), url
            region = table.find_parent(attrs={"role": "region"})
            assert region and region["tabindex"] == "0" and soup.find(id=region["aria-labelledby"])
    index = page(output, BASE)
    form = index.select_one("form.dip-filter")
    assert form.has_attr("hidden")                       # shown by dip-filter.js only
    for select in form.find_all("select"):
        assert index.find("label", attrs={"for": select["id"]}).get_text(strip=True)
    assert index.find("script", src=lambda s: s and s.endswith("/js/dip-filter.js"))
    assert (output / "theme" / "js" / "dip-filter.js").is_file()
    nav = index.select_one("nav.dip-browse")
    links = {a["href"].split("/", 3)[3] for a in nav.find_all("a")}
    assert {f"{BASE}kategori/{c}/" for c in CATEGORIES} <= links


def test_menu_link_ppid_pages_and_sitemap(site):
    output = site / "output"
    home = page(output, "")
    menu = home.select_one("nav.site-nav")
    assert menu.find("a", href=lambda h: h and h.endswith("/" + BASE)).get_text(strip=True) == "Informasi Publik"
    pages = ["profil-ppid/", "maklumat-pelayanan/", "permohonan-informasi/", "pengajuan-keberatan/"]
    index = page(output, BASE)
    listed = [a["href"].split("/", 3)[3] for a in index.select("nav.dip-services a")]
    assert listed == [BASE + p for p in pages]
    for name in pages:
        soup = page(output, BASE + name)
        assert soup.select_one(".breadcrumbs a[href$='/%s']" % BASE)
        assert name not in str(menu)                     # hidden pages stay out of the main menu
    sitemap = (output / BASE / "sitemap.xml").read_text(encoding="utf-8")
    assert all(f"/{BASE}{p}</loc>" in sitemap for p in pages)
    assert f"/{BASE}laporan/" not in sitemap
    assert f"Sitemap: http://127.0.0.1:8000/{BASE}sitemap.xml" in (output / "robots.txt").read_text()


def test_report_page_is_noindex_and_says_all_fresh(site):
    soup = page(site / "output", f"{BASE}laporan/")
    assert soup.find("meta", attrs={"name": "robots"})["content"].startswith("noindex")
    assert soup.select_one(".dip-all-fresh") and not soup.select("tr.dip-stale-row")


def test_attachments_are_copied_once_by_pelican(site):
    output = site / "output"
    sources = sorted(p.relative_to(site / "content").as_posix() for p in (site / "content" / "dokumen").rglob("*")
                     if p.is_file())
    copies = sorted(p.relative_to(output).as_posix() for p in output.rglob("*")
                    if p.is_file() and p.name in {Path(s).name for s in sources})
    assert copies == sources


# -- changed content: errors, warnings, settings ----------------------------------------------

@pytest.fixture(scope="module")
def changed(tmp_path_factory):
    """One copy of the project per module; each test restores what it changes."""
    return project_copy(tmp_path_factory.mktemp("ppid-changed") / "project")


def edit(path: Path, old: str, new: str) -> str:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text


def test_exempt_item_with_attachment_fails_the_build_and_leaves_output_untouched(changed):
    output = changed / "output"
    output.mkdir(exist_ok=True)
    (output / "marker.txt").write_text("old site")
    source = changed / "content" / "informasi-publik" / "dikecualikan" / "lokasi-peneluran-penyu.md"
    secret = changed / "content" / "dokumen" / "informasi-publik" / "2026" / "koordinat-penyu.csv"
    secret.write_text("lat,lon\n-5.1,120.3\n")
    original = edit(source, "retention: 10 tahun\n",
                    "retention: 10 tahun\nattachments: dokumen/informasi-publik/2026/koordinat-penyu.csv\n")
    try:
        summary = build_site(changed / "pelicanconf.py", output)
    finally:
        source.write_text(original, encoding="utf-8")
        secret.unlink()
    assert not summary.ok
    assert [str(p) for p in summary.problems if p.severity != WARNING] == [
        "content/informasi-publik/dikecualikan/lokasi-peneluran-penyu.md:9: attachments: informasi 'dikecualikan' "
        "tidak boleh punya lampiran: berkas ini akan ikut terbit. Hapus baris attachments dan berkasnya dari dokumen/"]
    assert str(summary) == "Build dibatalkan: 1 galat. Folder output/ tidak diubah."
    assert [p.name for p in output.iterdir()] == ["marker.txt"]
    assert not output.with_name("output.staging").exists()


def test_stale_berkala_is_a_warning_in_check_and_listed_on_the_report(changed):
    from siaran.build import check
    source = changed / "content" / "informasi-publik" / "berkala" / "laporan-keuangan-2025.md"
    original = edit(source, "updated: 2026-07-20 10:00", "updated: 2026-04-30 10:00")
    try:
        result = check(changed / "pelicanconf.py")
        summary = build_site(changed / "pelicanconf.py", changed / "output")
        strict = build_site(changed / "pelicanconf.py", changed / "output-strict", strict=True)
    finally:
        source.write_text(original, encoding="utf-8")
    expected = ("content/informasi-publik/berkala/laporan-keuangan-2025.md:8: peringatan: updated: informasi berkala "
                "terakhir diperbarui 30 April 2026, lebih dari 6 bulan sebelum tanggal acuan 25 November 2026; "
                "perbarui isinya lalu ubah 'updated'")
    assert [str(p) for p in result.problems if "informasi-publik" in p.path] == [expected]
    assert result.ok and summary.ok and not strict.ok
    report = page(changed / "output", f"{BASE}laporan/")
    rows = report.select("tr.dip-stale-row")
    assert [r.th.get_text(strip=True) for r in rows] == ["Laporan Keuangan BRPKN Tahun Anggaran 2025"]
    assert "content/informasi-publik/berkala/laporan-keuangan-2025.md" in rows[0].get_text()


def test_reference_date_setting_drives_the_report(changed):
    summary = build_site(changed / "pelicanconf.py", changed / "output-ref",
                         overrides={"PPID_REFERENCE_DATE": "2027-03-01"})
    assert summary.ok
    report = page(changed / "output-ref", f"{BASE}laporan/")
    stale = {r.th.get_text(strip=True) for r in report.select("tr.dip-stale-row")}
    # limit 2026-09-01 00:00 WIB: every berkala item updated before it, not the one updated that morning
    assert stale == {"Profil dan Struktur Organisasi BRPKN 2026", "Realisasi Anggaran Semester I 2026",
                     "Laporan Keuangan BRPKN Tahun Anggaran 2025", "Laporan Kinerja BRPKN Tahun 2025",
                     "Laporan Layanan Informasi Publik 2025", "Rencana Strategis BRPKN 2025–2029"}
    assert report.find("time", datetime="2027-03-01T00:00:00+07:00")


def test_same_content_same_bytes(site, changed):
    again = build_site(changed / "pelicanconf.py", changed / "output-again")
    assert again.ok
    for name in ("dip.json", "dip.csv", "katalog.json", "sitemap.xml", "atom.xml", "index.html"):
        first, second = site / "output" / BASE / name, changed / "output-again" / BASE / name
        if first.exists():
            assert first.read_bytes() == second.read_bytes(), name
