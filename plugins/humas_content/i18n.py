"""Theme strings from a gettext catalogue (theme/translations/<lang>.po).

Read with Babel at build time, so a translator edits one .po file and nothing
is compiled. Message ids are English; a missing entry falls back to the id.
"""
from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po


def load_catalog(path: Path) -> dict[str, str]:
    with path.open("rb") as handle:
        catalog = read_po(handle)
    return {message.id: message.string for message in catalog if message.id and message.string}


def translator(catalog: dict[str, str]):
    def gettext(message: str, **values) -> str:
        text = catalog.get(message, message)
        return text.format(**values) if values else text
    return gettext
