"""The demo attachments: the committed files are exactly what sample_documents.py writes."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from ppid import sample_documents

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "content" / "dokumen" / "informasi-publik"


def test_committed_documents_equal_the_script_output(tmp_path):
    written = sample_documents.write(tmp_path)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in written) == sorted(
        p.relative_to(COMMITTED).as_posix() for p in COMMITTED.rglob("*") if p.is_file())
    for path in written:
        assert path.read_bytes() == (COMMITTED / path.relative_to(tmp_path)).read_bytes(), path.name


@pytest.mark.parametrize("name", sorted(n for n in sample_documents.DOCUMENTS if n.endswith(".pdf")))
def test_pdfs_have_a_correct_cross_reference_table(name):
    data = sample_documents.DOCUMENTS[name]
    assert data.startswith(b"%PDF-1.4\n") and data.endswith(b"%%EOF\n")
    start = int(re.search(rb"startxref\n(\d+)\n", data).group(1))
    assert data[start:start + 5] == b"xref\n"
    offsets = [int(o) for o in re.findall(rb"^(\d{10}) 00000 n \n", data, re.M)]
    assert offsets and all(data[o:].startswith(b"%d 0 obj\n" % n) for n, o in enumerate(offsets, start=1))
    assert b"CreationDate" not in data                  # no dates: same bytes on every run


def test_pdf_text_is_escaped():
    data = sample_documents.pdf("Judul (uji) \\ garis", ["baris (1)"])
    assert b"(Judul \\(uji\\) \\\\ garis) Tj" in data and b"(baris \\(1\\)) Tj" in data
