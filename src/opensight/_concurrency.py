"""One bounded, ordered thread-pool map: the prefetch used by tasks and engines alike."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")
U = TypeVar("U")


def ordered_map(
    function: Callable[[T], U], items: Iterable[T], *, workers: int, window: int
) -> Iterator[tuple[T, Future[U]]]:
    """Run ``function`` over ``items`` in ``workers`` threads with at most ``window`` in flight (so memory stays
    flat however many items come), yielding ``(item, future)`` in input order.

    >>> [future.result() for _, future in ordered_map(lambda x: x * x, range(5), workers=2, window=2)]
    [0, 1, 4, 9, 16]
    """
    source = iter(items)
    pending: deque[tuple[T, Future[U]]] = deque()
    pool = ThreadPoolExecutor(workers, thread_name_prefix="opensight")

    def fill() -> None:
        while len(pending) < window:
            try:
                item = next(source)
            except StopIteration:
                return
            pending.append((item, pool.submit(function, item)))

    try:
        fill()
        while pending:
            item, future = pending.popleft()
            fill()
            yield item, future
    except BaseException:  # the consumer stopped early (or failed): drop the work not yet yielded
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=False)  # every future has been handed out: let the running ones finish
