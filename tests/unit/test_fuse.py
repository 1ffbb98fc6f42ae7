"""The fused head graph computes what the head computes in Python: the root features of pictures (two networks' side
by side) included."""

from __future__ import annotations

import numpy as np
import onnxruntime as ort
from onnx import TensorProto, helper

from opensight.models.efficientnet_pair import LITE0_FEATURES, PARTS
from opensight.teach._fuse import fuse_head
from opensight.teach._pictures import root_features
from opensight.teach.head import LinearHeadLearner


def _identity_backbone(features: int) -> object:
    graph = helper.make_graph(
        [helper.make_node("Identity", ["pixels"], ["embedding"])],
        "identity",
        [helper.make_tensor_value_info("pixels", TensorProto.FLOAT, ["batch", features])],
        [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["batch", features])],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 18)])
    model.ir_version = 8
    return model


def test_the_graph_reads_each_networks_square_root_at_unit_length_as_the_head_was_taught() -> None:
    rng = np.random.default_rng(0)
    width = sum(PARTS)  # Lite0's features, then Lite2's, then their quadrants'
    centres = rng.gamma(1.0, 1.0, size=(3, width))
    centres[:, LITE0_FEATURES:] *= 10.0  # the second network's features (and the quadrants) on another scale
    centres[:, 2 * LITE0_FEATURES : 3 * LITE0_FEATURES] *= 3.0  # one quadrant brighter: its block is unit as a whole
    embeddings = np.abs(np.repeat(centres, 10, axis=0) + rng.normal(0, 0.3, size=(30, width)))  # as pooled: >= 0
    labels = np.repeat([0, 1, 2], 10)
    head = LinearHeadLearner(cs=(1.0, 10.0)).fit(root_features(embeddings), labels)
    fit = head.fit_
    expected = head.predict_proba(root_features(embeddings))

    def probabilities(**options: object) -> np.ndarray:
        graph = fuse_head(_identity_backbone(width), fit.weights, fit.bias, fit.temperature, **options)  # type: ignore[arg-type]
        session = ort.InferenceSession(graph, providers=["CPUExecutionProvider"])
        return np.asarray(session.run(["probabilities"], {"pixels": embeddings.astype(np.float32)})[0])

    np.testing.assert_allclose(probabilities(square_root=True, parts=PARTS), expected, atol=1e-5)
    assert np.abs(probabilities(square_root=True) - expected).max() > 1e-3  # each network's length is in the graph
    assert np.abs(probabilities(parts=PARTS) - expected).max() > 1e-3  # and the root
    equal = (LITE0_FEATURES,) * (width // LITE0_FEATURES)
    assert np.abs(probabilities(square_root=True, parts=equal) - expected).max() > 1e-3  # and the blocks' widths
