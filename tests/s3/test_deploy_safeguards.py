"""The deploy safeguards of issue 12 on a real SeaweedFS: objects Siaran never uploaded survive,
a development build is refused (and accepted with --force), a tampered manifest is refused with
nothing changed, attachments download byte for byte as the register's SHA-256 says, and the
build run by `publish` never sees the storage credentials."""
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import textwrap
import urllib.request
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from deploy_s3_helpers import bucket_keys, read_object

from siaran.deploy import DeployConfig, deploy
from siaran.deploy.seaweed import SECRET_KEY
from siaran.deploy.target import Target
from tests.s3.deploy_sample import sample_releases, write_sample_site

pytestmark = pytest.mark.s3
ROOT = Path(__file__).resolve().parents[2]
FAST = DeployConfig(retries=3, backoff=0.05)
HOW = ("Bangun dengan `./dev build --settings publishconf.py` (atau deploy dengan `./dev publish`), "
       "atau ulangi dengan --force bila memang disengaja")


def cli(*args: str, cwd: Path = ROOT, task: str = "deploy", env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "siaran.deploy", task, *args], cwd=cwd, capture_output=True,
                          text=True, env=env or dict(os.environ), timeout=300)


def contents(client, bucket: str) -> dict[str, bytes]:
    return {key: client.get_object(Bucket=bucket, Key=key)["Body"].read() for key in bucket_keys(client, bucket)}


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(ROOT / name, target / name)
    for name in ("theme", "plugins"):
        (target / name).symlink_to(ROOT / name)
    shutil.copytree(ROOT / "content", target / "content")
    return target


def build(project: Path, settings: str, out: Path) -> Path:
    from siaran.build import build_site

    summary = build_site(project / settings, out)
    assert summary.ok, [str(p) for p in summary.problems] + summary.log_errors
    return out


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("safeguards") / "project")


def test_objects_siaran_did_not_upload_survive(bucket, s3env, tmp_path):
    """A sibling prefix (another Siaran site with its own manifest, and one that merely shares
    the first letters), `.well-known/` and a verification file under our prefix survive the
    first deploy and one that deletes; what we uploaded and dropped is deleted."""
    client = s3env.client()
    deploy(write_sample_site(tmp_path / "lain", sample_releases(3)), Target(bucket, "lain"), config=FAST)
    for key, body in {"www2/index.html": b"<p>situs www2</p>", "www/.well-known/security.txt": b"Contact: x\n",
                      "www/google1a2b3c4d5e6f7a8b.html": b"google-site-verification"}.items():
        client.put_object(Bucket=bucket, Key=key, Body=body)
    foreign = contents(client, bucket)
    releases = sample_releases(12)
    first = deploy(write_sample_site(tmp_path / "out", releases), Target(bucket, "www"), config=FAST)
    assert (first.deleted, first.kept) == (0, 2)
    dropped = releases[10].url + "index.html"
    summary = deploy(write_sample_site(tmp_path / "out", releases[:10] + releases[11:]), Target(bucket, "www"),
                     config=FAST)
    assert (summary.deleted, summary.kept) == (3, 2)   # release 10's page, image and card; the two foreign keys
    after = contents(client, bucket)
    assert {key: after.get(key) for key in foreign} == foreign
    assert f"www/{dropped}" not in after

    # the same with the target at the bucket root: everything under lain/ and www2/ is foreign
    root = deploy(write_sample_site(tmp_path / "akar", releases), Target(bucket), config=FAST)
    assert root.deleted == 0
    root = deploy(write_sample_site(tmp_path / "akar", releases[:11]), Target(bucket), config=FAST)
    assert root.deleted == 1
    after = contents(client, bucket)
    assert {key: after.get(key) for key in foreign} == foreign


