"""The CMS form of each content type, made from its schema: one Decap field per schema field.

Pure: schema fields (siaran.schema, plugins/ppid/schema.py) and a schema Context
in, plain dicts out. A field is required in the form exactly when the schema
requires it, a choice offers exactly what the checks accept (the same
`Choice.options`), a length limit or a pattern is the one the checks use, and
a field added to a schema appears here without any other edit (its label falls
back to its name and its hint to its doc until messages.py names it).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from siaran import dates
from siaran.messages import MSG as SIARAN_MSG
from siaran.schema import (IMAGE_SUFFIXES, Choice, ContentFile, Context, DateTime, Field, ListOf, Slug, Text,
                           UrlPath, Uuid)

from ppid.schema import Year                       # the register's own field type

from .messages import CHOICES, GROUPS, LABELS, MSG

BODY = "body"

# Collapsed groups of optional fields, in form order: a field whose name matches
# a rule goes into that group (first match wins). Groups sit after the body.
GROUP_RULES: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("berbagi", lambda name: name.startswith("social_")),
    ("lanjutan", lambda name: name in {"slug", "redirect_from", "save_as", "url", "template"}),
)

# strftime → dayjs tokens, so the form stores dates in siaran.dates.INPUT_FORMAT.
_DAYJS = {"%Y": "YYYY", "%m": "MM", "%d": "DD", "%H": "HH", "%M": "mm", "%S": "ss"}


def dayjs_format(strftime: str) -> str:
    out = strftime
    for token, replacement in _DAYJS.items():
        out = out.replace(token, replacement)
    return out


DATE_FORMAT = dayjs_format(dates.INPUT_FORMAT)


@dataclass(frozen=True)
class ContentType:
    """One collection: where its files live and the schema they follow."""

    name: str                          # collection name and key into messages.COLLECTIONS/LABELS
    folder: str                        # under content/, e.g. "berita"
    path: str                          # Decap path template under the folder (no extension)
    schema: dict[str, Field]
    required_with: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Field → (field that makes it required, siaran.messages key), as siaran.schema.REQUIRED_WITH."""
    media_folder: str = ""
    """Where this collection's uploads go, under content/ (e.g. gambar/berita); its image
    and file fields store <media_folder>/<name>, the path the checks' ContentFile expects."""


def label(collection: str, name: str, spec: Field | None) -> tuple[str, str]:
    """(label, hint) in Indonesian; an unnamed field shows its name and its doc."""
    own = LABELS.get(collection, {}).get(name) or LABELS["*"].get(name)
    if own:
        return own
    return name, (spec.doc if spec is not None else "")


def group_of(name: str) -> str | None:
    for group, rule in GROUP_RULES:
        if rule(name):
            return group
    return None


def _length(spec: Text) -> dict:
    if not spec.max_length:
        return {}
    limit = spec.max_length
    return {"pattern": [f"^[\\s\\S]{{0,{limit}}}$", MSG["max_length"].format(limit=limit)]}


def _options(collection: str, name: str, values: tuple[str, ...]) -> list[dict]:
    names = CHOICES.get(f"{name}@{collection}") or CHOICES.get(name, {})
    return [{"label": names.get(value, value), "value": value} for value in values]


def _file(spec: ContentFile, name: str, collection: str, ctx: Context) -> dict:
    """An image or file picker (never a URL); uploads go to the collection's media folder
    and the value is the content-relative path the checks' ContentFile expects."""
    kind = "image" if set(spec.suffixes) <= set(IMAGE_SUFFIXES) else "file"
    return {"widget": kind, "choose_url": False}


def _hidden(spec: Uuid, name: str, collection: str, ctx: Context) -> dict:
    return {"widget": "hidden"}       # siaran-cms.js gives a new entry its id when first saved


def _datetime(spec: DateTime, name: str, collection: str, ctx: Context) -> dict:
    out = {"widget": "datetime", "format": DATE_FORMAT}
    if spec.required:
        out["default"] = "{{now}}"
    return out


