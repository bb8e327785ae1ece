"""Every word the CMS shows an editor, in Indonesian: field labels and hints,
choice labels, collection names, build log lines, and the CMS's own interface.

One table, like siaran/messages.py, so an English edition is a translation of
this file only. A schema field with no entry here still appears in the form
(label = its name, hint = its doc); a unit test holds every shipped field to
having one.
"""
from __future__ import annotations

MSG = {
    "bundle_missing": ("/admin/ tidak dibuat: {bundle} tidak ada. Jalankan `npm ci` di folder proyek "
                       "agar CMS ikut dibangun (docs/cms.md)."),
    "no_workflow": ("backend '{backend}' tidak mendukung alur editorial Decap CMS: setiap simpan langsung "
                    "menjadi commit di cabang '{branch}'. Lindungi cabang terbit dan pakai cabang usulan "
                    "(docs/cms.md, bagian Gitea)."),
    "proxy_missing": ("{script} tidak ada (atau Node.js tidak terpasang): jalankan `npm ci` di folder "
                      "proyek untuk memakai CMS tanpa server Git."),
    "proxy_failed": "decap-server tidak mau berjalan di port {port} (kode keluar {code}); coba port lain",
    "local_ready": "CMS: {url}  (berkas langsung ditulis ke folder ini; Ctrl-C untuk berhenti)",
    "reserved_url": "alamat '{url}' milik CMS (/{folder}/); pilih nama lain agar halaman CMS tidak tertimpa",
    "bad_backend": "CMS_BACKEND '{got}' tidak dikenal; pilihan: {choices}",
    "secret_setting": ("CMS_AUTH['{key}'] tampak seperti rahasia; Siaran tidak menyimpan kredensial. "
                       "Rahasia OAuth tinggal di server OAuth, bukan di repositori (docs/cms.md)."),
    "bad_auth_key": "CMS_AUTH['{key}'] tidak dikenal; pilihan: {choices}",
    "max_length": "paling banyak {limit} karakter",
    "bad_slug": "hanya huruf kecil, angka dan tanda hubung",
    "bad_url_path": "alamat relatif yang diakhiri '/'",
    "title": "Ruang Redaksi",
}

# Collections: (label, singular label, description shown above the list).
COLLECTIONS = {
    "berita": ("Berita", "Rilis", "Siaran pers dan berita. Setiap rilis baru mendapat id tetap secara otomatis."),
    "halaman": ("Halaman", "Halaman", "Halaman tetap seperti Profil dan Kontak."),
    "informasi-publik": ("Informasi Publik", "Informasi", "Daftar Informasi Publik (UU 14/2008)."),
}

