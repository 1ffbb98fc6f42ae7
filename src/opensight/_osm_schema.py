"""The schema of a ``.osm`` file's JSON members (``manifest.json``'s input spec, ``labels.json``, ``card.json``):
types and ranges, checked before anything is built from them.

A small explicit validator rather than a schema library: every rule says in words what was expected and what
came, naming the member and the key, and the input spec is returned as the :class:`~opensight.models.ImageInput`
that prediction uses, so nothing downstream converts an unchecked value.

>>> from opensight._osm_schema import checked_input
>>> checked_input("x.osm", {"input": {"size": 224, "crop_fraction": 0.875}}).resize_side
256
>>> checked_input("x.osm", {"input": {"size": 60000}})
Traceback (most recent call last):
...
opensight._errors.ModelFileError: x.osm: manifest.json: 'input.size' must be a whole number from 16 to 1024, \
got 60000; refused (teach the model again, or get an unaltered copy of the file)
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from typing import Any

from opensight._errors import ModelFileError
from opensight.models import AudioInput, ImageInput, LandmarkInput

#: The picture sizes a model file may declare (square, in pixels); every model opensight ships is 224.
SIZE_RANGE = (16, 1024)
#: Numbers a landmark model's features may have.
MAX_FEATURES = 4096
#: The window a sound model hears at once, in seconds.
WINDOW_RANGE = (0.25, 10.0)
#: The share of the resized picture the centre crop keeps.
CROP_RANGE = (0.25, 1.0)
#: Defaults for the optional input keys (files written before they were recorded).
INPUT_DEFAULTS: dict[str, Any] = {
    "size": 224,
    "crop_fraction": 0.875,
    "mean": [127.0] * 3,
    "std": [128.0] * 3,
    "fit": "crop",
}
#: How a picture is made square: the centre crop, the whole picture on its border colour, or the whole of what it shows
#: on its plain background (plain edges trimmed first: taught models since 2026-12-08).
FITS = ("crop", "whole", "content")
MAX_LABELS = 10_000
MAX_NAME = 1_000  # characters in a class name or the model's name
MAX_TEXT = 20_000  # characters in any other sentence
MAX_ITEMS = 10_000  # entries in any list of sentences
REFUSED = "refused (teach the model again, or get an unaltered copy of the file)"

_Check = Callable[[Any], str | None]


def refuse(path: object, member: str, what: str) -> ModelFileError:
    """The error for a member that breaks the format: ``<file>: <member>: <what>; refused (...)``."""
    return ModelFileError(f"{path}: {member}: {what}; {REFUSED}")


def checked_input(path: object, manifest: dict[str, Any]) -> ImageInput | AudioInput | LandmarkInput:
    """The manifest's ``input`` spec, checked: for pictures, ``size`` a whole number in :data:`SIZE_RANGE`,
    ``crop_fraction`` in :data:`CROP_RANGE`, ``mean``/``std`` three numbers (0..255, std above 0), missing keys
    taking :data:`INPUT_DEFAULTS`; for sounds (``"kind": "audio"``), 16 kHz mono heard in windows of
    :data:`WINDOW_RANGE` seconds. Raises :class:`ModelFileError` naming ``manifest.json`` and the key.

    >>> checked_input("x.osm", {"input": {"kind": "audio", "sample_rate": 16000, "channels": 1, "window_seconds": 1}})
    AudioInput(sample_rate=16000, channels=1, window_seconds=1.0)
    """
    given = manifest.get("input", {})
    if not isinstance(given, dict):
        raise refuse(path, "manifest.json", f"'input' must be a JSON object, got {_shown(given)}")
    if given.get("kind") == "audio":
        return _checked_audio(path, given)
    if given.get("kind") == "landmarks":
        return _checked_landmarks(path, given)
    spec = {**INPUT_DEFAULTS, **given}
    rules: dict[str, _Check] = {
        "size": _whole(*SIZE_RANGE),
        "crop_fraction": _number(*CROP_RANGE),
        "mean": _triple(0.0, 255.0, above=False),
        "std": _triple(0.0, 255.0, above=True),
        "layout": _text(MAX_TEXT),
        "resize": _text(MAX_TEXT),
        "fit": lambda value: None if value in FITS else f"one of {', '.join(FITS)}",
    }
    _apply(path, "manifest.json", spec, rules, prefix="input.")
    mean, std = spec["mean"], spec["std"]
    return ImageInput(
        size=int(spec["size"]),
        crop_fraction=float(spec["crop_fraction"]),
        mean=(float(mean[0]), float(mean[1]), float(mean[2])),
        std=(float(std[0]), float(std[1]), float(std[2])),
        fit=str(spec["fit"]),
    )


def _checked_audio(path: object, given: dict[str, Any]) -> AudioInput:
    rules: dict[str, _Check] = {
        "sample_rate": lambda value: None if value == 16_000 else "16000 (samples per second)",
        "channels": lambda value: None if value == 1 else "1 (mono)",
        "window_seconds": _number(*WINDOW_RANGE),
    }
    spec = {"sample_rate": 16_000, "channels": 1, "window_seconds": 1.0, **given}
    _apply(path, "manifest.json", spec, rules, prefix="input.")
    return AudioInput(sample_rate=16_000, channels=1, window_seconds=float(spec["window_seconds"]))


def _checked_landmarks(path: object, given: dict[str, Any]) -> LandmarkInput:
    rules: dict[str, _Check] = {
        "landmarks": lambda value: None if value in ("pose", "hands") else '"pose" or "hands"',
        "features": _whole(1, MAX_FEATURES),
        "base_model": _text(MAX_NAME),
        "base_sha256": lambda value: None if _is_sha256(value) else "a sha256 (64 hexadecimal digits)",
    }
    missing = [key for key in rules if key not in given]
    if missing:
        raise refuse(path, "manifest.json", f"'input' of a landmark model must have {', '.join(missing)}")
    _apply(path, "manifest.json", given, rules, prefix="input.")
    return LandmarkInput(
        landmarks=str(given["landmarks"]),
        features=int(given["features"]),
        base_model=str(given["base_model"]),
        base_sha256=str(given["base_sha256"]),
    )


def _is_sha256(value: Any) -> bool:
    return isinstance(value, str) and len(value) == 64 and all(c in "0123456789abcdef" for c in value)


def check_manifest_fields(path: object, manifest: dict[str, Any]) -> None:
    """The manifest's descriptive keys: ``task`` is ``classify``; versions and dates are short text."""
    task = manifest.get("task", "classify")
    if task != "classify":
        raise refuse(path, "manifest.json", f"'task' must be \"classify\", got {_shown(task)}")
    rules = {"opensight_version": _text(MAX_NAME), "created": _text(MAX_NAME)}
    _apply(path, "manifest.json", manifest, rules)


