"""Typed metadata fields: each checks *and* normalises one front-matter value.

Modelled on mkdocs' config options: a field knows whether it is required, its
default, and how to turn the raw string into a value or say what was expected.
The sentences editors read live in `siaran.messages`, in one place.
"""
from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from markupsafe import Markup

from siaran import dates
from siaran.messages import MSG


class FieldError(ValueError):
    """Raised by a field with the sentence the editor will read."""


@dataclass(frozen=True)
class Context:
    """What a field may need to look at beyond its own text."""

    content_root: Path
    categories: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    """Settings UNITS: the publishing units a release may name (empty: any)."""
    settings: dict | None = field(default=None, compare=False, hash=False)
    """The build's settings, for plugin checks that need one (e.g. a reference date)."""
    dated: list = field(default_factory=list, compare=False, hash=False)
    """(status, date) of every dated item the checks read, releases and plugins' items
    alike (the register's), for the build's schedule timeline (siaran.schedule.Timeline)."""
    photo_problems: dict = field(default_factory=dict, compare=False, hash=False, repr=False)
    """Each photo's verdict (siaran.photos.problem), made once per check: many releases
    name one photo, and opening it is the costly part."""


class Field:
    def __init__(self, *, required: bool = False, default: Any = None, doc: str = ""):
        self.required = required
        self.default = default
        self.doc = doc

    def convert(self, raw: str, ctx: Context) -> Any:
        return raw

    def warnings(self, value: Any, ctx: Context) -> list[str]:
        """What the editor should improve in a value that converted (warnings, never a refusal)."""
        return []

    def describe(self) -> str:
        return type(self).__name__.lower()


class Text(Field):
    def __init__(self, *, max_length: int | None = None, **kw):
        super().__init__(**kw)
        self.max_length = max_length

    def convert(self, raw, ctx):
        if not raw.strip():
            raise FieldError(MSG["empty"])
        if self.max_length and len(raw) > self.max_length:
            raise FieldError(MSG["too_long"].format(limit=self.max_length, got=len(raw)))
        return raw.strip()


class Name(Text):
    """Text that names a listing page (a tag, an author, a unit): its URL is made
    from it, markup stripped first as Pelican's slugify does, so it needs a letter
    or digit outside markup (`"><img src=x>` alone would make an empty URL name
    and collide with the listing index)."""

    def convert(self, raw, ctx):
        value = super().convert(raw, ctx)
        if not any(char.isalnum() for char in Markup(value).striptags()):
            raise FieldError(MSG["no_letters"].format(got=raw.strip()))
        return value


class DateTime(Field):
    def convert(self, raw, ctx):
        try:
            return dates.parse_local(raw)
        except ValueError:
            raise FieldError(MSG["bad_date"].format(example=dates.INPUT_EXAMPLE, got=raw)) from None


class Choice(Field):
    """One of a list of values. With `when_empty`, an empty list (a project that set
    none) hands the value to that field instead of refusing everything."""

    def __init__(self, choices: tuple[str, ...] | Callable[[Context], tuple[str, ...]], *,
                 when_empty: Field | None = None, **kw):
        super().__init__(**kw)
        self.choices = choices
        self.when_empty = when_empty

    def options(self, ctx: Context) -> tuple[str, ...]:
        """The allowed values in this build (the CMS form offers the same)."""
        return tuple(self.choices(ctx) if callable(self.choices) else self.choices)

    def convert(self, raw, ctx):
        choices = self.options(ctx)
        if not choices and self.when_empty is not None:
            return self.when_empty.convert(raw, ctx)
        if not raw.strip():
            raise FieldError(MSG["empty_choice"].format(choices=", ".join(choices)))
        if raw.strip() not in choices:
            raise FieldError(MSG["bad_choice"].format(choices=", ".join(choices), got=raw))
        return raw.strip()


class ListOf(Field):
    """Comma-separated values (Pelican splits `tags` and `authors` the same way)."""

    def __init__(self, item: Field | None = None, **kw):
        super().__init__(default=kw.pop("default", ()), **kw)
        self.item = item or Text()

    def convert(self, raw, ctx):
        values = []
        for index, part in enumerate(raw.split(",")):
            if not part.strip():
                continue
            try:
                values.append(self.item.convert(part.strip(), ctx))
            except FieldError as error:
                raise FieldError(f"[{index}] {error}") from None
        return tuple(values)


