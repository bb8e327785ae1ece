"""siaran.photos: whole-image checks and the published copy's metadata."""
from __future__ import annotations

import io

import pytest
from PIL import Image, PngImagePlugin

from siaran import photos
from siaran.messages import MSG


def encoded(fmt: str, **save) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (80, 60), (200, 40, 40)).save(out, fmt, **save)
    return out.getvalue()


def private_exif(orientation: int = 6) -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "MerekKamera"
    exif[0x8825] = {1: "S", 2: (6.0, 10.0, 30.0), 3: "E", 4: (106.0, 49.0, 0.0)}
    return exif


@pytest.mark.parametrize("name, data, expected", [
    ("ok.jpg", encoded("JPEG"), None),
    ("ok.png", encoded("PNG"), None),
    ("ok.webp", encoded("WEBP"), None),
    ("kosong.jpg", b"", MSG["photo_empty"]),
    ("teks.jpg", b"bukan gambar sama sekali", MSG["photo_not_image"]),
    ("potong.jpg", encoded("JPEG")[:-30], MSG["photo_truncated"]),
    ("potong.png", encoded("PNG")[:-20], MSG["photo_truncated"]),
    ("palsu.png", encoded("JPEG"), MSG["photo_wrong_type"].format(suffix=".png", found="JPEG")),
])
def test_problem(tmp_path, name, data, expected):
    path = tmp_path / name
    path.write_bytes(data)
    assert photos.problem(path) == expected


@pytest.mark.parametrize("fmt, save", [
    ("JPEG", {"comment": b"catatan pribadi", "xmp": b"<x:xmpmeta>GPSLatitude</x:xmpmeta>"}),
    ("PNG", {}),
    ("WEBP", {"xmp": b"<x:xmpmeta>GPSLatitude</x:xmpmeta>"}),
])
def test_strip_keeps_only_orientation_and_profile(fmt, save):
    if fmt == "PNG":
        info = PngImagePlugin.PngInfo()
        info.add_text("Comment", "catatan pribadi")
        save = {"pnginfo": info}
    data = encoded(fmt, exif=private_exif(), **save)
    assert b"MerekKamera" in data
    out = photos.strip(data)
    for secret in (b"MerekKamera", b"catatan pribadi", b"GPSLatitude"):
        assert secret not in out
    with Image.open(io.BytesIO(out)) as img:
        assert dict(img.getexif()) == {0x0112: 6}
        assert img.format == fmt and img.size == (80, 60)


def test_colour_profile_survives():
    from PIL import ImageCms
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    data = encoded("JPEG", icc_profile=profile, exif=private_exif(1))
    with Image.open(io.BytesIO(photos.strip(data))) as img:
        assert img.info.get("icc_profile") == profile
        assert dict(img.getexif()) == {}


def test_photo_without_metadata_is_published_byte_for_byte():
    data = encoded("JPEG")
    assert photos.strip(data) is data
