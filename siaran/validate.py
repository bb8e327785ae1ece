"""Check every content file against its schema and report all problems at once.

Runs before Pelican writes anything (`invoke check`, and the first stage of
`invoke build`). Each problem names file, line and field; nothing stops at the
first one, because an editor fixing a batch wants the whole list.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from siaran import boundary, dates, photos, schedule
from siaran.contracts import release_url
from siaran.messages import MSG
from siaran.problems import ERROR, INFO, WARNING, Problem
from siaran.checkcache import CheckCache, Digests, FileCheck, Names, setup_digest
from siaran.schema import (IMAGE_SUFFIXES, PAGE_FIELDS, RELEASE_FIELDS, ContentFile, Context, Field, FieldError, ListOf,
                           required_when)
from siaran.source import SourceFile, read_source
from siaran.text import has_xml_forbidden, slugify


@dataclass(slots=True)
class Checked:
    """A content file with its typed values (only the fields that passed)."""

    source: SourceFile
    kind: str                      # "release" or "page"
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def slug(self) -> str:
        return self.values.get("slug") or slugify(self.values.get("title", self.source.path.stem))

    @property
    def url(self) -> str | None:
        if self.kind == "release" and "date" in self.values:
            return release_url(self.values["date"], self.slug)
        if self.kind == "page":
            return self.values.get("url") or f"{self.slug}/"
        return None


@dataclass
class CheckResult:
    problems: list[Problem]
    items: list[Checked]
    files: int
    timeline: schedule.Timeline = field(default_factory=schedule.Timeline)
    """When what *now* decides can change (releases' and plugins' dates)."""
    rechecked: list[str] = field(default_factory=list)
    """Files whose own checks ran in this check (shown paths); the others' came from the
    check cache (siaran.checkcache), unchanged."""

    @property
    def ok(self) -> bool:
        return not any(p.severity == ERROR for p in self.problems)

    @property
    def releases(self) -> list[Checked]:
        return [item for item in self.items if item.kind == "release"]


ExtraCheck = Callable[[list[Checked], Context], Iterable[Problem]]
FileExtraCheck = Callable[[Checked, Context], Iterable[Problem]]


@dataclass(frozen=True)
class PluginChecks:
    """A plugin's checks (its checks.py, siaran.build.plugin_checks)."""

    name: str
    file: FileExtraCheck | None = None
    """`check_file(item, ctx)`: one release or page alone (it may read the files the item
    names); kept with the file's own checks, so it runs again only when the file changed."""
    site: ExtraCheck | None = None
    """`check(items, ctx)`: over every item, on every check (duplicates, references, the register)."""


def as_plugin_checks(checks: Iterable[ExtraCheck | PluginChecks]) -> list[PluginChecks]:
    """A plain callable is a site check (what plugins offered before check_file)."""
    return [check if isinstance(check, PluginChecks)
            else PluginChecks(f"{getattr(check, '__module__', '')}.{getattr(check, '__qualname__', check)}", site=check)
            for check in checks]


def check_fields(source: SourceFile, schema: dict[str, Field], ctx: Context) -> tuple[dict[str, Any], list[Problem]]:
    """Convert each metadata entry through its field; collect every failure."""
    problems = [Problem(source.rel, line, "metadata", MSG["syntax"].format(message=msg))
                for line, msg in source.syntax_errors]
    values: dict[str, Any] = {}
    for key, entry in source.meta.items():
        spec = schema.get(key)
        if spec is None:
            guess = difflib.get_close_matches(key, schema, n=1)
            hint = MSG["did_you_mean"].format(guess=guess[0]) if guess else ""
            problems.append(Problem(source.rel, entry.line, key, MSG["unknown_field"].format(
                hint=hint, known=", ".join(sorted(schema)))))
            continue
        try:
            values[key] = spec.convert(entry.value, ctx)
        except FieldError as error:
            problems.append(Problem(source.rel, entry.line, key, str(error)))
            continue
        problems += [Problem(source.rel, entry.line, key, message, WARNING)
                     for message in spec.warnings(values[key], ctx)]
    for key, spec in schema.items():
        if key not in source.meta:
            if spec.required:
                problems.append(Problem(source.rel, 1, key, MSG["required"]))
            elif spec.default is not None:
                values[key] = spec.default
    for text_key in ("title", "summary"):
        if has_xml_forbidden(source.get(text_key) or ""):
            problems.append(Problem(source.rel, source.line_of(text_key), text_key,
                                    "berisi karakter kendali yang tidak sah di XML; karakter itu dibuang", WARNING))
    return values, problems