def _select(spec: Choice, name: str, collection: str, ctx: Context) -> dict:
    values = spec.options(ctx)
    if not values and spec.when_empty is not None:
        return widget(spec.when_empty, name, collection, ctx)       # what the check takes instead
    out = {"widget": "select", "options": _options(collection, name, values)}
    if spec.default is not None:
        out["default"] = spec.default
    return out


def _list(spec: ListOf, name: str, collection: str, ctx: Context) -> dict:
    if isinstance(spec.item, ContentFile):
        item = _file(spec.item, name, collection, ctx)
        return {"widget": "list", "field": {"name": "berkas", "label": label(collection, name, spec)[0], **item}}
    return {"widget": "list"}          # one text box, comma-separated, as in the file


def _year(spec: Year, name: str, collection: str, ctx: Context) -> dict:
    return {"widget": "number", "value_type": "int", "min": spec.low, "max": spec.high}


def _pattern(message: str):
    def make(spec: Slug | UrlPath, name: str, collection: str, ctx: Context) -> dict:
        return {"widget": "string", "pattern": [spec.pattern.pattern, MSG[message]]}
    return make


def _text(spec: Text, name: str, collection: str, ctx: Context) -> dict:
    # A box of several lines for long texts and social posts, which run to a few sentences.
    long = (spec.max_length or 0) >= 400 or name.startswith("social_")
    return {"widget": "text" if long else "string", **_length(spec)}


# Field type → Decap widget, first match wins (subclasses before their bases). A field
# type not listed here is a one-line text box.
WIDGETS: tuple[tuple[type, Callable[..., dict]], ...] = (
    (Uuid, _hidden),
    (DateTime, _datetime),
    (Choice, _select),
    (ListOf, _list),
    (ContentFile, _file),
    (Year, _year),
    (Slug, _pattern("bad_slug")),
    (UrlPath, _pattern("bad_url_path")),
    (Text, _text),
)


def widget(spec: Field, name: str, collection: str, ctx: Context) -> dict:
    """The Decap widget and its options for one schema field."""
    for kind, make in WIDGETS:
        if isinstance(spec, kind):
            return make(spec, name, collection, ctx)
    return {"widget": "string"}


def form_field(content: ContentType, name: str, ctx: Context) -> dict:
    spec = content.schema[name]
    text, hint = label(content.name, name, spec)
    out = {"name": name, "label": text, "hint": hint, "required": spec.required,
           **widget(spec, name, content.name, ctx)}
    if name in content.required_with:
        # Filled only when another field is: siaran-cms.js enforces it (same rule as the checks).
        out.update(widget="siaran-string", required_with=content.required_with[name][0])
    return out


def body_field(content: ContentType) -> dict:
    text, hint = label(content.name, BODY, None)
    return {"name": BODY, "label": text, "hint": hint, "widget": "markdown", "required": False,
            "modes": ["rich_text", "raw"], "editor_components": [], "sanitize_preview": True}


def form_fields(content: ContentType, ctx: Context) -> list[dict]:
    """Ungrouped fields in schema order, then the body, then each collapsed group."""
    plain, grouped = [], {group: [] for group, _ in GROUP_RULES}
    for name in content.schema:
        made = form_field(content, name, ctx)
        group = group_of(name)
        (grouped[group] if group else plain).append(made)
    fields = [*plain, body_field(content)]
    for group, members in grouped.items():
        if members:
            text, hint = GROUPS[group]
            fields.append({"name": group, "label": text, "hint": hint, "widget": "object", "collapsed": True,
                           "required": False, "fields": members})
    return fields


def file_format(content: ContentType) -> dict:
    """What siaran-cms.js needs to read and write this collection's files (no field is named in the JS)."""
    groups: dict[str, list[str]] = {}
    for name in content.schema:
        group = group_of(name)
        if group:
            groups.setdefault(group, []).append(name)
    return {
        "order": list(content.schema),
        "lists": [n for n, s in content.schema.items() if isinstance(s, ListOf)],
        "numbers": [n for n, s in content.schema.items() if isinstance(s, Year)],
        "groups": groups,
        "ids": [n for n, s in content.schema.items() if isinstance(s, Uuid)],
        "requiredWith": {n: {"field": other, "message": SIARAN_MSG[key]}
                         for n, (other, key) in content.required_with.items()},
    }
