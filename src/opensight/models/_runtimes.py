"""Thin wrappers around inference runtimes, and the cache that holds converted model files."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from opensight._errors import ModelError
from opensight._files import atomic_target
from opensight._settings import cache_dir, thread_count


class OnnxRunner:
    """An ONNX Runtime session on the CPU. ``run`` is thread-safe.

    >>> runner = OnnxRunner(path)  # doctest: +SKIP
    >>> runner.run({"pixels": batch})["probabilities"].shape  # doctest: +SKIP
    (8, 1000)
    """

    def __init__(self, path: Path | bytes, *, threads: int | None = None, lazy: bool = False) -> None:
        self.path = path
        self._threads = threads
        self._session: Any = None
        self._lock = threading.Lock()
        if not lazy:
            self._load()

    def _load(self) -> Any:
        import onnxruntime as ort

        path = self.path
        try:
            model = path if isinstance(path, bytes) else str(path)
            session = ort.InferenceSession(model, session_options(self._threads), providers=["CPUExecutionProvider"])
        except Exception as error:  # ORT raises its own untyped exceptions
            where = "the model file's graph" if isinstance(path, bytes) else f"the model graph {path}"
            raise ModelError(
                f"cannot load {where} ({error}); delete it so it is rebuilt, or clear the cache (OPENSIGHT_CACHE)"
            ) from error
        self.output_names = [output.name for output in session.get_outputs()]
        self._session = session
        return session

    def run(self, inputs: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        """Run the graph; returns every output by name."""
        session = self._session
        if session is None:
            with self._lock:
                session = self._session or self._load()
        values = session.run(self.output_names, inputs)
        return dict(zip(self.output_names, values, strict=True))


def session_options(threads: int | None = None) -> Any:
    """ONNX Runtime's options for every model here: ``threads`` (default :func:`thread_count`) for one call, fully
    optimised graph, and no busy-waiting between calls — an idle session's threads spinning took the cores from the
    picture decoding (~8% slower end to end) and from the text recogniser's threads (the reader's line finder: 16%
    slower on pictures of a few lines).

    >>> session_options(1).intra_op_num_threads
    1
    """
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads or thread_count()
    options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.log_severity_level = 3
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return options


@contextlib.contextmanager
def _native_stderr_silenced() -> Iterator[None]:
    """Silence what native code writes to file descriptor 2 (Python's own stderr is unaffected)."""
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    with open(os.devnull, "wb") as null:
        os.dup2(null.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def cached_artifact(relative: str, build: Callable[[Path], None]) -> Path:
    """Return ``cache_dir()/relative``, building it first if it does not exist yet.

    ``build(tmp)`` writes the file at ``tmp``; it is then renamed into place atomically, so a reader
    never sees a half-written file. A lock file makes a second process wait for the first instead of
    building twice; where locking is unavailable both build and the last rename wins (same content).
    """
    target = cache_dir() / relative
    if target.is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with _exclusive(target.with_name(target.name + ".lock")):
        if target.is_file():  # another process finished while we waited
            return target
        with atomic_target(target) as temporary:
            build(temporary)
    return target


@contextlib.contextmanager
def _exclusive(lock_path: Path) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # not POSIX: rely on the atomic rename alone
        yield
        return
    with open(lock_path, "a+b") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock.fileno(), fcntl.LOCK_UN)


class OpenCVDnnRunner:
    """A TensorFlow graph on OpenCV's DNN module. Input ``pixels`` uint8 (B, H, W, 3) RGB → ``detections``
    (N, 7) rows of [image, class, score, x1, y1, x2, y2] (coordinates 0..1)."""

    def __init__(self, graph: Path, config: Path) -> None:
        import cv2

        cv2.setNumThreads(thread_count())
        try:
            self._net = cv2.dnn.readNetFromTensorflow(str(graph), str(config))
        except cv2.error as error:
            raise ModelError(f"OpenCV cannot load {graph.name} ({error}); reinstall the model package") from None
        self._lock = threading.Lock()

    def run(self, inputs: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        """Run the net on a batch, one picture at a time: on the CPU OpenCV gains nothing from batches and its
        memory grows with them (measured: batch 1 was faster than 4 and used 90 MB less). Thread-safe."""
        found = []
        with self._lock:
            for index, picture in enumerate(inputs["pixels"]):
                self._net.setInput(np.ascontiguousarray(picture.transpose(2, 0, 1)[None], dtype=np.float32))
                rows = np.asarray(self._net.forward()).reshape(-1, 7).copy()
                rows[:, 0] = index
                found.append(rows)
        return {"detections": np.concatenate(found) if found else np.zeros((0, 7), np.float32)}


class LiteRtRunner:
    """A TensorFlow Lite model on LiteRT, one picture per invoke (the models here have batch 1).

    ``scale`` multiplies the pixels on the way in (``1 / 255`` for a model that takes 0..1); ``outputs`` names the
    outputs to return (our name → the model's tensor name); without it the first output comes back as ``output``.
    """

    def __init__(self, path: Path, *, scale: float | None = None, outputs: dict[str, str] | None = None) -> None:
        from ai_edge_litert.interpreter import Interpreter

        self._interpreter = Interpreter(str(path), num_threads=thread_count())
        with _native_stderr_silenced():  # LiteRT's C++ prints "INFO: Created ... XNNPACK delegate" here
            self._interpreter.allocate_tensors()
        self._input = self._interpreter.get_input_details()[0]
        details = self._interpreter.get_output_details()
        by_name = {detail["name"]: detail["index"] for detail in details}
        try:
            self._outputs = {ours: by_name[theirs] for ours, theirs in (outputs or {}).items()} or {
                "output": details[0]["index"]
            }
        except KeyError as error:
            raise ModelError(f"{path.name} has no output {error}; it is not the model file opensight expects") from None
        self._scale = scale
        self._lock = threading.Lock()

    @property
    def input_size(self) -> tuple[int, int]:
        """The model's input (height, width)."""
        shape = self._input["shape"]
        return int(shape[1]), int(shape[2])

    def run(self, inputs: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        """Run each picture of the batch in turn; outputs are stacked."""
        results: dict[str, list[np.ndarray]] = {name: [] for name in self._outputs}
        dtype = self._input["dtype"]
        with self._lock:
            for picture in inputs["pixels"]:
                tensor = picture[None].astype(dtype)
                if self._scale is not None:
                    tensor *= self._scale
                self._interpreter.set_tensor(self._input["index"], tensor)
                self._interpreter.invoke()
                for name, index in self._outputs.items():
                    results[name].append(np.array(self._interpreter.get_tensor(index)[0]))
        return {name: np.stack(values) for name, values in results.items()}
