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
from opensight.models.dlib_faces import SAME_PERSON_DISTANCE
from opensight.results import Faces
from opensight.store import Store, sha256_file
from opensight.tasks._base import DEFAULT_BATCH_SIZE, ORIGINAL_SIZE, Task, check_score

UNKNOWN = "unknown"
#: Faces scored below this are dropped (scores are :func:`~opensight.models.dlib_faces.face_score`, in [0, 1]):
#: on the sample photos, real faces score 0.88-0.92 (HOG margins 1.4-1.6) and a badge on a space suit 0.007
#: (dlib's own threshold is a margin of 0, a score of 0). 0.2 is a margin of 0.203, as before the scores were squashed.
DEFAULT_MIN_SCORE = 0.2


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
        min_score: float = DEFAULT_MIN_SCORE,
        batch_size: int = DEFAULT_BATCH_SIZE,
        runner: Runner | None = None,
    ) -> None:
        super().__init__(model, batch_size=batch_size, runner=runner)
        self.min_score = check_score("min_score", min_score)
        if isinstance(threshold, bool) or not isinstance(threshold, int | float) or not 0.0 < threshold < 2.0:
            raise InputError(f"threshold must be a distance between 0 and 2 (dlib's rule is 0.6), got {threshold!r}")
        self.threshold = float(threshold)
        self.gallery = gallery

    def preprocess(self, image: LoadedImage) -> np.ndarray:
        """Fit the picture in a square canvas (padding right/bottom, never enlarging: upscaling makes the HOG
        detector see faces in textures), so a batch stacks and boxes map back."""
        return letterbox(image.pixels, side=self.spec.image_input.size, enlarge=False)

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
    """The people you enrolled, kept in the store (``--data-dir`` / ``OPENSIGHT_HOME``)."""

    def __init__(self, store: str | os.PathLike[str] | None = None, *, threshold: float = SAME_PERSON_DISTANCE) -> None:
        self.store_path = store
        self.threshold = threshold

    def enroll(self, name: str, pictures: Iterable[str | os.PathLike[str]]) -> int:
        """Add pictures of ``name``; each must show exactly one face (else InputError says which and why)."""
        name = name.strip()
        if not name or name == UNKNOWN:
            raise InputError(f"choose a real name to enrol (not {name!r})")
        finder = FaceFinder()
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
                store.add_face(name, sha256_file(path), finder.spec.name, found.descriptors[0])
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
            model = FaceFinder().spec.name
            gallery = store.face_gallery(model)
        return FaceFinder(gallery=gallery, threshold=self.threshold)
