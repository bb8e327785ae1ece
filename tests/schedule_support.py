"""Scheduled (embargoed) content for the publishing-on-time tests (tests/site, tests/s3).

`add_scheduled(content)` writes, into a copy of the sample content, a release and a
register item both due at DUE, each with a file of its own (a photo, an attachment)
that nothing else mentions, a draft release, and a link from a public release to
the scheduled one. Every one of them carries the word NEEDLE (in its title, so in
its URL too), which must appear in no output file before DUE.

Importable as `schedule_support` because tests/conftest.py's folder is on sys.path.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from PIL import Image

NEEDLE = "zamrud"
BEFORE = "2026-12-01 12:00"          # the site tests' usual *now*
STILL_BEFORE = "2026-12-05 08:00"    # later, nothing new due yet
DUE = "2026-12-10 09:00"

RELEASE = "berita/2026/zona-lindung-penyu-zamrud.md"
RELEASE_ID = "5d0c8f7e-2b1a-4c3d-9e8f-7a6b5c4d3e21"
RELEASE_URL = "berita/2026/12/menteri-umumkan-zona-lindung-penyu-zamrud/"
PHOTO = "gambar/berita/penyu-zamrud.jpg"
ITEM = "informasi-publik/setiap-saat/peta-zona-lindung-zamrud.md"
ITEM_ID = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"
ATTACHMENT = "dokumen/informasi-publik/2026/peta-zona-lindung-zamrud.csv"
DRAFT = "berita/2026/draf-rencana-zamrud.md"
LINKING = "berita/2026/peluncuran-satu-data-pesisir.md"   # a public release that links to RELEASE


def scheduled_checkout(target: Path) -> Path:
    """A project laid out as CI's checkout of the repository: tasks.py, settings and
    pyproject copied (invoke finds them in the working folder), code linked, content
    copied with one scheduled release (add_release)."""
    root = Path(__file__).resolve().parents[1]
    target.mkdir(parents=True)
    for name in ("tasks.py", "pelicanconf.py", "publishconf.py", "pyproject.toml"):
        shutil.copy(root / name, target / name)
    for name in ("siaran", "plugins", "theme"):
        (target / name).symlink_to(root / name)
    shutil.copytree(root / "content", target / "content")
    add_release(target / "content")
    return target


def add_scheduled(content: Path) -> None:
    """All of it: the release, the register item, the draft and the link."""
    add_release(content)
    add_register_item(content)
    add_draft(content)
    add_link(content)


def add_release(content: Path) -> None:
    """The scheduled release and its own photo (tags the sample already uses; as wide as
    `invoke check` asks a photo to be, so the check has nothing to warn about)."""
    Image.new("RGB", (1200, 800), (12, 96, 120)).save(content / PHOTO, "JPEG", quality=80)
    (content / RELEASE).write_text(f"""id: {RELEASE_ID}
title: Menteri Umumkan Zona Lindung Penyu Zamrud
date: {DUE}
category: Siaran Pers
tags: Keterbukaan Informasi, Partisipasi Masyarakat
unit: Biro Hukum dan Humas
location: Jakarta
authors: Rara Pertiwi
image: {PHOTO}
image_alt: Tukik penyu berjalan menuju laut di pantai berpasir
summary: Zona lindung baru melindungi pantai peneluran penyu di pesisir timur.

Menteri mengumumkan zona lindung penyu di pesisir timur. Peta zonanya dapat diunduh
di [daftar informasi publik](/{ATTACHMENT}).
""", encoding="utf-8")


def add_register_item(content: Path) -> None:
    """The scheduled register item and its attachment (the release's body links it too)."""
    (content / ATTACHMENT).write_text("zona,luas_ha\nZamrud Utara,120\n", encoding="utf-8")
    (content / ITEM).write_text(f"""id: {ITEM_ID}
title: Peta Zona Lindung Penyu Zamrud
category: setiap-saat
summary: Batas dan luas zona lindung penyu yang diumumkan Menteri.
unit: Biro Hukum dan Humas
year: 2026
published: {DUE}
retention: Permanen
attachments: {ATTACHMENT}
""", encoding="utf-8")


def add_draft(content: Path) -> None:
    (content / DRAFT).write_text("""id: 1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f
title: Rencana Zamrud Masih Disusun
date: 2026-11-30 10:00
category: Pengumuman
unit: Biro Hukum dan Humas
location: Jakarta
status: draft

Draf yang belum disetujui.
""", encoding="utf-8")


def add_link(content: Path, as_text: bool = False) -> None:
    """A public release's link to the scheduled one; `as_text`: the sentence as a page
    shows it before DUE (the link's bare text)."""
    link = "pengumuman zona lindung" if as_text else f"[pengumuman zona lindung]({{filename}}/{RELEASE})"
    linking = content / LINKING
    linking.write_text(linking.read_text(encoding="utf-8") + f"\nBaca juga {link}.\n", encoding="utf-8")


def mentions(files: dict[str, bytes]) -> list[str]:
    """Output files whose bytes carry the needle (any case) or the scheduled ids."""
    needles = (NEEDLE.encode(), RELEASE_ID.encode(), ITEM_ID.encode())
    return sorted(name for name, data in files.items()
                  if NEEDLE in name.lower() or any(n in data.lower() for n in needles))
