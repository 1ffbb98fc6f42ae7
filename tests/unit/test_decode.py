"""Robust decoding: every Pillow mode, EXIF orientation, animation, draft decoding, bombs, bad files."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from opensight import DecodeError, InputError
from opensight.inputs import load_image
from tests.conftest import as_unprivileged, png_with_size


def _save(tmp_path: Path, image: Image.Image, name: str, **params: object) -> Path:
    path = tmp_path / name
    image.save(path, **params)
    return path


def test_rgb_jpeg_round_trip(tmp_path: Path) -> None:
    path = _save(tmp_path, Image.new("RGB", (40, 30), (200, 10, 10)), "red.jpg", quality=95)
    loaded = load_image(path)
    assert loaded.pixels.shape == (30, 40, 3)
    assert loaded.pixels.dtype == np.uint8
    assert loaded.original_size == (40, 30)
    assert abs(int(loaded.pixels[15, 20, 0]) - 200) < 6


@pytest.mark.parametrize(
    ("mode", "colour", "expected"),
    [
        ("L", 128, (128, 128, 128)),
        ("1", 1, (255, 255, 255)),
        ("CMYK", (0, 255, 255, 0), (255, 0, 0)),
        ("I;16", 65535, (255, 255, 255)),
        ("I", 1000, (3, 3, 3)),
        ("F", 0.5, (127, 127, 127)),
    ],
)
def test_modes_become_rgb(mode: str, colour: object, expected: tuple[int, int, int]) -> None:
    loaded = load_image(Image.new(mode, (8, 6), colour))  # type: ignore[arg-type]
    assert loaded.pixels.shape == (6, 8, 3)
    assert tuple(int(v) for v in loaded.pixels[3, 4]) == pytest.approx(expected, abs=1)


def test_palette_with_transparency_is_composited_on_white(tmp_path: Path) -> None:
    image = Image.new("P", (4, 4), 0)
    image.putpalette([0, 0, 0, 255, 0, 0] + [0] * (254 * 3))
    image.putpixel((0, 0), 1)
    path = _save(tmp_path, image, "p.png", transparency=0)
    pixels = load_image(path).pixels
    assert tuple(pixels[0, 0]) == (255, 0, 0)
    assert tuple(pixels[2, 2]) == (255, 255, 255)  # the transparent index shows white, not black
    assert load_image(path).opaque == (0, 0, 1, 1)  # the one opaque pixel's box (left, top, right, bottom)


def test_the_box_of_opaque_pixels_is_given_only_where_some_are_transparent(tmp_path: Path) -> None:
    """A copy with a transparent border shows white there: which pixels were the picture is kept (``opaque``)."""
    bordered = Image.new("RGBA", (60, 40), (0, 0, 0, 0))
    bordered.paste(Image.new("RGBA", (50, 20), (200, 30, 30, 255)), (5, 10))
    assert load_image(_save(tmp_path, bordered, "border.png")).opaque == (5, 10, 55, 30)
    assert load_image(_save(tmp_path, Image.new("RGBA", (8, 8), (1, 2, 3, 255)), "opaque.png")).opaque is None
    assert load_image(_save(tmp_path, Image.new("RGB", (8, 8)), "plain.png")).opaque is None


@pytest.mark.parametrize("mode", ["RGBA", "LA"])
def test_alpha_is_composited_on_white(mode: str) -> None:
    image = Image.new(mode, (4, 4), (10, 0) if mode == "LA" else (10, 10, 10, 0))
    assert tuple(load_image(image).pixels[1, 1]) == (255, 255, 255)


def test_exif_orientation_is_applied(tmp_path: Path) -> None:
    image = Image.new("RGB", (60, 20), (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, 10, 20))  # red strip on the left of the stored pixels
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to display"
    path = _save(tmp_path, image, "rotated.jpg", exif=exif, quality=95)
    loaded = load_image(path)
    assert loaded.pixels.shape == (60, 20, 3)
    assert loaded.original_size == (20, 60)
    assert loaded.pixels[2, 10, 0] > 200  # the left strip is now on top
    assert loaded.pixels[50, 10, 2] > 200


def test_animated_gif_gives_the_first_frame(tmp_path: Path) -> None:
    frames = [Image.new("RGB", (10, 10), colour) for colour in [(255, 0, 0), (0, 255, 0), (0, 0, 255)]]
    path = tmp_path / "anim.gif"
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=100)
    pixels = load_image(path).pixels
    assert pixels[5, 5, 0] > 200
    assert pixels[5, 5, 1] < 50


def test_big_jpeg_is_draft_decoded_at_reduced_scale(tmp_path: Path) -> None:
    path = _save(tmp_path, Image.new("RGB", (4000, 3000), (90, 120, 30)), "big.jpg", quality=90)
    loaded = load_image(path, min_side=256)
    assert loaded.original_size == (4000, 3000)
    assert min(loaded.pixels.shape[:2]) >= 256
    assert loaded.pixels.shape[:2] == (1500, 2000)  # DCT scaling 1/2 keeps >= 4 × 256 on the short side
    assert loaded.scale == pytest.approx(0.5)
    assert load_image(path).pixels.shape[:2] == (3000, 4000)  # without a hint: full size


def test_whole_picture_view_decodes_by_its_long_side(tmp_path: Path) -> None:
    """Taught models shrink the whole picture into 224×224: only the long side counts (4 × 224 = 896 ≤ 1000)."""
    path = _save(tmp_path, Image.new("RGB", (3000, 4000), (90, 120, 30)), "tall.jpg", quality=90)
    loaded = load_image(path, long_side=224)
    assert loaded.pixels.shape[:2] == (1000, 750)
    assert loaded.original_size == (3000, 4000)


def test_draft_headroom_can_be_lowered_for_speed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _save(tmp_path, Image.new("RGB", (4000, 3000)), "big.jpg")
    monkeypatch.setenv("OPENSIGHT_DRAFT_HEADROOM", "1")
    assert load_image(path, min_side=256).pixels.shape[:2] == (375, 500)
    monkeypatch.setenv("OPENSIGHT_DRAFT_HEADROOM", "zero")
    with pytest.raises(InputError, match="OPENSIGHT_DRAFT_HEADROOM"):
        load_image(path, min_side=256)


def test_decompression_bomb_is_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "bomb.png"
    path.write_bytes(png_with_size(50_000, 50_000))
    with pytest.raises(DecodeError, match=r"2500 megapixels.*decompression bombs.*OPENSIGHT_MAX_PIXELS"):
        load_image(path)


def test_pixel_limit_is_configurable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENSIGHT_MAX_PIXELS", "100")
    with pytest.raises(DecodeError, match="safety limit"):
        load_image(Image.new("RGB", (20, 20)))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.jpg", b"", "empty file"),
        # named a picture, nothing like one inside: not "convert it to JPEG" (a user's trial)
        ("bad.jpg", b"\x00\x13\x07garbage", "its name says .jpg but its content is not a picture opensight knows"),
        ("bad.xyz", b"\x00\x13\x07garbage", "not an image format"),
        ("notes.jpg", b"hello, I am text", "it is a text file, not a picture"),
        ("bad.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 40, "corrupt|cut short"),
    ],
)
def test_bad_files_raise_decode_errors_that_explain(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DecodeError, match=message):
        load_image(path)


def test_truncated_jpeg(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    Image.effect_noise((300, 200), 60).convert("RGB").save(buffer, "JPEG")
    path = tmp_path / "cut.jpg"
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    with pytest.raises(DecodeError, match="cut short"):
        load_image(path)


def test_missing_file_folder_and_dangling_link(tmp_path: Path) -> None:
    with pytest.raises(DecodeError, match="no such file"):
        load_image(tmp_path / "nope.jpg")
    with pytest.raises(DecodeError, match="folder"):
        load_image(tmp_path)
    (tmp_path / "link.jpg").symlink_to(tmp_path / "target.jpg")
    with pytest.raises(DecodeError, match="broken symbolic link"):
        load_image(tmp_path / "link.jpg")


@pytest.mark.parametrize(
    ("array", "shape"),
    [
        (np.zeros((5, 7), np.uint8), (5, 7, 3)),
        (np.zeros((5, 7, 1), np.uint8), (5, 7, 3)),
        (np.zeros((5, 7, 4), np.uint8), (5, 7, 3)),
        (np.ones((5, 7, 3), np.float32), (5, 7, 3)),
        (np.ones((5, 7), bool), (5, 7, 3)),
        (np.full((5, 7, 3), 65535, np.uint16), (5, 7, 3)),
    ],
)
def test_numpy_arrays(array: np.ndarray, shape: tuple[int, ...]) -> None:
    assert load_image(array).pixels.shape == shape


def test_channels_first_array_gets_a_hint() -> None:
    with pytest.raises(InputError, match=r"channels-first.*transpose\(1, 2, 0\)"):
        load_image(np.zeros((3, 32, 32), np.uint8))
    with pytest.raises(InputError, match="expected an image array"):
        load_image(np.zeros((2, 3, 4, 5), np.uint8))


def test_unreadable_file(open_tmp: Path) -> None:
    path = _save(open_tmp, Image.new("RGB", (8, 8)), "locked.png")
    path.chmod(0)

    def attempt() -> str:
        try:
            load_image(path)
        except DecodeError as error:
            return str(error)
        return "decoded"

    assert as_unprivileged(attempt) == "cannot read this file (permission denied); check its permissions"


def test_a_sound_recording_given_as_a_picture_is_named_as_one(tmp_path: Path) -> None:
    import wave

    path = tmp_path / "bark.jpg"  # even under a picture's name
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes(bytes(3200))
    with pytest.raises(DecodeError, match=r"this is a sound recording \(WAV\), not a picture"):
        load_image(path)
