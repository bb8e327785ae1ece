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


def check_file(item, ctx) -> list:
    """Plugin hook for `invoke check` (see siaran.build.plugin_checks): one release alone.

    Editor overrides that break a platform's limit are errors; an own
    `social_image` of the wrong size or weight is a warning, the card is still used.
    """
    from siaran.problems import ERROR, WARNING, Problem

    from .texts import ReleaseSocial, build_texts, overrides_of, public_site_url

    if item.kind != "release":
        return []
    problems = []
    source = item.source
    overrides = overrides_of(item.values)
    if overrides:
        # Links to the public site in an override count as the platform counts them there.
        _, found = build_texts(ReleaseSocial(title=item.values.get("title", ""), url=public_site_url(ctx.settings) + "/",
                                             overrides=overrides))
        problems += [Problem(source.rel, source.line_of(p.field), p.field, p.message, ERROR)
                     for p in found if p.field in {f"social_{key}" for key in overrides}]
    own = item.values.get("social_image")
    if own:
        problems += [Problem(source.rel, source.line_of(p.field), p.field, p.message.replace(
            str(ctx.content_root / own), own), WARNING)
            for p in check_social_image(ctx.content_root / own)]
    return problems
