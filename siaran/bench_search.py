"""bench-build --search: what the search index costs at N releases (issue 15).

For each size, on the generated corpus (siaran.bench.prepare): one full build with
an empty .cache/search/ (the search stage then runs Pagefind: cold index time),
the stage again over the same tree with its kept index, the build's store, its
plan's page bodies and a parallel executor (what a rebuild whose indexed text is
unchanged pays: pages outside the plan read, the rest stat'ed, the kept bundle
linked; a no-change build pays nothing), median of 3; the stage after one release's page is
rewritten with one more sentence (what an edit to that release pays: Pagefind runs for its
year's shard only, siaran.search_shards), for the newest release and for one in the largest
shard; the bundle's files and bytes, and what one search costs
a reader: the bytes of the requests /cari/?q=WORDS makes in Debian Chromium for
the search code, the index and the first results (as served, before the CDN's
gzip; Pagefind's own index files are already compressed).
"""
from __future__ import annotations

import shutil
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

from siaran.bench import ROOT, prepare
from siaran.depmap import SiteState
from siaran.executor import Executor, default_workers
from siaran.output import OutputStore
from siaran.search import BUNDLE, INDEXED_START, REPORT, index_site, page_bodies

QUERY = "pemantauan pesisir"
"""Words of the corpus's vocabulary (siaran.corpus.WORDS): a search with many results."""


@dataclass
class SearchCost:
    releases: int
    pages: int
    files: int
    size: int
    build: float
    cold: float
    kept: float
    read: int
    shards: int
    edits: list[tuple[str, float, str]]
    """(release edited, stage seconds, shards Pagefind ran for)."""
    requests: int
    download: int
    results: str


def reader_download(folder: Path, url: str, query: str) -> tuple[int, int, str]:
    """(requests, bytes, status line) of one search in Chromium, code and index included:
    what the search page loads after the home page (whose stylesheet it shares)."""
    from playwright.sync_api import sync_playwright
    origin = urlsplit(url)[:2]
    sizes: dict[str, int] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                             args=["--headless", "--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(f"{url}/", wait_until="load")      # the page a reader searches from
        page.wait_for_load_state("networkidle")

        def counting(request) -> None:
            if urlsplit(request.url)[:2] == origin:
                sizes[request.url] = request.sizes()["responseBodySize"]
        page.on("requestfinished", counting)
        page.goto(f"{url}/cari/?q={quote(query)}", wait_until="load")
        page.wait_for_function("() => { const s = document.getElementById('cari-status');"
                               " return s && s.textContent && !s.textContent.endsWith('…'); }")
        page.wait_for_load_state("networkidle")
        status = page.locator("#cari-status").inner_text()
        browser.close()
    return len(sizes), sum(sizes.values()), status


def edit_page(output: Path, page: str) -> None:
    """One more sentence at the start of the page's indexed article, written as the engine
    writes a page (a new file: the old one is a link into the output store)."""
    path = output / page
    data = path.read_bytes()
    at = data.index(b"<p", data.index(INDEXED_START))
    path.unlink()
    path.write_bytes(data[:at] + b"<p>Ralat: satu kalimat baru untuk uji indeks.</p>" + data[at:])


def measure(n: int, workdir: Path) -> SearchCost:
    from siaran.build import build_site, state_path
    from siaran.lighthouse import StaticServer
    project = prepare(n, workdir)
    output = project / "out-search"
    shutil.rmtree(project / ".cache" / "search", ignore_errors=True)
    server = StaticServer(output)
    try:
        summary = build_site(project / "pelicanconf.py", output, overrides={"SITEURL": server.url}, full=True)
        if not summary.ok:
            raise RuntimeError(f"build failed: {summary.log_errors or summary.problems[:5]}")
        cold = summary.reports[REPORT]
        settings = {"DEFAULT_LANG": "id", "PATH": str(project / "content")}
        state = SiteState.load(state_path(project / "pelicanconf.py"))
        bodies = page_bodies(state.outputs)
        store, executor = OutputStore(project / ".cache" / "output"), Executor(default_workers())
        runs = []
        try:
            for _ in range(3):     # as in a rebuild: no bundle yet, the build's store and executor
                shutil.rmtree(output / BUNDLE)
                started = time.perf_counter()
                again = index_site(output, settings, store, executor=executor, bodies=bodies)
                runs.append(time.perf_counter() - started)
                assert again.reused and again.digest == cold.digest
            kept, read = statistics.median(runs), again.read
            edits = []
            for page in (newest_release(output), in_largest_shard(output, again.shards)):
                edit_page(output, page)
                shutil.rmtree(output / BUNDLE)
                started = time.perf_counter()
                edited = index_site(output, settings, store, executor=executor, bodies=bodies)
                edits.append((page, time.perf_counter() - started, ",".join(edited.indexed)))
        finally:
            executor.close()
        server.start()
        requests, download, status = reader_download(output, server.url, QUERY)
    finally:
        server.stop()
    return SearchCost(n, cold.pages, cold.files, cold.size, summary.seconds, cold.seconds, kept, read,
                      len(cold.shards), edits, requests, download, status)


def in_largest_shard(output: Path, shards: tuple[str, ...]) -> str:
    """A release page of the year with the most releases (the dearest shard to index again)."""
    counts = {shard: len(list((output / "berita" / shard).rglob("index.html"))) for shard in shards
              if (output / "berita" / shard).is_dir()}
    largest = max(sorted(counts), key=counts.get)
    return min((output / "berita" / largest).rglob("index.html")).relative_to(output).as_posix()


def newest_release(output: Path) -> str:
    """The page of the newest release (release URLs start berita/YYYY/MM/)."""
    import json
    return max(entry["url"] for entry in json.loads((output / "_siaran" / "releases.json").read_bytes())) + "index.html"


def table(costs: list[SearchCost]) -> str:
    lines = [f"Search index (`{BUNDLE}/`), one full build per size with .cache/search/ emptied; "
             f"one search = /cari/?q={QUERY} in Chromium at 390 px",
             "| releases | pages indexed | bundle files | bundle MiB | full build s | of which index s (cold, Pagefind) "
             "| stage s (unchanged, kept index) | pages read | shards | one search: requests | one search: KiB | status |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for c in costs:
        lines.append(f"| {c.releases} | {c.pages} | {c.files} | {c.size / 2**20:.1f} | {c.build:.1f} | {c.cold:.2f} | {c.kept:.2f} | {c.read} "
                     f"| {c.shards} | {c.requests} | {c.download / 1024:.0f} | {c.results} |")
    lines += ["", "| releases | release edited | stage s after the edit | shards Pagefind ran for |", "|---:|---|---:|---|"]
    for c in costs:
        lines += [f"| {c.releases} | `{page}` | {seconds:.2f} | {shards} |" for page, seconds, shards in c.edits]
    return "\n".join(lines)


def bench_search(sizes: list[int], workdir: Path = ROOT / "bench") -> str:
    return table([measure(n, workdir) for n in sizes])
