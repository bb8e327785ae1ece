"""Object stores the pipeline talks to.  `S3Store` is the real one (boto3; endpoint, region and
credentials from the standard AWS environment/chain).  `DryRunStore` wraps any store: reads pass
through, writes only print their plan line, so dry-run follows the exact same code path.
`MemoryStore` is an in-process bucket for tests without a server."""
from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Callable, Protocol

from .messages import DeployError
from .plan import Delete, RemoteObject, Upload
from .target import Target

HASH_METADATA = "siaran-hash"
"""User metadata carrying each object's fingerprint: the fallback when the manifest is stale."""
REDIRECT_METADATA = "siaran-redirect"
"""User metadata repeating a redirect object's location: not every S3 server returns
x-amz-website-redirect-location (SeaweedFS does not), and a lost manifest is rebuilt from it."""


@dataclass(frozen=True)
class ObjectMeta:
    """What one HEAD request tells us about an object we uploaded."""

    hash: str | None
    redirect: str = ""


class TransientError(Exception):
    """A failure worth retrying (5xx, throttling, connection); carries the error to raise if the
    retries run out."""

    def __init__(self, final: DeployError):
        super().__init__(str(final))
        self.final = final


class Store(Protocol):
    def list(self) -> dict[str, RemoteObject]: ...
    def get(self, path: str) -> bytes | None: ...
    def head(self, path: str) -> ObjectMeta | None: ...
    def put(self, upload: Upload) -> None: ...
    def put_raw(self, path: str, body: bytes, content_type: str) -> None: ...
    def delete(self, deletes: list[Delete]) -> None: ...
    def close(self) -> None: ...


_RETRY_CODES = {
    "Throttling", "ThrottlingException", "SlowDown", "RequestTimeout", "RequestLimitExceeded",
    "TooManyRequests", "InternalError", "ServiceUnavailable",
}
_CREDENTIAL_CODES = {
    "InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied", "InvalidToken", "ExpiredToken",
    "InvalidClientTokenId", "AuthorizationHeaderMalformed",
}


class S3Store:
    def __init__(self, target: Target, workers: int = 8, client=None):
        self.target, self.workers = target, workers
        self._client, self._lock = client, threading.Lock()

    @property
    def client(self):
        """Created on first use: importing botocore and building a client takes ~0.3 s, which the
        pipeline overlaps with the local walk by listing from a background thread."""
        with self._lock:
            if self._client is None:
                import botocore.session  # not boto3: it drags in s3transfer, +0.2 s per run
                from botocore.config import Config

                # Retries are ours (apply.retrying): one backoff policy for every request, and an
                # unreachable endpoint fails with one clear line.
                session = botocore.session.get_session()
                # LastModified is never used; parsing 1000 timestamps per listing page with
                # dateutil is a third of the listing's CPU time.
                session.get_component("response_parser_factory").set_parser_defaults(timestamp_parser=str)
                self._client = session.create_client("s3", config=Config(
                    retries={"max_attempts": 1, "mode": "standard"},
                    connect_timeout=5, read_timeout=60, max_pool_connections=max(10, self.workers * 2),
                    # Content-MD5/ETag already guard integrity; an extra CRC32 per body costs CPU
                    request_checksum_calculation="when_required", response_checksum_validation="when_required",
                ))
            return self._client

    @property
    def endpoint(self) -> str:
        return self.client.meta.endpoint_url

    # -- error translation: every botocore failure becomes DeployError or TransientError ----------
    def _translate(self, exc: Exception, op: str, key: str) -> Exception:
        from botocore import exceptions as bx

        if isinstance(exc, bx.NoCredentialsError | bx.PartialCredentialsError):
            return DeployError("no_credentials")
        if isinstance(exc, bx.ClientError):
            error = exc.response.get("Error", {})
            code = str(error.get("Code", ""))
            status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
            if code == "RequestTimeTooSkewed":  # retrying cannot fix a wrong clock
                return DeployError("clock_skew", endpoint=self.endpoint)
            if code in _CREDENTIAL_CODES or status == 403:
                return DeployError("credentials", endpoint=self.endpoint, code=code or status)
            if code == "NoSuchBucket":
                return DeployError("no_bucket", bucket=self.target.bucket, endpoint=self.endpoint)
            final = DeployError("storage", op=op, key=key, code=code or status, detail=error.get("Message", ""))
            if code in _RETRY_CODES or status >= 500 or status == 429:
                return TransientError(final)
            return final
        if isinstance(exc, bx.EndpointConnectionError | bx.ConnectionError | bx.HTTPClientError | ConnectionError):
            detail = type(exc).__name__
            return TransientError(DeployError("unreachable", endpoint=self.endpoint, detail=detail))
        return exc

    def _call(self, op: str, key: str, fn: Callable, **kwargs):
        try:
            return fn(Bucket=self.target.bucket, **kwargs)
        except Exception as exc:  # translated, or re-raised unchanged if unknown
            translated = self._translate(exc, op, key)
            if translated is exc:
                raise
            raise translated from None

    def close(self) -> None:
        if self._client is not None:
            self._client.close()

    # -- reads ------------------------------------------------------------------------------------
    def list(self) -> dict[str, RemoteObject]:
        objects, token = {}, None
        while True:
            extra = {"ContinuationToken": token} if token else {}
            page = self._call("list", self.target.list_prefix, self.client.list_objects_v2,
                              Prefix=self.target.list_prefix, **extra)
            for item in page.get("Contents", ()):
                path = self.target.relative(item["Key"])
                if path and not path.endswith("/"):  # folder markers are not objects we manage
                    objects[path] = RemoteObject(item["Size"], item.get("ETag", ""))
            if not page.get("IsTruncated"):
                return objects
            token = page["NextContinuationToken"]

    def get(self, path: str) -> bytes | None:
        def read(**kwargs) -> bytes:  # the body is streamed: read it inside the translated call
            return self.client.get_object(**kwargs)["Body"].read()

        try:
            return self._call("get", path, read, Key=self.target.key(path))
        except DeployError as exc:
            if exc.fields.get("code") in ("NoSuchKey", 404):
                return None
            raise

    def head(self, path: str) -> ObjectMeta | None:
        try:
            response = self._call("head", path, self.client.head_object, Key=self.target.key(path))
        except DeployError as exc:
            if exc.fields.get("code") in ("NoSuchKey", "404", 404):
                return None
            raise
        metadata = response.get("Metadata", {})
        return ObjectMeta(metadata.get(HASH_METADATA),
                          response.get("WebsiteRedirectLocation") or metadata.get(REDIRECT_METADATA, ""))

    # -- writes -----------------------------------------------------------------------------------
    def put(self, upload: Upload) -> None:
        file, headers = upload.file, upload.file.headers
        extra = {"ContentEncoding": headers.content_encoding} if headers.content_encoding else {}
        metadata = {HASH_METADATA: file.hash}
        if headers.redirect:
            extra["WebsiteRedirectLocation"] = headers.redirect
            metadata[REDIRECT_METADATA] = headers.redirect
        self._call("put", file.path, self.client.put_object, Key=self.target.key(file.path), Body=file.body,
                   ContentType=headers.content_type, CacheControl=headers.cache_control,
                   Metadata=metadata, **extra)

    def put_raw(self, path: str, body: bytes, content_type: str) -> None:
        self._call("put", path, self.client.put_object, Key=self.target.key(path), Body=body,
                   ContentType=content_type, CacheControl="no-store")

    def delete(self, deletes: list[Delete]) -> None:
        keys = [{"Key": self.target.key(d.path)} for d in deletes]
        response = self._call("delete", deletes[0].path, self.client.delete_objects,
                              Delete={"Objects": keys, "Quiet": True})
        for error in response.get("Errors", ()):
            final = DeployError("storage", op="delete", key=error.get("Key"), code=error.get("Code"),
                                detail=error.get("Message", ""))
            raise TransientError(final) if error.get("Code") in _RETRY_CODES else final


