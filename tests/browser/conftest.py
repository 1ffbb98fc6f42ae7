"""Browser tests drive Debian's Chromium (never a downloaded one) against a real server."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from playwright.sync_api import Page

from tests._media import write_wav
from tests._server import Server, running_server, teaching_pictures
from tests.conftest import OUTPUT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


#: The fake microphone's beeps: 440 Hz, 0.5 s on (at half of full scale), 0.25 s of faint hiss, looped by Chromium.
BEEP_HZ = 440.0


def beeps(path: Path, rate: int = 48_000) -> Path:
    """What the fake microphone hears (a generated WAV: the tests never download media)."""
    on = np.arange(int(0.5 * rate)) / rate
    tone = 0.5 * np.sin(2 * np.pi * BEEP_HZ * on) * np.minimum(1.0, np.minimum(on, 0.5 - on) * 100)
    hiss = np.random.default_rng(0).normal(0.0, 0.003, int(0.25 * rate))
    return write_wav(path, np.concatenate([tone, hiss]).astype(np.float32), rate)


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: `make setup` installs the Debian package (apt-get install chromium)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--use-fake-ui-for-media-stream",  # a webcam that always says yes and shows a test pattern
            "--use-fake-device-for-media-stream",
            # a microphone that hears generated beeps (test_studio_sounds.py records them)
            f"--use-file-for-fake-audio-capture={beeps(tmp_path_factory.mktemp('fake-mic') / 'beeps.wav')}",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "viewport": {"width": 1280, "height": 800}, "accept_downloads": True}


SHOTS = OUTPUT / "screenshots"


def shoot(page: Page, name: str) -> None:
    """A full-page screenshot into test-output/screenshots/NAME.png, for people to look at."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


def no_page_errors(page: Page) -> list[str]:
    """The page's uncaught errors, collected from now on (a test asserts the list stays empty)."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


@pytest.fixture(scope="module")
def pictures(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Teaching pictures: cat/ and coffee/ (crops, mirrors and exposures of two sample photos)."""
    return teaching_pictures(tmp_path_factory.mktemp("pictures"))


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The Studio's data dir, shared by the tests of one module (its projects survive a restart); removed after it."""
    folder = tmp_path_factory.mktemp("studio-home")
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def studio(home: Path) -> Iterator[Server]:
    """`opensight studio` as a real process on a free port, with the module's data dir."""
    with running_server(["studio"], home=home, log=home / "server.log") as server:
        yield server