def test_a_development_build_is_refused_unless_forced(bucket, s3env, project, tmp_path):
    dev = build(project, "pelicanconf.py", tmp_path / "dev")
    refused = cli("--target", f"s3://{bucket}", "--output", str(dev))
    assert (refused.returncode, refused.stderr.strip().splitlines()) == (1, [
        f"deploy: build di {dev} bukan untuk publikasi: SITEURL http://127.0.0.1:8000 hanya terbuka di "
        f"komputer pembuatnya (build pengembangan). {HOW}"])
    assert bucket_keys(s3env.client(), bucket) == set()
    forced = cli("--target", f"s3://{bucket}", "--output", str(dev), "--force")
    assert forced.returncode == 0, forced.stderr
    assert "--force: build diunggah walaupun SITEURL http://127.0.0.1:8000" in forced.stderr
    assert "index.html" in bucket_keys(s3env.client(), bucket)

    # a publishing build, checked against the target's settings, goes through; a build for
    # another SITEURL does not
    public = build(project, "publishconf.py", tmp_path / "public")
    settings = str(project / "publishconf.py")
    ok = cli("--target", f"s3://{bucket}", "--output", str(public), "--settings", settings)
    assert ok.returncode == 0, ok.stderr
    staging = cli("--target", f"s3://{bucket}", "--output", str(public), "--settings", settings,
                  env={**os.environ, "SITEURL": "https://staging.brpkn.example"})
    assert staging.stderr.strip().splitlines() == [
        f"deploy: build di {public} bukan untuk publikasi: dibuat untuk SITEURL https://humas.brpkn.example, "
        f"sedangkan publishconf.py menetapkan https://staging.brpkn.example. {HOW}"]


def test_a_tampered_manifest_alias_is_refused_and_nothing_changes(bucket, s3env, tmp_path):
    client = s3env.client()
    releases = sample_releases(12)
    releases[1] = replace(releases[1], url="berita/2024/02/rilis-pindah/")
    deploy(write_sample_site(tmp_path / "out", sample_releases(12)), Target(bucket, "www"), config=FAST)
    deploy(write_sample_site(tmp_path / "out", releases), Target(bucket, "www"), config=FAST)
    client.put_object(Bucket=bucket, Key="lain/index.html", Body=b"<p>situs lain</p>")
    manifest = json.loads(read_object(client, bucket, "www/.deploy/manifest.json")[0])
    manifest["releases"][releases[1].id]["aliases"] = ["../lain/"]
    client.put_object(Bucket=bucket, Key="www/.deploy/manifest.json", Body=json.dumps(manifest).encode())
    before = contents(client, bucket)
    out = write_sample_site(tmp_path / "out", releases[:6])   # would delete and redirect
    result = cli("--target", f"s3://{bucket}/www", "--output", str(out), "--max-deletes", "1000")
    assert (result.returncode, result.stderr.strip().splitlines()) == (1, [
        f"deploy: manifest deploy .deploy/manifest.json ditolak: releases[{releases[1].id}].aliases[0] "
        "'../lain/' memuat segmen . atau ... Tidak ada yang diunggah atau dihapus. Manifest ini tidak ditulis "
        "oleh Siaran: periksa siapa yang dapat menulis ke bucket, lalu hapus .deploy/manifest.json (tanpa "
        "manifest, deploy berikutnya tidak menghapus apa pun)"])
    assert contents(client, bucket) == before


