"""Every sentence an editor or operator reads from the build, in Indonesian.

Kept in one table so an English edition is a translation of this file only.
Theme (reader-facing) strings live in theme/translations/ instead.
"""

MSG = {
    "empty": "tidak boleh kosong",
    "required": "wajib diisi, tetapi tidak ada",
    "too_long": "terlalu panjang: paling banyak {limit} karakter, sekarang {got}",
    "bad_date": "harus berbentuk {example} (WIB), bukan '{got}'",
    "bad_choice": "harus salah satu dari: {choices}; bukan '{got}'",
    "bad_uuid": "harus berupa UUID seperti 3f2b1c9e-0d4a-4b8e-9a51-2c7d8e6f1a20 (buat dengan `invoke new`), bukan '{got}'",
    "bad_slug": "hanya huruf kecil, angka dan tanda hubung (contoh: rapat-koordinasi-2024), bukan '{got}'",
    "bad_url_path": "harus alamat relatif yang diakhiri '/', misalnya berita/2023/01/judul-lama/, bukan '{got}'",
    "path_escapes": "menunjuk ke luar folder content/: '{got}'",
    "bad_suffix": "harus berkas dengan akhiran {suffixes}, bukan '{got}'",
    "missing_file": "berkas '{got}' tidak ada di folder {root}/",
    "alt_required": "wajib diisi bila 'image' diisi: tulis deskripsi foto untuk pembaca tunanetra",
    "modified_before_date": "tidak boleh lebih awal daripada 'date'",
    "unknown_field": "kolom tidak dikenal (salah ketik?){hint}; kolom yang dikenal: {known}",
    "did_you_mean": "; maksudnya '{guess}'?",
    "duplicate": "'{value}' sudah dipakai oleh {other}",
    "syntax": "{message}",
    "summary_line": "{errors} galat, {warnings} peringatan di {files} berkas",
    "build_refused": "Build dibatalkan: {errors} galat. Folder output/ tidak diubah.",
    "build_done": "Build selesai: {pages} halaman dalam {seconds:.1f} dtk → {output}",
    "build_log_errors": "Pelican melaporkan {count} galat; folder output/ tidak diubah.",
    # PPID register (plugins/ppid)
    "ppid_bad_year": "harus tahun empat angka antara {low} dan {high}, bukan '{got}'",
    "ppid_outside_folder": "harus berkas di dalam folder {folder}/, bukan '{got}'",
    "ppid_exempt_attachment": "informasi 'dikecualikan' tidak boleh punya lampiran: berkas ini akan ikut terbit. Hapus baris attachments dan berkasnya dari {folder}/",
    "ppid_legal_basis_required": "wajib diisi untuk informasi 'dikecualikan': tulis pasal UU 14/2008 dan ringkasan uji konsekuensi",
    "ppid_legal_basis_only_exempt": "hanya dipakai untuk kategori 'dikecualikan'; kategori ini '{category}'",
    "ppid_updated_before_published": "tidak boleh lebih awal daripada 'published'",
    "ppid_duplicate_title": "judul '{value}' sudah dipakai di kategori {category} tahun {year} oleh {other}",
    "ppid_stale": "informasi berkala terakhir diperbarui {updated}, lebih dari {months} bulan sebelum tanggal acuan {reference}; perbarui isinya lalu ubah 'updated'",
    # Publishing on time (siaran.schedule, plugins/schedule)
    "scheduled": "terjadwal {when}",
    "far_ahead": "lebih dari setahun setelah sekarang ({now}); salah ketik tahun?",
    "links_withheld": "menaut {target}, yang belum terbit; sampai terbit, tautan ini tampil sebagai teks biasa",
    "bad_now": "--now harus berbentuk {example} (WIB), bukan '{got}'",
    "preview_public": "{settings} membangun situs publik: pratinjau (draf dan rilis terjadwal) hanya untuk pelicanconf.py",
}
