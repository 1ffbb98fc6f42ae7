"""The REST API (FastAPI): every installed task at ``POST /v1/{task}``, loaded ``.osm`` models at
``POST /v1/models/{name}/predict``, the Studio at ``/studio/``.

Models load once and are shared; inference runs off the event loop in a bounded worker pool, and work whose client
has gone while it waited for a worker is dropped, never run. Responses are the CLI's rows (``{"path": <upload
name>, <task fields>}``); errors are ``{"detail": "what went wrong and what to do"}``. Two middlewares stand in
front of every route: :class:`~opensight.serve._guard.Guard` (Host, token, Origin: who may drive the server) and
:class:`~opensight.serve._uploads.BodyLimit` (body size, a shared memory budget for bodies, stalled bodies).

>>> app = create_app(ServeConfig(studio=False))
>>> sorted(path for path in app.openapi()["paths"] if path.startswith("/v1/c"))
['/v1/classify']
"""

from __future__ import annotations

import base64
import io
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, TypeVar
from urllib.parse import urlsplit

import anyio
from fastapi import APIRouter, FastAPI, File, HTTPException, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response

from opensight._errors import InputError, ModelError, ModelNotInstalledError, OpensightError
from opensight._version import __version__
from opensight.inputs import Item
from opensight.models import default_model, list_models
from opensight.results import Outcome
from opensight.serve._caching import NoStoreJson
from opensight.serve._guard import STUDIO_HEADER, WILDCARD_HOSTS, Guard, clean_host_name
from opensight.serve._uploads import (
    DEFAULT_MAX_UPLOAD_BYTES,
    BodyLimit,
    Picture,
    UploadError,
    kind_of_upload,
    open_picture,
)
from opensight.tasks import Classifier, Detector, Embedder, FaceFinder, PoseEstimator, Task, TextReader, Transcriber

log = logging.getLogger("opensight.serve")
T = TypeVar("T")

#: The ready-made tasks the API serves, with what each answers.
API_TASKS: dict[str, str] = {
    "classify": "What is in the picture: the most likely of 1,000 ImageNet classes.",
    "detect": "Objects (80 COCO classes) with boxes.",
    "pose": "One person's 17 body keypoints.",
    "faces": "Faces with boxes, landmarks and 128-d descriptors.",
    "embed": "A feature vector for similarity search.",
    "read": "The text in the picture, line by line, with boxes.",
    "transcribe": "Speech to timed text (audio, or a video's sound).",
    "tag": "Your own words as tags, without examples (zero-shot), with how well each word is known.",
}
#: What each task takes as its upload.
ACCEPTS = {"transcribe": "audio"}
#: Tasks that also need words from the user (the Studio asks for them).
NEEDS_LABELS = frozenset({"tag"})
_TASK_CACHE_SIZE = 64
_EXAMPLES: dict[str, dict[str, Any]] = {
    "classify": {
        "path": "cat.jpg",
        "label": "tabby",
        "score": 0.61,
        "top": [{"label": "tabby", "score": 0.61}, {"label": "tiger cat", "score": 0.2}],
        "model": "efficientnet_lite0.imagenet",
    },
    "detect": {
        "path": "street.jpg",
        "count": 1,
        "summary": "1 × person",
        "detections": [{"label": "person", "score": 0.91, "box": [12.0, 30.5, 200.0, 410.0]}],
        "model": "ssd_mobilenet_v2.coco",
    },
}


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
    pixel_limit: int | None = field(default=None)
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
        from opensight.teach import TaughtModel

        self.config = config
        self.limiter = anyio.CapacityLimiter(config.workers)
        self._tasks: dict[tuple[Any, ...], Task[Any]] = {}
        self._lock = threading.Lock()
        self.loaded: dict[str, TaughtModel] = {}
        for path in config.models:
            name = Path(path).stem
            while name in self.loaded:
                name += "_"
            self.loaded[name] = TaughtModel.from_file(path)

    def task(self, key: tuple[Any, ...], build: Callable[[], Task[Any]]) -> Task[Any]:
        """The task for ``key``, built once (a few cached variants: ``top``, ``min_score``, ``classes``)."""
        with self._lock:
            task = self._tasks.get(key)
            if task is None:
                if len(self._tasks) >= _TASK_CACHE_SIZE:
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
        self, task: Task[Any], picture: Picture, *, annotate: bool = False, request: Request | None = None
    ) -> dict[str, Any]:
        """Run ``task`` on one picture in the worker pool; the CLI row, plus the drawing when asked. With
        ``request``, the work is dropped if its client goes away before a worker is free (:meth:`run`)."""

        def work() -> dict[str, Any]:
            outcome: Outcome[Any] = task.run_items([Item(name=picture.name, image=picture.image)])[0]
            if outcome.error is not None:
                raise UploadError(400, str(outcome.error))
            row = outcome.to_row()
            if annotate:
                row["annotated"] = _drawing(picture, outcome.result)
            return row

        return await self.run(work, request)

    async def answer_upload(
        self, task: Task[Any], upload: UploadFile, request: Request, *, annotate: bool = False
    ) -> dict[str, Any]:
        """:meth:`answer` for an uploaded picture (400/413/415 when it is not a usable one)."""
        return await self.answer(task, await read_picture(self, upload), annotate=annotate, request=request)

    async def answer_audio(self, task: Any, upload: UploadFile, request: Request | None = None) -> dict[str, Any]:
        """Transcribe an uploaded recording in the worker pool (spooled to a temporary file, never all in memory
        at once as samples)."""
        import tempfile

        data = await upload.read()
        name = upload.filename or "upload"

        def work() -> dict[str, Any]:
            with tempfile.NamedTemporaryFile(suffix=Path(name).suffix or ".audio") as spooled:
                spooled.write(data)
                spooled.flush()
                check_audio(Path(spooled.name), data[:16])
                outcome: Outcome[Any] = task.run_items([Item(name=name, path=Path(spooled.name))])[0]
            if outcome.error is not None:
                raise UploadError(400, str(outcome.error))
            return outcome.to_row()

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


