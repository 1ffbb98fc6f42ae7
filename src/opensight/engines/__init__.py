"""Batch runs over big folders: the local engine (streaming, resumable) and the Ray engine, same rows.

>>> from opensight.engines import run_job, TaskSpec
>>> summary = run_job(TaskSpec("classify"), ["photos/"], db="results.sqlite")  # doctest: +SKIP
>>> summary.processed, summary.failed  # doctest: +SKIP
(10000, 3)
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from opensight._errors import DecodeError, InputError
from opensight._files import Outputs
from opensight.engines._job import COLUMNS, FileFacts, TaskSpec, file_facts, make_row
from opensight.engines._results import ResultsDB, cli_row, export, export_kind, exported_before, job_key
from opensight.inputs import Item, iter_items
from opensight.store import sha256_file

ENGINES = ("local", "ray")


@dataclass(frozen=True)
class RunSummary:
    """How a batch run ended."""

    run_id: str
    resumed: bool
    total: int
    skipped: int
    processed: int
    failed: int
    seconds: float
    db: Path
    out: Path | None = None


def run_job(
    spec: TaskSpec,
    sources: Sequence[str],
    *,
    db: str | os.PathLike[str] | None = None,
    out: str | os.PathLike[str] | None = None,
    engine: str = "local",
    address: str | None = None,
    resume: bool = False,
    progress: Callable[[int, int], None] | None = None,
    overwrite: bool = False,
) -> RunSummary:
    """Run ``spec`` over every input in ``sources``, writing one row per input into the results database ``db``
    (or, with ``out``, a database beside it and then a .parquet/.csv/.jsonl file). With ``resume`` the latest run
    of the same task over the same sources continues: inputs that already have a row (and whose file is unchanged)
    are skipped, so a run killed at any moment ends with exactly one row per input.

    The database is this job's own and is added to. An ``out`` file that exists is replaced only when this job
    exported it (and it is unchanged since) or with ``overwrite``; never when it is one of the inputs. That is
    decided before any input is processed (an :class:`InputError`)."""
    db_path, out_path = _where_results_go(db, out, engine, address)
    sources = _read_stdin_once(sources)  # the inputs are listed twice (count, then run): stdin can be read once
    total = sum(1 for _ in iter_items(list(sources), extensions=spec.extensions))
    if total == 0:
        what = "recordings" if spec.task == "transcribe" else "pictures"
        raise InputError(f"no {what} found in {', '.join(sources)}")
    if out_path is not None:
        _check_out_file(out_path, db_path, spec, sources, overwrite=overwrite)
    started = time.perf_counter()
    beside = db is None and out_path is not None  # the state kept beside --out, not named by the user
    results = ResultsDB(
        db_path,
        hint=f"choose another --out name (a run's state is kept beside it, in {db_path.name}), or --db FILE for it"
        if beside
        else "choose another --db file",
    )
    try:
        run_id, resumed = results.start_run(spec.describe(), sources, engine, resume=resume)
        done, skipped = [0], [0]

        def advance(count: int) -> None:
            done[0] += count
            if progress is not None:
                progress(done[0], total)

        def skip(count: int) -> None:
            skipped[0] += count
            advance(count)

        todo = _pending(results, run_id, iter_items(list(sources), extensions=spec.extensions), resumed, skip)
        status = "interrupted"
        try:
            _run_on(engine, spec, todo, run_id=run_id, emit=results.write, advance=advance, address=address)
            status = "complete"
            if resumed:  # a file gone since the run began has no row ("5 of 4 inputs processed", its row exported)
                results.keep_only_listed(run_id)
        finally:
            processed, failed = results.finish(run_id, status)
        if out_path is not None:
            export(results, run_id, out_path, overwrite=overwrite)
    finally:
        results.close()
    return RunSummary(
        run_id=run_id,
        resumed=resumed,
        total=total,
        skipped=skipped[0],
        processed=processed,
        failed=failed,
        seconds=time.perf_counter() - started,
        db=db_path,
        out=out_path,
    )


def _where_results_go(
    db: str | os.PathLike[str] | None, out: str | os.PathLike[str] | None, engine: str, address: str | None
) -> tuple[Path, Path | None]:
    """The results database and the exported file (if any); an :class:`InputError` for a bad combination."""
    if engine not in ENGINES:
        raise InputError(f"unknown engine {engine!r}; choose local or ray")
    if address and engine != "ray":
        raise InputError("--address only makes sense with --engine ray")
    out_path = Path(out) if out is not None else None
    if out_path is not None:
        export_kind(out_path)  # before any work: a wrong name found at the end threw the whole run away
    db_path = Path(db) if db is not None else (out_path.with_name(out_path.name + ".sqlite") if out_path else None)
    if db_path is None:
        raise InputError("say where results go: --db results.sqlite, or --out results.parquet|.csv|.jsonl")
    return db_path, out_path


def _check_out_file(out_path: Path, db_path: Path, spec: TaskSpec, sources: list[str], *, overwrite: bool) -> None:
    """An ``out`` file that exists may be replaced only when this job exported it or with ``overwrite``, and never
    when it is an input, a folder or a device (raises :class:`InputError` before anything is processed)."""
    outputs = Outputs(overwrite=overwrite)
    outputs.add_inputs(item.path for item in iter_items(list(sources), extensions=spec.extensions) if item.path)
    job = job_key(spec.describe(), sources)
    if not overwrite and os.path.lexists(out_path) and not exported_before(db_path, out_path, job):
        outputs.check(out_path, atomic=True)  # raises: it exists and is not this job's export
    elif overwrite:
        outputs.check(out_path, atomic=True)  # an input, a folder or a device is refused even so


def _run_on(
    engine: str,
    spec: TaskSpec,
    todo: Iterable[Item],
    *,
    run_id: str,
    emit: Callable[[list[tuple[Any, ...]]], None],
    advance: Callable[[int], None],
    address: str | None,
) -> None:
    """Run the job's pending inputs on the chosen engine."""
    if engine == "local":
        from opensight.engines.local import run_local

        run_local(spec, todo, run_id=run_id, emit=emit, advance=advance)
    else:
        from opensight.engines.ray import run_ray

        run_ray(spec, todo, run_id=run_id, emit=emit, advance=advance, address=address)


