"""Manifest: sorted, round-trips, and a broken one is an empty one (never a crash)."""
import json

from siaran.deploy.manifest import Manifest, ReleaseRecord


def test_roundtrip_and_sorted():
    manifest = Manifest({"b.html": "2" * 64, "a.html": "1" * 64},
                        {"id2": ReleaseRecord("x/", ("y/",)), "id1": ReleaseRecord("z/")})
    raw = manifest.to_bytes()
    assert Manifest.from_bytes(raw) == manifest
    assert raw == json.dumps(json.loads(raw), sort_keys=True, indent=1, ensure_ascii=False).encode() + b"\n"
    assert list(json.loads(raw)["objects"]) == ["a.html", "b.html"]


def test_serial_moves_only_when_something_changed():
    first = Manifest({"a.html": "1" * 64}, serial=4)
    assert first.next({"a.html": "1" * 64}, {}, changed=False).to_bytes() == first.to_bytes()
    again = first.next({"a.html": "1" * 64}, {}, changed=True)
    assert again.serial == 5 and again.digest() != first.digest()
    assert Manifest.from_bytes(b'{"version": 1, "objects": {}, "releases": {}}').serial == 0  # older manifests


def test_missing_or_corrupt_is_empty(caplog):
    assert Manifest.from_bytes(None) == Manifest() and Manifest.from_bytes(None).lost
    for raw in (b"{not json", b"[]", b'{"version": 99, "objects": {}, "releases": {}}', b'{"version": 1}'):
        assert Manifest.from_bytes(raw) == Manifest() and Manifest.from_bytes(raw).lost
    assert not Manifest.from_bytes(Manifest().to_bytes()).lost
    assert "manifest deploy tidak terbaca" in caplog.text
