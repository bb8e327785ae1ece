"""siaran.photos: whole-image checks and the published copy's metadata."""
from __future__ import annotations

import hashlib
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


def test_advice_for_a_usable_photo(tmp_path):
    wide = tmp_path / "lebar.jpg"
    Image.new("RGB", (1200, 675)).save(wide)
    assert photos.advice(wide, "gambar/lebar.jpg") == []
    narrow = tmp_path / "sempit.jpg"
    Image.new("RGB", (1199, 675)).save(narrow)
    assert photos.advice(narrow, "gambar/sempit.jpg") == [
        "foto 'gambar/sempit.jpg' hanya 1199 px lebarnya; pakai foto selebar paling sedikit 1200 px "
        "agar tetap tajam di kartu berbagi dan layar lebar"]


def test_a_portrait_is_as_wide_as_a_reader_sees_it(tmp_path):
    """A phone stores a portrait 1600×900 with Orientation 6: 900 px wide on the page."""
    turned = tmp_path / "tegak.jpg"
    Image.new("RGB", (1600, 900)).save(turned, exif=private_exif(6))
    assert photos.advice(turned, "gambar/tegak.jpg") == [
        "foto 'gambar/tegak.jpg' hanya 900 px lebarnya; pakai foto selebar paling sedikit 1200 px "
        "agar tetap tajam di kartu berbagi dan layar lebar"]


def test_advice_for_a_heavy_photo(tmp_path):
    heavy = tmp_path / "berat.png"
    info = PngImagePlugin.PngInfo()
    info.add_text("Catatan", "x" * (photos.MAX_BYTES + 100_000))    # a valid PNG past the limit
    Image.new("RGB", (1600, 900)).save(heavy, pnginfo=info)
    assert photos.problem(heavy) is None
    assert photos.advice(heavy, "gambar/berat.png") == [
        "foto 'gambar/berat.png' berukuran 8,1 MB, lebih dari 8 MB; perkecil dulu (misalnya simpan ulang "
        "selebar 2.000 px dengan kualitas 85) sebelum diunggah"]


def test_published_copy_is_made_once(tmp_path):
    source = tmp_path / "foto.jpg"
    source.write_bytes(encoded("JPEG", exif=private_exif()))
    copy, digest = photos.published_copy(source, tmp_path / "cache")
    assert digest == hashlib.sha256(source.read_bytes()).hexdigest()
    assert copy.read_bytes() == photos.strip(source.read_bytes())
    copy.write_bytes(b"dari cache")          # a second call reads the cache, never strips again
    assert photos.published_copy(source, tmp_path / "cache") == (copy, digest)
    assert copy.read_bytes() == b"dari cache"
