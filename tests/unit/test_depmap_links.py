"""siaran.depmap.static_targets: which files a body's `{static}` links name, so a page depends on
those files alone, and when a body depends on every content file instead."""
from __future__ import annotations

import pytest

from siaran.depmap import static_targets


@pytest.fixture
def content(tmp_path):
    (tmp_path / "gambar" / "profil").mkdir(parents=True)
    (tmp_path / "gambar" / "profil" / "kantor.jpg").write_bytes(b"foto")
    (tmp_path / "dokumen").mkdir()
    (tmp_path / "dokumen" / "laporan tahunan.pdf").write_bytes(b"pdf")
    (tmp_path / "halaman").mkdir()
    return tmp_path


@pytest.mark.parametrize("body, expected", [
    ("![Kantor]({static}/gambar/profil/kantor.jpg)", ("gambar/profil/kantor.jpg",)),
    ("![Kantor]({static}../gambar/profil/kantor.jpg) dan ![lagi](|static|/gambar/profil/kantor.jpg)",
     ("gambar/profil/kantor.jpg",)),
    ("[Laporan]({static}/dokumen/laporan%20tahunan.pdf) ![Kantor]({static}/gambar/profil/kantor.jpg#atas)",
     ("dokumen/laporan tahunan.pdf", "gambar/profil/kantor.jpg")),
    # Any other link, or a {static} link to no file: the body depends on every content file.
    ("![Kantor]({static}/gambar/profil/kantor.jpg) [rilis]({filename}/berita/x.md)", None),
    ("[Lampiran]({attach}/dokumen/laporan%20tahunan.pdf)", None),
    ("[Kategori]({category}lingkungan)", None),
    ("![Hilang]({static}/gambar/profil/tidak-ada.jpg)", None),
    ("![Di luar]({static}/../../rahasia.jpg)", None),
])
def test_static_targets(content, body, expected):
    assert static_targets(content, "halaman/profil.md", body.encode()) == expected
