"""``teach()``: from a folder (or CSV) of examples to a checked, portable model.

Steps: read the dataset → hash files and reuse cached embeddings from the store (only new or changed pictures
are embedded) → fit the head with cross-validation and calibration → evaluate → report → fuse into one ONNX
graph → a :class:`TaughtModel` whose ``save()`` verifies the written file.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from opensight._errors import DecodeError, InputError
from opensight._version import __version__
from opensight.bundle import Bundle, make_manifest
from opensight.inputs import Item
from opensight.models import ModelSpec, default_model
from opensight.models.efficientnet import onnx_path
from opensight.results import Shown
from opensight.store import Store
from opensight.tasks import DEFAULT_BATCH_SIZE, Embedder, Task
from opensight.teach._card import TaughtModelCard
from opensight.teach._fuse import fuse_head
from opensight.teach._model import ParityReference, TaughtModel
from opensight.teach._zero_shot import (
    ZERO_SHOT_SCALE,
    input_spec,
    name_weights,
    teach_from_words,
    zero_shot_model,
)
from opensight.teach.dataset import Dataset, load_dataset
from opensight.teach.evaluate import Evaluation, evaluate
from opensight.teach.head import LinearHeadLearner, log_loss, log_softmax, softmax
from opensight.teach.report import render_report

#: Side of the thumbnails kept in the store (for reports and the save-time parity check).
THUMBNAIL_SIDE = 112
#: Pictures used for the save-time parity check.
PARITY_SAMPLE = 16

Progress = Callable[[int, int], None]


@dataclass(frozen=True, eq=False)
class _Picture(Shown):
    vector: np.ndarray
    thumbnail: bytes

    def to_dict(self) -> dict[str, Any]:
        return {"embedding": self.vector.tolist()}


def taught_view() -> ModelSpec:
    """The backbone as taught models use it: the WHOLE picture, centred on its border colour, instead of the
    ImageNet centre crop, which cuts off the edges of an object that fills the frame or sits off-centre. Measured
    on four picture sets at 5-20 examples per class, the whole picture was 1-2 points more accurate
    (BENCHMARKS.md, bench/teach.py)."""
    spec = default_model("embed")
    return replace(spec, input=replace(spec.image_input, crop_fraction=1.0, fit="whole"))


class _EmbedderWithThumbnails(Task[_Picture]):
    """The taught models' embedder, also keeping a small JPEG of what the model saw."""

    result_type = _Picture

    task = "embed"

    def _serves(self, spec: ModelSpec) -> bool:
        return spec.embedding_dim is not None

    def _forward(self, batch: np.ndarray) -> dict[str, np.ndarray]:
        return {**super()._forward(batch), "pixels": batch}

    def postprocess(self, outputs: dict[str, np.ndarray], index: int) -> _Picture:
        image = Image.fromarray(outputs["pixels"][index]).resize(
            (THUMBNAIL_SIDE, THUMBNAIL_SIDE), Image.Resampling.BILINEAR
        )
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=85)
        return _Picture(vector=np.array(outputs["embedding"][index], dtype=np.float32), thumbnail=buffer.getvalue())


@dataclass(frozen=True)
class _Embedded:
    vectors: dict[str, np.ndarray]  # sha256 → vector
    thumbnails: dict[str, bytes]
    digests: dict[Path, str]  # readable example path → sha256
    skipped: list[tuple[str, str]]
    computed: int


def embed_examples(
    paths: list[Path], store: Store, *, batch_size: int = DEFAULT_BATCH_SIZE, progress: Progress | None = None
) -> _Embedded:
    """Embeddings and thumbnails for every readable picture; only pictures whose content the store has not
    seen are run through the model. Unreadable files are returned in ``skipped`` with the reason."""
    embedder = _EmbedderWithThumbnails(taught_view(), batch_size=batch_size)
    model = f"{embedder.spec.name}:{embedder.spec.image_input.fit}"  # the store keeps each view's embeddings apart
    digests, skipped = _hash_files(paths, store)
    unique = sorted(set(digests.values()))
    vectors = store.embeddings(model, unique)
    thumbnails = store.thumbnails(unique)
    first_path = {digest: path for path, digest in reversed(list(digests.items()))}
    todo = [digest for digest in unique if digest not in vectors or digest not in thumbnails]
    items = [Item(name=digest, path=first_path[digest]) for digest in todo]
    new_vectors, new_thumbnails, failed = _embed_new(embedder, items, progress)
    if new_vectors:
        store.put_embeddings(model, new_vectors)
        store.put_thumbnails(new_thumbnails)
    vectors.update(new_vectors)
    thumbnails.update(new_thumbnails)
    for path, digest in list(digests.items()):
        if digest in failed:
            skipped.append((str(path), failed[digest]))
            del digests[path]
    return _Embedded(vectors, thumbnails, digests, sorted(skipped), computed=len(new_vectors))