# Field labels and hints: "*" holds the wording shared by every collection; a
# collection's own table overrides it where the same name means something else.
LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "*": {
        "id": ("Id tetap", "Dibuat otomatis sekali; jangan diubah."),
        "title": ("Judul", "Judul lengkap seperti yang tampil di halaman."),
        "date": ("Tanggal terbit", "Waktu WIB terbit pertama, misalnya 2026-04-20 10:00."),
        "modified": ("Tanggal pembaruan", "Waktu WIB pembaruan isi yang berarti; kosongkan bila belum pernah."),
        "category": ("Kategori", "Rubrik tempat rilis ini tampil."),
        "tags": ("Topik", "Beberapa topik, pisahkan dengan koma, misalnya: Mangrove, Nelayan Kecil."),
        "unit": ("Unit penerbit", "Unit kerja yang menerbitkan rilis ini."),
        "location": ("Kota dateline", "Kota tempat berita dibuat, misalnya Jakarta; boleh kosong bila isi "
                                      "dibuka dengan dateline sendiri: Jakarta (25/11) – …"),
        "authors": ("Penulis", "Nama penulis, pisahkan dengan koma."),
        "credit": ("Kode redaksi", "Baris penutup, misalnya Humas/MIT/AH; bila kosong, dibaca dari akhir isi."),
        "image": ("Foto utama", "Foto JPG, PNG atau WebP; tersimpan di content/gambar/."),
        "image_alt": ("Teks alternatif foto", "Wajib bila ada foto: gambarkan isi foto untuk pembaca tunanetra."),
        "image_caption": ("Keterangan foto", "Kalimat di bawah foto."),
        "image_credit": ("Kredit foto", "Misalnya Foto: Humas/Oji."),
        "summary": ("Ringkasan", "Satu atau dua kalimat; bila kosong, paragraf pertama dipakai."),
        "status": ("Status terbit", "Draf tidak ikut terbit di portal."),
        "slug": ("Nama URL", "Huruf kecil dan tanda hubung; kosongkan agar dibuat dari judul."),
        "redirect_from": ("Alamat lama", "Alamat lama yang harus dialihkan ke sini, pisahkan dengan koma."),
        "social_image": ("Gambar berbagi sendiri", "Dipakai menggantikan kartu berbagi otomatis."),
        "social_summary": ("Pembuka teks media sosial", "Menggantikan ringkasan sebagai pembuka semua teks "
                                                        "media sosial; kosongkan agar ringkasan dipakai."),
        "social_x": ("Teks X", "Kosongkan agar teks dibuat otomatis."),
        "social_threads": ("Teks Threads", "Kosongkan agar teks dibuat otomatis."),
        "social_mastodon": ("Teks Mastodon", "Kosongkan agar teks dibuat otomatis."),
        "social_bluesky": ("Teks Bluesky", "Kosongkan agar teks dibuat otomatis."),
        "social_linkedin": ("Teks LinkedIn", "Kosongkan agar teks dibuat otomatis."),
        "social_facebook": ("Teks Facebook", "Kosongkan agar teks dibuat otomatis."),
        "social_instagram": ("Teks Instagram", "Kosongkan agar teks dibuat otomatis."),
        "social_whatsapp": ("Teks WhatsApp", "Kosongkan agar teks dibuat otomatis."),
        "social_telegram": ("Teks Telegram", "Kosongkan agar teks dibuat otomatis."),
        "body": ("Isi", "Tulis dengan format Markdown: paragraf, subjudul, daftar, tautan."),
    },
    "halaman": {
        "title": ("Judul halaman", "Judul seperti yang tampil di halaman dan menu."),
        "summary": ("Deskripsi", "Deskripsi singkat untuk mesin pencari."),
        "status": ("Status terbit", "Tersembunyi: dibangun, tetapi tidak tampil di menu."),
        "slug": ("Nama URL", "Huruf kecil dan tanda hubung, misalnya profil."),
        "save_as": ("Simpan sebagai", "Hanya untuk halaman khusus seperti 404.html."),
        "url": ("Alamat khusus", "Hanya untuk halaman khusus."),
        "template": ("Templat", "Nama templat tema, hanya untuk halaman khusus."),
        "modified": ("Tanggal pembaruan", "Waktu WIB pembaruan terakhir."),
    },
    "informasi-publik": {
        "id": ("Id tetap", "Dibuat otomatis sekali; ekspor dan umpan memakainya selamanya."),
        "title": ("Nama informasi", "Misalnya Laporan Keuangan BRPKN Tahun Anggaran 2025."),
        "category": ("Golongan informasi", "Berkala, serta-merta, tersedia setiap saat, atau dikecualikan."),
        "summary": ("Ringkasan isi", "Satu atau dua kalimat untuk tabel DIP."),
        "unit": ("Penanggung jawab", "Unit kerja yang menguasai informasi ini."),
        "year": ("Tahun", "Tahun pembuatan informasi, misalnya 2026."),
        "published": ("Tanggal masuk daftar", "Waktu WIB pertama kali tercantum, misalnya 2026-01-15 09:00."),
        "updated": ("Tanggal pembaruan", "Waktu WIB; informasi berkala paling lama 6 bulan."),
        "retention": ("Jangka waktu penyimpanan", "Misalnya 10 tahun."),
        "format": ("Bentuk informasi", "Hanya bila tanpa lampiran, misalnya Dokumen cetak."),
        "attachments": ("Lampiran", "Berkas di content/dokumen/; informasi dikecualikan tidak boleh berlampiran."),
        "legal_basis": ("Dasar pengecualian", "Wajib untuk informasi dikecualikan: pasal UU 14/2008 dan uji konsekuensi."),
        "status": ("Status terbit", "Draf diperiksa, tetapi tidak tampil di portal."),
        "body": ("Uraian", "Keterangan tambahan yang tampil di halaman informasi."),
    },
}