def _drawing(picture: Picture, result: Any) -> str | None:
    from opensight.annotate import annotate
    from opensight.inputs import load_image

    try:
        drawn = annotate(load_image(picture.image).pixels, result)
    except InputError:
        return None  # no drawing for this kind of result (embeddings)
    drawn.thumbnail((1280, 1280))
    buffer = io.BytesIO()
    drawn.convert("RGB").save(buffer, "JPEG", quality=88)
    return "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode()


async def read_picture(engine: Engine, upload: UploadFile) -> Picture:
    """The uploaded file as a :class:`Picture`, or the right 400/413/415."""
    data = await upload.read()
    return open_picture(data, upload.filename or "upload", pixel_limit=engine.config.pixel_limit)


FileField = Annotated[UploadFile, File(description="The picture (JPEG, PNG, WebP, GIF, BMP, TIFF).")]
AnnotateQuery = Annotated[
    bool, Query(description="Also return the picture with the result drawn on it, as a JPEG data URL.")
]


def create_app(config: ServeConfig | None = None) -> FastAPI:
    """The FastAPI application (run it with uvicorn; ``opensight serve`` does)."""
    config = config or ServeConfig()
    engine = Engine(config)
    app = FastAPI(
        title="opensight",
        version=__version__,
        description=(
            "Machine perception offline, on a CPU. Send a picture as the multipart field `file`:\n\n"
            "`curl -F file=@cat.jpg http://127.0.0.1:8000/v1/classify`\n\n"
            "Answers are the rows `opensight` prints on the command line; errors say what to do."
        ),
    )
    app.state.engine = engine
    _install_error_handlers(app)
    app.include_router(_task_router(engine))
    app.include_router(_model_router(engine))

    @app.get("/healthz", tags=["server"], summary="Liveness: 200 when the server answers (no token needed)")
    async def healthz() -> dict[str, Any]:
        return {"status": "ok", "version": __version__}  # nothing about what is loaded: anyone may call it

    if config.studio:
        from opensight.serve._studio import mount_studio

        mount_studio(app, engine)

        @app.get("/", include_in_schema=False)
        async def root() -> RedirectResponse:
            return RedirectResponse("/studio/")

    if config.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(config.cors_origins),
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Authorization", "Content-Type", STUDIO_HEADER],
        )
    app.add_middleware(NoStoreJson)
    app.add_middleware(
        BodyLimit,
        max_bytes=config.max_upload_bytes,
        budget_bytes=config.upload_budget_bytes,
        idle_timeout=config.body_timeout,
    )
    app.add_middleware(  # outermost: refuses on the headers alone, before any body is read
        Guard,
        hosts=(config.host,),
        allowed_hosts=config.allowed_hosts,
        token=config.token,
        cors_origins=config.cors_origins,
    )
    return app


