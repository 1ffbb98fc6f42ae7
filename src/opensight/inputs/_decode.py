"""Robust image decoding: any file or in-memory image to an upright RGB uint8 array.

Handles EXIF orientation, every common Pillow mode (palette, alpha, CMYK, 16-bit, 1-bit, grayscale),
animated images (first frame), JPEG draft decoding (the DCT decodes at 1/2, 1/4 or 1/8 scale when the
model needs far fewer pixels than the photo has) and a decompression-bomb guard. Every failure is a
:class:`~opensight.DecodeError` whose message says what was wrong and what to do.
"""

from __future__ import annotations

import logging
import math
import os
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pillow_heif
from PIL import Image, ImageOps, UnidentifiedImageError

from opensight import _settings
from opensight._errors import DecodeError, InputError
from opensight._text import megapixels
from opensight.inputs._regular import check_regular, open_regular
from opensight.inputs._sources import IMAGE_EXTENSIONS

log = logging.getLogger("opensight")

# Phone photos: HEIC/HEIF (iPhones) through pillow-heif, which applies the file's own rotation and resets the EXIF
# orientation so it is not applied twice; AVIF is Pillow's own.
pillow_heif.register_heif_opener()

_WHITE = (255, 255, 255)
_EXIF_ORIENTATION = 0x0112
_TRANSPOSED_ORIENTATIONS = {5, 6, 7, 8}


@dataclass(frozen=True, eq=False)
class LoadedImage:
    """An upright RGB image ready for a model.

    ``pixels`` may be smaller than the original when draft decoding was used; ``original_size`` is the
    full image's ``(width, height)`` after EXIF orientation, so results can be mapped back to it. Transparent
    pixels are white in ``pixels``; ``opaque`` is the box (left, top, right, bottom) of those that are not, where
    some at the picture's edges are transparent (a transparent border), else None.

    >>> img = load_image(np.zeros((30, 40, 3), dtype=np.uint8))
    >>> img.pixels.shape, img.original_size, img.scale, img.opaque
    ((30, 40, 3), (40, 30), 1.0, None)
    >>> framed = np.zeros((30, 40, 4), dtype=np.uint8); framed[5:25, 10:30, 3] = 255
    >>> load_image(framed).opaque
    (10, 5, 30, 25)
    """

    pixels: np.ndarray
    original_size: tuple[int, int]
    opaque: tuple[int, int, int, int] | None = None

    @property
    def scale(self) -> float:
        """Decoded width divided by original width (1.0 unless draft decoding shrank the image)."""
        return float(self.pixels.shape[1]) / float(self.original_size[0])


def max_pixels() -> int:
    """The decompression-bomb limit in pixels (:func:`opensight._settings.max_pixels`); a limit above Pillow's
    own guard lifts that guard to match."""
    limit = _settings.max_pixels()
    if Image.MAX_IMAGE_PIXELS is not None and limit > 2 * Image.MAX_IMAGE_PIXELS:
        Image.MAX_IMAGE_PIXELS = limit // 2  # the user asked for more: lift Pillow's own guard to match
    return limit


