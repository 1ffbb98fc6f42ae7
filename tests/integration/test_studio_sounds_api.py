"""The Studio's routes for sound projects on a real server (issue 17, parts 5 and 6): a project is pictures or
sounds, recordings are checked as audio by their content (415 with a sentence otherwise), a trained sound project
hears raw samples (POST .../hear), and every new route sits behind the Guard."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from opensight.serve._projects import Projects
from tests._media import espeak, read_wav, write_wav
from tests._server import Server, running_server, wait_trained

API = "/studio/api/projects"


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    home = tmp_path_factory.mktemp("studio-home")
    with running_server(["studio"], home=home, log=home / "server.log") as server:
        yield server


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    folder = tmp_path_factory.mktemp("clips")
    rng = np.random.default_rng(2)
    return {
        "yes": [espeak("yes", folder / f"yes{i}.wav", speed=130 + 25 * i) for i in range(3)],
        "background noise": [
            write_wav(folder / f"room{i}.wav", rng.normal(0, 0.02, 12_000).astype(np.float32)) for i in range(3)
        ],
    }


def sound_project(studio: Server, name: str, clips: dict[str, list[Path]] | None = None) -> str:
    with studio.client() as http:
        answer = http.post(API, json={"name": name, "kind": "sounds"})
        assert answer.status_code == 201, answer.text
        assert answer.json()["kind"] == "sounds"
        pid: str = answer.json()["id"]
        for label in ("yes", "background noise"):
            assert http.post(f"{API}/{pid}/classes", json={"name": label}).status_code == 201
            for path in (clips or {}).get(label, []):
                files = [("files", (path.name, path.read_bytes()))]
                sent = http.post(f"{API}/{pid}/classes/{label}/sounds", files=files)
                assert sent.status_code == 200, sent.text
    return pid


def trained(studio: Server, pid: str) -> None:
    with studio.client() as http:
        assert http.post(f"{API}/{pid}/train").status_code == 202
        job = wait_trained(http, pid, seconds=180)
        assert job["state"] == "done", job


def test_a_project_is_pictures_unless_sounds_are_chosen(studio: Server, tmp_path: Path) -> None:
    with studio.client() as http:
        assert http.post(API, json={"name": "Plain"}).json()["kind"] == "pictures"
        refused = http.post(API, json={"name": "Odd", "kind": "smells"})
        assert refused.status_code == 400
        assert refused.json()["detail"] == "a project learns 'pictures', 'sounds', 'poses' or 'hands', not 'smells'"
    # a project written before projects had a kind is a picture project
    projects = Projects(tmp_path)
    old = projects.create("Old")
    (old.folder / "project.json").write_text('{"id": "old", "name": "Old", "created": "2025-01-01"}')
    assert projects.get("old").kind == "pictures"


def test_recordings_are_checked_by_content(studio: Server, clips: dict[str, list[Path]]) -> None:
    pid = sound_project(studio, "Checked")
    url = f"{API}/{pid}/classes/yes/sounds"
    with studio.client() as http:
        good = http.post(url, files=[("files", ("a.wav", clips["yes"][0].read_bytes()))]).json()
        assert len(good["added"]) == 1
        assert good["added"][0].endswith(".wav")
        again = http.post(url, files=[("files", ("b.wav", clips["yes"][0].read_bytes()))]).json()
        assert again["added"] == []
        assert again["identical"] == [{"name": "b.wav", "file": good["added"][0]}]
        text = http.post(url, files=[("files", ("notes.wav", b"just some notes, not a recording"))])
        assert text.status_code == 415
        assert text.json()["detail"].startswith("this file is not audio (it looks like plain text)")
        assert "choose a recording" in text.json()["detail"]
        empty = http.post(url, files=[("files", ("empty.wav", b""))])
        assert empty.status_code == 400
        assert empty.json()["detail"] == "this file is empty (0 bytes); record or choose it again"
        pdf_and_wav = [("files", ("x.txt", b"%PDF-1.7")), ("files", ("c.wav", clips["yes"][1].read_bytes()))]
        mixed = http.post(url, files=pdf_and_wav)
        assert mixed.status_code == 200
        assert [r["name"] for r in mixed.json()["refused"]] == ["x.txt"]
        assert "it looks like a PDF document" in mixed.json()["refused"][0]["reason"]
        # a picture is not a recording, and a recording is not a picture
        wav = [("files", ("a.wav", clips["yes"][0].read_bytes()))]
        picture = http.post(f"{API}/{pid}/classes/yes/pictures", files=wav)
        assert picture.status_code == 409
        assert picture.json()["detail"] == "'Checked' learns sounds: add recordings, not pictures"
        listed = http.get(f"{API}/{pid}").json()
        assert [len(c["pictures"]) for c in listed["classes"]] == [2, 0]
        played = http.get(f"{API}/{pid}/classes/yes/pictures/{good['added'][0]}")
        assert played.status_code == 200
        assert played.content[:4] == b"RIFF"


def test_new_routes_sit_behind_the_guard(studio: Server, clips: dict[str, list[Path]]) -> None:
    pid = sound_project(studio, "Guarded")
    wav = [("files", ("a.wav", clips["yes"][0].read_bytes()))]
    samples = np.zeros(16_000, "<f4").tobytes()
    with studio.client(Origin="http://evil.example") as http:
        assert http.post(f"{API}/{pid}/classes/yes/sounds", files=wav).status_code == 403
        assert http.post(f"{API}/{pid}/hear", content=samples).status_code == 403
    with studio.client(X_Opensight="", Sec_Fetch_Site="cross-site") as http:
        assert http.post(f"{API}/{pid}/hear", content=samples).status_code == 403
    with studio.client(X_Opensight="") as http:  # no browser label, but no Studio header either
        assert http.post(f"{API}/{pid}/classes/yes/sounds", files=wav).status_code == 403
    with studio.client() as http:
        assert http.get(f"{API}/{pid}").json()["classes"][0]["pictures"] == []


def test_a_trained_sound_project_hears_samples_and_recordings(studio: Server, clips: dict[str, list[Path]]) -> None:
    pid = sound_project(studio, "Heard", clips)
    silent = write_wav(clips["yes"][0].parent / "quiet room.wav", np.zeros(8_000, np.float32))
    with studio.client() as http:  # a silent clip is kept, and the training warns about it by its own name
        sent = http.post(f"{API}/{pid}/classes/yes/sounds", files=[("files", (silent.name, silent.read_bytes()))])
        assert sent.status_code == 200, sent.text
    with studio.client() as http:
        early = http.post(f"{API}/{pid}/hear", content=np.zeros(16_000, "<f4").tobytes())
        assert early.status_code == 404
    trained(studio, pid)
    said = espeak("yes", clips["yes"][0].parent / "test-yes.wav", speed=160)
    with studio.client() as http:
        samples, rate = read_wav(said)
        at_16k = np.interp(np.arange(0, samples.size, rate / 16_000), np.arange(samples.size), samples)
        heard = http.post(
            f"{API}/{pid}/hear",
            content=at_16k.astype("<f4").tobytes(),
            headers={"Content-Type": "application/octet-stream"},
        )
        assert heard.status_code == 200, heard.text
        answer = heard.json()
        assert {"label", "score", "unsure", "guess", "windows", "summary"} <= set(answer)
        assert answer["guess"] == "yes", answer
        odd = http.post(f"{API}/{pid}/hear", content=b"\x00\x00\x80")
        assert odd.status_code == 400
        assert "float32" in odd.json()["detail"]
        empty = http.post(f"{API}/{pid}/hear", content=b"")
        assert empty.status_code == 400
        long = http.post(f"{API}/{pid}/hear", content=np.zeros(16_000 * 11, "<f4").tobytes())
        assert long.status_code == 413
        assert "10 s" in long.json()["detail"]
        nan = http.post(f"{API}/{pid}/hear", content=np.full(16_000, np.nan, "<f4").tobytes())
        assert nan.status_code == 400
        tested = http.post(f"{API}/{pid}/predict", files={"file": ("clip.wav", said.read_bytes())})
        assert tested.status_code == 200, tested.text
        assert tested.json()["guess"] == "yes"
        web = http.get(f"{API}/{pid}/web.zip")
        assert web.status_code == 409
        assert "picture models only" in web.json()["detail"]
        evaluation = http.get(f"{API}/{pid}/evaluation").json()
        silent = [entry for entry in evaluation["skipped"] if entry.get("name") == "yes/quiet room.wav"]
        assert silent, evaluation["skipped"]  # left out, with its reason, under the name it was uploaded with
        assert silent[0]["reason"].startswith("silent (nothing louder than -60 dBFS)")
        keys = [key for row in evaluation["cells"] for cell in row for key in cell]
        assert keys
        assert all(key.split("/")[0] in ("yes", "background noise") for key in keys)