def _task_router(engine: Engine) -> APIRouter:
    router = APIRouter(prefix="/v1", tags=["tasks"])

    def answers(task: str) -> dict[int | str, dict[str, Any]]:
        example = _EXAMPLES.get(task)
        ok: dict[str, Any] = {"description": "The result row"}
        if example:
            ok["content"] = {"application/json": {"example": example}}
        return {
            200: ok,
            400: {"description": "Not a readable picture, or a bad parameter"},
            413: {"description": "Upload or picture too big"},
            415: {"description": "Not a picture"},
        }

    @router.post("/classify", summary=API_TASKS["classify"], responses=answers("classify"))
    async def classify(
        request: Request,
        file: FileField,
        top: Annotated[int, Query(ge=1, le=50, description="How many classes to return.")] = 5,
        annotate: AnnotateQuery = False,
    ) -> JSONResponse:
        task = engine.task(("classify", top), lambda: Classifier(top=top, batch_size=1))
        return JSONResponse(await engine.answer_upload(task, file, request, annotate=annotate))

    @router.post("/detect", summary=API_TASKS["detect"], responses=answers("detect"))
    async def detect(
        request: Request,
        file: FileField,
        min_score: Annotated[float, Query(ge=0.0, le=1.0, description="Drop boxes scored below this.")] = 0.5,
        classes: Annotated[str | None, Query(description="Comma-separated COCO classes to keep: person,car")] = None,
        annotate: AnnotateQuery = False,
    ) -> JSONResponse:
        wanted = None if classes is None else tuple(sorted(c.strip() for c in classes.split(",") if c.strip()))
        task = engine.task(
            ("detect", min_score, wanted), lambda: Detector(min_score=min_score, classes=wanted, batch_size=1)
        )
        return JSONResponse(await engine.answer_upload(task, file, request, annotate=annotate))

    @router.post("/pose", summary=API_TASKS["pose"], responses=answers("pose"))
    async def pose(request: Request, file: FileField, annotate: AnnotateQuery = False) -> JSONResponse:
        task = engine.task(("pose",), lambda: PoseEstimator(batch_size=1))
        return JSONResponse(await engine.answer_upload(task, file, request, annotate=annotate))

    @router.post("/faces", summary=API_TASKS["faces"], responses=answers("faces"))
    async def faces(request: Request, file: FileField, annotate: AnnotateQuery = False) -> JSONResponse:
        task = engine.task(("faces",), lambda: FaceFinder(batch_size=1))
        return JSONResponse(await engine.answer_upload(task, file, request, annotate=annotate))

    @router.post("/embed", summary=API_TASKS["embed"], responses=answers("embed"))
    async def embed(request: Request, file: FileField) -> JSONResponse:
        task = engine.task(("embed",), lambda: Embedder(batch_size=1))
        return JSONResponse(await engine.answer_upload(task, file, request))

    @router.post("/read", summary=API_TASKS["read"], responses=answers("read"))
    async def read(
        request: Request,
        file: FileField,
        ocr: Annotated[
            str, Query(alias="engine", description="rapidocr (default) or tesseract (clean scans).")
        ] = "rapidocr",
        min_score: Annotated[float, Query(ge=0.0, le=1.0, description="Drop lines scored below this.")] = 0.5,
        annotate: AnnotateQuery = False,
    ) -> JSONResponse:
        task = engine.task(("read", ocr, min_score), lambda: TextReader(engine=ocr, min_score=min_score, batch_size=1))
        return JSONResponse(await engine.answer_upload(task, file, request, annotate=annotate))

    @router.post("/transcribe", summary=API_TASKS["transcribe"], responses=answers("transcribe"))
    async def transcribe(
        request: Request,
        file: Annotated[UploadFile, File(description="The recording: WAV, MP3, OGG, FLAC, M4A, or a video.")],
        model: Annotated[str, Query(description="tiny.en (English) or base (99 languages).")] = "tiny.en",
        language: Annotated[str | None, Query(description="Spoken language for base: en, de, fr, …")] = None,
        fmt: Annotated[str, Query(alias="format", description="json (the row), srt, vtt or txt.")] = "json",
    ) -> Response:
        if fmt not in ("json", "srt", "vtt", "txt"):
            raise UploadError(400, f"format must be json, srt, vtt or txt, got {fmt!r}")
        task = engine.task(("transcribe", model, language), lambda: Transcriber(model, language=language))
        row = await engine.answer_audio(task, file, request)
        if fmt == "json":
            return JSONResponse(row)
        from opensight.results import Segment, Transcript
        from opensight.tasks.transcribe import subtitles

        transcript = Transcript(
            segments=tuple(Segment(**segment) for segment in row["segments"]),
            language=row["language"],
            duration=row["duration"],
            model=row["model"],
        )
        media = {"srt": "application/x-subrip", "vtt": "text/vtt", "txt": "text/plain"}[fmt]
        return Response(subtitles(transcript, fmt), media_type=f"{media}; charset=utf-8")

    @router.post("/tag", summary=API_TASKS["tag"], responses=answers("tag"))
    async def tag(
        request: Request,
        file: FileField,
        labels: Annotated[str, Query(description='Comma-separated words to look for: "bicycle, birthday cake".')],
        threshold: Annotated[float, Query(ge=0.0, le=1.0, description="A label is a tag from this score.")] = 0.4,
    ) -> JSONResponse:
        from opensight.tasks.tag import Tagger, clean_labels

        words = clean_labels(labels)
        task = engine.task(("tag", words, threshold), lambda: Tagger(words, threshold=threshold, batch_size=1))
        return JSONResponse(await engine.answer_upload(task, file, request))

    @router.get("/tasks", summary="The ready-made tasks, and whether each is installed here")
    async def tasks() -> dict[str, Any]:
        return {"tasks": task_list()}

    @router.post("/{task}", include_in_schema=False)
    async def unknown_task(task: str) -> None:
        raise HTTPException(404, f"there is no task {task!r}; this server has: {', '.join(API_TASKS)}")

    return router


