"""User-facing deploy text (Indonesian), kept in one table so wording is reviewed in one place,
and the single exception type the CLI turns into a one-line error instead of a traceback."""

MESSAGES: dict[str, str] = {
    "bad_target": "target deploy tidak sah: {target!r} (harus berbentuk s3://BUCKET[/PREFIX])",
    "no_target": "target deploy belum diisi: pakai --target s3://BUCKET[/PREFIX] atau variabel DEPLOY_TARGET",
    "no_output": "folder hasil build tidak ditemukan: {path} (jalankan build dulu)",
    "credentials": "kredensial ditolak oleh {endpoint} ({code}): periksa AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY atau profil AWS",
    "no_credentials": "kredensial AWS tidak ditemukan: isi AWS_ACCESS_KEY_ID dan AWS_SECRET_ACCESS_KEY atau AWS_PROFILE",
    "clock_skew": "jam komputer ini berbeda terlalu jauh dari jam server {endpoint}; setel jam (NTP) lalu ulangi",
    "no_bucket": "bucket {bucket!r} tidak ada di {endpoint}",
    "unreachable": "server penyimpanan tidak dapat dihubungi: {endpoint} ({detail})",
    "storage": "penyimpanan menolak {op} {key!r}: {code} {detail}",
    "too_many_deletes": (
        "deploy dibatalkan: {count} objek akan dihapus, melebihi batas {limit}; "
        "periksa folder output, atau naikkan batas dengan --max-deletes {count}"
    ),
    "changed_during_deploy": "berkas {path} berubah selama deploy (build sedang berjalan?); jalankan ulang deploy",
    "interrupted": (
        "deploy terhenti sebelum selesai; jalankan ulang untuk melanjutkan "
        "(penghapusan baru dimulai setelah semua unggahan berhasil)"
    ),
    "settings": "file setelan tidak terbaca: {path} ({detail})",
    "build_failed": "build gagal; deploy dibatalkan (masalahnya tertulis di atas)",
    "summary": (
        "deploy selesai: {uploaded} diunggah, {unchanged} tidak berubah, {deleted} dihapus, "
        "{kept} objek lain dibiarkan, {redirected} pengalihan, {size} terkirim, {seconds:.1f} dtk"
    ),
    # the build marker (accept.py): a build not made for publishing is refused
    "marker_missing": (
        "{output} tidak punya penanda build {path}: folder ini bukan hasil build Siaran, atau dibuat "
        "oleh versi lama. Bangun dengan `./dev build --settings publishconf.py` (atau deploy dengan "
        "`./dev publish`), atau ulangi dengan --force bila memang disengaja"
    ),
    "marker_unreadable": (
        "penanda build {path} tidak terbaca ({detail}). Bangun ulang dengan "
        "`./dev build --settings publishconf.py`, atau ulangi dengan --force bila memang disengaja"
    ),
    "not_for_publishing": (
        "build di {output} bukan untuk publikasi: {reasons}. Bangun dengan "
        "`./dev build --settings publishconf.py` (atau deploy dengan `./dev publish`), atau ulangi "
        "dengan --force bila memang disengaja"
    ),
    "refuse_local": "SITEURL {siteurl} hanya terbuka di komputer pembuatnya (build pengembangan)",
    "refuse_drafts": "{count} draf ikut ditulis",
    "refuse_siteurl": "dibuat untuk SITEURL {got}, sedangkan {settings} menetapkan {want}",
    "refuse_settings": "dibuat dengan setelan {got} yang berbeda dari {want} saat ini",
    "forced": "--force: build diunggah walaupun {reason}",
    "forced_missing": "tidak punya penanda build",
    "forced_unreadable": "penanda buildnya tidak terbaca",
    # what deploy reads from the bucket and the build is checked before it is used as object keys
    "manifest_unsafe": (
        "manifest deploy {key} ditolak: {where} {value!r} {why}. Tidak ada yang diunggah atau dihapus. "
        "Manifest ini tidak ditulis oleh Siaran: periksa siapa yang dapat menulis ke bucket, lalu hapus "
        "{key} (tanpa manifest, deploy berikutnya tidak menghapus apa pun)"
    ),
    "releases_unsafe": "_siaran/releases.json memuat URL tidak aman untuk rilis {id}: {value!r} ({why}); deploy dibatalkan",
    "dry_run_summary": "dry-run: tidak ada yang diubah ({count} aksi direncanakan)",
    "bad_manifest_key": (
        "manifest_key tidak sah: {key!r} (harus path relatif seperti .deploy/manifest.json, "
        "tanpa / di awal atau akhir, tanpa . atau ..)"
    ),
    "manifest_key_taken": "manifest_key {key!r} bentrok dengan berkas situs {key}; pilih path lain",
    # progress bar, warnings and after-deploy hook lines
    "progress": "unggah",
    "rclone_missing": "rclone tidak terpasang (apt install rclone)",
    "manifest_unreadable": "manifest deploy tidak terbaca, diabaikan: {detail}",
    "hook_failed": "{hook} gagal (deploy tetap berhasil): {detail}",
    "websub_done": "websub: {count} feed diberitahukan ke {hub}",
    "cloudfront_nothing": "cloudfront: tidak ada yang perlu diinvalidasi",
    "cloudfront_done": "cloudfront: {count} path diinvalidasi",
    "cloudfront_wildcard": "cloudfront: {count} path berubah (lebih dari {limit}), diinvalidasi dengan {path}",
    # the HTML fallback of a redirect object ({location} is escaped by the template)
    "redirect_title": "Dialihkan ke {location}",
    "redirect_body": "Halaman ini telah dipindahkan ke {link}.",
}


def message(name: str, **fields: object) -> str:
    """The Indonesian text for `name`, filled in."""
    return MESSAGES[name].format(**fields)


class DeployError(Exception):
    """A deploy failure the user can act on; `str()` is the one line the CLI prints."""

    def __init__(self, name: str, **fields: object):
        self.name = name
        self.fields = fields
        super().__init__(message(name, **fields))
