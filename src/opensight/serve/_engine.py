"""What the API's and the Studio's routes share: the server's settings (:class:`ServeConfig`), the loaded tasks and
models with the bounded worker pool (:class:`Engine`), and reading uploads (pictures, recordings)."""

from __future__ import annotations

import base64
import io
import logging
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

import anyio
import numpy as np
from fastapi import Request, UploadFile

from opensight._errors import DecodeError, InputError, OpensightError, UploadError
from opensight.inputs import Item, load_image
from opensight.results import Outcome
from opensight.serve._guard import WILDCARD_HOSTS, clean_host_name
from opensight.serve._uploads import DEFAULT_MAX_UPLOAD_BYTES, Picture, kind_of_upload, open_picture
from opensight.tasks import Task

if TYPE_CHECKING:
    pass

log = logging.getLogger("opensight.serve")
T = TypeVar("T")
#: How many task variants (``top``, ``min_score``, ``classes``, ...) stay loaded at once.
TASK_CACHE_SIZE = 64


@dataclass(frozen=True)
class ServeConfig:
    """How to run the server (``opensight serve`` / ``opensight studio`` options).

    ``host`` is the address the server listens on: with ``allowed_hosts`` it decides which ``Host`` headers are
    answered. ``body_timeout``: seconds an upload may send nothing before it gets 408. ``upload_budget_bytes``:
    request-body bytes held at once across all requests (default: :func:`~opensight.serve._uploads.default_budget`).
    """

    models: tuple[Path, ...] = ()
    token: str | None = None
    workers: int = 2
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES
    cors_origins: tuple[str, ...] = ()
    data_dir: Path | None = None
    studio: bool = True
    host: str = "127.0.0.1"
    allowed_hosts: tuple[str, ...] = ()
    body_timeout: float = 30.0
    upload_budget_bytes: int | None = None

    def __post_init__(self) -> None:
        if self.workers < 1:
            raise InputError(f"workers must be at least 1, got {self.workers}")
        if self.max_upload_bytes < 1024:
            raise InputError("the upload limit must be at least 1 KB")
        if not self.body_timeout > 0:
            raise InputError(f"the body timeout must be more than 0 seconds, got {self.body_timeout}")
        if self.upload_budget_bytes is not None and self.upload_budget_bytes < self.max_upload_bytes:
            raise InputError("the upload budget must be at least the upload limit (one upload must fit)")
        for name, option in [(self.host, "--host"), *((name, "--allowed-host") for name in self.allowed_hosts)]:
            if option == "--host" and name in WILDCARD_HOSTS:
                continue
            try:
                clean_host_name(name)
            except ValueError as error:
                raise InputError(f"{option}: {error}") from None
        named: dict[str, Path] = {}
        for path in map(Path, self.models):  # each is served at /v1/models/NAME (its file name)
            if path.stem in named:  # one of the two was out of reach, and nothing said so
                raise InputError(
                    f"two model files are called {path.stem!r} ({named[path.stem]}, {path}): each is served at "
                    "/v1/models/NAME, NAME being its file name; give each a name of its own"
                )
            named[path.stem] = path
        for origin in self.cors_origins:
            if origin != "*" and not _is_origin(origin):
                raise InputError(
                    f"--cors-origin takes an origin (scheme, host and port, no path), such as http://localhost:3000; "
                    f"got {origin!r}"
                )


def _is_origin(value: str) -> bool:
    try:
        parts = urlsplit(value.rstrip("/"))
        parts.port  # noqa: B018  (raises ValueError for a bad port)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname) and not parts.path and not parts.query


