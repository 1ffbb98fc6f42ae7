"""The ready-made tasks page and the project page's small things (issue 16, defects 5 and 11), in a real Chromium.

Each test here failed before its fix: literal "null" text in results and in the picture dialog, the "Your words"
box on every task, a stale result after switching task, face scores off the 0-1 scale, the "unsure" slider
starting below the model's threshold, "1 pictures", a clipped learning-curve label, and the steps out of order on
a phone.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image
from playwright.sync_api import Page, Route, expect

from tests._server import Server, running_server, wait_trained
from tests.browser.conftest import no_page_errors, shoot
from tests.conftest import sample_photo

API = "/studio/api/projects"


@pytest.fixture(scope="module")
def trained(home: Path, pictures: Path) -> str:
    """The id of a project taught cats vs coffee (5 + 5 pictures), made once through the API."""
    with running_server(["studio"], home=home, log=home / "server.log") as server, server.client() as http:
        pid: str = http.post(API, json={"name": "Cats and coffee"}).json()["id"]
        for label in ("cat", "coffee"):
            assert http.post(f"{API}/{pid}/classes", json={"name": label}).status_code == 201
            files = [("files", (p.name, p.read_bytes())) for p in sorted((pictures / label).glob("*.jpg"))]
            assert len(http.post(f"{API}/{pid}/classes/{label}/pictures", files=files).json()["added"]) == 5
        assert http.post(f"{API}/{pid}/train").status_code == 202
        assert wait_trained(http, pid)["state"] == "done"
    return pid


def photo(folder: Path, name: str) -> Path:
    path = folder / f"{name}.jpg"
    if not path.exists():
        Image.fromarray(sample_photo(name)).save(path, quality=92)
    return path


def answer_json(page: Page) -> dict[str, Any]:
    """The answer as the page shows it in "The answer as JSON"."""
    shown: dict[str, Any] = json.loads(page.locator("#task-result details pre").text_content() or "{}")
    return shown


def run_task(page: Page, studio: Server, task: str, picture: Path, headline: str) -> None:
    """Open the ready-made tasks page, run ``task`` on ``picture`` and wait for the result's headline."""
    page.goto(f"{studio.url}/studio/#/tasks")
    page.get_by_role("button", name=task, exact=True).click()
    page.set_input_files("#task-file", picture)
    expect(page.locator("#task-result h2")).to_contain_text(headline, timeout=60_000)


# ---------- defect 5: the ready-made tasks page --------------------------------------------------------------


def test_a_task_result_shows_no_null_text(studio: Server, page: Page, tmp_path: Path) -> None:
    errors = no_page_errors(page)
    run_task(page, studio, "classify", photo(tmp_path, "chelsea"), "Most likely")
    # the parts a task does not have (no drawing, no text, no tags...) used to come out as "nullnullnull"
    expect(page.locator("#task-result")).not_to_contain_text("null")
    assert errors == []


def test_the_picture_dialog_of_a_lone_class_shows_no_null_text(studio: Server, page: Page, pictures: Path) -> None:
    with studio.client() as http:
        pid = http.post(API, json={"name": "Only cats"}).json()["id"]
        http.post(f"{API}/{pid}/classes", json={"name": "cat"})
        picture = (pictures / "cat" / "cat0.jpg").read_bytes()
        http.post(f"{API}/{pid}/classes/cat/pictures", files=[("files", ("a.jpg", picture))])
    page.goto(f"{studio.url}/studio/#/p/{pid}")
    page.locator('article[data-class="cat"] .thumbs button').click()
    actions = page.locator("#picture-dialog-actions")
    expect(actions.get_by_role("button", name="Delete picture")).to_be_visible()
    # with no other class to move to, the three "move" parts used to come out as "nullnullnull"
    expect(actions).not_to_contain_text("null")
    expect(page.locator("#picture-dialog")).not_to_contain_text("null")


