"""siaran.boundary: links that leave content/, symlinks, and what a static folder publishes."""
from __future__ import annotations

import pytest

from siaran import boundary
from siaran.messages import MSG


@pytest.fixture
def content(tmp_path):
    root = tmp_path / "content"
    (root / "dokumen").mkdir(parents=True)
    (root / "gambar").mkdir()
    (root / "berita").mkdir()
    (root / "dokumen" / "a.pdf").write_bytes(b"%PDF")
    (root / "dokumen" / ".env").write_text("K=v")
    (root / "dokumen" / "x.html").write_text("<b>")
    (root / "gambar" / "f.jpg").write_bytes(b"jpg")
    (root / "berita" / "r.md").write_text("title: x\n")
    (tmp_path / "rahasia.txt").write_text("s")
    (root / "gambar" / "luar").symlink_to(tmp_path)
    return root


@pytest.mark.parametrize("target, expected", [
    ("/dokumen/a.pdf", ("dokumen/a.pdf", None)),
    ("../dokumen/a.pdf", ("dokumen/a.pdf", None)),
    ("/../rahasia.txt", (None, "escapes")),
    ("../../rahasia.txt", (None, "escapes")),
    ("/dokumen/../../rahasia.txt", (None, "escapes")),
    ("/gambar/luar/rahasia.txt", (None, "symlink")),
    ("/dokumen/b.pdf", (None, "missing")),
])
def test_resolve(content, target, expected):
    assert boundary.resolve(content, "berita", target) == expected


def test_link_problems_are_located(content):
    text = "Awal.\n\n[a]({static}/dokumen/a.pdf) [b]({static}/../rahasia.txt)\n\n![c](|static|/dokumen/.env)\n"
    problems = boundary.link_problems(content, "berita/r.md", "content/berita/r.md", "body", text, 5)
    assert [str(p) for p in problems] == [
        "content/berita/r.md:7: body: " + MSG["boundary_link_escapes"].format(got="{static}/../rahasia.txt"),
        "content/berita/r.md:9: body: " + MSG["boundary_link_unpublished"].format(
            got="|static|/dokumen/.env", reason=MSG["boundary_dotfile"]),
    ]


@pytest.mark.parametrize("rel, allowed", [
    ("dokumen/a.pdf", True), ("gambar/f.JPG", True), ("dokumen/data.csv", True),
    ("dokumen/.env", False), ("gambar/.git/config", False), ("gambar/logo.svg", False),
    ("dokumen/x.html", False), ("dokumen/skrip.js", False), ("dokumen/tanpa-akhiran", False),
])
def test_unpublishable(rel, allowed):
    assert (boundary.unpublishable(rel) is None) is allowed


def test_select_publishes_only_referenced_allowed_files(content):
    candidates = ["dokumen/a.pdf", "dokumen/.env", "dokumen/x.html", "gambar/f.jpg", "../rahasia.txt",
                  "gambar/luar/rahasia.txt"]
    published, skipped = boundary.select(candidates, {"dokumen/a.pdf", "dokumen/.env", "dokumen/x.html",
                                                      "gambar/luar/rahasia.txt"}, content)
    assert published == ["dokumen/a.pdf"]
    assert skipped == {
        "../rahasia.txt": MSG["boundary_outside"],
        "dokumen/.env": MSG["boundary_dotfile"],
        "dokumen/x.html": boundary.unpublishable("dokumen/x.html"),
        "gambar/f.jpg": MSG["boundary_unreferenced"],
        "gambar/luar/rahasia.txt": MSG["boundary_symlink"],
    }


def test_symlinks_found_without_following(content):
    assert boundary.symlinks(content) == [content / "gambar" / "luar"]


def test_reserved_folders_come_from_settings():
    folders = boundary.reserved_folders({"CATEGORY_URL": "kategori/{slug}/", "ARTICLE_URL": "berita/{date:%Y}/",
                                         "PAGE_URL": "{slug}/", "SITEURL": "https://x", "STATIC_PATHS": ["gambar"],
                                         "INDEX_SAVE_AS": "index.html"})
    assert {"kategori", "berita", "gambar", "theme", "social", "meja-sosial"} <= folders
    assert "index.html" not in folders and "" not in folders and "https:" not in folders
