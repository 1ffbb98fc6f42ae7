"""The exception tree. Every message says what was wrong and what to do about it.

``OpensightError`` is the root; catch it to handle anything opensight raises on purpose.

>>> from opensight import InputError, OpensightError
>>> issubclass(InputError, (OpensightError, ValueError))
True
"""

from __future__ import annotations


class OpensightError(Exception):
    """Base class of every error opensight raises on purpose."""


class InputError(OpensightError, ValueError):
    """A source or argument the user gave cannot be used (missing file, bad option value, ...)."""


class DecodeError(InputError):
    """A file exists but is not an image we can read (empty, truncated, not an image, too large)."""


class ModelError(OpensightError):
    """A model is unknown, not installed, or its weights do not match what this version expects."""


class ModelNotInstalledError(ModelError, ImportError):
    """The package that carries a model's weights is not installed; the message names the pip extra."""


class ModelFileError(ModelError):
    """A model file (``.osm``) is damaged, tampered with, or from an incompatible version."""


class StoreError(OpensightError):
    """The store (the SQLite file in the data dir) cannot be used: not an opensight store, damaged."""


class OutputError(OpensightError):
    """The machine refused to take what opensight wrote: the disk is full, the folder, file or database is read-only,
    or permission is denied. What was written before stays intact; the message says what to do. (The command line
    exits with status 3, "could not finish".)"""


__all__ = [
    "DecodeError",
    "InputError",
    "ModelError",
    "ModelFileError",
    "ModelNotInstalledError",
    "OpensightError",
    "OutputError",
    "StoreError",
]
