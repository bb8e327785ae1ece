"""Share cards: size, format, weight, determinism, fitting titles; the cache and the batch."""
from __future__ import annotations

import io
import hashlib
import json
import logging
import random
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from social import card as card_module
from social.batch import CardBatch, CardJob, render_cards
from social.bench import bench_cards
from social.cache import MANIFEST, CardCache, FileDigests, card_key
from social.card import CardError, CardInput, draw_card, encode, plan_card, render_card
from social.layout import CardLayout

LAYOUT = CardLayout()
DATE = datetime(2026, 11, 28, 10, 0)
TITLE_200 = ("Badan Riset Pesisir dan Kelautan Nusantara Resmikan Pusat Data Kelautan Terpadu untuk "
             "Mendukung Pelindungan Nelayan Kecil dan Pembudi Daya Ikan di Dua Belas Provinsi Pesisir")
TITLE_200 = (TITLE_200 + " Tahun Ini Juga")[:200]
WORD_60 = "Pelindungannelayanpesisirdanpembudidayaikanterpadunasional12"


@pytest.fixture
def logo(tmp_path: Path) -> Path:
    path = tmp_path / "logo.png"
    image = Image.new("RGBA", (300, 100), (0, 0, 0, 0))
    image.paste((180, 20, 30, 255), (20, 20, 280, 80))
    image.save(path)
    return path


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    """Seeded noise: the hardest photo to compress, to exercise the 300 KB limit."""
    path = tmp_path / "foto.jpg"
    data = random.Random(7).randbytes(1600 * 1000 * 3)
    Image.frombytes("RGB", (1600, 1000), data).save(path, quality=95)
    return path


def _card(logo: Path, photo: Path | None = None, title: str = "Rapat Koordinasi Nasional Kelautan 2026",
          unit: str = "Humas BRPKN") -> CardInput:
    return CardInput(title, unit, DATE, logo, photo)


def _inside(box, safe) -> bool:
    return safe[0] <= box[0] and safe[1] <= box[1] and box[2] <= safe[2] and box[3] <= safe[3]


# --- the card ----------------------------------------------------------------------------------

@pytest.mark.parametrize("with_photo", [False, True], ids=["branded", "photo"])
def test_card_is_1200x630_jpeg_under_300_kb_without_exif(logo, photo, with_photo):
    data = render_card(_card(logo, photo if with_photo else None), LAYOUT)
    image = Image.open(io.BytesIO(data))
    assert (image.format, image.size, image.mode) == ("JPEG", (1200, 630), "RGB")
    assert len(data) <= 300_000
    assert "exif" not in image.info and not image.getexif()


@pytest.mark.parametrize("with_photo", [False, True], ids=["branded", "photo"])
def test_card_bytes_are_identical_across_renders(logo, photo, with_photo):
    card = _card(logo, photo if with_photo else None, TITLE_200)
    first = render_card(card, LAYOUT)
    for cached in (card_module._font, card_module._shade, card_module._scaled_logo):
        cached.cache_clear()  # as in a fresh worker process
    assert render_card(card, LAYOUT) == first


def test_heavy_photo_lowers_quality_until_under_the_limit(logo, photo):
    layout = replace(LAYOUT, max_bytes=200_000)
    image = draw_card(_card(logo, photo), layout)
    first_try = io.BytesIO()
    image.save(first_try, "JPEG", quality=layout.jpeg_quality, optimize=True)
    assert len(first_try.getvalue()) > 200_000  # the noise photo really is too heavy at first
    assert len(encode(image, layout)) <= 200_000


def test_card_that_cannot_get_light_enough_is_an_error(logo, photo):
    with pytest.raises(CardError, match=r"batas 1 KB"):
        render_card(_card(logo, photo), replace(LAYOUT, max_bytes=1000))


@pytest.mark.parametrize("title", [TITLE_200, WORD_60, "Singkat", " ".join([WORD_60] * 3)],
                         ids=["200-chars", "60-char-word", "short", "three-long-words"])
@pytest.mark.parametrize("with_photo", [False, True], ids=["branded", "photo"])
def test_title_fits_inside_the_safe_area(logo, photo, title, with_photo):
    card = _card(logo, photo if with_photo else None, title)
    plan = plan_card(card, LAYOUT)
    assert not plan.truncated
    assert "".join(line.text for line in plan.title_lines).replace(" ", "") == title.replace(" ", "")
    for line in (*plan.title_lines, plan.meta):
        assert _inside(line.bbox, LAYOUT.safe_box), line
    # And in pixels: whatever the title changes lies inside the safe area.
    without = draw_card(replace(card, title=""), LAYOUT)
    changed = ImageChops.difference(draw_card(card, LAYOUT), without).getbbox()
    assert changed is not None and _inside(changed, LAYOUT.safe_box)


