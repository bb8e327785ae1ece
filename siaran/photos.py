"""Photos as content: is a file a whole image, and its published copy without metadata.

A phone photo carries EXIF: the camera, the owner, and the GPS position, which
for the register's withheld turtle-nesting site is exactly what must not be
published. The published copy keeps only what displays the photo correctly
(orientation and the colour profile); the original in content/ is left as is.

`problem()` is cheap on purpose (header parse plus a look at the file's end),
because `invoke check` runs it on every photo of every build.
"""
from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from siaran.messages import MSG

#: Format Pillow reports for each photo suffix the schema allows.
FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
ORIENTATION = 0x0112
#: Bump when strip() changes its output: it is part of every cached copy's key.
STRIP_VERSION = "1"


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
