"""The kinds of copy that bench/_quality_copies.py makes of each picture (its docstring says which and why)."""

from __future__ import annotations

import io
import os

import numpy as np
from PIL import Image, ImageDraw, ImageEnhance, ImageFont
from tests._copy_pictures import straightened as _straighten

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
Picture = Image.Image


def jpeg(image: Picture, quality: int) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


def png(image: Picture) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _crop(image: Picture, share: float, rng: np.random.Generator) -> Picture:
    width, height = image.size
    cut_x, cut_y = int(width * share), int(height * share)
    left, top = int(rng.integers(0, cut_x + 1)), int(rng.integers(0, cut_y + 1))
    return image.crop((left, top, left + width - cut_x, top + height - cut_y))


def _frame(image: Picture, heavy: bool) -> Picture:
    width, height = image.size
    if not heavy:
        pad = max(width, height) // 20
        canvas = Image.new("RGB", (width + 2 * pad, height + 2 * pad), "white")
        canvas.paste(image, (pad, pad))
        return canvas
    small = image.resize((width * 7 // 10, height * 7 // 10))
    canvas = Image.new("RGB", (width, height), (40, 42, 48))
    bar = height // 12
    ImageDraw.Draw(canvas).rectangle((0, 0, width, bar), fill=(220, 220, 225))
    canvas.paste(small, ((width - small.width) // 2, bar + (height - bar - small.height) // 2))
    return canvas


def _text(image: Picture, big: bool) -> Picture:
    image = image.copy()
    width, height = image.size
    draw = ImageDraw.Draw(image)
    size = max(10, height // (6 if big else 16))
    font = ImageFont.truetype(FONT, size) if os.path.exists(FONT) else ImageFont.load_default()
    if big:
        draw.text(
            (width // 12, height // 3), "HAPPY\nBIRTHDAY!", font=font, fill="white", stroke_width=2, stroke_fill="black"
        )
    else:
        draw.text((width // 30, height - size * 3 // 2), "Holidays 2024", font=font, fill="yellow")
    return image


def _side_crop(image: Picture, rng: np.random.Generator) -> Picture:
    """12-24% cut off one side (left, top, right or bottom): the shape changes."""
    width, height = image.size
    share = float(rng.uniform(0.12, 0.24))
    cut_x, cut_y = int(width * share), int(height * share)
    boxes = [(cut_x, 0, width, height), (0, cut_y, width, height), (0, 0, width - cut_x, height)]
    boxes.append((0, 0, width, height - cut_y))
    return image.crop(boxes[int(rng.integers(4))])


def _contrast(image: Picture, rng: np.random.Generator) -> Picture:
    """Contrast ×0.6-0.7 or ×1.4-1.6 (colours fade or deepen: their saturation changes, their hue does not)."""
    factor = float(rng.uniform(0.6, 0.7) if rng.random() < 0.5 else rng.uniform(1.4, 1.6))
    return ImageEnhance.Contrast(image).enhance(factor)


def _window(image: Picture, rng: np.random.Generator) -> Picture:
    """A screenshot of an image viewer: a title bar with the file's name (left or centred, about a sixth of the
    width) and three buttons, a light or dark window, the picture at 55-80% of the window's area."""
    width, height = image.size
    fill = float(rng.uniform(0.55, 0.8))
    bar = max(14, height // 24)
    canvas_w, canvas_h = int(width / np.sqrt(fill)), int(height / np.sqrt(fill)) + bar
    light = bool(rng.random() < 0.5)
    canvas = Image.new("RGB", (canvas_w, canvas_h), (236, 236, 236) if light else (30, 30, 34))
    draw = ImageDraw.Draw(canvas)
    draw.rectangle((0, 0, canvas_w, bar), fill=(50, 50, 60) if light else (210, 210, 215))
    size = max(8, min(canvas_w // 60, bar * 3 // 5))
    font = ImageFont.truetype(FONT, size) if os.path.exists(FONT) else ImageFont.load_default()
    title = "IMG_0412.JPG"
    left = bar // 2 if rng.random() < 0.5 else (canvas_w - int(draw.textlength(title, font=font))) // 2
    draw.text((left, bar // 5), title, font=font, fill="white" if light else "black")
    for number, colour in enumerate(((255, 95, 86), (255, 189, 46), (39, 201, 63))):
        left = canvas_w - (4 - number) * bar
        draw.ellipse((left, bar // 4, left + bar // 2, bar * 3 // 4), fill=colour)
    canvas.paste(image, ((canvas_w - width) // 2, bar + (canvas_h - bar - height) // 2))
    return canvas


def _banner(image: Picture, rng: np.random.Generator) -> Picture:
    """A see-through coloured band over 28-40% of the height with big text on it (a sale, a greeting)."""
    image = image.copy()
    width, height = image.size
    share = float(rng.uniform(0.28, 0.4))
    top = int(height * (0.5 - share / 2) + rng.uniform(-0.08, 0.08) * height)
    band = int(height * share)
    draw = ImageDraw.Draw(image, "RGBA")
    colour = [(220, 20, 60, 190), (20, 20, 20, 170), (30, 90, 200, 190)][int(rng.integers(3))]
    draw.rectangle((0, top, width, top + band), fill=colour)
    font = ImageFont.truetype(FONT, band // 2) if os.path.exists(FONT) else ImageFont.load_default()
    draw.text((width // 10, top + band // 5), "SALE -50%", font=font, fill="white")
    return image


def _app(image: Picture, rng: np.random.Generator) -> Picture:
    """A screenshot of a photo app at least 800 pixels wide: a title bar with its title, a toolbar of menus in another
    shade, a sidebar listing folders (half the time), a status bar, the picture at its own size on a light or dark
    inside."""
    width, height = image.size
    unit = 16  # a desktop's own size, whatever the picture's
    font = ImageFont.truetype(FONT, unit * 3 // 5) if os.path.exists(FONT) else ImageFont.load_default()
    side = int(width * rng.uniform(0.2, 0.3)) if rng.random() < 0.5 else 0
    margin = int(width * rng.uniform(0.04, 0.1))
    title, tools, status = unit * 3 // 2, unit * 2, unit
    canvas_w = max(side + width + 2 * margin, 800)  # an app's window is wider than a small picture
    canvas_h = title + tools + height + 2 * margin + status
    light = bool(rng.random() < 0.5)
    canvas = Image.new("RGB", (canvas_w, canvas_h), (242, 242, 242) if light else (40, 40, 44))
    draw = ImageDraw.Draw(canvas)
    draw.rectangle((0, 0, canvas_w, title), fill=(60, 63, 70))
    draw.text((unit, unit // 4), "Photos — Holidays", font=font, fill="white")
    draw.rectangle((0, title, canvas_w, title + tools), fill=(214, 214, 219))
    for number, word in enumerate(("File", "Edit", "View", "Image", "Help")):
        draw.text((unit + number * unit * 4, title + unit // 2), word, font=font, fill="black")
    if side:
        draw.rectangle((0, title + tools, side, canvas_h), fill=(226, 226, 231))
        for number in range((height + 2 * margin) // (2 * unit)):
            draw.text(
                (unit // 2, title + tools + unit // 2 + 2 * unit * number),
                f"folder {number + 1}",
                font=font,
                fill="black",
            )
    draw.rectangle((0, canvas_h - status, canvas_w, canvas_h), fill=(200, 200, 205))
    draw.text((side + unit // 2, canvas_h - status), f"{width} x {height}  100%", font=font, fill="black")
    canvas.paste(image, (side + (canvas_w - side - width) // 2, title + tools + margin))
    return canvas


def copies(
    image: Picture,
    rng: np.random.Generator,
    extra: np.random.Generator,
    app: np.random.Generator,
    cut: np.random.Generator,
    tint: np.random.Generator,
    desk: np.random.Generator,
    post: np.random.Generator,
) -> dict[str, bytes]:
    width, height = image.size
    bright = ImageEnhance.Brightness(image)
    return {
        "half.jpg": jpeg(image.resize((width // 2, height // 2), Image.Resampling.LANCZOS), 85),
        "quarter.jpg": jpeg(image.resize((max(8, width // 4), max(8, height // 4)), Image.Resampling.LANCZOS), 85),
        "q70.jpg": jpeg(image, 70),
        "q40.jpg": jpeg(image, 40),
        "crop5.jpg": jpeg(_crop(image, 0.05, rng), 90),
        "crop15.jpg": jpeg(_crop(image, 0.15, rng), 90),
        "rot2.jpg": jpeg(_straighten(image, 2.0), 90),
        "rot5.jpg": jpeg(_straighten(image, -5.0), 90),
        "bright15.jpg": jpeg(bright.enhance(1.15), 90),
        "dark30.jpg": jpeg(bright.enhance(0.7), 90),
        "as.png": png(image),
        "small.png": png(image.resize((width * 3 // 4, height * 3 // 4))),
        "border.jpg": jpeg(_frame(image, heavy=False), 90),
        "screenshot.png": png(_frame(image, heavy=True)),
        "caption.jpg": jpeg(_text(image, big=False), 90),
        "bigtext.jpg": jpeg(_text(image, big=True), 90),
        "side.jpg": jpeg(_side_crop(image, extra), 90),
        "contrast.jpg": jpeg(_contrast(image, extra), 90),
        "window.png": png(_window(image, extra)),
        "banner.jpg": jpeg(_banner(image, extra), 85),
        "app.png": png(_app(image, app)),
        "turned.jpg": jpeg(image.transpose(Image.Transpose.ROTATE_90 if width % 2 else Image.Transpose.ROTATE_270), 90),
        "square.jpg": jpeg(_square(image), 90),
        "phone.png": png(_phone(image)),
        "cut.jpg": jpeg(_cut(image, cut), 90),
        "filter.jpg": jpeg(_filter(image, tint), 90),
        "desktop.png": png(_desktop(image, desk)),
        "controls.png": _controls(image, post),
        "post.jpg": jpeg(_post(image, post), 88),
    }


def _controls(image: Picture, rng: np.random.Generator) -> bytes:
    """A phone's screenshot whose controls are drawn on its black or white screen (added 2026-12-03 after a new
    user's eighth trial missed half of such screenshots): a phone's size of screen, the time and the battery, a back
    arrow, round buttons near the bottom and a home bar under them, the picture as big as fits 70% of the height; one
    in four saved as JPEG q90."""
    width, height = ((1080, 2340), (1170, 2532), (720, 1600))[int(rng.integers(0, 3))]
    black = bool(rng.random() < 0.6)
    ink = "white" if black else "black"
    screen = Image.new("RGB", (width, height), "black" if black else "white")
    draw = ImageDraw.Draw(screen)
    size = width // 30
    font = ImageFont.truetype(FONT, size) if os.path.exists(FONT) else ImageFont.load_default()
    draw.text((width * 0.06, height * 0.012), "09:41", font=font, fill=ink)
    draw.text((width * 0.8, height * 0.012), "87%", font=font, fill=ink)
    draw.text((width * 0.05, height * 0.05), "<", font=font, fill=ink)
    scale = min(width / image.width, 0.7 * height / image.height)
    shown = image.resize((round(image.width * scale), round(image.height * scale)), Image.Resampling.LANCZOS)
    screen.paste(shown, ((width - shown.width) // 2, (height - shown.height) // 2))
    for number in range(4):
        middle = width * (0.15 + 0.22 * number)
        draw.ellipse((middle - size, height * 0.9 - size, middle + size, height * 0.9 + size), outline=ink, width=3)
    draw.rounded_rectangle((width * 0.35, height * 0.975, width * 0.65, height * 0.982), 6, fill=ink)
    return jpeg(screen, 90) if rng.random() < 0.25 else png(screen)


def _post(image: Picture, rng: np.random.Generator) -> Picture:
    """A square post for a social network (added 2026-12-03 after a new user's eighth trial kept such posts over
    their originals): 1080 × 1080, a white, cream or dark canvas, the picture as big as fits 86% of the width and 78%
    of the height near the top, an account's name under it."""
    canvas = ((255, 255, 255), (250, 246, 238), (30, 30, 30))[int(rng.integers(0, 3))]
    square = Image.new("RGB", (1080, 1080), canvas)
    scale = min(1080 * 0.86 / image.width, 1080 * 0.78 / image.height)
    shown = image.resize((round(image.width * scale), round(image.height * scale)), Image.Resampling.LANCZOS)
    square.paste(shown, ((1080 - shown.width) // 2, 65))
    font = ImageFont.truetype(FONT, 34) if os.path.exists(FONT) else ImageFont.load_default()
    ink = (60, 60, 60) if canvas != (30, 30, 30) else (235, 235, 235)
    ImageDraw.Draw(square).text((540, 1004), "@cornershop.example", font=font, fill=ink, anchor="mm")
    return square


def _desktop(image: Picture, rng: np.random.Generator) -> Picture:
    """A screenshot of a whole desktop (1920×1080): a wallpaper's gradient between two colours, a taskbar with its
    icons and clock, and an image viewer's window at a random place, light or dark, with a title bar and the picture
    on its plain inside at 45-95% of the largest size that fits (a new user's sixth trial: 1 of 12 found)."""
    width, height = 1920, 1080
    low, high = rng.integers(20, 230, size=(2, 3))
    rows, columns = np.mgrid[0:height, 0:width]
    mix = (rows / height * 0.7 + columns / width * 0.3)[..., None]
    desktop = Image.fromarray((low * (1 - mix) + high * mix).astype(np.uint8))
    draw = ImageDraw.Draw(desktop)
    draw.rectangle((0, height - 40, width, height), fill=(35, 35, 40))
    for number in range(5):
        draw.rectangle((10 + number * 50, height - 34, 44 + number * 50, height - 6), fill=(90 + 20 * number, 110, 150))
    font = ImageFont.truetype(FONT, 15) if os.path.exists(FONT) else ImageFont.load_default()
    draw.text((width - 80, height - 30), "14:32", font=font, fill="white")
    margin, title = int(rng.integers(20, 60)), 34
    fits = min((width - 100 - 2 * margin) / image.width, (height - 100 - title - 2 * margin) / image.height)
    scale = fits * float(rng.uniform(0.45, 0.95))
    size = (max(8, round(image.width * scale)), max(8, round(image.height * scale)))
    shown = image.resize(size, Image.Resampling.LANCZOS)
    window_w, window_h = shown.width + 2 * margin, shown.height + 2 * margin + title
    left = int(rng.integers(10, width - window_w - 10))
    top = int(rng.integers(10, height - 40 - window_h - 10))
    dark = bool(rng.random() < 0.5)
    draw.rectangle((left, top, left + window_w, top + title), fill=(50, 50, 55) if dark else (225, 225, 228))
    draw.text((left + 12, top + 8), "IMG_0412.JPG - Image Viewer", font=font, fill="white" if dark else "black")
    inside = (40, 40, 40) if dark else (245, 245, 245)
    draw.rectangle((left, top + title + 1, left + window_w, top + window_h), fill=inside)
    desktop.paste(shown, (left + margin, top + title + 1 + margin))
    return desktop


def _cut(image: Picture, rng: np.random.Generator) -> Picture:
    """A crop to the subject: each side keeps 65-85% (drawn apart, so the shape changes), at a random place."""
    width, height = image.size
    keep_x, keep_y = (float(share) for share in rng.uniform(0.65, 0.85, size=2))
    w, h = int(width * keep_x), int(height * keep_y)
    left, top = int(rng.integers(0, width - w + 1)), int(rng.integers(0, height - h + 1))
    return image.crop((left, top, left + w, top + h))


def _filter(image: Picture, rng: np.random.Generator) -> Picture:
    """A warm or cool photo filter (a white balance): red raised 8-16% and blue lowered as much, or the other way
    round, the raised channel lifted by up to 8 levels."""
    strength, lift = float(rng.uniform(0.08, 0.16)), float(rng.uniform(0, 8))
    warm = bool(rng.random() < 0.5)
    gains = np.array([1 + strength, 1.0, 1 - strength] if warm else [1 - strength, 1.0, 1 + strength])
    lifts = np.array([lift, 0.0, 0.0] if warm else [0.0, 0.0, lift])
    pixels = np.asarray(image.convert("RGB"), dtype=np.float32) * gains + lifts
    return Image.fromarray(np.clip(pixels, 0, 255).round().astype(np.uint8))


def _phone(image: Picture) -> Picture:
    """A phone's screenshot of the picture in its photo viewer: across a black screen 585×1266 (half a phone's
    pixels), a status bar with the time and a bar of round buttons."""
    width, height = 585, 1266
    screen = Image.new("RGB", (width, height), "black")
    draw = ImageDraw.Draw(screen)
    draw.rectangle((0, 0, width, height // 18), fill=(18, 18, 18))
    font = ImageFont.truetype(FONT, 22) if os.path.exists(FONT) else ImageFont.load_default()
    draw.text((28, 20), "9:41", font=font, fill="white")
    bar = height * 94 // 100
    draw.rectangle((0, bar, width, height), fill=(28, 28, 28))
    for number in range(3):
        middle = width * (number + 1) // 4
        draw.ellipse((middle - 14, bar + 24, middle + 14, bar + 52), fill=(190, 190, 190))
    scale = min(width / image.width, (bar - height // 18) / image.height)
    shown = image.resize((round(image.width * scale), round(image.height * scale)), Image.Resampling.LANCZOS)
    screen.paste(shown, ((width - shown.width) // 2, (height - shown.height) // 2))
    return screen


def _square(image: Picture) -> Picture:
    """The middle square of the picture (a photo cropped for a social network)."""
    width, height = image.size
    side = min(width, height)
    left, top = (width - side) // 2, (height - side) // 2
    return image.crop((left, top, left + side, top + side))


__all__ = ["copies", "jpeg", "png"]
