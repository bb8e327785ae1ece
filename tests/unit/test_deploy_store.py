"""S3 error translation (what is retried, what is a one-line error) and the dry-run wrapper —
no server: botocore exceptions are built by hand."""
import botocore.session
import pytest
from botocore import exceptions as bx

from siaran.deploy.headers import Headers
from siaran.deploy.local import make_file
from siaran.deploy.messages import DeployError
from siaran.deploy.plan import Delete, Reason, Upload
from siaran.deploy.store import DryRunStore, MemoryStore, S3Store, TransientError
from siaran.deploy.target import Target

ENDPOINT = "http://127.0.0.1:1"


@pytest.fixture
def store():
    client = botocore.session.get_session().create_client(
        "s3", endpoint_url=ENDPOINT, region_name="us-east-1", aws_access_key_id="k", aws_secret_access_key="s")
    return S3Store(Target("situs-uji"), client=client)


def client_error(code: str, status: int) -> bx.ClientError:
    return bx.ClientError({"Error": {"Code": code, "Message": "m"}, "ResponseMetadata": {"HTTPStatusCode": status}}, "PutObject")


@pytest.mark.parametrize("exc, transient", [
    (client_error("InternalError", 500), True),
    (client_error("ServiceUnavailable", 503), True),
    (client_error("SlowDown", 503), True),
    (client_error("Throttling", 400), True),
    (client_error("", 429), True),
    (bx.EndpointConnectionError(endpoint_url=ENDPOINT), True),
    (bx.ConnectTimeoutError(endpoint_url=ENDPOINT), True),
    (client_error("InvalidArgument", 400), False),
    (client_error("NoSuchKey", 404), False),
    (client_error("RequestTimeTooSkewed", 403), False),  # a wrong clock stays wrong: no retry
    (client_error("RequestTimeTooSkewed", 400), False),
])
def test_what_is_retried(store, exc, transient):
    assert isinstance(store._translate(exc, "put", "a.html"), TransientError) is transient


@pytest.mark.parametrize("exc, text", [
    (client_error("InvalidAccessKeyId", 403),
     f"kredensial ditolak oleh {ENDPOINT} (InvalidAccessKeyId): periksa AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY atau profil AWS"),
    (client_error("SignatureDoesNotMatch", 403),
     f"kredensial ditolak oleh {ENDPOINT} (SignatureDoesNotMatch): periksa AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY atau profil AWS"),
    (client_error("NoSuchBucket", 404), f"bucket 'situs-uji' tidak ada di {ENDPOINT}"),
    (bx.NoCredentialsError(), "kredensial AWS tidak ditemukan: isi AWS_ACCESS_KEY_ID dan AWS_SECRET_ACCESS_KEY atau AWS_PROFILE"),
    (client_error("InvalidArgument", 400), "penyimpanan menolak put 'a.html': InvalidArgument m"),
    (client_error("RequestTimeTooSkewed", 403),
     f"jam komputer ini berbeda terlalu jauh dari jam server {ENDPOINT}; setel jam (NTP) lalu ulangi"),
])
def test_one_line_messages(store, exc, text):
    error = store._translate(exc, "put", "a.html")
    assert isinstance(error, DeployError) and str(error) == text


def test_unreachable_message_after_retries(store):
    error = store._translate(bx.EndpointConnectionError(endpoint_url=ENDPOINT), "list", "")
    assert str(error.final) == f"server penyimpanan tidak dapat dihubungi: {ENDPOINT} (EndpointConnectionError)"


def test_dry_run_store_writes_nothing_and_prints_in_plan_order():
    inner, lines = MemoryStore(), []
    dry = DryRunStore(inner, lines.append)
    html = Headers("text/html; charset=utf-8", "x", "gzip")
    dry.put(Upload(make_file("rss.xml", b"f", html), Reason.HASH))
    dry.delete([Delete("lama.html")])
    dry.put(Upload(make_file("gambar/a.jpg", b"i", Headers("image/jpeg", "x")), Reason.NEW))
    dry.put_raw(".deploy/manifest.json", b"{}", "application/json")
    assert inner.objects == {} and lines == []
    dry.close()
    assert lines == ["new      gambar/a.jpg", "hash     rss.xml", "delete   lama.html", "manifest .deploy/manifest.json"]
