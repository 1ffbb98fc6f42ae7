"""Pose and gesture projects of the Studio: their examples are pictures, a gesture model's answer is drawn with the
hand's skeleton."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from opensight._errors import ConflictError, InputError
from opensight._results_body import Hand
from opensight._results_taught import PoseClassification
from opensight.annotate import annotate
from opensight.results import ScoredLabel
from opensight.serve._projects import Projects
from opensight.serve._studio_sounds import learns


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 200, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def test_pose_and_gesture_projects_keep_pictures_not_recordings(tmp_path: Path) -> None:
    projects = Projects(tmp_path)
    for kind, learned in (("poses", "body poses"), ("hands", "hand gestures")):
        project = projects.create(f"Made of {kind}", kind)
        assert projects.get(project.id).kind == kind
        projects.add_class(project.id, "wave")
        stored = projects.add_example(project.id, "wave", png(), "me.png")
        assert projects.classes(project.id) == {"wave": [stored]}
        with pytest.raises(InputError, match=r"a \.wav file cannot be kept"):
            projects.store_example(project.id, "wave", b"RIFF", "a.wav", suffix=".wav")
        assert learns(project, "pictures") is project
        with pytest.raises(ConflictError, match=f"learns {learned}: add pictures, not recordings"):
            learns(project, "recordings")


def test_a_gesture_answer_is_drawn_with_the_hand() -> None:
    landmarks = np.stack([np.linspace(10, 50, 21), np.linspace(10, 50, 21), np.zeros(21)], axis=1)
    hand = Hand(handedness="right", handedness_score=0.9, score=0.95, landmarks=landmarks)
    result = PoseClassification(top=(ScoredLabel("wave", 0.9),), found=hand, model="hands", subject="hand")
    blank = np.zeros((64, 64, 3), np.uint8)
    drawn = np.asarray(annotate(blank, result))
    assert drawn[30, 30].any(), "the hand's bones are drawn"
    nobody = PoseClassification(top=(ScoredLabel("wave", 0.9),), found=None, model="hands", subject="hand")
    assert not np.asarray(annotate(blank, nobody))[30, 30].any()
