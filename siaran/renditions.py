"""Photo renditions: every photo a page shows, in a few widths and modern formats, made once.

A 1,200 px JPEG shown as a 360 px card on a phone downloads four times the pixels
the phone shows. So each shown photo is also published in the widths of
`Spec.widths` narrower than itself plus its own width (never wider: nothing is
enlarged), in AVIF and WebP where this Pillow build has them, with a JPEG (PNG
for a photo with transparency) fallback; pages offer them through
<picture>/srcset and the browser picks one.

- Source: the published copy of the photo (siaran.photos.strip), its orientation
  turned into the pixels (so the width a srcset states is the width a reader
  sees) and its colour profile kept. Nothing else: saved without EXIF or XMP.
- Names carry the digest of their own bytes (`banjir-rob-720.3f2a9c1b4d5e6f70.avif`),
  so a name never holds other bytes and storage and CDNs may keep it forever
  (siaran.deploy's rule for fingerprinted names).
- Made once: `RenditionCache` is keyed by the photo's bytes and everything that
  shapes the output (`Spec`, `VERSION`, Pillow's and its codecs' versions).
- `make` is one photo's work, run in the build's executor's pool (`make_all`).

Pure functions and one cache class; no Pelican.
"""
from __future__ import annotations

import hashlib
import io
import json
import logging
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence
from urllib.parse import quote

import PIL
from PIL import Image, ImageOps, features

from siaran import photos
from siaran.output import write_atomic

if TYPE_CHECKING:
    from siaran.executor import Executor

VERSION = "1"
"""Bump when make() changes its output: it is part of every cached rendition's key."""
MANIFEST = "manifest.json"

#: Pillow's format name, the file suffix and the MIME type of each format.
FORMATS: dict[str, tuple[str, str, str]] = {
    "avif": ("AVIF", "avif", "image/avif"),
    "webp": ("WEBP", "webp", "image/webp"),
    "jpeg": ("JPEG", "jpg", "image/jpeg"),
    "png": ("PNG", "png", "image/png"),
}
MODERN = ("avif", "webp")
"""Offered first, best first; each only where this Pillow build can write it (`supported`)."""

log = logging.getLogger("siaran.renditions")


def supported(formats: Sequence[str] = MODERN) -> tuple[str, ...]:
    """The formats of `formats` this Pillow build can write (PIL.features), in order."""
    return tuple(name for name in formats if features.check(name))


@dataclass(frozen=True)
class Spec:
    """What renditions are made of every shown photo; every field is part of the cache key."""

    widths: tuple[int, ...] = (360, 720, 1080)
    """Widths below the photo's own; its own width is always made too."""
    formats: tuple[str, ...] = field(default_factory=supported)
    """Modern formats offered before the fallback, best first."""
    avif_quality: int = 55
    avif_speed: int = 8
    """libavif's speed (0 slowest … 10): 8 encodes ~4× faster than its default 6 for ~5 % more bytes."""
    webp_quality: int = 75
    jpeg_quality: int = 80

    @classmethod
    def from_settings(cls, settings: dict) -> Spec:
        """`PHOTO_WIDTHS` and `PHOTO_FORMATS` from Pelican's settings, checked; defaults otherwise."""
        spec = cls()
        widths = settings.get("PHOTO_WIDTHS", spec.widths)
        formats = settings.get("PHOTO_FORMATS", spec.formats)
        if not widths or not all(isinstance(w, int) and not isinstance(w, bool) and w > 0 for w in widths):
            raise ValueError(f"PHOTO_WIDTHS harus daftar bilangan bulat positif, bukan {widths!r}")
        unknown = [name for name in formats if name not in MODERN]
        if unknown:
            raise ValueError(f"PHOTO_FORMATS hanya boleh berisi {', '.join(MODERN)}, bukan {unknown!r}")
        missing = [name for name in formats if not features.check(name)]
        if missing:
            raise ValueError(f"Pillow {PIL.__version__} ini tidak bisa menulis {', '.join(missing)} (PIL.features)")
        return cls(widths=tuple(sorted(set(widths))), formats=tuple(formats), avif_quality=spec.avif_quality,
                   avif_speed=spec.avif_speed, webp_quality=spec.webp_quality, jpeg_quality=spec.jpeg_quality)


def widths_for(width: int, spec: Spec) -> tuple[int, ...]:
    """The widths made of a photo `width` px wide: each step below it, then its own."""
    return (*(step for step in spec.widths if step < width), width)


def rendition_key(photo_digest: str, spec: Spec) -> str:
    """Digest of everything a photo's renditions depend on."""
    inputs = {"version": VERSION, "strip": photos.STRIP_VERSION, "photo": photo_digest, "spec": asdict(spec),
              "pillow": PIL.__version__,
              "codecs": {name: features.version(name) for name in ("avif", "webp", "jpg", "zlib")}}
    return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()


