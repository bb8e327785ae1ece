"""`invoke new --from rilis.docx`: a release written in Word becomes a release file and its photos.

mammoth maps Word's paragraph styles to HTML (headings, quotes, captions,
lists, links) and hands over each embedded image with its alt text; like Word
with all changes accepted, it keeps tracked insertions and drops tracked
deletions and comments. The HTML is tidied here (empty paragraphs, bookmarks,
Word's invisible characters) and written as Markdown by markdownify.

The body keeps the dateline and credit line the editor typed: the build reads
them (siaran.release_body). The first photo becomes the release photo, with its
caption and credit from the paragraph under it; later photos stay in the body.
What the file cannot tell (category, unit, a missing alt text) is left empty
for `invoke check` to name by its line.
"""
from __future__ import annotations

import io
import re
import uuid
import zipfile
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from siaran import dates
from siaran.credit import read_photo_credit
from siaran.dateline import dated, read_dateline
from siaran.messages import MSG
from siaran.release_body import source_ends
from siaran.scaffold import metadata_block
from siaran.text import slugify

STYLE_MAP = """
p[style-name='Title'] => h1:fresh
p[style-name='Subtitle'] => h2:fresh
p[style-name='Quote'] => blockquote > p:fresh
p[style-name='Intense Quote'] => blockquote > p:fresh
p[style-name='Caption'] => p.caption:fresh
"""
"""Word's own style names (stored in English whatever the interface language) beyond mammoth's defaults."""

SUFFIXES = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp"}
"""Photo formats the site publishes as they are; others are converted to PNG."""

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_FILE_NAME = re.compile(r"^\S+\.(?:jpe?g|png|gif|bmp|tiff?|webp|emf|wmf|heic)$", re.IGNORECASE)
_PLACEHOLDER = "siaran-foto-{}"


class ImportFailed(Exception):
    """A Word file that cannot be imported, with the sentence the editor reads."""


@dataclass(frozen=True)
class Photo:
    data: bytes
    suffix: str
    """'.jpg', '.png' or '.webp'."""
    alt: str = ""
    caption: str = ""
    credit: str = ""
    """'Foto: Humas/Sari', from a caption ending in '(Foto: …)'."""


@dataclass(frozen=True)
class WordRelease:
    """What a Word file holds, before it has a place in content/."""

    title: str
    body: str
    """Markdown; photos after the first stand in it as `siaran-foto-N` until they are saved."""
    photos: tuple[Photo, ...] = ()
    """The first is the release photo."""
    notes: tuple[str, ...] = ()
    """What could not be taken over (an image in a format nothing here reads)."""


@dataclass(frozen=True)
class Imported:
    release: Path
    photos: tuple[Path, ...] = ()
    notes: tuple[str, ...] = ()


# Reading ------------------------------------------------------------------------------

def read_docx(path: Path) -> WordRelease:
    """The title, Markdown body and photos of a Word release."""
    if not path.is_file():
        raise ImportFailed(MSG["docx_missing"].format(path=path))
    images: list[Photo] = []
    notes: list[str] = []
    try:
        html = _convert(path, images, notes)
    except (zipfile.BadZipFile, KeyError, ValueError):
        # Not a zip, or a zip without word/document.xml: an old .doc, a PDF, a renamed file.
        raise ImportFailed(MSG["docx_unreadable"].format(path=path)) from None
    soup = _tidy(html)
    title = _take_title(soup)
    photos = _take_photos(soup, images)
    return WordRelease(title, _markdown(soup), tuple(photos), tuple(notes))


def _convert(path: Path, images: list[Photo], notes: list[str]) -> str:
    import mammoth

    def keep(image) -> dict[str, str]:
        with image.open() as stream:
            data = stream.read()
        photo = _photo(data, image.content_type or "")
        if photo is None:
            notes.append(MSG["docx_image_skipped"].format(kind=image.content_type))
            return {}
        images.append(photo)
        return {"src": _PLACEHOLDER.format(len(images))}

    with open(path, "rb") as stream:
        result = mammoth.convert_to_html(stream, style_map=STYLE_MAP, convert_image=mammoth.images.img_element(keep))
    return result.value


