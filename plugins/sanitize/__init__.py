"""sanitize: every Markdown body and summary is cleaned as it is read.

register() puts a Markdown reader in Pelican's place whose output passes
through siaran.sanitize.clean() before anything sees it, Pelican's reader
cache included, so a cached body is a clean body and a warm build pays
nothing. What cleaning removes is reported by checks.py, located in the
source, before the build writes a page. The register renders its own bodies
through the same clean() (plugins/ppid).
"""
from __future__ import annotations

from pelican import signals
from pelican.readers import MarkdownReader

from siaran.sanitize import Policy, clean


class SanitizingMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader, with bodies and formatted fields cleaned."""

    def read(self, source_path):
        content, metadata = super().read(source_path)
        policy = Policy.from_settings(self.settings)
        for name in self.settings["FORMATTED_FIELDS"]:
            if isinstance(metadata.get(name), str):
                metadata[name] = clean(metadata[name], policy)
        return clean(content, policy), metadata


def use_sanitizing_reader(readers) -> None:
    for extension in SanitizingMarkdownReader.file_extensions:
        if readers.reader_classes.get(extension) is MarkdownReader:
            readers.reader_classes[extension] = SanitizingMarkdownReader


def register() -> None:
    signals.readers_init.connect(use_sanitizing_reader)
