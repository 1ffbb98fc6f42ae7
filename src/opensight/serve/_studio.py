"""The Studio: its page (static HTML/CSS/JS in ``studio/``) and the JSON routes it calls under ``/studio/api``.

Projects live on disk (:mod:`opensight.serve._projects`); training runs :func:`opensight.teach` in a background
thread, one job per project at a time (a second request gets 409), and reports progress to the page. A damaged
file of one project (``project.json``, ``evaluation.json``) shows as a note on that project, never breaks the list.

While a project trains, a small marker (:data:`TRAINING_MARKER`) sits in its folder; it goes when the training ends,
whichever way. A server that finds one left over (the last server stopped mid-training) reports the job as
``interrupted`` until the project is trained again.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import mimetypes
import os
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Body, FastAPI, File, HTTPException, Request, UploadFile
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from opensight._errors import ConflictError, DamagedFileError, NotFoundError, OpensightError
from opensight._files import write_failure
from opensight._settings import data_dir
from opensight.serve._engine import Engine, decode_upload
from opensight.serve._projects import EXAMPLES, KINDS, LEARNS, Project, Projects, original_name, slug, write_json
from opensight.serve._studio_poses import answer, pose_routes
from opensight.serve._studio_sounds import learns, sound_routes
from opensight.serve._uploads import open_studio_picture
from opensight.teach._sounds import WINDOW_SECONDS

if TYPE_CHECKING:
    from opensight.teach import AnyTaught
    from opensight.teach.dataset import Dataset

STATIC = Path(__file__).with_name("studio")
# The page is native ES modules, which a browser runs only when served as JavaScript; a machine's own MIME table
# (the Windows registry, a container without /etc/mime.types) may say otherwise.
mimetypes.add_type("text/javascript", ".js")
#: Points on the precision/coverage curve sent to the page's "unsure" slider.
_CURVE_POINTS = 101
#: What the page needs from a saved evaluation (a file without them is treated as damaged).
_EVALUATION_KEYS = ("class_names", "confusion", "cells", "headline", "classes", "trade_off")
#: In a project's folder while it trains; left over, it means the server stopped before the training ended.
TRAINING_MARKER = "training-in-progress.json"
_INTERRUPTED = "Training was interrupted (opensight stopped before it finished) — train again"
#: ``dog.wav @ 0:03.0``: the evaluation's name of a window of a longer recording (teach._examples._where).
_WINDOW = re.compile(r"^(?P<path>.+) @ (?P<minutes>\d+):(?P<seconds>\d+(?:\.\d+)?)$")


@dataclass
class TrainingJob:
    """The state of a project's training, as the page polls it."""

    state: str = "idle"  # idle | running | done | failed | interrupted (a server stopped during it)
    stage: str = ""
    done: int = 0
    total: int = 0
    message: str = ""
    error: str | None = None
    started: float | None = None
    finished: float | None = None


