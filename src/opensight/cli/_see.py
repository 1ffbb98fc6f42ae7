"""``opensight classify | detect | pose | embed``: the picture tasks whose rows the common runner prints."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from opensight.cli._common import (
    AnnotatedOpt,
    BatchOpt,
    EveryOpt,
    FormatOpt,
    FpsOpt,
    ModelOpt,
    OutOpt,
    OverwriteOpt,
    PathsArg,
    ProgressOpt,
    _run,
)
from opensight.tasks import DEFAULT_BATCH_SIZE, Classifier, Detector, Embedder, PoseEstimator


def classify(
    paths: PathsArg,
    top: Annotated[int, typer.Option("--top", "-k", min=1, max=1000, help="How many classes to list per picture.")] = 5,
    model: ModelOpt = None,
    fmt: FormatOpt = None,
    out: OutOpt = None,
    overwrite: OverwriteOpt = False,
    batch_size: BatchOpt = DEFAULT_BATCH_SIZE,
    progress: ProgressOpt = None,
    save_annotated: AnnotatedOpt = None,
    every: EveryOpt = None,
    fps: FpsOpt = None,
) -> None:
    """Say what is in each picture: the ImageNet classes most likely, with probabilities."""
    _run(
        lambda: Classifier(model, top=top, batch_size=batch_size),
        paths,
        fmt=fmt,
        out=out,
        overwrite=overwrite,
        progress=progress,
        verb="classified",
        save_annotated=save_annotated,
        every=every,
        fps=fps,
    )


def detect(
    paths: PathsArg,
    min_score: Annotated[float, typer.Option(min=0.0, max=1.0, help="Leave out detections scored below this.")] = 0.5,
    classes: Annotated[
        str | None, typer.Option(help="Only these COCO classes, comma-separated (e.g. person,car,dog).")
    ] = None,
    model: ModelOpt = None,
    fmt: FormatOpt = None,
    out: OutOpt = None,
    overwrite: OverwriteOpt = False,
    batch_size: BatchOpt = DEFAULT_BATCH_SIZE,
    progress: ProgressOpt = None,
    save_annotated: AnnotatedOpt = None,
    every: EveryOpt = None,
    fps: FpsOpt = None,
) -> None:
    """Find objects (80 COCO classes: people, vehicles, animals, household things) with boxes and counts."""
    wanted = None if classes is None else classes.split(",")
    _run(
        lambda: Detector(model, min_score=min_score, classes=wanted, batch_size=batch_size),
        paths,
        fmt=fmt,
        out=out,
        overwrite=overwrite,
        progress=progress,
        verb="searched",
        save_annotated=save_annotated,
        every=every,
        fps=fps,
    )


def pose(
    paths: PathsArg,
    model: ModelOpt = None,
    fmt: FormatOpt = None,
    out: OutOpt = None,
    overwrite: OverwriteOpt = False,
    batch_size: BatchOpt = DEFAULT_BATCH_SIZE,
    progress: ProgressOpt = None,
    save_annotated: AnnotatedOpt = None,
    every: EveryOpt = None,
    fps: FpsOpt = None,
) -> None:
    """Find a person's body keypoints (nose, shoulders, elbows, wrists, hips, knees, ankles, ...)."""
    _run(
        lambda: PoseEstimator(model, batch_size=batch_size),
        paths,
        fmt=fmt,
        out=out,
        overwrite=overwrite,
        progress=progress,
        verb="looked at",
        save_annotated=save_annotated,
        every=every,
        fps=fps,
    )


class View(StrEnum):
    crop = "crop"
    whole = "whole"
    content = "content"


ViewOpt = Annotated[
    View,
    typer.Option(
        "--view",
        help="crop: the model's centre crop, as `similar` and `index` see pictures; whole: the whole picture centred "
        "on its own border colour (nothing at the edges cut off); content: the whole of what it shows on a plain "
        "background, its plain edges trimmed first, as taught models see it.",
    ),
]


def embed(
    paths: PathsArg,
    model: ModelOpt = None,
    view: ViewOpt = View.crop,
    fmt: FormatOpt = None,
    out: OutOpt = None,
    overwrite: OverwriteOpt = False,
    batch_size: BatchOpt = DEFAULT_BATCH_SIZE,
    progress: ProgressOpt = None,
) -> None:
    """Turn each picture into a feature vector (for search, clustering or your own models)."""
    _run(
        lambda: Embedder(model, view=view.value, batch_size=batch_size),
        paths,
        fmt=fmt,
        out=out,
        overwrite=overwrite,
        progress=progress,
        verb="embedded",
    )
