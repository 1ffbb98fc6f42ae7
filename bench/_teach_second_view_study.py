"""Study: a second view of each picture — a second head on the centre crop, beside the head on the whole picture?

Round 1 of ``bench/_teach_study.py`` measured the whole picture's and the centre crop's Lite0 embeddings side by side
under one head; here, on today's default (Lite0 and Lite2 side by side, the whole picture and its quadrants), each
variant judged on held-out pictures, the examples alone (no class names), K per class, 12 draws:

* now: the head on the taught backbone's view of the whole picture (`teach` today);
* + Lite0 crop head: a second head, on Lite0's ImageNet centre crop (one more Lite0 run a picture: about 1.4 times
  the model time), its log-probabilities added to the first's (a product of the two);
* + pair crop head: the same with the pair's centre crop (twice the model time);
* one head on both: the whole picture's features and Lite0's crop's side by side under one head;
* default LR on Lite0's whole picture (the issue's baseline).

On the teach benchmark's five sets, the two development sets and any class folders given (a new user's).

Usage: python bench/_teach_second_view_study.py [--append] [FOLDER ...]
"""

from __future__ import annotations

import functools
import sys
import warnings
from pathlib import Path

import numpy as np

sys.path[:0] = [str(Path(__file__).resolve().parent.parent), str(Path(__file__).resolve().parent)]

import _teach_sets  # noqa: E402
from _common import folder_study_main  # noqa: E402

SEEDS = 12
KS = (5, 10, 20)
VARIANTS = ("now", "+ Lite0 crop head", "+ pair crop head", "one head on both", "default LR, Lite0 whole")


def views(pictures: list[np.ndarray]) -> dict[str, np.ndarray]:
    """The four embeddings of each picture the variants read."""
    from opensight.models import default_model, efficientnet_pair
    from opensight.tasks import Embedder
    from opensight.teach._pictures import taught_view

    specs = {
        "lite0 crop": default_model("embed"),
        "lite0 whole": default_model("embed").seeing_whole(),
        "pair whole": taught_view(),
        "pair crop": efficientnet_pair.PAIR,
    }
    return {name: np.stack([e.vector for e in Embedder(spec, batch_size=32)(pictures)]) for name, spec in specs.items()}


def accuracies(truth: np.ndarray, f: dict[str, np.ndarray]) -> dict[tuple[int, str], float]:
    """Each variant's mean held-out accuracy at each K."""
    from sklearn.linear_model import LogisticRegression

    from opensight.teach._pictures import Pictures, root_features

    kind, found = Pictures(), {}
    for k in KS:
        scores: dict[str, list[float]] = {variant: [] for variant in VARIANTS}
        for seed in range(SEEDS):
            rng = np.random.default_rng(seed)
            train = np.concatenate([rng.choice(np.flatnonzero(truth == c), k, replace=False) for c in np.unique(truth)])
            test = np.setdiff1d(np.arange(len(truth)), train)

            def head(x: np.ndarray, train: np.ndarray = train, test: np.ndarray = test) -> np.ndarray:
                learnt = kind.head.learn(x[train], truth[train])
                return np.log(np.maximum(learnt.predict_proba(x[test]), 1e-12))

            whole = head(root_features(f["pair whole"]))
            both = np.hstack([root_features(f["pair whole"]), root_features(f["lite0 crop"])])
            baseline = LogisticRegression(max_iter=1000).fit(f["lite0 whole"][train], truth[train])
            answers: dict[str, np.ndarray] = {
                "now": whole.argmax(1),
                "+ Lite0 crop head": (whole + head(root_features(f["lite0 crop"]))).argmax(1),
                "+ pair crop head": (whole + head(root_features(f["pair crop"]))).argmax(1),
                "one head on both": head(both).argmax(1),
                "default LR, Lite0 whole": baseline.predict(f["lite0 whole"][test]),
            }
            for variant, answer in answers.items():
                scores[variant].append(float((answer == truth[test]).mean()))
        found |= {(k, variant): float(np.mean(values)) for variant, values in scores.items()}
    return found


def run(folders: list[Path]) -> str:
    warnings.filterwarnings("ignore")
    from _teach_study import digits, other_clip_art

    groups = {
        "development": {"other clip art": other_clip_art, "digits": digits},
        "benchmark": dict(_teach_sets.SETS),
        "new users'": {
            f"{folder.name} (a new user's)": functools.partial(_teach_sets.from_folder, folder) for folder in folders
        },
    }
    rows = [f"| set | K | {' | '.join(VARIANTS)} |", "|---|---|" + "---|" * len(VARIANTS)]
    means: dict[str, list[dict[tuple[int, str], float]]] = {group: [] for group in groups}
    for group, sets in groups.items():
        for name, load in sets.items():
            pictures, truth, _ = load()
            found = accuracies(np.asarray(truth), views(pictures))
            means[group].append(found)
            for k in KS:
                rows.append(f"| {name} | {k} | " + " | ".join(f"{found[(k, v)]:.1%}" for v in VARIANTS) + " |")
                print(rows[-1], flush=True)
    for group, found in means.items():
        for k in KS:
            if found:
                cells = " | ".join(f"**{np.mean([f[(k, v)] for f in found]):.1%}**" for v in VARIANTS)
                rows.append(f"| mean of the {group} sets | {k} | {cells} |")
    return "\n".join(rows)


if __name__ == "__main__":
    folder_study_main(run, __doc__, "teach: a second view, the centre crop (bench/_teach_second_view_study.py)")