def public_read(client, bucket: str) -> None:
    """Anonymous GetObject, as a website bucket or CDN origin serves it."""
    client.put_bucket_policy(Bucket=bucket, Policy=json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{bucket}/*"}]}))


def plain_get(url: str) -> tuple[bytes, dict]:
    """What `curl -O URL` saves: no Accept-Encoding sent, nothing decoded."""
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (local SeaweedFS)
        return response.read(), dict(response.headers)


def test_attachments_download_with_their_published_sha256(bucket, s3env, project, tmp_path):
    out = build(project, "publishconf.py", tmp_path / "out")
    deploy(out, Target(bucket, "www"), config=FAST)
    client = s3env.client()
    public_read(client, bucket)
    raw, headers = plain_get(f"{s3env.endpoint}/{bucket}/www/informasi-publik/dip.json")
    assert headers["Content-Encoding"] == "gzip"            # the register's own export stays compressed
    register = json.loads(gzip.decompress(raw))
    attachments = [a for item in register["items"] for a in item["attachments"]]
    assert len(attachments) >= 10 and {a["media_type"] for a in attachments} >= {"application/pdf", "text/csv"}
    for attachment in attachments:
        path = unquote(urlsplit(attachment["url"]).path).lstrip("/")
        assert path.startswith("dokumen/")
        body, headers = plain_get(f"{s3env.endpoint}/{bucket}/www/{path}")
        assert "Content-Encoding" not in headers, path
        assert (hashlib.sha256(body).hexdigest(), len(body)) == (attachment["sha256"], attachment["size"]), path
        assert body == (out / path).read_bytes()


SPY = '''
"""Test plugin: records the build's environment, as hostile content or a plugin could read it."""
import json
import os
from pathlib import Path

from pelican import signals


def record(pelican):
    Path(pelican.settings["PATH"]).parent.joinpath("env-seen.json").write_text(json.dumps(dict(os.environ)))


def register():
    signals.initialized.connect(record)
'''


def test_publish_builds_without_the_storage_credentials(bucket, s3env, tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "spy_plugins" / "envspy").mkdir(parents=True)
    (project / "spy_plugins" / "envspy" / "__init__.py").write_text(textwrap.dedent(SPY))
    with (project / "publishconf.py").open("a") as settings:
        settings.write('\nPLUGIN_PATHS = [*PLUGIN_PATHS, "spy_plugins"]\nPLUGINS = [*PLUGINS, "envspy"]\n')
    env = {**os.environ, "GITHUB_TOKEN": "ditanam-token", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
           "SITEURL": "https://humas.brpkn.example"}
    assert env["AWS_SECRET_ACCESS_KEY"] == SECRET_KEY     # what the parent deploys with
    result = cli("--target", f"s3://{bucket}", task="publish", cwd=project, env=env)
    assert result.returncode == 0, result.stderr
    seen = json.loads((project / "env-seen.json").read_text())
    assert sorted(name for name in seen if name.startswith("AWS_") or name == "GITHUB_TOKEN") == []
    assert not any(SECRET_KEY in value or "ditanam-token" in value for value in seen.values())
    assert seen["SITEURL"] == "https://humas.brpkn.example" and seen["PATH"] == os.environ["PATH"]
    # the parent had them: the site is in the bucket; and no built file carries the secret
    assert "index.html" in bucket_keys(s3env.client(), bucket)
    assert not [p for p in (project / "output").rglob("*") if p.is_file() and SECRET_KEY.encode() in p.read_bytes()]


def test_object_storage_serves_no_security_header_of_its_own(bucket, s3env):
    """Why the security headers live in the CDN (siaran/deploy/cdn.py): headers sent with
    PutObject beyond S3's fixed set are dropped, and user metadata comes back as x-amz-meta-*."""
    client = s3env.client()
    extra = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "strict-origin-when-cross-origin"}

    def add(request, **_):
        for name, value in extra.items():
            request.headers[name] = value
    client.meta.events.register("before-sign.s3.PutObject", add)
    client.put_object(Bucket=bucket, Key="a.html", Body=b"<p>a</p>", ContentType="text/html; charset=utf-8",
                      Metadata={"x-content-type-options": "nosniff"})
    public_read(client, bucket)
    _, headers = plain_get(f"{s3env.endpoint}/{bucket}/a.html")
    names = {name.lower(): value for name, value in headers.items()}
    assert "x-content-type-options" not in names and "referrer-policy" not in names
    assert names["x-amz-meta-x-content-type-options"] == "nosniff"
    assert names["content-type"] == "text/html; charset=utf-8"
