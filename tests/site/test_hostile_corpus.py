"""The hostile-input corpus: every field and every kind of file, built for real.

Each case changes a copy of the sample project and builds it over an output/
that a good build made. It must end one of two ways:
- refused: every expected `file:line: field: message` is reported and output/
  is byte for byte what it was;
- built: the output is correct and safe: no script, handler, javascript: URL,
  foreign frame or unpublished file anywhere, plus the case's own check.
"""
from __future__ import annotations

import io
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from siaran import boundary
from siaran.build import build_site
from siaran.messages import MSG
from siaran.photos import problem as photo_problem
from siaran.problems import WARNING
from site_support import Site, copy_project

RELEASE = "content/berita/2026/uji-kasus.md"
PAGE = "content/halaman/uji-halaman.md"
ITEM = "content/informasi-publik/setiap-saat/uji-dokumen.md"
PHOTO = "gambar/berita/mangrove-tanam.jpg"
#: The release every body case edits: its page is berita/2026/11/uji-kasus/.
RELEASE_URL = "berita/2026/11/uji-kasus-keamanan/"


#: The sample's settings with no list of units (UNITS = []): `unit` takes any name.
FREE_UNITS = "pelicanconf-unit-bebas.py"
FREE_UNITS_SETTINGS = ("import os, sys\nsys.path.append(os.path.dirname(__file__))\n"
                       "from pelicanconf import *  # noqa: F401,F403\nUNITS = []\n")


def release(body: str = "Isi rilis.", **fields: str) -> str:
    meta = {"id": "0b7d9f4e-2c1a-4e8b-9d3f-5a6b7c8d9e0f", "title": "Uji Kasus Keamanan",
            "date": "2026-11-20 09:00", "category": "Pengumuman", "unit": "Biro Hukum dan Humas",
            "location": "Tanjung Harapan", **fields}
    return "".join(f"{key}: {value}\n" for key, value in meta.items() if value is not None) + "\n" + body + "\n"


def page(body: str = "Isi halaman.", **fields: str) -> str:
    meta = {"title": "Halaman Uji", "slug": "halaman-uji", **fields}
    return "".join(f"{key}: {value}\n" for key, value in meta.items()) + "\n" + body + "\n"


def register_item(body: str = "", **fields: str) -> str:
    meta = {"id": "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b", "title": "Dokumen Uji Keamanan",
            "category": "setiap-saat", "summary": "Dokumen untuk menguji batas konten.",
            "unit": "Biro Hukum dan Humas", "year": "2026", "published": "2026-05-04 10:00",
            "retention": "5 tahun", **fields}
    return "".join(f"{key}: {value}\n" for key, value in meta.items() if value is not None) + "\n" + body + "\n"


def jpeg(**save) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (1200, 675), (20, 90, 140)).save(out, "JPEG", **save)
    return out.getvalue()


def gps_jpeg() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "KameraPonselRahasia"
    exif[0x8825] = {1: "S", 2: (6.0, 10.0, 30.0), 3: "E", 4: (106.0, 49.0, 12.0)}
    return jpeg(exif=exif, comment=b"lokasi sarang penyu")


Files = dict[str, "str | bytes | Callable[[Path], None]"]


@dataclass
class Case:
    name: str
    files: Files
    refused: list[str] = field(default_factory=list)   # exact problem lines (prefix match on the message)
    warnings: list[str] = field(default_factory=list)  # located warnings a built case must report
    check: Callable[[Site], None] | None = None
    settings: str = "pelicanconf.py"