def load_image(
    source: str | os.PathLike[str] | Image.Image | np.ndarray,
    *,
    min_side: int | None = None,
    long_side: int | None = None,
    headroom: int | None = None,
) -> LoadedImage:
    """Decode ``source`` into an upright RGB uint8 image.

    ``min_side`` is the smallest side the caller needs (a centre crop); ``long_side`` the longest side it needs
    (the whole picture shrunk into a square). A JPEG larger than that is decoded at reduced scale (DCT scaling,
    with ``headroom`` — by default ``OPENSIGHT_DRAFT_HEADROOM`` — times the needed pixels kept), the biggest speed
    lever on phone photos.

    >>> load_image(np.full((2, 3), 7, dtype=np.uint8)).pixels[0, 0].tolist()
    [7, 7, 7]
    """
    if isinstance(source, np.ndarray):
        return _from_array(source)
    if isinstance(source, Image.Image):
        try:
            return _from_pil(source)
        except (OSError, SyntaxError, ValueError, EOFError) as error:  # a lazily opened picture with bad data
            raise DecodeError(_describe_corrupt(error)) from None
    path = Path(source)
    _check_file(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with open_regular(path) as handle, Image.open(handle) as image:
                return _from_pil(image, min_side=min_side, long_side=long_side, headroom=headroom)
    except Image.DecompressionBombError as error:  # Pillow's own guard fired while reading the header
        found = re.search(r"\((\d+) pixels\)", str(error))
        raise DecodeError(_bomb_message(int(found.group(1)) if found else None, max_pixels())) from None
    except UnidentifiedImageError:
        raise DecodeError(_unidentified_message(path)) from None
    except PermissionError:
        raise DecodeError("cannot read this file (permission denied); check its permissions") from None
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise DecodeError(_describe_corrupt(error)) from None


def _bomb_message(pixels: int | None, limit: int, size: str = "") -> str:
    found = f"{size} ({megapixels(pixels)})" if size and pixels else megapixels(pixels or 0)
    return (
        f"image is {found}, above the safety limit of {megapixels(limit)} that guards against "
        "decompression bombs; if you trust this file, raise OPENSIGHT_MAX_PIXELS"
    )


def _check_file(path: Path) -> None:
    """Refuse, from ``stat`` alone, anything but a readable, non-empty regular file (see :mod:`._regular`)."""
    info = check_regular(path)
    if info.st_size == 0:
        raise DecodeError("empty file (0 bytes); it may be an interrupted copy or download")
    if not os.access(path, os.R_OK):
        raise DecodeError("cannot read this file (permission denied); check its permissions")


#: ISO-BMFF brands (bytes 8-12, after "ftyp") of still pictures; other brands are videos (MP4, MOV).
_PICTURE_BRANDS = {
    **dict.fromkeys((b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"), "HEIC"),
    **dict.fromkeys((b"avif", b"avis"), "AVIF"),
}
_SIGNATURES = {
    b"\xff\xd8\xff": "JPEG",
    b"\x89PNG": "PNG",
    b"GIF8": "GIF",
    b"BM": "BMP",
    b"II*\x00": "TIFF",
    b"MM\x00*": "TIFF",
}


def image_kind(head: bytes) -> str | None:
    """The image format a file's first bytes announce (``"JPEG"``, ``"PNG"``, …), or None.

    >>> image_kind(b"\\x89PNG\\r\\n"), image_kind(b"%PDF-1.7"), image_kind(b"\\0\\0\\0\\x18ftypheic")
    ('PNG', None, 'HEIC')
    """
    kind = next((name for magic, name in _SIGNATURES.items() if head.startswith(magic)), None)
    if kind is None and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        kind = "WebP"
    if kind is None and head[4:8] == b"ftyp":
        kind = _PICTURE_BRANDS.get(head[8:12])
    return kind


def sound_kind(head: bytes) -> str | None:
    """The sound format a file's first bytes announce (``"WAV"``, ``"MP3"``, …), or None.

    >>> sound_kind(b"RIFF\\0\\0\\0\\0WAVEfmt "), sound_kind(b"ID3\\4"), sound_kind(b"\\x89PNG")
    ('WAV', 'MP3', None)
    """
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "WAV"
    if head.startswith(b"ID3") or head[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"):
        return "MP3"
    return {b"OggS": "Ogg", b"fLaC": "FLAC"}.get(head[:4]) or ("M4A" if head[4:11] == b"ftypM4A" else None)


def is_text(head: bytes) -> bool:
    """Whether a file's first bytes (up to 512: its last character may be cut off) are text: UTF-8, no control
    characters but tabs and line ends.

    >>> is_text(b"# My notes\\n\\nBuy bread."), is_text(b"\\x89PNG\\r\\n\\x1a\\n"), is_text(b"")
    (True, False, False)
    """
    text = head.decode("utf-8", errors="ignore" if len(head) >= 512 else "replace")
    return bool(text.strip()) and len(text) >= len(head) // 2 and all(c.isprintable() or c in "\t\r\n" for c in text)


def _unidentified_message(path: Path) -> str:
    with open_regular(path) as handle:
        head = handle.read(512)
    kind = image_kind(head)
    if kind:
        return f"this looks like a {kind} file but its data is corrupt; open it in an image viewer or replace it"
    if sound := sound_kind(head):
        return (
            f"this is a sound recording ({sound}), not a picture; give it to a task or model that hears (transcribe, "
            "or a model taught with --kind sounds)"
        )
    if is_text(head):  # whatever its name says
        return "it is a text file, not a picture: give a photo or an image file (JPEG, PNG, …)"
    if path.suffix.lower() in IMAGE_EXTENSIONS:  # named a picture, but no picture format's signature inside
        return (
            f"its name says {path.suffix} but its content is not a picture opensight knows: it may be damaged or "
            "not a picture at all; open it in an image viewer, or replace it"
        )
    return (
        f"not an image format opensight can read ({path.suffix or 'no extension'}); "
        "convert it to JPEG or PNG (camera RAW files need converting first)"
    )


def _describe_corrupt(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    if "truncated" in text.lower():
        return "the image data is cut short (truncated file); copy or download it again"
    return f"corrupt image data ({text}); open it in an image viewer to check, or replace the file"


def _from_pil(
    image: Image.Image, *, min_side: int | None = None, long_side: int | None = None, headroom: int | None = None
) -> LoadedImage:
    width, height = image.size
    limit = max_pixels()
    if width * height > limit:
        raise DecodeError(_bomb_message(width * height, limit, f"{width}×{height}"))
    orientation = _orientation(image)
    if orientation in _TRANSPOSED_ORIENTATIONS:
        width, height = height, width
    if image.format == "JPEG" and (min_side is not None or long_side is not None):
        image.draft("RGB", _draft_request(image.size, min_side=min_side, long_side=long_side, headroom=headroom))
    image.load()
    if orientation not in (None, 1):
        image = _upright(image)
    rgb, opaque = _to_rgb(image)
    return LoadedImage(pixels=np.asarray(rgb, dtype=np.uint8), original_size=(width, height), opaque=opaque)


def _draft_request(
    size: tuple[int, int], *, min_side: int | None, long_side: int | None, headroom: int | None = None
) -> tuple[int, int]:
    """The smallest (width, height) a JPEG may be decoded at: both sides ≥ headroom × ``min_side``, or the long
    side ≥ headroom × ``long_side``, so the final resize stays antialiased. For the whole-picture view this decodes
    a 4000×3000 photo at 1000×750 instead of 2000×1500: prepare 2.5× faster, embeddings within cosine 0.9995 of a
    full decode on 60 real 4000×3000 photos (the short-side rule: 0.9997).

    >>> _draft_request((4000, 3000), min_side=None, long_side=224)
    (896, 672)
    >>> _draft_request((4000, 3000), min_side=None, long_side=1600, headroom=1)  # read: 2000×1500 decoded
    (1600, 1200)
    """
    headroom = headroom or _settings.draft_headroom()
    if long_side is not None:
        factor = headroom * long_side / max(size)
        return math.ceil(size[0] * factor), math.ceil(size[1] * factor)
    assert min_side is not None
    return headroom * min_side, headroom * min_side


def _orientation(image: Image.Image) -> int | None:
    try:
        value = image.getexif().get(_EXIF_ORIENTATION)
    except Exception:  # malformed EXIF must not cost the user the picture
        log.debug("ignoring unreadable EXIF data", exc_info=True)
        return None
    return int(value) if isinstance(value, int) else None


def _upright(image: Image.Image) -> Image.Image:
    try:
        return ImageOps.exif_transpose(image)
    except Exception:  # a broken orientation tag: keep the pixels as stored
        log.debug("ignoring broken EXIF orientation", exc_info=True)
        return image


def _to_rgb(image: Image.Image) -> tuple[Image.Image, tuple[int, int, int, int] | None]:
    """The picture in RGB, transparency on white, and the box of its pixels that are not transparent where that is
    less than the whole picture (see :class:`LoadedImage`)."""
    mode = image.mode
    if mode == "RGB":
        return image, None
    if mode == "P" and "transparency" in image.info:
        image, mode = image.convert("RGBA"), "RGBA"
    if mode in {"RGBA", "LA", "PA", "RGBa", "La"}:
        rgba = image.convert("RGBA")
        alpha = rgba.getchannel("A")
        background = Image.new("RGB", rgba.size, _WHITE)
        background.paste(rgba, mask=alpha)
        box = alpha.getbbox()
        return background, (box if box and box != (0, 0, *rgba.size) else None)
    if mode.startswith("I;16") or mode in {"I", "F"}:
        return Image.fromarray(_wide_to_uint8(np.asarray(image)), mode="L").convert("RGB"), None
    return image.convert("RGB"), None


def _wide_to_uint8(values: np.ndarray) -> np.ndarray:
    """16-bit, 32-bit integer or float samples to 0..255."""
    if values.dtype.kind == "f":
        data = values.astype(np.float64)
        if np.nanmax(data, initial=0.0) <= 1.0:
            data = data * 255.0
        return np.clip(np.nan_to_num(data), 0, 255).astype(np.uint8)
    data = values.astype(np.int64)
    if data.max(initial=0) > 255:
        data = data // 257
    return np.clip(data, 0, 255).astype(np.uint8)


def _from_array(array: np.ndarray) -> LoadedImage:
    if array.ndim == 3 and array.shape[0] in (1, 3, 4) and array.shape[2] not in (1, 3, 4):
        raise InputError(
            f"got an array of shape {array.shape}, which looks channels-first; "
            "pass array.transpose(1, 2, 0) (height, width, channels)"
        )
    if array.ndim == 3 and array.shape[2] == 1:
        array = array[:, :, 0]
    if array.ndim not in (2, 3) or (array.ndim == 3 and array.shape[2] not in (3, 4)) or 0 in array.shape:
        raise InputError(f"expected an image array of shape (H, W), (H, W, 3) or (H, W, 4); got shape {array.shape}")
    if array.dtype == np.bool_:
        array = array.astype(np.uint8) * 255
    elif array.dtype != np.uint8:
        if array.dtype.kind not in "uif":
            raise InputError(f"expected a numeric image array, got dtype {array.dtype}")
        array = _wide_to_uint8(array)
    height, width = array.shape[:2]
    if array.ndim == 2:
        return LoadedImage(pixels=np.repeat(array[:, :, None], 3, axis=2), original_size=(width, height))
    if array.shape[2] == 4:
        image, opaque = _to_rgb(Image.fromarray(np.ascontiguousarray(array), mode="RGBA"))
        return LoadedImage(pixels=np.asarray(image), original_size=(width, height), opaque=opaque)
    return LoadedImage(pixels=np.ascontiguousarray(array), original_size=(width, height))
