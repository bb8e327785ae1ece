"""Manifest: sorted, round-trips, and a broken one is an empty one (never a crash)."""
import json

from siaran.deploy.manifest import Manifest, ReleaseRecord


def test_roundtrip_and_sorted():
    manifest = Manifest({"b.html": "2", "a.html": "1"}, {"id2": ReleaseRecord("x/", ("y/",)), "id1": ReleaseRecord("z/")})
    raw = manifest.to_bytes()
    assert Manifest.from_bytes(raw) == manifest
    assert raw == json.dumps(json.loads(raw), sort_keys=True, indent=1, ensure_ascii=False).encode() + b"\n"
    assert list(json.loads(raw)["objects"]) == ["a.html", "b.html"]


def test_missing_or_corrupt_is_empty(caplog):
    assert Manifest.from_bytes(None) == Manifest()
    for raw in (b"{not json", b"[]", b'{"version": 99, "objects": {}, "releases": {}}', b'{"version": 1}'):
        assert Manifest.from_bytes(raw) == Manifest()
    assert "manifest deploy tidak terbaca" in caplog.text