def symlink(target: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(target)
    return make


def outside_folder(path: Path) -> None:
    """A symlinked folder to a folder beside the project holding a release."""
    outside = path.parents[3] / "di-luar-content"
    outside.mkdir(exist_ok=True)
    (outside / "bocor.md").write_text(release(title="Rilis dari Luar Content"), encoding="utf-8")
    path.symlink_to(outside)


def text_of(site: Site, url: str) -> str:
    return (site.output / url / "index.html").read_text(encoding="utf-8")


def absent(*names: str) -> Callable[[Site], None]:
    def check(site: Site) -> None:
        for name in names:
            assert not (site.output / name).exists(), f"{name} must not be published"
    return check


def body_has_no(*needles: str, url: str = RELEASE_URL) -> Callable[[Site], None]:
    def check(site: Site) -> None:
        html = text_of(site, url)
        for needle in needles:
            assert needle not in html, f"{needle!r} reached {url}"
    return check


def unpublished(path: str, why: str) -> str:
    return warned(path, 1, "berkas", MSG["boundary_not_published"].format(why=why))


def assert_equal(got, expected) -> None:
    assert got == expected, (got, expected)


def assert_in(needle, haystack) -> None:
    assert needle in haystack, (needle, haystack[:300])


def located(path: str, line: int, name: str, message: str) -> str:
    return f"{path}:{line}: {name}: {message}"


def warned(path: str, line: int, name: str, message: str) -> str:
    return f"{path}:{line}: peringatan: {name}: {message}"


S = ", ".join(sorted({"http", "https", "mailto", "tel"}))
TAG = MSG["sanitize_tag"]
ATTR = MSG["sanitize_attribute"]
URL = MSG["sanitize_url"]


def frame_kept(site: Site) -> None:
    frames = BeautifulSoup(text_of(site, RELEASE_URL), "lxml").select("iframe")
    assert [f["src"] for f in frames] == ["https://www.youtube-nocookie.com/embed/abc123"]
    assert frames[0]["sandbox"] and frames[0]["loading"] == "lazy"


def photo_clean(site: Site) -> None:
    published = site.output / "gambar/berita/sarang.jpg"
    data = published.read_bytes()
    assert b"KameraPonselRahasia" not in data and b"lokasi sarang penyu" not in data
    with Image.open(published) as img:
        assert dict(img.getexif()) == {}
    original = site.project / "content/gambar/berita/sarang.jpg"
    assert b"KameraPonselRahasia" in original.read_bytes(), "the original in content/ stays as it was"


def bom_release(site: Site) -> None:
    soup = BeautifulSoup(text_of(site, RELEASE_URL), "lxml")
    assert soup.h1.get_text() == "Uji Kasus Keamanan"


def draft_photo_held_back(site: Site) -> None:
    assert not (site.output / "gambar/berita/draf-saja.jpg").exists()
    assert (site.output / PHOTO).exists()


def register_body_clean(site: Site) -> None:
    pages = [p for p in (site.output / "informasi-publik").rglob("index.html")
             if "Dokumen Uji Keamanan" in p.read_text(encoding="utf-8")]
    assert pages, "the register item was published"
    for path in pages:
        assert "alert(" not in path.read_text(encoding="utf-8")


#: Markup and quotes an attacker (or a careless paste) puts in a plain-text field.
HOSTILE = "Awas \"'<b>&amp;</b> \"><img src=x onerror=alert(20)><script>alert(21)</script>"
#: The same within a tag's 60 characters.
SHORT = "\"'<b>&</b> \"><img src=x onerror=alert(22)>"


def shown_as_text(field: str, where: Callable[[BeautifulSoup], list[str]],
                  typed: str = HOSTILE) -> Callable[[Site], None]:
    """The field's value comes back exactly as typed wherever the page shows it."""
    def check(site: Site) -> None:
        soup = BeautifulSoup(text_of(site, RELEASE_URL), "lxml")
        values = where(soup)
        assert values and all(typed in value for value in values), f"{field}: {values}"
    return check


def meta_values(*names: str) -> Callable[[BeautifulSoup], list[str]]:
    return lambda soup: [tag["content"] for name in names
                         for tag in soup.select(f'meta[property="{name}"], meta[name="{name}"]')]


CASES = [
    # -- plain-text fields: shown as typed, never as markup ---------------------------------------
    Case("title-markup", {RELEASE: release(title=HOSTILE, slug="uji-kasus-keamanan")},
         check=shown_as_text("title", lambda soup: [soup.h1.get_text(), soup.title.get_text(),
                                                    *meta_values("og:title", "twitter:title")(soup)])),
    Case("title-issue-example", {RELEASE: release(
        title='Kepala Balai: "Data Arus Selamatkan Nelayan" & Pelaut <10 GT', slug="uji-kasus-keamanan")},
         check=lambda site: [
             assert_equal(BeautifulSoup(text_of(site, RELEASE_URL), "lxml").h1.get_text(),
                          'Kepala Balai: "Data Arus Selamatkan Nelayan" & Pelaut <10 GT'),
             assert_equal(meta_values("og:title")(BeautifulSoup(text_of(site, RELEASE_URL), "lxml"))[0]
                          .split(" – ")[0], 'Kepala Balai: "Data Arus Selamatkan Nelayan" & Pelaut <10 GT')]),
    # With the settings' list of units (the sample's), a unit not on it never gets in ...
    Case("unit-unlisted", {RELEASE: release(unit="Balai " + HOSTILE)},
         refused=[located(RELEASE, 5, "unit", "harus salah satu dari: Biro Hukum dan Humas, ")]),
    # ... and without a list, any name does, shown as typed.
    Case("unit-markup", {RELEASE: release(unit="Balai " + HOSTILE), FREE_UNITS: FREE_UNITS_SETTINGS},
         settings=FREE_UNITS,
         check=shown_as_text("unit", lambda soup: [a.get_text() for a in soup.select(".meta a")])),
    Case("location-markup", {RELEASE: release(location="Kota " + HOSTILE)},
         check=shown_as_text("location", lambda soup: [soup.select_one(".body p").get_text()])),
    Case("credit-markup", {RELEASE: release(credit="Humas/" + HOSTILE)},
         check=shown_as_text("credit", lambda soup: [soup.select_one(".credit-line").get_text()])),
    Case("photo-fields-markup", {RELEASE: release(image=PHOTO, image_alt="Alt " + HOSTILE,
                                                  image_caption="Keterangan " + HOSTILE,
                                                  image_credit="Foto: " + HOSTILE)},
         check=shown_as_text("image_alt", lambda soup: [soup.select_one("figure img")["alt"],
                                                        soup.select_one("figcaption").get_text()])),
    Case("tag-markup", {RELEASE: release(tags="Laut " + SHORT)},
         check=shown_as_text("tags", lambda soup: [a.get_text() for a in soup.select(".tags a")], SHORT)),
    Case("author-markup", {RELEASE: release(authors="Penulis " + SHORT)},
         check=shown_as_text("authors", lambda soup: [soup.select_one(".authors").get_text()], SHORT)),
    Case("social-override-markup", {RELEASE: release(social_x="Teks X " + HOSTILE)},
         check=lambda site: assert_in(HOSTILE, (site.output / "social").joinpath(
             "uji-kasus-keamanan.json").read_text(encoding="utf-8").encode().decode("unicode_escape"))),
    Case("register-title-markup", {ITEM: register_item(title="Dokumen " + HOSTILE)},
         check=lambda site: assert_in(HOSTILE, "".join(
             BeautifulSoup(p.read_text(encoding="utf-8"), "lxml").get_text()
             for p in (site.output / "informasi-publik").rglob("index.html")))),
    Case("page-title-markup", {PAGE: page(title="Halaman " + HOSTILE)},
         check=lambda site: assert_equal(BeautifulSoup(text_of(site, "halaman-uji/"), "lxml").h1.get_text(),
                                         "Halaman " + HOSTILE)),
    # -- release bodies: raw HTML and Markdown that would run script ------------------------------
    Case("body-script", {RELEASE: release("Paragraf.\n\n<script>alert(1)</script>")},
         warnings=[warned(RELEASE, 10, "body", TAG.format(tag="script"))], check=body_has_no("alert(1)")),
    Case("body-img-onerror", {RELEASE: release("Foto <img src=x onerror=alert(2)>")},
         warnings=[warned(RELEASE, 8, "body", ATTR.format(tag="img", name="onerror"))],
         check=body_has_no("onerror", "alert(2)")),
    Case("body-javascript-link", {RELEASE: release("Baca [di sini](javascript:alert(3)).")},
         warnings=[warned(RELEASE, 8, "body", URL.format(tag="a", name="href", value="javascript:alert(3)",
                                                          schemes=S))],
         check=body_has_no("javascript:")),
    Case("body-entity-javascript", {RELEASE: release('<a href="&#106;avascript:alert(4)">x</a>')},
         warnings=[warned(RELEASE, 8, "body", URL.format(tag="a", name="href", value="javascript:alert(4)",
                                                          schemes=S))],
         check=body_has_no("avascript:")),
    Case("body-foreign-iframe", {RELEASE: release('<iframe src="https://judi.example/slot"></iframe>')},
         warnings=[warned(RELEASE, 8, "body", MSG["sanitize_frame"].format(value="https://judi.example/slot"))],
         check=body_has_no("judi.example", "<iframe")),
    Case("body-allowed-iframe", {RELEASE: release(
        '<iframe src="https://www.youtube-nocookie.com/embed/abc123" title="Video"></iframe>')},
         check=frame_kept),
    Case("body-attr-list-handler", {RELEASE: release('Paragraf\n{: onclick="alert(5)" }')},
         warnings=[warned(RELEASE, 9, "body", ATTR.format(tag="p", name="onclick"))],
         check=body_has_no("onclick", "alert(5)")),
    Case("body-svg-script", {RELEASE: release("<svg onload=alert(6)><script>alert(6)</script></svg>")},
         check=body_has_no("<svg", "alert(6)")),
    Case("body-form", {RELEASE: release('<form action="https://judi.example/"><input name=p></form>')},
         check=body_has_no("<form", "<input", "judi.example")),
    Case("body-object-embed", {RELEASE: release('<object data="x.swf"></object><embed src="x.swf">')},
         check=body_has_no("<object", "<embed", "x.swf")),
    Case("body-style", {RELEASE: release("<style>body{display:none}</style>Teks")},
         check=body_has_no("display:none")),
    Case("body-comment", {RELEASE: release("Teks <!-- catatan internal: jangan terbit -->")},
         warnings=[warned(RELEASE, 8, "body", MSG["sanitize_comment"])], check=body_has_no("catatan internal")),
    Case("body-meta-refresh", {RELEASE: release('<meta http-equiv="refresh" content="0;url=https://judi.example">')},
         check=body_has_no("judi.example")),
    Case("body-base-href", {RELEASE: release('<base href="https://judi.example/">Teks')},
         check=body_has_no("judi.example")),
    Case("body-data-image", {RELEASE: release("![x](data:image/svg+xml;base64,PHN2Zz4=)")},
         check=body_has_no("data:image")),
    Case("body-style-attribute", {RELEASE: release('<p style="position:fixed;top:0">Teks</p>')},
         check=body_has_no("position:fixed")),
    Case("summary-script", {RELEASE: release(summary="Ringkasan <script>alert(7)</script>")},
         warnings=[warned(RELEASE, 7, "summary", TAG.format(tag="script"))], check=body_has_no("alert(7)", url="")),
    # -- links that leave content/ or name nothing publishable -----------------------------------
    Case("static-traversal", {RELEASE: release("[x]({static}/../../pelicanconf.py)")},
         refused=[located(RELEASE, 8, "body", MSG["boundary_link_escapes"].format(got="{static}/../../pelicanconf.py"))]),
    Case("attach-proc-environ", {RELEASE: release("[x]({attach}../../../../../../proc/self/environ)")},
         refused=[located(RELEASE, 8, "body", MSG["boundary_link_escapes"].format(
             got="{attach}../../../../../../proc/self/environ"))]),
    Case("static-pipe-syntax", {RELEASE: release('<a href="|static|../../../x">x</a>')},
         refused=[located(RELEASE, 8, "body", MSG["boundary_link_escapes"].format(got="|static|../../../x"))]),
    Case("static-dotfile", {RELEASE: release("[x]({static}/dokumen/.env)"), "content/dokumen/.env": "KUNCI=rahasia"},
         refused=[located(RELEASE, 8, "body", MSG["boundary_link_unpublished"].format(
             got="{static}/dokumen/.env", reason=MSG["boundary_dotfile"]))]),
    Case("static-html", {RELEASE: release("[x]({static}/dokumen/halaman.html)"),
                         "content/dokumen/halaman.html": "<script>alert(8)</script>"},
         refused=[located(RELEASE, 8, "body", "tautan '{static}/dokumen/halaman.html' menunjuk berkas yang "
                                              "tidak pernah diterbitkan: akhiran '.html' tidak diterbitkan")]),
    Case("static-missing", {RELEASE: release("[x]({static}/dokumen/tidak-ada.pdf)")},
         refused=[located(RELEASE, 8, "body", MSG["boundary_link_missing"].format(got="{static}/dokumen/tidak-ada.pdf"))]),
    Case("filename-missing", {RELEASE: release("[x]({filename}/berita/tidak-ada.md)")},
         refused=[located(RELEASE, 8, "body", MSG["boundary_link_missing"].format(got="{filename}/berita/tidak-ada.md"))]),
    Case("static-through-symlink", {RELEASE: release("[x]({static}/dokumen/tautan/berkas.pdf)"),
                                    "content/dokumen/tautan": symlink("/etc")},
         refused=[located(RELEASE, 8, "body", MSG["boundary_link_symlink"].format(got="{static}/dokumen/tautan/berkas.pdf")),
                  located("content/dokumen/tautan", 1, "berkas", MSG["symlink"])]),
    # -- file fields -------------------------------------------------------------------------------
    Case("image-traversal", {RELEASE: release(image="../../secret.jpg", image_alt="Foto")},
         refused=[located(RELEASE, 7, "image", MSG["path_escapes"].format(got="../../secret.jpg"))]),
    Case("image-symlink", {RELEASE: release(image="gambar/berita/tautan.jpg", image_alt="Foto"),
                           "content/gambar/berita/tautan.jpg": symlink("/etc/hostname")},
         refused=[located(RELEASE, 7, "image", MSG["path_symlink"].format(got="gambar/berita/tautan.jpg")),
                  located("content/gambar/berita/tautan.jpg", 1, "berkas", MSG["symlink"])]),
    Case("image-empty", {RELEASE: release(image="gambar/berita/kosong.jpg", image_alt="Foto"),
                         "content/gambar/berita/kosong.jpg": b""},
         refused=[located(RELEASE, 7, "image", MSG["photo_broken"].format(
             got="gambar/berita/kosong.jpg", why=MSG["photo_empty"]))]),
    Case("image-truncated", {RELEASE: release(image="gambar/berita/potong.jpg", image_alt="Foto"),
                             "content/gambar/berita/potong.jpg": jpeg()[:4000]},
         refused=[located(RELEASE, 7, "image", MSG["photo_broken"].format(
             got="gambar/berita/potong.jpg", why=MSG["photo_truncated"]))]),
    Case("image-not-image", {RELEASE: release(image="gambar/berita/teks.jpg", image_alt="Foto"),
                             "content/gambar/berita/teks.jpg": "ini bukan foto"},
         refused=[located(RELEASE, 7, "image", MSG["photo_broken"].format(
             got="gambar/berita/teks.jpg", why=MSG["photo_not_image"]))]),
    Case("image-wrong-type", {RELEASE: release(image="gambar/berita/palsu.png", image_alt="Foto"),
                              "content/gambar/berita/palsu.png": jpeg()},
         refused=[located(RELEASE, 7, "image", MSG["photo_broken"].format(
             got="gambar/berita/palsu.png", why=MSG["photo_wrong_type"].format(suffix=".png", found="JPEG")))]),
    Case("image-gps-exif", {RELEASE: release(image="gambar/berita/sarang.jpg", image_alt="Pantai"),
                            "content/gambar/berita/sarang.jpg": gps_jpeg()}, check=photo_clean),
    Case("social-image-dotfile", {RELEASE: release(social_image="gambar/.kartu.png")},
         refused=[located(RELEASE, 7, "social_image", MSG["boundary_dotfile_field"].format(got="gambar/.kartu.png"))]),
    # -- the files themselves ----------------------------------------------------------------------
    Case("release-bom", {RELEASE: ("\ufeff" + release()).encode("utf-8")}, check=bom_release),
    Case("release-symlink", {"content/berita/2026/tautan.md": symlink("/etc/hostname")},
         refused=[located("content/berita/2026/tautan.md", 1, "berkas", MSG["symlink"])]),
    Case("release-folder-symlink", {"content/berita/luar": outside_folder},
         refused=[located("content/berita/luar", 1, "berkas", MSG["symlink"])]),
    Case("release-not-utf8", {RELEASE: release("Kata dengan é").encode("latin-1")},
         refused=[located(RELEASE, 1, "metadata", "file is not valid UTF-8")]),
    Case("dotfile-env", {"content/dokumen/.env": "AWS_SECRET_ACCESS_KEY=contoh"}, check=absent("dokumen/.env"),
         warnings=[unpublished("content/dokumen/.env", MSG["boundary_dotfile"])]),
    Case("dotfolder-git", {"content/gambar/.git/config": "[remote]"}, check=absent("gambar/.git/config", "gambar/.git")),
    Case("svg-upload", {"content/gambar/berita/logo.svg": "<svg onload=alert(9)></svg>"},
         check=absent("gambar/berita/logo.svg"),
         warnings=[unpublished("content/gambar/berita/logo.svg", boundary.unpublishable("x.svg"))]),
    Case("html-upload", {"content/dokumen/phishing.html": "<form action=https://judi.example>"},
         check=absent("dokumen/phishing.html"),
         warnings=[unpublished("content/dokumen/phishing.html", boundary.unpublishable("x.html"))]),
    Case("unreferenced-document", {"content/dokumen/lupa-dihapus.pdf": b"%PDF-1.4 draf internal"},
         check=absent("dokumen/lupa-dihapus.pdf"),
         warnings=[unpublished("content/dokumen/lupa-dihapus.pdf", MSG["boundary_unreferenced"])]),
    Case("draft-register-attachment", {
        ITEM: register_item(status="draft", attachments="dokumen/informasi-publik/2026/draf-kontrak.pdf"),
        "content/dokumen/informasi-publik/2026/draf-kontrak.pdf": b"%PDF-1.4 draf kontrak"},
         check=absent("dokumen/informasi-publik/2026/draf-kontrak.pdf"),
         warnings=[unpublished("content/dokumen/informasi-publik/2026/draf-kontrak.pdf", MSG["boundary_unreferenced"])]),
    Case("withheld-attachment", {
        ITEM: register_item(category="dikecualikan", legal_basis="Pasal 17 huruf b UU 14/2008; uji konsekuensi.",
                            attachments="dokumen/informasi-publik/2026/rahasia.pdf"),
        "content/dokumen/informasi-publik/2026/rahasia.pdf": b"%PDF-1.4 rahasia"},
         refused=[located(ITEM, 10, "attachments", MSG["ppid_exempt_attachment"].format(folder="dokumen"))]),
    Case("register-attachment-symlink", {
        ITEM: register_item(attachments="dokumen/informasi-publik/2026/tautan.pdf"),
        "content/dokumen/informasi-publik/2026/tautan.pdf": symlink("/etc/hostname")},
         refused=[located(ITEM, 9, "attachments",
                          "[0] " + MSG["path_symlink"].format(got="dokumen/informasi-publik/2026/tautan.pdf"))]),
    Case("register-body-script", {ITEM: register_item("Isi <script>alert(10)</script> <b onclick=alert(10)>x</b>")},
         warnings=[warned(ITEM, 10, "body", TAG.format(tag="script"))], check=register_body_clean),
    Case("draft-release-photo-publish-build", {
        RELEASE: release(status="draft", image="gambar/berita/draf-saja.jpg", image_alt="Foto"),
        "content/gambar/berita/draf-saja.jpg": jpeg()}, check=draft_photo_held_back, settings="publishconf.py"),
    Case("tag-only-markup", {RELEASE: release(tags='Laut, "><img src=x onerror=alert(13)>')},
         refused=[located(RELEASE, 7, "tags", "[1] " + MSG["no_letters"].format(
             got='"><img src=x onerror=alert(13)>'))]),
    Case("author-only-symbols", {RELEASE: release(authors="<>")},
         refused=[located(RELEASE, 7, "authors", "[0] " + MSG["no_letters"].format(got="<>"))]),
    # -- pages: where they are written and with what -----------------------------------------------
    Case("page-save-as-robots", {PAGE: page(save_as="robots.txt")},
         refused=[located(PAGE, 3, "save_as", MSG["bad_output_name"].format(got="robots.txt"))]),
    Case("page-save-as-register-export", {PAGE: page(save_as="informasi-publik/dip.json")},
         refused=[located(PAGE, 3, "save_as", MSG["bad_output_name"].format(got="informasi-publik/dip.json"))]),
    Case("page-save-as-traversal", {PAGE: page(save_as="../../luar.html")},
         refused=[located(PAGE, 3, "save_as", MSG["bad_output_name"].format(got="../../luar.html"))]),
    Case("page-save-as-listing", {PAGE: page(save_as="kategori/index.html", url="kategori/")},
         refused=[located(PAGE, 3, "save_as", MSG["reserved_output_name"].format(got="kategori/index.html",
                                                                              folder="kategori")),
                  located(PAGE, 4, "url", MSG["reserved_output_name"].format(got="kategori/", folder="kategori"))]),
    Case("page-url-javascript", {PAGE: page(url="javascript:alert(11)")},
         refused=[located(PAGE, 3, "url", MSG["bad_output_name"].format(got="javascript:alert(11)"))]),
    Case("page-url-mismatch", {PAGE: page(save_as="khusus.html", url="lain/")},
         refused=[located(PAGE, 4, "url", MSG["url_save_as_mismatch"].format(url="lain/", save_as="khusus.html"))]),
    Case("page-url-elsewhere", {PAGE: page(url="lain/")},
         refused=[located(PAGE, 3, "url", MSG["url_save_as_mismatch"].format(url="lain/",
                                                                            save_as="halaman-uji/index.html"))]),
    Case("page-template-traversal", {PAGE: page(template="../../../etc/passwd")},
         refused=[located(PAGE, 3, "template", "templat '../../../etc/passwd' tidak ada di tema")]),
    Case("page-body-script", {PAGE: page("Isi <script>alert(12)</script>")},
         warnings=[warned(PAGE, 4, "body", TAG.format(tag="script"))],
         check=body_has_no("alert(12)", url="halaman-uji/")),
]


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Site:
    project = copy_project(tmp_path_factory.mktemp("hostile-base") / "project")
    summary = build_site(project / "pelicanconf.py", project / "output")
    assert summary.ok, [str(p) for p in summary.problems]
    return Site(project, project / "output", summary)


def apply(project: Path, files: Files) -> None:
    for name, value in files.items():
        path = project / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if callable(value):
            value(path)
        elif isinstance(value, bytes):
            path.write_bytes(value)
        else:
            path.write_text(value, encoding="utf-8")


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


#: What may legitimately run or load on a page: the theme's own scripts and JSON-LD.
def assert_nothing_active(output: Path) -> None:
    # admin/ is the CMS (plugins/cms): made from the settings and schemas, never from content,
    # and no content may take its address (cms/checks.py); its scripts are its own.
    cms = output / "admin"
    for path in sorted(output.rglob("*.html")):
        if path.is_relative_to(cms):
            continue
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        where = path.relative_to(output).as_posix()
        for script in soup.find_all("script"):
            own = script.get("src", "").split("/theme/", 1)[-1].startswith("js/") and "/theme/js/" in script.get("src", "")
            assert own or script.get("type") == "application/ld+json", f"{where}: foreign script {script}"
        for element in soup.find_all(True):
            for name, value in element.attrs.items():
                assert not name.lower().startswith("on"), f"{where}: handler {name} on <{element.name}>"
                text = " ".join(value) if isinstance(value, list) else str(value)
                if name in ("href", "src", "action", "formaction", "data"):
                    assert not text.strip().lower().startswith(("javascript:", "vbscript:", "data:")), \
                        f"{where}: {name}={text!r}"
        for frame in soup.find_all("iframe"):
            assert frame["src"].startswith("https://www.youtube-nocookie.com/"), f"{where}: {frame}"
            assert frame.get("sandbox") is not None
    for path in output.rglob("*"):
        assert not path.name.startswith("."), f"dotfile published: {path}"
        assert path.suffix.lower() not in (".svg", ".htm", ".js") or "/theme/" in path.as_posix() \
            or path.is_relative_to(cms), path


def test_corpus_covers_every_kind_of_input():
    assert len(CASES) >= 40
    names = [case.name for case in CASES]
    assert len(names) == len(set(names))
    kinds = {name.split("-")[0] for name in names}
    assert {"body", "summary", "static", "image", "release", "page", "register", "dotfile"} <= kinds


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile_case(case: Case, base: Site, tmp_path):
    project = copy_project(tmp_path / "project")
    output = project / "output"
    shutil.copytree(base.output, output)
    before = tree(output)
    apply(project, case.files)
    summary = build_site(project / case.settings, output)
    lines = [str(p) for p in summary.problems]
    if case.refused:
        assert not summary.ok, f"{case.name} must be refused"
        for expected in case.refused:
            assert any(line.startswith(expected) for line in lines), f"missing: {expected}\n got: {lines}"
        assert tree(output) == before, "a refused build leaves output/ exactly as it was"
        return
    assert summary.ok, lines + summary.log_errors
    for expected in case.warnings:
        assert expected in lines, f"missing: {expected}\n got: {lines}"
    assert_nothing_active(output)
    if case.check:
        case.check(Site(project, output, summary))


def test_sample_photos_are_whole():
    root = Path(__file__).resolve().parents[2] / "content" / "gambar"
    assert [p.name for p in sorted(root.rglob("*.jpg")) if photo_problem(p)] == []
