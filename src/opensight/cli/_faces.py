"""``opensight faces ...``: find faces, enrol people, recognise them."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from opensight._errors import OpensightError
from opensight._text import printable, shown
from opensight.cli._common import (
    AnnotatedOpt,
    BatchOpt,
    DataDirOpt,
    EveryOpt,
    FormatOpt,
    FpsOpt,
    OutOpt,
    OverwriteOpt,
    PathsArg,
    ProgressOpt,
    _err,
    _fail,
    _run,
    _store_path,
)
from opensight.tasks import (
    DEFAULT_BATCH_SIZE,
    FaceFinder,
    FaceGallery,
)
from opensight.tasks.faces import detector_model


class Detector(StrEnum):
    centerface = "centerface"
    hog = "hog"


DetectorOpt = Annotated[
    Detector,
    typer.Option(
        "--detector",
        help="The face finder: centerface (small and turned faces too) or hog (dlib's, frontal faces from ~80 px).",
    ),
]

faces_app = typer.Typer(
    help="Find faces, enrol people, and recognise them (the gallery lives in the store: --data-dir).",
    rich_markup_mode="rich",
    no_args_is_help=True,
)


@faces_app.command("find", epilog="[bold]Example[/bold]\n\n  opensight faces find party/ --save-annotated boxed/")
def faces_find(
    paths: PathsArg,
    fmt: FormatOpt = None,
    out: OutOpt = None,
    overwrite: OverwriteOpt = False,
    batch_size: BatchOpt = DEFAULT_BATCH_SIZE,
    progress: ProgressOpt = None,
    save_annotated: AnnotatedOpt = None,
    every: EveryOpt = None,
    fps: FpsOpt = None,
    detector: DetectorOpt = Detector.centerface,
) -> None:
    """Find faces: boxes, 5 landmarks and a score each."""
    _run(
        lambda: FaceFinder(detector_model(detector), batch_size=batch_size),
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


@faces_app.command("enroll", epilog="[bold]Example[/bold]\n\n  opensight faces enroll grace grace1.jpg grace2.jpg")
def faces_enroll(
    name: Annotated[str, typer.Argument(help="The person's name.")],
    paths: Annotated[list[Path], typer.Argument(help="Pictures showing only this person's face.")],
    data_dir: DataDirOpt = None,
    detector: DetectorOpt = Detector.centerface,
) -> None:
    """Enrol a person from a few pictures (each must show exactly one face)."""
    try:
        count = FaceGallery(_store_path(data_dir), detector=detector).enroll(name, paths)
    except OpensightError as error:
        _fail(error, 2)
    _err.print(f"enrolled {count} picture(s) of {shown(name)}")


@faces_app.command("who", epilog="[bold]Example[/bold]\n\n  opensight faces who doorbell/ --save-annotated named/")
def faces_who(
    paths: PathsArg,
    threshold: Annotated[
        float, typer.Option(min=0.01, max=1.99, help="Largest descriptor distance that counts as the same person.")
    ] = 0.6,
    data_dir: DataDirOpt = None,
    fmt: FormatOpt = None,
    out: OutOpt = None,
    overwrite: OverwriteOpt = False,
    progress: ProgressOpt = None,
    save_annotated: AnnotatedOpt = None,
    every: EveryOpt = None,
    fps: FpsOpt = None,
    detector: DetectorOpt = Detector.centerface,
) -> None:
    """Say who is in each picture: an enrolled name, or 'unknown', with the distance."""
    try:
        enrolled = FaceGallery(_store_path(data_dir)).names()
    except OpensightError as error:
        _fail(error, 2)
    if not enrolled:
        _err.print(
            "[yellow]warning:[/yellow] nobody is enrolled yet, so every face is 'unknown'; "
            "enrol people first: opensight faces enroll NAME PICTURE..."
        )
    _run(
        lambda: FaceGallery(_store_path(data_dir), threshold=threshold, detector=detector).finder(),
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


@faces_app.command("list")
def faces_list(data_dir: DataDirOpt = None) -> None:
    """List the enrolled people and how many pictures each has."""
    try:
        names = FaceGallery(_store_path(data_dir)).names()
    except OpensightError as error:
        _fail(error, 2)
    if not names:
        _err.print("nobody is enrolled yet: opensight faces enroll NAME PICTURE...")
    for name, count in names.items():
        typer.echo(f"{printable(name)}\t{count}")


@faces_app.command("forget")
def faces_forget(name: Annotated[str, typer.Argument(help="The enrolled name.")], data_dir: DataDirOpt = None) -> None:
    """Remove a person from the gallery."""
    try:
        removed = FaceGallery(_store_path(data_dir)).forget(name)
    except OpensightError as error:
        _fail(error, 2)
    if not removed:
        _fail(f"nobody called {name!r} is enrolled (opensight faces list shows who is)", 2)
    _err.print(f"forgot {shown(name)} ({removed} picture(s))")
