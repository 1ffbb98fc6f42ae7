"""A real ``opensight serve`` in a child process on a free loopback port, and pictures to teach the Studio."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx
from PIL import Image, ImageEnhance, ImageOps

from tests.conftest import sample_photo


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class Server:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def client(self, **headers: str) -> httpx.Client:
        """An HTTP client for this server that sends ``X-Opensight: 1``, as the Studio's page does (the Studio
        refuses changes without it); pass ``X_Opensight=""`` to leave it out."""
        sent = {"X-Opensight": "1", **{name.replace("_", "-"): value for name, value in headers.items()}}
        return httpx.Client(base_url=self.url, headers={k: v for k, v in sent.items() if v}, timeout=60)


def upload_head(server: Server, length: int, *, token: str | None = None, boundary: str = "b") -> bytes:
    """The request line and headers of a raw multipart POST to /v1/classify announcing ``length`` body bytes."""
    auth = f"Authorization: Bearer {token}\r\n" if token else ""
    return (
        f"POST /v1/classify HTTP/1.1\r\nHost: 127.0.0.1:{urlsplit(server.url).port}\r\n{auth}"
        f"Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {length}\r\n\r\n"
    ).encode()


@contextmanager
def running_server(
    args: list[str], *, home: Path, log: Path, env: dict[str, str] | None = None, port: int | None = None
) -> Iterator[Server]:
    """Start ``opensight <args> --port P`` with its own data dir (on ``port``, or a free one); wait until /healthz
    answers; stop it after."""
    port = port or free_port()
    environment = {**os.environ, "OPENSIGHT_HOME": str(home), **(env or {})}
    with open(log, "ab") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "opensight", *args, "--port", str(port)],
            stdout=sink,
            stderr=subprocess.STDOUT,
            env=environment,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the server exited ({process.returncode}): {log.read_text()[-2000:]}")
            try:
                if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the server did not answer in 90 s: {log.read_text()[-2000:]}")
            time.sleep(0.2)
        yield Server(url=url, process=process, log=log)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_trained(http: httpx.Client, pid: str, *, seconds: float = 300) -> dict[str, object]:
    """The Studio project ``pid``'s training job once it is no longer running (fails after ``seconds``)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job: dict[str, object] = http.get(f"/studio/api/projects/{pid}/train").json()
        if job["state"] != "running":
            return job
        time.sleep(0.2)
    raise AssertionError(f"training did not finish in {seconds:g} s")


def teaching_pictures(folder: Path, per_class: int = 5) -> Path:
    """``folder/cat/*.jpg`` and ``folder/coffee/*.jpg``: crops, mirrors and exposures of two sample photos."""
    for label, name in (("cat", "chelsea"), ("coffee", "coffee")):
        photo = Image.fromarray(sample_photo(name))
        width, height = photo.size
        (folder / label).mkdir(parents=True, exist_ok=True)
        for i in range(per_class):
            crop = photo.crop((i * 8, i * 5, width - (per_class - 1 - i) * 10, height - i * 6))
            crop = ImageOps.mirror(crop) if i % 2 else crop
            crop = ImageEnhance.Brightness(crop).enhance(0.8 + 0.1 * i)
            crop.resize((crop.width // 2, crop.height // 2)).save(folder / label / f"{label}{i}.jpg", quality=85)
    return folder
