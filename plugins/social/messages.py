"""Every sentence the social plugin says to an editor, in Indonesian.

One table, like siaran/messages.py, so a translation touches only this file.
"""
from __future__ import annotations

from typing import NamedTuple

MSG = {
    "override_too_long": "teks {platform} terlalu panjang: {got} dari batas {limit} ({unit}); kurangi {over}",
    "override_empty": "teks {platform} kosong; hapus kolom ini untuk memakai teks otomatis",
    "override_unknown": "platform '{got}' tidak dikenal; pilihan: {choices}",
    "override_link": "Instagram tidak membuat tautan di keterangan dapat diklik; tulis 'tautan di bio' saja",
    "override_hashtags": "teks {platform} memuat {got} tagar; paling banyak {limit}",
    "generated_too_long": ("teks otomatis {platform} tetap {got} dari batas {limit} ({unit}) "
                           "walau ringkasan, tagar dan judul sudah dipendekkan; periksa alamat situs"),
    "image_missing": "{path}: berkas gambar tidak ada",
    "image_unreadable": "{path}: bukan gambar yang bisa dibaca ({error})",
    "image_format": "{path}: format {got}; gunakan JPEG atau PNG",
    "image_ratio": ("{path}: ukuran {width}×{height} (rasio {ratio}:1); "
                    "seharusnya 1200×630 (rasio 1,91:1 ±3%)"),
    "image_narrow": "{path}: lebar {width} px; paling sedikit {min_width} px (disarankan 1200×630)",
    "image_heavy": ("{path}: {got} KB; paling besar {limit} KB "
                    "(pratinjau WhatsApp gagal di atas itu)"),
}


class SocialProblem(NamedTuple):
    """A problem for the editor; the glue adds the content path and line."""

    field: str
    """Front-matter field it is about, e.g. `social_x` or `social_image`."""
    message: str
    """Indonesian sentence from MSG, expected vs got."""
