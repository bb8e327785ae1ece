"""The build marker and deploy's verdict on it: a development build (local SITEURL, drafts) is
refused everywhere, a build for another SITEURL or other settings is refused where the target's
settings are known, a missing or damaged marker is refused; --force accepts each with a warning."""
import re
from dataclasses import replace
from pathlib import Path

import pytest

from siaran.deploy.accept import accept_build, refusals
from siaran.deploy.messages import DeployError
from siaran.marker import MARKER_PATH, BuildMarker, is_local_url, read_marker, settings_digest

PUBLIC = BuildMarker("publishconf.py", "https://humas.brpkn.example", 0, "a" * 64)
DEV = replace(PUBLIC, settings_file="pelicanconf.py", siteurl="http://127.0.0.1:8000", settings_digest="b" * 64)
HOW = ("Bangun dengan `./dev build --settings publishconf.py` (atau deploy dengan `./dev publish`), "
       "atau ulangi dengan --force bila memang disengaja")


@pytest.mark.parametrize("url, local", [
    ("https://humas.brpkn.example", False),
    ("http://humas.brpkn.example/portal/", False),
    ("https://203.0.113.7", False),
    ("http://127.0.0.1:8000", True),
    ("http://127.1.2.3", True),
    ("http://localhost:8000/", True),
    ("http://pratinjau.localhost", True),
    ("http://[::1]:8000", True),
    ("http://0.0.0.0:8000", True),
    ("http://169.254.1.1", True),
    ("", True),
    ("/portal", True),
    ("file:///tmp/output", True),
])
def test_is_local_url(url, local):
    assert is_local_url(url) is local


@pytest.mark.parametrize("name, marker, expected, reasons", [
    ("a publishing build, nothing known about the target", PUBLIC, None, []),
    ("a publishing build for this target", PUBLIC, PUBLIC, []),
    ("trailing slash is the same URL", replace(PUBLIC, siteurl="https://humas.brpkn.example/"), PUBLIC, []),
    ("development build", DEV, None,
     ["SITEURL http://127.0.0.1:8000 hanya terbuka di komputer pembuatnya (build pengembangan)"]),
    ("drafts written", replace(PUBLIC, drafts=2), None, ["2 draf ikut ditulis"]),
    ("no SITEURL at all", replace(PUBLIC, siteurl=""), None,
     ["SITEURL '' hanya terbuka di komputer pembuatnya (build pengembangan)"]),
    ("another site", replace(PUBLIC, siteurl="https://staging.brpkn.example"), PUBLIC,
     ["dibuat untuk SITEURL https://staging.brpkn.example, sedangkan publishconf.py menetapkan "
      "https://humas.brpkn.example"]),
    ("same SITEURL, other settings", replace(PUBLIC, settings_file="staging.py", settings_digest="c" * 64), PUBLIC,
     ["dibuat dengan setelan staging.py yang berbeda dari publishconf.py saat ini"]),
    ("everything wrong at once", replace(DEV, drafts=1), PUBLIC,
     ["SITEURL http://127.0.0.1:8000 hanya terbuka di komputer pembuatnya (build pengembangan)",
      "1 draf ikut ditulis",
      "dibuat untuk SITEURL http://127.0.0.1:8000, sedangkan publishconf.py menetapkan https://humas.brpkn.example"]),
])
def test_refusals(name, marker, expected, reasons):
    assert refusals(marker, expected) == reasons, name


def write(output: Path, raw: bytes | None) -> Path:
    output.mkdir(parents=True, exist_ok=True)
    if raw is not None:
        (output / "_siaran").mkdir(exist_ok=True)
        (output / MARKER_PATH).write_bytes(raw)
    return output


def test_accept_build_returns_the_marker_of_a_publishing_build(tmp_path):
    assert accept_build(write(tmp_path / "out", PUBLIC.to_bytes()), PUBLIC, force=False) == PUBLIC


@pytest.mark.parametrize("raw, expected", [
    (DEV.to_bytes(), "build di {out} bukan untuk publikasi: SITEURL http://127.0.0.1:8000 hanya terbuka di "
                     "komputer pembuatnya (build pengembangan). " + HOW),
    (None, "{out} tidak punya penanda build _siaran/build.json: folder ini bukan hasil build Siaran, atau dibuat "
           "oleh versi lama. " + HOW),
    (b"{rusak", "penanda build {out}/_siaran/build.json tidak terbaca (Expecting property name enclosed in double "
                "quotes: line 1 column 2 (char 1)). Bangun ulang dengan `./dev build --settings publishconf.py`, "
                "atau ulangi dengan --force bila memang disengaja"),
    (b'{"version": 7}', "penanda build {out}/_siaran/build.json tidak terbaca (version 7). Bangun ulang dengan "
                        "`./dev build --settings publishconf.py`, atau ulangi dengan --force bila memang disengaja"),
])
def test_refused_with_a_message_naming_the_way_out(tmp_path, raw, expected):
    out = write(tmp_path / "out", raw)
    with pytest.raises(DeployError) as info:
        accept_build(out, None, force=False)
    assert str(info.value) == expected.format(out=out)


@pytest.mark.parametrize("raw, warning", [
    (DEV.to_bytes(), "--force: build diunggah walaupun SITEURL http://127.0.0.1:8000 hanya terbuka di komputer "
                     "pembuatnya (build pengembangan)"),
    (None, "--force: build diunggah walaupun tidak punya penanda build"),
    (b"{rusak", "--force: build diunggah walaupun penanda buildnya tidak terbaca"),
])
def test_force_accepts_with_a_warning(tmp_path, caplog, raw, warning):
    accept_build(write(tmp_path / "out", raw), None, force=True)
    assert [r.getMessage() for r in caplog.records] == [warning]


def test_no_output_folder_is_said_first(tmp_path):
    with pytest.raises(DeployError, match=re.escape(f"folder hasil build tidak ditemukan: {tmp_path / 'x'}")):
        accept_build(tmp_path / "x", None, force=True)


def test_marker_round_trips_sorted_and_small(tmp_path):
    raw = PUBLIC.to_bytes()
    assert read_marker(write(tmp_path / "out", raw)) == PUBLIC
    assert raw.decode().splitlines()[1:-1] == [
        ' "drafts": 0,', f' "settings_digest": "{"a" * 64}",', ' "settings_file": "publishconf.py",',
        ' "siteurl": "https://humas.brpkn.example",', ' "version": 1']
    assert read_marker(tmp_path / "kosong") is None


def test_settings_digest_ignores_where_the_project_lives_and_deploy_only_settings(tmp_path):
    def settings(root: Path, **extra):
        return {"SITEURL": "https://humas.brpkn.example", "PATH": str(root / "content"),
                "PLUGIN_PATHS": [str(root / "plugins")], "OUTPUT_PATH": str(root / "keluaran"),
                "CACHE_PATH": "/tmp/x", "JINJA_FILTERS": {"f": test_is_local_url}, **extra}
    here = settings_digest(settings(tmp_path / "a"), tmp_path / "a")
    assert here == settings_digest(settings(tmp_path / "b"), tmp_path / "b")
    assert here == settings_digest(settings(tmp_path / "a", DEPLOY_CLOUDFRONT_DISTRIBUTION="E123", WRITE_WORKERS=2,
                                            SOCIAL_CACHE_PATH="/var/cache/kartu"), tmp_path / "a")
    assert here != settings_digest(settings(tmp_path / "a", SITEURL="https://lain.example"), tmp_path / "a")
    assert here != settings_digest(settings(tmp_path / "a", DRAFT_SAVE_AS="draf/{slug}/"), tmp_path / "a")