def test_your_words_show_only_for_tag(studio: Server, page: Page) -> None:
    page.goto(f"{studio.url}/studio/#/tasks")
    words = page.get_by_label("Your words")
    expect(page.get_by_role("button", name="classify", exact=True)).to_have_attribute("aria-pressed", "true")
    expect(words).to_be_hidden()
    page.get_by_role("button", name="tag", exact=True).click()
    expect(words).to_be_visible()
    page.get_by_role("button", name="detect", exact=True).click()
    expect(words).to_be_hidden()


def test_switching_task_forgets_the_last_result_and_file(studio: Server, page: Page, tmp_path: Path) -> None:
    errors = no_page_errors(page)
    cat = photo(tmp_path, "chelsea")
    page.goto(f"{studio.url}/studio/#/tasks")
    page.get_by_role("button", name="classify", exact=True).click()
    page.set_input_files("#task-file", cat)
    result = page.locator("#task-result")
    expect(result.locator("h2")).to_contain_text("Most likely", timeout=60_000)
    page.get_by_role("button", name="detect", exact=True).click()
    # the classify answer is gone, and the file box is empty: choosing the same file again must run detect (a
    # browser sends no "change" when the same file is chosen again into a box that still holds it)
    expect(result).not_to_contain_text("Most likely")
    assert page.locator("#task-file").evaluate("input => input.value") == ""
    assert page.locator("#task-file").evaluate("input => input.files.length") == 0
    page.set_input_files("#task-file", cat)
    expect(result.locator("h2")).to_contain_text("cat", timeout=60_000)
    assert answer_json(page)["detections"]
    assert errors == []


def test_face_scores_are_between_0_and_1(studio: Server, page: Page, tmp_path: Path) -> None:
    run_task(page, studio, "faces", photo(tmp_path, "astronaut"), "Found 1 face")
    scores = [face["score"] for face in answer_json(page)["faces"]]
    assert len(scores) == 1
    assert 0.5 < scores[0] <= 1.0, f"a face score off the 0-1 scale: {scores[0]}"  # dlib's raw margin was 1.49
    with studio.client() as http:  # the API answers the same
        drawn = http.post("/v1/faces", files={"file": ("a.jpg", photo(tmp_path, "astronaut").read_bytes())})
    assert all(0.0 <= face["score"] <= 1.0 for face in drawn.json()["faces"])


# ---------- defect 11: small things on the project page ------------------------------------------------------


def test_the_unsure_slider_starts_at_the_models_threshold(
    trained: str, studio: Server, page: Page, pictures: Path
) -> None:
    """A threshold just under a point of the curve (0.7795 between 0.77 and 0.78): the slider used to start at 0.77
    with 0.77's figures while the note said the model uses 0.78. The threshold is written as it is (0.7795, not
    0.78: a trial read a mistake at the rounded figure as answered), and where nothing is answered the readout says
    so instead of a precision ("answers 0% … right 100%")."""
    real = httpx.get(f"{studio.url}{API}/{trained}/evaluation").json()
    real["threshold"] = 0.7795
    real["unsure"].update(threshold=0.7795, precision=0.9, coverage=0.6)
    real["trade_off"][-1] = [1.0, 1.0, 0.0]
    first, second = real["class_names"][:2]
    real["mistakes"] = [  # at the threshold as rounded, but under it: the evaluation says which side it is on
        {"key": real["cells"][0][0][0], "label": first, "predicted": second, "confidence": 0.7795, "unsure": True}
    ]
    real["cells"][0][0] = real["cells"][0][0][:1]  # one picture in a cell: its title must say "1 cat picture"
    real["confusion"][0][0] = 1

    def patched(route: Route) -> None:
        route.fulfill(status=200, content_type="application/json", body=json.dumps(real))

    page.route(f"**{API}/{trained}/evaluation", patched)
    errors = no_page_errors(page)
    page.goto(f"{studio.url}/studio/#/p/{trained}")
    readout = page.locator("#unsure-readout")
    expect(readout).to_contain_text("below 0.7795 confidence")
    expect(readout).to_contain_text("answers 60% of the pictures and is right 90%")
    expect(page.get_by_text("The saved model uses 0.7795")).to_be_visible()
    expect(page.locator("figure.mistake figcaption")).to_have_text(f"{first} → {second}, 78% (it would say “unsure”)")
    page.locator("#unsure-slider").fill("0")
    expect(readout).to_contain_text("answers 100%")
    page.locator("#unsure-slider").fill(str(page.locator("#unsure-slider").get_attribute("max")))
    expect(readout).to_contain_text("the model answers none of the pictures (every answer comes back “unsure”)")
    page.get_by_role("button", name="1 cat picture the model called cat").click()
    expect(page.locator("#cell-pictures h3")).to_have_text("1 cat picture recognised correctly")
    assert errors == []


