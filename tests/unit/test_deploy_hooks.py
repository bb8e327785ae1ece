"""After-deploy hooks: only what changed is announced or invalidated; failures never fail a deploy."""
import threading
import urllib.parse
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from siaran.deploy import DeployConfig, deploy
from siaran.deploy.hooks import CloudFrontInvalidation, WebSubPing, hooks_from_settings, public_paths, run_hooks
from siaran.deploy.sample import sample_releases, write_sample_site
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

    def run(self, changed):
        self.calls.append(changed)
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


def test_cloudfront_invalidates_exact_paths_with_stable_reference():
    class Client:
        def __init__(self):
            self.batches = []

        def create_invalidation(self, DistributionId, InvalidationBatch):
            self.batches.append((DistributionId, InvalidationBatch))
    client = Client()
    hook = CloudFrontInvalidation("E123", "www", client=client)
    assert hook.run(["berita/a/index.html"]) == "cloudfront: 2 path diinvalidasi"
    hook.run(["berita/a/index.html"])
    (dist, first), (_, second) = client.batches
    assert dist == "E123" and first["Paths"] == {"Quantity": 2, "Items": ["/www/berita/a/", "/www/berita/a/index.html"]}
    assert first["CallerReference"] == second["CallerReference"]


def test_failing_hook_is_a_warning_and_the_next_still_runs(caplog):
    class Broken:
        name = "websub"

        def run(self, changed):
            raise OSError("hub mati")
    recorder = Recorder()
    assert run_hooks((Broken(), recorder), ["rss.xml"]) == ["rekam: 1"]
    assert "websub gagal (deploy tetap berhasil): hub mati" in caplog.text
    assert run_hooks((recorder,), []) == [] and len(recorder.calls) == 1


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
