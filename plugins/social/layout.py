"""The card layout: every size, colour and font of a share card, in one typed schema."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

import font_roboto

FONT_DIR = Path(font_roboto.__file__).resolve().parent / "files"
"""Fonts come from the pinned font-roboto package, never from the system."""


@dataclass(frozen=True)
class CardLayout:
    """Sizes in pixels, colours as '#rrggbb'. Every field is part of the cache key."""

    width: int = 1200
    """Card width; Open Graph's recommended 1200."""
    height: int = 630
    """Card height; 1200×630 is the 1.91:1 every platform crops least."""
    margin: int = 64
    """Inset of the safe area on every side; nothing is drawn outside it but the background."""
    logo_height: int = 80
    """Height the logo is scaled to."""
    logo_max_width: int = 420
    """Widest the logo may become (wide logos are scaled down further)."""
    logo_padding: int = 12
    """White plate around the logo, so dark logos stay visible on dark photos."""
    gap: int = 28
    """Space between logo, title and meta line."""
    title_font: str = "Roboto-Bold.ttf"
    """Title font file inside font-roboto."""
    meta_font: str = "Roboto-Regular.ttf"
    """Unit-and-date font file inside font-roboto."""
    title_size_max: int = 68
    """Title size for short titles."""
    title_size_min: int = 30
    """Smallest title size; below it the title is ended with '…'."""
    title_size_step: int = 2
    """How much the title shrinks per attempt."""
    line_spacing: float = 1.18
    """Title line height as a multiple of the font size."""
    meta_size: int = 28
    """Unit-and-date line size."""
    accent_width: int = 96
    """Accent bar above the title."""
    accent_height: int = 8
    """Thickness of the accent bar."""
    background: str = "#0b3a6e"
    """Branded background when the release has no photo."""
    accent: str = "#f5b400"
    """Accent bar colour."""
    text: str = "#ffffff"
    """Title and meta colour."""
    shade_top: int = 70
    """Darkening (0–255) at the top of the card, for the logo."""
    shade_bottom: int = 225
    """Darkening at the bottom, where the title sits; white text needs it on bright photos."""
    jpeg_quality: int = 86
    """First JPEG quality tried."""
    jpeg_quality_min: int = 41
    """Lowest quality tried before giving up."""
    jpeg_quality_step: int = 5
    """Quality decrease per attempt when the card is too heavy."""
    max_bytes: int = 300_000
    """Heaviest card allowed: WhatsApp previews fail above 300 KB."""

    def __post_init__(self) -> None:
        if not 0 < self.title_size_min <= self.title_size_max:
            raise ValueError("title_size_min harus di antara 1 dan title_size_max")
        if 2 * self.margin >= min(self.width, self.height):
            raise ValueError("margin terlalu besar untuk ukuran kartu")
        for name in (self.title_font, self.meta_font):
            if not (FONT_DIR / name).is_file():
                raise ValueError(f"font {name} tidak ada di paket font-roboto")

    @property
    def safe_box(self) -> tuple[int, int, int, int]:
        """(left, top, right, bottom) everything but the background stays inside."""
        return (self.margin, self.margin, self.width - self.margin, self.height - self.margin)

    def font_path(self, name: str) -> Path:
        return FONT_DIR / name

    def fields(self) -> dict[str, object]:
        """Every setting, for cache keys; read, never changed, by the callers."""
        return _fields(self)


@lru_cache(maxsize=8)
def _fields(layout: CardLayout) -> dict[str, object]:
    # One layout serves every card of a build: asdict() once, not once per card.
    return asdict(layout)


DEFAULT_LAYOUT = CardLayout()
"""The project's card; frozen, so sharing it as a default is safe."""
