"""Drawing results onto COPIES of pictures (supervision-style annotators: style in ``__init__``, data in
``annotate(image, result)``). Line widths and font sizes follow the picture's size, so drawings stay readable on
a thumbnail and on a 12-megapixel photo; each class gets its own colour.

>>> import numpy as np
>>> from opensight.results import Detections
>>> found = Detections(np.array([[10, 10, 60, 40]], np.float32), np.array([0.9]), ("cat",), "m")
>>> drawn = annotate(np.zeros((80, 100, 3), np.uint8), found)
>>> drawn.size, drawn.getpixel((10, 25)) != (0, 0, 0)
((100, 80), True)
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from opensight._errors import InputError
from opensight._files import Outputs, write_failure
from opensight._results_body import Hand, Hands, Segmentation
from opensight._results_taught import PoseClassification
from opensight._results_text import TextRegions
from opensight.results import Classification, Detections, Faces, Poses

#: Bones between MoveNet keypoints (indices into KEYPOINT_NAMES).
SKELETON = (
    (0, 1), (0, 2), (1, 3), (2, 4), (5, 6), (5, 7), (7, 9), (6, 8), (8, 10), (5, 11), (6, 12), (11, 12),
    (11, 13), (13, 15), (12, 14), (14, 16),
)  # fmt: skip
#: Bones between the 21 hand landmarks (indices into HAND_LANDMARKS): the palm, then each finger from its base.
HAND_BONES = (
    (0, 1), (1, 2), (2, 3), (3, 4), (0, 5), (5, 6), (6, 7), (7, 8), (5, 9), (9, 10), (10, 11), (11, 12),
    (9, 13), (13, 14), (14, 15), (15, 16), (13, 17), (0, 17), (17, 18), (18, 19), (19, 20),
)  # fmt: skip
_HAND_COLOURS = {"left": (255, 140, 0), "right": (0, 160, 255)}
_PALETTE = (
    (230, 25, 75), (60, 180, 75), (0, 130, 200), (245, 130, 48), (145, 30, 180), (70, 240, 240), (240, 50, 230),
    (210, 245, 60), (250, 190, 212), (0, 128, 128), (170, 110, 40), (128, 0, 0), (0, 0, 128), (128, 128, 0),
)  # fmt: skip


def colour_for(label: str) -> tuple[int, int, int]:
    """A stable, distinct colour per label."""
    return _PALETTE[int(hashlib.md5(label.encode(), usedforsecurity=False).hexdigest(), 16) % len(_PALETTE)]


def _canvas(image: Image.Image | np.ndarray) -> Image.Image:
    if isinstance(image, np.ndarray):
        if image.ndim != 3 or image.shape[2] != 3:
            raise InputError(f"annotate needs an RGB picture (H, W, 3), got an array of shape {image.shape}")
        return Image.fromarray(np.ascontiguousarray(image, dtype=np.uint8))
    return image.convert("RGB")  # convert() returns a new image: the caller's picture is never drawn on


class _Style:
    def __init__(self, thickness: int | None, font_size: int | None) -> None:
        self.thickness = thickness
        self.font_size = font_size

    def sizes(self, picture: Image.Image) -> tuple[int, Any]:
        short = min(picture.size)
        thickness = self.thickness or max(2, round(short / 250))
        font = ImageFont.load_default(size=self.font_size or max(12, round(short / 35)))
        return thickness, font


class BoxAnnotator(_Style):
    """Boxes with 'label score' tags for :class:`Detections`."""

    def __init__(self, *, thickness: int | None = None, font_size: int | None = None) -> None:
        super().__init__(thickness, font_size)

    def annotate(self, image: Image.Image | np.ndarray, detections: Detections) -> Image.Image:
        """A copy of ``image`` with the boxes drawn."""
        picture = _canvas(image)
        draw = ImageDraw.Draw(picture)
        thickness, font = self.sizes(picture)
        for label, score, box in zip(detections.labels, detections.scores, detections.boxes, strict=True):
            colour = colour_for(label)
            x1, y1, x2, y2 = (float(v) for v in box)
            draw.rectangle((x1, y1, x2, y2), outline=colour, width=thickness)
            _tag(draw, (x1, y1), f"{label} {score:.2f}", colour, font)
        return picture


class KeypointAnnotator(_Style):
    """Keypoints and skeleton for :class:`Poses` (points under ``min_score`` are left out)."""

    def __init__(self, *, min_score: float = 0.2, thickness: int | None = None) -> None:
        super().__init__(thickness, None)
        self.min_score = min_score

    def annotate(self, image: Image.Image | np.ndarray, poses: Poses) -> Image.Image:
        """A copy of ``image`` with each person's skeleton drawn."""
        picture = _canvas(image)
        draw = ImageDraw.Draw(picture)
        thickness, _ = self.sizes(picture)
        for person in poses.people:
            points = person.keypoints
            for a, b in SKELETON:
                if points[a, 2] >= self.min_score and points[b, 2] >= self.min_score:
                    draw.line((*points[a, :2], *points[b, :2]), fill=(0, 220, 120), width=thickness)
            radius = thickness * 2
            for x, y, score in points:
                if score >= self.min_score:
                    draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(255, 60, 60))
        return picture


