"""`invoke serve`: preview on 127.0.0.1 with rebuild and browser reload on change.

The serve process keeps the last build's state (siaran.depmap.SiteState) in
memory between edits and its imports warm, so a saved release costs the
incremental build of what it touches. Builds use the same executor as
`invoke build` (BUILD_WORKERS), whatever threads the server runs.

A failed rebuild prints its problems and keeps serving the last good output/,
which the staging swap guarantees is still whole.

livereload puts an inline script into every page it serves, which the pages'
Content-Security-Policy refuses; the preview build allows that one script by
its hash (siaran.csp), so the preview shows the policy as published, plus reload.
"""
from __future__ import annotations

import gc
import sys
from pathlib import Path

from siaran import csp
from siaran.build import BuildSummary, build_site
from siaran.depmap import SiteState

# The inline script livereload 2.7.1 injects before </head> when the reload socket
# shares the page's port (livereload.server.Server.serve). tests/site/test_serve.py
# checks that the served page's script is this one, so an upgrade cannot break reload unseen.
LIVERELOAD_SNIPPET = (
    '(function(){var s=document.createElement("script");'
    "var port=(window.location.port || (window.location.protocol == 'https:' ? 443: 80));"
    's.src="//"+window.location.hostname+":"+port+ "/livereload.js?port=" + port;'
    "document.head.appendChild(s);})();")
PREVIEW_SETTINGS = {"CSP_SCRIPT_HASHES": [csp.script_hash(LIVERELOAD_SNIPPET)]}


class Previewer:
    """One serve session: rebuilds into output/ with the build state kept in memory.
    Without `now`, the clock is read again for each rebuild (a release whose hour has
    come shows up at the next change); `preview` adds drafts and scheduled releases."""

    def __init__(self, project: Path, settings: Path, now: str | None = None, preview: bool = False) -> None:
        self.project, self.settings = project, settings
        self.now, self.preview = now, preview
        self.state = SiteState()

    def rebuild(self) -> BuildSummary:
        summary = build_site(self.settings, self.project / "output", overrides=PREVIEW_SETTINGS, state=self.state,
                             now=self.now, preview=self.preview)
        # A build's objects (every release, Pelican's context) are cycles, and the build
        # freezes the collector while its workers fork: left to the collector's own pace
        # they outlive several builds, and each fork of this process copies them. Freed
        # here (~0.1 s at 1,000 releases), the serve process stays the size of one build.
        gc.collect()
        for problem in summary.problems:
            print(problem, file=sys.stderr)
        for line in summary.log_errors:
            print(line, file=sys.stderr)
        print(summary, file=sys.stderr if not summary.ok else sys.stdout)
        return summary


def serve(project: Path, settings: Path, port: int = 8000, now: str | None = None, preview: bool = False) -> None:
    from livereload import Server
    session = Previewer(project, settings, now, preview)
    session.rebuild()
    server = Server()
    for folder in ("content", "theme", "plugins"):
        server.watch(str(project / folder), session.rebuild, delay=0.5)
    server.watch(str(settings), session.rebuild)
    print(f"Pratinjau: http://127.0.0.1:{port}/  (Ctrl-C untuk berhenti)")
    server.serve(port=port, host="127.0.0.1", root=str(project / "output"), open_url_delay=None)
