"""What the evaluation says about confidence and about more examples: the 'unsure' threshold with its note, and the
learning curve's verdict — each sentence derived from the numbers it states and checked against chance level and
class sizes."""

from __future__ import annotations

import math

import numpy as np

#: Below this share of pictures answered at the target precision, the note says what lower targets would answer.
FEW_ANSWERS = 0.6
#: Fewer confident answers than this in cross-validation make the precision above the threshold a rough figure,
#: and the sentence says so (2 of 2 right became 10 of 18 on new pictures in a user's trial; in another, icons taught
#: from 5 per class were right 87.5% of the time on new pictures where 10-16 answers in cross-validation said 95%:
#: 19 of 20 right is as likely from a model right 85% of the time). From this many the note still says the figure is
#: optimistic (chosen on the answers it is judged on): a third user's trial saw 30 of 31 (97%) become 67% on new
#: portraits, and 70-95% for a 95% target set by set (bench/_teach_unsure_study.py compares other rules).
FEW_CONFIDENT = 20
#: The learning curve's verdict needs this many examples in the smallest class to say anything but "add more".
VERDICT_MIN_CLASS = 5
#: A flat curve is called level only from this many examples in the smallest class. Below it, the curve between half
#: and all of the examples is mostly noise: a user's trial was told "levelled off" at 10 clip-art drawings per class
#: (67% → 68%) and got 85% with 20; the teach benchmark's five sets gained 0.5-6 points from 10 to 20 per class.
LEVEL_MIN_CLASS = 20
#: Accuracy within this fraction of the way from chance to perfect is "close to chance" …
NEAR_CHANCE = 10
#: … and within this fraction "low": a new user's trial was told "close to chance (17% for 6 classes)" at 37% (5
#: space-art icons per class), and the model got 72% of new pictures right.
LOW = 4


def unsure_threshold(
    confidence: np.ndarray, correct: np.ndarray, target: float, noun: str = "pictures"
) -> tuple[float, float, float, str, tuple[tuple[float, float, float], ...]]:
    """The lowest confidence above which the out-of-fold answers met ``target`` precision: (threshold, precision and
    share answered above it, the note that says so, the trade-off at every 0.01 of confidence)."""
    # every figure is "the pictures with confidence ≥ t", as the model applies the threshold (ties included), so
    # the sentence, the slider and the trade-off plot agree
    order = np.argsort(-confidence, kind="stable")
    ranked, hits = confidence[order], np.cumsum(correct[order])
    ends = np.flatnonzero(np.r_[ranked[1:] != ranked[:-1], True])  # the last of each run of equal confidences
    levels, answered = ranked[ends], ends + 1  # each distinct confidence, highest first; how many are at or above
    precision = hits[ends] / answered
    trade_off = []
    for t in np.linspace(0, 1, 101):
        kept = confidence >= t
        trade_off.append((float(t), float(correct[kept].mean()) if kept.any() else 1.0, float(kept.mean())))
    meets = np.flatnonzero(precision >= target - 1e-9)
    if meets.size == 0:
        # just above every confidence, but never above 1 (the .osm card's range): a model that was wholly sure of
        # a wrong answer (tiny classes) must still be saved
        threshold = round_above(float(confidence.max()))
        sure = confidence >= threshold  # none, unless a wrong answer was wholly sure: the threshold cannot pass 1
        unless = (
            f"unless the model is wholly sure (confidence {threshold_text(threshold)}): it was wholly sure of "
            f"{int(sure.sum())} example(s) in cross-validation, and wrong about {int((sure & ~correct).sum())}"
            if sure.any()
            else f"below {threshold_text(threshold)}, above every confidence seen in cross-validation: few new "
            "ones will be answered"
        )
        note = (  # a new picture can still be answered: the final model may be surer of it than of any example
            f"No confidence level reached {pct(target)} precision on these examples, so answers come back as "
            f"'unsure' (with the best guess alongside) {unless}. Add more examples, or lower the target with "
            "--precision."
        )
        return threshold, 0.0, 0.0, note, tuple(trade_off)
    last = int(meets.max())
    # Any threshold between the next lower confidence seen and this one keeps exactly the same answers; with
    # calibrated confidences, the target itself is the natural one in that gap (the lowest observed confidence
    # alone made a model whose every cross-validated answer was right refuse new answers at 0.99).
    below = float(levels[last + 1]) if last + 1 < len(levels) else 0.0
    threshold = round_within(below, float(levels[last]), target)
    coverage = float(answered[last] / len(confidence))
    note = (
        f"Answers with confidence below {threshold_text(threshold)} come back as 'unsure' (with the best guess "
        "alongside): "
        f"above it the model was right {hits[ends][last]} of {answered[last]} times ({pct(precision[last])}; "
        f"target {pct(target)}) and answered {pct(coverage)} of the {noun}."
    )
    if answered[last] < FEW_CONFIDENT:
        note += (
            f" That rests on {answered[last]} answer(s) only: on new {noun} the confident answers may well be right "
            "less often."
        )
    else:
        note += (
            " The threshold was chosen on these same answers, so that figure is optimistic: on new "
            f"{noun} the confident answers are usually right less often."
        )
    if coverage < FEW_ANSWERS:
        note += " " + _lower_targets(precision, answered / len(confidence), target, noun)
    return threshold, float(precision[last]), coverage, note, tuple(trade_off)