class Uuid(Field):
    def convert(self, raw, ctx):
        try:
            return str(uuid.UUID(raw.strip()))
        except ValueError:
            raise FieldError(MSG["bad_uuid"].format(got=raw)) from None


_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Slug(Field):
    pattern = _SLUG

    def convert(self, raw, ctx):
        if not _SLUG.match(raw.strip()):
            raise FieldError(MSG["bad_slug"].format(got=raw))
        return raw.strip()


_URL_PATH = re.compile(r"^[A-Za-z0-9._~%!$&'()*+,;=:@/-]+/$")


class UrlPath(Field):
    """A site-relative folder URL such as `berita/2023/01/lama/`."""

    pattern = _URL_PATH

    def convert(self, raw, ctx):
        value = raw.strip().lstrip("/")
        if not _URL_PATH.match(value) or ".." in value.split("/"):
            raise FieldError(MSG["bad_url_path"].format(got=raw))
        return value


class ContentFile(Field):
    """A file under content/, e.g. `gambar/berita/foto.jpg`; it must exist, inside
    content/, reached through no symlink (content arrives in pull requests)."""

    def __init__(self, *, suffixes: tuple[str, ...], **kw):
        super().__init__(**kw)
        self.suffixes = suffixes

    def convert(self, raw, ctx):
        from siaran.boundary import field_path, through_symlink
        value = field_path(raw) or ""
        if value.startswith("../") or value == ".." or ctx.content_root.joinpath(value) == ctx.content_root:
            raise FieldError(MSG["path_escapes"].format(got=raw))
        if through_symlink(ctx.content_root, value):
            raise FieldError(MSG["path_symlink"].format(got=raw))
        path = ctx.content_root / value
        if any(part.startswith(".") for part in Path(value).parts):
            raise FieldError(MSG["boundary_dotfile_field"].format(got=raw))
        if path.suffix.lower() not in self.suffixes:
            raise FieldError(MSG["bad_suffix"].format(suffixes=", ".join(self.suffixes), got=raw))
        if not path.is_file():
            raise FieldError(MSG["missing_file"].format(got=value, root=ctx.content_root.name))
        return value


class Photo(ContentFile):
    """A photo under content/ that is a whole image of the type its name says."""

    def __init__(self, **kw):
        super().__init__(suffixes=IMAGE_SUFFIXES, **kw)

    def convert(self, raw, ctx):
        from siaran import photos
        value = super().convert(raw, ctx)
        if value not in ctx.photo_problems:
            ctx.photo_problems[value] = photos.problem(ctx.content_root / value)
        trouble = ctx.photo_problems[value]
        if trouble:
            raise FieldError(MSG["photo_broken"].format(got=value, why=trouble))
        return value

    def warnings(self, value, ctx):
        from siaran import photos
        return photos.advice(ctx.content_root / value, value)


IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
#: Documents the register and bodies may publish (never markup or script).
DOCUMENT_SUFFIXES = (".pdf", ".csv", ".xlsx", ".xls", ".docx", ".doc", ".odt", ".ods", ".json",
                     ".geojson", ".zip", ".txt")


_OUTPUT_NAME = re.compile(r"^[a-z0-9][a-z0-9._/-]*$")


class OutputName(Field):
    """Where a special page is written (`save_as`) or linked (`url`): a relative
    name inside the output, an HTML page or a folder, never a file the build
    writes itself (robots.txt, a feed, the register's exports) or a listing."""

    def __init__(self, *, folder_ok: bool, **kw):
        super().__init__(**kw)
        self.folder_ok = folder_ok

    def convert(self, raw, ctx):
        from siaran.boundary import reserved_folders
        value = raw.strip()
        parts = value.split("/")
        shape_ok = value.endswith(".html") or (self.folder_ok and value.endswith("/"))
        if (not _OUTPUT_NAME.match(value) or not shape_ok or ".." in parts or "." in parts
                or "//" in value or value in ("index.html", "/")):
            raise FieldError(MSG["bad_output_name"].format(got=raw))
        settings = ctx.settings or {}
        register = str(settings.get("PPID_BASE_URL", "")).strip("/")
        reserved = reserved_folders(settings) - {register}
        if len(parts) > 1 and parts[0] in reserved or (register and value.rstrip("/") == register) \
                or (register and value == f"{register}/index.html"):
            raise FieldError(MSG["reserved_output_name"].format(got=raw, folder=parts[0]))
        return value


