"""Sentences of the published_files plugin (log lines an operator reads), in Indonesian."""

MSG = {
    "log_renditions": "rendisi foto: {made} foto dibuat, {reused} dari cache",
    "rendition_failed": "rendisi foto tidak bisa dibuat: {error}",
}
