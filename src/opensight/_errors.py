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


class NotFoundError(OpensightError):
    """A project, class, picture or loaded model that does not exist (HTTP 404)."""


class ConflictError(OpensightError):
    """Something that already exists, or is busy: a training job already running (HTTP 409)."""


class DamagedFileError(OpensightError):
    """A file opensight wrote before that cannot be read any more (truncated, edited by hand): it costs only
    itself."""


class UploadError(InputError):
    """A request's upload or parameters cannot be used; ``status`` is the HTTP status that says why (400 bad,
    408 the client went away, 413 too big, 415 not a picture or not audio).

    >>> UploadError(415, "the upload is not a picture").status
    415
    """

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


#: The HTTP status of each kind of error; the most specific class in an error's ancestry decides.
HTTP_STATUS: dict[type[OpensightError], int] = {
    ModelNotInstalledError: 501,
    NotFoundError: 404,
    ConflictError: 409,
    InputError: 400,
    ModelError: 400,
    OpensightError: 500,
}


def http_status(error: OpensightError) -> int:
    """The HTTP status an error answers with (:data:`HTTP_STATUS`; an :class:`UploadError` carries its own).

    >>> http_status(NotFoundError("no project 'x'")), http_status(ModelFileError("bad file"))
    (404, 400)
    """
    if isinstance(error, UploadError):
        return error.status
    for kind in type(error).__mro__:
        if kind in HTTP_STATUS:
            return HTTP_STATUS[kind]
    return 500


__all__ = [
    "HTTP_STATUS",
    "ConflictError",
    "DamagedFileError",
    "DecodeError",
    "InputError",
    "ModelError",
    "ModelFileError",
    "ModelNotInstalledError",
    "NotFoundError",
    "OpensightError",
    "OutputError",
    "StoreError",
    "UploadError",
    "http_status",
]