def _hash_files(paths: list[Path], store: Store) -> tuple[dict[Path, str], list[tuple[str, str]]]:
    """Each readable file's sha256, and (path, reason) for the others."""
    skipped: list[tuple[str, str]] = []
    digests: dict[Path, str] = {}
    for path, digest in store.file_hashes(paths).items():
        if isinstance(digest, DecodeError):  # missing, unreadable, or not a regular file (a pipe, a device)
            skipped.append((str(path), str(digest)))
        else:
            digests[path] = digest
    return digests, skipped


def _embed_new(
    embedder: _EmbedderWithThumbnails, items: list[Item], progress: Progress | None
) -> tuple[dict[str, np.ndarray], dict[str, bytes], dict[str, str]]:
    """Run the pictures through the model: vectors and thumbnails by sha256, and why each failed one failed."""
    vectors: dict[str, np.ndarray] = {}
    thumbnails: dict[str, bytes] = {}
    failed: dict[str, str] = {}
    for done, outcome in enumerate(embedder.stream(items), start=1):
        if outcome.result is None:
            failed[outcome.name] = str(outcome.error)
        else:
            vectors[outcome.name] = outcome.result.vector
            thumbnails[outcome.name] = outcome.result.thumbnail
        if progress is not None:
            progress(done, len(items))
    return vectors, thumbnails, failed


def teach(
    data: str | os.PathLike[str] | Dataset | None = None,
    *,
    labels: Iterable[str] | str | None = None,
    precision: float = 0.95,
    store: Store | str | os.PathLike[str] | None = None,
    name: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Progress | None = None,
) -> TaughtModel:
    """Teach a classifier from examples: a folder with one sub-folder per class, or a CSV of ``path,label``.

    ``precision`` is the target for confident answers: below the threshold that reaches it on held-out
    pictures, answers come back as ``"unsure"``. Returns a :class:`TaughtModel` (``.report``, ``.save()``).
    With ``labels`` and no ``data``, a zero-shot model from the class names alone (see ``_zero_shot``); with both,
    the labels must be the classes, and the report compares the zero-shot guess with the taught model.

    >>> import opensight as osi
    >>> model = osi.teach("photos/")  # photos/ripe/*.jpg, photos/unripe/*.jpg  # doctest: +SKIP
    >>> print(model.report)  # doctest: +SKIP
    Accuracy 95% expected on new pictures like these 20 (95% confidence interval 84–100%): 10-fold ...
    >>> model.save("fruit.osm")  # doctest: +SKIP
    """
    if data is None:
        return _from_words(labels, name=name, batch_size=batch_size)
    _check_precision(precision)
    dataset = data if isinstance(data, Dataset) else load_dataset(data)
    embedded = _embed_dataset(dataset, store, batch_size=batch_size, progress=progress)
    examples = _examples(dataset, embedded)
    learner = LinearHeadLearner().fit(examples.features, examples.truth)
    blend = None if labels is None else _blend_with_names(labels, examples, learner.oof_proba_)
    evaluation = _evaluate(examples, learner, blend, float(precision))
    model_name = name or Path(dataset.source).stem or "taught model"
    card = _card(model_name, examples, evaluation, blend, embedded, float(precision))
    report_html = _report(card, examples, evaluation, embedded.skipped)
    embedder = Embedder(taught_view())
    bundle = _bundle(embedder, learner, blend, card, report_html)
    parity = _parity_reference(embedder, learner, _parity_thumbnails(examples), blend=blend)
    return TaughtModel(bundle, batch_size=batch_size, parity=parity, evaluation=evaluation)


def _from_words(labels: Iterable[str] | str | None, *, name: str | None, batch_size: int) -> TaughtModel:
    """Without examples: the zero-shot model from the class names, which are then required."""
    if labels is None:
        raise InputError("give examples (a folder or CSV) to teach from, or class names: labels=['a', 'b']")
    return teach_from_words(labels, name=name, batch_size=batch_size)


