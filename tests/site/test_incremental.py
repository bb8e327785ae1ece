"""Incremental builds (siaran.depmap): only what an edit touches is rendered, and the
result is always byte for byte what a clean build from an empty cache makes."""
from __future__ import annotations

import json
import random
import re
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from siaran.artwork import write_scene
from siaran.build import build_site
from siaran.corpus import CATEGORIES, PHOTOS, release_text, write_corpus

ROOT = Path(__file__).resolve().parents[2]
PAGE_PHOTO = "gambar/profil/kantor-brpkn.jpg"
"""The sample profile page's body photo, linked with {static}."""

# The plugins are imported from the repository now: the property test's projects are
# removed after each example, and a plugin first imported through one of their
# `plugins` links would name files that no longer exist.
for _plugin in ("reader_cache", "read_model", "linear_listings", "humas_content", "site_index", "feeds",
                "social", "ppid", "parallel_write", "cms"):
    __import__(_plugin)


def make_project(target: Path, releases: int = 10) -> Path:
    """Settings, content (the sample plus `releases` generated) and a theme of its own,
    so a test may edit templates; plugins linked."""
    target.mkdir(parents=True)
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(ROOT / name, target / name)
    (target / "plugins").symlink_to(ROOT / "plugins")
    shutil.copytree(ROOT / "theme", target / "theme")
    shutil.copytree(ROOT / "content", target / "content")
    write_corpus(releases, target / "content", with_pages=False)
    return target


def files(output: Path) -> dict[str, bytes]:
    return {p.relative_to(output).as_posix(): p.read_bytes() for p in sorted(output.rglob("*")) if p.is_file()}


def clean_build(project: Path, scratch: Path) -> dict[str, bytes]:
    """The same sources built in a fresh folder: no state, no caches, no output store."""
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(project, scratch, symlinks=True,
                    ignore=shutil.ignore_patterns(".cache", "output", "output.*"))
    summary = build_site(scratch / "pelicanconf.py", scratch / "output")
    assert summary.ok, [str(p) for p in summary.problems] + summary.log_errors
    assert summary.kept == 0, "a clean build keeps nothing"
    return files(scratch / "output")


def build(project: Path, **kwargs):
    summary = build_site(project / "pelicanconf.py", project / "output", **kwargs)
    assert summary.ok, [str(p) for p in summary.problems] + summary.log_errors
    return summary


def releases(project: Path) -> list[Path]:
    return sorted((project / "content" / "berita").rglob("*.md"))


def set_field(path: Path, name: str, value: str) -> None:
    text = path.read_text(encoding="utf-8")
    head, body = text.split("\n\n", 1)
    lines = [line for line in head.splitlines() if not line.startswith(f"{name}:")]
    path.write_text("\n".join([*lines, f"{name}: {value}"]) + "\n\n" + body, encoding="utf-8")


@pytest.fixture
def project(tmp_path) -> Path:
    return make_project(tmp_path / "project")


def page_of(project: Path, source: Path) -> Path:
    """The output page of a release, found through the site's own release map."""
    slug_line = next(line for line in source.read_text().splitlines() if line.startswith("id:"))
    wanted = slug_line.split(":", 1)[1].strip()
    mapping = json.loads((project / "output" / "_siaran" / "releases.json").read_text())
    entries = mapping["releases"] if isinstance(mapping, dict) and "releases" in mapping else mapping
    url = next(e["url"] for e in entries if e["id"] == wanted)
    return project / "output" / url / "index.html"


def test_a_rebuild_with_no_change_renders_nothing_and_touches_no_file(project):
    first = build(project)
    assert first.rendered > len(releases(project)) and first.kept == 0
    before = {p: p.stat().st_mtime_ns for p in (project / "output").rglob("*") if p.is_file()}
    again = build(project)
    assert again.rendered == 0 and again.pages_written == first.pages_written
    assert {p: p.stat().st_mtime_ns for p in (project / "output").rglob("*") if p.is_file()} == before


