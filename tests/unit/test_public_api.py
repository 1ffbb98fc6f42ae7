"""The public API is a contract: this test pins it, so a change to it is a conscious one."""

from __future__ import annotations

import opensight


def test_public_names_are_pinned() -> None:
    assert sorted(opensight.__all__) == sorted(
        [
            "Classification",
            "Classifier",
            "Coverage",
            "DecodeError",
            "Detections",
            "Detector",
            "Embedder",
            "Embedding",
            "FaceFinder",
            "FaceGallery",
            "Faces",
            "Hand",
            "HandFinder",
            "Hands",
            "ImageInput",
            "IndexSummary",
            "InputError",
            "Item",
            "Match",
            "ModelError",
            "ModelFileError",
            "ModelNotInstalledError",
            "ModelSpec",
            "OpensightError",
            "Outcome",
            "OutputError",
            "Person",
            "PictureIndex",
            "PoseEstimator",
            "Poses",
            "ScoredLabel",
            "Segment",
            "Segmentation",
            "Segmenter",
            "Tagger",
            "Tags",
            "StoreError",
            "Task",
            "Taught",
            "TaughtModel",
            "TaughtSoundModel",
            "TeachReport",
            "TextLine",
            "TextReader",
            "TextRegions",
            "Transcriber",
            "Transcript",
            "__version__",
            "annotate",
            "classify",
            "detect",
            "embed",
            "export_web",
            "faces",
            "hands",
            "load",
            "models",
            "pose",
            "read",
            "segment",
            "tag",
            "teach",
            "transcribe",
        ]
    )
    for name in opensight.__all__:
        assert hasattr(opensight, name), name


def test_error_tree() -> None:
    assert issubclass(opensight.InputError, ValueError)
    assert issubclass(opensight.DecodeError, opensight.InputError)
    assert issubclass(opensight.ModelFileError, opensight.ModelError)
    assert issubclass(opensight.ModelNotInstalledError, ImportError)
    for name in ("InputError", "ModelError", "DecodeError", "ModelFileError"):
        assert issubclass(getattr(opensight, name), opensight.OpensightError)
