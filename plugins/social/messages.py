"""Every sentence the social plugin says to an editor, in Indonesian.

One table, like siaran/messages.py, so a translation touches only this file.
"""
from __future__ import annotations

from typing import NamedTuple

MSG = {
    # Build log lines and card errors (not editor fields, still Indonesian, still here)
    "log_cards": "kartu sosial: {rendered} digambar, {reused} dari cache",
    "log_texts": "teks sosial: {made} dibuat, {reused} dari cache",
    "card_cache_corrupt": "cache kartu {path} rusak ({error}); semua kartu digambar ulang",
    "card_cached_damaged": "kartu {path} di cache hilang atau rusak; digambar ulang",
    "text_cache_corrupt": "cache teks {path} rusak ({error}); semua teks dibuat ulang",
    "text_cache_entry": "entri cache teks {key} tidak cocok; dibuat ulang",
    "card_input_unreadable": "{source}: berkas kartu tidak bisa dibaca: {error}",
    "card_failed": "{source}: {error}",
    "photo_unreadable": "foto {path} tidak bisa dibaca: {error}",
    "card_too_heavy": "kartu tetap {got} KB pada kualitas {quality}; batas {limit} KB",
    "logo_unreadable": "logo {path} tidak bisa dibaca: {error}",
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