def task_list() -> list[dict[str, Any]]:
    """Each API task: name, what it does, its default model and whether that model is installed."""
    listed = []
    for name, summary in API_TASKS.items():
        spec = default_model("text-embed" if name == "tag" else name)
        listed.append(
            {
                "task": name,
                "summary": summary,
                "model": spec.name,
                "licence": spec.licence,
                "installed": spec.installed(),
                "extra": spec.extra,
                "accepts": ACCEPTS.get(name, "image"),
                "labels": name in NEEDS_LABELS,
            }
        )
    return listed


def _model_router(engine: Engine) -> APIRouter:
    router = APIRouter(prefix="/v1/models", tags=["models"])

    @router.get("", summary="Every model: the bundled ones with their cards, and the loaded .osm models")
    async def models() -> dict[str, Any]:
        return {
            "models": [spec.to_dict() for spec in list_models()],
            "loaded": [
                {"name": name, "classes": list(model.classes), "card": model.card.to_dict()}
                for name, model in engine.loaded.items()
            ],
        }

    @router.post("/{name}/predict", summary="Classify with a taught .osm model loaded at start-up")
    async def predict(request: Request, name: str, file: FileField, annotate: AnnotateQuery = False) -> JSONResponse:
        model = engine.loaded.get(name)
        if model is None:
            known = ", ".join(engine.loaded) or "none (start the server with `opensight serve MODEL.osm`)"
            raise HTTPException(404, f"there is no loaded model {name!r}; loaded models: {known}")
        return JSONResponse(await engine.answer_upload(model, file, request, annotate=annotate))

    return router


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(UploadError)
    async def upload_error(_request: Request, error: UploadError) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=error.status)

    @app.exception_handler(RequestValidationError)
    async def bad_request(_request: Request, error: RequestValidationError) -> JSONResponse:
        problems = []
        for entry in error.errors():
            where = ".".join(str(part) for part in entry.get("loc", ()) if part != "body")
            if where == "file" and entry.get("type") == "missing":
                problems.append("send the picture as multipart/form-data in a field named 'file' (curl -F file=@x.jpg)")
            else:
                problems.append(f"{where}: {entry.get('msg', 'invalid')}")
        return JSONResponse({"detail": "; ".join(problems) or "malformed request"}, status_code=400)

    @app.exception_handler(OpensightError)
    async def opensight_error(_request: Request, error: OpensightError) -> JSONResponse:
        from opensight.serve._projects import ConflictError, NotFoundError

        status = 500
        if isinstance(error, ModelNotInstalledError):
            status = 501
        elif isinstance(error, NotFoundError):
            status = 404
        elif isinstance(error, ConflictError):
            status = 409
        elif isinstance(error, InputError | ModelError):
            status = 400
        return JSONResponse({"detail": str(error)}, status_code=status)


def env_token() -> str | None:
    """``OPENSIGHT_TOKEN`` when set and not empty."""
    return os.environ.get("OPENSIGHT_TOKEN") or None
