"""Where a picture is framed on a desktop screenshot: a rectangle whose four sides are straight edges — found on a
gradient, not found in a textured wallpaper, and not made of two windows side by side."""

from __future__ import annotations

import numpy as np
from PIL import Image

from opensight._copy_frames import framed_places


def _gradient(height: int, width: int, diagonal: bool = False) -> np.ndarray:
    rows, columns = np.mgrid[0:height, 0:width]
    mix = rows / height * 0.5 + columns / width * 0.5 if diagonal else rows / height
    low, high = np.array([40.0, 90.0, 160.0]), np.array([200.0, 120.0, 60.0])
    return (low * (1 - mix[..., None]) + high * mix[..., None]).astype(np.uint8)


def _photo(height: int, width: int, seed: int = 0) -> np.ndarray:
    """Smooth blotches of colour, as a photo's (no straight edges inside it)."""
    coarse = np.random.default_rng(seed).integers(0, 255, (height // 16, width // 16, 3)).astype(np.uint8)
    return np.asarray(Image.fromarray(coarse).resize((width, height), Image.Resampling.BICUBIC))


def test_a_viewer_fitted_to_its_photo_on_a_1366_desktop_is_found_inside_its_bars() -> None:
    """A new user's trial: 9 of 12 such screenshots on a vertical gradient were missed (the gradient's plain rows
    crowded the title bar out of the window finder's places), and every one on a diagonal gradient."""
    for diagonal in (False, True):
        screen = _gradient(768, 1366, diagonal)
        screen[728:] = (35, 35, 40)  # a taskbar across the screen: its edge runs on, it is no side
        screen[150:180, 400:900] = 228  # the title bar, right over the photo
        screen[180:560, 400:900] = _photo(380, 500)
        screen[560:582, 400:900] = 236  # a status bar under it
        assert framed_places(screen, 0.05)[0] == (180, 560, 400, 900)  # the photo, inside its bars


def test_a_textured_wallpaper_alone_holds_no_framed_place() -> None:
    rng = np.random.default_rng(3)
    texture = rng.normal(128, 40, (768, 1366, 3)).clip(0, 255).astype(np.uint8)  # steps along every line
    assert framed_places(texture, 0.05) == []
    assert framed_places(_gradient(768, 1366), 0.05) == []


def test_two_windows_side_by_side_are_not_one_rectangle() -> None:
    """A photo's window and a lower window beside it, ending on the same row: their joint outline steps along over
    70% of each of its sides, but not along all of them (each quarter of each side must step too)."""
    for bottom in (600, 560):
        screen = _gradient(900, 1440)
        screen[100:600, 200:900] = _photo(500, 700, seed=1)
        screen[210:bottom, 900:1150] = 255  # a white window beside it
        places = framed_places(screen, 0.05)
        assert all(right <= 900 or left >= 900 for _, _, left, right in places), places  # none across both
        if bottom != 600:  # the photo's own bottom does not run on into the other window's
            assert places[0] == (100, 600, 200, 900)
