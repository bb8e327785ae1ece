"""Markdown → HTML exactly as Pelican renders a release, for the parts that render outside Pelican.

The register (plugins/ppid) renders its bodies itself and the body checks
(plugins/sanitize) render to see what the sanitiser will remove; both must
see the HTML Pelican's reader makes, so both build their Markdown here from
the same MARKDOWN setting.

`TableAlignExtension` writes Markdown table alignment as a class
(`rata-kiri`/`rata-kanan`/`rata-tengah`) instead of an inline `style`, which
the Content-Security-Policy forbids and HTML5 has no `align` attribute for.
"""
from __future__ import annotations

from typing import Callable

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

ALIGN_CLASSES = {"left": "rata-kiri", "right": "rata-kanan", "center": "rata-tengah"}


class _TableAlign(Treeprocessor):
    def run(self, root):
        for cell in (element for element in root.iter() if element.tag in ("th", "td")):
            style = cell.attrib.pop("style", None)
            if style is None:
                continue
            side = style.removeprefix("text-align:").strip().rstrip(";").strip()
            if side in ALIGN_CLASSES:
                cell.set("class", ALIGN_CLASSES[side])
            else:
                cell.set("style", style)   # not ours: left for the sanitiser to judge


class TableAlignExtension(Extension):
    def extendMarkdown(self, md):
        # after the table processor's output is in the tree, before serialising
        md.treeprocessors.register(_TableAlign(md), "siaran_table_align", 1)


def makeExtension(**kwargs):
    return TableAlignExtension(**kwargs)


def markdown_options(settings: dict) -> dict:
    """Keyword arguments for Markdown(), as Pelican's MarkdownReader builds them."""
    config = dict(settings.get("MARKDOWN", {}))
    configs = dict(config.get("extension_configs", {}))
    extensions = list(dict.fromkeys([*config.get("extensions", []), *configs]))
    return {"extensions": extensions, "extension_configs": configs,
            "output_format": config.get("output_format", "html5")}


def markdown_renderer(settings: dict) -> Callable[[str], str]:
    """Markdown text → HTML with the build's extensions (one parser, reset per call)."""
    md = Markdown(**markdown_options(settings))

    def render(text: str) -> str:
        md.reset()
        return md.convert(text)
    return render
