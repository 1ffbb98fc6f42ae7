"""``opensight hands | segment``: hands with 21 landmarks, and person masks (with cut-outs and new backgrounds)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from opensight._errors import OpensightError
from opensight._files import Outputs
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
    _fail,
    _run,
)
from opensight.tasks import DEFAULT_BATCH_SIZE
from opensight.tasks.hands import DEFAULT_MAX_HANDS, DEFAULT_MIN_SCORE, HandFinder
from opensight.tasks.segment import DEFAULT_SMOOTHING, Segmenter

HANDS_EPILOG = (
    "[bold]Examples[/bold]\n\n"
    "  opensight hands photo.jpg\n\n"
    "  opensight hands clips/ --max-hands 4 --save-annotated drawn/ -o hands.jsonl\n\n"
    "  opensight hands signing.mp4 --fps 5 --save-annotated signing-drawn.mp4\n\n"
    "Rows: hands [{handedness (left/right, as seen from the person), handedness_score, score, box, landmarks: "
    "{wrist, thumb_tip, index_finger_tip, …: \\[x, y, z]}}] in the picture's pixels."
)
SEGMENT_EPILOG = (
    "[bold]Examples[/bold]\n\n"
    "  opensight segment portrait.jpg\n\n"
    "  opensight segment shots/ --cutout cutouts/   (transparent PNGs)\n\n"
    "  opensight segment shots/ --composite blurred/ --blur-background 25\n\n"
    "  opensight segment call.mp4 --composite beach/ --background beach.jpg --save-mask masks/\n\n"
    "Rows: share (the part of the picture that is person), score, box \\[x1, y1, x2, y2] of the person area. "
    "Written pictures never replace an existing file (a free name is chosen) unless --overwrite is given, and never "
    "an input."
)


def hands(
    paths: PathsArg,
    max_hands: Annotated[
        int, typer.Option("--max-hands", min=1, max=10, help="At most this many hands per picture.")
    ] = DEFAULT_MAX_HANDS,
    min_score: Annotated[
        float, typer.Option(min=0.0, max=1.0, help="Leave out hands scored below this.")
    ] = DEFAULT_MIN_SCORE,
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
    """Find hands: left or right, 21 landmarks each (wrist, knuckles, finger tips) and a score."""
    _run(
        lambda: HandFinder(model, max_hands=max_hands, min_score=min_score, batch_size=batch_size),
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


def segment(
    paths: PathsArg,
    save_mask: Annotated[
        Path | None, typer.Option("--save-mask", help="Write each mask as a grayscale PNG into this folder.")
    ] = None,
    cutout: Annotated[
        Path | None, typer.Option("--cutout", help="Write the person on a transparent PNG into this folder.")
    ] = None,
    composite: Annotated[
        Path | None,
        typer.Option("--composite", help="Write the person in front of a new background into this folder."),
    ] = None,
    blur_background: Annotated[
        int | None, typer.Option("--blur-background", min=1, max=500, help="With --composite: blur by N pixels.")
    ] = None,
    background: Annotated[
        Path | None, typer.Option("--background", help="With --composite: this picture behind the person.")
    ] = None,
    smoothing: Annotated[
        float, typer.Option(min=0.0, max=0.95, help="Videos: how much of the previous frames' mask each keeps.")
    ] = DEFAULT_SMOOTHING,
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
    """Find the person in each picture: a mask, its share of the picture and its box; cut-outs and new backgrounds."""
    from opensight._cutouts import MaskOutputs

    outputs = Outputs(overwrite=overwrite)
    try:
        written = MaskOutputs(outputs, save_mask, cutout, composite, blur_background, background)
    except OpensightError as error:
        _fail(error, 2)
    _run(
        lambda: Segmenter(model, smoothing=smoothing, batch_size=batch_size),
        paths,
        fmt=fmt,
        out=out,
        progress=progress,
        verb="looked at",
        save_annotated=save_annotated,
        every=every,
        fps=fps,
        outputs=outputs,
        sinks=[written] if written.wanted else [],
    )
