"""The run that closes a model file's checks (:mod:`opensight._osm_graph`): the blank input its graph must take
(:class:`Probe`: a picture, a sound window or landmark features) and one ONNX Runtime run on it, under a memory cap
and a time limit, that must give probabilities."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

import numpy as np

from opensight._osm_schema import refuse

logger = logging.getLogger("opensight")

#: The trial run's memory arena and time limit.
TRIAL_MEMORY = 1 << 30
TRIAL_SECONDS = 30.0
_arena_lock = threading.Lock()
_arena_registered = False


@dataclass(frozen=True)
class Probe:
    """The input a model file's graph must take, and the one blank input its checks and trial run use: ``pixels``
    uint8 [batch, size, size, 3] for a picture model, ``audio`` float [batch, samples] for a sound model (checked
    and tried on one window of ``samples``)."""

    name: str
    dims: tuple[int, ...]  # after the batch axis
    trial: tuple[int, ...]
    dtype: type[np.generic]

    @classmethod
    def for_model(cls, *, size: int | None, audio_samples: int | None, features: int | None = None) -> Probe:
        if audio_samples is not None:
            return cls("audio", (audio_samples,), (1, audio_samples), np.float32)
        if features is not None:
            return cls("features", (features,), (1, features), np.float32)
        assert size is not None
        return cls("pixels", (size, size, 3), (1, size, size, 3), np.uint8)

    def blank(self) -> np.ndarray:
        return np.zeros(self.trial, self.dtype)


def first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    line = text[0] if text else type(error).__name__
    return line if len(line) <= 200 else line[:197] + "..."


def _env_arena() -> bool:
    """Register (once per process) the capped CPU arena that trial sessions allocate from."""
    global _arena_registered
    import onnxruntime as ort

    with _arena_lock:
        if not _arena_registered:
            memory = ort.OrtMemoryInfo("Cpu", ort.OrtAllocatorType.ORT_ARENA_ALLOCATOR, 0, ort.OrtMemType.DEFAULT)
            try:
                ort.create_and_register_allocator(memory, ort.OrtArenaCfg(TRIAL_MEMORY, -1, -1, -1))
                _arena_registered = True
            except Exception as error:  # registered elsewhere in this process: that arena is shared
                logger.debug("could not register the trial arena (%s); the trial run is not memory-capped", error)
                return False
        return True


def trial_run(path: object, graph: bytes, probe: Probe, labels: int) -> None:
    """Build an ONNX Runtime session like prediction's, run it once on a blank picture under a memory cap and a
    time limit, and check it gives ``labels`` probabilities."""
    import onnxruntime as ort

    from opensight._settings import thread_count

    options = ort.SessionOptions()
    options.intra_op_num_threads = thread_count()
    options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.log_severity_level = 4  # the sentence below says it; ONNX Runtime's own log would repeat it
    if _env_arena():
        options.add_session_config_entry("session.use_env_allocators", "1")
    try:
        session = ort.InferenceSession(graph, options, providers=["CPUExecutionProvider"])
    except Exception as error:  # ORT raises its own untyped exceptions
        raise refuse(path, "model.onnx", f"ONNX Runtime cannot load the graph ({_short(error)})") from None
    run = ort.RunOptions()
    run.log_severity_level = 4
    run.add_run_config_entry("memory.enable_memory_arena_shrinkage", "cpu:0")  # give the memory back afterwards
    timer = threading.Timer(TRIAL_SECONDS, setattr, args=(run, "terminate", True))
    timer.start()
    try:
        outputs = session.run(["probabilities"], {probe.name: probe.blank()}, run)
    except Exception as error:
        text = str(error)
        if "terminate" in text:
            why = f"took more than {TRIAL_SECONDS:g} s on one blank picture"
        elif "BFCArena" in text or "Available memory" in text or "bad_alloc" in text:
            why = f"needs more than {TRIAL_MEMORY >> 30} GiB of memory for one blank picture"
        else:
            why = f"fails on a blank picture ({_short(error)})"
        raise refuse(path, "model.onnx", f"a trial run {why}") from None
    finally:
        timer.cancel()
    probabilities = np.asarray(outputs[0])
    fine = (
        probabilities.shape == (1, labels)
        and bool(np.isfinite(probabilities).all())
        and bool(((probabilities >= -1e-6) & (probabilities <= 1 + 1e-6)).all())
        and abs(float(probabilities.sum()) - 1.0) < 1e-3
    )
    if not fine:
        raise refuse(
            path,
            "model.onnx",
            f"on a blank picture the graph gave {probabilities.shape} values that are not {labels} probabilities "
            "adding up to 1",
        )


def _short(error: BaseException) -> str:
    """ONNX Runtime's message without its source paths: the last part, at most 200 characters."""
    line = first_line(error)
    tail = line.rsplit("] ", 1)[-1]
    return tail if len(tail) <= 200 else tail[:197] + "..."
