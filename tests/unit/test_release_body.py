"""The body as shown: one dateline in the house form, no credit line; and the source read the same way."""
from __future__ import annotations

import markdown
import pytest

from siaran.release_body import (body_credit, body_dateline, credit_paragraph, cut, first_paragraph,
                                 last_paragraph, shown_body, source_ends,
                                 source_paragraphs, text_of, with_dateline, without_credit)

SPAN = '<span class="dateline">Jakarta (25/11) – </span>'


@pytest.mark.parametrize("html, count, head, tail", [
    ("abc<em>def</em>ghi", 2, "ab", "c<em>def</em>ghi"),
    ("abc<em>def</em>ghi", 4, "abc<em>d</em>", "<em>ef</em>ghi"),
    ("abc<em>def</em>ghi", 6, "abc<em>def</em>", "ghi"),
    ("<strong>Kota – </strong>Isi", 7, "<strong>Kota – </strong>", "Isi"),
    ("A &amp; B", 3, "A &amp;", " B"),
    ("x<br>y", 1, "x", "<br>y"),
])
def test_cut_keeps_both_halves_well_formed(html, count, head, tail):
    assert cut(html, count) == (head, tail)
    assert text_of(head) + text_of(tail) == text_of(html)


BODIES = [
    ("<p>Jakarta, BRPKN (25/11) - Badan riset membuka portal.</p>", "Badan riset membuka portal."),
    ("<p><strong>Jakarta, BRPKN (25/11)</strong> &ndash; Badan riset membuka portal.</p>",
     "Badan riset membuka portal."),
    ("<p><strong>Jakarta – Badan riset</strong> membuka portal.</p>",
     "<strong>Badan riset</strong> membuka portal."),
    ("<p>KLIKPESISIR,JAKARTA– Badan riset membuka portal.</p>", "Badan riset membuka portal."),
    ("<p>Badan riset membuka portal.</p>", "Badan riset membuka portal."),
]


@pytest.mark.parametrize("html, rest", BODIES)
def test_one_dateline_in_the_house_form(html, rest):
    assert with_dateline(html, "Jakarta (25/11)") == f"<p>{SPAN}{rest}</p>"
    assert with_dateline(html, "") == f"<p>{rest}</p>"


def test_dateline_goes_after_headings_and_photos_not_into_quotes():
    html = ('<h2>Sub</h2>\n<p><img alt="a" src="x.jpg"></p>\n<blockquote>\n<p>Kutipan.</p>\n</blockquote>\n'
            '<p>Jakarta - Isi.</p>')
    assert with_dateline(html, "Jakarta (25/11)") == (
        '<h2>Sub</h2>\n<p><img alt="a" src="x.jpg"></p>\n<blockquote>\n<p>Kutipan.</p>\n</blockquote>\n'
        f'<p>{SPAN}Isi.</p>')


def test_dateline_text_is_escaped():
    assert with_dateline("<p>Isi.</p>", "Kota <A&B>") == (
        '<p><span class="dateline">Kota &lt;A&amp;B&gt; – </span>Isi.</p>')


@pytest.mark.parametrize("html, kept", [
    ("<p>Isi.</p>\n<p>Penutup. (Humas/RP/DS)</p>", "<p>Isi.</p>\n<p>Penutup.</p>"),
    ("<p>Isi.</p>\n<p><em>Penutup. </em>** (Humas/RP)</p>", "<p>Isi.</p>\n<p><em>Penutup.</em></p>"),
    ("<p>Isi.</p>\n<p>(BW)/ AH</p>\n", "<p>Isi.</p>\n"),
    ("<p>Isi.</p>\n<p><em>(rls)</em></p>", "<p>Isi.</p>"),
    ("<p>Isi.</p>\n<ul>\n<li>(NA/YK)</li>\n</ul>", "<p>Isi.</p>\n<ul>\n<li>(NA/YK)</li>\n</ul>"),
    ("<p>Isi dikelola Pusat Data (PUSDATIN)</p>", "<p>Isi dikelola Pusat Data (PUSDATIN)</p>"),
])
def test_closing_credit_line_is_taken_out(html, kept):
    assert without_credit(html) == kept


def test_shown_body_and_the_credit_printed_once():
    html = "<p>Jakarta - Isi pertama.</p>\n<p>Penutup. (Humas/RP)</p>"
    credit = body_credit(html).value
    assert shown_body(html, "Jakarta (25/11)") + credit_paragraph(credit) == (
        f'<p>{SPAN}Isi pertama.</p>\n<p>Penutup.</p><p class="credit-line">(Humas/RP)</p>')
    assert credit_paragraph("") == ""


def test_a_body_of_one_paragraph_has_both():
    html = "<p>Jakarta (25/11) – Isi satu-satunya. (rls)</p>"
    assert body_dateline(html).place == "Jakarta"
    assert body_credit(html).value == "rls"
    assert shown_body(html, "Jakarta (25/11)") == f"<p>{SPAN}Isi satu-satunya.</p>"


SOURCE = """## Subjudul

![Foto dermaga]({static}/gambar/x.jpg)

> Kutipan pembuka.

**Tanjung Harapan, BRPKN (25/11)** -- Balai membuka
[posko](https://example.org/) siaga.

- butir daftar

Penutup. (Humas/RP)
"""


def test_source_paragraphs_are_the_rendered_ones():
    found = source_paragraphs(SOURCE, first_line=14)
    assert [(p.line, p.text) for p in found] == [
        (20, "Tanjung Harapan, BRPKN (25/11) -- Balai membuka posko siaga."),
        (25, "Penutup. (Humas/RP)"),
    ]
    html = markdown.markdown(SOURCE, extensions=["extra", "smarty"])
    assert body_dateline(html).text == "Tanjung Harapan, BRPKN (25/11)"
    first, last = first_paragraph(html), last_paragraph(html)
    assert " ".join(text_of(first[1]).split()) == found[0].text.replace("--", "–")
    assert text_of(last[1]) == found[-1].text


def test_source_ends_are_the_first_and_last_paragraphs():
    found = source_paragraphs(SOURCE, first_line=14)
    assert source_ends(SOURCE, first_line=14) == (found[0], found[-1])
    assert source_ends("## Hanya judul\n\n- daftar\n") == (None, None)
