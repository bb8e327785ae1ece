"""Share cards: a 1200×630 JPEG with the photo (or brand colour), title, unit, date and logo.

`plan_card` decides where every line goes (pure, measurable in tests),
`draw_card` paints the plan, `render_card` encodes it to at most
`layout.max_bytes` of JPEG. Same input, same bytes: shipped fonts, the basic
text layout engine (no system HarfBuzz), no EXIF, fixed encoder settings.
"""
from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from PIL import Image

# ImageDraw, ImageFont and ImageOps are imported where a card is drawn: a
# rebuild that reuses every cached card never loads them (1.6 MiB less peak).

from siaran.dates import long_date

from .layout import DEFAULT_LAYOUT, CardLayout
from .messages import MSG

ELLIPSIS = "…"
_NOT_IN_ANY_FONT = "\U0010fffd"  # private use: always drawn as the font's 'missing' glyph


class CardError(Exception):
    """A card could not be made; the message says why, in Indonesian."""


@dataclass(frozen=True)
class CardInput:
    """One release's card content."""

    title: str
    """Release title."""
    unit: str
    """Issuing unit, e.g. 'Humas BRPKN'."""
    date: datetime
    """Publication time; shown as an Indonesian date in WIB."""
    logo: Path | None = None
    """Site logo (PNG with transparency), drawn top left."""
    photo: Path | None = None
    """Release photo, cropped to fill; None gives the branded background."""

    def meta_line(self) -> str:
        return f"{self.unit} · {long_date(self.date)}" if self.unit else long_date(self.date)

    def alt_text(self) -> str:
        """What the card shows, for og:image:alt and the Meja Sosial page."""
        return f"Kartu berita: {' '.join(self.title.split())} — {self.meta_line()}"


@dataclass(frozen=True)
class TextLine:
    text: str
    x: int
    y: int
    """Top of the line box (anchor 'la': left, ascender)."""
    bbox: tuple[int, int, int, int]
    """Ink box as Pillow measures it, for the safe-area test."""


@dataclass(frozen=True)
class CardPlan:
    title_size: int
    title_lines: tuple[TextLine, ...]
    meta: TextLine
    accent: tuple[int, int, int, int]
    truncated: bool
    """True when even the smallest size could not hold the whole title."""


@lru_cache(maxsize=64)
def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont
    # Loading a TTF costs more than drawing a card's text; fonts are immutable,
    # so one copy per (file, size) per process is safe.
    return ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.BASIC)


@lru_cache(maxsize=4096)
def _has_glyph(font_path: str, char: str) -> bool:
    font = _font(font_path, 32)
    missing = font.getmask(_NOT_IN_ANY_FONT)
    mask = font.getmask(char)
    return not (mask.size == missing.size and bytes(mask) == bytes(missing))


def drawable(text: str, font_path: str) -> str:
    """`text` without what the font cannot draw (emoji, other scripts), which would be boxes."""
    kept = "".join(c for c in text if c.isspace() or (
        not unicodedata.category(c).startswith("C") and _has_glyph(font_path, c)))
    return " ".join(kept.split())