def test_an_edit_renders_only_the_pages_that_show_it(project):
    build(project)
    edited, untouched = releases(project)[3], releases(project)[-1]
    untouched_page = page_of(project, untouched)
    stamp = untouched_page.stat()
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text + "\nKalimat tambahan untuk uji build bertahap.\n", encoding="utf-8")
    summary = build(project)
    assert 0 < summary.rendered < summary.kept, "most pages are kept"
    assert "Kalimat tambahan untuk uji build bertahap." in page_of(project, edited).read_text()
    after = untouched_page.stat()
    assert (after.st_ino, after.st_mtime_ns) == (stamp.st_ino, stamp.st_mtime_ns), \
        "an unaffected page is the same file, with its mtime"


def test_a_release_moved_to_another_year_reindexes_both_search_shards_and_equals_a_clean_build(project, tmp_path):
    """The search index is in shards by year (siaran.search_shards): a release whose date
    moves from 2025 to 2026 changes those two shards only, and the output is still byte for
    byte a clean build's."""
    build(project)
    set_field(project / "content" / "berita" / "2025" / "sekolah-pesisir-tangguh.md", "date", "2026-01-15 10:00")
    summary = build(project)
    assert summary.reports["search"].indexed == ("2026", "2025")
    incremental = files(project / "output")
    clean = clean_build(project, tmp_path / "clean")
    assert sorted(incremental) == sorted(clean)
    assert [name for name in clean if clean[name] != incremental[name]] == [], "byte for byte a clean build"


def test_full_renders_everything_and_a_lost_output_file_is_made_again(project):
    first = build(project)
    assert build(project, full=True).kept == 0
    lost = page_of(project, releases(project)[0])
    lost.unlink()
    again = build(project)
    assert again.rendered > 0 and lost.exists()
    assert files(project / "output").keys() == files(project / "output").keys()
    assert again.files_written == first.files_written


def test_a_parallel_build_records_what_its_output_stages_keep_as_an_inline_one_does(tmp_path):
    """The feeds (and any stage keyed through the plan) run aside in their own process when
    the build is parallel; what they recorded must reach the state, or the next build
    cannot keep them."""
    import json
    from siaran.executor import WORKERS_SETTING
    recorded = {}
    for workers in (1, 2):
        folder = make_project(tmp_path / f"workers-{workers}")
        build(folder, overrides={WORKERS_SETTING: workers})
        state = json.loads((folder / ".cache" / "engine" / "state.json").read_text(encoding="utf-8"))
        recorded[workers] = sorted(state["outputs"])
    assert "atom.xml" in recorded[1] and "kategori/artikel/rss.xml" in recorded[1]
    assert recorded[2] == recorded[1]


def test_a_damaged_state_is_a_clean_build(project):
    build(project)
    (project / ".cache" / "engine" / "state.json").write_text("{rusak", encoding="utf-8")
    assert build(project).kept == 0


def rendition_keys(project: Path) -> set[str]:
    """The keys (photo bytes + rendition settings) the rendition cache holds: after a build,
    exactly the photos its pages show (the cache is pruned to them)."""
    manifest = project / ".cache" / "renditions" / "manifest.json"
    return set(json.loads(manifest.read_text(encoding="utf-8"))) if manifest.exists() else set()


def page_key(project: Path, job: str) -> str:
    """The dependency map's key of a page job in the last build's state (siaran.depmap.SiteState)."""
    state = json.loads((project / ".cache" / "engine" / "state.json").read_text(encoding="utf-8"))
    return state["outputs"][job][0]


RENDITION_URL = re.compile(r"/gambar/korpus/[^\s\"]+-\d+\.[0-9a-f]{16}\.(?:avif|webp|jpg)")


def srcset_widths(page: Path) -> set[int]:
    return {int(width) for width in re.findall(r" (\d+)w[,\"]", page.read_text(encoding="utf-8"))}


