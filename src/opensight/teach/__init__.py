"""Teach: your own classifier from a folder of examples (pictures or sounds), with an honest evaluation and a
portable file."""

from opensight.teach._model import AnyTaught, Taught, TaughtModel, TeachReport, taught_model
from opensight.teach._pose_model import TaughtPoseModel
from opensight.teach._sound_model import TaughtSoundModel
from opensight.teach._teach import teach
from opensight.teach.dataset import Dataset, Example, load_dataset
from opensight.teach.evaluate import Evaluation

__all__ = [
    "AnyTaught",
    "Dataset",
    "Evaluation",
    "Example",
    "Taught",
    "TaughtModel",
    "TaughtPoseModel",
    "TaughtSoundModel",
    "TeachReport",
    "load_dataset",
    "taught_model",
    "teach",
]
