"""The local engine: one process, streaming with bounded queues (hash and decode ahead while the model runs)."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from typing import Any

from opensight._concurrency import ordered_map
from opensight.engines._job import FileFacts, TaskSpec, file_facts, make_row
from opensight.inputs import Item

#: Rows per database transaction (and the most a kill -9 can cost: they are simply done again on resume).
FLUSH_ROWS = 64


def run_local(
    spec: TaskSpec,
    items: Iterable[Item],
    *,
    run_id: str,
    emit: Callable[[list[tuple[Any, ...]]], None],
    advance: Callable[[int], None],
) -> None:
    """Process ``items`` and hand rows to ``emit`` in small batches, in input order."""
    task = spec.build()
    facts: deque[Future[FileFacts]] = deque()

    def hashed() -> Iterator[Item]:
        for item, future in ordered_map(file_facts, items, workers=2, window=4 * spec.batch_size):
            facts.append(future)
            yield item

    outcomes: list[Any] = []
    started = time.perf_counter()
    for outcome in task.stream(hashed()):
        outcomes.append((outcome, facts.popleft().result()))
        if len(outcomes) >= FLUSH_ROWS:
            started = _flush(run_id, outcomes, started, emit, advance)
            outcomes = []
    if outcomes:
        _flush(run_id, outcomes, started, emit, advance)


def _flush(
    run_id: str,
    outcomes: list[Any],
    started: float,
    emit: Callable[[list[tuple[Any, ...]]], None],
    advance: Callable[[int], None],
) -> float:
    now = time.perf_counter()
    each = (now - started) * 1000 / len(outcomes)  # wall time per input, amortised over the chunk
    emit([make_row(run_id, outcome, facts, each) for outcome, facts in outcomes])
    advance(len(outcomes))
    return now
