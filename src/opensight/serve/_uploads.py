"""What the server accepts: a body-size cap enforced while the body arrives, and pictures recognised by their
content (never their file name), checked for size before a pixel is decoded.

>>> kind_of_upload(b"%PDF-1.7 ...")
'it looks like a PDF document'
"""

from __future__ import annotations

import io
import math
import warnings
from collections import deque
from dataclasses import dataclass
from typing import Any

import anyio
from PIL import Image, UnidentifiedImageError

from opensight._errors import UploadError
from opensight._text import megapixels
from opensight.inputs import image_kind, is_text, max_pixels
from opensight.serve._guard import send_refusal

#: Default cap on one request body (20 MB): bigger uploads get 413 before they are read.
DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024

_OTHER_KINDS = {
    b"%PDF": "it looks like a PDF document",
    b"PK\x03\x04": "it looks like a ZIP archive or an Office document",
    b"ID3": "it looks like MP3 audio",
    b"OggS": "it looks like Ogg audio",
    b"fLaC": "it looks like FLAC audio",
    b"\x1f\x8b": "it looks like a gzip archive",
    b"\x7fELF": "it looks like a program",
}


def kind_of_upload(head: bytes) -> str:
    """In words, what an upload looks like (for the 415 messages).

    >>> kind_of_upload(b"\\xff\\xd8\\xff\\xe0")
    'it looks like a JPEG picture'
    """
    picture = image_kind(head)
    if picture is not None:
        return f"it looks like a {picture} picture"
    for magic, kind in _OTHER_KINDS.items():
        if head.startswith(magic):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "it looks like WAV audio"
    if head[4:8] == b"ftyp":
        return "it looks like an MP4/MOV video"
    stripped = head.lstrip().lower()
    if stripped.startswith((b"<!doctype", b"<html", b"<?xml", b"<svg")):
        return "it looks like HTML, XML or SVG text"
    if stripped.startswith((b"{", b"[")):
        return "it looks like JSON text"
    if is_text(head):
        return "it looks like plain text"
    return "its content matches no format opensight knows"


@dataclass(frozen=True)
class Picture:
    """An uploaded picture, identified from its bytes, still undecoded (``image`` is lazy)."""

    name: str
    image: Image.Image


@dataclass(frozen=True)
class Wording:
    """How refusals of an upload are said: to a program (the REST API) or to a person who chose a file (the
    Studio). ``{kind}``, ``{looks}`` and ``{error}`` are filled in."""

    empty: str
    damaged: str  # a picture's header, then data that cannot be read
    corrupt: str  # a picture the decoder gave up on, with its reason
    not_picture: str


#: The REST API's words: for programs ("send the bytes as the 'file' field").
API_WORDING = Wording(
    empty="the uploaded file is empty (0 bytes); send the picture's bytes as the 'file' field",
    damaged="this looks like a {kind} picture but its data is corrupt; send it again",
    corrupt="the picture's data is corrupt ({error}); send it again",
    not_picture="the upload is not a picture ({looks}, judged from its content, not its name); "
    "send a JPEG, PNG, WebP, GIF, BMP or TIFF",
)
#: What the Studio accepts, for its sentences (the same formats :func:`open_picture` and the project store know).
STUDIO_FORMATS = "JPEG, PNG, WebP, HEIC, AVIF, GIF, BMP or TIFF"
#: The Studio's words: for a person who chose a file.
STUDIO_WORDING = Wording(
    empty="this file is empty (0 bytes); choose the picture again",
    damaged="this looks like a {kind} picture but its data is damaged; copy or download it again",
    corrupt="the picture's data is corrupt ({error}); copy or download it again",
    not_picture=f"this file is not a picture ({{looks}}); choose a {STUDIO_FORMATS} picture",
)


def open_picture(data: bytes, name: str, *, wording: Wording = API_WORDING) -> Picture:
    """Recognise ``data`` as a picture by its content and check its pixel count, without decoding it.

    Raises :class:`UploadError`: 400 for an empty or corrupt picture, 413 for too many pixels, 415 for
    anything that is not a picture, said in ``wording``.
    """
    if not data:
        raise UploadError(400, wording.empty)
    head = data[:16]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError:
        raise UploadError(413, _too_many_pixels(None, max_pixels())) from None
    except UnidentifiedImageError:
        kind = image_kind(head)
        if kind is not None:
            raise UploadError(400, wording.damaged.format(kind=kind)) from None
        raise UploadError(415, wording.not_picture.format(looks=kind_of_upload(head))) from None
    except (OSError, SyntaxError, ValueError) as error:
        raise UploadError(400, wording.corrupt.format(error=error)) from None
    width, height = image.size
    limit = max_pixels()
    if width * height > limit:
        raise UploadError(413, _too_many_pixels((width, height), limit))
    return Picture(name=name or "upload", image=image)


