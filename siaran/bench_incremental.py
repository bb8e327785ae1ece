"""bench-build --incremental: what an editor waits for, against plain Pelican and Hugo.

For each size (default 1,000 and 10,000 releases) one corpus (siaran.corpus) is
written and given to three builders, each in a project of its own:

- **Siaran**: `build_site` with every feature, in a child process (interpreter
  start-up included, as for `invoke build`);
- **plain Pelican + its reader cache**: `pelican` with its default theme (a
  copy, so a template can be edited) and `CACHE_CONTENT`/`LOAD_CONTENT_CACHE`;
- **Hugo** (Debian `hugo`): the same releases as Hugo posts, with minimal layouts
  written here (a page per release with prev/next, paginated home, category
  and tag lists, RSS); skipped with the reason when `hugo` is absent.

Scenarios, in this order each round (so drift in the machine hits all alike):
cold (once: every cache and output removed), no change, one release edited
(its body), one release added, a template changed. Wall time of each child
process (median of the rounds) and its peak RSS (wait4: the process and its
waited children). Then **edit to live**: after a first deploy to a local
SeaweedFS, one release edited, built and deployed (`siaran deploy`), against
Hugo's build plus `rclone sync --checksum`. The machine's load average is
printed beside the tables, since it is shared.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from siaran.bench import run_measured
from siaran.corpus import first_date, release_text, write_corpus

ROOT = Path(__file__).resolve().parent.parent
ADDED = 100_000
"""Numbers of the releases the "one added" scenario writes (the corpus numbers from 0)."""
ADDED_NAMES = "1[0-9][0-9][0-9][0-9][0-9].md"
SCENARIOS = ("no change", "one edited", "one added", "template changed")

PLAIN = '''
PATH = "content"
ARTICLE_PATHS = ["berita"]
PAGE_PATHS = ["halaman"]
STATIC_PATHS = ["gambar"]
TIMEZONE = "Asia/Jakarta"
DEFAULT_LANG = "id"
SITEURL = "http://127.0.0.1:8000"
SITENAME = "Plain Pelican"
READERS = {"rst": None}
THEME = "plain-theme"
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = "cache-plain"
'''

HUGO_CONFIG = '''baseURL = "http://127.0.0.1:8000/"
languageCode = "id"
title = "Hugo"
paginate = 10
disableKinds = ["sitemap"]
[taxonomies]
category = "categories"
tag = "tags"
[permalinks]
berita = "/berita/:year/:month/:slug/"
'''

HUGO_LAYOUTS = {
    "_default/baseof.html": """<!doctype html><html lang="id"><head><meta charset="utf-8">
<title>{{ .Title }} – {{ .Site.Title }}</title></head><body>
<nav>{{ range $name, $t := .Site.Taxonomies.categories }}<a href="{{ "categories/" | relURL }}{{ $name | urlize }}/">{{ $name }}</a> {{ end }}</nav>
<main>{{ block "main" . }}{{ end }}</main></body></html>
""",
    "_default/single.html": """{{ define "main" }}<article><h1>{{ .Title }}</h1>
