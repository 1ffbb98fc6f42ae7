"""The Ray engine: the same job as the local engine on a Ray cluster, with the same rows.

Pipeline (Ray Data): the input list → ``map_batches`` on an actor pool (one actor per CPU) whose actors load the
model once, then hash, decode, preprocess (the same code as the local engine) and predict each batch → rows back
to the driver, which writes them exactly as the local engine does. ``pip install 'opensight[ray]'``.
"""

from __future__ import annotations

import logging
import os
import socket
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import numpy as np

from opensight._errors import InputError, ModelNotInstalledError, OpensightError
from opensight.engines._job import COLUMNS, FileFacts, TaskSpec, file_facts, make_row
from opensight.inputs import Item
from opensight.tasks._base import Prepared

#: Seconds to wait for a cluster address to answer before giving up with a clear error.
CONNECT_TIMEOUT = 10.0


def run_ray(
    spec: TaskSpec,
    items: Iterable[Item],
    *,
    run_id: str,
    emit: Callable[[list[tuple[Any, ...]]], None],
    advance: Callable[[int], None],
    address: str | None,
) -> None:
    """Run the job on Ray (joining ``address``, or a local Ray started and stopped here)."""
    ray = _import_ray()
    started_here = _connect(ray, address)
    _quiet()
    try:
        rows = [{"name": item.name, "path": str(item.path or ""), "problem": item.problem or ""} for item in items]
        if not rows:
            return
        cpus = max(1, int(ray.cluster_resources().get("CPU", 1)))
        context = ray.data.DataContext.get_current()
        context.execution_options.preserve_order = True
        context.enable_progress_bars = False
        dataset = ray.data.from_items(rows, override_num_blocks=max(1, min(len(rows) // spec.batch_size, 4 * cpus)))
        # One actor per CPU; each reads, hashes, decodes AND predicts its batches. (Separate read tasks feeding an
        # actor pool starve when actors take every CPU — it hangs on 2 cores, NOTES.md — and with half the CPUs
        # for each stage it ran at half the local engine's speed. Ray Data fused the two stages anyway.)
        predicted = dataset.map_batches(
            _Predictor,
            fn_constructor_kwargs={"spec": spec, "run_id": run_id},
            batch_size=spec.batch_size,
            batch_format="numpy",
            compute=ray.data.ActorPoolStrategy(size=cpus),
            num_cpus=1,
        )
        for batch in predicted.iter_batches(batch_size=64, batch_format="numpy"):
            chunk = [tuple(_plain(batch[column][i]) for column in COLUMNS) for i in range(len(batch["path"]))]
            emit(chunk)
            advance(len(chunk))
    finally:
        if started_here:
            ray.shutdown()


def _prepare_batch(batch: dict[str, np.ndarray], task: Any) -> dict[str, np.ndarray]:
    """Hash, decode and preprocess a batch of paths, exactly as the local engine does."""
    count = len(batch["name"])
    pixels = np.zeros((count, *task.input_shape), dtype=np.uint8)
    sizes_wh = np.zeros((count, 2), dtype=np.int64)
    errors, digests, sizes, mtimes, took = [], [], [], [], []
    for index in range(count):
        started = time.perf_counter()
        item = _item(batch, index)
        facts = file_facts(item)
        try:
            pixels[index], sizes_wh[index] = task.prepare(item)
            errors.append("")
        except OpensightError as error:
            errors.append(str(error))
        digests.append(facts.sha256 or "")
        sizes.append(-1 if facts.size is None else facts.size)
        mtimes.append(np.nan if facts.mtime is None else facts.mtime)
        took.append((time.perf_counter() - started) * 1000)
    return {
        "name": batch["name"],
        "pixels": pixels,
        "error": np.array(errors, dtype=object),
        "sha256": np.array(digests, dtype=object),
        "size": np.array(sizes, dtype=np.int64),
        "mtime": np.array(mtimes, dtype=np.float64),
        "prepare_ms": np.array(took, dtype=np.float64),
        "original_size": sizes_wh,
    }


class _Predictor:
    """An actor: loads the model once, then turns prepared batches into result rows."""

    def __init__(self, spec: TaskSpec, run_id: str) -> None:
        self.task = spec.build(threads=1)
        self.run_id = run_id

    def __call__(self, paths: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        if not self.task.same_size:  # OCR, speech: inputs of their own size go through the task one by one
            return self._one_by_one(paths)
        batch = _prepare_batch(paths, self.task)
        started = time.perf_counter()
        prepared: list[tuple[Item, Prepared | OpensightError]] = []
        for index, name in enumerate(batch["name"]):
            error = str(batch["error"][index])
            wh = (int(batch["original_size"][index][0]), int(batch["original_size"][index][1]))
            prepared.append((Item(str(name)), OpensightError(error) if error else (batch["pixels"][index], wh)))
        outcomes = list(self.task.run_prepared(prepared))
        forward_ms = (time.perf_counter() - started) * 1000 / max(1, len(outcomes))
        rows = []
        for index, outcome in enumerate(outcomes):
            size = int(batch["size"][index])
            mtime = float(batch["mtime"][index])
            facts = FileFacts(
                sha256=str(batch["sha256"][index]) or None,
                size=None if size < 0 else size,
                mtime=None if np.isnan(mtime) else mtime,
            )
            rows.append(make_row(self.run_id, outcome, facts, float(batch["prepare_ms"][index]) + forward_ms))
        return _columns(rows)

    def _one_by_one(self, paths: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        rows = []
        for index in range(len(paths["name"])):
            started = time.perf_counter()
            item = _item(paths, index)
            facts = file_facts(item)
            outcome = self.task.run_items([item])[0]
            rows.append(make_row(self.run_id, outcome, facts, (time.perf_counter() - started) * 1000))
        return _columns(rows)


def _columns(rows: list[tuple[Any, ...]]) -> dict[str, np.ndarray]:
    return {column: np.array([row[i] for row in rows], dtype=object) for i, column in enumerate(COLUMNS)}


def _item(batch: dict[str, np.ndarray], index: int) -> Item:
    path, problem = str(batch["path"][index]), str(batch["problem"][index])
    return Item(name=str(batch["name"][index]), path=Path(path) if path else None, problem=problem or None)


def _plain(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    return value


def _import_ray() -> Any:
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    try:
        import ray
        import ray.data
    except ImportError:
        raise ModelNotInstalledError(
            "the Ray engine needs Ray; install it with `pip install 'opensight[ray]'`"
        ) from None
    return ray


def _connect(ray: Any, address: str | None) -> bool:
    """Join ``address`` (checked to answer within CONNECT_TIMEOUT) or start a local Ray; True if started here."""
    if ray.is_initialized():
        return False
    if address:
        host, _, port = address.rpartition(":")
        if not host or not port.isdigit():
            raise InputError(f"--address must look like HOST:PORT (e.g. 127.0.0.2:6379), got {address!r}")
        try:
            socket.create_connection((host, int(port)), timeout=CONNECT_TIMEOUT).close()
        except OSError as error:
            raise InputError(
                f"no Ray cluster answers at {address} ({error.strerror or error}); start one with "
                f"`ray start --head --port={port}` or check the address"
            ) from None
        ray.init(address=address, logging_level="ERROR", log_to_driver=False, runtime_env=_same_threads())
        return True
    # A local Ray stays on loopback (Ray turns 127.0.0.1 into the machine's address, but keeps 127.0.0.2).
    loopback = {"_node_ip_address": "127.0.0.2"} if sys.platform.startswith("linux") else {}
    ray.init(
        num_cpus=os.cpu_count(),
        include_dashboard=False,
        logging_level="ERROR",
        log_to_driver=False,
        runtime_env=_same_threads(),
        **loopback,
    )
    return True


def _same_threads() -> dict[str, Any]:
    """The workers' OpenMP threads as this process has them. Ray gives a worker of one CPU ``OMP_NUM_THREADS=1``,
    and Whisper (CTranslate2) then transcribed a recording differently ("And Mr. John Dashwood …" where the local
    run, with OpenMP's default of one thread a core, heard "Mr. John Dashwood …"): results must be the local run's."""
    return {"env_vars": {"OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS") or str(os.cpu_count() or 1)}}


def _quiet() -> None:
    logging.getLogger("ray").setLevel(logging.ERROR)
    logging.getLogger("ray.data").setLevel(logging.ERROR)