class HandAnnotator(_Style):
    """Each hand's 21 landmarks and bones, coloured by handedness and tagged 'left 0.97', for :class:`Hands`."""

    def __init__(self, *, thickness: int | None = None, font_size: int | None = None) -> None:
        super().__init__(thickness, font_size)

    def annotate(self, image: Image.Image | np.ndarray, hands: Hands) -> Image.Image:
        """A copy of ``image`` with each hand's skeleton drawn."""
        picture = _canvas(image)
        draw = ImageDraw.Draw(picture)
        thickness, font = self.sizes(picture)
        for hand in hands.hands:
            colour = _HAND_COLOURS.get(hand.handedness, (0, 220, 120))
            points = [(float(x), float(y)) for x, y, _ in hand.landmarks]
            for a, b in HAND_BONES:
                draw.line((*points[a], *points[b]), fill=colour, width=thickness)
            radius = thickness * 1.5
            for x, y in points:
                draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(255, 255, 255), outline=colour)
            x1, y1, _, _ = hand.box
            _tag(draw, (x1, max(0.0, y1 - font.size - 6)), f"{hand.handedness} {hand.score:.2f}", colour, font)
        return picture


class MaskAnnotator:
    """The person area of a :class:`Segmentation` left as it is and the background darkened and tinted."""

    def __init__(self, *, tint: tuple[int, int, int] = (40, 40, 160), strength: float = 0.6) -> None:
        self.tint = np.array(tint, dtype=np.float32)
        self.strength = strength

    def annotate(self, image: Image.Image | np.ndarray, segmentation: Segmentation) -> Image.Image:
        """A copy of ``image`` with the background tinted (the mask is resized to the picture if needed)."""
        picture = _canvas(image)
        pixels = np.asarray(picture, dtype=np.float32)
        mask = segmentation.mask
        if mask.shape != pixels.shape[:2]:
            mask = np.asarray(Image.fromarray(mask).resize(picture.size, Image.Resampling.BILINEAR))
        background = (1.0 - mask.astype(np.float32) / 255.0)[..., None] * self.strength
        blended = pixels * (1.0 - background) + self.tint * background
        return Image.fromarray(np.clip(blended, 0, 255).astype(np.uint8))


class FaceAnnotator(_Style):
    """Face boxes with the recognised name (or the score) and the 5 landmarks, for :class:`Faces`."""

    def __init__(self, *, thickness: int | None = None, font_size: int | None = None) -> None:
        super().__init__(thickness, font_size)

    def annotate(self, image: Image.Image | np.ndarray, faces: Faces) -> Image.Image:
        """A copy of ``image`` with each face boxed and named."""
        picture = _canvas(image)
        draw = ImageDraw.Draw(picture)
        thickness, font = self.sizes(picture)
        for index in range(len(faces)):
            name = faces.names[index] if faces.names is not None else f"face {faces.scores[index]:.2f}"
            colour = colour_for(name)
            x1, y1, x2, y2 = (float(v) for v in faces.boxes[index])
            draw.rectangle((x1, y1, x2, y2), outline=colour, width=thickness)
            for x, y in faces.landmarks[index]:
                draw.ellipse((x - thickness, y - thickness, x + thickness, y + thickness), fill=colour)
            _tag(draw, (x1, max(0.0, y1 - font.size - 4)), name, colour, font)
        return picture


