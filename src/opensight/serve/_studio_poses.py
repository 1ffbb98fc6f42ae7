"""The Studio's routes and answers for models taught on body poses and hand gestures: their examples are pictures
(added by the picture routes), each shown in the evaluation as the model saw it, with the skeleton drawn (the
preview the training kept in the store); a test picture is answered with the label and the picture drawn. Like
every Studio route they sit behind the app's :class:`~opensight.serve._guard.Guard`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request, UploadFile
from fastapi.responses import FileResponse, Response

from opensight.serve._engine import Engine
from opensight.store import Store, sha256_file

if TYPE_CHECKING:
    from opensight.serve._studio import Studio


async def answer(engine: Engine, model: Any, file: UploadFile, request: Request) -> dict[str, Any]:
    """The CLI's row for ``file``: a picture for a picture model; for a pose or gesture model also the picture
    with the skeleton and the label drawn (``annotated``) and ``summary``; a recording for a sound model."""
    if model.kind == "pictures":
        return await engine.answer_upload(model, file, request)
    if model.kind == "poses":
        return await engine.answer_upload(model, file, request, annotate=True, summary=True)
    outcome = await engine.answer_audio(model, file, request)
    assert outcome.result is not None, "answer_audio raises for a failed outcome"
    return {**outcome.to_row(), "summary": outcome.result.summary()}


def pose_routes(studio: Studio) -> APIRouter:
    """An example as the model saw it."""
    projects = studio.projects
    router = APIRouter(prefix="/studio/api", tags=["studio"])

    @router.get(
        "/projects/{pid}/classes/{name}/pictures/{file}/preview",
        summary="A picture as the model saw it (pose and gesture projects: with the skeleton drawn)",
        description="The small JPEG the training kept (the detector's square view, the skeleton it found drawn); "
        "the picture itself when there is none (not trained yet, nobody found in it, a picture project).",
    )
    def preview(pid: str, name: str, file: str) -> Response:  # a thread of the pool: hashing reads the file
        path = projects.example_path(pid, name, file)
        digest = sha256_file(path)
        with Store(studio.store_file) as store:
            kept = store.thumbnails([f"{digest}@0"]).get(f"{digest}@0")
        if kept is None:
            return FileResponse(path, headers={"Cache-Control": "no-cache"})
        return Response(kept, media_type="image/jpeg", headers={"Cache-Control": "no-cache"})

    return router