def check_labels(path: object, labels: Any) -> tuple[str, ...]:
    """``labels.json``: a list of 2..10,000 distinct, non-empty class names of at most 1,000 characters."""
    if not isinstance(labels, list) or not labels or not all(isinstance(label, str) for label in labels):
        raise refuse(path, "labels.json", "must be a non-empty list of class names")
    if not 2 <= len(labels) <= MAX_LABELS:
        raise refuse(path, "labels.json", f"must name from 2 to {MAX_LABELS:,} classes, got {len(labels):,}")
    for label in labels:
        if not label.strip() or len(label) > MAX_NAME:
            raise refuse(path, "labels.json", f"class names must be 1 to {MAX_NAME} characters, got {_shown(label)}")
    if len(set(labels)) != len(labels):
        twice = sorted(label for label, times in Counter(labels).items() if times > 1)
        raise refuse(path, "labels.json", f"class names must be distinct; listed twice: {', '.join(twice)}")
    return tuple(labels)


def check_card(path: object, card: Any, labels: tuple[str, ...]) -> None:
    """``card.json``: a JSON object whose keys that opensight reads have the right types and ranges.

    Unknown keys are kept as they are (they are only ever shown as JSON); the known ones are checked:
    texts are strings, ``limits``/``summary_sentences``/``warnings`` lists of strings, ``unsure_threshold`` a
    number from 0 to 1 or null, ``classes``/``data_counts`` agree with ``labels.json``, and the ``evaluation``
    that ``opensight report`` draws has a square confusion matrix of counts, one row per class."""
    if not isinstance(card, dict):
        raise refuse(path, "card.json", f"must be a JSON object, got {_shown(card)}")
    rules: dict[str, _Check] = {
        "name": _text(MAX_NAME),
        **dict.fromkeys(
            ("summary", "licence", "intended_use", "provenance", "base_model", "base_licence", "created"),
            _text(MAX_TEXT),
        ),
        "opensight_version": _text(MAX_NAME),
        **dict.fromkeys(("limits", "summary_sentences", "warnings"), _texts()),
        "unsure_threshold": _optional(_number(0.0, 1.0)),
        "target_precision": _optional(_number(0.0, 1.0)),
        "zero_shot": _flag,
        "classes": _same_as(labels),
        "data_counts": _counts(labels),
        "evaluation": _evaluation(len(labels)),
        **dict.fromkeys(("head", "zero_shot_comparison", "embedding_cache"), _object),
        **dict.fromkeys(("skipped", "coverage"), _list),
    }
    _apply(path, "card.json", card, rules)


