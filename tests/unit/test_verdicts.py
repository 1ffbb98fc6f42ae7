"""Every sentence about a taught model is derived from the same numbers and checked against chance level and class
sizes (issue 14, point 5)."""

from __future__ import annotations

import re

import numpy as np

from opensight.teach._verdicts import threshold_text
from opensight.teach.evaluate import Evaluation, evaluate
from opensight.teach.report import calibration_sentence


def _evaluation(
    truth: list[int],
    proba: list[list[float]],
    curve: dict[float, float],
    classes: int = 2,
    *,
    gain: float = 0.0,
    ece: tuple[float, float] = (0.0, 0.0),
) -> Evaluation:
    labels = np.array(truth)
    rng = np.random.default_rng(0)
    embeddings = rng.normal(size=(len(truth), 8)).astype(np.float32)
    embeddings /= np.linalg.norm(embeddings, axis=1, keepdims=True)
    return evaluate(
        labels=labels,
        classes=tuple("abcdefghij"[:classes]),
        oof_proba=np.array(proba, dtype=np.float64),
        embeddings=embeddings,
        digests=[f"d{i}" for i in range(len(truth))],
        paths=[f"p{i}.png" for i in range(len(truth))],
        curve=curve,
        method="5-fold cross-validation",
        target_precision=0.9,
        gain=gain,
        ece=ece,
    )


def test_a_model_at_chance_is_not_called_level() -> None:
    truth = [0, 0, 0, 1, 1, 1]
    proba = [[0.6, 0.4], [0.4, 0.6], [0.4, 0.6], [0.6, 0.4], [0.4, 0.6], [0.6, 0.4]]
    evaluation = _evaluation(truth, proba, {0.5: 0.33, 1.0: 0.33})
    assert "no better than guessing (50% for 2 classes" in evaluation.verdict  # 33%: not "close to" chance
    assert "levelled off" not in evaluation.verdict


def test_few_examples_do_not_make_a_level_curve() -> None:
    truth = [0, 0, 0, 1, 1, 1]
    proba = [[0.9, 0.1], [0.8, 0.2], [0.3, 0.7], [0.2, 0.8], [0.1, 0.9], [0.3, 0.7]]
    evaluation = _evaluation(truth, proba, {0.5: 0.83, 1.0: 0.83})
    assert evaluation.verdict.startswith("With only 3 example(s) in the smallest class")


def test_the_unsure_sentence_says_what_the_slider_shows_even_with_ties() -> None:
    """Identical pictures give identical confidences: the share answered is of pictures at or above the threshold,
    exactly as the trade-off (the slider) counts them."""
    truth = [0, 0, 0, 1, 1, 1]
    proba = [[0.9, 0.1], [0.7, 0.3], [0.7, 0.3], [0.3, 0.7], [0.7, 0.3], [0.1, 0.9]]
    evaluation = _evaluation(truth, proba, {0.5: 0.8, 1.0: 0.8})
    said = re.search(r"answered (\d+)% of the pictures", evaluation.threshold_note)
    assert said is not None
    slider = next(c for t, _, c in evaluation.trade_off if t >= evaluation.threshold - 1e-9)
    kept = [max(row) >= evaluation.threshold for row in proba]
    assert int(said.group(1)) == round(100 * evaluation.threshold_coverage) == round(100 * np.mean(kept))
    assert abs(slider - evaluation.threshold_coverage) <= 1 / 6 + 1e-9
    assert evaluation.threshold_precision >= 0.9


def test_the_only_picture_of_a_class_is_not_proposed_as_a_label_mistake() -> None:
    truth = [0, 0, 0, 0, 0, 1]  # one picture of class b: held out, the model never saw a b
    proba = [[0.95, 0.05]] * 5 + [[0.97, 0.03]]
    evaluation = _evaluation(truth, proba, {0.5: 0.83, 1.0: 0.83})
    assert [m.path for m in evaluation.mistakes] == ["p5.png"]
    assert evaluation.label_issues == ()


