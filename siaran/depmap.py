"""The dependency map: which outputs an input affects, so a rebuild renders only those.

Inputs are digested once per build (`digest_inputs`): every file under content/
(releases, pages, register items, photos, documents), the theme, the code of
siaran/, every file of the plugins (their templates and scripts too), the
settings, the versions of the libraries that render and the npm packages
installed in node_modules/ (the CMS copies its bundle from there). Two
questions are answered from them:

1. **Anything changed at all?** `Inputs.total` against the last successful
   build's (`SiteState`): equal, and output/ still holds what that build left,
   means the build has nothing to do (siaran.build's no-change path), unless a
   release or register item fell due since the last build's *now* (the build's
   *now* is no input itself: `SiteState.timeline` says whether it decides otherwise).
2. **Which pages must be rendered?** Each page Pelican asks the writer for gets
   a key (`RenderPlan.key`): a digest over exactly the inputs its template reads,
   as declared in `RULES`:

   | template | reads | key covers |
   |---|---|---|
   | article.html | its release, prev/next, related | the site part + the facts of each |
   | page.html, listings (category, tag, unit, author, period archives) | its own objects | the site part + each member's facts, in order |
   | index, archives, tags, categories, units | every release | the site part + every release's facts |
   | any other template (feeds page, Meja Sosial, register pages, a new plugin's) | unknown | no key: always rendered |

   The *site part* is what every page shows: settings, theme, code, library
   versions, the categories that exist and the published pages (the menu).
   A release's *facts* are the digests of its source file, of the photo and
   share image it names and of each file its body links with `{static}` (a body
   photo: its renditions follow from its bytes), and, for a file with any other
   link to content (`{filename}` and friends, or a `{static}` link that names no
   file), every content file's and the set of sources this build's *now*
   withholds (`withhold`, told by plugins/schedule). A page whose key equals the
   last build's is not rendered: its stored bodies (siaran.output.OutputStore)
   are linked into the staging tree, with their old mtimes.

Files the plugins' output stages write (feeds, sitemaps, social texts, register
exports) are made on every build that is not a no-change one; they are cheap
next to the pages, and their bodies are linked from the store when unchanged.
A stage may key its files instead (`file_key`, `RenderPlan.reuse`): the feeds
by their releases' facts, the CMS's admin/ by the site part and the npm
packages (`Inputs.packages`, which is not part of the site part: installing a
package renders no page again).

The state is versioned (`STATE_VERSION`) and disposable: a missing or unreadable
one, or `invoke build --full`, is a clean build.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

STATE_VERSION = 4
"""Bump when the meaning of a key or the state's layout changes: old states are then ignored."""


_LINKS = re.compile(rb"[{|](filename|static|attach|index|category|tag|author)[}|]")
"""Pelican's intra-site link syntax: a body with one depends on other content's URLs."""
_STATIC = b"static"
"""The one kind of link whose target is known from the text alone: a file published at its own path."""

_ENVIRON = re.compile(r"""(?:environ\.get|environ\[|getenv)\(?\s*["']([A-Za-z_][A-Za-z0-9_]*)["']""")


