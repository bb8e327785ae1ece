"""Photos as content: is a file a whole image, and its published copy without metadata.

A phone photo carries EXIF: the camera, the owner, and the GPS position, which
for the register's withheld turtle-nesting site is exactly what must not be
published. The published copy keeps only what displays the photo correctly
(orientation and the colour profile); the original in content/ is left as is.

`problem()` is cheap on purpose (header parse plus a look at the file's end),
because `invoke check` runs it on every photo of every build.
"""
from __future__ import annotations

import hashlib
import io
from pathlib import Path

import PIL
from PIL import Image, UnidentifiedImageError

from siaran.messages import MSG
from siaran.output import write_atomic

#: Format Pillow reports for each photo suffix the schema allows.
FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
ORIENTATION = 0x0112
#: Bump when strip() changes its output: it is part of every cached copy's key.
STRIP_VERSION = "1"
MIN_WIDTH = 1200
"""Narrower photos look soft on share cards (1,200 px wide) and on wide screens."""
MAX_BYTES = 8 * 1024 * 1024
"""Heavier uploads are camera originals: slow to build, to review and to download in full (feeds)."""


def _complete(data_end: bytes, size: int, image_format: str, head: bytes) -> bool:
    """Does the file end where its format says it ends? (A cut-off upload does not.)"""
    tail = data_end.rstrip(b"\x00\r\n ")
    if image_format == "JPEG":
        return tail.endswith(b"\xff\xd9")
    if image_format == "PNG":
        return data_end.endswith(b"IEND\xaeB`\x82")
    if image_format == "WEBP":
        return len(head) >= 8 and int.from_bytes(head[4:8], "little") + 8 <= size
    return True


def problem(path: Path) -> str | None:
    """Why `path` is not a usable photo (empty, not an image, wrong type, cut off), or None."""
    try:
        size = path.stat().st_size
    except OSError:
        return MSG["photo_unreadable"]
    if size == 0:
        return MSG["photo_empty"]
    try:
        with Image.open(path) as img:
            image_format = img.format or ""
            width, height = img.size
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return MSG["photo_not_image"]
    expected = FORMATS.get(path.suffix.lower())
    if expected and image_format != expected:
        return MSG["photo_wrong_type"].format(suffix=path.suffix.lower(), found=image_format or "?")
    if width < 1 or height < 1:
        return MSG["photo_not_image"]
    with path.open("rb") as stream:
        head = stream.read(16)
        stream.seek(max(0, size - 64))
        end = stream.read()
    if not _complete(end, size, image_format, head):
        return MSG["photo_truncated"]
    return None


def shown_size(img: Image.Image) -> tuple[int, int]:
    """(width, height) as a reader sees the photo: a camera's Orientation 5–8 turns it a quarter."""
    width, height = img.size
    return (height, width) if img.getexif().get(ORIENTATION) in (5, 6, 7, 8) else (width, height)


