"""Search in Debian Chromium on the built sample site (issue 15, Acceptance): a reader on a
phone types Indonesian words into the header form of the home page and lands on /cari/ with
the release or register document they meant first; the stemmer finds a word form the
content never uses; the unit filter narrows; drafts and withheld documents are never found;
the page loads nothing from another host, breaks no rule of its Content-Security-Policy and
has no serious axe violation at 390 and 1280 px with results and filters shown."""
from __future__ import annotations

from urllib.parse import quote, urlsplit

import pytest

from test_accessibility import AXE_TAGS, BLOCKING, describe
from test_csp_browser import RECORD_VIOLATIONS

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
MANGROVE = "berita/2026/11/brpkn-dan-warga-pesisir-utara-tanam-12-000-bibit-mangrove/"
REPORT = "informasi-publik/2025/laporan-keuangan-brpkn-tahun-anggaran-2025/"


class Reader:
    """One phone-sized tab that records what a search page must never do: a policy
    violation, a console error, a request to another host."""

    def __init__(self, context, site) -> None:
        self.site, self.page = site, context.new_page()
        self.problems: list[str] = []
        origin = urlsplit(site.url)[:2]
        self.page.on("console", lambda m: self.problems.append(f"console.{m.type}: {m.text}")
                     if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.problems.append(f"uncaught: {e}"))
        self.page.on("request", lambda r: self.problems.append(f"other host: {r.url}")
                     if urlsplit(r.url)[:2] != origin and not r.url.startswith("data:") else None)

    def open(self, path: str) -> None:
        response = self.page.goto(f"{self.site.url}/{path}", wait_until="load")
        assert response is not None and response.status == 200, path

    def results(self) -> list[str]:
        """Result links (site-relative) once the status line says the search finished."""
        self.page.wait_for_function(
            "() => { const s = document.getElementById('cari-status');"
            " return s && s.textContent && !s.textContent.endsWith('…'); }")
        hrefs = self.page.eval_on_selector_all("#cari-daftar li a", "links => links.map(a => a.href)")
        return [href.removeprefix(self.site.url + "/") for href in hrefs]

    def search(self, words: str) -> list[str]:
        self.open(f"cari/?q={quote(words)}")
        return self.results()

    def assert_clean(self) -> None:
        violations = self.page.evaluate("window.__violations")
        assert violations == [] and self.problems == [], (violations, self.problems)


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(viewport=PHONE, locale="id-ID", is_mobile=True, has_touch=True)
    context.add_init_script(script=RECORD_VIOLATIONS)
    yield context
    context.close()


@pytest.fixture
def reader(phone, site):
    reader = Reader(phone, site)
    yield reader
    reader.page.close()


def test_words_typed_in_the_header_on_a_phone_find_the_release_first(reader):
    reader.open("")
    field = reader.page.locator("header.site-header input[type=search]")
    assert field.is_visible(), "the header's search field is shown at 360 px"
    field.fill("warga tanam bibit mangrove")
    field.press("Enter")
    reader.page.wait_for_url("**/cari/?q=warga+tanam+bibit+mangrove")
    found = reader.results()
    assert found[0] == MANGROVE, found
    first = reader.page.locator("#cari-daftar li").first
    assert first.locator("a").inner_text() == "BRPKN dan Warga Pesisir Utara Tanam 12.000 Bibit Mangrove"
    assert first.locator(".meta").inner_text() == "Berita · 25 November 2026 · Direktorat Konservasi Pesisir"
    assert first.locator(".search-excerpt mark").count() > 0, "the excerpt marks the words found"
    assert reader.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], "no sideways scroll"
    reader.assert_clean()


def test_an_inflected_form_the_content_never_uses_finds_the_stem(reader, site):
    texts = [path.read_text(encoding="utf-8").lower() for path in site.folder.rglob("*.html")]
    assert not any("ditanam" in text for text in texts), "the word itself is in no page"
    assert MANGROVE in reader.search("ditanam")
    assert reader.search("penanaman")[0] == MANGROVE
    reader.assert_clean()


