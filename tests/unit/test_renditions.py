"""siaran.renditions: which widths, what a rendition keeps, names by digest, the cache, the offer."""
from __future__ import annotations

import hashlib
import io
import json
import logging
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from siaran import renditions
from siaran.executor import Executor
from siaran.renditions import File, Job, Made, PhotoSources, RenditionCache, Spec, make, make_all, widths_for

GPS = 0x8825
ORIENTATION = 0x0112


def camera_jpeg(path: Path, size=(1600, 900), orientation: int | None = None) -> Path:
    """A phone photo as it arrives: camera make, GPS position, XMP, a comment, an sRGB profile."""
    exif = Image.Exif()
    exif[0x010F] = "MerekKamera"
    exif[GPS] = {1: "S", 2: (6.0, 10.0, 30.0), 3: "E", 4: (106.0, 49.0, 0.0)}
    if orientation:
        exif[ORIENTATION] = orientation
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    image.save(path, "JPEG", exif=exif, icc_profile=icc, comment=b"catatan pribadi",
               xmp=b"<x:xmpmeta>GPSLatitude 6,10.5S</x:xmpmeta>")
    return path


def job(source: Path, cache: Path, spec: Spec | None = None) -> Job:
    return Job("k", str(source), source.name, str(cache), spec or Spec())


@pytest.mark.parametrize("width, expected", [
    (1200, (360, 720, 1080, 1200)),
    (4000, (360, 720, 1080, 4000)),
    (1080, (360, 720, 1080)),
    (400, (360, 400)),
    (360, (360,)),
    (200, (200,)),
])
def test_widths_never_exceed_the_photo(width, expected):
    assert widths_for(width, Spec()) == expected


def test_spec_formats_are_what_this_pillow_writes():
    assert Spec().formats == tuple(name for name in ("avif", "webp") if renditions.features.check(name))
    assert "webp" in Spec().formats      # the build this project pins has both
    assert "avif" in Spec().formats


@pytest.mark.parametrize("settings, message", [
    ({"PHOTO_WIDTHS": [360, 0]}, "PHOTO_WIDTHS harus daftar bilangan bulat positif, bukan [360, 0]"),
    ({"PHOTO_WIDTHS": []}, "PHOTO_WIDTHS harus daftar bilangan bulat positif, bukan []"),
    ({"PHOTO_FORMATS": ["jxl"]}, "PHOTO_FORMATS hanya boleh berisi avif, webp, bukan ['jxl']"),
])
def test_spec_settings_are_checked(settings, message):
    with pytest.raises(ValueError) as error:
        Spec.from_settings(settings)
    assert str(error.value) == message


def test_spec_from_settings_sorts_widths():
    assert Spec.from_settings({"PHOTO_WIDTHS": [720, 360, 720], "PHOTO_FORMATS": ["webp"]}) == \
        Spec(widths=(360, 720), formats=("webp",))


def test_key_covers_the_photo_and_every_setting():
    base = renditions.rendition_key("a" * 64, Spec())
    assert renditions.rendition_key("a" * 64, Spec()) == base
    assert renditions.rendition_key("b" * 64, Spec()) != base
    assert renditions.rendition_key("a" * 64, Spec(widths=(480,))) != base
    assert renditions.rendition_key("a" * 64, Spec(webp_quality=70)) != base


def test_renditions_keep_no_metadata_but_the_profile(tmp_path):
    source = camera_jpeg(tmp_path / "foto.jpg")
    made = make(job(source, tmp_path))
    assert {(f.width, f.format) for f in made.files} == {
        (w, fmt) for w in (360, 720, 1080, 1600) for fmt in ("avif", "webp", "jpeg")}
    icc = Image.open(source).info["icc_profile"]
    for file in made.files:
        data = (tmp_path / file.body).read_bytes()
        for secret in (b"MerekKamera", b"GPSLatitude", b"catatan pribadi"):
            assert secret not in data, (file, secret)
        with Image.open(io.BytesIO(data)) as image:
            assert GPS not in image.getexif() and len(image.getexif()) == 0
            assert "xmp" not in image.info and "XML:com.adobe.xmp" not in image.info
            assert image.info.get("icc_profile") == icc
            assert image.size == (file.width, file.height)


def test_orientation_is_turned_into_the_pixels(tmp_path):
    source = camera_jpeg(tmp_path / "tegak.jpg", size=(1600, 900), orientation=6)
    made = make(job(source, tmp_path))
    assert (made.width, made.height) == (900, 1600)          # as a reader sees it
    assert sorted({f.width for f in made.files}) == [360, 720, 900]
    for file in made.files:
        with Image.open(tmp_path / file.body) as image:
            assert image.width < image.height and ORIENTATION not in image.getexif()


def test_names_carry_the_digest_of_their_bytes(tmp_path):
    made = make(job(camera_jpeg(tmp_path / "foto.jpg"), tmp_path))
    for file in made.files:
        data = (tmp_path / file.body).read_bytes()
        assert file.digest == hashlib.sha256(data).hexdigest() and file.size == len(data)
        assert file.name("gambar/berita/foto.jpg") == \
            f"gambar/berita/foto-{file.width}.{file.digest[:16]}.{file.suffix}"