def _check_precision(precision: object) -> None:
    """``precision`` must be a number from 0.5 up to (not including) 1."""
    if isinstance(precision, bool) or not isinstance(precision, int | float) or not 0.5 <= precision < 1.0:
        raise InputError(f"precision must be a number from 0.5 to 0.999 (e.g. 0.95), got {precision!r}")


def _embed_dataset(
    dataset: Dataset, store: Store | str | os.PathLike[str] | None, *, batch_size: int, progress: Progress | None
) -> _Embedded:
    """Embed every example (:func:`embed_examples`) with ``store``, opened here (and closed) unless given open."""
    own_store = not isinstance(store, Store)
    opened = Store(store) if not isinstance(store, Store) else store
    try:
        paths = sorted({example.path for example in dataset.examples})
        return embed_examples(paths, opened, batch_size=batch_size, progress=progress)
    finally:
        if own_store:
            opened.close()


@dataclass(frozen=True, eq=False)
class _Examples:
    """The readable examples, as the head is fitted on them: one row each, in the dataset's order."""

    classes: tuple[str, ...]
    truth: np.ndarray  # class index of each example
    digests: list[str]  # sha256 of each example's file
    features: np.ndarray  # (examples, embedding) vectors
    paths: list[str]
    thumbnails: dict[int, bytes]  # by example index, where the store has one
    warnings: list[str]  # the dataset's, then about files and classes lost to unreadable pictures

    @property
    def counts(self) -> dict[str, int]:
        """Examples per class, in class order."""
        return {label: int((self.truth == i).sum()) for i, label in enumerate(self.classes)}


def _examples(dataset: Dataset, embedded: _Embedded) -> _Examples:
    """The examples whose pictures could be read, with their vectors; refused when fewer than 2 classes are left,
    or when no class has a second picture to check the model against."""
    usable = [example for example in dataset.examples if example.path in embedded.digests]
    warnings = list(dataset.warnings)
    if embedded.skipped:
        warnings.append(f"{len(embedded.skipped)} file(s) could not be read and were skipped (listed in the report)")
    classes = tuple(sorted({example.label for example in usable}))
    lost = [c for c in dataset.classes if c not in classes]
    if lost:
        warnings.append(f"no readable pictures left in: {', '.join(lost)}")
    if len(classes) < 2:
        raise InputError(
            f"after skipping unreadable files, fewer than 2 classes have pictures ({', '.join(classes) or 'none'}); "
            "teaching needs at least 2 classes with readable pictures"
        )
    index_of = {label: i for i, label in enumerate(classes)}
    truth = np.array([index_of[example.label] for example in usable])
    if np.bincount(truth).max() < 2:
        raise InputError(
            "every class has a single picture: with nothing to check the model against, opensight cannot say how "
            "well it works; add a second picture to at least one class (5 or more per class make a useful model)"
        )
    digests = [embedded.digests[example.path] for example in usable]
    return _Examples(
        classes=classes,
        truth=truth,
        digests=digests,
        features=np.stack([embedded.vectors[digest] for digest in digests]),
        paths=[str(example.path) for example in usable],
        thumbnails={i: embedded.thumbnails[d] for i, d in enumerate(digests) if d in embedded.thumbnails},
        warnings=warnings,
    )


def _evaluate(
    examples: _Examples, learner: LinearHeadLearner, blend: _NameBlend | None, precision: float
) -> Evaluation:
    """How good the model is, from the out-of-fold answers (of the blend with the class names, if any)."""
    method = f"{learner.folds_}-fold cross-validation" if learner.folds_ > 1 else "a 20% hold-out split"
    if learner.repeats_ > 1:
        method += f" repeated {learner.repeats_} times"
    return evaluate(
        labels=examples.truth,
        classes=examples.classes,
        oof_proba=learner.oof_proba_ if blend is None else blend.oof,
        embeddings=examples.features,
        digests=examples.digests,
        paths=examples.paths,
        curve=learner.curve_,
        method=method,
        target_precision=precision,
        temperature=learner.temperature_,
        regularisation=learner.C_,
        ece=(learner.ece_before_, learner.ece_after_),
        gain=learner.gain_,
    )


def _report(card: TaughtModelCard, examples: _Examples, evaluation: Evaluation, skipped: list[tuple[str, str]]) -> str:
    """The HTML report of the model ``card`` describes."""
    return render_report(
        name=card.name,
        evaluation=evaluation,
        classes=examples.classes,
        counts=card.data_counts,
        paths=examples.paths,
        thumbnails=examples.thumbnails,
        warnings=card.warnings,
        skipped=skipped,
        card=card,
    )