def open_studio_picture(data: bytes, name: str) -> Picture:
    """:func:`open_picture` for the Studio's page: the same checks, its refusals in words for a person who chose
    a file (the REST API's words are for programs: "send the bytes as the 'file' field").

    >>> open_studio_picture(b"", "IMG_1.jpg")
    Traceback (most recent call last):
    opensight._errors.UploadError: this file is empty (0 bytes); choose the picture again
    """
    return open_picture(data, name, wording=STUDIO_WORDING)


def _too_many_pixels(size: tuple[int, int] | None, limit: int) -> str:
    said = f"{size[0]}×{size[1]} = {megapixels(size[0] * size[1])}" if size else "too many pixels"
    return (
        f"the picture is too big ({said}; the limit is {megapixels(limit)}); scale it down, "
        "or start the server with a higher OPENSIGHT_MAX_PIXELS"
    )


class _RefusedError(Exception):
    """Raised inside ``receive`` to stop the app: the body is too big or stopped arriving."""


class ByteBudget:
    """The request-body bytes the server holds at once, shared by every request: a request with a body waits
    (first come, first served) until its size fits, and gives its share back when its answer has gone. So 60
    clients sending 20 MB at once are read a few at a time, and memory stays bounded whatever the load.

    >>> import anyio, threading  # (a thread of its own: the doctest may run where an event loop is running)
    >>> budget = ByteBudget(100)
    >>> worker = threading.Thread(target=anyio.run, args=(budget.acquire, 60))
    >>> worker.start(); worker.join()
    >>> budget.free
    40
    """

    def __init__(self, total: int) -> None:
        self.total = total
        self.free = total
        self._waiting: deque[tuple[int, anyio.Event]] = deque()

    async def acquire(self, amount: int) -> int:
        """Wait until ``amount`` bytes (at most the whole budget) are free and take them; returns what was taken
        (give exactly that back to :meth:`release`)."""
        amount = max(0, min(amount, self.total))
        if not self._waiting and amount <= self.free:
            self.free -= amount
            return amount
        entry = (amount, anyio.Event())
        self._waiting.append(entry)
        try:
            await entry[1].wait()
        except BaseException:  # cancelled while waiting: leave the queue, or hand back what was just granted
            if any(waiting is entry for waiting in self._waiting):
                self._waiting.remove(entry)
                self._wake()
            else:
                self.release(amount)
            raise
        return amount

    def release(self, amount: int) -> None:
        """Give back bytes taken by :meth:`acquire`; wakes the requests next in line that now fit."""
        self.free += amount
        self._wake()

    def _wake(self) -> None:
        while self._waiting and self._waiting[0][0] <= self.free:
            amount, event = self._waiting.popleft()
            self.free -= amount
            event.set()