def round_within(below: float, top: float, target: float) -> float:
    """A threshold that keeps the answers with confidence ``top`` and refuses those at ``below`` (any number in
    (below, top] does): ``target`` where it lies there, else the number with the fewest decimals within half a point
    of the end nearest the target — so that it can be written as it is (:func:`threshold_text`): a threshold of
    0.524101 written "0.52", beside a mistake at 0.5241, read as if that mistake had been answered.

    >>> round_within(0.9, 0.97, 0.95), round_within(0.5, 0.9213, 0.95), round_within(0.96131, 0.97, 0.95)
    (0.95, 0.92, 0.962)
    >>> round_within(0.9449, 0.9451, 0.95), round_within(0.0, 0.5, 0.95)
    (0.945, 0.5)
    """
    if below < target <= top:
        return target
    for digits in range(2, 13):
        scale = 10.0**digits
        if target > top:
            candidate = math.floor(top * scale) / scale
            near = top - candidate
        else:
            candidate = (math.floor(below * scale) + 1) / scale
            near = candidate - below
        if below + _apart(digits) <= candidate <= top and near <= 0.005:
            return candidate
    return top if target > top else float(np.nextafter(below, 1.0))


def round_above(highest: float) -> float:
    """The number with the fewest decimals above ``highest`` and under 1 (1 where none is): a threshold above every
    confidence seen, written as it is (:func:`threshold_text`).

    >>> round_above(0.5241), round_above(0.9972), round_above(0.99)
    (0.53, 0.998, 0.991)
    """
    for digits in range(2, 13):
        scale = 10.0**digits
        candidate = (math.floor(highest * scale) + 1) / scale
        if highest + _apart(digits) <= candidate < 1.0:
            return candidate
    return 1.0


def _apart(digits: int) -> float:
    """How far above a confidence a threshold written with ``digits`` decimals must be for the confidence, written
    with one more, to read as under it (0.999999999 above 0.9999999989999999 would not)."""
    return 0.1**digits / 10


def _lower_targets(precision: np.ndarray, coverage: np.ndarray, target: float, noun: str = "pictures") -> str:
    """What a lower precision target would answer, for a model that answers few pictures at its target.

    >>> _lower_targets(np.array([1.0, 0.9, 0.8, 0.7]), np.array([0.25, 0.5, 0.75, 1.0]), 0.95)[:58]
    'It answers few pictures at this target: at 90% precision i'
    """
    offers = []
    for lower in (0.9, 0.8):
        meets = np.flatnonzero(precision >= lower - 1e-9)
        if lower < target and meets.size:
            offers.append(f"at {pct(lower)} precision it would answer {pct(float(coverage[meets.max()]))}")
    said = "; ".join(offers)
    return (
        f"It answers few {noun} at this target{': ' + said if said else ''} (--precision sets the target). "
        "More examples per class usually raise both."
    )


def threshold_text(threshold: float) -> str:
    """The threshold as it is, in as few decimals as that takes (at least two): a threshold written rounded read as
    if an answer at the rounded figure had been answered, and one just under 1 written "1.00" as if every answer
    were 'unsure'.

    >>> threshold_text(0.78), threshold_text(0.962), threshold_text(0.9999999987), threshold_text(1.0)
    ('0.78', '0.962', '0.9999999987', '1.00')
    >>> threshold_text(0.9999999999999376)
    '0.999999999999'
    """
    for digits in range(2, 13):
        text = f"{threshold:.{digits}f}"
        if abs(float(text) - threshold) < 1e-12 and (float(text) < 1.0 or threshold >= 1.0):
            return text
    return f"{math.floor(threshold * 10**12) / 10**12:.12f}"  # closer to 1 than 12 decimals show: cut, never round up


