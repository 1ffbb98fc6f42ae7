"""REST API under load: N concurrent clients for S seconds on /v1/classify with 640×480 JPEGs, against a real
server on loopback — opensight and the peer (FastAPI + torch eager, bench/_peer_api.py) side by side. Then a
flood: 60 clients each post one maximum-size (20 MB) upload at the same moment, once waiting for the answers
(server RSS before / peak / after, p99) and once hanging up after 10 s (how long the server stays busy after).

Prints tables and appends them to BENCHMARKS.md.
Usage: python bench/api_load.py [--seconds 30] [--flood-clients 60] [--no-append]
"""

from __future__ import annotations

import argparse
import io
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import numpy as np
import psutil
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests._server import free_port

from _common import ROOT, _sample, append_benchmark

SAMPLE_NAMES = ("chelsea", "coffee", "rocket", "astronaut", "stereo_motorcycle")


def jpegs(count: int = 20) -> list[bytes]:
    """640×480 JPEGs (q=90) cut from the sample photos at different places."""
    found = []
    for i in range(count):
        photo = Image.fromarray(_sample(SAMPLE_NAMES[i % len(SAMPLE_NAMES)])).resize((960, 720))
        left, top = (i * 37) % 320, (i * 23) % 240
        buffer = io.BytesIO()
        photo.crop((left, top, left + 640, top + 480)).save(buffer, "JPEG", quality=90)
        found.append(buffer.getvalue())
    return found