class Engine:
    """What the routes share: loaded tasks and ``.osm`` models, and the bounded worker pool."""

    def __init__(self, config: ServeConfig) -> None:
        from opensight.teach import AnyTaught, Taught

        self.config = config
        self.limiter = anyio.CapacityLimiter(config.workers)
        self._tasks: dict[tuple[Any, ...], Task[Any]] = {}
        self._lock = threading.Lock()
        self.loaded: dict[str, AnyTaught] = {}
        for path in config.models:
            self.loaded[Path(path).stem] = Taught.from_file(path)  # the names differ (ServeConfig)

    def task(self, key: tuple[Any, ...], build: Callable[[], Task[Any]]) -> Task[Any]:
        """The task for ``key``, built once (a few cached variants: ``top``, ``min_score``, ``classes``)."""
        with self._lock:
            task = self._tasks.get(key)
            if task is None:
                if len(self._tasks) >= TASK_CACHE_SIZE:
                    self._tasks.pop(next(iter(self._tasks)))
                task = self._tasks[key] = build()
            return task

    async def run(self, work: Callable[[], T], request: Request | None = None) -> T:
        """``work()`` in the bounded worker pool. While it waits for a worker, the client of ``request`` is
        watched: when it goes away, the work is dropped — never run — and the request ends with
        :class:`UploadError` 408 (nobody reads that answer). Work already running finishes (a model call cannot
        be interrupted), and its result is thrown away."""
        if request is None:
            return await anyio.to_thread.run_sync(work, limiter=self.limiter)
        gone, started = threading.Event(), threading.Event()

        def guarded() -> T:
            if gone.is_set():
                raise _DroppedError
            started.set()
            return work()

        results: list[T] = []
        errors: list[Exception] = []
        async with anyio.create_task_group() as group:

            async def watch() -> None:  # after the body, receive() returns only when the client goes
                while (await request.receive()).get("type") != "http.disconnect":
                    pass
                gone.set()
                group.cancel_scope.cancel()

            group.start_soon(watch)
            try:
                results.append(await anyio.to_thread.run_sync(guarded, limiter=self.limiter))
            except _DroppedError:
                pass
            except Exception as error:  # raised again below, outside the task group (no exception group)
                errors.append(error)
            group.cancel_scope.cancel()
        if errors:
            raise errors[0]
        if results and not gone.is_set():
            return results[0]
        if not started.is_set():
            log.info(
                "dropped %s %s before it ran: its client went away while it waited for a worker",
                request.method,
                request.url.path,
            )
        raise UploadError(408, "the client went away before the answer was ready; nothing was sent back")

    async def answer(
        self,
        task: Task[Any],
        picture: Picture,
        *,
        annotate: bool = False,
        summary: bool = False,
        request: Request | None = None,
        mask: bool = False,
    ) -> dict[str, Any]:
        """Run ``task`` on one picture in the worker pool; the CLI row, plus the drawing and the mask when asked. The
        picture is decoded once, for the task and the drawing. With ``request``, the work is dropped if its client goes
        away before a worker is free (:meth:`run`)."""

        def work() -> dict[str, Any]:
            pixels = decode_upload(picture)
            outcome: Outcome[Any] = task.run_items([Item(name=picture.name, image=pixels)])[0]
            if outcome.result is None:
                raise UploadError(400, str(outcome.error))
            row = outcome.to_row()
            if annotate:
                row["annotated"] = _drawing(pixels, outcome.result)
            if summary:
                row["summary"] = outcome.result.summary()
            if mask:
                row["mask"] = _mask_png(outcome.result)
            return row

        return await self.run(work, request)

    async def answer_upload(
        self,
        task: Task[Any],
        upload: UploadFile,
        request: Request,
        *,
        annotate: bool = False,
        summary: bool = False,
        mask: bool = False,
    ) -> dict[str, Any]:
        """:meth:`answer` for an uploaded picture (400/413/415 when it is not a usable one)."""
        picture = await read_picture(self, upload)
        return await self.answer(task, picture, annotate=annotate, summary=summary, request=request, mask=mask)

    async def answer_audio(self, task: Task[Any], upload: UploadFile, request: Request | None = None) -> Outcome[Any]:
        """Run ``task`` on an uploaded recording in the worker pool (spooled to a temporary file, never all in
        memory at once as samples); the outcome, so that the caller can write the row or subtitles."""
        data = await upload.read()
        name = upload.filename or "upload"

        def work() -> Outcome[Any]:
            with tempfile.NamedTemporaryFile(suffix=Path(name).suffix or ".audio") as spooled:
                spooled.write(data)
                spooled.flush()
                check_audio(Path(spooled.name), data[:16])
                outcome: Outcome[Any] = task.run_items([Item(name=name, path=Path(spooled.name))])[0]
            if outcome.error is not None:
                raise UploadError(400, str(outcome.error))
            return outcome

        if not data:
            raise UploadError(400, "the uploaded file is empty (0 bytes); send the recording as the 'file' field")
        return await self.run(work, request)


class _DroppedError(Exception):
    """Work whose client went away before a worker was free."""


def check_audio(path: Path, head: bytes) -> None:
    """415 unless the file has a sound track PyAV can open (judged by content, not the name)."""
    import av

    try:
        with av.open(str(path)) as container:
            if container.streams.audio:
                return
    except (av.error.FFmpegError, OSError, ValueError):
        pass
    raise UploadError(
        415,
        f"the upload is not audio ({kind_of_upload(head)}, judged from its content, not its name); send WAV, MP3, "
        "OGG, FLAC, M4A or a video with sound",
    )


def decode_upload(picture: Picture) -> np.ndarray:
    """The upright RGB pixels of an uploaded picture; :class:`DecodeError` (400) when its data is corrupt."""
    try:
        return load_image(picture.image).pixels
    except OpensightError:
        raise
    except Exception as error:  # a decoder bug on a strange upload must be a 400, not a 500
        raise DecodeError(f"could not decode this file ({type(error).__name__}: {error})") from error


def _drawing(pixels: np.ndarray, result: Any) -> str | None:
    from opensight.annotate import annotate

    try:
        drawn = annotate(pixels, result)
    except InputError:
        return None  # no drawing for this kind of result (embeddings)
    drawn.thumbnail((1280, 1280))
    buffer = io.BytesIO()
    drawn.convert("RGB").save(buffer, "JPEG", quality=88)
    return "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode()


def _mask_png(result: Any) -> str | None:
    """A result's mask (uint8, the picture's size) as a grayscale PNG data URL; None for results without one."""
    from PIL import Image

    mask = getattr(result, "mask", None)
    if not isinstance(mask, np.ndarray):
        return None
    buffer = io.BytesIO()
    Image.fromarray(mask, "L").save(buffer, "PNG", optimize=False)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


async def read_picture(engine: Engine, upload: UploadFile) -> Picture:
    """The uploaded file as a :class:`Picture`, or the right 400/413/415."""
    data = await upload.read()
    return open_picture(data, upload.filename or "upload")