def test_a_public_document_is_found_by_words_of_its_title(reader):
    assert reader.search("laporan keuangan tahun anggaran")[0] == REPORT
    meta = reader.page.locator("#cari-daftar li .meta").first.inner_text()
    assert meta == "Informasi berkala · 31 Maret 2026 · Biro Perencanaan dan Keuangan", "type with its PPID class"
    reader.assert_clean()


def test_the_unit_filter_narrows_the_results(reader):
    everything = reader.search("pesisir")
    reader.page.locator("#cari-saring summary").click()
    unit = reader.page.get_by_label("Biro Hukum dan Humas", exact=True)
    unit.check()
    reader.page.wait_for_function(
        "n => document.querySelectorAll('#cari-daftar li').length > 0"
        " && document.querySelectorAll('#cari-daftar li').length < n", arg=len(everything))
    narrowed = reader.results()
    assert 0 < len(narrowed) < len(everything) and set(narrowed) <= set(everything)
    metas = reader.page.eval_on_selector_all("#cari-daftar li .meta", "ps => ps.map(p => p.textContent)")
    assert all(meta.endswith("Biro Hukum dan Humas") for meta in metas), metas
    reader.assert_clean()


def test_the_year_filter_lists_the_years_of_every_shard_and_narrows_to_one(reader):
    """Filters come from every shard (Pagefind merges them): the year filter offers both years,
    newest first, and checking one keeps that year's results only, with the sort on too."""
    everything = reader.search("pesisir")
    reader.page.locator("#cari-saring summary").click()
    years = reader.page.eval_on_selector_all('fieldset[data-filter="year"] input', "bs => bs.map(b => b.value)")
    assert years == ["2026", "2025"], years
    reader.page.get_by_label("2025", exact=True).check()
    reader.page.wait_for_function(
        "n => document.querySelectorAll('#cari-daftar li').length > 0"
        " && document.querySelectorAll('#cari-daftar li').length < n", arg=len(everything))
    dates = reader.page.eval_on_selector_all("#cari-daftar li time", "ts => ts.map(t => t.dateTime)")
    assert dates and all(date.startswith("2025-") for date in dates), dates
    count = reader.page.locator("#cari-status").inner_text()
    reader.page.select_option("#cari-urut", "date")
    reader.page.wait_for_function(
        "() => { const d = [...document.querySelectorAll('#cari-daftar li time')].map(t => t.dateTime);"
        " return d.length > 1 && d.every((v, i) => i === 0 || d[i - 1] >= v); }")
    assert reader.page.locator("#cari-status").inner_text() == count
    reader.assert_clean()


def test_a_query_in_the_url_shows_results_on_load(reader):
    found = reader.search("mangrove")
    assert MANGROVE in found
    status = reader.page.locator("#cari-status").inner_text()
    assert status == f"{len(found)} hasil untuk “mangrove”", status
    reader.assert_clean()


@pytest.mark.parametrize("words", ["ekspedisi padang lamun", "peneluran penyu"], ids=["draft", "withheld"])
def test_a_draft_or_withheld_document_is_not_found(reader, site, words):
    assert reader.search(words) == []
    assert reader.page.locator("#cari-status").inner_text() == (
        f"Tidak ada hasil untuk “{words}”. Coba kata lain atau kurangi saringan.")
    reader.assert_clean()


def test_words_found_only_in_different_years_find_nothing_together(reader, site):
    """Each year is its own Pagefind index, and Pagefind leaves out a word its index does not
    know: the 2026 shard alone would answer "mangrove tangguh" with its mangrove pages. As with
    one index for the whole site, a result must have every word the site knows."""
    assert reader.search("mangrove")[0] == MANGROVE
    assert reader.search("tangguh") == ["berita/2025/12/sekolah-pesisir-tangguh-latih-300-siswa-menghadapi-banjir-rob/"]
    assert reader.search("mangrove tangguh") == []
    assert reader.search("mangrove kataygtidakada")[0] == MANGROVE, "a word no page has is left out"
    reader.assert_clean()


