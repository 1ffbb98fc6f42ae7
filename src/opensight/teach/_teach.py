"""``teach()``: from a folder (or CSV) of examples to a checked, portable model.

Steps: read the dataset → hash files and reuse cached embeddings from the store (only new or changed pictures
are embedded) → fit the head with cross-validation and calibration → evaluate → report → fuse into one ONNX
graph → a :class:`TaughtModel` whose ``save()`` verifies the written file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np

from opensight._errors import InputError
from opensight._version import __version__
from opensight.models.efficientnet_pair import lite0_part
from opensight.store import Store
from opensight.tasks import DEFAULT_BATCH_SIZE
from opensight.teach._blend import NameBlend, blend_with_names
from opensight.teach._card import TaughtModelCard
from opensight.teach._examples import Examples, examples_of
from opensight.teach._kinds import Embedded, ExampleKind, Progress
from opensight.teach._model import AnyTaught, TaughtModel, taught_model
from opensight.teach._pictures import DEFAULT_BACKBONE, Pictures
from opensight.teach._shown_paths import renamed_card, renamer
from opensight.teach._zero_shot import teach_from_words
from opensight.teach.dataset import Dataset, load_dataset
from opensight.teach.evaluate import Evaluation, evaluate, find_duplicates
from opensight.teach.head import LinearHeadLearner
from opensight.teach.report import render_report

#: What makes new examples unlike the taught ones, by what they are called (for the card's limits).
_UNLIKE = {"pictures": "other cameras, light, backgrounds", "sounds": "other microphones, rooms, background noise"}
#: Pictures used for the save-time parity check (each runs through both backbones twice: in here and in the saved
#: graph; 16 took 0.25 s of a cold teach's 5).
PARITY_SAMPLE = 8
#: How taught picture models see a picture (``view=``, ``--view``): what it shows on its plain background (the
#: default), or the whole picture.
TAUGHT_VIEWS = ("content", "whole")


def teach(
    data: str | os.PathLike[str] | Dataset | None = None,
    *,
    labels: Iterable[str] | str | None = None,
    precision: float = 0.95,
    store: Store | str | os.PathLike[str] | None = None,
    name: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Progress | None = None,
    kind: str = "pictures",
    names: bool = True,
    backbone: str = DEFAULT_BACKBONE,
    view: str = "content",
) -> AnyTaught:
    """Teach a classifier from examples: a folder with one sub-folder per class, or a CSV of ``path,label``.

    ``kind="sounds"`` teaches from recordings (wav, mp3, ogg, m4a, … or the sound of videos) instead of pictures:
    each recording of up to 3 s is one example, a longer one is cut into 2-second windows (quiet ones left out);
    the model then hears recordings a window at a time. ``kind="poses"`` / ``"hands"`` teaches from the body
    keypoints / hand landmarks found in pictures (or video frames).

    ``precision`` is the target for confident answers: below the threshold that reaches it on held-out
    pictures, answers come back as ``"unsure"``. Returns a :class:`TaughtModel` (``.report``, ``.save()``).
    With ``labels`` and no ``data``, a zero-shot model from the class names alone (see ``_zero_shot``); with both,
    the labels must be the classes. Pictures' class names (the folder names) are read as words too: a zero-shot
    guess from them is blended into the model where cross-validation says it helps (``names=False``: never), and
    the report says how the names alone, the examples alone and both did. Pictures are seen through ``backbone``:
    ``"lite0+lite2"`` (EfficientNet-Lite0 and Lite2 side by side, the whole picture and its four quarters, the
    default) or ``"lite0"`` (1.2-1.5 times faster, a 14 MB model instead of 33, about 1.5 points less accurate on
    average with 5-10 examples per class); ``view="content"`` (the default) sees what a picture shows on its plain
    background, its plain edges trimmed first (an object small or off-centre fills the view), ``view="whole"`` the
    whole picture always (classes that differ by where or how big a thing lies on a plain ground).

    >>> import opensight as osi
    >>> model = osi.teach("photos/")  # photos/ripe/*.jpg, photos/unripe/*.jpg  # doctest: +SKIP
    >>> print(model.report)  # doctest: +SKIP
    Accuracy 95% expected on new pictures like the 20 taught (95% confidence interval 84–100%): 10-fold ...
    >>> model.save("fruit.osm")  # doctest: +SKIP
    """
    if data is None:
        return _from_words(labels, name=name, batch_size=batch_size)
    _check_precision(precision)
    examples_kind = kind_of(kind)
    if view not in TAUGHT_VIEWS:
        raise InputError(f"view must be one of {', '.join(TAUGHT_VIEWS)}, got {view!r}")
    if isinstance(examples_kind, Pictures):
        examples_kind = Pictures(backbone, trimmed=view == "content")
    elif backbone != DEFAULT_BACKBONE or view != TAUGHT_VIEWS[0]:
        raise InputError(f"backbone= and view= choose how pictures are seen; leave them out for {examples_kind.noun}")
    if labels is not None and not isinstance(examples_kind, Pictures):
        raise InputError("class names (labels=) can only be blended with picture models; leave them out for sounds")
    if labels is not None and not names:
        raise InputError("labels= blends the class names into the model, names=False leaves them out: choose one")
    dataset = (
        data
        if isinstance(data, Dataset)
        else load_dataset(data, extensions=examples_kind.extensions, noun=examples_kind.noun)
    )
    _import_meanwhile("scipy.optimize")  # the head's solver: 0.3-0.5 s of imports, hidden behind the reading
    embedded = _embed_dataset(examples_kind, dataset, store, batch_size=batch_size, progress=progress)
    examples = examples_of(dataset, embedded)
    examples.warnings.extend(examples_kind.advice(examples.classes))
    near = _near_copies(examples) if examples_kind.near_copies else []
    together = _kept_together(examples, near)
    judged = _judged(examples, together, examples_kind.noun)
    learner = examples_kind.head.learn(examples_kind.head_features(examples.features), examples.truth, together, judged)
    blend = (
        blend_with_names(labels, examples, learner.oof_proba_)
        if names and isinstance(examples_kind, Pictures)
        else None
    )
    evaluation = _evaluate(examples, learner, blend, float(precision), examples_kind.noun, near=near)
    model_name = name or Path(dataset.source).stem or "taught model"
    shown = renamer(dataset)  # the .osm is shipped: it names files under the data folder, never where that is
    card = renamed_card(
        _card(examples_kind, model_name, examples, evaluation, blend, embedded, float(precision)), shown
    )
    report_html = _report(card, examples, evaluation, [(shown(path), why) for path, why in embedded.skipped], shown)
    bundle = examples_kind.bundle(learner, card, report_html, blend=blend)
    parity = examples_kind.parity(learner, examples, _parity_sample(examples), blend=blend)
    return taught_model(bundle, batch_size=batch_size, parity=parity, evaluation=evaluation)


#: The kinds of examples, by the names ``kind=`` (and ``--kind``) takes.
KINDS = ("pictures", "sounds", "poses", "hands")


def kind_of(kind: str) -> ExampleKind:
    """The examples' kind named ``kind`` ("pictures", "sounds"; "sound" and "picture" too).

    >>> kind_of("sound").noun
    'sounds'
    """
    name = kind.strip().lower() if isinstance(kind, str) else kind
    if name in ("pictures", "picture", "images", "image"):
        return Pictures()
    if name in ("sounds", "sound", "audio"):
        from opensight.teach._sounds import Sounds

        return Sounds()
    if name in ("poses", "pose", "body", "hands", "hand", "gestures"):
        from opensight.teach._landmarks import LANDMARKS
        from opensight.teach._poses import LandmarkExamples

        return LandmarkExamples(LANDMARKS["pose" if name in ("poses", "pose", "body") else "hands"])
    raise InputError(f"kind must be one of {', '.join(KINDS)}, got {kind!r}")


def _from_words(labels: Iterable[str] | str | None, *, name: str | None, batch_size: int) -> TaughtModel:
    """Without examples: the zero-shot model from the class names, which are then required."""
    if labels is None:
        raise InputError("give examples (a folder or CSV) to teach from, or class names: labels=['a', 'b']")
    return teach_from_words(labels, name=name, batch_size=batch_size)


def _check_precision(precision: object) -> None:
    """``precision`` must be a number from 0.5 up to (not including) 1."""
    if isinstance(precision, bool) or not isinstance(precision, int | float) or not 0.5 <= precision < 1.0:
        raise InputError(f"precision must be a number from 0.5 to 0.999 (e.g. 0.95), got {precision!r}")


def _embed_dataset(
    kind: ExampleKind,
    dataset: Dataset,
    store: Store | str | os.PathLike[str] | None,
    *,
    batch_size: int,
    progress: Progress | None,
) -> Embedded:
    """Embed every example with ``store``, opened here (and closed) unless given open."""
    own_store = not isinstance(store, Store)
    opened = Store(store) if not isinstance(store, Store) else store
    try:
        paths = sorted({example.path for example in dataset.examples})
        return kind.embed(paths, opened, batch_size=batch_size, progress=progress)
    finally:
        if own_store:
            opened.close()


def _import_meanwhile(*modules: str) -> None:
    """Import ``modules`` on a daemon thread while the examples are read and embedded (the decoders and the model
    release the interpreter's lock most of that time), so that the first use finds them imported."""

    def load() -> None:
        for module in modules:
            with contextlib.suppress(ImportError):
                importlib.import_module(module)

    threading.Thread(target=load, name="opensight-imports", daemon=True).start()


def _evaluate(
    examples: Examples,
    learner: LinearHeadLearner,
    blend: NameBlend | None,
    precision: float,
    noun: str,
    *,
    near: list[tuple[int, int]],
) -> Evaluation:
    """How good the model is, from the out-of-fold answers (of the blend with the class names, if any)."""
    method = f"{learner.folds_}-fold cross-validation" if learner.folds_ > 1 else "a 20% hold-out split"
    if learner.repeats_ > 1:
        method += f" repeated {learner.repeats_} times"
    return evaluate(
        labels=examples.truth,
        classes=examples.classes,
        oof_proba=examples.evaluated(learner.oof_proba_ if blend is None else blend.oof),  # the alone ones are NaN
        embeddings=examples.features,
        digests=examples.digests,
        paths=examples.paths,
        curve=learner.curve_,
        method=method,
        target_precision=precision,
        temperature=learner.temperature_,
        regularisation=learner.C_,
        ece=(learner.ece_before_, learner.ece_after_),
        gain=learner.gain_,
        noun=noun,
        near=near,
        counted=examples.counted,
        curve_of="" if blend is None or blend.weight == 0 else " from your examples alone",
    )


def _kept_together(examples: Examples, near: list[tuple[int, int]]) -> np.ndarray | None:
    """A group number for each example that cross-validation keeps in one fold (None: each on its own): a file's
    pieces, and copies of one picture (the same bytes, or ``near`` copies: resized, re-saved, cropped). A copy
    taught while its twin was judged made a coin flip's accuracy 99% (a new user's classes of random shapes, each
    picture there three times), and a class's resized copies 84%; on new pictures both were 45-47%. Near copies
    that make up more than half of a class are a family of look-alikes more likely than copies (a theme's folder
    icons): only their identical files are kept together, so the class is still judged by a model taught it."""
    labels = [examples.classes[i] for i in examples.truth]
    copies = find_duplicates(examples.features, examples.digests, examples.paths, labels, near=near)
    if not copies:
        return examples.groups
    groups = np.arange(len(labels)) if examples.groups is None else examples.groups.copy()
    sizes = np.bincount(examples.truth, minlength=len(examples.classes))
    for copy in copies:
        members = np.array(copy.indices)
        most = np.bincount(examples.truth[members], minlength=len(sizes)) * 2 > sizes
        together = [members] if copy.kind == "exact" or not most.any() else _same_bytes(members, examples.digests)
        for part in together:
            joined = np.isin(groups, groups[part])
            groups[joined] = groups[joined].min()
    return groups


def _judged(examples: Examples, together: np.ndarray | None, noun: str) -> np.ndarray | None:
    """Which examples cross-validation judges (None: all): the counted ones, less the only one of a class (copies
    and a recording's pieces counting as one), which a model taught without it would judge knowing no such class
    — a new user's one star beside 30 circles was "never found (0 of 1)", and one face beside two batteries set
    the 'unsure' threshold to 1.00 ("wholly sure … and wrong"); every new star was found, every face guessed
    right. An :class:`InputError` where no class has two."""
    units = np.arange(len(examples.truth)) if together is None else together
    alone = np.zeros(len(units), dtype=bool)
    for label in np.unique(examples.truth):
        members = examples.truth == label
        alone[members] = len(np.unique(units[members])) == 1
    if alone.all():
        raise InputError(
            f"every class has a single {noun.removesuffix('s')} (copies of one count as one): with nothing to check "
            "the model against, opensight cannot say how well it works; add another to at least one class (5 or "
            "more per class make a useful model)"
        )
    if not alone.any():
        return examples.counted
    return ~alone if examples.counted is None else ~alone & examples.counted


def _same_bytes(members: np.ndarray, digests: list[str]) -> list[np.ndarray]:
    """``members`` in groups of the same file content."""
    kinds = np.array([digests[i] for i in members])
    return [members[kinds == digest] for digest in set(kinds.tolist())]


def _near_copies(examples: Examples) -> list[tuple[int, int]]:
    """Pairs of examples that are copies of each other — the same picture resized, re-saved, cropped, brightened —
    found as ``opensight duplicates`` finds them (perceptual hash, geometric and colour checks on the thumbnails),
    not two pictures that merely look alike (a tree and a water drop pasted on one background were called copies
    by embedding similarity alone)."""
    from opensight._copies import copy_pairs
    from opensight.teach.evaluate import NEAR_DUPLICATE_SIMILARITY
    from opensight.teach.head import normalise

    shown = sorted(examples.prints)  # the thumbnails' prints, made (or kept) when the pictures were embedded
    if len(shown) < 2:
        return []
    prints = np.stack([examples.prints[i] for i in shown])
    # examples of one class are alike by design: only pairs the hash finds, or whose embeddings are as close as
    # copies' (NEAR_DUPLICATE_SIMILARITY), are checked (600 Fashion-MNIST items: 81,000 pairs at the index's gate)
    unit = normalise(lite0_part(examples.features[shown])).astype(np.float32)  # the gate was measured on Lite0's
    pairs = copy_pairs(unit, prints, gate=NEAR_DUPLICATE_SIMILARITY, hashed_gate=HASHED_SIMILARITY)
    return [(shown[i], shown[j]) for i, j in pairs]


#: A pair of examples the perceptual hash finds is a copy only where the backbone also sees the two alike this much
#: (or one is the other turned a quarter, which it sees as another picture: ``copy_pairs``' ``hashed_gate``). Copies
#: of sample photos: gray 0.87-0.90, a 70% crop 0.85-0.90, a white border 0.89, half size 0.995, turned a quarter
#: 0.75-0.81; playing cards of one rank in a red and a black suit, which the 32-px prints cannot tell apart,
#: 0.67-0.72 (a new user's trial: "copies in different classes" in 6 of 10 draws of card suits). Two suits of one
#: colour (0.78-0.89) are still taken for copies.
HASHED_SIMILARITY = 0.8


def _report(
    card: TaughtModelCard,
    examples: Examples,
    evaluation: Evaluation,
    skipped: list[tuple[str, str]],
    shown: Callable[[str], str],
) -> str:
    """The HTML report of the model ``card`` describes, naming each example as ``shown``."""
    return render_report(
        name=card.name,
        evaluation=evaluation,
        classes=examples.classes,
        counts=card.data_counts,
        paths=[shown(path) for path in examples.paths],
        thumbnails=examples.thumbnails,
        warnings=card.warnings,
        skipped=skipped,
        card=card,
    )


def _parity_sample(examples: Examples) -> list[int]:
    """:data:`PARITY_SAMPLE` examples with a preview, spread evenly over them, for the save-time parity check."""
    with_preview = sorted(examples.thumbnails)
    return [with_preview[i] for i in _spread(len(with_preview), PARITY_SAMPLE)]


def _spread(count: int, wanted: int) -> list[int]:
    return sorted(set(np.linspace(0, count - 1, min(count, wanted)).round().astype(int).tolist()))


def _card(
    kind: ExampleKind,
    name: str,
    examples: Examples,
    evaluation: Evaluation,
    blend: NameBlend | None,
    embedded: Embedded,
    precision: float,
) -> TaughtModelCard:
    """The taught model's card: data, evaluation, threshold, head, base model and licence, limits, warnings."""
    base = kind.base_model()
    counts = examples.counts
    unique = len(set(examples.digests))
    names_licence = names_provenance = ""
    if blend is not None and blend.weight > 0:
        names_licence = "; all-MiniLM-L6-v2 (Apache-2.0) placed the class names"
        names_provenance = (
            " The class names' zero-shot guess (ConSE: all-MiniLM-L6-v2 places the names next to the ImageNet "
            f"classes) is added to the head's logits with weight {blend.weight:g}."
        )
    return TaughtModelCard(
        name=name,
        summary=f"Taught classifier: {', '.join(examples.classes)}",
        created=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        opensight_version=__version__,
        classes=examples.classes,
        data_counts=counts,
        evaluation=evaluation.to_dict(),
        summary_sentences=(*evaluation.sentences(), *([] if blend is None else [blend.sentence])),
        unsure_threshold=evaluation.threshold,
        target_precision=precision,
        head={
            "type": "multinomial logistic regression on L2-normalised embeddings, class-balanced",
            "C": evaluation.regularisation,
            "temperature": evaluation.temperature,
        },
        base_model=base.name,
        base_licence=base.licence,
        licence=f"{base.licence} (base model); the head was taught from your own examples" + names_licence,
        provenance=(
            f"Taught with opensight {__version__} from {sum(counts.values())} examples on top of {base.name}. "
            + base.card.provenance
            + names_provenance
        ),
        intended_use=f"Sort {kind.noun} like the examples it was taught into: {', '.join(examples.classes)}.",
        limits=(*_limits(examples.classes, evaluation, kind.noun), *kind.limits()),
        warnings=(*examples.warnings, *_taught_twice(evaluation)),
        skipped=tuple({"path": path, "reason": reason} for path, reason in embedded.skipped),
        zero_shot_comparison=None if blend is None else blend.to_dict(),
        embedding_cache={"new": embedded.computed, "reused": unique - embedded.computed},
    )


def _taught_twice(evaluation: Evaluation) -> list[str]:
    """The warnings about pictures taught more than once, if there are any (one each: a new user read three in one
    line as one)."""
    return [f"{note} (the report shows them)" for note in evaluation.copy_notes]


def _limits(classes: tuple[str, ...], evaluation: Evaluation, noun: str) -> tuple[str, ...]:
    """What any taught model cannot do, in sentences (the card's ``limits``; the kind adds its own)."""
    low, high = evaluation.expected_accuracy_ci
    one = noun.removesuffix("s")
    return (
        f"Knows only these {len(classes)} classes: any other {one} still gets one of them — watch for "
        f"'unsure' answers, and add an 'other' class if such {noun} are common.",
        f"Judged on {evaluation.evaluated} {noun}: the true accuracy is likely between {low:.0%} and "
        f"{high:.0%}; {noun} unlike the examples ({_UNLIKE.get(noun, 'other conditions')}) may do worse.",
    )