def _apply(path: object, member: str, values: dict[str, Any], rules: dict[str, _Check], prefix: str = "") -> None:
    for key, check in rules.items():
        if key in values:
            problem = check(values[key])
            if problem is not None:
                raise refuse(path, member, f"'{prefix}{key}' must be {problem}, got {_shown(values[key])}")


def _shown(value: Any) -> str:
    """A value as the message shows it: short, with its JSON type."""
    kinds = {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list", dict: "an object"}
    if value is None:
        return "null"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return repr(value)
    text = repr(value)
    text = text if len(text) <= 60 else text[:57] + "..."
    return f"{text} ({kinds.get(type(value), type(value).__name__)})"


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _whole(low: int, high: int) -> _Check:
    def check(value: Any) -> str | None:
        ok = isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
        return None if ok else f"a whole number from {low} to {high}"

    return check


def _number(low: float, high: float) -> _Check:
    def check(value: Any) -> str | None:
        return None if _is_number(value) and low <= value <= high else f"a number from {low:g} to {high:g}"

    return check


def _optional(inner: _Check) -> _Check:
    def check(value: Any) -> str | None:
        problem = None if value is None else inner(value)
        return None if problem is None else f"{problem}, or null"

    return check


def _triple(low: float, high: float, *, above: bool) -> _Check:
    def check(value: Any) -> str | None:
        ok = (
            isinstance(value, list)
            and len(value) == 3
            and all(_is_number(v) and (v > low if above else v >= low) and v <= high for v in value)
        )
        return None if ok else f"a list of 3 numbers, each {'above' if above else 'from'} {low:g} to {high:g}"

    return check


def _text(limit: int) -> _Check:
    def check(value: Any) -> str | None:
        return None if isinstance(value, str) and len(value) <= limit else f"text of at most {limit:,} characters"

    return check


def _texts() -> _Check:
    def check(value: Any) -> str | None:
        ok = (
            isinstance(value, list)
            and len(value) <= MAX_ITEMS
            and all(isinstance(v, str) and len(v) <= MAX_TEXT for v in value)
        )
        return None if ok else f"a list of at most {MAX_ITEMS:,} sentences (text)"

    return check


def _flag(value: Any) -> str | None:
    return None if isinstance(value, bool) else "true or false"


def _object(value: Any) -> str | None:
    return None if isinstance(value, dict) else "a JSON object"


def _list(value: Any) -> str | None:
    return None if isinstance(value, list) and len(value) <= MAX_LABELS * 10 else "a list"


def _same_as(labels: tuple[str, ...]) -> _Check:
    def check(value: Any) -> str | None:
        return None if value == list(labels) else "the class names of labels.json, in the same order"

    return check


def _counts(labels: tuple[str, ...]) -> _Check:
    def check(value: Any) -> str | None:
        ok = (
            isinstance(value, dict)
            and set(value) <= set(labels)
            and all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in value.values())
        )
        return None if ok else "an object of picture counts (whole numbers) by class name of labels.json"

    return check


def _evaluation(classes: int) -> _Check:
    def check(value: Any) -> str | None:
        if not isinstance(value, dict):
            return "a JSON object"
        confusion = value.get("confusion")
        if confusion is not None and not (
            isinstance(confusion, list)
            and len(confusion) == classes
            and all(
                isinstance(row, list)
                and len(row) == classes
                and all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in row)
                for row in confusion
            )
        ):
            return f"an object whose 'confusion' is a {classes}×{classes} table of counts"
        listed = value.get("classes")
        if listed is not None and not (
            isinstance(listed, list)
            and len(listed) == classes
            and all(isinstance(entry, dict) and isinstance(entry.get("name"), str) for entry in listed)
        ):
            return f"an object whose 'classes' lists the {classes} classes, each with its 'name'"
        accuracy = value.get("accuracy")
        if accuracy is not None and not (_is_number(accuracy) and 0 <= accuracy <= 1):
            return "an object whose 'accuracy' is a number from 0 to 1"
        return None

    return check