def _read_stdin_once(sources: Sequence[str]) -> list[str]:
    expanded: list[str] = []
    for source in sources:
        if source == "-":
            expanded.extend(line.rstrip("\r\n") for line in sys.stdin if line.strip())
        else:
            expanded.append(source)
    return expanded


def _pending(
    results: ResultsDB, run_id: str, items: Iterator[Item], resumed: bool, advance: Callable[[int], None]
) -> Iterator[Item]:
    """The items still to do: all of them for a new run; for a resumed run, those without a good row or whose
    file changed (size/mtime differ and the sha256 too). Looked up in chunks: memory stays flat."""
    if not resumed:
        yield from items
        return
    chunk: list[Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == 512:
            yield from _filter(results, run_id, chunk, advance)
            chunk = []
    yield from _filter(results, run_id, chunk, advance)


def _filter(results: ResultsDB, run_id: str, chunk: list[Item], advance: Callable[[int], None]) -> Iterable[Item]:
    done = results.done(run_id, [item.name for item in chunk], listed=True)
    for item in chunk:
        known = done.get(item.name)
        if known is not None and item.path is not None and _unchanged(item.path, *known):
            advance(1)
            continue
        yield item


def _unchanged(path: Path, size: int | None, mtime: float | None, digest: str | None) -> bool:
    try:
        info = path.stat()
        if info.st_size == size and info.st_mtime == mtime:
            return True
        return digest is not None and sha256_file(path) == digest
    except (OSError, DecodeError):
        return False


__all__ = [
    "COLUMNS",
    "ENGINES",
    "FileFacts",
    "ResultsDB",
    "RunSummary",
    "TaskSpec",
    "cli_row",
    "export",
    "file_facts",
    "make_row",
    "run_job",
]
