"""`bench_cards`: cold then warm card generation for n synthetic releases (for `invoke bench-social`)."""
from __future__ import annotations

import os
import random
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from PIL import Image, ImageDraw

from siaran.executor import default_workers

from .batch import CardJob, render_cards
from .cache import CardCache
from .card import CardInput, render_card
from .layout import CardLayout

WORDS = ("Kementerian Badan Riset Pesisir Kelautan Nusantara luncurkan program pelindungan nelayan "
         "provinsi kabupaten rapat koordinasi nasional anggaran pembangunan pelabuhan terpadu "
         "pemerintah daerah masyarakat pesisir 2026 bantuan sosial peningkatan kapasitas").split()
PHOTOS = 16
"""Distinct synthetic photos; every fourth card has none (branded background)."""


def _synthetic_photo(path: Path, rng: random.Random) -> None:
    # Noise-free shapes at camera size: realistic decode and resize cost.
    image = Image.new("RGB", (2400, 1600), tuple(rng.randrange(256) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for _ in range(40):
        x, y = rng.randrange(2400), rng.randrange(1600)
        draw.ellipse((x, y, x + rng.randrange(80, 600), y + rng.randrange(80, 600)),
                     fill=tuple(rng.randrange(256) for _ in range(3)))
    image.save(path, "JPEG", quality=88)


def synthetic_jobs(n: int, folder: Path, seed: int = 5) -> list[CardJob]:
    rng = random.Random(seed)
    logo = folder / "logo.png"
    Image.new("RGBA", (360, 120), (12, 80, 160, 255)).save(logo)
    photos = []
    for i in range(min(PHOTOS, n)):
        photos.append(folder / f"foto-{i}.jpg")
        _synthetic_photo(photos[-1], rng)
    start = datetime(2026, 1, 1, 9, 0)
    jobs = []
    for i in range(n):
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(6, 30))) + f" {i}"
        photo = None if i % 4 == 3 else photos[i % len(photos)]
        card = CardInput(title, "Humas BRPKN", start + timedelta(hours=i), logo, photo)
        jobs.append(CardJob(f"berita/bench-{i:05d}.md", card))
    return jobs


def bench_cards(n: int = 1000, workers: int | None = None) -> dict[str, float | int]:
    """Render n cards into an empty cache (cold), then again (warm, expecting 0 rendered)."""
    workers = workers or default_workers()
    layout = CardLayout()
    with tempfile.TemporaryDirectory(prefix="siaran-bench-social-") as tmp:
        folder = Path(tmp)
        jobs = synthetic_jobs(n, folder)
        t0 = time.perf_counter()
        cold = render_cards(jobs, CardCache(folder / "cache"), layout, workers)
        t1 = time.perf_counter()
        warm = render_cards(jobs, CardCache(folder / "cache"), layout, workers)
        t2 = time.perf_counter()
        sizes = [p.stat().st_size for p in cold.cards.values()]
        # CPU time per card in this process: unlike cards/s, not skewed by a busy machine.
        sample = jobs[:50]
        c0 = time.process_time()
        for job in sample:
            render_card(job.card, layout)
        cpu_ms = (time.process_time() - c0) * 1000 / len(sample)
    return {
        "n": n,
        "workers": workers,
        "cold_seconds": round(t1 - t0, 2),
        "cold_rendered": cold.rendered,
        "cold_cards_per_second": round(cold.rendered / (t1 - t0), 1),
        "warm_seconds": round(t2 - t1, 2),
        "warm_rendered": warm.rendered,
        "warm_reused": warm.reused,
        "cpu_ms_per_card": round(cpu_ms, 1),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "max_card_bytes": max(sizes),
        "mean_card_bytes": round(sum(sizes) / len(sizes)),
    }
