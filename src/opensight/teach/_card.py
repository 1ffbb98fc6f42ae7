"""The model card of a taught (or zero-shot) model: what ``card.json`` in a ``.osm`` file holds, typed.

:meth:`TaughtModelCard.to_dict` is the JSON, key for key and in the same order, that the ``.osm`` file stores and that
``--format json``, the HTTP API and the Studio show. A card read from a file (:meth:`TaughtModelCard.from_dict`, after
:func:`opensight._osm_schema.check_card`) gives back exactly the keys that file had, in its order, unknown ones
included; every key of ``card.json`` is optional, and a missing one reads as its field's default.

The card is also a read-only mapping of that JSON (``card["evaluation"]``, ``card.get("warnings", [])``), as the
plain dict it replaces was.

>>> card = TaughtModelCard(name="fruit", classes=("ripe", "unripe"), data_counts={"ripe": 5, "unripe": 6})
>>> list(card.to_dict())[:6]
['name', 'summary', 'created', 'opensight_version', 'classes', 'data_counts']
>>> card["classes"], card.limits, "head" in card
(['ripe', 'unripe'], (), False)
>>> read = TaughtModelCard.from_dict({"licence": "CC0", "name": "tiny", "mine": 1})
>>> read.name, read.summary, read.to_dict()
('tiny', '', {'licence': 'CC0', 'name': 'tiny', 'mine': 1})
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from typing import Any


@dataclass(frozen=True, eq=False)
class TaughtModelCard(Mapping[str, Any]):
    """What a taught model is, how it was made and how good it is (``card.json``). The fields are in the order of
    the JSON; the nested JSON objects (``evaluation``, ``head``, ``zero_shot_comparison``, ``embedding_cache``)
    and the entries of ``coverage`` and ``skipped`` stay JSON (a file is checked only as far as opensight reads
    it)."""

    name: str = "taught model"
    summary: str = ""
    created: str = ""  # ISO 8601, UTC
    opensight_version: str = ""
    zero_shot: bool = False  # made from class names only (the key is written only when true)
    classes: tuple[str, ...] = ()
    data_counts: dict[str, int] = field(default_factory=dict)  # examples per class
    coverage: tuple[Any, ...] | None = None  # zero-shot: how well each class name is covered (Coverage.to_dict())
    evaluation: dict[str, Any] = field(default_factory=dict)  # Evaluation.to_dict(); {} for a zero-shot model
    summary_sentences: tuple[str, ...] = ()
    unsure_threshold: float | None = None
    target_precision: float | None = None
    head: dict[str, Any] | None = None  # the head's type, regularisation C and temperature
    base_model: str = ""
    base_licence: str = ""
    licence: str = "unknown"
    provenance: str = ""
    intended_use: str = ""
    limits: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    skipped: tuple[Any, ...] = ()  # {"path", "reason"} for each file that could not be read
    zero_shot_comparison: dict[str, Any] | None = None  # taught with class names: the blend's accuracies
    embedding_cache: dict[str, Any] | None = None  # {"new", "reused"}: pictures embedded now, and from the store
    #: Keys of a card read from a file that this opensight does not know, kept as they were.
    extra: dict[str, Any] = field(default_factory=dict)
    #: The JSON's keys in order, for a card read from a file; None: every field that is set, in field order.
    _keys: tuple[str, ...] | None = field(default=None, repr=False)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TaughtModelCard:
        """The card from ``card.json``'s object (already checked by :func:`~opensight._osm_schema.check_card`)."""
        if isinstance(data, TaughtModelCard):
            return data
        known = {name: _typed(name, value) for name, value in data.items() if name in _FIELDS}
        extra = {name: value for name, value in data.items() if name not in _FIELDS}
        return cls(**known, extra=extra, _keys=tuple(data))

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of ``card.json``."""
        return {key: self._json(key) for key in self._present()}

    def __getitem__(self, key: str) -> Any:
        if key in self.extra:
            return self.extra[key]
        if key not in _FIELDS or key not in self._present():
            raise KeyError(key)
        return self._json(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._present())

    def __len__(self) -> int:
        return len(self._present())

    def _present(self) -> tuple[str, ...]:
        if self._keys is not None:
            return self._keys
        optional = {
            "zero_shot": self.zero_shot,
            "coverage": self.coverage is not None,
            "target_precision": self.target_precision is not None,
            "head": self.head is not None,
            "zero_shot_comparison": self.zero_shot_comparison is not None,
            "embedding_cache": self.embedding_cache is not None,
        }
        return tuple(name for name in _FIELD_NAMES if optional.get(name, True)) + tuple(self.extra)

    def _json(self, key: str) -> Any:
        if key in self.extra:
            return self.extra[key]
        value = getattr(self, key)
        return list(value) if isinstance(value, tuple) else value


#: The card.json keys that are fields, in the JSON's order.
_FIELD_NAMES = tuple(f.name for f in fields(TaughtModelCard) if f.name not in ("extra", "_keys"))
_FIELDS = frozenset(_FIELD_NAMES)
#: The fields held as tuples (JSON lists).
_SEQUENCES = frozenset(("classes", "coverage", "summary_sentences", "limits", "warnings", "skipped"))


def _typed(name: str, value: Any) -> Any:
    """A JSON value as its field holds it (lists as tuples)."""
    return tuple(value) if name in _SEQUENCES and isinstance(value, list) else value
