"""A small synthetic built site with the output layout, for the deploy tests that need many
quick rebuilds (unit tests and most SeaweedFS tests; `test_deploy_real_build.py` deploys a real
build).  Deterministic: same arguments, same bytes.  Imported as `tests.s3.deploy_sample`."""
from __future__ import annotations

import hashlib
import json
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

from siaran.marker import MARKER_PATH, BuildMarker

SAMPLE_MARKER = BuildMarker("publishconf.py", "https://situs-uji.example", 0,
                            hashlib.sha256(b"tests.s3.deploy_sample").hexdigest())
"""What the sample site says it was built for: a publishing build."""

CATEGORIES = ("pemerintahan", "kesehatan", "pendidikan", "ekonomi", "infrastruktur",
              "sosial", "lingkungan", "pariwisata", "olahraga", "teknologi")


@dataclass(frozen=True)
class SampleRelease:
    id: str
    url: str
    body: str = ""
    """Extra text in the page; change it to simulate an edit."""
    redirect_from: tuple[str, ...] = ()
    image: bool = True


def sample_releases(count: int) -> list[SampleRelease]:
    return [
        SampleRelease(f"00000000-0000-4000-8000-{i:012d}", f"berita/2024/{1 + i % 12:02d}/rilis-{i:04d}/",
                      image=i % 2 == 0)
        for i in range(count)
    ]


def _page(title: str, words: int, seed: int, extra: str = "") -> bytes:
    rng = random.Random(seed)
    vocab = ("pemerintah", "kabupaten", "warga", "program", "bantuan", "jalan", "sekolah", "rumah",
             "sakit", "dinas", "kegiatan", "pelayanan", "publik", "desa", "anggaran", "tahun")
    text = " ".join(rng.choice(vocab) for _ in range(words))
    return (f"<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\"><title>{title}</title>"
            f"<link rel=\"stylesheet\" href=\"/theme/css/style.3f2a9c1b.css\"></head>"
            f"<body><h1>{title}</h1><p>{text}</p><p>{extra}</p></body></html>\n").encode()


def _binary(size: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(size)


def write_sample_site(out: Path, releases: list[SampleRelease], marker: BuildMarker | None = SAMPLE_MARKER) -> Path:
    """(Re)write `out` from scratch, as a clean build would: every file gets a new mtime.
    `marker` is the build marker written (None: none, as from a tool that is not our build)."""
    if out.exists():
        shutil.rmtree(out)
    files: dict[str, bytes] = {}
    for n, rel in enumerate(releases):
        files[rel.url + "index.html"] = _page(f"Rilis {rel.id}", 900, n, rel.body)
        if rel.image:
            files[f"gambar/{rel.url.rstrip('/').rsplit('/', 1)[-1]}.jpg"] = _binary(12000, n)
        if n % 10 == 0:
            files[f"social/{rel.url.rstrip('/').rsplit('/', 1)[-1]}.jpg"] = _binary(6000, n + 7)
    for page in range(0, max(1, len(releases) // 10)):
        files["index.html" if page == 0 else f"halaman/{page + 1}/index.html"] = _page(f"Halaman {page}", 300, -page)
    for c, cat in enumerate(CATEGORIES[: max(1, min(10, len(releases)))]):
        files[f"kategori/{cat}/index.html"] = _page(cat, 300, 1000 + c)
        for feed in ("rss.xml", "atom.xml", "feed.json"):
            files[f"kategori/{cat}/{feed}"] = _page(f"{cat} {feed}", 200, 2000 + c)
    latest = "".join(r.id + r.body for r in releases[-20:])
    for name in ("rss.xml", "atom.xml", "feed.json", "sitemap.xml", "news-sitemap.xml"):
        files[name] = _page(name, 400, 3000, latest)
    files["404.html"] = _page("Tidak ditemukan", 20, 4000)
    files["robots.txt"] = b"User-agent: *\nSitemap: /sitemap.xml\n"
    files["theme/css/style.3f2a9c1b.css"] = b"body{font-family:Roboto,sans-serif}\n" * 50
    files["theme/js/menu.js"] = b"document.documentElement.classList.add('js');\n" * 20
    files["dokumen/laporan-2024.pdf"] = _binary(30000, 5000)
    files["_siaran/releases.json"] = json.dumps(
        [{"id": r.id, "url": r.url, "redirect_from": list(r.redirect_from)} for r in sorted(releases, key=lambda r: r.id)],
        indent=1, sort_keys=True).encode()
    if marker is not None:
        files[MARKER_PATH] = marker.to_bytes()
    for path, body in files.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
    return out