@pytest.mark.parametrize("width", [390, 1280])
def test_results_and_filters_pass_axe(browser, site, axe_source, width):
    context = browser.new_context(viewport={"width": width, "height": 844}, locale="id-ID")
    context.add_init_script(script=RECORD_VIOLATIONS)
    context.add_init_script(script=axe_source)
    reader = Reader(context, site)
    try:
        assert reader.search("mangrove")
        summary = reader.page.locator("#cari-saring summary")
        if not reader.page.locator("#cari-saring").evaluate("d => d.open"):
            summary.click()
        results = reader.page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            AXE_TAGS)
        blocking = [v for v in results["violations"] if v["impact"] in BLOCKING]
        assert not blocking, f"/cari/ at {width} px:\n{describe(blocking)}"
        reader.assert_clean()
    finally:
        context.close()


@pytest.mark.parametrize("words", ["umpan", "telegram"], ids=["footer", "share-block"])
def test_words_only_in_page_chrome_are_not_indexed(reader, site, words):
    release = (site.folder / MANGROVE / "index.html").read_text(encoding="utf-8").lower()
    assert words in release, "the word is on the release page, outside what is indexed"
    assert reader.search(words) == []
    reader.assert_clean()


def test_a_title_shown_in_other_pages_links_finds_only_its_own_page(reader, site):
    """'tangguh' is in one release only; its title also stands in the other releases'
    prev/next and related blocks and in listings, none of which is indexed."""
    own = "berita/2025/12/sekolah-pesisir-tangguh-latih-300-siswa-menghadapi-banjir-rob/"
    linking = [path for path in site.folder.rglob("index.html")
               if "Sekolah Pesisir Tangguh" in path.read_text(encoding="utf-8")
               and path.parent.relative_to(site.folder).as_posix() + "/" != own]
    assert len(linking) > 3
    assert reader.search("tangguh") == [own]
    reader.assert_clean()


def test_newest_first_sorts_by_date(reader):
    """The index is in shards by year (siaran.search_shards), merged in the browser; Pagefind's
    merged search orders by score, so cari.js searches the shards one by one in date order:
    newest first holds across years, and nothing found by best match is lost."""
    reader.search("pesisir")
    status = reader.page.locator("#cari-status").inner_text()
    best = reader.page.eval_on_selector_all("#cari-daftar li time", "ts => ts.map(t => t.dateTime)")
    assert best != sorted(best, reverse=True), "best match is not already newest first"
    reader.page.select_option("#cari-urut", "date")
    newest_first = ("() => { const d = [...document.querySelectorAll('#cari-daftar li time')].map(t => t.dateTime);"
                    " return d.length > 2 && d.every((v, i) => i === 0 || d[i - 1] >= v); }")
    reader.page.wait_for_function(newest_first, timeout=10_000)
    while reader.page.locator("#cari-lagi").is_visible():
        shown = reader.page.locator("#cari-daftar li").count()
        reader.page.locator("#cari-lagi").click()
        reader.page.wait_for_function("n => document.querySelectorAll('#cari-daftar li').length > n", arg=shown)
    dates = reader.page.eval_on_selector_all("#cari-daftar li time", "ts => ts.map(t => t.dateTime)")
    assert dates[0] == "2026-11-25T09:30:00+07:00", "the newest release that has the word comes first"
    assert dates == sorted(dates, reverse=True), dates
    assert {date[:4] for date in dates} >= {"2025", "2026"}, "results from two shards"
    assert reader.page.locator("#cari-status").inner_text() == status, "as many results as best match"
    reader.assert_clean()


def test_without_javascript_the_page_says_so_and_links_the_archive(browser, site):
    context = browser.new_context(viewport=PHONE, locale="id-ID", java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site.url}/cari/?q=mangrove", wait_until="load")
        note = page.locator(".search-note").first
        assert note.is_visible()
        assert note.inner_text().startswith("Pencarian memerlukan JavaScript")
        assert note.get_by_role("link", name="Arsip berita").get_attribute("href") == f"{site.url}/arsip/"
        assert not page.locator("#cari-hasil").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("width", [360, 390, 1280])
def test_the_header_search_field_is_shown_at_every_width(browser, site, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="id-ID")
    try:
        page = context.new_page()
        page.goto(f"{site.url}/{MANGROVE}", wait_until="load")
        field = page.locator("header.site-header input[type=search]")
        assert field.is_visible() and field.bounding_box()["width"] >= 120, width
        assert page.get_by_role("search", name="Cari di situs ini").count() == 1
    finally:
        context.close()