def _photo(data: bytes, content_type: str) -> Photo | None:
    if content_type in SUFFIXES:
        return Photo(data, SUFFIXES[content_type])
    from PIL import Image, UnidentifiedImageError
    try:
        with Image.open(io.BytesIO(data)) as image:
            out = io.BytesIO()
            image.save(out, "PNG")
    except (OSError, UnidentifiedImageError, ValueError):
        return None
    return Photo(out.getvalue(), ".png")


def _tidy(html: str):
    """Word's clutter out: invisible characters, bookmarks, empty paragraphs; body headings under the title."""
    from bs4 import BeautifulSoup, NavigableString
    soup = BeautifulSoup(html.translate(_INVISIBLE).replace("\u00a0", " "), "html.parser")
    for anchor in soup.find_all("a"):
        if not anchor.get("href"):
            anchor.unwrap()
    for text in soup.find_all(string=True):
        collapsed = re.sub(r"[ \t\r\n]+", " ", text)
        if collapsed != text:
            text.replace_with(NavigableString(collapsed))
    for block in soup.find_all(["p", "li", "h1", "h2", "h3", "h4", "h5", "h6"]):
        if not block.get_text(strip=True) and not block.find("img"):
            block.decompose()
    for quote in soup.find_all("blockquote"):
        if not quote.get_text(strip=True):
            quote.decompose()
    return soup


_LETTERHEAD = re.compile(r"^(?:siaran pers|rilis(?: berita)?|press release|untuk segera (?:diterbitkan|disiarkan)"
                         r"|no(?:mor)?\.? ?:.*)$", re.IGNORECASE)
"""Lines above a release's title in Humas letterheads: 'SIARAN PERS', 'Nomor: 12/HM/2026'."""


def _take_title(soup) -> str:
    """The first heading or all-bold paragraph, when it opens the document (after the
    letterhead's 'SIARAN PERS' and 'Nomor: …', which go); taken out of the body."""
    heading = None
    for block in soup.find_all(True, recursive=False):
        text = " ".join(block.get_text(" ").split())
        if block.name == "p" and _LETTERHEAD.match(text):
            block.decompose()
            continue
        if block.name in ("h1", "h2", "h3", "h4", "h5", "h6") or (block.name == "p" and _all_bold(block)):
            heading = block
        break
    if heading is None:
        return ""
    title = " ".join(heading.get_text(" ").split())
    heading.decompose()
    for later in soup.find_all("h1"):     # the page's only <h1> is the title
        later.name = "h2"
    return title


def _all_bold(paragraph) -> bool:
    text = paragraph.get_text(strip=True)
    bold = "".join(node.get_text() for node in paragraph.find_all(["strong", "b"], recursive=False))
    return bool(text) and "".join(bold.split()) == "".join(text.split())


def _take_photos(soup, images: list[Photo]) -> list[Photo]:
    """Each photo with the caption under it; the first leaves the body, the others stay as images."""
    photos = []
    for img in soup.find_all("img"):
        src = img.get("src", "")
        if not src.startswith(_PLACEHOLDER.format("")):
            img.decompose()
            continue
        photo = images[int(src.rsplit("-", 1)[1]) - 1]
        alt = " ".join(img.get("alt", "").split())
        photo = replace(photo, alt="" if _FILE_NAME.match(alt) else alt)
        holder = img.find_parent("p") or img
        caption = _caption_under(holder)
        if caption is not None:
            text = " ".join(caption.get_text(" ").split())
            found = read_photo_credit(text)
            photo = replace(photo, caption=found[0] if found else text, credit=found[1] if found else "")
        if not photos:
            if caption is not None:
                caption.decompose()
            img.decompose()
            if holder is not img and not holder.get_text(strip=True) and not holder.find("img"):
                holder.decompose()
        else:
            img["src"] = _PLACEHOLDER.format(len(photos) + 1)
            img["alt"] = photo.alt
            if caption is not None:
                del caption["class"]
        photos.append(photo)
    for element in soup.find_all(class_=True):
        del element["class"]
    return photos


def _caption_under(holder):
    """The paragraph right under a photo, when it is a caption: Word's Caption style,
    a '(Foto: …)' credit at its end, or all in italics."""
    following = holder.find_next_sibling()
    if following is None or following.name != "p" or following.find("img"):
        return None
    text = following.get_text(" ", strip=True)
    italic = "".join(node.get_text() for node in following.find_all(["em", "i"], recursive=False))
    if ("caption" in following.get("class", []) or read_photo_credit(text) is not None
            or "".join(italic.split()) == "".join(text.split())):
        return following
    return None