@dataclass(frozen=True)
class File:
    """One made rendition: its size in pixels and bytes, its format and the digest of its bytes."""

    width: int
    height: int
    format: str
    digest: str
    size: int

    @property
    def suffix(self) -> str:
        return FORMATS[self.format][1]

    @property
    def mime(self) -> str:
        return FORMATS[self.format][2]

    @property
    def body(self) -> str:
        """Its name in the cache."""
        return f"{self.digest}.{self.suffix}"

    def name(self, photo: str) -> str:
        """Its published name beside the photo: `gambar/x.jpg` → `gambar/x-720.<digest>.avif`."""
        folder, _, base = photo.rpartition("/")
        stem = base.rsplit(".", 1)[0]
        return f"{folder + '/' if folder else ''}{stem}-{self.width}.{self.digest[:16]}.{self.suffix}"


@dataclass(frozen=True)
class Made:
    """Every rendition of one photo; `width` × `height` is the photo as a reader sees it."""

    width: int
    height: int
    files: tuple[File, ...]

    def to_json(self) -> dict:
        return {"width": self.width, "height": self.height, "files": [asdict(f) for f in self.files]}

    @classmethod
    def from_json(cls, data: dict) -> Made:
        return cls(int(data["width"]), int(data["height"]), tuple(File(**entry) for entry in data["files"]))


@dataclass(frozen=True)
class Source:
    """One candidate a page offers: its published name, URL, width and type."""

    name: str
    url: str
    width: int
    mime: str


@dataclass(frozen=True)
class PhotoSources:
    """What a page needs to offer one photo: candidates per type, the fallback, the shown size."""

    path: str
    """The photo's path under content/ (and in the output)."""
    width: int
    height: int
    types: tuple[str, ...]
    """Modern MIME types offered as <source>, in the order a browser should prefer them."""
    fallback: str
    """The <img>'s own type: image/jpeg, or image/png for a photo with transparency."""
    candidates: tuple[Source, ...]

    @classmethod
    def of(cls, photo: str, made: Made, site_url: str) -> PhotoSources:
        """A modern format is offered only where it is lighter than the fallback, and AVIF
        only where it is lighter than WebP too: a browser takes the first <source> it
        supports, whatever its size, and every browser that reads AVIF reads WebP (a flat
        drawing is often smaller as WebP)."""
        fallback = next(f.format for f in made.files if f.format not in MODERN)
        weight = {name: sum(f.size for f in made.files if f.format == name) for name in {f.format for f in made.files}}
        modern = [name for name in MODERN if name in weight and weight[name] < weight[fallback]]
        if "avif" in modern and "webp" in modern and weight["webp"] <= weight["avif"]:
            modern.remove("avif")
        offered = {*modern, fallback}
        candidates = tuple(Source(f.name(photo), f"{site_url}/{quote(f.name(photo))}", f.width, f.mime)
                           for f in made.files if f.format in offered)
        return cls(photo, made.width, made.height, tuple(FORMATS[name][2] for name in modern),
                   FORMATS[fallback][2], candidates)

    def srcset(self, mime: str, max_width: int | None = None) -> str:
        """`url 360w, url 720w, …` of one type, none wider than `max_width` (the narrowest always)."""
        chosen = self._of(mime, max_width)
        return ", ".join(f"{source.url} {source.width}w" for source in chosen)

    def src(self, max_width: int | None = None) -> str:
        """The fallback's widest candidate up to `max_width`: what a browser without srcset shows."""
        return self._of(self.fallback, max_width)[-1].url

    def _of(self, mime: str, max_width: int | None) -> list[Source]:
        mine = sorted((s for s in self.candidates if s.mime == mime), key=lambda s: s.width)
        fitting = [s for s in mine if max_width is None or s.width <= max_width]
        return fitting or mine[:1]


@dataclass(frozen=True)
class Job:
    """One photo to make renditions of."""

    key: str
    source: str
    """The published copy to read (a file in the photo cache)."""
    photo: str
    """Its path under content/, for messages."""
    cache: str
    """Folder the renditions are written to, by digest."""
    spec: Spec


class RenditionError(RuntimeError):
    """A photo could not be made into renditions; the message names it."""


def _has_alpha(img: Image.Image) -> bool:
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        alpha = img.convert("RGBA").getchannel("A")
        return alpha.getextrema()[0] < 255      # an all-opaque alpha channel is no transparency
    return False


