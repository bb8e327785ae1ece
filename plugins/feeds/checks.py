"""`invoke check` hook: warn where a release carries text XML cannot hold.

The feeds drop such characters (control characters, lone surrogates) so they
stay valid, but the editor should know the text was changed. siaran.validate
already warns for `title` and `summary`; this adds every other metadata field
and the body, with the exact line. Called by siaran.build.plugin_checks().
"""
from __future__ import annotations

from siaran.problems import WARNING, Problem
from siaran.source import SourceFile
from siaran.text import has_xml_forbidden, xml_safe

ALREADY_CHECKED = ("title", "summary")
"""Fields siaran.validate.check_fields warns about itself."""
MESSAGE = "berisi karakter yang tidak sah di XML ({chars}); karakter itu dibuang dari umpan berita (RSS/Atom/JSON)"
BODY_FIELD = "isi"


def _names(text: str) -> str:
    return ", ".join(f"U+{ord(char):04X}" for char in dict.fromkeys(c for c in text if not xml_safe(c)))


def _raw_lines(source: SourceFile) -> list[str]:
    """The file's lines split on "\\n" only: str.splitlines() would also split at
    U+000B/U+000C/U+001C–U+001E, hiding exactly the characters we look for."""
    try:
        return source.path.read_text(encoding="utf-8", errors="replace").split("\n")
    except OSError:
        return [""] * (source.body_line - 1) + source.body.split("\n")


def _field_at(source: SourceFile, line: int) -> str:
    if line >= source.body_line:
        return BODY_FIELD
    owners = [(entry.line, key) for key, entry in source.meta.items() if entry.line <= line]
    return max(owners)[1] if owners else "metadata"


def check_source(source: SourceFile) -> list[Problem]:
    problems = []
    for number, line in enumerate(_raw_lines(source), start=1):
        if not has_xml_forbidden(line):
            continue
        name = _field_at(source, number)
        if name in ALREADY_CHECKED:
            continue
        problems.append(Problem(source.rel, number, name, MESSAGE.format(chars=_names(line)), WARNING))
    return problems


def check_file(item, ctx) -> list[Problem]:
    """item: a siaran.validate.Checked release or page (one file alone); warnings only."""
    return check_source(item.source) if item.kind == "release" else []
