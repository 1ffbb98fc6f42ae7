"""A model taught on body poses or hand gestures: the detector (MoveNet, or MediaPipe's hands) finds the person's
keypoints or the hand's landmarks, the ``.osm``'s head says which of your poses or gestures it is. The base
detector is checked at load: the one installed must be the one the model was taught with.

On a video (``--every``/``--fps`` frames), each frame's answer comes with ``smoothed``: the label of the last
frames together (probabilities averaged with a decay of :data:`SMOOTHING` per frame), steadier than one frame's.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence

import numpy as np

from opensight._errors import ModelFileError, OpensightError
from opensight._results_taught import PoseClassification
from opensight.bundle import Bundle
from opensight.inputs import Item, LoadedImage
from opensight.models import LandmarkInput, get_model
from opensight.models._runtimes import OnnxRunner
from opensight.results import Outcome, ScoredLabel
from opensight.store import sha256_file
from opensight.tasks import DEFAULT_BATCH_SIZE, Task
from opensight.tasks._base import ORIGINAL_SIZE, Prepared
from opensight.teach._card import TaughtModelCard
from opensight.teach._landmarks import LANDMARKS, Found
from opensight.teach._model import ParityReference, Taught, _spec
from opensight.teach.evaluate import Evaluation

#: Weight of the earlier frames in a video's smoothed answer (per frame).
SMOOTHING = 0.6


class TaughtPoseModel(Taught, Task[PoseClassification]):
    """A classifier of body poses (or hand gestures) taught from your pictures; load one with
    ``opensight.load("yoga.osm")``.

    >>> model = opensight.teach("poses/", kind="poses")  # doctest: +SKIP
    >>> model("me.jpg").summary()  # doctest: +SKIP
    'Most likely: tree pose (93%)'
    """

    result_type = PoseClassification
    task = "classify"

    def __init__(
        self,
        bundle: Bundle,
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        parity: ParityReference | None = None,
        evaluation: Evaluation | None = None,
    ) -> None:
        card = TaughtModelCard.from_dict(bundle.card)
        spec = _spec(bundle, card)
        Task.__init__(self, spec, batch_size=batch_size, runner=OnnxRunner(bundle.model_onnx, lazy=True))
        self._keep(bundle, card, parity, evaluation)
        assert isinstance(spec.input, LandmarkInput)
        _checked_base(spec.input, card.name)
        self.landmarks = LANDMARKS[spec.input.landmarks]
        self.detector = self.landmarks.detector(batch_size)
        threshold = card.unsure_threshold
        self.threshold = None if threshold is None else float(threshold)
        self._smoothed: tuple[str, np.ndarray] | None = None  # the video being smoothed, and its average

    @property
    def input_shape(self) -> tuple[int, int, int]:
        return self.detector.input_shape

    def decode(self, item: Item) -> LoadedImage:
        return self.detector.decode(item)

    def preprocess(self, image: LoadedImage) -> np.ndarray:
        return self.detector.preprocess(image)

    def _forward(self, batch: np.ndarray) -> dict[str, np.ndarray]:
        outputs = self.detector.forward(batch)
        found = [self.landmarks.found(outputs, row) for row in range(len(batch))]
        blank = np.zeros(self.landmarks.features, np.float32)
        features = np.stack([blank if one is None else self.landmarks.vector(one) for one in found])
        self._found = found  # read back by postprocess, batch row by batch row
        return self._runner.run({"features": features})

    def postprocess(self, outputs: dict[str, np.ndarray], index: int) -> PoseClassification:
        probabilities = outputs["probabilities"][index]
        found: Found | None = self._found[index]
        side = float(max(outputs[ORIGINAL_SIZE][index]))
        order = np.argsort(-probabilities, kind="stable")[: min(5, len(self.classes))]
        top = tuple(ScoredLabel(self.classes[i], float(probabilities[i])) for i in order)
        if found is None:  # the head's answer to no features at all means nothing: it is not shown
            top = (ScoredLabel(f"no {self.landmarks.subject}", 0.0),)
        return PoseClassification(
            top=top,
            found=None if found is None else self.landmarks.scaled(found, side),
            model=self.spec.name,
            threshold=self.threshold,
            subject=self.landmarks.subject,
        )

    def run_prepared(
        self, batch: Sequence[tuple[Item, Prepared | OpensightError]]
    ) -> Iterator[Outcome[PoseClassification]]:
        """As every task, and for video frames the smoothed label of the frames so far."""
        for outcome in super().run_prepared(batch):
            yield self._smooth(outcome)

    def _smooth(self, outcome: Outcome[PoseClassification]) -> Outcome[PoseClassification]:
        result = outcome.result
        if outcome.frame is None or result is None or result.found is None:
            return outcome
        now = np.array([{e.label: e.score for e in result.top}.get(c, 0.0) for c in self.classes])
        if self._smoothed is not None and self._smoothed[0] == outcome.name:
            now = SMOOTHING * self._smoothed[1] + (1 - SMOOTHING) * now
        self._smoothed = (outcome.name, now)
        best = int(now.argmax())
        sure = self.threshold is None or now[best] >= self.threshold
        smoothed = dataclasses.replace(result, smoothed=self.classes[best] if sure else "unsure")
        return Outcome(name=outcome.name, result=smoothed, frame=outcome.frame, time=outcome.time)


def _checked_base(wanted: LandmarkInput, name: str) -> None:
    """The base detector the model was taught with, installed and unchanged (or a :class:`ModelFileError`)."""
    try:
        base = get_model(wanted.base_model)
    except OpensightError:
        raise ModelFileError(
            f"{name} was taught on {wanted.base_model!r}, which this opensight does not have; use the opensight "
            "version that taught it, or teach the model again"
        ) from None
    base.check_installed()
    if base.sha256 != wanted.base_sha256 or base.source is None or sha256_file(base.source.locate()) != base.sha256:
        raise ModelFileError(
            f"{name} was taught on another version of {base.name} than the one installed (sha256 differs): its "
            "answers would not mean what they meant; teach the model again with this installation"
        )