def _prepared(img: Image.Image) -> tuple[Image.Image, bytes | None, bool]:
    """(pixels as RGB or RGBA with the orientation applied, the colour profile to keep, transparent?)."""
    icc = img.info.get("icc_profile")
    alpha = _has_alpha(img)
    if img.mode not in ("RGB", "RGBA"):
        icc = None       # a grey or CMYK profile does not describe the converted RGB pixels
    prepared = ImageOps.exif_transpose(img).convert("RGBA" if alpha else "RGB")
    prepared.info = {}      # nothing of the source's metadata can ride along into a save
    return prepared, icc, alpha


def encode(img: Image.Image, name: str, spec: Spec, icc: bytes | None) -> bytes:
    """One rendition's bytes. No EXIF or XMP: every option that could carry them is empty."""
    options: dict[str, Any] = {"exif": b"", "xmp": b""}
    if icc:
        options["icc_profile"] = icc
    if name == "avif":
        options.update(quality=spec.avif_quality, speed=spec.avif_speed)
    elif name == "webp":
        options.update(quality=spec.webp_quality, method=4)
    elif name == "jpeg":
        options.update(quality=spec.jpeg_quality, optimize=True, progressive=True, comment=b"")
    elif name == "png":
        options = {"optimize": True, **({"icc_profile": icc} if icc else {})}
    out = io.BytesIO()
    img.save(out, format=FORMATS[name][0], **options)
    return out.getvalue()


def make(job: Job) -> Made:
    """Every rendition of one photo, written into the cache folder by digest."""
    try:
        with Image.open(job.source) as opened:
            img, icc, alpha = _prepared(opened)
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        raise RenditionError(f"{job.photo}: {error}") from error
    fallback = "png" if alpha else "jpeg"
    Path(job.cache).mkdir(parents=True, exist_ok=True)
    files = []
    for width in widths_for(img.width, job.spec):
        height = max(1, round(img.height * width / img.width))
        scaled = img if width == img.width else img.resize((width, height), Image.Resampling.LANCZOS,
                                                            reducing_gap=3.0)
        for name in (*job.spec.formats, fallback):
            data = encode(scaled, name, job.spec, icc)
            made = File(width, height, name, hashlib.sha256(data).hexdigest(), len(data))
            target = Path(job.cache, made.body)
            if not target.exists():
                write_atomic(target, data)
            files.append(made)
    return Made(img.width, img.height, tuple(files))


def make_all(jobs: Sequence[Job], executor: Executor) -> list[Made]:
    """Every job's renditions, in job order: spread over the build's executor's process pool
    when it runs in parallel (siaran.executor), else one after another here."""
    if not jobs:
        return []
    if getattr(executor, "parallel", False) and len(jobs) > 1:
        pool = executor.pool()
        futures = [pool.submit(make, job) for job in jobs]
        return [future.result() for future in futures]
    return [make(job) for job in jobs]


class RenditionCache:
    """Made renditions by key, their bodies by digest, in one folder; disposable.

    manifest.json maps key → Made (sorted, written whole). An entry whose files
    are missing or of another size is a miss, so a damaged cache costs time, never
    a wrong page; a manifest that does not parse is a logged miss for every photo.
    """

    def __init__(self, directory: Path | str) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.entries = self._load()
        self.changed = False

    def _load(self) -> dict[str, Made]:
        path = self.directory / MANIFEST
        try:
            data = json.loads(path.read_text("utf-8"))
            return {key: Made.from_json(value) for key, value in data.items()}
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, TypeError, KeyError, AttributeError) as error:
            log.warning("cache rendisi foto rusak, dibuat ulang: %s (%s)", path, error)
            return {}

    def body(self, made: File) -> Path:
        return self.directory / made.body

    def get(self, key: str) -> Made | None:
        made = self.entries.get(key)
        if made is None:
            return None
        for file in made.files:
            try:
                if os.stat(self.body(file)).st_size != file.size:
                    return None
            except OSError:
                return None
        return made

    def put(self, key: str, made: Made) -> None:
        self.entries[key] = made
        self.changed = True

    def save(self) -> None:
        if self.changed:
            data = {key: self.entries[key].to_json() for key in sorted(self.entries)}
            write_atomic(self.directory / MANIFEST, json.dumps(data, sort_keys=True, indent=0).encode("utf-8"))
            self.changed = False

    def prune(self, keep: set[str]) -> int:
        """Forget every entry not in `keep` and remove bodies no kept entry names; their count."""
        for key in set(self.entries) - keep:
            del self.entries[key]
            self.changed = True
        wanted = {file.body for made in self.entries.values() for file in made.files} | {MANIFEST}
        removed = 0
        with os.scandir(self.directory) as found:
            for entry in found:
                if entry.name not in wanted and entry.is_file(follow_symlinks=False):
                    os.unlink(entry.path)
                    removed += 1
        self.save()
        return removed
