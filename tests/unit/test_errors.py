"""The exception tree and the HTTP status each kind of error answers with (``opensight._errors``)."""

from __future__ import annotations

import pytest

import opensight
from opensight import _errors
from opensight._errors import (
    HTTP_STATUS,
    ConflictError,
    DamagedFileError,
    DecodeError,
    InputError,
    ModelError,
    ModelFileError,
    ModelNotInstalledError,
    NotFoundError,
    OpensightError,
    OutputError,
    StoreError,
    UploadError,
    http_status,
)

ERROR_CLASSES = [getattr(_errors, name) for name in _errors.__all__ if name.endswith("Error")]


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (OpensightError("?"), 500),
        (InputError("bad option"), 400),
        (DecodeError("not an image"), 400),
        (ModelError("unknown model"), 400),
        (ModelFileError("damaged .osm"), 400),
        (ModelNotInstalledError("pip install 'opensight[ocr]'"), 501),
        (NotFoundError("no project 'x'"), 404),
        (ConflictError("already training"), 409),
        (StoreError("not an opensight store"), 500),
        (OutputError("disk full"), 500),
        (DamagedFileError("truncated"), 500),
        (UploadError(413, "too big"), 413),
        (UploadError(415, "not a picture"), 415),
        (UploadError(408, "stopped arriving"), 408),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, Exception) else str(value),
)
def test_each_error_answers_with_its_status(error: OpensightError, status: int) -> None:
    assert http_status(error) == status


def test_the_most_specific_class_decides() -> None:
    class MissingPictureError(NotFoundError, InputError):  # both in the table: the nearer ancestor wins
        pass

    class LaterPluginError(ModelNotInstalledError):
        pass

    assert http_status(MissingPictureError("gone")) == 404
    assert http_status(LaterPluginError("pip install")) == 501


def test_the_table_covers_the_tree() -> None:
    assert all(issubclass(kind, OpensightError) for kind in HTTP_STATUS)
    assert all(400 <= status <= 599 for status in HTTP_STATUS.values())
    assert HTTP_STATUS[OpensightError] == 500  # the root: anything unforeseen is the server's fault
    for kind in ERROR_CLASSES:
        assert issubclass(kind, OpensightError)
        error = kind(415, "x") if kind is UploadError else kind("x")
        assert 400 <= http_status(error) <= 599


def test_errors_are_also_the_builtin_kind_they_resemble() -> None:
    assert issubclass(InputError, ValueError)  # code that catches ValueError still catches a bad argument
    assert issubclass(ModelNotInstalledError, ImportError)
    assert issubclass(UploadError, InputError)
    assert issubclass(DecodeError, InputError)


def test_an_upload_error_carries_its_status_and_message() -> None:
    error = UploadError(415, "the upload is not a picture")
    assert error.status == 415
    assert str(error) == "the upload is not a picture"
    assert error.args == ("the upload is not a picture",)


def test_the_public_errors_are_the_same_classes() -> None:
    for kind in ERROR_CLASSES:
        if hasattr(opensight, kind.__name__):
            assert getattr(opensight, kind.__name__) is kind
    assert opensight.InputError is InputError
    assert opensight.OpensightError is OpensightError
