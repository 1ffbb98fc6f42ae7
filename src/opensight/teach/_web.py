"""A taught model as a web page that runs it in the browser, offline: ``index.html``, the ``.osm``'s ONE graph
(``model.onnx``: raw RGB uint8 pixels to probabilities), ``labels.json``, ``card.json`` (the facts the page needs:
name, classes, "unsure" threshold, input size and fit), opensight's two ES modules (the preprocessing of
:mod:`opensight.inputs._transforms` rewritten in JavaScript, and the page), the snippets, and onnxruntime-web's
files (its single-threaded WebAssembly build).

onnxruntime-web comes from the npm registry at set-up (``make setup``), never from a CDN and never at run time.
It is looked for, in this order, in ``<the Python environment>/share/opensight-web/`` and in
``$OPENSIGHT_CACHE/web/`` (each an ``npm install --prefix`` folder: ``node_modules/onnxruntime-web/dist/``).

>>> sorted(PAGE_FILES)[:3]
['example.html', 'index.html', 'opensight-model.js']
"""

from __future__ import annotations

import io
import json
import os
import sys
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from opensight._errors import InputError, ModelNotInstalledError
from opensight._files import Outputs, write_failure
from opensight._osm_schema import checked_input
from opensight._settings import cache_dir
from opensight._version import __version__
from opensight.bundle import Bundle, read_bundle
from opensight.models import ImageInput, LandmarkInput

if TYPE_CHECKING:
    from opensight.teach._model import TaughtModel

#: The onnxruntime-web release the page is made and tested with (the Makefile installs exactly this one).
RUNTIME_VERSION = "1.30.0"
#: What the page needs of onnxruntime-web: its ES module and classic script (wasm backend only), the
#: WebAssembly build and its loader. Single-threaded: no cross-origin isolation needed from the web server.
RUNTIME_FILES = ("ort.wasm.min.mjs", "ort.wasm.min.js", "ort-wasm-simd-threaded.mjs", "ort-wasm-simd-threaded.wasm")
#: opensight's own files of the page (package data in ``web_page/``).
PAGE_FILES = ("index.html", "page.js", "opensight-model.js", "page.css", "example.html", "sketch.js")
_PAGE = Path(__file__).with_name("web_page")
_DIST = Path("node_modules", "onnxruntime-web", "dist")
INSTALL_HINT = (
    f"install it once with `make setup`, or `npm install --no-save --prefix {{cache}}/web onnxruntime-web@"
    f"{RUNTIME_VERSION}` (Node.js's npm; it is not downloaded at run time)"
)


def runtime_folders() -> list[Path]:
    """Where onnxruntime-web's files are looked for, in order (see the module's docstring)."""
    return [Path(sys.prefix, "share", "opensight-web") / _DIST, cache_dir() / "web" / _DIST]


def runtime_files() -> dict[str, bytes]:
    """onnxruntime-web's files the page needs, from the first folder that has them all, or
    :class:`ModelNotInstalledError` saying how to install them."""
    for folder in runtime_folders():
        if _version_of(folder) == RUNTIME_VERSION and all((folder / name).is_file() for name in RUNTIME_FILES):
            return {name: (folder / name).read_bytes() for name in RUNTIME_FILES}
    hint = INSTALL_HINT.format(cache=cache_dir())
    raise ModelNotInstalledError(
        f"the web page needs onnxruntime-web {RUNTIME_VERSION}, which is not installed: {hint}"
    )


def _version_of(dist: Path) -> str | None:
    """The version of the onnxruntime-web whose ``dist/`` folder this is (its package.json), or None."""
    try:
        version = json.loads((dist.parent / "package.json").read_text(encoding="utf-8")).get("version")
    except (OSError, ValueError, AttributeError):
        return None
    return version if isinstance(version, str) else None


def page_facts(bundle: Bundle, source: object = "the model") -> dict[str, Any]:
    """``card.json`` of the page: what it shows and how it prepares a picture, as ``opensight predict`` does."""
    spec = checked_input(source, bundle.manifest)
    if isinstance(spec, LandmarkInput):
        learned = "body poses" if spec.landmarks == "pose" else "hand gestures"
        raise InputError(
            f"{source} learns {learned}: the web page runs picture models only (for now; it has no {learned[:4]} "
            "detector); serve the model with `opensight serve MODEL.osm` instead"
        )
    if not isinstance(spec, ImageInput):
        raise InputError(
            f"{source} hears sounds: the web page runs picture models only (for now); serve a sound model with "
            "`opensight serve MODEL.osm` instead"
        )
    threshold = bundle.card.get("unsure_threshold")
    return {
        "format": "opensight-web-model",
        "opensight_version": __version__,
        "runtime": f"onnxruntime-web {RUNTIME_VERSION}",
        "name": str(bundle.card.get("name", "taught model")),
        "classes": list(bundle.labels),
        "unsure_threshold": None if threshold is None else float(threshold),
        "input": {"size": spec.size, "fit": spec.fit, "resize_side": spec.resize_side, "layout": "NHWC uint8 RGB"},
        "licence": str(bundle.card.get("licence", "unknown")),
    }