def start(command: list[str], url: str) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=os.environ.copy())
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError(f"{' '.join(command)} did not start: {process.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]


def rss(process: subprocess.Popen[bytes]) -> int:
    watched = psutil.Process(process.pid)
    return watched.memory_info().rss + sum(c.memory_info().rss for c in watched.children(recursive=True))


@dataclass
class Load:
    clients: int
    requests: int
    errors: int
    seconds: float
    p50_ms: float
    p99_ms: float

    @property
    def rate(self) -> float:
        return self.requests / self.seconds


def load(url: str, pictures: list[bytes], *, clients: int, seconds: float) -> Load:
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors = [0] * clients
    stop = time.monotonic() + seconds

    def client(number: int) -> None:
        with httpx.Client(base_url=url, timeout=60) as http:
            i = number
            while time.monotonic() < stop:
                began = time.perf_counter()
                try:
                    answer = http.post("/v1/classify", files={"file": (f"{i}.jpg", pictures[i % len(pictures)])})
                    ok = answer.status_code == 200
                except httpx.HTTPError:
                    ok = False
                latencies[number].append(time.perf_counter() - began)
                errors[number] += 0 if ok else 1
                i += clients

    began = time.monotonic()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    flat = np.array([x for per in latencies for x in per]) * 1000
    return Load(
        clients, len(flat), sum(errors), elapsed, float(np.percentile(flat, 50)), float(np.percentile(flat, 99))
    )


MAX_UPLOAD = 20 * 1024 * 1024  # the default --max-upload-mb
HANG_UP_AFTER = 10.0


def flood_upload(size: int = MAX_UPLOAD - 4096) -> bytes:
    """A 6000×4000 PNG (24 megapixels: a full decode, ~0.4 s of work) followed by zeros after its end, ``size``
    bytes in all (just under the default limit with the multipart framing): every byte must be received."""
    y, x = np.mgrid[0:4000, 0:6000]
    pixels = np.stack([(x // 7) % 256, (y // 5) % 256, ((x + y) // 11) % 256], -1).astype(np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, "PNG", compress_level=1)
    return buffer.getvalue() + bytes(size - len(buffer.getvalue()))


@dataclass
class Flood:
    clients: int
    statuses: dict[str, int]
    p50_ms: float
    p99_ms: float
    rss_before: int
    rss_peak: int
    rss_after: int
    busy_after_s: float  # how long the server kept working after the last client finished or hung up
    cpu_after_s: float  # the server's CPU seconds in that time


def hang_up_post(url: str, upload: bytes, seconds: float) -> str:
    """POST ``upload`` on a raw socket and hang up ``seconds`` after starting, answered or not."""
    address = urlsplit(url)
    boundary = "fl00d"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.png"\r\n\r\n'.encode()
        + upload
        + f"\r\n--{boundary}--\r\n".encode()
    )
    head = (
        f"POST /v1/classify HTTP/1.1\r\nHost: {address.netloc}\r\n"
        f"Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode()
    end = time.monotonic() + seconds
    try:
        with socket.create_connection((address.hostname, address.port), timeout=seconds) as sock:
            sock.sendall(head)
            view = memoryview(body)
            while view and time.monotonic() < end:
                sock.settimeout(max(0.01, end - time.monotonic()))
                view = view[sock.send(view[: 256 * 1024]) :]
            if not view:
                sock.settimeout(max(0.01, end - time.monotonic()))
                first = sock.recv(64)
                return first.split(b" ")[1].decode() if first.startswith(b"HTTP/") else "hung up"
    except OSError:  # includes the timeouts: the client gives up
        pass
    return "hung up"


def until_idle(watched: psutil.Process, limit: float = 180.0) -> tuple[float, float]:
    """Seconds until the server uses under 5% of a core over a second (at most ``limit``), and its CPU seconds
    in that time."""
    began = time.monotonic()
    start_cpu = last = sum(watched.cpu_times()[:2])
    while time.monotonic() - began < limit:
        time.sleep(1.0)
        now = sum(watched.cpu_times()[:2])
        if now - last < 0.05:
            return time.monotonic() - began - 1.0, now - start_cpu
        last = now
    return limit, sum(watched.cpu_times()[:2]) - start_cpu


def flood(process: subprocess.Popen[bytes], url: str, upload: bytes, *, clients: int, hang_up: bool) -> Flood:
    """``clients`` threads post one ``upload`` each at the same moment, and wait for the answer (``hang_up``:
    hang up after :data:`HANG_UP_AFTER` seconds). The server's RSS (with its children) is sampled every 20 ms."""
    watched = psutil.Process(process.pid)
    before = rss(process)
    peak = before
    sampling = True

    def sample() -> None:
        nonlocal peak
        while sampling:
            peak = max(peak, rss(process))
            time.sleep(0.02)

    statuses: list[str] = []
    latencies: list[float] = []
    barrier = threading.Barrier(clients)

    def client(number: int) -> None:
        barrier.wait()
        began = time.perf_counter()
        if hang_up:
            statuses.append(hang_up_post(url, upload, HANG_UP_AFTER))
        else:
            try:
                with httpx.Client(base_url=url, timeout=600) as http:
                    answer = http.post("/v1/classify", files={"file": (f"{number}.png", upload)})
                statuses.append(str(answer.status_code))
            except httpx.HTTPError as error:
                statuses.append(type(error).__name__)
        latencies.append(time.perf_counter() - began)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    busy, cpu = until_idle(watched)
    sampling = False
    sampler.join()
    flat = np.array(latencies) * 1000
    return Flood(
        clients=clients,
        statuses={status: statuses.count(status) for status in sorted(set(statuses))},
        p50_ms=float(np.percentile(flat, 50)),
        p99_ms=float(np.percentile(flat, 99)),
        rss_before=before,
        rss_peak=peak,
        rss_after=rss(process),
        busy_after_s=busy,
        cpu_after_s=cpu,
    )


@dataclass
class Measured:
    loads: list[tuple[Load, int, int]]
    floods: list[Flood]


def measure(
    name: str, command: list[str], url: str, pictures: list[bytes], seconds: float, flood_clients: int
) -> Measured:
    process = start(command, url)
    try:
        load(url, pictures, clients=2, seconds=3)  # warm up: first requests load the model
        results = []
        for clients in (1, 8):
            before = rss(process)
            measured = load(url, pictures, clients=clients, seconds=seconds)
            results.append((measured, before, rss(process)))
            print(
                f"{name}: {clients} client(s): {measured.rate:.1f} req/s, p50 {measured.p50_ms:.1f} ms, "
                f"p99 {measured.p99_ms:.1f} ms, {measured.errors} errors",
                flush=True,
            )
        floods = []
        upload = flood_upload()
        for hang_up in (False, True):
            flooded = flood(process, url, upload, clients=flood_clients, hang_up=hang_up)
            floods.append(flooded)
            print(f"{name}: flood ({'hang up' if hang_up else 'wait'}): {flooded}", flush=True)
        return Measured(results, floods)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=30.0, help="seconds per load row (default 30)")
    parser.add_argument("--flood-clients", type=int, default=60, help="clients in the upload flood (default 60)")
    parser.add_argument("--no-append", action="store_true")
    args = parser.parse_args()
    pictures = jpegs()
    python = sys.executable
    port = free_port()
    ours = measure(
        "opensight",
        [python, "-m", "opensight", "serve", "--port", str(port)],
        f"http://127.0.0.1:{port}",
        pictures,
        args.seconds,
        args.flood_clients,
    )
    port = free_port()
    peer = measure(
        "peer",
        [python, str(ROOT / "bench" / "_peer_api.py"), str(port)],
        f"http://127.0.0.1:{port}",
        pictures,
        args.seconds,
        args.flood_clients,
    )
    mb = 1024 * 1024
    rows = [
        "| server | clients | requests/s | p50 | p99 | errors | server RSS before → after |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, measured_server in (("peer (FastAPI + torch eager)", peer), ("opensight serve", ours)):
        for measured, before, after in measured_server.loads:
            rows.append(
                f"| {name} | {measured.clients} | {measured.rate:.1f} | {measured.p50_ms:.1f} ms | "
                f"{measured.p99_ms:.1f} ms | {measured.errors} of {measured.requests} | "
                f"{before / mb:.0f} → {after / mb:.0f} MB |"
            )
    ratios = [
        f"| {clients} client(s) | {o[0].rate / p[0].rate:.2f}× requests/s "
        f"| p50 {p[0].p50_ms / o[0].p50_ms:.2f}× faster |"
        for clients, o, p in zip((1, 8), ours.loads, peer.loads, strict=True)
    ]
    flood_rows = [
        "| server | clients | answers | p50 | p99 | server RSS before → peak → after | "
        "server busy after the clients had gone |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, measured_server in (("peer (FastAPI + torch eager)", peer), ("opensight serve", ours)):
        hows = ("wait for the answer", f"hang up after {HANG_UP_AFTER:g} s")
        for flooded, how in zip(measured_server.floods, hows, strict=True):
            answers = ", ".join(f"{count} × {status}" for status, count in flooded.statuses.items())
            flood_rows.append(
                f"| {name} | {flooded.clients}, {how} | {answers} | {flooded.p50_ms / 1000:.1f} s | "
                f"{flooded.p99_ms / 1000:.1f} s | {flooded.rss_before / mb:.0f} → {flooded.rss_peak / mb:.0f} → "
                f"{flooded.rss_after / mb:.0f} MB | {flooded.busy_after_s:.0f} s ({flooded.cpu_after_s:.1f} CPU-s) |"
            )
    table = "\n".join(rows)
    body = (
        f"Load: {args.seconds:.0f} s per row of {len(pictures)} different 640×480 JPEGs (q=90) posted as multipart to "
        "`/v1/classify` on 127.0.0.1, clients in threads of this same process (keep-alive; so the 2 cores are "
        "shared by clients and server). Latency is measured by the client. Target: p50 ≤ 25 ms at 1 client, 0 "
        "errors, no RSS growth under load.\n\n"
        f"{table}\n\n| opensight vs peer | throughput | latency |\n|---|---|---|\n" + "\n".join(ratios) + "\n\n"
        f"Flood: {args.flood_clients} clients each post one maximum-size upload at the same moment to "
        "`/v1/classify`: a 6000×4000 PNG (24 megapixels, a full decode) padded to just under the default 20 MB "
        f"limit; once waiting for the answers, once hanging up {HANG_UP_AFTER:g} s after starting. RSS is the "
        'server\'s (with its children), sampled every 20 ms. "Busy after": until the server used under 5% of '
        "a core for a second. opensight reads bodies only while they fit in a shared budget (80 MB by default) "
        "and drops queued work whose client has gone.\n\n" + "\n".join(flood_rows)
    )
    print(body)
    if not args.no_append:
        append_benchmark("REST API under load (bench/api_load.py)", body)


if __name__ == "__main__":
    main()
