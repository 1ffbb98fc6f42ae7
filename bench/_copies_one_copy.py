"""Study: copies found when each picture has ONE copy, on pictures nothing was chosen on, with stronger edits.

bench/_quality_copies.py gives every picture 29 copies at once: a hard copy (a 5° turn, a crop to the subject) that
no check finds with its original can still join the group through its other copies, and a group's many near-exact
copies keep two different pictures' copies with the same banner apart. A library where a photo has one copy has
neither help. Here each kind of copy gets its own folder: every picture once, and one copy of that kind of each;
pairwise precision and recall of the groups, per kind (opensight, and ImageHash pHash at Hamming ≤ 10 where
installed).

Pictures: Debian `stellarium-data` (constellation art of several sky cultures, drawn on black; panorama tiles of its
landscapes; its nebulae photos) and `palapeli-data` (puzzle photos): 43 files over 60 KB drawn with a fixed seed, each
split into its left and right 60% (two pictures that are NOT copies, as in the benchmark). Kinds: the benchmark's 29
(bench/_copy_kinds.py), and ones it lacks ("stronger"): straightened 6-12°, crops keeping 80-70% of each side, shrunk
to a sixth to a tenth, gray, blurred, noise, JPEG q15, WebP q50, mirrored, squashed 20%, more saturation, sharpened,
much brighter or darker.

Usage: python bench/_copies_one_copy.py [--append] [--kinds benchmark|stronger|all]
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image, ImageEnhance, ImageFilter, ImageOps

sys.path[:0] = [str(Path(__file__).resolve().parent.parent), str(Path(__file__).resolve().parent)]

from _common import append_benchmark  # noqa: E402
from _copy_kinds import _crop, _straighten, copies, jpeg  # noqa: E402
from _quality_copies import _fit, _scenes, run_imagehash, run_opensight, score  # noqa: E402

STELLARIUM = Path("/usr/share/stellarium")
PALAPELI = Path("/usr/share/palapeli/collection")
#: (folder, pattern, how many) drawn in turn, with one random.Random(7), from the files over 60 KB.
DRAWS = (
    (STELLARIUM / "skycultures", "*/*.png", 14),
    (STELLARIUM / "skycultures", "*/*.jpg", 6),
    (STELLARIUM / "landscapes", "*/*.png", 10),
    (STELLARIUM / "landscapes", "*/*.jpg", 4),
    (PALAPELI, "*.jpg", 5),
    (STELLARIUM / "nebulae" / "default", "*.png", 8),
)
Picture = Image.Image


def pictures() -> list[tuple[str, Picture]]:
    """The drawn files, each as its left and right 60% (or whole, where those are alike: :func:`_scenes`)."""
    if not STELLARIUM.is_dir() or not PALAPELI.is_dir():
        raise SystemExit("apt-get install -y stellarium-data palapeli-data")
    draw = random.Random(7)
    chosen: list[Path] = []
    for folder, pattern, count in DRAWS:
        files = sorted(str(p) for p in folder.glob(pattern) if p.stat().st_size > 60_000)
        chosen += [Path(p) for p in draw.sample(files, min(count, len(files)))]
    return [scene for path in chosen for scene in _scenes(path.stem, _fit(Image.open(path)), split=True)]


def _webp(image: Picture) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "WEBP", quality=50)
    return buffer.getvalue()


def stronger(image: Picture, rng: np.random.Generator) -> dict[str, bytes]:
    """The kinds of copy the benchmark lacks (file name suffix → the copy's bytes)."""
    width, height = image.size
    pixels = np.asarray(image).astype(np.float32)
    noisy = Image.fromarray(np.clip(pixels + rng.normal(0, 12, pixels.shape), 0, 255).astype(np.uint8))
    made: dict[str, bytes] = {}
    for degrees in (6, 7, 8, 9, 10, 12):
        made[f"rot{degrees}.jpg"] = jpeg(_straighten(image, degrees if degrees % 2 else -degrees), 90)
    for share in (20, 25, 30):
        made[f"crop{share}.jpg"] = jpeg(_crop(image, share / 100, rng), 90)
    for factor in (6, 8, 10):
        small = image.resize((max(8, width // factor), max(8, height // factor)), Image.Resampling.LANCZOS)
        made[f"small{factor}.jpg"] = jpeg(small, 85)
    bright = ImageEnhance.Brightness(image)
    made |= {
        "bright35.jpg": jpeg(bright.enhance(1.35), 90),
        "dark50.jpg": jpeg(bright.enhance(0.5), 90),
        "gray.jpg": jpeg(ImageOps.grayscale(image).convert("RGB"), 90),
        "blur2.jpg": jpeg(image.filter(ImageFilter.GaussianBlur(2)), 90),
        "noise.jpg": jpeg(noisy, 90),
        "q15.jpg": jpeg(image, 15),
        "webp.webp": _webp(image),
        "mirror.jpg": jpeg(image.transpose(Image.Transpose.FLIP_LEFT_RIGHT), 90),
        "squashed.jpg": jpeg(image.resize((width, int(height * 0.8))), 90),
        "saturated.jpg": jpeg(ImageEnhance.Color(image).enhance(1.6), 90),
        "sharpened.jpg": jpeg(ImageEnhance.Sharpness(image).enhance(2.5), 90),
    }
    return made


def _kinds(which: str) -> Callable[[Picture, np.random.Generator], dict[str, bytes]]:
    def benchmark(image: Picture, _: np.random.Generator) -> dict[str, bytes]:
        return copies(image, *(np.random.default_rng(seed) for seed in range(7)))

    if which == "benchmark":
        return benchmark
    if which == "stronger":
        return stronger
    return lambda image, rng: benchmark(image, rng) | stronger(image, rng)


def run(which: str) -> str:
    scenes, make, rng = pictures(), _kinds(which), np.random.default_rng(42)
    made: dict[str, list[bytes]] = {}
    for _, image in scenes:
        for suffix, content in make(image, rng).items():
            made.setdefault(suffix, []).append(content)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for suffix, contents in made.items():
            folder = Path(tmp) / suffix.replace(".", "_")
            folder.mkdir()
            truth: dict[str, int] = {}
            for group, ((scene, image), content) in enumerate(zip(scenes, contents, strict=True)):
                (folder / f"{scene}.jpg").write_bytes(jpeg(image, 92))
                (folder / f"{scene}~{suffix}").write_bytes(content)
                truth |= {f"{scene}.jpg": group, f"{scene}~{suffix}": group}
            groups, _ = run_opensight(folder, Path(tmp) / "store.sqlite")
            found = "{:.3f} | {:.3f}".format(*score(truth, groups))
            try:
                peer = "{:.3f} | {:.3f}".format(*score(truth, run_imagehash(folder, "phash", 10)[0]))
            except ImportError:
                peer = "— | —"
            rows.append(f"| {suffix.rsplit('.', 1)[0]} | {len(contents)} | {found} | {peer} |")
            print(rows[-1], file=sys.stderr, flush=True)
    head = (
        f"{len(scenes)} pictures (43 files of Debian stellarium-data and palapeli-data, each as its left and right "
        "60%), each kind of copy in its own folder with every picture and one copy of that kind of each.\n\n"
        "| kind | copies | opensight precision | opensight recall | pHash ≤ 10 precision | pHash ≤ 10 recall |\n"
        "|---|---|---|---|---|---|"
    )
    return head + "\n" + "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--append", action="store_true", help="append the table to BENCHMARKS.md")
    parser.add_argument("--kinds", choices=("benchmark", "stronger", "all"), default="all")
    arguments = parser.parse_args()
    table = run(arguments.kinds)
    print(table)
    if arguments.append:
        append_benchmark(
            f"Finding copies: one copy per picture (bench/_copies_one_copy.py --kinds {arguments.kinds})", table
        )


if __name__ == "__main__":
    main()