def test_renditions_are_made_again_exactly_when_a_photo_or_their_settings_change(project, tmp_path):
    """Counted from the cache, not the build's log line: Pelican's log filter drops a message
    the process logged before."""
    def build_counting(**kwargs) -> tuple[int, int]:
        """(photos whose renditions this build made, photos whose renditions it took from the cache)."""
        before = rendition_keys(project)
        build(project, **kwargs)
        after = rendition_keys(project)
        return len(after - before), len(after & before)

    made, reused = build_counting()
    assert made > 1 and reused == 0, "a cold build makes every shown photo's renditions"
    shown = made
    release = next(path for path in releases(project) if "\nimage: gambar/korpus/" in path.read_text())
    photo = re.search(r"^image: (\S+)$", release.read_text(), re.M)[1]
    page = page_of(project, release)
    names = set(re.findall(RENDITION_URL, page.read_text()))
    assert names

    profile = project / "output" / "profil" / "index.html"
    profile_key = page_key(project, "profil/index.html")
    edit = releases(project)[0]
    edit.write_text(edit.read_text(encoding="utf-8") + "\nKalimat tanpa foto baru.\n", encoding="utf-8")
    assert build_counting() == (0, shown), "an edit that changes no photo makes none"
    assert page_key(project, "profil/index.html") == profile_key, \
        "a page whose body links only its own photo ({static}) is kept when other content changes"

    write_scene(project / "content" / photo, seed=991)       # the same name, other bytes
    assert build_counting() == (1, shown - 1), "only the replaced photo is made again"
    renamed = set(re.findall(RENDITION_URL, page_of(project, release).read_text()))
    assert renamed and not renamed & names, "its page names the new renditions"
    assert not [name for name in names if (project / "output" / name.lstrip("/")).exists()], \
        "the old renditions left the output"

    before = profile.read_text(encoding="utf-8")
    write_scene(project / "content" / PAGE_PHOTO, seed=992)      # a page's {static} photo, new bytes
    assert build_counting() == (1, shown - 1)
    assert profile.read_text(encoding="utf-8") != before, "the page names its photo's new renditions"
    assert page_key(project, "profil/index.html") != profile_key

    settings_file = project / "pelicanconf.py"
    settings_file.write_text(settings_file.read_text(encoding="utf-8") + "HOME_LATEST = 4\n", encoding="utf-8")
    assert build_counting() == (0, shown), "another setting makes none"
    settings_file.write_text(settings_file.read_text(encoding="utf-8") + "PHOTO_WIDTHS = [480, 960]\n",
                             encoding="utf-8")
    assert build_counting() == (shown, 0), "new rendition settings make every photo again"
    assert {480, 960} <= srcset_widths(page_of(project, release)) and 360 not in srcset_widths(page_of(project, release))

    assert build_counting(full=True) == (0, shown), "a full rebuild takes every rendition from the cache"
    incremental = files(project / "output")
    clean = clean_build(project, tmp_path / "clean")
    assert incremental.keys() == clean.keys()
    assert [name for name in clean if clean[name] != incremental[name]] == [], "byte for byte a clean build"


# -- the property: incremental output == clean output, after any sequence of edits --------

