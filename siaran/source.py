"""Read a content file's metadata block with the line of every field.

The form is the one Pelican's Markdown reader understands (Python-Markdown's
`meta` extension): `key: value` lines at the very top, continuation lines
indented, a blank line ends the block. Pelican reads the same file again for
rendering; we read it first so every problem can name its line.
"""
from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

_KEY_LINE = re.compile(r"^(?P<key>[A-Za-z0-9_-]+)\s*:\s?(?P<value>.*)$")
_CONTINUATION = re.compile(r"^ {4,}(?P<value>.*)$")


# Slotted: the check keeps every file's SourceFile (siaran.checkcache), ~13 entries each;
# without slots each carries its own attribute dict (~20 MiB more at 10,000 releases).
@dataclass(frozen=True, slots=True)
class Entry:
    value: str
    line: int


@dataclass(slots=True)
class SourceFile:
    """One Markdown file: where it is, its raw metadata, where its body starts."""

    path: Path          # as given on disk
    rel: str            # path shown in messages, e.g. content/berita/x.md
    meta: dict[str, Entry] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    syntax_errors: list[tuple[int, str]] = field(default_factory=list)

    def get(self, key: str, default: str | None = None) -> str | None:
        entry = self.meta.get(key)
        return entry.value if entry else default

    def line_of(self, key: str) -> int:
        entry = self.meta.get(key)
        return entry.line if entry else 1


def parse_text(text: str, path: Path, rel: str) -> SourceFile:
    source = SourceFile(path=path, rel=rel)
    lines = text.splitlines()
    index = 0
    if lines and lines[0].strip() == "---":
        index = 1
    current: str | None = None
    while index < len(lines):
        line = lines[index]
        number = index + 1
        if not line.strip() or line.strip() in ("---", "..."):
            index += 1
            break
        continuation = _CONTINUATION.match(line)
        key_line = _KEY_LINE.match(line)
        if continuation and current is not None:
            old = source.meta[current]
            source.meta[current] = Entry((old.value + " " + continuation.group("value")).strip(), old.line)
        elif key_line:
            current = key_line.group("key").lower()
            if current in source.meta:
                source.syntax_errors.append((number, f"'{current}' appears twice (first on line {source.meta[current].line})"))
            source.meta[current] = Entry(key_line.group("value").strip(), number)
        else:
            source.syntax_errors.append((number, f"metadata lines must look like 'key: value', got {line.strip()[:60]!r}"))
        index += 1
    source.body_line = index + 1
    source.body = "\n".join(lines[index:])
    return source


@functools.lru_cache(maxsize=16)
def _resolved(root: str) -> Path:
    # The project folder of a check (absolute, so the working folder cannot change
    # its meaning), resolved once, not once per file read.
    return Path(root).resolve()


def read_source(path: Path, root: Path) -> SourceFile:
    """Read `path`; `root` is the project folder that messages are relative to."""
    try:
        rel = path.resolve().relative_to(_resolved(os.path.abspath(root))).as_posix()
    except ValueError:
        rel = path.as_posix()
    try:
        # utf-8-sig: Windows Notepad starts a file with a byte-order mark, which
        # would otherwise glue itself to the first field's name.
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        source = SourceFile(path=path, rel=rel)
        source.syntax_errors.append((1, f"file is not valid UTF-8 (byte {error.start})"))
        return source
    return parse_text(text, path, rel)
