"""The model registry: every spec carries a complete card; unknown and missing models fail helpfully."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from opensight import ModelError, ModelNotInstalledError
from opensight.models import ModelSpec, default_model, get_model, list_models


@pytest.mark.parametrize("spec", list_models(), ids=lambda spec: spec.name)
def test_every_model_has_a_complete_card(spec: ModelSpec) -> None:
    if spec.programs:  # a program from the system (tesseract): no weights of ours, but an install hint
        assert "apt-get install" in spec.program_hint
    else:
        assert re.fullmatch(r"[0-9a-f]{64}", spec.sha256)
        assert spec.size_mb > 0
    assert spec.licence
    assert spec.card.intended_use
    assert spec.card.provenance
    assert len(spec.card.limits) >= 2
    assert spec.installed()
    described = spec.to_dict()
    assert described["name"] == spec.name
    assert described["limits"] == list(spec.card.limits)


@pytest.mark.parametrize("spec", list_models(), ids=lambda spec: spec.name)
def test_weights_are_where_the_spec_says(spec: ModelSpec) -> None:
    if spec.source is None:
        assert spec.programs  # only system programs come without a weights file
        return
    size = spec.source.locate().stat().st_size / 1e6
    if spec.name == "whisper_base":  # shipped in two halves, joined in the cache
        from opensight.models.whisper import BASE_PART_1

        size += BASE_PART_1.locate().stat().st_size / 1e6
    if spec.name == "efficientnet_lite0_lite2.embed":  # Lite2's weights, with Lite0's from its own package
        from opensight.models.efficientnet import SPEC as LITE0

        assert LITE0.source is not None
        size += LITE0.source.locate().stat().st_size / 1e6
    assert size == pytest.approx(spec.size_mb, rel=0.05)


def test_imagenet_labels_are_clean_and_unique() -> None:
    names = get_model("efficientnet_lite0.imagenet").class_names()
    assert len(names) == 1000
    assert len(set(names)) == 1000
    assert names[0] == "tench"
    assert {"crane (bird)", "crane (machine)", "espresso", "tabby"} <= set(names)


def test_unknown_model_suggests_close_names() -> None:
    with pytest.raises(ModelError, match=r"Did you mean 'efficientnet_lite0.imagenet'.*opensight models"):
        get_model("efficientnet_lite0")


def test_missing_package_names_the_extra_to_install() -> None:
    spec = replace(get_model("efficientnet_lite0.imagenet"), requires=("no_such_package_xyz",), extra="ocr")
    assert not spec.installed()
    with pytest.raises(ModelNotInstalledError, match=r"pip install 'opensight\[ocr\]'"):
        spec.check_installed()


def test_defaults() -> None:
    assert default_model("classify").name == "efficientnet_lite0.imagenet"
    assert default_model("embed").embedding_dim == 1280
    with pytest.raises(ModelError, match="no model is registered"):
        default_model("levitate")