def _bundle(
    embedder: Embedder, learner: LinearHeadLearner, blend: _NameBlend | None, card: TaughtModelCard, report_html: str
) -> Bundle:
    """The ``.osm`` contents: the backbone, the head (and the class names' share of the blend, if any) fused into
    one graph, with the card and the report."""
    names = None if blend is None or blend.weight == 0 else (blend.name_weights, ZERO_SHOT_SCALE, blend.weight)
    fit = learner.fit_
    graph = fuse_head(onnx_path(embedder.spec), fit.weights, fit.bias, fit.temperature, zero_shot=names)
    return Bundle(
        model_onnx=graph,
        labels=card.classes,
        card=card,
        manifest=make_manifest("classify", {}, input_spec(embedder.spec)),
        report_html=report_html,
    )


#: Weights tried for the class names' zero-shot opinion when blending it with the taught head.
BLEND_WEIGHTS = (0.25, 0.5, 1.0, 2.0)


@dataclass(frozen=True, eq=False)
class _NameBlend:
    """The class names' zero-shot model, and how much of it to add to the taught head (0: none)."""

    weight: float
    oof: np.ndarray  # out-of-fold probabilities of the blend (NaN rows = not held out)
    name_weights: np.ndarray
    zero_model: TaughtModel
    zero_accuracy: float
    taught_accuracy: float
    blended_accuracy: float

    @property
    def sentence(self) -> str:
        told = (
            f"From the class names alone (zero-shot) it would get {self.zero_accuracy:.0%} of these pictures right; "
            f"from your examples alone {self.taught_accuracy:.0%}"
        )
        if self.weight == 0:
            return told + "; adding the names does not help here, so the model uses the examples only."
        return (
            f"{told}; blending both (the names weighted {self.weight:g}, chosen by cross-validation) "
            f"{self.blended_accuracy:.0%} — the more examples you add, the less the names count."
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "zero_shot_accuracy": round(self.zero_accuracy, 4),
            "taught_accuracy": round(self.taught_accuracy, 4),
            "blended_accuracy": round(self.blended_accuracy, 4),
            "zero_shot_weight": self.weight,
            "sentence": self.sentence,
        }


def _blend_with_names(labels: Iterable[str] | str, examples: _Examples, oof: np.ndarray) -> _NameBlend:
    """Score the pictures with a zero-shot model made from the class names, and pick by out-of-fold log-loss how
    much of its opinion to add to the taught head (product of experts: logits + weight × its log-probabilities)."""
    from opensight.tasks.tag import clean_labels

    classes, paths, truth = examples.classes, examples.paths, examples.truth
    given = sorted(label.lower() for label in clean_labels(labels))
    if given != sorted(name.lower() for name in classes):
        raise InputError(
            f"with examples, --labels must name the classes (the folder names): {', '.join(classes)}; "
            f"got {', '.join(clean_labels(labels))}"
        )
    weights, coverage = name_weights(classes, Embedder().spec)
    zero = zero_shot_model(classes, weights, coverage)
    zero_log = log_softmax(_model_logits(zero, paths))
    held = ~np.isnan(oof).any(axis=1)

    def loss(probabilities: np.ndarray) -> float:
        return log_loss(probabilities[held], truth[held])

    def accuracy(probabilities: np.ndarray) -> float:
        return float((probabilities[held].argmax(axis=1) == truth[held]).mean())

    best_weight, best = 0.0, oof
    for weight in BLEND_WEIGHTS:
        mixed = np.full_like(oof, np.nan)
        mixed[held] = softmax(np.log(np.maximum(oof[held], 1e-12)) + weight * zero_log[held])
        if loss(mixed) < loss(best) - 1e-4:
            best_weight, best = weight, mixed
    return _NameBlend(
        weight=best_weight,
        oof=best,
        name_weights=weights,
        zero_model=zero,
        zero_accuracy=float((zero_log.argmax(axis=1) == truth).mean()),
        taught_accuracy=accuracy(oof),
        blended_accuracy=accuracy(best),
    )


