"""Tell the editor, file and line, what the sanitiser will remove from a body.

Every Markdown file under content/ (releases, pages, register items) is
rendered as Pelican renders it, cleaned, and compared; each removal is a
warning (an error under --strict) at the line where the editor wrote it.
Rendering is the costly part, so results are cached by a digest of the text,
the Markdown settings and the sanitiser's policy: a warm check renders only
what changed.
"""
from __future__ import annotations

import hashlib
import json
import os
from importlib.metadata import version
from pathlib import Path

from siaran import markup, sanitize
from siaran.markup import markdown_options, markdown_renderer
from siaran.problems import WARNING, Problem
from siaran.sanitize import Policy, Removal, clean, removals
from siaran.source import SourceFile, read_source


class RemovalCache:
    """text digest → removals, in one JSON file; unreadable means empty."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.entries: dict[str, list] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.entries = {}
        self.used: dict[str, list] = {}

    def get(self, key: str) -> list[Removal] | None:
        found = self.entries.get(key)
        if found is None:
            return None
        self.used[key] = found
        return [Removal(*entry) for entry in found]

    def put(self, key: str, found: list[Removal]) -> None:
        self.used[key] = [r.to_json() for r in found]

    def save(self) -> None:
        if self.used == self.entries:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fresh = self.path.with_suffix(f".{os.getpid()}.tmp")
        fresh.write_text(json.dumps(self.used, sort_keys=True), encoding="utf-8")
        os.replace(fresh, self.path)


def locate(text: str, first_line: int, needles: list[str]) -> list[int]:
    """The line of each needle in `text`, searching on from the previous hit
    of the same needle, so two removed <script> tags get their own lines."""
    folded = text.casefold()
    cursor: dict[str, int] = {}
    lines = []
    for needle in needles:
        at = folded.find(needle.casefold(), cursor.get(needle, 0)) if needle else -1
        if at < 0:
            lines.append(first_line)
            continue
        cursor[needle] = at + 1
        lines.append(first_line + text.count("\n", 0, at))
    return lines


def texts(source: SourceFile) -> list[tuple[str, str, int]]:
    """(field, Markdown text, its first line) that Pelican renders as HTML."""
    found = [("body", source.body, source.body_line)] if source.body.strip() else []
    if source.get("summary"):
        found.append(("summary", source.get("summary"), source.line_of("summary")))
    return found


def check(items, ctx) -> list[Problem]:
    settings = ctx.settings or {}
    policy = Policy.from_settings(settings)
    project = ctx.content_root.parent
    # Items were found under the resolved content root (siaran.validate.content_files), as the
    # walk below finds its files: their paths compare equal unresolved (a realpath per file
    # costs an lstat per path part, for every file of every check).
    known = {item.source.path: item.source for item in items}
    # Everything the cached answer depends on: settings, library, policy, and the code.
    setup = json.dumps([markdown_options(settings), version("markdown"), policy.digest()],
                       sort_keys=True, default=repr).encode()
    code = b"".join(Path(module.__file__).read_bytes() for module in (sanitize, markup))
    salt = hashlib.sha256(setup + code).hexdigest()[:16]
    cache = RemovalCache(project / ".cache" / "sanitize" / f"removals-{salt}.json")
    render = None
    problems: list[Problem] = []
    for path in sorted(ctx.content_root.rglob("*.md")):
        if path.is_symlink():
            continue        # refused as a symlink by siaran.validate; never read
        source = known.get(path) or read_source(path, project)
        for name, text, first_line in texts(source):
            key = hashlib.sha256(text.encode()).hexdigest()
            found = cache.get(key)
            if found is None:
                render = render or markdown_renderer(settings)
                html = render(text)
                found = removals(html, clean(html, policy), policy)
                cache.put(key, found)
            lines = locate(text, first_line, [r.needle() for r in found])
            problems += [Problem(source.rel, line, name, removal.message(), WARNING)
                         for line, removal in zip(lines, found)]
    cache.save()
    return problems