def web_files(model: str | os.PathLike[str] | TaughtModel) -> dict[str, bytes]:
    """Every file of the web page for ``model`` (a ``.osm`` path, read and checked, or a taught model), by name."""
    runtime = runtime_files()  # first: a missing runtime is said before any work
    if isinstance(model, (str, os.PathLike)):
        bundle, source = read_bundle(model), model
    else:
        bundle, source = model.bundle, "the model"
    facts = page_facts(bundle, source)
    files = {name: (_PAGE / name).read_bytes() for name in PAGE_FILES}
    files["index.html"] = files["index.html"].replace(b"{{title}}", _html_text(facts["name"]).encode("utf-8"))
    files.update(
        {
            "model.onnx": bundle.model_onnx,
            "labels.json": _json(list(bundle.labels)),
            "card.json": _json(facts),
            "NOTICE.txt": _notice().encode("utf-8"),
            **runtime,
        }
    )
    return files


def export_web(
    model: str | os.PathLike[str] | TaughtModel, folder: str | os.PathLike[str], *, overwrite: bool = False
) -> Path:
    """Write ``model`` as a web page into ``folder`` (created when missing) and return the folder. Open it through
    any web server (``python3 -m http.server`` in that folder) in a modern browser: it classifies a chosen picture
    or the webcam's frames on the device, offline, prepared exactly as ``opensight predict`` prepares them.

    Files that exist are never written over unless ``overwrite`` (an :class:`InputError` before anything is
    written); a missing onnxruntime-web is a :class:`ModelNotInstalledError` saying how to install it.

    >>> import opensight as osi
    >>> osi.export_web("fruit.osm", "fruit-web/")  # doctest: +SKIP
    """
    target = Path(folder)
    if target.exists() and not target.is_dir():
        raise InputError(f"{target} is a file; give a folder for the web page")
    files = web_files(model)
    outputs = Outputs(overwrite=overwrite, inputs=[Path(model)] if isinstance(model, (str, os.PathLike)) else ())
    for name in files:  # every file checked before the first is written: all or nothing
        outputs.check(target / name, atomic=True)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise write_failure(error, target) from None
    for name, data in files.items():
        outputs.write_bytes(target / name, data)
    return target


def web_zip(model: str | os.PathLike[str] | TaughtModel, *, folder: str = "") -> bytes:
    """The web page as a zip archive (its files under ``folder/`` when given), in memory."""
    buffer = io.BytesIO()
    prefix = f"{folder.strip('/')}/" if folder else ""
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, data in web_files(model).items():
            # the weights barely compress: stored, they cost no time
            method = zipfile.ZIP_STORED if name == "model.onnx" else zipfile.ZIP_DEFLATED
            archive.writestr(prefix + name, data, compress_type=method)
    return buffer.getvalue()


def snippets() -> dict[str, str]:
    """The two ways to use an exported page from your own code, as the page shows them: ``javascript``
    (``example.html``) and ``p5`` (``sketch.js``)."""
    return {
        "javascript": (_PAGE / "example.html").read_text(encoding="utf-8"),
        "p5": (_PAGE / "sketch.js").read_text(encoding="utf-8"),
    }


def _json(data: Any) -> bytes:
    return json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8")


def _html_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _notice() -> str:
    return (
        f"Made by opensight {__version__}: `opensight export MODEL.osm --web FOLDER`.\n\n"
        "Open index.html through a web server, e.g. in this folder:  python3 -m http.server 8080\n"
        "then http://127.0.0.1:8080/ (browsers do not run WebAssembly models from a file opened directly).\n"
        "Nothing is downloaded: every file the page uses is in this folder.\n\n"
        f"ort.*, ort-wasm-*: onnxruntime-web {RUNTIME_VERSION}, (c) Microsoft Corporation, MIT licence "
        "(https://github.com/microsoft/onnxruntime).\n"
        "model.onnx: see card.json for the model's licence.\n"
    )
