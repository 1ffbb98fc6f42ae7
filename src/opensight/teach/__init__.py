"""Teach: your own classifier from a folder of examples, with an honest evaluation and a portable file."""

from opensight.teach._model import TaughtModel, TeachReport
from opensight.teach._teach import teach
from opensight.teach.dataset import Dataset, Example, load_dataset
from opensight.teach.evaluate import Evaluation

__all__ = ["Dataset", "Evaluation", "Example", "TaughtModel", "TeachReport", "load_dataset", "teach"]
