"""Photos sized for phones (issue 16), read back from real builds: every srcset candidate is a
published file of its stated width, none wider than its photo, none made again on a rebuild, none
carrying the camera's EXIF; every <img> sized; feeds and share tags keep the one full-size photo."""
from __future__ import annotations

import io
import json
import logging
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from PIL import Image, ImageCms, PngImagePlugin

from siaran import photos
from siaran.artwork import write_scene
from siaran.build import build_site, check
from siaran.messages import MSG
from siaran.renditions import Spec, widths_for

SITE = "http://127.0.0.1:8000/"
RELEASE = "content/berita/2026/rapat-koordinasi-tata-ruang-laut.md"
RELEASE_URL = "berita/2026/01/rapat-koordinasi-tata-ruang-laut-sepakati-zona-tangkap-nelayan-kecil/"
GPS_PHOTO = "gambar/berita/gps-pantai.jpg"
PORTRAIT = "gambar/berita/peta-tegak.jpg"
REGISTER_ITEM = "content/informasi-publik/serta-merta/kualitas-air-teluk-tanjung-harapan.md"
REGISTER_PHOTO = "gambar/informasi-publik/sampel-air.jpg"
RENDITION = re.compile(r"^(?P<stem>.+)-(?P<width>\d+)\.(?P<digest>[0-9a-f]{16})\.(?P<suffix>avif|webp|jpg|png)$")
SECRETS = (b"MerekKamera", b"GPSLatitude", b"catatan pribadi")
MIME = {"AVIF": "image/avif", "WEBP": "image/webp", "JPEG": "image/jpeg", "PNG": "image/png"}


def phone_photo(path: Path, size: tuple[int, int], orientation: int = 1) -> None:
    """As a phone saves it: camera make, GPS position, XMP, a comment, an sRGB profile."""
    exif = Image.Exif()
    exif[0x010F] = "MerekKamera"
    exif[0x0112] = orientation
    exif[0x8825] = {1: "S", 2: (6.0, 10.0, 30.0), 3: "E", 4: (106.0, 49.0, 0.0)}
    image = Image.radial_gradient("L").resize(size).convert("RGB")
    image.save(path, "JPEG", quality=90, exif=exif, comment=b"catatan pribadi",
               icc_profile=ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes(),
               xmp=b"<x:xmpmeta>GPSLatitude 6,10.5S</x:xmpmeta>")


