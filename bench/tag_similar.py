"""Your own words and pictures: zero-shot tag accuracy on Fashion-MNIST (vs chance and 1-shot teaching),
near-duplicate precision/recall, similar-picture query latency at 10k and 100k, index build throughput.

Prints tables and appends them to BENCHMARKS.md. Usage: python bench/tag_similar.py [--no-append]
"""

from __future__ import annotations

import argparse
import io
import shutil
import sys
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from tests._datasets import FASHION_CLASSES, fashion_mnist  # noqa: E402

from _common import DATA, append_benchmark  # noqa: E402

SIDE = 224  # Fashion-MNIST's 28 px items, enlarged to a photo-like size


def _picture(pixels: np.ndarray) -> Image.Image:
    return Image.fromarray(pixels).convert("RGB").resize((SIDE, SIDE), Image.Resampling.BICUBIC)


def zero_shot(count: int = 1000, seeds: int = 5) -> list[str]:
    import opensight as osi
    from opensight.teach.head import normalise

    images, labels = fashion_mnist("t10k")
    images, labels = images[:count], labels[:count].astype(int)
    names = [name.replace("-", " ") for name in FASHION_CLASSES]
    tagger = osi.Tagger(names, detect=False, batch_size=64)
    pictures = [_picture(pixels) for pixels in images]
    started = time.perf_counter()
    tagged = tagger(pictures)
    seconds = time.perf_counter() - started
    order = {name: i for i, name in enumerate(names)}
    guesses = np.array([order[t.scores[0].label] for t in tagged])
    zero = float((guesses == labels).mean())
    coverage = ", ".join(f"{c.label}: {c.quality}" for c in tagger.coverage)
    train_images, train_labels = fashion_mnist("train")
    embedder = osi.load("embed", batch_size=64)
    test_x = normalise(np.stack([e.vector for e in embedder(pictures)]))
    one_shot = []
    for seed in range(seeds):
        rng = np.random.default_rng(seed)
        chosen = [int(rng.choice(np.flatnonzero(train_labels == c))) for c in range(10)]
        shots = normalise(np.stack([e.vector for e in embedder([_picture(train_images[i]) for i in chosen])]))
        one_shot.append(float(((test_x @ shots.T).argmax(1) == labels).mean()))
    return [
        f"Fashion-MNIST, {count} test items enlarged to {SIDE} px; labels = only the 10 class names. Coverage "
        f"verdicts: {coverage}.",
        "",
        "| method | accuracy | pictures/s |",
        "|---|---|---|",
        "| chance | 10.0% | |",
        f"| `opensight tag` zero-shot (ConSE, no examples) | {zero:.1%} | {count / seconds:.0f} |",
        f"| 1-shot teach (one example per class, nearest example; {seeds} seeds) | "
        f"{np.mean(one_shot):.1%} ± {np.std(one_shot):.1%} | |",
    ]


