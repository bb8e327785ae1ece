"""The Nu Html Checker (vnu.jar from the pinned npm package vnu-jar, run with the machine's Java)
finds no error on any page of the built sample site (issue 12, Markup). One JVM checks them all."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def checker() -> list[str]:
    java = shutil.which("java")
    if java is None:
        pytest.skip("java not installed (Debian: apt-get install -y default-jre-headless)")
    if not VNU.is_file():
        pytest.skip(f"{VNU.relative_to(ROOT)} missing (run `npm ci` in the project folder)")
    return [java, "-jar", str(VNU), "--format", "json", "--errors-only", "--exit-zero-always"]


def test_every_page_is_valid_html(built_site):
    command = checker()
    pages = sorted(built_site.output.rglob("*.html"))
    assert len(pages) > 80
    result = subprocess.run([*command, *map(str, pages)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stderr)            # vnu writes its report to stderr
    checked = {Path(m["url"].removeprefix("file:")).resolve() for m in report["messages"]}
    assert checked <= {p.resolve() for p in pages}, "every message names a checked page"
    problems = [f"{Path(m['url'].removeprefix('file:')).relative_to(built_site.output.resolve())}:"
                f"{m.get('lastLine', '?')}: {m['message']}" for m in report["messages"]]
    assert problems == [], f"{len(problems)} error(s):\n" + "\n".join(problems[:50])
