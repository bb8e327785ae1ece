"""`invoke new`: a release skeleton with a stable id, so editors never write one.

(`invoke new --from rilis.docx` writes its release through `metadata_block` too; see siaran.docx_import.)"""
from __future__ import annotations

import uuid
from datetime import datetime
from pathlib import Path

from siaran.dates import JAKARTA
from siaran.text import slugify


def metadata_block(fields: list[tuple[str, str]]) -> str:
    """`key: value` lines and the blank line that ends them; an empty value is left for the editor."""
    return "".join(f"{key}: {value}\n" for key, value in fields) + "\n"


def release_skeleton(title: str, category: str, unit: str, when: datetime, release_id: str) -> str:
    return metadata_block([
        ("id", release_id),
        ("title", title),
        ("date", f"{when:%Y-%m-%d %H:%M}"),
        ("category", category),
        ("tags", ""),
        ("unit", unit),
        ("location", "Jakarta"),
        ("authors", ""),
        ("credit", "Humas/"),
        ("status", "draft"),
    ]) + "Tulis paragraf pertama di sini: siapa, apa, kapan, di mana.\n"


def new_release(content: Path, title: str, category: str, unit: str, when: datetime | None = None) -> Path:
    when = when or datetime.now(JAKARTA)
    slug = slugify(title)
    target = content / "berita" / f"{when:%Y}" / f"{slug}.md"
    if target.exists():
        raise FileExistsError(f"{target} sudah ada; pilih judul lain")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(release_skeleton(title, category, unit, when, str(uuid.uuid4())), encoding="utf-8")
    return target