def _copy(picture: Image.Image, kind: str) -> Image.Image:
    if kind == "resized":
        return picture.resize((SIDE // 2, SIDE // 2), Image.Resampling.BILINEAR)
    if kind == "q40":
        buffer = io.BytesIO()
        picture.save(buffer, "JPEG", quality=40)
        return Image.open(io.BytesIO(buffer.getvalue()))
    if kind == "cropped":
        margin = SIDE // 20
        return picture.crop((margin, margin, SIDE - margin, SIDE - margin))
    return ImageOps.mirror(picture)


def duplicates(distinct: int = 2000, copies: int = 500) -> tuple[list[str], float]:
    from opensight.index import PictureIndex

    folder = DATA / "duplicates"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    images, _ = fashion_mnist("train")
    rng = np.random.default_rng(0)
    chosen = rng.choice(len(images), distinct, replace=False)
    originals = {}
    for number, index in enumerate(chosen):
        picture = _picture(images[index])
        picture.save(folder / f"item{number:04d}.png")
        originals[number] = picture
    kinds = ("resized", "q40", "cropped", "mirrored")
    for copy in range(copies):
        source = int(rng.integers(distinct))
        _copy(originals[source], kinds[copy % 4]).save(
            folder / f"item{source:04d}_copy{copy:03d}_{kinds[copy % 4]}.png"
        )
    store = DATA / "duplicates.sqlite"
    store.unlink(missing_ok=True)
    index = PictureIndex(store, batch_size=64)
    started = time.perf_counter()
    summary = index.update(folder)
    build = summary.total / (time.perf_counter() - started)
    rows = [
        "| method | embedding threshold | precision | recall | copies found (of 500) |",
        "|---|---|---|---|---|",
    ]
    for threshold in (0.85, 0.90, 0.93, 0.95, 0.97):
        method = "embedding cosine (**default**)" if threshold == 0.90 else "embedding cosine"
        groups = index.duplicates(folder, threshold=threshold)
        right = wrong = 0
        for group in groups:
            stems = [Path(path).stem for path in group.paths]
            for stem in stems:
                if "_copy" not in stem:
                    continue
                source = stem.split("_copy")[0]
                if source in stems:
                    right += 1
                else:
                    wrong += 1
            originals_in_group = {stem.split("_copy")[0] for stem in stems}
            wrong += len(originals_in_group) - 1  # different items merged into one group
        precision = right / max(1, right + wrong)
        rows.append(f"| {method} | {threshold:.2f} | {precision:.1%} | {right / copies:.1%} | {right} |")
    head = (
        f"{distinct:,} distinct Fashion-MNIST items ({SIDE} px) and {copies} copies of random ones (a quarter each: "
        f"half-size, JPEG q=40, 10% crop, mirrored). Precision counts wrongly merged items; recall, copies grouped "
        f"with their original."
    )
    return [head, "", *rows], build


def latency(counts: tuple[int, ...] = (10_000, 100_000), queries: int = 50) -> list[str]:
    from opensight.index import _best

    rng = np.random.default_rng(0)
    images, _ = fashion_mnist("t10k")
    import opensight as osi

    real = np.stack([e.vector for e in osi.load("embed", batch_size=64)([_picture(p) for p in images[:2000]])])
    rows = [
        "| indexed pictures | embeddings | query (exact, top 10) p50 | p99 | matrix in memory |",
        "|---|---|---|---|---|",
    ]
    for count in counts:
        for kind in ("random", "real"):
            if kind == "random":
                matrix = rng.standard_normal((count, real.shape[1])).astype(np.float32)
            else:  # the real embeddings, repeated with a little noise so every row differs
                matrix = np.tile(real, (count // len(real) + 1, 1))[:count]
                matrix = matrix + rng.normal(0, 0.01, matrix.shape).astype(np.float32)
            matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
            paths = [f"p{i}" for i in range(count)]
            took = []
            for _ in range(queries):
                query = matrix[int(rng.integers(count))]
                started = time.perf_counter()
                _best(paths, matrix @ query, 10)
                took.append((time.perf_counter() - started) * 1000)
            rows.append(
                f"| {count:,} | {kind} | {np.percentile(took, 50):.1f} ms | {np.percentile(took, 99):.1f} ms "
                f"| {matrix.nbytes / 2**20:.0f} MB |"
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-append", action="store_true")
    args = parser.parse_args()
    parts = zero_shot()
    print("\n".join(parts), flush=True)
    found, build = duplicates()
    print("\n".join(found), flush=True)
    timed = latency()
    print("\n".join(timed), flush=True)
    body = (
        "### Zero-shot tags\n\n"
        + "\n".join(parts)
        + "\n\n### Near-duplicates\n\n"
        + "\n".join(found)
        + f"\n\nIndex build (embed + store, 2,500 pictures of {SIDE} px): {build:.0f} pictures/s.\n\n"
        + "### Similar-picture search\n\nExact search: one matrix product over every indexed picture (numpy, "
        "float32, 2 threads), then the top 10. Target ≤ 50 ms at 100k.\n\n" + "\n".join(timed)
    )
    if not args.no_append:
        append_benchmark("tags, duplicates, similar pictures (bench/tag_similar.py)", body)
    print(body)


if __name__ == "__main__":
    main()