class IncrementalMatchesClean(RuleBasedStateMachine):
    """Random edits to a small site; after each, the incremental build's output is byte
    for byte the output of a clean build of the same sources from an empty cache."""

    def __init__(self) -> None:
        super().__init__()
        import tempfile
        self.folder = Path(tempfile.mkdtemp(prefix="siaran-incremental-"))
        self.project = make_project(self.folder / "project", releases=6)
        self.added = 0
        self.edits = 0
        build(self.project)

    def teardown(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def _pick(self, index: int) -> Path:
        found = releases(self.project)
        return found[index % len(found)]

    def _photo(self, index: int) -> str:
        """One of the photos the corpus wrote, as a release names it."""
        found = sorted((self.project / "content" / "gambar" / "korpus").glob("foto-*.jpg"))
        return found[index % len(found)].relative_to(self.project / "content").as_posix()

    @rule(index=st.integers(0, 99))
    def edit_body(self, index):
        self.edits += 1
        path = self._pick(index)
        path.write_text(path.read_text(encoding="utf-8") + f"\nParagraf suntingan ke-{self.edits}.\n",
                        encoding="utf-8")

    @rule(index=st.integers(0, 99))
    def retitle(self, index):
        self.edits += 1
        set_field(self._pick(index), "title", f"Judul baru nomor {self.edits} untuk rilis uji")

    @rule(index=st.integers(0, 99), day=st.dates(datetime(2021, 1, 1).date(), datetime(2025, 12, 28).date()),
          hour=st.integers(6, 20))
    def change_date(self, index, day, hour):
        set_field(self._pick(index), "date", f"{day:%Y-%m-%d} {hour:02d}:00")

    @rule(index=st.integers(0, 99), category=st.sampled_from(CATEGORIES))
    def change_category(self, index, category):
        set_field(self._pick(index), "category", category)

    @rule(index=st.integers(0, 99), photo=st.integers(0, PHOTOS - 1))
    def swap_photo(self, index, photo):
        release = self._pick(index)
        set_field(release, "image", self._photo(photo))
        set_field(release, "image_alt", "Foto pengganti di pesisir")   # a release without a photo had none

    @rule(source=st.integers(0, PHOTOS - 1), into=st.integers(0, PHOTOS - 1))
    def replace_photo_file(self, source, into):
        content = self.project / "content"
        target = content / self._photo(into)
        shutil.copyfile(content / self._photo(source), target.with_name(target.name + ".new"))
        target.with_name(target.name + ".new").replace(target)

    @rule(source=st.integers(0, PHOTOS - 1))
    def replace_page_photo(self, source):
        """The profile page's body photo ({static} link): its page and its renditions follow."""
        content = self.project / "content"
        shutil.copyfile(content / self._photo(source), content / PAGE_PHOTO)

    @rule(seed=st.integers(0, 10_000))
    def add_release(self, seed):
        self.added += 1
        rel, text = release_text(500 + self.added, random.Random(seed), datetime(2022, 3, 1, 8, 0))
        target = self.project / "content" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        if "\nimage: " in text:
            set_field(target, "image", self._photo(seed))

    @precondition(lambda self: len(releases(self.project)) > 4)
    @rule(index=st.integers(0, 99))
    def delete_release(self, index):
        self._pick(index).unlink()

    @rule(name=st.sampled_from(["base.html", "article.html", "_macros.html", "tag.html"]))
    def change_template(self, name):
        self.edits += 1
        template = self.project / "theme" / "templates" / name
        template.write_text(template.read_text(encoding="utf-8") + f"\n<!-- versi {self.edits} -->\n",
                            encoding="utf-8")

    @rule(line=st.sampled_from(["RELATED_LIMIT = 2", "HOME_LATEST = 4", "DEFAULT_PAGINATION = 3",
                                'SITE_DESCRIPTION = "Portal uji build bertahap."', "PHOTO_WIDTHS = [480, 960]"]))
    def change_setting(self, line):
        settings_file = self.project / "pelicanconf.py"
        settings_file.write_text(settings_file.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")

    @rule()
    def retitle_page(self):
        self.edits += 1
        page = next((self.project / "content" / "halaman").glob("*.md"))
        text = page.read_text(encoding="utf-8")
        page.write_text(re.sub(r"^title: .*$", f"title: Halaman {self.edits}", text, count=1, flags=re.M),
                        encoding="utf-8")

    @invariant()
    def incremental_equals_clean(self):
        build(self.project)
        incremental = files(self.project / "output")
        clean = clean_build(self.project, self.folder / "clean")
        assert incremental.keys() == clean.keys()
        assert [name for name in clean if clean[name] != incremental[name]] == []


TestIncrementalMatchesClean = IncrementalMatchesClean.TestCase
TestIncrementalMatchesClean.settings = settings(
    max_examples=3, stateful_step_count=4, deadline=None, derandomize=False,
    suppress_health_check=list(HealthCheck))


def test_serve_keeps_the_build_state_in_memory_between_edits(project):
    from siaran.serve import Previewer
    preview = Previewer(project, project / "pelicanconf.py")
    assert preview.rebuild().kept == 0
    (project / ".cache" / "engine" / "state.json").unlink()     # only the memory is left
    edited = releases(project)[2]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nSatu kalimat lagi.\n", encoding="utf-8")
    summary = preview.rebuild()
    assert summary.kept > summary.rendered > 0
    assert "Satu kalimat lagi." in page_of(project, edited).read_text()


def test_serve_frees_each_build_before_the_next(project):
    import gc
    from pelican.contents import Article
    from siaran.serve import Previewer
    preview = Previewer(project, project / "pelicanconf.py")
    for number in range(2):
        edited = releases(project)[number]
        edited.write_text(edited.read_text(encoding="utf-8") + "\nSatu kalimat lagi.\n", encoding="utf-8")
        assert preview.rebuild().ok
    left = [o for o in gc.get_objects() if isinstance(o, Article) and o.source_path.startswith(str(project))]
    assert left == [], "no release of a finished build is left"


def _hook_plugin(project: Path, name: str, body: str) -> dict:
    """A plugin in the project that adds a staging hook (where search indexing plugs in).
    Each test names its own: plugins are modules, imported once per process."""
    folder = project / "extra_plugins" / name
    folder.mkdir(parents=True)
    (folder / "__init__.py").write_text(
        "import os\nfrom pelican import signals\nfrom siaran.contracts import output_store, services\n"
        "from siaran.output import write_output\n\n"
        "def add_hook(generator):\n"
        "    build = services(generator.settings)\n"
        "    if build is not None and not any(h.__qualname__.startswith('add_hook.') for h in build.staging_hooks):\n"
        "        store = output_store(generator.settings)\n"
        "        def index(staging):\n" + body +
        "        build.staging_hooks.append(index)\n\n"
        "def register():\n    signals.generator_init.connect(add_hook)\n")
    from siaran.build import load_settings
    plugins = load_settings(project / "pelicanconf.py")["PLUGINS"]
    return {"PLUGIN_PATHS": ["plugins", "extra_plugins"], "PLUGINS": [*plugins, name]}


def test_a_staging_hook_sees_every_page_before_the_swap(project):
    overrides = _hook_plugin(project, "indexer_ok", (
        "            pages = sorted(os.path.relpath(os.path.join(root, n), staging)\n"
        "                           for root, _, names in os.walk(staging) for n in names if n.endswith('.html'))\n"
        "            write_output(staging, 'cari/indeks.txt', '\\n'.join(pages).encode(), store)\n"))
    first = build(project, overrides=overrides)
    listed = (project / "output" / "cari" / "indeks.txt").read_text().splitlines()
    assert len(listed) == first.pages_written
    edited = releases(project)[1]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nTambahan.\n", encoding="utf-8")
    again = build(project, overrides=overrides)
    assert again.kept > 0, "an incremental build"
    assert (project / "output" / "cari" / "indeks.txt").read_text().splitlines() == listed, \
        "kept pages are in the staging tree the hook walks"


def test_a_failing_staging_hook_refuses_the_build_and_keeps_output(project):
    build(project)
    before = files(project / "output")
    overrides = _hook_plugin(project, "indexer_broken", "            raise ValueError('indeks rusak')\n")
    summary = build_site(project / "pelicanconf.py", project / "output", overrides=overrides)
    assert not summary.ok
    assert summary.log_errors == ["add_hook.<locals>.index: ValueError('indeks rusak')"]
    assert files(project / "output") == before


def test_invoke_build_full_renders_every_page(project):
    import subprocess
    import sys
    build(project)
    command = [sys.executable, "-m", "invoke", "--search-root", str(ROOT), "build",
               "--settings", str(project / "pelicanconf.py"), "--output", str(project / "output")]
    again = subprocess.run(command, capture_output=True, text=True, check=True)
    assert re.search(r"\(0 dirender, [1-9][0-9]* tetap dari build sebelumnya\)", again.stdout), again.stdout
    full = subprocess.run([*command, "--full"], capture_output=True, text=True, check=True)
    assert re.search(r"\([1-9][0-9]* dirender, 0 tetap dari build sebelumnya\)", full.stdout), full.stdout


def test_files_made_by_a_stage_aside_are_remembered_for_the_next_build(project):
    """The feeds stage runs as a task of its own with two workers; the keys of the feeds
    (the register writes its own, unkeyed)
    it made or kept must reach the build's state, or the next edit renders every feed again."""
    import json
    two = {"BUILD_WORKERS": 2}
    build(project, overrides=two)
    edited = releases(project)[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nRalat kecil.\n", encoding="utf-8")
    build(project, overrides=two)
    state = json.loads((project / ".cache" / "engine" / "state.json").read_text(encoding="utf-8"))
    feeds = sorted(p.relative_to(project / "output").as_posix() for p in (project / "output").rglob("*")
                   if p.name in ("rss.xml", "atom.xml", "feed.json") and "informasi-publik" not in p.parts)
    assert len(feeds) > 6
    assert [name for name in feeds if name not in state["outputs"]] == []


def test_compiled_templates_are_kept_between_builds_and_a_changed_one_is_compiled_again(project):
    build(project)
    folder = next((project / ".cache" / "templates").iterdir())

    def compiled() -> dict[str, int]:
        return {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    first = compiled()
    assert len(first) > 10, "every template a build renders is kept compiled"
    edited = releases(project)[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nRalat.\n", encoding="utf-8")
    build(project, overrides={"BUILD_WORKERS": 2})
    assert compiled() == first, "no process compiled a template again"
    template = project / "theme" / "templates" / "base.html"
    template.write_text(template.read_text(encoding="utf-8") + "\n<!-- templat diubah -->\n", encoding="utf-8")
    build(project)
    after = compiled()
    assert [name for name in after if after[name] != first.get(name)] and len(after) == len(first)
    assert "<!-- templat diubah -->" in page_of(project, edited).read_text(encoding="utf-8")


def _slow_checker(project: Path, name: str, verdict: str) -> dict:
    """A plugin whose check returns `verdict` (a list of Problems, as Python) only once it
    has seen a file the output stages wrote into staging (waiting at most a minute),
    which it can only see if they run beside it."""
    folder = project / "slow_plugins" / name
    folder.mkdir(parents=True)
    (folder / "__init__.py").write_text("def register():\n    pass\n")
    (folder / "checks.py").write_text(
        "import time\nfrom siaran.problems import Problem\n\n"
        "def check(items, ctx):\n"
        "    seen = ctx.content_root.parent / 'output.staging' / 'rss.xml'\n"
        "    for _ in range(600):\n"
        "        if seen.exists():\n"
        f"            return {verdict}\n"
        "        time.sleep(0.1)\n"
        "    return [Problem('content', 1, 'uji', 'tidak ada yang dirender selama pemeriksaan')]\n")
    from siaran.build import load_settings
    plugins = load_settings(project / "pelicanconf.py")["PLUGINS"]
    return {"PLUGIN_PATHS": ["plugins", "slow_plugins"], "PLUGINS": [*plugins, name], "BUILD_WORKERS": 2}


def test_pages_are_rendered_beside_a_checker_that_is_still_running(project):
    """The checker is the longest task of an edit: when it has no verdict yet once the
    content is read, rendering starts beside it and the verdict is asked before the
    build waits for the workers."""
    summary = build(project, overrides=_slow_checker(project, "slow_checker_ok", "[]"))
    assert summary.problems == [] and (project / "output" / "rss.xml").exists()


def test_a_late_refusal_keeps_output_and_reports_only_the_problems(project):
    build(project)
    before = files(project / "output")
    refusal = "[Problem('content/berita/x.md', 3, 'date', 'tanggal tidak sah')]"
    summary = build_site(project / "pelicanconf.py", project / "output",
                         overrides=_slow_checker(project, "slow_checker_refuses", refusal))
    assert not summary.ok and summary.log_errors == []
    assert [str(p) for p in summary.problems] == ["content/berita/x.md:3: date: tanggal tidak sah"]
    assert files(project / "output") == before
    assert not (project / "output.staging").exists()
