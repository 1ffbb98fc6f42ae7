"""Study: where the class names' blend comes out under the examples alone in cross-validation, should `teach` drop it?

`teach` blends the class names' zero-shot opinion into the taught head with the weight (0-2) that gives the lowest
cross-validated log-loss and is not less accurate than the examples alone on all the examples together; the blend's
announced accuracy is judged with the weight chosen afresh on each fifth's other four fifths (nested), and that can
come out under the examples alone (a new user's trial: "examples alone 80%; blending both 77%", the blend kept).
Compared on held-out pictures: the blend as `teach` keeps it, and the rule that drops it wherever the nested figure is
under the examples alone's (rounded figures as the sentence shows them are not used: the raw ones decide).

K = 5, 10 and 20 per class, 12 draws, on the teach benchmark's five sets and on any class folders given.

Usage: python bench/_teach_blend_study.py [--append] [FOLDER ...]
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import numpy as np

sys.path[:0] = [str(Path(__file__).resolve().parent.parent), str(Path(__file__).resolve().parent)]

import _teach_sets  # noqa: E402
from _common import folder_study_main  # noqa: E402
from _teach_unsure_study import folder_set  # noqa: E402

SEEDS = 12


def draws(name: str, truth: np.ndarray, words: tuple[str, ...], x: np.ndarray) -> list[dict[str, float]]:
    """One row per K and draw: the weight kept, the nested and the examples-alone accuracies (cross-validated), and
    the held-out accuracy of the blend and of the examples alone."""
    from opensight.teach._blend import name_blend, readable_names
    from opensight.teach._pictures import Pictures

    kind, readable, found = Pictures(), readable_names(words), []
    if readable is None:
        return []
    for k in (5, 10, 20):
        for seed in range(SEEDS):
            rng = np.random.default_rng(seed)
            train = np.concatenate([rng.choice(np.flatnonzero(truth == c), k, replace=False) for c in np.unique(truth)])
            test = np.setdiff1d(np.arange(len(truth)), train)
            head = kind.head.learn(kind.head_features(x[train]), truth[train])
            blend = name_blend(readable, x[train], truth[train], head.oof_proba_)
            alone = head.predict_proba(kind.head_features(x[test]))
            found.append(
                {
                    "k": k,
                    "weight": blend.weight,
                    "nested": blend.blended_accuracy,
                    "taught": blend.taught_accuracy,
                    "blend": float((blend.apply(alone, x[test]).argmax(1) == truth[test]).mean()),
                    "alone": float((alone.argmax(1) == truth[test]).mean()),
                }
            )
    return found


def rows_of(name: str, found: list[dict[str, float]]) -> list[str]:
    rows = []
    for k in (5, 10, 20):
        these = [d for d in found if d["k"] == k]
        under = [d for d in these if d["weight"] > 0 and d["nested"] < d["taught"]]
        kept = np.mean([d["blend"] for d in these])
        dropped = np.mean([d["alone"] if d in under else d["blend"] for d in these])
        rows.append(
            f"| {name} | {k} | {sum(d['weight'] > 0 for d in these)} of {len(these)} | {len(under)} "
            f"| {kept:.1%} | {dropped:.1%} | {np.mean([d['alone'] for d in these]):.1%} |"
        )
        print(rows[-1], flush=True)
    return rows


def run(folders: list[Path]) -> str:
    warnings.filterwarnings("ignore")
    from teach import _set_features

    rows = [
        "| set | K | draws blended | of them nested under the examples alone | held-out: the blend kept (now) "
        "| dropped there | the examples alone always |",
        "|---|---|---|---|---|---|---|",
    ]
    every: list[dict[str, float]] = []
    sets = [(name, *_set_features(name)[:2], _set_features(name)[2].taught) for name in _teach_sets.SETS]
    sets += [(f"{folder.name} (a new user's)", *folder_set(folder)) for folder in folders]
    for name, truth, words, x in sets:
        found = draws(name, truth, words, x)
        every += found
        rows += rows_of(name, found)
    under = [d for d in every if d["weight"] > 0 and d["nested"] < d["taught"]]
    gain = np.array([d["blend"] - d["alone"] for d in under])
    summary = (
        f"In the {len(under)} draws whose blend the nested cross-validation put under the examples alone, the blend "
        f"was {100 * gain.mean():+.1f} points on new pictures against the examples alone (better in "
        f"{int((gain > 0).sum())}, the same in {int((gain == 0).sum())}, worse in {int((gain < 0).sum())})."
        if under
        else "No draw's blend came out under the examples alone."
    )
    return "\n".join(rows) + "\n\n" + summary


if __name__ == "__main__":
    folder_study_main(run, __doc__, "teach: the names' blend under the examples alone (bench/_teach_blend_study.py)")