def _digest(*parts: bytes | str) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(part.encode() if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()


def _walk(folder: Path, suffixes: tuple[str, ...] | None = None, follow: bool = True) -> list[str]:
    """Sorted file paths under `folder` (symlinked folders followed when `follow`, caches skipped)."""
    found = []
    for root, dirs, names in os.walk(folder, followlinks=follow):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
        found += [os.path.join(root, n) for n in sorted(names)
                  if suffixes is None or n.endswith(suffixes)]
    return found


def _file_digests(folder: Path, suffixes: tuple[str, ...] | None = None) -> dict[str, str]:
    out = {}
    for path in _walk(folder, suffixes):
        with open(path, "rb") as stream:
            out[os.path.relpath(path, folder)] = hashlib.blake2b(stream.read(), digest_size=16).hexdigest()
    return out


@dataclass(frozen=True)
class Inputs:
    """Digests of everything a build reads."""

    content: dict[str, str]
    """Path relative to content/ -> digest of its bytes."""
    linking: frozenset[str]
    """Content files whose body links to other content: they depend on every content file."""
    static_links: dict[str, tuple[str, ...]]
    """Content file -> the files its `{static}` links name (content-relative), for a file whose
    every link is such a link to an existing file (not in `linking`)."""
    site: str
    """Settings, theme, code and library versions together."""
    setup: str
    """Settings, code and library versions, without the theme: what compiling a
    template depends on besides its own source (siaran.build's template cache)."""
    packages: str
    """The npm packages installed in node_modules/ (npm_packages)."""
    total: str
    """All of the above: equal totals, equal output."""
    paths: dict
    """Where content, theme and plugins were read from (kept in the state)."""


def settings_digest(settings_file: Path, overrides: dict | None) -> str:
    """The settings as their sources: the bytes of the settings file and of the Python
    files beside it (publishconf.py imports pelicanconf.py), the overrides, and the
    environment variables those files read. Digesting sources instead of the loaded
    settings lets a no-change build answer without importing Pelican."""
    from siaran.executor import WORKERS_SETTING
    from siaran.schedule import NOW
    # How many processes build never changes what they build; *now* changes only what is
    # public, which the build state's timeline answers (siaran.build.same_decisions)
    # and the pages' keys follow (their members are the public releases).
    parts = [json.dumps({k: v for k, v in (overrides or {}).items() if k not in (WORKERS_SETTING, NOW)},
                        sort_keys=True, default=repr)]
    folder = settings_file.parent
    for name in sorted(os.listdir(folder)):
        if name.endswith(".py") and os.path.isfile(folder / name):
            data = (folder / name).read_bytes()
            parts += [name, data]
            parts += [f"{var}={os.environ.get(var)!r}" for var in sorted(set(_ENVIRON.findall(data.decode("utf-8", "replace"))))]
    parts.append(f"settings file {settings_file.name}")
    return _digest(*parts)


def library_versions() -> str:
    """The installed distributions (names carry versions): an upgrade of any library
    that renders (Pelican, Markdown, Jinja, feedgen, Pillow...) is a change. One listing
    per folder, not a metadata look-up per library."""
    import sys
    names = []
    for entry in sys.path:
        if entry.endswith("site-packages") and os.path.isdir(entry):
            names += sorted(n for n in os.listdir(entry) if n.endswith(".dist-info"))
    return _digest(*names)


NPM_RECORD = os.path.join("node_modules", ".package-lock.json")
"""npm's own record of what it installed (the "hidden lockfile", rewritten by every
`npm ci` and `npm install`), relative to the project."""


def npm_packages(project: Path) -> str:
    """The npm packages installed in the project: their record's bytes, else the folder's
    names (a node_modules/ npm did not write), else none. Files a plugin copies from an
    installed package (the CMS bundle) change only with it, so one small file stands
    for megabytes of them."""
    record = project / NPM_RECORD
    try:
        return _digest("npm", record.read_bytes())
    except OSError:
        pass
    try:
        return _digest("folder", *sorted(os.listdir(project / "node_modules")))
    except OSError:
        return "none"


def input_paths(settings: dict) -> dict:
    return {"content": str(Path(settings["PATH"])), "theme": str(Path(settings["THEME"])),
            "plugins": [str(Path(p)) for p in settings.get("PLUGIN_PATHS", [])]}


def code_digests(paths: dict) -> dict[str, dict[str, str]]:
    """The code a build runs, folder by folder (file -> digest of its bytes): siaran/'s
    Python, every file of each plugin folder and the theme (under "theme")."""
    code = {"siaran": _file_digests(Path(__file__).resolve().parent, (".py",)),
            "theme": _file_digests(Path(paths["theme"]))}
    for plugins in paths["plugins"]:
        # Every file, not only the Python: a plugin's own templates and scripts are copied
        # or rendered into the output (plugins/cms/templates, plugins/cms/static).
        code[f"plugins:{plugins}"] = _file_digests(Path(plugins))
    return code


def digest_inputs(settings_file: Path, overrides: dict | None, paths: dict) -> Inputs:
    """Every input of a build, read once (~0.3 s for 10,000 releases). `paths` come from
    the loaded settings, or from the last build's state when the settings sources are
    unchanged (input_paths)."""
    content_root = Path(paths["content"])
    content: dict[str, str] = {}
    linking = set()
    static_links: dict[str, tuple[str, ...]] = {}
    for path in _walk(content_root, follow=False):
        rel = os.path.relpath(path, content_root)
        if os.path.islink(path):
            # Never followed (content is the editors'; siaran.boundary refuses links):
            # the link itself is the input, so adding one is a change.
            content[rel] = "link:" + os.readlink(path)
            continue
        with open(path, "rb") as stream:
            data = stream.read()
        content[rel] = hashlib.blake2b(data, digest_size=16).hexdigest()
        if path.endswith(".md") and _LINKS.search(data):
            targets = static_targets(content_root, rel, data)
            if targets is None:
                linking.add(rel)
            else:
                static_links[rel] = targets
    code = code_digests(paths)
    theme = code.pop("theme")
    setup = _digest(f"state {STATE_VERSION}", settings_digest(settings_file, overrides), library_versions(),
                    json.dumps(code, sort_keys=True), json.dumps(paths, sort_keys=True))
    site = _digest(setup, json.dumps(theme, sort_keys=True))
    packages = npm_packages(settings_file.parent)
    total = _digest(site, packages, json.dumps(content, sort_keys=True))
    for rel, targets in list(static_links.items()):
        if not all(target in content for target in targets):      # a file the walk skips
            del static_links[rel]
            linking.add(rel)
    return Inputs(content, frozenset(linking), static_links, site, setup, packages, total, paths)


def static_targets(content_root: Path, rel: str, data: bytes) -> tuple[str, ...] | None:
    """The content files a body's `{static}` links name, or None when the body has another
    kind of link, or a `{static}` link that resolves to no file (siaran.boundary reads the
    links as Pelican does): then it depends on every content file. `{attach}` is of the other
    kind: where the file is published depends on which content attaches it first."""
    from siaran import boundary
    if any(kind.group(1) != _STATIC for kind in _LINKS.finditer(data)):
        return None
    text = data.decode("utf-8", "replace")
    folder = os.path.dirname(rel).replace(os.sep, "/")
    targets = set()
    for link in boundary.links(text):
        target, why = boundary.resolve(content_root, folder, boundary.link_path(link))
        if target is None:
            return None
        targets.add(target)
    return tuple(sorted(targets))


def setup_folder(parent: Path, name: str) -> Path:
    """`parent/name`, made, with every sibling removed: a cache whose folder is named by a
    digest of what its entries depend on (settings, code, libraries) keeps only the
    current one, since a folder of earlier settings is never read again."""
    folder = parent / name
    if parent.is_dir():
        for stale in parent.iterdir():
            if stale.name != name:
                shutil.rmtree(stale, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def file_key(*parts: str) -> str:
    """A plugin's key for one of its files: a digest over every value the file is made from
    (start with RenderPlan.site, which covers settings, theme and code)."""
    return _digest(*(str(part) for part in parts))


# -- the state of the last successful build ---------------------------------------------

SEP = "\0"


def pack_entry(key: str, files) -> str:
    """One job's entry in the state: its key, then each (file, body digest), in one
    string. As nested lists the state of 10,000 releases held ~18 MiB in every build."""
    return SEP.join([key, *(part for pair in files for part in pair)])


def entry_key(entry: str) -> str:
    return entry.split(SEP, 1)[0]


def entry_files(entry: str) -> list[tuple[str, str]]:
    """(file relative to the output, body digest) of each file of one job's entry."""
    parts = entry.split(SEP)
    return list(zip(parts[1::2], parts[2::2]))


@dataclass
class SiteState:
    """What the last successful build read and left, persisted beside the caches."""

    total: str = ""
    """Inputs.total of that build."""
    output: str = ""
    """The output folder it swapped into."""
    files: int = 0
    pages: int = 0
    problems: list[list] = field(default_factory=list)
    """Its warnings (Problem fields), reported again when nothing changed."""
    outputs: dict[str, str] = field(default_factory=dict)
    """Page job (its first file name) -> its entry: key, then each file and its body
    digest, in one string (pack_entry)."""
    paths: dict = field(default_factory=dict)
    """Inputs.paths of that build."""
    now: str = ""
    """That build's *now* (ISO): a build at another moment is a no-change one only when
    its *now* decides the same (siaran.schedule.Timeline.decisions)."""
    timeline: list = field(default_factory=list)
    """[due, dated] of that build's siaran.schedule.Timeline (epoch seconds)."""

    @classmethod
    def load(cls, path: Path) -> SiteState | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.pop("version", None) != STATE_VERSION:
                return None
            return cls(**data)
        except (OSError, ValueError, TypeError):
            return None          # missing or damaged: a clean build

    def save(self, path: Path) -> None:
        """Written as json.dumps(sort_keys=True) would, but the page entries one by one: the
        whole text at once (and its bytes) was the build's last peak (~11 MiB at 10,000)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        head = json.dumps({"version": STATE_VERSION, **self.__dict__, "outputs": {}},
                          sort_keys=True, separators=(",", ":"))
        at = head.index('"outputs":{}') + len('"outputs":{')
        fresh = path.with_name(path.name + ".tmp")
        with open(fresh, "w", encoding="utf-8") as stream:
            stream.write(head[:at])
            for number, name in enumerate(sorted(self.outputs)):
                stream.write(("," if number else "") + json.dumps(name) + ":" + json.dumps(self.outputs[name]))
            stream.write(head[at:])
        os.replace(fresh, path)


# -- page keys ----------------------------------------------------------------------------

OWN, SITE = "own", "site"
RULES: dict[str, tuple[str, frozenset[str]]] = {
    # template file -> (what it reads, keyword arguments it never reads)
    "article.html": (OWN, frozenset({"all_articles"})),
    "page.html": (OWN, frozenset()),
    "category.html": (OWN, frozenset({"all_articles"})),
    "tag.html": (OWN, frozenset({"all_articles"})),
    "author.html": (OWN, frozenset({"all_articles"})),
    "unit.html": (OWN, frozenset()),
    "period_archives.html": (OWN, frozenset({"all_articles"})),
    "index.html": (SITE, frozenset()),
    "archives.html": (SITE, frozenset()),
    "tags.html": (SITE, frozenset()),
    "categories.html": (SITE, frozenset()),
    "units.html": (SITE, frozenset()),
}
"""The dependency map of the theme's templates (see the module docstring). A template
not named here is rendered on every build."""

_WRITE_ARGS = ("name", "template", "context", "relative_urls", "paginated", "template_name",
               "override_output", "url")


class _Unknown(Exception):
    """A value whose inputs the map cannot name: the page is rendered."""


class RenderPlan:
    """Decides per page job whether it can be kept, links kept bodies, records rendered ones."""

    def __init__(self, inputs: Inputs, previous: SiteState | None, store_folder: str | None,
                 staging: str) -> None:
        self.inputs = inputs
        self.previous = previous.outputs if previous else {}
        self.store_folder = store_folder
        self.staging = staging
        self.outputs: dict[str, str] = {}         # this build's state (entries), filled as jobs are kept or rendered
        self.added: dict[str, str] = {}           # files kept or made through reuse()/remember(), here
        self.pending: dict[str, str] = {}         # job -> key of a job handed to the renderers
        self.kept = self.rendered = 0
        self._facts: dict[int, str] = {}
        self._withheld: set[str] = set()
        self._site: str | None = None
        self._all: str | None = None
        self._context_id: int | None = None
        self._folders: set[str] = set()          # made in staging already

    # -- called by the writer ------------------------------------------------------------
    def keep(self, args: tuple, kwargs: dict) -> bool:
        """True when this write_file job's key is the last build's and its bodies were linked."""
        call = dict(zip(_WRITE_ARGS, args))
        call.update(kwargs)
        name = call["name"]
        key = self.key(call)
        if key is None:
            return False
        self.pending[name] = key
        before = self.previous.get(name)
        if before is None or entry_key(before) != key or not self._link(entry_files(before)):
            return False
        del self.pending[name]
        self.outputs[name] = before
        self.kept += 1
        return True

    # -- for a plugin's own files (written with write_output, in any process) -------------
    @property
    def site(self) -> str:
        """Digest of the settings, theme, code and libraries: part of every file's key."""
        return self.inputs.site

    @property
    def packages(self) -> str:
        """Digest of the installed npm packages: part of the key of a file copied from one."""
        return self.inputs.packages

    def reuse(self, name: str, key: str) -> bool:
        """True when file `name` (relative to the output) had this key in the last build
        and its stored body is now linked into staging: the caller need not make it."""
        before = self.previous.get(name)
        if before is None or entry_key(before) != key or not self._link(entry_files(before)):
            return False
        self.outputs[name] = self.added[name] = before
        return True

    def remember(self, name: str, key: str, digest: str) -> None:
        """File `name` was made with this key; its body is `digest` in the store."""
        self.outputs[name] = self.added[name] = pack_entry(key, [(name, digest)])

    def merge(self, added: dict[str, str]) -> None:
        """What reuse()/remember() recorded in a task's process, back in the build's."""
        self.outputs.update(added)

    def record(self, done: dict[str, list]) -> None:
        """Files of rendered jobs (job -> [[file, digest], ...]), from whichever process rendered them."""
        for name, files in done.items():
            self.rendered += 1
            key = self.pending.pop(name, None)
            if key is not None:
                self.outputs[name] = pack_entry(key, files)

    def _link(self, files: list) -> bool:
        if self.store_folder is None:
            return False
        blobs = [(os.path.join(self.store_folder, digest), os.path.join(self.staging, rel))
                 for rel, digest in files]
        if not all(os.path.exists(blob) for blob, _ in blobs):
            return False
        for blob, target in blobs:
            folder = os.path.dirname(target)
            if folder not in self._folders:
                os.makedirs(folder, exist_ok=True)
                self._folders.add(folder)
            try:
                os.link(blob, target)
            except FileExistsError:
                return False
            except OSError:
                return False      # another filesystem: rendered instead
        return True

    # -- keys ----------------------------------------------------------------------------
    def key(self, call: dict) -> str | None:
        template = getattr(call.get("template"), "name", None)
        rule = RULES.get(template)
        if rule is None:
            return None
        reads, ignored = rule
        context = call.get("context") or {}
        if self._context_id != id(context):
            self._context_id, self._site, self._all = id(context), None, None
            self._site = self._site_part(context)
        parts = [self._site, template, repr(call.get("relative_urls")), repr(call.get("url")),
                 repr(call.get("template_name")), repr(call.get("override_output"))]
        if reads == SITE:
            if self._all is None:
                self._all = self._every_release(context)
            parts.append(self._all)
        if template == "article.html" and call.get("article") is not None:
            # What the release page shows of others: prev/next and related titles, URLs, dates.
            parts.append(self._around(call["article"]))
        try:
            parts.append(self._value(call.get("paginated")))
            for name in sorted(k for k in call if k not in _WRITE_ARGS and k not in ignored):
                parts += [name, self._value(call[name])]
        except _Unknown:
            return None
        return _digest(*parts)

    def _site_part(self, context: dict) -> str:
        categories = [(str(c), c.url) for c, _ in context.get("categories", ())]
        pages = [self._fact(p) for p in context.get("pages", ())]
        return _digest(self.inputs.site, json.dumps(categories), *pages)

    def _every_release(self, context: dict) -> str:
        return _digest(*(self._fact(a) for a in context.get("articles", ())),
                       "drafts", *(self._fact(a) for a in context.get("drafts", ())))

    def withhold(self, sources) -> None:
        """Content this build leaves out or writes as a preview only (plugins/schedule,
        before any key is asked): a body that links to other content shows such an
        item's link as text or to its draft URL, so its page depends on this set, which
        the build's *now* decides without any file changing."""
        self._withheld.update(sources)
        self._facts.clear()

    def fact(self, content) -> str:
        """The digest of a release's or page's own inputs (public for plugins' keys)."""
        return self._fact(content)

    def _fact(self, content) -> str:
        """A release's or page's own inputs: its source, the photo and share image it names, the
        files its `{static}` links name (or every content file, for a body with other links)."""
        cached = self._facts.get(id(content))
        if cached is not None:
            return cached
        files = self.inputs.content
        source = os.path.relpath(content.source_path, content.settings["PATH"])
        parts = [source, files.get(source, "?")]
        for attr in ("image", "social_image"):
            named = getattr(content, attr, None)
            if named:
                parts += [named, files.get(os.path.normpath(named), "missing")]
        for target in self.inputs.static_links.get(source, ()):
            parts += [target, files[target]]
        if source in self.inputs.linking:
            parts += [_digest(json.dumps(files, sort_keys=True)), _digest(*sorted(self._withheld))]
        fact = self._facts[id(content)] = _digest(*parts)
        return fact

    def _around(self, article) -> str:
        """The facts of the releases a release's page shows: prev, next, related, in order."""
        release = getattr(article, "release", None)
        if release is None:
            return "-"
        around = [release.prev, release.next, *release.related]
        return _digest(*(self._fact(r.article) if r is not None else "-" for r in around))

    def _value(self, value: Any) -> str:
        if value is None or isinstance(value, (str, int, float, bool, date, datetime)):
            return repr(value)
        if hasattr(value, "source_path") and hasattr(value, "settings"):   # a release or page
            return self._fact(value)
        if isinstance(value, (list, tuple)):
            return _digest("[", *(self._value(v) for v in value))
        if isinstance(value, dict):
            return _digest("{", *(f"{k!r}={self._value(v)}" for k, v in sorted(value.items(), key=repr)))
        if hasattr(value, "slug") and hasattr(value, "url"):          # category, tag, author, unit
            members = getattr(value, "articles", None)
            return _digest(type(value).__name__, str(value), value.url,
                           self._value(list(members)) if members is not None else "")
        raise _Unknown(type(value).__name__)
