"""What ``opensight segment`` writes besides its rows: masks (grayscale PNG), cut-outs (the person on a transparent
PNG) and composites (the person in front of a blurred background or another picture), one per input picture or
video frame, each in its own folder, at the picture's full size. Every file goes through
:class:`~opensight._files.Outputs`: never over an input, never over an existing file without ``--overwrite``.

>>> import numpy as np
>>> from opensight._results_body import Segmentation
>>> person = Segmentation(probabilities=np.ones((4, 4), np.float32), size=(8, 6), model="m")
>>> cutout(np.zeros((6, 8, 3), np.uint8), person).mode
'RGBA'
>>> composite(np.zeros((6, 8, 3), np.uint8), person, blur=3).size
(8, 6)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageFilter, ImageOps

from opensight._errors import InputError
from opensight._files import Outputs, write_failure
from opensight._results_body import Segmentation

_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}


def cutout(pixels: np.ndarray, segmentation: Segmentation) -> Image.Image:
    """The picture with the mask as its alpha channel (RGBA): the person kept, the background transparent."""
    return Image.fromarray(np.dstack([pixels, _mask_for(pixels, segmentation)]), "RGBA")


def composite(
    pixels: np.ndarray, segmentation: Segmentation, *, blur: int | None = None, background: Image.Image | None = None
) -> Image.Image:
    """The person in front of the picture blurred by ``blur`` pixels, or in front of ``background`` (resized to
    cover the picture, centred), blended by the mask's soft edge."""
    if (blur is None) == (background is None):
        raise InputError("give either blur (a radius in pixels) or a background picture for a composite")
    picture = Image.fromarray(pixels)
    if blur is not None:
        if isinstance(blur, bool) or not isinstance(blur, int) or blur < 1:
            raise InputError(f"the background blur must be a whole number of pixels ≥ 1, got {blur!r}")
        behind = picture.filter(ImageFilter.GaussianBlur(blur))
    else:
        assert background is not None
        behind = ImageOps.fit(background.convert("RGB"), picture.size, Image.Resampling.LANCZOS)
    return Image.composite(picture, behind, Image.fromarray(_mask_for(pixels, segmentation), "L"))


def _mask_for(pixels: np.ndarray, segmentation: Segmentation) -> np.ndarray:
    mask = segmentation.mask
    if mask.shape != pixels.shape[:2]:
        mask = np.asarray(Image.fromarray(mask).resize((pixels.shape[1], pixels.shape[0]), Image.Resampling.BILINEAR))
    return mask


@dataclass
class MaskOutputs:
    """The folders of ``--save-mask``, ``--cutout`` and ``--composite`` (with ``blur`` or ``background``), and the
    :class:`Outputs` rule every file follows. ``add(item, result)`` writes one picture's (or frame's) files."""

    outputs: Outputs
    masks: Path | None = None
    cutouts: Path | None = None
    composites: Path | None = None
    blur: int | None = None
    background: Path | None = None
    _behind: Image.Image | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.composites is not None and (self.blur is None) == (self.background is None):
            raise InputError(
                "--composite needs what goes behind the person: --blur-background N or --background PICTURE (one)"
            )
        if self.composites is None and (self.blur is not None or self.background is not None):
            raise InputError("--blur-background and --background need --composite FOLDER: where the new pictures go")
        for folder in (self.masks, self.cutouts, self.composites):
            if folder is not None and folder.exists() and not folder.is_dir():
                raise InputError(f"{folder} is a file, not a folder; give a folder for the pictures written")
        if self.background is not None:
            from opensight.inputs import load_image

            self.outputs.add_inputs([self.background])
            self._behind = Image.fromarray(load_image(self.background).pixels)

    @property
    def wanted(self) -> bool:
        """Whether any file is to be written."""
        return any(folder is not None for folder in (self.masks, self.cutouts, self.composites))

    def add(self, item: Any, result: Segmentation | None) -> None:
        """Write the files of one input (nothing for a failed one)."""
        if result is None:
            return
        pixels, stem, suffix = self._picture(item)
        if pixels is None:
            return
        if self.masks is not None:
            self._save(Image.fromarray(_mask_for(pixels, result), "L"), self.masks, stem, ".png", "mask")
        if self.cutouts is not None:
            self._save(cutout(pixels, result), self.cutouts, stem, ".png", "cutout")
        if self.composites is not None:
            picture = composite(pixels, result, blur=self.blur, background=self._behind)
            self._save(picture, self.composites, stem, suffix, "composite")

    def close(self) -> None:
        """Nothing to finish (each file is complete when written)."""

    @staticmethod
    def _picture(item: Any) -> tuple[np.ndarray | None, str, str]:
        from opensight.inputs import load_image

        if item.frame is not None and item.image is not None:
            return np.asarray(item.image), f"{Path(item.name).stem}-frame{item.frame:06d}", ".jpg"
        if item.path is not None and item.path.is_file():
            suffix = item.path.suffix.lower()
            return load_image(item.path).pixels, item.path.stem, suffix if suffix in _FORMATS else ".png"
        if item.image is not None:
            return load_image(item.image).pixels, Path(item.name).stem or "picture", ".png"
        return None, "", ""

    def _save(self, picture: Image.Image, folder: Path, stem: str, suffix: str, tag: str) -> None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise write_failure(error, folder) from None
        with self.outputs.new_file(folder, stem, suffix, tag=tag) as (_target, handle):
            picture.save(handle, format=_FORMATS[suffix], quality=90)
