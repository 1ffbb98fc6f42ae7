"""The REST API under load, on a real uvicorn server: work whose client went away is dropped, and the upload
budget serves requests in turn (a request that waits too long for its turn gets 503)."""

from __future__ import annotations

import io
import socket
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import numpy as np
import pytest
from PIL import Image

from tests._server import Server, running_server, upload_head


# -- a server that cannot be drowned -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def single_worker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    home = tmp_path_factory.mktemp("home")
    with running_server(["serve", "--workers", "1"], home=home, log=home / "server.log") as running:
        yield running


def big_png() -> bytes:
    """A 6000×4000 PNG (24 megapixels, small on the wire): a few tenths of a second of work per request."""
    y, x = np.mgrid[0:4000, 0:6000]
    pixels = np.stack([(x // 7) % 256, (y // 5) % 256, ((x + y) // 11) % 256], -1).astype(np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, "PNG", compress_level=1)
    return buffer.getvalue()


def test_work_whose_client_went_away_is_dropped(single_worker: Server, photos: Path) -> None:
    # 12 slow requests for one worker; their clients hang up while most of them still wait for it
    coffee = {"file": ("c.jpg", (photos / "coffee.jpg").read_bytes())}
    warm = httpx.post(f"{single_worker.url}/v1/classify", files=coffee, timeout=120)
    assert warm.status_code == 200  # the model is loaded: what follows only waits for the worker
    picture = big_png()
    started = time.monotonic()
    alone = httpx.post(f"{single_worker.url}/v1/classify", files={"file": ("big.png", picture)}, timeout=120)
    one = time.monotonic() - started  # one such request, from upload to answer, on this machine today
    assert alone.status_code == 200
    boundary = "b0undary"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.png"\r\n'
            "Content-Type: image/png\r\n\r\n"
        ).encode()
        + picture
        + f"\r\n--{boundary}--\r\n".encode()
    )
    address = urlsplit(single_worker.url)
    head = upload_head(single_worker, len(body), boundary=boundary)
    sockets = [socket.create_connection((address.hostname, address.port), timeout=30) for _ in range(12)]
    for sock in sockets:
        sock.sendall(head + body)
    # the server reads the uploads and queues the work; the clients hang up after about two requests' worth of it (a
    # fixed 1.5 s let 6 of the 12 run on a fast day of the test machine: on a faster one too few would be left)
    time.sleep(min(1.5, max(0.5, 2 * one)))
    for sock in sockets:
        sock.close()
    deadline = time.monotonic() + 60
    dropped = 0
    while time.monotonic() < deadline:
        dropped = single_worker.log.read_text().count("its client went away")
        if dropped >= 4:
            break
        time.sleep(0.5)
    log = single_worker.log.read_text()
    assert dropped >= 4, f"expected most of the abandoned work to be dropped, not run; server log:\n{log[-3000:]}"
    assert "dropped POST /v1/classify before it ran" in log
    # and the server is free for the next client
    answer = httpx.post(f"{single_worker.url}/v1/classify", files=coffee, timeout=60)
    assert answer.status_code == 200


def test_the_body_budget_serves_requests_in_turn() -> None:
    import anyio

    from opensight.serve._uploads import ByteBudget

    order: list[str] = []

    async def scenario() -> None:
        budget = ByteBudget(100)

        async def request(name: str, size: int, hold: float) -> None:
            taken = await budget.acquire(size)
            order.append(f"{name} in")
            await anyio.sleep(hold)
            order.append(f"{name} out")
            budget.release(taken)

        async with anyio.create_task_group() as group:
            group.start_soon(request, "a", 70, 0.2)
            await anyio.sleep(0.05)
            group.start_soon(request, "b", 60, 0)  # must wait for a
            await anyio.sleep(0.05)
            group.start_soon(request, "c", 20, 0)  # would fit beside a, but waits its turn behind b (no starvation)
            await anyio.sleep(0.05)
            with anyio.CancelScope() as scope:  # a client that gives up while waiting leaves no debt
                scope.cancel()
                await budget.acquire(50)
        assert budget.free == 100
        assert await budget.acquire(1000) == 100  # bigger than the budget: takes all of it, once alone

    with ThreadPoolExecutor(1) as thread:  # its own thread: a browser test may hold this thread's event loop
        thread.submit(anyio.run, scenario).result(timeout=60)
    assert order[:2] == ["a in", "a out"], order  # b and c both waited for a
    assert sorted(order[2:]) == ["b in", "b out", "c in", "c out"]


def test_a_request_that_waits_too_long_for_its_turn_gets_503() -> None:
    import anyio

    from opensight.serve._uploads import BodyLimit

    answers: dict[str, int] = {}

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        while (await receive()).get("more_body"):
            pass
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    limit = BodyLimit(app, max_bytes=1024, budget_bytes=1024, idle_timeout=5, queue_wait=0.5)

    async def client(name: str, release: anyio.Event) -> None:
        scope = {"type": "http", "method": "POST", "path": "/", "headers": [(b"content-length", b"1024")]}

        async def receive() -> dict[str, Any]:
            await release.wait()  # the body arrives only when the test says so
            return {"type": "http.request", "body": b"x" * 1024, "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                answers[name] = message["status"]

        await limit(scope, receive, send)

    async def scenario() -> None:
        first, never = anyio.Event(), anyio.Event()
        async with anyio.create_task_group() as group:
            group.start_soon(client, "holder", first)  # takes the whole budget, its body not sent yet
            await anyio.sleep(0.05)
            group.start_soon(client, "waiter", never)
            await anyio.sleep(1.5)  # the waiter has been answered 503 by now
            first.set()

    with ThreadPoolExecutor(1) as thread:  # its own thread: a browser test may hold this thread's event loop
        thread.submit(anyio.run, scenario).result(timeout=60)
    assert answers == {"holder": 200, "waiter": 503}
