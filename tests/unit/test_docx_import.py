"""A Word release read into a title, clean Markdown and photos (fixtures made with python-docx)."""
from __future__ import annotations

import io
from datetime import datetime

import docx_support as word
import pytest
from docx import Document
from PIL import Image

from siaran.dates import JAKARTA
from siaran.docx_import import ImportFailed, import_docx, read_docx, release_date

BODY = f"""**{word.DATELINE}** – {word.LEDE}{word.INSERTED}.

> {word.QUOTE}

{word.COMMENTED}

Peta genangan terbaru ada di [{word.LINK_TEXT}]({word.LINK_URL}). *{word.ITALIC}*

- {word.ITEMS[0]}
- {word.ITEMS[1]}

![{word.SECOND_ALT}](siaran-foto-2)

*{word.SECOND_CAPTION} ({word.SECOND_CREDIT})*

{word.CLOSING} ({word.CREDIT})
"""


def test_title_body_and_photos(tmp_path):
    release = read_docx(word.write_release_docx(tmp_path / "rilis.docx"))
    assert release.title == word.TITLE
    assert release.body == BODY
    lead, second = release.photos
    assert (lead.alt, lead.caption, lead.credit, lead.suffix) == (
        word.PHOTO_ALT, word.PHOTO_CAPTION, word.PHOTO_CREDIT, ".jpg")
    assert Image.open(io.BytesIO(lead.data)).size == (120, 80)
    assert (second.alt, second.caption, second.credit) == (word.SECOND_ALT, word.SECOND_CAPTION, word.SECOND_CREDIT)
    assert release.notes == ()


def test_word_clutter_is_dropped(tmp_path):
    body = read_docx(word.write_release_docx(tmp_path / "rilis.docx")).body
    assert word.DELETED.strip() not in body         # a tracked deletion, as Word shows it once accepted
    assert word.INSERTED.strip() in body            # a tracked insertion stays
    assert word.COMMENT not in body and "[RD" not in body
    assert "\n\n\n" not in body and all(line == line.rstrip() for line in body.splitlines())


def test_a_bold_first_line_is_the_title_and_later_headings_sit_under_it(tmp_path):
    document = Document()
    document.add_paragraph("")
    document.add_paragraph().add_run("Nelayan Muda Belajar Membaca Cuaca").bold = True
    document.add_paragraph("Sinar Bahari (12/11) – Nelayan muda belajar membaca data cuaca laut.")
    document.add_heading("Jadwal Kelas", level=1)
    document.add_paragraph("Kelas berikutnya dibuka Desember. (rls)")
    document.save(tmp_path / "tebal.docx")
    release = read_docx(tmp_path / "tebal.docx")
    assert release.title == "Nelayan Muda Belajar Membaca Cuaca"
    assert release.body == ("Sinar Bahari (12/11) – Nelayan muda belajar membaca data cuaca laut.\n\n"
                            "## Jadwal Kelas\n\nKelas berikutnya dibuka Desember. (rls)\n")
    assert release.photos == ()


def test_missing_or_file_name_alt_text_is_left_empty(tmp_path):
    document = Document()
    document.add_heading("Foto Tanpa Deskripsi", level=1)
    document.add_picture(word._jpeg("navy"))
    document.inline_shapes[-1]._inline.docPr.set("descr", "IMG_2041.JPG")
    document.add_paragraph("Teluk Biru – Tim balai bekerja.")
    document.save(tmp_path / "alt.docx")
    assert read_docx(tmp_path / "alt.docx").photos[0].alt == ""
    assert read_docx(word.write_release_docx(tmp_path / "tanpa-alt.docx", alt=False)).photos[0].alt == ""


def test_a_photo_in_another_format_becomes_png(tmp_path):
    gif = io.BytesIO()
    Image.new("P", (30, 20)).save(gif, "GIF")
    gif.seek(0)
    document = Document()
    document.add_heading("Gambar GIF", level=1)
    document.add_picture(gif)
    document.add_paragraph("Teluk Biru – Tim balai bekerja.")
    document.save(tmp_path / "gif.docx")
    photo = read_docx(tmp_path / "gif.docx").photos[0]
    assert photo.suffix == ".png" and Image.open(io.BytesIO(photo.data)).format == "PNG"