def test_learning_curve_labels_fit_in_the_chart(trained: str, studio: Server, page: Page) -> None:
    page.goto(f"{studio.url}/studio/#/p/{trained}")
    chart = page.locator(".curve svg")
    expect(chart).to_be_visible()
    shoot(page, "11-learning-curve")
    # the share of the examples each point used, under the axis (a trial: the chart had no x-axis ticks)
    texts = chart.evaluate("svg => [...svg.querySelectorAll('text')].map((t) => t.textContent)")
    assert {"25%", "50%", "75%"} <= set(texts), texts
    cut = """svg => {
      const view = svg.viewBox.baseVal, room = 2;  /* a wider font than this machine's must fit too */
      return [...svg.querySelectorAll("text")].map((t) => [t.textContent, t.getBBox()])
        .filter(([, b]) => b.x < view.x + room || b.y < view.y || b.x + b.width > view.x + view.width - room
                           || b.y + b.height > view.y + view.height)
        .map(([text, b]) => `${text}: x ${b.x.toFixed(1)}..${(b.x + b.width).toFixed(1)}, `
                            + `y ${b.y.toFixed(1)}..${(b.y + b.height).toFixed(1)}`);
    }"""
    outside = chart.evaluate(cut)
    assert outside == [], f"labels cut off by the chart's edge: {outside}"
    # DejaVu Sans (the stack's fallback on Linux) is wider than Noto Sans: "100%" must fit in it too
    chart.evaluate("svg => { svg.style.fontFamily = '\"DejaVu Sans\"'; }")
    outside = chart.evaluate(cut)
    assert outside == [], f"labels cut off in DejaVu Sans: {outside}"


def test_one_picture_is_one_picture(studio: Server, page: Page, pictures: Path) -> None:
    with studio.client() as http:
        pid = http.post(API, json={"name": "Just one"}).json()["id"]
        http.post(f"{API}/{pid}/classes", json={"name": "cat"})
        picture = (pictures / "cat" / "cat1.jpg").read_bytes()
        http.post(f"{API}/{pid}/classes/cat/pictures", files=[("files", ("a.jpg", picture))])
    page.goto(f"{studio.url}/studio/")
    expect(page.get_by_role("link", name="Just one")).to_contain_text("1 class · 1 picture · not trained yet")
    page.goto(f"{studio.url}/studio/#/p/{pid}")
    heading = page.locator('article[data-class="cat"] h3')
    expect(heading).to_contain_text("(1 picture)")
    expect(heading).not_to_contain_text("pictures")


def test_the_steps_read_in_order_on_a_phone(trained: str, studio: Server, page: Page) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{studio.url}/studio/#/p/{trained}")
    expect(page.locator("#accuracy-sentence")).to_be_visible()
    steps = page.locator("section > h2")
    expect(steps).to_have_count(5)
    titles = steps.all_text_contents()
    assert [title[:2] for title in titles] == ["1.", "2.", "3.", "4.", "5."], titles  # the reading order
    tops = [box["y"] for box in (step.bounding_box() for step in steps.all()) if box]
    assert tops == sorted(tops), f"the steps are not shown top to bottom in order: {titles} at {tops}"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width} px wide)"
    shoot(page, "12-phone-steps")


