"""`invoke publish --now` against SeaweedFS, as the 15-minute schedule runs it: a run with
nothing due uploads nothing; the first run at a release's time uploads it and what lists it."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
from deploy_s3_helpers import bucket_keys, read_object
from schedule_support import BEFORE, DUE, PHOTO, RELEASE_URL, STILL_BEFORE, scheduled_checkout

pytestmark = pytest.mark.s3

def publish(project: Path, bucket: str, now: str, report: Path) -> dict:
    result = subprocess.run([sys.executable, "-m", "invoke", "publish", "--now", now, "--target", f"s3://{bucket}/www",
                             "--report", str(report)], capture_output=True, text=True, cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(report.read_text(encoding="utf-8"))


def test_a_run_with_nothing_due_uploads_nothing(bucket, s3env, tmp_path):
    project = scheduled_checkout(tmp_path / "repo")
    client = s3env.client()
    first = publish(project, bucket, BEFORE, tmp_path / "1.json")
    assert first["uploaded"] > 150 and first["deleted"] == 0
    assert f"www/{RELEASE_URL}index.html" not in bucket_keys(client, bucket)
    assert f"www/{PHOTO}" not in bucket_keys(client, bucket)

    # the next scheduled runs: the clock moved on, the release is not due yet
    for index, now in enumerate((BEFORE, STILL_BEFORE), start=2):
        again = publish(project, bucket, now, tmp_path / f"{index}.json")
        assert (again["uploaded"], again["deleted"]) == (0, 0), now

    # the first run at its hour: the release, its photo and whatever lists it
    held_keys = bucket_keys(client, bucket)
    due = publish(project, bucket, DUE, tmp_path / "4.json")
    keys = bucket_keys(client, bucket)
    # Deleted: only search index files the new release's index renamed (siaran.search).
    gone = held_keys - keys
    assert len(gone) == due["deleted"] and all(key.startswith("www/pagefind/") for key in gone), gone
    assert {f"www/{RELEASE_URL}index.html", f"www/{PHOTO}", "www/rss.xml", "www/index.html"} <= keys
    assert 10 < due["uploaded"] < first["uploaded"] // 3
    page, _ = read_object(client, bucket, f"www/{RELEASE_URL}index.html")
    assert b"https://humas.brpkn.example/" in page    # the public build (publishconf.py)

    print(f"first run {first['uploaded']} uploaded; before the hour 0; at the hour {due['uploaded']}")

    # and the run after it has nothing new again
    after = publish(project, bucket, DUE, tmp_path / "5.json")
    assert (after["uploaded"], after["deleted"]) == (0, 0)