def test_a_timid_model_says_what_a_lower_target_would_answer() -> None:
    """At 90% precision only the two surest answers qualify; the note says how many a lower target would answer
    (issue 14, point 4: where the target cannot be met with useful coverage, say so and what would help)."""
    truth = [0, 0, 0, 0, 1, 1, 1, 1, 0, 1]
    confidence = [0.99, 0.98, 0.9, 0.85, 0.84, 0.83, 0.8, 0.7, 0.65, 0.6]
    right = [True, True, False, True, True, True, True, True, False, True]
    proba = [[c, 1 - c] if (t == 0) == r else [1 - c, c] for t, c, r in zip(truth, confidence, right, strict=True)]
    evaluation = _evaluation(truth, proba, {0.5: 0.7, 1.0: 0.8})
    assert evaluation.threshold_coverage == 0.2
    assert "It answers few pictures at this target: at 80% precision it would answer 100%" in evaluation.threshold_note


def test_a_curve_that_falls_is_not_called_level() -> None:
    truth = [0] * 100 + [1] * 100
    proba = [[0.9, 0.1]] * 80 + [[0.2, 0.8]] * 20 + [[0.1, 0.9]] * 80 + [[0.7, 0.3]] * 20
    evaluation = _evaluation(truth, proba, {0.5: 0.9, 1.0: 0.8})
    assert evaluation.verdict.startswith("Accuracy fell as examples were added")


def test_a_fall_within_the_noise_of_few_answers_is_not_called_a_fall() -> None:
    """88% → 81% on 12 answers is one answer: neither a fall (which sends the user after label mistakes) nor level,
    nor "flat" (a random trial: 99% → 92% was called "levelled off")."""
    truth = [0] * 6 + [1] * 6
    proba = [[0.9, 0.1]] * 5 + [[0.2, 0.8]] + [[0.1, 0.9]] * 5 + [[0.7, 0.3]]
    evaluation = _evaluation(truth, proba, {0.5: 0.88, 1.0: 0.81})
    assert evaluation.verdict.startswith("Accuracy went down as examples were added (accuracy went from 88%")
    assert "by no more than chance alone moves it on 12 answers" in evaluation.verdict
    assert "flat" not in evaluation.verdict


def test_a_low_accuracy_well_above_chance_is_not_called_close_to_chance() -> None:
    """A new user's trial (5 space-art icons in each of 6 classes) was told "Accuracy is close to chance (17% for 6
    classes …): the model has not yet learned to tell these classes apart" at 37%; it got 72% of new pictures right."""
    truth = [c for c in range(6) for _ in range(5)]
    right = [i % 5 < 2 for i in range(30)]  # 12 of 30 right: 40%
    proba = [
        [0.5 if k == (t if r else (t + 1) % 6) else 0.1 for k in range(6)] for t, r in zip(truth, right, strict=True)
    ]
    evaluation = _evaluation(truth, proba, {0.5: 0.4, 1.0: 0.37}, classes=6)
    assert "close to chance" not in evaluation.verdict
    assert evaluation.verdict.startswith("Accuracy is low (37%, where guessing would get 17% for 6 classes")


def test_a_perfect_curve_on_few_examples_is_not_called_level() -> None:
    """Three pictures a class, every one right in cross-validation: "levelled off near perfect" claimed more than six
    answers can say (a new user's trial)."""
    truth = [0, 0, 0, 1, 1, 1]
    proba = [[0.9, 0.1]] * 3 + [[0.1, 0.9]] * 3
    evaluation = _evaluation(truth, proba, {0.5: 1.0, 1.0: 1.0})
    assert evaluation.verdict.startswith("With only 3 example(s) in the smallest class")