_BLOCK_START = re.compile(r"(?P<lead>\s*)(?:(?P<mark>#|>|[-+*](?=\s))|(?P<number>\d+)(?P<dot>[.)])(?=\s))")


def _keep_paragraphs(soup) -> None:
    """A paragraph that starts like Markdown block syntax ('#BRPKN #Pesisir', '2026. Tahun …',
    '- catatan') is escaped, so it stays a paragraph and is not made a heading or a list."""
    from bs4 import NavigableString
    for paragraph in soup.find_all("p"):
        first = paragraph.contents[0] if paragraph.contents else None
        if not isinstance(first, NavigableString):
            continue
        found = _BLOCK_START.match(first)
        if found is None:
            continue
        if found["mark"]:
            escaped = f"{found['lead']}\\{found['mark']}"
        else:
            escaped = f"{found['lead']}{found['number']}\\{found['dot']}"
        first.replace_with(NavigableString(escaped + first[found.end():]))


def _markdown(soup) -> str:
    from markdownify import markdownify
    _keep_paragraphs(soup)
    text = markdownify(str(soup), heading_style="ATX", bullets="-", strong_em_symbol="*", escape_misc=False)
    lines = [line.rstrip() if not line.endswith("  ") else line for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


# Writing ------------------------------------------------------------------------------

def release_date(word: WordRelease, now: datetime) -> datetime:
    """Today in WIB, or the day the body's dateline names, at the current WIB time."""
    local = dates.to_jakarta(now).replace(second=0, microsecond=0)
    first, _ = source_ends(word.body)
    found = read_dateline(first.text) if first else None
    day = dated(found, local) if found else None
    return local if day is None else local.replace(year=day.year, month=day.month, day=day.day)


def front_matter(word: WordRelease, when: datetime, release_id: str, photo_path: str,
                 category: str = "", unit: str = "") -> list[tuple[str, str]]:
    """The metadata lines, in the content model's order; empty where the editor must complete."""
    first, _ = source_ends(word.body)
    has_dateline = first is not None and read_dateline(first.text) is not None
    lines = [("id", release_id), ("title", word.title), ("date", f"{when:%Y-%m-%d %H:%M}"),
             ("category", category), ("tags", ""), ("unit", unit)]
    if not has_dateline:
        lines.append(("location", ""))
    lines.append(("authors", ""))
    if word.photos:
        lead = word.photos[0]
        lines += [("image", photo_path), ("image_alt", lead.alt)]
        lines += [(key, value) for key, value in (("image_caption", lead.caption), ("image_credit", lead.credit))
                  if value]
    lines.append(("status", "draft"))
    return lines


def import_docx(docx: Path, content: Path, now: datetime | None = None,
                category: str = "", unit: str = "", release_id: str | None = None) -> Imported:
    """Write content/berita/YYYY/<slug>.md and its photos under content/gambar/YYYY/; nothing
    is written when one of those files already exists."""
    word = read_docx(docx)
    when = release_date(word, now or datetime.now(dates.JAKARTA))
    slug = slugify(word.title or docx.stem)
    target = content / "berita" / f"{when:%Y}" / f"{slug}.md"
    photo_names = [f"gambar/{when:%Y}/{slug}{'' if n == 1 else f'-{n}'}{photo.suffix}"
                   for n, photo in enumerate(word.photos, start=1)]
    for path in [target, *(content / name for name in photo_names)]:
        if path.exists():
            raise ImportFailed(MSG["docx_exists"].format(path=path))
    body = word.body
    for n, name in enumerate(photo_names[1:], start=2):
        body = body.replace(f"]({_PLACEHOLDER.format(n)})", f"]({{static}}/{name})")
    lines = front_matter(word, when, release_id or str(uuid.uuid4()), photo_names[0] if photo_names else "", category, unit)
    saved = []
    for name, photo in zip(photo_names, word.photos):
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(photo.data)
        saved.append(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(metadata_block(lines) + body, encoding="utf-8")
    return Imported(target, tuple(saved), word.notes)