<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>
{{ .Content }}
<ul>{{ range .Params.tags }}<li><a href="{{ "tags/" | relURL }}{{ . | urlize }}/">{{ . }}</a></li>{{ end }}</ul>
</article>
<nav>{{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
{{ end }}
""",
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range (.Paginate .Pages).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}</li>{{ end }}</ul>
{{ template "_internal/pagination.html" . }}{{ end }}
""",
    "index.html": """{{ define "main" }}<ul>{{ range (.Paginate (where .Site.RegularPages "Section" "berita")).Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Summary }}</li>{{ end }}</ul>
{{ template "_internal/pagination.html" . }}{{ end }}
""",
}


@dataclass
class Builder:
    name: str
    project: Path
    command: list[str]
    output: Path
    edit: callable = None
    add: callable = None
    template: callable = None
    cold_clear: list[Path] = field(default_factory=list)
    runs: dict[str, list[tuple[float, float]]] = field(default_factory=dict)
    cold: tuple[float, float] | None = None

    def measure(self, scenario: str) -> None:
        self.runs.setdefault(scenario, []).append(run_measured(self.command, self.project))


def _meta_and_body(text: str) -> tuple[dict[str, str], str]:
    head, body = text.split("\n\n", 1)
    meta = dict(line.split(": ", 1) for line in head.splitlines())
    return meta, body


def hugo_post(text: str) -> str:
    """One corpus release as a Hugo post: TOML front matter, the same body."""
    meta, body = _meta_and_body(text)
    front = [f"title = {json.dumps(meta['title'])}",
             f"date = {meta['date'].replace(' ', 'T')}:00+07:00",
             f"categories = [{json.dumps(meta['category'])}]",
             "tags = [" + ", ".join(json.dumps(t.strip()) for t in meta["tags"].split(",")) + "]"]
    return "+++\n" + "\n".join(front) + "\n+++\n\n" + body


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def prepare(n: int, work: Path) -> list[Builder]:
    corpus = work / "corpus" / "content"
    made = f"{n} releases from {first_date(n):%Y-%m-%d %H:%M}"
    complete = corpus / ".complete"
    if not complete.exists() or complete.read_text() != made:
        # Missing, or written by an earlier corpus rule: it and every project made from it go.
        for folder in (corpus.parent, work / "siaran", work / "pelican", work / "hugo"):
            shutil.rmtree(folder, ignore_errors=True)
        write_corpus(n, corpus)
        complete.write_text(made)
    middle = f"{n // 2:05d}.md"
    counter = iter(range(ADDED, 10**6))

    def new_release(content: Path, convert=lambda text: text) -> None:
        """A release dated an hour before now: public and the newest of the site, as an
        editor's new release is (it moves every listing page it appears on)."""
        import random
        index = next(counter)
        moment = datetime.now().replace(second=0, microsecond=0) - timedelta(hours=1) + timedelta(minutes=index - ADDED)
        rel, text = release_text(index, random.Random(index), moment - timedelta(hours=7 * index))
        target = content / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(convert(text), encoding="utf-8")

    builders = []
    for project in ("siaran", "pelican", "hugo"):
        # Releases an earlier run added: each run starts from the corpus alone.
        for added in (work / project / "content" / "berita").rglob(ADDED_NAMES):
            added.unlink()
    # Siaran
    ours = work / "siaran"
    if not ours.exists():
        ours.mkdir(parents=True)
        shutil.copytree(corpus, ours / "content", ignore=shutil.ignore_patterns(".complete"))
        shutil.copytree(ROOT / "theme", ours / "theme")
        (ours / "plugins").symlink_to(ROOT / "plugins")
    shutil.copy(ROOT / "pelicanconf.py", ours / "pelicanconf.py")
    builders.append(Builder(
        "Siaran", ours,
        [sys.executable, "-c", "import sys; from siaran.build import build_site; "
         "s = build_site('pelicanconf.py', 'output'); print(s, file=sys.stderr); sys.exit(0 if s.ok else 1)"],
        ours / "output",
        edit=lambda: _append(next((ours / "content" / "berita").rglob(middle)), "\nKalimat ralat.\n"),
        add=lambda: new_release(ours / "content"),
        template=lambda: _append(ours / "theme" / "templates" / "article.html", "\n{# v #}<!-- v -->\n"),
        cold_clear=[ours / ".cache", ours / "output"]))
    # plain Pelican with its reader cache
    plain = work / "pelican"
    if not plain.exists():
        plain.mkdir(parents=True)
        shutil.copytree(corpus, plain / "content", ignore=shutil.ignore_patterns(".complete"))
        import pelican
        shutil.copytree(Path(pelican.__file__).parent / "themes" / "notmyidea", plain / "plain-theme")
    (plain / "plainconf.py").write_text(PLAIN)
    builders.append(Builder(
        "Plain Pelican + reader cache", plain,
        [sys.executable, "-m", "pelican", "content", "-o", "output", "-s", "plainconf.py", "-q"],
        plain / "output",
        edit=lambda: _append(next((plain / "content" / "berita").rglob(middle)), "\nKalimat ralat.\n"),
        add=lambda: new_release(plain / "content"),
        template=lambda: _append(plain / "plain-theme" / "templates" / "article.html", "\n<!-- v -->\n"),
        cold_clear=[plain / "cache-plain", plain / "output"]))
    # Hugo
    hugo = shutil.which("hugo")
    if hugo:
        site = work / "hugo"
        if not site.exists():
            for rel in sorted((corpus / "berita").rglob("*.md")):
                target = site / "content" / "berita" / rel.name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(hugo_post(rel.read_text(encoding="utf-8")), encoding="utf-8")
            for name, text in HUGO_LAYOUTS.items():
                (site / "layouts" / name).parent.mkdir(parents=True, exist_ok=True)
                (site / "layouts" / name).write_text(text, encoding="utf-8")
            (site / "config.toml").write_text(HUGO_CONFIG)
        builders.append(Builder(
            "Hugo (full build)", site, [hugo, "--quiet", "-d", "public"], site / "public",
            edit=lambda: _append(site / "content" / "berita" / middle, "\nKalimat ralat.\n"),
            add=lambda: new_release(site / "content", hugo_post),
            template=lambda: _append(site / "layouts" / "_default" / "single.html", "\n<!-- v -->\n"),
            cold_clear=[site / "public", site / "resources"]))
    return builders


def run_rounds(builders: list[Builder], rounds: int) -> None:
    for builder in builders:
        for folder in builder.cold_clear:
            shutil.rmtree(folder, ignore_errors=True)
        builder.cold = run_measured(builder.command, builder.project)
        print(f"  {builder.name}: cold {builder.cold[0]:.1f} s", file=sys.stderr)
    steps = {"no change": None, "one edited": "edit", "one added": "add", "template changed": "template"}
    for number in range(rounds):
        for scenario, change in steps.items():
            for builder in builders:
                if change:
                    getattr(builder, change)()
                builder.measure(scenario)
            print(f"  round {number + 1}, {scenario}: " + ", ".join(
                f"{b.name} {b.runs[scenario][-1][0]:.2f} s" for b in builders), file=sys.stderr)


def edit_to_live(builders: list[Builder], rounds: int, work: Path) -> dict[str, list[float]] | str:
    """Edit one release, build, deploy: Siaran deploy vs Hugo + rclone sync --checksum."""
    from siaran.deploy.bench import _rclone_env
    from siaran.deploy.seaweed import SeaweedServer, weed_binary
    ours = builders[0]
    hugo = next((b for b in builders if b.name.startswith("Hugo")), None)
    if weed_binary() is None:
        return "skipped: SeaweedFS `weed` not found"
    if hugo is None or shutil.which("rclone") is None:
        return "skipped: hugo or rclone not found"
    shutil.rmtree(work / "weed", ignore_errors=True)     # an earlier run's buckets and objects
    server = SeaweedServer(work / "weed").start()
    results: dict[str, list[float]] = {"Siaran build + deploy": [], "Hugo build + rclone sync --checksum": []}
    try:
        server.make_bucket("siaran")
        server.make_bucket("hugo")
        # --force: the benchmark builds with pelicanconf.py, a development build that
        # deploy otherwise refuses (siaran.deploy.accept); the upload work is the same.
        deploy = [sys.executable, "-m", "siaran.deploy", "deploy", "--target", "s3://siaran", "--output",
                  str(ours.output), "--max-deletes", "100000", "--force"]
        rclone = ["rclone", "sync", "--checksum", "--transfers", "8", "--checkers", "16",
                  str(hugo.output), "bench:hugo"]
        _checked(deploy, server.env(), ours.project)
        _checked(rclone, _rclone_env(server), hugo.project)
        for _ in range(rounds):
            ours.edit()
            started = time.perf_counter()
            run_measured(ours.command, ours.project)
            _checked(deploy, server.env(), ours.project)
            results["Siaran build + deploy"].append(time.perf_counter() - started)
            hugo.edit()
            started = time.perf_counter()
            run_measured(hugo.command, hugo.project)
            _checked(rclone, _rclone_env(server), hugo.project)
            results["Hugo build + rclone sync --checksum"].append(time.perf_counter() - started)
    finally:
        server.stop()
    return results


def _checked(command: list[str], env: dict[str, str], cwd: Path) -> None:
    """Run a deploy or sync step; a failure stops the benchmark with the tool's own words."""
    done = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"bench-build: {command[0]} {' '.join(command[1:3])} failed "
                         f"(exit {done.returncode}):\n{done.stdout}{done.stderr}")


