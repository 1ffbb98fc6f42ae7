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

import inspect
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, File, HTTPException, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response

from opensight._errors import ModelNotInstalledError, NotFoundError, OpensightError, UploadError, http_status
from opensight._version import __version__
from opensight.models import ModelSpec, default_model, list_models
from opensight.serve._caching import NoStoreJson
from opensight.serve._engine import Engine, ServeConfig
from opensight.serve._guard import STUDIO_HEADER, Guard
from opensight.serve._uploads import BodyLimit
from opensight.tasks import TASK_TABLE, TaskInfo, TaskOption, task_names
from opensight.teach import TaughtSoundModel

#: Example answers shown in the OpenAPI page (exactly the fields the rows have).
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
        "detections": [{"label": "person", "score": 0.91, "box": [12.0, 30.5, 200.0, 410.0]}],
        "counts": {"person": 1},
        "model": "ssd_mobilenet_v2.coco",
    },
}
#: What an upload is, for each kind of task.
_FILE_FIELDS = {
    "picture": "The picture (JPEG, PNG, WebP, GIF, BMP, TIFF).",
    "audio": "The recording: WAV, MP3, OGG, FLAC, M4A, or a video.",
}
_SUBTITLE_TYPES = {"srt": "application/x-subrip", "vtt": "text/vtt", "txt": "text/plain"}


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
    for info in TASK_TABLE:
        if info.served:
            router.post(f"/{info.name}", summary=info.summary, responses=_answers(info))(_task_route(engine, info))

    @router.get("/tasks", summary="The ready-made tasks, and whether each is installed here")
    async def tasks() -> dict[str, Any]:
        return {"tasks": task_list()}

    @router.post("/{task}", include_in_schema=False)
    async def unknown_task(task: str) -> None:
        raise HTTPException(404, f"there is no task {task!r}; this server has: {', '.join(task_names(served=True))}")

    return router


def _task_route(engine: Engine, info: TaskInfo) -> Any:
    """The handler of ``POST /v1/{task}``: its query parameters are the task's options (from the task table), plus
    ``annotate`` for tasks whose results can be drawn and ``format`` for recordings (subtitles)."""

    known = {option.query_name for option in info.options} | {"annotate", "summary"}  # annotate: drawn where it can be
    known |= {"mask"} if info.masks else set()
    known |= {"format"} if info.accepts == "audio" else set()

    async def route(request: Request, file: UploadFile, **values: Any) -> Response:
        await _refuse_unknown(request, known, f"/v1/{info.name}")
        fmt = values.pop("fmt", "json")
        if fmt not in ("json", *_SUBTITLE_TYPES):
            raise UploadError(400, f"format must be json, {', '.join(_SUBTITLE_TYPES)}, got {fmt!r}")
        annotate = bool(values.pop("annotate", False))
        summary = bool(values.pop("summary", False))
        mask = bool(values.pop("mask", False))
        options = {option.name: option.parsed(values[option.name]) for option in info.options}
        key = (info.name, *options.items())
        task = engine.task(key, lambda: info.build(batch_size=1, **options))
        if info.accepts != "audio":
            answer = await engine.answer_upload(task, file, request, annotate=annotate, summary=summary, mask=mask)
            return JSONResponse(answer)
        outcome = await engine.answer_audio(task, file, request)
        if fmt == "json":
            assert outcome.result is not None
            return JSONResponse({**outcome.to_row(), **({"summary": outcome.result.summary()} if summary else {})})
        from opensight.tasks.transcribe import subtitles

        assert outcome.result is not None
        return Response(subtitles(outcome.result, fmt), media_type=f"{_SUBTITLE_TYPES[fmt]}; charset=utf-8")

    parameters = [
        inspect.Parameter("request", inspect.Parameter.KEYWORD_ONLY, annotation=Request),
        inspect.Parameter(
            "file",
            inspect.Parameter.KEYWORD_ONLY,
            annotation=Annotated[UploadFile, File(description=_FILE_FIELDS[info.accepts])],
        ),
        *(_query(option) for option in info.options),
    ]
    if info.draws:
        described = "Also return the picture with the result drawn on it, as a JPEG data URL."
        parameters.append(_parameter("annotate", bool, False, Query(description=described)))
    if info.masks:
        described = "Also return the mask (white = person) at the picture's size, as a PNG data URL in 'mask'."
        parameters.append(_parameter("mask", bool, False, Query(description=described)))
    described = "Also say the answer in one line, as the field 'summary' (what the Studio shows)."
    parameters.append(_parameter("summary", bool, False, Query(description=described)))
    if info.accepts == "audio":
        described = "json (the row), srt, vtt or txt."
        parameters.append(_parameter("fmt", str, "json", Query(alias="format", description=described)))
    route.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    route.__name__ = info.name
    return route


async def _refuse_unknown(request: Request, known: set[str], route: str) -> None:
    """A query parameter the route does not take is a 400 naming the ones it does: a misspelt option (``min-score``,
    ``class``) was ignored, and the answer came back as if it had not been asked (a new user's check). So is a
    second ``file`` (only the last one was answered)."""
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        raise UploadError(
            400, f"{route} takes no parameter {unknown[0]!r}; it takes: {', '.join(sorted(known)) or 'none'}"
        )
    files = len((await request.form()).getlist("file"))  # the form FastAPI read already
    if files > 1:
        raise UploadError(400, f"{route} takes one file a request, got {files}; send each in a request of its own")