@pytest.mark.parametrize("mode, fill, fallback", [
    ("RGBA", (10, 120, 200, 0), "png"),          # transparent: no JPEG
    ("RGBA", (10, 120, 200, 255), "jpeg"),       # an alpha channel that hides nothing
    ("L", 128, "jpeg"),
])
def test_fallback_follows_transparency(tmp_path, mode, fill, fallback):
    source = tmp_path / "grafis.png"
    Image.new(mode, (500, 300), fill).save(source)
    made = make(job(source, tmp_path))
    assert {f.format for f in made.files} == {"avif", "webp", fallback}


def test_make_all_in_the_executors_pool_gives_what_one_process_gives(tmp_path):
    sources = [camera_jpeg(tmp_path / f"foto-{n}.jpg", size=(800 + 100 * n, 450)) for n in range(3)]
    serial = make_all([job(s, tmp_path / "a") for s in sources], Executor(1))
    executor = Executor(2)
    try:
        parallel = make_all([job(s, tmp_path / "b") for s in sources], executor)
        assert executor._pool is not None           # the work went to its process pool
    finally:
        executor.close()
    assert parallel == serial
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == sorted(p.name for p in (tmp_path / "a").iterdir())


def test_a_photo_that_is_no_image_names_itself(tmp_path):
    (tmp_path / "rusak.jpg").write_bytes(b"bukan gambar")
    with pytest.raises(renditions.RenditionError, match="^rusak.jpg: "):
        make(job(tmp_path / "rusak.jpg", tmp_path))


def made_of(**sizes: int) -> Made:
    """Renditions of a 1200 px photo at 360 and 1200, each format totalling the given bytes."""
    files = tuple(File(width, round(width * 0.5625), name, f"{name}{width}".ljust(64, "0"), size // 2)
                  for name, size in sizes.items() for width in (360, 1200))
    return Made(1200, 675, files)


@pytest.mark.parametrize("sizes, types, fallback", [
    ({"avif": 100, "webp": 200, "jpeg": 400}, ("image/avif", "image/webp"), "image/jpeg"),
    ({"avif": 300, "webp": 200, "jpeg": 400}, ("image/webp",), "image/jpeg"),     # a flat drawing
    ({"avif": 500, "webp": 450, "jpeg": 400}, (), "image/jpeg"),
    ({"avif": 100, "webp": 200, "png": 900}, ("image/avif", "image/webp"), "image/png"),
    ({"webp": 200, "jpeg": 400}, ("image/webp",), "image/jpeg"),                  # a Pillow without AVIF
])
def test_offer_only_what_is_lighter(sizes, types, fallback):
    sources = PhotoSources.of("gambar/x.jpg", made_of(**sizes), "https://humas.example")
    assert sources.types == types and sources.fallback == fallback
    assert {s.mime for s in sources.candidates} == {*types, fallback}


def test_srcset_and_src_respect_the_cap():
    sources = PhotoSources.of("gambar/foto baru.jpg", made_of(avif=100, webp=200, jpeg=400), "https://humas.example")
    avif_360 = next(s for s in sources.candidates if s.mime == "image/avif" and s.width == 360)
    assert avif_360.url == f"https://humas.example/gambar/foto%20baru-360.{'avif360'.ljust(16, '0')}.avif"
    assert sources.srcset("image/avif") == ", ".join(
        f"https://humas.example/gambar/foto%20baru-{w}.{f'avif{w}'.ljust(16, '0')}.avif {w}w" for w in (360, 1200))
    assert sources.srcset("image/avif", max_width=720) == f"{avif_360.url} 360w"
    assert sources.srcset("image/avif", max_width=100) == f"{avif_360.url} 360w"       # never empty
    assert sources.src().endswith("-1200.jpeg120000000000.jpg")
    assert sources.src(max_width=720).endswith("-360.jpeg360000000000.jpg")


def test_cache_round_trip_and_damage(tmp_path, caplog):
    made = make(job(camera_jpeg(tmp_path / "foto.jpg", size=(500, 300)), tmp_path / "cache"))
    cache = RenditionCache(tmp_path / "cache")
    cache.put("kunci", made)
    cache.save()
    assert RenditionCache(tmp_path / "cache").get("kunci") == made
    body = tmp_path / "cache" / made.files[0].body
    body.write_bytes(body.read_bytes()[:-1])                  # cut short: a miss, never a wrong file
    assert RenditionCache(tmp_path / "cache").get("kunci") is None
    (tmp_path / "cache" / "manifest.json").write_text("{rusak", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="siaran.renditions"):
        assert RenditionCache(tmp_path / "cache").entries == {}
    assert "cache rendisi foto rusak, dibuat ulang" in caplog.text


def test_prune_keeps_only_what_was_shown(tmp_path):
    cache_dir = tmp_path / "cache"
    kept = make(job(camera_jpeg(tmp_path / "a.jpg", size=(400, 300)), cache_dir))
    dropped = make(job(camera_jpeg(tmp_path / "b.jpg", size=(500, 300)), cache_dir))
    cache = RenditionCache(cache_dir)
    cache.put("a", kept)
    cache.put("b", dropped)
    cache.save()
    assert cache.prune({"a"}) == len(dropped.files)
    assert sorted(p.name for p in cache_dir.iterdir()) == sorted([*(f.body for f in kept.files), "manifest.json"])
    assert set(json.loads((cache_dir / "manifest.json").read_text())) == {"a"}
