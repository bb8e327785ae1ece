"""The "edit to live" step of `bench-build --incremental` runs end to end on a small
corpus: the benchmark's development build is deployed (deploy refuses dev builds
unless told), then Hugo's output is synced with rclone, each against local SeaweedFS."""
import shutil

import pytest

from siaran.bench import run_measured
from siaran.bench_incremental import edit_to_live, prepare
from siaran.deploy.seaweed import weed_binary

pytestmark = pytest.mark.s3


def test_edit_to_live_deploys_both_builds(tmp_path):
    if weed_binary() is None or shutil.which("hugo") is None or shutil.which("rclone") is None:
        pytest.skip("needs SeaweedFS `weed`, Debian `hugo` and `rclone`")
    builders = [b for b in prepare(6, tmp_path) if not b.name.startswith("Plain")]
    for builder in builders:
        run_measured(builder.command, builder.project)

    results = edit_to_live(builders, 1, tmp_path)

    assert set(results) == {"Siaran build + deploy", "Hugo build + rclone sync --checksum"}
    assert all(len(runs) == 1 and runs[0] > 0 for runs in results.values())
    again = edit_to_live(builders, 1, tmp_path)       # a second run starts from empty buckets
    assert all(len(runs) == 1 and runs[0] > 0 for runs in again.values())
