"""The Studio's routes for sound projects: add recordings to a class (checked as audio by their content), and hear
the microphone's last two seconds live with the trained model. Like every Studio route they sit behind the app's
:class:`~opensight.serve._guard.Guard` (Host, token, same-origin, the ``X-Opensight`` header)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, File, Request, UploadFile
from fastapi.responses import JSONResponse

from opensight._errors import ConflictError, OpensightError
from opensight.serve._projects import EXAMPLES, LEARNS, Project
from opensight.serve._sound_uploads import checked_sound, samples_of

if TYPE_CHECKING:
    from opensight.serve._studio import Studio


def learns(project: Project, examples: str) -> Project:
    """``project``, or a :class:`ConflictError` (409) saying what it learns when its examples are not
    ``examples`` ("pictures": picture, pose and gesture projects; "recordings": sound projects)."""
    wanted = EXAMPLES[project.kind]
    if wanted != examples:
        raise ConflictError(f"'{project.name}' learns {LEARNS[project.kind]}: add {wanted}, not {examples}")
    return project


def sound_routes(studio: Studio) -> APIRouter:
    """Recordings in, and the live "Listen"."""
    projects = studio.projects
    router = APIRouter(prefix="/studio/api", tags=["studio"])
    engine = studio.engine

    @router.post(
        "/projects/{pid}/classes/{name}/sounds",
        summary="Add recordings to a class of a sound project",
        description="As for pictures: `added`, `identical`, `refused` (each `{name, reason}`). A single upload "
        "that is refused answers with its status instead (400 empty or damaged, 415 not audio).",
    )
    async def add_sounds(pid: str, name: str, files: Annotated[list[UploadFile], File()]) -> dict[str, Any]:
        learns(projects.get(pid), "recordings")
        projects.class_folder(pid, name)  # 404 before reading any upload
        added: list[str] = []
        identical: list[dict[str, str | None]] = []
        refused: list[dict[str, str | None]] = []
        for upload in files:
            data = await upload.read()
            try:
                kept, suffix = await engine.run(lambda: checked_sound(data))  # noqa: B023  (awaited here)
                stored, new = projects.store_example(pid, name, kept, upload.filename, suffix=suffix)
            except OpensightError as error:
                if len(files) == 1:
                    raise
                refused.append({"name": upload.filename, "reason": str(error)})
                continue
            if new:
                added.append(stored)
            else:
                identical.append({"name": upload.filename, "file": stored})
        return {"added": added, "identical": identical, "refused": refused}

    @router.post(
        "/projects/{pid}/hear",
        summary="What the trained sound model hears in raw samples (the page's live Listen)",
        description="The body: 16 kHz mono float32 little-endian samples, about two seconds (the model's window; "
        "at most 10 s). The "
        "answer: the model's `hear()` as JSON (`label`, `score`, `unsure`, `guess`, `windows`, `top`) and a "
        "`summary` line.",
    )
    async def hear(request: Request, pid: str) -> JSONResponse:
        model = studio.model(learns(projects.get(pid), "recordings"))
        samples = samples_of(await request.body())
        result = await engine.run(lambda: model.hear(samples), request)
        return JSONResponse({**result.to_dict(), "summary": result.summary()})

    return router
