"""Every sentence the humas_content checks say to an editor, in Indonesian.

One table, like siaran/messages.py, so a translation touches only this file.
"""

MSG = {
    "location_required": ("wajib diisi, tetapi tidak ada: tulis kota dateline di sini, atau buka paragraf "
                          "pertama dengan dateline seperti 'Jakarta (25/11) – …'"),
    "dateline_day": ("dateline di isi menyebut tanggal {written}, tetapi 'date' adalah {date}; "
                     "samakan salah satunya"),
    "dateline_place": ("dateline di isi menyebut '{written}', tetapi 'location' berisi '{location}'; "
                       "halaman memakai '{location}'. Samakan atau hapus salah satunya"),
    "credit_differs": ("baris kredit di akhir isi '({written})' berbeda dengan 'credit' '{field}'; "
                       "halaman memakai '({field})'. Samakan atau hapus salah satunya"),
    "photo_credit_differs": ("kredit foto di keterangan '{written}' berbeda dengan 'image_credit' '{field}'; "
                             "halaman memakai '{field}'. Samakan atau hapus salah satunya"),
    "body_image_alt": ("foto di isi tanpa teks alternatif: tulis deskripsinya di antara [ ], "
                       "misalnya ![Petugas menanam bibit mangrove](…)"),
}
