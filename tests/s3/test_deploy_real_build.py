"""Deploy a REAL build of the shipped sample site (siaran.build.build_site in a throwaway
project) to SeaweedFS, read every object back, then edit one release, rebuild and check that
exactly the objects whose bytes changed are uploaded."""
import shutil
from pathlib import Path

import pytest
from deploy_s3_helpers import assert_bucket_matches, bucket_keys, recording_store, sent_keys

from siaran.deploy import DeployConfig, deploy
from siaran.deploy.local import list_paths
from siaran.deploy.target import Target

pytestmark = pytest.mark.s3
ROOT = Path(__file__).resolve().parents[2]
FAST = DeployConfig(retries=3, backoff=0.05)
EDITED = "content/berita/2026/penanaman-mangrove-pesisir-utara.md"


def copy_project(target: Path) -> Path:
    """A throwaway project (as tests/site/conftest.py does): settings copied, theme and plugins
    linked, content copied so the test can edit it."""
    target.mkdir(parents=True)
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(ROOT / name, target / name)
    for name in ("theme", "plugins"):
        (target / name).symlink_to(ROOT / name)
    shutil.copytree(ROOT / "content", target / "content")
    return target


def build(project: Path, out: Path) -> Path:
    """A publishing build (publishconf.py): deploy refuses a development build."""
    from siaran.build import build_site

    summary = build_site(project / "publishconf.py", out)
    assert summary.ok, [str(p) for p in summary.problems] + summary.log_errors
    return out


def files(out: Path) -> dict[str, bytes]:
    return {path: (out / path).read_bytes() for path in list_paths(out, FAST)}


def test_real_sample_site_round_trip_then_one_edit_uploads_exactly_the_changed_bytes(bucket, s3env, tmp_path):
    project = copy_project(tmp_path / "project")
    first = build(project, tmp_path / "out-1")
    client = s3env.client()
    summary = deploy(first, Target(bucket, "www"), config=FAST)
    before = files(first)
    assert summary.uploaded == len(before) > 150 and summary.deleted == 0
    # every object read back: bytes (gunzipped), Content-Type, Cache-Control, Content-Encoding
    assert_bucket_matches(client, bucket, first, prefix="www")
    assert "www/_siaran/releases.json" not in bucket_keys(client, bucket)

    # a clean rebuild without change (new folder, every mtime new) uploads nothing
    again = build(project, tmp_path / "out-1b")
    assert files(again) == before  # the build is deterministic
    store, sent = recording_store(Target(bucket, "www"))
    summary = deploy(again, Target(bucket, "www"), config=FAST, store=store)
    assert (summary.uploaded, summary.deleted, summary.unchanged, sent) == (0, 0, len(before), [])

    # edit one release's body, clean rebuild into a new folder, deploy again
    source = project / EDITED
    source.write_text(source.read_text(encoding="utf-8") + "\nRalat: jumlah bibit yang ditanam diperbarui.\n",
                      encoding="utf-8")
    second = build(project, tmp_path / "out-2")
    after = files(second)
    changed = sorted(p for p in after if before.get(p) != after[p])
    removed = sorted(set(before) - set(after))
    page = "berita/2026/11/brpkn-dan-warga-pesisir-utara-tanam-12-000-bibit-mangrove/index.html"
    assert page in changed and len(changed) < len(after) // 4, changed
    print(f"{len(changed)} of {len(after)} files changed: {changed}")
    store, sent = recording_store(Target(bucket, "www"))
    summary = deploy(second, Target(bucket, "www"), config=FAST, store=store)
    assert sent_keys(sent) == ["www/" + p for p in changed]
    assert (summary.uploaded, summary.deleted) == (len(changed), len(removed))
    assert_bucket_matches(client, bucket, second, prefix="www")