def _model_logits(model: TaughtModel, paths: list[str], batch: int = 32) -> np.ndarray:
    """Every class's logit for each picture (decoded and prepared as the model's own inputs)."""
    rows = []
    for start in range(0, len(paths), batch):
        prepared = [model.prepare(Item(name=path, path=Path(path)))[0] for path in paths[start : start + batch]]
        rows.append(model.forward(np.stack(prepared))["logits"])
    return np.concatenate(rows)


def _parity_thumbnails(examples: _Examples) -> list[bytes]:
    """The thumbnails of :data:`PARITY_SAMPLE` examples spread evenly over them, for the save-time parity check."""
    return [examples.thumbnails[i] for i in _spread(len(examples.paths), PARITY_SAMPLE)]


def _spread(count: int, wanted: int) -> list[int]:
    return sorted(set(np.linspace(0, count - 1, min(count, wanted)).round().astype(int).tolist()))


def _parity_reference(
    embedder: Embedder, learner: LinearHeadLearner, thumbnails: list[bytes], *, blend: _NameBlend | None = None
) -> ParityReference:
    """Evaluation pictures (from their thumbnails) and what the in-process backbone + head (+ the blended
    zero-shot model) say about them."""
    size = embedder.spec.image_input.size
    pixels = np.stack(
        [
            np.asarray(Image.open(io.BytesIO(data)).convert("RGB").resize((size, size), Image.Resampling.BICUBIC))
            for data in thumbnails
        ]
    )
    embeddings = embedder.forward(pixels)["embedding"]
    logits = learner.fit_.logits(embeddings) / learner.fit_.temperature
    if blend is not None and blend.weight > 0:
        logits = logits + blend.weight * log_softmax(blend.zero_model.forward(pixels)["logits"])
    return ParityReference(pixels=pixels, probabilities=softmax(logits), logits=logits)


def _card(
    name: str,
    examples: _Examples,
    evaluation: Evaluation,
    blend: _NameBlend | None,
    embedded: _Embedded,
    precision: float,
) -> TaughtModelCard:
    """The taught model's card: data, evaluation, threshold, head, base model and licence, limits, warnings."""
    base = default_model("embed")
    counts = examples.counts
    unique = len(set(examples.digests))
    return TaughtModelCard(
        name=name,
        summary=f"Taught classifier: {', '.join(examples.classes)}",
        created=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        opensight_version=__version__,
        classes=examples.classes,
        data_counts=counts,
        evaluation=evaluation.to_dict(),
        summary_sentences=(*evaluation.sentences(), *([] if blend is None else [blend.sentence])),
        unsure_threshold=evaluation.threshold,
        target_precision=precision,
        head={
            "type": "multinomial logistic regression on L2-normalised embeddings, class-balanced",
            "C": evaluation.regularisation,
            "temperature": evaluation.temperature,
        },
        base_model=base.name,
        base_licence=base.licence,
        licence=f"{base.licence} (base model); the head was taught from your own examples",
        provenance=(
            f"Taught with opensight {__version__} from {sum(counts.values())} examples on top of {base.name}. "
            + base.card.provenance
        ),
        intended_use=f"Sort pictures like the examples it was taught into: {', '.join(examples.classes)}.",
        limits=_limits(examples.classes, evaluation),
        warnings=(*examples.warnings, *_taught_twice(evaluation)),
        skipped=tuple({"path": path, "reason": reason} for path, reason in embedded.skipped),
        zero_shot_comparison=None if blend is None else blend.to_dict(),
        embedding_cache={"new": embedded.computed, "reused": unique - embedded.computed},
    )


def _taught_twice(evaluation: Evaluation) -> list[str]:
    """The warning about pictures taught in more than one class, if there are any."""
    if not evaluation.taught_twice:
        return []
    return [f"{evaluation.taught_twice}: the model cannot tell them apart (the report lists them)"]


def _limits(classes: tuple[str, ...], evaluation: Evaluation) -> tuple[str, ...]:
    """What a taught model cannot do, in sentences (the card's ``limits``)."""
    low, high = evaluation.expected_accuracy_ci
    return (
        f"Knows only these {len(classes)} classes: any other picture still gets one of them — watch for "
        "'unsure' answers, and add an 'other' class if such pictures are common.",
        f"Judged on {evaluation.evaluated} pictures: the true accuracy is likely between {low:.0%} and "
        f"{high:.0%}; pictures unlike the examples (other cameras, light, backgrounds) may do worse.",
        "Sees the whole picture shrunk to 224 pixels on its long side: details that are small in a large "
        "photo may be lost; crop such pictures to the object first.",
    )
