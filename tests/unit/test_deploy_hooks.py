"""After-deploy hooks: only what changed is announced or invalidated; failures never fail a deploy."""
import hashlib
import threading
import urllib.parse
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from siaran.deploy import DeployConfig, deploy
from siaran.deploy.hooks import CloudFrontInvalidation, WebSubPing, hooks_from_settings, public_paths, run_hooks
from tests.s3.deploy_sample import sample_releases, write_sample_site
from siaran.deploy.store import MemoryStore
from siaran.deploy.target import Target


@pytest.mark.parametrize("changed, prefix, paths", [
    (["index.html"], "", ["/", "/index.html"]),
    (["berita/a/index.html", "rss.xml"], "", ["/berita/a/", "/berita/a/index.html", "/rss.xml"]),
    (["gambar/a.jpg"], "www", ["/www/gambar/a.jpg"]),
    ([], "", []),
])
def test_public_paths(changed, prefix, paths):
    assert public_paths(changed, prefix) == paths


class Recorder:
    def __init__(self):
        self.calls = []
        self.references = []

    def run(self, changed, reference):
        self.calls.append(changed)
        self.references.append(reference)
        return f"rekam: {len(changed)}"
    name = "rekam"


def test_websub_pings_only_changed_feeds_over_http():
    bodies = []

    class Hub(BaseHTTPRequestHandler):
        def do_POST(self):
            bodies.append(urllib.parse.parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode()))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass
    server = ThreadingHTTPServer(("127.0.0.1", 0), Hub)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        hook = WebSubPing(f"http://127.0.0.1:{server.server_port}/", "https://humas.example/")
        line = hook.run(["berita/a/index.html", "rss.xml", "kategori/x/atom.xml", "gambar/a.jpg"])
    finally:
        server.shutdown()
    assert bodies == [{"hub.mode": ["publish"], "hub.url": ["https://humas.example/rss.xml"]},
                      {"hub.mode": ["publish"], "hub.url": ["https://humas.example/kategori/x/atom.xml"]}]
    assert line == f"websub: 2 feed diberitahukan ke http://127.0.0.1:{server.server_port}/"


class CloudFront:
    def __init__(self):
        self.batches = []

    def create_invalidation(self, DistributionId, InvalidationBatch):
        self.batches.append((DistributionId, InvalidationBatch))


def test_cloudfront_invalidates_exact_paths_with_the_given_reference():
    client = CloudFront()
    hook = CloudFrontInvalidation("E123", "www", client=client)
    assert hook.run(["berita/a/index.html"], "ref-1") == "cloudfront: 2 path diinvalidasi"
    (dist, first), = client.batches
    assert dist == "E123" and first == {"Paths": {"Quantity": 2, "Items": ["/www/berita/a/", "/www/berita/a/index.html"]},
                                        "CallerReference": "ref-1"}


def test_cloudfront_over_the_limit_sends_one_wildcard():
    client = CloudFront()
    changed = [f"gambar/{n}.jpg" for n in range(3001)]
    assert CloudFrontInvalidation("E1", client=client).run(changed, "r") == \
        "cloudfront: 3001 path berubah (lebih dari 3000), diinvalidasi dengan /*"
    assert CloudFrontInvalidation("E1", "www", client=client).run(changed[:3000], "r").endswith("3000 path diinvalidasi")
    assert CloudFrontInvalidation("E1", "www", client=client, max_paths=2).run(changed[:3], "r").endswith("/www/*")
    assert [b["Paths"]["Quantity"] for _, b in client.batches] == [1, 3000, 1]
    assert client.batches[2][1]["Paths"]["Items"] == ["/www/*"]


def test_redeploying_the_same_paths_gets_a_new_caller_reference(tmp_path):
    """The same page edited twice changes the same paths: CloudFront must see two invalidations."""
    client, store = CloudFront(), MemoryStore()
    config = DeployConfig(hooks=(CloudFrontInvalidation("E1", client=client),))
    releases = sample_releases(3)
    deploy(write_sample_site(tmp_path / "out", releases), Target("situs-uji"), store=store, config=config)
    for body in ("ralat satu", "ralat dua"):
        releases[0] = replace(releases[0], body=body)
        deploy(write_sample_site(tmp_path / "out", releases), Target("situs-uji"), store=store, config=config)
    deploy(write_sample_site(tmp_path / "out", releases), Target("situs-uji"), store=store, config=config)  # no-op
    first, second, third = (batch for _, batch in client.batches)
    assert second["Paths"] == third["Paths"]
    assert len({first["CallerReference"], second["CallerReference"], third["CallerReference"]}) == 3
    manifest = store.get(".deploy/manifest.json")
    assert third["CallerReference"] == hashlib.sha256(manifest).hexdigest()


def test_failing_hook_is_a_warning_and_the_next_still_runs(caplog):
    class Broken:
        name = "websub"

        def run(self, changed, reference):
            raise OSError("hub mati")
    recorder = Recorder()
    assert run_hooks((Broken(), recorder), ["rss.xml"], "r") == ["rekam: 1"]
    assert "websub gagal (deploy tetap berhasil): hub mati" in caplog.text
    assert run_hooks((recorder,), [], "r") == [] and len(recorder.calls) == 1


def test_pipeline_gives_hooks_the_changed_paths_and_dry_run_skips_them(tmp_path):
    releases = sample_releases(12)
    recorder, lines = Recorder(), []
    config = DeployConfig(hooks=(recorder,))
    store = MemoryStore()
    deploy(write_sample_site(tmp_path / "out", releases), Target("situs-uji"), store=store, config=config, echo=lines.append)
    deploy(write_sample_site(tmp_path / "out", releases), Target("situs-uji"), store=store, config=config)
    releases[-1] = replace(releases[-1], body="ralat")
    out = write_sample_site(tmp_path / "out", releases)
    deploy(out, Target("situs-uji"), store=store, config=config, dry_run=True, echo=lambda line: None)
    deploy(out, Target("situs-uji"), store=store, config=config)
    assert len(recorder.calls) == 2  # first deploy and the edit; not the no-op, not the dry run
    assert recorder.calls[1] == sorted([releases[-1].url + "index.html", "atom.xml", "feed.json",
                                        "news-sitemap.xml", "rss.xml", "sitemap.xml"])
    assert lines[-1].startswith("rekam: ")


def test_hooks_from_settings():
    assert hooks_from_settings({"WEBSUB_HUB": None, "SITEURL": "https://x"}) == ()
    websub, cdn = hooks_from_settings({"WEBSUB_HUB": "https://hub", "SITEURL": "https://x",
                                       "DEPLOY_CLOUDFRONT_DISTRIBUTION": "E1"}, "www")
    assert (websub.hub, websub.site_url, cdn.distribution_id, cdn.prefix) == ("https://hub", "https://x", "E1", "www")
    assert cdn.max_paths == 3000
    [cdn] = hooks_from_settings({"DEPLOY_CLOUDFRONT_DISTRIBUTION": "E1", "DEPLOY_CLOUDFRONT_MAX_PATHS": 500})
    assert cdn.max_paths == 500
