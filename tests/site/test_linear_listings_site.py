"""The listing pages are the same with plugins/linear_listings as with Pelican's own code."""
from __future__ import annotations

from siaran.build import load_settings
from siaran.marker import MARKER_PATH


def test_the_sample_site_is_byte_identical_without_the_plugin(make_site):
    settings = load_settings(make_site.project / "pelicanconf.py")
    assert "linear_listings" in settings["PLUGINS"]
    fast = make_site(full=True)
    plain = make_site(full=True, output="output-plain",
                      overrides={"PLUGINS": [p for p in settings["PLUGINS"] if p != "linear_listings"]})
    assert fast.summary.ok and plain.summary.ok
    ours, theirs = fast.files(), plain.files()
    listings = [n for n in ours if n.startswith(("arsip/", "topik/", "kategori/", "penulis/"))]
    assert len(listings) > 10
    assert ours.keys() == theirs.keys()
    assert [n for n in ours if ours[n] != theirs[n] and n != MARKER_PATH] == []