def _break_word(word: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Split a word wider than the card into pieces that fit (only on the image)."""
    pieces, current = [], ""
    for char in word:
        if current and font.getlength(current + char) > width:
            pieces.append(current)
            current = char
        else:
            current += char
    return pieces + [current] if current else pieces


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Greedy wrap by measured pixel width.

    Each word is measured once and a line's width is the sum of its words' and
    spaces' widths: exact with the basic layout engine and Roboto, which has no
    kerning pair with the space (the safe-area tests measure the real result).
    """
    space = font.getlength(" ")
    widths: dict[str, float] = {}
    lines: list[str] = []
    current, current_width = "", 0.0
    for word in text.split():
        if word not in widths:
            widths[word] = font.getlength(word)
        word_width = widths[word]
        if current and current_width + space + word_width <= width:
            current, current_width = f"{current} {word}", current_width + space + word_width
            continue
        if current:
            lines.append(current)
        if word_width <= width:
            current, current_width = word, word_width
        else:
            *full, current = _break_word(word, font, width)
            lines += full
            current_width = font.getlength(current)
    if current:
        lines.append(current)
    return lines


def _with_ellipsis(line: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    """End `line` with '…' within `width`, dropping whole words first, characters only if one is left."""
    while " " in line.strip() and font.getlength(line.rstrip() + ELLIPSIS) > width:
        line = line.rstrip().rsplit(" ", 1)[0]
    while line and font.getlength(line.rstrip() + ELLIPSIS) > width:
        line = line[:-1]
    return line.rstrip() + ELLIPSIS


def fit_meta(text: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    """Shorten the unit part of the meta line with '…' if it is wider than the card."""
    if font.getlength(text) <= width:
        return text
    unit, sep, date = text.rpartition(" · ")
    if not sep:
        return _with_ellipsis(text, font, width)
    room = width - font.getlength(sep + date)
    return _with_ellipsis(unit, font, int(room)) + sep + date


def plan_card(card: CardInput, layout: CardLayout) -> CardPlan:
    """Where every text line goes; the title shrinks until it fits the space above the meta line."""
    left, top, right, bottom = layout.safe_box
    width = right - left
    from PIL import ImageDraw
    draw = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    meta_font = _font(str(layout.font_path(layout.meta_font)), layout.meta_size)
    meta_text = fit_meta(drawable(card.meta_line(), str(layout.font_path(layout.meta_font))),
                         meta_font, width)
    meta_ascent, meta_descent = meta_font.getmetrics()
    meta_y = bottom - meta_ascent - meta_descent
    meta = TextLine(meta_text, left, meta_y,
                    draw.textbbox((left, meta_y), meta_text, font=meta_font, anchor="la"))

    title_top = top + layout.logo_height + 2 * layout.logo_padding + layout.gap
    accent_space = layout.accent_height + layout.gap
    title_bottom = meta_y - layout.gap
    room = title_bottom - title_top - accent_space
    title = drawable(card.title, str(layout.font_path(layout.title_font)))

    def attempt(size: int) -> tuple[ImageFont.FreeTypeFont, list[str], int, int, int]:
        font = _font(str(layout.font_path(layout.title_font)), size)
        ascent, descent = font.getmetrics()
        step = round(size * layout.line_spacing)
        # The last line needs its full ascent+descent, the others one step each.
        max_lines = max(1, (room - (ascent + descent)) // step + 1)
        return font, wrap(title, font, width), max_lines, step, ascent + descent

    sizes = list(range(layout.title_size_max, layout.title_size_min - 1, -layout.title_size_step))
    # Binary search for the largest size that fits: smaller sizes never need more lines.
    low, high = 0, len(sizes) - 1
    while low < high:
        mid = (low + high) // 2
        font, lines, max_lines, _, _ = attempt(sizes[mid])
        if len(lines) <= max_lines:
            high = mid
        else:
            low = mid + 1
    size = sizes[low]
    font, lines, max_lines, step, line_height = attempt(size)
    truncated = len(lines) > max_lines
    if truncated:
        lines = lines[: max_lines - 1] + [_with_ellipsis(lines[max_lines - 1], font, width)]
    block = (len(lines) - 1) * step + line_height if lines else 0
    y = title_bottom - block
    placed = []
    for line in lines:
        placed.append(TextLine(line, left, y, draw.textbbox((left, y), line, font=font, anchor="la")))
        y += step
    accent_y = title_bottom - block - accent_space
    accent = (left, accent_y, left + layout.accent_width, accent_y + layout.accent_height)
    return CardPlan(size, tuple(placed), meta, accent, truncated)


@lru_cache(maxsize=8)
def _shade(size: tuple[int, int], top: int, bottom: int) -> Image.Image:
    """Vertical alpha ramp from `top` to `bottom`, for contrast under white text.

    Shared by every card of a layout, so drawn once per process.
    """
    ramp = Image.linear_gradient("L").resize(size, Image.Resampling.BILINEAR)
    return ramp.point(lambda v: top + (bottom - top) * v // 255)


def _background(card: CardInput, layout: CardLayout) -> Image.Image:
    from PIL import ImageOps
    size = (layout.width, layout.height)
    if card.photo is None:
        base = Image.new("RGB", size, layout.background)
    else:
        try:
            with Image.open(card.photo) as photo:
                # Decode big JPEGs at a reduced scale: far faster, same crop.
                photo.draft("RGB", (layout.width, layout.height))
                photo = ImageOps.exif_transpose(photo).convert("RGB")
                base = ImageOps.fit(photo, size, Image.Resampling.LANCZOS)
        except (OSError, ValueError) as error:
            raise CardError(MSG["photo_unreadable"].format(path=card.photo, error=error)) from error
    black = Image.new("RGB", size, "#000000")
    return Image.composite(black, base, _shade(size, layout.shade_top, layout.shade_bottom))


@lru_cache(maxsize=4)
def _scaled_logo(data: bytes, height: int, max_width: int) -> Image.Image:
    # Keyed by the logo's bytes, not its path: a changed logo is never served stale,
    # and the one site logo is scaled once per process instead of once per card.
    with Image.open(io.BytesIO(data)) as logo:
        logo = logo.convert("RGBA")
    scale = min(height / logo.height, max_width / logo.width)
    size = (max(1, round(logo.width * scale)), max(1, round(logo.height * scale)))
    return logo.resize(size, Image.Resampling.LANCZOS)


def _paste_logo(image: Image.Image, logo_path: Path, layout: CardLayout) -> None:
    try:
        logo = _scaled_logo(Path(logo_path).read_bytes(), layout.logo_height, layout.logo_max_width)
    except (OSError, ValueError) as error:
        raise CardError(MSG["logo_unreadable"].format(path=logo_path, error=error)) from error
    from PIL import ImageDraw
    pad = layout.logo_padding
    x, y = layout.margin, layout.margin
    plate = (x, y, x + logo.width + 2 * pad, y + logo.height + 2 * pad)
    ImageDraw.Draw(image).rounded_rectangle(plate, radius=pad, fill="#ffffff")
    image.paste(logo, (x + pad, y + pad), logo)


def draw_card(card: CardInput, layout: CardLayout = DEFAULT_LAYOUT) -> Image.Image:
    """The card as an RGB image (before JPEG encoding)."""
    from PIL import ImageDraw
    plan = plan_card(card, layout)
    image = _background(card, layout)
    if card.logo is not None:
        _paste_logo(image, card.logo, layout)
    draw = ImageDraw.Draw(image)
    draw.rectangle(plan.accent, fill=layout.accent)
    title_font = _font(str(layout.font_path(layout.title_font)), plan.title_size)
    for line in plan.title_lines:
        draw.text((line.x, line.y), line.text, font=title_font, fill=layout.text, anchor="la")
    meta_font = _font(str(layout.font_path(layout.meta_font)), layout.meta_size)
    draw.text((plan.meta.x, plan.meta.y), plan.meta.text, font=meta_font, fill=layout.text, anchor="la")
    return image


def encode(image: Image.Image, layout: CardLayout) -> bytes:
    """JPEG bytes ≤ max_bytes, lowering quality step by step; no EXIF, fixed settings."""
    for quality in range(layout.jpeg_quality, layout.jpeg_quality_min - 1, -layout.jpeg_quality_step):
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=quality, optimize=True, progressive=False,
                   subsampling="4:2:0", dpi=(72, 72))
        data = buffer.getvalue()
        if len(data) <= layout.max_bytes:
            return data
    raise CardError(MSG["card_too_heavy"].format(got=len(data) // 1000, quality=quality,
                                                 limit=layout.max_bytes // 1000))


def render_card(card: CardInput, layout: CardLayout = DEFAULT_LAYOUT) -> bytes:
    """The card's JPEG bytes."""
    return encode(draw_card(card, layout), layout)