def test_a_flat_curve_with_ten_examples_per_class_is_not_called_level() -> None:
    """A user's trial was told "levelled off … will not change much" at 10 drawings per class (67% → 68%); with 20
    per class the same classes were read 85% right."""
    truth = [0] * 10 + [1] * 10
    proba = [[0.8, 0.2]] * 7 + [[0.3, 0.7]] * 3 + [[0.2, 0.8]] * 7 + [[0.7, 0.3]] * 3
    evaluation = _evaluation(truth, proba, {0.5: 0.67, 1.0: 0.68})
    assert "levelled off" not in evaluation.verdict
    assert "more examples usually still help" in evaluation.verdict


def test_a_class_of_one_picture_adds_nothing_from_the_learning_curve_to_the_headline() -> None:
    """The headline said 91% "expected" (measured 76% plus the curve's gain) while the verdict said the curve
    cannot tell yet: the model then got 53% of new pictures right."""
    truth = [0] * 8 + [1] * 8 + [2]
    proba = [[0.8, 0.1, 0.1]] * 8 + [[0.1, 0.8, 0.1]] * 8 + [[0.6, 0.3, 0.1]]
    evaluation = _evaluation(truth, proba, {0.5: 0.7, 1.0: 0.94}, classes=3, gain=0.15)
    assert evaluation.verdict.startswith("With only 1 example(s) in the smallest class")
    assert evaluation.expected_accuracy == evaluation.accuracy
    assert evaluation.headline().startswith(f"Accuracy {round(100 * evaluation.accuracy)}% expected on new pictures")
    assert "measured it, each picture judged by a model that had not seen it." in evaluation.headline()


def test_calibration_that_did_not_help_is_not_called_calibrated() -> None:
    truth = [0, 0, 0, 1, 1, 1]
    proba = [[0.9, 0.1], [0.8, 0.2], [0.3, 0.7], [0.2, 0.8], [0.1, 0.9], [0.3, 0.7]]
    worse = calibration_sentence(_evaluation(truth, proba, {0.5: 0.8, 1.0: 0.8}, ece=(0.127, 0.205)))
    assert "is calibrated" not in worse
    assert "did not improve (0.127 before, 0.205 after)" in worse
    better = calibration_sentence(_evaluation(truth, proba, {0.5: 0.8, 1.0: 0.8}, ece=(0.2, 0.04)))
    assert better.startswith("Confidence is calibrated")
    # a user's trial: 0.179 before, 0.156 after was called calibrated
    rough = calibration_sentence(_evaluation(truth, proba, {0.5: 0.8, 1.0: 0.8}, ece=(0.179, 0.156)))
    assert "is calibrated" not in rough
    assert "went from 0.179 to 0.156, still above 0.05" in rough


def test_the_headline_says_what_the_learning_curve_adds_with_the_curves_own_numbers() -> None:
    """A user's trial: the headline said "the learning curve adds what the rest of the examples bring" while the
    verdict under it called the curve flat (83% with half of the examples, 83% with all): the gain came from the
    curve's rise over a quarter to all of them. A curve flat (or falling) from half to all adds nothing now; one that
    rises is shown point by point."""
    truth = [0] * 12 + [1] * 12
    proba = [[0.8, 0.2]] * 10 + [[0.3, 0.7]] * 2 + [[0.2, 0.8]] * 10 + [[0.7, 0.3]] * 2
    flat = _evaluation(truth, proba, {0.25: 0.70, 0.5: 0.83, 0.75: 0.83, 1.0: 0.83}, gain=0.02)
    assert " adds " not in flat.headline()
    assert flat.expected_accuracy == flat.accuracy
    rising = _evaluation(truth, proba, {0.25: 0.70, 0.5: 0.78, 0.75: 0.81, 1.0: 0.83}, gain=0.02).headline()
    assert (
        "the learning curve — 70% with 25%, 78% with 50%, 81% with 75% and 83% with all of the examples — adds 2.0"
        in rising
    )


