"""A Studio sound project in a real Chromium with a fake microphone (issue 17, parts 5 and 6).

Chromium's fake audio device plays the beeps of ``conftest.beeps`` (440 Hz); the page records them by holding a
button (pointer or Space), shows a live level meter, uploads each recording as a 16 kHz mono 16-bit WAV, plays the
examples back, refuses a file that is not audio with a sentence, trains, shows players in the evaluation, listens
live, and the downloaded ``.osm`` answers ``opensight predict`` in a subprocess.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import wave
from pathlib import Path

import numpy as np
import pytest
from playwright.sync_api import Page, expect

from tests._media import espeak, write_wav
from tests._server import Server
from tests.browser.conftest import BEEP_HZ, no_page_errors, shoot

API = "/studio/api/projects"

#: Keeps every track the page asks for in ``window.__tracks`` (the test reads their ``readyState``).
RECORD_TRACKS = """
window.__tracks = [];
const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
navigator.mediaDevices.getUserMedia = async (constraints) => {
  const stream = await original(constraints);
  window.__tracks.push(...stream.getTracks());
  return stream;
};
"""


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    """Generated examples: "yes" in three espeak-ng voices, and three seconds of room noise in three pieces."""
    folder = tmp_path_factory.mktemp("clips")
    said = [espeak("yes", folder / f"yes{i}.wav", speed=130 + 20 * i, pitch=40 + 10 * i) for i in range(3)]
    rng = np.random.default_rng(1)
    noise = [write_wav(folder / f"room{i}.wav", rng.normal(0, 0.02, 16_000).astype(np.float32)) for i in range(3)]
    return {"yes": said, "background noise": noise}


def wav_facts(data: bytes) -> tuple[int, int, int, np.ndarray]:
    """Channels, sample width, rate and the samples (float) of a WAV file's bytes."""
    with wave.open(io.BytesIO(data), "rb") as clip:
        frames = clip.readframes(clip.getnframes())
        facts = clip.getnchannels(), clip.getsampwidth(), clip.getframerate()
    return (*facts, np.frombuffer(frames, dtype="<i2").astype(np.float32) / 32768)


def hold(page: Page, button: str, card_selector: str, seconds: float) -> None:
    """Hold the pointer on ``button`` for ``seconds``."""
    page.locator(card_selector).get_by_role("button", name=button).hover()
    page.mouse.down()
    page.wait_for_timeout(int(seconds * 1000))
    page.mouse.up()


