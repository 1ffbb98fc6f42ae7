"""A taught model: a classifier built from a ``.osm`` bundle, with its card, report and ``save()``."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

import numpy as np

from opensight._errors import ModelFileError
from opensight._files import Outputs
from opensight._osm_schema import checked_input
from opensight.bundle import Bundle, read_bundle, write_bundle
from opensight.models import (
    ModelCard,  # the card of a ModelSpec (registry models have one too)
    ModelSpec,
)
from opensight.models._runtimes import OnnxRunner
from opensight.tasks import DEFAULT_BATCH_SIZE, Classifier
from opensight.teach._card import TaughtModelCard
from opensight.teach.evaluate import Evaluation

if TYPE_CHECKING:
    from opensight.teach._pose_model import TaughtPoseModel
    from opensight.teach._sound_model import TaughtSoundModel

#: Save-time parity: the saved graph must reproduce the in-process probabilities to this tolerance
#: (and the logits to 1e-3 relative, which also catches changes hidden by saturated probabilities).
PARITY_TOLERANCE = 1e-4


@dataclass(frozen=True, eq=False)
class ParityReference:
    """Inputs (pictures, or sound windows), and what the in-process backbone + head said about them when the model
    was taught."""

    pixels: np.ndarray
    probabilities: np.ndarray
    logits: np.ndarray
    input_name: str = "pixels"


@dataclass(frozen=True)
class TeachReport:
    """How good a taught model is, in sentences (``summary``), as data (``evaluation``) and as HTML."""

    summary: tuple[str, ...]
    evaluation: dict[str, Any]
    html: str | None = field(default=None, repr=False)

    def save(self, path: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
        """Write the HTML report to ``path``, and the confusion matrix beside it as ``<name>.confusion.svg`` (both
        atomically). An existing file at either place is an :class:`InputError` and nothing is written, unless
        ``overwrite=True`` (files are never replaced by default, as on the command line)."""
        from opensight.teach._svg_chart import confusion_svg

        if self.html is None:
            raise ModelFileError("this model carries no HTML report; teach it again to get one")
        html, picture = self.files_for(path)
        outputs = Outputs(overwrite=overwrite)
        for target in (html, picture) if self.evaluation.get("confusion") else (html,):
            outputs.check(target, atomic=True)
        with outputs.atomic(html) as temporary:
            temporary.write_text(self.html, encoding="utf-8")
        if self.evaluation.get("confusion"):
            classes = [entry["name"] for entry in self.evaluation["classes"]]
            svg = confusion_svg(np.array(self.evaluation["confusion"]), classes)
            with outputs.atomic(picture) as temporary:
                temporary.write_text(svg, encoding="utf-8")
        return html

    @staticmethod
    def files_for(path: str | os.PathLike[str]) -> tuple[Path, Path]:
        """The files :meth:`save` writes for ``path``: the HTML and the confusion matrix picture.

        >>> [target.name for target in TeachReport.files_for("fruit.html")]
        ['fruit.html', 'fruit.confusion.svg']
        """
        target = Path(path)
        return target, target.with_suffix(".confusion.svg")

    def __str__(self) -> str:
        return "\n".join(self.summary).replace("*", "")  # the class names' emphasis is for the report's HTML


class Taught:
    """What every taught model has, whatever it hears or sees: its ``.osm`` bundle, card, report and ``save()``."""

    bundle: Bundle
    _card: TaughtModelCard
    _parity: ParityReference | None
    #: The full evaluation (per-example detail: confusion-cell members, the precision/coverage trade-off); only
    #: right after teaching — a model loaded from a file has its summary in :attr:`card` instead.
    evaluation: Evaluation | None

    def _keep(
        self, bundle: Bundle, card: TaughtModelCard, parity: ParityReference | None, evaluation: Evaluation | None
    ) -> None:
        self.bundle = bundle
        self._card = card
        self._parity = parity
        self.evaluation = evaluation

    @classmethod
    def from_file(cls, path: str | os.PathLike[str], *, batch_size: int = DEFAULT_BATCH_SIZE) -> AnyTaught:
        """Load and verify a ``.osm`` file: a :class:`TaughtModel` for pictures, a ``TaughtSoundModel`` for
        sounds."""
        return taught_model(read_bundle(path), batch_size=batch_size)

    @property
    def classes(self) -> tuple[str, ...]:
        """The class names, in output order."""
        return self.bundle.labels

    @property
    def kind(self) -> str:
        """What the model takes: ``"pictures"`` or ``"sounds"``."""
        kind = self.bundle.manifest.get("input", {}).get("kind")
        return {"audio": "sounds", "landmarks": "poses"}.get(kind, "pictures")

    @property
    def card(self) -> TaughtModelCard:
        """The model card (data counts, evaluation, threshold, base model and licence, limits); ``to_dict()`` is
        its JSON."""
        return self._card

    @property
    def report(self) -> TeachReport:
        """The evaluation in sentences, as data, and as HTML."""
        return TeachReport(
            summary=self.card.summary_sentences, evaluation=self.card.evaluation, html=self.bundle.report_html
        )

    def save(self, path: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
        """Write the ``.osm`` file (``.osm`` is added to a name without it), then check that a fresh ONNX Runtime
        session on the SAVED file reproduces the in-process predictions (same top-1 everywhere, probabilities within
        1e-4) — or delete it and raise. An existing file is an :class:`InputError` unless ``overwrite=True`` (files
        are never replaced by default, as on the command line)."""
        target = self.file_for(path)
        write_bundle(target, self.bundle, overwrite=overwrite)
        if self._parity is not None:
            try:
                reloaded = read_bundle(target)
                got = OnnxRunner(reloaded.model_onnx).run({self._parity.input_name: self._parity.pixels})
                check_parity(got, self._parity)
            except Exception:
                target.unlink(missing_ok=True)
                raise
        return target

    @staticmethod
    def file_for(path: str | os.PathLike[str]) -> Path:
        """The file :meth:`save` writes for ``path``.

        >>> TaughtModel.file_for("fruit").name, TaughtModel.file_for("fruit.v2").name
        ('fruit.osm', 'fruit.v2.osm')
        """
        target = Path(path)
        if target.suffix.lower() != ".osm":
            target = target.with_suffix(target.suffix + ".osm") if target.suffix else target.with_suffix(".osm")
        return target


class TaughtModel(Taught, Classifier):
    """A classifier of pictures taught from your examples; load one with ``opensight.load("model.osm")``.

    Its answers below the card's threshold come back as ``"unsure"`` (with ``guess`` alongside).

    >>> model = opensight.teach("photos/")  # doctest: +SKIP
    >>> model.save("fruit.osm"); print(model.report)  # doctest: +SKIP
    """

    def __init__(
        self,
        bundle: Bundle,
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        parity: ParityReference | None = None,
        evaluation: Evaluation | None = None,
    ) -> None:
        card = TaughtModelCard.from_dict(bundle.card)
        threshold = card.unsure_threshold
        Classifier.__init__(
            self,
            _spec(bundle, card),
            top=min(5, len(bundle.labels)),
            batch_size=batch_size,
            runner=OnnxRunner(bundle.model_onnx, lazy=True),
            labels=bundle.labels,
            threshold=None if threshold is None else float(threshold),
        )
        self._keep(bundle, card, parity, evaluation)


def taught_model(
    bundle: Bundle,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    parity: ParityReference | None = None,
    evaluation: Evaluation | None = None,
) -> AnyTaught:
    """The model of a checked bundle: a :class:`TaughtModel` for pictures, a ``TaughtSoundModel`` for sounds, a
    ``TaughtPoseModel`` for body poses."""
    kind = bundle.manifest.get("input", {}).get("kind")
    if kind == "audio":
        from opensight.teach._sound_model import TaughtSoundModel

        return TaughtSoundModel(bundle, batch_size=batch_size, parity=parity, evaluation=evaluation)
    if kind == "landmarks":
        from opensight.teach._pose_model import TaughtPoseModel

        return TaughtPoseModel(bundle, batch_size=batch_size, parity=parity, evaluation=evaluation)
    return TaughtModel(bundle, batch_size=batch_size, parity=parity, evaluation=evaluation)


def _spec(bundle: Bundle, card: TaughtModelCard) -> ModelSpec:
    """The model's spec, as the registry's models have one: name, licence, input, card, summary."""
    return ModelSpec(
        name=card.name,
        task="classify",
        runtime="onnxruntime",
        source=None,
        sha256=hashlib.sha256(bundle.model_onnx).hexdigest(),
        licence=card.licence,
        size_mb=round(len(bundle.model_onnx) / 1e6, 1),
        input=checked_input(card.name if "name" in card else "the model", bundle.manifest),
        card=ModelCard(intended_use=card.intended_use, limits=card.limits, provenance=card.provenance),
        summary=card.summary,
        requires=("onnxruntime",),
    )


def check_parity(got: dict[str, np.ndarray], expected: ParityReference) -> None:
    """Raise :class:`ModelFileError` unless the graph's outputs match the reference (top-1 and values)."""
    probabilities, logits = got.get("probabilities"), got.get("logits")
    if probabilities is None or logits is None or probabilities.shape != expected.probabilities.shape:
        raise ModelFileError("the saved model's graph does not give probabilities and logits of the right shape")
    # top-1 is compared only where the taught model was decided: on a tie (identical pictures taught as two
    # classes) either answer is the same answer, and the probabilities are checked anyway
    ranked = np.sort(expected.probabilities, axis=1)
    decided = ranked[:, -1] - ranked[:, -2] > PARITY_TOLERANCE if ranked.shape[1] > 1 else np.ones(len(ranked), bool)
    agree = probabilities.argmax(axis=1) == expected.probabilities.argmax(axis=1)
    same_top = bool(np.all(agree | ~decided))
    difference = float(np.abs(probabilities - expected.probabilities).max())
    drift = float((np.abs(logits - expected.logits) / np.maximum(1.0, np.abs(expected.logits))).max())
    if not same_top or difference > PARITY_TOLERANCE or drift > 10 * PARITY_TOLERANCE:
        raise ModelFileError(
            f"the saved model does not reproduce the taught one (max probability difference {difference:.2e}, "
            f"same top-1: {same_top}); the file was not kept — please report this"
        )


#: A taught model of either kind.
AnyTaught: TypeAlias = "TaughtModel | TaughtSoundModel | TaughtPoseModel"