def duplicates(entries: Iterable[tuple[SourceFile, Any]], field_name: str,
               message: Callable[[Any, SourceFile], str]) -> list[Problem]:
    """Every (source, key) whose key an earlier source already has, located at `field_name`
    (the one duplicate rule: releases, pages and register items all use it)."""
    seen: dict[Any, SourceFile] = {}
    found = []
    for source, key in entries:
        if key in seen:
            found.append(Problem(source.rel, source.line_of(field_name), field_name, message(key, seen[key])))
        else:
            seen[key] = source
    return found


def check_duplicates(items: list[Checked], key: Callable[[Checked], Any], field_name: str) -> list[Problem]:
    return duplicates(((item.source, value) for item in items if (value := key(item)) is not None), field_name,
                      lambda value, other: MSG["duplicate"].format(value=value, other=other.rel))


def timing(items: list[Checked], now, content_root: Path) -> list[Problem]:
    """Releases not yet due at *now*, listed (a notice); dates more than a year ahead,
    usually a mistyped year (a warning); public links to what is not public yet (a warning)."""
    found = []
    withheld: dict[str, Checked] = {}
    for item in items:
        when = item.values.get("date") if item.kind == "release" else None
        if when is not None:
            found += schedule_notes(item.source.rel, item.source.line_of("date"), "date", when,
                                    item.values.get("status"), now)
        if not is_public_item(item, now):
            withheld[item.source.path.relative_to(content_root).as_posix()] = item
    for item in items:
        if not withheld or not is_public_item(item, now):
            continue
        folder = item.source.path.parent.relative_to(content_root).as_posix()
        for number, target in schedule.source_links(item.source.body, folder):
            if target in withheld:
                found.append(Problem(item.source.rel, item.source.body_line + number, "body", MSG["links_withheld"].format(
                    target=withheld[target].source.rel), WARNING))
    return found


def is_public_item(item: Checked, now) -> bool:
    status = item.values.get("status")
    when = item.values.get("date")
    if item.kind != "release" or when is None:
        return status != schedule.DRAFT
    return schedule.is_public(status, when, now)


def schedule_notes(path: str, line: int, field_name: str, when, status, now) -> list[Problem]:
    """What `invoke check` says about one dated item: terjadwal, and too far ahead."""
    notes = []
    if schedule.is_scheduled(status, when, now):
        notes.append(Problem(path, line, field_name, MSG["scheduled"].format(when=dates.long_datetime(when)), INFO))
    if schedule.far_ahead(when, now):
        notes.append(Problem(path, line, field_name, MSG["far_ahead"].format(now=dates.long_datetime(now)), WARNING))
    return notes


def content_files(root: Path, folders: Iterable[str]) -> list[Path]:
    """Markdown files of the folders, symlinks left out (symlink_problems refuses them)."""
    found = []
    for folder in folders:
        found.extend(path for path in (root / folder).rglob("*.md")
                     if not boundary.through_symlink(root, path.relative_to(root).as_posix()))
    return sorted(found)


def symlink_problems(content_root: Path, project: Path) -> list[Problem]:
    """Every symlink under content/, an error at the link: the build would publish what it reaches."""
    problems = []
    for link in boundary.symlinks(content_root):
        shown = link.relative_to(project).as_posix() if link.is_relative_to(project) else link.as_posix()
        problems.append(Problem(shown, 1, "berkas", MSG["symlink"]))
    return problems