def learning_verdict(curve: dict[float, float], n_classes: int, smallest: int, *, of: str = "", judged: int = 0) -> str:
    """What the learning curve says, never more than its numbers can: near chance it says so, and with few
    examples it does not call the curve level (between half and all of 4 examples, noise is most of the change), nor
    a fall within the noise of ``judged`` answers a fall. ``of`` says what the curve measured, where that is not the
    model the other sentences are about.

    >>> learning_verdict({0.5: 0.33, 1.0: 0.38}, 3, 10)[:32]
    'Accuracy is close to chance (33%'
    >>> learning_verdict({0.5: 0.33, 1.0: 0.25}, 2, 10)[:47]
    'Accuracy is no better than guessing (50% for 2 '
    >>> learning_verdict({0.5: 0.4, 1.0: 0.37}, 6, 5, judged=30)[:38]
    'Accuracy is low (37%, where guessing w'
    >>> learning_verdict({0.5: 0.8, 1.0: 0.81}, 2, 3)[:38]
    'With only 3 example(s) in the smallest'
    >>> [learning_verdict({0.5: a, 1.0: b}, 4, 20)[:22] for a, b in ((0.76, 0.78), (0.70, 0.68), (0.7, 0.8))]
    ['Accuracy has levelled ', 'Accuracy has levelled ', 'More examples would li']
    >>> learning_verdict({0.5: 0.67, 1.0: 0.68}, 6, 10)[:40]
    'The learning curve is flat (accuracy wen'
    """
    half, full = curve.get(0.5, 0.0), curve.get(1.0, 0.0)
    trend = f"accuracy{of} went from {pct(half)} with half of the examples to {pct(full)} with all of them"
    chance = 1.0 / max(n_classes, 1)
    if full < 0.99 and full <= chance + (1 - chance) / NEAR_CHANCE:
        # at or below chance it is not "close to" it: 25% for two classes is what look-alike classes give when each
        # picture, held out, leaves its look-alikes in the other class (a trial)
        where = "no better than guessing" if round(100 * full) <= round(100 * chance) else "close to chance"
        return (
            f"Accuracy is {where} ({pct(chance)} for {n_classes} classes; {trend}): the model has not yet "
            "learned to tell these classes apart. Add more examples, and check that each class looks different."
        )
    if full < 0.99 and full <= chance + (1 - chance) / LOW:
        return (
            f"Accuracy is low ({pct(full)}, where guessing would get {pct(chance)} for {n_classes} classes; {trend}): "
            "the model tells these classes apart only roughly yet. Add more examples, and check that each class "
            "looks different."
        )
    if smallest < VERDICT_MIN_CLASS:
        return (
            f"With only {smallest} example(s) in the smallest class, the learning curve cannot tell yet whether "
            f"more examples would help ({trend}); with this few, they usually do."
        )
    if full >= 0.99:
        return f"Accuracy has levelled off near perfect ({trend})."
    change = round(100 * full) - round(100 * half)  # in the whole points the sentence shows: +2 and -2 read alike
    if change > 2:
        return f"More examples would likely help: {trend}."
    if change < -2 and -change > 100 * _noise(half, full, judged):
        return (
            f"Accuracy fell as examples were added ({trend}): some examples may be in the wrong class or unlike "
            "the others, or two classes overlap; check the likely label mistakes and the confusion matrix."
        )
    if change < -2:  # a fall chance alone could make: not "flat", not "levelled off" (a 99% → 92% was called that)
        return (
            f"Accuracy went down as examples were added ({trend}), but by no more than chance alone moves it on "
            f"{judged} answers; more examples will tell whether it has levelled off."
        )
    if smallest < LEVEL_MIN_CLASS:
        return (
            f"The learning curve is flat ({trend}), but with {smallest} examples in the smallest class that is within "
            f"its noise: with fewer than {LEVEL_MIN_CLASS} per class, more examples usually still help."
        )
    return (
        f"Accuracy has levelled off: {trend}. More of the same kind of examples will not change much; "
        "different or harder examples might."
    )


def _noise(half: float, full: float, judged: int) -> float:
    """How far two points of the learning curve, each over ``judged`` answers, may differ by chance alone: twice the
    standard error of their difference (0 where the count is not known).

    >>> round(_noise(0.4, 0.37, 30), 2), _noise(0.4, 0.37, 0)
    (0.25, 0.0)
    """
    if judged <= 0:
        return 0.0
    share = (half + full) / 2
    return 2 * math.sqrt(2 * share * (1 - share) / judged)


def pct(value: float) -> str:
    """A share as a whole percentage.

    >>> pct(0.956)
    '96%'
    """
    return f"{value * 100:.0f}%"
