"""Every editor mistake is reported at once, located, and output/ survives."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bad"
B = "content/berita/salah"

EXPECTED = [
    f"{B}/alt-kosong.md:7: image_alt: wajib diisi bila 'image' diisi: tulis deskripsi foto untuk pembaca tunanetra",
    f"{B}/gambar-hilang.md:7: image: berkas 'gambar/berita/belum-ada.jpg' tidak ada di folder content/",
    f"{B}/id-ganda.md:1: id: '6f1c2b4e-8a3d-4c5e-9b7a-1d2e3f4a5b60' sudah dipakai oleh "
    "content/berita/2026/penanaman-mangrove-pesisir-utara.md",
    f"{B}/kategori-salah.md:4: category: harus salah satu dari: Berita Utama, Siaran Pers, Pengumuman, Artikel; "
    "bukan 'Opini'",
    f"{B}/salah-ketik.md:5: catgory: kolom tidak dikenal (salah ketik?); maksudnya 'category'?",
    f"{B}/slug-ganda.md:3: slug: 'portal-satu-data-pesisir-resmi-dibuka-untuk-publik' sudah dipakai oleh "
    "content/berita/2026/peluncuran-satu-data-pesisir.md",
    f"{B}/tanggal-salah.md:3: date: harus berbentuk 2024-04-20 10:00 (WIB), bukan '20/04/24'",
    f"{B}/tanpa-judul.md:1: title: wajib diisi, tetapi tidak ada",
]


def add_bad_releases(project: Path) -> None:
    shutil.copytree(FIXTURES, project / B)


def test_all_problems_reported_and_output_untouched(make_site):
    good = make_site()
    assert good.summary.ok
    before = good.files()
    add_bad_releases(make_site.project)
    bad = make_site()
    assert not bad.summary.ok
    lines = [str(p) for p in bad.summary.problems]
    for expected in EXPECTED:
        assert any(line.startswith(expected) for line in lines), f"missing: {expected}\n got: {lines}"
    assert len(lines) == len(EXPECTED)
    assert bad.files() == before, "a failed build must leave output/ exactly as it was"
    assert not (make_site.project / "output.staging").exists()


def test_check_command_exits_non_zero_with_all_lines(make_site):
    add_bad_releases(make_site.project)
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-m", "invoke", "--search-root", str(root), "check",
                             "--settings", str(make_site.project / "pelicanconf.py")],
                            capture_output=True, text=True, cwd=make_site.project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    for expected in EXPECTED:
        assert expected.split(": ", 1)[0] in result.stderr
    content_files = len(list((make_site.project / "content").rglob("*.md")))
    assert f"8 galat, 0 peringatan di {content_files} berkas" in result.stderr


def test_build_is_deterministic(make_site, tmp_path):
    first = make_site().files()
    second = make_site().files()
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_checker_beside_pelican_and_inline_agree(make_site):
    """Forked (more than one worker) or inline (one): one verdict."""
    from siaran.build import build_site
    add_bad_releases(make_site.project)
    settings = make_site.project / "pelicanconf.py"
    forked = build_site(settings, make_site.project / "output", overrides={"BUILD_WORKERS": 2})
    inline = build_site(settings, make_site.project / "output", overrides={"BUILD_WORKERS": 1})
    assert not forked.ok and not inline.ok
    assert [str(p) for p in forked.problems] == [str(p) for p in inline.problems]
    assert len(forked.problems) == len(EXPECTED)


def test_a_crashing_check_is_reported_not_hung(make_site, monkeypatch):
    """Forked or inline, a bug in a check is one clear error."""
    import pytest

    from siaran import build

    def broken(*_, **__):
        raise KeyError("bug in a check")
    monkeypatch.setattr(build, "check_site", broken)
    for workers in (2, 1):
        with pytest.raises(RuntimeError, match="check: (.|\n)*bug in a check"):
            make_site(overrides={"BUILD_WORKERS": workers})
