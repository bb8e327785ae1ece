"""Word releases made by the tests themselves (python-docx), shaped like what Humas offices send:
a heading, a photo with alt text and a caption, a dateline, a quote, a list, a link, a closing
credit line, and Word's clutter (empty paragraphs, a tracked insertion and deletion, a comment).

Importable as `docx_support` because tests/conftest.py's folder is on sys.path. The words are
ours, about the fictional BRPKN.
"""
from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from PIL import Image

TITLE = "Balai Riset Buka Posko Siaga Rob di Dermaga Teluk Biru"
PHOTO_ALT = "Petugas memasang papan posko siaga rob di dermaga"
PHOTO_CAPTION = "Petugas balai memasang papan posko di Dermaga Teluk Biru."
PHOTO_CREDIT = "Foto: Humas/Sari"
DATELINE = "Teluk Biru, BRPKN (24/11)"
LEDE = "Balai Riset Kelautan Wilayah Timur membuka posko siaga rob di Dermaga Teluk Biru"
INSERTED = " selama musim pasang"
DELETED = " pekan ini"
QUOTE = "“Posko buka dua puluh empat jam sampai air surut,” kata Koordinator Posko, Yosef Kalalo."
COMMENTED = "Warga dapat melapor genangan melalui nomor darurat balai."
COMMENT = "Cek lagi nomor daruratnya"
LINK_TEXT, LINK_URL = "laman data pesisir", "https://data.brpkn.example/rob"
ITALIC = "Jadwal pasang tertinggi jatuh pada Kamis malam."
ITEMS = ("Senter dan peluit", "Nomor darurat balai")
SECOND_ALT = "Relawan mengisi karung pasir di halaman balai"
SECOND_CAPTION = "Relawan mengisi karung pasir."
SECOND_CREDIT = "Foto: Humas/Dimas"
CLOSING = "Posko ditutup setelah status siaga dicabut."
CREDIT = "Humas/YK/SR"


def _jpeg(color: str, size: tuple[int, int] = (120, 80)) -> io.BytesIO:
    data = io.BytesIO()
    Image.new("RGB", size, color).save(data, "JPEG")
    data.seek(0)
    return data


def _tracked(paragraph, kind: str, text: str, change_id: int) -> None:
    """A tracked insertion (`w:ins`) or deletion (`w:del`) at the end of the paragraph."""
    change = OxmlElement(f"w:{kind}")
    for key, value in (("w:id", str(change_id)), ("w:author", "Redaktur"), ("w:date", "2026-11-24T08:00:00Z")):
        change.set(qn(key), value)
    run = OxmlElement("w:r")
    words = OxmlElement("w:t" if kind == "ins" else "w:delText")
    words.set(qn("xml:space"), "preserve")
    words.text = text
    run.append(words)
    change.append(run)
    paragraph._p.append(change)


def _link(paragraph, text: str, url: str) -> None:
    rel = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    words = OxmlElement("w:t")
    words.text = text
    run.append(words)
    link.append(run)
    paragraph._p.append(link)


def _picture(document, data: io.BytesIO, alt: str) -> None:
    document.add_picture(data)
    if alt:
        document.inline_shapes[-1]._inline.docPr.set("descr", alt)


def write_release_docx(path: Path, *, alt: bool = True, second_photo: bool = True) -> Path:
    """A Word release at `path`; `alt=False` leaves the first photo without alt text."""
    document = Document()
    document.add_paragraph("")
    document.add_heading(TITLE, level=1)
    _picture(document, _jpeg("teal"), PHOTO_ALT if alt else "")
    document.add_paragraph(f"{PHOTO_CAPTION} ({PHOTO_CREDIT})", style="Caption")
    document.add_paragraph("")
    document.add_paragraph("   ")
    lede = document.add_paragraph()
    lede.add_run(DATELINE).bold = True
    lede.add_run(f" – {LEDE}")
    _tracked(lede, "ins", INSERTED, 901)
    _tracked(lede, "del", DELETED, 902)
    lede.add_run(".")
    document.add_paragraph(QUOTE, style="Quote")
    commented = document.add_paragraph().add_run(COMMENTED)
    document.add_comment(commented, text=COMMENT, author="Redaktur", initials="RD")
    linked = document.add_paragraph("Peta genangan terbaru ada di ")
    _link(linked, LINK_TEXT, LINK_URL)
    linked.add_run(". ")
    linked.add_run(ITALIC).italic = True
    document.add_paragraph("")
    for item in ITEMS:
        document.add_paragraph(item, style="List Bullet")
    if second_photo:
        _picture(document, _jpeg("orange", (90, 60)), SECOND_ALT)
        document.add_paragraph().add_run(f"{SECOND_CAPTION} ({SECOND_CREDIT})").italic = True
    document.add_paragraph(f"{CLOSING} ({CREDIT})")
    document.add_paragraph("")
    document.save(path)
    return path