class DryRunStore:
    """No-write wrapper: reads go to the real store, writes are collected as plan lines."""

    def __init__(self, inner: Store, echo: Callable[[str], None] = print):
        self.inner, self.echo = inner, echo
        self.lines: list[tuple[tuple, str]] = []
        self._lock = threading.Lock()

    def list(self) -> dict[str, RemoteObject]:
        return self.inner.list()

    def get(self, path: str) -> bytes | None:
        return self.inner.get(path)

    def head(self, path: str) -> ObjectMeta | None:
        return self.inner.head(path)

    def _record(self, order: tuple, line: str) -> None:
        with self._lock:
            self.lines.append((order, line))

    def put(self, upload: Upload) -> None:
        self._record((0, upload.group, upload.file.path), str(upload))

    def put_raw(self, path: str, body: bytes, content_type: str) -> None:
        # One line per key: the claim written before the uploads and the final manifest are
        # the same object, and the line says what the bucket ends with.
        line = f"{'manifest':<8} {path}"
        with self._lock:
            if ((2, 0, path), line) not in self.lines:
                self.lines.append(((2, 0, path), line))

    def delete(self, deletes: list[Delete]) -> None:
        for action in deletes:
            self._record((1, 0, action.path), str(action))

    def close(self) -> None:
        """Print the collected lines in plan order (uploads ran in a pool, so arrival order is
        not plan order), then close the real store."""
        for _, line in sorted(self.lines):
            self.echo(line)
        self.lines.clear()
        self.inner.close()


class MemoryStore:
    """A bucket in a dict, with the same ETag rule as S3 (MD5 of the body).  `requests` records
    every request in arrival order as (operation, path)."""

    def __init__(self):
        self.objects: dict[str, tuple[bytes, dict]] = {}
        self.puts: list[str] = []
        self.requests: list[tuple[str, str]] = []
        self._lock = threading.Lock()

    def _log(self, op: str, path: str) -> None:
        with self._lock:
            self.requests.append((op, path))

    @property
    def heads(self) -> list[str]:
        return [path for op, path in self.requests if op == "head"]

    def list(self) -> dict[str, RemoteObject]:
        import hashlib

        self._log("list", "")
        return {p: RemoteObject(len(b), hashlib.md5(b).hexdigest()) for p, (b, _) in self.objects.items()}

    def get(self, path: str) -> bytes | None:
        self._log("get", path)
        return self.objects[path][0] if path in self.objects else None

    def head(self, path: str) -> ObjectMeta | None:
        self._log("head", path)
        if path not in self.objects:
            return None
        metadata = self.objects[path][1]
        headers = metadata.get("headers")
        return ObjectMeta(metadata.get(HASH_METADATA), headers.redirect if headers else "")

    def put(self, upload: Upload) -> None:
        body = upload.file.body
        with self._lock:
            self.objects[upload.file.path] = (body, {HASH_METADATA: upload.file.hash, "headers": upload.file.headers})
            self.puts.append(upload.file.path)
            self.requests.append(("put", upload.file.path))

    def put_raw(self, path: str, body: bytes, content_type: str) -> None:
        with self._lock:
            self.objects[path] = (body, {"content_type": content_type})
            self.requests.append(("put", path))

    def delete(self, deletes: list[Delete]) -> None:
        with self._lock:
            for action in deletes:
                self.requests.append(("delete", action.path))
                self.objects.pop(action.path, None)

    def close(self) -> None:
        pass