# Collapsed groups of optional fields: group name → (label, hint).
GROUPS = {
    "berbagi": ("Teks dan gambar berbagi sendiri",
                "Opsional. Kosongkan agar teks dan kartu media sosial dibuat otomatis."),
    "lanjutan": ("Pengaturan lanjutan", "Opsional. Jarang perlu diubah."),
}

# Labels of fixed choice values (other values, e.g. categories, are shown as they are).
CHOICES = {
    "status": {"draft": "Draf (tidak terbit)", "published": "Terbit", "hidden": "Tersembunyi"},
    "category@informasi-publik": {"berkala": "Berkala", "serta-merta": "Serta-merta",
                                  "setiap-saat": "Tersedia setiap saat", "dikecualikan": "Dikecualikan"},
}

# Decap CMS's own interface in Indonesian (CMS.registerLocale('id', …)); keys are
# Decap's, any key left out falls back to its English.
PHRASES = {
    "auth": {
        "login": "Masuk",
        "loggingIn": "Sedang masuk...",
        "loginWithGitHub": "Masuk dengan GitHub",
        "loginWithGitLab": "Masuk dengan GitLab",
        "loginWithGitea": "Masuk dengan Gitea",
        "loginWithForgejo": "Masuk dengan Forgejo",
    },
    "app": {
        "header": {"content": "Konten", "workflow": "Alur redaksi", "media": "Media", "quickAdd": "Tulis baru"},
        "app": {
            "errorHeader": "Konfigurasi CMS tidak bisa dimuat",
            "configErrors": "Galat konfigurasi",
            "checkConfigYml": "Periksa berkas config.yml.",
            "loadingConfig": "Memuat konfigurasi...",
            "waitingBackend": "Menunggu server...",
        },
        "notFoundPage": {"header": "Tidak ditemukan"},
    },
    "collection": {
        "sidebar": {"collections": "Koleksi", "allCollections": "Semua koleksi", "searchAll": "Cari semua",
                    "searchIn": "Cari di"},
        "collectionTop": {
            "sortBy": "Urutkan", "viewAs": "Tampilan", "viewAsList": "Tampilan daftar",
            "viewAsGrid": "Tampilan kisi", "newButton": "＋ %{collectionLabel} baru",
            "newButtonAriaLabel": "Tulis %{collectionLabel} baru", "ascending": "Naik", "descending": "Turun",
            "searchResults": "Hasil pencarian \"%{searchTerm}\"",
            "searchResultsInCollection": "Hasil pencarian \"%{searchTerm}\" di %{collection}",
            "filterBy": "Saring", "groupBy": "Kelompokkan",
        },
        "entries": {"loadingEntries": "Memuat isi...", "cachingEntries": "Menyiapkan isi...",
                    "longerLoading": "Ini bisa makan waktu beberapa menit", "noEntries": "Belum ada isi",
                    "unpublishedHeader": "Belum terbit"},
        "defaultFields": {"author": {"label": "Penulis"}, "updatedOn": {"label": "Diubah"}},
    },
    "editor": {
        "editorControl": {"field": {"optional": "opsional", "widgetLabel": "kolom %{widgetLabel}"}},
        "editorControlPane": {
            "widget": {
                "required": "%{fieldLabel} wajib diisi.",
                "regexPattern": "%{fieldLabel} tidak sesuai: %{pattern}.",
                "processing": "%{fieldLabel} sedang diproses.",
                "range": "%{fieldLabel} harus antara %{minValue} dan %{maxValue}.",
                "min": "%{fieldLabel} paling kecil %{minValue}.",
                "max": "%{fieldLabel} paling besar %{maxValue}.",
                "invalidPath": "'%{path}' bukan alamat berkas yang sah",
                "pathExists": "Berkas '%{path}' sudah ada",
            },
        },
        "editor": {
            "onLeavePage": "Yakin meninggalkan halaman ini? Perubahan yang belum disimpan hilang.",
            "onUpdatingWithUnsavedChanges": "Ada perubahan yang belum disimpan; simpan dulu sebelum mengubah status.",
            "onPublishingNotReady": "Ubah status menjadi \"Siap terbit\" sebelum menerbitkan.",
            "onPublishingWithUnsavedChanges": "Ada perubahan yang belum disimpan; simpan dulu sebelum menerbitkan.",
            "onPublishing": "Terbitkan isi ini sekarang?",
            "onUnpublishing": "Tarik isi ini dari portal?",
            "onDeleteWithUnsavedChanges": "Hapus isi yang sudah terbit ini beserta perubahan yang belum disimpan?",
            "onDeletePublishedEntry": "Hapus isi yang sudah terbit ini?",
            "onDeleteUnpublishedChangesWithUnsavedChanges": ("Semua perubahan yang belum terbit, termasuk yang "
                                                             "belum disimpan, akan dihapus. Lanjutkan?"),
            "onDeleteUnpublishedChanges": "Semua perubahan yang belum terbit akan dihapus. Lanjutkan?",
            "loadingEntry": "Memuat isi...",
            "confirmLoadBackup": "Ada salinan lokal isi ini yang belum disimpan. Pakai salinan itu?",
        },
        "editorInterface": {"togglePreview": "Tampilkan/sembunyikan pratinjau",
                            "toggleScrollSync": "Gulir bersamaan", "toggleNotes": "Tampilkan/sembunyikan catatan"},
        "editorNotesPane": {"title": "Catatan", "emptyState": "Belum ada catatan.", "addNote": "Tambah catatan",
                            "addPlaceholder": "Tulis catatan...", "save": "Simpan", "cancel": "Batal",
                            "edit": "Ubah", "delete": "Hapus"},
        "editorToolbar": {
            "publishing": "Menerbitkan...", "publish": "Terbitkan", "published": "Terbit",
            "unpublish": "Tarik dari portal", "duplicate": "Gandakan", "unpublishing": "Menarik...",
            "publishAndCreateNew": "Terbitkan lalu tulis baru", "publishAndDuplicate": "Terbitkan lalu gandakan",
            "deleteUnpublishedChanges": "Hapus perubahan yang belum terbit",
            "deleteUnpublishedEntry": "Hapus isi yang belum terbit", "deletePublishedEntry": "Hapus isi terbit",
            "deleteEntry": "Hapus", "saving": "Menyimpan...", "save": "Simpan",
            "statusInfoTooltipDraft": "Status masih draf. Ubah menjadi \"Ditinjau\" agar atasan memeriksanya.",
            "statusInfoTooltipInReview": "Sedang ditinjau atasan. Anda masih boleh memperbaikinya.",
            "deleting": "Menghapus...", "updating": "Memperbarui...", "status": "Status: %{status}",
            "backCollection": " Menulis di koleksi %{collectionLabel}", "unsavedChanges": "Belum disimpan",
            "changesSaved": "Tersimpan", "draft": "Draf", "inReview": "Ditinjau", "ready": "Siap terbit",
            "publishNow": "Terbitkan sekarang",
        },
        "editorWidgets": {
            "markdown": {"bold": "Tebal", "italic": "Miring", "strikethrough": "Coret", "code": "Kode",
                         "link": "Tautan", "linkPrompt": "Alamat tautan", "headings": "Subjudul",
                         "quote": "Kutipan", "bulletedList": "Daftar berbutir", "numberedList": "Daftar bernomor",
                         "addComponent": "Sisipkan", "richText": "Teks", "markdown": "Markdown",
                         "toggleMode": {"rich": "Beralih ke mode teks", "markdown": "Beralih ke mode Markdown"}},
            "image": {"choose": "Pilih foto", "chooseUrl": "Sisipkan dari alamat", "chooseDifferent": "Ganti foto",
                      "remove": "Hapus foto", "promptUrl": "Alamat foto"},
            "file": {"choose": "Pilih berkas", "chooseUrl": "Sisipkan dari alamat", "chooseMultiple": "Pilih berkas",
                     "chooseDifferent": "Ganti berkas", "addMore": "Tambah berkas", "remove": "Hapus berkas",
                     "removeAll": "Hapus semua berkas", "promptUrl": "Alamat berkas"},
            "datetime": {"now": "Sekarang", "clear": "Kosongkan", "setToNow": "Isi %{fieldLabel} dengan waktu sekarang"},
            "list": {"add": "Tambah %{item}", "addType": "Tambah %{item}"},
            "object": {"expand": "Buka", "collapse": "Tutup"},
        },
    },
    "mediaLibrary": {
        "mediaLibraryCard": {"draft": "Draf", "copy": "Salin", "copyUrl": "Salin alamat", "copyPath": "Salin jalur",
                             "copyName": "Salin nama", "copied": "Tersalin"},
        "mediaLibrary": {"onDelete": "Hapus media yang dipilih?",
                         "fileTooLarge": "Berkas terlalu besar.\nBatasnya %{size} kB."},
        "mediaLibraryModal": {"loading": "Memuat...", "close": "Tutup", "noResults": "Tidak ada hasil.",
                              "noAssetsFound": "Belum ada berkas.", "noImagesFound": "Belum ada foto.",
                              "images": "Foto", "mediaAssets": "Berkas media", "search": "Cari...",
                              "uploading": "Mengunggah...", "upload": "Unggah", "download": "Unduh",
                              "deleting": "Menghapus...", "deleteSelected": "Hapus yang dipilih",
                              "chooseSelected": "Pakai yang dipilih"},
    },
    "ui": {
        "default": {"goBackToSite": "Kembali ke portal"},
        "settingsDropdown": {"logOut": "Keluar", "account": "Pilihan akun"},
        "toast": {
            "onFailToLoadEntries": "Isi gagal dimuat: %{details}",
            "onFailToPersist": "Isi gagal disimpan: %{details}",
            "onFailToDelete": "Isi gagal dihapus: %{details}",
            "onFailToUpdateStatus": "Status gagal diubah: %{details}",
            "missingRequiredField": "Ada kolom wajib yang belum diisi. Lengkapi dulu sebelum menyimpan.",
            "entrySaved": "Tersimpan",
            "entryPublished": "Terbit",
            "entryUnpublished": "Ditarik dari portal",
            "onFailToPublishEntry": "Gagal menerbitkan: %{details}",
            "onFailToUnpublishEntry": "Gagal menarik dari portal: %{details}",
            "entryUpdated": "Status diperbarui",
            "onDeleteUnpublishedChanges": "Perubahan yang belum terbit dihapus",
            "onLoggedOut": "Anda sudah keluar; simpan salinan tulisan Anda lalu masuk lagi",
        },
    },
    "workflow": {
        "workflow": {
            "loading": "Memuat alur redaksi",
            "workflowHeading": "Alur redaksi",
            "newPost": "Tulis baru",
            "description": ("%{smart_count} tulisan menunggu ditinjau, %{readyCount} siap terbit. |||| "
                            "%{smart_count} tulisan menunggu ditinjau, %{readyCount} siap terbit."),
        },
        "workflowCard": {"lastChange": "%{date} oleh %{author}", "lastChangeNoAuthor": "%{date}",
                         "lastChangeNoDate": "oleh %{author}", "deleteChanges": "Hapus perubahan",
                         "deleteNewEntry": "Hapus tulisan baru", "publishChanges": "Terbitkan perubahan",
                         "publishNewEntry": "Terbitkan tulisan baru"},
        "workflowList": {
            "onDeleteEntry": "Hapus tulisan ini?",
            "onPublishingNotReadyEntry": "Hanya tulisan berstatus \"Siap terbit\" yang bisa diterbitkan.",
            "onPublishEntry": "Terbitkan tulisan ini?",
            "draftHeader": "Draf", "inReviewHeader": "Ditinjau", "readyHeader": "Siap terbit",
            "currentEntries": "%{smart_count} tulisan |||| %{smart_count} tulisan",
        },
    },
}