def test_the_steps_keep_two_columns_on_a_wide_screen(trained: str, studio: Server, page: Page) -> None:
    page.goto(f"{studio.url}/studio/#/p/{trained}")
    expect(page.locator("#accuracy-sentence")).to_be_visible()
    examples = page.locator("section[aria-labelledby=examples-title]").bounding_box()
    train = page.locator("section[aria-labelledby=train-title]").bounding_box()
    evaluation = page.locator("section[aria-labelledby=eval-title]").bounding_box()
    test = page.locator("section[aria-labelledby=test-title]").bounding_box()
    assert examples
    assert train
    assert evaluation
    assert test
    assert train["x"] > examples["x"] + examples["width"] - 1, "Train sits beside the examples"
    assert test["x"] == train["x"], "Test sits under Train"
    assert test["y"] > train["y"], "Test sits under Train"
    assert evaluation["width"] > examples["width"] + train["width"] - 40, "How good is it? spans the page"
    shoot(page, "13-wide-steps")


# ---------- issue 18: the segment task's before/after slider -------------------------------------------------

#: A background pixel of the astronaut (the space behind her) and a person pixel (her face), as (x, y).
BACKGROUND, PERSON = (5, 5), (250, 150)

PIXEL = """(canvas, [x, y]) => Array.from(canvas.getContext("2d").getImageData(x, y, 1, 1).data.slice(0, 3))"""


def test_segment_shows_a_before_after_slider(studio: Server, page: Page, tmp_path: Path) -> None:
    errors = no_page_errors(page)
    run_task(page, studio, "segment", photo(tmp_path, "astronaut"), "A person covers")
    expect(page.locator("#task-compare")).to_have_attribute("data-ready", "true", timeout=10_000)
    slider = page.get_by_role("slider", name="Show the result")
    canvas = page.locator("#compare-canvas")
    assert canvas.evaluate("c => [c.width, c.height]") == [512, 512]  # the picture's own size
    assert "mask" not in answer_json(page)  # the data URL is drawn, not printed
    # from the keyboard: Home shows the picture as given, End the result all over
    slider.focus()
    page.keyboard.press("Home")
    expect(slider).to_have_value("0")
    before = {spot: canvas.evaluate(PIXEL, spot) for spot in (BACKGROUND, PERSON)}
    page.keyboard.press("End")
    expect(slider).to_have_value("100")
    expect(slider).to_have_attribute("aria-valuetext", "100% of the picture shows the result")
    after = {spot: canvas.evaluate(PIXEL, spot) for spot in (BACKGROUND, PERSON)}
    assert sum(after[BACKGROUND]) < 0.6 * sum(before[BACKGROUND]), (before, after)  # the background dimmed
    assert after[PERSON] == before[PERSON], (before, after)  # the person kept as she is
    # halfway: the left half is the result, the right half the picture
    slider.fill("50")
    assert canvas.evaluate(PIXEL, BACKGROUND) == after[BACKGROUND]
    assert canvas.evaluate(PIXEL, [506, 5]) != canvas.evaluate(PIXEL, [5, 5])
    page.keyboard.press("ArrowLeft")
    expect(slider).to_have_value("49")
    box = canvas.bounding_box()  # a click on the picture moves the line there
    assert box
    canvas.click(position={"x": box["width"] / 4, "y": 10})
    expect(slider).to_have_value("25")
    # the other backgrounds: a checkerboard where the background was
    page.get_by_label("Background", exact=True).select_option("transparent")
    slider.fill("100")
    checker = canvas.evaluate(PIXEL, BACKGROUND)
    assert checker[0] == checker[1] == checker[2], checker  # grey
    assert checker[0] >= 0xC8, checker  # light
    assert canvas.evaluate(PIXEL, PERSON) == before[PERSON]
    page.get_by_label("Background", exact=True).select_option("blurred")
    assert canvas.evaluate(PIXEL, PERSON) == before[PERSON]
    shoot(page, "18-segment-before-after")
    assert errors == []
