"""The sentences of the read benchmark (bench/_quality_read.py), from four corpora that install offline: the
licence texts (``/usr/share/common-licenses``), package README files and changelogs (``/usr/share/doc``), words of
Debian's ``wamerican`` dictionary, and the Python standard library's docstrings."""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np


def clean(text: str) -> str:
    """The text with every run of whitespace one space."""
    return " ".join(text.split())


def _is_plain(text: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z0-9 ,.;:'()/&%-]+", text)) and sum(c.isalpha() for c in text) > 10


def licences() -> list[str]:
    found = []
    for path in sorted(Path("/usr/share/common-licenses").iterdir()):
        if path.is_file():
            text = clean(path.read_text(errors="replace"))
            found += [s for s in re.split(r"(?<=[.;:])\s+", text) if _is_plain(s)]
    return found


def docs() -> list[str]:
    found = []
    for folder in sorted(Path("/usr/share/doc").iterdir()):
        for path in sorted(folder.glob("README*")) + sorted(folder.glob("changelog.Debian.gz"))[:1]:
            try:
                raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
            except (OSError, EOFError):
                continue
            for line in raw.decode(errors="replace").splitlines()[:80]:
                line = clean(line.lstrip(" *-#"))
                if _is_plain(line) and not line.startswith("--"):
                    found.append(line)
    return found


def dictionary() -> list[str]:
    path = Path("/usr/share/dict/american-english")
    if not path.is_file():
        raise RuntimeError(f"{path} is missing: `make setup` installs the Debian package wamerican")
    words = [w for w in path.read_text().split() if re.fullmatch(r"[A-Za-z]{2,12}", w)]
    rng = np.random.default_rng(99)
    return [" ".join(rng.choice(words, int(rng.integers(3, 9)))) for _ in range(4000)]


STDLIB_MODULES = (  # noqa: SIM905 (a list of names reads better as words)
    "argparse asyncio base64 bisect calendar collections contextlib csv dataclasses datetime decimal difflib "
    "email fractions functools gettext glob heapq hmac html http imaplib inspect ipaddress json locale logging "
    "mailbox mimetypes numbers optparse pathlib pickle platform pprint queue random shlex shutil smtplib socket "
    "sqlite3 statistics string tarfile tempfile textwrap threading timeit tokenize trace unittest urllib uuid "
    "wave weakref zipfile zlib"
).split()


def stdlib() -> list[str]:
    import importlib
    import inspect
    import warnings

    found = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name in STDLIB_MODULES:
            module = importlib.import_module(name)
            texts = [module.__doc__ or ""]
            # the module's own names (not its submodules: which of those are attributes depends on what was imported)
            names = [attr for attr in sorted(dir(module)) if not inspect.ismodule(getattr(module, attr))][:60]
            texts += [getattr(getattr(module, attr), "__doc__", None) or "" for attr in names]
            for text in texts:
                if not isinstance(text, str):
                    continue
                found += [s for s in re.split(r"(?<=[.;:])\s+", clean(text)) if _is_plain(s)]
    return sorted(set(found))  # one docstring is often inherited by many names


SOURCES: dict[str, Callable[[], list[str]]] = {
    "licences": licences,
    "docs": docs,
    "dict": dictionary,
    "stdlib": stdlib,
}
