"""Deterministic placeholder photos for the sample site and the test corpus.

Drawn with Pillow from a seed (sea, horizon, shapes), so the repository ships
the script and its output without using anyone else's photographs.
"""
from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter


def draw_scene(seed: int, size: tuple[int, int] = (1200, 675)) -> Image.Image:
    rng = random.Random(seed)
    width, height = size
    sky_top = (rng.randint(60, 140), rng.randint(120, 190), rng.randint(190, 240))
    sea = (rng.randint(10, 40), rng.randint(70, 120), rng.randint(110, 160))
    img = Image.new("RGB", size, sky_top)
    draw = ImageDraw.Draw(img)
    horizon = int(height * rng.uniform(0.42, 0.6))
    for y in range(horizon):
        t = y / horizon
        draw.line([(0, y), (width, y)], fill=tuple(int(c + (245 - c) * t * 0.6) for c in sky_top))
    for y in range(horizon, height):
        t = (y - horizon) / (height - horizon)
        draw.line([(0, y), (width, y)], fill=tuple(int(c * (1 - 0.4 * t)) for c in sea))
    sun_x = rng.randint(100, width - 100)
    draw.ellipse((sun_x - 50, horizon - 160, sun_x + 50, horizon - 60), fill=(255, 236, 180))
    for _ in range(rng.randint(3, 7)):           # mangrove clumps / boats on the horizon
        x = rng.randint(0, width)
        w, h = rng.randint(60, 220), rng.randint(20, 90)
        draw.ellipse((x - w // 2, horizon - h, x + w // 2, horizon + h // 3), fill=(20, rng.randint(60, 100), 40))
    for _ in range(40):
        y = rng.randint(horizon + 5, height)
        x = rng.randint(0, width)
        draw.line([(x, y), (x + rng.randint(20, 90), y)], fill=(200, 225, 240), width=2)
    return img.filter(ImageFilter.SMOOTH)


def write_scene(path: Path, seed: int, size: tuple[int, int] = (1200, 675), quality: int = 78) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    draw_scene(seed, size).save(path, "JPEG", quality=quality, optimize=True, progressive=True)
    return path
