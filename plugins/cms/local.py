"""`invoke cms`: the CMS against this working copy, offline, through decap-server.

Builds the portal with /admin/ pointed at a local decap-server (Decap's proxy
backend in `fs` mode: it reads and writes the project's files directly, with
no Git host and no login), starts that server and a static server for
output/, both on 127.0.0.1, and stops them by PID when done. Port 0 means a
free one (the tests use that). The editorial workflow needs a Git host, so
locally a save writes the file at once; `invoke check` and `invoke build`
then treat it like any hand-written release.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from siaran.build import build_site
from siaran.lighthouse import StaticServer

from .config import ADMIN
from .messages import MSG

PROXY_SCRIPT = "node_modules/decap-server/dist/index.js"
READY_SECONDS = 30.0


class LocalCmsError(RuntimeError):
    """The local CMS could not start; the message says why, for the editor."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def proxy_ready(url: str) -> bool:
    """decap-server answers its `info` action (what Decap itself asks first)."""
    request = urllib.request.Request(f"{url}/api/v1", data=json.dumps({"action": "info"}).encode(),
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            return "publish_modes" in json.load(response)
    except (OSError, ValueError, urllib.error.URLError):
        return False


def start_proxy(project: Path, port: int, origin: str) -> subprocess.Popen:
    """decap-server on 127.0.0.1:port, answering only pages from `origin`."""
    node = shutil.which("node")
    script = project / PROXY_SCRIPT
    if node is None or not script.is_file():
        raise LocalCmsError(MSG["proxy_missing"].format(script=PROXY_SCRIPT))
    env = {**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "MODE": "fs",
           "GIT_REPO_DIRECTORY": str(project.resolve()), "ORIGIN": origin, "LOG_LEVEL": "warn"}
    process = subprocess.Popen([node, str(script)], cwd=project, env=env, stdin=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + READY_SECONDS
    while not proxy_ready(url):
        if process.poll() is not None or time.monotonic() > deadline:
            stop_process(process)
            raise LocalCmsError(MSG["proxy_failed"].format(port=port, code=process.returncode))
        time.sleep(0.1)
    return process


def stop_process(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass
class LocalCms:
    """A running local CMS: the portal (with /admin/) and its decap-server."""

    site: StaticServer
    proxy: subprocess.Popen
    proxy_url: str

    @property
    def url(self) -> str:
        return f"{self.site.url}/{ADMIN}/"

    def stop(self) -> None:
        try:
            stop_process(self.proxy)
        finally:
            self.site.stop()

    def __enter__(self) -> LocalCms:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def start(project: Path, settings_file: Path, output: Path, port: int = 0, proxy_port: int = 0) -> LocalCms:
    """Build with /admin/ pointed at a local decap-server, start both servers."""
    proxy_port = proxy_port or free_port()
    proxy_url = f"http://127.0.0.1:{proxy_port}"
    site = StaticServer(output, port)          # bound now, so the build knows its address
    try:
        summary = build_site(settings_file, output, overrides={"SITEURL": site.url, "CMS_LOCAL_BACKEND": proxy_url})
        if not summary.ok:
            lines = [str(p) for p in summary.problems] + summary.log_errors
            raise LocalCmsError("\n".join([*lines, str(summary)]))
        if not (output / ADMIN / "index.html").is_file():
            raise LocalCmsError(MSG["bundle_missing"].format(bundle="node_modules/decap-cms/dist/decap-cms.js"))
        proxy = start_proxy(project, proxy_port, site.url)
    except BaseException:
        site.stop()
        raise
    site.start()
    return LocalCms(site, proxy, proxy_url)
