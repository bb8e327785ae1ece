"""`invoke new` writes a release that passes the checks and builds as a draft: shown by a
preview build under draf/, left out of any other build."""
from __future__ import annotations

from datetime import datetime

from siaran.dates import JAKARTA
from siaran.scaffold import new_release


def test_new_release_is_valid_and_unique(make_site):
    content = make_site.project / "content"
    when = datetime(2026, 11, 28, 9, 15, tzinfo=JAKARTA)
    first = new_release(content, "Rapat Kerja Humas 2026", "Siaran Pers", "Biro Hukum dan Humas", when)
    second = new_release(content, "Rapat Kerja Humas Lanjutan", "Pengumuman", "Biro Hukum dan Humas", when)
    assert first.name == "rapat-kerja-humas-2026.md"
    assert "date: 2026-11-28 09:15" in first.read_text()
    site = make_site()
    assert site.summary.ok, [str(p) for p in site.summary.problems]
    assert not (site.output / "draf").exists()
    site = make_site(preview=True)
    assert site.summary.ok, [str(p) for p in site.summary.problems]
    assert (site.output / "draf" / "rapat-kerja-humas-2026" / "index.html").exists()
    ids = {line for path in (first, second) for line in path.read_text().splitlines() if line.startswith("id:")}
    assert len(ids) == 2
