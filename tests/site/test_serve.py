"""`invoke serve`: a preview on 127.0.0.1 that rebuilds when content changes."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bs4 import BeautifulSoup

from siaran.csp import script_hash
from siaran.serve import LIVERELOAD_SNIPPET

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError("timed out")


def test_serve_rebuilds_on_content_change(make_site):
    project = make_site.project
    port = free_port()
    log = (project / "serve.log").open("wb")  # a file, never a pipe nobody reads
    process = subprocess.Popen(
        [sys.executable, "-c", "import sys; from pathlib import Path; from siaran.serve import serve; "
         f"serve(Path({str(project)!r}), Path({str(project / 'pelicanconf.py')!r}), {port})"],
        cwd=project, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}/kontak/"
        first = wait_for(lambda: fetch(url), 60)
        assert "livereload" in first, "the preview injects the reload script"
        # The policy lets exactly the injected snippet run (else the preview never reloads).
        head = BeautifulSoup(first, "html.parser").head
        injected = [s.string for s in head.find_all("script") if s.string and "livereload" in s.string]
        assert injected == [LIVERELOAD_SNIPPET]
        policy = head.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
        assert f"script-src 'self' {script_hash(injected[0])};" in policy
        page = project / "content" / "halaman" / "kontak.md"
        page.write_text(page.read_text().replace("title: Kontak", "title: Kontak Humas Baru"), encoding="utf-8")
        wait_for(lambda: "Kontak Humas Baru" in fetch(url), 60)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
        log.close()


def test_serve_preview_shows_a_scheduled_release_with_its_banner(make_site):
    """`invoke serve --preview --now …`: the scheduled release is at draf/<slug>/, bannered."""
    from schedule_support import BEFORE, add_release
    project = make_site.project
    add_release(project / "content")
    port = free_port()
    log = (project / "serve.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-c", "from pathlib import Path; from siaran.serve import serve; "
         f"serve(Path({str(project)!r}), Path({str(project / 'pelicanconf.py')!r}), {port}, "
         f"now={BEFORE!r}, preview=True)"],
        cwd=project, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        page = wait_for(lambda: fetch(f"http://127.0.0.1:{port}/draf/menteri-umumkan-zona-lindung-penyu-zamrud/"), 60)
        assert '<p class="preview-banner" role="note"><strong>Terjadwal</strong>' in page
        assert "Zona Lindung" not in fetch(f"http://127.0.0.1:{port}/")
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
        log.close()
