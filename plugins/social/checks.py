"""Checks of an editor-supplied `social_image`: size, ratio, weight. Problems, never exceptions."""
from __future__ import annotations

from pathlib import Path

from PIL import Image, UnidentifiedImageError

from .messages import MSG, SocialProblem

TARGET_RATIO = 1200 / 630
RATIO_TOLERANCE = 0.03
MIN_WIDTH = 600
MAX_BYTES = 300_000
FORMATS = ("JPEG", "PNG")


def _ratio_text(ratio: float) -> str:
    return f"{ratio:.2f}".replace(".", ",")


def check_social_image(path: Path, field: str = "social_image") -> list[SocialProblem]:
    """Every problem of one image; `path` is shown as given, so pass it relative to content/."""
    path = Path(path)
    if not path.is_file():
        return [SocialProblem(field, MSG["image_missing"].format(path=path))]
    try:
        with Image.open(path) as image:
            width, height, kind = image.width, image.height, image.format
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError) as error:
        return [SocialProblem(field, MSG["image_unreadable"].format(path=path, error=error))]
    problems = []
    if kind not in FORMATS:
        problems.append(SocialProblem(field, MSG["image_format"].format(path=path, got=kind)))
    ratio = width / height
    if abs(ratio / TARGET_RATIO - 1) > RATIO_TOLERANCE:
        problems.append(SocialProblem(field, MSG["image_ratio"].format(
            path=path, width=width, height=height, ratio=_ratio_text(ratio))))
    if width < MIN_WIDTH:
        problems.append(SocialProblem(field, MSG["image_narrow"].format(
            path=path, width=width, min_width=MIN_WIDTH)))
    size = path.stat().st_size
    if size > MAX_BYTES:
        problems.append(SocialProblem(field, MSG["image_heavy"].format(
            path=path, got=-(-size // 1000), limit=MAX_BYTES // 1000)))
    return problems