def test_files_that_are_not_word_releases(tmp_path):
    with pytest.raises(ImportFailed) as caught:
        read_docx(tmp_path / "hilang.docx")
    assert str(caught.value) == f"berkas {tmp_path / 'hilang.docx'} tidak ada"
    (tmp_path / "lama.doc").write_bytes(b"\xd0\xcf\x11\xe0 bukan zip")
    with pytest.raises(ImportFailed) as caught:
        read_docx(tmp_path / "lama.doc")
    assert str(caught.value) == (f"{tmp_path / 'lama.doc'} bukan berkas Word (.docx) yang bisa dibaca; "
                                 "buka di Word lalu simpan sebagai .docx")


def test_release_date_is_today_unless_the_dateline_says_otherwise(tmp_path):
    release = read_docx(word.write_release_docx(tmp_path / "rilis.docx"))
    now = datetime(2026, 11, 26, 14, 5, 33, tzinfo=JAKARTA)
    assert release_date(release, now) == datetime(2026, 11, 24, 14, 5, tzinfo=JAKARTA)
    undated = release.__class__(release.title, "Teluk Biru – Balai membuka posko.\n")
    assert release_date(undated, now) == datetime(2026, 11, 26, 14, 5, tzinfo=JAKARTA)


def test_import_writes_the_release_and_refuses_to_overwrite(tmp_path):
    content = tmp_path / "content"
    source = word.write_release_docx(tmp_path / "rilis.docx")
    now = datetime(2026, 11, 26, 14, 5, tzinfo=JAKARTA)
    imported = import_docx(source, content, now, release_id="0c8f2d6e-3b1a-4c5d-9e7f-1a2b3c4d5e6f")
    slug = "balai-riset-buka-posko-siaga-rob-di-dermaga-teluk-biru"
    assert imported.release == content / "berita" / "2026" / f"{slug}.md"
    assert imported.photos == (content / "gambar" / "2026" / f"{slug}.jpg",
                               content / "gambar" / "2026" / f"{slug}-2.jpg")
    assert imported.release.read_text(encoding="utf-8") == f"""id: 0c8f2d6e-3b1a-4c5d-9e7f-1a2b3c4d5e6f
title: {word.TITLE}
date: 2026-11-24 14:05
category: 
tags: 
unit: 
authors: 
image: gambar/2026/{slug}.jpg
image_alt: {word.PHOTO_ALT}
image_caption: {word.PHOTO_CAPTION}
image_credit: {word.PHOTO_CREDIT}
status: draft

""" + BODY.replace("(siaran-foto-2)", f"({{static}}/gambar/2026/{slug}-2.jpg)")
    before = imported.release.read_bytes()
    with pytest.raises(ImportFailed) as caught:
        import_docx(source, content, now)
    assert str(caught.value) == f"{imported.release} sudah ada; ganti judul rilis atau pindahkan berkas itu dulu"
    assert imported.release.read_bytes() == before


def test_letterhead_lines_go_and_a_document_without_a_title_says_so(tmp_path):
    document = Document()
    document.add_paragraph().add_run("SIARAN PERS").bold = True
    document.add_paragraph("Nomor: 41/HM/XI/2026")
    document.add_heading("Kelas Cuaca untuk Nelayan Muda", level=2)
    document.add_paragraph("Sinar Bahari (12/11) – Nelayan muda belajar membaca data cuaca laut.")
    document.save(tmp_path / "kop.docx")
    release = read_docx(tmp_path / "kop.docx")
    assert release.title == "Kelas Cuaca untuk Nelayan Muda"
    assert release.body == "Sinar Bahari (12/11) – Nelayan muda belajar membaca data cuaca laut.\n"
    untitled = Document()
    untitled.add_paragraph("Sinar Bahari (12/11) – Nelayan muda belajar membaca data cuaca laut.")
    untitled.add_heading("Jadwal", level=2)
    untitled.save(tmp_path / "tanpa-judul.docx")
    assert read_docx(tmp_path / "tanpa-judul.docx").title == ""


def test_paragraphs_that_look_like_markdown_blocks_stay_paragraphs(tmp_path):
    import markdown
    document = Document()
    document.add_heading("Tagar dan Angka", level=1)
    for text in ("Teluk Biru – Tim balai bekerja.", "#BRPKN #PesisirNusantara", "2026. Tahun pemulihan karang.",
                 "- catatan redaksi", "> bukan kutipan"):
        document.add_paragraph(text)
    document.save(tmp_path / "tanda.docx")
    html = markdown.markdown(read_docx(tmp_path / "tanda.docx").body)
    assert html == ("<p>Teluk Biru – Tim balai bekerja.</p>\n<p>#BRPKN #PesisirNusantara</p>\n"
                    "<p>2026. Tahun pemulihan karang.</p>\n<p>- catatan redaksi</p>\n<p>&gt; bukan kutipan</p>")
