"""A classifier from words alone (zero-shot), to start before any example exists.

Your class names are placed next to the 1,000 ImageNet classes with MiniLM (ConSE, as ``opensight tag`` does);
the ``.osm`` graph turns the backbone's ImageNet probabilities into one score per class name. Nobody has checked
it on your pictures, and the card says so: add examples and ``opensight teach`` them for a measured model.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable
from typing import Any

import numpy as np

from opensight._errors import InputError
from opensight._version import __version__
from opensight.bundle import Bundle, contained_report, make_manifest
from opensight.models import ModelSpec
from opensight.models.efficientnet import onnx_path
from opensight.tasks import DEFAULT_BATCH_SIZE, Embedder
from opensight.teach._card import TaughtModelCard
from opensight.teach._fuse import fuse_zero_shot
from opensight.teach._model import TaughtModel

#: ConSE scores lie in [0, 1]; this factor turns them into logits, so the softmax is neither flat nor a one-hot.
ZERO_SHOT_SCALE = 12.0


def input_spec(spec: ModelSpec) -> dict[str, Any]:
    """What the .osm graph expects, written into its manifest."""
    given = spec.image_input
    return {
        "size": given.size,
        "crop_fraction": given.crop_fraction,
        "mean": list(given.mean),
        "std": list(given.std),
        "layout": "NHWC uint8 RGB",
        "fit": given.fit,
        "resize": (
            f"long side to {given.size} px (bicubic), centred on a {given.size}² square of the border's mean colour"
            + (", after its plain edges are trimmed (opensight.inputs.content_box)" if given.fit == "content" else "")
            if given.fit in ("whole", "content")
            else f"short side to {given.resize_side} px (bicubic), then the central {given.size}² crop"
        ),
    }


def teach_from_words(
    labels: Iterable[str] | str, *, name: str | None = None, batch_size: int = DEFAULT_BATCH_SIZE
) -> TaughtModel:
    """A zero-shot classifier for these class names (at least two), saved like any taught model.

    >>> import opensight as osi
    >>> model = osi.teach(labels=["bicycle", "car", "bus"])  # doctest: +SKIP
    >>> model.card["zero_shot"]  # doctest: +SKIP
    True
    """
    from opensight.tasks.tag import clean_labels

    words = clean_labels(labels)
    if len(words) < 2:
        raise InputError("a classifier needs at least 2 class names, e.g. --labels 'bicycle, car'")
    weights, coverage = name_weights(words, Embedder().spec)
    return zero_shot_model(words, weights, coverage, name=name, batch_size=batch_size)


def zero_shot_model(
    words: tuple[str, ...],
    weights: np.ndarray,
    coverage: list[Any],
    *,
    name: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> TaughtModel:
    """The zero-shot model for ``words`` from their weights and coverage (:func:`name_weights`)."""
    spec = Embedder().spec
    graph = fuse_zero_shot(onnx_path(spec), weights, ZERO_SHOT_SCALE)
    card = _card(name or "zero-shot: " + ", ".join(words), words, coverage, spec)
    bundle = Bundle(
        model_onnx=graph,
        labels=words,
        card=card,
        manifest=make_manifest("classify", {}, input_spec(spec)),
        report_html=_report(card.name, list(card.summary_sentences)),
    )
    return TaughtModel(bundle, batch_size=batch_size)


def _card(name: str, words: tuple[str, ...], coverage: list[Any], spec: ModelSpec) -> TaughtModelCard:
    """The zero-shot model's card: unmeasured, with each class name's coverage and the limits that follow."""
    poor = [entry.label for entry in coverage if entry.quality == "poor"]
    return TaughtModelCard(
        name=name,
        summary=f"Zero-shot classifier (from words only): {', '.join(words)}",
        created=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        opensight_version=__version__,
        zero_shot=True,
        classes=words,
        data_counts=dict.fromkeys(words, 0),
        coverage=tuple(entry.to_dict() for entry in coverage),
        evaluation={},
        summary_sentences=(
            "Zero-shot model: no examples yet, so its accuracy on your pictures is unknown.",
            *(entry.verdict for entry in coverage),
            "Add a few examples per class and teach again (`opensight teach FOLDER`) for a measured model.",
        ),
        unsure_threshold=None,
        base_model=spec.name,
        base_licence=spec.licence,
        licence=f"{spec.licence} (base model); all-MiniLM-L6-v2 (Apache-2.0) placed the class names",
        provenance=f"Made with opensight {__version__} from class names only (ConSE over {spec.name}'s ImageNet "
        "classes, with all-MiniLM-L6-v2 sentence embeddings).",
        intended_use=f"A first guess between {', '.join(words)} before you have examples.",
        limits=(
            "Never measured on your pictures: treat every answer as a guess until you teach it with examples.",
            "Works only for classes close to the 1,000 ImageNet classes"
            + (f"; far from everything known: {', '.join(poor)}" if poor else "")
            + ".",
            "Scores are not calibrated probabilities, and there is no 'unsure' threshold.",
        ),
        warnings=tuple(f"'{label}' is poorly covered: expect poor results" for label in poor),
        skipped=(),
    )


def name_weights(words: tuple[str, ...], spec: ModelSpec) -> tuple[np.ndarray, list[Any]]:
    """(ImageNet classes, words) ConSE weights for the classifier ``spec``, and each word's coverage verdict."""
    from opensight.tasks.tag import Vocabulary

    vocabulary = Vocabulary(spec)
    weights = vocabulary.label_weights(words)[:, : len(spec.class_names())].T
    return np.ascontiguousarray(weights), vocabulary.coverage(words)


def _report(name: str, sentences: list[str]) -> str:
    items = "".join(f"<li>{html.escape(sentence)}</li>" for sentence in sentences)
    return contained_report(  # as it will be read from the model file
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(name)}</title></head>"
        f"<body style='font-family:sans-serif;max-width:50rem;margin:2rem auto'><h1>{html.escape(name)}</h1>"
        f"<ul>{items}</ul></body></html>"
    )
