"""The real EfficientNet-Lite0 on real photos: golden answers, ONNX = torch, the Python API's shapes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import opensight as osi
from opensight.inputs import LoadedImage, load_image, resize_center_crop
from opensight.models import load_runner
from opensight.models.efficientnet import SPEC, build_torch_model, onnx_path
from tests.conftest import sample_photo

CATS = {"tabby", "tiger cat", "Egyptian cat", "Persian cat", "Siamese cat", "lynx"}
COFFEE = {"espresso", "cup", "coffee mug", "eggnog", "consomme"}
ROCKETS = {"missile", "projectile", "space shuttle"}


@pytest.mark.parametrize(
    ("name", "family"), [("chelsea", CATS), ("coffee", COFFEE), ("rocket", ROCKETS)], ids=["cat", "coffee", "rocket"]
)
def test_golden_top1(photos: Path, name: str, family: set[str]) -> None:
    result = osi.classify(photos / f"{name}.jpg", top=5)
    assert result.label in family, result
    assert 0.0 < result.score <= 1.0
    assert [entry.score for entry in result.top] == sorted((entry.score for entry in result.top), reverse=True)


def test_espresso_is_confident(photos: Path) -> None:
    result = osi.classify(photos / "coffee.jpg")
    assert result.label == "espresso"
    assert round(result.score, 1) >= 0.9


def test_onnx_matches_torch_on_real_photos(capfd: pytest.CaptureFixture[str]) -> None:
    import torch

    model = build_torch_model(SPEC)
    assert capfd.readouterr() == ("", "")  # the weights library's "Loaded pretrained weights" line is not shown
    runner = load_runner(SPEC.name)
    batch = np.stack(
        [
            resize_center_crop(load_image(sample_photo(name)).pixels, size=224, resize_side=256)
            for name in ("chelsea", "coffee", "rocket")
        ]
    )
    with torch.no_grad():
        probabilities, embedding = (t.numpy() for t in model(torch.from_numpy(batch)))
    outputs = runner.run({"pixels": batch})
    assert np.abs(outputs["probabilities"] - probabilities).max() <= 1e-4
    assert np.abs(outputs["embedding"] - embedding).max() <= 1e-4 * np.abs(embedding).max()
    assert onnx_path().stat().st_size > 10e6  # one file, weights inside


def test_one_in_one_out_list_in_list_out(photos: Path) -> None:
    single = osi.classify(str(photos / "coffee.jpg"), top=2)
    assert isinstance(single, osi.Classification)
    assert len(single.top) == 2
    several = osi.classify([photos / "coffee.jpg", photos])
    assert several[0].label == "espresso"
    assert len(several) == 1 + 4
    assert all(isinstance(result, osi.Classification) for result in several)


def test_arrays_pil_and_files_agree(photos: Path) -> None:
    pixels = sample_photo("chelsea")
    from_array = osi.classify(pixels)
    from_pil = osi.classify(Image.fromarray(pixels))
    assert from_array.label == from_pil.label
    assert from_array.score == pytest.approx(from_pil.score, abs=1e-6)
    assert osi.classify(photos / "chelsea.jpg").label in CATS


def test_a_folder_string_asks_for_a_list(photos: Path) -> None:
    with pytest.raises(osi.InputError, match=r"pass it in a list"):
        osi.classify(str(photos))


def test_bad_input_raises_in_the_api_and_streams_as_a_row(tmp_path: Path, photos: Path) -> None:
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"")
    with pytest.raises(osi.DecodeError, match=r"broken.jpg: empty file"):
        osi.classify(broken)
    outcomes = list(osi.load("classify").stream([photos / "coffee.jpg", broken, photos / "rocket.jpg"]))
    assert [outcome.ok for outcome in outcomes] == [True, False, True]
    assert outcomes[1].to_row() == {
        "path": str(broken),
        "error": "empty file (0 bytes); it may be an interrupted copy or download",
    }


def test_stream_keeps_input_order_across_batches_and_errors(tmp_path: Path) -> None:
    colours = [(i * 6, 255 - i * 6, 90) for i in range(37)]
    sources: list[object] = [np.full((40, 50, 3), colour, np.uint8) for colour in colours]
    for index in (0, 8, 9, 36):
        sources[index] = tmp_path / f"missing_{index}.jpg"
    classifier = osi.load("classify", batch_size=8)
    outcomes = list(classifier.stream(sources))  # type: ignore[arg-type]
    assert len(outcomes) == 37
    assert [i for i, outcome in enumerate(outcomes) if not outcome.ok] == [0, 8, 9, 36]
    direct = [classifier(np.full((40, 50, 3), colours[i], np.uint8)) for i in (1, 20, 35)]
    for index, expected in zip((1, 20, 35), direct, strict=True):
        assert outcomes[index].result == expected


def test_embeddings(photos: Path) -> None:
    cat = osi.embed(photos / "chelsea.jpg")
    assert cat.vector.shape == (1280,)
    assert cat.vector.dtype == np.float32
    flipped = osi.embed(np.ascontiguousarray(sample_photo("chelsea")[:, ::-1]))
    coffee = osi.embed(photos / "coffee.jpg")
    assert cat.similarity(flipped) > cat.similarity(coffee) + 0.2
    assert len(cat.to_dict()["embedding"]) == 1280


def test_the_whole_picture_view_sees_what_the_centre_crop_cuts_off() -> None:
    """A new user's trial: `osi.embed` gave the centre crop, and the whole-picture view the taught models see could
    only be had through a private module. A wide picture with its only red at the left edge: the crop cuts it off."""
    wide = np.full((100, 400, 3), 128, dtype=np.uint8)
    wide[:, :60] = (220, 30, 30)
    loaded = LoadedImage(pixels=wide, original_size=(400, 100))
    seen = {view: osi.Embedder(view=view).preprocess(loaded) for view in ("crop", "whole")}
    assert not (seen["crop"][..., 0] > 200).any()
    assert (seen["whole"][..., 0] > 200).any()
    crop, whole = osi.embed(wide), osi.embed(wide, view="whole")
    assert crop.vector.shape == whole.vector.shape
    assert crop.similarity(whole) < 0.99
    with pytest.raises(osi.InputError, match="view must be 'crop' or 'whole'"):
        osi.embed(wide, view="all")


def test_load_by_task_or_model_name() -> None:
    assert isinstance(osi.load("classify"), osi.Classifier)
    assert isinstance(osi.load("embed"), osi.Embedder)
    assert isinstance(osi.load("efficientnet_lite0.imagenet"), osi.Classifier)
    with pytest.raises(osi.ModelError, match="Known models"):
        osi.load("yolo")
    with pytest.raises(osi.InputError, match="top must be"):
        osi.classify(np.zeros((9, 9, 3), np.uint8), top=0)
    with pytest.raises(osi.InputError, match="batch_size"):
        osi.load("classify", batch_size=0)
