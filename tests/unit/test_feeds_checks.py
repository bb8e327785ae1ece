"""`invoke check` hook of the feeds plugin: text XML cannot carry is a located warning."""
from __future__ import annotations

from pathlib import Path

from feeds.checks import check_file
from siaran.problems import WARNING
from siaran.source import read_source
from siaran.validate import Checked

META = """id: 6f1c2b4e-8a3d-4c5e-9b7a-1d2e3f4a5b60
title: Judul \x01dengan kendali
unit: Biro \x1bHumas
location: Jakarta

"""


def checked(tmp_path: Path, body: str) -> Checked:
    path = tmp_path / "content" / "berita" / "rilis.md"
    path.parent.mkdir(parents=True)
    path.write_text(META + body, encoding="utf-8")
    return Checked(read_source(path, tmp_path), "release")


def test_body_and_metadata_are_warned_with_file_line_and_field(tmp_path):
    item = checked(tmp_path, "Paragraf pertama.\n\nBaris \x0bdengan tab vertikal \x07 dan \x0c.\nBaris bersih.\n")
    problems = check_file(item, None)
    assert [str(p) for p in problems] == [
        "content/berita/rilis.md:3: peringatan: unit: berisi karakter yang tidak sah di XML (U+001B); "
        "karakter itu dibuang dari umpan berita (RSS/Atom/JSON)",
        "content/berita/rilis.md:8: peringatan: isi: berisi karakter yang tidak sah di XML "
        "(U+000B, U+0007, U+000C); karakter itu dibuang dari umpan berita (RSS/Atom/JSON)",
    ]
    assert {p.severity for p in problems} == {WARNING}


def test_title_is_left_to_siaran_validate(tmp_path):
    """The title (line 2) has U+0001, but siaran.validate warns about it already: no duplicate."""
    assert [p.field for p in check_file(checked(tmp_path, "Bersih.\n"), None)] == ["unit"]


def test_clean_release_has_no_problem(tmp_path):
    path = tmp_path / "content" / "berita" / "rilis.md"
    path.parent.mkdir(parents=True)
    path.write_text("id: x\ntitle: Bersih\n\nIsi ]]> <script>biasa</script>.\n", encoding="utf-8")
    assert check_file(Checked(read_source(path, tmp_path), "release"), None) == []