class TemplateName(Field):
    """A template of the theme, by name without `.html`, e.g. `page` or `404`."""

    def convert(self, raw, ctx):
        value = raw.strip()
        folder = Path((ctx.settings or {}).get("THEME", "theme")) / "templates"
        if not _SLUG.match(value.replace("_", "-")) or not (folder / f"{value}.html").is_file():
            names = sorted(p.stem for p in folder.glob("*.html") if not p.stem.startswith("_"))
            raise FieldError(MSG["bad_template"].format(got=raw, names=", ".join(names)))
        return value


def _categories(ctx: Context) -> tuple[str, ...]:
    return ctx.categories


def _units(ctx: Context) -> tuple[str, ...]:
    return ctx.units


# One line per field: the release front matter (content/berita/**/*.md).
RELEASE_FIELDS: dict[str, Field] = {
    "id": Uuid(required=True, doc="Stable id (UUID), written once by `invoke new`; feeds use it forever."),
    "title": Text(required=True, max_length=200, doc="Headline."),
    "date": DateTime(required=True, doc="First publication, WIB: 2024-04-20 10:00."),
    "modified": DateTime(doc="Last substantive update, WIB."),
    "category": Choice(_categories, required=True, doc="One of settings CATEGORIES."),
    "tags": ListOf(Name(max_length=60), doc="Comma-separated topics."),
    "unit": Choice(_units, required=True, when_empty=Name(),
                   doc="Publishing unit: one of settings UNITS (any name when that list is empty)."),
    "location": Text(doc="Dateline city, e.g. Jakarta; required unless the body opens with its own dateline."),
    "authors": ListOf(Name(max_length=80), doc="Writers, comma-separated."),
    "credit": Text(doc="Closing credit line, e.g. Humas/MIT/AH; else read from the body's last line."),
    "image": Photo(doc="Photo under content/, e.g. gambar/berita/x.jpg."),
    "image_alt": Text(max_length=250, doc="Text alternative; required when image is set."),
    "image_caption": Text(doc="Caption shown under the photo."),
    "image_credit": Text(doc="Photo credit, e.g. Foto: Humas/Oji."),
    "summary": Text(max_length=400, doc="Optional; otherwise the first paragraph."),
    "status": Choice(("draft", "published"), default="published", doc="draft is not published."),
    "slug": Slug(doc="URL name; derived from the title when absent."),
    "redirect_from": ListOf(UrlPath(), doc="Old URLs that must redirect here."),
    "social_image": Photo(doc="Own share image instead of the generated card."),
    "social_summary": Text(max_length=400, doc="Own lede of the social texts instead of the summary."),
    **{f"social_{platform}": Text(doc=f"Own text for {platform}.") for platform in (
        "x", "threads", "mastodon", "bluesky", "linkedin", "facebook", "instagram", "whatsapp", "telegram")},
}

# Static pages (content/halaman/*.md).
PAGE_FIELDS: dict[str, Field] = {
    "title": Text(required=True, max_length=200, doc="Page title."),
    "slug": Slug(doc="URL name."),
    "summary": Text(max_length=400, doc="Description for search engines."),
    "status": Choice(("draft", "published", "hidden"), default="published", doc="hidden: built, not in menus."),
    "save_as": OutputName(folder_ok=False, doc="Only for special pages such as 404.html."),
    "url": OutputName(folder_ok=True, doc="Only for special pages; matches save_as."),
    "template": TemplateName(doc="Theme template name, for special pages."),
    "modified": DateTime(doc="Last update, WIB."),
}


# A release field that must be filled once another one is: field → (that other field,
# message key). Data, so the CMS form (plugins/cms) enforces the same rule.
REQUIRED_WITH: dict[str, tuple[str, str]] = {
    "image_alt": ("image", "alt_required"),
}


def required_when(meta: dict[str, Any]) -> list[tuple[str, str, str]]:
    """Cross-field rules of a release: (field, message, field whose line to show)."""
    broken = []
    for name, (other, message) in REQUIRED_WITH.items():
        if meta.get(other) and not meta.get(name):
            broken.append((name, MSG[message], other))
    if meta.get("modified") and meta.get("date") and meta["modified"] < meta["date"]:
        broken.append(("modified", MSG["modified_before_date"], "modified"))
    return broken