def link_problems(content_root: Path, source: SourceFile) -> list[Problem]:
    """The body's and summary's links that leave content/ or name nothing publishable: errors,
    because the build would publish what they reach. `source` was found under the resolved
    content root without passing a symlink (content_files), so its path needs no resolving."""
    rel = _content_rel(content_root, source)
    problems = boundary.link_problems(content_root, rel, source.rel, "body", source.body, source.body_line)
    if source.get("summary"):
        problems += boundary.link_problems(content_root, rel, source.rel, "summary", source.get("summary"),
                                           source.line_of("summary"))
    return problems


def _content_rel(content_root: Path, source: SourceFile) -> str:
    # No resolving: sources were found under the resolved content_root without passing a
    # symlink (content_files), and a realpath per file costs an lstat per path part.
    path = source.path
    return path.relative_to(content_root).as_posix() if path.is_relative_to(content_root) else path.name


def body_photo_problems(content_root: Path, sources: Iterable[SourceFile]) -> list[Problem]:
    """Photos a body shows (`![alt]({static}/gambar/x.jpg)`), held to the rules of the
    `image` field: a broken one is an error, a narrow or heavy one a warning, at the
    link's line. Links the boundary refuses are reported there, not here."""
    problems = []
    for source in sources:
        folder = str(Path(_content_rel(content_root, source)).parent)
        for link in boundary.links(source.body):
            found, why = boundary.resolve(content_root, "" if folder == "." else folder, boundary.link_path(link))
            if link.what == "filename" or why or Path(found).suffix.lower() not in IMAGE_SUFFIXES \
                    or boundary.unpublishable(found):
                continue
            line = source.body_line + source.body.count("\n", 0, link.offset)
            trouble = photos.problem(content_root / found)
            if trouble:
                problems.append(Problem(source.rel, line, "body", MSG["photo_broken"].format(got=found, why=trouble)))
                continue
            problems += [Problem(source.rel, line, "body", message, WARNING)
                         for message in photos.advice(content_root / found, found)]
    return problems


def page_target_problems(item: Checked, page_save_as: str = "{slug}/index.html") -> list[Problem]:
    """A page's `url` must be where its `save_as` puts it, or links to it break."""
    url, save_as = item.values.get("url"), item.values.get("save_as")
    if url and not save_as and "save_as" not in item.source.meta:
        save_as = page_save_as.format(slug=item.slug)      # where Pelican writes a page without one
    if not (url and save_as):
        return []
    if save_as in (url, url + "index.html"):
        return []
    return [Problem(item.source.rel, item.source.line_of("url"), "url",
                    MSG["url_save_as_mismatch"].format(url=url, save_as=save_as))]


def check_file(source: SourceFile, kind: str, ctx: Context, settings: dict,
               plugins: Iterable[FileExtraCheck] = ()) -> tuple[Checked | None, list[Problem]]:
    """A file's own checks: what it says, and the files it names (its photos, its links),
    plugins' `check_file` included. `kind` is "release", "page" or "other" (a Markdown file
    of no Pelican folder, such as a register item: only its links and body photos are
    checked here)."""
    content_root = ctx.content_root
    found = link_problems(content_root, source) + body_photo_problems(content_root, [source])
    if kind == "other":
        return None, found
    values, own = check_fields(source, SCHEMAS[kind], ctx)
    if kind == "release":
        own += [Problem(source.rel, source.line_of(anchor), name, message)
                for name, message, anchor in required_when(values)]
    item = Checked(source, kind, values)
    if kind == "page":
        own += page_target_problems(item, settings.get("PAGE_SAVE_AS", "{slug}/index.html"))
    for plugin in plugins:
        own += plugin(item, ctx)
    return item, own + found


SCHEMAS = {"release": RELEASE_FIELDS, "page": PAGE_FIELDS}