def test_characters_the_font_lacks_are_left_out_not_drawn_as_boxes():
    plan = plan_card(CardInput("Hari Laut 🌊 Sedunia 👨‍👩‍👧 漢字 Café", "Humas 🇮🇩", DATE), LAYOUT)
    assert [line.text for line in plan.title_lines] == ["Hari Laut Sedunia Café"]
    assert plan.meta.text == "Humas · 28 November 2026"


def test_long_title_shrinks_the_font():
    short = plan_card(CardInput("Singkat", "Humas", DATE), LAYOUT)
    long = plan_card(CardInput(TITLE_200, "Humas", DATE), LAYOUT)
    assert short.title_size == LAYOUT.title_size_max
    assert LAYOUT.title_size_min <= long.title_size < short.title_size


def test_absurd_title_is_ended_with_ellipsis_inside_the_card():
    plan = plan_card(CardInput("Kata " * 400, "Humas", DATE), LAYOUT)
    assert plan.truncated and plan.title_size == LAYOUT.title_size_min
    assert plan.title_lines[-1].text.endswith("Kata…")
    assert all(_inside(line.bbox, LAYOUT.safe_box) for line in plan.title_lines)


def test_long_unit_is_shortened_but_the_date_stays():
    plan = plan_card(CardInput("Judul", "Direktorat Jenderal " * 10, DATE), LAYOUT)
    assert plan.meta.text.endswith("… · 28 November 2026")
    assert _inside(plan.meta.bbox, LAYOUT.safe_box)


def test_meta_line_is_indonesian_date_in_wib():
    assert CardInput("J", "Humas BRPKN", datetime(2026, 1, 5, 20, 0)).meta_line() == \
        "Humas BRPKN · 5 Januari 2026"


def test_alt_text_says_what_the_card_shows():
    assert CardInput("Rapat  Koordinasi", "Humas BRPKN", DATE).alt_text() == \
        "Kartu berita: Rapat Koordinasi — Humas BRPKN · 28 November 2026"


def test_unreadable_photo_is_a_card_error(logo, tmp_path):
    bad = tmp_path / "rusak.jpg"
    bad.write_bytes(b"bukan gambar")
    with pytest.raises(CardError, match="foto .*rusak.jpg tidak bisa dibaca"):
        render_card(_card(logo, bad), LAYOUT)


def test_layout_validates_itself():
    with pytest.raises(ValueError, match="font Comic.ttf tidak ada"):
        CardLayout(title_font="Comic.ttf")
    with pytest.raises(ValueError, match="title_size_min"):
        CardLayout(title_size_min=80)


# --- cache key and cache -----------------------------------------------------------------------

def test_key_changes_with_every_input(logo, photo, tmp_path):
    base = _card(logo, photo)
    key = card_key(base, LAYOUT, FileDigests())
    assert card_key(base, LAYOUT, FileDigests()) == key
    other_logo = tmp_path / "logo2.png"
    Image.new("RGBA", (300, 100), (0, 90, 0, 255)).save(other_logo)
    variants = [
        replace(base, title=base.title + "!"), replace(base, unit="Humas"),
        replace(base, date=datetime(2026, 11, 29, 10, 0)), replace(base, photo=None),
        replace(base, logo=other_logo),
    ]
    keys = {card_key(v, LAYOUT, FileDigests()) for v in variants}
    keys.add(card_key(base, replace(LAYOUT, accent="#ff0000"), FileDigests()))
    assert len(keys) == 6 and key not in keys


def _jobs(logo: Path, photo: Path | None, titles: list[str]) -> list[CardJob]:
    return [CardJob(f"berita/{i}.md", _card(logo, photo, title)) for i, title in enumerate(titles)]


TITLES = ["Rapat Koordinasi Nasional", "Peluncuran Pusat Data Kelautan", TITLE_200]


def test_second_run_renders_nothing(logo, photo, tmp_path):
    jobs = _jobs(logo, photo, TITLES)
    first = render_cards(jobs, CardCache(tmp_path / "cache"), LAYOUT, workers=2)
    assert (first.rendered, first.reused) == (3, 0)
    second = render_cards(jobs, CardCache(tmp_path / "cache"), LAYOUT, workers=2)
    assert (second.rendered, second.reused) == (0, 3)
    assert second.cards == first.cards
    assert second.cards["berita/2.md"].read_bytes() == render_card(jobs[2].card, LAYOUT)
    manifest = (tmp_path / "cache" / MANIFEST).read_text()
    assert list(json.loads(manifest)) == sorted(json.loads(manifest))


def test_changed_title_renders_only_that_card(logo, tmp_path):
    render_cards(_jobs(logo, None, TITLES), CardCache(tmp_path / "cache"), LAYOUT, workers=1)
    changed = _jobs(logo, None, [TITLES[0], TITLES[1] + " (Ralat)", TITLES[2]])
    result = render_cards(changed, CardCache(tmp_path / "cache"), LAYOUT, workers=1)
    assert (result.rendered, result.reused) == (1, 2)


