"""REST API under load: N concurrent clients for S seconds on /v1/classify with 640×480 JPEGs, against a real
server on loopback — opensight and the peer (FastAPI + torch eager, bench/_peer_api.py) side by side.

Prints a table and appends it to BENCHMARKS.md. Usage: python bench/api_load.py [--seconds 30] [--no-append]
"""

from __future__ import annotations

import argparse
import io
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

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


def measure(
    name: str, command: list[str], url: str, pictures: list[bytes], seconds: float
) -> list[tuple[Load, int, int]]:
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
        return results
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=30.0)
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
    )
    port = free_port()
    peer = measure(
        "peer",
        [python, str(ROOT / "bench" / "_peer_api.py"), str(port)],
        f"http://127.0.0.1:{port}",
        pictures,
        args.seconds,
    )
    mb = 1024 * 1024
    rows = [
        "| server | clients | requests/s | p50 | p99 | errors | server RSS before → after |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, results in (("peer (FastAPI + torch eager)", peer), ("opensight serve", ours)):
        for measured, before, after in results:
            rows.append(
                f"| {name} | {measured.clients} | {measured.rate:.1f} | {measured.p50_ms:.1f} ms | "
                f"{measured.p99_ms:.1f} ms | {measured.errors} of {measured.requests} | "
                f"{before / mb:.0f} → {after / mb:.0f} MB |"
            )
    ratios = [
        f"| {clients} client(s) | {o[0].rate / p[0].rate:.2f}× requests/s "
        f"| p50 {p[0].p50_ms / o[0].p50_ms:.2f}× faster |"
        for clients, o, p in zip((1, 8), ours, peer, strict=True)
    ]
    table = "\n".join(rows)
    body = (
        f"Load: {args.seconds:.0f} s per row of {len(pictures)} different 640×480 JPEGs (q=90) posted as multipart to "
        "`/v1/classify` on 127.0.0.1, clients in threads of this same process (keep-alive; so the 2 cores are "
        "shared by clients and server). Latency is measured by the client. Target: p50 ≤ 25 ms at 1 client, 0 "
        "errors, no RSS growth under load.\n\n"
        f"{table}\n\n| opensight vs peer | throughput | latency |\n|---|---|---|\n" + "\n".join(ratios)
    )
    print(body)
    if not args.no_append:
        append_benchmark("REST API under load (bench/api_load.py)", body)


if __name__ == "__main__":
    main()
