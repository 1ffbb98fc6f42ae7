"""What the server accepts: a body-size cap enforced while the body arrives, and pictures recognised by their
content (never their file name), checked for size before a pixel is decoded.

>>> kind_of_upload(b"%PDF-1.7 ...")
'it looks like a PDF document'
"""

from __future__ import annotations

import io
import json
import warnings
from dataclasses import dataclass
from typing import Any

from PIL import Image, UnidentifiedImageError

from opensight.inputs import image_kind, max_pixels

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


class UploadError(Exception):
    """An upload the server refuses: ``status`` is the HTTP status, the message says what to do."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


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
    return "its content matches no format opensight knows"


@dataclass(frozen=True)
class Picture:
    """An uploaded picture, identified from its bytes, still undecoded (``image`` is lazy)."""

    name: str
    image: Image.Image


def open_picture(data: bytes, name: str, *, pixel_limit: int | None = None) -> Picture:
    """Recognise ``data`` as a picture by its content and check its pixel count, without decoding it.

    Raises :class:`UploadError`: 400 for an empty or corrupt picture, 413 for too many pixels, 415 for
    anything that is not a picture.
    """
    if not data:
        raise UploadError(400, "the uploaded file is empty (0 bytes); send the picture's bytes as the 'file' field")
    head = data[:16]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError:
        raise UploadError(413, _too_many_pixels(None, pixel_limit or max_pixels())) from None
    except UnidentifiedImageError:
        kind = image_kind(head)
        if kind is not None:
            raise UploadError(400, f"this looks like a {kind} picture but its data is corrupt; send it again") from None
        raise UploadError(
            415,
            f"the upload is not a picture ({kind_of_upload(head)}, judged from its content, not its name); "
            "send a JPEG, PNG, WebP, GIF, BMP or TIFF",
        ) from None
    except (OSError, SyntaxError, ValueError) as error:
        raise UploadError(400, f"the picture's data is corrupt ({error}); send it again") from None
    width, height = image.size
    limit = pixel_limit or max_pixels()
    if width * height > limit:
        raise UploadError(413, _too_many_pixels((width, height), limit))
    return Picture(name=name or "upload", image=image)


def _too_many_pixels(size: tuple[int, int] | None, limit: int) -> str:
    said = f"{size[0]}×{size[1]} = {size[0] * size[1] / 1e6:.0f} megapixels" if size else "too many pixels"
    return (
        f"the picture is too big ({said}; the limit is {limit / 1e6:.0f} megapixels); scale it down, "
        "or start the server with a higher OPENSIGHT_MAX_PIXELS"
    )


class _TooLargeError(Exception):
    pass


class BodyLimit:
    """ASGI middleware: refuse request bodies over ``max_bytes`` with 413 — from the Content-Length header when
    there is one, else while the body streams in (so a chunked upload cannot fill the disk either)."""

    def __init__(self, app: Any, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(send)
            return
        received = 0
        started = exceeded = False

        async def counting_receive() -> Any:
            nonlocal received, exceeded
            message = await receive()
            if message.get("type") == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    exceeded = True
                    raise _TooLargeError
            return message

        async def guarded_send(message: Any) -> None:
            nonlocal started
            if exceeded:  # the app turned our exception into its own error response: answer 413 instead
                if message.get("type") == "http.response.start" and not started:
                    started = True
                    await self._refuse(send)
                return
            if message.get("type") == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except _TooLargeError:
            if not started:
                await self._refuse(send)

    async def _refuse(self, send: Any) -> None:
        limit = self.max_bytes / (1024 * 1024)
        body = json.dumps(
            {
                "detail": f"the upload is bigger than this server's limit of {limit:g} MB; send a smaller file "
                "(or start the server with a higher --max-upload-mb)"
            }
        ).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})
