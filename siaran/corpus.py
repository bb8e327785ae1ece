"""Write N valid releases (plus photos) for tests and benchmarks.

Deterministic for a given N and seed: ids are UUIDv5 of the index, words come
from a fixed Indonesian vocabulary, photos from siaran.artwork. The text is
synthetic filler in the shape of a release, not news.
"""
from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta
from pathlib import Path

from siaran.artwork import write_scene

NAMESPACE = uuid.UUID("8c1f3f52-6a0e-4d0b-9a55-3e5c2a7f9b10")
CATEGORIES = ["Berita Utama", "Siaran Pers", "Pengumuman", "Artikel"]
UNITS = ["Biro Hukum dan Humas", "Pusat Data dan Informasi", "Direktorat Konservasi Pesisir",
         "Balai Riset Kelautan Wilayah Timur", "Balai Riset Mangrove Wilayah Barat", "Inspektorat"]
CITIES = ["Jakarta", "Kota Tanjung Harapan", "Teluk Biru", "Pelabuhan Sinar Bahari", "Muara Tenang"]
TAGS = ["Mangrove", "Terumbu Karang", "Data Terbuka", "Nelayan Kecil", "Mitigasi Bencana", "Riset Kelautan",
        "Pasang Surut", "Tata Ruang Laut", "Pendidikan", "Kapal Riset", "Keterbukaan Informasi", "Beasiswa",
        "Rehabilitasi Pesisir", "Partisipasi Masyarakat", "Anggaran", "Pengadaan", "Kerja Sama", "Pelatihan"]
WORDS = ("pesisir laut data warga nelayan riset pantai program kegiatan pemantauan desa kota balai "
         "informasi publik layanan pelatihan anggaran kerja sama survei hasil laporan kawasan tahun "
         "pemerintah daerah masyarakat bibit karang arus pasang kapal peneliti sekolah modul").split()
PHOTOS = 12


def _sentence(rng: random.Random, low: int = 8, high: int = 18) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def release_text(index: int, rng: random.Random, start: datetime) -> tuple[str, str]:
    """(relative path, file text) of release number `index`."""
    date = start + timedelta(hours=7 * index)
    title = f"{_sentence(rng, 4, 9)[:-1]} {index}"
    tags = ", ".join(rng.sample(TAGS, rng.randint(1, 4)))
    meta = [
        f"id: {uuid.uuid5(NAMESPACE, str(index))}",
        f"title: {title}",
        f"date: {date:%Y-%m-%d %H:%M}",
        f"category: {rng.choice(CATEGORIES)}",
        f"tags: {tags}",
        f"unit: {rng.choice(UNITS)}",
        f"location: {rng.choice(CITIES)}",
        f"authors: Penulis {rng.randint(1, 25)}",
        f"credit: Humas/{rng.choice('ABCDEFGH')}{rng.choice('ABCDEFGH')}",
    ]
    if has_photo(index):  # two thirds carry a photo, like real release streams
        meta += [f"image: gambar/korpus/foto-{photo_number(index):02d}.jpg",
                 "image_alt: Pemandangan pesisir dengan laut dan pepohonan",
                 f"image_caption: {_sentence(rng, 6, 12)}",
                 "image_credit: Foto: Humas/Korpus"]
    quote = f'"{_sentence(rng)}" ujar Kepala {rng.choice(UNITS)}.'
    body = [_sentence(rng, 20, 40), quote, " ".join(_sentence(rng) for _ in range(4)), _sentence(rng, 12, 30)]
    return f"berita/{date:%Y}/{index:05d}.md", "\n".join(meta) + "\n\n" + "\n\n".join(body) + "\n"


def has_photo(index: int) -> bool:
    return index % 3 != 2


def photo_number(index: int) -> int:
    """Photos in turn over the releases that carry one, so each written photo is used
    (an unused one is never published, and `invoke check` says so)."""
    return (index - index // 3) % PHOTOS


NEWEST = datetime(2026, 11, 30, 8, 0)
"""The latest date a corpus release may have: a corpus is all published, as a real
site's releases are (a release dated ahead is withheld, and one over a year ahead is
an editor's typo that `invoke check` warns about on every build)."""


def first_date(n: int) -> datetime:
    """Releases are 7 hours apart from 6 January 2020; a corpus too long to end by NEWEST
    starts earlier instead, so its last release falls on NEWEST."""
    return min(datetime(2020, 1, 6, 8, 0), NEWEST - timedelta(hours=7 * (n - 1)))


def write_corpus(n: int, content_dir: Path, seed: int = 2024, with_pages: bool = True) -> int:
    """Write n releases under content_dir/berita and shared photos; returns n."""
    rng = random.Random(seed)
    start = first_date(n)
    for index in sorted({photo_number(i) for i in range(n) if has_photo(i)}):
        photo = content_dir / "gambar" / "korpus" / f"foto-{index:02d}.jpg"
        if not photo.exists():
            write_scene(photo, seed=index)
    for index in range(n):
        rel, text = release_text(index, rng, start)
        target = content_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    if with_pages:
        pages = content_dir / "halaman"
        pages.mkdir(parents=True, exist_ok=True)
        (pages / "profil.md").write_text("title: Profil\nslug: profil\n\nHalaman profil korpus.\n", encoding="utf-8")
    return n
