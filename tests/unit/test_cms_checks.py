"""No page may take the CMS's address (plugins/cms/checks.py)."""
from __future__ import annotations

from pathlib import Path

from cms.checks import check_file
from siaran.source import parse_text
from siaran.validate import Checked


def page(text: str, values: dict) -> Checked:
    return Checked(parse_text(text, Path("x.md"), "content/halaman/x.md"), "page", values)


def test_a_page_at_admin_is_refused_where_its_address_comes_from():
    by_title = page("title: Admin\n\nIsi.\n", {"title": "Admin"})
    by_slug = page("title: Masuk\nslug: admin\n\nIsi.\n", {"title": "Masuk", "slug": "admin"})
    by_url = page("title: Masuk\nsave_as: admin/index.html\nurl: admin/\n\nIsi.\n",
                  {"title": "Masuk", "save_as": "admin/index.html", "url": "admin/"})
    fine = page("title: Administrasi\n\nIsi.\n", {"title": "Administrasi"})
    release = Checked(parse_text("title: Admin\n\nIsi.\n", Path("r.md"), "content/berita/r.md"), "release",
                      {"title": "Admin"})
    items = [by_title, by_slug, by_url, fine, release]
    assert [str(p) for item in items for p in check_file(item, None)] == [
        "content/halaman/x.md:1: title: alamat 'admin/' milik CMS (/admin/); pilih nama lain agar halaman CMS "
        "tidak tertimpa",
        "content/halaman/x.md:2: slug: alamat 'admin/' milik CMS (/admin/); pilih nama lain agar halaman CMS "
        "tidak tertimpa",
        "content/halaman/x.md:3: url: alamat 'admin/' milik CMS (/admin/); pilih nama lain agar halaman CMS "
        "tidak tertimpa",
    ]