class Studio:
    """Projects, training jobs and loaded project models for one data dir."""

    def __init__(self, engine: Engine, root: Path) -> None:
        self.engine = engine
        self.root = root
        self.projects = Projects(root / "studio")
        self._jobs: dict[str, TrainingJob] = {}
        self._models: dict[str, tuple[float, Any]] = {}
        self._lock = threading.Lock()

    @property
    def store_file(self) -> Path:
        """The store the projects are taught with (features and previews cached by content)."""
        return self.root / "opensight.sqlite"

    # -- training -----------------------------------------------------------------------------------
    def job(self, project_id: str) -> TrainingJob:
        """The project's training job; the first time, ``interrupted`` when a stopped server left its marker."""
        with self._lock:
            job = self._jobs.get(project_id)
            if job is None:
                job = self._jobs[project_id] = self._leftover(project_id) or TrainingJob()
            return job

    def _leftover(self, project_id: str) -> TrainingJob | None:
        """An ``interrupted`` job when the project's folder holds a training marker no running job owns."""
        if slug(project_id) != project_id:
            return None  # not a project's name: never looked up on disk
        marker = self.projects.root / project_id / TRAINING_MARKER
        if not marker.exists():
            return None
        started = None
        try:
            saved: object = json.loads(marker.read_text(encoding="utf-8"))
            if isinstance(saved, dict) and isinstance(saved.get("started"), int | float):
                started = float(saved["started"])
        except (OSError, ValueError):
            pass  # a damaged marker still says the training did not end
        return TrainingJob(state="interrupted", stage="interrupted", message=_INTERRUPTED, started=started)

    def start_training(self, project: Project) -> TrainingJob:
        """Start teaching in the background, or :class:`ConflictError` when a job for this project runs."""
        with self._lock:
            job = self._jobs.get(project.id)
            if job is not None and job.state == "running":
                raise ConflictError(f"'{project.name}' is already training; wait for it to finish")
            job = TrainingJob(state="running", stage="starting", message="Starting…", started=time.time())
            marker = project.folder / TRAINING_MARKER
            try:
                marker.write_text(json.dumps({"started": job.started, "pid": os.getpid()}), encoding="utf-8")
            except OSError as error:
                raise write_failure(error, marker, kept="the training did not start; the pictures are intact") from None
            self._jobs[project.id] = job
        threading.Thread(target=self._train, args=(project, job), name=f"train-{project.id}", daemon=True).start()
        return job

    @contextmanager
    def unless_training(self, project: Project, action: str) -> Iterator[None]:
        """Do ``action`` (a class or its pictures changing under the model) only while no training of the project
        runs, and none starts meanwhile: :class:`ConflictError` otherwise (the model would keep what is gone)."""
        with self._lock:
            job = self._jobs.get(project.id)
            if job is not None and job.state == "running":
                raise ConflictError(f"'{project.name}' is training; wait for it to finish before {action}")
            yield

    def _train(self, project: Project, job: TrainingJob) -> None:
        from opensight.teach import teach
        from opensight.teach._shown_paths import renamer

        noun = EXAMPLES[project.kind]

        def progress(done: int, total: int) -> None:
            job.stage, job.done, job.total = "reading", done, total
            job.message = f"Reading {noun}: {done} of {total}"
            if done == total:
                job.stage, job.message = "fitting", "Fitting the model and checking it by cross-validation…"

        try:
            fingerprint = self.projects.fingerprint(project.id)
            job.stage, job.message = "reading", f"Looking at the {noun}…"
            dataset = self._dataset(project)
            model = teach(dataset, store=self.store_file, name=project.name, progress=progress, kind=project.kind)
            job.stage, job.message = "saving", "Saving the model and its report…"
            model.save(project.model_file, overwrite=True)  # the project's own files, made again
            model.report.save(project.report_file, overwrite=True)
            write_json(project.evaluation_file, _page_evaluation(model, project, fingerprint, renamer(dataset)))
            job.state, job.stage, job.message = "done", "done", "Trained."
        except OpensightError as error:
            job.state, job.error, job.message = "failed", str(error), f"Training failed: {error}"
        except Exception as error:  # a bug must still reach the page, not vanish in a thread
            job.state, job.error = "failed", f"{type(error).__name__}: {error}"
            job.message = f"Training failed unexpectedly ({job.error}); please report this"
        finally:
            job.finished = time.time()
            try:
                (project.folder / TRAINING_MARKER).unlink(missing_ok=True)
            except OSError as error:  # the job's own state says how it ended; only a restart would misread it
                logging.getLogger("opensight").warning("could not remove the training marker: %s", error)

    def _dataset(self, project: Project) -> Dataset:
        """The project's examples as ``teach`` reads them, each named by the class and the name it was uploaded
        with (a silent recording's warning names the clip the person made; a picture without a person, the photo
        they chose), not the name it is stored under."""
        from opensight.teach import load_dataset
        from opensight.teach._teach import kind_of

        kind = kind_of(project.kind)
        dataset = load_dataset(project.examples, extensions=kind.extensions, noun=kind.noun)
        originals = self.projects.originals(project.id)
        names = tuple(
            (str(project.examples / name / file), f"{name}/{original_name(originals, name, file)}")
            for name, files in self.projects.classes(project.id).items()
            for file in files
        )
        return replace(dataset, names=names)

    # -- the taught model ---------------------------------------------------------------------------
    def model(self, project: Project) -> Any:
        """The project's taught model (pictures or sounds), loaded once per saved file."""
        from opensight.teach import Taught

        if not project.model_file.is_file():
            noun = EXAMPLES[project.kind]
            raise NotFoundError(f"'{project.name}' has no model yet; add {noun} to two classes and train it")
        stamp = project.model_file.stat().st_mtime
        with self._lock:
            cached = self._models.get(project.id)
            if cached is None or cached[0] != stamp:
                cached = self._models[project.id] = (stamp, Taught.from_file(project.model_file))
            return cached[1]

    def describe(self, project: Project) -> dict[str, Any]:
        """Everything the project page shows except the evaluation: classes in the project's order, and the
        pictures' original names. ``notes``: sentences about damaged files of this project (the page shows them);
        ``trained`` is true only with a model and a readable evaluation."""
        notes = [project.note] if project.note else []
        classes = self.projects.classes(project.id)
        originals = self.projects.originals(project.id)
        trained = stale = False
        if project.model_file.is_file() and project.evaluation_file.is_file():
            try:
                saved = read_evaluation(project).get("fingerprint")
            except DamagedFileError as error:
                notes.append(str(error))
            else:
                trained = True
                stale = saved != self.projects.fingerprint(project.id)
        return {
            "id": project.id,
            "name": project.name,
            "created": project.created,
            "kind": project.kind,
            "classes": [  # each class's pictures in the order of the names they were uploaded with (2 before 10)
                {
                    "name": name,
                    "pictures": sorted(files, key=lambda file: _natural(original_name(originals, name, file))),
                }
                for name, files in classes.items()
            ],
            # each picture's name as uploaded into its class (older pictures: their stored name), by class/file
            "originals": {
                f"{name}/{file}": original_name(originals, name, file)
                for name, files in classes.items()
                for file in files
            },
            "trained": trained,
            "stale": stale,
            "training": asdict(self.job(project.id)),
            "notes": notes,
        }

    def describe_safely(self, project: Project) -> dict[str, Any]:
        """:meth:`describe`, or, when the project's folder cannot be read at all, a bare entry with a note: one
        damaged project never breaks the list of all of them."""
        try:
            return self.describe(project)
        except (OpensightError, OSError) as error:
            return {
                "id": project.id,
                "name": project.name,
                "created": project.created,
                "kind": project.kind,
                "classes": [],
                "originals": {},
                "trained": False,
                "stale": False,
                "training": asdict(self.job(project.id)),
                "notes": [f"this project could not be read ({error}); restore its folder or delete the project"],
            }


