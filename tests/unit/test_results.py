"""Each result type shows itself: its row fields, one-line summary and table cells agree with its columns
(``opensight.results``)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from opensight import OpensightError
from opensight._results_text import TextLine, TextRegions
from opensight.results import (
    KEYPOINT_NAMES,
    Classification,
    Coverage,
    Detections,
    Embedding,
    Faces,
    Person,
    Poses,
    Result,
    ScoredLabel,
    Segment,
    Tags,
    Transcript,
    cell_text,
)

TOP = (ScoredLabel("tabby", 0.61), ScoredLabel("tiger cat", 0.2), ScoredLabel("lynx", 0.1), ScoredLabel("x", 0.05))


def text_line(text: str, score: float, y: float = 0) -> TextLine:
    return TextLine(text, score, np.array([[0, y], [100, y], [100, y + 20], [0, y + 20]], np.float32))


def faces(count: int, names: tuple[str, ...] | None = None, distances: tuple[float | None, ...] | None = None) -> Faces:
    boxes = np.tile(np.array([10, 20, 60, 80], np.float32), (count, 1))
    landmarks = np.zeros((count, 5, 2), np.float32)
    return Faces(boxes, np.full(count, 0.9), landmarks, np.zeros((count, 128), np.float32), "dlib", names, distances)


def detections(labels: tuple[str, ...]) -> Detections:
    boxes = np.arange(4 * len(labels), dtype=np.float32).reshape(-1, 4)
    return Detections(boxes, np.linspace(0.9, 0.5, len(labels), dtype=np.float32), labels, "ssd")


EVERY_KIND: list[Result] = [
    Classification(TOP, "efficientnet"),
    Classification(TOP, "taught.osm", threshold=0.7),
    Embedding(np.array([0.5, -0.25, 1.0], np.float32), "efficientnet"),
    detections(("person", "dog", "person")),
    Detections.empty("ssd"),
    Poses((Person(0.8, np.ones((17, 3), np.float32)),), "movenet"),
    Poses((), "movenet"),
    faces(2),
    faces(2, ("ada", "unknown"), (0.41, None)),
    faces(0),
    TextRegions((text_line("OPEN", 0.98), text_line("9 to 5", 0.9, 30)), "ocr"),
    TextRegions((), "ocr"),
    Transcript((Segment(0.0, 2.0, "hello there", 0.9),), "en", 2.5, "whisper"),
    Transcript((), "en", 1.0, "whisper"),
    Tags((ScoredLabel("bicycle", 0.8), ScoredLabel("cake", 0.1)), 0.4, "minilm"),
]


@pytest.mark.parametrize("result", EVERY_KIND, ids=lambda result: type(result).__name__)
def test_columns_fields_and_cells_agree(result: Result) -> None:
    fields = result.to_dict()
    assert set(result.columns) <= set(fields)
    assert set(result.cells()) == set(fields)
    assert all(isinstance(cell, str) for cell in result.cells().values())
    assert result.untabled <= {*result.columns, "model"}
    assert isinstance(result.summary(), str)
    assert result.summary()


def test_classification() -> None:
    sure = Classification(TOP, "m")
    assert (sure.label, sure.score, sure.unsure) == ("tabby", 0.61, False)
    assert sure.summary() == "Most likely: tabby (61%)"
    assert sure.cells() == {
        "label": "tabby",
        "score": "0.610",
        "top": "tiger cat 0.20, lynx 0.10, x 0.05",
        "model": "m",
    }
    assert "unsure" not in sure.to_dict()
    assert Classification(TOP[:1], "m").cells()["top"] == "—"  # no runner-up


def test_an_unsure_classification_keeps_its_guess() -> None:
    unsure = Classification(TOP, "taught", threshold=0.7)
    assert (unsure.label, unsure.guess, unsure.unsure) == ("unsure", "tabby", True)
    assert unsure.summary() == "Unsure (best guess: tabby, 61%)"
    row = unsure.to_dict()
    assert (row["label"], row["guess"], row["unsure"]) == ("unsure", "tabby", True)
    assert set(Classification.unsure_columns) == set(row)
    assert unsure.cells()["unsure"] == "True"
    assert Classification(TOP, "taught", threshold=0.61).label == "tabby"  # at the threshold is sure


def test_detections() -> None:
    found = detections(("person", "dog", "person", "cat"))
    assert found.counts() == {"person": 2, "cat": 1, "dog": 1}  # most first, then by name
    assert found.summary() == "2 × person, 1 × cat, 1 × dog"
    assert found.cells()["counts"] == "2 × person, 1 × cat, 1 × dog"
    assert found.cells()["detections"] == "[4 values]"
    first = found.to_dict()["detections"][0]
    assert first == {"label": "person", "score": 0.9, "box": [0.0, 1.0, 2.0, 3.0]}
    people = found[np.array([label == "person" for label in found.labels])]
    assert (len(people), people.labels, people.model) == (2, ("person", "person"), "ssd")
    np.testing.assert_array_equal(people.boxes, found.boxes[[0, 2]])
    empty = Detections.empty("ssd")
    assert (empty.summary(), empty.cells()["counts"], empty.cells()["detections"]) == ("nothing found",) * 2 + ("none",)


def test_faces_before_and_after_recognition() -> None:
    assert (faces(0).summary(), faces(0).cells()["faces"]) == ("Found 0 faces", "none")
    assert (faces(1).summary(), faces(2).summary()) == ("Found 1 face", "Found 2 faces")
    assert faces(2).cells()["faces"] == "2 face(s)"
    assert "name" not in faces(2).to_dict()["faces"][0]
    named = faces(2, ("ada", "unknown"), (0.41234, None))
    assert named.summary() == "Found ada, unknown"
    assert named.cells()["faces"] == "ada (0.41), unknown"
    rows = named.to_dict()["faces"]
    assert (rows[0]["name"], rows[0]["distance"]) == ("ada", 0.4123)
    assert (rows[1]["name"], rows[1]["distance"]) == ("unknown", None)
    assert rows[0]["box"] == [10.0, 20.0, 60.0, 80.0]
    assert len(rows[0]["landmarks"]) == 5


def test_text_regions() -> None:
    two = TextRegions((text_line("OPEN", 0.98), text_line("9 to 5", 0.9, 30)), "ocr")
    assert (two.text, two.score, len(two)) == ("OPEN\n9 to 5", 0.9, 2)  # the score is the weakest line's
    assert two.summary() == "Read 2 lines of text"
    assert TextRegions(two.lines[:1], "ocr").summary() == "Read 1 line of text"
    assert two.cells()["lines"] == "2 line(s)"
    assert two.to_dict()["lines"][1]["box"] == [0.0, 30.0, 100.0, 50.0]
    empty = TextRegions((), "ocr")
    assert (empty.text, empty.score, empty.summary(), empty.cells()["lines"]) == ("", None, "Found no text", "none")
    assert empty.to_dict()["score"] is None
    assert empty.cells()["score"] == ""


def test_transcript() -> None:
    said = Transcript((Segment(0.0, 1.0, " hello", 0.9), Segment(1.0, 4.0, "world ", 0.5)), "en", 4.0, "whisper")
    assert said.text == "hello world"
    assert said.score == pytest.approx((0.9 * 1 + 0.5 * 3) / 4)  # weighted by duration
    assert said.summary() == "Heard 4.0 s: 2 segment(s) in en"
    silence = Transcript((), "en", 3.0, "whisper")
    assert (silence.text, silence.score, silence.summary()) == ("", None, "Heard no speech in 3.0 s")


def test_tags() -> None:
    coverage = (Coverage("cake", (("ImageNet 'trifle'", 0.6123),), "fair", "known as trifle"),)
    scores = (ScoredLabel("bicycle", 0.8), ScoredLabel("snowy street", 0.4), ScoredLabel("cake", 0.1))
    tags = Tags(scores, 0.4, "minilm", coverage)
    assert tags.tags == ("bicycle", "snowy street")  # the threshold itself is a tag
    assert tags.summary() == "Tags: bicycle, snowy street"
    assert tags.cells()["scores"] == "snowy street 0.40, cake 0.10"
    row = tags.to_dict()
    assert (row["label"], row["score"], row["tags"]) == ("bicycle", 0.8, ["bicycle", "snowy street"])
    assert row["coverage"] == [{"label": "cake", "quality": "fair", "verdict": "known as trifle"}]
    assert coverage[0].to_dict()["nearest"] == [{"concept": "ImageNet 'trifle'", "similarity": 0.612}]
    nothing = Tags(scores, 0.9, "minilm")
    assert (nothing.tags, nothing.summary(), nothing.to_dict()["label"]) == (
        (),
        "None of your words fits well enough",
        "bicycle",
    )


def test_poses_and_embeddings() -> None:
    person = Person(0.77, np.arange(51, dtype=np.float32).reshape(17, 3))
    assert person.keypoint("nose") == (0.0, 1.0, 2.0)
    assert person.keypoint("right_ankle") == (48.0, 49.0, 50.0)
    assert list(person.to_dict()["keypoints"]) == list(KEYPOINT_NAMES)
    poses = Poses((person,), "movenet")
    assert (poses.summary(), poses.cells()["people"], len(poses)) == (
        "Body keypoints of one person (score 77%)",
        "person (score 0.77)",
        1,
    )
    assert (Poses((), "movenet").summary(), Poses((), "movenet").cells()["people"]) == ("No person found", "none")
    vector = Embedding(np.array([3.0, 4.0], np.float32), "m")
    assert vector.summary() == "A 2-number feature vector"
    assert vector.similarity(Embedding(np.array([6.0, 8.0], np.float32), "m")) == pytest.approx(1.0)
    assert vector.similarity(Embedding(np.zeros(2, np.float32), "m")) == 0.0
    with pytest.raises(OpensightError, match="different models"):
        vector.similarity(Embedding(np.array([3.0, 4.0], np.float32), "other"))


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.61234, "0.612"),
        (1.0, "1.000"),
        (3, "3"),
        (True, "True"),
        (None, ""),
        ("tabby", "tabby"),
        ({"person": 2, "dog": 1}, "2 × person, 1 × dog"),
        ({}, "nothing found"),
        ([], "none"),
        (["bicycle", "cake"], "bicycle, cake"),
        ([{"label": "a"}, {"label": "b"}], "[2 values]"),
        ([0.1, 0.2, 0.3], "[3 values]"),
    ],
)
def test_cell_text(value: Any, text: str) -> None:
    assert cell_text(value) == text