def test_new_logo_bytes_at_the_same_path_render_everything(logo, tmp_path):
    jobs = _jobs(logo, None, TITLES)
    render_cards(jobs, CardCache(tmp_path / "cache"), LAYOUT, workers=1)
    Image.new("RGBA", (300, 100), (0, 90, 0, 255)).save(logo)
    result = render_cards(jobs, CardCache(tmp_path / "cache"), LAYOUT, workers=1)
    assert (result.rendered, result.reused) == (3, 0)


@pytest.mark.parametrize("garbage", ["{bukan json", "[1, 2]", '{"abc": 3}', ""])
def test_corrupt_manifest_is_a_logged_miss(logo, tmp_path, caplog, garbage):
    jobs = _jobs(logo, None, TITLES[:2])
    render_cards(jobs, CardCache(tmp_path / "cache"), LAYOUT, workers=1)
    (tmp_path / "cache" / MANIFEST).write_text(garbage)
    with caplog.at_level(logging.WARNING, logger="siaran.social"):
        result = render_cards(jobs, CardCache(tmp_path / "cache"), LAYOUT, workers=1)
    assert (result.rendered, result.reused) == (2, 0)
    assert "rusak" in caplog.text
    again = render_cards(jobs, CardCache(tmp_path / "cache"), LAYOUT, workers=1)
    assert again.rendered == 0  # the manifest was rewritten whole


def test_damaged_cached_card_is_redrawn(logo, tmp_path, caplog):
    jobs = _jobs(logo, None, TITLES[:1])
    first = render_cards(jobs, CardCache(tmp_path / "cache"), LAYOUT, workers=1)
    cached = first.cards["berita/0.md"]
    cached.write_bytes(cached.read_bytes()[:100])
    with caplog.at_level(logging.WARNING, logger="siaran.social"):
        result = render_cards(jobs, CardCache(tmp_path / "cache"), LAYOUT, workers=1)
    assert result.rendered == 1 and "hilang atau rusak" in caplog.text
    assert cached.read_bytes() == render_card(jobs[0].card, LAYOUT)


def test_prune_removes_cards_no_release_uses(logo, tmp_path):
    cache = CardCache(tmp_path / "cache")
    result = render_cards(_jobs(logo, None, TITLES[:2]), cache, LAYOUT, workers=1)
    keep = {result.cards["berita/0.md"].stem}
    assert cache.prune(keep) == 1
    assert not result.cards["berita/1.md"].exists() and result.cards["berita/0.md"].exists()


@pytest.mark.parametrize("workers", [1, 2], ids=["in-process", "pool"])
def test_worker_error_names_the_release_and_keeps_finished_cards(logo, tmp_path, workers):
    bad = tmp_path / "rusak.jpg"
    bad.write_bytes(b"bukan gambar")
    jobs = _jobs(logo, None, TITLES[:2]) + [CardJob("berita/rusak.md", _card(logo, bad, "Rusak"))]
    with pytest.raises(CardError, match=r"^berita/rusak.md: foto .*rusak.jpg tidak bisa dibaca"):
        render_cards(jobs, CardCache(tmp_path / "cache"), LAYOUT, workers=workers)
    # Cards finished before the failure stay cached (in a pool, which finish first is not fixed).
    fixed = jobs[:2] + [CardJob("berita/rusak.md", _card(logo, None, "Rusak"))]
    result = render_cards(fixed, CardCache(tmp_path / "cache"), LAYOUT, workers=1)
    assert result.rendered + result.reused == 3
    assert result.rendered == 1 if workers == 1 else result.rendered >= 1


def test_missing_photo_names_the_release(logo, tmp_path):
    jobs = [CardJob("berita/hilang.md", _card(logo, tmp_path / "tidak-ada.jpg"))]
    with pytest.raises(CardError, match=r"^berita/hilang.md: berkas kartu tidak bisa dibaca"):
        render_cards(jobs, CardCache(tmp_path / "cache"), LAYOUT)


def test_bench_reports_cold_and_warm():
    result = bench_cards(6, workers=2)
    assert (result["cold_rendered"], result["warm_rendered"], result["warm_reused"]) == (6, 0, 6)
    assert result["max_card_bytes"] <= 300_000


def test_pool_workers_write_their_cards_and_send_back_only_a_digest(logo, photo, tmp_path):
    # A card is ~60 KiB: returned through the pool, 10,000 of them sat in the build process.
    from siaran.executor import Executor
    cache = CardCache(tmp_path / "cache")
    batch = CardBatch(_jobs(logo, photo, TITLES), cache, LAYOUT)
    executor = Executor(2)
    try:
        batch.submit(executor.pool())
        returned = [future.result() for future in batch.futures]
        result = batch.collect()
    finally:
        executor.close()
    assert [len(chunk) for chunk in returned] == [3]
    assert all(len(digest) == 64 and error is None for chunk in returned for digest, error in chunk), returned
    assert result.rendered == 3
    for path in result.cards.values():
        assert hashlib.sha256(path.read_bytes()).hexdigest() == cache.entries[path.stem]
    assert CardCache(tmp_path / "cache").get(result.cards["berita/0.md"].stem) is not None
