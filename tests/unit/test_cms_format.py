"""The CMS's file format (plugins/cms/static/siaran-cms.js), run in Node on real files:
what the CMS reads from a hand-written file and writes back is what siaran.source reads.

The browser tests drive the whole CMS; this runs only the format, over every content file
of the project, so a metadata form the CMS would change is caught without a browser."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from cms.config import content_types, page_data
from siaran.build import load_settings
from siaran.source import parse_text

ROOT = Path(__file__).resolve().parents[2]
NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="node not installed")

# Loads siaran-cms.js in a bare context with just enough of Decap's CMS object to
# collect the formats it registers, then reads each file and writes it back.
HARNESS = r"""
const fs = require('fs'), vm = require('vm');
const [script, page, input] = process.argv.slice(2).map(p => fs.readFileSync(p, 'utf8'));
const formats = {};
const noop = () => {};
const CMS = {registerCustomFormat: (name, ext, format) => { formats[name] = format; },
             registerEventListener: noop, registerWidget: noop, registerLocale: noop,
             registerPreviewStyle: noop, registerPreviewTemplate: noop,
             getWidget: () => ({control: noop, preview: noop})};
const context = {window: {CMS, h: noop, createClass: spec => spec}, JSON, Set, Object, String, Number, Array,
                 document: {getElementById: () => ({textContent: page})}};
vm.runInNewContext(script, context);
const out = JSON.parse(input).map(([format, text, data]) => {
  const read = text === null ? null : formats[format].fromFile(text);
  return {read, written: formats[format].toFile(data || read)};
});
process.stdout.write(JSON.stringify(out));
"""


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("format")
    settings = load_settings(ROOT / "pelicanconf.py")
    (folder / "page.json").write_text(json.dumps(page_data(settings, content_types(settings), {})))
    (folder / "harness.js").write_text(HARNESS)

    def run(cases: list[tuple[str, str | None, dict | None]]) -> list[dict]:
        (folder / "input.json").write_text(json.dumps(cases))
        done = subprocess.run([NODE, str(folder / "harness.js"), str(ROOT / "plugins/cms/static/siaran-cms.js"),
                               str(folder / "page.json"), str(folder / "input.json")],
                              capture_output=True, text=True, check=True)
        return json.loads(done.stdout)
    return run


FOLDERS = {"berita": "siaran-berita", "halaman": "siaran-halaman", "informasi-publik": "siaran-informasi-publik"}


def content_files() -> list[tuple[str, Path]]:
    return [(FOLDERS[folder], path) for folder in FOLDERS
            for path in sorted((ROOT / "content" / folder).rglob("*.md"))]


def test_every_content_file_reads_back_the_same_through_the_cms(run):
    files = content_files()
    assert len(files) > 20
    results = run([(fmt, path.read_text(encoding="utf-8"), None) for fmt, path in files])
    for (fmt, path), result in zip(files, results):
        before = parse_text(path.read_text(encoding="utf-8"), path, path.name)
        after = parse_text(result["written"], path, path.name)
        assert {k: e.value for k, e in after.meta.items()} == {k: e.value for k, e in before.meta.items()}, path
        assert after.body.strip() == before.body.strip(), path
        assert after.syntax_errors == [], path


def test_a_file_in_schema_order_comes_back_byte_for_byte(run):
    path = ROOT / "content/berita/2026/penanaman-mangrove-pesisir-utara.md"
    text = path.read_text(encoding="utf-8")
    [result] = run([("siaran-berita", text, None)])
    assert result["written"] == text


def test_what_the_form_gets_from_a_file(run):
    text = ("id: 6f1c2b4e-8a3d-4c5e-9b7a-1d2e3f4a5b60\ntitle: Judul\ntags: Mangrove,  Laut ,\n"
            "summary: Kalimat pertama\n    berlanjut di sini.\nsocial_x: Teks sendiri untuk X\nwarna: biru\n\nIsi.\n")
    [release] = run([("siaran-berita", text, None)])
    assert release["read"] == {"id": "6f1c2b4e-8a3d-4c5e-9b7a-1d2e3f4a5b60", "title": "Judul",
                               "tags": ["Mangrove", "Laut"], "summary": "Kalimat pertama berlanjut di sini.",
                               "berbagi": {"social_x": "Teks sendiri untuk X"}, "warna": "biru", "body": "Isi.\n"}
    item = "title: Laporan\nyear: 2026\nattachments: dokumen/a.pdf, dokumen/b.csv\n\n"
    [register] = run([("siaran-informasi-publik", item, None)])
    assert register["read"]["year"] == 2026
    assert register["read"]["attachments"] == ["dokumen/a.pdf", "dokumen/b.csv"]


def test_what_the_cms_writes_from_a_form(run):
    data = {"body": "Paragraf satu.\n\nParagraf dua.\n\n", "title": 'Kata "Kunci": Laut',
            "date": "2026-12-01 09:30", "credit": "", "tags": ["Laut", "", "Pesisir"], "authors": [],
            "summary": "Baris satu\nbaris dua", "berbagi": {"social_x": "Teks X", "social_facebook": ""},
            "lanjutan": {"slug": "kata-kunci"}, "id": "6f1c2b4e-8a3d-4c5e-9b7a-1d2e3f4a5b60", "warna": "biru"}
    [result] = run([("siaran-berita", None, data)])
    assert result["written"] == (
        "id: 6f1c2b4e-8a3d-4c5e-9b7a-1d2e3f4a5b60\n"
        'title: Kata "Kunci": Laut\n'
        "date: 2026-12-01 09:30\n"
        "tags: Laut, Pesisir\n"
        "summary: Baris satu baris dua\n"
        "slug: kata-kunci\n"
        "social_x: Teks X\n"
        "warna: biru\n"
        "\n"
        "Paragraf satu.\n\nParagraf dua.\n")
    [register] = run([("siaran-informasi-publik", None, {"title": "Laporan", "year": 2026, "body": ""})])
    assert register["written"] == "title: Laporan\nyear: 2026\n"
