"""What a site-relative object path and a release URL may look like before deploy writes, points a
redirect at, or deletes anything by it.  Pure.  The paths deploy acts on come from the bucket
(the previous manifest: objects, release URLs, aliases) and from the build
(`_siaran/releases.json`); whoever could write either must not be able to make deploy touch a key
outside the target's prefix, or one that a CDN or another tool would read differently."""
from __future__ import annotations

import unicodedata

MAX_KEY_BYTES = 1024
"""S3's limit on a whole key (prefix included); a longer path can never be one of ours."""


def path_problem(path: object) -> str | None:
    """Why `path` is not a safe object path under the prefix, or None.  Safe: a non-empty
    relative string of non-empty segments, none `.` or `..`, no backslash, no control or other
    invisible format character, at most MAX_KEY_BYTES bytes."""
    if not isinstance(path, str):
        return "bukan teks"
    if not path:
        return "kosong"
    if path.startswith("/"):
        return "path absolut"
    if "\\" in path:
        return "memuat garis miring terbalik"
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") for ch in path):
        return "memuat karakter kendali"
    if len(path.encode("utf-8", "surrogatepass")) > MAX_KEY_BYTES:
        return f"lebih dari {MAX_KEY_BYTES} bita"
    segments = path.split("/")
    if any(segment in (".", "..") for segment in segments):
        return "memuat segmen . atau .."
    if any(segment == "" for segment in segments):
        return "memuat segmen kosong"
    return None


def url_problem(url: object) -> str | None:
    """Why `url` is not a safe site-relative release URL (`berita/2024/05/judul/`), or None.
    Like an object path, but a folder URL ends in `/`, and no `?` or `#`: a browser would
    request another object than the one the redirect is stored as."""
    if not isinstance(url, str):
        return "bukan teks"
    if any(ch in url for ch in "?#"):
        return "memuat ? atau #"
    return path_problem(url[:-1] if url.endswith("/") else url)