class BodyLimit:
    """ASGI middleware for request bodies:

    - over ``max_bytes``: 413, from the Content-Length header when there is one (before reading a byte), else
      while the body streams in (so a chunked upload cannot fill memory or the disk either);
    - a body starts to be read only when it fits in the shared :class:`ByteBudget` (``budget_bytes``; its size
      from Content-Length, or ``max_bytes`` when the length is not declared), so the bodies held in memory across
      all requests stay under the budget; the others wait, unread, in their connections;
    - a body that sends nothing for ``idle_timeout`` seconds gets 408 and its connection is closed; so does one
      that, after its first ``idle_timeout`` seconds, has arrived at under :data:`MIN_UPLOAD_RATE` on average (a
      client that drips a few bytes at a time — a "slowloris" — cannot hold its share of the budget for long);
    - a request that waited ``queue_wait`` seconds (default :func:`queue_timeout`) for its turn gets 503 ("busy,
      try again"), so a client never waits without an answer.
    """

    def __init__(
        self,
        app: Any,
        *,
        max_bytes: int,
        budget_bytes: int | None = None,
        idle_timeout: float = 30.0,
        queue_wait: float | None = None,
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.budget = ByteBudget(max(budget_bytes or default_budget(max_bytes), max_bytes))
        self.idle_timeout = idle_timeout
        self.queue_wait = queue_timeout(idle_timeout) if queue_wait is None else queue_wait

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await send_refusal(send, 413, self._too_large(scope))
            return
        if declared is not None and declared.isdigit():
            size = int(declared)
        else:
            size = self.max_bytes if b"transfer-encoding" in headers else 0
        if size == 0:  # no body: nothing to hold, nothing to wait for
            await self.app(scope, receive, send)
            return
        granted: int | None = None
        with anyio.move_on_after(self.queue_wait):
            granted = await self.budget.acquire(size)
        if granted is None:
            await send_refusal(send, 503, _BUSY, [(b"retry-after", b"10")])
            return
        try:
            await self._run(scope, receive, send)
        finally:
            self.budget.release(granted)

    async def _run(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        received = 0
        body_done = started = False
        refusal: tuple[int, str] | None = None
        began = anyio.current_time()

        async def guarded_receive() -> Any:
            nonlocal received, body_done, refusal
            if body_done:  # after the body, receive() only waits for the client to go: no time limit
                return await receive()
            with anyio.move_on_after(self.idle_timeout):
                message = await receive()
                if message.get("type") == "http.request":
                    received += len(message.get("body", b""))
                    body_done = not message.get("more_body", False)
                    if received > self.max_bytes:
                        refusal = (413, self._too_large(scope))
                        raise _RefusedError
                    elapsed = anyio.current_time() - began
                    if not body_done and elapsed > self.idle_timeout and received < MIN_UPLOAD_RATE * elapsed:
                        refusal = (408, _too_slow(received, elapsed))
                        raise _RefusedError
                else:
                    body_done = True
                return message
            refusal = (
                408,
                f"the upload stopped arriving (nothing for {self.idle_timeout:g} s); the connection is closed. "
                "Send the request again",
            )
            raise _RefusedError

        async def guarded_send(message: Any) -> None:
            nonlocal started
            if refusal is not None:  # the app turned our exception into its own error response: answer ours
                if message.get("type") == "http.response.start" and not started:
                    started = True
                    await send_refusal(send, *refusal)
                return
            if message.get("type") == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, guarded_receive, guarded_send)
        except _RefusedError:
            if not started and refusal is not None:
                await send_refusal(send, *refusal)

    def _too_large(self, scope: dict[str, Any]) -> str:
        limit = self.max_bytes / (1024 * 1024)
        path = str(scope.get("path", ""))
        if path.startswith("/studio/") and path.endswith(("/pictures", "/predict")):
            bigger = 50 if limit < 50 else 2 * math.ceil(limit)  # the Studio's page: a person chose the picture
            added = "; it was not added" if path.endswith("/pictures") else ""
            return (
                f"this file is bigger than the {limit:g} MB the Studio accepts{added} (start `opensight studio` "
                f"or `serve` with --max-upload-mb {bigger} to accept bigger ones)"
            )
        return (
            f"the upload is bigger than this server's limit of {limit:g} MB; send a smaller file "
            "(or start the server with a higher --max-upload-mb)"
        )


#: The slowest average upload accepted once a body has been arriving for the body timeout (64 KB/s, 512 kbit/s).
MIN_UPLOAD_RATE = 64 * 1024
_BUSY = "the server is busy receiving other uploads and could not take this one in time; try again in a few seconds"


def queue_timeout(idle_timeout: float) -> float:
    """How long a request may wait for its turn in the body budget: twice the body timeout, at least a minute.

    >>> queue_timeout(30.0)
    60.0
    """
    return max(60.0, 2 * idle_timeout)


def _too_slow(received: int, elapsed: float) -> str:
    return (
        f"the upload is arriving too slowly ({received / 1024:.0f} KB in {elapsed:.0f} s, under "
        f"{MIN_UPLOAD_RATE // 1024} KB/s); the connection is closed. Send it again over a faster connection"
    )


def default_budget(max_bytes: int) -> int:
    """The default :class:`ByteBudget`: four maximum-size uploads, at least 64 MB (80 MB with the 20 MB limit).

    >>> default_budget(DEFAULT_MAX_UPLOAD_BYTES) // (1024 * 1024)
    80
    """
    return max(4 * max_bytes, 64 * 1024 * 1024)
