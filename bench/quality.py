"""Quality that holds on data we did not tune on: reading text, hearing speech, finding copies — each on at least
three independent sources, opensight and its peer side by side in the same run.

The parts live in ``_quality_read.py``, ``_quality_speech.py``, ``_speech_memory.py`` (memory on long recordings)
and ``_quality_copies.py`` (each also runs on its own); this script runs them in turn, prints their tables and, with
``--append``, appends them to BENCHMARKS.md.

Usage: python bench/quality.py [--quick] [--append] [--only read|speech|speech-memory|copies]
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

PARTS = {
    "read": "_quality_read",
    "speech": "_quality_speech",
    "speech-memory": "_speech_memory",
    "copies": "_quality_copies",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a small subset of every source (a smoke run)")
    parser.add_argument("--append", action="store_true", help="append the tables to BENCHMARKS.md")
    parser.add_argument("--only", choices=sorted(PARTS), action="append", help="run only this part (repeatable)")
    options = parser.parse_args()
    for name in options.only or list(PARTS):
        module = importlib.import_module(PARTS[name])
        print(module.run(options.append, quick=options.quick), flush=True)


if __name__ == "__main__":
    main()
