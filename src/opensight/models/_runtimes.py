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
from opensight._paths import cache_dir


def thread_count() -> int:
    """Threads one model may use: ``OPENSIGHT_THREADS`` or the number of cores."""
    configured = os.environ.get("OPENSIGHT_THREADS")
    if configured:
        if not configured.isdigit() or int(configured) < 1:
            raise ModelError(f"OPENSIGHT_THREADS must be a positive whole number, got {configured!r}")
        return int(configured)
    return os.cpu_count() or 1


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

        path, threads = self.path, self._threads
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or thread_count()
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        # No busy-waiting between calls: the decode threads need those cores (measured ~8% faster end to end).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        try:
            model = path if isinstance(path, bytes) else str(path)
            session = ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])
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
