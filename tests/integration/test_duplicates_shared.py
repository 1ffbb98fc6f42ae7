"""Copies shown or shared as people do (issue 13, defect 3): a desktop screenshot of a viewer fitted to its photo,
and a copy with a caption band under the photo — found with the original, and not the one to keep."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from tests._copy_pictures import found_groups, jpeg, kept_rows
from tests.conftest import sample_photo


def _fitted_window(image: Image.Image, place: tuple[int, int]) -> Image.Image:
    """A whole desktop (1920 × 1080) whose wallpaper is a photo, blurred: a viewer's window fitted to the picture — a
    30-row title bar right over it, a 1-pixel border, no plain inside."""
    desktop = Image.fromarray(sample_photo("astronaut")).convert("RGB").resize((1920, 1080))
    desktop = desktop.filter(ImageFilter.GaussianBlur(3))
    draw = ImageDraw.Draw(desktop)
    draw.rectangle((0, 1040, 1920, 1080), fill=(35, 35, 40))
    left, top = place
    draw.rectangle((left - 1, top - 31, left + image.width, top + image.height), fill=(60, 60, 60))
    draw.rectangle((left, top - 30, left + image.width - 1, top - 1), fill=(225, 225, 228))
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 14)
    draw.text((left + image.width // 2 - 70, top - 24), "photo.jpg - Viewer", font=font, fill="black")
    desktop.paste(image, (left, top))
    return desktop


def test_a_desktop_screenshot_of_a_viewer_fitted_to_its_photo_is_a_copy(tmp_path: Path) -> None:
    """A new user's trial: 14 of 18 desktop screenshots of a viewer whose window is fitted to the photo (its title bar
    right over it, no plain inside to find) were missed, and another's 19 of 24 on a gradient: the title bar is found
    as a window's plain rows, and the window goes down to the lowest straight edge along the bar's columns that does
    not run on beside them (the picture's bottom edge, the desktop going on under it)."""
    folder = tmp_path / "album"
    folder.mkdir()
    for name, place in (("chelsea", (300, 150)), ("coffee", (800, 300))):
        photo = Image.fromarray(sample_photo(name))
        jpeg(photo, folder / f"{name}.jpg")
        _fitted_window(photo, place).save(folder / f"{name}_desktop.png")
    jpeg(Image.fromarray(sample_photo("rocket")), folder / "rocket.jpg")
    assert found_groups(tmp_path, folder) == [
        ["chelsea.jpg", "chelsea_desktop.png"],
        ["coffee.jpg", "coffee_desktop.png"],
    ]


def _gradient_desktop(size: tuple[int, int], diagonal: bool) -> Image.Image:
    """A desktop's wallpaper: a gradient between two colours, down the screen or across it, and a taskbar."""
    width, height = size
    rows, columns = np.mgrid[0:height, 0:width]
    mix = (rows / height * 0.5 + columns / width * 0.5 if diagonal else rows / height)[..., None]
    desktop = Image.fromarray((np.array([60, 110, 170]) * (1 - mix) + np.array([210, 150, 90]) * mix).astype(np.uint8))
    ImageDraw.Draw(desktop).rectangle((0, height - 40, width, height), fill=(35, 35, 40))
    return desktop


def test_a_viewer_fitted_to_its_photo_on_a_gradient_with_a_status_bar_is_a_copy(tmp_path: Path) -> None:
    """A new user's trial: 9 of 12 screenshots of a viewer fitted to its photo on a 1366 × 768 desktop with a
    vertical gradient were missed, and every one on a diagonal gradient: the picture is now also found as a rectangle
    whose four sides are straight edges (the window's border, its bars and the picture's own edges)."""
    folder = tmp_path / "album"
    folder.mkdir()
    for name, size, diagonal in (("chelsea", (1366, 768), False), ("coffee", (1440, 900), True)):
        photo = Image.fromarray(sample_photo(name))
        jpeg(photo, folder / f"{name}.jpg")
        desktop = _gradient_desktop(size, diagonal)
        shown = photo.resize((photo.width * 3 // 4, photo.height * 3 // 4))
        left, top = 180, 120
        draw = ImageDraw.Draw(desktop)
        draw.rectangle((left, top - 28, left + shown.width - 1, top - 1), fill=(50, 50, 55))  # a dark title bar
        draw.text((left + 8, top - 22), "IMG_2041.jpg - Viewer", fill="white")
        bottom = top + shown.height
        draw.rectangle((left, bottom, left + shown.width - 1, bottom + 21), fill=(235, 235, 235))
        draw.text((left + 6, top + shown.height + 5), "451 x 300  75%", fill="black")  # a status bar
        desktop.paste(shown, (left, top))
        desktop.save(folder / f"{name}_desktop.png")
    jpeg(Image.fromarray(sample_photo("rocket")), folder / "rocket.jpg")
    assert found_groups(tmp_path, folder) == [
        ["chelsea.jpg", "chelsea_desktop.png"],
        ["coffee.jpg", "coffee_desktop.png"],
    ]


def test_the_copy_to_keep_is_not_one_with_a_caption_band_under_it(tmp_path: Path) -> None:
    """A new user's trial: a copy with a white band under the photo and a line of big writing on it ("Summer trip
    2019 - our favourite"), taller than its original, was kept over the original in 11 of 39 groups: the band is not
    counted as picture when choosing the copy to keep."""
    folder = tmp_path / "album"
    folder.mkdir()
    photo = Image.fromarray(sample_photo("chelsea"))
    jpeg(photo, folder / "chelsea.jpg")
    band = max(40, photo.height // 8)
    captioned = Image.new("RGB", (photo.width, photo.height + band), "white")
    captioned.paste(photo, (0, 0))
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", band // 2)
    writing = (10, photo.height + band // 5)
    ImageDraw.Draw(captioned).text(writing, "Summer trip 2019 - our favourite", font=font, fill=(20, 20, 20))
    jpeg(captioned, folder / "chelsea_caption.jpg")
    jpeg(photo.resize((photo.width // 2, photo.height // 2)), folder / "chelsea_small.jpg")
    assert found_groups(tmp_path, folder) == [["chelsea.jpg", "chelsea_caption.jpg", "chelsea_small.jpg"]]
    rows, shown = kept_rows(tmp_path, folder)
    assert [Path(row["path"]).name for row in rows if row["keep"] == "True"] == ["chelsea.jpg"], shown
