"""``opensight export``: a taught model in another shape; today a web page that runs it in the browser, offline."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from opensight._errors import OpensightError
from opensight._text import shell_word, shown
from opensight.cli._common import _fail
from opensight.cli._output import Console

EXPORT_EPILOG = (
    "[bold]Examples[/bold]\n\n"
    "  opensight export fruit.osm --web fruit-web/\n\n"
    "  cd fruit-web && python3 -m http.server 8080   then open http://127.0.0.1:8080/\n\n"
    "The folder holds index.html, the model (model.onnx, labels.json, card.json), opensight-model.js (the same "
    "picture preparation as opensight predict), example.html and sketch.js (to use it in your own page) and "
    "onnxruntime-web's files: nothing is downloaded when the page runs. onnxruntime-web is installed by "
    "`make setup` (npm) into <the Python environment>/share/opensight-web/ or $OPENSIGHT_CACHE/web/."
)


def export(
    model: Annotated[Path, typer.Argument(help="A model file made by `opensight teach` (or the Studio).")],
    web: Annotated[
        Path,
        typer.Option(
            "--web", help="Write a web page that runs the model in the browser into this folder.", show_default=False
        ),
    ],
    overwrite: Annotated[
        bool,
        typer.Option(
            "--overwrite", help="Replace the files of an earlier export in that folder (never the model file)."
        ),
    ] = False,
) -> None:
    """Ship a taught model as a web page: it classifies pictures and the webcam in any modern browser, offline."""
    from opensight.teach._web import export_web

    try:
        folder = export_web(model, web, overwrite=overwrite)
    except OpensightError as error:
        _fail(error, 2)
    size = sum(path.stat().st_size for path in folder.iterdir() if path.is_file())
    console = Console(soft_wrap=True, highlight=False)
    console.print(f"Wrote the web page to [bold]{shown(folder)}[/bold] ({size / 1e6:.1f} MB).")
    console.print(f"Try it:  cd {shell_word(folder)} && python3 -m http.server 8080   then open http://127.0.0.1:8080/")
