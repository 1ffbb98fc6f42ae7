"""First-use export: atomic, verified, and safe when two processes do it at the same moment."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from tests.conftest import OPENSIGHT


def test_two_processes_exporting_at_once_both_succeed(tmp_path: Path, photos: Path) -> None:
    cache = tmp_path / "fresh-cache"
    env = {**os.environ, "OPENSIGHT_CACHE": str(cache)}
    command = [OPENSIGHT, "classify", str(photos / "coffee.jpg"), "--format", "jsonl"]
    processes = [
        subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)
    ]
    results = [process.communicate(timeout=300) for process in processes]
    for process, (out, err) in zip(processes, results, strict=True):
        assert process.returncode == 0, err
        assert json.loads(out)["label"] == "espresso"
    graphs = list((cache / "onnx").glob("*.onnx"))
    assert len(graphs) == 1
    assert not list((cache / "onnx").glob("*.tmp"))  # no half-written leftovers
    # A third run reuses the graph instead of exporting again.
    before = graphs[0].stat().st_mtime_ns
    subprocess.run(command, env=env, check=True, capture_output=True)
    assert graphs[0].stat().st_mtime_ns == before
