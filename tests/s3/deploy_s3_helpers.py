"""Reading a bucket back with plain boto3 and comparing it to the local tree."""
import gzip
from urllib.parse import unquote
from pathlib import Path

from siaran.deploy.config import DeployConfig
from siaran.deploy.headers import headers_for
from siaran.deploy.local import list_paths
from siaran.deploy.store import S3Store
from siaran.deploy.target import Target


def bucket_keys(client, bucket: str) -> set[str]:
    keys, token = set(), None
    while True:
        page = client.list_objects_v2(Bucket=bucket, **({"ContinuationToken": token} if token else {}))
        keys |= {item["Key"] for item in page.get("Contents", ())}
        if not page.get("IsTruncated"):
            return keys
        token = page["NextContinuationToken"]


def read_object(client, bucket: str, key: str) -> tuple[bytes, dict]:
    response = client.get_object(Bucket=bucket, Key=key)
    raw = response["Body"].read()
    body = gzip.decompress(raw) if response.get("ContentEncoding") == "gzip" else raw
    return body, response


def assert_bucket_matches(client, bucket: str, out: Path, config: DeployConfig = DeployConfig(),
                          redirects: dict[str, str] | None = None, prefix: str = "") -> None:
    """Every local file is in the bucket with its bytes and headers; nothing else is, except the
    manifest and the expected redirects (key -> location)."""
    redirects = redirects or {}
    pre = f"{prefix}/" if prefix else ""
    paths = list_paths(out, config)
    assert bucket_keys(client, bucket) == {pre + p for p in paths} | {pre + k for k in redirects} | {pre + config.manifest_key}
    for path in paths:
        body, response = read_object(client, bucket, pre + path)
        expected = headers_for(path, config)
        assert body == (out / path).read_bytes(), path
        assert (response["ContentType"], response.get("CacheControl"), response.get("ContentEncoding", "")) == \
            (expected.content_type, expected.cache_control, expected.content_encoding), path
    for key, location in redirects.items():
        body, response = read_object(client, bucket, pre + key)
        assert f'<meta http-equiv="refresh" content="0; url={location}">'.encode() in body, key
        assert f'<link rel="canonical" href="{location}">'.encode() in body, key
        assert response["ContentType"] == "text/html; charset=utf-8"
        # SeaweedFS 4.48 accepts but does not return x-amz-website-redirect-location; AWS, R2 and
        # MinIO do.  `recording_store` checks that we send it.
        assert response.get("WebsiteRedirectLocation", location) == location


def recording_store(target: Target) -> tuple[S3Store, list[dict]]:
    """An S3Store whose PutObject requests are recorded (key, headers) as sent on the wire."""
    store = S3Store(target)
    sent: list[dict] = []

    def record(request, **_):
        headers = {k.lower(): v.decode() if isinstance(v, bytes) else v for k, v in request.headers.items()}
        sent.append({"key": unquote(request.url.split(f"/{target.bucket}/", 1)[1].split("?", 1)[0]), **headers})
    store.client.meta.events.register("before-send.s3.PutObject", record)
    return store, sent


def sent_keys(sent: list[dict], manifest_key: str = ".deploy/manifest.json") -> list[str]:
    return sorted(s["key"] for s in sent if not s["key"].endswith(manifest_key))