class TextAnnotator(_Style):
    """The outline of every text line, numbered in reading order, for :class:`TextRegions`."""

    def __init__(self, *, thickness: int | None = None, font_size: int | None = None) -> None:
        super().__init__(thickness, font_size)

    def annotate(self, image: Image.Image | np.ndarray, regions: TextRegions) -> Image.Image:
        """A copy of ``image`` with each line outlined and its number in reading order."""
        picture = _canvas(image)
        draw = ImageDraw.Draw(picture)
        thickness, font = self.sizes(picture)
        colour = (20, 120, 255)
        for number, line in enumerate(regions.lines, start=1):
            points = [(float(x), float(y)) for x, y in line.polygon]
            draw.line([*points, points[0]], fill=colour, width=max(1, thickness // 2))
            _tag(draw, (points[0][0], max(0.0, points[0][1] - font.size - 4)), str(number), colour, font)
        return picture


class LabelAnnotator(_Style):
    """The top class and its score in the corner, for :class:`Classification`."""

    def __init__(self, *, font_size: int | None = None) -> None:
        super().__init__(None, font_size)

    def annotate(self, image: Image.Image | np.ndarray, result: Classification) -> Image.Image:
        """A copy of ``image`` with 'label score' written on it."""
        picture = _canvas(image)
        _, font = self.sizes(picture)
        text = f"{result.label} {result.score:.2f}" + (f" (best guess: {result.guess})" if result.unsure else "")
        _tag(ImageDraw.Draw(picture), (0, 0), text, colour_for(result.guess), font)
        return picture


def _tag(
    draw: ImageDraw.ImageDraw, corner: tuple[float, float], text: str, colour: tuple[int, int, int], font: Any
) -> None:
    left, top, right, bottom = draw.textbbox(corner, text, font=font)
    pad = 2
    draw.rectangle((left - pad, top - pad, right + pad, bottom + pad), fill=colour)
    luminance = 0.299 * colour[0] + 0.587 * colour[1] + 0.114 * colour[2]
    draw.text(corner, text, fill=(0, 0, 0) if luminance > 150 else (255, 255, 255), font=font)


_SAVE_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
#: Drawn copies in a folder whose plain name is taken are called ``NAME.annotated.EXT`` (then ``(2)``, ...).
ANNOTATED_TAG = "annotated"


def save_annotated(source: Path, result: Any, folder: Path, outputs: Outputs | None = None) -> Path:
    """Draw ``result`` on a full-size copy of the picture at ``source`` and save it in ``folder`` under the first
    free name (``photo.png``, ``photo.annotated.png``, ``photo.annotated (2).png``, ...): never over an input or a
    file this run wrote, and over another existing file only when ``outputs`` allows overwriting. Returns the path.
    """
    from opensight.inputs import load_image

    suffix = _saved_suffix(source)
    drawn = annotate(load_image(source).pixels, result)  # decoded first: a failure leaves no file behind
    # a picture saved in another format keeps its own extension in the alternative name (photo.bmp.annotated.png)
    tagged = source.stem if source.suffix.lower() == suffix else source.name
    chosen = outputs or Outputs(inputs=[source])
    with chosen.new_file(folder, source.stem, suffix, tag=ANNOTATED_TAG, tagged=tagged) as (target, handle):
        drawn.save(handle, format=_SAVE_FORMATS[suffix], quality=90)
    return target


def _saved_suffix(source: Path) -> str:
    """The extension of a drawn copy: the picture's own when Pillow writes it, else ``.png``."""
    return source.suffix.lower() if source.suffix.lower() in _SAVE_FORMATS else ".png"


#: Frames a second of a drawn video whose frames' times say nothing (a video of one frame).
DRAWN_FPS = 30.0


class AnnotatedOutput:
    """Where ``--save-annotated`` sends drawn copies: a folder (one picture per input, video frames as
    ``NAME-frame000123.jpg``), or a video file (``.mp4``...) that receives every frame, drawn.

    Names follow :class:`~opensight._files.Outputs`: an input or an existing file is never written over (a free
    name is chosen and ``note`` says so), unless ``outputs`` allows overwriting files that are not inputs.
    """

    #: How many "saved under another name" notes are given one by one (then a count at the end).
    NOTES = 10

    def __init__(
        self,
        target: Path,
        *,
        fps: float | None = None,
        outputs: Outputs | None = None,
        note: Callable[[str], None] | None = None,
    ) -> None:
        from opensight.inputs import VideoWriter

        self.target = target
        self.outputs = outputs or Outputs()
        self._note = note
        self.renamed = 0
        self._written = 0
        self.check(target, self.outputs)
        self._video: VideoWriter | None = None
        #: A drawn video's first frame and its time, held until the second says how far apart the frames are
        #: (``fps`` None: every frame, or every Nth; the video played at 30 frames a second whatever it showed).
        self._first: tuple[np.ndarray, float | None] | None = None
        if self._is_video(target):
            self.outputs.open(target, "wb").close()  # claimed now (exclusively), written from the first frame
            self._video = VideoWriter(target, fps=fps or DRAWN_FPS)
            self._timed = fps is None
        else:
            try:
                target.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise write_failure(error, target) from None

    @staticmethod
    def _is_video(target: Path) -> bool:
        from opensight.inputs import VIDEO_EXTENSIONS

        return target.suffix.lower() in VIDEO_EXTENSIONS

    @classmethod
    def check(cls, target: Path, outputs: Outputs) -> None:
        """An :class:`InputError` now, before any work, when ``target`` cannot receive drawn copies."""
        if cls._is_video(target):
            outputs.check(target)
        elif os.path.lexists(target) and not target.is_dir():
            raise InputError(
                f"--save-annotated {target} is a file, not a folder; give a folder (or a .mp4 file for videos)"
            )

    def add(self, item: Any, result: Any) -> None:
        """Draw ``result`` (None for a failed input: the frame goes in undrawn) for ``item``."""
        if self._video is not None:
            if item.image is not None and item.frame is not None:
                pixels = np.asarray(item.image)
                self._write(pixels if result is None else np.asarray(annotate(pixels, result)), item.time)
            return
        if result is None:
            return
        if item.frame is not None and item.image is not None:
            stem = f"{Path(item.name).stem}-frame{item.frame:06d}"
            drawn = annotate(np.asarray(item.image), result)
            with self.outputs.new_file(self.target, stem, ".jpg", tag=ANNOTATED_TAG) as (target, handle):
                drawn.save(handle, format="JPEG", quality=90)
            self._noted(f"{stem}.jpg", target, item.name)
        elif item.path is not None and item.path.is_file():
            target = save_annotated(item.path, result, self.target, self.outputs)
            self._noted(f"{item.path.stem}{_saved_suffix(item.path)}", target, item.name)

    def _write(self, drawn: np.ndarray, time: float | None) -> None:
        """One drawn frame into the video, at the pace the frames were taken (the first held for the second)."""
        assert self._video is not None
        if self._timed and self._first is None and self._written == 0:
            self._first = (drawn, time)
            return
        if self._first is not None:
            held, then = self._first
            self._first = None
            if then is not None and time is not None and time > then:
                self._video.fps = min(max(1.0 / (time - then), 1.0), 120.0)
            self._frame(held)
        self._frame(drawn)

    def _frame(self, drawn: np.ndarray) -> None:
        assert self._video is not None
        try:
            self._video.write(drawn)
        except OSError as error:
            raise write_failure(error, self.target) from None
        self._written += 1

    def _noted(self, wanted: str, target: Path, source: str) -> None:
        if target.name == wanted:
            return
        self.renamed += 1
        if self._note is not None and self.renamed <= self.NOTES:
            self._note(f"{self.target / wanted} is taken, so the drawn copy of {source} is {target}")

    def close(self) -> None:
        """Finish the video file, if any (a claimed video that received no frame is removed); say how many drawn
        copies got another name, when there were more than the notes given one by one."""
        if self._video is not None:
            if self._first is not None:  # a video of one sampled frame
                held, self._first = self._first[0], None
                self._frame(held)
            video, self._video = self._video, None
            try:
                video.close()
            except OSError as error:
                raise write_failure(error, self.target) from None
            if self._written == 0 and self.outputs.ours(self.target):
                self.target.unlink(missing_ok=True)
        if self._note is not None and self.renamed > self.NOTES:
            self._note(f"{self.renamed} drawn copies in all got another name because theirs was taken")
            self.renamed = 0


def annotate(image: Image.Image | np.ndarray, result: Any) -> Image.Image:
    """Draw any result onto a copy of ``image`` with the default annotator for its type."""
    if isinstance(result, Detections):
        return BoxAnnotator().annotate(image, result)
    if isinstance(result, Poses):
        return KeypointAnnotator().annotate(image, result)
    if isinstance(result, Faces):
        return FaceAnnotator().annotate(image, result)
    if isinstance(result, Classification):
        return LabelAnnotator().annotate(image, result)
    if isinstance(result, PoseClassification) and result.found is None:
        return _canvas(image)  # nobody (no hand) found: nothing to draw, and no label to stamp on the picture
    if isinstance(result, PoseClassification):  # the skeleton (of the person or the hand), and the taught label
        if isinstance(result.found, Hand):
            drawn = HandAnnotator().annotate(image, Hands(hands=(result.found,), model=result.model))
        else:
            people = () if result.person is None else (result.person,)
            drawn = KeypointAnnotator().annotate(image, Poses(people=people, model=result.model))
        label = Classification(top=result.top, model=result.model, threshold=result.threshold)
        return LabelAnnotator().annotate(drawn, label)
    if isinstance(result, TextRegions):
        return TextAnnotator().annotate(image, result)
    if isinstance(result, Hands):
        return HandAnnotator().annotate(image, result)
    if isinstance(result, Segmentation):
        return MaskAnnotator().annotate(image, result)
    raise InputError(
        f"there is no drawing for a {type(result).__name__}; annotate detections, poses, hands, masks or "
        "classifications"
    )
