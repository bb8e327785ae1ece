"""`invoke lighthouse`: Lighthouse (npm `lighthouse`, pinned in package.json) on the built portal.

Serves output/ on 127.0.0.1 with :class:`StaticServer` (also used by the browser
tests), runs `npx lighthouse` in mobile mode against Debian's chromium for the
home page and one release page, prints the four category scores as a table and
returns them. A measurement for docs/benchmarks.md, not a CI gate.
"""
from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from invoke import Exit, task

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROME_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


class _Handler(SimpleHTTPRequestHandler):
    """Serves a folder like object-storage website hosting: `dir/` → `dir/index.html`,
    a missing path → the site's 404.html with status 404. Quiet (no request log)."""

    # The CMS at admin/ fetches its config.yml: give it its type.
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".yml": "text/yaml"}

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not page.is_file() or self.command != "GET":
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002 (http.server's signature)
        pass


class StaticServer:
    """An http.server on 127.0.0.1 (port 0 = a free one) in a daemon thread.

    The socket is bound at construction, so `url` is known before the folder is
    even built (build with SITEURL=server.url, then `start()`)."""

    def __init__(self, folder: Path | str, port: int = 0) -> None:
        self.folder = Path(folder)
        handler = functools.partial(_Handler, directory=str(self.folder))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread: threading.Thread | None = None

    def start(self) -> StaticServer:
        if self._thread is None:
            self._thread = threading.Thread(target=self.httpd.serve_forever, name="siaran-static",
                                            daemon=True)
            self._thread.start()
        return self

    def stop(self, release: bool = True) -> None:
        """Stop serving; without `release` the port stays bound and start() serves again."""
        if self._thread is not None:
            self.httpd.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        if release:
            self.httpd.server_close()

    def __enter__(self) -> StaticServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def first_release(folder: Path) -> str | None:
    """URL path of the newest release page in a built site (berita/YYYY/MM/slug/)."""
    pages = sorted(folder.glob("berita/*/*/*/index.html"), reverse=True)
    return pages[0].parent.relative_to(folder).as_posix() + "/" if pages else None


def run_lighthouse(url: str, report: Path, chrome: Path = CHROMIUM) -> dict[str, int]:
    """One Lighthouse run (mobile form factor, its default); the JSON report goes to
    `report`; returns {category: score 0–100}."""
    npx = shutil.which("npx")
    if npx is None:
        raise RuntimeError("npx not found: install Node.js and npm, then run `npm ci`")
    if not (ROOT / "node_modules" / "lighthouse").is_dir():
        raise RuntimeError("npm package lighthouse not installed: run `npm ci` in the project folder")
    command = [npx, "--no-install", "lighthouse", url, "--quiet", "--output=json",
               f"--output-path={report}", f"--only-categories={','.join(CATEGORIES)}",
               f"--chrome-flags={' '.join(CHROME_FLAGS)}"]
    env = {**os.environ, "CHROME_PATH": str(chrome)}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    if done.returncode != 0 or not report.is_file():
        raise RuntimeError(f"lighthouse failed on {url} (exit {done.returncode}):\n{done.stderr[-3000:]}")
    data = json.loads(report.read_text(encoding="utf-8"))
    if data.get("runtimeError"):
        raise RuntimeError(f"lighthouse on {url}: {data['runtimeError']}")
    return {name: round((data["categories"][name]["score"] or 0) * 100) for name in CATEGORIES}


def below(report: Path, limit: float = 0.9) -> list[str]:
    """Failing audits (score < limit) of the categories under 100, for the printout."""
    data = json.loads(report.read_text(encoding="utf-8"))
    lines = []
    for name in CATEGORIES:
        category = data["categories"][name]
        if (category["score"] or 0) >= 1:
            continue
        for ref in category["auditRefs"]:
            audit = data["audits"][ref["id"]]
            if ref.get("weight", 0) and audit.get("score") is not None and audit["score"] < limit:
                value = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
                lines.append(f"  {name}: {audit['id']} {audit['score']:.2f}{value}: {audit['title']}")
    return lines


def table(scores: dict[str, dict[str, int]]) -> str:
    width = max([len("page")] + [len(page) for page in scores])
    head = f"| {'page':<{width}} | " + " | ".join(CATEGORIES) + " |"
    rule = f"|{'-' * (width + 2)}|" + "|".join("-" * (len(c) + 2) for c in CATEGORIES) + "|"
    rows = [f"| {page:<{width}} | " + " | ".join(f"{s[c]:>{len(c)}}" for c in CATEGORIES) + " |"
            for page, s in scores.items()]
    return "\n".join([head, rule, *rows])


def measure(settings_file: Path | str = ROOT / "pelicanconf.py", output: Path | str | None = None,
            reports: Path | str | None = None) -> dict[str, dict[str, int]]:
    """Serve a build on 127.0.0.1 and run Lighthouse on the home page and the newest
    release; print and return {page: {category: score}}.

    Without `output`: a fresh build into a temporary folder, with SITEURL = the
    local server's URL on a free port (output/ is left alone). With `output`: that
    folder (built first if it has no index.html) is served on the port of the
    settings' SITEURL, which must be an http://127.0.0.1:PORT address."""
    from urllib.parse import urlsplit

    from siaran.build import build_site, load_settings
    if not CHROMIUM.exists():
        raise RuntimeError(f"{CHROMIUM} not found: apt-get install -y chromium")
    reports = Path(reports) if reports else Path(tempfile.mkdtemp(prefix="siaran-lighthouse-"))
    reports.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="siaran-lh-site-") as tmp:
        overrides = None
        if output is None:
            folder = Path(tmp) / "output"
            server = StaticServer(folder)
            overrides = {"SITEURL": server.url}
        else:
            folder = Path(output)
            siteurl = urlsplit(load_settings(Path(settings_file))["SITEURL"])
            if siteurl.hostname != "127.0.0.1" or not siteurl.port:
                raise RuntimeError(f"SITEURL of {settings_file} is not http://127.0.0.1:PORT; "
                                   "run without --output to build a local copy")
            try:
                server = StaticServer(folder, siteurl.port)
            except OSError as error:
                raise RuntimeError(f"cannot serve {folder} on 127.0.0.1:{siteurl.port} ({error}); "
                                   "stop `invoke serve` or run without --output") from error
        try:
            if overrides or not (folder / "index.html").is_file():
                summary = build_site(settings_file, folder, overrides=overrides)
                if not summary.ok:
                    raise RuntimeError(str(summary))
            release = first_release(folder)
            if release is None:
                raise RuntimeError(f"no release page under {folder}/berita/")
            server.start()
            scores, notes = {}, []
            for name, path in (("home", ""), ("release", release)):
                report = reports / f"{name}.json"
                scores[f"/{path}"] = run_lighthouse(f"{server.url}/{path}", report)
                failing = below(report)
                notes += [f"/{path}", *failing] if failing else []
        finally:
            server.stop()
    print(table(scores))
    if notes:
        print("\nAudits scoring below 0.9:\n" + "\n".join(notes))
    print(f"\nJSON reports: {reports}/")
    return scores


@task(help={"settings": "settings file",
            "output": "serve this built folder (e.g. output) on SITEURL's port instead of a fresh temporary build",
            "reports": "folder for the JSON reports (default: a temporary folder)"})
def lighthouse(c, settings: str = "pelicanconf.py", output: str = "", reports: str = ""):
    """Run Lighthouse (mobile) on the home page and a release page served from 127.0.0.1."""
    try:
        return measure(ROOT / settings, ROOT / output if output else None, reports=reports or None)
    except RuntimeError as error:
        if "\n" in str(error):
            print(error, file=sys.stderr)
        raise Exit(str(error).splitlines()[0], code=1) from error
