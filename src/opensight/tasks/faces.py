"""faces: find faces (boxes, 5 landmarks, descriptors) and recognise enrolled people.

>>> import opensight as osi
>>> gallery = osi.FaceGallery()  # doctest: +SKIP
>>> gallery.enroll("grace", ["grace1.jpg", "grace2.jpg"])  # doctest: +SKIP
>>> [face["name"] for face in gallery.who("door.jpg").to_dict()["faces"]]  # doctest: +SKIP
['grace']
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from opensight._errors import InputError
from opensight.inputs import LoadedImage, letterbox
from opensight.models import ModelSpec, Runner
from opensight.models._dlib import DESCRIPTOR_NAME, SAME_PERSON_DISTANCE
from opensight.results import Faces
from opensight.store import Store, sha256_file
from opensight.tasks._base import DEFAULT_BATCH_SIZE, ORIGINAL_SIZE, Task, check_score

UNKNOWN = "unknown"
#: Faces scored below this are dropped when the model's spec names no ``min_score`` of its own.
DEFAULT_MIN_SCORE = 0.5
#: The face finders by their short names (``--detector``): CenterFace (the default) and dlib's HOG.
DETECTORS = {"centerface": "centerface", "hog": "dlib.faces"}


class FaceFinder(Task[Faces]):
    """Finds faces; with a ``gallery`` (name, descriptor pairs) it also says who they are."""

    result_type = Faces

    task = "faces"

    def __init__(
        self,
        model: str | ModelSpec | None = None,
        *,
        gallery: list[tuple[str, np.ndarray]] | None = None,
        threshold: float = SAME_PERSON_DISTANCE,
        min_score: float | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        runner: Runner | None = None,
    ) -> None:
        super().__init__(model, batch_size=batch_size, runner=runner)
        if min_score is None:
            min_score = DEFAULT_MIN_SCORE if self.spec.min_score is None else self.spec.min_score
        self.min_score = check_score("min_score", min_score)
        if isinstance(threshold, bool) or not isinstance(threshold, int | float) or not 0.0 < threshold < 2.0:
            raise InputError(f"threshold must be a distance between 0 and 2 (dlib's rule is 0.6), got {threshold!r}")
        self.threshold = float(threshold)
        self.gallery = gallery

    def preprocess(self, image: LoadedImage) -> np.ndarray:
        """Fit the picture in a square canvas (padding right/bottom, never enlarging: upscaling makes the HOG
        detector see faces in textures), so a batch stacks and boxes map back."""
        return letterbox(image.pixels, side=self.spec.image_input.size, enlarge=False)

    def _forward(self, batch: np.ndarray) -> dict[str, np.ndarray]:
        """The runner, told the lowest score wanted (a finder can then skip describing what would be dropped)."""
        return self._runner.run({"pixels": batch, "min_score": np.array(self.min_score, dtype=np.float32)})

    def postprocess(self, outputs: dict[str, np.ndarray], index: int) -> Faces:
        mine = (outputs["image"] == index) & (outputs["scores"] >= self.min_score)
        scale = max(1.0, float(max(outputs[ORIGINAL_SIZE][index])) / self.spec.image_input.size)
        found = Faces(
            boxes=outputs["boxes"][mine] * scale,
            scores=outputs["scores"][mine],
            landmarks=outputs["landmarks"][mine] * scale,
            descriptors=outputs["descriptors"][mine],
            model=self.spec.name,
        )
        return found if self.gallery is None else self._recognise(found)

    def _recognise(self, found: Faces) -> Faces:
        assert self.gallery is not None
        names: list[str] = []
        distances: list[float | None] = []
        enrolled = np.stack([vector for _, vector in self.gallery]) if self.gallery else np.zeros((0, 128))
        for descriptor in found.descriptors:
            if not len(enrolled):
                names.append(UNKNOWN)
                distances.append(None)
                continue
            gaps = np.linalg.norm(enrolled - descriptor, axis=1)
            best = int(gaps.argmin())
            names.append(self.gallery[best][0] if gaps[best] < self.threshold else UNKNOWN)
            distances.append(float(gaps[best]))
        return Faces(
            found.boxes, found.scores, found.landmarks, found.descriptors, found.model, tuple(names), tuple(distances)
        )


class FaceGallery:
    """The people you enrolled, kept in the store (``--data-dir`` / ``OPENSIGHT_HOME``). ``detector`` is the face
    finder (``"centerface"``, the default, or ``"hog"``: dlib's); either way the faces are described by dlib's
    descriptors, so people enrolled with one are recognised with the other."""

    def __init__(
        self,
        store: str | os.PathLike[str] | None = None,
        *,
        threshold: float = SAME_PERSON_DISTANCE,
        detector: str = "centerface",
    ) -> None:
        self.store_path = store
        self.threshold = threshold
        self.model = detector_model(detector)

    def enroll(self, name: str, pictures: Iterable[str | os.PathLike[str]]) -> int:
        """Add pictures of ``name``; each must show exactly one face (else InputError says which and why)."""
        name = name.strip()
        if not name or name == UNKNOWN:
            raise InputError(f"choose a real name to enrol (not {name!r})")
        finder = FaceFinder(self.model)
        paths = [Path(p) for p in pictures]
        if not paths:
            raise InputError("give at least one picture of the person to enrol")
        enrolled = 0
        with Store(self.store_path) as store:
            for path in paths:
                found = finder.one(path)
                if len(found) != 1:
                    why = "no face" if len(found) == 0 else f"{len(found)} faces"
                    raise InputError(
                        f"{path}: shows {why}; enrol with pictures that show only {name}'s face, frontal and at "
                        "least 80 pixels wide (nothing was enrolled from this picture)"
                    )
                store.add_face(name, sha256_file(path), DESCRIPTOR_NAME, found.descriptors[0])
                enrolled += 1
        return enrolled

    def names(self) -> dict[str, int]:
        """Enrolled names with their picture counts."""
        with Store(self.store_path) as store:
            return store.face_names()

    def forget(self, name: str) -> int:
        """Remove a person; returns how many pictures were removed (0: that name was not enrolled)."""
        with Store(self.store_path) as store:
            return store.forget_face(name)

    def finder(self) -> FaceFinder:
        """A FaceFinder that recognises the enrolled people."""
        with Store(self.store_path) as store:
            gallery = store.face_gallery(DESCRIPTOR_NAME)
        return FaceFinder(self.model, gallery=gallery, threshold=self.threshold)


def detector_model(detector: str) -> str:
    """The model name of a face finder's short name (``--detector``).

    >>> detector_model("hog")
    'dlib.faces'
    """
    if detector not in DETECTORS:
        raise InputError(f"unknown face finder {detector!r}; choose {' or '.join(map(repr, DETECTORS))}")
    return DETECTORS[detector]