SERVE_LOOP = """
import json, sys, time
from pathlib import Path
from siaran.serve import Previewer
project, rounds = Path(sys.argv[1]), int(sys.argv[2])
release = sorted((project / "content" / "berita").rglob("*.md"))[len(list((project / "content" / "berita").rglob("*.md"))) // 3]
preview = Previewer(project, project / "pelicanconf.py")
preview.rebuild()
seconds = []
for number in range(rounds):
    release.write_text(release.read_text(encoding="utf-8") + f"\\nSunting {number}.\\n", encoding="utf-8")
    started = time.perf_counter()
    summary = preview.rebuild()
    seconds.append(time.perf_counter() - started)
    assert summary.ok and summary.kept > 0
print(json.dumps(seconds))
"""


def serve_loop(project: Path, rounds: int) -> list[float]:
    """The editing loop: one `serve` process (its state and imports warm), one release
    saved and rebuilt `rounds` times; seconds from the save to the new output/."""
    result = subprocess.run([sys.executable, "-c", SERVE_LOOP, str(project), str(rounds)], cwd=project,
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def load() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def table(n: int, builders: list[Builder], live, rounds: int, load_before: str) -> str:
    lines = [f"### {n:,} releases — median of {rounds} rounds; load average before {load_before}, after {load()}"
             f" ({os.cpu_count()} cores, {time.strftime('%Y-%m-%d %H:%M')})", "",
             "| builder | cold s | " + " | ".join(f"{s} s" for s in SCENARIOS) + " | peak RSS MiB cold / rebuilds |",
             "|---|---:|" + "---:|" * len(SCENARIOS) + "---:|"]
    medians = {}
    for b in builders:
        cells = [statistics.median(t for t, _ in b.runs[s]) for s in SCENARIOS]
        peak = max(m for s in SCENARIOS for _, m in b.runs[s])
        medians[b.name] = (b.cold[0], cells, peak)
        lines.append(f"| {b.name} | {b.cold[0]:.2f} | " + " | ".join(f"{c:.2f}" for c in cells)
                     + f" | {b.cold[1]:.0f} / {peak:.0f} |")
    ours = medians[builders[0].name]
    for name, (cold, cells, peak) in list(medians.items())[1:]:
        lines.append(f"| ratio Siaran / {name} | {ours[0] / cold:.2f}× | "
                     + " | ".join(f"{o / c:.2f}×" for o, c in zip(ours[1], cells)) + f" | {ours[2] / peak:.2f}× |")
    hugo = next((v for k, v in medians.items() if k.startswith("Hugo")), None)
    if hugo:
        full = statistics.median(hugo[1])
        lines += ["", f"Target (at 10,000): Siaran no-change {ours[1][0]:.2f} s and one-edited {ours[1][1]:.2f} s "
                  f"against Hugo's full build {full:.2f} s (median over its scenarios): "
                  f"{ours[1][0] / full:.2f}× and {ours[1][1] / full:.2f}×."]
    else:
        lines += ["", "Hugo: skipped (`hugo` not found on PATH)."]
    pelican_peak = medians.get("Plain Pelican + reader cache", (0, 0, 0))[2]
    if pelican_peak:
        lines.append(f"Peak memory over the rebuilds: Siaran {ours[2]:.0f} MiB, plain Pelican {pelican_peak:.0f} MiB "
                     f"({ours[2] / pelican_peak:.2f}×).")
    if isinstance(live, str):
        lines += ["", f"Edit to live: {live}"]
    else:
        lines += ["", "| edit to live (one release edited, built, deployed to local SeaweedFS) | median s | runs |",
                  "|---|---:|---|"]
        for name, runs in live.items():
            lines.append(f"| {name} | {statistics.median(runs):.2f} | {', '.join(f'{r:.2f}' for r in runs)} |")
        names = list(live)
        lines.append(f"| ratio | {statistics.median(live[names[0]]) / statistics.median(live[names[1]]):.2f}× | |")
    return "\n".join(lines)


def bench_incremental(sizes: list[int], rounds: int = 3, workdir: Path = ROOT / "bench" / "incremental") -> str:
    out = []
    for n in sizes:
        before = load()
        work = workdir / f"n{n}"
        print(f"bench-build --incremental: {n} releases in {work}", file=sys.stderr)
        builders = prepare(n, work)
        run_rounds(builders, rounds)
        live = edit_to_live(builders, rounds, work)
        loop = serve_loop(builders[0].project, max(rounds, 5))
        out.append(table(n, builders, live, rounds, before) + "\n\n"
                   + f"Editing loop (`serve`, state in memory): one saved release rebuilt in "
                   f"{statistics.median(loop):.2f} s (median of {len(loop)}: {', '.join(f'{s:.2f}' for s in loop)}); "
                   "livereload adds its 0.5 s debounce before the build starts.")
    return "\n\n".join(out)
