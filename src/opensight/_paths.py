"""Where opensight keeps files: the cache (exported ONNX graphs) and the data dir (the store)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def cache_dir() -> Path:
    """The cache directory: ``$OPENSIGHT_CACHE`` or ``~/.cache/opensight`` (created on demand).

    >>> cache_dir().name in {"opensight"} or "OPENSIGHT_CACHE" in os.environ
    True
    """
    configured = os.environ.get("OPENSIGHT_CACHE")
    path = Path(configured).expanduser() if configured else Path(platformdirs.user_cache_dir("opensight"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_dir() -> Path:
    """The data directory holding the store: ``$OPENSIGHT_HOME`` or ``~/.local/share/opensight``.

    >>> data_dir().is_dir()
    True
    """
    configured = os.environ.get("OPENSIGHT_HOME")
    path = Path(configured).expanduser() if configured else Path(platformdirs.user_data_dir("opensight"))
    path.mkdir(parents=True, exist_ok=True)
    return path