def test_a_sound_project_from_microphone_to_model_file(
    studio: Server, page: Page, clips: dict[str, list[Path]], tmp_path: Path
) -> None:
    errors = no_page_errors(page)
    page.add_init_script(RECORD_TRACKS)
    page.goto(f"{studio.url}/studio/")
    page.get_by_label("New model").fill("Words")
    page.get_by_label("Sounds").check()
    page.get_by_role("button", name="Create").click()
    expect(page.get_by_role("heading", name="Words")).to_be_visible()
    for label in ("yes", "background noise"):
        page.get_by_label("New class").fill(label)
        page.get_by_role("button", name="Add class").click()
        expect(page.locator(f'article[data-class="{label}"]')).to_be_visible()
    pid = page.evaluate("location.hash").split("/")[-1]

    # record: the level meter moves with the beeps; holding the button records one clip, Space another
    yes = 'article[data-class="yes"]'
    page.locator(yes).get_by_role("button", name="Record", exact=True).click()
    record = page.get_by_role("button", name="Hold to record into yes")
    expect(record).to_be_visible()
    page.wait_for_function(f"() => document.querySelector('{yes} meter').value > 0.3", timeout=10_000)
    hold(page, "Hold to record into yes", yes, 1.3)
    expect(page.locator(f"{yes} .sounds audio")).to_have_count(1)
    expect(page.locator("#toast")).to_contain_text("Added 1 recording to yes")
    record.focus()
    page.keyboard.down("Space")
    page.wait_for_timeout(900)
    page.keyboard.up("Space")
    expect(page.locator(f"{yes} .sounds audio")).to_have_count(2)
    expect(record).to_be_focused()
    shoot(page, "30-sound-recording")

    # the recordings are 16 kHz mono 16-bit WAVs of what the microphone heard: the beeps at their pitch
    with studio.client() as http:
        project = http.get(f"{API}/{pid}").json()
        assert project["kind"] == "sounds"
        files = next(c["pictures"] for c in project["classes"] if c["name"] == "yes")
        clip = http.get(f"{API}/{pid}/classes/yes/pictures/{files[0]}").content
    channels, width, rate, samples = wav_facts(clip)
    assert (channels, width, rate) == (1, 2, 16_000)
    assert 0.8 < samples.size / rate < 2.5, samples.size / rate
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(samples.size)))
    peak = np.argmax(spectrum) * rate / samples.size
    assert abs(peak - BEEP_HZ) < 5, f"the loudest pitch is {peak:.1f} Hz, the microphone beeps at {BEEP_HZ} Hz"

    # the recorder closes: its microphone track ends
    page.locator(yes).get_by_role("button", name="Close the microphone").click()
    expect(record).to_have_count(0)
    page.wait_for_function("window.__tracks.length > 0 && window.__tracks.every((t) => t.readyState === 'ended')")

    # files: WAVs are added (with players); a text file and an empty one are refused with a sentence
    noise_card = 'article[data-class="background noise"]'
    page.locator(f'{noise_card} input[type="file"]').set_input_files(clips["background noise"])
    expect(page.locator(f"{noise_card} .sounds audio")).to_have_count(3)
    page.locator(f'{yes} input[type="file"]').set_input_files(clips["yes"])
    expect(page.locator(f"{yes} .sounds audio")).to_have_count(5)
    notes = tmp_path / "notes.wav"
    notes.write_text("just some notes, not a recording")
    empty = tmp_path / "empty.wav"
    empty.write_bytes(b"")
    page.locator(f'{yes} input[type="file"]').set_input_files([notes, empty])
    expect(page.locator("#toast")).to_contain_text("notes.wav: this file is not audio")
    expect(page.locator("#toast")).to_contain_text("empty.wav: this file is empty")
    expect(page.locator(f"{yes} .sounds audio")).to_have_count(5)

    # train; the evaluation's confusion cells hold players
    page.get_by_role("button", name="Train", exact=True).click()
    expect(page.locator("#accuracy-sentence")).to_be_visible(timeout=120_000)
    page.locator("table.confusion td.right button").first.click()
    expect(page.locator("#cell-pictures audio").first).to_be_visible()
    # each player says which recording it plays, by the name the person gave it (a trial: bare players)
    caption = page.locator("#cell-pictures .sound-example span").first
    expect(caption).to_have_text(re.compile(r"^(yes|background noise)/[^/]+\.(wav|webm|ogg)( @ .+)?$"))
    expect(page.locator("#download-web")).to_have_count(0)
    expect(page.get_by_text("Download as a web page is for picture models")).to_be_visible()
    expect(page.locator("#snippet-http")).to_contain_text("-F file=@clip.wav")
    shoot(page, "31-sound-trained")

    # listen live: the label of the last second shows, and keeps coming; stopping ends the microphone
    page.get_by_role("button", name="Listen", exact=True).click()
    answer = page.locator("#listen-answer")
    expect(answer).to_have_text(re.compile(r"^(yes|background noise|Unsure — best guess: .+) \(\d"), timeout=20_000)
    page.wait_for_function("() => Number(document.querySelector('#listen-answer').dataset.heard) >= 3")
    page.get_by_role("button", name="Stop listening").click()
    page.wait_for_function("window.__tracks.every((t) => t.readyState === 'ended')")

    # the model file answers on the command line
    with page.expect_download() as download:
        page.locator("#download-osm").click()
    model = tmp_path / "words.osm"
    download.value.save_as(model)
    done = subprocess.run(
        [sys.executable, "-m", "opensight", "predict", str(model), str(clips["yes"][0]), "--format", "jsonl"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    row = json.loads(done.stdout.strip().splitlines()[0])
    assert row["label"] in ("yes", "background noise", "unsure"), row
    assert errors == []
