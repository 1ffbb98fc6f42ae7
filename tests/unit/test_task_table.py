"""The one table of tasks: its rows agree with the task classes they name, and missing or unknown input is a clear
error before any model is loaded (``opensight.tasks._registry``)."""

from __future__ import annotations

import inspect
from typing import Any

import numpy as np
import pytest

from opensight import InputError
from opensight.models import default_model
from opensight.tasks import Detector, _base
from opensight.tasks._registry import TASK_TABLE, TaskInfo, task_info, task_names
from opensight.tasks.read import ENGINES
from opensight.tasks.tag import DEFAULT_THRESHOLD
from opensight.tasks.transcribe import ALIASES

ROWS = {info.name: info for info in TASK_TABLE}


@pytest.fixture
def no_model_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to load a model's weights fails the test (building a task from the table goes through here)."""

    def refuse(name: str) -> None:
        raise AssertionError(f"the model {name} was loaded")

    monkeypatch.setattr(_base, "load_runner", refuse)


def test_names_are_unique_and_in_help_order() -> None:
    names = [info.name for info in TASK_TABLE]
    assert len(set(names)) == len(names)
    assert task_names() == tuple(names)
    assert names[:2] == ["classify", "embed"]
    assert all(name.isascii() and name.isalpha() and name.islower() for name in names)  # also a REST path


def test_served_tasks_are_all_but_predict() -> None:
    assert "predict" not in task_names(served=True)
    assert task_names(served=False) == ("predict",)
    assert set(task_names(served=True)) | {"predict"} == set(task_names())


def test_an_unknown_task_lists_the_tasks() -> None:
    with pytest.raises(InputError, match=r"unknown task 'levitate'; the tasks are: classify, embed, predict, detect"):
        task_info("levitate")
    assert task_info("detect") is ROWS["detect"]


@pytest.mark.parametrize("labels", [None, "", [], ()])
def test_tag_without_words_says_how_to_give_them(labels: object, no_model_loads: None) -> None:
    options: dict[str, Any] = {} if labels is None else {"labels": labels}
    with pytest.raises(InputError, match=r'^tag needs the words to look for: --labels "bicycle, birthday cake"$'):
        task_info("tag").build(**options)
    assert task_info("tag").needs_labels
    assert not any(info.needs_labels for info in TASK_TABLE if info.name != "tag")


@pytest.mark.parametrize("model", [None, ""])
def test_predict_without_a_model_file_says_which(model: str | None, no_model_loads: None) -> None:
    with pytest.raises(InputError, match=r"^predict needs the model: a \.osm file made by `opensight teach`"):
        task_info("predict").build(model)


class IdleRunner:
    """Stands in for a model's weights: a task built with it never runs."""

    def run(self, inputs: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        raise AssertionError("the model ran")


def test_a_task_built_from_its_row_gets_its_options(no_model_loads: None) -> None:
    detector = task_info("detect").build(batch_size=3, min_score=0.3, classes=("person",), runner=IdleRunner())
    assert isinstance(detector, Detector)
    assert (detector.min_score, detector.classes, detector.batch_size) == (0.3, frozenset({"person"}), 3)
    reader = task_info("read").build(engine="tesseract", runner=IdleRunner())
    assert reader.spec.name == ENGINES["tesseract"]
    with pytest.raises(InputError, match=r"unknown OCR engine 'easyocr'; choose rapidocr or tesseract"):
        task_info("read").build(engine="easyocr")
    with pytest.raises(InputError, match=r"unknown class\(es\) unicorn"):
        task_info("detect").build(classes=("unicorn",), runner=IdleRunner())


@pytest.mark.parametrize("info", TASK_TABLE, ids=lambda info: info.name)
def test_options_have_defaults_within_their_bounds(info: TaskInfo) -> None:
    assert len({option.name for option in info.options}) == len(info.options)
    assert len({option.query_name for option in info.options}) == len(info.options)
    for option in info.options:
        assert option.help
        if option.required:
            assert option.default is None
        if option.kind in ("int", "float"):
            assert option.low is not None
            assert option.high is not None
            assert option.low <= option.default <= option.high
            assert isinstance(option.default, int if option.kind == "int" else float)
        else:
            assert option.low is None
            assert option.high is None
        if option.kind == "text":
            assert option.default is None or isinstance(option.default, str)
        if option.kind == "list":
            assert option.parse is not None


@pytest.mark.parametrize("info", TASK_TABLE, ids=lambda info: info.name)
def test_options_are_keywords_of_the_task_with_the_same_defaults(info: TaskInfo) -> None:
    parameters = inspect.signature(info.make or info.task_class.__init__).parameters
    for option in info.options:
        assert option.name in parameters, f"{info.name}: --{option.name} is not a keyword of {info.task_class}"
        default = parameters[option.name].default
        if default not in (None, inspect.Parameter.empty):  # None: the class picks the default the table shows
            assert default == option.default


def test_the_defaults_the_table_shows_are_the_classes_defaults() -> None:
    assert ROWS["tag"].options[1].default == DEFAULT_THRESHOLD
    engine = next(option for option in ROWS["read"].options if option.name == "engine")
    assert ENGINES[engine.default] == default_model("read").name
    model = next(option for option in ROWS["transcribe"].options if option.name == "model")
    assert ALIASES.get(model.default, model.default) == default_model("transcribe").name


def test_list_options_parse_comma_separated_text() -> None:
    classes = next(option for option in ROWS["detect"].options if option.name == "classes")
    assert classes.parse is not None
    assert classes.parse(" person,car , ,bicycle") == ("bicycle", "car", "person")
    labels = ROWS["tag"].options[0]
    assert labels.parse is not None
    assert labels.parse("bicycle, birthday  cake") == ("bicycle", "birthday cake")
    with pytest.raises(InputError, match="given twice"):
        labels.parse("cat, Cat")


@pytest.mark.parametrize("info", TASK_TABLE, ids=lambda info: info.name)
def test_each_row_names_a_result_type_with_columns_and_a_default_model(info: TaskInfo) -> None:
    assert info.result is info.task_class.result_type
    columns = info.result.columns
    assert columns
    assert len(set(columns)) == len(columns)
    assert not {"path", "error", "frame", "time"} & set(columns)  # the row writer adds those
    assert info.result.untabled <= {*columns, "model"}
    assert info.extensions
    assert info.summary.endswith(".")
    assert (info.accepts == "audio") == (info.name == "transcribe")
    if not info.needs_model:
        assert default_model(info.model_task or info.task_class.task)  # in the registry; nothing is loaded