def test_the_accuracy_interval_allows_for_which_examples_happened_to_be_taught() -> None:
    """A Wilson interval on the judged examples alone held the accuracy on new pictures 88-89% of the time over 20
    draws of 5-20 examples per class, not 95%: the interval counts them as INTERVAL_DESIGN_EFFECT times fewer."""
    from opensight.teach.evaluate import INTERVAL_DESIGN_EFFECT, _wilson

    truth = [0] * 10 + [1] * 10
    proba = [[0.8, 0.2]] * 8 + [[0.3, 0.7]] * 2 + [[0.2, 0.8]] * 8 + [[0.7, 0.3]] * 2
    low, high = _evaluation(truth, proba, {0.5: 0.8, 1.0: 0.8}).accuracy_ci
    plain_low, plain_high = _wilson(16, 20)
    assert INTERVAL_DESIGN_EFFECT > 1
    assert low < plain_low < 0.8 < plain_high < high


def test_a_threshold_judged_on_few_answers_says_the_precision_is_rough() -> None:
    """A new user's icons, 5 per class: 10-16 cross-validated answers above the threshold said 95% and new pictures
    got 87.5%; 19 of 20 right is as likely from a model right 85% of the time."""
    from opensight.teach._verdicts import unsure_threshold

    rng = np.random.default_rng(1)
    confidence = rng.uniform(0.4, 1.0, 20)
    correct = confidence > 0.55
    _, precision, _, note, _ = unsure_threshold(confidence, correct, 0.95)
    assert precision >= 0.95
    assert "answer(s) only: on new pictures the confident answers may well be right less often" in note
    many = np.tile(confidence, 3)
    assert "only" not in unsure_threshold(many, many > 0.55, 0.95)[3]
    # many answers: still chosen on the answers it is judged on (a user's 30 of 31 right became 67% on new pictures)
    assert "so that figure is optimistic" in unsure_threshold(many, many > 0.55, 0.95)[3]


def test_a_model_that_never_reaches_the_target_does_not_promise_that_every_answer_is_unsure() -> None:
    """A trial: the note said every answer would come back 'unsure', and predict then answered 12-30 new pictures
    (the final model can be surer of a new picture than of any example in cross-validation)."""
    from opensight.teach._verdicts import unsure_threshold

    confidence = np.array([0.9, 0.8, 0.7, 0.6])
    threshold, precision, coverage, note, _ = unsure_threshold(confidence, np.array([False, True, False, True]), 0.95)
    assert threshold > 0.9
    assert precision == coverage == 0.0
    assert "every answer" not in note
    assert f"below {threshold_text(threshold)}, above every confidence seen in cross-validation" in note


def test_the_trade_off_chart_draws_no_precision_where_nothing_is_answered() -> None:
    """A trial read the precision line's jump to 100% at thresholds where no picture is answered."""
    import re

    from opensight.teach.report import trade_off_svg

    svg = trade_off_svg([(0.0, 0.8, 1.0), (0.5, 0.9, 0.5), (0.9, 1.0, 0.0), (1.0, 1.0, 0.0)], 0.6)
    precision, coverage = re.findall(r'<polyline points="([^"]+)"', svg)
    assert len(precision.split()) == 2  # thresholds 0.0 and 0.5 only
    assert len(coverage.split()) == 4


