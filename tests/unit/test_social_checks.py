"""Checks of an editor's own `social_image`: verbatim warnings, never exceptions."""
from __future__ import annotations

import random
from pathlib import Path

import pytest
from PIL import Image

from social.checks import check_social_image
from social.messages import SocialProblem


def _image(path: Path, size: tuple[int, int], fmt: str = "JPEG", noise: bool = False) -> Path:
    if noise:
        image = Image.frombytes("RGB", size, random.Random(3).randbytes(size[0] * size[1] * 3))
    else:
        image = Image.new("RGB", size, (20, 60, 120))
    image.save(path, fmt)
    return path


def test_good_image_has_no_problems(tmp_path):
    assert check_social_image(_image(tmp_path / "ok.jpg", (1200, 630))) == []
    assert check_social_image(_image(tmp_path / "ok.png", (1230, 630), "PNG")) == []  # +2.6%


def test_wrong_ratio(tmp_path):
    path = _image(tmp_path / "foto.jpg", (1200, 800))
    assert check_social_image(path) == [SocialProblem(
        "social_image", f"{path}: ukuran 1200×800 (rasio 1,50:1); seharusnya 1200×630 (rasio 1,91:1 ±3%)")]


def test_too_narrow(tmp_path):
    path = _image(tmp_path / "kecil.jpg", (500, 262))
    assert check_social_image(path, field="image") == [SocialProblem(
        "image", f"{path}: lebar 500 px; paling sedikit 600 px (disarankan 1200×630)")]


def test_too_heavy(tmp_path):
    path = _image(tmp_path / "berat.png", (1200, 630), "PNG", noise=True)
    kb = -(-path.stat().st_size // 1000)
    assert check_social_image(path) == [SocialProblem(
        "social_image", f"{path}: {kb} KB; paling besar 300 KB (pratinjau WhatsApp gagal di atas itu)")]


def test_other_format(tmp_path):
    path = _image(tmp_path / "foto.gif", (1200, 630), "GIF")
    assert check_social_image(path) == [SocialProblem("social_image", f"{path}: format GIF; gunakan JPEG atau PNG")]


@pytest.mark.parametrize("content, message", [
    (None, "{path}: berkas gambar tidak ada"),
    (b"bukan gambar", "{path}: bukan gambar yang bisa dibaca ("),
])
def test_missing_or_unreadable(tmp_path, content, message):
    path = tmp_path / "x.jpg"
    if content is not None:
        path.write_bytes(content)
    [problem] = check_social_image(path)
    assert problem.field == "social_image" and problem.message.startswith(message.format(path=path))