def _query(option: TaskOption) -> inspect.Parameter:
    """A task option as a query parameter, with its type, bounds and help."""
    kind: Any = {"int": int, "float": float, "text": str, "list": str}[option.kind]
    if option.default is None and not option.required:
        kind = kind | None
    query = Query(
        alias=option.query_name if option.query_name != option.name else None,
        ge=option.low,
        le=option.high,
        description=option.help,
    )
    default = inspect.Parameter.empty if option.required else option.default
    return _parameter(option.name, kind, default, query)


def _parameter(name: str, kind: Any, default: Any, query: Any) -> inspect.Parameter:
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=Annotated[kind, query], default=default)


def _answers(info: TaskInfo) -> dict[int | str, dict[str, Any]]:
    example = _EXAMPLES.get(info.name)
    ok: dict[str, Any] = {"description": "The result row"}
    if example:
        ok["content"] = {"application/json": {"example": example}}
    kind = "a recording" if info.accepts == "audio" else "a picture"
    return {
        200: ok,
        400: {"description": f"Not a readable {kind[2:]}, or a bad parameter"},
        413: {"description": "Upload or picture too big"},
        415: {"description": f"Not {kind}"},
    }


def task_list() -> list[dict[str, Any]]:
    """Each API task: name, what it does, its default model and whether that model is installed."""
    listed = []
    for info in TASK_TABLE:
        if not info.served:
            continue
        spec = default_model(info.model_task or info.name)
        installed = spec.installed()
        listed.append(
            {
                "task": info.name,
                "summary": info.summary,
                "model": spec.name,
                "licence": spec.licence,
                "installed": installed,
                "extra": spec.extra,
                "install": None if installed else _install_hint(spec),
                "accepts": info.accepts,
                "labels": info.needs_labels,
            }
        )
    return listed


def _install_hint(spec: ModelSpec) -> str:
    """What to run so that ``spec`` can be used (the sentence :meth:`ModelSpec.check_installed` raises)."""
    try:
        spec.check_installed()
    except ModelNotInstalledError as error:
        return str(error)
    return "it is installed"


def _model_router(engine: Engine) -> APIRouter:
    router = APIRouter(prefix="/v1/models", tags=["models"])

    @router.get("", summary="Every model: the bundled ones with their cards, and the loaded .osm models")
    async def models() -> dict[str, Any]:
        return {
            "models": [spec.to_dict() for spec in list_models()],
            "loaded": [
                {"name": name, "kind": model.kind, "classes": list(model.classes), "card": model.card.to_dict()}
                for name, model in engine.loaded.items()
            ],
        }

    @router.post("/{name}/predict", summary="Classify with a taught .osm model loaded at start-up")
    async def predict(
        request: Request,
        name: str,
        file: Annotated[
            UploadFile, File(description="The picture (for a picture model) or the recording (for a sound model).")
        ],
        annotate: Annotated[
            bool, Query(description="Picture and pose models: also return the picture with the result drawn on it.")
        ] = False,
        summary: Annotated[bool, Query(description="Also say the answer in one line, as the field 'summary'.")] = False,
        fmt: Annotated[
            str, Query(alias="format", description="Sound models: json (the row), srt or vtt (a labelled timeline).")
        ] = "json",
        min_score: Annotated[
            float,
            Query(ge=0.0, le=1.0, description="Sound models: windows scored below this are unsure too."),
        ] = 0.0,
    ) -> Response:
        await _refuse_unknown(request, {"annotate", "summary", "format", "min_score"}, f"/v1/models/{name}/predict")
        model = engine.loaded.get(name)
        if model is None:
            known = ", ".join(engine.loaded) or "none (start the server with `opensight serve MODEL.osm`)"
            raise NotFoundError(f"there is no loaded model {name!r}; loaded models: {known}")
        if not isinstance(model, TaughtSoundModel):  # pictures, poses and gestures answer a picture
            return JSONResponse(await engine.answer_upload(model, file, request, annotate=annotate, summary=summary))
        if fmt not in ("json", "srt", "vtt"):
            raise UploadError(400, f"format must be json, srt or vtt, got {fmt!r}")
        outcome = await engine.answer_audio(model.with_min_score(min_score) if min_score else model, file, request)
        assert outcome.result is not None
        if fmt == "json":
            return JSONResponse({**outcome.to_row(), **({"summary": outcome.result.summary()} if summary else {})})
        from opensight.tasks.transcribe import subtitles

        return Response(subtitles(outcome.result, fmt), media_type=f"{_SUBTITLE_TYPES[fmt]}; charset=utf-8")

    return router


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def bad_request(_request: Request, error: RequestValidationError) -> JSONResponse:
        body = getattr(error, "body", None)
        if isinstance(body, list | str | int | float | bool):  # `[1, 2]` was answered "kind: Field required"
            kinds = {list: "a list", str: "text", bool: "true/false"}
            return JSONResponse(
                {
                    "detail": f"the body must be a JSON object ({{…}} with the fields the route takes: see /docs), "
                    f"got {kinds.get(type(body), 'a number')}"
                },
                status_code=400,
            )
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
        return JSONResponse({"detail": str(error)}, status_code=http_status(error))