class Logged(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@pytest.fixture(scope="module")
def site(new_project):
    """The sample site plus a phone photo with GPS as a release's photo, a portrait (Orientation 6)
    in its body and a photo in a register item's body; built twice in one project, the second time
    in full (every page rendered) with every cache warm."""
    project = new_project("photos", warm_renditions=False)
    content = project / "content"
    phone_photo(content / GPS_PHOTO, (1600, 900))
    phone_photo(content / PORTRAIT, (1600, 900), orientation=6)
    write_scene(content / REGISTER_PHOTO, seed=7)
    item = project / REGISTER_ITEM
    item.write_text(item.read_text(encoding="utf-8") + "\nTitik pengambilan sampel:\n\n"
                    "![Perahu peneliti mengambil sampel air di teluk](../../gambar/informasi-publik/sampel-air.jpg)\n"
                    .replace("](../../", "]({static}../../"), encoding="utf-8")
    release = project / RELEASE
    text = release.read_text(encoding="utf-8")
    text = text.replace("credit: Humas/AH/RP\n", "credit: Humas/AH/RP\nimage: gambar/berita/gps-pantai.jpg\n"
                        "image_alt: Perahu nelayan di pantai Kota Tanjung Harapan\n", 1)
    text += "\n![Peta zona tangkap dipegang tegak oleh nelayan]({static}/gambar/berita/peta-tegak.jpg)\n"
    release.write_text(text, encoding="utf-8")
    logged = Logged()
    logger = logging.getLogger("siaran.renditions")
    logger.addHandler(logged)
    logger.setLevel(logging.INFO)
    try:
        first = build_site(project / "pelicanconf.py", project / "output")
        assert first.ok, [str(p) for p in first.problems] + first.log_errors
        made = {p.relative_to(project / "output").as_posix(): p.read_bytes()
                for p in sorted((project / "output" / "gambar").rglob("*")) if p.is_file()}
        first_log = list(logged.lines)
        # A full build (every page rendered, not the engine's no-change path), caches warm.
        second = build_site(project / "pelicanconf.py", project / "output", full=True)
        assert second.ok, [str(p) for p in second.problems] + second.log_errors
    finally:
        logger.removeHandler(logged)
        logger.setLevel(logging.NOTSET)
    return {"project": project, "output": project / "output", "first_log": first_log,
            "second_log": logged.lines[len(first_log):], "first_files": made}


def pages(output: Path):
    from bs4 import BeautifulSoup
    for path in sorted(output.rglob("*.html")):
        yield path.relative_to(output).as_posix(), BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def candidates(srcset: str) -> list[tuple[str, int]]:
    found = []
    for candidate in srcset.split(","):
        url, width = candidate.split()
        assert width.endswith("w")
        found.append((url, int(width[:-1])))
    return found


def output_file(output: Path, url: str) -> Path:
    assert url.startswith(SITE), url
    return output / unquote(url[len(SITE):])


def test_every_srcset_entry_is_a_file_of_its_stated_width(site):
    checked: set[str] = set()
    for name, page in pages(site["output"]):
        for picture in page.select("picture"):
            img = picture.find("img")
            offers = [(source["type"], source["srcset"]) for source in picture.find_all("source")]
            fallback = Image.open(output_file(site["output"], img["src"])).format
            offers.append((MIME[fallback], img["srcset"]))
            for mime, srcset in offers:
                for url, width in candidates(srcset):
                    file = output_file(site["output"], url)
                    assert file.is_file(), (name, url)
                    with Image.open(file) as image:
                        assert image.width == width and MIME[image.format] == mime, (name, url)
                        # the same shape as the width and height the <img> states
                        assert abs(image.height / image.width - int(img["height"]) / int(img["width"])) < 0.01
                    checked.add(url)
    photos_offered = {RENDITION.match(url.rsplit("/", 1)[1])["stem"] for url in checked}
    assert photos_offered == {"banjir-rob", "kapal-riset", "mangrove-tanam", "pelabuhan-data", "sekolah-pesisir",
                              "terumbu-karang", "kantor-brpkn", "gps-pantai", "peta-tegak", "sampel-air"}


def test_no_rendition_is_wider_than_its_photo(site):
    found: dict[str, set[int]] = {}
    for file in sorted((site["output"] / "gambar").rglob("*")):
        match = RENDITION.match(file.name)
        if not match:
            continue
        source = next((site["project"] / "content" / file.parent.relative_to(site["output"])).glob(
            f"{match['stem']}.*"))
        with Image.open(source) as original, Image.open(file) as rendition:
            shown_width, _ = photos.shown_size(original)
            assert rendition.width == int(match["width"]) <= shown_width, file.name
        found.setdefault(source.name, set()).add(rendition.width)
        found[source.name].add(-shown_width)
    for name, widths in found.items():
        shown_width = -min(widths)
        assert {w for w in widths if w > 0} == set(widths_for(shown_width, Spec())), name
    assert found["peta-tegak.jpg"] == {360, 720, 900, -900}         # a portrait: 900 px as shown


def test_a_rebuild_makes_no_rendition_again(site):
    assert "rendisi foto: 10 foto dibuat, 0 dari cache" in site["first_log"]
    assert "rendisi foto: 0 foto dibuat, 10 dari cache" in site["second_log"]
    rebuilt = {p.relative_to(site["output"]).as_posix(): p.read_bytes()
               for p in sorted((site["output"] / "gambar").rglob("*")) if p.is_file()}
    assert rebuilt == site["first_files"]


def test_renditions_carry_no_gps_exif(site):
    folder = site["output"] / "gambar" / "berita"
    made = [file for file in sorted(folder.iterdir()) if file.name.startswith(("gps-pantai-", "peta-tegak-"))]
    assert len(made) >= 12
    for file in [*made, site["output"] / GPS_PHOTO, site["output"] / PORTRAIT]:
        data = file.read_bytes()
        assert not [secret for secret in SECRETS if secret in data], file.name
        with Image.open(io.BytesIO(data)) as image:
            assert not image.getexif().get_ifd(0x8825), file.name
            if file in made:
                assert len(image.getexif()) == 0 and image.info.get("icc_profile"), file.name


def test_every_img_has_width_and_height(site):
    for name, page in pages(site["output"]):
        for img in page.find_all("img"):
            assert img.get("width", "").isdigit() and img.get("height", "").isdigit(), (name, str(img))


def loading(img) -> tuple:
    return img.get("fetchpriority"), img.get("loading"), img.get("decoding")


def test_only_the_largest_photo_in_view_comes_first(site):
    output = site["output"]
    home = dict(pages(output))["index.html"]
    assert loading(home.select_one(".lead img")) == ("high", None, None)
    assert {loading(img) for img in home.select(".card-img")} == {(None, "lazy", "async")}
    listing = dict(pages(output))["kategori/siaran-pers/index.html"]
    cards = listing.select(".card-img")
    assert loading(cards[0]) == ("high", None, None)
    assert {loading(img) for img in cards[1:]} == {(None, "lazy", "async")}
    release = dict(pages(output))[RELEASE_URL + "index.html"]
    assert loading(release.select_one("figure.photo img")) == ("high", None, None)
    assert loading(release.select_one(".body img")) == (None, "lazy", "async")    # below the release photo
    profile = dict(pages(output))["profil/index.html"]
    assert loading(profile.select_one(".body img")) == ("high", None, None)       # nothing above it
    item = dict(pages(output))["informasi-publik/2026/status-kualitas-air-teluk-tanjung-harapan-pascatumpahan-minyak/index.html"]
    assert loading(item.select_one(".body img")) == ("high", None, None)


def test_listing_thumbnails_use_the_small_renditions(site):
    thumbnails = [img for name, page in pages(site["output"]) for img in page.select(".card-img")]
    assert len(thumbnails) > 20
    for img in thumbnails:
        offered = [width for source in [*img.parent.find_all("source"), img]
                   for _, width in candidates(source["srcset"])]
        assert max(offered) == 720 and min(offered) == 360
        assert RENDITION.match(img["src"].rsplit("/", 1)[1])["width"] == "720"


def test_body_photos_are_pictures_of_the_shown_size(site):
    release = dict(pages(site["output"]))[RELEASE_URL + "index.html"]
    body_photo = release.select_one(".body picture img")
    assert (body_photo["width"], body_photo["height"]) == ("900", "1600")       # as the camera held it
    assert body_photo["alt"] == "Peta zona tangkap dipegang tegak oleh nelayan"
    assert body_photo["sizes"] == "(min-width: 46rem) 44rem, calc(100vw - 2rem)"
    assert release.select_one("figure.photo img")["sizes"] == body_photo["sizes"]
    profile = dict(pages(site["output"]))["profil/index.html"].select_one(".body picture")
    assert [source["type"] for source in profile.find_all("source")] == ["image/webp"]   # a flat drawing


def test_register_body_photos_are_published_and_offered_like_any_other(site):
    """A register item's body links its photo relative to itself ({static}../../gambar/…): the page
    shows it through its renditions, the photo is published, the register's feed links it."""
    page = dict(pages(site["output"]))["informasi-publik/2026/status-kualitas-air-teluk-tanjung-harapan-pascatumpahan-minyak/index.html"]
    img = page.select_one(".body picture img")
    assert img["alt"] == "Perahu peneliti mengambil sampel air di teluk"
    assert (img["width"], img["height"]) == ("1200", "675")
    assert "{static}" not in str(page)
    assert (site["output"] / REGISTER_PHOTO).is_file()


def test_feeds_and_share_tags_keep_the_one_full_size_photo(site):
    import feedparser
    output = site["output"]
    published = output / GPS_PHOTO
    feed = feedparser.parse((output / "rss.xml").read_bytes())
    entry = next(e for e in feed.entries if e.link == SITE + RELEASE_URL)
    assert [(e["href"], int(e["length"]), e["type"]) for e in entry.enclosures] == [
        (SITE + GPS_PHOTO, published.stat().st_size, "image/jpeg")]
    items = json.loads((output / "feed.json").read_text(encoding="utf-8"))["items"]
    item = next(i for i in items if i["url"] == SITE + RELEASE_URL)
    assert [(a["url"], a["size_in_bytes"], a["mime_type"]) for a in item["attachments"]] == [
        (SITE + GPS_PHOTO, published.stat().st_size, "image/jpeg")]
    page = dict(pages(output))[RELEASE_URL + "index.html"]
    assert page.select_one('meta[property="og:image"]')["content"] == \
        SITE + "social/rapat-koordinasi-tata-ruang-laut-sepakati-zona-tangkap-nelayan-kecil.jpg"
    jsonld = [json.loads(s.string) for s in page.select('script[type="application/ld+json"]')]
    article = next(item for block in jsonld for item in (block if isinstance(block, list) else [block])
                   if item["@type"] == "NewsArticle")
    assert SITE + GPS_PHOTO in article["image"]


def test_check_warns_about_narrow_and_heavy_photos(new_project):
    project = new_project("photo-checks")
    content = project / "content"
    Image.new("RGB", (800, 450), "teal").save(content / "gambar" / "berita" / "sempit.jpg")
    info = PngImagePlugin.PngInfo()
    info.add_text("Catatan", "x" * (photos.MAX_BYTES + 10_000))
    Image.new("RGB", (1600, 900), "navy").save(content / "gambar" / "berita" / "berat.png", pnginfo=info)
    release = project / RELEASE
    text = release.read_text(encoding="utf-8").replace(
        "credit: Humas/AH/RP\n", "credit: Humas/AH/RP\nimage: gambar/berita/sempit.jpg\nimage_alt: Peta\n", 1)
    release.write_text(text + "\n![Grafik zona tangkap]({static}/gambar/berita/berat.png)\n", encoding="utf-8")
    body_line = len(text.splitlines()) + 2
    found = [str(p) for p in check(project / "pelicanconf.py").problems if p.path == RELEASE]
    assert found == [
        f"{RELEASE}:10: peringatan: image: " + MSG["photo_narrow"].format(
            got="gambar/berita/sempit.jpg", width=800, minimum=1200),
        f"{RELEASE}:{body_line}: peringatan: body: " + MSG["photo_heavy"].format(
            got="gambar/berita/berat.png", size="8,0", limit=8),
    ]
