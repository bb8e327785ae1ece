"""`invoke check --format text|github|codequality|json` on the bad-input fixtures, against
golden files (tests/golden/check/). The fixtures give errors; one release dated in 2099
adds a scheduled notice and a far-ahead warning, so every severity is in each format.

Regenerate the golden files after an intended change with `./dev check-golden`, then read the diff.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "bad"
GOLDEN = ROOT / "tests" / "golden" / "check"
NOW = "2026-12-01 12:00"
FAR = """id: 7e6d5c4b-3a29-4817-a6f5-e4d3c2b1a098
title: Peresmian Dermaga Riset Teluk Biru
date: 2099-01-05 09:00
category: Pengumuman
unit: Biro Hukum dan Humas
location: Jakarta

Dermaga riset diresmikan.
"""


@pytest.fixture(scope="module")
def bad_project(tmp_path_factory):
    from site_support import copy_project
    project = copy_project(tmp_path_factory.mktemp("formats") / "project")
    shutil.copytree(FIXTURES, project / "content" / "berita" / "salah")
    (project / "content" / "berita" / "salah" / "jauh-di-depan.md").write_text(FAR, encoding="utf-8")
    return project


def run_check(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "invoke", "--search-root", str(ROOT), "check",
                           "--settings", str(project / "pelicanconf.py"), "--now", NOW, *args],
                          capture_output=True, text=True, cwd=project)


def golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("SIARAN_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


@pytest.mark.parametrize("fmt, stdout_name", [
    ("text", "text.stdout"), ("github", "github.txt"), ("codequality", "codequality.json"), ("json", "report.json")])
def test_each_format_matches_its_golden_file(bad_project, fmt, stdout_name):
    result = run_check(bad_project, "--format", fmt)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    golden(stdout_name, result.stdout)
    if fmt == "text":
        golden("text.stderr", result.stderr)
    else:   # machine formats: stdout is the whole report; the summary goes to stderr
        assert result.stderr.strip().endswith("berkas")


def test_github_annotations_point_at_files_and_lines(bad_project):
    lines = run_check(bad_project, "--format", "github").stdout.splitlines()
    assert "::error file=content/berita/salah/tanggal-salah.md,line=3,title=date::harus berbentuk " \
           "2024-04-20 10:00 (WIB), bukan '20/04/24'" in lines
    assert "::notice file=content/berita/salah/jauh-di-depan.md,line=3,title=date::terjadwal Senin, " \
           "5 Januari 2099 09.00 WIB" in lines
    assert [line.split(" ", 1)[0] for line in lines].count("::warning") == 1


def test_codequality_report_is_what_gitlab_reads(bad_project):
    report = json.loads(run_check(bad_project, "--format", "codequality").stdout)
    assert len(report) == 10
    for issue in report:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert issue["location"]["path"].startswith("content/berita/salah/")
        assert isinstance(issue["location"]["lines"]["begin"], int)
    assert len({issue["fingerprint"] for issue in report}) == len(report)
    assert sorted(issue["severity"] for issue in report).count("major") == 8


def test_json_counts(bad_project):
    report = json.loads(run_check(bad_project, "--format", "json").stdout)
    assert report["counts"] == {"errors": 8, "warnings": 1, "scheduled": 1}


def test_an_unknown_format_is_refused(bad_project):
    result = run_check(bad_project, "--format", "xml")
    assert result.returncode == 2
    assert result.stderr.strip() == "--format: text, github, codequality, json; bukan 'xml'"