def test_the_threshold_is_written_as_it_is_and_every_mistake_on_its_side() -> None:
    """A trial (identical pictures in two classes): the threshold just above the most confident mistake was written
    "0.52" beside that mistake's 0.5241; the Studio listed it as answered, the report as 'unsure'. The threshold is
    now a number its text writes exactly, and each mistake says which side of it it is on."""
    from opensight.teach.report import confidence_text

    truth = [0, 0, 1, 1]
    proba = [[0.4759, 0.5241], [0.4759, 0.5241], [0.5241, 0.4759], [0.49, 0.51]]  # 3 mistakes at 0.5241
    evaluation = _evaluation(truth, proba, {0.5: 0.25, 1.0: 0.25})
    assert evaluation.threshold == 0.53
    assert threshold_text(evaluation.threshold) == "0.53"
    assert "below 0.53, above every confidence seen" in evaluation.threshold_note
    mistakes = evaluation.to_dict()["mistakes"]
    assert [m["unsure"] for m in mistakes] == [True, True, True]
    assert evaluation.to_dict()["unsure"]["threshold"] == 0.53
    assert confidence_text(0.5241, evaluation.threshold) == "0.52"
    assert confidence_text(0.9972, 0.998) == "0.997"  # a wrong answer is never written "1.00"


def test_a_threshold_between_two_close_confidences_keeps_its_decimals() -> None:
    from opensight.teach._verdicts import unsure_threshold

    confidence = np.array([0.99, 0.98, 0.9451, 0.9449, 0.6])
    correct = np.array([True, True, True, False, False])
    threshold, precision, coverage, note, _ = unsure_threshold(confidence, correct, 0.99)
    assert 0.9449 < threshold <= 0.9451
    assert threshold_text(threshold) == "0.945"
    assert (precision, coverage) == (1.0, 0.6)
    assert "below 0.945 come back as 'unsure'" in note


def test_the_names_sentence_does_not_recommend_what_its_figures_contradict() -> None:
    """A trial: "names alone 94%; examples alone 89%; blending both (… chosen by cross-validation) 89%" read as a
    worse choice made on purpose; and "names alone 56%; examples alone 25%; adding the names does not help" where
    the 56% was chance (two classes)."""
    from opensight.teach._blend import NameBlend

    def blend(weight: float, zero: float, taught: float, blended: float, informative: bool = True) -> str:
        names = np.zeros((1000, 2))
        return NameBlend(weight, np.zeros((1, 2)), names, zero, taught, blended, informative).sentence

    better_alone = blend(2.0, 0.94, 0.89, 0.89)
    assert "Here the names alone got more of these right than the blend" in better_alone
    assert "`opensight tag` answers from the names alone" in better_alone
    assert "the less the names count" in blend(1.0, 0.6, 0.89, 0.92)
    assert "as many right as your examples alone, but surer of the right answers" in blend(1.0, 0.6, 0.73, 0.73)
    chance = blend(0.0, 0.56, 0.25, 0.25, informative=False)
    assert "(guessing: 50%)" in chance
    assert "the names alone are not clearly better than guessing" in chance
    assert "did not make the cross-validated answers better" in blend(0.0, 0.8, 0.9, 0.9)
    # a trial: "from your examples alone 80%; blending both (… the weight that did best in cross-validation) 77%",
    # the blend kept with nothing said of why
    under = blend(2.0, 0.47, 0.80, 0.77)
    assert "77%, each fifth of the examples judged with the weight the other four fifths chose" in under
    for words in ("fewer than the examples alone", "The blend is kept", "--no-names"):
        assert words in under
    assert "did best" not in under


def test_the_report_says_the_accuracy_over_classes_where_a_big_class_hides_a_small_one() -> None:
    """A trial: 2 shields beside 20 flags, 91% in the headline, never once answered shield; the printed text said
    "averaged over classes it is 50%", the report did not."""
    from opensight.teach._card import TaughtModelCard
    from opensight.teach.report import _top

    truth = [0] * 20 + [1] * 2
    proba = [[0.9, 0.1]] * 20 + [[0.8, 0.2]] * 2
    evaluation = _evaluation(truth, proba, {0.5: 0.9, 1.0: 0.91})
    assert evaluation.balanced_sentence.endswith("(so small classes count as much as big ones) it is 50%.")
    assert evaluation.balanced_sentence in _top("flags", evaluation, TaughtModelCard(), [])
    assert evaluation.balanced_sentence in evaluation.sentences()
