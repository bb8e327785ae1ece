"""Which content files the pages of this build refer to (no Pelican import).

A reference is a file field of the schema (a release's `image`,
`social_image`), a `{static}`/`{attach}` link in a body, or a register item's
attachment. Only content whose page this build writes counts: drafts only
in a preview build (`serve --preview`), register drafts and
withheld items never (they have no page and no attachments).
"""
from __future__ import annotations

from typing import Iterable

from siaran.boundary import field_path
from siaran.schedule import drafts_written
from siaran.schema import PAGE_FIELDS, RELEASE_FIELDS, ContentFile

#: Front-matter fields that name a file under content/.
FILE_FIELDS = tuple(sorted({name for schema in (RELEASE_FIELDS, PAGE_FIELDS)
                            for name, spec in schema.items() if isinstance(spec, ContentFile)}))


def written_contents(context: dict, settings: dict) -> list:
    """Pelican's content objects whose pages this build writes."""
    contents = [*context.get("articles", ()), *context.get("pages", ()), *context.get("hidden_pages", ())]
    if drafts_written(settings, "release"):     # only a preview writes drafts (siaran.schedule)
        contents += context.get("drafts", ())
    if drafts_written(settings, "page"):
        contents += context.get("draft_pages", ())
    return contents


def content_references(metadata: dict, static_links: Iterable[str]) -> set[str]:
    found = {field_path(str(metadata.get(name) or "")) for name in FILE_FIELDS}
    found.update(field_path(link) for link in static_links)
    return {path for path in found if path}


def written_references(context: dict, settings: dict) -> set[str]:
    found: set[str] = set()
    for content in written_contents(context, settings):
        found |= content_references(content.metadata, content.get_static_links())
    register = context.get("ppid")
    for item in getattr(register, "items", ()):
        found.update(attachment.path for attachment in item.attachments)
    return found