def read_evaluation(project: Project) -> dict[str, Any]:
    """The saved evaluation, or :class:`DamagedFileError` saying it could not be read and to train again."""
    try:
        saved: object = json.loads(project.evaluation_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise DamagedFileError(f"the evaluation could not be read (evaluation.json: {error}); train again") from None
    if not isinstance(saved, dict) or any(key not in saved for key in _EVALUATION_KEYS):
        raise DamagedFileError(
            "the evaluation could not be read (evaluation.json is not a saved evaluation); train again"
        )
    return saved


def _page_evaluation(
    model: AnyTaught, project: Project, fingerprint: str, shown: Callable[[str], str]
) -> dict[str, Any]:
    """The evaluation as the page needs it: pictures named ``class/file`` (they become URLs) and as ``shown`` to
    the person (the name each was uploaded with), the members of every confusion-matrix cell, and the
    precision/coverage curve for the "unsure" slider."""
    evaluation = model.evaluation
    assert evaluation is not None, "a model straight from teach() carries its evaluation"
    root = project.examples

    def key(path: str) -> str:
        return _example_key(path, root)

    page = evaluation.to_dict()
    for listed in ("mistakes", "label_issues"):
        for entry in page[listed]:
            entry["key"] = key(entry.pop("path"))
    for group in page["duplicates"]:
        group["keys"] = [key(path) for path in group.pop("paths")]
    page["names"] = {key(path): shown(path) for path in evaluation.paths}  # as the person named each example
    page["balanced"] = evaluation.balanced_sentence  # a small class never recognised, under a big one's accuracy
    page["cells"] = [
        [[key(evaluation.paths[index]) for index in cell] for cell in row] for row in evaluation.confusion_members
    ]
    step = max(1, len(evaluation.trade_off) // _CURVE_POINTS)
    page["trade_off"] = [[round(t, 3), round(p, 4), round(c, 4)] for t, p, c in evaluation.trade_off[::step]]
    page["threshold"] = evaluation.threshold  # unrounded: the slider starts where the saved model is
    page["class_names"] = list(model.classes)
    page["summary"] = list(model.card.summary_sentences)
    # the report's "read this first", in its words, and the files it lists as skipped
    page["warnings"] = list(model.card.warnings)
    page["skipped"] = [{"name": str(entry["path"]), "reason": str(entry["reason"])} for entry in model.card.skipped]
    page["fingerprint"] = fingerprint
    page["trained_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    return page


def _natural(name: str) -> tuple[tuple[int, int | str], ...]:
    """A file name as people sort them: its numbers by value, its words without regard to case.

    >>> sorted(["ding 10.wav", "Ding 2.wav", "ding 1.wav"], key=_natural)
    ['ding 1.wav', 'Ding 2.wav', 'ding 10.wav']
    """
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part.casefold()) for part in re.split(r"(\d+)", name) if part
    )


def _example_key(path: str, root: Path) -> str:
    """An example as the page names it: ``class/file``; a window of a longer recording with its second as a media
    fragment (``class/file.wav#t=3,4``: a player plays just that window).

    >>> _example_key("/p/examples/dog/a.wav @ 1:03.5", Path("/p/examples")), _example_key("/x/b.jpg", Path("/p"))
    ('dog/a.wav#t=63.5,65.5', 'b.jpg')
    """
    window = _WINDOW.match(path)
    fragment = ""
    if window is not None:
        path = window["path"]
        start = int(window["minutes"]) * 60 + float(window["seconds"])
        fragment = f"#t={start:g},{start + WINDOW_SECONDS:g}"
    try:
        return Path(path).relative_to(root).as_posix() + fragment
    except ValueError:
        return Path(path).name + fragment


NameBody = Annotated[str, Body(embed=True, description="The name.")]
KindBody = Annotated[
    str, Body(embed=True, description="What the project learns from: pictures, sounds, poses (body) or hands.")
]


def _project_routes(studio: Studio) -> APIRouter:
    """Projects and their classes."""
    projects = studio.projects
    router = APIRouter(prefix="/studio/api", tags=["studio"])

    @router.get("/projects", summary="Every project, newest first (a damaged one with a note)")
    async def list_projects() -> dict[str, Any]:
        return {"projects": [studio.describe_safely(project) for project in projects.all()]}

    @router.post("/projects", status_code=201, summary="Create a project")
    async def create_project(name: NameBody, kind: KindBody = KINDS[0]) -> dict[str, Any]:
        return studio.describe(projects.create(name, kind))

    @router.get("/projects/{pid}", summary="A project: its classes, pictures and training state")
    async def get_project(pid: str) -> dict[str, Any]:
        return studio.describe(projects.get(pid))

    @router.delete("/projects/{pid}", summary="Delete a project and everything in it")
    async def delete_project(pid: str) -> dict[str, Any]:
        if studio.job(pid).state == "running":
            raise ConflictError("this project is training; wait for it to finish before deleting it")
        projects.delete(pid)
        return {"deleted": pid}

    @router.post("/projects/{pid}/classes", status_code=201, summary="Add a class")
    async def add_class(pid: str, name: NameBody) -> dict[str, Any]:
        return {"name": projects.add_class(pid, name)}

    @router.put("/projects/{pid}/classes", summary="Put the classes in a new order")
    async def reorder_classes(pid: str, order: Annotated[list[str], Body(embed=True)]) -> dict[str, Any]:
        return {"classes": projects.reorder_classes(pid, order)}

    @router.post("/projects/{pid}/classes/{name}/rename", summary="Rename a class (409 while training)")
    async def rename_class(pid: str, name: str, to: Annotated[str, Body(embed=True)]) -> dict[str, Any]:
        with studio.unless_training(projects.get(pid), "renaming a class"):
            return {"name": projects.rename_class(pid, name, to)}

    @router.delete("/projects/{pid}/classes/{name}", summary="Delete a class and its pictures (409 while training)")
    async def delete_class(pid: str, name: str) -> dict[str, Any]:
        with studio.unless_training(projects.get(pid), "deleting a class"):
            projects.delete_class(pid, name)
        return {"deleted": name}

    return router


def _picture_routes(studio: Studio) -> APIRouter:
    """A class's pictures: add (checked as pictures first), show, move, delete."""
    projects = studio.projects
    router = APIRouter(prefix="/studio/api", tags=["studio"])
    engine = studio.engine

    @router.post(
        "/projects/{pid}/classes/{name}/pictures",
        summary="Add pictures to a class",
        description="`added`: the file names of the new pictures; `identical`: uploads the class already held "
        "(the very same bytes: kept once), each `{name, file}`; `refused`: uploads that are not pictures, each "
        "`{name, reason}`.",
    )
    async def add_pictures(pid: str, name: str, files: Annotated[list[UploadFile], File()]) -> dict[str, Any]:
        """Each file is decoded in full before it is kept (a cut-off picture has a sound header): one that
        cannot be is listed in ``refused`` with the decoder's sentence."""
        learns(projects.get(pid), "pictures")  # picture, pose and gesture projects
        projects.class_folder(pid, name)  # 404 before reading any upload
        added: list[str] = []
        identical: list[dict[str, str | None]] = []
        refused: list[dict[str, str | None]] = []
        for upload in files:
            data = await upload.read()
            try:
                picture = open_studio_picture(data, upload.filename or "upload")
                try:
                    await engine.run(lambda: decode_upload(picture))  # noqa: B023  (awaited in this iteration)
                finally:
                    picture.image.close()
                stored, new = projects.store_example(pid, name, data, upload.filename)
            except OpensightError as error:
                refused.append({"name": upload.filename, "reason": str(error)})
                continue
            if new:
                added.append(stored)
            else:
                identical.append({"name": upload.filename, "file": stored})
        return {"added": added, "identical": identical, "refused": refused}

    @router.get("/projects/{pid}/classes/{name}/pictures/{file}", summary="One picture")
    async def picture(pid: str, name: str, file: str) -> FileResponse:
        return FileResponse(projects.example_path(pid, name, file), headers={"Cache-Control": "max-age=3600"})

    @router.post("/projects/{pid}/classes/{name}/pictures/{file}/move", summary="Move a picture to another class")
    async def move_picture(pid: str, name: str, file: str, to: Annotated[str, Body(embed=True)]) -> dict[str, Any]:
        with studio.unless_training(projects.get(pid), "moving a picture"):
            already = projects.move_example(pid, name, file, to)
        return {"moved": file, "to": to, "already_there": already}

    @router.delete("/projects/{pid}/classes/{name}/pictures/{file}", summary="Delete a picture (409 while training)")
    async def delete_picture(pid: str, name: str, file: str) -> dict[str, Any]:
        with studio.unless_training(projects.get(pid), "deleting a picture"):
            projects.delete_example(pid, name, file)
        return {"deleted": file}

    return router


def _model_routes(studio: Studio) -> APIRouter:
    """Training, its progress and evaluation, the model file, the report, and testing the model."""
    projects = studio.projects
    router = APIRouter(prefix="/studio/api", tags=["studio"])
    engine = studio.engine

    @router.post("/projects/{pid}/train", status_code=202, summary="Start training (409 while one runs)")
    async def train(pid: str) -> dict[str, Any]:
        return asdict(studio.start_training(projects.get(pid)))

    @router.get("/projects/{pid}/train", summary="Training progress")
    async def training(pid: str) -> dict[str, Any]:
        projects.get(pid)
        return asdict(studio.job(pid))

    @router.get("/projects/{pid}/evaluation", summary="How good the trained model is")
    async def evaluation(pid: str) -> JSONResponse:
        project = projects.get(pid)
        if not project.evaluation_file.is_file():
            raise NotFoundError(f"'{project.name}' has not been trained yet")
        return JSONResponse(read_evaluation(project))

    @router.get("/projects/{pid}/model.osm", summary="Download the model file")
    async def download(pid: str) -> FileResponse:
        project = projects.get(pid)
        if not project.model_file.is_file():
            raise NotFoundError(f"'{project.name}' has no model yet; train it first")
        return FileResponse(project.model_file, filename=f"{project.id}.osm", media_type="application/zip")

    @router.get("/projects/{pid}/report.html", summary="The full HTML report")
    async def report(pid: str) -> FileResponse:
        project = projects.get(pid)
        if not project.report_file.is_file():
            raise NotFoundError(f"'{project.name}' has no report yet; train it first")
        return FileResponse(project.report_file, media_type="text/html")

    @router.post(
        "/projects/{pid}/predict",
        summary="Test the taught model on a picture (or a recording)",
        description="The CLI's row; a pose or gesture model's also has `annotated` (the picture with the skeleton "
        "and the label drawn, a JPEG data URL) and `summary`.",
    )
    async def predict(request: Request, pid: str, file: Annotated[UploadFile, File()]) -> JSONResponse:
        return JSONResponse(await answer(engine, studio.model(projects.get(pid)), file, request))

    return router


def _web_routes(studio: Studio) -> APIRouter:
    """The model as a web page that runs it in the browser (beside the model routes: they are at the complexity
    limit), and the snippets that use such a page."""
    projects = studio.projects
    router = APIRouter(prefix="/studio/api", tags=["studio"])

    @router.get("/projects/{pid}/web.zip", summary="Download the model as a web page that runs it offline")
    def web_page(pid: str) -> Response:  # a thread of the pool: reading and zipping ~30 MB takes a moment
        from opensight.teach._web import web_zip

        project = projects.get(pid)
        if project.kind != "pictures":
            raise ConflictError(
                f"'{project.name}' learns {LEARNS[project.kind]}; the web page runs picture models only: use the "
                ".osm file instead"
            )
        if not project.model_file.is_file():
            raise NotFoundError(f"'{project.name}' has no model yet; train it first")
        return Response(
            web_zip(project.model_file, folder=f"{project.id}-web"),
            media_type="application/zip",
            headers={"Content-Disposition": f'attachment; filename="{project.id}-web.zip"'},
        )

    @router.get("/web-snippets", summary="The snippets that use an exported web page (plain JS, p5.js)")
    async def web_snippets() -> dict[str, str]:
        from opensight.teach._web import snippets

        return snippets()

    return router


def mount_studio(app: FastAPI, engine: Engine) -> None:
    """Add the Studio's routes and page to ``app`` (the token, Host and Origin are checked by the app's
    :class:`~opensight.serve._guard.Guard`; state-changing calls need the ``X-Opensight`` header)."""
    studio = Studio(engine, engine.config.data_dir or data_dir())
    app.state.studio = studio
    app.include_router(_project_routes(studio))
    app.include_router(_picture_routes(studio))
    app.include_router(sound_routes(studio))
    app.include_router(pose_routes(studio))
    app.include_router(_model_routes(studio))
    app.include_router(_web_routes(studio))
    router = APIRouter(prefix="/studio/api", tags=["studio"])

    @router.api_route("/{rest:path}", methods=["GET", "POST", "DELETE"], include_in_schema=False)
    async def unknown(rest: str) -> None:
        raise HTTPException(404, f"no Studio route /studio/api/{rest}")

    app.include_router(router)
    app.mount("/studio", StaticFiles(directory=STATIC, html=True), name="studio")
