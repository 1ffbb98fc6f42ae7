"""The fused head graph computes what the head computes in Python: the root features of pictures included."""

from __future__ import annotations

import numpy as np
import onnxruntime as ort
from onnx import TensorProto, helper

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


def test_the_graph_reads_the_square_root_of_the_embedding_as_the_head_was_taught() -> None:
    rng = np.random.default_rng(0)
    centres = rng.gamma(1.0, 1.0, size=(3, 12))
    embeddings = np.abs(np.repeat(centres, 10, axis=0) + rng.normal(0, 0.3, size=(30, 12)))  # non-negative, as pooled
    labels = np.repeat([0, 1, 2], 10)
    head = LinearHeadLearner(cs=(1.0, 10.0)).fit(root_features(embeddings), labels)
    fit = head.fit_
    graph = fuse_head(_identity_backbone(12), fit.weights, fit.bias, fit.temperature, square_root=True)
    session = ort.InferenceSession(graph, providers=["CPUExecutionProvider"])
    probabilities = session.run(["probabilities"], {"pixels": embeddings.astype(np.float32)})[0]
    np.testing.assert_allclose(probabilities, head.predict_proba(root_features(embeddings)), atol=1e-5)
    plain = fuse_head(_identity_backbone(12), fit.weights, fit.bias, fit.temperature)
    without = ort.InferenceSession(plain, providers=["CPUExecutionProvider"]).run(
        ["probabilities"], {"pixels": embeddings.astype(np.float32)}
    )[0]
    assert np.abs(without - probabilities).max() > 1e-3  # the root is really in the graph