def advice(path: Path, shown_as: str) -> list[str]:
    """What to improve in a usable photo (warnings, not errors): too narrow, too heavy.
    Cheap like problem(): a header parse and a stat."""
    found = []
    with Image.open(path) as img:
        width, _ = shown_size(img)
    if width < MIN_WIDTH:
        found.append(MSG["photo_narrow"].format(got=shown_as, width=width, minimum=MIN_WIDTH))
    size = path.stat().st_size
    if size > MAX_BYTES:
        found.append(MSG["photo_heavy"].format(got=shown_as, size=f"{size / 1024 / 1024:.1f}".replace(".", ","),
                                               limit=MAX_BYTES // 1024 // 1024))
    return found


#: Image.info keys that only say how to display the pixels, per format.
_DISPLAY_INFO = {
    "JPEG": {"jfif", "jfif_version", "jfif_unit", "jfif_density", "progressive", "progression", "icc_profile",
             "dpi", "adobe", "adobe_transform", "exif"},
    "PNG": {"icc_profile", "dpi", "gamma", "transparency", "srgb", "chromaticity", "aspect", "exif"},
    "WEBP": {"icc_profile", "exif", "loop", "duration", "background", "timestamp"},
}
#: JPEG segments that carry no personal data: JFIF, ICC profile, Adobe colour transform.
_JPEG_DISPLAY_SEGMENTS = {"APP0", "APP2", "APP14"}


def carries_metadata(img: Image.Image) -> bool:
    """Anything beyond orientation and the colour profile: EXIF (camera, GPS),
    XMP, IPTC, comments, PNG text chunks."""
    if any(tag != ORIENTATION for tag in img.getexif()):
        return True
    if set(img.info) - _DISPLAY_INFO.get(img.format or "", set()):
        return True
    if img.format == "JPEG":
        return any(marker not in _JPEG_DISPLAY_SEGMENTS and not (marker == "APP1" and data.startswith(b"Exif\0"))
                   for marker, data in getattr(img, "applist", []))
    if img.format == "PNG":
        return bool(img.text)
    return False


def strip(data: bytes) -> bytes:
    """The photo with orientation and colour profile as its only metadata.

    A photo that carries nothing else is published byte for byte. Otherwise it
    is re-saved: JPEG keeps its own quantisation tables and subsampling
    (`quality="keep"`), so the copy looks the same; PNG is lossless anyway.
    """
    with Image.open(io.BytesIO(data)) as img:
        if not carries_metadata(img):
            return data
        image_format = img.format
        icc = img.info.get("icc_profile")
        kept = Image.Exif()
        orientation = img.getexif().get(ORIENTATION)
        if orientation and orientation != 1:
            kept[ORIENTATION] = orientation
        # Named explicitly: Pillow carries a source's comment (and more) over by default.
        options: dict = {"exif": kept.tobytes() if len(kept) else b"", "comment": b"", "xmp": b""}
        if icc:
            options["icc_profile"] = icc
        if image_format == "JPEG":
            options.update(quality="keep", subsampling="keep", optimize=False,
                           progressive=bool(img.info.get("progressive")))
        elif image_format == "WEBP":
            options.update(quality=90, method=4)
        out = io.BytesIO()
        img.save(out, format=image_format, **options)
    return out.getvalue()


class PublishedPhotos:
    """One build's published copies: each photo read, hashed and (on a cache miss) stripped
    once, however many releases, pages and stages ask for it."""

    def __init__(self, cache: Path) -> None:
        self.cache = cache
        self._known: dict[Path, tuple[Path, str]] = {}

    def copy(self, source: Path) -> tuple[Path, str]:
        """(the published copy's file, the SHA-256 of the photo's bytes); see published_copy()."""
        if source not in self._known:
            self._known[source] = published_copy(source, self.cache)
        return self._known[source]


def published_photos(context: dict, content_root: Path) -> PublishedPhotos:
    """The build's PublishedPhotos in Pelican's shared context (contracts.Context.PUBLISHED_PHOTOS),
    made on first use (cache: .cache/photos beside content/)."""
    from siaran.contracts import Context
    if Context.PUBLISHED_PHOTOS not in context:
        context[Context.PUBLISHED_PHOTOS] = PublishedPhotos(Path(content_root).resolve().parent / ".cache" / "photos")
    return context[Context.PUBLISHED_PHOTOS]


def published_copy(source: Path, cache: Path) -> tuple[Path, str]:
    """(the file holding `source`'s published copy, the SHA-256 of `source`'s bytes).

    The copy is made by strip() once and kept in `cache` under a key of the
    photo's bytes, this module's STRIP_VERSION and Pillow's version; the digest
    lets later stages (renditions) key their own work by the same bytes.
    """
    data = source.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    key = hashlib.sha256(f"{digest}|{STRIP_VERSION}|{PIL.__version__}".encode()).hexdigest()[:40]
    cached = cache / f"{key}{source.suffix.lower()}"
    if not cached.is_file():
        stripped = strip(data)
        cache.mkdir(parents=True, exist_ok=True)
        write_atomic(cached, stripped)
    return cached, digest