def names_read(source: SourceFile, kind: str, content_root: Path) -> Names:
    """The content files check_file read besides `source`: the files its file fields
    name, and its links' targets (or every name, for a link that resolved to none)."""
    names = Names()
    for key, spec in SCHEMAS.get(kind, {}).items():
        item_spec = spec.item if isinstance(spec, ListOf) else spec
        raw = source.get(key)
        if isinstance(item_spec, ContentFile) and raw:
            parts = raw.split(",") if isinstance(spec, ListOf) else [raw]
            names.paths.update(path for part in parts if (path := boundary.field_path(part)))
    folder = str(Path(_content_rel(content_root, source)).parent)
    for text in (source.body, source.get("summary") or ""):
        for link in boundary.links(text):
            target, why = boundary.resolve(content_root, "" if folder == "." else folder, boundary.link_path(link))
            if target is not None:
                names.paths.add(target)
            elif why != "escapes":          # missing, or through a symlink: a later file may change that
                names.listing = True
    return names


def check_site(project: Path, settings: dict, extra_checks: Iterable[ExtraCheck | PluginChecks] = (),
               cache: Path | None = None, digests: dict[str, str] | None = None) -> CheckResult:
    """Read and check every release and page under the settings' content PATH. With a
    `cache` file (siaran.checkcache.cache_path), only files changed since the last check
    are read and checked again; `digests` may give content files' digests already made
    (siaran.depmap.Inputs.content)."""
    content_root = (project / settings.get("PATH", "content")).resolve()
    ctx = Context(content_root=content_root, categories=tuple(settings.get("CATEGORIES", ())),
                  units=tuple(settings.get("UNITS", ())), settings=settings)
    problems: list[Problem] = []
    items: list[Checked] = []
    rechecked: list[str] = []
    plugins = as_plugin_checks(extra_checks)
    file_checks = [plugin.file for plugin in plugins if plugin.file is not None]
    # Which plugins' file checks made a kept result is part of what it depends on.
    setup = setup_digest(settings, project, [plugin.name for plugin in plugins if plugin.file is not None]) \
        if cache is not None else ""
    kept = CheckCache(cache, setup)
    digest_of = Digests(content_root, digests)
    kinds = (("release", settings.get("ARTICLE_PATHS", ["berita"])),
             ("page", settings.get("PAGE_PATHS", ["halaman"])))
    found_files = [(kind, path) for kind, folders in kinds for path in content_files(content_root, folders)]
    known = {path for _, path in found_files}
    found_files += [("other", path) for path in sorted(content_root.rglob("*.md"))
                    if path not in known
                    and not boundary.through_symlink(content_root, path.relative_to(content_root).as_posix())]
    for kind, path in found_files:
        rel = path.relative_to(content_root).as_posix()
        entry = kept.get(rel, digest_of) if cache is not None else None
        if entry is None:
            source = read_source(path, project)
            result, own = check_file(source, kind, ctx, settings, file_checks)
            entry = FileCheck("", {}, result, tuple(own))
            if cache is not None:
                entry.own, entry.names = digest_of(rel), names_read(source, kind, content_root).record(digest_of)
                kept.put(rel, entry)
            rechecked.append(source.rel)
        problems += entry.problems
        if entry.item is not None:
            items.append(entry.item)
    kept.save()
    published = [i for i in items if i.values.get("status", "published") != "draft"]
    problems += check_duplicates([i for i in items if i.kind == "release"], lambda i: i.values.get("id"), "id")
    problems += check_duplicates([i for i in published if i.kind == "release"], lambda i: i.slug, "slug")
    slug_clash = {p.path for p in problems if p.field == "slug"}
    problems += [p for p in check_duplicates(published, lambda i: i.url, "slug") if p.path not in slug_clash]
    problems += symlink_problems(content_root, project)
    problems += timing(items, schedule.now_of(settings), content_root)
    ctx.dated.extend((item.values.get("status"), item.values["date"]) for item in items
                     if item.kind == "release" and item.values.get("date") is not None)
    for plugin in plugins:
        if plugin.site is not None:
            problems += list(plugin.site(items, ctx))
    # Plugins check their own folders (e.g. the register), so count every content file.
    return CheckResult(sorted(set(problems)), items, sum(1 for _ in content_root.rglob("*.md")),
                       schedule.Timeline.of(ctx.dated), rechecked)
